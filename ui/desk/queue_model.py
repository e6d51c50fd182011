"""The advisor's queue as a lazily paged table model.

The queue can hold a hundred thousand contacts on an incident day, so the model never loads it
whole. ``reload`` asks the service, in workers, for the first page and for the queue's index
(its length and a position-to-key map, ``QueueIndex``); ``rowCount`` is that length and every
other row is fetched one page at a time, when the view first asks to paint it, by a keyset seek
from the index's nearest key: the last page, or the middle one the scroll bar was dropped on,
comes as fast as the first. A row not loaded yet shows a placeholder. Pages live in a small LRU
cache so memory stays flat however far the advisor scrolls, and a generation counter drops
every answer that belongs to an older reload (a filter changed, a refresh after a claim).

The order is the service's (priority, then due time): it is the business rule, so the model does
not sort. The same model lists the advisor's own follow-ups (``QueueFilter.follow_ups``), with
their due time of day instead of a countdown.

A contact's state (waiting, in progress with this advisor, with a colleague, planned) is told
in words and by an icon in the status column, which narrows to its icon but never hides, and
``STATE_ROLE`` gives it to delegates and tests: never by the row's tint alone.
"""

import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.clock import centre_now
from app.dto import QueueFilter, QueueIndex, QueueRow
from app.enums import ContactStatus
from app.errors import RelaisError
from app.services.queue import QueueService
from ui.common import theme
from ui.common.item_models import role_data
from ui.common.ops import Bug, Runner
from ui.common.texts import (
    channel_label,
    format_datetime,
    format_duration,
    priority_label,
    status_label,
    untitled,
)
from ui.desk.queue_icons import dark_theme, priority_dot, queue_icon, state_icon

AnyIndex = QModelIndex | QPersistentModelIndex

_BRUSHES: dict[tuple[str, bool], QBrush] = {}


def _brush(name: str) -> QBrush:
    """The theme's "muted" or "overdue" ink for the palette in use (made once each)."""
    dark = dark_theme()
    cached = _BRUSHES.get((name, dark))
    if cached is None:
        if name == "overdue":
            value = theme.ERROR_ON_DARK if dark else theme.ERROR_STRONG
        else:
            value = theme.MUTED_ON_DARK if dark else theme.MUTED
        cached = _BRUSHES[(name, dark)] = QBrush(theme.color(value))
    return cached


#: Shown in the text columns of a row whose page has not arrived yet.
PLACEHOLDER = "…"

# Roles as plain ints: compared thousands of times per paint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

_TIME_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
]
_STATE_ROLES = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.UserRole + 4]  # STATE_ROLE


