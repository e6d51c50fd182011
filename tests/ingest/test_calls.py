"""Telephony events stored by the centre's rules, on both kinds of centre: a call ringing for an
advisor becomes their phone contact with the caller's customer found by number, its start and
end written by the centre's clock, events out of order or repeated never moving it back, a call
nobody answered back in the queue as a call back; the advisor's workstation takes the rung
contact as its own. On PostgreSQL the ring wakes that advisor's workstation (NOTIFY on a
channel only they can name), and nobody but a connector may hand an event."""

import uuid

import psycopg
import pytest
from centres import as_connector, small_centre
from sqlalchemy import select

from app.db import Database
from app.enums import ContactStatus, IdentityKind
from app.errors import EnvironmentProblem, InputError
from app.ingest.calls import CallEvent, hand
from app.models import Contact, CustomerIdentity

TEAM = "Équipe Paris 1"


@pytest.fixture(scope="module")
def pg(tmp_path_factory):
    """A PostgreSQL centre of its own, for what only PostgreSQL has: logins and NOTIFY."""
    made = small_centre("postgres", tmp_path_factory.mktemp("pg"), (20, 40, 5))
    yield made
    made.drop()


@pytest.fixture(scope="module")
def alice(centre):
    return centre.add_user("advisor", team=TEAM)


@pytest.fixture(scope="module")
def bob(centre):
    return centre.add_user("advisor", team=TEAM)


def _ring(connector, event: str, call: str, caller: str = "06 12 34 56 78", advisor=None):
    return hand(connector, CallEvent("json", call, event, caller, advisor, team=TEAM))


def _contact(truth, contact_id) -> Contact:
    with truth.session() as s:
        found = s.get(Contact, contact_id)
        s.expunge_all()
        return found


def _known_number(truth) -> tuple[uuid.UUID, str]:
    with truth.session() as s:
        row = s.execute(
            select(CustomerIdentity.customer_id, CustomerIdentity.value).where(
                CustomerIdentity.kind == IdentityKind.PHONE
            )
        ).first()
    return row[0], row[1]


def test_a_ring_for_an_advisor_is_their_contact_with_the_callers_customer(
    connector, truth, alice
) -> None:
    customer, number = _known_number(truth)
    national = "0" + number.removeprefix("+33") if number.startswith("+33") else number
    rang = _ring(connector, "ringing", "c-1", national, alice)
    assert (rang.outcome, rang.state, rang.advisor) == ("new", "ringing", alice)
    assert rang.customer_id == customer
    c = _contact(truth, rang.contact_id)
    assert (c.channel, c.status, c.sender_address) == ("phone", ContactStatus.IN_PROGRESS, number)
    assert c.call_started_at is None and c.claim_token is not None
    answered = _ring(connector, "answered", "c-1", national, alice)
    assert (answered.outcome, answered.state, answered.contact_id) == (
        "updated",
        "answered",
        rang.contact_id,
    )
    ended = _ring(connector, "ended", "c-1", national, alice)
    c = _contact(truth, rang.contact_id)
    assert ended.state == "ended" and c.call_started_at < c.call_ended_at
    # Still the advisor's to wrap up; a repeated or late event changes nothing.
    assert c.status == ContactStatus.IN_PROGRESS and c.assigned_to is not None
    for late in ("ringing", "answered", "ended"):
        again = _ring(connector, late, "c-1", national, alice)
        assert (again.outcome, again.state) == ("unchanged", "ended")
    assert _contact(truth, rang.contact_id).version == c.version


def test_a_call_nobody_answered_goes_back_to_the_queue_as_a_call_back(
    connector, truth, alice
) -> None:
    rang = _ring(connector, "ringing", "c-2", "+33 6 98 76 54 32", alice)
    missed = _ring(connector, "ended", "c-2", "+33 6 98 76 54 32")
    c = _contact(truth, rang.contact_id)
    assert missed.state == "missed" and missed.advisor is None
    assert (c.status, c.assigned_to, c.claim_token) == (ContactStatus.QUEUED, None, None)
    assert c.priority >= 2 and c.customer_id is None and c.sender_address == "+33698765432"


def test_events_out_of_order_never_move_a_call_back(connector, truth, alice) -> None:
    ended = _ring(connector, "ended", "c-3", "0033 6 11 22 33 44", alice)
    assert (ended.outcome, ended.state) == ("new", "missed")
    assert _ring(connector, "answered", "c-3", advisor=alice).state == "missed"
    assert _ring(connector, "ringing", "c-3", advisor=alice).outcome == "unchanged"
    answered = _ring(connector, "answered", "c-4", "06.11.22.33.45", alice)
    assert (answered.outcome, answered.state) == ("new", "answered")
    assert _ring(connector, "ringing", "c-4", advisor=alice).state == "answered"


def test_a_call_answered_again_keeps_its_first_start(connector, truth, alice) -> None:
    """A telephony retries a callback it thinks was lost: the call started the first time."""
    rang = _ring(connector, "answered", "c-11", "06 44 33 22 11", alice)
    first = _contact(truth, rang.contact_id).call_started_at
    assert _ring(connector, "answered", "c-11", "06 44 33 22 11", alice).state == "answered"
    assert _contact(truth, rang.contact_id).call_started_at == first


