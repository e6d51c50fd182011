"""The embedded SQLite centre's attachments: what ``sql/d2b8f4a6c0e1_attachments.sql`` does on
a PostgreSQL centre (``relais_attach``, ``relais_attachments_due``,
``relais_attachment_fetched``), by the same rules, with the same JSON in and out
(``app.ingest.receive`` and ``app.connectors.media`` build and read it).

``attach`` is only ever called by ``app.ingest.receive`` in the transaction of the message's
receive, which on PostgreSQL the centre checks itself (the message's change in this
transaction's log); here the one caller is the program on this machine."""

import hashlib
import re
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update

from app.clock import utcnow
from app.enums import AttachmentState, Channel, DeliveryState, Direction
from app.ids import new_id
from app.models import Attachment, Contact, Customer, Delivery, Message
from app.sync.apply_receive import Refused

MAX_FILES = 100
MAX_BYTES = 64 * 1024 * 1024
"""The most the centre keeps of one file, whatever a connector's limits say."""
LEASE = timedelta(minutes=10)
GIVE_UP = timedelta(days=1)
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f/\\\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_STATES = {s.value for s in AttachmentState}


def name_ok(name: object) -> bool:
    return (
        isinstance(name, str)
        and 1 <= len(name) <= 255
        and not _BAD_NAME.search(name)
        and name not in (".", "..")
    )


def attach(
    conn: Connection,
    message_id: uuid.UUID,
    files: Sequence[dict[str, Any]],
    contents: Sequence[bytes | None],
) -> int:
    if not isinstance(files, list | tuple) or len(files) > MAX_FILES or len(contents) > len(files):
        raise Refused("at most 100 files, each with its bytes or none")
    m = conn.execute(
        select(Message.contact_id, Message.direction).where(Message.id == message_id)
    ).first()
    if m is None or m.direction != Direction.INBOUND:
        raise Refused("files go only with a message received in the same transaction")
    if conn.scalar(select(Attachment.id).where(Attachment.message_id == message_id).limit(1)):
        raise Refused("this message has its files already")
    now = utcnow()
    rows = []
    for i, f in enumerate(files):
        data = contents[i] if i < len(contents) else None
        state = f.get("state") if isinstance(f, dict) else None
        if not isinstance(f, dict) or not name_ok(f.get("filename")):
            raise Refused(
                f"file {i + 1}: a name of 1 to 255 characters, with no folder, control or "
                "direction character"
            )
        if state not in _STATES or (state == AttachmentState.KEPT) != (data is not None):
            raise Refused(
                f"file {i + 1}: kept with its bytes, or pending, too_large or failed without"
            )
        if data is not None and len(data) > MAX_BYTES:
            raise Refused(f"file {i + 1}: the centre keeps no file over 64 MB")
        source = f.get("source")
        if state == AttachmentState.PENDING and not (
            isinstance(source, str) and 1 <= len(source) <= 2000
        ):
            raise Refused(f"file {i + 1}: a file to fetch needs where from (1 to 2000 characters)")
        rows.append(
            {
                "id": new_id(),
                "message_id": message_id,
                "contact_id": m.contact_id,
                "position": i,
                "filename": f["filename"],
                "declared_type": str(f.get("declared_type") or "")[:127],
                "sniffed_type": str(f.get("sniffed_type") or "")[:127],
                "size": len(data) if data is not None else max(_whole(f.get("size")), 0),
                "sha256": hashlib.sha256(data).hexdigest() if data is not None else None,
                "content": data,
                "state": AttachmentState(state),
                "reason": str(f.get("reason") or "")[:300],
                "source": source if state == AttachmentState.PENDING else None,
                "attempts": 0,
                "next_attempt_at": now if state == AttachmentState.PENDING else None,
                "created_at": now,
                "updated_at": now,
            }
        )
    if rows:
        conn.execute(insert(Attachment), rows)
    return len(rows)


