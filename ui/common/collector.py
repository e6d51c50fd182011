"""Python's cyclic garbage collector, run on the GUI thread only.

CPython collects in whichever thread happens to allocate when a generation's count passes its
threshold. Here that is often a worker (a queue page, a sync pass), and a cycle it frees may hold
a QObject: a closed dialog, a model, a ``Runner``. A QObject destroyed off its own thread races
the GUI thread's use of it and takes the program down: a reader thread collected an old runner,
whose thread pools were torn down there while the GUI thread walked the object tree (a
segmentation fault in CI). So automatic collection is off, and a timer on the GUI thread runs
the generations whose counts passed their thresholds, as CPython itself would have.
"""

import gc

from PySide6.QtCore import QObject, QTimer


class Collector(QObject):
    """Collects on the GUI thread, a few times a second, what is due.

    ``paused`` holds collection while start-up builds the objects that live all day (see
    ``ui.entry``); any thread may clear it, the next tick on the GUI thread collects.
    """

    INTERVAL_MS = 250

    def __init__(self, parent: QObject | None = None, *, paused: bool = False) -> None:
        super().__init__(parent)
        self.paused = paused
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int | None:
        """Collects the oldest generation whose count passed its threshold; which one, or None.

        Must run on the GUI thread: that is the point of this class."""
        if self.paused:
            return None
        counts = zip(gc.get_count(), self._thresholds, strict=True)
        due = [generation for generation, (count, limit) in enumerate(counts) if count > limit]
        if not due:
            return None
        gc.collect(due[-1])
        return due[-1]