def test_a_ring_moved_to_another_phone_and_a_withheld_number(connector, truth, alice, bob) -> None:
    first = _ring(connector, "ringing", "c-5", "", alice)
    assert first.customer_id is None
    moved = _ring(connector, "ringing", "c-5", "", bob)
    assert (moved.advisor, moved.contact_id) == (bob, first.contact_id)
    c = _contact(truth, first.contact_id)
    assert c.sender_address == "" and c.status == ContactStatus.IN_PROGRESS
    # An unknown login rings for nobody: the call waits in the team's queue.
    queued = _ring(connector, "ringing", "c-6", "06 00 00 00 01", "nobody-here")
    assert queued.advisor is None
    assert _contact(truth, queued.contact_id).status == ContactStatus.QUEUED


def test_the_rung_advisors_workstation_takes_the_call(centre, connector, alice, tmp_path) -> None:
    rang = _ring(connector, "ringing", "c-7", "06 55 44 33 22", alice)
    desk = centre.workstation(alice, tmp_path)
    try:
        desk.sync.cycle()
        claimed = desk.queue.take(rang.contact_id)
        assert claimed.contact_id == rang.contact_id
        assert desk.contacts.detail(rang.contact_id).workable
    finally:
        desk.close()


def test_a_missed_call_taken_from_the_queue_is_called_back(
    centre, connector, truth, alice, tmp_path
) -> None:
    rang = _ring(connector, "ringing", "c-10", "06 55 44 33 21", alice)
    assert _ring(connector, "ended", "c-10").state == "missed"
    desk = centre.workstation(alice, tmp_path)
    try:
        desk.sync.cycle()
        desk.queue.take(rang.contact_id)
        missed = desk.contacts.detail(rang.contact_id)
        assert missed.call_started_at is None and missed.call_ended_at is not None
        desk.contacts.start_call(rang.contact_id)
        desk.sync.cycle()
        called = _contact(truth, rang.contact_id)
        assert called.call_started_at is not None and called.call_ended_at is None
        desk.contacts.end_call(rang.contact_id)
        desk.sync.cycle()
        called = _contact(truth, rang.contact_id)
        assert called.call_started_at < called.call_ended_at
    finally:
        desk.close()


@pytest.mark.parametrize(
    ("event", "why"),
    [
        (CallEvent("json", "x", "hold", "0612345678"), "ringing, answered or ended"),
        (CallEvent("JSON!", "x", "ringing"), "source and its call id"),
        (CallEvent("json", "", "ringing"), "source and its call id"),
        (CallEvent("json", "x" * 201, "ringing"), "source and its call id"),
    ],
)
def test_a_malformed_event_is_refused_with_why(connector, event, why) -> None:
    with pytest.raises(InputError, match=why):
        hand(connector, event)


@pytest.mark.postgres
def test_only_the_rung_advisors_channel_is_woken(pg) -> None:
    alice, bob = pg.add_user("advisor", team=TEAM), pg.add_user("advisor", team=TEAM)
    connector = as_connector(pg)
    channels = {}
    sessions = {}
    for who in (alice, bob):
        conn = psycopg.connect(pg.user_url(who).replace("+psycopg", ""), autocommit=True)
        names = conn.execute("SELECT relais_wake_channels()").fetchone()[0]
        for name in names:
            conn.execute(f'LISTEN "{name}"')
        channels[who], sessions[who] = names, conn
    try:
        assert channels[alice][0] != channels[bob][0]  # each their own
        assert channels[alice][1] == channels[bob][1]  # their team's
        _ring(connector, "ringing", "c-8", "06 12 12 12 12", alice)
        heard = [n.channel for n in sessions[alice].notifies(timeout=2.0, stop_after=2)]
        assert channels[alice][0] in heard
        heard_by_bob = [n.channel for n in sessions[bob].notifies(timeout=0.5)]
        assert channels[alice][0] not in heard_by_bob
    finally:
        for conn in sessions.values():
            conn.close()
        connector.dispose()


@pytest.mark.postgres
def test_an_advisor_may_not_hand_a_call_nor_read_the_wake_secret(pg) -> None:
    conn = psycopg.connect(
        pg.user_url(pg.add_user("advisor", team=TEAM)).replace("+psycopg", ""), autocommit=True
    )
    try:
        for statement in (
            "SELECT relais_call_event('{}'::jsonb)",
            "SELECT value FROM centre_secret",
            "SELECT relais_wake_name('advisor', gen_random_uuid())",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    finally:
        conn.close()


@pytest.mark.postgres
def test_a_workstations_login_is_not_a_connector(pg) -> None:
    alice = pg.add_user("advisor", team=TEAM)
    db = Database(pg.user_url(alice), "central")
    try:
        with pytest.raises(EnvironmentProblem):
            _ring(db, "ringing", "c-9", "0612345678", alice)
    finally:
        db.dispose()
