"""What the GUI thread does, measured so that the machine's load does not change the answer.

A wall-clock gap of the event loop measures the machine as much as the program: on a busy
two-core machine the GUI thread waits for a core, and the same run shows a gap three times as
long. The default test run therefore asks two questions whose answers do not depend on the
load, and leaves wall-clock stalls to the benchmarks (``tests/benchmarks``), which measure an
idle event loop in the same run:

* ``GuiThreadWatch``: did any SQL statement, file or socket run on the GUI thread? (Waiting on
  a database, a file or the network is what freezes a window; none of it may happen there.)
* ``GuiCpuMeter``: how much CPU did the GUI thread spend on its costliest event? It is read
  from the thread's own clock (``time.thread_time``), which leaves out the time the thread
  waited for a core or for the GIL. It still grows on a loaded machine (cold caches: this
  project's two-core machine has measured three times as much under load), so it is judged
  only against a baseline measured in the same test, which grows with it.
"""

import sys
import threading
import time
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from sqlalchemy import Engine, event

# Audit events that mean the calling thread touches a file or the network.
_IO_EVENTS = ("open", "os.listdir", "os.scandir", "sqlite3.connect", "socket.connect")
_watches: list["GuiThreadWatch"] = []


def _audit(name: str, args: tuple[Any, ...]) -> None:
    if not _watches or threading.current_thread() is not threading.main_thread():
        return
    if name in _IO_EVENTS or name.startswith("socket.send"):
        for watch in _watches:
            if watch.io_watched:
                watch.io.append(f"{name} {args[0] if args else ''}")


# An audit hook cannot be removed: one for the whole session, idle unless a watch is active.
sys.addaudithook(_audit)


class GuiThreadWatch:
    """Records every SQL statement the given engines run on the GUI thread (a SQLAlchemy
    ``before_cursor_execute`` listener that looks at ``threading.current_thread()``) and, while
    ``io_watched``, every file opened and socket used there (Python's audit events)."""

    def __init__(self, engines: Iterable[Engine], io_watched: bool = True) -> None:
        self._engines = list(engines)
        self.io_watched = io_watched
        self.statements: list[str] = []
        self.io: list[str] = []
        self.elsewhere = 0  # statements run by other threads meanwhile: proof the work ran

    def _before(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            self.statements.append(statement)
        else:
            self.elsewhere += 1

    def __enter__(self) -> "GuiThreadWatch":
        for engine in self._engines:
            event.listen(engine, "before_cursor_execute", self._before)
        _watches.append(self)
        return self

    def __exit__(
        self,
        _kind: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        _watches.remove(self)
        for engine in self._engines:
            event.remove(engine, "before_cursor_execute", self._before)


class GuiCpuMeter(QObject):
    """Measures, for each event the GUI thread handles (a queued signal's slot, a paint, a
    timer, a layout request...), the CPU time the thread spent on it, read from the thread's
    own clock (``time.thread_time``) by an application-wide event filter: the time between the
    start of one event and the start of the next is the first one's cost, whatever ran inside
    it (slots called directly, Python and C++ alike). An event sent from inside another splits
    that one's time in two; a long computation sends none and stays whole.

    A precise 2 ms timer also reads the wall clock between two turns of the event loop: its
    longest gap is what an advisor would feel, and depends on the machine's load — printed,
    not judged.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(2)
        self._timer.timeout.connect(self._tick)
        self._cpu = self._wall = 0.0
        self._current = ""
        self.longest_ms = self.longest_wall_ms = self.total_ms = 0.0
        self.costliest = ""  # the event that cost ``longest_ms``: receiver and event type
        self.events = 0

    def start(self) -> None:
        self.longest_ms = self.longest_wall_ms = self.total_ms = 0.0
        self.costliest, self.events, self._current = "", 0, ""
        self._cpu, self._wall = time.thread_time(), time.perf_counter()
        QCoreApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        QCoreApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
        self._close(time.thread_time(), "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self._close(time.thread_time(), f"{type(watched).__name__} {event.type().name}")
        return False

    def _close(self, now: float, starting: str) -> None:
        spent = (now - self._cpu) * 1000
        if spent > self.longest_ms:
            self.longest_ms, self.costliest = spent, self._current
        self.total_ms += spent
        self.events += 1
        self._cpu, self._current = now, starting

    def _tick(self) -> None:
        wall = time.perf_counter()
        self.longest_wall_ms = max(self.longest_wall_ms, (wall - self._wall) * 1000)
        self._wall = wall
