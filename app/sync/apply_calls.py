"""The embedded SQLite centre's telephony events: what ``relais_call_event`` does on a
PostgreSQL centre (``app/migrations/central/sql/c7a1e9d3b5f2_calls.sql``, answered once since
a3d5f7b9c1e4), by the same rules, with the same JSON in and out (``app.ingest.calls`` builds
and reads it). The embedded centre wakes nobody: its workstations see a call at their next poll."""

import re
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from app.clock import utcnow
from app.enums import Channel, ContactStatus, Direction, IdentityKind
from app.models import (
    Advisor,
    ChannelKey,
    Contact,
    ContactAssignment,
    Customer,
    CustomerIdentity,
    Message,
    Team,
)
from app.risk import HIGH
from app.service_levels import DUE_WITHIN
from app.sync.apply import User
from app.sync.apply_claims import hand_over
from app.sync.apply_receive import REFERENCE, Refused

EVENTS = ("ringing", "answered", "ended")
_SOURCE = re.compile(r"[a-z]{1,16}")
_E164 = re.compile(r"\+[1-9][0-9]{5,14}")


def call_event(conn: Connection, p: dict[str, Any]) -> dict[str, Any]:
    _check(p)
    event, caller, now = p["event"], p.get("caller") or "", utcnow()
    key = f"{p['source']}:{p['call_key']}"
    advisor = _advisor(conn, p.get("advisor"))
    found = conn.scalar(
        select(ChannelKey.contact_id).where(
            ChannelKey.channel == Channel.PHONE.value, ChannelKey.key == key
        )
    )
    outcome = "updated"
    if found is None:
        outcome = "new"
        found = _new_call(conn, p, key, caller, advisor, now)
    c = _contact(conn, found)
    if c.call_ended_at is not None or c.status == ContactStatus.CLOSED:
        outcome = "new" if outcome == "new" else "unchanged"
    elif event == "ended":
        if c.call_started_at is None:  # missed: a call back for the team
            if c.status == ContactStatus.IN_PROGRESS:
                conn.execute(
                    update(ContactAssignment)
                    .where(
                        ContactAssignment.contact_id == c.id, ContactAssignment.ended_at.is_(None)
                    )
                    .values(ended_at=now)
                )
            conn.execute(
                update(Contact)
                .where(Contact.id == c.id)
                .values(
                    call_ended_at=now,
                    status=ContactStatus.QUEUED,
                    assigned_to=None,
                    claim_token=None,
                    lease_until=None,
                    priority=max(c.priority, HIGH),
                    due_at=min(c.due_at, now + DUE_WITHIN[Channel.PHONE]),
                    version=Contact.version + 1,
                )
            )
        else:
            _set(conn, c.id, call_ended_at=now)
    elif event == "ringing" and c.call_started_at is not None:
        outcome = "new" if outcome == "new" else "unchanged"
    else:
        if advisor is not None and (
            c.status != ContactStatus.IN_PROGRESS or c.assigned_to != advisor.id
        ):
            hand_over(conn, advisor, c.id, uuid.uuid4())
        if event == "answered" and c.call_started_at is None:
            _set(conn, c.id, call_started_at=now)
        elif event == "answered":
            pass  # answered again (a retried callback): the call started the first time
        elif advisor is None and outcome != "new":
            outcome = "unchanged"
    return _answer(conn, _contact(conn, c.id), outcome)


def _check(p: dict[str, Any]) -> None:
    if p.get("event") not in EVENTS:
        raise Refused(
            f"a call event is ringing, answered or ended, not {p.get('event') or '(none)'}"
        )
    call_key = p.get("call_key")
    if not _SOURCE.fullmatch(p.get("source") or "") or not call_key or len(call_key) > 200:
        raise Refused("a call event needs its source and its call id (1 to 200 characters)")
    caller = p.get("caller") or ""
    if caller and not _E164.fullmatch(caller):
        raise Refused("the caller's number must be E.164 (+33612345678), or empty when withheld")
    if not (p.get("contact_id") and p.get("message_id")) or not REFERENCE.fullmatch(
        p.get("reference") or ""
    ):
        raise Refused("a call event needs new ids and a contact reference R-XXXX-XXXX")


