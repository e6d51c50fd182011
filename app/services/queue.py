"""The advisor's queue: one list across channels, paged in SQL, and claiming contacts.

Sorting happens in the database (priority, then due time) so the interface can page through a
hundred thousand contacts by asking for one window of rows at a time. Pages are found by keyset,
never by OFFSET: ``index`` walks the order index once per (re)load and keeps a key every few
hundred entries of each priority, and ``page`` seeks from the nearest kept key, so the last page
or the middle one costs what the first does. Claims happen on the centre (its own functions,
app.sync.centre) with a lease and a claim token: every later write on the contact presents the
token, so a workstation whose lease lapsed cannot overwrite the next advisor's work.

The same reads list the advisor's own planned follow-ups (``QueueFilter.follow_ups``): contacts
with a ``parent_id``, planned when the advisor closed that parent, waiting until their time.
"""

import bisect
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as clock_time

from sqlalchemy import Integer, Select, bindparam, func, literal_column, or_, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from app.clock import centre_now
from app.db import Database
from app.dto import (
    Claimed,
    FollowUpCounts,
    QueueBucket,
    QueueFilter,
    QueueIndex,
    QueueKey,
    QueueRow,
    Who,
)
from app.enums import DeliveryState
from app.errors import Conflict, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.models import (
    Advisor,
    Contact,
    ContactAssignment,
    ContactStatus,
    Customer,
    Delivery,
    OutboxOp,
    Role,
    table_of,
)
from app.sync import centre, changed, state, stored
from app.sync.pull import holds, keep, refresh

_Assignee = aliased(Advisor)
_Parent = aliased(Contact)  # the closed contact a follow-up was planned from (filtering)
_Origin = aliased(Contact)  # the same, for the reference a row shows

# The predicates of the partial indexes the queue reads (app.models.contacts), written as
# literals: SQLite uses a partial index only for a query that repeats its WHERE term for term.
# The state of the contact's latest reply: a failed one marks its row.
_LAST_DELIVERY = (
    select(Delivery.state)
    .where(Delivery.contact_id == Contact.id)
    .order_by(Delivery.created_at.desc())
    .limit(1)
    .correlate(Contact)
    .scalar_subquery()
    .label("last_delivery")
)
_OPEN = Contact.status.in_([literal_column("'queued'"), literal_column("'in_progress'")])
_WAITING_FOLLOW_UP = (Contact.status == literal_column("'queued'"), Contact.parent_id.is_not(None))

_priority = bindparam("priority", type_=Contact.__table__.c.priority.type)
_after_due = bindparam("after_due", type_=Contact.__table__.c.due_at.type)
_after_id = bindparam("after_id", type_=Contact.__table__.c.id.type)
_skip = bindparam("skip", type_=Integer())

MIN_STEP = 256
"""The fewest index entries between two kept keys of an index."""
KEYS_PER_DOUBLING = 32
"""About how many keys are kept each time the way walked doubles: a seek from the nearest one
steps over at most a 32nd of the rows before it (3,000 index entries, well under a millisecond,
at the end of 100,000)."""


def _seek(key: QueueKey) -> dict[str, object]:
    return {"priority": key.priority, "after_due": key.due_at, "after_id": key.id}


def end_of_day(now: datetime) -> datetime:
    """The next midnight after ``now`` on this workstation's clock face: the end of the
    advisor's "today", daylight-saving changes included."""
    tomorrow = now.astimezone().date() + timedelta(days=1)
    return datetime.combine(tomorrow, clock_time()).astimezone()


