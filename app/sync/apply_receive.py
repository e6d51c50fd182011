"""The embedded SQLite centre's arrivals: what ``relais_receive`` does on a PostgreSQL centre
(``app/migrations/central/sql/f4c2a8e1d6b3_chats.sql``), by the same rules, with the same
JSON in and out (``app.ingest.receive`` builds and reads it)."""

import re
import uuid
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, func, insert, or_, select, update

from app.channels import CHATS
from app.clock import utcnow
from app.enums import Channel, ContactStatus, Direction
from app.models import ChannelKey, Contact, Customer, CustomerIdentity, Message, Team
from app.risk import HIGH, NORMAL, URGENT
from app.service_levels import DUE_WITHIN

CHAT_FOLLOWS_FOR = timedelta(days=7)
"""How long after a chat's contact closed a message from its sender follows it rather than
starting afresh."""
REFERENCE = re.compile(r"R-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")
_SPACE = re.compile(r"\s+")

# The statements built once, their values bound at each call: building a statement per
# message (``insert(...).values(...)``, ``select(...).where(x == value)``) cost the embedded
# centre more than running it — 60 % of an arrival, measured by tests/benchmarks/
# test_ingest_bench.py — and a built one is compiled once, from SQLAlchemy's cache.
_INSERT_CONTACT = insert(cast(Table, Contact.__table__))
_INSERT_MESSAGE = insert(cast(Table, Message.__table__))
_INSERT_KEY = insert(cast(Table, ChannelKey.__table__))
_FOUND = select(ChannelKey.contact_id, ChannelKey.message_id).where(
    ChannelKey.channel == bindparam("channel"), ChannelKey.key == bindparam("key")
)
_REFERENCE_OF = select(Contact.reference).where(Contact.id == bindparam("id"))
_LANGUAGE_OF = select(Customer.language).where(Customer.id == bindparam("id"))
_TEAM_NAMED = select(Team.id).where(Team.name == bindparam("name"))
_ANSWERED = (
    select(ChannelKey.key, Contact)
    .join(Contact, Contact.id == ChannelKey.contact_id)
    .where(
        ChannelKey.channel == bindparam("channel"),
        ChannelKey.key.in_(bindparam("threads", expanding=True)),
    )
    .order_by(ChannelKey.created_at.desc())
)
_QUOTED = (
    select(Contact)
    .where(
        Contact.reference == bindparam("quoted"),
        Contact.channel == bindparam("channel"),
        Contact.sender_address == bindparam("sender"),
    )
    .order_by(Contact.received_at.desc())
    .limit(1)
)
_CONVERSATION = (
    select(Contact)
    .where(
        Contact.sender_address == bindparam("sender"),
        Contact.channel == bindparam("channel"),
        or_(Contact.status != ContactStatus.CLOSED, Contact.closed_at > bindparam("since")),
    )
    .order_by(Contact.received_at.desc())
    .limit(1)
)
_IDENTIFIED = select(
    func.min(CustomerIdentity.customer_id), func.count(CustomerIdentity.customer_id.distinct())
).where(CustomerIdentity.kind == bindparam("kind"), CustomerIdentity.value == bindparam("value"))


class Refused(ValueError):
    """What the centre refuses to store, as PostgreSQL's ``invalid_parameter_value``."""


