"""An ``Inbound`` into the centre: the one write path of every connector and of ``relais ingest``.

On PostgreSQL it is one call of ``relais_receive``, which a connector login may make and nothing
else; on the embedded centre, ``app.sync.apply_receive``'s same rules. The text is scored for
strong dissatisfaction or legal risk here (app.risk), so that every channel's arrivals are: the
centre raises the priority and sets the flag from the score.
"""

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.db import Database, sqlstate, storage_errors
from app.errors import EnvironmentProblem, InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id, short_reference
from app.ingest.events import Batch, Status
from app.ingest.inbound import Inbound, Outcome, Received
from app.ingest.language import guess_language
from app.risk import assess
from app.sync import apply_attachments, apply_delivery, apply_receive

log = logging.getLogger(__name__)


def payload(inbound: Inbound) -> dict[str, Any]:
    """The JSON ``relais_receive`` takes: the message, its score, and the ids it would get."""
    risk = assess(f"{inbound.subject}\n{inbound.body_text}")
    contact_id = new_id()
    kind, value = inbound.identity if inbound.identity is not None else (None, None)
    return {
        "channel": inbound.channel.value,
        "key": inbound.key,
        "thread_keys": list(inbound.thread_keys),
        "quoted_reference": inbound.quoted_reference,
        "sender_display": inbound.sender_display,
        "sender_address": inbound.sender_address,
        "identity_kind": kind.value if kind is not None else None,
        "identity_value": value,
        "subject": inbound.subject,
        "body_text": inbound.body_text,
        "body_html": inbound.body_html,
        "written_at": inbound.written_at.isoformat() if inbound.written_at else None,
        "language": inbound.language or guess_language(f"{inbound.subject}\n{inbound.body_text}"),
        "automatic": bool(inbound.automatic),
        "team": inbound.team,
        "risk_level": risk.level if risk.flagged else 0,
        "risk_reason": ", ".join(risk.reasons),
        "contact_id": str(contact_id),
        "message_id": str(new_id()),
        "reference": short_reference(contact_id),
    }


def receive(central: Database, inbound: Inbound) -> Received:
    """Stores the message on the centre, once: a second delivery answers DUPLICATE. A report
    that one of the centre's replies failed fails that reply first (again, harmlessly, on a
    second delivery)."""
    if inbound.bounce is not None:
        bounced(central, inbound.channel.value, *inbound.bounce)
    return _store(central, inbound)


TOGETHER = 50
"""Messages ``receive_many`` stores in one transaction at most. One commit and one connection
for them all instead of one each: an arrival then costs what the centre's function does and
little more (tests/benchmarks/test_ingest_bench.py). Few enough that the transaction stays
short: the desks' pulls wait for the transactions still running on the centre."""


def receive_many(central: Database, inbounds: Sequence[Inbound]) -> list[Received | InputError]:
    """Each message stored once, as ``receive`` stores it, up to ``TOGETHER`` in a transaction;
    in the order given, with for each what the centre answered or why it refused it. A message
    the centre refuses sends its transaction back, and its messages go again one at a time, so
    that the refusal is that message's alone. A centre that does not answer raises
    (``EnvironmentProblem``): nothing of the transaction that failed is stored, and messages
    handed again are found DUPLICATE where an earlier transaction stored them."""
    answers: list[Received | InputError] = []
    for start in range(0, len(inbounds), TOGETHER):
        chunk = inbounds[start : start + TOGETHER]
        if len(chunk) == 1:
            answers.append(_alone(central, chunk[0]))
            continue
        for inbound in chunk:
            if inbound.bounce is not None:
                bounced(central, inbound.channel.value, *inbound.bounce)
        try:
            stored = _together(central, [(payload(i), i) for i in chunk])
        except InputError:
            answers.extend(_alone(central, inbound, bounce=False) for inbound in chunk)
            continue
        answers.extend(_received(a, i) for a, i in zip(stored, chunk, strict=True))
    return answers


def _alone(central: Database, inbound: Inbound, bounce: bool = True) -> Received | InputError:
    try:
        return receive(central, inbound) if bounce else _store(central, inbound)
    except InputError as exc:
        return exc


