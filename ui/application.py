"""The composition root of the interface: the application object, the worker runner, the
workspace opened in the background, and the main window."""

import argparse
import gc
import logging
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.enums import Role
from app.errors import InputError, RelaisError, StorageCorrupt
from app.i18n import QT_TRANSLATE_NOOP
from app.settings import Settings
from ui.common.collector import Collector
from ui.common.ops import Bug, Runner
from ui.common.texts import ICONS, error_text
from ui.shell.main_window import MainWindow, preload

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.connection import Profile
    from app.workspace import Workspace
    from ui.shell.connect_dialog import SignIn

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
    role = Role.SUPERVISOR if getattr(args, "role", "advisor") == "supervisor" else Role.ADVISOR
    data_dir: Path | None = getattr(args, "data_dir", None)
    screenshot: Path | None = getattr(args, "screenshot", None)

    sys.excepthook = _unexpected
    # Paused until the workspace is open (ui.entry turned automatic collection off for start-up).
    collector = Collector(app, paused=True)
    runner = Runner()
    window = MainWindow(runner, settings, restore_layout=screenshot is None)
    if screenshot is not None:
        window.resize(1600, 900)  # the same picture whatever the screen
    window.show()
    outcome = {"code": 0}

    def opened(ws: "Workspace") -> None:
        window.attach(ws)
        if screenshot is not None:
            window.ready.connect(lambda: _save_and_quit(window, screenshot, outcome))

    def failed(err: RelaisError | Bug) -> None:
        outcome["code"] = err.exit_code if isinstance(err, RelaisError) else 1
        if screenshot is not None or app.platformName() == "offscreen":
            print(error_text(err), file=sys.stderr)
            app.exit(outcome["code"])
            return
        title = QCoreApplication.translate("MainWindow", "Relais cannot start")
        QMessageBox.critical(window, title, error_text(err))
        app.exit(outcome["code"])

    def start(opener: "Callable[[], Workspace]", on_error: "Callable[..., None]") -> None:
        def open_workspace() -> "Workspace":
            from app import logs

            try:
                # Set up in the worker: the log file's machinery costs the first paint ~20 ms.
                # Until then Python's last-resort handler prints warnings to stderr.
                logs.setup()
                ws = opener()
                preload()
                # Start-up objects live all day: keep them out of the collector's full passes,
                # which otherwise hold the interpreter (and so the GUI thread) for tens of ms.
                gc.freeze()
                return ws
            finally:
                collector.paused = False  # paused since ui.entry began the start-up

        runner.read(open_workspace, opened, on_error)

    def demo() -> None:
        def opener() -> "Workspace":
            # Imported here, in the worker: the core's modules (SQLAlchemy, the models, the
            # services) take ~0.4 s to import, which on the GUI thread would hold the first paint.
            from app.workspace import open_demo

            return open_demo(data_dir, role, window.progress_text)

        start(opener, failed)

    def connected(profile: "Profile", sign_in: "SignIn | None" = None) -> None:
        """Opens the connected workstation; asks again (keeping what was typed) when the
        centre says no or the password is missing."""

        def opener() -> "Workspace":
            from app import credentials  # in the worker, as the demo's modules
            from app.connection import check_can_remember, open_connected, remember

            collector.paused = False  # a first copy may run for minutes: not without it
            password = (
                sign_in.password if sign_in else credentials.load(profile.centre, profile.login)
            )
            if password is None:
                raise _NeedPassword()
            if sign_in is not None:  # before a first copy is made, not after
                check_can_remember(settings, data_dir)
            ws = open_connected(profile, password, data_dir, window.progress_text)
            if sign_in is not None:
                try:
                    remember(profile, settings, data_dir)
                except BaseException:
                    ws.close()
                    raise
                if sign_in.remember:
                    credentials.store(profile.centre, profile.login, password)
            return ws

        def refused(err: RelaisError | Bug) -> None:
            if isinstance(err, _NeedPassword):
                ask(profile, "")
            elif isinstance(err, RelaisError) and not isinstance(err, StorageCorrupt):
                ask(profile, error_text(err))
            else:
                failed(err)

        start(opener, refused)

    def ask(profile: "Profile | None", problem: str) -> None:
        collector.paused = False  # start-up waits for the advisor now
        from app import credentials
        from ui.shell.connect_dialog import ConnectDialog

        if screenshot is not None or app.platformName() == "offscreen":
            failed(_NeedPassword() if not problem else RelaisError(problem))
            return
        dialog = ConnectDialog(window, profile, problem, keyring=credentials.available())
        result = dialog.exec()
        if result == ConnectDialog.DEMO:
            demo()
        elif result:
            choice = dialog.choice()
            connected(choice.profile, choice)
        else:
            app.exit(0)

    def remembered() -> None:
        """Reads the remembered profile in a worker: a profile parses its centre's URL, and
        the connection's modules (SQLAlchemy, the keyring) would hold the first paint."""

        def read() -> "Profile | None":
            from app import credentials
            from app.connection import remembered

            profile = remembered(settings, data_dir)
            if profile is None:
                # The sign-in dialog asks whether a keyring exists: the backend is chosen
                # once per process, here rather than on the GUI thread (it may ask D-Bus).
                credentials.available()
            return profile

        def found(profile: "Profile | None") -> None:
            if profile is None:
                ask(None, "")
            else:
                connected(profile)

        runner.read(read, found, failed)

    # The workspace opens once the window has painted its first frame: the worker's imports
    # hold the interpreter's lock, and sharing it would slow that first paint down while
    # gaining the data nothing (both sides are Python, one at a time).
    first = demo if getattr(args, "command", None) == "demo" else remembered

    def after_first_paint() -> None:
        # The window's icon (an SVG and seven PNG files, ~5 ms) is for the taskbar: it can
        # follow the first frame (the desktop file names the icon meanwhile).
        app.setWindowIcon(app_icon())
        first()

    _AfterFirstPaint(window, after_first_paint)
    code = app.exec()
    window.shutdown()
    runner.wait_idle()
    return code or outcome["code"]


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, right after the window's first paint — or after ``FALLBACK_MS``
    if no paint comes (a window started minimised is not painted until it is restored)."""

    FALLBACK_MS = 300

    def __init__(self, window: QWidget, then: "Callable[[], None]") -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._go)  # once this paint pass is over
        return False

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


class _NeedPassword(InputError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "The password for the centre is needed."),
            QT_TRANSLATE_NOOP("errors", "Start Relais on a screen to type it."),
        )


def route_qt_messages() -> None:
    """Qt's own warnings go to the log file, not to the advisor's terminal."""
    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def _unexpected(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """A bug in a slot: log it with a reference and apologise, never show the traceback."""
    reference = uuid.uuid4().hex[:8]
    log.error("Unexpected error (reference %s)", reference, exc_info=(kind, value, tb))  # type: ignore[arg-type]
    app = QApplication.instance()
    window = (
        next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
        if app is not None
        else None
    )
    if window is not None:
        window.show_error(Bug(reference, f"{kind.__name__}: {value}"))


def _save_and_quit(window: MainWindow, path: Path, outcome: dict[str, int]) -> None:
    def save() -> None:
        if not window.save_screenshot(path):
            text = QCoreApplication.translate(
                "MainWindow", "Could not write the screenshot to {path}."
            )
            print(text.format(path=path), file=sys.stderr)
            outcome["code"] = 3
        QApplication.instance().exit(outcome["code"])  # type: ignore[union-attr]

    QTimer.singleShot(300, save)  # let the last layouts and paints settle
