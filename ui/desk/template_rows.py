"""What the reply and the template picker share: templates as rows of an item model, their
categories in words, and the highlight of the placeholders still to fill."""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from app.dto import TemplateSummary
from app.i18n import QT_TRANSLATE_NOOP
from app.placeholders import PATTERN
from ui.common import theme

AnyIndex = QModelIndex | QPersistentModelIndex

PLACEHOLDER_BACKGROUND = theme.PLACEHOLDER_BG
PLACEHOLDER_INK = theme.PLACEHOLDER_TEXT


def category_label(category: str) -> str:
    """The library's category identifiers as words an advisor reads."""
    labels = {
        "account": QT_TRANSLATE_NOOP("TemplatePicker", "Account"),
        "betting": QT_TRANSLATE_NOOP("TemplatePicker", "Betting"),
        "complaints": QT_TRANSLATE_NOOP("TemplatePicker", "Complaints"),
        "general": QT_TRANSLATE_NOOP("TemplatePicker", "General"),
        "payments": QT_TRANSLATE_NOOP("TemplatePicker", "Payments"),
        "promotions": QT_TRANSLATE_NOOP("TemplatePicker", "Promotions"),
        "responsible_gaming": QT_TRANSLATE_NOOP("TemplatePicker", "Responsible gaming"),
        "security": QT_TRANSLATE_NOOP("TemplatePicker", "Security"),
        "technical": QT_TRANSLATE_NOOP("TemplatePicker", "Technical"),
    }
    if category in labels:
        return QCoreApplication.translate("TemplatePicker", labels[category])
    return category.replace("_", " ").capitalize()


class PlaceholderHighlighter(QSyntaxHighlighter):
    """Paints every ``{{name}}`` left in the text on yellow, in bold, so none goes out unfilled."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._format = QTextCharFormat()
        self._format.setBackground(theme.color(PLACEHOLDER_BACKGROUND))
        self._format.setForeground(theme.color(PLACEHOLDER_INK))
        self._format.setFontWeight(QFont.Weight.Bold)

    def highlightBlock(self, text: str) -> None:  # Qt override
        for match in PATTERN.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self._format)


class TemplateRows:
    """What the "/" list and the picker's table share: a list of templates, one per row.

    Roles: ``ID_ROLE`` (uuid.UUID), ``SUMMARY_ROLE`` (TemplateSummary), ``SORT_ROLE``.
    Mixed in before a Qt item model class.
    """

    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
    SORT_ROLE = Qt.ItemDataRole.UserRole + 3
    _rows: list[TemplateSummary]

    def set_templates(self, rows: Sequence[TemplateSummary]) -> None:
        self.beginResetModel()  # type: ignore[attr-defined]
        self._rows = list(rows)
        self.endResetModel()  # type: ignore[attr-defined]

    def summary(self, row: int) -> TemplateSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)


class TemplateListModel(TemplateRows, QAbstractListModel):
    """The templates offered in the "/" popup, best first (``SORT_ROLE``: the rank)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = []

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("{title}  —  {category} · {language}").format(
                title=t.title, category=category_label(t.category), language=t.language.upper()
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            body = t.body if len(t.body) <= 400 else t.body[:400] + "…"
            return body
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{title}, {category}, language {language}").format(
                title=t.title, category=category_label(t.category), language=t.language.upper()
            )
        if role == self.ID_ROLE:
            return t.id
        if role == self.SUMMARY_ROLE:
            return t
        if role == self.SORT_ROLE:
            return index.row()
        return None
