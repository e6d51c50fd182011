"""Table models of the supervisor's board: small lists (a team's held contacts, its planned
follow-ups), replaced whole at each read of the centre."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from app.backoffice.team_board import HeldContact, PlannedFollowUp
from ui.common import theme
from ui.common.texts import channel_icon, channel_label, format_datetime, format_duration

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex


class ListModel(QAbstractTableModel, Generic[Row]):
    """Rows of one dataclass; each column a header and a function of the row giving its text.
    ``now`` is the centre's time of the read, so durations are the centre's."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.now: datetime | None = None

    def columns(self) -> Sequence[tuple[str, Callable[[Row], str]]]:
        raise NotImplementedError

    def replace(self, rows: list[Row], now: datetime) -> None:
        self.beginResetModel()
        self.rows, self.now = rows, now
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns()[section][0]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.columns()[index.column()][1](row)
        return self.extra(row, index.column(), role)

    def extra(self, row: Row, column: int, role: int) -> Any:
        return None


class HeldModel(ListModel[HeldContact]):
    def columns(self) -> Sequence[tuple[str, Callable[[HeldContact], str]]]:
        return (
            (self.tr("Advisor"), lambda r: r.advisor),
            (self.tr("Held for"), self._held_for),
            (self.tr("Contact"), lambda r: r.reference),
            (self.tr("Channel"), lambda r: channel_label(r.channel)),
            (self.tr("Customer"), lambda r: r.customer),
            (self.tr("Subject"), lambda r: r.subject),
            (
                self.tr("Lease until"),
                lambda r: format_datetime(r.lease_until) if r.lease_until else "—",
            ),
        )

    def _held_for(self, row: HeldContact) -> str:
        if row.held_since is None or self.now is None:
            return "—"
        return format_duration((self.now - row.held_since).total_seconds())

    def extra(self, row: HeldContact, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            return channel_icon(row.channel)
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and row.risk:
            return QBrush(theme.color(theme.ERROR_TEXT))
        return None


class FollowUpModel(ListModel[PlannedFollowUp]):
    def columns(self) -> Sequence[tuple[str, Callable[[PlannedFollowUp], str]]]:
        return (
            (self.tr("Due"), self._due),
            (self.tr("Contact"), lambda r: r.reference),
            (self.tr("Channel"), lambda r: channel_label(r.channel)),
            (self.tr("Customer"), lambda r: r.customer),
            (self.tr("Planned by"), lambda r: r.planned_by),
        )

    def _due(self, row: PlannedFollowUp) -> str:
        if self.now is not None and row.due_at < self.now:
            late = format_duration((self.now - row.due_at).total_seconds())
            return self.tr("{when} (overdue {late})").format(
                when=format_datetime(row.due_at), late=late
            )
        return format_datetime(row.due_at)

    def extra(self, row: PlannedFollowUp, column: int, role: int) -> Any:
        overdue = self.now is not None and row.due_at < self.now
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return QBrush(theme.color(theme.ERROR_TEXT))
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            return channel_icon(row.channel)
        return None