def due(conn: Connection, channel: str, limit: int) -> list[dict[str, Any]]:
    now = utcnow()
    rows = conn.execute(
        select(Attachment)
        .join(Contact, Contact.id == Attachment.contact_id)
        .where(
            Attachment.state == AttachmentState.PENDING,
            Attachment.next_attempt_at <= now,
            Contact.channel == channel,
        )
        .order_by(Attachment.next_attempt_at, Attachment.id)
        .limit(min(max(limit or 1, 1), 100))
    ).all()
    out = []
    for a in rows:
        conn.execute(
            update(Attachment)
            .where(Attachment.id == a.id)
            .values(
                next_attempt_at=now + LEASE,
                attempts=min(a.attempts + 1, 32000),
                updated_at=now,
            )
        )
        out.append(
            {
                "attachment_id": str(a.id),
                "source": a.source,
                "filename": a.filename,
                "declared_type": a.declared_type,
                "attempt": a.attempts + 1,
            }
        )
    return sorted(out, key=lambda d: d["attachment_id"])


def fetched(conn: Connection, p: dict[str, Any], content: bytes | None) -> str:
    outcome = p.get("outcome")
    if outcome not in ("kept", "too_large", "failed", "retry") or (outcome == "kept") != (
        content is not None
    ):
        raise Refused("kept with the bytes, or too_large, failed or retry without")
    if content is not None and len(content) > MAX_BYTES:
        raise Refused("the centre keeps no file over 64 MB")
    try:
        a = conn.execute(
            select(Attachment).where(Attachment.id == uuid.UUID(str(p.get("attachment_id"))))
        ).first()
        wait = min(max(float(p.get("retry_after") or 60), 30), 21600)
    except (ValueError, TypeError):
        a = None
        wait = 60.0
    if a is None or a.state != AttachmentState.PENDING:
        raise Refused("no such file to fetch")
    now = utcnow()
    reason = str(p.get("reason") or "")[:300]
    if outcome == "retry" and a.created_at < now - GIVE_UP:
        outcome, reason = "failed", f"expired: {reason}"[:300]
    if outcome == "retry":
        conn.execute(
            update(Attachment)
            .where(Attachment.id == a.id)
            .values(reason=reason, next_attempt_at=now + timedelta(seconds=wait), updated_at=now)
        )
        return "pending"
    conn.execute(
        update(Attachment)
        .where(Attachment.id == a.id)
        .values(
            state=AttachmentState(outcome),
            content=content,
            size=len(content) if content is not None else max(_whole(p.get("size"), a.size), 0),
            sha256=hashlib.sha256(content).hexdigest() if content is not None else None,
            sniffed_type=str(p.get("sniffed_type") or a.sniffed_type)[:127],
            reason="" if outcome == "kept" else reason,
            source=None,
            next_attempt_at=None,
            updated_at=now,
        )
    )
    return str(outcome)


def letter_customer(conn: Connection, message_id: uuid.UUID, account: str) -> bool:
    contact = conn.execute(
        select(Contact.id)
        .join(Message, Message.contact_id == Contact.id)
        .where(
            Message.id == message_id,
            Contact.channel == Channel.LETTER,
            Contact.customer_id.is_(None),
        )
    ).scalar()
    if contact is None:
        raise Refused("a letter's customer is named only with the letter, in its transaction")
    found = conn.execute(select(Customer.id).where(Customer.account_number == account)).all()
    if len(found) != 1:
        return False
    conn.execute(
        update(Contact)
        .where(Contact.id == contact)
        .values(customer_id=found[0].id, version=Contact.version + 1)
    )
    return True


def letter_printed(conn: Connection, me: uuid.UUID, message_id: uuid.UUID) -> bool:
    found = conn.execute(
        select(Delivery.id)
        .join(Message, Message.id == Delivery.message_id)
        .where(
            Delivery.message_id == message_id,
            Delivery.channel == Channel.LETTER,
            Delivery.state == DeliveryState.QUEUED,
            Message.direction == Direction.OUTBOUND,
            Message.author_id == me,
        )
    ).scalar()
    if found is None:
        return False
    conn.execute(
        update(Delivery)
        .where(Delivery.id == found)
        .values(
            state=DeliveryState.SENT,
            reason="",
            lease_until=None,
            external_id="printed",
            attempts=Delivery.attempts + 1,
            updated_at=utcnow(),
        )
    )
    return True


def _whole(value: object, default: int = 0) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Refused("a size is a whole number of bytes")
    try:
        return int(value)
    except ValueError as exc:
        raise Refused("a size is a whole number of bytes") from exc
