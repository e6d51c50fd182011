"""The alignment of the four views (self-assessment, manager, quality, customer) for a period:
one line per selection, team and advisor with coverage, calibration and the satisfaction
surveyed and estimated; for the line chosen, each pair's agreement, mean gap, weighted kappa and
4×4 matrix; a click on a figure or a cell lists the contacts behind it with the customer's own
words, and opening one shows the case. An advisor sees the same of themselves only."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import alignment
from app.backoffice.alignment_sql import Behind
from app.backoffice.centre import BackOffice
from app.errors import RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from ui.common.ops import Bug, Runner
from ui.common.texts import (
    date_edit,
    error_text,
    format_date,
    format_decimal,
    format_percent,
    translate,
)

ROLE = Qt.ItemDataRole.UserRole
DRILL_PAGE = 200


def _tr(text: str) -> str:
    return QCoreApplication.translate("AlignmentView", text)


_SHORT = {
    "self": QT_TRANSLATE_NOOP("AlignmentView", "Feeling"),
    "manager": QT_TRANSLATE_NOOP("AlignmentView", "Manager"),
    "quality": QT_TRANSLATE_NOOP("AlignmentView", "Quality"),
    "customer": QT_TRANSLATE_NOOP("AlignmentView", "Customer"),
}
"""The views' names in the table's columns and the matrix's headers."""


def view_name(view: str) -> str:
    return {
        "self": translate("AlignmentView", "Advisor's feeling"),
        "manager": translate("AlignmentView", "Manager"),
        "quality": translate("AlignmentView", "Quality"),
        "customer": translate("AlignmentView", "Customer (CSAT)"),
    }[view]


_pct = format_percent


def _gap(value: float | None) -> str:
    return "—" if value is None else format_decimal(value, 2, signed=True)


def _kappa(value: float | None) -> str:
    return "—" if value is None else format_decimal(value, 3)


def _interval(low: float, high: float) -> str:
    """[58–85 %]: the unit once, so that the column stays narrow."""
    bottom = _pct(low).rstrip("%").rstrip("\u202f")
    return f"[{bottom}–{_pct(high)}]"


