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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

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
    """Lives on the GUI thread; the worker emits, the queued slot calls back there."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver(self, job: Callable[[], None]) -> None:
        job()


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], reply: Callable[[bool, Any], None]) -> None:
        super().__init__()
        self._fn = fn
        self._reply = reply

    def run(self) -> None:
        try:
            result = self._fn()
        except RelaisError as exc:
            self._reply(False, exc)
        except Exception as exc:
            reference = uuid.uuid4().hex[:8]
            log.exception("Unexpected error in background work (reference %s)", reference)
            self._reply(False, Bug(reference, f"{type(exc).__name__}: {exc}"))
        else:
            self._reply(True, result)


class Runner(QObject):
    """Submits work to the reader pool or the single writer and tracks what is in flight.

    Signals:
        busy_changed(int): how many operations are running or waiting.
        error(object): an error no caller handled (a ``RelaisError`` or a ``Bug``).
    """

    busy_changed = Signal(int)
    error = Signal(object)

    def __init__(self, parent: QObject | None = None, readers: int = 3) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._latest: dict[str, int] = {}
        self._counter = itertools.count(1)
        self._pending = 0
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
        self._submit(self._readers, fn, on_done, on_error, owner, key)

    def write(
        self,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        self._submit(self._writer, fn, on_done, on_error, owner, None)

    @property
    def pending(self) -> int:
        return self._pending

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """For shutdown and tests: lets queued writes finish (drafts, closes) before exit."""
        return self._writer.waitForDone(msecs) and self._readers.waitForDone(msecs)

    def _submit(
        self,
        pool: QThreadPool,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError | None,
        owner: QObject | None,
        key: str | None,
    ) -> None:
        ticket = next(self._counter)
        if key is not None:
            self._latest[key] = ticket
        self._pending += 1
        self.busy_changed.emit(self._pending)
        started = time.perf_counter()

        def reply(ok: bool, value: Any) -> None:
            # Runs on the worker thread: only hands a closure to the GUI thread.
            self._relay.finished.emit(
                lambda: self._complete(ok, value, on_done, on_error, owner, key, ticket, started)
            )

        pool.start(_Task(fn, reply))

    def _complete(
        self,
        ok: bool,
        value: Any,
        on_done: OnDone,
        on_error: OnError | None,
        owner: QObject | None,
        key: str | None,
        ticket: int,
        started: float,
    ) -> None:
        self._pending -= 1
        self.busy_changed.emit(self._pending)
        self.slowest_ms = max(self.slowest_ms, (time.perf_counter() - started) * 1000)
        if key is not None and self._latest.get(key) != ticket:
            return  # superseded by a newer request with the same key
        if owner is not None and not shiboken6.isValid(owner):
            return  # the widget that asked is gone
        if ok:
            on_done(value)
        elif on_error is not None:
            on_error(value)
        else:
            self.error.emit(value)
