"""The alignment of the four views, on a small fixed data set written here, against figures
computed by hand (the computation is in the comments), on both kinds of centre; the quadratic
kappa also against scikit-learn's; the command line's output; the drill-down.

The data set (March 2026; s = self-assessment, m = manager, q = quality, CSAT 1-5 and on the
4-point scale c: 1->1, 2->2, 3->2, 4->3, 5->4):

    team A  alice  A1 s4 m4 q3 CSAT 5 (c4)   closed 03-01 00:00:00 (the first instant)
                   A2 s3 m2 q2 CSAT 2 (c2)   over: rated 3-4, CSAT 1-2
                   A3 s4 m3 -  CSAT 1 (c1)   over
                   A4 s2 m2 q2 CSAT 4 (c3)   under: rated 1-2, CSAT 4-5
                   A5 s3 -  -  CSAT 3 (c2)   neutral: neither
                   A6 s3 m3 -  -
                   A7 s4 -  -  -             closed 03-31 23:59:59 (the last instant)
            bob    B1 s2 m1 q2 CSAT 1 (c1)
                   B2 s3 m3 q4 CSAT 5 (c4)
                   B3 -  -  -  CSAT 4 (c3)   no wrap-up
                   B4 s2 -  -  -
    team B  carol  C1 s4 m4 -  CSAT 5 (c4)
                   C2 s1 m2 -  -

and what must not count: rows a correction superseded (A2's first wrap-up s1 and first manager
evaluation 4; A4's wrap-up s1 written later by a workstation's fast clock but superseded by the
s2), a colleague's wrap-up of their part (bob's s1 on A3), an evaluation of an earlier closing
(quality 1 of bob on A1), an older manager evaluation (B1's 3, then 1), contacts closed just
outside the period (02-28 23:59:59 and 04-01 00:00:00), one reopened (in progress).
"""

import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from centres import EmbeddedCentre, PostgresCentre, owner, server_url
from kappa_reference import sklearn_kappa
from sqlalchemy import insert

from app.backoffice import alignment
from app.backoffice.alignment import Behind
from app.backoffice.centre import BackOffice
from app.db import Database
from app.errors import InputError
from app.ids import new_id
from app.models import Contact, Evaluation, ReasonCode, SurveyAnswer, WrapUp
from app.workspace import find_user

TEAM_A, TEAM_B = "Équipe A", "Équipe B"
START, END = date(2026, 3, 1), date(2026, 3, 31)
MID = datetime(2026, 3, 15, 10, tzinfo=UTC)

# reference: (advisor, self, manager, quality, CSAT, closed_at)
CONTACTS = {
    "A1": ("alice", 4, 4, 3, 5, datetime(2026, 3, 1, tzinfo=UTC)),
    "A2": ("alice", 3, 2, 2, 2, MID),
    "A3": ("alice", 4, 3, None, 1, MID),
    "A4": ("alice", 2, 2, 2, 4, MID),
    "A5": ("alice", 3, None, None, 3, MID),
    "A6": ("alice", 3, 3, None, None, MID),
    "A7": ("alice", 4, None, None, None, datetime(2026, 3, 31, 23, 59, 59, tzinfo=UTC)),
    "B1": ("bob", 2, 1, 2, 1, MID),
    "B2": ("bob", 3, 3, 4, 5, MID),
    "B3": ("bob", None, None, None, 4, MID),
    "B4": ("bob", 2, None, None, None, MID),
    "C1": ("carol", 4, 4, None, 5, MID),
    "C2": ("carol", 1, 2, None, None, MID),
    # outside the period
    "D1": ("alice", 1, 1, 1, 1, datetime(2026, 2, 28, 23, 59, 59, tzinfo=UTC)),
    "D2": ("alice", 1, 1, 1, 5, datetime(2026, 4, 1, tzinfo=UTC)),
}
WORDS = {"A3": "Très déçu, personne ne m'a rappelé.", "A2": "Toujours pas remboursé."}


# -- the centre and its data ---------------------------------------------------------------------


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def centre(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path_factory.mktemp("centre")).create(customers=0)
    else:
        url = server_url()
        made = PostgresCentre(url).create(customers=0)
    people = SimpleNamespace(
        alice=made.add_user("advisor", TEAM_A),
        bob=made.add_user("advisor", TEAM_A),
        carol=made.add_user("advisor", TEAM_B),
        chief=made.add_user("supervisor", TEAM_A),
        boss=made.add_user("admin", None),
    )
    truth = owner(made)
    _write_data_set(truth, people)
    made.people = people
    made.truth = truth
    yield made
    truth.dispose()
    made.drop()