def _cell(text: str, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(ROLE, data)
    return item


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    # A selected row would make every title bold, wider than the width measured for it.
    header.setHighlightSections(False)
    table.setWordWrap(False)
    return table


class AlignmentView(QWidget):
    """Signals: ``open_case(uuid)``: the supervisor wants to read a contact behind a figure."""

    open_case = Signal(object)

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._office = office
        self._report: alignment.Report | None = None
        self._period: tuple[date, date] | None = None
        self._behind: tuple[Behind, str | None, str | None] | None = None
        today = QDate.currentDate()
        self.start = date_edit(today.addDays(-29), self)  # 30 days, as the indicators
        self.start.setAccessibleName(translate("AlignmentView", "Closed from"))
        self.end = date_edit(today, self)
        self.end.setAccessibleName(translate("AlignmentView", "Closed until (included)"))
        self.compute = QPushButton(translate("AlignmentView", "&Compute"), self)
        self.compute.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(translate("AlignmentView", "Contacts closed from"), self))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(translate("AlignmentView", "to"), self))
        bar.addWidget(self.end)
        bar.addWidget(self.compute)
        bar.addStretch(1)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.summary.setProperty("box", "neutral")
        self.summary.setAccessibleName(translate("AlignmentView", "Alignment summary"))
        self.lines = _table(
            self,
            translate("AlignmentView", "Alignment per advisor and team"),
            [
                translate("AlignmentView", "Who"),
                translate("AlignmentView", "Closed"),
                translate("AlignmentView", "Feeling"),
                translate("AlignmentView", "Manager"),
                translate("AlignmentView", "Quality"),
                translate("AlignmentView", "Survey"),
                translate("AlignmentView", "Over-estimated"),
                translate("AlignmentView", "Under-estimated"),
                translate("AlignmentView", "Satisfied (surveyed)"),
                translate("AlignmentView", "Satisfied (estimated, all contacts)"),
            ],
        )
        self.lines.currentCellChanged.connect(lambda row, *_: self._show_line(row))
        self.lines.cellDoubleClicked.connect(self._drill_line)
        self.pair = QComboBox(self)
        self.pair.setAccessibleName(translate("AlignmentView", "Pair of views"))
        for first, second in alignment.PAIRS:
            self.pair.addItem(f"{view_name(first)} ↔ {view_name(second)}", (first, second))
        self.pair.currentIndexChanged.connect(lambda _i: self._show_line(self.lines.currentRow()))
        self.pair_figures = QLabel("", self)
        self.pair_figures.setWordWrap(True)
        self.matrix = _table(
            self,
            translate("AlignmentView", "Confusion matrix"),
            ["1", "2", "3", "4"],
        )
        self.matrix.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix.cellClicked.connect(self._drill_cell)
        self.drill_title = QLabel(
            translate("AlignmentView", "Click a figure or a cell to list the contacts behind it."),
            self,
        )
        self.drill_title.setWordWrap(True)
        self.drill = _table(
            self,
            translate("AlignmentView", "Contacts behind the figure"),
            [
                translate("AlignmentView", "Contact"),
                translate("AlignmentView", "Closed"),
                translate("AlignmentView", "Advisor"),
                translate("AlignmentView", "Feeling"),
                translate("AlignmentView", "Manager"),
                translate("AlignmentView", "Quality"),
                translate("AlignmentView", "Customer"),
                translate("AlignmentView", "The customer's words"),
            ],
        )
        self.drill.cellDoubleClicked.connect(self._open)
        self.problem = QLabel("", self)
        self.problem.setProperty("message", True)
        self.problem.setProperty("tone", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()

        # The lines are wide (ten figures) and few (a team and its advisors): across the
        # window, above the chosen pair's matrix and the contacts behind it.
        pair_side = QWidget(self)
        column = QVBoxLayout(pair_side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pair)
        column.addWidget(self.pair_figures)
        column.addWidget(self.matrix)
        column.addStretch(1)
        drill_side = QWidget(self)
        column = QVBoxLayout(drill_side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.drill_title)
        column.addWidget(self.drill, 1)
        below = QSplitter(Qt.Orientation.Horizontal, self)
        below.addWidget(pair_side)
        below.addWidget(drill_side)
        below.setStretchFactor(0, 2)
        below.setStretchFactor(1, 3)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.lines)
        split.addWidget(below)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(self.summary)
        outer.addWidget(self.problem)
        outer.addWidget(split, 1)
        self._started = False

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.refresh()

    def _advisor_only(self) -> str | None:
        """An advisor's view is of themselves (the centre would refuse more)."""
        return None if self._office.is_supervisor else self._office.who.login

    def refresh(self) -> None:
        start = self.start.date().toPython()
        end = self.end.date().toPython()
        self._period = (start, end)  # type: ignore[assignment]
        office, advisor = self._office, self._advisor_only()
        self.problem.hide()
        self.summary.setText(translate("AlignmentView", "Computing on the centre…"))
        self._runner.centre(
            lambda: alignment.report(office, start, end, advisor=advisor),  # type: ignore[arg-type]
            self._show,
            self._failed,
            owner=self,
            key="alignment",
        )

    def _show(self, report: alignment.Report) -> None:
        self._report = report
        self.lines.setRowCount(0)
        if report.empty:
            start, end = self._period or (None, None)
            self.summary.setText(
                translate("cli", report.empty).format(start=start or "", end=end or "")
            )
            self._show_line(-1)
            return
        for line in report.figures:
            self._add_line(line)
        first = report.figures[0]
        if self._office.is_supervisor:  # the sentence speaks to an advisor of their own
            said = translate(
                "AlignmentView",
                "{closed} contacts closed in the period, {surveyed} with a survey answer: "
                "choose a line, then a pair of views; a click on a cell lists its contacts.",
            )
            summary = said.format(closed=first.coverage.closed, surveyed=first.coverage.customer)
        else:
            summary = alignment.calibration_sentence(
                first.calibration, QCoreApplication.translate, format_percent
            )
        self.summary.setText(summary)
        self.lines.setCurrentCell(0, 0)

    def _add_line(self, line: alignment.Figures) -> None:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        c, cal, sat = line.coverage, line.calibration, line.satisfaction
        indent = {"all": "", "team": "  ", "advisor": "    "}.get(line.scope, "")
        surveyed = estimated = "—"
        if sat is not None and sat.share is not None:
            low, high = sat.interval or (sat.share, sat.share)
            surveyed = f"{_pct(sat.share)} {_interval(low, high)} n={sat.surveyed}"
        if sat is not None and sat.estimate is not None:
            e = sat.estimate
            estimated = f"{_pct(e.share)} {_interval(e.low, e.high)} {e.surveyed}/{e.contacts}"
        name = indent + (line.name or translate("AlignmentView", "Whole selection"))
        cells = [
            name,
            str(c.closed),
            str(c.self),
            str(c.manager),
            str(c.quality),
            str(c.customer),
            _pct(cal.over_share),
            _pct(cal.under_share),
            surveyed,
            estimated,
        ]
        for col, text in enumerate(cells):
            self.lines.setItem(row, col, _cell(text, line))

    def _line(self, row: int) -> alignment.Figures | None:
        item = self.lines.item(row, 0) if row >= 0 else None
        data = item.data(ROLE) if item is not None else None
        return data if isinstance(data, alignment.Figures) else None

    def _show_line(self, row: int) -> None:
        line = self._line(row)
        pair = self.pair.currentData()
        figures = (
            next((p for p in line.pairs if (p.first, p.second) == pair), None) if line else None
        )
        self.matrix.setRowCount(0)
        if figures is None:
            self.pair_figures.setText("")
            return
        said = translate(
            "AlignmentView", "{n} contacts with both · agreement {agreement} · mean gap {gap}"
        ).format(n=figures.n, agreement=_pct(figures.agreement), gap=_gap(figures.mean_gap))
        kappa = translate(
            "AlignmentView", "weighted kappa {kappa} (1: full agreement, 0: no better than chance)"
        ).format(kappa=_kappa(figures.kappa))
        self.pair_figures.setText(f"{said}\n{kappa}")
        self.matrix.setRowCount(4)
        # "Feeling 3/4": a rating out of four, not a third advisor; the short names of the
        # table's columns, so that the four columns fit the pane.
        first, second = _SHORT[figures.first], _SHORT[figures.second]
        self.matrix.setVerticalHeaderLabels([f"{_tr(first)} {a}/4" for a in "1234"])
        self.matrix.verticalHeader().show()
        self.matrix.setHorizontalHeaderLabels([f"{_tr(second)} {b}/4" for b in "1234"])
        for a in range(4):
            for b in range(4):
                item = _cell(str(figures.matrix[a][b]), (a + 1, b + 1))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if a == b:
                    item.setBackground(self.palette().alternateBase())
                self.matrix.setItem(a, b, item)
        m = self.matrix  # the four rows exactly, no empty band under them
        rows = sum(m.rowHeight(r) for r in range(4))
        m.setFixedHeight(m.horizontalHeader().sizeHint().height() + rows + 2 * m.frameWidth())

    def _who(self, line: alignment.Figures) -> tuple[str | None, str | None]:
        return line.team, line.advisor

    def _drill_line(self, row: int, _col: int) -> None:
        line = self._line(row)
        pair = self.pair.currentData()
        if line is not None and pair is not None:
            self.drill_on(
                Behind(pair=pair),
                line,
                translate("AlignmentView", "Contacts with both views"),
            )

    def _drill_cell(self, row: int, col: int) -> None:
        line = self._line(self.lines.currentRow())
        pair = self.pair.currentData()
        if line is None or pair is None:
            return
        cell = (row + 1, col + 1)
        title = translate("AlignmentView", "{first} {a}, {second} {b}").format(
            first=view_name(pair[0]), a=cell[0], second=view_name(pair[1]), b=cell[1]
        )
        self.drill_on(Behind(pair=pair, cell=cell), line, title)

    def drill_on(self, behind: Behind, line: alignment.Figures, title: str) -> None:
        if self._period is None:
            return
        start, end = self._period
        team, advisor = self._who(line)
        office = self._office
        self.drill_title.setText(
            translate("AlignmentView", "{title} — {who}").format(title=title, who=line.name)
        )
        self._runner.centre(
            lambda: alignment.contacts_behind(
                office, start, end, behind, team, advisor, DRILL_PAGE
            ),
            self._show_drill,
            self._failed,
            owner=self,
            key="drill",
        )

    def _show_drill(self, page: alignment.DrillPage) -> None:
        self.drill.setRowCount(0)
        for r in page.rows:
            row = self.drill.rowCount()
            self.drill.insertRow(row)
            values = [
                r.reference,
                format_date(r.closed_at),
                r.advisor,
                *("—" if v is None else str(v) for v in (r.self, r.manager, r.quality, r.customer)),
                r.comment or "",
            ]
            for col, text in enumerate(values):
                self.drill.setItem(row, col, _cell(text, r.contact_id))
        if page.total > len(page.rows):
            self.drill_title.setText(
                self.drill_title.text()
                + " · "
                + translate("AlignmentView", "{shown} of {total}").format(
                    shown=len(page.rows), total=page.total
                )
            )

    def _open(self, row: int, _col: int) -> None:
        item = self.drill.item(row, 0)
        contact = item.data(ROLE) if item is not None else None
        if isinstance(contact, uuid.UUID):
            self.open_case.emit(contact)

    def _failed(self, err: RelaisError | Bug) -> None:
        self.problem.setText(error_text(err))
        self.problem.show()
