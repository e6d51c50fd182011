"""The embedded SQLite centre's claims and leases: what ``relais_claim_next``, ``relais_take``,
``relais_renew`` and ``relais_release`` do on a PostgreSQL centre, by the centre's clock, for
the user of the session (``app.sync.apply.user``). The push's rules are in ``app.sync.apply``."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update

from app.clock import utcnow
from app.ids import new_id
from app.models import (
    Contact,
    ContactAssignment,
    ContactStatus,
)
from app.sync.apply import LEASE, User


def _claimable(now: datetime) -> Any:
    # Queued and due (a planned follow-up waits for its time), or held on a lapsed lease.
    return or_(
        and_(Contact.status == ContactStatus.QUEUED, Contact.received_at <= now),
        and_(Contact.status == ContactStatus.IN_PROGRESS, Contact.lease_until < now),
    )


def _in_team(me: User) -> Any:
    if me.team is None:
        return True
    return or_(Contact.team_id == me.team, Contact.team_id.is_(None))


def _open_part(conn: Connection, me: User, contact_id: uuid.UUID) -> uuid.UUID | None:
    """The user's open assignment on the contact, the latest if several."""
    return conn.scalar(
        select(ContactAssignment.id)
        .where(
            ContactAssignment.contact_id == contact_id,
            ContactAssignment.advisor_id == me.id,
            ContactAssignment.ended_at.is_(None),
        )
        .order_by(ContactAssignment.started_at.desc())
        .limit(1)
    )


def hand_over(
    conn: Connection, me: User, contact_id: uuid.UUID, assignment: uuid.UUID
) -> uuid.UUID:
    """The contact becomes the user's, with a new claim and lease; whoever held it before (a
    lapsed lease) holds it no more. The user's own lapsed lease, nobody having taken it, goes on
    with the same claim, so that what their workstation has not sent yet on it is still theirs
    to send. Returns the user's assignment."""
    now = utcnow()
    row = conn.execute(
        select(Contact.status, Contact.assigned_to).where(Contact.id == contact_id)
    ).one()
    if row.status == ContactStatus.IN_PROGRESS and row.assigned_to == me.id:
        conn.execute(
            update(Contact)
            .where(Contact.id == contact_id)
            .values(lease_until=now + LEASE, version=Contact.version + 1)
        )
        mine = _open_part(conn, me, contact_id)
        if mine is not None:
            return mine
    else:
        conn.execute(
            update(ContactAssignment)
            .where(ContactAssignment.contact_id == contact_id, ContactAssignment.ended_at.is_(None))
            .values(ended_at=now)
        )
        conn.execute(
            update(Contact)
            .where(Contact.id == contact_id)
            .values(
                status=ContactStatus.IN_PROGRESS,
                assigned_to=me.id,
                claim_token=new_id(),
                lease_until=now + LEASE,
                version=Contact.version + 1,
            )
        )
    conn.execute(
        insert(ContactAssignment),
        {"id": assignment, "contact_id": contact_id, "advisor_id": me.id, "started_at": now},
    )
    return assignment


def claim_next(
    conn: Connection, me: User, channels: list[str] | None, assignment: uuid.UUID
) -> tuple[uuid.UUID, uuid.UUID] | None:
    """Claims the next contact in queue order for the user's team (lapsed leases first);
    returns it and the user's assignment."""
    now = utcnow()
    for claimable in (
        and_(Contact.status == ContactStatus.IN_PROGRESS, Contact.lease_until < now),
        and_(Contact.status == ContactStatus.QUEUED, Contact.received_at <= now),
    ):
        pick = (
            select(Contact.id)
            .where(claimable, _in_team(me))
            .order_by(Contact.priority.desc(), Contact.due_at, Contact.id)
            .limit(1)
        )
        if channels:
            pick = pick.where(Contact.channel.in_(channels))
        found = conn.scalar(pick)
        if found is not None:
            return found, hand_over(conn, me, found, assignment)
    return None


def take(
    conn: Connection, me: User, contact_id: uuid.UUID, assignment: uuid.UUID
) -> tuple[str, uuid.UUID | None]:
    """'claimed', 'mine' (already held by the user), 'taken' or 'missing', and the user's
    assignment when the contact is theirs now."""
    row = conn.execute(
        select(
            Contact.status,
            Contact.assigned_to,
            Contact.lease_until,
            Contact.received_at,
            Contact.team_id,
        ).where(Contact.id == contact_id)
    ).first()
    if row is None:
        return "missing", None
    now = utcnow()
    held = row.status == ContactStatus.IN_PROGRESS
    if held and row.assigned_to == me.id and row.lease_until >= now:
        mine = _open_part(conn, me, contact_id)
        return "mine", mine
    waiting = row.status == ContactStatus.QUEUED and row.received_at <= now
    lapsed = held and row.lease_until is not None and row.lease_until < now
    in_team = me.team is None or row.team_id in (me.team, None)
    if (waiting or lapsed) and in_team:
        return "claimed", hand_over(conn, me, contact_id, assignment)
    return "taken", None


def renew(conn: Connection, me: User, tokens: list[uuid.UUID]) -> int:
    """Renews the leases, among these claims of the user's, past half their time."""
    now = utcnow()
    done = conn.execute(
        update(Contact)
        .where(
            Contact.assigned_to == me.id,
            Contact.status == ContactStatus.IN_PROGRESS,
            Contact.claim_token.in_(tokens),
            Contact.lease_until < now + LEASE / 2,
        )
        .values(lease_until=now + LEASE)
    )
    return int(done.rowcount)


def release(conn: Connection, me: User, contact_id: uuid.UUID, token: uuid.UUID) -> bool:
    """Hands a contact the user holds back to the queue."""
    done = conn.execute(
        update(Contact)
        .where(
            Contact.id == contact_id,
            Contact.assigned_to == me.id,
            Contact.status == ContactStatus.IN_PROGRESS,
            Contact.claim_token == token,
        )
        .values(
            status=ContactStatus.QUEUED,
            assigned_to=None,
            claim_token=None,
            lease_until=None,
            version=Contact.version + 1,
        )
    )
    if not done.rowcount:
        return False
    conn.execute(
        update(ContactAssignment)
        .where(ContactAssignment.contact_id == contact_id, ContactAssignment.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    return True