def _write_data_set(db: Database, people: SimpleNamespace) -> None:
    users = {name: find_user(db, getattr(people, name)) for name in vars(people)}
    ids = {name: who.advisor_id for name, who in users.items()}
    teams = {who.advisor_id: who.team_id for who in users.values()}
    reason = new_id()
    at = MID - timedelta(hours=1)
    # Rows another one supersedes go in first (the foreign key points at them).
    first: dict = {WrapUp: [], Evaluation: []}
    rows: dict = {WrapUp: [], Evaluation: [], SurveyAnswer: []}

    def wrap(contact, advisor, value, created, into=rows) -> dict:
        row = {"id": new_id(), "contact_id": contact, "advisor_id": advisor, "created_at": created,
               "reason_code_id": reason, "outcome": "resolved", "self_assessment": value,
               "supersedes_id": None}  # fmt: skip
        into[WrapUp].append(row)
        return row

    def evaluate(contact, advisor, kind, score, created, by="chief", into=rows) -> dict:
        row = {"id": new_id(), "contact_id": contact, "evaluator_id": ids[by], "kind": kind,
               "score": score, "created_at": created, "advisor_id": advisor,
               "supersedes_id": None}  # fmt: skip
        into[Evaluation].append(row)
        return row

    contacts = {ref: new_id() for ref in CONTACTS}
    reopened = new_id()
    final: dict = {}
    for ref, (who, s, m, q, csat, _) in CONTACTS.items():
        c, advisor = contacts[ref], ids[who]
        if s is not None:
            final[ref, "self"] = wrap(c, advisor, s, at)
        if m is not None:
            final[ref, "manager"] = evaluate(c, advisor, "manager", m, at)
        if q is not None:
            evaluate(c, advisor, "quality", q, at, by="boss")
        if csat is not None:
            words = WORDS.get(ref, "")
            rows[SurveyAnswer].append({"id": new_id(), "contact_id": c, "csat": csat,
                                       "comment": words, "answered_at": MID})  # fmt: skip
    # What must not count.
    alice, bob = ids["alice"], ids["bob"]
    old = wrap(contacts["A2"], alice, 1, at - timedelta(hours=1), into=first)
    final["A2", "self"]["supersedes_id"] = old["id"]  # A2's s1 corrected to s3
    fast = wrap(contacts["A4"], alice, 1, at + timedelta(hours=2), into=first)
    final["A4", "self"]["supersedes_id"] = fast["id"]  # later by its clock, yet corrected
    wrap(contacts["A3"], bob, 1, at + timedelta(hours=1))  # bob's own part of alice's contact
    old = evaluate(contacts["A2"], alice, "manager", 4, at - timedelta(hours=1), into=first)
    final["A2", "manager"]["supersedes_id"] = old["id"]
    evaluate(contacts["A1"], bob, "quality", 1, at + timedelta(hours=1), by="boss")  # bob's
    evaluate(contacts["B1"], bob, "manager", 3, at - timedelta(hours=1))  # older than the 1
    wrap(reopened, alice, 1, at)
    evaluate(reopened, alice, "quality", 1, at, by="boss")
    rows[SurveyAnswer].append({"id": new_id(), "contact_id": reopened, "csat": 1,
                               "comment": "", "answered_at": MID})  # fmt: skip
    with db.engine.begin() as conn:
        conn.execute(insert(ReasonCode), [{"id": reason, "code": "other", "label_en": "Other",
                                           "label_fr": "Autre"}])  # fmt: skip
        conn.execute(
            insert(Contact),
            [_contact(contacts[ref], ref, ids[who], teams[ids[who]], closed) for ref, (who, *_,
             closed) in CONTACTS.items()] + [_contact(reopened, "R1", alice, teams[alice], MID,
                                                       "in_progress")],
        )  # fmt: skip
        for table in (WrapUp, Evaluation):
            conn.execute(insert(table), first[table])
            conn.execute(insert(table), rows[table])
        conn.execute(insert(SurveyAnswer), rows[SurveyAnswer])


def _contact(contact_id, ref, advisor, team, closed_at, status="closed") -> dict:
    return {"id": contact_id, "reference": ref, "channel": "email", "status": status,
            "team_id": team,
            "received_at": closed_at - timedelta(hours=3), "due_at": closed_at,
            "assigned_to": advisor, "closed_at": closed_at}  # fmt: skip


def office_of(centre, name: str) -> BackOffice:
    login = getattr(centre.people, name)
    url = centre.url if centre.kind == "sqlite" else centre.user_url(login)
    db = Database(url, "central")
    return BackOffice(db, find_user(db, login))


@pytest.fixture(scope="module")
def boss(centre) -> Iterator[BackOffice]:
    office = office_of(centre, "boss")
    yield office
    office.db.dispose()


@pytest.fixture(scope="module")
def whole(centre, boss) -> alignment.Report:
    return alignment.report(boss, START, END)


def lines(result: alignment.Report, centre) -> dict[str, alignment.Figures]:
    """The report's lines by a short name: all, A, B, alice, bob, carol."""
    login = {getattr(centre.people, n): n for n in vars(centre.people)}
    named = {}
    for line in result.figures:
        if line.scope == "all":
            named["all"] = line
        elif line.scope == "team":
            named[{TEAM_A: "A", TEAM_B: "B"}[line.team]] = line
        else:
            named[login[line.advisor]] = line
    return named


