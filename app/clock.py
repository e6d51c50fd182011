"""One place for the current time, in UTC, so tests can reason about it — and the centre's.

A workstation's clock may be off by hours. What the centre orders (a follow-up entering the
queue, a lease running out, the order of a thread) is reckoned by the centre's clock: the
centre stamps it itself, and where the workstation must reckon it too (a follow-up it proposes,
a planned contact it waits to show) it uses ``centre_now``, its own clock corrected by the
offset the sync last measured.
"""

import threading
from datetime import UTC, datetime, timedelta

_offset = timedelta(0)
_lock = threading.Lock()


def utcnow() -> datetime:
    return datetime.now(UTC)


def centre_now() -> datetime:
    """The centre's clock as last measured from this workstation (its own until then)."""
    return utcnow() + _offset


def learn_offset(centre: datetime, asked: datetime, answered: datetime) -> timedelta:
    """Records how far the centre's clock is from this one: ``centre`` read between ``asked``
    and ``answered`` (this workstation's times), taken as read half-way."""
    global _offset
    offset = centre - (asked + (answered - asked) / 2)
    with _lock:
        _offset = offset
    return offset


def offset() -> timedelta:
    return _offset
