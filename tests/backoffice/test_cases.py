"""The case list on both kinds of centre: every filter, the paging, the count, what each role
sees, against the casebook's contacts (tests/backoffice/casebook.py) listed by hand."""

from datetime import timedelta

import pytest
from casebook import BASE, CENTRES, SOUTH, made

from app.backoffice import evaluations, scorecards
from app.backoffice.cases import CaseFilter, cases
from app.backoffice.scorecards import Criterion
from app.enums import Channel
from app.errors import InputError

NORTH_ALL = ["T-N5", "T-N4", "T-N3", "T-N2", "T-N1", "T-N0"]  # closed, newest first


@pytest.fixture(params=CENTRES)
def book(request, tmp_path):
    yield from made(request, tmp_path)


def _refs(office, **filters) -> list[str]:
    page = cases(office, CaseFilter(**filters), limit=50)
    assert page.count == len(page.rows)
    return [r.reference for r in page.rows]


def test_a_supervisor_lists_their_teams_closed_contacts_newest_first(book) -> None:
    chief = book.office("chief")
    page = cases(chief)
    assert [r.reference for r in page.rows] == NORTH_ALL  # NQ is open, S1 another team's
    assert page.count == 6
    n1 = next(r for r in page.rows if r.reference == "T-N1")
    assert (n1.channel, n1.closed_at, n1.advisor, n1.advisor_id) == (
        Channel.EMAIL, BASE, "Alice Martin", book.ids["alice"],
    )  # fmt: skip
    assert (n1.reason_code, n1.reason_label_en, n1.reason_label_fr) == (
        "t_billing", "Billing", "Facturation",
    )  # fmt: skip
    assert (n1.self_assessment, n1.csat, n1.csat_four) == (1, 5, 4)
    assert (n1.evaluated, n1.evaluated_by_me) == (False, False)
    n2 = next(r for r in page.rows if r.reference == "T-N2")
    assert n2.self_assessment == 4  # the closer's, not Bob's earlier 1
    n4 = next(r for r in page.rows if r.reference == "T-N4")
    assert (n4.csat, n4.csat_four) == (None, None)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"advisor_id": "bob"}, ["T-N4", "T-N3"]),
        (
            {"closed_from": BASE, "closed_to": BASE + timedelta(days=1)},
            ["T-N4", "T-N3", "T-N2", "T-N1"],
        ),
        (
            {"closed_from": BASE + timedelta(hours=1), "closed_to": BASE + timedelta(hours=3)},
            ["T-N3", "T-N2"],
        ),
        ({"channels": frozenset({Channel.PHONE, Channel.WHATSAPP})}, ["T-N3", "T-N2"]),
        ({"reason_ids": "delivery"}, ["T-N5", "T-N4", "T-N3"]),
        ({"self_assessments": frozenset({1, 2})}, ["T-N3", "T-N1"]),
        ({"self_assessments": frozenset({4})}, ["T-N5", "T-N2"]),
        ({"csat": frozenset({4, 5})}, ["T-N2", "T-N1"]),
        ({"csat": frozenset({1, 2, 3})}, ["T-N5", "T-N3"]),
        ({"disagreement": True}, ["T-N5", "T-N1"]),  # 4 vs 2, 1 vs 4
        ({"awaiting_follow_up": True}, ["T-N1"]),  # N3's is done, N4's a lost lease
        ({"incident_id": "incident"}, ["T-N4", "T-N3"]),
        ({"disagreement": True, "self_assessments": frozenset({1})}, ["T-N1"]),
        ({"csat": frozenset({5}), "advisor_id": "bob"}, []),
    ],
)
def test_each_filter_keeps_the_contacts_written_by_hand(book, filters, expected) -> None:
    resolved = dict(filters)
    if "advisor_id" in resolved:
        resolved["advisor_id"] = book.ids[resolved["advisor_id"]]
    if resolved.get("reason_ids") == "delivery":
        resolved["reason_ids"] = frozenset({book.reasons["delivery"]})
    if resolved.get("incident_id") == "incident":
        resolved["incident_id"] = book.incident
    assert _refs(book.office("chief"), **resolved) == expected


def test_pages_and_count(book) -> None:
    chief = book.office("chief")
    page = cases(chief, CaseFilter(), limit=2, offset=2)
    assert [r.reference for r in page.rows] == ["T-N3", "T-N2"]
    assert (page.count, page.limit, page.offset) == (6, 2, 2)
    assert [r.reference for r in cases(chief, CaseFilter(), limit=4, offset=4).rows] == NORTH_ALL[
        4:
    ]
    assert cases(chief, CaseFilter(), limit=4, offset=8).rows == ()


def test_what_each_role_lists(book) -> None:
    assert _refs(book.office("alice")) == ["T-N5", "T-N2", "T-N1"]  # her own
    assert _refs(book.office("south")) == ["T-S1"]
    everyone = ["T-N5", "T-S1", "T-N4", "T-N3", "T-N2", "T-N1", "T-N0"]
    assert _refs(book.office("boss")) == everyone
    assert _refs(book.office("boss"), team_id=book.teams[SOUTH]) == ["T-S1"]
    # A quality reviewer of the South lists every team, but reads the North's wrap-ups no more
    # than the centre's rights let them: the self-assessment is not theirs to see.
    quality = cases(book.office("quality"), CaseFilter(), limit=50)
    assert [r.reference for r in quality.rows] == everyone
    n1 = next(r for r in quality.rows if r.reference == "T-N1")
    assert (n1.self_assessment, n1.reason_code, n1.csat) == (None, None, 5)
    s1 = next(r for r in quality.rows if r.reference == "T-S1")
    assert s1.self_assessment == 2


def test_a_list_reaching_beyond_ones_rights_or_an_upside_down_period_is_refused(book) -> None:
    with pytest.raises(InputError, match="own team only"):
        cases(book.office("chief"), CaseFilter(team_id=book.teams[SOUTH]))
    with pytest.raises(InputError, match="only the cases you closed"):
        cases(book.office("alice"), CaseFilter(advisor_id=book.ids["bob"]))
    with pytest.raises(InputError, match="ends before it starts"):
        cases(book.office("chief"), CaseFilter(closed_from=BASE, closed_to=BASE))
    with pytest.raises(InputError, match="1 to 4"):
        cases(book.office("chief"), CaseFilter(self_assessments=frozenset({5})))
    with pytest.raises(InputError, match="1 to 5"):
        cases(book.office("chief"), CaseFilter(csat=frozenset({0})))


def test_evaluated_rows_say_so_and_by_whom(book) -> None:
    version = scorecards.create(book.office("boss"), "Grille", [Criterion("tone", "Ton")]).current
    evaluations.evaluate(
        book.office("chief"), book.contacts["N1"], "manager", version.id, {"tone": 3}, 2
    )
    evaluations.evaluate(
        book.office("quality"), book.contacts["N2"], "quality", version.id, {"tone": 3}, 2
    )

    def flags(name: str) -> dict[str, tuple[bool, bool]]:
        rows = cases(book.office(name), CaseFilter(), limit=50).rows
        return {r.reference: (r.evaluated, r.evaluated_by_me) for r in rows if r.evaluated}

    # The chief reads the quality reviewer's evaluation of their team's contact (their rights).
    assert flags("chief") == {"T-N1": (True, True), "T-N2": (True, False)}
    assert flags("boss") == {"T-N1": (True, False), "T-N2": (True, False)}
    assert flags("alice") == {"T-N1": (True, False), "T-N2": (True, False)}
    # The quality reviewer reads their own evaluation only, not the North chief's.
    assert flags("quality") == {"T-N2": (True, True)}
