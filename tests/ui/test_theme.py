"""The one theme: readable pairs, one sheet applied once, no colour or style sheet elsewhere."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.common import theme
from ui.desk.desk import _Notice, _Pane
from ui.shell.help_dialog import HelpDialog
from ui.shell.main_window import MainWindow

UI = Path(__file__).resolve().parents[2] / "ui"


@pytest.mark.parametrize(("what", "text", "ground"), theme.TEXT_PAIRS)
def test_every_text_pair_meets_wcag_aa(what: str, text: str, ground: str) -> None:
    assert theme.contrast(text, ground) >= 4.5, what


def test_contrast_is_wcag_s() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_sheet_names_only_tokens_and_qt_parses_it(qtbot: QtBot) -> None:
    sheet = theme.style_sheet()
    assert "@" not in sheet
    used = set(re.findall(r"#[0-9a-fA-F]{6}\b", sheet))
    tokens = {v for k, v in vars(theme).items() if k.isupper() and isinstance(v, str)}
    assert used <= tokens
    complaints: list[str] = []

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            complaints.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        widget = QWidget()
        qtbot.addWidget(widget)
        QLabel("x", widget)
        widget.setStyleSheet(sheet)
        widget.show()
        widget.grab()
    finally:
        qInstallMessageHandler(previous)
    assert not [c for c in complaints if "style" in c.lower()]


def _pixel(widget: QWidget, x: int, y: int) -> str:
    return widget.grab().toImage().pixelColor(x, y).name()


def test_the_pane_holding_the_keyboard_is_outlined_in_the_accent(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet(theme.style_sheet())
    pane = _Pane("queuePane", host, QWidget())
    QVBoxLayout(host).addWidget(pane)
    host.resize(200, 120)
    host.show()
    qtbot.waitExposed(host)
    inside = pane.contentsRect()
    middle = pane.height() // 2
    assert _pixel(pane, 0, middle) == theme.BORDER
    assert _pixel(pane, 1, middle) != theme.ACCENT
    pane.set_active(True)
    assert _pixel(pane, 0, middle) == theme.ACCENT
    assert _pixel(pane, 1, middle) == theme.ACCENT  # 2 px: seen at a glance
    assert pane.contentsRect() == inside  # the panes' content does not move when focus does


def test_a_notice_reads_as_a_warning(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet(theme.style_sheet())
    notice = _Notice("pinNotice", host)
    QVBoxLayout(host).addWidget(notice)
    notice.say("Another customer than your contact's", "Back")
    host.resize(400, 60)
    host.show()
    qtbot.waitExposed(host)
    assert _pixel(notice, 1, notice.height() // 2) == theme.WARNING_STRONG  # its edge
    assert _pixel(notice, notice.width() - 3, 2) == theme.WARNING_BG
    assert notice.label.palette().color(notice.label.foregroundRole()) == QColor(theme.WARNING_TEXT)


def test_a_tone_change_repolishes(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet(theme.style_sheet())
    label = QLabel("x", host)
    host.show()
    theme.set_state(label, "tone", "error")
    assert label.palette().color(label.foregroundRole()) == QColor(theme.ERROR_TEXT)
    theme.set_state(label, "tone", "muted")
    assert label.palette().color(label.foregroundRole()) == QColor(theme.MUTED)


def test_the_window_carries_the_sheet_and_an_orphan_dialog_adopts_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.styleSheet() == theme.style_sheet()
    assert not window.desk.styleSheet()
    parented = HelpDialog([], window)
    qtbot.addWidget(parented)
    assert parented.styleSheet() == ""  # inherits the window's
    orphan = HelpDialog([], None)
    qtbot.addWidget(orphan)
    assert orphan.styleSheet() == theme.style_sheet()


def test_no_colour_or_style_sheet_outside_the_theme() -> None:
    """Colours are the theme's tokens; looks are chosen by objectName or property."""
    offenders = []
    pattern = re.compile(r"#[0-9a-fA-F]{6}\b|setStyleSheet\(|QColor\(\"")
    for path in sorted(UI.rglob("*.py")):
        if path.name == "theme.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and "setStyleSheet(theme.style_sheet())" not in line:
                offenders.append(f"{path.relative_to(UI.parent)}:{number}: {line.strip()}")
    assert offenders == []
