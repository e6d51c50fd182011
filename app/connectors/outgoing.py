"""The replies a connector sends, as the centre hands them out and hears back what became of
them: ``relais_outgoing`` and ``relais_delivery_result`` on PostgreSQL (the
connector login may call them), ``app.sync.apply_delivery``'s same rules on the embedded centre.

``Outbox`` is what every channel's sender does around the sending itself: ask the centre for
what is due, say what became of each reply, keep what the centre did not take to say again
(so that a sent reply is not sent again once its lease has passed), and wait longer each time
the centre does not answer.
"""

import json
import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.db import Database, storage_errors
from app.errors import InputError, RelaisError
from app.ingest.receive import call, refused
from app.sync import apply_delivery

log = logging.getLogger(__name__)

BATCH = 20
PAUSES = (1.0, 2.0, 5.0, 15.0, 30.0, 60.0)  # after a round the centre did not answer, in turn


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
    retry_after: float | None = None,
) -> str:
    """Tells the centre what became of a reply; returns the state it is in now. A retry may
    say how long the channel asked to wait, in seconds."""
    p: dict[str, Any] = {
        "delivery_id": str(delivery_id),
        "outcome": outcome,
        "reason": reason,
        "external_id": external_id,
    }
    if retry_after:
        p["retry_after"] = retry_after
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


@dataclass(frozen=True)
class Said:
    """What became of one reply, to tell the centre."""

    reply: Reply
    outcome: str
    reason: str = ""
    external_id: str | None = None
    retry_after: float | None = None


class Outbox:
    """Sends one channel's queued replies until ``stop`` is set: a subclass sends (``send``),
    this asks, tells and waits."""

    channel = ""
    label = "replies"

    def __init__(self, central: Database, stop: threading.Event, poll_seconds: float) -> None:
        self._central = central
        self._stop = stop
        self._poll = poll_seconds
        self._unreported: list[Said] = []
        self._failures = 0
        self._last_problem = ""

    def run(self) -> None:
        while not self._stop.is_set():
            try:
                handed = self.round()
            except RelaisError as exc:
                self._problem(f"the centre did not answer: {exc.text()}")
                handed = 0
            except Exception:  # a bug: said in full, and the next round tried
                log.exception("%s: unexpected failure", self.label)
                self._failures += 1
                handed = 0
            if self._failures:
                self._stop.wait(PAUSES[min(self._failures, len(PAUSES)) - 1])
            elif not handed:
                self._stop.wait(self._poll)

    def round(self) -> int:
        """One look at the centre: what it hands out, sent; returns how many were handed."""
        self._report_pending()
        replies = due(self._central, self.channel, BATCH)
        if self._last_problem:
            log.info("%s: the centre answers again", self.label)
        self._failures, self._last_problem = 0, ""
        if not replies:
            return 0
        sendable = []
        for reply in replies:
            trouble = self.undeliverable(reply)
            if trouble:
                self.tell(Said(reply, "failed", trouble))
            else:
                sendable.append(reply)
        if sendable:
            self.send(sendable)
        return len(replies)

    def undeliverable(self, reply: Reply) -> str:
        """Why the reply cannot be sent at all (a reason as app.dto.DeliveryView reads it),
        or ""."""
        return "" if reply.to_address else "no_address"

    def send(self, replies: list[Reply]) -> None:
        """Sends each, telling what became of it."""
        raise NotImplementedError

    def tell(self, said: Said) -> None:
        """Says it to the centre; kept to say again when the centre does not answer."""
        reply = said.reply
        log.info(
            "%s %s (%s, attempt %d): %s%s",
            self.label,
            reply.message_id,
            reply.reference,
            reply.attempt,
            said.outcome,
            f": {said.reason}" if said.reason else "",
        )
        try:
            self._report(said)
        except RelaisError as exc:
            self._unreported.append(said)
            self._problem(f"the centre did not take what became of a reply: {exc.text()}")

    def _report(self, said: Said) -> None:
        try:
            report(
                self._central,
                said.reply.delivery_id,
                said.outcome,
                said.reason,
                said.external_id,
                said.retry_after,
            )
        except InputError as exc:  # the centre settled it otherwise: nothing to say again
            log.warning(
                "%s %s: the centre refused the report: %s",
                self.label,
                said.reply.message_id,
                exc.text(),
            )

    def _report_pending(self) -> None:
        while self._unreported:
            self._report(self._unreported[0])
            self._unreported.pop(0)

    def _problem(self, text: str) -> None:
        self._failures += 1
        if text != self._last_problem:
            log.warning("%s: %s; trying again", self.label, text)
            self._last_problem = text
