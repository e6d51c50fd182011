"""The contact being worked: its thread, the reply, internal notes and, on the phone, the call.

Everything the advisor writes goes through the single writer (``Runner.write``) in the order it
was written; everything shown is read in a worker and dropped if the advisor moved on to another
contact meanwhile. A contact the advisor may not write on (closed, waiting in the queue, someone
else's) is shown read-only with the reason.

Keyboard: the panel's own shortcuts are listed by ``shortcuts()`` for the help dialog. Ctrl+T
(templates) and Ctrl+Return (close) belong to the main window, which calls
``open_template_picker()`` and reacts to ``close_requested``.
"""

import uuid

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.dto import ContactDetail, MessageView, NoteView, Who
from app.enums import Channel, ContactStatus
from app.errors import RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from app.services.contacts import ContactService
from app.services.templates import TemplateService
from ui.common import theme
from ui.common.ops import Bug, Runner
from ui.common.texts import (
    error_text,
    format_datetime,
)
from ui.desk.attachment_save import AttachmentSaver
from ui.desk.composer import Composer
from ui.desk.contact_parts import CallBar, ContactHeader
from ui.desk.letter_print import LetterPrinter
from ui.desk.template_picker import TemplatePicker
from ui.desk.thread_view import ThreadView, notes_html

SEND_KEYS = ("Ctrl+Shift+Return", "Ctrl+Shift+Enter")
NOTE_KEYS = "Ctrl+Shift+N"
CALL_KEYS = "Ctrl+Shift+D"
REPLY_KEYS = "Ctrl+Shift+R"
NEXT_PLACEHOLDER_KEYS = "F8"

_SHORTCUT_SOURCES: tuple[tuple[str, str], ...] = (
    (SEND_KEYS[0], QT_TRANSLATE_NOOP("ContactPanel", "Send the reply")),
    (
        NOTE_KEYS,
        QT_TRANSLATE_NOOP(
            "ContactPanel", "Add the internal note (from elsewhere: go to the note editor)"
        ),
    ),
    (CALL_KEYS, QT_TRANSLATE_NOOP("ContactPanel", "Start or end the call (phone contacts)")),
    (REPLY_KEYS, QT_TRANSLATE_NOOP("ContactPanel", "Go to the reply editor")),
    (
        NEXT_PLACEHOLDER_KEYS,
        QT_TRANSLATE_NOOP("ContactPanel", "In the reply: select the next placeholder to fill"),
    ),
    (
        "Esc",
        QT_TRANSLATE_NOOP(
            "ContactPanel", "In the reply: close the template suggestions, keep what you typed"
        ),
    ),
)


def shortcuts() -> list[tuple[str, str]]:
    """The panel's shortcuts for the help dialog: (key sequence, description), translated when
    asked, so the dialog shows the language installed at that moment."""
    return [
        (keys, QCoreApplication.translate("ContactPanel", text)) for keys, text in _SHORTCUT_SOURCES
    ]


# Tones of the note's message, as the theme's sheet selects them (``QLabel[tone=…]``).
ERROR_TONE = "error"
DONE_TONE = "success"
WAIT_TONE = "muted"