# -- the figures, by hand ------------------------------------------------------------------------

# Coverage (closed, self, manager, quality, customer), counted in the table above.
COVERAGE = {
    "alice": (7, 7, 5, 3, 5),
    "bob": (4, 3, 2, 2, 3),  # B3 has no wrap-up
    "carol": (2, 2, 2, 0, 1),
    "A": (11, 10, 7, 5, 8),  # alice + bob
    "B": (2, 2, 2, 0, 1),
    "all": (13, 12, 9, 5, 9),
}

# Calibration (surveyed contacts with a self-assessment, over, under): alice rated A1-A5 and their
# customers answered; over = A2 (s3, CSAT 2) and A3 (s4, CSAT 1); under = A4 (s2, CSAT 4); A5's
# CSAT 3 is neither. Bob: B1 (s2, CSAT 1: no) and B2 (s3, CSAT 5: no). Carol: C1.
CALIBRATION = {
    "alice": (5, 2, 1),
    "bob": (2, 0, 0),
    "carol": (1, 0, 0),
    "A": (7, 2, 1),
    "B": (1, 0, 0),
    "all": (8, 2, 1),
}

# Per pair: (n, agreeing, mean gap first - second, quadratic kappa). Kappa by hand with weights
# (a-b)^2: 1 - sum w*O / sum w*E, E_ab = row_a * col_b / n (scaling the weights changes nothing).
F = None  # no kappa: every contact in one row and one column
PAIRS = {
    "alice": {
        # A1 (4,4) A2 (3,2) A3 (4,3) A4 (2,2) A6 (3,3): gap (0+1+1+0+0)/5.
        # rows s2:1 s3:2 s4:2, cols m2:2 m3:2 m4:1; wO = 1+1 = 2;
        # wE*n = 1*(2*0+2*1+1*4) + 2*(2*1+2*0+1*1) + 2*(2*4+2*1+1*0) = 6+6+20 = 32 -> 1-2/6.4
        ("self", "manager"): (5, 3, 0.4, 0.6875),
        # A1 (4,3) A2 (3,2) A4 (2,2): rows s2:1 s3:1 s4:1, cols q2:2 q3:1; wO = 2;
        # wE*n = (2*0+1*1) + (2*1+1*0) + (2*4+1*1) = 12 -> 1-2/4
        ("self", "quality"): (3, 1, 2 / 3, 0.5),
        # A1 (4,4) A2 (3,2) A3 (4,1) A4 (2,3) A5 (3,2): gap (0+1+3-1+1)/5; wO = 0+1+9+1+1 = 12;
        # rows s2:1 s3:2 s4:2, cols c1:1 c2:2 c3:1 c4:1;
        # wE*n = 1*(1+0+1+4) + 2*(4+2+0+1) + 2*(9+8+1+0) = 6+14+36 = 56 -> 1-12/11.2 = -1/14
        ("self", "customer"): (5, 1, 0.8, -1 / 14),
        # A1 (4,3) A2 (2,2) A4 (2,2): rows m2:2 m4:1, cols q2:2 q3:1; wO = 1;
        # wE*n = 2*(0+1) + 1*(2*4+1*1) = 11 -> 1-3/11
        ("manager", "quality"): (3, 2, 1 / 3, 8 / 11),
        # A1 (4,4) A2 (2,2) A3 (3,1) A4 (2,3): gap (0+0+2-1)/4; wO = 4+1 = 5;
        # rows m2:2 m3:1 m4:1, cols c1..c4: 1 each;
        # wE*n = 2*(1+0+1+4) + (4+1+0+1) + (9+4+1+0) = 12+6+14 = 32 -> 1-5/8
        ("manager", "customer"): (4, 2, 0.25, 0.375),
        # A1 (3,4) A2 (2,2) A4 (2,3): gap (-1+0-1)/3; wO = 2; rows q2:2 q3:1, cols c2 c3 c4: 1;
        # wE*n = 2*(0+1+4) + (1+0+1) = 12 -> 1-2/4
        ("quality", "customer"): (3, 1, -2 / 3, 0.5),
    },
    "bob": {
        # B1 (2,1) B2 (3,3): wO = 1; wE*n = (1+1) + (4+0) = 6 -> 1-1/3
        ("self", "manager"): (2, 1, 0.5, 2 / 3),
        # B1 (2,2) B2 (3,4): wO = 1; wE*n = (0+4) + (1+1) = 6 -> 1-1/3
        ("self", "quality"): (2, 1, -0.5, 2 / 3),
        # B1 (2,1) B2 (3,4): gap (1-1)/2; wO = 2; wE*n = (1+4) + (4+1) = 10 -> 1-2/5
        ("self", "customer"): (2, 0, 0.0, 0.6),
        # B1 (1,2) B2 (3,4): wO = 2; wE*n = (1+9) + (1+1) = 12 -> 1-2/6
        ("manager", "quality"): (2, 0, -1.0, 2 / 3),
        # B1 (1,1) B2 (3,4): wO = 1; wE*n = (0+9) + (4+1) = 14 -> 1-1/7
        ("manager", "customer"): (2, 1, -0.5, 6 / 7),
        # B1 (2,1) B2 (4,4): wO = 1; wE*n = (1+4) + (9+0) = 14 -> 1-1/7
        ("quality", "customer"): (2, 1, 0.5, 6 / 7),
    },
    "carol": {
        # C1 (4,4) C2 (1,2): wO = 1; wE*n = (1+9) + (4+0) = 14 -> 1-1/7
        ("self", "manager"): (2, 1, -0.5, 6 / 7),
        ("self", "quality"): (0, 0, None, None),
        ("self", "customer"): (1, 1, 0.0, F),  # C1 alone: expected disagreement 0
        ("manager", "quality"): (0, 0, None, None),
        ("manager", "customer"): (1, 1, 0.0, F),
        ("quality", "customer"): (0, 0, None, None),
    },
    "A": {  # alice's cells + bob's
        # + B1 (2,1) B2 (3,3): gap (2+1)/7; wO = 2+1 = 3; rows s2:2 s3:3 s4:2,
        # cols m1:1 m2:2 m3:3 m4:1; wE*n = 2*(1+0+3+4) + 3*(4+2+0+1) + 2*(9+8+3+0) = 16+21+40
        # = 77 -> 1-3/11
        ("self", "manager"): (7, 4, 3 / 7, 8 / 11),
        # + B1 (2,2) B2 (3,4): gap (2+0-1)/5; wO = 2+0+1 = 3; rows s2:2 s3:2 s4:1,
        # cols q2:3 q3:1 q4:1; wE*n = 2*(0+1+4) + 2*(3+0+1) + (12+1+0) = 10+8+13 = 31 -> 1-15/31
        ("self", "quality"): (5, 2, 0.2, 16 / 31),
        # + B1 (2,1) B2 (3,4): gap (4+0)/7; wO = 12+1+1 = 14; rows s2:2 s3:3 s4:2,
        # cols c1:2 c2:2 c3:1 c4:2; wE*n = 2*(2+0+1+8) + 3*(8+2+0+2) + 2*(18+8+1+0) = 22+36+54
        # = 112 -> 1-14/16
        ("self", "customer"): (7, 1, 4 / 7, 0.125),
        # + B1 (1,2) B2 (3,4): gap (1-1-1)/5; wO = 1+1+1 = 3; rows m1:1 m2:2 m3:1 m4:1,
        # cols q2:3 q3:1 q4:1; wE*n = (3+4+9) + 2*(0+1+4) + (3+0+1) + (12+1+0) = 16+10+4+13
        # = 43 -> 1-15/43
        ("manager", "quality"): (5, 2, -0.2, 28 / 43),
        # + B1 (1,1) B2 (3,4): gap (1+0-1)/6; wO = 5+0+1 = 6; rows m1:1 m2:2 m3:2 m4:1,
        # cols c1:2 c2:1 c3:1 c4:2; wE*n = (0+1+4+18) + 2*(2+0+1+8) + 2*(8+1+0+2) + (18+4+1+0)
        # = 23+22+22+23 = 90 -> 1-6/15
        ("manager", "customer"): (6, 3, 0.0, 0.6),
        # + B1 (2,1) B2 (4,4): gap (-2+1)/5; wO = 2+1 = 3; rows q2:3 q3:1 q4:1,
        # cols c1:1 c2:1 c3:1 c4:2; wE*n = 3*(1+0+1+8) + (4+1+0+2) + (9+4+1+0) = 30+7+14 = 51
        # -> 1-15/51
        ("quality", "customer"): (5, 2, -0.2, 12 / 17),
    },
    "all": {  # team A's cells + carol's
        # + C1 (4,4) C2 (1,2): gap (3-1)/9; wO = 3+1 = 4; rows s1:1 s2:2 s3:3 s4:3,
        # cols m1:1 m2:3 m3:3 m4:2; wE*n = (0+3+12+18) + 2*(1+0+3+8) + 3*(4+3+0+2)
        # + 3*(9+12+3+0) = 33+24+27+72 = 156 -> 1-36/156
        ("self", "manager"): (9, 5, 2 / 9, 10 / 13),
        ("self", "quality"): (5, 2, 0.2, 16 / 31),  # carol has no quality evaluation
        # + C1 (4,4): gap 4/8; wO = 14; rows s2:2 s3:3 s4:3, cols c1:2 c2:2 c3:1 c4:3;
        # wE*n = 2*(2+0+1+12) + 3*(8+2+0+3) + 3*(18+8+1+0) = 30+39+81 = 150 -> 1-14*8/150
        ("self", "customer"): (8, 2, 0.5, 19 / 75),
        ("manager", "quality"): (5, 2, -0.2, 28 / 43),
        # + C1 (4,4): wO = 6; rows m1:1 m2:2 m3:2 m4:2, cols c1:2 c2:1 c3:1 c4:3;
        # wE*n = (0+1+4+27) + 2*(2+0+1+12) + 2*(8+1+0+3) + 2*(18+4+1+0) = 32+30+24+46 = 132
        # -> 1-6*7/132
        ("manager", "customer"): (7, 4, 0.0, 15 / 22),
        ("quality", "customer"): (5, 2, -0.2, 12 / 17),
    },
}
PAIRS["B"] = PAIRS["carol"]

