"""The reply editor: autosaved draft, templates typed with "/" or chosen with Ctrl+T, and the
placeholders still to fill shown in yellow.

A template is text, never code: inserting one fills its ``{{placeholders}}`` by plain
substitution (``app.placeholders.fill``) from values computed once per contact in a worker;
whatever has no value stays as ``{{name}}``, highlighted, and the panel refuses to send until the
advisor fills or removes it. Every template inserted is remembered as a ``TemplateInsertion`` so
the service can record its use (and whether the advisor edited it) when the reply goes out.

The draft is saved 800 ms after the last keystroke through the single writer, so an advisor who
is cut off, switches contact or closes the window loses at most the last keystrokes — and
``flush_draft`` saves even those.

Under the text, a counter shows how much of the channel's limit the reply takes, and one notice
says why a send was refused, that it is on its way, that it went or why it failed; a notice goes
as soon as it no longer describes the reply being written (``ui.desk.reply_feedback``). The rules
themselves are ``app``'s: which templates to offer (``TemplateService.suggest``) and how long a
reply may be (``app.channels``), which the service enforces again when sending.
"""

import re
import uuid
from datetime import datetime

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.channels import check_reply_length
from app.dto import ContactDetail, TemplateInsertion, TemplateSummary
from app.errors import InputError, RelaisError
from app.placeholders import PATTERN, fill
from app.placeholders import unfilled as unfilled_in
from app.services.contacts import ContactService
from app.services.templates import TemplateService
from ui.common import theme
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text, format_datetime
from ui.desk.reply_feedback import LengthCounter, ReplyNotice, Tone
from ui.desk.template_rows import PlaceholderHighlighter, TemplateListModel

AnyIndex = QModelIndex | QPersistentModelIndex


SLASH = re.compile(r"^/([^\W\d_][\w-]*)$")
"""A "/" at the start of a line followed by letters: the advisor is asking for a template."""


