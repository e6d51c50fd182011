"""Hostile reads: what a user's own login reads of the rows row-level security keeps from them,
directly or through what surrounds them (the change log, refusals, conflicts, statistics)."""

import uuid
from types import SimpleNamespace

import pytest
from hostile_session import OTHER_TEAM, TEAM, Centre, Session

pytestmark = [pytest.mark.postgres, pytest.mark.attack]

RESTRICTED = ("wrap_up", "evaluation", "review_item", "sync_conflict")


@pytest.fixture(scope="module")
def history(centre: Centre, cast: SimpleNamespace) -> dict:
    """For each of Alice, Bob (one team) and Carol (the other): a closed contact of theirs with
    a low self-assessment, its review item, a supervisor's evaluation, a conflict, a refusal."""
    rows: dict = {}
    for who, chief in (
        (cast.alice, cast.chief),
        (cast.bob, cast.chief),
        (cast.carol, cast.south_chief),
    ):
        team = TEAM if who.team_id == centre.teams[TEAM] else OTHER_TEAM
        contact = centre.contact(team, status="closed", assigned_to=who.id)
        wrap = centre.wrap_up(who.id, contact, assessment=1)
        review, evaluation, conflict = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        centre.owner.execute(
            "INSERT INTO review_item (id, contact_id, reason, created_by, created_at) "
            "VALUES (%s, %s, 'low_self_assessment', %s, now())",
            (review, contact, who.id),
        )
        centre.owner.execute(
            "INSERT INTO evaluation (id, contact_id, evaluator_id, advisor_id, kind, score, "
            "comment, created_at) VALUES (%s, %s, %s, %s, 'manager', 1, 'to coach', now())",
            (evaluation, contact, chief.id, who.id),
        )
        centre.owner.execute(
            "INSERT INTO sync_conflict (id, table_name, row_id, field, losing_value, "
            "winning_value, rule, advisor_id, workstation_id, created_at) VALUES "
            "(%s, 'customer', %s, 'last_name', '\"Martin\"', '\"Martini\"', 'first_edit_wins', "
            "%s, %s, now())",
            (conflict, centre.customer(), who.id, who.workstation),
        )
        # A refused operation carries its values: a wrap-up on a contact never held.
        foreign = centre.contact(OTHER_TEAM if team == TEAM else TEAM)
        answer = who.insert("wrap_up", {
            "contact_id": foreign, "reason_code_id": centre.reason_code(), "outcome": "resolved",
            "self_assessment": 1, "share": 1, "comment": "je me suis trompé",
        })  # fmt: skip
        assert answer.startswith("permission")
        rows[who.login] = SimpleNamespace(
            contact=contact, wrap_up=wrap, review_item=review, evaluation=evaluation,
            sync_conflict=conflict,
        )  # fmt: skip
    return rows


def _readers(cast, role: str) -> tuple[Session, set[str]]:
    """Who reads, and whose rows they may read."""
    team = {cast.alice.login, cast.bob.login}
    return {
        "advisor": (cast.alice, {cast.alice.login}),
        "supervisor": (cast.chief, team),
        "other_supervisor": (cast.south_chief, {cast.carol.login}),
        "admin": (cast.boss, {cast.alice.login, cast.bob.login, cast.carol.login}),
    }[role]


ROLES = ["advisor", "supervisor", "other_supervisor", "admin"]


@pytest.mark.parametrize("table", RESTRICTED)
@pytest.mark.parametrize("role", ROLES)
def test_row_level_security_shows_only_ones_own_or_ones_teams(cast, history, table, role):
    reader, allowed = _readers(cast, role)
    seen = {r[0] for r in reader.rows(f"SELECT id FROM {table}")}
    for login, rows in history.items():
        assert (getattr(rows, table) in seen) == (login in allowed), (table, login)


@pytest.mark.parametrize("role", ["advisor", "supervisor", "other_supervisor"])
def test_refusals_show_only_ones_own_or_ones_teams(cast, history, role) -> None:
    reader, allowed = _readers(cast, role)
    seen = {r[0] for r in reader.rows("SELECT DISTINCT login FROM sync_refusal")}
    assert seen & set(history) <= allowed, seen


def test_refusals_are_readable_by_their_own_user(cast, history) -> None:
    assert cast.alice.scalar("SELECT count(*) FROM sync_refusal WHERE login = session_user") >= 1


@pytest.mark.parametrize("table", RESTRICTED)
@pytest.mark.parametrize("role", ROLES)
def test_the_change_log_names_no_row_the_reader_may_not_read(centre, cast, history, table, role):
    reader, _ = _readers(cast, role)
    leaked = reader.scalar(
        f"SELECT count(*) FROM change_log l WHERE l.table_name = %s "
        f"AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = l.row_id)",
        (table,),
    )
    assert leaked == 0
    if role != "admin":  # the rows the reader does not see are there, as the owner counts them
        logged = centre.scalar("SELECT count(*) FROM change_log WHERE table_name = %s", (table,))
        visible = reader.scalar("SELECT count(*) FROM change_log WHERE table_name = %s", (table,))
        assert logged > visible


def test_a_review_list_shows_an_advisor_only_their_own(cast, history) -> None:
    seen = {r[0] for r in cast.alice.rows("SELECT created_by FROM review_item")}
    assert seen == {cast.alice.id}


def test_a_working_set_is_its_users_alone(centre, cast) -> None:
    customer = centre.customer()
    cast.bob.scalar("SELECT relais_keep(%s)", ([customer],))
    logins = {r[0] for r in cast.alice.rows("SELECT DISTINCT login FROM desk_customer")}
    assert logins <= {cast.alice.login}


def test_statistics_reveal_no_hidden_value(centre, cast, history) -> None:
    """pg_stats would show the most common self-assessments; it hides tables under row-level
    security and columns the reader may not select."""
    centre.owner.execute("ANALYZE wrap_up, evaluation, contact, sync_conflict, sync_refusal")
    for spy in (cast.alice, cast.chief):
        shown = spy.rows(
            "SELECT tablename, attname FROM pg_stats WHERE schemaname = 'public' AND ("
            "tablename IN ('wrap_up', 'evaluation', 'sync_conflict', 'review_item', "
            "'change_log', 'desk_customer') OR (tablename = 'contact' AND attname = 'claim_token'))"
        )
        assert shown == []


# -- after a move: who may read what changes, the log must follow ---------------------------------


def test_after_a_team_move_the_former_supervisor_sees_no_log_of_the_movers_rows(centre, cast):
    erin = centre.user("advisor", TEAM)
    contact = centre.contact(TEAM, status="closed", assigned_to=erin.id)
    wrap = centre.wrap_up(erin.id, contact, assessment=1)
    assert cast.chief.scalar("SELECT count(*) FROM wrap_up WHERE id = %s", (wrap,)) == 1
    # The move as `relais user add --team` writes it (run as a non-superuser owner on
    # PostgreSQL 15, that command itself fails: see test_user_commands.py).
    centre.owner.execute(
        "UPDATE advisor SET team_id = %s WHERE id = %s", (centre.teams[OTHER_TEAM], erin.id)
    )
    assert cast.chief.scalar("SELECT count(*) FROM wrap_up WHERE id = %s", (wrap,)) == 0
    assert (
        cast.chief.scalar(
            "SELECT count(*) FROM change_log WHERE table_name = 'wrap_up' AND row_id = %s", (wrap,)
        )
        == 0
    )
