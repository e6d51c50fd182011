"""Fixtures of the window tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import SecondContactAnswers
from pytestqt.qtbot import QtBot

from app.settings import Settings
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow


@pytest.fixture
def second_contact() -> SecondContactAnswers:
    return SecondContactAnswers()


@pytest.fixture
def window(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, second_contact: SecondContactAnswers
) -> Iterator[MainWindow]:
    runner = Runner()
    win = MainWindow(runner, Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=10_000):
        win.attach(workspace)
    win.desk.ask_second = second_contact
    yield win
    win.shutdown()  # as the program closes: nothing runs on a closed copy afterwards
