"""Fixtures of the window tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.settings import Settings
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Iterator[MainWindow]:
    runner = Runner()
    win = MainWindow(runner, Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=10_000):
        win.attach(workspace)
    yield win
    win.shutdown()  # as the program closes: nothing runs on a closed copy afterwards