class ReplyEdit(QPlainTextEdit):
    """The text field itself; hands the keys that steer the template popup to the composer.

    QCompleter sends every key typed while its popup is open to this widget first: handling
    Enter, Tab and Esc here makes the popup behave the same whether the key reached the popup or
    the field.
    """

    def __init__(self, composer: "Composer") -> None:
        super().__init__(composer)
        self._composer = composer

    def focusNextPrevChild(self, forward: bool) -> bool:  # Qt override
        # Tab moves the focus out of the reply (keyboard users need that), except while the
        # template popup is open: then it inserts the chosen template.
        if self._composer.popup_visible():
            return False
        return super().focusNextPrevChild(forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if self._composer._popup_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


class Composer(QWidget):
    """The reply being written to the current contact.

    Signals:
        draft_saved(object): the ``datetime`` (local) of the last successful autosave.
        unfilled_changed(list): the placeholder names still in the reply.
        template_inserted(object): the ``TemplateSummary`` just put into the reply.
    """

    draft_saved = Signal(object)
    unfilled_changed = Signal(list)
    template_inserted = Signal(object)

    AUTOSAVE_MS = 800
    SLASH_LIMIT = 30
    """Templates offered in the "/" popup at most (the picker shows them all)."""

    def __init__(
        self,
        runner: Runner,
        contacts: ContactService,
        templates: TemplateService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._contacts = contacts
        self._templates = templates
        self._contact_id: uuid.UUID | None = None
        self._language: str | None = None
        self._channel: str | None = None
        self._workable = False
        self._sending = False
        self._loading = False
        self._suppress = False
        self._dirty = False
        self._values: dict[str, str] | None = None
        self._waiting_for_values: list[tuple[TemplateSummary, bool]] = []
        self._insertions: list[TemplateInsertion] = []
        self._slash_word: str | None = None
        self._dismissed_block: int | None = None
        self._last_unfilled: list[str] = []
        self._pending_saves: dict[uuid.UUID, str] = {}

        self.editor = ReplyEdit(self)
        self.editor.setObjectName("replyEditor")
        self.editor.setAccessibleName(self.tr("Reply to the customer"))
        self.editor.setPlaceholderText(
            self.tr(
                "Write your reply. Type / and a word at the start of a line to insert a "
                "template, or press Ctrl+T to search them all."
            )
        )
        self.editor.setTabChangesFocus(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.highlighter = PlaceholderHighlighter(self.editor.document())

        self.status = QLabel(self)
        self.status.setObjectName("composerStatus")
        self.status.setAccessibleName(self.tr("Placeholders to fill"))
        self.status.setWordWrap(True)
        self.draft_label = QLabel(self)
        self.draft_label.setObjectName("draftSaved")
        self.draft_label.setAccessibleName(self.tr("Draft status"))
        self.draft_label.setProperty("tone", "muted")
        self.draft_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counter = LengthCounter(self)
        self.notice = ReplyNotice(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        row.setContentsMargins(2, 0, 2, 0)
        row.setSpacing(12)
        row.addWidget(self.status, 1)
        row.addWidget(self.draft_label)
        row.addWidget(self.counter)
        layout.addLayout(row)
        layout.addWidget(self.notice)

        self.model = TemplateListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(self.editor)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(8)
        # The pop-up is made here and kept: QCompleter.popup() may answer None for a checker.
        self.popup = QListView(self.editor)
        self.completer.setPopup(self.popup)
        self.popup.setObjectName("templatePopup")
        self.popup.setAccessibleName(self.tr("Matching templates"))
        self.popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(self.AUTOSAVE_MS)
        self._autosave.timeout.connect(self.flush_draft)
        self.editor.textChanged.connect(self._text_changed)

        next_placeholder = QShortcut(QKeySequence("F8"), self.editor)
        next_placeholder.setContext(Qt.ShortcutContext.WidgetShortcut)
        next_placeholder.activated.connect(lambda: self.select_placeholder())

        self.set_contact(None)

    # -- contact -----------------------------------------------------------------------------

    def set_contact(self, detail: ContactDetail | None) -> None:
        """Switches to another contact (or none): saves the previous draft, loads this one's.

        A contact the advisor may not write on is shown read-only with its draft, if any, so
        text written before a lease was lost can still be copied.
        """
        self.flush_draft()
        self.hide_popup()
        self._insertions.clear()
        self._waiting_for_values.clear()
        self._values = None
        self._dismissed_block = None
        self.notice.clear_notice()
        self.counter.set_channel(detail.channel if detail is not None else None)
        self._set_text("")
        self.draft_label.clear()
        if detail is None:
            self._contact_id = None
            self._channel = None
            self._workable = False
            self._loading = False
            self._apply_editable()
            return
        cid = detail.id
        self._contact_id = cid
        self._language = detail.language
        self._channel = detail.channel.value
        self._workable = detail.workable
        self._loading = True
        self._apply_editable()
        contacts, templates = self._contacts, self._templates
        self._runner.read(
            lambda: contacts.load_draft(cid),
            lambda text: self._draft_loaded(cid, text),
            lambda err: self._draft_failed(cid, err),
            owner=self,
            key=f"composer-draft-{id(self)}",
        )
        self._runner.read(
            lambda: templates.values_for(cid),
            lambda values: self._values_loaded(cid, values),
            owner=self,
            key=f"composer-values-{id(self)}",
        )

    def contact_id(self) -> uuid.UUID | None:
        return self._contact_id

    def set_workable(self, workable: bool) -> None:
        """The contact was taken away or given back: keep the text, change what may be done."""
        if not workable:
            self.flush_draft()
            self.hide_popup()
        self._workable = workable
        self._apply_editable()

    def _draft_loaded(self, cid: uuid.UUID, text: str) -> None:
        if cid != self._contact_id:
            return
        # A save of this contact's draft may still be queued behind the read (the advisor came
        # back quickly): what was typed wins over what the database held a moment ago.
        text = self._pending_saves.get(cid, text)
        self._loading = False
        self._set_text(text)
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        if text:
            self.draft_label.setText(self.tr("Draft restored"))
        self._apply_editable()

    def _draft_failed(self, cid: uuid.UUID, err: RelaisError | Bug) -> None:
        if cid != self._contact_id:
            return
        self._loading = False
        self.draft_label.setText(self.tr("The draft could not be read."))
        self.draft_label.setToolTip(error_text(err))
        self._apply_editable()

    def _values_loaded(self, cid: uuid.UUID, values: dict[str, str]) -> None:
        if cid != self._contact_id:
            return
        self._values = values
        waiting, self._waiting_for_values = self._waiting_for_values, []
        for summary, replace_slash in waiting:
            self._insert(summary, replace_slash)

    # -- text --------------------------------------------------------------------------------

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        """Replaces the reply as if the advisor typed it (autosaved, highlighted)."""
        self.editor.setPlainText(text)

    def unfilled(self) -> list[str]:
        """The placeholders still in the reply, in order of first appearance."""
        return unfilled_in(self.text())

    def insertions(self) -> tuple[TemplateInsertion, ...]:
        """The templates that went into this reply, for recording their use on sending."""
        return tuple(self._insertions)

    def select_placeholder(self, name: str | None = None) -> bool:
        """Selects a placeholder (the named one, else the next after the cursor) so typing
        replaces it. Returns whether one was found."""
        text = self.text()
        cursor = self.editor.textCursor()
        matches = [m for m in PATTERN.finditer(text) if name is None or m.group(1) == name]
        if not matches:
            return False
        after = [m for m in matches if m.start() >= cursor.selectionEnd()]
        chosen = after[0] if (after and name is None) else matches[0]
        cursor.setPosition(chosen.start())
        cursor.setPosition(chosen.end(), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        return True

    # -- sending: what the panel asks before, during and after ---------------------------------

    def ready_to_send(self) -> bool:
        """Checks the reply as the service will before it goes: a placeholder left, nothing
        written, or longer than the channel accepts. When it may not go, says why under the
        reply (until that is no longer true), puts the cursor where the fix is, and keeps the
        text."""
        if self._contact_id is None or not self._workable:
            return False
        missing = self.unfilled()
        if missing:
            self.notice.say_while(lambda: self._unfilled_notice(missing), Tone.ERROR)
            self.select_placeholder(missing[0])
            return False
        if not self.text().strip():
            self.notice.say_while(self._empty_notice, Tone.ERROR)
            self.editor.setFocus()
            return False
        if self._length_notice() is not None:
            self.notice.say_while(self._length_notice, Tone.ERROR)
            self.editor.setFocus()
            return False
        return True

    def show_sending(self) -> None:
        self.notice.say(self.tr("Sending…"), Tone.WAIT)

    def show_sent(self, when: datetime) -> None:
        """The reply went: says when, until the advisor starts the next one."""
        self.notice.say(
            self.tr("Reply sent at {time}.").format(time=format_datetime(when)),
            Tone.INFO,
            until_edited=True,
        )

    def show_send_failed(self, err: RelaisError | Bug) -> None:
        """The service refused or failed to store the reply: says why; the text stays."""
        self.notice.say(error_text(err), Tone.ERROR, until_edited=True)

    def _unfilled_notice(self, names: list[str]) -> str | None:
        left = [name for name in names if name in self.unfilled()]
        if not left:
            return None
        return self.tr(
            "Not sent: fill in or remove {names} first. The first one is selected — type its value."
        ).format(names=", ".join("{{" + name + "}}" for name in left))

    def _empty_notice(self) -> str | None:
        if self.text().strip():
            return None
        return self.tr("The reply is empty. Write an answer or insert a template with Ctrl+T.")

    def _length_notice(self) -> str | None:
        """The service's own words for a reply too long for the channel, None when it fits."""
        if self._channel is None:
            return None
        try:
            check_reply_length(self.text(), self._channel)
        except InputError as err:
            return error_text(err)
        return None

    def clear_after_send(self) -> None:
        """The reply went out: empty the field without saving an empty draft (the service
        already deleted the stored one)."""
        self._autosave.stop()
        self._dirty = False
        self._insertions.clear()
        self._set_text("")
        self.draft_label.clear()

    def set_sending(self, sending: bool) -> None:
        """While a reply is being stored the text is frozen and no autosave may follow it (it
        would resurrect the draft the service deletes)."""
        self._sending = sending
        if sending:
            self._autosave.stop()
            self.hide_popup()
        elif self._dirty:
            self._autosave.start()
        self._apply_editable()

    def _set_text(self, text: str) -> None:
        self._suppress = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._suppress = False
        self._dirty = False
        self._refresh_unfilled()

    def _apply_editable(self) -> None:
        writable = self._contact_id is not None and self._workable
        self.editor.setReadOnly(not writable or self._loading or self._sending)
        self.editor.setEnabled(self._contact_id is not None)

    def _text_changed(self) -> None:
        self._refresh_unfilled()
        self.counter.show_text(self.text())
        self.notice.reply_changed(edited=not self._suppress)
        if self._suppress:
            return
        if not self.text().strip():
            self._insertions.clear()
        if self._contact_id is not None and self._workable:
            self._dirty = True
            if not self._sending:
                self._autosave.start()
        self._check_slash()

    def _refresh_unfilled(self) -> None:
        names = self.unfilled()
        if names != self._last_unfilled:
            self._last_unfilled = names
            self.unfilled_changed.emit(names)
        if names:
            theme.set_state(self.status, "tone", "placeholder")
            self.status.setText(
                self.tr("To fill before sending: {names} (F8 selects the next one)").format(
                    names=", ".join("{{" + n + "}}" for n in names)
                )
            )
        else:
            theme.set_state(self.status, "tone", None)
            self.status.clear()

    # -- draft -------------------------------------------------------------------------------

    def flush_draft(self) -> None:
        """Saves the draft now if it changed since the last save (before switching contact,
        closing the contact or quitting)."""
        self._autosave.stop()
        if self._sending:
            return  # the reply is being stored and its draft deleted; a failure restarts autosave
        if not self._dirty or self._contact_id is None or not self._workable:
            return
        cid, text, contacts = self._contact_id, self.text(), self._contacts
        self._dirty = False
        self._pending_saves[cid] = text
        self._runner.write(
            lambda: contacts.save_draft(cid, text),
            lambda _none: self._draft_saved(cid, text),
            lambda err: self._draft_save_failed(cid, text, err),
            owner=self,
        )

    def _forget_pending(self, cid: uuid.UUID, text: str) -> None:
        if self._pending_saves.get(cid) == text:
            del self._pending_saves[cid]

    def _draft_saved(self, cid: uuid.UUID, text: str) -> None:
        self._forget_pending(cid, text)
        when = datetime.now().astimezone()
        if cid == self._contact_id:
            theme.set_state(self.draft_label, "tone", "muted")
            self.draft_label.setToolTip("")
            self.draft_label.setText(
                self.tr("Draft saved {time}").format(time=when.strftime("%H:%M"))
            )
        self.draft_saved.emit(when)

    def _draft_save_failed(self, cid: uuid.UUID, text: str, err: RelaisError | Bug) -> None:
        self._forget_pending(cid, text)
        if cid != self._contact_id:
            self._runner.error.emit(err)
            return
        self._dirty = True  # try again on the next keystroke or flush
        theme.set_state(self.draft_label, "tone", "error")
        self.draft_label.setText(self.tr("Draft not saved — your text is still here"))
        self.draft_label.setToolTip(error_text(err))

    # -- templates ---------------------------------------------------------------------------

    def insert_template(self, summary: TemplateSummary) -> None:
        """Puts a template at the cursor (Ctrl+T, the picker), filled for this contact."""
        if self._contact_id is None or not self._workable:
            return
        if self._values is None:
            self._waiting_for_values.append((summary, False))
            return
        self._insert(summary, replace_slash=False)

    def _insert(self, summary: TemplateSummary, replace_slash: bool) -> None:
        filled = fill(summary.body, self._values or {})
        cursor = self.editor.textCursor()
        if replace_slash:
            cursor.clearSelection()
            cursor.movePosition(
                QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            if not SLASH.match(cursor.selectedText()):
                cursor = self.editor.textCursor()  # the "/word" is gone: insert at the cursor
        start = min(cursor.position(), cursor.anchor())
        cursor.insertText(filled.text)
        end = cursor.position()
        self.editor.setTextCursor(cursor)
        self._insertions.append(TemplateInsertion(summary.id, summary.version, filled.text))
        self.hide_popup()
        if filled.missing:
            # Select the first gap so the advisor can type its value straight away.
            inserted = self.text()[start:end]
            match = PATTERN.search(inserted)
            if match is not None:
                sel = self.editor.textCursor()
                sel.setPosition(start + match.start())
                sel.setPosition(start + match.end(), QTextCursor.MoveMode.KeepAnchor)
                self.editor.setTextCursor(sel)
        self.editor.setFocus()
        self.template_inserted.emit(summary)

    # -- the "/" popup -----------------------------------------------------------------------

    def popup_visible(self) -> bool:
        return self.popup.isVisible()

    def hide_popup(self) -> None:
        self._slash_word = None
        self.popup.hide()

    def _slash_state(self) -> tuple[int, str] | None:
        """(block number, word) when the text before the cursor on its line is "/word"."""
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return None
        block = cursor.block()
        before = block.text()[: cursor.positionInBlock()]
        match = SLASH.match(before)
        return (block.blockNumber(), match.group(1)) if match else None

    def _check_slash(self) -> None:
        state = self._slash_state()
        if state is None or not self._workable:
            self._dismissed_block = None
            self.hide_popup()
            return
        block, word = state
        if self._dismissed_block == block:
            return  # dismissed with Esc: leave this "/word" alone until it is gone
        self._slash_word = word
        templates, language, channel = self._templates, self._language, self._channel
        limit = self.SLASH_LIMIT
        self._runner.read(
            lambda: templates.suggest(word, channel, preferred_language=language, limit=limit),
            lambda offer: self._slash_results(word, offer.templates),
            owner=self,
            key=f"composer-slash-{id(self)}",
        )

    def _slash_results(self, word: str, rows: tuple[TemplateSummary, ...]) -> None:
        state = self._slash_state()
        if state is None or state[1] != word or self._slash_word != word:
            return
        self.model.set_templates(rows)
        popup = self.popup
        if not rows:
            popup.hide()
            return
        rect: QRect = self.editor.cursorRect()
        rect.setWidth(max(360, min(560, self.editor.viewport().width() - rect.left())))
        self.completer.complete(rect)
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        self._choose_row(index.row())

    def _choose_row(self, row: int) -> None:
        summary = self.model.summary(row)
        self.popup.hide()
        if summary is None:
            return
        self._slash_word = None
        if self._values is None:
            self._waiting_for_values.append((summary, True))
            return
        self._insert(summary, replace_slash=True)

    def _popup_key(self, event: QKeyEvent) -> bool:
        """Keys that steer the popup while it is open; True when handled here."""
        popup = self.popup
        if not popup.isVisible():
            return False
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            current = popup.currentIndex()
            self._choose_row(current.row() if current.isValid() else 0)
            return True
        if key == Qt.Key.Key_Escape:
            state = self._slash_state()
            self._dismissed_block = state[0] if state else None
            self.hide_popup()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            # Reached here only when the key was sent to the field itself (tests, accessibility
            # tools); normally the popup moves its own selection.
            count = self.completer.completionModel().rowCount()
            row = popup.currentIndex().row()
            row = min(count - 1, row + 1) if key == Qt.Key.Key_Down else max(0, row - 1)
            popup.setCurrentIndex(self.completer.completionModel().index(row, 0))
            return True
        return False
