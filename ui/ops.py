"""Running core work off the GUI thread and bringing the answer back to it.

Every database, network or file call the interface makes goes through ``Runner``: reads run in a
small pool, writes in a single worker so they never interleave and keep the advisor's order. The
callable runs in the worker and must not touch widgets; its result (or error) is delivered on the
GUI thread through a queued signal. A request made with a ``key`` supersedes older ones with the
same key: a stale answer (an older search, a contact the advisor already left) is dropped.
"""

import itertools
import logging
import time
import uuid
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

from app.errors import RelaisError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Bug:
    """An unexpected error: the user gets an apology and this reference, the log the rest."""

    reference: str
    summary: str


OnDone = Callable[[Any], None]
OnError = Callable[[RelaisError | Bug], None]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the queued slot answers there."""

    finished = Signal(int, bool, object)

    def __init__(self, deliver: Callable[[int, bool, object], None]) -> None:
        super().__init__()
        self._deliver_to = deliver
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int, bool, object)
    def _deliver(self, ticket: int, ok: bool, value: object) -> None:
        self._deliver_to(ticket, ok, value)


class _Task(QRunnable):
    """Holds only the callable and a ticket: callbacks and the widgets behind them stay on the
    GUI thread, so no widget is ever released (and destroyed) by a worker thread."""

    def __init__(self, fn: Callable[[], Any], ticket: int, relay: _Relay) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._ticket = ticket
        self._relay = relay

    def run(self) -> None:
        fn, self._fn = self._fn, None
        assert fn is not None
        try:
            result = fn()
        except RelaisError as exc:
            self._relay.finished.emit(self._ticket, False, exc)
        except Exception as exc:
            reference = uuid.uuid4().hex[:8]
            log.exception("Unexpected error in background work (reference %s)", reference)
            self._relay.finished.emit(
                self._ticket, False, Bug(reference, f"{type(exc).__name__}: {exc}")
            )
        else:
            self._relay.finished.emit(self._ticket, True, result)


@dataclass
class _Pending:
    on_done: OnDone
    on_error: OnError | None
    owner: weakref.ref[QObject] | None
    key: str | None
    started: float
    write: bool = False


class Runner(QObject):
    """Submits work to the reader pool or the single writer and tracks what is in flight.

    Signals:
        busy_changed(int): how many operations are running or waiting.
        error(object): an error no caller handled (a ``RelaisError`` or a ``Bug``).
        written(): a write finished (successfully or not), before its own callback.
    """

    busy_changed = Signal(int)
    error = Signal(object)
    written = Signal()

    def __init__(self, parent: QObject | None = None, readers: int = 3) -> None:
        super().__init__(parent)
        self._relay = _Relay(self._arrived)
        # Answers are handed to their callbacks one per turn of the event loop, so several
        # arriving together (a queue page, a contact, a history) never add up to one long stall:
        # paints and input run between them.
        self._inbox: deque[tuple[int, bool, Any]] = deque()
        self._drain = QTimer(self)
        self._drain.setSingleShot(True)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._deliver_one)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._latest: dict[str, int] = {}
        self._waiting: dict[int, _Pending] = {}
        self._counter = itertools.count(1)
        self.slowest_ms = 0.0

    def read(
        self,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
        key: str | None = None,
    ) -> None:
        self._submit(self._readers, fn, _Pending(on_done, on_error, _ref(owner), key, 0.0))

    def write(
        self,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        self._submit(
            self._writer, fn, _Pending(on_done, on_error, _ref(owner), None, 0.0, write=True)
        )

    @property
    def pending(self) -> int:
        return len(self._waiting)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """For shutdown and tests: lets queued writes finish (drafts, closes) before exit."""
        return self._writer.waitForDone(msecs) and self._readers.waitForDone(msecs)

    def _submit(self, pool: QThreadPool, fn: Callable[[], Any], pending: _Pending) -> None:
        ticket = next(self._counter)
        if pending.key is not None:
            self._latest[pending.key] = ticket
        pending.started = time.perf_counter()
        self._waiting[ticket] = pending
        self.busy_changed.emit(len(self._waiting))
        pool.start(_Task(fn, ticket, self._relay))

    def _arrived(self, ticket: int, ok: bool, value: Any) -> None:
        self._inbox.append((ticket, ok, value))
        if not self._drain.isActive():
            self._drain.start()

    def _deliver_one(self) -> None:
        if self._inbox:
            self._complete(*self._inbox.popleft())
        if self._inbox:
            self._drain.start()

    def _complete(self, ticket: int, ok: bool, value: Any) -> None:
        pending = self._waiting.pop(ticket, None)
        if pending is None:
            return
        self.busy_changed.emit(len(self._waiting))
        self.slowest_ms = max(self.slowest_ms, (time.perf_counter() - pending.started) * 1000)
        if pending.write:
            self.written.emit()
        if pending.key is not None and self._latest.get(pending.key) != ticket:
            return  # superseded by a newer request with the same key
        if pending.owner is not None:
            owner = pending.owner()
            if owner is None or not shiboken6.isValid(owner):
                return  # the widget that asked is gone
        if ok:
            pending.on_done(value)
        elif pending.on_error is not None:
            pending.on_error(value)
        else:
            self.error.emit(value)


def _ref(owner: QObject | None) -> weakref.ref[QObject] | None:
    return weakref.ref(owner) if owner is not None else None
