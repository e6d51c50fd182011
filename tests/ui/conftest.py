"""Fixtures of the window tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import SecondContactAnswers
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from app.settings import Settings
from app.workspace import Workspace
from ui.common import i18n
from ui.common.ops import Runner
from ui.common.texts import translate
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


@pytest.fixture
def french(qapp) -> Iterator[None]:
    """The interface in French, as ``relais --lang fr`` installs it; the English and the
    system's locale back afterwards."""
    before = QLocale()
    installed = i18n.install(qapp, "fr")
    assert translate("QueuePanel", "Next contact") == "Contact suivant"
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)
