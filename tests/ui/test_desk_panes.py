"""The desk's three panes show one person: the customer pane follows the contact on screen
unless the advisor pins another customer (and then it says so), a row looked at in the queue
while another contact is worked is shown with a way back, and a second contact is never taken
without asking."""

import uuid

import pytest
from helpers import SecondContactAnswers
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.dto import ContactDetail, QueueFilter
from app.models import Customer
from app.workspace import Workspace
from ui.shell.main_window import MainWindow, fitting_size

CTRL = Qt.KeyboardModifier.ControlModifier


def _take_next(qtbot: QtBot, win: MainWindow) -> ContactDetail:
    panel = win.desk.contact_panel
    before = win.desk.held()
    qtbot.keyClick(win, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(
        lambda: (
            (d := panel.current()) is not None
            and d.workable
            and (before is None or d.id != before.id)
        ),
        timeout=10_000,
    )
    detail = panel.current()
    assert detail is not None
    return detail


def _another_customer(ws: Workspace, than: uuid.UUID | None) -> uuid.UUID:
    with ws.local.session() as s:
        ids = s.scalars(select(Customer.id).where(Customer.id != than).limit(1)).all()
    assert ids, "the demo copy holds more than one customer"
    return ids[0]


def test_a_customer_found_beside_a_contact_is_pinned_and_says_so(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = _take_next(qtbot, window)
    assert held.customer_id is not None, "the demo's first contact has a customer"
    customers = window.desk.customer_panel
    qtbot.waitUntil(lambda: customers.current_customer() == held.customer_id)
    other = _another_customer(workspace, held.customer_id)
    monkeypatch.setattr(
        "ui.desk.customer_link.CustomerSearchDialog.exec", lambda self: QDialog.DialogCode.Accepted
    )
    monkeypatch.setattr("ui.desk.customer_link.CustomerSearchDialog.chosen", lambda self: other)

    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    notice = window.desk.pin_notice
    qtbot.waitUntil(lambda: customers.current_customer() == other and notice.isVisible())
    profile = workspace.customers.profile(other)
    qtbot.waitUntil(lambda: profile.full_name in notice.label.text())
    assert held.reference in notice.label.text()
    assert window.desk.pinned() == other
    assert window.desk.contact_panel.current().id == held.id  # type: ignore[union-attr]

    notice.button.click()  # back to the contact's own customer
    qtbot.waitUntil(lambda: customers.current_customer() == held.customer_id)
    assert not notice.isVisible() and window.desk.pinned() is None


def test_the_contact_s_own_customer_found_is_not_pinned(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = _take_next(qtbot, window)
    monkeypatch.setattr(
        "ui.desk.customer_link.CustomerSearchDialog.exec", lambda self: QDialog.DialogCode.Accepted
    )
    monkeypatch.setattr(
        "ui.desk.customer_link.CustomerSearchDialog.chosen", lambda self: held.customer_id
    )
    window.desk.find_customer()
    assert window.desk.pinned() is None
    assert not window.desk.pin_notice.isVisible()


def test_a_pin_ends_with_the_contact_on_screen(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    held = _take_next(qtbot, window)
    window.desk.pin_customer(_another_customer(workspace, held.customer_id))
    assert window.desk.pinned() is not None
    second = _take_next(qtbot, window)  # the question is answered "take another"
    customers = window.desk.customer_panel
    qtbot.waitUntil(lambda: customers.current_customer() == second.customer_id)
    assert window.desk.pinned() is None and not window.desk.pin_notice.isVisible()


def test_a_row_looked_at_while_working_shows_its_own_customer_and_the_way_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    desk = window.desk
    held = _take_next(qtbot, window)
    table = desk.queue_panel.table
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(table.hasFocus)
    qtbot.waitUntil(lambda: window.runner.pending == 0)  # the queue's reload after the claim
    other = next(
        row
        for row in range(desk.queue_panel.model.rowCount())
        if desk.queue_panel.model.index(row, 0).data(desk.queue_panel.model.ID_ROLE) != held.id
    )
    table.setCurrentIndex(desk.queue_panel.model.index(other, 1))
    shown_id = desk.queue_panel.current_contact()
    panel = desk.contact_panel
    qtbot.waitUntil(lambda: (d := panel.current()) is not None and d.id == shown_id)
    shown = panel.current()
    assert shown is not None and not shown.workable
    # The customer pane follows the row on screen, never the contact worked behind it.
    if shown.customer_id is not None:
        qtbot.waitUntil(lambda: desk.customer_panel.current_customer() == shown.customer_id)
    assert desk.preview_notice.isVisible()
    assert held.reference in desk.preview_notice.label.text()
    assert shown.reference in desk.preview_notice.label.text()
    assert desk.held() is not None and desk.held().id == held.id  # type: ignore[union-attr]

    # Ctrl+Return on the row looked at closes nothing and says how to get back.
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    assert QApplication.activeModalWidget() is None
    assert held.reference in window.statusBar().currentMessage()

    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # back to the contact being worked
    qtbot.waitUntil(lambda: (d := panel.current()) is not None and d.id == held.id)
    qtbot.waitUntil(lambda: not desk.preview_notice.isVisible())
    qtbot.waitUntil(lambda: desk.queue_panel.current_contact() == held.id)
    if held.customer_id is not None:
        qtbot.waitUntil(lambda: desk.customer_panel.current_customer() == held.customer_id)


def test_ctrl_n_with_a_contact_open_asks_and_staying_takes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    second_contact: SecondContactAnswers,
) -> None:
    held = _take_next(qtbot, window)
    assert second_contact.asked == []  # nothing open: no question
    second_contact.take_another = False
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert second_contact.asked == [held.reference]
    qtbot.wait(200)
    assert window.runner.claiming == 0
    mine = workspace.queue.page(QueueFilter(mine_only=True), 0, 50)
    assert [r.id for r in mine] == [held.id]
    assert window.desk.contact_panel.current().id == held.id  # type: ignore[union-attr]

    second_contact.take_another = True
    second = _take_next(qtbot, window)
    assert second.id != held.id
    assert second_contact.asked == [held.reference, held.reference]


def test_the_pane_holding_the_keyboard_is_marked(qtbot: QtBot, window: MainWindow) -> None:
    _take_next(qtbot, window)
    queue, contact, customer = window.desk.panes
    for key, active in ((Qt.Key.Key_1, queue), (Qt.Key.Key_2, contact), (Qt.Key.Key_3, customer)):
        qtbot.keyClick(window, key, CTRL)
        qtbot.waitUntil(lambda a=active: a.property("active") is True)
        assert [p.property("active") for p in window.desk.panes].count(True) == 1


def test_the_first_size_fits_the_screen() -> None:
    assert fitting_size(QSize(2560, 1400)) == QSize(1600, 900)
    small = fitting_size(QSize(1366, 728))  # 1366x768 less a 40 px panel
    assert small.width() <= 1366 - 48 and small.height() <= 728 - 48


def test_a_screenshot_or_test_window_keeps_the_user_s_saved_layout(
    qtbot: QtBot, window: MainWindow
) -> None:
    settings = QSettings()
    settings.setValue("main/geometry", b"the user's own")
    window.shutdown()  # the fixture's window does not restore the layout, so saves none
    assert QSettings().value("main/geometry") == b"the user's own"
    settings.remove("main/geometry")


def test_a_filter_leaving_out_the_contact_worked_says_so_and_shows_it_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    desk = window.desk
    held = _take_next(qtbot, window)
    queue = desk.queue_panel
    other = "phone" if held.channel.value != "phone" else "email"
    queue.set_channel_filter(other)
    qtbot.waitUntil(desk.hidden_notice.isVisible)
    assert held.reference in desk.hidden_notice.label.text()

    desk.hidden_notice.button.click()  # the whole queue again, the contact selected
    qtbot.waitUntil(lambda: queue.current_contact() == held.id)
    assert not desk.hidden_notice.isVisible()
    assert queue.queue_filter().channels == frozenset()

    queue.set_status_filter(queue.WAITING)  # waiting only: the contact in progress is left out
    qtbot.waitUntil(desk.hidden_notice.isVisible)