# Confusion matrices (rows: first view 1-4, columns: second view 1-4), from the cells above.
MATRICES = {
    ("alice", ("self", "customer")): ((0, 0, 0, 0), (0, 0, 1, 0), (0, 2, 0, 0), (1, 0, 0, 1)),
    ("A", ("self", "manager")): ((0, 0, 0, 0), (1, 1, 0, 0), (0, 1, 2, 0), (0, 0, 1, 1)),
    ("all", ("manager", "customer")): ((1, 0, 0, 0), (0, 1, 1, 0), (1, 0, 0, 1), (0, 0, 0, 2)),
}


@pytest.mark.parametrize("name", ["all", "A", "B", "alice", "bob", "carol"])
def test_every_figure_is_the_one_computed_by_hand(whole, centre, name) -> None:
    line = lines(whole, centre)[name]
    assert line.coverage.as_tuple() == COVERAGE[name]
    calibration = line.calibration
    assert (calibration.surveyed, calibration.over, calibration.under) == CALIBRATION[name]
    surveyed, over, under = CALIBRATION[name]
    assert calibration.over_share == pytest.approx(over / surveyed)
    assert calibration.under_share == pytest.approx(under / surveyed)
    figures = {(p.first, p.second): p for p in line.pairs}
    assert list(figures) == list(alignment.PAIRS)
    for pair, (n, agreeing, gap, kappa) in PAIRS[name].items():
        got = figures[pair]
        assert (got.n, got.agreeing) == (n, agreeing), pair
        assert got.agreement == (None if n == 0 else pytest.approx(agreeing / n)), pair
        assert got.mean_gap == (None if gap is None else pytest.approx(gap)), pair
        assert got.kappa == (None if kappa is None else pytest.approx(kappa)), pair
        assert sum(map(sum, got.matrix)) == n
    for (who, pair), expected in MATRICES.items():
        if who == name:
            assert figures[pair].matrix == expected


