"""Messenger and Instagram webhook requests (Meta's Messenger Platform format, the same for
both): ``{"object": "page" | "instagram", "entry": [{"id", "time", "messaging": [event…]}]}``.

An event is a customer's message (``message``, with ``mid``, ``text``, ``attachments``,
``reply_to``), a button they pressed (``postback``), or a report on the page's replies:
``delivery`` (the ids delivered, or a watermark) and ``read`` (a watermark in milliseconds on
Messenger, the id read on Instagram). A ``message`` with ``is_echo`` is the page's own reply
sent back: never a customer's message. The customer is known by their page-scoped id only
(a PSID, an IGSID): that id is their identity on the platform, and where replies go.
"""

import dataclasses
from typing import Any

from app.enums import Channel, IdentityKind
from app.ingest.attachments import to_fetch
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

_MEDIA = ("image", "video", "audio", "file")
_OBJECT = {Channel.FACEBOOK: "page", Channel.INSTAGRAM: "instagram"}
_KIND = {Channel.FACEBOOK: IdentityKind.FACEBOOK, Channel.INSTAGRAM: IdentityKind.INSTAGRAM}
_OTHER_EVENTS = (
    "optin",
    "referral",
    "reaction",
    "message_edit",
    "account_linking",
    "pass_thread_control",
)


def messenger(data: Any, team: str | None) -> Batch:
    return _read(Channel.FACEBOOK, data, team)


def instagram(data: Any, team: str | None) -> Batch:
    return _read(Channel.INSTAGRAM, data, team)


def _read(channel: Channel, data: Any, team: str | None) -> Batch:
    body = obj(data, "the request")
    if body.get("object") != _OBJECT[channel]:
        raise Malformed(f'"object" is {body.get("object")!r}, not "{_OBJECT[channel]}"')
    batch = Batch()
    for i, raw_entry in enumerate(items(body.get("entry"), "entry", optional=False)):
        entry = obj(raw_entry, f"entry[{i}]")
        page = ident(entry.get("id"), f"entry[{i}].id")
        for j, raw_event in enumerate(items(entry.get("messaging"), f"entry[{i}].messaging")):
            _event(channel, page, obj(raw_event, f"entry[{i}].messaging[{j}]"), team, batch)
        for name in ("changes", "standby"):
            if entry.get(name):
                batch.skipped.append(f"entry[{i}].{name} (comments, hand-over)")
    return batch


def _event(
    channel: Channel, page: str, event: dict[str, Any], team: str | None, batch: Batch
) -> None:
    sender = ident(obj(event.get("sender"), "sender").get("id"), "sender.id")
    at = instant(event.get("timestamp"), "timestamp")
    if "message" in event:
        message = obj(event["message"], "message")
        mid = ident(message.get("mid"), "message.mid")
        if message.get("is_echo") or sender == page:
            batch.skipped.append(f"{mid}: the page's own message")
            return
        if message.get("is_deleted") or message.get("is_unsupported"):
            batch.skipped.append(f"{mid}: deleted or unsupported")
            return
        lines = [text(message.get("text"), "message.text")]
        files = []
        for k, raw in enumerate(items(message.get("attachments"), "message.attachments")):
            attachment = obj(raw, f"message.attachments[{k}]")
            payload = obj(attachment.get("payload") or {}, f"message.attachments[{k}].payload")
            kind = text(attachment.get("type"), f"message.attachments[{k}].type")
            title = text(payload.get("title"), "payload.title")
            lines.append(attachment_line(kind, title))
            url = text(payload.get("url"), "payload.url")
            if url and kind in _MEDIA:  # a fallback's or a template's URL is a link, not a file
                files.append(to_fetch(title or kind, "", url))
        replying = message.get("reply_to")
        thread = (ident(obj(replying, "reply_to").get("mid"), "reply_to.mid"),) if replying else ()
        body = "\n".join(line for line in lines if line)
        if not body:
            batch.skipped.append(f"{mid}: nothing to read")
            return
        found = _inbound(channel, mid, sender, body, at, thread, team)
        batch.messages.append(dataclasses.replace(found, files=tuple(files)))
    elif "postback" in event:
        postback = obj(event["postback"], "postback")
        title = text(postback.get("title"), "postback.title") or text(
            postback.get("payload"), "postback.payload"
        )
        key = postback.get("mid") or f"postback:{sender}:{event.get('timestamp')}"
        batch.messages.append(
            _inbound(channel, ident(key, "postback.mid"), sender, title, at, (), team)
        )
    elif "delivery" in event:
        delivery = obj(event["delivery"], "delivery")
        mids = tuple(ident(m, "delivery.mids[]") for m in items(delivery.get("mids"), "mids"))
        if mids:
            batch.statuses.append(Status(channel, "delivered", mids))
        else:
            until = instant(delivery.get("watermark"), "delivery.watermark")
            batch.statuses.append(Status(channel, "delivered", recipient=sender, until=until))
    elif "read" in event:
        read = obj(event["read"], "read")
        if read.get("mid"):
            batch.statuses.append(Status(channel, "read", (ident(read["mid"], "read.mid"),)))
        else:
            until = instant(read.get("watermark"), "read.watermark")
            batch.statuses.append(Status(channel, "read", recipient=sender, until=until))
    else:
        kinds = [name for name in _OTHER_EVENTS if name in event] or sorted(
            set(event) - {"sender", "recipient", "timestamp"}
        )
        batch.skipped.append(f"{sender}: {', '.join(kinds) or 'an empty event'}")


def _inbound(
    channel: Channel,
    key: str,
    sender: str,
    body: str,
    at: Any,
    thread: tuple[str, ...],
    team: str | None,
) -> Inbound:
    return Inbound(
        channel=channel,
        key=key,
        sender_display="",
        sender_address=sender,
        identity=(_KIND[channel], sender),
        subject="",
        body_text=body,
        written_at=at,
        thread_keys=thread,
        team=team,
    )
