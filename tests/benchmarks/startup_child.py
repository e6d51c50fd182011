"""One cold start, run in a fresh interpreter by ``test_startup_bench.py``; prints its marks as
``NAME <unix time>`` lines for the parent to read against the moment it launched the process.

``python startup_child.py bare``: a bare PySide6 ``QMainWindow`` with a 50 × 6 table, 1600 × 900,
prints PAINT at its first paint and quits.

``python startup_child.py relais demo --data-dir DIR --screenshot /dev/null``: the ``relais``
command as an advisor starts it (``ui.entry.main``), with

- PAINT: the first paint of the main window (its loading frame);
- SHOWN: the window with its data painted — the queue's rows, the open contact's thread and the
  customer's history, each stamped at the end of the first paint pass after its data arrived
  (ROWS_QUEUE and ROWS_HISTORY say how many rows were on screen then; the bench fails on 0);
- READY: the window's own ``ready`` signal (data loaded, not necessarily painted), for reference.

``python startup_child.py profile demo …``: the same start, instrumented, also printing where the
time goes (``STEP thread name start end`` lines); a little slower, so never the timed figure.

Nothing is imported ahead of the program: the watch is put on ``ui.application`` (and, for the
profile, on the core) by an import hook, as the program itself imports them, so the program's
own order of imports — and its collector switched off in ``main`` before them — is kept. Event
filters sit on the few widgets watched, never on the whole application: a Python filter on every
event would take the interpreter's lock once per event while the worker imports.
"""

import sys
import time
from collections.abc import Callable
from typing import Any


def say(line: str) -> None:
    """One write per line: the worker and the GUI thread both report."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def mark(name: str, value: object = None) -> None:
    say(f"{name} {time.time() if value is None else value}")


def bare() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                mark("PAINT")
                obj.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
            return False

    app = QApplication(sys.argv)
    window = QMainWindow()
    spy = FirstPaint()
    window.installEventFilter(spy)
    table = QTableWidget(50, 6)
    for r in range(50):
        for c in range(6):
            table.setItem(r, c, QTableWidgetItem(f"cell {r}.{c}"))
    window.setCentralWidget(table)
    window.resize(1600, 900)
    window.show()
    return app.exec()


def after_import(patches: dict[str, Callable[[Any], None]], timed: bool = False) -> None:
    """Calls ``patches[name](module)`` right after the program imports ``name`` (and, when
    ``timed``, prints how long that import took, the modules it imported included)."""
    import importlib.abc
    import importlib.machinery

    class Hook(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
            if name not in patches:
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            loader = spec.loader
            run = loader.exec_module

            def exec_module(module: Any) -> None:
                (step(f"import {name}", run) if timed else run)(module)
                patches.pop(name)(module)

            loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Hook())


def watch_window(application: Any) -> None:
    """Marks PAINT, then SHOWN once the queue, the contact and the history are painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class Watch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.armed: dict[QObject, tuple[str, Any]] = {}
            self.shown: dict[str, float] = {}

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint:
                return False
            if obj.objectName() == "mainWindow":
                mark("PAINT")
                obj.removeEventFilter(self)
            elif obj in self.armed:
                part, rows = self.armed.pop(obj)
                obj.removeEventFilter(self)
                if rows is not None:
                    mark(f"ROWS_{part.upper()}", rows())
                # Stamped once this paint pass is over: the rows are drawn, not about to be.
                QTimer.singleShot(0, lambda: self._painted(part))
            return False

        def arm(self, part: str, widget: QObject, rows: Any = None) -> None:
            self.armed[widget] = (part, rows)
            widget.installEventFilter(self)

        def _painted(self, part: str) -> None:
            self.shown[part] = time.time()
            if len(self.shown) == 3:
                mark("SHOWN", max(self.shown.values()))
                QApplication.instance().quit()

    watch = Watch()
    window_init = application.MainWindow.__init__
    window_attach = application.MainWindow.attach

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        window_init(self, *args, **kwargs)
        self.installEventFilter(watch)
        QTimer.singleShot(60_000, lambda: (mark("TIMEOUT"), QApplication.instance().exit(9)))

    def attach(self: Any, ws: Any) -> None:
        window_attach(self, ws)
        # Found by their names, which outlive the window's inner layout.
        queue = self.findChild(QWidget, "queuePanel")
        contact = self.findChild(QWidget, "contactPanel")
        customer = self.findChild(QWidget, "customerPanel")
        queue.first_rows_ready.connect(
            lambda: watch.arm("queue", queue.table.viewport(), queue.model.rowCount)
        )
        contact.detail_loaded.connect(
            lambda _d: watch.arm("contact", contact.findChild(QWidget, "threadView").viewport())
        )
        customer.history_loaded.connect(
            lambda: watch.arm("history", customer.table.viewport(), customer.model.rowCount)
        )
        self.ready.connect(lambda: mark("READY"))

    application.MainWindow.__init__ = init
    application.MainWindow.attach = attach


