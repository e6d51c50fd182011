"""The window around a perspective: menus, tool bar, status bar, the offline banner, the sync,
the window's size and place, screenshots, and shutdown.

The advisor's desk (``ui.desk.desk``) is the perspective it hosts today and owns the flow between
its panes; the window only frames it. Every database call goes through the runner.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.enums import Role
from app.errors import RelaisError
from app.settings import Settings
from ui.common import theme
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text, format_datetime
from ui.common.widgets import native_keys, shortcut_line, window_action

if TYPE_CHECKING:
    from app.backoffice.centre import BackOffice
    from app.dto import TemplateSummary
    from app.sync.pull import PullReport
    from app.workspace import Workspace
    from ui.backoffice.supervisor_desk import SupervisorDesk
    from ui.shell.incident_banner import IncidentBanner
    from ui.shell.sync_controller import SyncView

PANELS = (
    "ui.desk.desk",
    "ui.shell.sync_controller",
    "ui.desk.queue_panel",
    "ui.desk.contact_panel",
    "ui.desk.customer_panel",
    "ui.desk.close_dialog",
    "ui.desk.customer_link",
    "ui.shell.help_dialog",
)


def _warm_up() -> None:
    """GUI-thread work done while the workspace opens, so it does not stall the first paint of
    the queue later."""
    from ui.desk.queue_icons import warm_icons

    warm_icons()


def preload() -> None:
    """Imports the panels and what they need (SQLAlchemy, the services) in the worker that opens
    the workspace: the empty window paints at once, and attaching later does not stall."""
    for name in PANELS:
        importlib.import_module(name)


PREFERRED = QSize(1600, 900)
"""The first size on a large screen: three panes at their comfortable widths."""


def fitting_size(available: QSize, margin: int = 48) -> QSize:
    """The window's first size: the preferred one, bounded by the screen it opens on (less a
    margin for the window frame and the desktop's panels)."""
    room = QSize(max(available.width() - margin, 640), max(available.height() - margin, 480))
    return PREFERRED.boundedTo(room)


