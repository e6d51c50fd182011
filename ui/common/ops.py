"""Running core work off the GUI thread and bringing the answer back to it.

Every database, network or file call the interface makes goes through ``Runner``, in one of three
lanes, chosen at each call site by the method called:

- ``read``: reads of this workstation's copy, in a small pool;
- ``write``: writes to the copy (drafts, notes, replies, closes, customer edits — the sync thread
  sends them later), in a single worker so they never interleave and keep the advisor's order;
- ``centre`` and ``claim``: calls that may wait on the network for the central database
  (customer fetches, centre search; claims). A dropped or frozen network can hold such a call
  for seconds or minutes, so they never run in the writer or the reader pool: the advisor's notes
  and closes and the queue's pages go on meanwhile. Claims run one at a time, in order, in a
  worker of their own — two at once would hand the advisor two contacts — and a hung claim does
  not hold up a customer fetch.

The callable runs in the worker and must not touch widgets; its result (or error) is delivered on
the GUI thread through a queued signal. A request made with a ``key`` supersedes older ones with
the same key: a stale answer (an older search, a contact the advisor already left) is dropped,
and a superseded request that has not started yet is not run at all (no round trip to a slow
centre for a search the advisor typed past). Claims take no key: a claim the centre granted is
the advisor's whatever screen they are on (the service has mirrored it into the copy), so its
answer is always delivered.
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

    def __init__(
        self,
        fn: Callable[[], Any],
        ticket: int,
        relay: _Relay,
        wanted: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._ticket = ticket
        self._relay = relay
        self._wanted = wanted

    def run(self) -> None:
        fn, self._fn = self._fn, None
        assert fn is not None
        if self._wanted is not None and not self._wanted():
            # Superseded while it waited for a worker: its answer would be dropped anyway.
            self._relay.finished.emit(self._ticket, False, _SKIPPED)
            return
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


_SKIPPED = object()  # the answer of a superseded request that never ran

READ, WRITE, CENTRE, CLAIM = "read", "write", "centre", "claim"


@dataclass
class _Pending:
    on_done: OnDone
    on_error: OnError | None
    owner: weakref.ref[QObject] | None
    key: str | None
    started: float
    lane: str = READ


class Runner(QObject):
    """Submits work to its lane (see the module's docstring) and tracks what is in flight.

    Signals:
        busy_changed(int): how many operations are running or waiting.
        error(object): an error no caller handled (a ``RelaisError`` or a ``Bug``).
        written(): a write finished (successfully or not), before its own callback.
    """

    busy_changed = Signal(int)
    error = Signal(object)
    written = Signal()

    CENTRE_WORKERS = 3
    """Centre calls running at once besides a claim. Opening a customer the copy does not hold
    takes two (the profile fetches them, the history waits for that fetch), and a search on the
    centre may run beside it."""

    def __init__(
        self, parent: QObject | None = None, readers: int = 3, centre: int = CENTRE_WORKERS
    ) -> None:
        super().__init__(parent)
        self._relay = _Relay(self._arrived)
        # Answers are handed to their callbacks one per turn of the event loop, so several
        # arriving together (a queue page, a contact, a history) never add up to one long stall:
        # paints and input run between them.
        self._inbox: deque[tuple[int, bool, Any]] = deque()
        self._closed = False
        self._drain = QTimer(self)
        self._drain.setSingleShot(True)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._deliver_one)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._centre = QThreadPool(self)
        self._centre.setMaxThreadCount(centre)
        self._claims = QThreadPool(self)
        self._claims.setMaxThreadCount(1)
        self._pools = {
            READ: self._readers,
            WRITE: self._writer,
            CENTRE: self._centre,
            CLAIM: self._claims,
        }
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
        """A read of this workstation's copy."""
        self._submit(fn, _Pending(on_done, on_error, _ref(owner), key, 0.0, READ))

    def write(
        self,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """A write to this workstation's copy, after every write submitted before it."""
        self._submit(fn, _Pending(on_done, on_error, _ref(owner), None, 0.0, WRITE))

    def centre(
        self,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
        key: str | None = None,
    ) -> None:
        """A call that may wait on the central database (a customer fetched from it, a search
        there). It may take as long as the network does; nothing local waits for it."""
        self._submit(fn, _Pending(on_done, on_error, _ref(owner), key, 0.0, CENTRE))

    def claim(
        self,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """A claim on the centre (next contact, take one): one at a time, in order, off the
        writer and the readers. No key: a granted claim is always delivered, and ``on_done``
        must cope with an advisor who moved on meanwhile."""
        self._submit(fn, _Pending(on_done, on_error, _ref(owner), None, 0.0, CLAIM))

    @property
    def pending(self) -> int:
        return len(self._waiting)

    @property
    def claiming(self) -> int:
        """Claims submitted and not answered yet."""
        return sum(p.lane == CLAIM for p in self._waiting.values())

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """For shutdown and tests: lets queued writes finish (drafts, closes) before exit, then
        what reads and centre calls are still running, each lane for at most ``msecs``."""
        done = [self._pools[lane].waitForDone(msecs) for lane in (WRITE, READ, CENTRE, CLAIM)]
        return all(done)

    def close(self) -> None:
        """For shutdown: lets what was asked finish, then runs nothing more (a signal still
        queued when the window closes must not reach a workspace already closed)."""
        self.wait_idle()
        self._closed = True

    def _submit(self, fn: Callable[[], Any], pending: _Pending) -> None:
        if self._closed:
            log.debug("Dropped work asked after the runner closed: %s", fn)
            return
        ticket = next(self._counter)
        wanted: Callable[[], bool] | None = None
        if pending.key is not None:
            key, latest = pending.key, self._latest
            latest[key] = ticket

            def still_latest() -> bool:  # asked from the worker, just before running
                return latest.get(key) == ticket

            wanted = still_latest
        pending.started = time.perf_counter()
        self._waiting[ticket] = pending
        self.busy_changed.emit(len(self._waiting))
        self._pools[pending.lane].start(_Task(fn, ticket, self._relay, wanted))

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
        if pending.lane == WRITE:
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
