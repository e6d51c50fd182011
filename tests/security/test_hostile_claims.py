"""Hostile calls of the centre's claim functions (the release, the renewal, the take) with
someone else's contact or token, of its inner functions, and sessions that try to hold the
queue back. The centre answers each with a refusal or does nothing, and nobody waits."""

import json
import uuid

import psycopg
import pytest
from hostile_session import OTHER_TEAM, TEAM, connect
from sqlalchemy import create_engine

from app.sync.cursor import safe_bound

pytestmark = [pytest.mark.postgres, pytest.mark.attack]


# -- claims, leases, releases --------------------------------------------------------------------


def test_a_release_with_someone_elses_token_does_nothing(centre, cast, attacker) -> None:
    contact, token = centre.held_by(cast.bob)
    before = centre.contact_row(contact)
    assert attacker.release(contact, token) is False
    assert attacker.release(contact, uuid.uuid4()) is False
    assert centre.contact_row(contact) == before


def test_a_renewal_with_someone_elses_token_does_nothing(centre, cast, attacker) -> None:
    contact, token = centre.held_by(cast.bob)
    centre.owner.execute(
        "UPDATE contact SET lease_until = now() + interval '1 minute' WHERE id = %s", (contact,)
    )
    before = centre.contact_row(contact)
    assert attacker.scalar("SELECT relais_renew(%s)", ([token],)) == 0
    assert centre.contact_row(contact) == before


def test_taking_a_contact_someone_holds_gives_no_token(centre, cast, attacker) -> None:
    contact, _ = centre.held_by(cast.bob)
    before = centre.contact_row(contact)
    outcome, seen, holder = attacker.take(contact)
    assert (outcome, seen, holder) == ("taken", None, cast.bob.id)
    assert centre.contact_row(contact) == before


def test_another_teams_queue_is_not_taken(centre, cast) -> None:
    contact = centre.contact(OTHER_TEAM, priority=9)
    outcome, token, _ = cast.alice.take(contact)
    assert (outcome, token) == ("taken", None)
    assert centre.contact_row(contact)[:2] == ("queued", None)
    for _ in range(3):
        row = cast.alice.conn.execute(
            "SELECT (r.c).id, (r.c).team_id FROM relais_claim_next(%s, NULL) r", (uuid.uuid4(),)
        ).fetchone()
        if row is None:
            break
        assert row[1] in (cast.alice.team_id, None)
    assert centre.contact_row(contact)[:2] == ("queued", None)


def test_an_inactive_user_calls_nothing(centre) -> None:
    dave = centre.user("advisor", TEAM)
    contact, token = centre.held_by(dave)
    centre.owner.execute("UPDATE advisor SET active = false WHERE id = %s", (dave.id,))
    try:
        for call, params in (
            ("SELECT relais_claim_next(%s, NULL)", (uuid.uuid4(),)),
            ("SELECT relais_take(%s, %s)", (centre.contact(TEAM), uuid.uuid4())),
            ("SELECT relais_renew(%s)", ([token],)),
            ("SELECT relais_release(%s, %s)", (contact, token)),
            ("SELECT relais_push(%s, '[]')", (uuid.uuid4(),)),
            ("SELECT relais_enter_all()", None),
            ("SELECT relais_leave_stale()", None),
        ):
            dave.refused(call, params)
        assert dave.scalar("SELECT relais_my_role()") is None
        assert dave.scalar("SELECT count(*) FROM wrap_up") == 0
    finally:
        centre.owner.execute("UPDATE advisor SET active = true WHERE id = %s", (dave.id,))


