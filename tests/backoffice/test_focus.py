"""The team's focus indicator on both kinds of centre: a supervisor sets it, every advisor of the
team reads its value over the last 7 days beside the 7 before, each key against the hand
computation below and against the dashboard's figure for the same window; the rights.

The data set, T being when the module starts (every time hours away from a window's edge):

    North, last 7 days [T - 7 d, T):
    A  email  received T-3d, reply +2 h (7200 s, within 24 h), closed +3 h, alice held it 1 h
              (3600 s), resolved, no customer; CSAT 5, NPS 10, effort 2
    B  phone  received T-2d, answered +90 s (over 60 s), call 5 min, closed +10 min, alice
              held it 600 s, transferred; CSAT 2, NPS 4, effort 6
    C  email  received T-30 h, unanswered, queued: 30 h > 24 h, missed
    North, the 7 days before [T - 14 d, T - 7 d):
    D  email  received T-10d, reply +1 h (3600 s), closed +2 h, held 3600 s, resolved;
              CSAT 4, NPS 9, effort 3
    South: S  email received T-2d, queued (South's own, never in North's figures)

    key                    last 7 days                        the 7 days before
    volume                 A B C = 3                          D = 1
    handling_time          (3600 + 600) / 2 = 2100, n 2        3600, n 1
    first_response_median  A 7200, B 90: 3645, n 2             3600, n 1
    sla                    A met; B, C missed: 1/3, n 3        1.0, n 1
    fcr                    A (B transferred): 1/2              1.0
    transfer_rate          B: 1/2                              0.0
    csat                   5 and 2: 1/2 satisfied, n 2         1.0, n 1
    nps                    10 promoter, 4 detractor: 0, n 2    +100, n 1
    effort                 (2 + 6) / 2 = 4, n 2                3, n 1
    backlog                open at T: C = 1                   open at T - 7 d: none = 0
"""

from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace

import pytest
from centres import EmbeddedCentre, PostgresCentre, owner, server_url
from sqlalchemy import insert, select

from app.backoffice import focus, indicators
from app.backoffice.centre import BackOffice
from app.clock import utcnow
from app.db import Database
from app.errors import InputError
from app.ids import new_id
from app.models import Contact, ContactAssignment, Message, ReasonCode, SurveyAnswer, Team, WrapUp
from app.workspace import find_user

NORTH, SOUTH = "Équipe Nord", "Équipe Sud"

EXPECTED = {
    # key: (value, n, previous, previous n, unit)
    "volume": (3, 3, 1, 1, "count"),
    "handling_time": (2100.0, 2, 3600.0, 1, "seconds"),
    "first_response_median": (3645.0, 2, 3600.0, 1, "seconds"),
    "sla": (1 / 3, 3, 1.0, 1, "share"),
    "fcr": (0.5, 2, 1.0, 1, "share"),
    "transfer_rate": (0.5, 2, 0.0, 1, "share"),
    "csat": (0.5, 2, 1.0, 1, "share"),
    "nps": (0.0, 2, 100.0, 1, "points"),
    "effort": (4.0, 2, 3.0, 1, "score"),
    "backlog": (1, 1, 0, 0, "count"),
}


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def centre(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path_factory.mktemp("centre")).create(customers=0)
    else:
        url = server_url()
        made = PostgresCentre(url).create(customers=0)
    made.people = SimpleNamespace(
        alice=made.add_user("advisor", NORTH),
        bob=made.add_user("advisor", NORTH),
        carol=made.add_user("advisor", SOUTH),
        chief=made.add_user("supervisor", NORTH),
        south=made.add_user("supervisor", SOUTH),
        boss=made.add_user("admin", None),
    )
    made.truth = owner(made)
    made.dbs = []
    made.now = utcnow() - timedelta(minutes=1)
    _write(made)
    yield made
    for db in made.dbs:
        db.dispose()
    made.truth.dispose()
    made.drop()


