"""The indicators dashboard of the supervisor's desk: every indicator beside the previous
period, the volume per channel as a bar chart (Qt Charts), the weekday × hour heat map of
arrivals; a click on a figure, a bar or a cell lists the contacts behind it. Computed on the
centre off the GUI thread with progress and a Cancel button; exported as CSV or XLSX; a figure
can be made the team's focus indicator."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import export, focus, incidents, indicators
from app.backoffice.centre import BackOffice
from app.backoffice.indicators_drill import DRILL_OF, Behind, DrillPage, contacts_behind
from app.backoffice.indicators_figures import FOCUS_KEYS, Dashboard, Figure
from app.enums import Channel
from app.errors import RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from ui.common import theme
from ui.common.indicator_text import change_text, good_news, value_text
from ui.common.ops import Bug, Runner
from ui.common.texts import channel_label, date_edit, error_text, format_datetime, translate

ROLE = Qt.ItemDataRole.UserRole
DRILL_PAGE = 200
WEEKDAYS = (
    QT_TRANSLATE_NOOP("Dashboard", "Mon"),
    QT_TRANSLATE_NOOP("Dashboard", "Tue"),
    QT_TRANSLATE_NOOP("Dashboard", "Wed"),
    QT_TRANSLATE_NOOP("Dashboard", "Thu"),
    QT_TRANSLATE_NOOP("Dashboard", "Fri"),
    QT_TRANSLATE_NOOP("Dashboard", "Sat"),
    QT_TRANSLATE_NOOP("Dashboard", "Sun"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def _cell(text: str, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(ROLE, data)
    return item


class DashboardView(QWidget):
    """Signals: ``open_case(uuid)``; ``message(str)``; ``_progressed`` from the worker."""

    open_case = Signal(object)
    message = Signal(str)
    _progressed = Signal(int, int)

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._office = office
        self._board: Dashboard | None = None
        self._cancel = threading.Event()
        self._period: tuple[datetime, datetime] | None = None
        self._drilled: Behind | None = None
        today = QDate.currentDate()
        self.start = date_edit(today.addDays(-29), self)
        self.start.setAccessibleName(translate("Dashboard", "From"))
        self.end = date_edit(today, self)
        self.end.setAccessibleName(translate("Dashboard", "To (included)"))
        self.channel = QComboBox(self)
        self.channel.setAccessibleName(translate("Dashboard", "Channel"))
        self.channel.addItem(translate("Dashboard", "Every channel"), None)
        for c in Channel:
            self.channel.addItem(channel_label(c), c)
        self.compute = QPushButton(translate("Dashboard", "&Compute"), self)
        self.compute.clicked.connect(self.refresh)
        self.cancel = QPushButton(translate("Dashboard", "Cancel"), self)
        self.cancel.clicked.connect(self._cancel.set)
        self.cancel.hide()
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(translate("Dashboard", "Computing the indicators"))
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self._progressed.connect(self._show_progress)
        self.export_button = QPushButton(translate("Dashboard", "E&xport…"), self)
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setEnabled(False)
        self.focus_button = QPushButton(translate("Dashboard", "Make it the team's &focus"), self)
        self.focus_button.clicked.connect(self.set_focus)
        self.focus_button.setEnabled(False)
        self.focus_button.setToolTip(
            translate("Dashboard", "Choose in the table the indicator the team should follow.")
        )
        bar = QHBoxLayout()
        first = QLabel(translate("Dashboard", "From"), self)
        until = QLabel(translate("Dashboard", "to"), self)
        for widget in (
            first,
            self.start,
            until,
            self.end,
            self.channel,
            self.compute,
            self.cancel,
            self.progress,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.focus_button)
        bar.addWidget(self.export_button)

        self.figures = QTableWidget(0, 4, self)
        self.figures.setAccessibleName(translate("Dashboard", "Indicators"))
        self.figures.setHorizontalHeaderLabels(
            [
                translate("Dashboard", "Indicator"),
                translate("Dashboard", "This period"),
                translate("Dashboard", "Previous period"),
                translate("Dashboard", "Change"),
            ]
        )
        self.figures.verticalHeader().hide()
        self.figures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.figures.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.figures.cellClicked.connect(self._figure_clicked)
        self.figures.currentCellChanged.connect(lambda *_: self._enable_focus())

        self.chart = QChart()
        self.chart.setTitle(translate("Dashboard", "Contacts received per channel"))
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName(
            translate("Dashboard", "Contacts received per channel, this period and the previous")
        )
        # Every pixel to the bars: at 1366×768 the chart has some 200 of them in height, and
        # with Qt's default margins the channels' names were elided to "…".
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view.setMinimumHeight(180)

        self.incident_chart = QChart()
        self.incident_chart.setTitle(translate("Dashboard", "Incidents: contacts tagged per hour"))
        self.incident_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.incident_view = QChartView(self.incident_chart, self)
        self.incident_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.incident_view.setAccessibleName(
            translate("Dashboard", "Volume of the incidents of the period")
        )
        self.incident_view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.incident_view.hide()

        self.heat = QTableWidget(7, 24, self)
        self.heat.setAccessibleName(translate("Dashboard", "Arrivals per weekday and hour"))
        self.heat.setHorizontalHeaderLabels([f"{h}" for h in range(24)])
        self.heat.setVerticalHeaderLabels([_tr(d) for d in WEEKDAYS])
        self.heat.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.heat.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.heat.cellClicked.connect(self._heat_clicked)
        self.heat.setMinimumHeight(140)
        # 24 columns must fit beside the figures on a 1366-pixel screen.
        self.heat.horizontalHeader().setMinimumSectionSize(14)
        self.heat.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.chart_view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)

        self.drill_title = QLabel(
            translate("Dashboard", "Click an indicator, a bar or a cell to list its contacts."),
            self,
        )
        self.drill_title.setWordWrap(True)
        self.drill = QTableWidget(0, 7, self)
        self.drill.setAccessibleName(translate("Dashboard", "Contacts behind the figure"))
        self.drill.setHorizontalHeaderLabels(
            [
                translate("Dashboard", "Contact"),
                translate("Dashboard", "Received"),
                translate("Dashboard", "Channel"),
                translate("Dashboard", "Advisor"),
                translate("Dashboard", "Customer"),
                translate("Dashboard", "Measure"),
                translate("Dashboard", "The customer's words"),
            ]
        )
        self.drill.verticalHeader().hide()
        self.drill.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.drill.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.drill.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.drill.horizontalHeader().setStretchLastSection(True)
        self.drill.cellDoubleClicked.connect(self._open)

        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(translate("Dashboard", "What the dashboard shows"))
        charts = QSplitter(Qt.Orientation.Vertical, self)
        charts.addWidget(self.chart_view)
        charts.addWidget(self.incident_view)
        charts.addWidget(self.heat)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.figures)
        top.addWidget(charts)
        top.setStretchFactor(0, 1)  # the figures' four columns unscrolled at 1366 pixels
        top.setStretchFactor(1, 1)
        below = QWidget(self)
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.drill_title)
        column.addWidget(self.drill, 1)
        whole = QSplitter(Qt.Orientation.Vertical, self)
        whole.addWidget(top)
        whole.addWidget(below)
        whole.setStretchFactor(0, 2)
        whole.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(self.status)
        outer.addWidget(whole, 1)
        self._started = False

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.refresh()

    # -- computing -----------------------------------------------------------------------------

    def _range(self) -> tuple[datetime, datetime]:
        def utc(day: QDate) -> datetime:
            return datetime.fromtimestamp(day.startOfDay().toSecsSinceEpoch(), UTC)

        return utc(self.start.date()), utc(self.end.date().addDays(1))

    def refresh(self) -> None:
        start, end = self._range()
        self._period = (start, end)
        channel = self.channel.currentData()
        office, cancel, progressed = self._office, self._cancel, self._progressed
        cancel.clear()

        def progress(done: int, total: int) -> bool:
            progressed.emit(done, total)  # queued to the GUI thread
            return not cancel.is_set()

        self.compute.setEnabled(False)
        self.cancel.show()
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(translate("Dashboard", "Computing on the centre…"))
        self._runner.centre(
            lambda: indicators.dashboard(office, start, end, channel=channel, progress=progress),
            self._show,
            self._failed,
            owner=self,
            key="dashboard",
        )

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self) -> None:
        self.compute.setEnabled(True)
        self.cancel.hide()
        self.progress.hide()

    def _show(self, board: Dashboard) -> None:
        self._finished()
        self._board = board
        self.export_button.setEnabled(True)
        self.status.setText(
            translate("indicators", board.empty)
            if board.empty
            else translate(
                "Dashboard",
                "Computed at {when} · times in {zone} · click a figure for its contacts",
            ).format(when=format_datetime(board.computed_at), zone=board.time_zone)
        )
        overall = [f for f in board.figures if f.channel is None]
        self.figures.setRowCount(0)
        for figure in overall:
            self._add_figure(figure)
        self._show_chart(board)
        self._show_heat(board)
        if self._period is not None:
            office, (start, end) = self._office, self._period
            self._runner.centre(
                lambda: incidents.curves(office, start, end),
                self._show_incidents,
                self._failed,
                owner=self,
                key="incidents",
            )
        self._enable_focus()

    def _add_figure(self, f: Figure) -> None:
        row = self.figures.rowCount()
        self.figures.insertRow(row)
        label = translate("indicators", f.label)
        current = value_text(f.current.value, f.unit)
        if f.current.value is None and f.why:
            current = "— " + translate("indicators", f.why)
        previous = value_text(f.previous.value, f.unit) if f.previous else "—"
        change = _cell(change_text(f.change, f.unit), f)
        news = good_news(f.change, f.better)
        if news is not None:
            change.setForeground(
                QBrush(theme.color(theme.SUCCESS_TEXT if news else theme.ERROR_TEXT))
            )
        for col, item in enumerate(
            (_cell(label, f), _cell(current, f), _cell(previous, f), change)
        ):
            if col in (1, 2):
                item.setToolTip(
                    translate("Dashboard", "{n} contacts").format(
                        n=f.current.n if col == 1 else (f.previous.n if f.previous else 0)
                    )
                )
            self.figures.setItem(row, col, item)

    def _show_chart(self, board: Dashboard) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        volumes = [f for f in board.figures if f.key == "volume" and f.channel is not None]
        if not volumes:
            return
        now, before = (
            QBarSet(translate("Dashboard", "This period")),
            QBarSet(translate("Dashboard", "Previous period")),
        )
        now.setColor(QColor(theme.ACCENT))
        before.setColor(QColor(theme.BORDER_STRONG))
        for f in volumes:
            now.append(f.current.value or 0)
            before.append(f.previous.value or 0 if f.previous else 0)
        series = QBarSeries()
        series.append(before)
        series.append(now)
        self._bar_channels = [f.channel for f in volumes]
        series.clicked.connect(self._bar_clicked)
        self.chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.append([channel_label(c) for c in self._bar_channels if c is not None])
        self.chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        values = QValueAxis()
        values.setLabelFormat("%d")
        top = max(
            [(f.current.value or 0) for f in volumes]
            + [(f.previous.value or 0) if f.previous else 0 for f in volumes]
        )
        values.setRange(0, max(1, top))
        _nice(values)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)

    def _show_incidents(self, found: list[incidents.IncidentCurve]) -> None:
        self.incident_chart.removeAllSeries()
        for axis in self.incident_chart.axes():
            self.incident_chart.removeAxis(axis)
        tagged = [c for c in found if c.hours]
        self.incident_view.setVisible(bool(tagged))
        if not tagged:
            return
        times = QDateTimeAxis()
        times.setFormat("dd/MM HH:mm")
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        self.incident_chart.addAxis(times, Qt.AlignmentFlag.AlignBottom)
        self.incident_chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        top = 1
        for curve in tagged:
            series = QLineSeries()
            series.setName(
                translate("Dashboard", "{title} ({total} contacts)").format(
                    title=curve.title, total=curve.total
                )
            )
            for hour, n in curve.hours:
                series.append(hour.timestamp() * 1000, n)
                top = max(top, n)
            self.incident_chart.addSeries(series)
            series.attachAxis(times)
            series.attachAxis(counts)
        counts.setRange(0, top)
        _nice(counts)
        first = min(c.hours[0][0] for c in tagged)
        last = max(c.hours[-1][0] for c in tagged)
        times.setRange(
            QDateTime.fromSecsSinceEpoch(int(first.timestamp())),
            QDateTime.fromSecsSinceEpoch(int(last.timestamp()) + 3600),
        )

    def _show_heat(self, board: Dashboard) -> None:
        top = max((c.count for c in board.heat_map), default=0) or 1
        accent = QColor(theme.ACCENT)
        for c in board.heat_map:
            item = _cell(str(c.count) if c.count else "", (c.weekday, c.hour))
            shade = QColor(accent)
            shade.setAlphaF(0.08 + 0.85 * c.count / top if c.count else 0.0)
            item.setBackground(QBrush(shade))
            if c.count / top > 0.55:
                item.setForeground(QBrush(QColor(theme.ON_STRONG)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(
                translate(
                    "Dashboard",
                    "{day} {hour}:00–{hour}:59 · {count} contacts (previous period {previous})",
                ).format(
                    day=_tr(WEEKDAYS[c.weekday]), hour=c.hour, count=c.count, previous=c.previous
                )
            )
            self.heat.setItem(c.weekday, c.hour, item)

    # -- drilling down -------------------------------------------------------------------------

    def _figure_clicked(self, row: int, _col: int) -> None:
        item = self.figures.item(row, 0)
        figure = item.data(ROLE) if item is not None else None
        if isinstance(figure, Figure):
            label = translate("indicators", figure.label)
            self.drill_on(Behind(DRILL_OF[figure.key]), label)

    def _bar_clicked(self, index: int, _bar_set: QBarSet) -> None:
        channel = self._bar_channels[index]
        said = translate("Dashboard", "Received on {channel}")
        name = channel_label(channel) if channel else ""
        self.drill_on(Behind("received", channel=channel), said.format(channel=name))

    def _heat_clicked(self, row: int, col: int) -> None:
        self.drill_on(
            Behind("received", weekday=row, hour=col),
            translate("Dashboard", "Received on {day} between {hour}:00 and {hour}:59").format(
                day=_tr(WEEKDAYS[row]), hour=col
            ),
        )

    def drill_on(self, behind: Behind, title: str) -> None:
        if self._period is None:
            return
        start, end = self._period
        channel = self.channel.currentData()
        office = self._office
        self._drilled = behind
        self.drill_title.setText(title)

        def read() -> DrillPage:
            return contacts_behind(office, start, end, behind, channel=channel, limit=DRILL_PAGE)

        self._runner.centre(read, self._show_drill, self._failed, owner=self, key="drill")

    def _show_drill(self, page: DrillPage) -> None:
        self.drill.setRowCount(0)
        for r in page.rows:
            row = self.drill.rowCount()
            self.drill.insertRow(row)
            measure = "" if r.value is None else f"{r.value:g}"
            values = (
                r.reference,
                format_datetime(r.received_at),
                channel_label(r.channel),
                r.advisor or "—",
                r.customer,
                measure,
                r.words or "",
            )
            for col, text in enumerate(values):
                self.drill.setItem(row, col, _cell(text, r.contact_id))
        shown = translate("Dashboard", "{shown} of {total} contacts").format(
            shown=len(page.rows), total=page.total
        )
        self.drill_title.setText(f"{self.drill_title.text().split(' · ')[0]} · {shown}")

    def _open(self, row: int, _col: int) -> None:
        item = self.drill.item(row, 0)
        contact = item.data(ROLE) if item is not None else None
        if isinstance(contact, uuid.UUID):
            self.open_case.emit(contact)

    # -- export, focus -------------------------------------------------------------------------

    def ask_export(self) -> None:
        name, _f = QFileDialog.getSaveFileName(
            self,
            translate("Dashboard", "Export the indicators"),
            "indicateurs.xlsx",
            translate("Dashboard", "Excel (*.xlsx);;CSV (*.csv)"),
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        board = self._board
        if board is None:
            return
        self._runner.centre(
            lambda: export.write_figures(board, path, QCoreApplication.translate),
            lambda _none: self.message.emit(
                translate("Dashboard", "Indicators exported to {path}.").format(path=path)
            ),
            self._failed,
            owner=self,
        )

    def _current_figure(self) -> Figure | None:
        item = self.figures.item(self.figures.currentRow(), 0)
        figure = item.data(ROLE) if item is not None else None
        return figure if isinstance(figure, Figure) else None

    def _enable_focus(self) -> None:
        figure = self._current_figure()
        followable = figure is not None and figure.key in FOCUS_KEYS
        self.focus_button.setEnabled(followable)
        # A disabled button says why (Qt shows a disabled widget's tooltip).
        self.focus_button.setToolTip(
            translate("Dashboard", "Shown on every advisor's status bar, with its value.")
            if followable
            else translate(
                "Dashboard",
                "Choose in the table the indicator the team should follow; this one cannot be.",
            )
            if figure is not None
            else translate("Dashboard", "Choose in the table the indicator the team should follow.")
        )

    def set_focus(self) -> None:
        figure = self._current_figure()
        if figure is None:
            return
        office, key = self._office, figure.key
        label = translate("indicators", figure.label)
        self._runner.centre(
            lambda: focus.set_focus(office, key),
            lambda _done: self.message.emit(
                translate(
                    "Dashboard",
                    "“{label}” is now the team's focus: every advisor sees it on their status bar.",
                ).format(label=label)
            ),
            self._failed,
            owner=self,
        )

    def _failed(self, err: RelaisError | Bug) -> None:
        self._finished()
        self.status.setText(error_text(err))


def _nice(axis: QValueAxis) -> None:
    """Round ticks (0, 50, 100…, not 53, 106, 159); below ten, Qt's round steps would be
    fractions, which a count's whole-number labels would repeat."""
    if axis.max() >= 10:
        axis.applyNiceNumbers()