def _store(central: Database, inbound: Inbound) -> Received:
    p = payload(inbound)
    if inbound.files or inbound.customer_account or central.is_sqlite:
        [answer] = _together(central, [(p, inbound)])
    else:
        answer = _postgres(central, p)
    return _received(answer, inbound)


def _received(answer: dict[str, Any], inbound: Inbound) -> Received:
    received = Received(
        Outcome(answer["outcome"]),
        _uuid(answer.get("contact_id")),
        _uuid(answer.get("message_id")),
        answer.get("reference"),
    )
    log.info(
        "%s %s %s: %s %s%s",
        inbound.channel.value,
        inbound.key,
        inbound.sender_address or "(no sender)",
        received.outcome.value,
        received.reference or "",
        f" ({inbound.automatic})" if inbound.automatic else "",
    )
    return received


def bounced(central: Database, channel: str, external_id: str, reason: str) -> bool:
    """Fails the reply a bounce names; False when no reply of this centre has that id."""
    if central.is_sqlite:
        with storage_errors(central), central.engine.begin() as conn:
            found = apply_delivery.bounced(conn, channel, external_id, reason)
    else:
        statement = "SELECT relais_bounced(%s, %s, %s)"
        found = bool(call(central, statement, (channel, external_id, reason)))
    log.info(
        "%s bounce for %s: %s (%s)",
        channel,
        external_id,
        reason,
        "reply failed" if found else "not one of ours",
    )
    return found


def status(central: Database, said: Status) -> int:
    """What a platform says of the centre's replies (delivered, read, failed), applied forward
    only; returns how many replies moved. A report on replies the centre does not know (sent by
    another tool on the same page) moves nothing."""
    p: dict[str, Any] = {
        "channel": said.channel.value,
        "state": said.state,
        "reason": said.reason,
        "external_ids": list(said.external_ids),
        "recipient": said.recipient,
        "until": said.until.isoformat() if said.until else None,
    }
    moved = 0
    for start in range(0, max(len(said.external_ids), 1), 100):
        p["external_ids"] = list(said.external_ids[start : start + 100])
        if central.is_sqlite:
            with storage_errors(central), central.engine.begin() as conn:
                try:
                    moved += apply_delivery.status(conn, p)
                except apply_receive.Refused as exc:
                    raise refused(str(exc)) from exc
        else:
            statement = "SELECT relais_delivery_status(%s::jsonb)"
            moved += int(call(central, statement, (json.dumps(p),)))
    log.info(
        "%s %s for %s: %d repl%s",
        said.channel.value,
        said.state,
        ", ".join(said.external_ids[:3]) or f"{said.recipient} until {said.until}",
        moved,
        "y" if moved == 1 else "ies",
    )
    return moved


@dataclass
class Handed:
    """What became of one webhook request's contents."""

    received: list[Received] = field(default_factory=list)
    refused: list[tuple[str, InputError]] = field(default_factory=list)
    """Each message or report the centre refused, by its key, with why."""
    moved: int = 0
    """Replies whose state the reports moved."""


def receive_all(central: Database, batch: Batch) -> Handed:
    """A webhook request's messages and reports, each stored on its own: one the centre
    refuses is logged and the others still go in (the platform sends a request once, and
    refusing it whole would lose them). A centre that does not answer stops it all
    (``EnvironmentProblem``): the request is kept to be handed again, and what was stored of it
    is found DUPLICATE then."""
    handed = Handed()
    for inbound, answer in zip(batch.messages, receive_many(central, batch.messages), strict=True):
        if isinstance(answer, InputError):
            log.warning("%s %s refused: %s", inbound.channel.value, inbound.key, answer.text())
            handed.refused.append((inbound.key, answer))
        else:
            handed.received.append(answer)
    for said in batch.statuses:
        try:
            handed.moved += status(central, said)
        except InputError as exc:
            log.warning("%s %s report refused: %s", said.channel.value, said.state, exc.text())
            handed.refused.append((said.state, exc))
    for what in batch.skipped:
        log.info("skipped: %s", what)
    return handed


_STORED = (Outcome.NEW.value, Outcome.JOINED.value, Outcome.FOLLOW_ON.value)


