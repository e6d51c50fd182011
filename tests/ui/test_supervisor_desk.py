"""The supervisor's perspective: F9 switches between the team's board and the advisor's desk;
the board reads the centre off the GUI thread; the desk's keys bring the desk back."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.settings import Settings
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow


@pytest.fixture
def supervisor_window(
    qtbot: QtBot, supervisor_workspace: Workspace, tmp_path: Path
) -> Iterator[MainWindow]:
    win = MainWindow(Runner(), Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=10_000):
        win.attach(supervisor_workspace)
    yield win
    win.shutdown()


def test_f9_shows_the_teams_board_and_back(qtbot: QtBot, supervisor_window: MainWindow) -> None:
    win = supervisor_window
    assert win.board is not None and win.perspectives.currentWidget() is win.desk
    win.desk.next_contact()  # the supervisor works one too: the board shows who holds it
    qtbot.waitUntil(lambda: win.desk.working_on() is not None, timeout=10_000)
    qtbot.keyClick(win, Qt.Key.Key_F9)
    assert win.perspectives.currentWidget() is win.board
    qtbot.waitUntil(lambda: win.board.held.rowCount() > 0, timeout=10_000)
    text = win.board.waiting.text()
    assert "waiting" in text or "attente" in text
    assert "Read from the centre" in win.board.status.text()
    held = win.board.held
    assert held.data(held.index(0, 0)) == win.ws.who.display_name
    assert held.data(held.index(0, 1)) != "—"  # held for how long
    win.act_perspective.trigger()
    assert win.perspectives.currentWidget() is win.desk


def test_the_desks_keys_bring_the_desk_back(qtbot: QtBot, supervisor_window: MainWindow) -> None:
    win = supervisor_window
    win.switch_perspective()
    assert win.perspectives.currentWidget() is win.board
    win.desk.toolbar_actions()[0].trigger()  # "Next contact"
    assert win.perspectives.currentWidget() is win.desk


def test_an_advisor_has_no_board(window: MainWindow) -> None:
    assert window.board is None and not window.act_perspective.isVisible()


def test_a_supervisor_pins_words_and_exports_one_page(
    qtbot: QtBot, supervisor_window: MainWindow, tmp_path: Path
) -> None:
    win = supervisor_window
    win.switch_perspective()
    board = win.board.verbatims
    win.board.tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.quotes.count() > 0, timeout=10_000)
    first = board.quotes.item(0)
    assert "«" in first.text()
    board.quotes.setCurrentRow(0)
    board.tags.setText("délais, remboursement")
    board.pin_current()
    qtbot.waitUntil(lambda: board.board.count() == 1, timeout=10_000)
    assert "délais" in board.board.item(0).text()
    assert board.tag_filter.findData("remboursement") >= 0
    pdf = tmp_path / "voix.pdf"
    assert board.export(pdf) == 1
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1  # one page
    board.board.setCurrentRow(0)
    board.unpin_current()
    qtbot.waitUntil(lambda: board.board.count() == 0, timeout=10_000)
