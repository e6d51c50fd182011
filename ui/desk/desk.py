"""The advisor's desk: the queue, the open contact and its customer, and the flow between them.

The desk is the one owner of that flow — take a contact, show its customer, close it, move to the
next — and of the rule that keeps the three panes honest: the customer pane shows the customer of
the contact on screen unless the advisor pinned another one (and then it says so), and a contact
looked at while another is being worked says which one is being worked and leads back to it.
Every database call goes through the runner; the desk only reacts to answers. The window around
it (menus, status bar, sync) is ``ui.shell.main_window``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import CentreUnreachable, RelaisError
from ui.common.ops import Bug, Runner
from ui.common.texts import format_datetime
from ui.common.widgets import native_keys, shortcut_line, window_action
from ui.desk.contact_panel import ContactPanel
from ui.desk.customer_panel import CustomerPanel
from ui.desk.queue_panel import QueuePanel

if TYPE_CHECKING:
    from app.dto import Claimed, CloseResult, ContactDetail, ReasonCodeView, Who
    from app.services.contacts import ContactService
    from app.services.customers import CustomerService
    from app.services.queue import QueueService
    from app.services.reference import ReferenceService
    from app.services.templates import TemplateService
    from app.sync.pull import PullReport
    from app.workspace import Workspace
    from ui.desk.close_dialog import CloseChoices


@dataclass(frozen=True)
class DeskServices:
    """What the desk's widgets use of the workspace, and nothing more: each panel is handed
    its own services, never the workspace."""

    who: Who
    queue: QueueService
    contacts: ContactService
    customers: CustomerService
    templates: TemplateService
    reference: ReferenceService

    @classmethod
    def of(cls, ws: Workspace) -> DeskServices:
        return cls(ws.who, ws.queue, ws.contacts, ws.customers, ws.templates, ws.reference)


def ask_second_contact(parent: QWidget, working_on: str) -> bool:
    """Whether the advisor, already working a contact, really wants another one as well.
    The default is to stay: a second contact is never taken by a stray Return."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Desk", "Take another contact?"))
    box.setText(
        QCoreApplication.translate("Desk", "You are working on contact {reference}.").format(
            reference=working_on
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Desk",
            "Take another contact as well? Both stay yours; close this one first if you can.",
        )
    )
    stay = box.addButton(
        QCoreApplication.translate("Desk", "Stay on {reference}").format(reference=working_on),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.addButton(
        QCoreApplication.translate("Desk", "Take another"), QMessageBox.ButtonRole.AcceptRole
    )
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is not stay


class _Notice(QFrame):
    """A one-line bar above a pane that says what the pane shows and offers the way back."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("notice", True)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 6, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def say(self, text: str, button: str) -> None:
        self.label.setText(text)
        self.button.setText(button)
        self.setAccessibleName(text)
        self.show()


class _Pane(QFrame):
    """A pane's frame: the one holding the keyboard is outlined (Ctrl+1/2/3 show where the
    keyboard went, also to someone who cannot tell a light focus rectangle)."""

    def __init__(self, name: str, parent: QWidget, *widgets: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("pane", True)
        self.setProperty("active", False)
        column = QVBoxLayout(self)
        column.setContentsMargins(2, 2, 2, 2)
        column.setSpacing(0)
        for widget in widgets:
            column.addWidget(widget, 1 if widget is widgets[-1] else 0)

    def set_active(self, active: bool) -> None:
        if self.property("active") == active:
            return
        self.setProperty("active", active)
        self.style().unpolish(self)
        self.style().polish(self)


class Desk(QWidget):
    """Signals:
    message(str, int): a line for the status bar, and how long it stays (ms).
    failed(object): a ``RelaisError`` or ``Bug`` to show the advisor.
    ready(): the queue shows its first rows and the first contact and customer are loaded.
    offline_claim(): a claim met a silent centre (the window asks the sync to look again).
    """

    message = Signal(str, int)
    failed = Signal(object)
    ready = Signal()
    offline_claim = Signal()

    def __init__(
        self,
        runner: Runner,
        services: DeskServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("desk")
        self.runner = runner
        self.services = services
        # Replaceable, so tests answer the question without a modal loop.
        self.ask_second: Callable[[QWidget, str], bool] = ask_second_contact
        self._reason_codes: list[ReasonCodeView] | None = None
        self._close_choices: dict[uuid.UUID, CloseChoices] = {}
        self._focus_when_loaded: uuid.UUID | None = None
        self._customer_shown_for: tuple[object, ...] | None = None
        self._held: ContactDetail | None = None  # the contact being worked, if any
        self._popped: set[uuid.UUID] = set()  # calls already popped (each rings once)
        self._pinned: uuid.UUID | None = None  # a customer the advisor chose to look at
        self._ready_parts: set[str] = set()
        self._ready_sent = False

        s = services
        self.queue_panel = QueuePanel(runner, s.queue, s.who, self)
        self.contact_panel = ContactPanel(runner, s.contacts, s.templates, s.who, self)
        self.customer_panel = CustomerPanel(runner, s.customers, s.contacts, self)
        self.preview_notice = _Notice("previewNotice", self)
        self.preview_notice.button.clicked.connect(self.back_to_held)
        self.pin_notice = _Notice("pinNotice", self)
        self.pin_notice.button.clicked.connect(self.unpin_customer)
        self.hidden_notice = _Notice("hiddenNotice", self)
        self.hidden_notice.button.clicked.connect(self.show_held_in_queue)
        self.panes = (
            _Pane("queuePane", self, self.hidden_notice, self.queue_panel),
            _Pane("contactPane", self, self.preview_notice, self.contact_panel),
            _Pane("customerPane", self, self.pin_notice, self.customer_panel),
        )
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        for pane in self.panes:
            splitter.addWidget(pane)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([640, 520, 440])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._build_actions()
        self._wire()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    # -- layout --------------------------------------------------------------------------------

    def restore_layout(self, state: object) -> None:
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    def layout_state(self) -> QByteArray:
        return self.splitter.saveState()

    def _wire(self) -> None:
        self.queue_panel.contact_activated.connect(self.take_contact)
        self.queue_panel.next_requested.connect(self.next_contact)
        self.queue_panel.current_changed.connect(self.preview_contact)
        self.queue_panel.first_rows_ready.connect(lambda: self._part_ready("queue"))
        self.queue_panel.first_rows_ready.connect(self._show_hidden_notice)
        self.contact_panel.detail_loaded.connect(self._contact_loaded)
        self.contact_panel.close_requested.connect(self.close_contact)
        self.contact_panel.reply_sent.connect(lambda _id: self.queue_panel.refresh())
        self.customer_panel.customer_linked.connect(self._customer_linked)
        self.customer_panel.open_customer_requested.connect(self.pin_customer)
        self.customer_panel.history_loaded.connect(lambda: self._part_ready("customer"))
        self.customer_panel.profile_loaded.connect(lambda _p: self._show_pin())

    # -- actions -------------------------------------------------------------------------------

    def _action(self, text: str, keys: str | None, slot: Callable[[], object]) -> QAction:
        return window_action(self, text, keys, slot)

    def _build_actions(self) -> None:
        self.act_next = self._action(self.tr("Next contact"), "Ctrl+N", self.next_contact)
        self.act_templates = self._action(
            self.tr("Insert template"), "Ctrl+T", self.contact_panel.open_template_picker
        )
        self.act_close = self._action(
            self.tr("Close contact"), "Ctrl+Return", lambda: self.close_contact(None)
        )
        self.act_search = self._action(self.tr("Find a customer"), "Ctrl+F", self.find_customer)
        self.act_queue = self._action(self.tr("Go to the queue"), "Ctrl+1", self.go_to_queue)
        self.act_contact = self._action(self.tr("Go to the contact"), "Ctrl+2", self.go_to_contact)
        self.act_customer = self._action(
            self.tr("Go to the customer"), "Ctrl+3", self.go_to_customer
        )
        self.act_refresh = self._action(
            self.tr("Refresh the queue"), "F5", self.queue_panel.refresh
        )
        self.act_log_call = self._action(
            self.tr("Log a phone call…"), "Ctrl+Shift+L", self.log_call
        )
        self.act_release = self._action(
            self.tr("Put back in the queue"), None, self.release_contact
        )

    def toolbar_actions(self) -> list[QAction]:
        return [self.act_next, self.act_templates, self.act_close, self.act_search]

    def contact_actions(self) -> list[QAction]:
        return [
            self.act_next,
            self.act_log_call,
            self.act_templates,
            self.act_close,
            self.act_release,
            self.act_refresh,
        ]

    def go_actions(self) -> list[QAction]:
        return [self.act_queue, self.act_contact, self.act_customer, self.act_search]

    def shortcuts(self) -> list[tuple[QKeySequence | str, str]]:
        """The desk's keys for the help (F1), in the language installed at that moment."""
        from ui.desk.contact_panel import shortcuts

        listed: list[tuple[QKeySequence | str, str]] = [
            shortcut_line(a)
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
            )
        ]
        listed.extend(shortcuts())
        listed.append(
            ("Return", self.tr("Take the selected contact, or open the selected past contact"))
        )
        listed.append(
            ("/", self.tr("At the start of a line in a reply: search templates as you type"))
        )
        return listed

    # -- where the keyboard is -----------------------------------------------------------------

    def go_to_queue(self) -> None:
        self.queue_panel.focus_table()

    def go_to_contact(self) -> None:
        """Ctrl+2: the contact being worked, its reply ready (back from a preview if need be)."""
        held = self._held
        shown = self.contact_panel.current()
        if held is not None and (shown is None or shown.id != held.id):
            self.back_to_held()
            return
        self.contact_panel.focus_composer()

    def go_to_customer(self) -> None:
        self.customer_panel.focus_history()
        if not self.customer_panel.hasFocus() and self.customer_panel.focusWidget() is None:
            self.customer_panel.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        for pane in self.panes:
            pane.set_active(new is not None and pane.isAncestorOf(new))

    # -- the flow ------------------------------------------------------------------------------

    # Claims go to the centre (runner.claim): the network may hold them for seconds, while the
    # advisor goes on writing notes and closing, and may have moved to another contact by the
    # time the answer comes (see ``_claim_answered``).

    def held(self) -> ContactDetail | None:
        """The contact the advisor is working on (theirs and open), shown or not."""
        return self._held

    @Slot()
    def next_contact(self) -> None:
        self.contact_panel.flush_draft()
        if self.runner.claiming:
            # Pressed again while the centre is slow to answer: a second claim would hand the
            # advisor a second contact they did not ask for.
            self.message.emit(self.tr("Still waiting for the centre to hand you a contact…"), 6_000)
            return
        if self._held is not None and not self.ask_second(self.window(), self._held.reference):
            self.back_to_held()
            return
        queue, shown = self.services.queue, self.queue_panel.queue_filter()
        self.message.emit(self.tr("Taking the next contact…"), 0)
        asked_on = self.working_on()
        # The next contact of the channels the advisor chose to see, if they filtered.
        self.runner.claim(
            lambda: queue.next_contact(shown),
            lambda claimed: self._claim_answered(claimed, asked_on),
            self._not_claimed,
            owner=self,
        )

    @Slot(object)
    def take_contact(self, contact_id: uuid.UUID) -> None:
        self.contact_panel.flush_draft()
        held = self._held
        if held is not None and held.id == contact_id:
            self.back_to_held()
            return
        if (
            held is not None
            and not self._is_mine(contact_id)
            and not self.ask_second(self.window(), held.reference)
        ):
            self.back_to_held()
            return
        queue = self.services.queue
        asked_on = self.working_on()
        self.runner.claim(
            lambda: queue.take(contact_id),
            lambda claimed: self._claim_answered(claimed, asked_on),
            self._not_claimed,
            owner=self,
        )

    def _is_mine(self, contact_id: uuid.UUID) -> bool:
        """Whether the contact on screen with this id is already the advisor's (taking it again
        only opens it: no question to ask)."""
        shown = self.contact_panel.current()
        return shown is not None and shown.id == contact_id and shown.workable

    @Slot()
    def release_contact(self) -> None:
        """Hands the open contact back to the queue for a colleague (on the claim lane: the
        centre decides, and a slow answer holds up nothing else)."""
        current = self.contact_panel.current()
        if current is None or not current.workable:
            self.message.emit(self.tr("Open one of your contacts first."), 6_000)
            return
        self.contact_panel.flush_draft()
        queue, contact_id, reference = self.services.queue, current.id, current.reference

        def released(_none: None) -> None:
            self.message.emit(
                self.tr("Contact {reference} is back in the queue.").format(reference=reference),
                8_000,
            )
            if self._held is not None and self._held.id == contact_id:
                self._set_held(None)
            self.queue_panel.refresh()
            shown = self.contact_panel.current()
            if shown is not None and shown.id == contact_id:
                self.contact_panel.show_contact(contact_id)  # reloads it, read-only now

        self.runner.claim(lambda: queue.release(contact_id), released, self.failed.emit, owner=self)

    def working_on(self) -> uuid.UUID | None:
        """The contact the advisor is working (held), whatever the screen shows."""
        return self._held.id if self._held is not None else None

    def _claim_answered(self, claimed: Claimed | None, asked_on: uuid.UUID | None) -> None:
        """A claim's answer. When the advisor has started working on another contact since
        asking (taken one, logged a call), the claimed one does not replace it on screen: it is
        theirs already (the service mirrored it into the copy), the queue lists it among their
        contacts and the status bar says so."""
        working_on = self.working_on()
        if claimed is None or working_on is None or working_on in (asked_on, claimed.contact_id):
            self._claimed(claimed)
            return
        self.queue_panel.refresh()
        self.message.emit(
            self.tr(
                "Contact {reference} is now yours and waits in your queue; "
                "open it when you are done with this one."
            ).format(reference=claimed.reference),
            15_000,
        )

    def _not_claimed(self, err: RelaisError | Bug) -> None:
        if isinstance(err, CentreUnreachable):
            # Claims need the centre; everything already held does not.
            self.message.emit(
                self.tr(
                    "Offline: new contacts can be taken when the centre answers again. "
                    "Your contacts stay workable; log a call with Ctrl+Shift+L."
                ),
                15_000,
            )
            self.offline_claim.emit()
            return
        self.failed.emit(err)

    @Slot()
    def log_call(self) -> None:
        from ui.desk.log_call_dialog import LogCallDialog

        dialog = LogCallDialog(self.window())
        if not dialog.exec():
            return
        number, subject = dialog.values()
        self.contact_panel.flush_draft()
        contacts = self.services.contacts
        self.runner.write(lambda: contacts.log_call(number, subject), self._claimed, owner=self)

    def _claimed(self, claimed: Claimed | None) -> None:
        if claimed is None:
            self.message.emit(self.tr("The queue is empty. Well done!"), 8_000)
            return
        self.message.emit(
            self.tr("You are handling contact {reference}.").format(reference=claimed.reference),
            6_000,
        )
        # The keyboard goes to the reply once the claimed contact is shown as workable.
        self._focus_when_loaded = claimed.contact_id
        self.contact_panel.show_contact(claimed.contact_id)
        self.queue_panel.refresh()
        self.queue_panel.select_contact(claimed.contact_id)

    @Slot(object)
    def preview_contact(self, contact_id: uuid.UUID | None) -> None:
        """The queue's current row is shown, read-only unless it is the advisor's. While a
        contact is being worked, the panes follow the row too (never a highlighted row beside
        another contact), and a bar says which contact is being worked and leads back to it."""
        if contact_id is None:
            return
        if self._focus_when_loaded not in (None, contact_id):
            return  # a contact just taken is loading: it wins over the queue's moving row
        if self._held is not None and not self.queue_panel.table.hasFocus():
            # The queue moved its current row by itself (a reload restoring its selection):
            # only the advisor's own browsing takes the screen from the contact being worked.
            return
        shown = self.contact_panel.current()
        if shown is not None and shown.id == contact_id:
            return
        self.contact_panel.flush_draft()
        self.contact_panel.show_contact(contact_id)

    @Slot()
    def back_to_held(self) -> None:
        """Shows the contact being worked again, its reply ready, and selects it in the queue."""
        held = self._held
        if held is None:
            return
        self._focus_when_loaded = held.id
        self.queue_panel.select_contact(held.id)
        shown = self.contact_panel.current()
        if shown is not None and shown.id == held.id:
            self._focus_when_loaded = None
            self.contact_panel.focus_composer()
        else:
            self.contact_panel.show_contact(held.id)

    def _set_held(self, detail: ContactDetail | None) -> None:
        self._held = detail
        self._show_hidden_notice()

    def _show_hidden_notice(self) -> None:
        """A filter of the queue that leaves out the contact being worked says so: the queue
        never looks as if that contact were gone."""
        held, shown = self._held, self.queue_panel.queue_filter()
        hidden = held is not None and (
            shown.follow_ups
            or (bool(shown.channels) and held.channel not in shown.channels)
            or held.status not in shown.statuses
        )
        if not hidden or held is None:
            self.hidden_notice.hide()
            return
        self.hidden_notice.say(
            self.tr("Your contact {held} is not in this list: the filter leaves it out.").format(
                held=held.reference
            ),
            self.tr("Show it"),
        )

    @Slot()
    def show_held_in_queue(self) -> None:
        """Back to the whole queue, the contact being worked selected."""
        held = self._held
        self.queue_panel.show_follow_ups(False)
        self.queue_panel.set_channel_filter(QueuePanel.ALL_CHANNELS)
        self.queue_panel.set_status_filter(QueuePanel.BOTH)
        if held is not None:
            self.queue_panel.select_contact(held.id)
        self.hidden_notice.hide()

    def _contact_loaded(self, detail: ContactDetail) -> None:
        if detail.workable:
            self._set_held(detail)
        elif self._held is not None and self._held.id == detail.id:
            self._set_held(None)  # closed, released or taken over meanwhile
        self._show_preview_notice(detail)
        if detail.id == self._focus_when_loaded:
            self._focus_when_loaded = None
            if detail.workable:
                self.contact_panel.focus_composer()
        shown = (detail.id, detail.customer_id, detail.workable)
        if shown != self._customer_shown_for:
            # A reload of the same contact (after a note, a call start…) leaves the customer
            # side alone: a half-filled new-customer form survives it. Another contact drops a
            # pinned customer: the pane follows the contact on screen.
            if self._customer_shown_for is None or self._customer_shown_for[0] != detail.id:
                self._pinned = None
            self._customer_shown_for = shown
            if self._pinned is None:
                self._show_contacts_customer(detail)
        if detail.customer_id is None:
            self._part_ready("customer")
        self._part_ready("contact")
        self._show_pin()

    def _show_contacts_customer(self, detail: ContactDetail) -> None:
        if detail.customer_id is not None:
            self.customer_panel.show_customer(detail.customer_id)
        else:
            self.customer_panel.show_unidentified(detail)

    def _show_preview_notice(self, detail: ContactDetail) -> None:
        held = self._held
        if held is None or held.id == detail.id:
            self.preview_notice.hide()
            return
        keys = native_keys(self.act_contact)
        self.preview_notice.say(
            self.tr("You are looking at {shown}, read-only. You are working on {held}.").format(
                shown=detail.reference, held=held.reference
            ),
            self.tr("Back to {held} ({keys})").format(held=held.reference, keys=keys),
        )

    def _customer_linked(self, contact_id: uuid.UUID, _customer_id: uuid.UUID) -> None:
        self.contact_panel.show_contact(contact_id)
        self.queue_panel.refresh()

    # -- a customer looked up beside a contact -------------------------------------------------

    def find_customer(self) -> None:
        from ui.desk.customer_link import CustomerSearchDialog

        dialog = CustomerSearchDialog(self.runner, self.services.customers, self.window())
        if dialog.exec() and dialog.chosen() is not None:
            self.pin_customer(dialog.chosen())

    def pin_customer(self, customer_id: uuid.UUID | None) -> None:
        """Shows a customer found by search. Beside a contact of another customer it is pinned:
        the pane says plainly whose history it shows, and leads back to the contact's customer."""
        if customer_id is None:
            return
        shown = self.contact_panel.current()
        self._pinned = (
            customer_id if shown is not None and shown.customer_id != customer_id else None
        )
        self.customer_panel.show_customer(customer_id)
        self._show_pin()

    @Slot()
    def unpin_customer(self) -> None:
        self._pinned = None
        shown = self.contact_panel.current()
        if shown is None:
            self.customer_panel.clear()
        else:
            self._show_contacts_customer(shown)
        self._show_pin()

    def pinned(self) -> uuid.UUID | None:
        return self._pinned

    def _show_pin(self) -> None:
        shown = self.contact_panel.current()
        if self._pinned is None or shown is None:
            self.pin_notice.hide()
            return
        profile = self.customer_panel.profile()
        name = profile.full_name if profile is not None and profile.id == self._pinned else ""
        contact_customer = shown.sender_display or shown.sender_address or shown.reference
        self.pin_notice.say(
            self.tr("Pinned: {name} — not the customer of contact {reference} ({sender}).").format(
                name=name or self.tr("a customer you searched for"),
                reference=shown.reference,
                sender=contact_customer,
            ),
            self.tr("Show {sender}").format(sender=contact_customer),
        )

    # -- closing -------------------------------------------------------------------------------

    @Slot(object)
    def close_contact(self, detail: ContactDetail | None = None) -> None:
        detail = detail or self.contact_panel.current()
        if detail is None or not detail.workable:
            held = self._held
            if held is not None:
                keys = native_keys(self.act_contact)
                self.message.emit(
                    self.tr("Go back to {held} ({keys}) to close it.").format(
                        held=held.reference, keys=keys
                    ),
                    8_000,
                )
                return
            self.message.emit(
                self.tr("Take a contact first: there is nothing of yours to close."), 6_000
            )
            return
        if self.contact_panel.unsent_reply() and not self._close_without_sending():
            return
        if self._reason_codes is None:
            reference = self.services.reference
            self.runner.read(
                reference.reason_codes,
                lambda codes: self._open_close_dialog(detail, codes),
                owner=self,
            )
        else:
            self._open_close_dialog(detail, self._reason_codes)

    def _close_without_sending(self) -> bool:
        """Closing drops the reply not sent yet: the advisor says so, or goes back to it."""
        box = QMessageBox(self.window())
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

        self._reason_codes = codes
        self.contact_panel.flush_draft()
        dialog = CloseDialog(
            detail, codes, self.window(), previous=self._close_choices.get(detail.id)
        )
        if not dialog.exec():
            # Esc loses nothing: the choices come back when the advisor reopens the dialog.
            self._close_choices[detail.id] = dialog.choices()
            return
        kept = dialog.choices()
        request = dialog.request()
        take_next = dialog.take_next()
        contacts = self.services.contacts

        def failed(err: RelaisError | Bug) -> None:
            self._close_choices[detail.id] = kept  # the dialog reopens as the advisor left it
            self.failed.emit(err)

        def closed(result: CloseResult) -> None:
            self._close_choices.pop(detail.id, None)
            if result.follow_up_id is not None and request.follow_up is not None:
                text = self.tr("Contact {reference} closed. Follow-up planned for {when}.").format(
                    reference=detail.reference, when=format_datetime(request.follow_up.due_at)
                )
            else:
                text = self.tr("Contact {reference} closed.").format(reference=detail.reference)
            self.message.emit(text, 10_000)
            if self._held is not None and self._held.id == detail.id:
                self._set_held(None)
            self._pinned = None
            self._customer_shown_for = None
            self.preview_notice.hide()
            self.pin_notice.hide()
            self.contact_panel.clear()
            self.customer_panel.clear()
            self.queue_panel.refresh()
            if take_next:
                self.next_contact()

        self.runner.write(lambda: contacts.close(request), closed, failed, owner=self)

    # -- news from the sync ----------------------------------------------------------------------

    @Slot(object)
    def pulled(self, report: PullReport) -> None:
        """Another workstation's change reached this copy: show it where it is on screen."""
        if report.wholesale or report.contacts or "contact" in report.tables:
            self.queue_panel.refresh()
        if report.contacts:
            contacts, among = self.services.contacts, set(report.contacts) - self._popped
            self.runner.read(lambda: contacts.ringing(among), self._ringing, owner=self)
        current = self.contact_panel.current()
        if current is not None and report.touches(contact=current.id):
            self.contact_panel.show_contact(current.id)
        customer = self.customer_panel.current_customer()
        if customer is not None and (
            report.touches(customer=customer) or (current and report.touches(contact=current.id))
        ):
            self.customer_panel.show_customer(customer)

    def _ringing(self, calls: list[uuid.UUID]) -> None:
        """The screen pop: a call the centre handed to this advisor opens at once with its
        caller's customer (or, for a number nobody has, the search with the number in it). The
        contact the advisor was working on stays theirs, in their queue."""
        calls = [c for c in calls if c not in self._popped]
        if not calls:
            return
        self._popped.update(calls)
        self.contact_panel.flush_draft()
        queue, contact_id = self.services.queue, calls[0]
        self.message.emit(self.tr("Incoming call: opening the caller's contact…"), 6_000)
        self.runner.claim(
            lambda: queue.take(contact_id), self._claimed, self._not_claimed, owner=self
        )

    # -- readiness, shutdown -----------------------------------------------------------------

    def _part_ready(self, part: str) -> None:
        self._ready_parts.add(part)
        if not self._ready_sent and {"queue", "contact", "customer"} <= self._ready_parts:
            self._ready_sent = True
            self.ready.emit()

    def flush_draft(self) -> None:
        self.contact_panel.flush_draft()
