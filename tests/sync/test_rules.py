"""The centre's rules, run on both kinds of centre with the same tests and the same answers:
PostgreSQL (its own functions decide) and the embedded SQLite centre (app.sync.apply).

Each test plays two advisors of one team on workstations of their own, and checks what the centre
holds afterwards as its owner sees it."""

import uuid
from datetime import timedelta

import pytest
from centres import EmbeddedCentre, PostgresCentre, owner
from sqlalchemy import func, select, text, update

from app.clock import utcnow
from app.dto import CloseRequest, FollowUpRequest, NewCustomer
from app.models import (
    Contact,
    ContactAssignment,
    ContactStatus,
    Customer,
    Message,
    Note,
    OutboxOp,
    Outcome,
    ReviewItem,
    SyncConflict,
    WrapUp,
)
from app.opening_hours import OpeningHours
from app.sync import apply

TEAM = "Équipe Paris 1"  # a team of the seeded centre, with queued contacts


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def centre(request, tmp_path):
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path / "centre").create(customers=40, contacts=150, queue=30)
    else:
        made = PostgresCentre(request.getfixturevalue("pg_url")).create(
            customers=40, contacts=150, queue=30
        )
    yield made
    made.drop()


@pytest.fixture
def desks(centre, tmp_path):
    """Two advisors of one team, each on a workstation of their own, and the owner's view."""
    a = centre.add_user("advisor", team=TEAM)
    b = centre.add_user("advisor", team=TEAM)
    ws_a = centre.workstation(a, tmp_path / "a")
    ws_b = centre.workstation(b, tmp_path / "b")
    truth = owner(centre)
    yield ws_a, ws_b, truth
    ws_a.close()
    ws_b.close()
    truth.dispose()


def _lapse(truth, contact_id: uuid.UUID) -> None:
    with truth.session() as s:
        s.execute(
            update(Contact)
            .where(Contact.id == contact_id)
            .values(lease_until=utcnow() - timedelta(minutes=1))
        )


def _reason(ws) -> uuid.UUID:
    return ws.reference.reason_codes()[0].id


def _close(ws, contact_id: uuid.UUID, assessment: int = 3, follow_up=None):
    return ws.contacts.close(
        CloseRequest(contact_id, _reason(ws), Outcome.RESOLVED.value, assessment, "", follow_up)
    )


def test_a_stale_claim_is_refused_its_values_kept_and_the_case_flagged(desks) -> None:
    ws_a, ws_b, truth = desks
    claimed = ws_a.queue.next_contact()
    ws_a.sync.cycle()
    _lapse(truth, claimed.contact_id)  # A's network drops; the lease runs out...
    ws_b.sync.cycle()
    ws_b.queue.take(claimed.contact_id)  # ... and B takes the contact
    ws_a.contacts.add_note(claimed.contact_id, "A: dossier transmis")
    _close(ws_a, claimed.contact_id)
    report = ws_a.sync.cycle()
    assert report.pushed.refused == 1  # the close; the note and the wrap-up are kept
    with truth.session() as s:
        contact = s.get(Contact, claimed.contact_id)
        assert (contact.status, contact.assigned_to) == (
            ContactStatus.IN_PROGRESS,
            ws_b.who.advisor_id,
        )
        assert "A: dossier transmis" in set(
            s.scalars(select(Note.body).where(Note.contact_id == contact.id))
        )
        assert s.scalar(select(func.count(WrapUp.id)).where(WrapUp.contact_id == contact.id))
        assert "lease_lost" in set(
            s.scalars(select(ReviewItem.reason).where(ReviewItem.contact_id == contact.id))
        )
        lost = s.scalars(select(SyncConflict).where(SyncConflict.row_id == contact.id)).all()
        assert {(c.field, c.losing_value, c.rule) for c in lost} >= {
            ("status", "closed", "stale_claim")
        }
        assert all(c.advisor_id == ws_a.who.advisor_id for c in lost)
        # The takeover ended A's part: only B's assignment is open.
        open_parts = s.scalars(
            select(ContactAssignment.advisor_id).where(
                ContactAssignment.contact_id == contact.id, ContactAssignment.ended_at.is_(None)
            )
        ).all()
        assert open_parts == [ws_b.who.advisor_id]
    assert ws_a.sync.status().refusals[0]["reason"].startswith("stale_claim")