def _advisor(conn: Connection, login: str | None) -> User | None:
    if not login:
        return None
    row = conn.execute(
        select(Advisor.id, Advisor.role, Advisor.team_id).where(
            Advisor.login == login,
            Advisor.active.is_(True),
            Advisor.role.in_(["advisor", "supervisor"]),
        )
    ).first()
    return User(row.id, str(row.role), row.team_id) if row is not None else None


def _new_call(
    conn: Connection,
    p: dict[str, Any],
    key: str,
    caller: str,
    advisor: User | None,
    now: datetime,
) -> uuid.UUID:
    customer = None
    if caller:
        row = conn.execute(
            select(
                func.min(CustomerIdentity.customer_id),
                func.count(CustomerIdentity.customer_id.distinct()),
            ).where(
                CustomerIdentity.kind.in_([IdentityKind.PHONE, IdentityKind.WHATSAPP]),
                CustomerIdentity.value == caller,
            )
        ).one()
        customer = row[0] if row[1] == 1 else None
    team = advisor.team if advisor is not None else None
    if team is None and p.get("team"):
        team = conn.scalar(select(Team.id).where(Team.name == p["team"]))
    language = conn.scalar(select(Customer.language).where(Customer.id == customer))
    contact_id, message_id = uuid.UUID(p["contact_id"]), uuid.UUID(p["message_id"])
    display = (p.get("caller_display") or caller)[:320]
    conn.execute(
        insert(Contact).values(
            id=contact_id,
            reference=p["reference"],
            channel=Channel.PHONE,
            direction=Direction.INBOUND,
            status=ContactStatus.QUEUED,
            customer_id=customer,
            sender_display=display,
            sender_address=caller,
            language=language or "fr",
            received_at=now,
            due_at=now + DUE_WITHIN[Channel.PHONE],
            team_id=team,
            version=1,
        )
    )
    conn.execute(
        insert(Message).values(
            id=message_id,
            contact_id=contact_id,
            direction=Direction.INBOUND,
            sender_display=display,
            body_text="",
            created_at=now,
            written_at=datetime.fromisoformat(p["at"]) if p.get("at") else None,
            external_id=key,
        )
    )
    conn.execute(
        insert(ChannelKey).values(
            channel=Channel.PHONE.value,
            key=key,
            message_id=message_id,
            contact_id=contact_id,
            created_at=now,
        )
    )
    return contact_id


def _contact(conn: Connection, contact_id: uuid.UUID) -> Any:
    return conn.execute(select(Contact).where(Contact.id == contact_id)).one()


def _set(conn: Connection, contact_id: uuid.UUID, **values: Any) -> None:
    conn.execute(
        update(Contact)
        .where(Contact.id == contact_id)
        .values(**values, version=Contact.version + 1)
    )


def _answer(conn: Connection, c: Any, outcome: str) -> dict[str, Any]:
    login = conn.scalar(select(Advisor.login).where(Advisor.id == c.assigned_to))
    return {
        "outcome": outcome,
        "contact_id": str(c.id),
        "reference": c.reference,
        "customer_id": str(c.customer_id) if c.customer_id else None,
        "advisor": login,
        "state": state(c.call_started_at, c.call_ended_at),
    }


def state(started: datetime | None, ended: datetime | None) -> str:
    """A call as the advisor reads it: ringing, answered, ended, or missed (ended unanswered)."""
    if ended is not None:
        return "ended" if started is not None else "missed"
    return "answered" if started is not None else "ringing"


LATE_RING = timedelta(minutes=2)
"""A ring older than this is not popped on a workstation that learns of it late (after being
offline): the caller has hung up or been answered elsewhere by then."""
