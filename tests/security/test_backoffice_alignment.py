"""Hostile reads of the alignment: an advisor's own login, on a psql-like connection, running
the alignment's own SQL (app.backoffice.alignment_sql, compiled for PostgreSQL) for a colleague
or for their team, or reading the wrap-ups and evaluations behind it directly, reads nothing of
a colleague's calibration: row-level security keeps their self-assessments and evaluations out,
whatever the query asks. The service itself refuses the request before any query.

What stays readable is the contacts and the customers' survey answers (synced to every
workstation of the team, shown in the customer's history): a customer's CSAT alone is no
calibration, which needs the advisor's own self-assessment or an evaluation of them.
"""

import uuid
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from hostile_session import OTHER_TEAM, TEAM, Centre, Session
from sqlalchemy.dialects import postgresql

from app.backoffice import alignment
from app.backoffice import alignment_sql as q
from app.backoffice.centre import BackOffice
from app.db import Database
from app.workspace import find_user

pytestmark = [pytest.mark.postgres, pytest.mark.attack]

DAY = date(2031, 5, 14)  # far from the seeded contacts
CLOSED_AT = datetime(2031, 5, 14, 10, tzinfo=UTC)
START = datetime(2031, 5, 14, tzinfo=UTC)
END = datetime(2031, 5, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def history(centre: Centre, cast: SimpleNamespace) -> dict[str, list[uuid.UUID]]:
    """Two closed contacts each for Alice, Bob (one team) and Carol (the other), with every
    view: a self-assessment, a manager's and a quality evaluation, a survey answer."""
    made: dict[str, list[uuid.UUID]] = {}
    for who, chief in ((cast.alice, cast.chief), (cast.bob, cast.chief),
                       (cast.carol, cast.south_chief)):  # fmt: skip
        team = TEAM if who.team_id == centre.teams[TEAM] else OTHER_TEAM
        for self_assessment, csat in ((4, 1), (2, 5)):
            contact = centre.contact(team, status="closed", assigned_to=who.id, closed_at=CLOSED_AT)
            centre.wrap_up(who.id, contact, assessment=self_assessment)
            for kind, evaluator in (("manager", chief), ("quality", cast.boss)):
                centre.owner.execute(
                    "INSERT INTO evaluation (id, contact_id, evaluator_id, advisor_id, kind, "
                    "score, comment, created_at) VALUES (%s, %s, %s, %s, %s, 3, '', now())",
                    (uuid.uuid4(), contact, evaluator.id, who.id, kind),
                )
            centre.owner.execute(
                "INSERT INTO survey_answer (id, contact_id, csat, comment, answered_at) "
                "VALUES (%s, %s, %s, 'mots du client', now())",
                (uuid.uuid4(), contact, csat),
            )
            made.setdefault(who.login, []).append(contact)
    return made


def _sql(statement) -> str:
    return str(
        statement.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    )


def _levels(session: Session, team_id=None, advisor_id=None) -> dict[uuid.UUID, tuple]:
    """The alignment's per-level aggregate as the session's own login reads it, summed per
    advisor: (closed, self, manager, quality, customer, over, under)."""
    views = q.views(q.Scope(START, END, team_id, advisor_id))
    sums: dict[uuid.UUID, list[int]] = {}
    for row in session.rows(_sql(q.levels_query(views))):
        advisor, _team, _pair, level, _b, closed, manager, quality, customer, _, over, under = row
        one = sums.setdefault(advisor, [0] * 7)
        for i, value in enumerate((closed, closed if level is not None else 0, manager, quality,
                                   customer, over, under)):  # fmt: skip
            one[i] += value
    return {advisor: tuple(values) for advisor, values in sums.items()}


def _pairs(session: Session, team_id=None, advisor_id=None) -> set[tuple[uuid.UUID, int]]:
    views = q.views(q.Scope(START, END, team_id, advisor_id))
    return {(row[0], row[2]) for row in session.rows(_sql(q.pairs_query(views)))}


def test_the_alignment_sql_run_for_a_colleague_reads_none_of_their_views(cast, history) -> None:
    levels = _levels(cast.alice, advisor_id=cast.bob.id)
    # Bob's two contacts and their survey answers are there; his self-assessments, his
    # evaluations and so his calibration are not.
    assert levels == {cast.bob.id: (2, 0, 0, 0, 2, 0, 0)}
    assert _pairs(cast.alice, advisor_id=cast.bob.id) == set()
    views = q.views(q.Scope(START, END, None, cast.bob.id))
    rows = cast.alice.rows(_sql(q.drill_query(views, q.Behind(), 50, 0)))
    assert len(rows) == 2
    assert {(r[4], r[5], r[6]) for r in rows} == {(None, None, None)}


def test_the_alignment_sql_run_for_the_team_reads_only_ones_own(cast, history) -> None:
    levels = _levels(cast.alice, team_id=cast.alice.team_id)
    assert levels[cast.alice.id] == (2, 2, 2, 2, 2, 1, 1)  # her own: every view
    assert levels[cast.bob.id][1:4] == (0, 0, 0)
    assert {advisor for advisor, _ in _pairs(cast.alice, team_id=cast.alice.team_id)} == {
        cast.alice.id
    }


def test_the_other_teams_calibration_is_out_of_reach_of_an_advisor(cast, history) -> None:
    levels = _levels(cast.alice, team_id=cast.carol.team_id)
    assert levels[cast.carol.id][1:] == (0, 0, 0, 2, 0, 0)
    assert _pairs(cast.alice) <= {(cast.alice.id, i) for i in range(6)}


def test_a_supervisor_reads_their_teams_views_and_not_the_other_teams(cast, history) -> None:
    # The control: the same SQL does read every view where the rights allow it.
    mine = _levels(cast.chief, team_id=cast.chief.team_id)
    assert mine[cast.alice.id][:5] == mine[cast.bob.id][:5] == (2, 2, 2, 2, 2)
    theirs = _levels(cast.chief, team_id=cast.carol.team_id)
    assert theirs[cast.carol.id][1:4] == (0, 0, 0)


def test_a_colleagues_wrap_ups_and_evaluations_read_directly_are_empty(cast, history) -> None:
    bob_contacts = history[cast.bob.login]
    assert (
        cast.alice.rows(
            "SELECT id FROM wrap_up WHERE advisor_id = %s OR contact_id = ANY(%s)",
            (cast.bob.id, bob_contacts),
        )
        == []
    )
    assert (
        cast.alice.rows(
            "SELECT id FROM evaluation WHERE advisor_id = %s OR contact_id = ANY(%s)",
            (cast.bob.id, bob_contacts),
        )
        == []
    )
    assert (
        cast.alice.scalar(
            "SELECT count(*) FROM wrap_up w JOIN contact c ON c.id = w.contact_id "
            "WHERE c.assigned_to = %s",
            (cast.bob.id,),
        )
        == 0
    )


def test_turning_row_security_off_is_refused(cast, history) -> None:
    cast.alice.conn.execute("SET row_security = off")
    try:
        cast.alice.refused("SELECT count(*) FROM wrap_up")
        cast.alice.refused("SELECT count(*) FROM evaluation")
    finally:
        cast.alice.conn.execute("RESET row_security")


def test_the_service_refuses_an_advisor_asking_for_a_colleague_or_a_team(
    centre: Centre, cast, history
) -> None:
    db = Database(centre.pg.user_url(cast.alice.login), "central")
    office = BackOffice(db, find_user(db, cast.alice.login))
    try:
        with pytest.raises(q.NotYours) as refused:
            alignment.report(office, DAY, DAY, advisor=cast.bob.login)
        assert refused.value.text() == (
            f"An advisor sees their own alignment only, not that of “{cast.bob.login}”.\n"
            "Leave out --advisor to see yours."
        )
        with pytest.raises(q.NotYours):
            alignment.report(office, DAY, DAY, team=TEAM)
        with pytest.raises(q.NotYours):
            alignment.contacts_behind(office, DAY, DAY, q.Behind(), advisor=cast.carol.login)
        own = alignment.report(office, DAY, DAY)
        assert [(f.scope, f.advisor) for f in own.figures] == [
            ("all", cast.alice.login), ("advisor", cast.alice.login),
        ]  # fmt: skip
        assert own.figures[1].calibration == alignment.stats.Calibration(2, 1, 1)
    finally:
        db.dispose()