def step(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn``, printing a STEP line with its thread, start and end."""
    import threading

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            where = "gui" if threading.current_thread() is threading.main_thread() else "worker"
            say(f"STEP {where} {name} {start:.6f} {time.time():.6f}")

    return timed


def point(name: str) -> None:
    now = time.time()
    say(f"STEP gui {name} {now:.6f} {now:.6f}")


def profile_patches() -> dict[str, Callable[[Any], None]]:
    """The steps of a start the profile names, each wrapped once its module is imported."""

    def entry(module: Any) -> None:
        main = module.main

        def timed_main(*args: Any) -> Any:
            point("ui.entry.main called")
            return main(*args)

        module.main = timed_main

    def main_window(module: Any) -> None:
        if hasattr(module, "_warm_up"):  # the window's own work in its first turn of the loop
            module._warm_up = step(
                "queue icons warm-up (main window's 0 ms timer)", module._warm_up
            )

    def application(module: Any) -> None:
        point("the interface's modules imported (ui.application)")
        watch_window(module)
        window = module.MainWindow
        window.__init__ = step("main window built", window.__init__)
        window.attach = step("panels built (attach)", window.attach)
        module.preload = step("the panels' modules imported (preload)", module.preload)
        run_window = module.run_window

        def entered(*args: Any) -> Any:
            point("application object, settings, translation, arguments")
            return run_window(*args)

        module.run_window = entered

    def workspace(module: Any) -> None:
        import app.migrations
        import app.snapshot

        module.open_demo = step("workspace opened (open_demo)", module.open_demo)
        module.find_user = step("first query: the user", module.find_user)
        module._has_customers = step("query: demo seeded?", module._has_customers)
        module.build = step("services built", module.build)
        app.migrations.upgrade = step("database opened, schema checked", app.migrations.upgrade)
        app.snapshot.has_snapshot = step("query: copy made?", app.snapshot.has_snapshot)

    def logs(module: Any) -> None:
        module.setup = step("log file set up", module.setup)

    def nothing(_module: Any) -> None:
        """Only timed: how long the import took, its own imports included."""

    return {
        "PySide6.QtCore": nothing,
        "PySide6.QtWidgets": nothing,  # QtGui included
        "app.cli": nothing,
        "app.settings": nothing,
        "ui.common.i18n": nothing,
        "ui.common.ops": nothing,
        "app.logs": logs,
        "ui.entry": entry,
        "ui.shell.main_window": main_window,
        "ui.application": application,
        "app.workspace": workspace,
    }


if __name__ == "__main__":
    mark("STARTED")
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == "bare":
        sys.exit(bare())
    if mode == "profile":
        after_import(profile_patches(), timed=True)
    else:
        after_import({"ui.application": watch_window})
    from ui.entry import main

    sys.exit(main(rest))
