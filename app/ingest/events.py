"""What a platform's webhook request holds once read (``Batch``: messages, delivery reports,
what was skipped), and the typed reading of its JSON that every platform's reader uses: a value
of the wrong type is ``Malformed``, with where it is."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.enums import Channel
from app.ingest.inbound import Inbound

MAX_TEXT = 100_000
_MS_FROM = 100_000_000_000  # a Unix time above this is in milliseconds (year 5138 in seconds)


@dataclass(frozen=True)
class Status:
    """What a platform says of replies it took from the centre."""

    channel: Channel
    state: str
    """delivered, read or failed."""
    external_ids: tuple[str, ...] = ()
    """The platform's ids of the replies it concerns; empty for a watermark."""
    recipient: str | None = None
    """For a watermark: the customer's id on the platform; every reply to them sent until
    ``until`` is concerned."""
    until: datetime | None = None
    reason: str = ""


@dataclass
class Batch:
    messages: list[Inbound] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


class Malformed(ValueError):
    """The request is not in the platform's documented shape; says where."""


def obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Malformed(f"{where} is not an object")
    return value


def items(value: Any, where: str, optional: bool = True) -> list[Any]:
    if value is None and optional:
        return []
    if not isinstance(value, list):
        raise Malformed(f"{where} is not a list")
    return value


def text(value: Any, where: str, optional: bool = True) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise Malformed(f"{where} is not text")
    return value[:MAX_TEXT]


def ident(value: Any, where: str) -> str:
    """An id in its exact form: text as given, a whole number written out (X's exceed 2^53, so
    a number read as a double would be another id: refused)."""
    if isinstance(value, str) and 0 < len(value) <= 200 and value.isprintable():
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    raise Malformed(f"{where} is not an id")


def instant(value: Any, where: str) -> datetime | None:
    """A Unix time in seconds or milliseconds (told apart by size), as text or a number."""
    if value is None:
        return None
    try:
        number = float(value) if not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not 0 <= number < 10**14:
        raise Malformed(f"{where} is not a Unix time")
    seconds = number / 1000 if number >= _MS_FROM else number
    return datetime.fromtimestamp(seconds, UTC)


def attachment_line(kind: str, name: str = "") -> str:
    """How an attachment the platform holds shows in the message's text."""
    label = kind.strip().lower() or "file"
    return f"[{label}: {name}]" if name else f"[{label}]"