def receive(conn: Connection, p: dict[str, Any]) -> dict[str, Any]:
    channel, key = p.get("channel"), p.get("key")
    if channel not in {c.value for c in Channel}:
        raise Refused(f"unknown channel {channel}")
    if not key or len(key) > 400:
        raise Refused("a received message needs its channel's id (1 to 400 characters)")
    reference = p.get("reference")
    if not (p.get("contact_id") and p.get("message_id") and reference) or not REFERENCE.fullmatch(
        reference
    ):
        raise Refused("a received message needs new ids and a contact reference R-XXXX-XXXX")
    found = conn.execute(_FOUND, {"channel": channel, "key": key}).first()
    if found is not None:
        return {
            "outcome": "duplicate",
            "contact_id": str(found.contact_id),
            "message_id": str(found.message_id),
            "reference": conn.scalar(_REFERENCE_OF, {"id": found.contact_id}),
        }
    now = utcnow()
    threads: list[str] = list(p.get("thread_keys") or [])
    sender = p.get("sender_address") or ""
    level = int(p.get("risk_level") or 0)
    automatic = bool(p.get("automatic"))
    thread = _thread(conn, channel, threads, p.get("quoted_reference"), sender)
    if thread is None and sender and channel in CHATS:
        thread = _conversation(conn, channel, sender, now)
    customer = thread.customer_id if thread is not None else _customer(conn, p)
    contact_id = uuid.UUID(p["contact_id"])
    if thread is not None and thread.status != ContactStatus.CLOSED:
        outcome, contact_id, reference = "joined", thread.id, thread.reference
        if not automatic and level > 0:
            reasons = p.get("risk_reason") or ""
            conn.execute(
                update(Contact)
                .where(Contact.id == thread.id)
                .values(
                    risk_flag=True,
                    risk_reason=(
                        reasons if not thread.risk_reason else f"{thread.risk_reason}, {reasons}"
                    )[:200],
                    priority=max(thread.priority, URGENT if level >= 2 else HIGH),
                    version=Contact.version + 1,
                )
            )
    elif automatic:
        return {"outcome": "ignored"}
    else:
        outcome = "new" if thread is None else "follow_on"
        language = conn.scalar(_LANGUAGE_OF, {"id": customer}) if customer else None
        team = thread.team_id if thread is not None else None
        if team is None and p.get("team"):
            team = conn.scalar(_TEAM_NAMED, {"name": p["team"]})
        conn.execute(
            _INSERT_CONTACT,
            dict(
                id=contact_id,
                reference=reference,
                channel=channel,
                direction=Direction.INBOUND,
                status=ContactStatus.QUEUED,
                customer_id=customer,
                sender_display=(p.get("sender_display") or "")[:320],
                sender_address=sender[:320],
                subject=(p.get("subject") or "")[:300],
                preview=_SPACE.sub(" ", p.get("body_text") or "").strip()[:300],
                language=language or p.get("language") or "fr",
                priority=URGENT if level >= 2 else HIGH if level == 1 else NORMAL,
                risk_flag=level > 0,
                risk_reason=(p.get("risk_reason") or "")[:200],
                received_at=now,
                due_at=now + DUE_WITHIN[Channel(channel)],
                team_id=team,
                parent_id=thread.id if thread is not None else None,
                version=1,
            ),
        )
    message_id = uuid.UUID(p["message_id"])
    conn.execute(
        _INSERT_MESSAGE,
        dict(
            id=message_id,
            contact_id=contact_id,
            direction=Direction.INBOUND,
            sender_display=(p.get("sender_display") or "")[:320],
            body_text=p.get("body_text") or "",
            body_html=p.get("body_html"),
            created_at=now,
            written_at=_time(p.get("written_at")),
            external_id=key,
            in_reply_to=threads[0] if threads else None,
        ),
    )
    conn.execute(
        _INSERT_KEY,
        dict(
            channel=channel, key=key, message_id=message_id, contact_id=contact_id, created_at=now
        ),
    )
    return {
        "outcome": outcome,
        "contact_id": str(contact_id),
        "message_id": str(message_id),
        "reference": reference,
    }


def _thread(
    conn: Connection, channel: str, threads: list[str], quoted: str | None, sender: str
) -> Any:
    """The contact of the nearest message this one answers, else the one its subject quotes
    if it is this sender's."""
    if threads:
        rows = conn.execute(_ANSWERED, {"channel": channel, "threads": threads}).all()
        if rows:
            nearest = min(rows, key=lambda r: threads.index(r.key))
            return nearest
    if quoted and sender:
        return conn.execute(
            _QUOTED, {"quoted": quoted, "channel": channel, "sender": sender}
        ).first()
    return None


def _conversation(conn: Connection, channel: str, sender: str, now: datetime) -> Any:
    """A chat is one conversation per sender: their open contact on the channel, or the one
    closed lately."""
    return conn.execute(
        _CONVERSATION, {"sender": sender, "channel": channel, "since": now - CHAT_FOLLOWS_FOR}
    ).first()


def _customer(conn: Connection, p: dict[str, Any]) -> uuid.UUID | None:
    """The one customer with this identity; none when two share it."""
    if not p.get("identity_kind"):
        return None
    row = conn.execute(
        _IDENTIFIED, {"kind": p["identity_kind"], "value": p.get("identity_value")}
    ).one()
    return row[0] if row[1] == 1 else None


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
