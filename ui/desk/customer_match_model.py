"""The list of customers a search found: one row each, name above the ways to reach them."""

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.dto import CustomerMatch
from ui.common import theme

AnyIndex = QModelIndex | QPersistentModelIndex


class CustomerMatchModel(QAbstractListModel):
    """Search results: a name on the first line, how to reach them on the second.

    Roles: ``ID_ROLE`` the customer's ``uuid.UUID``; ``DETAIL_ROLE`` the second line;
    ``SORT_ROLE`` the name folded for comparison.
    """

    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2
    DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CustomerMatch] = []

    def set_matches(self, matches: list[CustomerMatch]) -> None:
        self.beginResetModel()
        self._rows = list(matches)
        self.endResetModel()

    def match_at(self, row: int) -> CustomerMatch:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        m = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return m.full_name
        detail = self._detail(m)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{m.full_name}, {detail}" if detail else m.full_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return detail or None
        if role == self.DETAIL_ROLE:
            return detail
        if role == self.ID_ROLE:
            return m.id
        if role == self.SORT_ROLE:
            return m.full_name.casefold()
        return None

    def _detail(self, m: CustomerMatch) -> str:
        """The identities, after what a person must know first: the record searched was
        merged into this one; this customer's segment is kept apart from another match's."""
        parts = []
        if m.merged_from:
            parts.append(
                self.tr("Found as {name}, merged into this record").format(name=m.merged_from)
            )
        if m.estate:
            parts.append(
                self.tr("{segment}: kept apart from the others").format(segment=_segment(m.segment))
            )
        if m.detail:
            parts.append(m.detail)
        return " · ".join(parts)


def _segment(segment: str) -> str:
    from ui.desk.customer_card import segment_label

    return segment_label(segment)


class MatchDelegate(QStyledItemDelegate):
    """Two lines per customer: the name, then their phone, e-mail or handles in grey."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(8, 3, -8, -3)
        half = rect.height() // 2
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(text_role))
        name = index.data(Qt.ItemDataRole.DisplayRole) or ""
        top = QRect(rect.left(), rect.top(), rect.width(), half)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setFont(opt.font)
        if not selected:
            painter.setPen(theme.color(theme.MUTED))
        detail = index.data(CustomerMatchModel.DETAIL_ROLE) or ""
        bottom = QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half)
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignVCenter,
            opt.fontMetrics.elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(200, option.fontMetrics.height() * 2 + 12)
