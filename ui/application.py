"""The composition root of the interface: the application object, the worker runner, the
workspace opened in the background, and the main window."""

import argparse
import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import RelaisError
from app.models import Role
from app.settings import Settings
from app.workspace import Workspace, open_demo
from ui.main_window import MainWindow
from ui.ops import Bug, Runner
from ui.texts import ICONS, error_text

log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    icon = QIcon(str(ICONS / "relais.svg"))
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "relais.png"
        if png.exists():
            icon.addFile(str(png))
    return icon


def run_window(app: QApplication, args: argparse.Namespace, settings: Settings) -> int:
    app.setApplicationName("Relais")
    app.setOrganizationName("Relais")
    app.setApplicationDisplayName("Relais")
    QGuiApplication.setDesktopFileName("relais")
    app.setWindowIcon(app_icon())
    role = Role.SUPERVISOR if getattr(args, "role", "advisor") == "supervisor" else Role.ADVISOR
    data_dir: Path | None = getattr(args, "data_dir", None)
    screenshot: Path | None = getattr(args, "screenshot", None)

    runner = Runner()
    window = MainWindow(runner, settings)
    window.show()
    outcome = {"code": 0}

    def opened(ws: Workspace) -> None:
        window.attach(ws)
        # Start-up objects live all day: keep them out of the collector's full passes, which
        # otherwise hold the interpreter (and so the GUI thread) for tens of milliseconds.
        gc.collect()
        gc.freeze()
        if screenshot is not None:
            window.ready.connect(lambda: _save_and_quit(window, screenshot, outcome))

    def failed(err: RelaisError | Bug) -> None:
        outcome["code"] = err.exit_code if isinstance(err, RelaisError) else 1
        if screenshot is not None or app.platformName() == "offscreen":
            print(error_text(err), file=sys.stderr)
            app.exit(outcome["code"])
            return
        QMessageBox.critical(window, window.tr("Relais cannot start"), error_text(err))
        app.exit(outcome["code"])

    runner.read(lambda: open_demo(data_dir, role, window.progress_text), opened, failed)
    code = app.exec()
    window.shutdown()
    runner.wait_idle()
    return code or outcome["code"]


def _save_and_quit(window: MainWindow, path: Path, outcome: dict[str, int]) -> None:
    def save() -> None:
        if not window.save_screenshot(path):
            print(f"Could not write the screenshot to {path}", file=sys.stderr)
            outcome["code"] = 3
        QApplication.instance().exit(outcome["code"])  # type: ignore[union-attr]

    QTimer.singleShot(300, save)  # let the last layouts and paints settle
