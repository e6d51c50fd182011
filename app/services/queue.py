"""The advisor's queue: one list across channels, paged in SQL, and claiming contacts.

Sorting happens in the database (priority, then due time) so the interface can page through a
hundred thousand contacts by asking for one window of rows at a time. Claims happen on the centre
with a lease and a claim token: every later write on the contact presents the token, so a
workstation whose lease lapsed cannot overwrite the next advisor's work (see app.sync.apply).
"""

import functools
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, and_, func, insert, or_, select, update
from sqlalchemy.orm import aliased

from app.clock import utcnow
from app.db import Database, storage_errors
from app.dto import Claimed, QueueFilter, QueueRow, Who
from app.errors import Conflict, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.models import Advisor, Contact, ContactAssignment, ContactStatus, Customer, Role
from app.sync import state, stored
from app.sync.pull import holds, keep
from app.sync.rows import upsert

LEASE = timedelta(minutes=15)

_Assignee = aliased(Advisor)


class QueueService:
    """Reads the queue from this workstation's copy; claims on the centre (``central``), where
    one statement with FOR UPDATE SKIP LOCKED hands each contact to one advisor."""

    def __init__(self, db: Database, who: Who, central: Database) -> None:
        self._db = db
        self._who = who
        self._central = central

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

    # -- claiming, on the centre ----------------------------------------------------------------

    def next_contact(self, f: QueueFilter | None = None) -> Claimed | None:
        """Claims the first claimable contact in queue order on the centre; None when there is
        none. Needs the centre: offline, it raises the centre's EnvironmentProblem."""
        f = f or QueueFilter()
        # A row another advisor claimed between our snapshot and our lock is dropped from the
        # LIMIT 1 rather than replaced by the next one: ask again before saying "empty".
        for _attempt in range(3):
            if not self._central.is_sqlite:
                stored_rows = self._claim_first_pg(f)
                if stored_rows is not None:
                    return self._mirror_stored(*stored_rows)
                continue
            claimed = self._claim_first(f)
            if claimed is not None:
                self._mirror(*claimed)
                return _claimed(claimed[0])
        return None

    def _claim_first_pg(self, f: QueueFilter) -> tuple[tuple[Any, ...], tuple[Any, ...]] | None:
        """The claim in one statement and one round trip (see ``pg_claim_statement``): at a
        shift's start twenty desks ask at once, and each extra round trip is time the others
        wait for a core. The rows come back in this copy's storage form, ready for
        ``_mirror_stored``."""
        params: dict[str, Any] = {
            "me": self._who.advisor_id,
            "token": new_id(),
            "assignment": new_id(),
            "lease": LEASE,
            "channels": sorted(f.channels),
            "team": self._who.team_id,
        }
        sql = pg_claim_statement(channels=bool(f.channels), team=self._who.team_id is not None)
        with self._central.driver_autocommit() as driver:
            row = driver.execute(sql, params).fetchone()
        if row is None:
            return None
        split = len(Contact.__table__.columns)
        return tuple(row[:split]), tuple(row[split:])

    def _claim_first(self, f: QueueFilter) -> tuple[dict[str, Any], dict[str, Any]] | None:
        with storage_errors(self._central), self._central.engine.begin() as conn:
            now = centre_now(conn)
            # Lapsed leases first (they waited longest, and are few), then the waiting queue:
            # two simple conditions, each walking its own partial index in queue order.
            for claimable in (
                and_(Contact.status == ContactStatus.IN_PROGRESS, Contact.lease_until < now),
                and_(Contact.status == ContactStatus.QUEUED, Contact.received_at <= now),
            ):
                pick = (
                    select(Contact.id)
                    .where(claimable)
                    .order_by(Contact.priority.desc(), Contact.due_at, Contact.id)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                )
                if f.channels:
                    pick = pick.where(Contact.channel.in_(sorted(f.channels)))
                if self._who.team_id is not None:
                    pick = pick.where(
                        or_(Contact.team_id == self._who.team_id, Contact.team_id.is_(None))
                    )
                claimed = self._claim(conn, Contact.id == pick.scalar_subquery(), now)
                if claimed is not None:
                    return claimed
        return None

    def take(self, contact_id: uuid.UUID) -> Claimed:
        """Claims one chosen contact on the centre (or confirms it is already this advisor's)."""
        with storage_errors(self._central), self._central.engine.begin() as conn:
            now = centre_now(conn)
            claimed = self._claim(conn, and_(Contact.id == contact_id, self._claimable(now)), now)
            if claimed is None:
                row = (
                    conn.execute(select(Contact).where(Contact.id == contact_id)).mappings().first()
                )
        if claimed is not None:
            self._mirror(*claimed)
            return _claimed(claimed[0])
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This contact no longer exists."))
        if (
            row["status"] == ContactStatus.IN_PROGRESS
            and row["assigned_to"] == self._who.advisor_id
        ):
            return _claimed(dict(row))
        raise Conflict(
            QT_TRANSLATE_NOOP("errors", "Contact {reference} is already being handled or closed."),
            QT_TRANSLATE_NOOP("errors", "Open it from the history to read it."),
            reference=row["reference"],
        )

    def renew_leases(self) -> int:
        """Extends the leases of this advisor's open contacts that are past half their time;
        returns how many were renewed. A lease whose token the centre no longer holds is not."""
        with self._db.session() as s:
            held = s.execute(
                select(Contact.id, Contact.claim_token).where(
                    Contact.assigned_to == self._who.advisor_id,
                    Contact.status == ContactStatus.IN_PROGRESS,
                    Contact.claim_token.is_not(None),
                    or_(Contact.lease_until.is_(None), Contact.lease_until < utcnow() + LEASE / 2),
                )
            ).all()
        renewed = 0
        if not held:
            return 0
        with storage_errors(self._central), self._central.engine.begin() as conn:
            until = centre_now(conn) + LEASE
            for contact_id, token in held:
                done = conn.execute(
                    update(Contact)
                    .where(
                        Contact.id == contact_id,
                        Contact.claim_token == token,
                        Contact.status == ContactStatus.IN_PROGRESS,
                    )
                    .values(lease_until=until)
                )
                renewed += done.rowcount  # type: ignore[attr-defined]
        return renewed

    def _claimable(self, now: datetime) -> Any:
        # Queued and due (a planned follow-up waits for its time), or held on a lapsed lease.
        return or_(
            and_(Contact.status == ContactStatus.QUEUED, Contact.received_at <= now),
            and_(Contact.status == ContactStatus.IN_PROGRESS, Contact.lease_until < now),
        )

    def _claim(
        self, conn: Connection, which: Any, now: datetime
    ) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """One statement takes the row (the caller's condition locks it), then the assignment."""
        contact = (
            conn.execute(
                update(Contact)
                .where(which)
                .values(
                    status=ContactStatus.IN_PROGRESS,
                    assigned_to=self._who.advisor_id,
                    claim_token=new_id(),
                    lease_until=now + LEASE,
                    version=Contact.version + 1,
                )
                .returning(*Contact.__table__.columns)
            )
            .mappings()
            .first()
        )
        if contact is None:
            return None
        assignment = {
            "id": new_id(),
            "contact_id": contact["id"],
            "advisor_id": self._who.advisor_id,
            "started_at": now,
            "ended_at": None,
        }
        conn.execute(insert(ContactAssignment), assignment)
        return dict(contact), assignment

    def _hold(self, customer_id: uuid.UUID) -> None:
        """A contact claimed before the pull brought its customer (a returning customer's
        contact just queued): the customer and their history come first, or the copy could
        not hold the claim."""
        if not holds(self._db, customer_id):
            keep(self._db, self._central, {customer_id})

    def _mirror_stored(self, contact: tuple[Any, ...], assignment: tuple[Any, ...]) -> Claimed:
        """``_mirror`` for rows already in storage form: one executemany each, no objects."""
        table = Contact.__table__
        customer = contact[stored.position(table, "customer_id")]  # type: ignore[arg-type,index]
        if customer is not None:
            self._hold(uuid.UUID(customer))
        with self._db.refetchable() as conn:
            state.bump_generation(conn)
            stored.write(conn, table, [contact])  # type: ignore[arg-type]
            stored.write(conn, ContactAssignment.__table__, [assignment])  # type: ignore[arg-type]
        return Claimed(
            uuid.UUID(contact[stored.position(table, "id")]),  # type: ignore[arg-type,index]
            contact[stored.position(table, "reference")],  # type: ignore[arg-type,index]
            uuid.UUID(customer) if customer is not None else None,
        )

    def _mirror(self, contact: dict[str, Any], assignment: dict[str, Any]) -> None:
        """The claim as the centre wrote it, into this copy at once (the pull would bring it a
        moment later); nothing goes to the outbox, the centre already has it."""
        if contact["customer_id"] is not None:
            self._hold(contact["customer_id"])
        with self._db.session() as s:
            upsert(s.connection(), Contact.__table__, [contact])  # type: ignore[arg-type]
            upsert(s.connection(), ContactAssignment.__table__, [assignment])  # type: ignore[arg-type]
            state.bump_generation(s.connection())


