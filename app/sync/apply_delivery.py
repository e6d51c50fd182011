"""The embedded SQLite centre's deliveries: what ``sql/b3e8f1a6d402_deliveries.sql`` and
``sql/f4c2a8e1d6b3_chats.sql`` do on a PostgreSQL centre (``relais_outgoing``,
``relais_delivery_result``, ``relais_delivery_status``, ``relais_bounced`` and the queueing of
pushed replies), by the same rules, with the same JSON in and out
(``app.connectors.outgoing`` builds and reads it)."""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select, update

from app.clock import utcnow
from app.enums import Channel, ContactStatus, DeliveryState, Direction
from app.ids import new_id
from app.models import ChannelKey, Contact, CustomerIdentity, Delivery, Message, Team
from app.sync.apply_receive import Refused

LEASE = timedelta(minutes=10)
PAUSES = (1, 2, 5, 10, 30, 60)  # minutes before the next attempt, after the 1st, 2nd… failure
GIVE_UP = timedelta(days=1)
LONGEST_WAIT = 3600  # seconds: the most a platform's Retry-After holds a reply back
OUTCOMES = ("sent", "retry", "failed", "delivered", "read")
_RANK = {
    DeliveryState.QUEUED: 0,
    DeliveryState.SENT: 1,
    DeliveryState.DELIVERED: 2,
    DeliveryState.READ: 3,
    DeliveryState.FAILED: 4,
}


