"""The team's focus indicator on an advisor's status bar: hidden while the team follows none,
shown with its value and trend once the supervisor sets one."""

from pytestqt.qtbot import QtBot

from app.backoffice.centre import BackOffice
from app.backoffice.focus import set_focus
from app.workspace import Workspace, find_user
from ui.shell.main_window import MainWindow


def test_the_status_bar_shows_the_teams_focus(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    label = window.focus
    label.refresh()
    qtbot.wait(300)
    assert label.isHidden()  # the demo team follows no indicator yet
    chief = BackOffice(workspace.central, find_user(workspace.central, "superviseur"))
    set_focus(chief, "csat")
    label.refresh()
    qtbot.waitUntil(label.isVisible, timeout=10_000)
    assert label.text().startswith("Focus: Satisfied customers (CSAT 4-5)")
    assert "%" in label.text()
    assert "7 days" in label.toolTip()
