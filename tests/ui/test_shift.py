"""A slice of an advisor's shift through the real main window, keyboard only, on the demo data:
next contact → insert a template → fill its placeholder → send → close with reason, outcome and
self-assessment → next contact. Then what was stored is checked in the database."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.dto import QueueFilter, QueueRow
from app.models import (
    ChangeLog,
    Contact,
    ContactStatus,
    Customer,
    Direction,
    Message,
    TemplateUsage,
    WrapUp,
)
from app.services.templates import made_for
from app.workspace import Workspace
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target: QWidget | None = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


@pytest.fixture
def head_of_queue(workspace: Workspace) -> list[QueueRow]:
    """The first two queued contacts; the first customer's first name is made unknown so that
    a template's placeholder stays to fill (before the window reads anything). Not the account
    number: the head of the queue may be on a public channel, where no template offers it."""
    head = workspace.queue.page(QueueFilter(statuses=frozenset({ContactStatus.QUEUED})), 0, 2)
    assert head[0].customer_id is not None
    with workspace.local.session() as s:
        s.execute(update(Customer).where(Customer.id == head[0].customer_id).values(first_name=""))
    return head


def test_a_slice_of_a_shift(
    qtbot: QtBot, head_of_queue: list[QueueRow], window: MainWindow, workspace: Workspace
) -> None:
    first, second = head_of_queue
    detail = workspace.contacts.detail(first.id)
    language, channel = detail.language, detail.channel.value
    template, word = next(
        (t, w)
        for t in workspace.templates.search("", language=language)
        if "{{customer_first_name}}" in t.body and made_for(t, channel)
        for w in t.title.split()
        if w.isascii() and w.isalpha() and len(w) >= 4  # QTest types ASCII only
    )
    panel = window.desk.contact_panel

    # Next contact, from the keyboard.
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: (d := panel.current()) is not None and d.workable and d.id == first.id)
    qtbot.waitUntil(lambda: panel.composer.editor.hasFocus())

    # "/" and the first word of the template's title, then pick it from the list.
    qtbot.keyClicks(panel.composer.editor, "/" + word)
    qtbot.waitUntil(panel.composer.popup_visible)
    model = panel.composer.model
    rows = [model.summary(r) for r in range(model.rowCount())]
    position = [r.id if r else None for r in rows].index(template.id)
    for _ in range(position):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.composer.unfilled() == ["customer_first_name"])

    # Sending is refused while the placeholder is there, and nothing is stored.
    press(qtbot, Qt.Key.Key_Return, CTRL_SHIFT)
    qtbot.wait(300)
    assert "{{customer_first_name}}" in panel.composer.text()
    with workspace.local.session() as s:
        outbound = select(Message).where(
            Message.contact_id == first.id, Message.direction == Direction.OUTBOUND
        )
        assert s.scalars(outbound).all() == []

    # F8 selects the placeholder; typing replaces it. Then send.
    panel.composer.editor.setFocus()
    press(qtbot, Qt.Key.Key_F8)
    qtbot.keyClicks(panel.composer.editor, "Eloise")
    assert panel.composer.unfilled() == []
    sent_text = panel.composer.text().strip()
    with qtbot.waitSignal(panel.reply_sent, timeout=5_000):
        press(qtbot, Qt.Key.Key_Return, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel.composer.text() == "")

    # Close with the keyboard: reason, outcome, self-assessment 4, "close and take next".
    def drive_close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # the reason codes are still loading
            QTimer.singleShot(20, drive_close_dialog)
            return
        assert dialog.objectName() == "closeDialog"
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason)
        qtbot.keyClicks(dialog.reason, "withdrawal")  # the interface is in English here
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Space)  # the first outcome: resolved at first contact
        press(qtbot, Qt.Key.Key_4)
        press(qtbot, Qt.Key.Key_Return, CTRL)

    QTimer.singleShot(0, drive_close_dialog)
    # A watchdog: should the dialog not accept, it is rejected so the test fails, not hangs.
    QTimer.singleShot(15_000, lambda: (m := QApplication.activeModalWidget()) and m.reject())
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)

    # The next contact is taken by itself.
    def next_is_taken() -> None:  # says what the screen shows instead, should it time out
        d = panel.current()
        shown = None if d is None else (d.reference, d.status.value, d.workable)
        assert d is not None and d.workable and d.id == second.id, (
            f"expected {second.reference} in progress, the screen shows {shown}; "
            f"the status bar says {window.statusBar().currentMessage()!r}"
        )

    qtbot.waitUntil(next_is_taken, timeout=10_000)

    with workspace.local.session() as s:
        contact = s.get(Contact, first.id)
        assert contact is not None and contact.status == ContactStatus.CLOSED
        wrap = s.scalars(select(WrapUp).where(WrapUp.contact_id == first.id)).one()
        assert wrap.self_assessment == 4
        assert wrap.outcome == "resolved"
        message = s.scalars(
            select(Message).where(
                Message.contact_id == first.id, Message.direction == Direction.OUTBOUND
            )
        ).one()
        assert message.body_text == sent_text
        assert "Eloise" in message.body_text
        usage = s.scalars(select(TemplateUsage).where(TemplateUsage.contact_id == first.id)).one()
        assert usage.template_id == template.id
        assert usage.edited  # the placeholder was filled by hand
    # The window's sync sends everything to the centre by itself, in the advisor's order.
    qtbot.waitUntil(lambda: workspace.pending_changes() == 0, timeout=10_000)
    with workspace.central.session() as s:
        order = {
            (c.table_name, c.row_id): c.seq
            for c in s.scalars(select(ChangeLog).order_by(ChangeLog.seq))
        }
    assert order[("message", message.id)] < order[("wrap_up", wrap.id)]
    assert ("template_usage", usage.id) in order