INTERNAL = {
    "relais_hand_over": (
        "SELECT public.relais_hand_over(%(c)s, %(me)s, gen_random_uuid(), 'queued', NULL)"
    ),
    "relais_insert_rows": (
        "SELECT public.relais_insert_rows('advisor', '[]', %(me)s, 'admin', NULL)"
    ),
    "relais_update_row": (
        "SELECT public.relais_update_row('{}', %(me)s, 'admin', NULL, gen_random_uuid())"
    ),
    "relais_keep_losers": (
        "SELECT public.relais_keep_losers('contact', %(c)s, '{}', '{}', 'x', %(me)s, NULL)"
    ),
    "relais_writable": "SELECT public.relais_writable(%(c)s, %(me)s, 'admin', NULL)",
    "relais_log_changes": "SELECT public.relais_log_changes()",
}


@pytest.mark.parametrize("call", INTERNAL.values(), ids=INTERNAL.keys())
def test_the_centres_inner_functions_are_not_callable(centre, cast, attacker, call) -> None:
    contact, _ = centre.held_by(cast.bob)
    attacker.refused(call, {"c": contact, "me": attacker.id})
    assert centre.contact_row(contact)[1] == cast.bob.id


# -- holding the centre back ---------------------------------------------------------------------


def take_unless_locked(actor, contact, locked: str) -> str:
    """The actor's take of ``contact`` with a 2 s lock timeout: a lock that a refused call left
    behind fails the test with ``locked`` instead of hanging it."""
    actor.conn.execute("SET lock_timeout = '2s'")
    try:
        outcome, _, _ = actor.take(contact)
    except psycopg.errors.LockNotAvailable as exc:
        raise AssertionError(locked) from exc
    finally:
        actor.conn.execute("RESET lock_timeout")
    return outcome


def test_a_refused_push_holds_no_lock_on_the_queue(centre, cast) -> None:
    queue = [centre.contact(TEAM, priority=9) for _ in range(3)]
    hostile = connect(centre.pg.user_url(cast.alice.login), autocommit=False)
    try:
        ops = [
            cast.alice.op("update", "contact", c, {"status": "closed"}, before={}) for c in queue
        ]
        answer = hostile.execute(
            "SELECT relais_push(%s, %s::jsonb)", (cast.alice.workstation, json.dumps(ops))
        ).fetchone()[0]
        assert len(answer["refused"]) == 3  # refused, and the transaction stays open
        outcome = take_unless_locked(cast.bob, queue[0], "the queue is locked by a refused push")
        assert outcome == "claimed"
    finally:
        hostile.rollback()
        hostile.close()


def test_a_take_that_is_refused_holds_no_lock(centre, cast) -> None:
    contact = centre.contact(OTHER_TEAM, priority=9)
    hostile = connect(centre.pg.user_url(cast.alice.login), autocommit=False)
    try:
        outcome = hostile.execute(
            "SELECT r.outcome FROM relais_take(%s, %s) r", (contact, uuid.uuid4())
        ).fetchone()[0]
        assert outcome == "taken"
        outcome = take_unless_locked(
            cast.carol, contact, "another team's contact is locked by a refused take"
        )
        assert outcome == "claimed"
    finally:
        hostile.rollback()
        hostile.close()


def test_a_hostile_open_transaction_does_not_hold_back_everyones_pull(centre, cast) -> None:
    contact, _ = centre.held_by(cast.bob)
    hostile = connect(centre.pg.user_url(cast.alice.login), autocommit=False)
    engine = create_engine(centre.url)
    try:
        hostile.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
        hostile.execute("SELECT pg_current_xact_id(), count(*) FROM team")
        note = uuid.uuid4()
        assert cast.bob.insert("note", {
            "id": str(note), "contact_id": contact, "body": "urgent", "during_call": False,
        }) == "accepted"  # fmt: skip
        xid = centre.scalar(
            "SELECT xid FROM change_log WHERE table_name = 'note' AND row_id = %s", (note,)
        )
        with engine.connect() as conn:
            bound = safe_bound(conn)
        assert xid < bound.value, "Bob's note waits behind Alice's open transaction"
    finally:
        hostile.rollback()
        hostile.close()
        engine.dispose()