def test_the_report_has_a_line_for_the_selection_each_team_and_each_advisor(whole, centre):
    assert [(f.scope, f.team) for f in whole.figures] == [
        ("all", None), ("team", TEAM_A), ("advisor", TEAM_A), ("advisor", TEAM_A),
        ("team", TEAM_B), ("advisor", TEAM_B),
    ]  # fmt: skip
    assert whole.empty is None


# The surveyed share and Wilson's interval (z = 1.95996): centre (p + z²/2n) / (1 + z²/n),
# half-width z sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
#   team A 4 of 8 (A1, A4, B2, B3): centre (0.5 + 0.240091) / 1.480182 = 0.5,
#     half 1.959964 * sqrt(0.03125 + 0.0150057) / 1.480182 = 0.284784 -> [0.215216, 0.784784]
#   team B 1 of 1: low = n / (n + z²) = 1 / 4.841459 = 0.206549, high 1
#   all 5 of 9: centre (0.555556 + 0.213414) / 1.426829 = 0.538936,
#     half 1.959964 * sqrt(0.0274348 + 0.0118564) / 1.426829 = 0.272285 -> [0.266651, 0.811221]
SURVEYED = {
    "A": (8, 4, 0.5, 0.215216, 0.784784),
    "B": (1, 1, 1.0, 0.206549, 1.0),
    "all": (9, 5, 5 / 9, 0.266651, 0.811221),
}

