"""Runs the sync engine on a thread of its own and tells the window how it goes.

One cycle a second while the centre answers (that is what brings another workstation's change to
the screen within two seconds); after a failure, waits longer each time (``app.sync.engine
.backoff``) and tries again by itself. A write by the advisor wakes it at once. The thread never
touches Qt: it queues what it has to say, and the controller's timer emits it on the GUI thread.
"""

import atexit
import logging
import queue
import threading
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from app.clock import utcnow
from app.errors import LoginRefused, RelaisError
from app.sync import state
from app.sync.engine import SyncEngine, backoff
from app.sync.handshake import SchemaMismatch
from app.sync.wake import Listener

log = logging.getLogger(__name__)

INTERVAL = 1.0  # seconds between cycles while online
NEWS_EVERY_MS = 200  # how often the GUI thread collects what the sync thread reported


@dataclass(frozen=True)
class SyncView:
    """What the status bar and the banner show."""

    online: bool
    since: datetime | None  # offline since
    pending: int
    refused: int
    error: RelaisError | None = None
    retry_in: float = 0.0

    @property
    def needs_attention(self) -> bool:
        """Waiting will not fix it: a refused login, or a schema to upgrade."""
        return isinstance(self.error, LoginRefused | SchemaMismatch)


class _Threads:
    """Every sync thread of the process, so that none is still syncing while Python shuts down
    (a daemon thread inside the database driver at that moment takes the process with it)."""

    def __init__(self) -> None:
        self._threads: list[tuple[threading.Thread, threading.Event, threading.Event]] = []
        atexit.register(self.stop_all)

    def add(self, thread: threading.Thread, stop: threading.Event, wake: threading.Event) -> None:
        self._threads = [t for t in self._threads if t[0].is_alive() or not t[0].ident]
        self._threads.append((thread, stop, wake))

    def stop_all(self, timeout: float = 6.0) -> None:
        for _thread, stop, wake in self._threads:
            stop.set()
            wake.set()
        for thread, _stop, _wake in self._threads:
            if thread.is_alive():
                thread.join(timeout)


_running = _Threads()


class SyncController(QObject):
    """Signals:
    status(SyncView): after every cycle, good or bad.
    pulled(PullReport): rows came from the centre (the window refreshes what shows them).
    """

    status = Signal(object)
    pulled = Signal(object)

    def __init__(self, engine: SyncEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._wake = threading.Event()
        self._stop = threading.Event()
        # The thread never touches Qt: it leaves its news here and a timer of this (GUI-thread)
        # object hands them out. A Python thread emitting Qt signals can deadlock with a window
        # being destroyed (one side holding Qt's connection lock, the other the GIL).
        self._news: queue.SimpleQueue[tuple[str, object]] = queue.SimpleQueue()
        self._timer = QTimer(self)
        self._timer.setInterval(NEWS_EVERY_MS)
        self._timer.timeout.connect(self._deliver)
        wake, stop = self._wake, self._stop

        # Going away with the window stops the thread (no reference to self in the lambda).
        def wake_to_stop(*_: object) -> None:
            stop.set()
            wake.set()

        self.destroyed.connect(wake_to_stop)
        self._thread = threading.Thread(target=self._run, name="relais-sync", daemon=True)
        _running.add(self._thread, stop, wake)
        # Told by the centre when a call rings or a contact arrives: a cycle at once.
        listener = Listener(engine.central, wake.set, stop)
        self.listener = listener if listener.possible else None
        self._listening = threading.Thread(target=listener.run, name="relais-wake", daemon=True)
        if self.listener is not None:
            _running.add(self._listening, stop, wake)

    def start(self) -> None:
        if not self._thread.is_alive():
            self._timer.start()
            self._thread.start()
            if self.listener is not None:
                self._listening.start()

    def _deliver(self) -> None:
        while True:
            try:
                kind, news = self._news.get_nowait()
            except queue.Empty:
                return
            (self.status if kind == "status" else self.pulled).emit(news)

    def sync_now(self) -> None:
        self._wake.set()

    def request_stop(self) -> None:
        """Asks the thread to end after its current cycle (does not wait)."""
        self._stop.set()
        self._wake.set()

    def stop(self, timeout: float = 6.0) -> None:
        self.request_stop()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        failures = 0
        since: datetime | None = None
        woken = False  # this attempt was asked for by the advisor's write, not by the timer
        while not self._stop.is_set():
            error: RelaisError | None = None
            try:
                report = self._engine.cycle()
            except RelaisError as exc:
                error = exc
            except Exception:  # a bug: logged, and the loop goes on (never a dead sync)
                log.exception("Sync cycle failed unexpectedly")
                error = None
                failures += 1
            else:
                failures = 0
                since = None
                if report.pulled.rows:
                    self._news.put(("pulled", report.pulled))
            if error is not None:
                # Only the timer's own attempts lengthen the wait: writes made while offline
                # must not push the next retry further and further away.
                failures = failures if woken and failures else failures + 1
                since = since or utcnow()
            delay = INTERVAL if failures == 0 else backoff(failures)
            if isinstance(error, LoginRefused | SchemaMismatch):
                delay = max(delay, 60.0)  # the same answer each time: do not hammer the centre
            self._news.put(("status", self._view(failures == 0, since, error, delay)))
            woken = self._wake.wait(delay)
            self._wake.clear()

    def _view(
        self, online: bool, since: datetime | None, error: RelaisError | None, delay: float
    ) -> SyncView:
        try:
            with self._engine.local.session() as s:
                counts = state.outbox_counts(s)
        except RelaisError:
            counts = {}
        return SyncView(
            online=online,
            since=since,
            pending=counts.get("pending", 0),
            refused=counts.get("refused", 0),
            error=error,
            retry_in=0.0 if online else delay,
        )