def test_the_first_edit_to_reach_the_centre_wins_and_the_other_is_kept(desks) -> None:
    ws_a, ws_b, truth = desks
    with ws_a.local.session() as s:
        customer_id = s.scalars(select(Customer.id).order_by(Customer.id)).first()
    ws_b.customers.hold(customer_id)
    ws_a.customers.update_profile(customer_id, {"postal_address": "1 rue A, Lille"})
    ws_b.customers.update_profile(customer_id, {"postal_address": "2 rue B, Lyon"})
    ws_a.sync.cycle()
    ws_b.sync.cycle()
    with truth.session() as s:
        assert s.get(Customer, customer_id).postal_address == "1 rue A, Lille"
        lost = s.scalars(select(SyncConflict).where(SyncConflict.row_id == customer_id)).one()
        assert (lost.field, lost.losing_value, lost.winning_value, lost.rule) == (
            "postal_address",
            "2 rue B, Lyon",
            "1 rue A, Lille",
            "first_edit_wins",
        )
        assert lost.advisor_id == ws_b.who.advisor_id
    ws_b.sync.cycle()
    with ws_b.local.session() as s:  # the loser's copy comes back to the centre's value
        assert s.get(Customer, customer_id).postal_address == "1 rue A, Lille"


def _forge(ws, row_id: uuid.UUID, **values) -> None:
    """Changes what the outbox will send for a row, as a program other than Relais would."""
    with ws.local.session() as s:
        op = s.scalars(select(OutboxOp).where(OutboxOp.row_id == row_id)).one()
        op.payload = {**op.payload, "values": {**op.payload["values"], **values}}


def test_the_centre_sets_the_author_and_the_time_whatever_was_sent(desks) -> None:
    ws_a, ws_b, truth = desks
    claimed = ws_a.queue.next_contact()
    note = ws_a.contacts.add_note(claimed.contact_id, "écrit par A")
    reply = ws_a.contacts.send_reply(claimed.contact_id, "Bonjour, c'est fait.")
    ahead = (utcnow() + timedelta(hours=2)).isoformat()
    _forge(ws_a, note.id, advisor_id=str(ws_b.who.advisor_id), created_at=ahead)
    _forge(ws_a, reply.id, author_id=str(ws_b.who.advisor_id), created_at=ahead)
    before = utcnow()
    assert ws_a.sync.cycle().pushed.applied >= 2
    with truth.session() as s:
        stored_note, stored_reply = s.get(Note, note.id), s.get(Message, reply.id)
    assert stored_note.advisor_id == stored_reply.author_id == ws_a.who.advisor_id
    for row in (stored_note, stored_reply):
        # The centre's clock orders the thread; the workstation's is kept as written.
        assert before - timedelta(seconds=5) <= row.created_at <= utcnow() + timedelta(seconds=5)
        assert row.written_at is not None and row.written_at > utcnow() + timedelta(hours=1)


def test_nobody_writes_on_a_contact_they_never_held(desks) -> None:
    ws_a, ws_b, truth = desks
    claimed = ws_b.queue.next_contact()
    ws_b.sync.cycle()
    mine = ws_a.queue.next_contact()
    note = ws_a.contacts.add_note(mine.contact_id, "sur le contact de B")
    _forge(ws_a, note.id, contact_id=str(claimed.contact_id))
    report = ws_a.sync.cycle()
    assert report.pushed.refused == 1
    assert ws_a.sync.status().refusals[0]["reason"].startswith("permission")
    with truth.session() as s:
        assert s.get(Note, note.id) is None


def test_a_follow_up_planned_in_a_refused_close_does_not_enter_the_queue(desks) -> None:
    ws_a, ws_b, truth = desks
    claimed = ws_a.queue.next_contact()
    ws_a.sync.cycle()
    _lapse(truth, claimed.contact_id)
    ws_b.sync.cycle()
    ws_b.queue.take(claimed.contact_id)
    due = OpeningHours().next_open(utcnow() + timedelta(hours=3))  # in opening hours
    assert due is not None
    result = _close(ws_a, claimed.contact_id, 1, FollowUpRequest("callback", due))
    ws_a.sync.cycle()
    with truth.session() as s:
        assert s.get(Contact, result.follow_up_id) is None
    reasons = [r["reason"] for r in ws_a.sync.status().refusals]
    assert any(r.startswith("stale_claim") for r in reasons)
    assert any(r.startswith("permission") and "follow-up" in r for r in reasons)