# The bias-corrected estimate (M = 4, see app.backoffice.alignment_stats), team A:
#   surveyed n = 8, satisfied K = 4: pi = (4+1)/(8+2) = 0.5
#   levels (surveyed, satisfied): s4 (A1 yes, A3 no) 2, 1; s3 (A2 no, A5 no, B2 yes) 3, 1;
#     s2 (A4 yes, B1 no) 2, 1; none (B3 yes) 1, 1
#   pi_4 = (1 + 4*0.5)/(2+4) = 0.5; pi_3 = (1+2)/(3+4) = 3/7; pi_2 = 3/6 = 0.5; pi_0 = 3/5
#   unsurveyed: A7 (alice s4), A6 (alice s3), B4 (bob s2):
#     p(alice, 4) = (1 + 4*0.5)/(2+4) = 0.5; p(alice, 3) = (0 + 4*3/7)/(2+4) = 2/7;
#     p(bob, 2) = (0 + 4*0.5)/(1+4) = 0.4
#   E = (4 + 0.5 + 2/7 + 0.4) / 11 = 33/70 = 0.471429
#   variance: A_s = sum of U m/(n+m) at level s: A_4 = 4/6, A_3 = 4/6, A_2 = 4/5;
#     through the team's rate: (A_4*4/6 + A_3*4/7 + A_2*4/6) / (8+2) = (4/9 + 8/21 + 8/15) / 10
#     = 0.135873; gradients g = (1 + U/(n+4) + A_s/(n_s+4) + 0.135873) / 11 and binomial
#     variances n p (1-p):
#       alice s4 (n 2, p 0.5): g = 1.413651/11 = 0.128514, v = 0.5
#       alice s3 (n 2, p 2/7): g = 1.397778/11 = 0.127071, v = 20/49
#       alice s2 (n 1, p (1+2)/5 = 0.6): g = 1.269206/11 = 0.115382, v = 0.24
#       bob s2 (n 1, p 0.4): g = 1.469206/11 = 0.133564, v = 0.24
#       bob s3 (n 1, p (1+12/7)/5 = 19/35): g = 1.231111/11 = 0.111919, v = 0.248163
#       bob none (n 1, p (1+4*0.6)/5 = 0.68): g = 1.135873/11 = 0.103261, v = 0.2176
#     sum g² v = 0.0082579 + 0.0065906 + 0.0031951 + 0.0042815 + 0.0031085 + 0.0023202
#     = 0.0277538; the unsurveyed customers' own chance: (0.25 + 10/49 + 0.24) / 121 = 0.0057362
#     -> sd sqrt(0.0334900) = 0.183003, interval 0.471429 -+ 0.358679 = [0.112750, 0.830107]
# team B: n = 1, K = 1: pi = 2/3; C2 (s1, unsurveyed): pi_1 = pi = 2/3, p = (0 + 4*2/3)/4 = 2/3;
#   E = (1 + 2/3) / 2 = 5/6; C1 (s4, n 1): pi_4 = (1 + 8/3)/5 = 11/15, p = (1 + 44/15)/5 = 59/75,
#   g = (1 + 0 + 0 + (A_1 = 1) * 4/4 / 3) / 2 = 2/3, v = 59/75 * 16/75 = 0.167822;
#   variance 4/9 * 0.167822 + (2/3 * 1/3) / 4 = 0.074588 + 0.055556 = 0.130143, sd 0.360754,
#   interval 0.833333 -+ 0.707065 = [0.126269, 1 (cut)]
# all: (11 * 33/70 + 2 * 5/6) / 13 = 0.527106; variance (11/13)² 0.033490 + (2/13)² 0.130143
#   = 0.027058, sd 0.164494, interval 0.527106 -+ 0.322403 = [0.204703, 0.849509]
ESTIMATED = {
    "A": (33 / 70, 0.112750, 0.830107, 11, 8),
    "B": (5 / 6, 0.126269, 1.0, 2, 1),
    "all": (0.527106, 0.204703, 0.849509, 13, 9),
}


@pytest.mark.parametrize("name", ["all", "A", "B"])
def test_satisfaction_surveyed_and_corrected_by_each_advisors_bias(whole, centre, name) -> None:
    satisfaction = lines(whole, centre)[name].satisfaction
    assert satisfaction is not None
    n, k, share, low, high = SURVEYED[name]
    assert (satisfaction.surveyed, satisfaction.satisfied) == (n, k)
    assert satisfaction.share == pytest.approx(share)
    assert satisfaction.interval == pytest.approx((low, high), abs=2e-6)
    estimate = satisfaction.estimate
    value, low, high, contacts, surveyed = ESTIMATED[name]
    assert estimate is not None and satisfaction.why is None
    assert estimate.share == pytest.approx(value, abs=2e-6)
    assert (estimate.low, estimate.high) == pytest.approx((low, high), abs=2e-6)
    assert (estimate.contacts, estimate.surveyed) == (contacts, surveyed)


def test_advisor_lines_carry_no_satisfaction_estimate(whole, centre) -> None:
    assert all(f.satisfaction is None for f in whole.figures if f.scope == "advisor")


# -- kappa against scikit-learn ------------------------------------------------------------------


def test_the_reports_kappas_are_scikit_learns(whole) -> None:
    compared = 0
    for line in whole.figures:
        for pair in line.pairs:
            if pair.kappa is not None:
                assert pair.kappa == pytest.approx(sklearn_kappa(pair.matrix)), pair
                compared += 1
    assert compared >= 25


# -- who reads what ------------------------------------------------------------------------------


def test_a_supervisor_reads_their_team_as_the_administrator_does(centre, whole) -> None:
    chief = office_of(centre, "chief")
    try:
        mine = alignment.report(chief, START, END)
    finally:
        chief.db.dispose()
    theirs = lines(whole, centre)
    got = lines(mine, centre)
    assert set(got) == {"all", "A", "alice", "bob"}
    for name in ("A", "alice", "bob"):
        assert got[name] == theirs[name], name
    assert got["all"].coverage == theirs["A"].coverage