class ContactPanel(QWidget):
    """The contact being worked (or looked at), from the thread to the reply.

    Signals:
        close_requested(object): the advisor pressed "Close contact…"; carries the current
            ``ContactDetail`` (the main window opens the close dialog).
        detail_loaded(object): a ``ContactDetail`` was shown — after opening a contact and after
            each reload (reply sent, note added, call started or ended).
        reply_sent(object): the ``uuid.UUID`` of the contact a reply was stored on.
    """

    close_requested = Signal(object)
    detail_loaded = Signal(object)
    reply_sent = Signal(object)

    def __init__(
        self,
        runner: Runner,
        contacts: ContactService,
        templates: TemplateService,
        who: Who,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactPanel")
        self.setAccessibleName(self.tr("Current contact"))
        self._runner = runner
        self._contacts = contacts
        self._templates = templates
        self._who = who
        self._detail: ContactDetail | None = None
        self._contact_id: uuid.UUID | None = None
        self._sending = False
        self._call_busy = False
        self._focus_on_load = False
        self._key = f"contact-panel-{id(self)}"
        self.picker: TemplatePicker | None = None

        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        # -- empty state -------------------------------------------------------------------
        self.empty = QWidget(self)
        self.empty.setObjectName("contactEmpty")
        self.empty_label = QLabel(self.empty)
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.empty_label.setAccessibleName(self.tr("No contact open"))
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addStretch(2)
        self.stack.addWidget(self.empty)

        # -- work page ---------------------------------------------------------------------
        self.work = QWidget(self)
        self.work.setObjectName("contactWork")
        self.header = ContactHeader(self.work)
        self.close_button = QPushButton(self.tr("Close contact…"), self.work)
        self.close_button.setObjectName("closeContact")
        self.close_button.setAccessibleName(self.tr("Close the contact with its wrap-up"))
        self.close_button.setToolTip(
            self.tr("Close the contact: reason, outcome and your view of the customer")
        )
        self.close_button.clicked.connect(self._request_close)
        self.header.action_row.addWidget(self.close_button)
        self.read_only = QLabel(self.work)
        self.read_only.setObjectName("readOnlyNotice")
        self.read_only.setWordWrap(True)
        self.read_only.setProperty("box", "neutral")
        self.call_bar = CallBar(self.work)
        self.call_bar.start_clicked.connect(self.start_call)
        self.call_bar.end_clicked.connect(self.end_call)

        self.thread_view = ThreadView(self.work)
        self.attachment_saver = AttachmentSaver(runner, contacts, self)
        self.thread_view.save_file = self.attachment_saver.save
        self.letter_printer = LetterPrinter(runner, contacts, self)
        self.thread_view.print_letter = self.letter_printer.print_reply

        self.tabs = QTabWidget(self.work)
        self.tabs.setObjectName("contactTabs")
        self.tabs.setAccessibleName(self.tr("Reply and notes"))
        self.tabs.setDocumentMode(True)

        # Reply tab
        reply_page = QWidget(self.tabs)
        self.composer = Composer(runner, self._contacts, self._templates, reply_page)
        send_keys = QKeySequence(SEND_KEYS[0]).toString(QKeySequence.SequenceFormat.NativeText)
        template_keys = QKeySequence("Ctrl+T").toString(QKeySequence.SequenceFormat.NativeText)
        self.template_button = QPushButton(
            self.tr("Insert template ({keys})").format(keys=template_keys), reply_page
        )
        self.template_button.setObjectName("insertTemplate")
        self.template_button.setAccessibleName(self.tr("Insert a template"))
        self.template_button.clicked.connect(self.open_template_picker)
        self.send_button = QPushButton(self.tr("Send ({keys})").format(keys=send_keys), reply_page)
        self.send_button.setObjectName("sendReply")
        self.send_button.setAccessibleName(self.tr("Send the reply"))
        self.send_button.clicked.connect(self.send)
        reply_buttons = QHBoxLayout()
        reply_buttons.addWidget(self.template_button)
        reply_buttons.addStretch(1)
        reply_buttons.addWidget(self.send_button)
        reply_layout = QVBoxLayout(reply_page)
        reply_layout.setContentsMargins(0, 6, 0, 0)
        reply_layout.setSpacing(4)
        reply_layout.addWidget(self.composer, 1)
        reply_layout.addLayout(reply_buttons)
        self.tabs.addTab(reply_page, self.tr("Reply"))

        # Notes tab
        notes_page = QWidget(self.tabs)
        self.notes_view = QTextBrowser(notes_page)
        self.notes_view.setObjectName("notesList")
        self.notes_view.setAccessibleName(self.tr("Internal notes on this contact"))
        self.notes_view.setOpenLinks(False)
        self.notes_view.setOpenExternalLinks(False)
        self.note_editor = QPlainTextEdit(notes_page)
        self.note_editor.setObjectName("noteEditor")
        self.note_editor.setAccessibleName(self.tr("New internal note"))
        self.note_editor.setPlaceholderText(
            self.tr("An internal note for colleagues and supervisors — never sent to the customer.")
        )
        self.note_editor.setTabChangesFocus(True)
        self.note_editor.setMaximumHeight(110)
        self.note_message = QLabel(notes_page)
        self.note_message.setObjectName("noteMessage")
        self.note_message.setWordWrap(True)
        self.note_message.setProperty("message", True)
        self.note_message.hide()
        note_keys = QKeySequence(NOTE_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        self.note_button = QPushButton(
            self.tr("Add note ({keys})").format(keys=note_keys), notes_page
        )
        self.note_button.setObjectName("addNote")
        self.note_button.setAccessibleName(self.tr("Add the internal note"))
        self.note_button.clicked.connect(self.add_note)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_message, 1)
        note_row.addStretch(0)
        note_row.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignTop)
        notes_layout = QVBoxLayout(notes_page)
        notes_layout.setContentsMargins(0, 6, 0, 0)
        notes_layout.setSpacing(4)
        notes_layout.addWidget(self.notes_view, 1)
        notes_layout.addWidget(self.note_editor)
        notes_layout.addLayout(note_row)
        self.tabs.addTab(notes_page, self.tr("Internal notes"))
        self.reply_tab, self.notes_tab = reply_page, notes_page

        splitter = QSplitter(Qt.Orientation.Vertical, self.work)
        splitter.setObjectName("contactSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.thread_view)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 340])  # the thread gets the larger part; the advisor can drag
        self.splitter = splitter

        work_layout = QVBoxLayout(self.work)
        work_layout.setContentsMargins(8, 8, 8, 8)
        work_layout.setSpacing(6)
        work_layout.addWidget(self.header)
        work_layout.addWidget(self.read_only)
        work_layout.addWidget(self.call_bar)
        work_layout.addWidget(splitter, 1)
        self.stack.addWidget(self.work)

        self.setTabOrder(self.close_button, self.call_bar.start_button)
        self.setTabOrder(self.call_bar.start_button, self.call_bar.end_button)
        self.setTabOrder(self.call_bar.end_button, self.thread_view)
        self.setTabOrder(self.thread_view, self.tabs)
        self.setTabOrder(self.tabs, self.composer.editor)
        self.setTabOrder(self.composer.editor, self.template_button)
        self.setTabOrder(self.template_button, self.send_button)

        self._shortcuts: list[QShortcut] = []
        for keys in SEND_KEYS:
            # Sending is deliberate: only while the focus is on the reply tab (never from the
            # note editor, where the same keys would send a half-written reply).
            self._shortcut(
                keys, self.send, Qt.ShortcutContext.WidgetWithChildrenShortcut, self.reply_tab
            )
        self._shortcut(NOTE_KEYS, self._note_shortcut, Qt.ShortcutContext.WindowShortcut)
        self._shortcut(CALL_KEYS, self._call_shortcut, Qt.ShortcutContext.WindowShortcut)
        self._shortcut(REPLY_KEYS, self.focus_reply, Qt.ShortcutContext.WindowShortcut)

        self.clear()

    def _shortcut(
        self,
        keys: str,
        slot: object,
        context: Qt.ShortcutContext,
        scope: QWidget | None = None,
    ) -> None:
        shortcut = QShortcut(QKeySequence(keys), scope or self)
        shortcut.setContext(context)
        shortcut.activated.connect(slot)
        self._shortcuts.append(shortcut)

    # -- public API ----------------------------------------------------------------------------

    def current(self) -> ContactDetail | None:
        """The contact on screen (None when empty or still loading)."""
        return self._detail

    def show_contact(self, contact_id: uuid.UUID) -> None:
        """Opens a contact (read in a worker; an older request still running is dropped).

        Opening the one already shown reloads its thread and keeps the reply being written.
        """
        if contact_id == self._contact_id and self._detail is not None:
            self._reload()
            return
        self.composer.set_contact(None)  # saves the previous draft first
        self._detail = None
        self._contact_id = contact_id
        self.call_bar.stop()
        self._say(self.note_message, None)
        self.note_editor.clear()
        self.header.reference.setText("")
        self.header.subject.setText(self.tr("Loading the contact…"))
        self.header.facts.clear()
        self.header.risk.hide()
        self.read_only.hide()
        self.call_bar.hide()
        self.thread_view.show_message(self.tr("Loading the contact…"))
        self.notes_view.clear()
        self._set_enabled(False)
        self.stack.setCurrentWidget(self.work)
        contacts = self._contacts
        self._runner.read(
            lambda: contacts.detail(contact_id),
            lambda d: self._opened(contact_id, d),
            lambda err: self._open_failed(contact_id, err),
            owner=self,
            key=self._key,
        )

    def clear(self) -> None:
        """No contact open (after closing one): saves the draft and shows the empty state."""
        self.composer.set_contact(None)
        self._detail = None
        self._contact_id = None
        self._sending = False
        self.call_bar.stop()
        self.note_editor.clear()
        self.empty_label.setText(self.tr("No contact open — press Ctrl+N to take the next one."))
        self.stack.setCurrentWidget(self.empty)
        self.setFocusProxy(self.empty_label)

    def flush_draft(self) -> None:
        """Saves what the advisor wrote now (before switching contact, closing it or quitting):
        the reply draft, and a note typed but not yet added, which is added as it stands (on a
        call the keyboard is in the note editor; such a note must never be lost)."""
        self.composer.flush_draft()
        d = self._detail
        text = self.note_editor.toPlainText()
        if d is not None and d.workable and text.strip():
            cid, contacts, during_call = d.id, self._contacts, self.call_running()
            self.note_editor.clear()
            # The editor is about to show something else: kept whatever its length (as several
            # notes if need be), never refused and lost.
            self._runner.write(
                lambda: contacts.keep_note(cid, text, during_call),
                lambda _n: None,
                self._runner.error.emit,
            )

    def unsent_reply(self) -> bool:
        """Whether the reply editor holds text not sent yet (closing would drop it)."""
        return bool(self.composer.text().strip()) and self._detail is not None

    def focus_composer(self) -> None:
        """Puts the keyboard in the reply (or, on a phone contact, in the note editor); when the
        contact is still loading, does so as soon as it is shown."""
        if self._detail is None:
            self._focus_on_load = self._contact_id is not None
            return
        if not self._detail.workable:
            self.thread_view.setFocus()
            return
        if self._detail.channel == Channel.PHONE:
            self.tabs.setCurrentWidget(self.notes_tab)
            self.note_editor.setFocus()
            return
        self.focus_reply()

    def focus_reply(self) -> None:
        """Puts the keyboard in the reply editor (Ctrl+Shift+R)."""
        if self._detail is None or not self._detail.workable:
            return
        self.tabs.setCurrentWidget(self.reply_tab)
        self.composer.editor.setFocus()

    def open_template_picker(self) -> None:
        """Ctrl+T: choose a template in a dialog and insert it at the reply's cursor."""
        d = self._detail
        if d is None or not d.workable:
            return
        if self.picker is not None and shiboken6.isValid(self.picker) and self.picker.isVisible():
            self.picker.raise_()
            self.picker.activateWindow()
            return
        self.tabs.setCurrentWidget(self.reply_tab)
        picker = TemplatePicker(
            self._runner, self._templates, d.language, d.channel.value, self.window()
        )
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.template_chosen.connect(self.composer.insert_template)
        picker.finished.connect(lambda _result: self.composer.editor.setFocus())
        self.picker = picker
        picker.open()

    # -- loading -------------------------------------------------------------------------------

    def _opened(self, contact_id: uuid.UUID, d: ContactDetail) -> None:
        if contact_id != self._contact_id:
            return
        self._show(d)
        self.composer.set_contact(d)
        self.tabs.setCurrentWidget(
            self.notes_tab if d.channel == Channel.PHONE and d.workable else self.reply_tab
        )
        if self._focus_on_load:
            self._focus_on_load = False
            self.focus_composer()
        self.detail_loaded.emit(d)

    def _open_failed(self, contact_id: uuid.UUID, err: RelaisError | Bug) -> None:
        if contact_id != self._contact_id:
            return
        self.clear()
        self.empty_label.setText(error_text(err))

    def _reload(self) -> None:
        cid = self._contact_id
        if cid is None:
            return
        contacts = self._contacts
        self._runner.read(
            lambda: contacts.detail(cid),
            lambda d: self._reloaded(cid, d),
            owner=self,
            key=self._key,
        )

    def _reloaded(self, contact_id: uuid.UUID, d: ContactDetail) -> None:
        if contact_id != self._contact_id:
            return
        was_workable = self._detail.workable if self._detail is not None else None
        self._show(d)
        if was_workable is not None and was_workable != d.workable:
            self.composer.set_workable(d.workable)  # taken away or given back
        self.detail_loaded.emit(d)

    def _show(self, d: ContactDetail) -> None:
        self._detail = d
        self.stack.setCurrentWidget(self.work)
        self.header.show_detail(d)
        self.thread_view.show_detail(d, header=False, at_end=True)
        self.notes_view.setHtml(notes_html(d.notes))
        count = len(d.notes)
        self.tabs.setTabText(
            self.tabs.indexOf(self.notes_tab),
            self.tr("Internal notes ({count})").format(count=count)
            if count
            else self.tr("Internal notes"),
        )
        if d.workable:
            self.read_only.hide()
        else:
            self.read_only.setText(self._read_only_reason(d))
            self.read_only.show()
        if d.channel == Channel.PHONE:
            self.call_bar.show_call(d.call_started_at, d.call_ended_at, d.workable, self._call_busy)
            self.call_bar.show()
        else:
            self.call_bar.stop()
            self.call_bar.hide()
        self._set_enabled(True)
        self.setFocusProxy(self.composer.editor if d.workable else self.thread_view)

    def _read_only_reason(self, d: ContactDetail) -> str:
        if d.status == ContactStatus.CLOSED:
            return self.tr("This contact is closed: you can read it, not reply or add notes.")
        if d.status == ContactStatus.QUEUED:
            return self.tr(
                "This contact is waiting in the queue: take it (Enter in the queue) to reply."
            )
        return self.tr(
            "Another advisor is handling this contact: you can read it, not reply or add notes."
        )

    def _set_enabled(self, loaded: bool) -> None:
        workable = loaded and self._detail is not None and self._detail.workable
        self.close_button.setEnabled(workable)
        self.template_button.setEnabled(workable)
        self.send_button.setEnabled(workable and not self._sending)
        self.note_editor.setEnabled(workable)
        self.note_button.setEnabled(workable)

    # -- replying ------------------------------------------------------------------------------

    def send(self) -> None:
        """Sends the reply, unless a placeholder is left (then selects it and says which)."""
        d = self._detail
        if d is None or not d.workable or self._sending:
            return
        self.tabs.setCurrentWidget(self.reply_tab)
        if not self.composer.ready_to_send():  # it says why, and keeps the text
            return
        text = self.composer.text()
        insertions = self.composer.insertions()
        cid, contacts = d.id, self._contacts
        self._sending = True
        self.composer.set_sending(True)
        self._set_enabled(True)
        self.composer.show_sending()
        self._runner.write(
            lambda: contacts.send_reply(cid, text, insertions),
            lambda message: self._sent(cid, message),
            lambda err: self._send_failed(cid, text, err),
            owner=self,
        )

    def _sent(self, cid: uuid.UUID, message: MessageView) -> None:
        self._sending = False
        if cid == self.composer.contact_id():
            self.composer.clear_after_send()
            self.composer.set_sending(False)
            self.composer.show_sent(message.created_at)
        if cid == self._contact_id:
            self._set_enabled(True)
            self._reload()
        self.reply_sent.emit(cid)

    def _send_failed(self, cid: uuid.UUID, text: str, err: RelaisError | Bug) -> None:
        self._sending = False
        if cid != self.composer.contact_id():
            # The advisor moved on while it was being stored: keep the text as that contact's
            # draft and tell them through the window.
            contacts = self._contacts
            self._runner.write(lambda: contacts.save_draft(cid, text), lambda _r: None)
            self._runner.error.emit(err)
            return
        self.composer.set_sending(False)
        self._set_enabled(True)
        self.composer.show_send_failed(err)
        self.composer.editor.setFocus()
        if isinstance(err, RelaisError):
            self._reload()  # e.g. the contact was taken away: show why it is now read-only

    def _request_close(self) -> None:
        if self._detail is not None and self._detail.workable:
            self.composer.flush_draft()
            self.close_requested.emit(self._detail)

    # -- notes ---------------------------------------------------------------------------------

    def _note_shortcut(self) -> None:
        if self._detail is None or not self._detail.workable:
            return
        if self.note_editor.hasFocus() and self.note_editor.toPlainText().strip():
            self.add_note()
            return
        self.tabs.setCurrentWidget(self.notes_tab)
        self.note_editor.setFocus()

    def call_running(self) -> bool:
        d = self._detail
        return d is not None and d.call_started_at is not None and d.call_ended_at is None

    def add_note(self) -> None:
        """Stores the note (marked as taken during the call while one runs)."""
        d = self._detail
        if d is None or not d.workable:
            return
        text = self.note_editor.toPlainText()
        if not text.strip():
            self.tabs.setCurrentWidget(self.notes_tab)
            self._say(self.note_message, self.tr("Write the note first."), ERROR_TONE)
            self.note_editor.setFocus()
            return
        during_call = self.call_running()
        cid, contacts = d.id, self._contacts
        self.note_button.setEnabled(False)
        self._say(self.note_message, self.tr("Adding the note…"), WAIT_TONE)
        self._runner.write(
            lambda: contacts.add_note(cid, text, during_call),
            lambda note: self._note_added(cid, text, note),
            lambda err: self._note_failed(cid, err),
            owner=self,
        )

    def _note_added(self, cid: uuid.UUID, text: str, note: NoteView) -> None:
        if cid != self._contact_id:
            return
        if self.note_editor.toPlainText() == text:
            self.note_editor.clear()
        self._set_enabled(True)
        message = (
            self.tr("Note added at {time} (taken during the call).")
            if note.during_call
            else self.tr("Note added at {time}.")
        )
        self._say(
            self.note_message, message.format(time=format_datetime(note.created_at)), DONE_TONE
        )
        self._reload()

    def _note_failed(self, cid: uuid.UUID, err: RelaisError | Bug) -> None:
        if cid != self._contact_id:
            self._runner.error.emit(err)
            return
        self._set_enabled(True)
        self._say(self.note_message, error_text(err), ERROR_TONE)

    # -- the call ------------------------------------------------------------------------------

    def _call_shortcut(self) -> None:
        d = self._detail
        if d is None or d.channel != Channel.PHONE or not d.workable:
            return
        if d.call_started_at is None:
            self.start_call()
        elif d.call_ended_at is None:
            self.end_call()

    def start_call(self) -> None:
        self._call_write(start=True)

    def end_call(self) -> None:
        self._call_write(start=False)

    def _call_write(self, start: bool) -> None:
        d = self._detail
        if d is None or not d.workable or self._call_busy:
            return
        cid, contacts = d.id, self._contacts
        self._call_busy = True
        self.call_bar.show_call(d.call_started_at, d.call_ended_at, d.workable, busy=True)
        self._runner.write(
            (lambda: contacts.start_call(cid)) if start else (lambda: contacts.end_call(cid)),
            lambda _none: self._call_done(cid),
            lambda err: self._call_failed(cid, err),
            owner=self,
        )

    def _call_done(self, cid: uuid.UUID) -> None:
        self._call_busy = False
        if cid == self._contact_id:
            self._reload()

    def _call_failed(self, cid: uuid.UUID, err: RelaisError | Bug) -> None:
        self._call_busy = False
        if cid != self._contact_id or self._detail is None:
            self._runner.error.emit(err)
            return
        d = self._detail
        self.call_bar.show_call(d.call_started_at, d.call_ended_at, d.workable)
        self.call_bar.state.setText(error_text(err))

    # -- helpers -------------------------------------------------------------------------------

    def _say(self, label: QLabel, text: str | None, tone: str = DONE_TONE) -> None:
        if not text:
            label.clear()
            label.hide()
            return
        theme.set_state(label, "tone", tone)
        label.setText(text)
        label.show()
