"""A customer's timeline as a table: one row per contact, newest first.

The rows come whole from ``CustomerService.history`` (a customer has at most a few thousand
contacts), so the model keeps them in a list and sorts in Python with native keys; nothing is
formatted until a cell is painted, which keeps showing 2,000 rows cheap.

The two satisfaction columns sit side by side on purpose: the advisor's own 1–4 feeling and the
customer's survey answer on the same scale. When they differ by two points or more the row is
flagged (``DISAGREE_ROLE``, an amber tint and a tooltip): that is what supervisors look for.
"""

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.dto import HistoryRow
from app.enums import ContactStatus
from app.services.customers import disagrees
from ui.common import texts, theme
from ui.common.item_models import role_data

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

AnyIndex = QModelIndex | QPersistentModelIndex


def score_text(score: int | None) -> str:
    """``3 — Rather satisfied``, or a dash when there is no score."""
    if score is None:
        return "—"
    return QCoreApplication.translate("HistoryModel", "{score} — {label}").format(
        score=score, label=texts.assessment_label(score)
    )


def disagree(row: HistoryRow) -> bool:
    """The rule is the service's (``app.services.customers.disagrees``)."""
    return disagrees(row.self_assessment, row.csat)


class HistoryModel(QAbstractTableModel):
    """Read-only rows of ``HistoryRow``; ``sort()`` reorders them by ``SORT_ROLE``.

    Roles: ``ID_ROLE`` gives the contact's ``uuid.UUID``, ``SORT_ROLE`` a comparable native value
    (a datetime, a str, an int or None), ``SCORE_ROLE`` the bare 1–4 score of the two
    satisfaction columns (for the badge delegate), ``DISAGREE_ROLE`` whether the row's
    self-assessment and survey answer disagree, ``DETAIL_ROLE`` (subject column) the reason,
    outcome and advisor on one line, for the compact two-line layout of a narrow panel.
    """

    DATE, CHANNEL, SUBJECT, REASON, OUTCOME, ASSESSMENT, CSAT, ADVISOR = range(8)
    COLUMN_COUNT = 8

    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2
    SCORE_ROLE = Qt.ItemDataRole.UserRole + 3
    DISAGREE_ROLE = Qt.ItemDataRole.UserRole + 4
    DETAIL_ROLE = Qt.ItemDataRole.UserRole + 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []
        self._language = texts.ui_language()
        self._muted = QBrush(theme.color(theme.MUTED))
        self._tint = QBrush(theme.color(theme.ATTENTION_BG))
        self._italic = QFont()
        self._italic.setItalic(True)
        self._headers = {
            self.DATE: self.tr("Date"),
            self.CHANNEL: "",  # the icons (and labels, when wide) say it; the tooltip names it
            self.SUBJECT: self.tr("Subject"),
            self.REASON: self.tr("Reason"),
            self.OUTCOME: self.tr("Outcome"),
            self.ASSESSMENT: self.tr("Feeling"),
            self.CSAT: self.tr("Survey"),
            self.ADVISOR: self.tr("Handled by"),
        }
        self._header_tips = {
            self.CHANNEL: self.tr("Channel"),
            self.ASSESSMENT: self.tr("How satisfied the advisor believed the customer was (1–4)"),
            self.CSAT: self.tr("The customer's own survey answer (1–4), when they answered one"),
            self.ADVISOR: self.tr("The advisor who closed the contact"),
        }

    # -- contents ------------------------------------------------------------------------------

    def set_rows(self, rows: list[HistoryRow]) -> None:
        """Replaces the timeline; rows are expected newest first, as the service returns them."""
        self.beginResetModel()
        self._rows = list(rows)
        self._language = texts.ui_language()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    def rows(self) -> list[HistoryRow]:
        return list(self._rows)

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._header_tips.get(section) or self._headers[section] or None
        return None

    def multiData(self, index: AnyIndex, roles: QModelRoleDataSpan | QModelRoleData) -> None:
        """Every role of a cell in one call (see QueueModel.multiData): halves the paint."""
        for data in role_data(roles):
            data.setData(self.data(index, data.role()))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, col)
        if role == self.ID_ROLE:
            return row.contact_id
        if role == self.SORT_ROLE:
            return self._sort_value(row, col)
        if role == self.SCORE_ROLE:
            if col == self.ASSESSMENT:
                return row.self_assessment
            if col == self.CSAT:
                return row.csat
            return None
        if role == self.DISAGREE_ROLE:
            return disagree(row)
        if role == self.DETAIL_ROLE:
            return self._detail(row) if col == self.SUBJECT else None
        if role == Qt.ItemDataRole.DecorationRole and col == self.CHANNEL:
            return texts.channel_icon(row.channel)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            if col in (self.ASSESSMENT, self.CSAT) and disagree(row):
                return self._tint
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if (col == self.REASON and not self._reason(row)) or (
                col in (self.OUTCOME, self.CSAT, self.ASSESSMENT) and self._is_empty(row, col)
            ):
                return self._muted
            return None
        if role == Qt.ItemDataRole.FontRole:
            if col == self.REASON and not self._reason(row):
                return self._italic
            return None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts by the column's native value; empty values go last whatever the order."""
        if not 0 <= column < self.COLUMN_COUNT:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._rows[i.row()].contact_id for i in old]
        reverse = order == Qt.SortOrder.DescendingOrder
        present = [r for r in self._rows if self._sort_value(r, column) is not None]
        missing = [r for r in self._rows if self._sort_value(r, column) is None]
        # Ties keep the time order (newest first) so equal reasons still read as a timeline.
        present.sort(key=lambda r: r.received_at, reverse=True)
        present.sort(
            key=lambda r: cast("SupportsRichComparison", self._sort_value(r, column)),
            reverse=reverse,
        )
        self._rows = present + missing
        position = {r.contact_id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old,
            [self.index(position[cid], i.column()) for cid, i in zip(old_ids, old, strict=True)],
        )
        self.layoutChanged.emit()

    # -- helpers -------------------------------------------------------------------------------

    def row_of(self, contact_id: uuid.UUID) -> int:
        for n, r in enumerate(self._rows):
            if r.contact_id == contact_id:
                return n
        return -1

    def _reason(self, row: HistoryRow) -> str:
        return row.reason_label_fr if self._language == "fr" else row.reason_label_en

    def _is_empty(self, row: HistoryRow, col: int) -> bool:
        if col == self.OUTCOME:
            return row.outcome is None
        if col == self.ASSESSMENT:
            return row.self_assessment is None
        return row.csat is None

    def _display(self, row: HistoryRow, col: int) -> str:
        if col == self.DATE:
            return texts.format_datetime(row.received_at)
        if col == self.CHANNEL:
            return texts.channel_label(row.channel)
        if col == self.SUBJECT:
            return row.subject
        if col == self.REASON:
            reason = self._reason(row)
            if reason:
                return reason
            # Not wrapped up yet: say where it stands instead of leaving a hole.
            return texts.status_label(row.status)
        if col == self.OUTCOME:
            return texts.outcome_label(row.outcome) if row.outcome is not None else "—"
        if col == self.ASSESSMENT:
            return score_text(row.self_assessment)
        if col == self.CSAT:
            return score_text(row.csat)
        return row.advisor

    def _detail(self, row: HistoryRow) -> str:
        reason = self._display(row, self.REASON)
        if row.outcome is None:
            return reason
        return self.tr("{reason} · {outcome} · {advisor}").format(
            reason=reason, outcome=texts.outcome_label(row.outcome), advisor=row.advisor or "—"
        )

    def _sort_value(self, row: HistoryRow, col: int) -> datetime | str | int | None:
        if col == self.DATE:
            return row.received_at
        if col == self.CHANNEL:
            return texts.channel_label(row.channel)
        if col == self.SUBJECT:
            return row.subject.casefold() or None
        if col == self.REASON:
            return self._reason(row).casefold() or None
        if col == self.OUTCOME:
            return texts.outcome_label(row.outcome) if row.outcome is not None else None
        if col == self.ASSESSMENT:
            return row.self_assessment
        if col == self.CSAT:
            return row.csat
        return row.advisor.casefold() or None

    def _tooltip(self, row: HistoryRow, col: int) -> str | None:
        if col in (self.ASSESSMENT, self.CSAT):
            if disagree(row):
                assert row.self_assessment is not None and row.csat is not None
                return self.tr(
                    "The advisor felt {advisor} but the customer answered {customer}: "
                    "a gap of {gap} points."
                ).format(
                    advisor=score_text(row.self_assessment),
                    customer=score_text(row.csat),
                    gap=abs(row.self_assessment - row.csat),
                )
            if col == self.CSAT and row.csat is None:
                return self.tr("The customer did not answer a survey for this contact.")
            return self._display(row, col)
        if col == self.SUBJECT:
            return row.subject or None
        if col == self.DATE:
            return self.tr("Reference {reference}").format(reference=row.reference)
        if col == self.REASON and row.status != ContactStatus.CLOSED:
            return texts.status_label(row.status)
        return None


