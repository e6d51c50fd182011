"""The keyboard shortcuts, listed where an advisor looks for them (F1)."""

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class HelpDialog(QDialog):
    def __init__(
        self, shortcuts: Sequence[tuple[QKeySequence | str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Everything in Relais works from the keyboard. The shortcuts:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        table = QTableWidget(len(shortcuts), 2, self)
        table.setObjectName("shortcutTable")
        table.setAccessibleName(self.tr("Shortcut list"))
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for row, (keys, action) in enumerate(shortcuts):
            seq = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
            text = seq.toString(QKeySequence.SequenceFormat.NativeText) or str(keys)
            key_item = QTableWidgetItem(text)
            key_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(row, 0, key_item)
            table.setItem(row, 1, QTableWidgetItem(action))
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self.table = table
