"""The replies a connector sends, as the centre hands them out and hears back what became of
them: ``relais_outgoing`` and ``relais_delivery_result`` on PostgreSQL (the
connector login may call them), ``app.sync.apply_delivery``'s same rules on the embedded centre.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.db import Database, storage_errors
from app.ingest.receive import call, refused
from app.sync import apply_delivery


@dataclass(frozen=True)
class Reply:
    """One reply to send, with what the centre knows of its thread."""

    delivery_id: uuid.UUID
    message_id: uuid.UUID
    attempt: int
    reference: str
    subject: str
    language: str
    team: str | None
    to_display: str
    to_address: str | None
    author: str
    body_text: str
    written_at: datetime
    in_reply_to: str | None
    references: tuple[str, ...]
    external_id: str | None


def due(central: Database, channel: str, limit: int = 20) -> list[Reply]:
    """The channel's replies due for sending, each leased to this connector for ten minutes."""
    if central.is_sqlite:
        with storage_errors(central), central.engine.begin() as conn:
            rows = apply_delivery.outgoing(conn, channel, limit)
    else:
        rows = call(central, "SELECT relais_outgoing(%s, %s)", (channel, limit)) or []
    return [_reply(r) for r in rows]


def report(
    central: Database,
    delivery_id: uuid.UUID,
    outcome: str,
    reason: str = "",
    external_id: str | None = None,
) -> str:
    """Tells the centre what became of a reply; returns the state it is in now."""
    p = {
        "delivery_id": str(delivery_id),
        "outcome": outcome,
        "reason": reason,
        "external_id": external_id,
    }
    if central.is_sqlite:
        with storage_errors(central), central.engine.begin() as conn:
            try:
                return apply_delivery.result(conn, p)
            except apply_delivery.Refused as exc:
                raise refused(str(exc)) from exc
    return str(call(central, "SELECT relais_delivery_result(%s::jsonb)", (json.dumps(p),)))


def _reply(r: dict[str, Any]) -> Reply:
    written = r["written_at"]
    return Reply(
        delivery_id=uuid.UUID(str(r["delivery_id"])),
        message_id=uuid.UUID(str(r["message_id"])),
        attempt=int(r["attempt"]),
        reference=str(r["reference"]),
        subject=str(r.get("subject") or ""),
        language=str(r.get("language") or "fr"),
        team=r.get("team"),
        to_display=str(r.get("to_display") or ""),
        to_address=r.get("to_address") or None,
        author=str(r.get("author") or ""),
        body_text=str(r.get("body_text") or ""),
        written_at=written if isinstance(written, datetime) else datetime.fromisoformat(written),
        in_reply_to=r.get("in_reply_to"),
        references=tuple(r.get("references") or ()),
        external_id=r.get("external_id"),
    )
