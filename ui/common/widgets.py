"""Small widgets every view uses."""

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def window_action(
    owner: QWidget, text: str, keys: QKeySequence | str | None, slot: Callable[[], object]
) -> QAction:
    """An action of ``owner`` whose keys work anywhere in its window (menus and tool bars
    show the same action)."""
    action = QAction(text, owner)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def shortcut_line(action: QAction) -> tuple[QKeySequence, str]:
    """An action as the help (F1) lists it: its keys, and its text without mnemonic or "…"."""
    return action.shortcut(), action.text().replace("&", "").rstrip("…")


def native_keys(action: QAction) -> str:
    """The action's keys as this platform writes them ("Ctrl+2")."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when the room is short, never a word cut in half;
    the whole text stays in its tooltip and its accessible name."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleName(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3, hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = int(self.alignment() | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(self.contentsRect(), align, self.shown_text())

    def shown_text(self) -> str:
        """What is painted at the current width (tests read it)."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)
