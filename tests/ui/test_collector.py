"""Garbage that holds a QObject is collected on the GUI thread, whichever thread made the
collection due."""

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from ui.common.collector import Collector


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.obj = QObject()


def test_a_worker_never_collects_and_the_gui_thread_does(qapp, gui_thread_collector: Collector):
    assert not gc.isenabled()
    collected_on: list[threading.Thread] = []
    cycle = _Cycle()
    watch = weakref.ref(cycle, lambda _: collected_on.append(threading.current_thread()))
    del cycle

    kept: list[list] = []

    def allocate() -> None:  # far past the youngest generation's threshold
        kept.extend([] for _ in range(gc.get_threshold()[0] * 20))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert collected_on == []  # the worker made a collection due, and did not run it

    assert gui_thread_collector.collect_due() is not None
    assert collected_on == [threading.main_thread()]
    assert watch() is None


def test_paused_it_collects_nothing(qapp):
    collector = Collector(paused=True)
    try:
        kept = [[] for _ in range(gc.get_threshold()[0] * 2)]
        assert collector.collect_due() is None
        collector.paused = False
        assert collector.collect_due() is not None
        del kept
    finally:
        collector.deleteLater()
