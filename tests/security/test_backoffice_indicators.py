"""Hostile calls around the indicators: an advisor's own login, on a psql-like connection,
setting the team's focus indicator, reading another team's, or calling the function that
computes it over every row; a supervisor setting another team's; keys the centre does not know.
Every advisor reads their own team's focus through relais_team_focus, which gives the team's
aggregate and nothing else. The indicators service refuses an advisor before any query, and
the dashboard's own SQL run by an advisor's login reads no colleague's wrap-up (row-level
security), so it cannot rebuild a colleague's resolution rate either.
"""

from datetime import UTC, datetime, timedelta

import pytest
from hostile_session import OTHER_TEAM, TEAM, Centre
from sqlalchemy.dialects import postgresql

from app.backoffice import indicators
from app.backoffice import indicators_sql as q
from app.backoffice.centre import BackOffice
from app.backoffice.indicators import IndicatorSettings
from app.backoffice.indicators_drill import Behind, contacts_behind
from app.db import Database
from app.errors import InputError
from app.workspace import find_user

pytestmark = [pytest.mark.postgres, pytest.mark.attack]

START = datetime(2031, 6, 2, tzinfo=UTC)  # far from the seeded contacts
END = datetime(2031, 6, 9, tzinfo=UTC)


def _focus_of(centre: Centre, team: str) -> tuple:
    return centre.rows(
        "SELECT focus_indicator, focus_set_at FROM team WHERE id = %s", (centre.teams[team],)
    )[0]


def test_an_advisor_setting_the_focus_is_refused(centre: Centre, cast) -> None:
    before = _focus_of(centre, TEAM)
    cast.alice.refused("SELECT relais_set_focus('volume')")
    cast.alice.refused("SELECT relais_set_focus('volume', %s)", (cast.alice.team_id,))
    cast.alice.refused("SELECT relais_set_focus(NULL)")
    assert _focus_of(centre, TEAM) == before


def test_writing_the_teams_focus_directly_is_refused(centre: Centre, cast) -> None:
    for who in (cast.alice, cast.chief):
        who.refused(
            "UPDATE team SET focus_indicator = 'volume' WHERE id = %s", (cast.alice.team_id,)
        )


def test_a_supervisor_setting_another_teams_focus_is_refused(centre: Centre, cast) -> None:
    before = _focus_of(centre, OTHER_TEAM)
    cast.chief.refused("SELECT relais_set_focus('volume', %s)", (centre.teams[OTHER_TEAM],))
    assert _focus_of(centre, OTHER_TEAM) == before
    assert cast.chief.scalar("SELECT relais_set_focus('sla')") is not None  # the control
    assert _focus_of(centre, TEAM)[0] == "sla"


def test_keys_the_centre_does_not_know_are_refused(centre: Centre, cast) -> None:
    for key in ("salary", "queued", "volume'; DROP TABLE contact; --", ""):
        cast.chief.refused("SELECT relais_set_focus(%s)", (key,), sqlstate="22023")
    assert _focus_of(centre, TEAM)[0] != "salary"


def test_an_advisor_reads_their_own_teams_aggregate_only(centre: Centre, cast) -> None:
    cast.chief.scalar("SELECT relais_set_focus('volume')")
    cast.south_chief.scalar("SELECT relais_set_focus('fcr')")
    rows = cast.alice.rows("SELECT * FROM relais_team_focus()")
    assert len(rows) == 1
    key, value, n, previous, previous_n, unit, start, end, _set_at = rows[0]
    assert (key, unit, end - start) == ("volume", "count", timedelta(days=7))
    # The value is the team's aggregate over the window, as the owner computes it.
    truth = centre.rows(
        "SELECT * FROM relais_indicator('volume', %s, %s, %s, %s)",
        (centre.teams[TEAM], start, end, end),
    )[0]
    assert (value, n) == truth
    before = centre.rows(
        "SELECT * FROM relais_indicator('volume', %s, %s, %s, %s)",
        (centre.teams[TEAM], start - timedelta(days=7), start, end),
    )[0]
    assert (previous, previous_n) == before
    other = cast.carol.rows("SELECT indicator FROM relais_team_focus()")
    assert other == [("fcr",)]


def test_an_advisor_cannot_name_another_team_nor_compute_over_its_rows(
    centre: Centre, cast
) -> None:
    cast.alice.refused(
        "SELECT * FROM relais_team_focus(%s)", (centre.teams[OTHER_TEAM],), sqlstate="42883"
    )
    for who in (cast.alice, cast.chief):
        who.refused(
            "SELECT * FROM relais_indicator('fcr', %s, now() - interval '7 days', now(), now())",
            (centre.teams[OTHER_TEAM],),
        )


def test_the_indicators_service_refuses_an_advisor(centre: Centre, cast) -> None:
    db = Database(centre.pg.user_url(cast.alice.login), "central")
    office = BackOffice(db, find_user(db, cast.alice.login))
    try:
        with pytest.raises(InputError) as refused:
            indicators.dashboard(office, START, END)
        assert refused.value.text().startswith("The indicators are for supervisors")
        with pytest.raises(InputError):
            indicators.dashboard(office, START, END, team=TEAM)
        with pytest.raises(InputError):
            contacts_behind(office, START, END, Behind("detractors"))
    finally:
        db.dispose()


def _sql(statement) -> str:
    return str(
        statement.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    )


def test_the_dashboards_sql_on_an_advisors_login_reads_no_colleagues_outcome(
    centre: Centre, cast
) -> None:
    closed = START + timedelta(days=1)
    mine = centre.contact(TEAM, status="closed", assigned_to=cast.alice.id, closed_at=closed)
    theirs = centre.contact(TEAM, status="closed", assigned_to=cast.bob.id, closed_at=closed)
    centre.wrap_up(cast.alice.id, mine)
    centre.wrap_up(cast.bob.id, theirs)  # resolved, both
    scope = q.Scope(
        START - (END - START), START, END, END, IndicatorSettings().targets, cast.alice.team_id
    )
    statement = _sql(q.closed_and_survey_query(q.closed_rows(scope, surveyed=True)))
    cast.chief.rows("SELECT public.relais_refresh_facts()")  # as the dashboard does first

    def resolved(session) -> tuple[int, int]:
        rows = [r for r in session.rows(statement) if r[0] == 0]  # the period, not the one before
        return sum(r[2] for r in rows), sum(r[7] for r in rows)  # closed, resolved first time

    assert resolved(cast.chief) == (2, 2)  # the control: the supervisor reads both wrap-ups
    # Her own contact's facts only: Bob's contact, and its outcome, are out of reach.
    assert resolved(cast.alice) == (1, 1)