def queue(conn: Connection, author: uuid.UUID, message_ids: Iterable[uuid.UUID]) -> None:
    """The pushed replies of ``author``, queued for their channels (a call's record goes
    nowhere)."""
    now = utcnow()
    rows = conn.execute(
        select(Message.id, Message.contact_id, Contact.channel)
        .join(Contact, Contact.id == Message.contact_id)
        .outerjoin(Delivery, Delivery.message_id == Message.id)
        .where(
            Message.id.in_(list(message_ids)),
            Message.direction == Direction.OUTBOUND,
            Message.author_id == author,
            Contact.channel != Channel.PHONE,
            Delivery.id.is_(None),
        )
    ).all()
    if rows:
        conn.execute(
            insert(Delivery),
            [
                {
                    "id": new_id(),
                    "message_id": r.id,
                    "contact_id": r.contact_id,
                    "channel": r.channel,
                    "state": DeliveryState.QUEUED,
                    "reason": "",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
                for r in rows
            ],
        )


def outgoing(conn: Connection, channel: str, limit: int) -> list[dict[str, Any]]:
    now = utcnow()
    due = conn.execute(
        select(Delivery)
        .where(
            Delivery.channel == channel,
            Delivery.state == DeliveryState.QUEUED,
            Delivery.next_attempt_at <= now,
            or_(Delivery.lease_until.is_(None), Delivery.lease_until < now),
        )
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(min(max(limit, 1), 100))
    ).all()
    answer = []
    for d in due:
        attempt = min(d.attempts + 1, 32000)
        conn.execute(
            update(Delivery)
            .where(Delivery.id == d.id)
            .values(lease_until=now + LEASE, attempts=attempt, updated_at=now)
        )
        m = conn.execute(select(Message).where(Message.id == d.message_id)).one()
        k = conn.execute(select(Contact).where(Contact.id == d.contact_id)).one()
        address = k.sender_address or _identity_address(conn, k.customer_id, d.channel)
        keys = conn.scalars(
            select(ChannelKey.key)
            .where(
                ChannelKey.contact_id == k.id,
                ChannelKey.channel == d.channel,
                ChannelKey.key.like("<%>"),
            )
            .order_by(ChannelKey.created_at.desc())
            .limit(20)
        ).all()
        answer.append(
            {
                "delivery_id": str(d.id),
                "message_id": str(d.message_id),
                "attempt": attempt,
                "contact_id": str(k.id),
                "reference": k.reference,
                "subject": k.subject,
                "language": k.language,
                "team": conn.scalar(select(Team.name).where(Team.id == k.team_id)),
                "to_display": k.sender_display,
                "to_address": address,
                "author": m.sender_display,
                "body_text": m.body_text,
                "written_at": m.created_at.isoformat(),
                "in_reply_to": conn.scalar(
                    select(Message.external_id)
                    .where(
                        Message.contact_id == k.id,
                        Message.direction == Direction.INBOUND,
                        Message.external_id.like("<%>"),
                        Message.created_at <= m.created_at,
                    )
                    .order_by(Message.created_at.desc())
                    .limit(1)
                ),
                "references": list(reversed(keys)),
                "external_id": d.external_id,
            }
        )
    return answer


def result(conn: Connection, p: dict[str, Any]) -> str:
    outcome, reason = p.get("outcome"), str(p.get("reason") or "")[:300]
    external = p.get("external_id")
    if outcome not in OUTCOMES:
        raise Refused(f"unknown outcome {outcome}")
    if external is not None and not 1 <= len(str(external)) <= 400:
        raise Refused("a channel id has 1 to 400 characters")
    try:
        delivery_id = uuid.UUID(str(p.get("delivery_id")))
    except ValueError:
        raise Refused("no such delivery") from None
    d = conn.execute(select(Delivery).where(Delivery.id == delivery_id)).first()
    if d is None:
        raise Refused("no such delivery")
    rank, now = _RANK[d.state], utcnow()
    if outcome in ("sent", "retry") and rank == 0 and d.lease_until is None:
        raise Refused("this reply was not handed to a connector")
    if outcome == "sent" and rank == 0:
        values: dict[str, Any] = {"state": DeliveryState.SENT, "reason": "", "lease_until": None}
        if external:
            values["external_id"] = external
        _set(conn, d.id, values)
        if external:
            found = conn.scalar(
                select(func.count())
                .select_from(ChannelKey)
                .where(ChannelKey.channel == d.channel, ChannelKey.key == external)
            )
            if not found:
                conn.execute(
                    insert(ChannelKey).values(
                        channel=d.channel,
                        key=external,
                        message_id=d.message_id,
                        contact_id=d.contact_id,
                        created_at=now,
                    )
                )
        return "sent"
    if outcome == "retry" and rank == 0:
        if d.created_at < now - GIVE_UP:
            return failed(conn, d.id, f"expired: {reason}")
        pause = max(
            timedelta(minutes=PAUSES[min(max(d.attempts, 1), len(PAUSES)) - 1]),
            timedelta(seconds=min(_seconds(p.get("retry_after")), LONGEST_WAIT)),
        )
        _set(conn, d.id, {"reason": reason, "lease_until": None, "next_attempt_at": now + pause})
        return "queued"
    if outcome == "failed" and rank < 4:
        return failed(conn, d.id, reason)
    if outcome in ("delivered", "read") and rank < _RANK[DeliveryState(outcome)]:
        _set(conn, d.id, {"state": DeliveryState(outcome), "lease_until": None})
        return str(outcome)
    return d.state.value


def status(conn: Connection, p: dict[str, Any]) -> int:
    """What a platform says of replies it took, by their ids or a read watermark; returns
    how many moved (forward only)."""
    state = p.get("state")
    if state not in ("delivered", "read", "failed"):
        raise Refused(f"unknown state {state}")
    ids = [str(i) for i in p.get("external_ids") or ()]
    if len(ids) > 100:
        raise Refused("at most 100 ids at once")
    start = [DeliveryState.SENT] + ([DeliveryState.DELIVERED] if state != "delivered" else [])
    query = select(Delivery.id).where(
        Delivery.channel == p.get("channel"), Delivery.state.in_(start)
    )
    if ids:
        query = query.where(Delivery.external_id.in_(ids))
    elif p.get("recipient"):
        until = datetime.fromisoformat(p["until"]) if p.get("until") else utcnow()
        query = query.where(
            Delivery.contact_id.in_(
                select(Contact.id).where(
                    Contact.sender_address == p["recipient"], Contact.channel == p.get("channel")
                )
            ),
            Delivery.created_at <= until,
        )
    else:
        return 0
    moved = list(conn.scalars(query.order_by(Delivery.id)))
    for delivery_id in moved:
        if state == "failed":
            failed(conn, delivery_id, str(p.get("reason") or ""))
        else:
            _set(conn, delivery_id, {"state": DeliveryState(state)})
    return len(moved)


def bounced(conn: Connection, channel: str, external_id: str, reason: str) -> bool:
    found = conn.scalar(
        select(Delivery.id)
        .where(
            Delivery.channel == channel,
            Delivery.external_id == external_id,
            Delivery.state != DeliveryState.FAILED,
        )
        .order_by(Delivery.created_at.desc())
        .limit(1)
    )
    if found is None:
        return False
    failed(conn, found, f"bounced: {reason}")
    return True


def failed(conn: Connection, delivery_id: uuid.UUID, reason: str) -> str:
    """Fails the reply, and puts its contact back in the queue unless someone is working it."""
    now = utcnow()
    _set(
        conn,
        delivery_id,
        {"state": DeliveryState.FAILED, "reason": reason[:300], "lease_until": None},
    )
    contact = conn.execute(
        select(Contact.id, Contact.priority, Contact.due_at)
        .join(Delivery, Delivery.contact_id == Contact.id)
        .where(Delivery.id == delivery_id, Contact.status == ContactStatus.CLOSED)
    ).first()
    if contact is not None:
        conn.execute(
            update(Contact)
            .where(Contact.id == contact.id)
            .values(
                status=ContactStatus.QUEUED,
                assigned_to=None,
                claim_token=None,
                lease_until=None,
                closed_at=None,
                priority=max(contact.priority, 2),
                due_at=min(contact.due_at, now),
                version=Contact.version + 1,
            )
        )
    return "failed"


def _identity_address(conn: Connection, customer_id: uuid.UUID, channel: str) -> str | None:
    """Where a reply goes when its contact has no sender address: the customer's e-mail
    address, or WhatsApp number without its +; a chat id cannot be guessed."""
    if channel not in (Channel.EMAIL, Channel.WHATSAPP):
        return None
    value = conn.scalar(
        select(CustomerIdentity.value)
        .where(CustomerIdentity.customer_id == customer_id, CustomerIdentity.kind == channel)
        .order_by(CustomerIdentity.created_at)
        .limit(1)
    )
    return value.lstrip("+") if value and channel == Channel.WHATSAPP else value


def _seconds(value: Any) -> float:
    try:
        return max(float(value or 0), 0.0)
    except (TypeError, ValueError):
        return 0.0


def _set(conn: Connection, delivery_id: uuid.UUID, values: dict[str, Any]) -> None:
    conn.execute(
        update(Delivery).where(Delivery.id == delivery_id).values(**values, updated_at=utcnow())
    )
