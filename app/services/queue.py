"""The advisor's queue: one list across channels, paged in SQL, and claiming contacts.

Sorting happens in the database (priority, then due time) so the interface can page through a
hundred thousand contacts by asking for one window of rows at a time. Claims happen on the centre
(its own functions, app.sync.centre) with a lease and a claim token: every later write on the
contact presents the token, so a workstation whose lease lapsed cannot overwrite the next
advisor's work.
"""

import time
import uuid

from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from app.clock import centre_now
from app.db import Database
from app.dto import Claimed, QueueFilter, QueueRow, Who
from app.errors import Conflict, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Advisor, Contact, ContactAssignment, ContactStatus, Customer, OutboxOp, Role
from app.sync import centre, state, stored
from app.sync.pull import holds, keep, refresh

_Assignee = aliased(Advisor)


class QueueService:
    """Reads the queue from this workstation's copy; claims on the centre (``central``), where
    one statement with FOR UPDATE SKIP LOCKED hands each contact to one advisor."""

    def __init__(self, db: Database, who: Who, central: Database) -> None:
        self._db = db
        self._who = who
        self._central = central
        self._renewed_at = float("-inf")

    def _visible(self, query: Select, f: QueueFilter) -> Select:
        who = self._who
        if f.channels:
            query = query.where(Contact.channel.in_(sorted(f.channels)))
        query = query.where(Contact.status.in_(sorted(f.statuses)))
        # A planned follow-up waits outside the queue until its time.
        query = query.where(
            or_(Contact.status != ContactStatus.QUEUED, Contact.received_at <= centre_now())
        )
        if who.team_id is not None:
            query = query.where(or_(Contact.team_id == who.team_id, Contact.team_id.is_(None)))
        # Advisors see the open queue and their own work; supervisors their whole team's.
        if f.mine_only:
            query = query.where(Contact.assigned_to == who.advisor_id)
        elif who.role == Role.ADVISOR:
            query = query.where(
                or_(Contact.status == ContactStatus.QUEUED, Contact.assigned_to == who.advisor_id)
            )
        return query

    def count(self, f: QueueFilter) -> int:
        with self._db.session() as s:
            return s.scalar(self._visible(select(func.count(Contact.id)), f)) or 0

    def page(self, f: QueueFilter, offset: int, limit: int) -> list[QueueRow]:
        query = (
            select(
                Contact,
                Customer.first_name,
                Customer.last_name,
                _Assignee.display_name,
            )
            .outerjoin(Customer, Customer.id == Contact.customer_id)
            .outerjoin(_Assignee, _Assignee.id == Contact.assigned_to)
        )
        query = (
            self._visible(query, f)
            .order_by(Contact.priority.desc(), Contact.due_at, Contact.id)
            .offset(offset)
            .limit(limit)
        )
        me = self._who.advisor_id
        with self._db.session() as s:
            return [
                QueueRow(
                    id=c.id,
                    reference=c.reference,
                    channel=c.channel,
                    status=c.status,
                    customer_id=c.customer_id,
                    customer_name=f"{first} {last}" if first is not None else "",
                    sender_display=c.sender_display,
                    subject=c.subject,
                    preview=c.preview,
                    received_at=c.received_at,
                    due_at=c.due_at,
                    priority=c.priority,
                    risk_flag=c.risk_flag,
                    risk_reason=c.risk_reason,
                    assigned_to_name=assignee or "",
                    assigned_to_me=c.assigned_to == me,
                )
                for c, first, last, assignee in s.execute(query)
            ]

    # -- claiming, on the centre ----------------------------------------------------------------

    def next_contact(self, f: QueueFilter | None = None) -> Claimed | None:
        """Claims the first claimable contact in queue order on the centre; None when there is
        none. Needs the centre: offline, it raises the centre's EnvironmentProblem."""
        f = f or QueueFilter()
        channels = sorted(f.channels) or None
        claim = centre.claim_next(self._central, self._who.login, channels)
        return None if claim is None else self._mirror(claim)

    def take(self, contact_id: uuid.UUID) -> Claimed:
        """Claims one chosen contact on the centre (or confirms it is already this advisor's)."""
        taken = centre.take(self._central, self._who.login, contact_id)
        if taken.claim is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This contact no longer exists."))
        if taken.outcome in ("claimed", "mine"):
            return self._mirror(taken.claim)
        table = Contact.__table__
        raise Conflict(
            QT_TRANSLATE_NOOP("errors", "Contact {reference} is already being handled or closed."),
            QT_TRANSLATE_NOOP("errors", "Open it from the history to read it."),
            reference=taken.claim.contact[stored.position(table, "reference")],  # type: ignore[arg-type,index]
        )

    def renew_leases(self, force: bool = False) -> int:
        """Asks the centre to extend the leases of this advisor's open contacts; the centre's
        clock decides which are past half their time. Asked at most every ``RENEW_EVERY``
        seconds (the sync runs every second), and not at all while nothing is held."""
        if not force and time.monotonic() - self._renewed_at < RENEW_EVERY:
            return 0
        with self._db.session() as s:
            tokens = list(
                s.scalars(
                    select(Contact.claim_token).where(
                        Contact.assigned_to == self._who.advisor_id,
                        Contact.status == ContactStatus.IN_PROGRESS,
                        Contact.claim_token.is_not(None),
                    )
                )
            )
        renewed = centre.renew(self._central, self._who.login, tokens)  # type: ignore[arg-type]
        self._renewed_at = time.monotonic()
        return renewed

    def release(self, contact_id: uuid.UUID) -> None:
        """Hands a contact this advisor holds back to the queue, for a colleague to take. What
        this workstation has not sent yet on it must reach the centre first."""
        with self._db.session() as s:
            contact = s.get(Contact, contact_id)
            waiting = s.scalar(
                select(func.count(OutboxOp.seq)).where(
                    OutboxOp.row_id == contact_id, OutboxOp.state == "pending"
                )
            )
        if contact is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This contact no longer exists."))
        if waiting or contact.claim_token is None or contact.assigned_to != self._who.advisor_id:
            raise Conflict(
                QT_TRANSLATE_NOOP("errors", "Contact {reference} cannot go back to the queue now."),
                QT_TRANSLATE_NOOP(
                    "errors", "It is not yours any more, or your changes on it are still waiting."
                ),
                reference=contact.reference,
            )
        if not centre.release(self._central, self._who.login, contact_id, contact.claim_token):
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "errors", "Contact {reference} is not yours to work on any more."
                ),
                QT_TRANSLATE_NOOP(
                    "errors", "It was closed or handed to someone else; your draft is kept."
                ),
                reference=contact.reference,
            )
        refresh(self._db, self._central, {"contact": {contact_id}})

    def _write_claim(self, claim: centre.Claim, customer: str | None) -> bool:
        """Writes the claim into this copy; False, and nothing written, when its customer
        (``customer``, a stored id) is not held yet."""
        try:
            with self._db.refetchable() as conn:
                # A write first: the transaction holds the write lock from its start, so that a
                # writer on another thread cannot make it fail when it turns from reading to
                # writing.
                state.bump_generation(conn)
                stored.write(conn, Contact.__table__, [claim.contact], spare_pending=True)  # type: ignore[arg-type]
                if claim.assignment is not None:
                    stored.write(conn, ContactAssignment.__table__, [claim.assignment])  # type: ignore[arg-type]
        except IntegrityError:  # a foreign key: the customer, most likely
            if customer is None or holds(self._db, uuid.UUID(customer)):
                raise
            return False
        return True

    def _mirror(self, claim: centre.Claim) -> Claimed:
        """The claim as the centre wrote it, into this copy at once (the pull would bring it a
        moment later); nothing goes to the outbox, the centre already has it. Rows this
        workstation has not sent yet are left alone: the pull after the push brings them."""
        table = Contact.__table__
        contact = claim.contact
        contact_id = uuid.UUID(contact[stored.position(table, "id")])  # type: ignore[arg-type,index]
        customer = contact[stored.position(table, "customer_id")]  # type: ignore[arg-type,index]
        if not self._write_claim(claim, customer):
            # A returning customer's contact just queued, claimed before the pull brought the
            # customer: they and their history come first, or the copy could not hold it.
            keep(self._db, self._central, {uuid.UUID(customer)})
            self._write_claim(claim, None)
        return Claimed(
            contact_id,
            contact[stored.position(table, "reference")],  # type: ignore[arg-type,index]
            uuid.UUID(customer) if customer is not None else None,
        )


RENEW_EVERY = 60.0  # seconds between two renewal requests (leases last 15 minutes)