def test_an_advisor_reads_their_own_alignment_only(centre, whole) -> None:
    alice = office_of(centre, "alice")
    try:
        mine = alignment.report(alice, START, END)
        assert [f.scope for f in mine.figures] == ["all", "advisor"]
        assert lines(mine, centre)["alice"] == lines(whole, centre)["alice"]
        for team, login in ((None, centre.people.bob), (TEAM_B, None), (TEAM_A, None)):
            with pytest.raises(alignment.q.NotYours) as refused:
                alignment.report(alice, START, END, team=team, advisor=login)
            assert "own alignment only" in refused.value.text()
        with pytest.raises(alignment.q.NotYours):
            alignment.contacts_behind(alice, START, END, Behind(), advisor=centre.people.bob)
        # naming herself is asking for her own
        assert alignment.report(alice, START, END, advisor=centre.people.alice) == mine
    finally:
        alice.db.dispose()


def test_a_supervisor_is_refused_another_team_and_its_advisors(centre) -> None:
    chief = office_of(centre, "chief")
    try:
        with pytest.raises(alignment.q.NotYours, match="own team"):
            alignment.report(chief, START, END, team=TEAM_B)
        with pytest.raises(alignment.q.NotYours, match="not in your team"):
            alignment.report(chief, START, END, advisor=centre.people.carol)
        only_bob = alignment.report(chief, START, END, advisor=centre.people.bob)
        assert [f.scope for f in only_bob.figures] == ["all", "advisor"]
        assert only_bob.figures[0].coverage.as_tuple() == COVERAGE["bob"]
    finally:
        chief.db.dispose()


def test_unknown_names_and_a_reversed_period_are_clear_input_errors(boss, centre) -> None:
    with pytest.raises(InputError, match="There is no team “Nowhere”"):
        alignment.report(boss, START, END, team="Nowhere")
    with pytest.raises(InputError, match="There is no advisor “nobody”"):
        alignment.report(boss, START, END, advisor="nobody")
    with pytest.raises(InputError, match="is not in the team"):
        alignment.report(boss, START, END, team=TEAM_B, advisor=centre.people.alice)
    with pytest.raises(InputError, match="before it starts"):
        alignment.report(boss, END, START)


def test_the_period_is_whole_days_of_utc_the_last_day_included(boss, centre) -> None:
    last_day = alignment.report(boss, END, END, advisor=centre.people.alice)
    assert last_day.figures[0].coverage.closed == 1  # A7 at 23:59:59
    first_day = alignment.report(boss, START, START, advisor=centre.people.alice)
    assert first_day.figures[0].coverage.closed == 1  # A1 at 00:00:00
    april = alignment.report(boss, date(2026, 4, 1), date(2026, 4, 1))
    assert april.figures[0].coverage.closed == 1  # D2 at 04-01 00:00:00


def test_a_period_without_contacts_is_empty_and_says_why(boss) -> None:
    empty = alignment.report(boss, date(2025, 1, 1), date(2025, 1, 31))
    assert empty.figures == () and empty.empty == alignment.NO_CONTACT


# -- the contacts behind a figure ----------------------------------------------------------------


def test_drill_down_to_a_matrix_cell_with_the_customers_own_words(boss, centre) -> None:
    page = alignment.contacts_behind(
        boss, START, END, Behind(pair=("self", "customer"), cell=(4, 1)), team=TEAM_A
    )
    assert page.total == 1
    (row,) = page.rows
    assert (row.reference, row.advisor) == ("A3", centre.people.alice)
    assert (row.self, row.manager, row.quality, row.customer, row.csat) == (4, 3, None, 1, 1)
    assert row.comment == WORDS["A3"]


def test_drill_down_pages_and_follows_each_figure(boss, centre) -> None:
    behind = Behind(pair=("self", "customer"))
    seen = []
    for offset in (0, 3, 6):
        page = alignment.contacts_behind(boss, START, END, behind, limit=3, offset=offset)
        assert page.total == 8  # the pair's n for the whole selection
        seen += [r.reference for r in page.rows]
    assert sorted(seen) == ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "C1"]
    assert seen[-1] == "A1"  # latest closed first: A1 (03-01 00:00) comes last

    def refs(behind: Behind, **selection) -> list[str]:
        page = alignment.contacts_behind(boss, START, END, behind, **selection)
        return sorted(r.reference for r in page.rows)

    alice = centre.people.alice
    assert refs(Behind(calibration="over"), advisor=alice) == ["A2", "A3"]
    assert refs(Behind(calibration="under"), advisor=alice) == ["A4"]
    assert refs(Behind(view="quality")) == ["A1", "A2", "A4", "B1", "B2"]
    assert refs(Behind(pair=("self", "manager"), agreeing=True), advisor=alice) == [
        "A1", "A4", "A6",
    ]  # fmt: skip
    assert refs(Behind(pair=("self", "manager"), agreeing=False), team=TEAM_A) == [
        "A2", "A3", "B1",
    ]  # fmt: skip
    assert len(refs(Behind())) == 13