def _write(centre) -> None:
    who = {name: find_user(centre.truth, login) for name, login in vars(centre.people).items()}
    north, south = who["alice"].team_id, who["carol"].team_id
    alice = who["alice"].advisor_id
    t = centre.now
    reason = new_id()
    with centre.truth.session() as s:
        s.execute(
            insert(ReasonCode).values(
                id=reason, code="t_focus", label_en="Test", label_fr="Test", category="test"
            )
        )

        def contact(ref, channel, received, team=north, closed=None, reply=None, call=None,
                    held=None, outcome=None, survey=None):  # fmt: skip
            cid = new_id()
            s.execute(
                insert(Contact).values(
                    id=cid, reference=f"F-{ref}", channel=channel,
                    status="closed" if closed else "queued", received_at=received,
                    due_at=received, team_id=team, closed_at=closed,
                    assigned_to=alice if closed else None,
                    call_started_at=call[0] if call else None,
                    call_ended_at=call[1] if call else None,
                )
            )  # fmt: skip
            if reply:
                s.execute(
                    insert(Message).values(
                        id=new_id(), contact_id=cid, direction="outbound", created_at=reply
                    )
                )
            if held:
                s.execute(
                    insert(ContactAssignment).values(
                        id=new_id(), contact_id=cid, advisor_id=alice, started_at=held[0],
                        ended_at=held[1],
                    )
                )  # fmt: skip
            if outcome:
                s.execute(
                    insert(WrapUp).values(
                        id=new_id(), contact_id=cid, advisor_id=alice, reason_code_id=reason,
                        outcome=outcome, self_assessment=3, created_at=closed,
                    )
                )  # fmt: skip
            if survey:
                csat, nps, effort = survey
                s.execute(
                    insert(SurveyAnswer).values(
                        id=new_id(), contact_id=cid, csat=csat, nps=nps, effort=effort,
                        answered_at=closed,
                    )
                )  # fmt: skip

        h, d = timedelta(hours=1), timedelta(days=1)
        a = t - 3 * d
        contact("A", "email", a, closed=a + 3 * h, reply=a + 2 * h, held=(a + 2 * h, a + 3 * h),
                outcome="resolved", survey=(5, 10, 2))  # fmt: skip
        b = t - 2 * d
        b_answer = b + timedelta(seconds=90)
        contact("B", "phone", b, closed=b + timedelta(minutes=10),
                call=(b_answer, b_answer + timedelta(minutes=5)),
                held=(b, b + timedelta(minutes=10)), outcome="transferred",
                survey=(2, 4, 6))  # fmt: skip
        contact("C", "email", t - 30 * h)
        dd = t - 10 * d
        contact("D", "email", dd, closed=dd + 2 * h, reply=dd + h, held=(dd + h, dd + 2 * h),
                outcome="resolved", survey=(4, 9, 3))  # fmt: skip
        contact("S", "email", t - 2 * d, team=south)


def db_of(centre, name: str) -> Database:
    login = getattr(centre.people, name)
    url = centre.url if centre.kind == "sqlite" else centre.user_url(login)
    db = Database(url, "central")
    centre.dbs.append(db)
    return db


def office(centre, name: str) -> BackOffice:
    db = db_of(centre, name)
    return BackOffice(db, find_user(db, getattr(centre.people, name)))


def view(centre, name: str) -> focus.FocusView | None:
    return focus.focus(db_of(centre, name), getattr(centre.people, name))


def approx(*values):
    return tuple(pytest.approx(v) if isinstance(v, float) else v for v in values)


@pytest.mark.parametrize("key", indicators.FOCUS_KEYS)
def test_every_advisor_reads_the_teams_focus_as_computed_by_hand(centre, key) -> None:
    set_at = focus.set_focus(office(centre, "chief"), key)
    seen = view(centre, "alice")
    assert seen is not None and seen.key == key
    assert (seen.value, seen.n, seen.previous, seen.previous_n, seen.unit) == approx(*EXPECTED[key])
    assert abs(seen.set_at - set_at) < timedelta(seconds=1)
    assert seen.end - seen.start == timedelta(days=7)
    assert abs(seen.end - utcnow()) < timedelta(minutes=1)
    # The dashboard says the same over the same window.
    board = indicators.dashboard(
        office(centre, "chief"), seen.start, seen.end, now=seen.end
    ).figure(key)
    assert (board.current.value, board.current.n) == approx(seen.value, seen.n)
    assert (board.previous.value, board.previous.n) == approx(seen.previous, seen.previous_n)
    assert seen.label == board.label and seen.better == board.better


def test_a_team_without_focus_and_a_user_without_team_read_none(centre) -> None:
    focus.set_focus(office(centre, "chief"), None)
    assert view(centre, "alice") is None
    with centre.truth.session() as s:
        assert s.execute(select(Team.focus_indicator, Team.focus_set_at)).all() != []
    assert view(centre, "boss") is None  # an administrator has no team


def test_each_team_reads_its_own_focus(centre) -> None:
    focus.set_focus(office(centre, "chief"), "volume")
    south_team = find_user(centre.truth, centre.people.carol).team_id
    focus.set_focus(office(centre, "boss"), "backlog", team_id=south_team)
    south = view(centre, "carol")
    assert (south.key, south.value, south.previous) == ("backlog", 1, 0)  # S is open
    north = view(centre, "bob")
    assert (north.key, north.value) == ("volume", 3)  # S is not North's


def test_an_advisor_may_not_set_the_focus(centre) -> None:
    with pytest.raises(InputError) as refused:
        focus.set_focus(office(centre, "alice"), "volume")
    assert refused.value.text() == (
        "Only a supervisor of the team, or an administrator, sets its focus.\n"
        "Ask your supervisor to change the team's focus."
    )


def test_a_supervisor_sets_their_own_teams_focus_only(centre) -> None:
    focus.set_focus(office(centre, "south"), "csat")
    north_team = find_user(centre.truth, centre.people.alice).team_id
    with pytest.raises(InputError):
        focus.set_focus(office(centre, "south"), "volume", team_id=north_team)
    assert view(centre, "carol").key == "csat"
    with pytest.raises(InputError) as no_team:
        focus.set_focus(office(centre, "boss"), "volume")  # which team?
    assert no_team.value.text().startswith("There is no team to set the focus indicator of.")


def test_an_unknown_indicator_is_refused(centre) -> None:
    with pytest.raises(InputError) as refused:
        focus.set_focus(office(centre, "chief"), "happiness")
    assert refused.value.text().startswith("“happiness” is not an indicator a team can follow.")
    with pytest.raises(InputError):
        focus.set_focus(office(centre, "chief"), "queued")  # now only: nothing to compare