class QueueService:
    """Reads the queue from this workstation's copy; claims on the centre (``central``), where
    one statement with FOR UPDATE SKIP LOCKED hands each contact to one advisor."""

    def __init__(self, db: Database, who: Who, central: Database) -> None:
        self._db = db
        self._who = who
        self._central = central
        self._renewed_at = float("-inf")
        self.day_end: Callable[[datetime], datetime] = end_of_day
        """Where the advisor's "today" ends after a given time (replaceable in tests)."""

    # -- reading the copy ------------------------------------------------------------------------

    def _visible(self, query: Select, f: QueueFilter) -> Select:
        who = self._who
        if f.channels:
            query = query.where(Contact.channel.in_(sorted(f.channels)))
        if f.follow_ups:
            return self._own_follow_ups(query)
        query = query.where(_OPEN, Contact.status.in_(sorted(f.statuses)))
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

    def _own_follow_ups(self, query: Select) -> Select:
        """Follow-ups still waiting (entered the queue or not yet), of contacts this advisor
        closed, due before the end of today: overdue ones stay until someone takes them."""
        return query.join(_Parent, _Parent.id == Contact.parent_id).where(
            *_WAITING_FOLLOW_UP,
            Contact.due_at < self.day_end(centre_now()),
            _Parent.assigned_to == self._who.advisor_id,
        )

    def count(self, f: QueueFilter) -> int:
        with self._db.session() as s:
            return s.scalar(self._visible(select(func.count(Contact.id)), f)) or 0

    def follow_up_counts(self) -> FollowUpCounts:
        """The advisor's own follow-ups due today (overdue included), and how many are overdue,
        by the centre's clock (it decides when they enter the queue)."""
        overdue = Contact.due_at < centre_now()
        query = self._visible(
            select(func.count(Contact.id), func.count(Contact.id).filter(overdue)),
            QueueFilter(follow_ups=True),
        )
        with self._db.session() as s:
            today, late = s.execute(query).one()
        return FollowUpCounts(today or 0, late or 0)

    def index(self, f: QueueFilter) -> QueueIndex:
        """The queue's length and a position-to-key map of it, for ``page``: per priority,
        where it starts, how many it holds, and some of its keys with their places. One walk
        of the order index, about as long as a count: each priority's first key is a seek,
        each next kept key a seek that steps over a run of entries (``MIN_STEP``, or a
        ``KEYS_PER_DOUBLING``-th of the way walked: about a hundred keys for a queue of
        100,000, two hundred for a million), and what is left after the last one is counted.
        In one read transaction, so the map agrees with itself."""
        order = (Contact.due_at, Contact.id)
        same = Contact.priority == _priority
        after = tuple_(*order) > tuple_(_after_due, _after_id)
        keys = self._visible(select(Contact.priority, Contact.due_at, Contact.id), f)
        first = keys.order_by(*_ORDER).limit(1)
        below = keys.where(Contact.priority < _priority).order_by(*_ORDER).limit(1)
        step = keys.where(same, after).order_by(*order).offset(_skip).limit(1)
        rest = self._visible(select(func.count(Contact.id)), f).where(same, after)
        buckets: list[QueueBucket] = []
        start = 0
        with self._db.session() as s:
            conn = s.connection()
            found = conn.execute(first).first()
            while found is not None:
                priority = found[0]
                positions, kept = [0], [QueueKey(priority, found[1], found[2])]
                while True:
                    stride = max(MIN_STEP, (start + positions[-1]) // KEYS_PER_DOUBLING)
                    found = conn.execute(step, {**_seek(kept[-1]), "skip": stride - 1}).first()
                    if found is None:
                        break
                    positions.append(positions[-1] + stride)
                    kept.append(QueueKey(priority, found[1], found[2]))
                count = positions[-1] + 1 + (conn.execute(rest, _seek(kept[-1])).scalar() or 0)
                buckets.append(QueueBucket(priority, start, count, tuple(positions), tuple(kept)))
                start += count
                found = conn.execute(below, {"priority": priority}).first()
        return QueueIndex(start, tuple(buckets))

    def page(
        self, f: QueueFilter, offset: int, limit: int, index: QueueIndex | None = None
    ) -> list[QueueRow]:
        """``limit`` rows from row ``offset`` in queue order. With the queue's ``index`` (the
        model always passes it) any page is a seek from the nearest kept key; without one the
        first rows are read from the top, and a later ``offset`` is walked to (fine for a few
        pages, as the tests and scripts use it)."""
        if index is None or offset == 0:
            query = self._visible(self._row_columns(), f).order_by(*_ORDER)
            return self._rows(query.offset(offset).limit(limit))
        rows: list[QueueRow] = []
        with self._db.session() as s:
            for bucket in index.buckets:
                if bucket.start + bucket.count <= offset or not bucket.keys:
                    continue
                local = max(0, offset - bucket.start)
                kept = bisect.bisect_right(bucket.positions, local) - 1
                start = self._step(s, f, bucket.keys[kept], local - bucket.positions[kept])
                if start is not None:
                    rows += self._rows_from(s, f, start, limit - len(rows))
                if len(rows) >= limit:
                    break
        return rows

    def _step(self, s: Session, f: QueueFilter, key: QueueKey, skip: int) -> QueueKey | None:
        """The key ``skip`` entries after ``key`` among its priority (a short walk: ``key`` is
        the nearest kept one), or None when there are not so many any more."""
        if skip == 0:
            return key
        found = s.execute(
            self._visible(select(Contact.due_at, Contact.id), f)
            .where(
                Contact.priority == key.priority,
                tuple_(Contact.due_at, Contact.id) > (key.due_at, key.id),
            )
            .order_by(Contact.due_at, Contact.id)
            .offset(skip - 1)
            .limit(1)
        ).first()
        return None if found is None else QueueKey(key.priority, found[0], found[1])

    def _rows_from(self, s: Session, f: QueueFilter, key: QueueKey, limit: int) -> list[QueueRow]:
        """Up to ``limit`` rows of ``key``'s priority from ``key`` on: one seek."""
        query = (
            self._visible(self._row_columns(), f)
            .where(
                Contact.priority == key.priority,
                tuple_(Contact.due_at, Contact.id) >= (key.due_at, key.id),
            )
            .order_by(Contact.due_at, Contact.id)
            .limit(limit)
        )
        return self._made(s, query)

    def _row_columns(self) -> Select:
        """What a row shows, as plain columns: no ORM instance per row (a page is built in a
        third of the time, which a jump's first rows wait for)."""
        return (
            select(
                Contact.id,
                Contact.reference,
                Contact.channel,
                Contact.status,
                Contact.customer_id,
                Contact.sender_display,
                Contact.subject,
                Contact.preview,
                Contact.received_at,
                Contact.due_at,
                Contact.priority,
                Contact.risk_flag,
                Contact.risk_reason,
                Contact.assigned_to,
                Customer.first_name,
                Customer.last_name,
                _Assignee.display_name,
                _Origin.reference,
                _LAST_DELIVERY,
            )
            .outerjoin(Customer, Customer.id == Contact.customer_id)
            .outerjoin(_Assignee, _Assignee.id == Contact.assigned_to)
            .outerjoin(_Origin, _Origin.id == Contact.parent_id)
        )

    def _rows(self, query: Select) -> list[QueueRow]:
        with self._db.session() as s:
            return self._made(s, query)

    def _made(self, s: Session, query: Select) -> list[QueueRow]:
        me = self._who.advisor_id
        return [
            QueueRow(
                id=ident,
                reference=reference,
                channel=channel,
                status=status,
                customer_id=customer_id,
                customer_name=f"{first} {last}" if first is not None else "",
                sender_display=sender_display,
                subject=subject,
                preview=preview,
                received_at=received_at,
                due_at=due_at,
                priority=priority,
                risk_flag=risk_flag,
                risk_reason=risk_reason,
                assigned_to_name=assignee or "",
                assigned_to_me=assigned_to == me,
                follow_up_of=origin or "",
                reply_failed=last_delivery == DeliveryState.FAILED.value,
            )
            for (
                ident,
                reference,
                channel,
                status,
                customer_id,
                sender_display,
                subject,
                preview,
                received_at,
                due_at,
                priority,
                risk_flag,
                risk_reason,
                assigned_to,
                first,
                last,
                assignee,
                origin,
                last_delivery,
            ) in s.connection().execute(query)
        ]

    # -- claiming, on the centre ----------------------------------------------------------------

    def next_contact(self, f: QueueFilter | None = None) -> Claimed | None:
        """Claims the first claimable contact in queue order on the centre; None when there is
        none. Needs the centre: offline, it raises the centre's EnvironmentProblem."""
        f = f or QueueFilter()
        channels = sorted(c.value for c in f.channels) or None
        claim = centre.claim_next(self._central, self._who.login, channels)
        return None if claim is None else self._mirror(claim)

    def take(self, contact_id: uuid.UUID) -> Claimed:
        """Claims one chosen contact on the centre (or confirms it is already this advisor's)."""
        taken = centre.take(self._central, self._who.login, contact_id)
        if taken.claim is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This contact no longer exists."))
        if taken.outcome in ("claimed", "mine"):
            return self._mirror(taken.claim)
        table = table_of(Contact)
        raise Conflict(
            QT_TRANSLATE_NOOP("errors", "Contact {reference} is already being handled or closed."),
            QT_TRANSLATE_NOOP("errors", "Open it from the history to read it."),
            reference=taken.claim.contact[stored.position(table, "reference")],
        )

    def renew_leases(self, force: bool = False) -> int:
        """Asks the centre to extend the leases of this advisor's open contacts; the centre's
        clock decides which are past half their time. Asked at most every ``RENEW_EVERY``
        seconds (the sync runs every second), and not at all while nothing is held."""
        if not force and time.monotonic() - self._renewed_at < RENEW_EVERY:
            return 0
        with self._db.session() as s:
            tokens = [
                token
                for token in s.scalars(
                    select(Contact.claim_token).where(
                        Contact.assigned_to == self._who.advisor_id,
                        Contact.status == ContactStatus.IN_PROGRESS,
                        Contact.claim_token.is_not(None),
                    )
                )
                if token is not None
            ]
        renewed = centre.renew(self._central, self._who.login, tokens)
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
                # Over this copy's row, by the columns the claim changed: the other columns'
                # index entries stay as they are (six WAL pages for the contact, not 11-16).
                changed.write_row(conn, table_of(Contact), claim.contact, spare_pending=True)
                if claim.assignment is not None:
                    stored.write(conn, table_of(ContactAssignment), [claim.assignment])
        except IntegrityError:  # a foreign key: the customer, most likely
            if customer is None or holds(self._db, uuid.UUID(customer)):
                raise
            return False
        return True

    def _mirror(self, claim: centre.Claim) -> Claimed:
        """The claim as the centre wrote it, into this copy at once (the pull would bring it a
        moment later); nothing goes to the outbox, the centre already has it. Rows this
        workstation has not sent yet are left alone: the pull after the push brings them."""
        table = table_of(Contact)
        contact = claim.contact
        contact_id = uuid.UUID(contact[stored.position(table, "id")])
        customer = contact[stored.position(table, "customer_id")]
        if not self._write_claim(claim, customer):
            # A returning customer's contact just queued, claimed before the pull brought the
            # customer: they and their history come first, or the copy could not hold it.
            keep(self._db, self._central, {uuid.UUID(customer)})
            self._write_claim(claim, None)
        return Claimed(
            contact_id,
            contact[stored.position(table, "reference")],
            uuid.UUID(customer) if customer is not None else None,
        )


RENEW_EVERY = 60.0  # seconds between two renewal requests (leases last 15 minutes)

_ORDER = (Contact.priority.desc(), Contact.due_at, Contact.id)
"""The queue's order, the business rule: the order index ``ix_contact_queue_order``'s."""
