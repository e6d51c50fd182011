"""Putting a contact back in the queue from the window, for a colleague to take."""

from pytestqt.qtbot import QtBot

from app.models import Contact, ContactStatus
from app.workspace import Workspace
from ui.shell.main_window import MainWindow


def test_the_open_contact_goes_back_to_the_queue(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    window.desk.next_contact()
    qtbot.waitUntil(lambda: (c := window.desk.contact_panel.current()) is not None and c.workable)
    contact_id = window.desk.contact_panel.current().id
    window.desk.release_contact()
    qtbot.waitUntil(lambda: "back in the queue" in window.statusBar().currentMessage())
    with workspace.local.session() as s:
        contact = s.get(Contact, contact_id)
        assert (contact.status, contact.assigned_to) == (ContactStatus.QUEUED, None)
    qtbot.waitUntil(lambda: not window.desk.contact_panel.current().workable, timeout=5_000)


def test_nothing_open_nothing_released(qtbot: QtBot, window: MainWindow) -> None:
    window.desk.release_contact()
    assert "Open one of your contacts first" in window.statusBar().currentMessage()
