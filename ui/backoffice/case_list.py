"""The case list of the case review: filters (period, advisor, channel, self-assessment, CSAT,
disagreement, awaiting follow-up) and one page of closed contacts read from the centre. The
self-assessment and the survey answer stay masked on the cases the supervisor has not evaluated
yet: the list must not give away what the evaluation is entered blind to."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import cases, people
from app.backoffice.centre import BackOffice
from app.enums import Channel
from app.errors import RelaisError
from ui.common.ops import Bug, Runner
from ui.common.texts import (
    channel_icon,
    channel_label,
    date_edit,
    error_text,
    format_datetime,
    ui_language,
)

AnyIndex = QModelIndex | QPersistentModelIndex
PAGE = 200
MASK = "•"


class CaseModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[cases.CaseRow] = []

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Closed"),
            self.tr("Contact"),
            self.tr("Channel"),
            self.tr("Advisor"),
            self.tr("Reason"),
            self.tr("Feeling"),
            self.tr("CSAT"),
            self.tr("Evaluated"),
        )

    def replace(self, rows: list[cases.CaseRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def extend(self, rows: list[cases.CaseRow]) -> None:
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 8

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, col, role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.DecorationRole and col == 2:
            return channel_icon(row.channel)
        if role == Qt.ItemDataRole.ToolTipRole and col in (5, 6) and not row.evaluated_by_me:
            return self.tr("Hidden until you save your evaluation of this contact")
        if role == Qt.ItemDataRole.UserRole:
            return row.contact_id
        return None

    def _text(self, row: cases.CaseRow, col: int, spoken: bool) -> str:
        blind = not row.evaluated_by_me
        if col == 0:
            return format_datetime(row.closed_at) if row.closed_at else "—"
        if col == 1:
            return row.reference
        if col == 2:
            return channel_label(row.channel)
        if col == 3:
            return row.advisor
        if col == 4:
            label = row.reason_label_fr if ui_language() == "fr" else row.reason_label_en
            return label or row.reason_code or "—"
        if col == 5:
            if blind:
                return self.tr("hidden") if spoken else MASK
            return str(row.self_assessment) if row.self_assessment is not None else "—"
        if col == 6:
            if blind:
                return self.tr("hidden") if spoken else MASK
            return f"{row.csat}/5" if row.csat is not None else "—"
        return self.tr("yes") if row.evaluated else ""


def _choice(parent: QWidget, name: str, items: list[tuple[str, Any]]) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    for label, value in items:
        box.addItem(label, value)
    return box


class CaseList(QWidget):
    """Signals: ``opened(uuid)`` when the supervisor opens a case (Return or double click)."""

    opened = Signal(object)

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._office = office
        self._filter = cases.CaseFilter()
        self._count = 0
        grid = QGridLayout()
        today = QDate.currentDate()
        self.start = date_edit(today.addDays(-7), self)
        self.start.setAccessibleName(self.tr("Closed from"))
        self.end = date_edit(today, self)
        self.end.setAccessibleName(self.tr("Closed until (included)"))
        self.advisor = _choice(self, self.tr("Advisor"), [(self.tr("Every advisor"), None)])
        self.channel = _choice(
            self,
            self.tr("Channel"),
            [(self.tr("Every channel"), None)] + [(channel_label(c), c) for c in Channel],
        )
        self.feeling = _choice(
            self,
            self.tr("Self-assessment"),
            [
                (self.tr("Any feeling"), frozenset()),
                (self.tr("Feeling 1 or 2"), frozenset({1, 2})),
                (self.tr("Feeling 3 or 4"), frozenset({3, 4})),
            ],
        )
        self.csat = _choice(
            self,
            self.tr("Survey answer"),
            [
                (self.tr("Any CSAT"), frozenset()),
                (self.tr("CSAT 1 or 2"), frozenset({1, 2})),
                (self.tr("CSAT 3"), frozenset({3})),
                (self.tr("CSAT 4 or 5"), frozenset({4, 5})),
            ],
        )
        self.disagreement = QCheckBox(self.tr("Feeling and survey disagree"), self)
        self.awaiting = QCheckBox(self.tr("Low feeling awaiting follow-up"), self)
        self.search = QPushButton(self.tr("&Show the cases"), self)
        self.search.setDefault(True)
        self.search.clicked.connect(self.reload)
        # Three short rows: the list shares a 1366×768 screen with the case beside it.
        grid.addWidget(QLabel(self.tr("From"), self), 0, 0)
        grid.addWidget(self.start, 0, 1)
        grid.addWidget(QLabel(self.tr("to"), self), 0, 2)
        grid.addWidget(self.end, 0, 3)
        grid.addWidget(self.search, 0, 4, 1, 2)
        grid.addWidget(self.advisor, 1, 0, 1, 2)
        grid.addWidget(self.channel, 1, 2, 1, 2)
        grid.addWidget(self.feeling, 1, 4)
        grid.addWidget(self.csat, 1, 5)
        grid.addWidget(self.disagreement, 2, 0, 1, 3)
        grid.addWidget(self.awaiting, 2, 3, 1, 3)
        self.model = CaseModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Cases"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the reason gives way
        header.setStretchLastSection(False)
        self.view.activated.connect(self._open)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _p: self._open(current)
        )
        self.count = QLabel("", self)
        self.count.setAccessibleName(self.tr("How many cases"))
        self.more = QPushButton(self.tr("Load more"), self)
        self.more.clicked.connect(self.load_more)
        self.more.hide()
        self.problem = QLabel("", self)
        self.problem.setProperty("message", True)
        self.problem.setProperty("tone", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(grid)
        column.addWidget(self.problem)
        column.addWidget(self.view, 1)
        column.addWidget(self.count)
        column.addWidget(self.more)
        self._people_loaded = False

    def load_people(self) -> None:
        if self._people_loaded:
            return
        office = self._office
        self._runner.centre(
            lambda: people.reviewable(office), self._show_people, self.show_problem, owner=self
        )

    def _show_people(self, found: list[people.Person]) -> None:
        self._people_loaded = True
        for person in found:
            self.advisor.addItem(person.name, person.id)

    def current_filter(self) -> cases.CaseFilter:
        def day(edit: QDateEdit, plus: int = 0) -> datetime:
            local = edit.date().addDays(plus).startOfDay().toPython()
            return local.astimezone(UTC)  # type: ignore[attr-defined]

        channel = self.channel.currentData()
        advisor = self.advisor.currentData()
        return cases.CaseFilter(
            advisor_id=advisor if isinstance(advisor, uuid.UUID) else None,
            closed_from=day(self.start),
            closed_to=day(self.end, 1),
            channels=frozenset({channel}) if isinstance(channel, Channel) else frozenset(),
            self_assessments=self.feeling.currentData(),
            csat=self.csat.currentData(),
            disagreement=self.disagreement.isChecked(),
            awaiting_follow_up=self.awaiting.isChecked(),
        )

    def reload(self) -> None:
        self.show_filter(self.current_filter())

    def show_filter(self, flt: cases.CaseFilter) -> None:
        """Lists the cases of ``flt`` (a drill-down from a figure hands its own)."""
        self._filter = flt
        self.problem.hide()
        office = self._office
        self._runner.centre(
            lambda: cases.cases(office, flt, PAGE, 0), self._first_page, self.show_problem,
            owner=self, key="cases",
        )  # fmt: skip

    def load_more(self) -> None:
        office, flt, offset = self._office, self._filter, self.model.rowCount()
        self._runner.centre(
            lambda: cases.cases(office, flt, PAGE, offset), self._next_page, self.show_problem,
            owner=self, key="cases",
        )  # fmt: skip

    def _first_page(self, page: cases.CasePage) -> None:
        self.model.replace(list(page.rows))
        self._count = page.count
        self._show_count()
        if page.rows:
            self.view.selectRow(0)

    def _next_page(self, page: cases.CasePage) -> None:
        self.model.extend(list(page.rows))
        self._show_count()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if not self._count:
            self.count.setText(self.tr("No closed contact matches these filters in this period."))
        else:
            self.count.setText(
                self.tr("%n case(s)", "", self._count)
                + (
                    " · " + self.tr("{shown} shown").format(shown=shown)
                    if shown < self._count
                    else ""
                )
            )
        self.more.setVisible(shown < self._count)
        if any(not row.evaluated_by_me for row in self.model.rows):
            self.count.setText(
                self.count.text()
                + " · "
                + self.tr(
                    "{mask}: hidden until you have saved your own evaluation (entered blind)"
                ).format(mask=MASK)
            )

    def mark_evaluated(self, contact_id: uuid.UUID) -> None:
        """After an evaluation: the list reads its page again (values unmasked, "yes")."""
        self.show_filter(self._filter)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._open(current)

    def _open(self, index: QModelIndex) -> None:
        contact = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        if isinstance(contact, uuid.UUID):
            self.opened.emit(contact)

    def show_problem(self, err: RelaisError | Bug) -> None:
        self.problem.setText(error_text(err))
        self.problem.show()
