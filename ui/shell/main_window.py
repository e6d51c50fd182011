"""The advisor's window: queue on the left, the contact in the middle, the customer on the right.

The window owns the actions and their shortcuts, and the flow between the panels: take a contact,
show its customer, close it and move to the next one. Every database call goes through the
runner; the window only reacts to answers.
"""

from __future__ import annotations

import importlib
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.enums import Role
from app.errors import CentreUnreachable, RelaisError
from app.settings import Settings
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text, format_datetime

if TYPE_CHECKING:
    from app.dto import Claimed, CloseResult, ContactDetail, ReasonCodeView
    from app.sync.pull import PullReport
    from app.workspace import Workspace
    from ui.shell.sync_controller import SyncView

PANELS = (
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
        self._reason_codes: list[ReasonCodeView] | None = None
        self._close_choices: dict[uuid.UUID, object] = {}
        self._focus_when_loaded: uuid.UUID | None = None
        self._customer_shown_for: tuple[object, ...] | None = None
        self._ready_parts: set[str] = set()
        self._ready_sent = False
        self.setWindowTitle(self.tr("Relais"))
        self.setObjectName("mainWindow")
        self.resize(1600, 900)
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
        from ui.desk.contact_panel import ContactPanel
        from ui.desk.customer_panel import CustomerPanel
        from ui.desk.queue_panel import QueuePanel

        self.ws = ws
        who = ws.who
        role = self.tr("Supervisor") if who.role == Role.SUPERVISOR else self.tr("Advisor")
        self.setWindowTitle(
            self.tr("Relais — {name} ({role}, {team})").format(
                name=who.display_name, role=role, team=who.team_name
            )
        )
        self.queue_panel = QueuePanel(self.runner, ws.queue, who, self)
        self.contact_panel = ContactPanel(self.runner, ws, self)
        self.customer_panel = CustomerPanel(self.runner, ws, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        for panel in (self.queue_panel, self.contact_panel, self.customer_panel):
            splitter.addWidget(panel)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([640, 520, 440])
        state = QSettings().value("main/splitter") if self._restore_layout else None
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
        self.splitter = splitter
        self.banner = QLabel("", self)
        self.banner.setObjectName("offlineBanner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Connection to the centre"))
        self.banner.setStyleSheet(
            "#offlineBanner { background: #fff4ce; color: #3d2e00; padding: 6px 10px;"
            " border-bottom: 1px solid #e0c870; }"
        )
        self.banner.hide()
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(splitter, 1)
        self._stack.addWidget(body)
        self._stack.setCurrentWidget(body)
        self._build_actions()
        self._build_status_bar()
        self._wire()
        from ui.shell.sync_controller import SyncController

        self.sync = SyncController(ws.sync, self)
        self.sync.status.connect(self._show_sync)
        self.sync.pulled.connect(self._pulled)
        self.runner.written.connect(self.sync.sync_now)  # an advisor's change leaves at once
        # The first sync (handshake, check of the copy) waits until the advisor's screen is
        # loaded: both at once on two cores would make the first paints stutter.
        self.ready.connect(
            lambda: QTimer.singleShot(1_000, self.sync.start),
            Qt.ConnectionType.SingleShotConnection,
        )

    def _wire(self) -> None:
        self.queue_panel.contact_activated.connect(self.take_contact)
        self.queue_panel.next_requested.connect(self.next_contact)
        self.queue_panel.current_changed.connect(self.preview_contact)
        self.queue_panel.first_rows_ready.connect(self._queue_ready)
        self.contact_panel.detail_loaded.connect(self._contact_loaded)
        self.contact_panel.close_requested.connect(self.close_contact)
        self.contact_panel.reply_sent.connect(lambda _id: self.queue_panel.refresh())
        self.customer_panel.customer_linked.connect(self._customer_linked)
        self.customer_panel.history_loaded.connect(lambda: self._part_ready("customer"))

    # -- actions -------------------------------------------------------------------------------

    def _action(self, text: str, keys: QKeySequence | str | None, slot: object) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_next = self._action(self.tr("Next contact"), "Ctrl+N", self.next_contact)
        self.act_templates = self._action(
            self.tr("Insert template"), "Ctrl+T", self._open_templates
        )
        self.act_close = self._action(
            self.tr("Close contact"), "Ctrl+Return", lambda: self.close_contact(None)
        )
        self.act_search = self._action(self.tr("Find a customer"), "Ctrl+F", self.find_customer)
        self.act_queue = self._action(
            self.tr("Go to the queue"), "Ctrl+1", lambda: self.queue_panel.focus_table()
        )
        self.act_contact = self._action(
            self.tr("Go to the contact"), "Ctrl+2", lambda: self.contact_panel.setFocus()
        )
        self.act_customer = self._action(
            self.tr("Go to the customer"), "Ctrl+3", lambda: self.customer_panel.setFocus()
        )
        self.act_refresh = self._action(self.tr("Refresh the queue"), "F5", self._refresh_queue)
        self.act_log_call = self._action(
            self.tr("Log a phone call…"), "Ctrl+Shift+L", self.log_call
        )
        self.act_release = self._action(
            self.tr("Put back in the queue"), None, self.release_contact
        )
        self.act_problems = self._action(
            self.tr("Changes that did not go through…"), None, self.show_problems
        )
        self.act_help = self._action(self.tr("Keyboard shortcuts"), "F1", self.show_help)
        self.act_screenshot = self._action(
            self.tr("Save a screenshot…"), "Ctrl+Shift+P", self._ask_screenshot
        )
        self.act_quit = self._action(self.tr("Quit"), "Ctrl+Q", self.close)

        bar = QToolBar(self.tr("Main actions"), self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_next, self.act_templates, self.act_close, self.act_search):
            bar.addAction(action)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})")
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
        file_menu.addAction(self.act_quit)
        work = menu.addMenu(self.tr("&Contact"))
        for action in (
            self.act_next,
            self.act_log_call,
            self.act_templates,
            self.act_close,
            self.act_release,
            self.act_refresh,
        ):
            work.addAction(action)
        file_menu.insertAction(self.act_quit, self.act_problems)
        go = menu.addMenu(self.tr("&Go"))
        for action in (self.act_queue, self.act_contact, self.act_customer, self.act_search):
            go.addAction(action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_help)

    def shortcuts(self) -> list[tuple[QKeySequence | str, str]]:
        listed: list[tuple[QKeySequence | str, str]] = [
            (a.shortcut(), a.text().replace("&", "").rstrip("…"))
            for a in (
                self.act_next,
                self.act_log_call,
                self.act_templates,
                self.act_close,
                self.act_search,
                self.act_queue,
                self.act_contact,
                self.act_customer,
                self.act_refresh,
                self.act_help,
                self.act_screenshot,
                self.act_quit,
            )
        ]
        from ui.desk.contact_panel import shortcuts

        listed.extend(shortcuts())
        listed.append(
            ("Return", self.tr("Take the selected contact, or open the selected past contact"))
        )
        listed.append(
            ("/", self.tr("At the start of a line in a reply: search templates as you type"))
        )
        listed.append(("1 2 3 4", self.tr("In the closing dialog: choose the self-assessment")))
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
        bar.addPermanentWidget(self._busy)
        bar.addPermanentWidget(self._sync)
        bar.addPermanentWidget(self._where)
        # A bound method, not a lambda: Qt drops the connection when the window goes, while the
        # runner (which may outlive it) keeps emitting.
        self.runner.busy_changed.connect(self._show_busy)

    def _show_busy(self, pending: int) -> None:
        self._busy.setText(self.tr("Working…") if pending else "")

    # -- flow ----------------------------------------------------------------------------------

    # Claims go to the centre (runner.claim): the network may hold them for seconds, while the
    # advisor goes on writing notes and closing, and may have moved to another contact by the
    # time the answer comes (see ``_claim_answered``).

    @Slot()
    def next_contact(self) -> None:
        assert self.ws is not None
        self.contact_panel.flush_draft()
        if self.runner.claiming:
            # Pressed again while the centre is slow to answer: a second claim would hand the
            # advisor a second contact they did not ask for.
            self.statusBar().showMessage(
                self.tr("Still waiting for the centre to hand you a contact…"), 6_000
            )
            return
        queue, shown = self.ws.queue, self.queue_panel.queue_filter()
        self.statusBar().showMessage(self.tr("Taking the next contact…"))
        asked_on = self._working_on()
        # The next contact of the channels the advisor chose to see, if they filtered.
        self.runner.claim(
            lambda: queue.next_contact(shown),
            lambda claimed: self._claim_answered(claimed, asked_on),
            self._not_claimed,
            owner=self,
        )

    @Slot(object)
    def take_contact(self, contact_id: uuid.UUID) -> None:
        assert self.ws is not None
        self.contact_panel.flush_draft()
        queue = self.ws.queue
        asked_on = self._working_on()
        self.runner.claim(
            lambda: queue.take(contact_id),
            lambda claimed: self._claim_answered(claimed, asked_on),
            self._not_claimed,
            owner=self,
        )

    @Slot()
    def release_contact(self) -> None:
        """Hands the open contact back to the queue for a colleague (on the claim lane: the
        centre decides, and a slow answer holds up nothing else)."""
        assert self.ws is not None
        current = self.contact_panel.current()
        if current is None or not current.workable:
            self.statusBar().showMessage(self.tr("Open one of your contacts first."), 6_000)
            return
        self.contact_panel.flush_draft()
        queue, contact_id, reference = self.ws.queue, current.id, current.reference

        def released(_none: None) -> None:
            self.statusBar().showMessage(
                self.tr("Contact {reference} is back in the queue.").format(reference=reference),
                8_000,
            )
            self.queue_panel.refresh()
            shown = self.contact_panel.current()
            if shown is not None and shown.id == contact_id:
                self.contact_panel.show_contact(contact_id)  # reloads it, read-only now

        self.runner.claim(lambda: queue.release(contact_id), released, self.show_error, owner=self)

    def _working_on(self) -> uuid.UUID | None:
        """The contact the advisor is working on (open and theirs), if any."""
        current = self.contact_panel.current()
        return current.id if current is not None and current.workable else None

    def _claim_answered(self, claimed: Claimed | None, asked_on: uuid.UUID | None) -> None:
        """A claim's answer. When the advisor has started working on another contact since
        asking (taken one, logged a call), the claimed one does not replace it on screen: it is
        theirs already (the service mirrored it into the copy), the queue lists it among their
        contacts and the status bar says so."""
        working_on = self._working_on()
        if claimed is None or working_on is None or working_on in (asked_on, claimed.contact_id):
            self._claimed(claimed)
            return
        self.queue_panel.refresh()
        self.statusBar().showMessage(
            self.tr(
                "Contact {reference} is now yours and waits in your queue; "
                "open it when you are done with this one."
            ).format(reference=claimed.reference),
            15_000,
        )

    def _not_claimed(self, err: RelaisError | Bug) -> None:
        if isinstance(err, CentreUnreachable):
            # Claims need the centre; everything already held does not.
            self.statusBar().showMessage(
                self.tr(
                    "Offline: new contacts can be taken when the centre answers again. "
                    "Your contacts stay workable; log a call with Ctrl+Shift+L."
                ),
                15_000,
            )
            self.sync.sync_now()
            return
        self.show_error(err)

    @Slot()
    def log_call(self) -> None:
        from ui.desk.log_call_dialog import LogCallDialog

        assert self.ws is not None
        dialog = LogCallDialog(self)
        if not dialog.exec():
            return
        number, subject = dialog.values()
        self.contact_panel.flush_draft()
        contacts = self.ws.contacts
        self.runner.write(lambda: contacts.log_call(number, subject), self._claimed, owner=self)

    def _claimed(self, claimed: object) -> None:
        if claimed is None:
            self.statusBar().showMessage(self.tr("The queue is empty. Well done!"), 8_000)
            return
        self.statusBar().showMessage(
            self.tr("You are handling contact {reference}.").format(reference=claimed.reference),  # type: ignore[attr-defined]
            6_000,
        )
        # The keyboard goes to the reply once the claimed contact is shown as workable.
        self._focus_when_loaded = claimed.contact_id  # type: ignore[attr-defined]
        self.contact_panel.show_contact(claimed.contact_id)  # type: ignore[attr-defined]
        self.queue_panel.refresh()

    @Slot(object)
    def preview_contact(self, contact_id: uuid.UUID | None) -> None:
        """Selecting a row shows the contact and its customer read-only, without claiming it."""
        if contact_id is None:
            return
        current = self.contact_panel.current()
        if current is not None and current.workable and current.id != contact_id:
            return  # the advisor is working a contact: browsing the queue must not hide it
        self.contact_panel.flush_draft()
        self.contact_panel.show_contact(contact_id)

    def _contact_loaded(self, detail: ContactDetail) -> None:
        if detail.id == self._focus_when_loaded and detail.workable:
            self._focus_when_loaded = None
            self.contact_panel.focus_composer()
        shown = (detail.id, detail.customer_id, detail.workable)
        if shown != self._customer_shown_for:
            # A reload of the same contact (after a note, a call start…) leaves the customer
            # side alone: a half-filled new-customer form survives it.
            self._customer_shown_for = shown
            if detail.customer_id is not None:
                self.customer_panel.show_customer(detail.customer_id)
            else:
                self.customer_panel.show_unidentified(detail)
        if detail.customer_id is None:
            self._part_ready("customer")
        self._part_ready("contact")

    def _customer_linked(self, contact_id: uuid.UUID, _customer_id: uuid.UUID) -> None:
        self.contact_panel.show_contact(contact_id)
        self.queue_panel.refresh()

    @Slot(object)
    def close_contact(self, detail: ContactDetail | None = None) -> None:
        assert self.ws is not None
        detail = detail or self.contact_panel.current()
        if detail is None or not detail.workable:
            self.statusBar().showMessage(
                self.tr("Take a contact first: there is nothing of yours to close."), 6_000
            )
            return
        if self.contact_panel.unsent_reply() and not self._close_without_sending():
            return
        if self._reason_codes is None:
            reference = self.ws.reference
            self.runner.read(
                reference.reason_codes,
                lambda codes: self._open_close_dialog(detail, codes),
                owner=self,
            )
        else:
            self._open_close_dialog(detail, self._reason_codes)

    def _close_without_sending(self) -> bool:
        """Closing drops the reply not sent yet: the advisor says so, or goes back to it."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Reply not sent"))
        box.setText(self.tr("Your reply to this contact has not been sent."))
        box.setInformativeText(self.tr("Close the contact anyway? The reply will be lost."))
        back = box.addButton(self.tr("Go back to the reply"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(self.tr("Close without sending"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(back)
        box.exec()
        if box.clickedButton() is back:
            self.contact_panel.focus_reply()
            return False
        return True

    def _open_close_dialog(self, detail: ContactDetail, codes: list[ReasonCodeView]) -> None:
        from ui.desk.close_dialog import CloseDialog

        assert self.ws is not None
        self._reason_codes = codes
        self.contact_panel.flush_draft()
        dialog = CloseDialog(detail, codes, self, previous=self._close_choices.get(detail.id))
        if not dialog.exec():
            # Esc loses nothing: the choices come back when the advisor reopens the dialog.
            self._close_choices[detail.id] = dialog.choices()
            return
        kept = dialog.choices()
        request = dialog.request()
        take_next = dialog.take_next()
        contacts = self.ws.contacts

        def failed(err: RelaisError | Bug) -> None:
            self._close_choices[detail.id] = kept  # the dialog reopens as the advisor left it
            self.show_error(err)

        def closed(result: CloseResult) -> None:
            self._close_choices.pop(detail.id, None)
            if result.follow_up_id is not None and request.follow_up is not None:
                text = self.tr("Contact {reference} closed. Follow-up planned for {when}.").format(
                    reference=detail.reference, when=format_datetime(request.follow_up.due_at)
                )
            else:
                text = self.tr("Contact {reference} closed.").format(reference=detail.reference)
            self.statusBar().showMessage(text, 10_000)
            self.contact_panel.clear()
            self.customer_panel.clear()
            self.queue_panel.refresh()
            if take_next:
                self.next_contact()

        self.runner.write(lambda: contacts.close(request), closed, failed, owner=self)

    def _open_templates(self) -> None:
        self.contact_panel.open_template_picker()

    def _refresh_queue(self) -> None:
        self.queue_panel.refresh()

    def find_customer(self) -> None:
        from ui.desk.customer_link import CustomerSearchDialog

        assert self.ws is not None
        dialog = CustomerSearchDialog(self.runner, self.ws, self)
        if dialog.exec() and dialog.chosen() is not None:
            self.customer_panel.show_customer(dialog.chosen())

    def show_problems(self) -> None:
        from ui.shell.sync_problems_dialog import SyncProblemsDialog

        assert self.ws is not None
        SyncProblemsDialog(self.runner, self.ws.problems, self).exec()

    def show_help(self) -> None:
        from ui.shell.help_dialog import HelpDialog

        HelpDialog(self.shortcuts(), self).exec()

    # -- status, readiness ---------------------------------------------------------------------

    def _queue_ready(self) -> None:
        self._part_ready("queue")

    def _part_ready(self, part: str) -> None:
        self._ready_parts.add(part)
        if not self._ready_sent and {"queue", "contact", "customer"} <= self._ready_parts:
            self._ready_sent = True
            self.ready.emit()

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
    def _pulled(self, report: PullReport) -> None:
        """Another workstation's change reached this copy: show it where it is on screen."""
        if report.wholesale or report.contacts or "contact" in report.tables:
            self.queue_panel.refresh()
        current = self.contact_panel.current()
        if current is not None and report.touches(contact=current.id):
            self.contact_panel.show_contact(current.id)
        customer = self.customer_panel.current_customer()
        if customer is not None and (
            report.touches(customer=customer) or (current and report.touches(contact=current.id))
        ):
            self.customer_panel.show_customer(customer)

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
        geometry = QSettings().value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def shutdown(self) -> None:
        """Saves what the advisor wrote and the window's layout, then releases the workspace."""
        if self.ws is None:
            return
        self.contact_panel.flush_draft()
        self.runner.wait_idle()
        self.sync.stop()
        self.runner.close()  # the sync's last news may still ask for reloads: they do not run
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        self.ws.close()
        self.ws = None

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.ws is not None:
            self.contact_panel.flush_draft()
            self.sync.request_stop()
        super().closeEvent(event)
