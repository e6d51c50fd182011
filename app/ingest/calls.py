"""A telephony event (a call ringing for an advisor, answered, ended) into the centre.

Every source — the documented JSON, Twilio's callbacks, Asterisk's AMI — is read into a
``CallEvent``; ``hand`` gives it to the centre (``relais_call_event`` on PostgreSQL, a connector's
only; ``app.sync.apply_calls`` on the embedded centre), which orders the events by its own
clock and never moves a call back (a late "ringing" after "ended" changes nothing).
"""

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.db import Database, storage_errors
from app.identities import normalise_phone, phone_shown
from app.ids import new_id, short_reference
from app.ingest.receive import call, refused
from app.sync import apply_calls, apply_receive

log = logging.getLogger(__name__)

EVENTS = apply_calls.EVENTS


@dataclass(frozen=True)
class CallEvent:
    source: str
    """Where it came from: json, twilio, asterisk, cli."""
    call_key: str
    """The telephony system's id of the call (its first leg's: legs of one call share it)."""
    event: str
    """ringing, answered or ended."""
    caller: str = ""
    """The caller's number as the telephony system gave it; empty when withheld."""
    advisor: str | None = None
    """The login of the advisor whose phone rings or who answered."""
    at: datetime | None = None
    """The telephony system's time of the event: kept, never used to order."""
    team: str | None = None


@dataclass(frozen=True)
class CallAnswer:
    outcome: str
    """new, updated or unchanged."""
    contact_id: uuid.UUID
    reference: str
    customer_id: uuid.UUID | None
    advisor: str | None
    state: str
    """ringing, answered, ended or missed."""


def payload(ev: CallEvent, region: str | None = None) -> dict[str, Any]:
    """The JSON the centre takes; a caller's number it cannot read is kept as shown, without a
    number to match (the advisor searches)."""
    number = normalise_phone(ev.caller, region) if ev.caller else None
    contact_id = new_id()
    return {
        "source": ev.source,
        "call_key": ev.call_key,
        "event": ev.event,
        "caller": number or "",
        "caller_display": phone_shown(number, region) if number else ev.caller.strip()[:320],
        "advisor": ev.advisor,
        "team": ev.team,
        "at": ev.at.isoformat() if ev.at else None,
        "contact_id": str(contact_id),
        "message_id": str(new_id()),
        "reference": short_reference(contact_id),
    }


def hand(central: Database, ev: CallEvent, region: str | None = None) -> CallAnswer:
    p = payload(ev, region)
    if central.is_sqlite:
        with storage_errors(central):
            try:
                with central.engine.begin() as conn:
                    answer = apply_calls.call_event(conn, p)
            except apply_receive.Refused as exc:
                raise refused(str(exc)) from exc
    else:
        answer = dict(call(central, "SELECT relais_call_event(%s::jsonb)", (json.dumps(p),)))
    said = CallAnswer(
        answer["outcome"],
        uuid.UUID(answer["contact_id"]),
        answer["reference"],
        uuid.UUID(answer["customer_id"]) if answer.get("customer_id") else None,
        answer.get("advisor"),
        answer["state"],
    )
    log.info(
        "call %s:%s %s from %s for %s: %s %s, %s",
        ev.source,
        ev.call_key,
        ev.event,
        p["caller"] or "(withheld)",
        ev.advisor or "(no advisor)",
        said.outcome,
        said.reference,
        said.state,
    )
    return said
