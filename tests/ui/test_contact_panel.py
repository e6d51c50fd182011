"""The contact panel: reading the thread, replying with templates, notes and the call record."""

import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from sqlalchemy import select

from app.dto import CloseRequest, ContactDetail, QueueFilter, TemplateSummary
from app.models import Channel, Contact, ContactStatus, Direction, Outcome, TemplateUsage
from app.placeholders import names_in
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.contact_panel import ContactPanel, shortcuts
from ui.desk.template_picker import TemplatePicker
from ui.shell.help_dialog import HelpDialog


@pytest.fixture
def runner(workspace: Workspace) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


@pytest.fixture
def panel(qtbot, runner: Runner, workspace: Workspace) -> ContactPanel:
    widget = ContactPanel(runner, workspace.contacts, workspace.templates, workspace.who)
    qtbot.addWidget(widget)
    widget.resize(620, 860)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def claim(ws: Workspace, channel: Channel = Channel.EMAIL) -> uuid.UUID:
    claimed = ws.queue.next_contact(QueueFilter(channels=frozenset({channel})))
    assert claimed is not None, f"the demo queue has a {channel} contact"
    return claimed.contact_id


def open_contact(qtbot, panel: ContactPanel, contact_id: uuid.UUID) -> ContactDetail:
    with qtbot.waitSignal(panel.detail_loaded, timeout=5000) as signal:
        panel.show_contact(contact_id)
    detail: ContactDetail = signal.args[0]
    if detail.workable:
        qtbot.waitUntil(lambda: not panel.composer.editor.isReadOnly())
    return detail


def fillable_templates(ws: Workspace, contact_id: uuid.UUID) -> list[TemplateSummary]:
    """Templates whose every placeholder has a value for this contact."""
    known = {k for k, v in ws.templates.values_for(contact_id).items() if v}
    return [t for t in ws.templates.search("") if set(names_in(t.body)) <= known]


def outbound_bodies(ws: Workspace, contact_id: uuid.UUID) -> list[str]:
    detail = ws.contacts.detail(contact_id)
    return [m.body_text for m in detail.messages if m.direction == Direction.OUTBOUND]


def test_empty_state_says_how_to_take_a_contact(panel: ContactPanel) -> None:
    assert panel.current() is None
    assert panel.stack.currentWidget() is panel.empty
    assert "Ctrl+N" in panel.empty_label.text()


def test_opening_a_contact_shows_its_thread_and_announces_it(
    qtbot, panel: ContactPanel, workspace: Workspace
) -> None:
    contact_id = claim(workspace)

    detail = open_contact(qtbot, panel, contact_id)

    assert detail.id == contact_id and panel.current() == detail
    assert panel.header.reference.text() == detail.reference
    # The header's facts break between two facts only ("en cours", "priorité urgente" whole).
    facts = panel.header.facts.text().split(" · ")
    assert all(" " not in fact for i, fact in enumerate(facts) if i != 1), facts
    assert any(fact.startswith("priority\u00a0") and fact.islower() for fact in facts), facts
    first = detail.messages[0]
    assert first.body_text.split("\n")[0].strip() in panel.thread_view.toPlainText()
    assert panel.tabs.currentWidget() is panel.reply_tab
    assert panel.send_button.isEnabled() and not panel.read_only.isVisible()