def test_an_advisor_drills_into_their_own_contacts_only(centre) -> None:
    alice = office_of(centre, "alice")
    try:
        page = alignment.contacts_behind(alice, START, END, Behind(view="customer"))
        assert sorted(r.reference for r in page.rows) == ["A1", "A2", "A3", "A4", "A5"]
    finally:
        alice.db.dispose()


# -- relais report alignment ---------------------------------------------------------------------


def _run(office: BackOffice, fmt: str, **selection) -> tuple[int, str]:
    args = SimpleNamespace(start=START, end=END, team=None, advisor=None, format=fmt)
    for key, value in selection.items():
        setattr(args, key, value)
    out = io.StringIO()
    code = alignment.report_command(office, args, out, lambda _context, text: text)
    return code, out.getvalue()


def test_csv_has_a_row_per_line_and_pair_with_its_figures_and_coverage(boss, centre) -> None:
    code, text = _run(boss, "csv")
    assert code == 0
    rows = text.splitlines()
    assert rows[0] == (
        "scope,team,advisor,first,second,n,agreement,mean_gap,kappa,closed,with_self,"
        "with_manager,with_quality,with_customer"
    )
    assert len(rows) == 1 + 6 * 6
    alice = centre.people.alice
    # alice, self-customer: n 5, agreement 1/5, gap 0.8, kappa -1/14, coverage 7 7 5 3 5
    assert f"advisor,{TEAM_A},{alice},self,customer,5,0.2,0.8,-0.0714,7,7,5,3,5" in rows
    assert f"advisor,{TEAM_B},{centre.people.carol},self,quality,0,,,,2,2,2,0,1" in rows
    assert "all,,,self,manager,9,0.5556,0.2222,0.7692,13,12,9,5,9" in rows


def test_json_has_the_documented_structure(boss, centre) -> None:
    code, text = _run(boss, "json", team=TEAM_A)
    assert code == 0
    data = json.loads(text)
    assert data["period"] == {
        "from": "2026-03-01", "to": "2026-03-31", "time_zone": "UTC",
        "closed_at": "2026-03-01T00:00Z <= closed_at < 2026-04-01T00:00Z",
    }  # fmt: skip
    assert data["selection"] == {"team": TEAM_A, "advisor": None}
    assert data["csat_to_four"] == {"1": 1, "2": 2, "3": 2, "4": 3, "5": 4}
    assert data["empty"] is None
    assert [line["scope"] for line in data["lines"]] == ["all", "team", "advisor", "advisor"]
    team = data["lines"][1]
    assert team["coverage"] == dict(zip(["closed", "self", "manager", "quality", "customer"],
                                        COVERAGE["A"], strict=True))  # fmt: skip
    pair = team["pairs"][2]
    assert (pair["first"], pair["second"], pair["n"], pair["agreeing"]) == ("self", "customer",
                                                                           7, 1)  # fmt: skip
    assert pair["kappa"] == pytest.approx(0.125)
    assert pair["matrix"] == [[0, 0, 0, 0], [1, 0, 1, 0], [0, 2, 0, 1], [1, 0, 0, 1]]
    assert team["calibration"] == {"surveyed": 7, "over": 2, "under": 1,
                                   "over_share": 2 / 7, "under_share": 1 / 7}  # fmt: skip
    satisfaction = team["satisfaction"]
    assert satisfaction["surveyed"]["n"] == 8 and satisfaction["surveyed"]["share"] == 0.5
    assert satisfaction["estimated"]["share"] == pytest.approx(33 / 70)
    assert satisfaction["estimated"]["surveyed"] == 8
    assert "delta method" in satisfaction["estimated"]["method"]
    assert data["lines"][2]["satisfaction"] is None


def test_a_period_without_data_prints_why_and_succeeds(boss, capsys) -> None:
    args = SimpleNamespace(start=date(2025, 1, 1), end=date(2025, 1, 2), team=None, advisor=None)
    for fmt in ("json", "csv"):
        args.format = fmt
        out = io.StringIO()
        assert alignment.report_command(boss, args, out, lambda _c, text: text) == 0
        if fmt == "json":
            data = json.loads(out.getvalue())
            assert data["lines"] == []
            assert data["empty"] == (
                "No contact was closed between 2025-01-01 and 2025-01-02 (UTC) in this selection."
            )
        else:
            assert out.getvalue().count("\n") == 1  # the header alone
            assert "No contact was closed" in capsys.readouterr().err


def test_a_team_without_surveyed_contacts_has_no_estimate_and_says_why(boss, centre) -> None:
    last_day = alignment.report(boss, END, END)  # A7 alone: alice's, never surveyed
    team = lines(last_day, centre)["A"].satisfaction
    assert team is not None and team.surveyed == 0 and team.share is None
    assert team.estimate is None and team.why == alignment.NO_SURVEY
    assert last_day.figures[0].satisfaction.why == alignment.NO_SURVEY
