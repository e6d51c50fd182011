"""The queue's column widths: sized once from the font and the longest likely texts (so French
fits), then fitted to the pane at each resize and filter change, column by column giving way,
so that the subject keeps the room to be read."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from app.dto import QueueFilter
from app.enums import Channel, ContactStatus
from ui.common.texts import channel_label, format_duration, priority_label
from ui.desk.queue_model import QueueModel

SUBJECT_MIN = 160
"""The subject is what the advisor reads: narrower than this, other columns give way first."""
CUSTOMER_NARROW = 130


class QueueColumns:
    """The widths of one queue table's columns: natural, compact (an icon alone), and which
    are hidden for the list shown."""

    def __init__(self, table: QTableView, model: QueueModel) -> None:
        self._table = table
        self._model = model
        self._natural: dict[int, int] = {}
        self._compact_width: dict[int, int] = {}
        self._customer_width = 0

    def size(self) -> None:
        """Widths from the font and the longest likely texts, so French fits too."""
        header = self._table.horizontalHeader()
        fm = QFontMetrics(self._table.font())
        bold = QFont(self._table.font())
        bold.setBold(True)
        fm_bold = QFontMetrics(bold)
        pad = 28  # the delegate's margins on both sides, and air before the next column
        style = self._table.style()
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 8  # icon and spacing

        def fit(*texts: str, metrics: QFontMetrics = fm, extra: int = 0) -> int:
            return max(metrics.horizontalAdvance(t) for t in texts) + pad + extra

        m = self._model
        titles = [str(m.headerData(c, Qt.Orientation.Horizontal)) for c in range(m.COLUMN_COUNT)]
        widths = {
            m.CHANNEL: fit(titles[m.CHANNEL], *(channel_label(c) for c in Channel), extra=icon),
            m.PRIORITY: fit(
                titles[m.PRIORITY],
                *(priority_label(p) for p in range(4)),
                extra=icon,
                metrics=fm_bold,
            ),
            m.RISK: fit(titles[m.RISK], extra=0),
            m.CUSTOMER: 190,
            m.WAITING: fit(titles[m.WAITING], format_duration(86_399)),
            m.DUE: fit(
                titles[m.DUE],
                m.tr("overdue {duration}").format(duration=format_duration(86_399)),
                metrics=fm_bold,
            ),
            m.STATUS: fit(
                titles[m.STATUS],
                m.tr("With you"),
                m.tr("Planned"),
                m.tr("Overdue"),
                "Marie-Christine D.",
                metrics=fm_bold,
                extra=icon,
            ),
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(m.SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self._natural = widths
        # An icon alone: the cell's padding on both sides and nothing more (each pixel goes to
        # the subject, or lets "Waiting" stay).
        self._compact_width = {
            m.CHANNEL: icon + 8,
            m.PRIORITY: icon + 8,
            m.RISK: icon + 8,
            m.DUE: fit(titles[m.DUE], format_duration(-86_399), metrics=fm_bold),
            m.STATUS: icon + 8,
        }
        self._customer_width = widths[m.CUSTOMER]

    def fit(self, f: QueueFilter) -> None:
        """Gives way, column by column, until the subject keeps ``SUBJECT_MIN`` pixels. The
        status narrows to its icon but stays: it is what tells the advisor's own contacts in
        progress from the waiting ones, in words for screen readers and by shape on screen."""
        m = self._model
        available = self._table.viewport().width()
        if available <= 0 or not self._natural:
            return
        hidden: set[int] = set()
        if f.statuses == frozenset({ContactStatus.QUEUED}) and not f.follow_ups:
            hidden.add(m.STATUS)  # it would say "Waiting" on every row
        if f.follow_ups:
            hidden.add(m.WAITING)  # a follow-up waits from its due time: the due column says it
            hidden.add(m.PRIORITY)  # the centre gives every follow-up the same
        compact: set[int] = set()
        customer = self._natural[m.CUSTOMER]

        def needed() -> int:
            total = SUBJECT_MIN
            for column, width in self._natural.items():
                if column in hidden:
                    continue
                if column in compact:
                    total += self._compact_width[column]
                else:
                    total += customer if column == m.CUSTOMER else width
            return total

        steps = [
            lambda: compact.add(m.CHANNEL),
            lambda: compact.add(m.PRIORITY),
            lambda: compact.add(m.RISK),
            lambda: compact.add(m.STATUS),
            lambda: compact.add(m.DUE),
        ]
        for step in steps:
            if needed() <= available:
                break
            step()
        if needed() > available:
            customer = CUSTOMER_NARROW
        if needed() > available:
            hidden.add(m.WAITING)  # only in a very narrow pane: waiting time is worth keeping

        header = self._table.horizontalHeader()
        for column in m.COMPACTABLE:
            small = column in compact
            if m.is_compact(column) != small:
                m.set_compact(column, small)
                width = self._compact_width[column] if small else self._natural[column]
                header.resizeSection(column, width)
        for column in (m.PRIORITY, m.WAITING, m.STATUS):
            if self._table.isColumnHidden(column) != (column in hidden):
                self._table.setColumnHidden(column, column in hidden)
        if customer != self._customer_width:
            self._customer_width = customer
            header.resizeSection(m.CUSTOMER, customer)
