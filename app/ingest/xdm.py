"""X direct messages, as the Account Activity API posts them: ``{"for_user_id",
"direct_message_events": [{"type": "message_create", "id", "created_timestamp",
"message_create": {"sender_id", "target": {"recipient_id"}, "message_data": {"text",
"attachment"}}}], "users": {id: {"name", "screen_name"}}, "direct_message_mark_read_events"}``.

Ids are read from their text (they exceed 2^53; a ``…_str`` form is preferred where one is
given); timestamps are milliseconds, as text. An event sent by the account itself
(``sender_id`` is ``for_user_id``) is the centre's own reply: never a customer's message. The
customer's identity is their handle when the request names it (handles are how advisors know
them), their id otherwise; replies go to the id, which never changes.
"""

import re
from datetime import UTC, datetime
from typing import Any

from app.enums import Channel, IdentityKind
from app.identities import normalise_handle
from app.ingest.attachments import to_fetch
from app.ingest.events import (
    Batch,
    Status,
    attachment_line,
    ident,
    instant,
    items,
    obj,
    text,
)
from app.ingest.inbound import Inbound

TWITTER_EPOCH_MS = 1288834974657
"""A snowflake id holds its time: milliseconds since this, shifted left by 22 bits."""
_OTHER_EVENTS = (
    "tweet_create_events",
    "favorite_events",
    "follow_events",
    "unfollow_events",
    "block_events",
    "mute_events",
    "direct_message_indicate_typing_events",
    "tweet_delete_events",
)


def read(data: Any, team: str | None) -> Batch:
    body = obj(data, "the request")
    account = x_id(body, "for_user_id")
    users = obj(body.get("users") or {}, "users")
    batch = Batch()
    for i, raw in enumerate(items(body.get("direct_message_events"), "direct_message_events")):
        _message(obj(raw, f"direct_message_events[{i}]"), account, users, team, batch)
    marks = items(body.get("direct_message_mark_read_events"), "direct_message_mark_read_events")
    for i, raw in enumerate(marks):
        mark = obj(raw, f"direct_message_mark_read_events[{i}]")
        reader = x_id(mark, "sender_id")
        if reader == account:
            continue  # the centre's own account read the customer's messages
        last = mark.get("last_read_event_id") or mark.get("last_read_event_id_str")
        until = snowflake_time(ident(last, "last_read_event_id")) if last else None
        until = until or instant(mark.get("created_timestamp"), "created_timestamp")
        batch.statuses.append(Status(Channel.X, "read", recipient=reader, until=until))
    for name in _OTHER_EVENTS:
        if body.get(name):
            batch.skipped.append(f"{len(items(body[name], name))} {name}")
    return batch


def _message(
    event: dict[str, Any], account: str, users: dict[str, Any], team: str | None, b: Batch
) -> None:
    key = x_id(event, "id")
    if event.get("type") != "message_create":
        b.skipped.append(f"{key}: {event.get('type')!r}")
        return
    created = obj(event.get("message_create"), "message_create")
    sender = x_id(created, "sender_id")
    if sender == account:
        b.skipped.append(f"{key}: the account's own message")
        return
    data = obj(created.get("message_data"), "message_data")
    lines = [text(data.get("text"), "message_data.text")]
    files = []
    if data.get("attachment"):
        attachment = obj(data["attachment"], "message_data.attachment")
        media = obj(attachment.get("media") or {}, "attachment.media")
        kind = text(media.get("type"), "media.type") or "media"
        lines.append(attachment_line(kind))
        url = text(media.get("media_url_https"), "media.media_url_https")
        if url:
            files.append(to_fetch(url.rsplit("/", 1)[-1] or kind, "", url))
    user = obj(users.get(sender) or {}, f"users[{sender}]")
    handle = normalise_handle(text(user.get("screen_name"), "screen_name"))
    b.messages.append(
        Inbound(
            channel=Channel.X,
            key=key,
            sender_display=x_display(text(user.get("name"), "name"), handle),
            sender_address=sender,
            identity=(IdentityKind.X, handle or sender),
            subject="",
            body_text="\n".join(line for line in lines if line),
            written_at=instant(event.get("created_timestamp"), "created_timestamp"),
            team=team,
            files=tuple(files),
        )
    )


def x_display(name: str, handle: str) -> str:
    """How the advisor reads an X sender: ``Élodie M. (@elodie_m)``. The handle is kept in it
    because the contact holds no other trace of it: linking the contact to a customer then
    remembers both the handle (what arrivals are matched by) and the id (which never changes,
    while a handle may); see ``handle_in``."""
    if not handle:
        return name
    return f"{name} (@{handle})" if name else f"@{handle}"


def handle_in(display: str) -> str | None:
    """The handle an X sender's display ends with (``x_display``), or None."""
    found = _DISPLAYED_HANDLE.search(display or "")
    return normalise_handle(found.group(1)) if found else None


_DISPLAYED_HANDLE = re.compile(r"(?:^|\()@([A-Za-z0-9_]{1,64})\)?$")


def x_id(holder: dict[str, Any], name: str) -> str:
    """The id ``name`` of ``holder``, from its text form ``name_str`` when there is one."""
    value = holder.get(f"{name}_str", holder.get(name))
    return ident(value, name)


def snowflake_time(key: str) -> datetime | None:
    if not key.isdigit():
        return None
    return datetime.fromtimestamp(((int(key) >> 22) + TWITTER_EPOCH_MS) / 1000, UTC)
