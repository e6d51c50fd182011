"""A social platform's webhook request, as the centre receives it: the raw JSON bytes Messenger,
Instagram, WhatsApp or X posted, read into the messages and the delivery reports they hold.

One request often holds several entries and several messages, and the platforms differ in
small ways that matter: timestamps in milliseconds here and seconds there, ids as numbers too
large for a double (X), the page's own replies sent back as echoes. A request is read whole
before anything is stored: one that is not JSON, or whose shape is not the platform's, is
refused with the reason (``InputError``) and nothing of it is stored. Events of kinds the centre
has no use for (a reaction, "typing…", a follow) are listed in ``Batch.skipped`` for the log.

Each platform's format is in its module: ``app.ingest.meta`` (Messenger, Instagram),
``app.ingest.whatsapp``, ``app.ingest.xdm``.
"""

import json
from collections.abc import Callable
from typing import Any

from app.enums import Channel
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.ingest import meta, whatsapp, xdm
from app.ingest.events import Batch, Malformed

MAX_REQUEST_BYTES = 2 * 1024 * 1024
"""A webhook request larger than this is refused (the platforms send a few kilobytes)."""
PLATFORMS: tuple[Channel, ...] = (Channel.FACEBOOK, Channel.INSTAGRAM, Channel.WHATSAPP, Channel.X)

_READERS: dict[Channel, Callable[[Any, str | None], Batch]] = {
    Channel.FACEBOOK: meta.messenger,
    Channel.INSTAGRAM: meta.instagram,
    Channel.WHATSAPP: whatsapp.read,
    Channel.X: xdm.read,
}


def parse(platform: Channel | str, raw: bytes, team: str | None = None) -> Batch:
    """The request read whole; InputError when it cannot be, nothing of it kept."""
    channel = platform_of(platform)
    if len(raw) > MAX_REQUEST_BYTES:
        raise _refused(channel, f"{len(raw)} bytes, more than {MAX_REQUEST_BYTES}")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _refused(channel, f"not JSON ({exc})") from exc
    try:
        return _READERS[channel](data, team)
    except (Malformed, RecursionError) as exc:
        raise _refused(channel, str(exc)) from exc


def platform_of(platform: Channel | str) -> Channel:
    """The platform a name says; InputError when Relais does not receive from it."""
    try:
        channel = Channel(platform)
    except ValueError:
        channel = None
    if channel not in PLATFORMS:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "{platform} is not a platform Relais receives from."),
            QT_TRANSLATE_NOOP("errors", "Say one of: {platforms}."),
            platform=str(platform),
            platforms=", ".join(PLATFORMS),
        )
    assert channel is not None
    return channel


def _refused(channel: Channel, why: str) -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "This is not a {platform} webhook request: {why}."),
        QT_TRANSLATE_NOOP(
            "errors", "Nothing of it was stored. Check that it is whole, as the platform posted it."
        ),
        platform=channel.value,
        why=why,
    )