class QueueModel(QAbstractTableModel):
    """One list of queued and in-progress contacts across channels, paged from the service.

    Signals:
        loaded(int): a reload's count is known; the argument is the number of rows.
        first_rows_ready(): the first page of a reload is in the model (the view paints it
            next). A reload swaps the list in only then, so a refresh never flashes
            placeholders.
        rows_ready(int, int): the rows first..last (inclusive) have arrived from a page load.
    """

    loaded = Signal(int)
    first_rows_ready = Signal()
    rows_ready = Signal(int, int)

    # Columns, left to right. WAITING and DUE stay adjacent: the live tick updates that range.
    CHANNEL = 0
    PRIORITY = 1
    RISK = 2
    CUSTOMER = 3
    SUBJECT = 4
    WAITING = 5
    DUE = 6
    STATUS = 7
    COLUMN_COUNT = 8

    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    """The contact's ``uuid.UUID`` (None while the row is a placeholder)."""
    ROW_ROLE = Qt.ItemDataRole.UserRole + 2
    """The whole ``QueueRow`` (None while the row is a placeholder)."""
    SORT_ROLE = Qt.ItemDataRole.UserRole + 3
    """A native, comparable value for the column (seconds for the time columns)."""
    STATE_ROLE = Qt.ItemDataRole.UserRole + 4
    """The contact's state, on every cell: ``STATE_MINE``, ``STATE_TAKEN``, ``STATE_WAITING``
    or ``STATE_PLANNED``."""

    STATE_MINE = "mine"
    """In progress with the signed-in advisor."""
    STATE_TAKEN = "taken"
    """In progress with a colleague."""
    STATE_WAITING = "waiting"
    """In the queue, for anyone to take."""
    STATE_PLANNED = "planned"
    """A follow-up not in the queue yet: it enters it at its due time."""

    PAGE_SIZE = 200
    MAX_PAGES = 10
    """Pages kept in memory: 2,000 rows, far more than any screen shows."""
    MAX_IN_FLIGHT = 2
    """Page loads running at once. Each may sort the whole queue in SQL: more would only take
    the CPU the GUI thread needs to paint, and finish no sooner."""
    MAX_WANTED = 4
    """Pages waiting to be loaded; older wishes (rows scrolled past quickly) are forgotten."""

    def __init__(
        self,
        runner: Runner,
        queue: QueueService,
        parent: QObject | None = None,
        *,
        clock: Callable[[], datetime] = centre_now,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._queue = queue
        self._clock = clock
        self._page_size = page_size
        self._max_pages = max_pages
        self._now = clock()

        # What is displayed: the applied reload.
        self._filter = QueueFilter()
        self._count = 0
        self._count_known = False
        self._index: QueueIndex | None = None
        self._pages: OrderedDict[int, list[QueueRow]] = OrderedDict()
        self._rows_by_id: dict[uuid.UUID, int] = {}

        # Requests. A reload bumps the generation; answers from older ones are ignored.
        self._generation = 0
        self._applied_generation = 0
        self._next_filter = self._filter
        self._in_flight: set[int] = set()
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._failed: set[int] = set()
        self._pending_index: QueueIndex | None = None
        self._pending_first: list[QueueRow] | None = None
        self._first_failed = False
        self.page_requests = 0
        """How many page loads were started (for tests and the benchmark)."""

        self._pump = QTimer(self)
        self._pump.setSingleShot(True)
        self._pump.setInterval(0)
        self._pump.timeout.connect(self._start_wanted)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.tick)
        self._tick.start()

        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._compact: set[int] = set()

    # ----------------------------------------------------------------------------- public API

    @property
    def queue_filter(self) -> QueueFilter:
        """The filter of the latest reload asked for (it may still be loading)."""
        return self._next_filter

    @property
    def count_known(self) -> bool:
        return self._count_known and self._applied_generation == self._generation

    @property
    def queue_index(self) -> QueueIndex | None:
        """The position-to-key map of the list shown, which pages seek from (None until it
        has arrived: until then only the first page is read)."""
        return self._index if self._applied_generation == self._generation else None

    @property
    def loaded_pages(self) -> int:
        """Pages held in memory now; bounded by ``max_pages``."""
        return len(self._pages)

    @property
    def page_size(self) -> int:
        return self._page_size

    def reload(self, queue_filter: QueueFilter | None = None) -> None:
        """Shows the queue for ``queue_filter`` (or the current one), from the database.

        What is displayed stays until the new answer arrives, so a refresh does not flicker.
        """
        f = queue_filter if queue_filter is not None else self._next_filter
        self._generation += 1
        gen = self._generation
        self._next_filter = f
        self._in_flight.clear()
        self._wanted.clear()
        self._failed.clear()
        self._pending_index = None
        self._pending_first = None
        self._first_failed = False
        queue = self._queue
        # The first page needs no index (it starts at the top): asked at once, beside it.
        self._in_flight.add(0)
        self._request(gen, f, 0, None)
        self._runner.read(
            lambda: queue.index(f),
            partial(self._on_index, gen),
            partial(self._on_error, gen, None),
            owner=self,
        )

    def refresh(self) -> None:
        """Reloads with the same filter (after a claim, a close, a sync)."""
        self.reload(self._next_filter)

    def contact_at(self, row: int) -> QueueRow | None:
        """The contact on ``row``, or None when its page is not loaded (or out of range)."""
        if not 0 <= row < self._count:
            return None
        page = self._pages.get(row // self._page_size)
        if page is None:
            return None
        offset = row % self._page_size
        return page[offset] if offset < len(page) else None

    def row_for(self, contact_id: uuid.UUID) -> int | None:
        """The row of a contact among the loaded pages, or None when it is not loaded."""
        row = self._rows_by_id.get(contact_id)
        return row if row is not None and row < self._count else None

    COMPACTABLE = (CHANNEL, PRIORITY, RISK, DUE, STATUS)

    def set_compact(self, column: int, compact: bool) -> None:
        """The short form of a column, for a narrow queue pane: CHANNEL, PRIORITY and STATUS
        show their icon only (STATUS and RISK drop their header text), DUE shows "-12 min"
        instead of "overdue 12 min" (still red and bold). Full texts stay in the tooltips and
        the accessible texts."""
        if column not in self.COMPACTABLE or (column in self._compact) == compact:
            return
        if compact:
            self._compact.add(column)
        else:
            self._compact.discard(column)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)
        for first, last in self._loaded_ranges():
            self.dataChanged.emit(self.index(first, column), self.index(last, column))

    def is_compact(self, column: int) -> bool:
        return column in self._compact

    def set_live(self, live: bool) -> None:
        """Starts or stops the 1-second update of the time columns (stop it while hidden)."""
        if live and not self._tick.isActive():
            self.tick()
            self._tick.start()
        elif not live:
            self._tick.stop()

    def tick(self) -> None:
        """Moves the clock on and repaints the waiting and due columns of the loaded rows (and
        the follow-ups' status: a planned one becomes overdue as its time passes)."""
        self._now = self._clock()
        last_column = self.STATUS if self._filter.follow_ups else self.DUE
        roles = _TIME_ROLES if last_column == self.DUE else _TIME_ROLES + _STATE_ROLES
        for first, last in self._loaded_ranges():
            self.dataChanged.emit(
                self.index(first, self.WAITING), self.index(last, last_column), roles
            )

    # ---------------------------------------------------------------------------- Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    # flags(): QAbstractTableModel's own (enabled, selectable, never has children) is exactly
    # right, and leaving it in C++ saves two Python calls per cell per paint.

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            shortened = section in self._compact and section != self.DUE
            return "" if shortened else self._headers()[section]
        if role == _DECORATION and section == self.STATUS and section in self._compact:
            return state_icon(self.STATE_MINE)  # the narrow column says what it is about
        if role == _ACCESSIBLE:
            return self._headers()[section]
        if role == _TOOLTIP:
            return self.tr(
                "{column}\nThe queue is ordered by priority, then by due time, for everyone: "
                "it cannot be sorted by another column."
            ).format(column=self._header_tips()[section])
        if role == _ALIGNMENT:
            if section in (self.WAITING, self.DUE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, col = index.row(), index.column()  # -1 for an invalid index
        if not 0 <= row < self._count or not 0 <= col < self.COLUMN_COUNT:
            return None
        return self._value(self._row(row), col, int(role))

    def multiData(self, index: AnyIndex, roles: QModelRoleDataSpan | QModelRoleData) -> None:
        """All the roles a delegate asks for a cell, in one call: painting the queue costs one
        Python call per cell instead of ten (half the paint time)."""
        row, col = index.row(), index.column()
        if not 0 <= row < self._count or not 0 <= col < self.COLUMN_COUNT:
            for data in role_data(roles):
                data.clearData()
            return
        item = self._row(row)
        for data in role_data(roles):
            data.setData(self._value(item, col, data.role()))

    def _value(self, item: QueueRow | None, col: int, role: int) -> Any:
        if item is None:
            return self._placeholder(col, role)
        if role == self.ID_ROLE:
            return item.id
        if role == self.ROW_ROLE:
            return item
        if role == self.STATE_ROLE:
            return self.state_of(item)
        if role == _ALIGNMENT:
            if col == self.WAITING or col == self.DUE:
                return _RIGHT
            return _LEFT
        if role == _BACKGROUND:
            # The advisor's own contacts in progress stand out in every layout, even when the
            # status column is hidden.
            return self._mine_brush() if item.assigned_to_me else None
        return self._cells[col](self, item, role)

    # ------------------------------------------------------------------------------- cells

    def _channel(self, item: QueueRow, role: int) -> Any:
        if role == _DISPLAY:
            return None if self.CHANNEL in self._compact else channel_label(item.channel)
        if role in (_TOOLTIP, _ACCESSIBLE):
            return channel_label(item.channel)
        if role == _DECORATION:
            return queue_icon(item.channel.value)
        if role == self.SORT_ROLE:
            return item.channel.value
        return None

    def _priority(self, item: QueueRow, role: int) -> Any:
        if role == _DISPLAY:
            return None if self.PRIORITY in self._compact else priority_label(item.priority)
        if role == _ACCESSIBLE:
            return priority_label(item.priority)
        if role == _TOOLTIP:
            return self.tr("Priority: {priority}").format(priority=priority_label(item.priority))
        if role == _DECORATION:
            return priority_dot(item.priority)
        if role == _FONT and item.priority >= 3:
            return self._bold
        if role == self.SORT_ROLE:
            return item.priority
        return None

    def _risk(self, item: QueueRow, role: int) -> Any:
        if role == self.SORT_ROLE:
            return item.risk_flag
        if not item.risk_flag:
            return None
        if role == _DECORATION:
            return queue_icon("risk")
        if role == _TOOLTIP:
            if item.risk_reason:
                return self.tr("Risk: {reason}").format(reason=item.risk_reason)
            return self.tr("Risk: strong dissatisfaction or legal risk detected.")
        if role == _ACCESSIBLE:
            return self.tr("Risk flagged")
        return None

    def _customer(self, item: QueueRow, role: int) -> Any:
        unidentified = item.customer_id is None
        if role in (_DISPLAY, _ACCESSIBLE):
            return item.who or self.tr("Unknown sender")
        if role == _TOOLTIP:
            return self.tr("Unidentified sender") if unidentified else item.who
        if role == _FONT and unidentified:
            return self._italic
        if role == _FOREGROUND and unidentified:
            return _brush("muted")
        if role == self.SORT_ROLE:
            return item.who.casefold()
        return None

    def _subject(self, item: QueueRow, role: int) -> Any:
        if role == _DISPLAY:
            return " ".join(item.summary.split()) or untitled(item.channel)
        if role == _ACCESSIBLE:
            text = " ".join(item.summary.split()) or untitled(item.channel)
            if item.reply_failed:
                return self.tr("Reply not delivered: {subject}").format(subject=text)
            if item.follow_up_of:
                return self.tr("Follow-up of {reference}: {subject}").format(
                    reference=item.follow_up_of, subject=text
                )
            return text
        if role == _DECORATION and item.reply_failed:
            return state_icon("undelivered")
        if role == _DECORATION and item.follow_up_of:
            return state_icon("follow_up")
        if role == _FOREGROUND and item.reply_failed:
            return _brush("overdue")  # the same red
        if role == _TOOLTIP:
            origin = (
                self.tr("Follow-up of {reference}").format(reference=item.follow_up_of)
                if item.follow_up_of
                else ""
            )
            failed = (
                self.tr("The last reply did not reach the customer: open the contact to see why.")
                if item.reply_failed
                else ""
            )
            parts = [item.reference, failed, origin, item.subject, item.preview]
            return "\n".join(p for p in parts if p)
        if role == self.SORT_ROLE:
            return item.summary.casefold()
        return None

    def _waiting(self, item: QueueRow, role: int) -> Any:
        seconds = (self._now - item.received_at).total_seconds()
        if role in (_DISPLAY, _ACCESSIBLE):
            return format_duration(max(0.0, seconds))
        if role == _TOOLTIP:
            return self.tr("Received {time}").format(time=format_datetime(item.received_at))
        if role == self.SORT_ROLE:
            return seconds
        return None

    def _due(self, item: QueueRow, role: int) -> Any:
        seconds = (item.due_at - self._now).total_seconds()
        overdue = seconds < 0
        if role == _DISPLAY and self.DUE in self._compact:
            if self._filter.follow_ups and not overdue:
                return format_datetime(item.due_at)  # "15:30": a follow-up's time of day
            return format_duration(seconds)  # "-12 min" when overdue; colour and weight say it
        if role in (_DISPLAY, _ACCESSIBLE):
            if overdue:
                return self.tr("overdue {duration}").format(duration=format_duration(-seconds))
            if self._filter.follow_ups:
                if role == _ACCESSIBLE:
                    return self.tr("due at {time}, in {duration}").format(
                        time=format_datetime(item.due_at), duration=format_duration(seconds)
                    )
                return format_datetime(item.due_at)
            return format_duration(seconds)
        if role == _TOOLTIP:
            if overdue:
                return self.tr("Overdue by {duration}: it was due {time}.").format(
                    duration=format_duration(-seconds), time=format_datetime(item.due_at)
                )
            return self.tr("Due {time}").format(time=format_datetime(item.due_at))
        if overdue and role == _FOREGROUND:
            return _brush("overdue")
        if overdue and role == _FONT:
            return self._bold
        if role == self.SORT_ROLE:
            return seconds
        return None

    def state_of(self, item: QueueRow) -> str:
        """``STATE_MINE``, ``STATE_TAKEN``, ``STATE_WAITING`` or ``STATE_PLANNED``."""
        if item.status == ContactStatus.IN_PROGRESS:
            return self.STATE_MINE if item.assigned_to_me else self.STATE_TAKEN
        if item.status == ContactStatus.QUEUED and item.received_at > self._now:
            return self.STATE_PLANNED
        return self.STATE_WAITING

    def _status(self, item: QueueRow, role: int) -> Any:
        state = self.state_of(item)
        # Among the advisor's follow-ups, one in the queue is one whose time has come.
        due = state == self.STATE_WAITING and self._filter.follow_ups
        if role == _DISPLAY:
            if self.STATUS in self._compact:
                return None  # the icon alone; the words stay in the tooltip and for readers
            if state == self.STATE_MINE:
                return self.tr("With you")
            if state == self.STATE_TAKEN and item.assigned_to_name:
                return item.assigned_to_name
            if state == self.STATE_PLANNED:
                return self.tr("Planned")
            if due:
                return self.tr("Overdue")
            return status_label(item.status)
        if role == _ACCESSIBLE:
            if state == self.STATE_MINE:
                return self.tr("In progress with you")
            if state == self.STATE_TAKEN and item.assigned_to_name:
                return self.tr("In progress with {name}").format(name=item.assigned_to_name)
            if state == self.STATE_PLANNED:
                return self.tr("Planned: enters the queue at {time}").format(
                    time=format_datetime(item.received_at)
                )
            if due:
                return self.tr("Overdue: in the queue, it can be taken now")
            return status_label(item.status)
        if role == _TOOLTIP:
            if state == self.STATE_MINE:
                return self.tr("In progress: you took this contact.")
            if state == self.STATE_TAKEN and item.assigned_to_name:
                return self.tr("In progress with {name}.").format(name=item.assigned_to_name)
            if state == self.STATE_PLANNED:
                return self.tr(
                    "Planned: it enters the queue at {time}, and can be taken from then on."
                ).format(time=format_datetime(item.received_at))
            if due:
                return self.tr("Overdue: it is in the queue and can be taken now.")
            return status_label(item.status)
        if role == _DECORATION:
            # A shape for the contacts in progress, the planned and the overdue follow-ups;
            # none for the waiting (most rows): the figure stands out where it matters.
            if due:
                return state_icon("overdue")
            return None if state == self.STATE_WAITING else state_icon(state)
        if role == _FONT and (state == self.STATE_MINE or due):
            return self._bold
        if role == _FOREGROUND and due:
            return _brush("overdue")
        if role == _FOREGROUND and state in (self.STATE_WAITING, self.STATE_PLANNED):
            return _brush("muted")
        if role == self.SORT_ROLE:
            return item.status.value
        return None

    _cells: dict[int, Callable[["QueueModel", QueueRow, int], Any]] = {  # noqa: RUF012
        CHANNEL: _channel,
        PRIORITY: _priority,
        RISK: _risk,
        CUSTOMER: _customer,
        SUBJECT: _subject,
        WAITING: _waiting,
        DUE: _due,
        STATUS: _status,
    }

    def _placeholder(self, col: int, role: int) -> Any:
        if col in (self.CUSTOMER, self.SUBJECT):
            if role in (_DISPLAY, _ACCESSIBLE):
                return PLACEHOLDER
            if role == _FOREGROUND:
                return _brush("muted")
            if role == _TOOLTIP:
                return self.tr("Loading…")
        return None

    def _headers(self) -> list[str]:
        return [
            self.tr("Channel"),
            self.tr("Priority"),
            self.tr("Risk"),
            self.tr("Customer"),
            self.tr("Subject"),
            self.tr("Waiting"),
            self.tr("Due") if self._filter.follow_ups else self.tr("Due in"),
            self.tr("Status"),
        ]

    def _header_tips(self) -> list[str]:
        return [
            self.tr("How the customer reached us."),
            self.tr("Urgent, high, normal or low."),
            self.tr("A flag means strong dissatisfaction or a legal risk was detected."),
            self.tr("The customer, or the sender as they wrote when not identified yet."),
            self.tr("The subject or the first line of the message."),
            self.tr("How long the customer has been waiting."),
            self.tr("When the follow-up is due; overdue ones say by how long.")
            if self._filter.follow_ups
            else self.tr("Time left before the promised answer time."),
            self.tr("Waiting, with you, or who is handling it."),
        ]

    def _mine_brush(self) -> QBrush:
        if not dark_theme():
            return QBrush(theme.color(theme.ACCENT_SOFT))
        tint = QColor(theme.ACCENT)
        tint.setAlpha(70)
        return QBrush(tint)

    # ------------------------------------------------------------------------------ paging

    def _row(self, row: int) -> QueueRow | None:
        number = row // self._page_size
        page = self._pages.get(number)
        if page is None:
            self._want(number)
            return None
        self._pages.move_to_end(number)  # recently painted: keep it
        offset = row % self._page_size
        return page[offset] if offset < len(page) else None

    def _want(self, number: int) -> None:
        if self._applied_generation != self._generation:
            return  # a reload is on its way: do not page the old list with the new filter
        if number in self._in_flight or number in self._failed:
            return
        self._wanted[number] = None
        self._wanted.move_to_end(number)
        while len(self._wanted) > self.MAX_WANTED:
            self._wanted.popitem(last=False)
        if not self._pump.isActive():
            self._pump.start()

    def _start_wanted(self) -> None:
        """Starts the most recently wanted pages first: they are the ones on screen. A page
        past the first waits for the index it seeks from."""
        if self._index is None:
            return
        while self._wanted and len(self._in_flight) < self.MAX_IN_FLIGHT:
            number, _ = self._wanted.popitem(last=True)
            if number in self._pages or number * self._page_size >= self._count:
                continue
            self._in_flight.add(number)
            self._request(self._generation, self._filter, number, self._index)

    def _request(self, gen: int, f: QueueFilter, number: int, index: QueueIndex | None) -> None:
        queue, size = self._queue, self._page_size
        self.page_requests += 1
        self._runner.read(
            lambda: queue.page(f, number * size, size, index),
            partial(self._on_page, gen, number),
            partial(self._on_error, gen, number),
            owner=self,
        )

    def _on_index(self, gen: int, index: QueueIndex) -> None:
        if gen != self._generation:
            return
        if self._applied_generation != gen:
            self._pending_index = index
            self._apply_when_ready(gen)
            return
        self._index = index
        self._resize(index.count)
        self._count_known = True
        self.loaded.emit(index.count)
        self._start_wanted()

    def _on_page(self, gen: int, number: int, rows: list[QueueRow]) -> None:
        if gen != self._generation:
            return  # an answer for an older reload
        self._in_flight.discard(number)
        if self._applied_generation != gen:
            self._pending_first = rows  # only the first page is asked before applying
            self._apply_when_ready(gen)
            return
        self._store(number, rows)
        first = number * self._page_size
        last = min(first + len(rows), self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.COLUMN_COUNT - 1))
            self.rows_ready.emit(first, last)
        self._start_wanted()

    def _on_error(self, gen: int, number: int | None, err: RelaisError | Bug) -> None:
        if gen != self._generation:
            return
        if number is not None:
            self._in_flight.discard(number)
            self._failed.add(number)  # no retry loop on every paint; a refresh tries again
            if number == 0 and self._applied_generation != gen:
                self._first_failed = True
                self._apply_when_ready(gen)
        self._runner.error.emit(err)

    def _apply_when_ready(self, gen: int) -> None:
        """Swaps the new list in once its first page is here, so a refresh never flickers.

        The index may come before or after the first page. If the first page is first, the
        list shows it at once with a provisional length (a refresh keeps the old length so the
        scroll position survives) and the index corrects the length when it arrives; pages
        further down wait for it.
        """
        index = self._pending_index
        rows = self._pending_first
        if rows is not None:
            if index is None:
                count = len(rows)
                if len(rows) == self._page_size and self._next_filter == self._filter:
                    count = max(self._count, len(rows))
            else:
                count = index.count
            self._apply(gen, count, index, {0: rows})
        elif self._first_failed and index is not None:
            self._apply(gen, index.count, index, {})
        else:
            return
        if index is not None:
            self._count_known = True
            self.loaded.emit(index.count)
        if rows is not None:
            self.first_rows_ready.emit()
        self._start_wanted()

    def _apply(
        self,
        gen: int,
        count: int,
        index: QueueIndex | None,
        pages: dict[int, list[QueueRow]],
    ) -> None:
        self.beginResetModel()
        self._filter = self._next_filter
        self._applied_generation = gen
        self._count = count
        self._count_known = False
        self._index = index
        self._pages = OrderedDict()
        self._rows_by_id = {}
        self._now = self._clock()
        for number, rows in pages.items():
            self._store(number, rows)
        self.endResetModel()
        if pages.get(0):
            self.rows_ready.emit(0, min(len(pages[0]), count) - 1)

    def _resize(self, count: int) -> None:
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()

    def _store(self, number: int, rows: list[QueueRow]) -> None:
        self._pages[number] = rows
        self._pages.move_to_end(number)
        first = number * self._page_size
        for offset, item in enumerate(rows):
            self._rows_by_id[item.id] = first + offset
        while len(self._pages) > self._max_pages:
            gone, evicted = self._pages.popitem(last=False)
            start = gone * self._page_size
            for offset, item in enumerate(evicted):
                if self._rows_by_id.get(item.id) == start + offset:
                    del self._rows_by_id[item.id]

    def _loaded_ranges(self) -> list[tuple[int, int]]:
        ranges = []
        for number, rows in self._pages.items():
            first = number * self._page_size
            last = min(first + len(rows), self._count) - 1
            if last >= first:
                ranges.append((first, last))
        return ranges