def test_send_is_refused_while_a_placeholder_is_unfilled_then_records_template_use(
    qtbot, panel: ContactPanel, runner: Runner, workspace: Workspace
) -> None:
    contact_id = claim(workspace)
    while workspace.contacts.detail(contact_id).customer_id is None:
        contact_id = claim(workspace)  # templates greet the customer by name: take a known one
    open_contact(qtbot, panel, contact_id)
    kept, edited = fillable_templates(workspace, contact_id)[:2]
    composer = panel.composer
    composer.insert_template(kept)
    composer.editor.insertPlainText("\n")
    composer.insert_template(edited)
    qtbot.waitUntil(lambda: len(composer.insertions()) == 2)
    composer.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(composer.editor, " Dossier {{case_number}}.")

    qtbot.keyClick(
        composer.editor,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert panel.composer.notice.isVisible()
    assert "{{case_number}}" in panel.composer.notice.text()
    assert composer.editor.textCursor().selectedText() == "{{case_number}}"
    assert runner.wait_idle() and outbound_bodies(workspace, contact_id) == []

    qtbot.keyClicks(composer.editor, "D-42")  # typing replaces the selected placeholder
    edited_text = composer.insertions()[1].inserted_text
    cursor = composer.editor.textCursor()
    cursor.setPosition(composer.text().index(edited_text) + len(edited_text) // 2)
    cursor.insertText(" (modifié) ")
    final = composer.text()

    with qtbot.waitSignal(panel.reply_sent, timeout=5000) as sent:
        panel.send()

    assert sent.args == [contact_id]
    assert outbound_bodies(workspace, contact_id) == [final.strip()]
    assert composer.text() == ""
    qtbot.waitUntil(lambda: "Reply sent" in panel.composer.notice.text())
    qtbot.waitUntil(lambda: "(modifié)" in panel.thread_view.toPlainText())
    assert workspace.contacts.load_draft(contact_id) == ""
    with workspace.local.session() as s:
        rows = s.execute(
            select(TemplateUsage.template_id, TemplateUsage.edited).where(
                TemplateUsage.contact_id == contact_id
            )
        ).all()
    usage = {template_id: was_edited for template_id, was_edited in rows}
    assert usage == {kept.id: False, edited.id: True}


def test_a_failed_send_keeps_the_text_and_says_why(
    qtbot, panel: ContactPanel, workspace: Workspace
) -> None:
    contact_id = claim(workspace)
    open_contact(qtbot, panel, contact_id)
    qtbot.keyClicks(panel.composer.editor, "Nous avons bien recu votre demande.")
    reason = workspace.reference.reason_codes()[0]
    workspace.contacts.close(CloseRequest(contact_id, reason.id, Outcome.RESOLVED, 3))

    panel.send()

    qtbot.waitUntil(lambda: "not yours" in panel.composer.notice.text())
    assert panel.composer.text() == "Nous avons bien recu votre demande."
    qtbot.waitUntil(lambda: panel.read_only.isVisible())  # reloaded: now closed, read-only
    assert panel.composer.editor.isReadOnly()
    assert panel.composer.text() == "Nous avons bien recu votre demande."


def test_a_contact_not_mine_is_read_only_with_the_reason(
    qtbot, panel: ContactPanel, workspace: Workspace
) -> None:
    with workspace.local.session() as s:
        closed_id = s.scalars(
            select(Contact.id).where(Contact.status == ContactStatus.CLOSED).limit(1)
        ).one()

    detail = open_contact(qtbot, panel, closed_id)

    assert not detail.workable
    assert panel.read_only.isVisible() and "closed" in panel.read_only.text()
    assert panel.composer.editor.isReadOnly()
    assert not panel.send_button.isEnabled() and not panel.note_button.isEnabled()
    assert not panel.close_button.isEnabled()
    panel.send()  # the shortcut on a read-only contact does nothing
    assert not panel.composer.notice.isVisible()


def test_phone_call_start_and_end_show_the_times_and_notes_mark_the_call(
    qtbot, panel: ContactPanel, workspace: Workspace
) -> None:
    contact_id = claim(workspace, Channel.PHONE)
    open_contact(qtbot, panel, contact_id)
    bar = panel.call_bar
    assert bar.isVisible() and bar.start_button.isEnabled()
    assert panel.tabs.currentWidget() is panel.notes_tab  # on the phone, notes come first

    qtbot.mouseClick(bar.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "On call since" in bar.state.text())
    assert bar.end_button.isVisible() and bar.end_button.isEnabled()
    assert workspace.contacts.detail(contact_id).call_started_at is not None

    panel.note_editor.setFocus()
    panel.note_editor.setPlainText("Le client confirme son IBAN.")
    qtbot.keyClick(
        panel.note_editor,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "Note added" in panel.note_message.text())
    [note] = workspace.contacts.detail(contact_id).notes
    assert note.during_call and note.body == "Le client confirme son IBAN."
    assert panel.note_editor.toPlainText() == ""
    qtbot.waitUntil(lambda: "Internal note — not sent" in panel.thread_view.toPlainText())

    qtbot.mouseClick(bar.end_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.state.text().startswith("Call from"))
    detail = workspace.contacts.detail(contact_id)
    assert detail.call_ended_at is not None
    assert "Call from" in panel.thread_view.toPlainText()
    assert not bar.end_button.isVisible() and not bar.start_button.isVisible()


def test_ctrl_t_picker_inserts_into_the_reply(
    qtbot, panel: ContactPanel, workspace: Workspace
) -> None:
    contact_id = claim(workspace)
    detail = open_contact(qtbot, panel, contact_id)

    panel.open_template_picker()
    picker = panel.picker
    assert isinstance(picker, TemplatePicker)
    qtbot.waitUntil(lambda: picker.model.rowCount() > 0)
    chosen = picker.model.summary(0)
    assert chosen.language == detail.language
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: panel.composer.insertions() != ())
    assert panel.composer.insertions()[0].template_id == chosen.id


def test_close_button_hands_the_contact_to_the_window(
    qtbot, panel: ContactPanel, workspace: Workspace
) -> None:
    detail = open_contact(qtbot, panel, claim(workspace))
    with qtbot.waitSignal(panel.close_requested) as signal:
        qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert signal.args == [detail]


def test_switching_contact_saves_the_draft_and_coming_back_restores_it(
    qtbot, panel: ContactPanel, workspace: Workspace
) -> None:
    first, second = claim(workspace), claim(workspace)
    open_contact(qtbot, panel, first)
    qtbot.keyClicks(panel.composer.editor, "Brouillon en cours")

    open_contact(qtbot, panel, second)
    assert panel.composer.text() == ""
    open_contact(qtbot, panel, first)

    qtbot.waitUntil(lambda: panel.composer.text() == "Brouillon en cours")
    panel.clear()
    assert panel.stack.currentWidget() is panel.empty


def test_shortcuts_are_listed_for_the_help_dialog(qtbot) -> None:
    listed = shortcuts()
    keys = [k for k, _text in listed]
    assert "Ctrl+Shift+Return" in keys and "Ctrl+Shift+N" in keys
    assert "Ctrl+Return" not in keys  # the main window's close
    assert all(text for _k, text in listed)
    dialog = HelpDialog(listed, sections=())  # without the closing dialog's keys
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(listed)


def test_the_send_keys_in_the_note_editor_never_send_the_reply(
    qtbot, panel: ContactPanel, runner: Runner, workspace: Workspace
) -> None:
    cid = claim(workspace)
    open_contact(qtbot, panel, cid)
    panel.composer.set_text("half-written reply, not ready")
    panel.tabs.setCurrentWidget(panel.notes_tab)
    panel.note_editor.setFocus()
    qtbot.keyClicks(panel.note_editor, "customer calls back at 5")
    qtbot.keyClick(
        panel.note_editor,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.wait(200)
    runner.wait_idle()
    assert workspace.contacts.detail(cid).messages[-1].direction == Direction.INBOUND


def test_a_note_typed_but_not_added_is_kept_when_leaving_the_contact(
    qtbot, panel: ContactPanel, runner: Runner, workspace: Workspace
) -> None:
    cid = claim(workspace, Channel.PHONE)
    open_contact(qtbot, panel, cid)
    panel.tabs.setCurrentWidget(panel.notes_tab)
    qtbot.keyClicks(panel.note_editor, "Promised a callback tomorrow")
    panel.flush_draft()  # what switching contact, closing or quitting does
    runner.wait_idle()
    qtbot.waitUntil(lambda: not runner.pending)
    notes = [n.body for n in workspace.contacts.detail(cid).notes]
    assert "Promised a callback tomorrow" in notes
