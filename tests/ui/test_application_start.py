"""The order of a start: the workspace begins to open once the window has painted its first
frame, and opens anyway when no paint comes."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ui.application import _AfterFirstPaint


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_workspace_opens_after_the_first_paint_and_once(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    paints = _Paints()
    window.installEventFilter(paints)
    seen_at: list[int] = []
    _AfterFirstPaint(window, lambda: seen_at.append(paints.count))
    window.show()
    assert seen_at == []  # not before the event loop has painted the window
    qtbot.waitUntil(lambda: bool(seen_at))
    assert seen_at[0] >= 1
    window.update()
    qtbot.wait(_AfterFirstPaint.FALLBACK_MS + 100)  # neither a later paint nor the fallback
    assert len(seen_at) == 1


def test_a_window_never_painted_still_opens_its_workspace(qtbot: QtBot) -> None:
    window = QMainWindow()  # never shown: no paint comes, as for a window started minimised
    qtbot.addWidget(window)
    called: list[bool] = []
    _AfterFirstPaint(window, lambda: called.append(True))
    qtbot.waitUntil(lambda: called == [True])
    qtbot.wait(100)
    assert called == [True]