def test_a_close_ends_every_open_part_of_the_contact(desks) -> None:
    ws_a, _ws_b, truth = desks
    claimed = ws_a.queue.next_contact()
    _close(ws_a, claimed.contact_id)
    ws_a.sync.cycle()
    with truth.session() as s:
        contact = s.get(Contact, claimed.contact_id)
        assert contact.status == ContactStatus.CLOSED and contact.claim_token is None
        assert not s.scalars(
            select(ContactAssignment).where(
                ContactAssignment.contact_id == contact.id, ContactAssignment.ended_at.is_(None)
            )
        ).all()


def test_a_close_made_offline_after_the_lease_lapsed_goes_through_when_nobody_took_it(
    desks,
) -> None:
    """Ctrl+N before the push hands the advisor their own lapsed contact again: the same claim
    goes on, so the close waiting in the outbox is accepted, not refused as stale."""
    ws_a, _ws_b, truth = desks
    claimed = ws_a.queue.next_contact()
    ws_a.sync.cycle()
    _lapse(truth, claimed.contact_id)
    _close(ws_a, claimed.contact_id)  # offline
    again = ws_a.queue.next_contact()
    assert again.contact_id == claimed.contact_id
    report = ws_a.sync.cycle()
    assert report.pushed.refused == 0
    with truth.session() as s:
        assert s.get(Contact, claimed.contact_id).status == ContactStatus.CLOSED
        assert not s.scalars(
            select(SyncConflict).where(SyncConflict.row_id == claimed.contact_id)
        ).all()
        assert not s.scalars(
            select(ReviewItem).where(
                ReviewItem.contact_id == claimed.contact_id, ReviewItem.reason == "lease_lost"
            )
        ).all()


def test_scores_the_centre_does_not_take_are_refused_not_stored(desks) -> None:
    ws_a, _ws_b, truth = desks
    claimed = ws_a.queue.next_contact()
    _close(ws_a, claimed.contact_id)
    with ws_a.local.session() as s:
        wrap_id = s.scalars(select(WrapUp.id).where(WrapUp.contact_id == claimed.contact_id)).one()
    _forge(ws_a, wrap_id, self_assessment=7)
    ws_a.sync.cycle()
    refusals = ws_a.sync.status().refusals
    assert [r["table"] for r in refusals] == ["wrap_up"]
    assert refusals[0]["reason"].startswith("invalid")
    with truth.session() as s:
        assert s.get(WrapUp, wrap_id) is None
        assert s.get(Contact, claimed.contact_id).status == ContactStatus.CLOSED


def test_a_fault_in_the_centres_code_keeps_the_operation_waiting(
    centre, desks, monkeypatch
) -> None:
    """A bug is not a refusal: the operation stays pending, with what went wrong, and goes
    through once the centre is mended."""
    ws_a, _ws_b, truth = desks
    claimed = ws_a.queue.next_contact()
    ws_a.contacts.add_note(claimed.contact_id, "avant")
    ws_a.contacts.add_note(claimed.contact_id, "boom")
    ws_a.contacts.add_note(claimed.contact_id, "après")
    if centre.kind == "sqlite":
        real = apply.insert_rows

        def broken(conn, me, name, rows):
            if any(r.get("body") == "boom" for r in rows):
                raise RuntimeError("a bug in the centre's code")
            return real(conn, me, name, rows)

        monkeypatch.setattr(apply, "insert_rows", broken)
    else:
        with truth.engine.begin() as conn:
            conn.execute(
                text(
                    "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "IF NEW.body = 'boom' THEN RAISE EXCEPTION 'a bug' USING ERRCODE = 'XX000'; "
                    "END IF; RETURN NEW; END $$; CREATE TRIGGER boom BEFORE INSERT ON note "
                    "FOR EACH ROW EXECUTE FUNCTION boom()"
                )
            )
    report = ws_a.sync.cycle()
    assert report.pushed.refused == 0 and report.pushed.failure is not None
    status = ws_a.sync.status()
    assert (status.pending, status.refused) == (2, 0)  # "boom" and the note behind it wait
    with ws_a.local.session() as s:
        waiting = s.scalars(select(OutboxOp).where(OutboxOp.state == "pending")).all()
    assert waiting[0].error.startswith("failed")
    if centre.kind == "sqlite":
        monkeypatch.undo()
    else:
        with truth.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER boom ON note"))
    assert ws_a.sync.cycle().pushed.applied == 2
    with truth.session() as s:
        bodies = set(s.scalars(select(Note.body).where(Note.contact_id == claimed.contact_id)))
    assert {"avant", "boom", "après"} <= bodies


