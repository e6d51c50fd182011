"""The main window as a whole: accessible names, keyboard help, icon and title, language."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.settings import Settings
from app.workspace import Workspace
from ui.application import app_icon
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Iterator[MainWindow]:
    runner = Runner()
    win = MainWindow(runner, Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.setWindowIcon(app_icon())
    win.show()
    with qtbot.waitSignal(win.ready, timeout=10_000):
        win.attach(workspace)
    win.desk.ask_second = lambda _parent, _reference: True  # takes another
    yield win
    win.shutdown()


def unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView):
            continue  # Qt's own parts of a view: its headers, scroll bar buttons…
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue  # a button's visible text is its accessible name
        if not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_interactive_widget_has_an_accessible_name(window: MainWindow) -> None:
    assert unnamed(window) == []


def test_title_icon_and_who_is_signed_in(window: MainWindow, workspace: Workspace) -> None:
    assert window.windowTitle().startswith("Relais — ")
    assert workspace.who.display_name in window.windowTitle()
    assert not window.windowIcon().isNull()
    assert workspace.who.display_name in window.user_label.text()


def test_f1_lists_the_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, read_and_close)
            return
        table = dialog.findChild(QAbstractItemView, "shortcutTable")
        model = table.model()
        seen.extend(
            f"{model.index(r, 0).data()} {model.index(r, 1).data()}"
            for r in range(model.rowCount())
        )
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(seen))
    text = "\n".join(seen)
    for expected in ("Ctrl+N Next contact", "Ctrl+T Insert template", "Ctrl+Return Close contact"):
        assert expected in text
    assert "Send the reply" in text  # the contact panel's own shortcuts are listed too


def test_the_window_works_without_a_mouse(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.desk.queue_panel.table.hasFocus())
    qtbot.keyClick(window.desk.queue_panel.table, Qt.Key.Key_Return)  # take the selected contact
    qtbot.waitUntil(lambda: (d := window.desk.contact_panel.current()) is not None and d.workable)


def test_language_choice_is_saved_for_the_next_start(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    window._set_language("fr")
    assert Settings(window.settings.path).get("language") == "fr"


def test_dialogs_name_their_widgets_too(qtbot: QtBot, window: MainWindow) -> None:
    from ui.desk.close_dialog import CloseDialog
    from ui.desk.customer_link import CustomerSearchDialog
    from ui.desk.template_picker import TemplatePicker
    from ui.shell.help_dialog import HelpDialog

    ws = window.ws
    assert ws is not None
    detail = window.desk.contact_panel.current()
    assert detail is not None
    dialogs = [
        CloseDialog(detail, ws.reference.reason_codes(), window),
        TemplatePicker(window.runner, ws.templates, "fr", "email", window),
        CustomerSearchDialog(window.runner, ws.customers, window),
        HelpDialog(window.shortcuts(), window),
    ]
    for dialog in dialogs:
        dialog.show()
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.reject()


def test_closing_with_an_unsent_reply_asks_first_and_can_go_back(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    from PySide6.QtWidgets import QMessageBox

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    panel = window.desk.contact_panel
    qtbot.waitUntil(lambda: (d := panel.current()) is not None and d.workable)
    contact_id = panel.current().id  # type: ignore[union-attr]
    panel.composer.set_text("Bonjour, je regarde votre dossier.")
    asked: list[str] = []

    def answer_go_back() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_go_back)
            return
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "Go back to the reply").click()

    QTimer.singleShot(0, answer_go_back)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == ["Your reply to this contact has not been sent."]
    qtbot.wait(100)
    assert QApplication.activeModalWidget() is None  # no closing dialog behind it
    assert workspace.contacts.detail(contact_id).workable
    assert panel.composer.text() == "Bonjour, je regarde votre dossier."
