"""Workstations syncing with a central PostgreSQL: exactly once, nothing skipped, rules kept."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update

from app.clock import utcnow
from app.db import Database
from app.dto import CloseRequest, QueueFilter
from app.errors import EnvironmentProblem
from app.models import (
    Contact,
    ContactStatus,
    Customer,
    CustomerIdentity,
    IdentityKind,
    Note,
    OutboxOp,
    Outcome,
    ReviewItem,
    SyncConflict,
    SyncRefusal,
)
from app.sync import centre
from app.sync.ops import Op
from app.sync.push import push
from app.workspace import Workspace

pytestmark = pytest.mark.postgres

TEAM = "Équipe Paris 1"  # a team of the seeded centre, with queued contacts


@pytest.fixture
def two_desks(pg_centre, tmp_path):
    """Two advisors of one team, each on a workstation of their own."""
    a = pg_centre.add_user("advisor", team=TEAM)
    b = pg_centre.add_user("advisor", team=TEAM)
    ws_a = pg_centre.workstation(a, tmp_path / "a")
    ws_b = pg_centre.workstation(b, tmp_path / "b")
    yield ws_a, ws_b
    ws_a.close()
    ws_b.close()


def _centre(pg_centre) -> Database:
    return Database(pg_centre.url, "central")


def test_a_note_written_on_one_desk_reaches_the_other(two_desks) -> None:
    ws_a, ws_b = two_desks
    claimed = ws_a.queue.next_contact()
    assert claimed is not None
    note = ws_a.contacts.add_note(claimed.contact_id, "Client rappelé, attend le virement.")
    assert ws_a.pending_changes() == 1
    report = ws_a.sync.cycle()
    assert report.pushed.applied == 1 and ws_a.pending_changes() == 0
    ws_b.sync.cycle()
    notes = ws_b.contacts.detail(claimed.contact_id).notes
    assert [n.id for n in notes if n.id == note.id] == [note.id]
    assert ws_b.sync.cycle(force_check=True).checked.clean


def test_a_retried_push_applies_nothing_twice(pg_centre, two_desks) -> None:
    ws_a, _ = two_desks
    claimed = ws_a.queue.next_contact()
    for i in range(5):
        ws_a.contacts.add_note(claimed.contact_id, f"note {i}")
    with ws_a.local.session() as s:
        ops = [
            Op(o.seq, o.op_id, o.kind, o.table_name, o.row_id, o.payload)
            for o in s.scalars(select(OutboxOp).order_by(OutboxOp.seq))
        ]
    central = _centre(pg_centre)
    # The centre applies the batch but the answer is lost: the workstation sends it again.
    centre.push(ws_a.central, ws_a.sync.pusher, ops)
    assert push(ws_a.local, ws_a.central, ws_a.sync.pusher).applied == 5
    with central.session() as s:
        count = s.scalar(select(func.count(Note.id)).where(Note.contact_id == claimed.contact_id))
    assert count == 5
    central.dispose()


def test_a_refused_operation_is_recorded_and_does_not_block_the_next(two_desks) -> None:
    ws_a, _ = two_desks
    claimed = ws_a.queue.next_contact()
    first = ws_a.contacts.add_note(claimed.contact_id, "first")
    ws_a.contacts.add_note(claimed.contact_id, "second")
    with ws_a.local.session() as s:
        op = s.scalars(select(OutboxOp).where(OutboxOp.row_id == first.id)).one()
        op.payload = {"values": {**op.payload["values"], "body": "x" * 20_001}}
    report = push(ws_a.local, ws_a.central, ws_a.sync.pusher)
    assert (report.applied, report.refused) == (1, 1)
    status = ws_a.sync.status()
    assert status.pending == 0 and status.refused == 1
    assert status.refusals[0]["reason"].startswith("invalid")
    # Asked again (a lost answer), the centre gives the same refusal, not a second try.
    with ws_a.central.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncRefusal)) == 1


def test_a_transaction_committing_late_is_not_skipped(pg_centre, two_desks) -> None:
    """Sequence numbers taken in one order and committed in the other: the reader must wait
    for the slow transaction instead of moving its cursor past it."""
    _, ws_b = two_desks
    ws_b.sync.cycle()
    engine = _centre(pg_centre).engine
    customers = engine.connect()
    slow, fast = engine.connect(), engine.connect()
    ids = [uuid.uuid4(), uuid.uuid4()]
    row = "INSERT INTO customer (id, first_name, last_name, language, segment, tags, created_at, updated_at, version, last_key, first_key) VALUES (:id, :n, 'Retard', 'fr', 'standard', '[]', now(), now(), 1, 'retard', :n)"  # noqa: E501
    # Customers of desk B's working set (see app.sync.scope), or its copy would not keep them.
    keep = "INSERT INTO desk_customer (login, customer_id, since) VALUES (:login, :id, now())"
    slow.begin()
    slow.execute(text(row), {"id": ids[0], "n": "lent"})  # takes its change number first
    slow.execute(text(keep), {"id": ids[0], "login": ws_b.who.login})
    fast.begin()
    fast.execute(text(row), {"id": ids[1], "n": "rapide"})
    fast.execute(text(keep), {"id": ids[1], "login": ws_b.who.login})
    fast.commit()  # ... but commits second-taken number first
    ws_b.sync.cycle()
    slow.commit()
    ws_b.sync.cycle()
    with ws_b.local.session() as s:
        found = set(s.scalars(select(Customer.id).where(Customer.id.in_(ids))))
    assert found == set(ids)
    for conn in (customers, slow, fast):
        conn.close()
    engine.dispose()


def test_a_lapsed_lease_keeps_both_advisors_work_and_flags_the_case(pg_centre, two_desks) -> None:
    ws_a, ws_b = two_desks
    claimed = ws_a.queue.next_contact()
    ws_a.sync.cycle()
    # A's network drops; the lease runs out on the centre and B takes the contact.
    central = _centre(pg_centre)
    with central.session() as s:
        s.execute(
            update(Contact)
            .where(Contact.id == claimed.contact_id)
            .values(lease_until=utcnow() - timedelta(minutes=1))
        )
    ws_b.sync.cycle()
    taken = ws_b.queue.take(claimed.contact_id)
    assert taken.contact_id == claimed.contact_id
    ws_b.contacts.add_note(claimed.contact_id, "B: rappel fait")
    # Meanwhile A, offline, went on: a note, then the close.
    ws_a.contacts.add_note(claimed.contact_id, "A: dossier transmis")
    reason = ws_a.reference.reason_codes()[0]
    ws_a.contacts.close(CloseRequest(claimed.contact_id, reason.id, Outcome.RESOLVED.value, 3))
    ws_b.sync.cycle()
    report = ws_a.sync.cycle()
    assert report.pushed.refused >= 1
    with central.session() as s:
        contact = s.get(Contact, claimed.contact_id)
        assert contact.status == ContactStatus.IN_PROGRESS  # B's claim stands
        assert contact.assigned_to == ws_b.who.advisor_id
        bodies = set(s.scalars(select(Note.body).where(Note.contact_id == contact.id)))
        assert {"A: dossier transmis", "B: rappel fait"} <= bodies
        flags = s.scalars(
            select(ReviewItem.reason).where(ReviewItem.contact_id == contact.id)
        ).all()
        assert "lease_lost" in flags
        lost = s.scalars(select(SyncConflict).where(SyncConflict.row_id == contact.id)).all()
        assert any(c.field == "status" and c.losing_value == "closed" for c in lost)
    assert ws_a.sync.status().refusals[0]["reason"].startswith("stale_claim")
    central.dispose()


def test_offline_edits_of_one_customer_first_to_arrive_wins_and_loser_is_kept(
    pg_centre, two_desks
) -> None:
    ws_a, ws_b = two_desks
    with ws_a.local.session() as s:
        customer_id = s.scalars(select(Customer.id).order_by(Customer.id)).first()
    ws_a.customers.update_profile(customer_id, {"postal_address": "1 rue A, Lille"})
    ws_b.customers.update_profile(
        customer_id, {"postal_address": "2 rue B, Lyon", "segment": "premium"}
    )
    ws_a.sync.cycle()
    ws_b.sync.cycle()
    ws_a.sync.cycle()
    for ws in (ws_a, ws_b):
        profile = ws.customers.profile(customer_id)
        assert profile.postal_address == "1 rue A, Lille"
        assert profile.segment == "premium"  # nobody else changed it: B's edit stands
    with ws_a.central.session() as s:  # row-level security: not A's conflict to see
        assert not s.scalars(select(SyncConflict)).all()
    with ws_b.central.session() as s:
        lost = s.scalars(select(SyncConflict).where(SyncConflict.row_id == customer_id)).one()
    assert (lost.field, lost.losing_value, lost.winning_value) == (
        "postal_address",
        "2 rue B, Lyon",
        "1 rue A, Lille",
    )
    assert lost.advisor_id == ws_b.who.advisor_id


def test_twenty_threads_claiming_never_share_a_contact(pg_centre, tmp_path) -> None:
    logins = [pg_centre.add_user("advisor") for _ in range(4)]  # no team: the whole queue
    desks = [pg_centre.workstation(login, tmp_path / login) for login in logins]
    got: list[uuid.UUID] = []
    lock = threading.Lock()

    def work(ws: Workspace) -> None:
        while (claimed := ws.queue.next_contact(QueueFilter())) is not None:
            with lock:
                got.append(claimed.contact_id)

    threads = [threading.Thread(target=work, args=(ws,)) for ws in desks for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got and len(got) == len(set(got))
    with desks[0].central.session() as s:
        left = s.scalar(
            select(func.count(Contact.id)).where(
                Contact.status == ContactStatus.QUEUED, Contact.received_at <= utcnow()
            )
        )
    assert left == 0
    for ws in desks:
        ws.close()


def test_a_centre_with_a_newer_schema_is_refused_and_the_outbox_kept(pg_centre, two_desks):
    ws_a, _ = two_desks
    claimed = ws_a.queue.next_contact()
    ws_a.contacts.add_note(claimed.contact_id, "waits for the upgrade")
    central = _centre(pg_centre)
    with central.session() as s:
        s.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    with pytest.raises(EnvironmentProblem) as err:
        ws_a.sync.cycle()
    assert "newer than this version" in err.value.text()
    assert ws_a.pending_changes() == 1
    assert "newer" in (ws_a.sync.status().last_error or "")
    central.dispose()


def test_a_renamed_customer_is_found_by_the_new_name_everywhere(two_desks) -> None:
    ws_a, ws_b = two_desks
    with ws_a.local.session() as s:
        customer_id = s.scalars(select(Customer.id).order_by(Customer.id)).first()
    ws_a.customers.update_profile(customer_id, {"last_name": "Zyxwvutsrq"})
    ws_a.sync.cycle()
    ws_b.sync.cycle()
    for ws in (ws_a, ws_b):
        assert [m.id for m in ws.customers.find("zyxwv").matches] == [customer_id]


def test_customer_search_asks_the_centre_by_phone_e_mail_and_name(two_desks) -> None:
    ws_a, _ = two_desks
    with ws_a.local.session() as s:
        phone, email = (
            s.scalars(
                select(CustomerIdentity.value).where(CustomerIdentity.kind == kind).limit(1)
            ).one()
            for kind in (IdentityKind.PHONE, IdentityKind.EMAIL)
        )
        name = s.scalars(select(Customer.last_name).limit(1)).one()
    for text_ in (phone, email, name):
        found = ws_a.customers.find(text_)
        assert found.matches and not found.local_only, text_


def test_a_write_left_open_is_read_around_then_read_when_it_ends(
    pg_centre, two_desks, monkeypatch
) -> None:
    """A session keeping the centre's push open in a transaction holds every pull back only
    for a while: the pull then reads around it, and brings its changes once it commits."""
    import json

    import psycopg

    from app.sync import cursor

    ws_a, ws_b = two_desks
    claimed = ws_a.queue.next_contact()
    ws_a.sync.cycle()
    ws_b.sync.cycle()
    late = ws_a.contacts.add_note(claimed.contact_id, "poussée restée ouverte")
    with ws_a.local.session() as s:
        op = s.scalars(select(OutboxOp).where(OutboxOp.row_id == late.id)).one()
        sent = [Op(op.seq, op.op_id, op.kind, op.table_name, op.row_id, op.payload).wire()]
        s.delete(op)  # sent by hand below, in a transaction left open
    held = psycopg.connect(
        pg_centre.user_url(ws_a.who.login).replace("postgresql+psycopg", "postgresql")
    )
    held.execute("SELECT relais_push(%s, %s::jsonb)", (uuid.uuid4(), json.dumps(sent))).fetchone()
    try:
        ws_a.contacts.add_note(claimed.contact_id, "note suivante")
        ws_a.sync.cycle()  # committed behind the open transaction
        monkeypatch.setattr(cursor, "STUCK_AFTER", 0.2)
        ws_b.sync.cycle()
        time.sleep(0.3)
        ws_b.sync.cycle()
        bodies = {n.body for n in ws_b.contacts.detail(claimed.contact_id).notes}
        assert "note suivante" in bodies and "poussée restée ouverte" not in bodies
        held.commit()
        ws_b.sync.cycle()
        bodies = {n.body for n in ws_b.contacts.detail(claimed.contact_id).notes}
        assert "poussée restée ouverte" in bodies
    finally:
        held.close()