class MainWindow(QMainWindow):
    """Signals:
    ready(): the workspace is open, the queue shows its first rows and the preview is loaded
    (used by ``--screenshot`` and by tests).
    progress(str): a line of start-up progress, emitted from the worker that opens the workspace.
    """

    ready = Signal()
    progress = Signal(str)

    def __init__(self, runner: Runner, settings: Settings, restore_layout: bool = True) -> None:
        super().__init__()
        self._restore_layout = restore_layout
        self.runner = runner
        self.settings = settings
        self.ws: Workspace | None = None
        self.setWindowTitle(self.tr("Relais"))
        self.setObjectName("mainWindow")
        # The one style sheet: every widget and every dialog parented to the window inherits it.
        self.setStyleSheet(theme.style_sheet())
        self.resize(fitting_size(self.screen().availableGeometry().size()))
        self._loading = QLabel(self.tr("Opening your workspace…"), self)
        self._loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._loading.setObjectName("loadingLabel")
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._loading)
        self.setCentralWidget(self._stack)
        self.progress.connect(self._loading.setText, Qt.ConnectionType.QueuedConnection)
        self.runner.error.connect(self.show_error)
        if restore_layout:
            self._restore_geometry()
        QTimer.singleShot(0, _warm_up)

    # -- start-up ------------------------------------------------------------------------------

    def progress_text(self, text: str) -> None:
        """Called from the worker thread while the workspace opens."""
        from ui.common.texts import translate

        self.progress.emit(translate("progress", text))

    def attach(self, ws: Workspace) -> None:
        from ui.desk.desk import Desk, DeskServices

        self.ws = ws
        who = ws.who
        role = self.tr("Supervisor") if who.role == Role.SUPERVISOR else self.tr("Advisor")
        self.setWindowTitle(
            self.tr("Relais — {name} ({role}, {team})").format(
                name=who.display_name, role=role, team=who.team_name
            )
        )
        self.desk = Desk(self.runner, DeskServices.of(ws), self)
        if self._restore_layout:
            self.desk.restore_layout(QSettings().value("main/splitter"))
        self.banner = QLabel("", self)
        self.banner.setObjectName("offlineBanner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Connection to the centre"))
        self.banner.hide()
        self.office: BackOffice | None = None
        if who.role in (Role.SUPERVISOR, Role.ADMIN):
            from app.backoffice.centre import open_office

            self.office = open_office(ws.central, who, self.settings)
        self.incidents = self._incident_banner(ws)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.incidents)
        self.perspectives = QStackedWidget(body)
        self.perspectives.addWidget(self.desk)
        self.board: SupervisorDesk | None = None
        if self.office is not None:
            from ui.backoffice.supervisor_desk import SupervisorDesk

            self.board = SupervisorDesk(self.runner, self.office, self)
            self.board.failed.connect(self.show_error)
            self.board.verbatims.message.connect(self._note)
            self.board.templates.message.connect(self._note)
            self.board.dashboard.message.connect(self._note)
            self.board.reviews.message.connect(self._note)
            self.perspectives.addWidget(self.board)
        column.addWidget(self.perspectives, 1)
        self._stack.addWidget(body)
        self._stack.setCurrentWidget(body)
        self._build_actions()
        self._build_status_bar()
        self.desk.message.connect(self._say)
        self.desk.failed.connect(self.show_error)
        self.desk.ready.connect(self.ready)
        from ui.shell.sync_controller import SyncController

        self.sync = SyncController(ws.sync, self)
        self.sync.status.connect(self._show_sync)
        self.sync.pulled.connect(self.desk.pulled)
        self.sync.pulled.connect(self._pulled)
        self.desk.offline_claim.connect(self.sync.sync_now)
        self.runner.written.connect(self.sync.sync_now)  # an advisor's change leaves at once
        # The first sync (handshake, check of the copy) waits until the advisor's screen is
        # loaded: both at once on two cores would make the first paints stutter.
        self.ready.connect(
            lambda: QTimer.singleShot(1_000, self.sync.start),
            Qt.ConnectionType.SingleShotConnection,
        )

    def _incident_banner(self, ws: Workspace) -> IncidentBanner:
        from ui.shell.incident_banner import IncidentBanner

        end = None
        office = self.office
        if office is not None:
            from app.backoffice import incidents

            def end(incident_id: uuid.UUID) -> bool:
                return incidents.end(office, incident_id)

        banner = IncidentBanner(self.runner, ws.incidents, self.desk.working_on, end, self)
        banner.templates.connect(ws.templates.prefer)
        banner.message.connect(self._note)
        banner.failed.connect(self.show_error)
        banner.refresh()
        return banner

    @Slot(object)
    def _pulled(self, report: PullReport) -> None:
        """What the sync brought that the window itself shows: incidents, the templates."""
        if report.wholesale or "incident" in report.tables:
            self.incidents.refresh()
        if (
            self.board is not None
            and self.board.isVisible()
            and (report.wholesale or report.contacts)
        ):
            self.board.refresh()
        if report.wholesale or {"template", "template_version"} & report.tables:
            assert self.ws is not None
            self.ws.templates.invalidate()

    # -- actions -------------------------------------------------------------------------------

    def _action(self, text: str, keys: str | None, slot: Callable[[], object]) -> QAction:
        return window_action(self, text, keys, slot)

    def _build_actions(self) -> None:
        self.act_calibration = self._action(self.tr("My calibration…"), None, self.show_calibration)
        self.act_evaluations = self._action(self.tr("My evaluations…"), None, self.show_evaluations)
        self.act_problems = self._action(
            self.tr("Changes that did not go through…"), None, self.show_problems
        )
        self.act_help = self._action(self.tr("Keyboard shortcuts"), "F1", self.show_help)
        self.act_screenshot = self._action(
            self.tr("Save a screenshot…"), "Ctrl+Shift+P", self._ask_screenshot
        )
        self.act_quit = self._action(self.tr("Quit"), "Ctrl+Q", self.close)
        self.act_incident = self._action(
            self.tr("Publish an incident…"), "Ctrl+Shift+I", self.publish_incident
        )
        assert self.ws is not None
        self.act_incident.setVisible(self.ws.who.role in (Role.SUPERVISOR, Role.ADMIN))
        self.act_surveys = self._action(
            self.tr("Import survey answers…"), None, self.import_surveys
        )
        self.act_perspective = self._action(
            self.tr("Supervisor's desk"), "F9", self.switch_perspective
        )
        self.act_perspective.setVisible(self.board is not None)
        for action in (*self.desk.toolbar_actions(), *self.desk.contact_actions()):
            action.triggered.connect(self.show_desk)  # the desk's keys bring the desk back

        bar = QToolBar(self.tr("Main actions"), self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in self.desk.toolbar_actions():
            bar.addAction(action)
            action.setToolTip(f"{action.text()} ({native_keys(action)})")
        bar.addSeparator()
        bar.addAction(self.act_help)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        assert self.ws is not None
        who = self.ws.who
        role = self.tr("Supervisor") if who.role == Role.SUPERVISOR else self.tr("Advisor")
        self.user_label = QLabel(
            self.tr("{name} · {role} · {team}").format(
                name=who.display_name, role=role, team=who.team_name
            ),
            bar,
        )
        self.user_label.setObjectName("userLabel")
        self.user_label.setAccessibleName(self.tr("Signed in as"))
        self.user_label.setContentsMargins(0, 0, 12, 0)
        bar.addWidget(self.user_label)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&Relais"))
        file_menu.addAction(self.act_screenshot)
        lang_menu = file_menu.addMenu(self.tr("Language"))
        languages = QActionGroup(self)
        languages.setExclusive(True)
        for code, label in (
            ("", self.tr("Follow the system")),
            ("fr", "Français"),
            ("en", "English"),
        ):
            act = lang_menu.addAction(label)
            act.setCheckable(True)
            languages.addAction(act)
            act.setChecked(self.settings.get("language") == code)
            act.triggered.connect(lambda _checked=False, c=code: self._set_language(c))
        file_menu.addSeparator()
        file_menu.addAction(self.act_calibration)
        file_menu.addAction(self.act_evaluations)
        file_menu.addAction(self.act_problems)
        file_menu.addAction(self.act_quit)
        work = menu.addMenu(self.tr("&Contact"))
        for action in self.desk.contact_actions():
            work.addAction(action)
        if self.board is not None:
            team = menu.addMenu(self.tr("&Team"))
            team.addAction(self.act_perspective)
            team.addAction(self.act_incident)
            team.addAction(self.act_surveys)
            bar.insertAction(self.act_help, self.act_perspective)
        go = menu.addMenu(self.tr("&Go"))
        for action in self.desk.go_actions():
            go.addAction(action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_help)

    @Slot()
    def switch_perspective(self) -> None:
        """F9: the supervisor's desk and the advisor's, one key apart."""
        if self.board is None:
            return
        if self.perspectives.currentWidget() is self.board:
            self.show_desk()
            return
        self.perspectives.setCurrentWidget(self.board)
        self.act_perspective.setText(self.tr("Advisor's desk"))
        self.board.tabs.setFocus()

    @Slot()
    def show_desk(self) -> None:
        if self.perspectives.currentWidget() is not self.desk:
            self.perspectives.setCurrentWidget(self.desk)
            self.act_perspective.setText(self.tr("Supervisor's desk"))

    def show_calibration(self) -> None:
        """How the advisor's own feelings compare with their customers' answers and their
        evaluations: theirs only, as the centre's rights allow."""
        assert self.ws is not None
        from app.backoffice.centre import BackOffice
        from ui.backoffice.alignment_view import AlignmentView

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("My calibration"))
        view = AlignmentView(
            self.runner, self.office or BackOffice(self.ws.central, self.ws.who), dialog
        )
        column = QVBoxLayout(dialog)
        column.addWidget(view)
        dialog.resize(1100, 640)
        dialog.open()
        self.calibration_dialog = dialog

    def show_evaluations(self) -> None:
        """The evaluations of the advisor's own contacts, to agree with or contest."""
        assert self.ws is not None
        from app.backoffice.centre import BackOffice
        from ui.backoffice.my_evaluations import MyEvaluations

        office = self.office or BackOffice(self.ws.central, self.ws.who)
        dialog = MyEvaluations(self.runner, office, self)
        dialog.open()
        self.evaluations_dialog = dialog

    def import_surveys(self) -> None:
        """The survey tool's CSV export, previewed then imported on the centre."""
        if self.office is None:
            return
        from ui.backoffice.survey_import_dialog import SurveyImportDialog

        dialog = SurveyImportDialog(self.runner, self.office, self)
        dialog.open()
        self.survey_dialog = dialog

    def publish_incident(self) -> None:
        """A supervisor's incident, for every workstation (the banner shows here at once)."""
        office, ws = self.office, self.ws
        if office is None or ws is None:
            return
        from ui.backoffice.incident_dialog import IncidentDialog

        def ask(templates: list[TemplateSummary]) -> None:
            dialog = IncidentDialog(self.runner, office, templates, self)
            dialog.published.connect(lambda _id: self.sync.sync_now())
            dialog.open()
            self.incident_dialog = dialog

        self.runner.read(lambda: ws.templates.search(""), ask, self.show_error, owner=self)

    def shortcuts(self) -> list[tuple[QKeySequence | str, str]]:
        listed = self.desk.shortcuts()
        listed.extend(shortcut_line(a) for a in (self.act_help, self.act_screenshot, self.act_quit))
        if self.board is not None:
            listed.extend(shortcut_line(a) for a in (self.act_perspective, self.act_incident))
        return listed

    def _build_status_bar(self) -> None:
        assert self.ws is not None
        bar = self.statusBar()
        if self.ws.central.is_sqlite:
            where = self.tr("Embedded demo database")
        else:
            where = self.tr("Centre: {where}").format(where=self.ws.central.address())
        self._where = QLabel(where, self)
        self._where.setAccessibleName(self.tr("Database in use"))
        self._where.setContentsMargins(12, 0, 4, 0)
        self._sync = QLabel(self.tr("Connecting to the centre…"), self)
        self._sync.setObjectName("syncStatus")
        self._sync.setAccessibleName(self.tr("Connection and changes waiting to sync"))
        self._busy = QLabel("", self)
        self._busy.setAccessibleName(self.tr("Work in progress"))
        from ui.shell.focus_label import FocusLabel

        self.focus = FocusLabel(self.runner, self.ws.central, self.ws.who.login, self)
        bar.addPermanentWidget(self.focus)
        self.ready.connect(self.focus.refresh, Qt.ConnectionType.SingleShotConnection)
        bar.addPermanentWidget(self._busy)
        bar.addPermanentWidget(self._sync)
        bar.addPermanentWidget(self._where)
        # A bound method, not a lambda: Qt drops the connection when the window goes, while the
        # runner (which may outlive it) keeps emitting.
        self.runner.busy_changed.connect(self._show_busy)

    def _show_busy(self, pending: int) -> None:
        self._busy.setText(self.tr("Working…") if pending else "")

    @Slot(str, int)
    def _say(self, text: str, timeout: int) -> None:
        self.statusBar().showMessage(text, timeout)

    @Slot(str)
    def _note(self, text: str) -> None:
        self._say(text, 8_000)

    def show_problems(self) -> None:
        from ui.shell.sync_problems_dialog import SyncProblemsDialog

        assert self.ws is not None
        SyncProblemsDialog(self.runner, self.ws.problems, self).exec()

    def show_help(self) -> None:
        from ui.shell.help_dialog import HelpDialog

        HelpDialog(self.shortcuts(), self).exec()

    # -- status ------------------------------------------------------------------------------

    @Slot(object)
    def _show_sync(self, view: SyncView) -> None:
        waiting = self.tr("%n change(s) waiting", "", view.pending)
        if view.online:
            text = (
                self.tr("Online — all changes sent")
                if not view.pending
                else (self.tr("Online — syncing, {waiting}").format(waiting=waiting))
            )
        else:
            since = format_datetime(view.since) if view.since else "?"
            text = self.tr("Offline since {time} — {waiting}").format(time=since, waiting=waiting)
        tip = ""
        if view.refused:
            text += " · " + self.tr("%n refused by the centre", "", view.refused)
            tip = self.tr(
                "The centre refused some changes; they are kept on this workstation. "
                "Your supervisor can see them."
            )
        self._sync.setText(text)
        self._sync.setToolTip(tip)
        self._show_banner(view)

    def _show_banner(self, view: SyncView) -> None:
        if view.online:
            self.banner.hide()
            return
        since = format_datetime(view.since) if view.since else "?"
        if view.needs_attention and view.error is not None:
            text = self.tr("Not synchronising since {time}: {problem}").format(
                time=since, problem=error_text(view.error)
            )
        else:
            text = self.tr(
                "Offline since {time}: the centre does not answer. Keep working — the contacts "
                "you hold, notes, replies and closes are kept here and sent when it returns "
                "({waiting}). Customer search uses this workstation's copy. A new phone call "
                "can be logged with Ctrl+Shift+L."
            ).format(time=since, waiting=self.tr("%n change(s) waiting", "", view.pending))
        self.banner.setText(text)
        self.banner.show()

    @Slot(object)
    def show_error(self, err: RelaisError | Bug) -> None:
        if QApplication.platformName() == "offscreen":
            self.statusBar().showMessage(error_text(err), 15_000)
            return
        QMessageBox.warning(self, self.tr("Relais"), error_text(err))

    def _set_language(self, code: str) -> None:
        self.settings.set("language", code)
        QMessageBox.information(
            self,
            self.tr("Language"),
            self.tr("The new language applies the next time Relais starts."),
        )

    # -- screenshots, geometry, shutdown ------------------------------------------------------

    def save_screenshot(self, path: Path) -> bool:
        return self.grab().save(str(path))

    def _ask_screenshot(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save a screenshot"), "relais.png", self.tr("PNG images (*.png)")
        )
        if name:
            self.save_screenshot(Path(name))

    def _restore_geometry(self) -> None:
        """The saved size and place, kept inside the screen the window opens on (a layout saved
        on a large screen, or a screen since removed, must not leave Send off-screen)."""
        geometry = QSettings().value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        available = self.screen().availableGeometry()
        if not available.contains(self.frameGeometry()) and not self.isMaximized():
            size = self.size().boundedTo(fitting_size(available.size(), margin=0))
            self.resize(size)
            frame = self.frameGeometry()
            frame.moveCenter(available.center())
            frame.moveTop(max(available.top(), frame.top()))
            self.move(frame.topLeft())

    def shutdown(self) -> None:
        """Saves what the advisor wrote and the window's layout, then releases the workspace."""
        if self.ws is None:
            return
        self.desk.flush_draft()
        self.runner.wait_idle()
        self.sync.stop()
        self.runner.close()  # the sync's last news may still ask for reloads: they do not run
        if self._restore_layout:  # a screenshot's or a test's layout is not the user's
            settings = QSettings()
            settings.setValue("main/geometry", self.saveGeometry())
            settings.setValue("main/splitter", self.desk.layout_state())
        if self.office is not None and self.office.replica is not None:
            self.office.replica.dispose()
        self.ws.close()
        self.ws = None

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ws is not None:
            self.desk.flush_draft()
            self.sync.request_stop()
        super().closeEvent(event)
