"""WhatsApp Cloud API webhook requests: ``{"object": "whatsapp_business_account", "entry":
[{"id", "changes": [{"field": "messages", "value": {"metadata", "contacts", "messages",
"statuses"}}]}]}``.

A message comes from a ``wa_id`` (the customer's number, digits without the +), with its
``timestamp`` in seconds and its type's own object (``text``, ``image``, ``button``,
``interactive``, ``location``…); ``context.id`` names the message it answers. A status says what
became of one of the centre's replies — sent, delivered, read or failed with the platform's
errors — and they may come in any order: the centre never moves a reply back.
"""

import mimetypes
from typing import Any

from app.enums import Channel, IdentityKind
from app.identities import whatsapp_number
from app.ingest.attachments import IncomingFile, to_fetch
from app.ingest.events import (
    Batch,
    Malformed,
    Status,
    attachment_line,
    ident,
    instant,
    items,
    obj,
    text,
)
from app.ingest.inbound import Inbound

_MEDIA = ("image", "video", "audio", "document", "sticker")
MEDIA_SOURCE = "whatsapp-media:"
"""A WhatsApp file's source: its media id, whose URL the Cloud API gives (app.connectors.media)."""
_NOT_FOR_THE_CENTRE = ("reaction", "system", "unsupported", "request_welcome", "ephemeral")


def read(data: Any, team: str | None) -> Batch:
    body = obj(data, "the request")
    if body.get("object") != "whatsapp_business_account":
        raise Malformed(f'"object" is {body.get("object")!r}, not "whatsapp_business_account"')
    batch = Batch()
    for i, raw_entry in enumerate(items(body.get("entry"), "entry", optional=False)):
        entry = obj(raw_entry, f"entry[{i}]")
        for j, raw_change in enumerate(items(entry.get("changes"), f"entry[{i}].changes")):
            change = obj(raw_change, f"entry[{i}].changes[{j}]")
            if change.get("field") != "messages":
                batch.skipped.append(f"a change of {change.get('field')!r}")
                continue
            _value(obj(change.get("value"), f"entry[{i}].changes[{j}].value"), team, batch)
    return batch


def _value(value: dict[str, Any], team: str | None, batch: Batch) -> None:
    names: dict[str, str] = {}
    for k, raw in enumerate(items(value.get("contacts"), "contacts")):
        contact = obj(raw, f"contacts[{k}]")
        profile = obj(contact.get("profile") or {}, f"contacts[{k}].profile")
        names[ident(contact.get("wa_id"), f"contacts[{k}].wa_id")] = text(
            profile.get("name"), "profile.name"
        )
    for k, raw in enumerate(items(value.get("messages"), "messages")):
        _message(obj(raw, f"messages[{k}]"), names, team, batch)
    for k, raw in enumerate(items(value.get("statuses"), "statuses")):
        _status(obj(raw, f"statuses[{k}]"), batch)
    for raw in items(value.get("errors"), "errors"):
        batch.skipped.append(f"an error of the platform: {_error(raw)}")


def _message(message: dict[str, Any], names: dict[str, str], team: str | None, b: Batch) -> None:
    key = ident(message.get("id"), "message.id")
    sender = ident(message.get("from"), "message.from")
    kind = text(message.get("type"), "message.type") or "text"
    if kind in _NOT_FOR_THE_CENTRE:
        b.skipped.append(f"{key}: {kind}")
        return
    body = _body(kind, message)
    files: tuple[IncomingFile, ...] = ()
    if kind in _MEDIA:
        media = obj(message.get(kind), f"message.{kind}")
        media_id = ident(media.get("id"), f"{kind}.id")
        declared = text(media.get("mime_type"), f"{kind}.mime_type")
        name = text(media.get("filename"), f"{kind}.filename") or kind + (
            mimetypes.guess_extension(declared.split(";")[0].strip()) or ""
        )
        files = (to_fetch(name, declared, f"{MEDIA_SOURCE}{media_id}"),)
    if not body:
        b.skipped.append(f"{key}: nothing to read ({kind})")
        return
    context = message.get("context")
    answered = obj(context, "context").get("id") if context else None
    phone = whatsapp_number(sender)
    b.messages.append(
        Inbound(
            channel=Channel.WHATSAPP,
            key=key,
            sender_display=names.get(sender, ""),
            sender_address=sender,
            identity=(IdentityKind.WHATSAPP, phone) if phone else None,
            subject="",
            body_text=body,
            written_at=instant(message.get("timestamp"), "message.timestamp"),
            thread_keys=(ident(answered, "context.id"),) if answered else (),
            team=team,
            files=files,
        )
    )


def _body(kind: str, message: dict[str, Any]) -> str:
    part = obj(message.get(kind) or {}, f"message.{kind}")
    if kind == "text":
        return text(part.get("body"), "text.body")
    if kind in _MEDIA:
        name = text(part.get("filename"), f"{kind}.filename")
        caption = text(part.get("caption"), f"{kind}.caption")
        return "\n".join(filter(None, [caption, attachment_line(kind, name)]))
    if kind == "button":
        return text(part.get("text"), "button.text")
    if kind == "interactive":
        for name in ("button_reply", "list_reply", "nfm_reply"):
            if name in part:
                reply = obj(part[name], f"interactive.{name}")
                return text(reply.get("title") or reply.get("body"), f"{name}.title")
        return ""
    if kind == "location":
        where = ", ".join(
            str(part[k]) for k in ("name", "address", "latitude", "longitude") if part.get(k)
        )
        return attachment_line("location", where)
    if kind == "contacts":
        return attachment_line("contact card")
    if kind == "order":
        return attachment_line("order", text(part.get("text"), "order.text"))
    return attachment_line(kind)


def _status(status: dict[str, Any], b: Batch) -> None:
    key = ident(status.get("id"), "status.id")
    state = text(status.get("status"), "status.status")
    if state in ("delivered", "read"):
        b.statuses.append(Status(Channel.WHATSAPP, state, (key,)))
    elif state == "failed":
        errors = "; ".join(_error(e) for e in items(status.get("errors"), "status.errors"))
        reason = f"rejected: {errors or 'the platform gave no reason'}"
        b.statuses.append(Status(Channel.WHATSAPP, "failed", (key,), reason=reason))
    elif state not in ("sent", "deleted", "warning"):
        raise Malformed(f"status.status {state!r} is none of WhatsApp's")


def _error(raw: Any) -> str:
    error = obj(raw, "error")
    data = obj(error.get("error_data") or {}, "error.error_data")
    words = [
        str(error.get("code") or ""),
        text(error.get("title"), "error.title") or text(error.get("message"), "error.message"),
        text(data.get("details"), "error_data.details"),
    ]
    return " ".join(w for w in words if w)