def _together(
    central: Database, items: list[tuple[dict[str, Any], Inbound]]
) -> list[dict[str, Any]]:
    """The messages and their files in one transaction: all stored, or none (a redelivery
    then finds none and stores them all). ``relais_attach`` takes the files only of a message
    this same transaction received."""
    if central.is_sqlite:
        with storage_errors(central):
            try:
                return _embedded_together(central, items)
            except IntegrityError:  # the same message committed meanwhile: found DUPLICATE
                return _embedded_together(central, items)
    try:
        with central.driver_autocommit() as driver, driver.transaction():
            return [_postgres_in(driver, p, inbound) for p, inbound in items]
    except DBAPIError as exc:
        code = sqlstate(exc)
        if code == "42501":
            raise not_a_connector() from exc
        if code == "22023":
            raise refused(str(exc.orig).splitlines()[0]) from exc
        raise


def _postgres_in(driver: Any, p: dict[str, Any], inbound: Inbound) -> dict[str, Any]:
    """One message in the transaction ``driver`` holds open."""
    answer = dict(
        driver.execute("SELECT relais_receive(%s::jsonb)", (json.dumps(p),)).fetchone()[0]
    )
    if (inbound.files or inbound.customer_account) and answer["outcome"] in _STORED:
        driver.execute(
            "SELECT relais_attach(%s::uuid, %s::jsonb, %s::bytea[])",
            (
                answer["message_id"],
                json.dumps([f.meta() for f in inbound.files]),
                [f.content for f in inbound.files],
            ),
        )
        if (
            inbound.customer_account
            and not driver.execute(
                "SELECT relais_letter_customer(%s::uuid, %s)",
                (answer["message_id"], inbound.customer_account),
            ).fetchone()[0]
        ):
            raise no_such_customer(inbound.customer_account)
    return answer


def _embedded_together(
    central: Database, items: list[tuple[dict[str, Any], Inbound]]
) -> list[dict[str, Any]]:
    try:
        with central.engine.begin() as conn:
            return [_embedded_in(conn, p, inbound) for p, inbound in items]
    except apply_receive.Refused as exc:
        raise refused(str(exc)) from exc


def _embedded_in(conn: Connection, p: dict[str, Any], inbound: Inbound) -> dict[str, Any]:
    answer = apply_receive.receive(conn, p)
    if (inbound.files or inbound.customer_account) and answer["outcome"] in _STORED:
        message = uuid.UUID(answer["message_id"])
        files = [f.meta() for f in inbound.files]
        apply_attachments.attach(conn, message, files, [f.content for f in inbound.files])
        account = inbound.customer_account
        if account and not apply_attachments.letter_customer(conn, message, account):
            raise no_such_customer(account)
    return answer


def _postgres(central: Database, p: dict[str, Any]) -> dict[str, Any]:
    return dict(call(central, "SELECT relais_receive(%s::jsonb)", (json.dumps(p),)))


def call(central: Database, statement: str, args: tuple[Any, ...]) -> Any:
    """One of the connectors' functions on a PostgreSQL centre, its refusals said."""
    try:
        with central.driver_autocommit() as driver:
            row = driver.execute(statement, args).fetchone()
    except DBAPIError as exc:
        code = sqlstate(exc)
        if code == "42501":
            raise not_a_connector() from exc
        if code == "22023":
            raise refused(str(exc.orig).splitlines()[0]) from exc
        raise
    return row[0] if row else None


def refused(why: str) -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "The centre refused the message: {why}."),
        QT_TRANSLATE_NOOP("errors", "Nothing was stored; the connector's log says which one."),
        why=why,
    )


def no_such_customer(account: str) -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "No customer, or more than one, has the account number {ref}."),
        QT_TRANSLATE_NOOP("errors", "Check the number on the letter; nothing was stored."),
        ref=account,
    )


def not_a_connector() -> EnvironmentProblem:
    return EnvironmentProblem(
        QT_TRANSLATE_NOOP("errors", "This login may not hand messages to the centre."),
        QT_TRANSLATE_NOOP(
            "errors", "Connect as a connector: relais user add LOGIN --role connector."
        ),
    )


def _uuid(text: str | None) -> uuid.UUID | None:
    return uuid.UUID(text) if text else None
