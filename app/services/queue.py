"""The advisor's queue: one list across channels, paged in SQL, and claiming contacts.

Sorting happens in the database (priority, then due time) so the interface can page through a
hundred thousand contacts by asking for one window of rows at a time.
"""

import uuid
from datetime import timedelta

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from app.clock import utcnow
from app.db import Database
from app.dto import Claimed, QueueFilter, QueueRow, Who
from app.errors import Conflict, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.models import Advisor, Contact, ContactAssignment, ContactStatus, Customer, Role
from app.outbox import record_insert, record_update

LEASE = timedelta(minutes=15)

_Assignee = aliased(Advisor)


class QueueService:
    def __init__(self, db: Database, who: Who) -> None:
        self._db = db
        self._who = who

    def _visible(self, query: Select, f: QueueFilter) -> Select:
        who = self._who
        if f.channels:
            query = query.where(Contact.channel.in_(sorted(f.channels)))
        query = query.where(Contact.status.in_(sorted(f.statuses)))
        # A planned follow-up waits outside the queue until its time.
        query = query.where(
            or_(Contact.status != ContactStatus.QUEUED, Contact.received_at <= utcnow())
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

    def next_contact(self, f: QueueFilter | None = None) -> Claimed | None:
        """Claims the first queued contact in queue order; None when the queue is empty."""
        f = f or QueueFilter()
        queued = QueueFilter(f.channels, frozenset({ContactStatus.QUEUED}))
        for _attempt in range(5):
            with self._db.session() as s:
                contact = s.scalars(
                    self._visible(select(Contact), queued)
                    .order_by(Contact.priority.desc(), Contact.due_at, Contact.id)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                ).first()
                if contact is None:
                    return None
                if self._claim(s, contact):
                    return Claimed(contact.id, contact.reference, contact.customer_id)
        return None

    def take(self, contact_id: uuid.UUID) -> Claimed:
        """Claims one chosen contact (or confirms it is already this advisor's)."""
        with self._db.session() as s:
            contact = s.get(Contact, contact_id)
            if contact is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "This contact no longer exists."))
            mine = contact.assigned_to == self._who.advisor_id
            if contact.status == ContactStatus.IN_PROGRESS and mine:
                return Claimed(contact.id, contact.reference, contact.customer_id)
            if contact.status != ContactStatus.QUEUED or not self._claim(s, contact):
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "errors", "Contact {reference} is already being handled or closed."
                    ),
                    QT_TRANSLATE_NOOP("errors", "Open it from the history to read it."),
                    reference=contact.reference,
                )
            return Claimed(contact.id, contact.reference, contact.customer_id)

    def _claim(self, s: Session, contact: Contact) -> bool:
        now = utcnow()
        token = new_id()
        done = s.execute(
            update(Contact)
            .where(Contact.id == contact.id, Contact.status == ContactStatus.QUEUED)
            .values(
                status=ContactStatus.IN_PROGRESS,
                assigned_to=self._who.advisor_id,
                claim_token=token,
                lease_until=now + LEASE,
                version=Contact.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            return False
        s.refresh(contact)
        record_update(
            s, contact, ["status", "assigned_to", "claim_token", "lease_until", "version"]
        )
        record_insert(s, ContactAssignment(contact_id=contact.id, advisor_id=self._who.advisor_id))
        return True