def test_a_customer_created_without_a_contact_stays_in_its_creators_copy(desks) -> None:
    ws_a, _ws_b, _truth = desks
    created = ws_a.customers.create(NewCustomer("Sans", "Contact", "fr"))
    ws_a.sync.cycle()
    report = ws_a.sync.cycle(force_check=True)
    assert report.checked.clean
    with ws_a.local.session() as s:
        assert s.get(Customer, created) is not None


def test_the_centres_clock_decides_when_a_lease_is_renewed(desks) -> None:
    ws_a, _ws_b, truth = desks
    claimed = ws_a.queue.next_contact()
    with truth.session() as s:  # far from its end: not yet
        s.execute(
            update(Contact)
            .where(Contact.id == claimed.contact_id)
            .values(lease_until=utcnow() + timedelta(minutes=14))
        )
    assert ws_a.queue.renew_leases(force=True) == 0
    with truth.session() as s:  # nearly over: renewed for the whole lease
        s.execute(
            update(Contact)
            .where(Contact.id == claimed.contact_id)
            .values(lease_until=utcnow() + timedelta(minutes=2))
        )
    assert ws_a.queue.renew_leases(force=True) == 1
    with truth.session() as s:
        lease = s.get(Contact, claimed.contact_id).lease_until
    assert lease > utcnow() + timedelta(minutes=14)


def test_a_contact_goes_back_to_the_queue_for_a_colleague(desks) -> None:
    ws_a, ws_b, truth = desks
    claimed = ws_a.queue.next_contact()
    ws_a.queue.release(claimed.contact_id)
    with ws_a.local.session() as s:
        assert s.get(Contact, claimed.contact_id).status == ContactStatus.QUEUED
    ws_b.sync.cycle()
    assert ws_b.queue.take(claimed.contact_id).contact_id == claimed.contact_id
    with truth.session() as s:
        assert s.get(Contact, claimed.contact_id).assigned_to == ws_b.who.advisor_id


@pytest.mark.postgres
def test_a_desk_two_hours_ahead_reckons_by_the_centres_clock(pg_url, tmp_path, monkeypatch):
    """Its follow-ups are proposed, and planned contacts shown, at the centre's time."""
    import app.clock

    made = PostgresCentre(pg_url).create(customers=20, contacts=40, queue=10)
    try:
        ws = made.workstation(made.add_user("advisor", team=TEAM), tmp_path / "ahead")
        truth = owner(made)
        real = app.clock.datetime

        class Ahead(real):  # type: ignore[misc, valid-type]
            @classmethod
            def now(cls, tz=None):
                return real.now(tz) + timedelta(hours=2)

        monkeypatch.setattr(app.clock, "datetime", Ahead)
        ws.sync.cycle()
        assert abs(app.clock.centre_now() - real.now(app.clock.UTC)) < timedelta(seconds=5)
        # Every day 08:30-22:00: the desk's clock would propose 10:00 the next day from 19:45 on.
        proposed = OpeningHours(public_holidays="").propose_follow_up(app.clock.centre_now())
        assert proposed - real.now(app.clock.UTC) < timedelta(hours=14)
        claimed = ws.queue.next_contact()
        with truth.session() as s:  # planned for half an hour from now, by the centre's clock
            s.execute(
                update(Contact)
                .where(Contact.id == claimed.contact_id)
                .values(
                    status=ContactStatus.QUEUED,
                    assigned_to=None,
                    claim_token=None,
                    received_at=real.now(app.clock.UTC) + timedelta(minutes=30),
                )
            )
        ws.sync.cycle()
        from app.dto import QueueFilter

        shown = {r.id for r in ws.queue.page(QueueFilter(), 0, 500)}
        assert claimed.contact_id not in shown
        ws.close()
        truth.dispose()
    finally:
        monkeypatch.undo()
        app.clock.learn_offset(app.clock.utcnow(), app.clock.utcnow(), app.clock.utcnow())
        made.drop()