class ScoreBadgeDelegate(QStyledItemDelegate):
    """Paints a 1–4 score as a small coloured badge with its digit, and the label beside it
    when the column is wide enough; a dash when there is no score.

    The model's ``SCORE_ROLE`` gives the score; everything else (selection, the disagreement
    tint) is the style's usual painting.
    """

    BADGE = 20

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        score = index.data(HistoryModel.SCORE_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if score is None:
            opt.text = "—"
            opt.displayAlignment = Qt.AlignmentFlag.AlignCenter
            style = opt.widget.style() if opt.widget else QApplication.style()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
            return
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect: QRect = opt.rect
        label = texts.assessment_label(int(score))
        metrics = opt.fontMetrics
        room = rect.width() - self.BADGE - 14
        show_label = room >= metrics.horizontalAdvance(label[:8])
        x = rect.left() + 6 if show_label else rect.center().x() - self.BADGE // 2
        badge = QRect(x, rect.center().y() - self.BADGE // 2 + 1, self.BADGE, self.BADGE)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.color(theme.SCORE.get(int(score), theme.SCORE_UNKNOWN)))
        painter.drawRoundedRect(badge, 5, 5)
        font = QFont(opt.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(theme.color(theme.SCORE_TEXT))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(score))
        if show_label:
            selected = bool(opt.state & QStyle.StateFlag.State_Selected)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            painter.setFont(opt.font)
            painter.setPen(opt.palette.color(role))
            text_rect = QRect(badge.right() + 6, rect.top(), room, rect.height())
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(self.BADGE + 12, max(hint.height(), self.BADGE + 6))


class TwoLineDelegate(QStyledItemDelegate):
    """Two lines in one cell: the main text, and a smaller grey line under it.

    ``lines(index)`` gives both. The customer panel uses it when narrow: the date over the
    time, and the subject over "reason · outcome · advisor", so nothing hides off to the right.
    """

    def __init__(
        self, lines: Callable[[AnyIndex], tuple[str, str]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._lines = lines

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        first, second = self._lines(index)
        opt.text = ""
        opt.icon = QIcon()
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(6, 3, -6, -3)
        half = rect.height() // 2
        painter.save()
        fm = opt.fontMetrics
        if selected:
            painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText))
        else:
            brush = index.data(Qt.ItemDataRole.ForegroundRole)
            colour = (
                brush.color()
                if isinstance(brush, QBrush)
                else opt.palette.color(QPalette.ColorRole.Text)
            )
            painter.setPen(colour)
        painter.setFont(opt.font)
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), half),
            Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(first, Qt.TextElideMode.ElideRight, rect.width()),
        )
        small = QFont(opt.font)
        small.setPointSizeF(opt.font.pointSizeF() * 0.9)
        painter.setFont(small)
        if not selected:
            painter.setPen(theme.color(theme.MUTED))
        small_fm = painter.fontMetrics()
        painter.drawText(
            QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half),
            Qt.AlignmentFlag.AlignVCenter,
            small_fm.elidedText(second, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(80, option.fontMetrics.height() * 2 + 8)


class ChannelDelegate(QStyledItemDelegate):
    """The channel's icon, and its name only when the whole name fits (never "E-m…")."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        icon_room = opt.decorationSize.width() + 14
        if opt.fontMetrics.horizontalAdvance(opt.text) + icon_room > opt.rect.width():
            opt.text = ""
            opt.decorationAlignment = Qt.AlignmentFlag.AlignCenter
            opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDisplay
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