def _claimed(row: dict[str, Any]) -> Claimed:
    return Claimed(row["id"], row["reference"], row["customer_id"])


# Queued and due, or held on a lapsed lease (lapsed leases first: they waited longest, and are
# few). Two scalar subqueries, each walking its own partial index in queue order; COALESCE only
# runs the second when the first finds nothing. The statuses are literals so the planner can
# match the partial indexes once psycopg prepares the statement.
_PG_PICK = """COALESCE(
  (SELECT id FROM contact WHERE status = '{held}' AND lease_until < now(){narrow}
   ORDER BY priority DESC, due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED),
  (SELECT id FROM contact WHERE status = '{queued}' AND received_at <= now(){narrow}
   ORDER BY priority DESC, due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED))"""

# The claim and its assignment in one statement, in autocommit: one round trip, one commit.
_PG_CLAIM = """WITH c AS (
  UPDATE contact SET status = '{held}', assigned_to = %(me)s, claim_token = %(token)s,
         lease_until = now() + %(lease)s, version = version + 1
  WHERE id = {pick}
  RETURNING *),
a AS (
  INSERT INTO contact_assignment (id, contact_id, advisor_id, started_at)
  SELECT %(assignment)s, id, assigned_to, now() FROM c
  RETURNING *)
SELECT {contact_columns}, {assignment_columns} FROM c JOIN a ON a.contact_id = c.id"""


@functools.cache
def pg_claim_statement(*, channels: bool, team: bool) -> str:
    """The claim statement for a queue narrowed to some channels and/or to a team."""
    narrow = " AND channel = ANY(%(channels)s)" if channels else ""
    if team:
        narrow += " AND (team_id = %(team)s OR team_id IS NULL)"
    statuses = {"held": ContactStatus.IN_PROGRESS.value, "queued": ContactStatus.QUEUED.value}
    return _PG_CLAIM.format(
        pick=_PG_PICK.format(narrow=narrow, **statuses),
        contact_columns=stored.pg_columns(Contact.__table__, "c."),  # type: ignore[arg-type]
        assignment_columns=stored.pg_columns(ContactAssignment.__table__, "a."),  # type: ignore[arg-type]
        **statuses,
    )


def centre_now(conn: Connection) -> datetime:
    """The centre's clock on PostgreSQL (workstation clocks decide nothing); on the embedded
    centre, which runs on this machine, the local one."""
    if conn.dialect.name == "postgresql":
        return conn.scalar(select(func.now()))  # type: ignore[return-value]
    return utcnow()
