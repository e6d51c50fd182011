"""The keyboard shortcuts, listed where an advisor looks for them (F1).

The window's F1 lists the window's keys, then those of the closing dialog under their own
heading: the same key may mean something else there (Ctrl+Return closes and takes the next
contact; Ctrl+Shift+Return, the window's "send", closes nothing). The closing dialog's own F1
opens this dialog with its keys alone.
"""

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QKeySequence
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

from ui.common import theme

Shortcut = tuple[QKeySequence | str, str]
Section = tuple[str, Sequence[Shortcut]]


def close_dialog_section() -> Section:
    """The closing dialog's keys, under their heading (translated when called)."""
    from ui.desk.close_parts import shortcuts

    heading = QCoreApplication.translate(
        "HelpDialog", "In the closing dialog (Ctrl+Return from the window)"
    )
    return (heading, shortcuts())


def key_text(keys: QKeySequence | str) -> str:
    """Keys as this platform and language write them ("Ctrl+Maj+Retour" in French).

    A string may list alternatives separated by " / " ("Tab / Shift+Tab"); what is no key
    sequence ("1 2 3 4", a word) is shown as given.
    """
    if isinstance(keys, QKeySequence):
        return keys.toString(QKeySequence.SequenceFormat.NativeText)
    parts = []
    for part in keys.split(" / "):
        native = QKeySequence(part).toString(QKeySequence.SequenceFormat.NativeText)
        parts.append(native or part)
    return " / ".join(parts)


class HelpDialog(QDialog):
    """A table of keys and what they do: ``shortcuts`` first, then each of ``sections``
    under its heading (by default the closing dialog's keys, for the window's F1)."""

    def __init__(
        self,
        shortcuts: Sequence[Shortcut],
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        intro: str | None = None,
        sections: Sequence[Section] | None = None,
    ) -> None:
        super().__init__(parent)
        theme.adopt(self)  # the window's sheet, also when made without a parent
        title = title or self.tr("Keyboard shortcuts")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        if sections is None:
            sections = (close_dialog_section(),)
        layout = QVBoxLayout(self)
        intro_label = QLabel(
            intro or self.tr("Everything in Relais works from the keyboard. The shortcuts:")
        )
        intro_label.setWordWrap(True)
        layout.addWidget(intro_label)
        rows: list[tuple[str, str] | str] = [(key_text(k), action) for k, action in shortcuts]
        for heading, keys in sections:
            rows.append(heading)
            rows.extend((key_text(k), action) for k, action in keys)
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutTable")
        table.setAccessibleName(self.tr("Shortcut list"))
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        bold = QFont(table.font())
        bold.setBold(True)
        for row, entry in enumerate(rows):
            if isinstance(entry, str):  # a section's heading, across both columns
                heading_item = QTableWidgetItem(entry)
                heading_item.setFont(bold)
                heading_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                table.setItem(row, 0, heading_item)
                table.setSpan(row, 0, 1, 2)
                continue
            text, action = entry
            key_item = QTableWidgetItem(text)
            key_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(row, 0, key_item)
            table.setItem(row, 1, QTableWidgetItem(action))
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560 if sections else 400)
        self.table = table
