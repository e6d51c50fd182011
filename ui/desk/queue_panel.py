"""The queue panel: what waits, in the order it must be worked, and the "Next contact" button.

The advisor's usual move is "Next contact" (the main window binds Ctrl+N to ``next_requested``);
the list is there to see what is coming and to open a particular contact (Enter or double-click).
The order is the business rule (priority, then due time), so the columns do not sort.

A second tab lists the advisor's own follow-ups — the callbacks and replies they planned when
closing a contact — due today or overdue, with their time; its title counts them and says how
many are overdue. One that has entered the queue opens like any contact (``contact_activated``);
one still planned for later is previewed, and the panel says when it can be taken.
"""

import uuid

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.dto import FollowUpCounts, QueueFilter, QueueRow, Who
from app.enums import Channel, ContactStatus
from app.services.queue import QueueService
from ui.common.ops import Runner
from ui.common.texts import channel_label, format_datetime
from ui.desk.fitting import ElidedLabel, ElidingComboBox
from ui.desk.queue_columns import QueueColumns
from ui.desk.queue_icons import state_icon
from ui.desk.queue_model import QueueModel

ROW_HEIGHT = 26

SOCIAL = frozenset({Channel.FACEBOOK, Channel.X, Channel.INSTAGRAM, Channel.WHATSAPP})


class QueuePanel(QWidget):
    """The advisor's queue: filters, the paged list and the "Next contact" button.

    In a narrow pane the columns give way in this order, so the subject stays readable: the
    channel and the priority show their icon only, the risk column drops its header text, the
    status shows its icon only (a filled figure for the advisor's own contacts in progress),
    "Due in" shows "-12 min" for "overdue 12 min", then the customer column narrows, and last
    "Waiting" hides. Labels stay in the tooltips and the accessible texts; the title, the
    subtitle, the tabs and the status choice elide, never cut, their whole text in a tooltip.

    Signals:
        next_requested(): the advisor asked for the next contact (button; Ctrl+N in the window).
        contact_activated(object): a ``uuid.UUID``; the advisor opened this row (Enter,
            double-click).
        current_changed(object): a ``uuid.UUID``; the current row now shows another contact
            (arrows, click, or the first row after loading), for a read-only preview. Not sent
            again when a refresh puts the advisor back on the same contact.
        first_rows_ready(): the first rows of a (re)load are on screen.
        counts_changed(int, int): contacts waiting and in progress for the channel filter, so
            the window can show them elsewhere (a tab title, the status bar).
        follow_ups_changed(object): a ``FollowUpCounts``: the advisor's own follow-ups due
            today (overdue ones included) and how many are overdue, counted again with the
            queue and every minute.
    """

    next_requested = Signal()
    contact_activated = Signal(object)
    current_changed = Signal(object)
    first_rows_ready = Signal()
    counts_changed = Signal(int, int)
    follow_ups_changed = Signal(object)

    # Channel filter choices, in button order.
    ALL_CHANNELS = "all"
    CHANNEL_FILTERS: dict[str, frozenset[Channel]] = {  # noqa: RUF012
        "all": frozenset(),
        "phone": frozenset({Channel.PHONE}),
        "email": frozenset({Channel.EMAIL}),
        "social": SOCIAL,
        "letter": frozenset({Channel.LETTER}),
    }
    # Status filter choices, in combo order.
    WAITING, MINE, BOTH = "waiting", "mine", "both"
    # Lists, in tab order.
    QUEUE_TAB, FOLLOW_UPS_TAB = 0, 1
    FOLLOW_UPS_EVERY_MS = 60_000
    """How often the follow-ups are counted again: one turns overdue without any change."""

    def __init__(
        self, runner: Runner, queue: QueueService, who: Who, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self._runner = runner
        self._queue = queue
        self._who = who
        self._pending_select: uuid.UUID | None = None
        self._restore_scroll: int | None = None
        self._waiting = -1
        self._in_progress = -1
        self._last_shown: QueueFilter | None = None
        self._current_id: uuid.UUID | None = None
        self._follow_ups: FollowUpCounts | None = None

        self.model = QueueModel(runner, queue, self)

        # Header line: title with counts, and the primary action. Both texts elide in a narrow
        # pane (the whole text in their tooltips), the subtitle first.
        self._title = ElidedLabel(self.tr("Queue"))
        self._title.setObjectName("queueTitle")
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self._title.setFont(title_font)
        self._title.setAccessibleName(self.tr("Queue"))
        self._subtitle = ElidedLabel()
        self._subtitle.setObjectName("queueSubtitle")
        self._subtitle.setProperty("tone", "muted")
        self._subtitle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self._next = QPushButton(self.tr("Next contact"))
        self._next.setObjectName("nextContactButton")
        self._next.setAccessibleName(self.tr("Next contact"))
        self._next.setAccessibleDescription(
            self.tr("Takes the first waiting contact in queue order and opens it.")
        )
        self._next.setToolTip(
            self.tr("Take the first waiting contact in queue order and open it (Ctrl+N).")
        )
        self._next.setDefault(False)
        self._next.setAutoDefault(False)
        self._next.setMinimumHeight(36)
        self._next.setCursor(Qt.CursorShape.PointingHandCursor)
        next_font = QFont(self._next.font())
        next_font.setPointSizeF(next_font.pointSizeF() * 1.1)
        self._next.setFont(next_font)
        self._next.clicked.connect(self.next_requested)

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self._title, 0)
        top.addWidget(self._subtitle, 1, Qt.AlignmentFlag.AlignBaseline)  # takes the slack
        top.addWidget(self._next)

        # Which list: the queue, or the advisor's own follow-ups (counted in the tab's title).
        self._tabs = QTabBar()
        self._tabs.setObjectName("queueTabs")
        self._tabs.setDocumentMode(True)
        self._tabs.setExpanding(False)
        self._tabs.setDrawBase(False)
        self._tabs.setUsesScrollButtons(False)
        self._tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self._tabs.setAccessibleName(self.tr("Lists"))
        self._tabs.addTab(self.tr("Queue"))
        self._tabs.addTab(state_icon("follow_up"), self.tr("My follow-ups"))
        self._tabs.setTabToolTip(  # whole, also when a narrow pane elides the tab's title
            self.QUEUE_TAB,
            self.tr("Queue") + "\n" + self.tr("Every contact waiting or in progress."),
        )
        self._tabs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._tabs.currentChanged.connect(lambda _i: self._filters_changed())
        self._update_follow_ups_tab()

        # Filter line: the channel chips (the status choice sits beside the tabs).
        self._channel_group = QButtonGroup(self)
        self._channel_group.setExclusive(True)
        chips = QHBoxLayout()
        chips.setSpacing(4)
        chip_labels = {
            "all": self.tr("All"),
            "phone": channel_label(Channel.PHONE),
            "email": channel_label(Channel.EMAIL),
            "social": self.tr("Social"),
            "letter": channel_label(Channel.LETTER),
        }
        chip_tips = {
            "all": self.tr("Show every channel."),
            "phone": self.tr("Show phone calls only."),
            "email": self.tr("Show e-mails only."),
            "social": self.tr("Show Facebook, X, Instagram and WhatsApp messages only."),
            "letter": self.tr("Show letters only."),
        }
        self._chips: dict[str, QPushButton] = {}
        for key, label in chip_labels.items():
            chip = QPushButton(label)
            chip.setObjectName("queueChip")
            chip.setCheckable(True)
            chip.setAutoDefault(False)
            chip.setProperty("filterKey", key)
            chip.setToolTip(chip_tips[key])
            chip.setAccessibleName(self.tr("Channel filter: {channel}").format(channel=label))
            chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self._channel_group.addButton(chip)
            self._chips[key] = chip
            chips.addWidget(chip)
        self._chips["all"].setChecked(True)
        self._channel_group.buttonToggled.connect(self._chip_toggled)

        # As wide as its longest choice where there is room; elided, never cut, where not.
        self._status = ElidingComboBox()
        self._status.setObjectName("queueStatusFilter")
        self._status.addItem(self.tr("Waiting"), self.WAITING)
        self._status.addItem(self.tr("In progress (mine)"), self.MINE)
        self._status.addItem(self.tr("Waiting and in progress"), self.BOTH)
        self._status.setCurrentIndex(2)
        self._status.setAccessibleName(self.tr("Show contacts"))
        self._status.set_tip(self.tr("Which contacts the list shows."))
        self._status.currentIndexChanged.connect(lambda _i: self._filters_changed())
        status_label = QLabel(self.tr("&Show:"))
        status_label.setBuddy(self._status)
        self._status_label = status_label

        lists = QHBoxLayout()
        lists.setSpacing(8)
        lists.addWidget(self._tabs, 1, Qt.AlignmentFlag.AlignBottom)
        lists.addWidget(status_label)
        lists.addWidget(self._status)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addLayout(chips)
        filters.addStretch(1)

        # Said above the list when a follow-up planned for later is opened.
        self._notice = QLabel()
        self._notice.setObjectName("queueNotice")
        self._notice.setWordWrap(True)
        self._notice.setAccessibleName(self.tr("Queue notice"))
        self._notice.hide()

        # The list.
        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Queue"))
        self.table.setAccessibleDescription(
            self.tr("Contacts ordered by priority, then by due time. Press Enter to open one.")
        )
        self.table.setShowGrid(False)
        self.table.setCornerButtonEnabled(False)
        # The theme's sheet gives each cell a little air on both sides (#queueTable::item), so
        # right-aligned times never touch the next column's text.
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setMinimumSectionSize(ROW_HEIGHT)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(False)
        header.setSortIndicatorShown(False)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(28)
        self._columns = QueueColumns(self.table, self.model)
        self._columns.size()
        self.table.doubleClicked.connect(self._activate)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)

        self._empty = QLabel()
        self._empty.setObjectName("queueEmpty")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setAccessibleName(self.tr("Queue status"))

        stack_host = QWidget()
        self._stack = QStackedLayout(stack_host)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self.table)
        self._stack.addWidget(self._empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(lists)
        layout.addLayout(filters)
        layout.addWidget(self._notice)
        layout.addWidget(stack_host, 1)

        self.setFocusProxy(self.table)
        QWidget.setTabOrder(self._next, self._tabs)
        QWidget.setTabOrder(self._tabs, self._status)
        QWidget.setTabOrder(self._status, self._chips["all"])
        previous: QWidget = self._chips["all"]
        for key in ("phone", "email", "social", "letter"):
            QWidget.setTabOrder(previous, self._chips[key])
            previous = self._chips[key]
        QWidget.setTabOrder(previous, self.table)

        self._follow_ups_timer = QTimer(self)
        self._follow_ups_timer.setInterval(self.FOLLOW_UPS_EVERY_MS)
        self._follow_ups_timer.timeout.connect(self._load_follow_up_counts)

        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.loaded.connect(self._loaded)
        self.model.first_rows_ready.connect(self._first_rows)
        self.model.rows_ready.connect(self._rows_ready)
        self.table.selectionModel().currentRowChanged.connect(self._current_moved)

        self._show_loading()
        self.model.reload(self.queue_filter())

    # ----------------------------------------------------------------------------- public API

    def queue_filter(self) -> QueueFilter:
        """The filter the tab, the chips and the status choice describe."""
        checked = self._channel_group.checkedButton()
        key = checked.property("filterKey") if checked is not None else self.ALL_CHANNELS
        channels = self.CHANNEL_FILTERS.get(str(key), frozenset())
        if self._tabs.currentIndex() == self.FOLLOW_UPS_TAB:
            return QueueFilter(channels, follow_ups=True)
        status = self._status.currentData()
        if status == self.WAITING:
            return QueueFilter(channels, frozenset({ContactStatus.QUEUED}))
        if status == self.MINE:
            return QueueFilter(channels, frozenset({ContactStatus.IN_PROGRESS}), mine_only=True)
        return QueueFilter(channels)

    def refresh(self) -> None:
        """Reloads the list and the counts, keeping the filters, the selection and the scroll."""
        current = self.current_contact()
        if current is not None:
            self._pending_select = current
        self.model.refresh()

    def select_contact(self, contact_id: uuid.UUID) -> None:
        """Selects and shows a contact; if its rows are not loaded yet, as soon as they are."""
        self._pending_select = contact_id
        self._try_select()

    def current_contact(self) -> uuid.UUID | None:
        """The contact of the current row, or None (no row, or a row still loading)."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = self.model.data(index, QueueModel.ID_ROLE)
        return value if isinstance(value, uuid.UUID) else None

    def focus_table(self) -> None:
        """Puts the keyboard in the list (Ctrl+1 in the window), on the first row if none."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, QueueModel.CUSTOMER))

    def set_channel_filter(self, key: str) -> None:
        """Checks one channel chip: "all", "phone", "email", "social" or "letter"."""
        self._chips[key].setChecked(True)

    def set_status_filter(self, key: str) -> None:
        """Chooses the status filter: ``WAITING``, ``MINE`` or ``BOTH``."""
        self._status.setCurrentIndex(self._status.findData(key))

    def show_follow_ups(self, shown: bool = True) -> None:
        """Lists the advisor's own follow-ups (True) or the queue (False)."""
        self._tabs.setCurrentIndex(self.FOLLOW_UPS_TAB if shown else self.QUEUE_TAB)

    def follow_up_counts(self) -> FollowUpCounts | None:
        """The last counts of the advisor's own follow-ups (None until the first answer)."""
        return self._follow_ups

    # ------------------------------------------------------------------------------ events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self._activate(self.table.currentIndex())
            return True
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._columns.fit(self.queue_filter())
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The "Show:" caption is the first thing a narrow pane can do without (the list keeps
        # its accessible name and tooltip).
        follow_ups = self._tabs.currentIndex() == self.FOLLOW_UPS_TAB
        self._status_label.setVisible(event.size().width() >= 720 and not follow_ups)
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self.model.set_live(True)
        self._follow_ups_timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.model.set_live(False)
        self._follow_ups_timer.stop()
        super().hideEvent(event)

    # ----------------------------------------------------------------------------- internals

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.data(index, QueueModel.ROW_ROLE)
        if not isinstance(row, QueueRow):
            return
        if self.model.data(index, QueueModel.STATE_ROLE) == QueueModel.STATE_PLANNED:
            # The centre hands it out from its time on: until then it can be read, not taken.
            self._say(
                self.tr(
                    "Follow-up {reference} enters the queue at {time}: you can take it from "
                    "then on. It is shown read-only meanwhile."
                ).format(reference=row.reference, time=format_datetime(row.received_at))
            )
            self.current_changed.emit(row.id)
            return
        self.contact_activated.emit(row.id)

    def _say(self, text: str) -> None:
        self._notice.setText(text)
        self._notice.show()

    def _chip_toggled(self, _button: QPushButton, checked: bool) -> None:
        if checked:
            self._filters_changed()

    def _filters_changed(self) -> None:
        self._pending_select = self.current_contact()
        self._restore_scroll = None
        self._waiting = self._in_progress = -1
        self._notice.hide()
        follow_ups = self._tabs.currentIndex() == self.FOLLOW_UPS_TAB
        self._status.setVisible(not follow_ups)  # the follow-ups are all waiting ones
        self._status_label.setVisible(not follow_ups and self.width() >= 720)
        self._update_title()
        self._columns.fit(self.queue_filter())
        self.model.reload(self.queue_filter())

    def _before_reset(self) -> None:
        same_list = self.model.queue_filter == self._last_shown
        bar = self.table.verticalScrollBar()
        self._restore_scroll = bar.value() if same_list else None

    def _after_reset(self) -> None:
        self._last_shown = self.model.queue_filter
        if self._restore_scroll is not None:
            scroll = self._restore_scroll
            # With the table as context: dropped if the panel is gone before it fires.
            QTimer.singleShot(
                0, self.table, lambda: self.table.verticalScrollBar().setValue(scroll)
            )
        self._restore_scroll = None

    def _loaded(self, count: int) -> None:
        if count == 0:
            self._show_empty()
        else:
            self._stack.setCurrentWidget(self.table)
        self._load_counts()

    def _first_rows(self) -> None:
        if self.model.rowCount() > 0:
            self._stack.setCurrentWidget(self.table)
        self._try_select()
        nothing_current = not self.table.currentIndex().isValid() and self.model.rowCount() > 0
        if nothing_current and (self.table.hasFocus() or self._pending_select is None):
            self.table.setCurrentIndex(self.model.index(0, QueueModel.CUSTOMER))
        self.first_rows_ready.emit()

    def _rows_ready(self, _first: int, _last: int) -> None:
        self._try_select()
        self._announce_current()  # the current row may have been a placeholder until now

    def _try_select(self) -> None:
        contact_id = self._pending_select
        if contact_id is None:
            return
        row = self.model.row_for(contact_id)
        if row is None:
            return
        self._pending_select = None
        # Right after a reset the view has not laid out the new length yet; scrolling then
        # would clamp to the old range.
        self.table.executeDelayedItemsLayout()
        index = self.model.index(row, QueueModel.CUSTOMER)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _current_moved(self, _current: object, _previous: object) -> None:
        # A row chosen by the advisor wins over a selection still waiting for its page.
        if self.table.hasFocus():
            self._pending_select = None
        self._notice.hide()
        self._announce_current()

    def _announce_current(self) -> None:
        contact_id = self.current_contact()
        if contact_id is not None and contact_id != self._current_id:
            self._current_id = contact_id
            self.current_changed.emit(contact_id)

    def _load_counts(self) -> None:
        """Counts for the title and the follow-ups tab, after the list so they never delay
        the first rows."""
        f = self.model.queue_filter
        waiting = QueueFilter(f.channels, frozenset({ContactStatus.QUEUED}))
        busy = QueueFilter(f.channels, frozenset({ContactStatus.IN_PROGRESS}))
        queue = self._queue
        self._runner.read(
            lambda: (queue.count(waiting), queue.count(busy), queue.follow_up_counts()),
            self._counts_loaded,
            owner=self,
            key=f"queue-panel-counts-{id(self)}",
        )

    def _load_follow_up_counts(self) -> None:
        """Every minute: a follow-up whose time came is overdue now, and has entered the
        queue (it waits outside until its due time): the list shown is reloaded then."""
        queue = self._queue
        self._runner.read(
            queue.follow_up_counts,
            self._follow_ups_counted,
            owner=self,
            key=f"queue-panel-follow-ups-{id(self)}",
        )

    def _follow_ups_counted(self, counts: FollowUpCounts) -> None:
        self._follow_ups_loaded(counts)

    def _counts_loaded(self, counts: tuple[int, int, FollowUpCounts]) -> None:
        self._waiting, self._in_progress, follow_ups = counts
        self._update_title()
        self.counts_changed.emit(self._waiting, self._in_progress)
        self._follow_ups_loaded(follow_ups)

    def _follow_ups_loaded(self, counts: FollowUpCounts) -> None:
        """New counts, from the minute's recount or from a reload's: when they changed, the list
        is read again too (a reload's counts may see a follow-up its pages, read just before,
        did not)."""
        before = self._follow_ups
        self._follow_ups = counts
        self._update_follow_ups_tab()
        if counts != before:
            self.follow_ups_changed.emit(counts)
            if before is not None:
                self.refresh()

    def _update_follow_ups_tab(self) -> None:
        counts = self._follow_ups
        if counts is None or counts.today == 0:
            text = self.tr("My follow-ups")
            tip = self.tr("None of your follow-ups is due today.") if counts else ""
        elif counts.overdue:
            text = self.tr("My follow-ups ({count}, {overdue} overdue)").format(
                count=counts.today, overdue=counts.overdue
            )
            tip = self.tr(
                "Your follow-ups due today, overdue ones included: {count}. Overdue: {overdue}."
            ).format(count=counts.today, overdue=counts.overdue)
        else:
            text = self.tr("My follow-ups ({count})").format(count=counts.today)
            tip = self.tr("Your follow-ups due today: {count}. None is overdue.").format(
                count=counts.today
            )
        tab = self._tabs
        tab.setTabText(self.FOLLOW_UPS_TAB, text)
        tab.setTabIcon(
            self.FOLLOW_UPS_TAB, state_icon("overdue" if counts and counts.overdue else "follow_up")
        )
        tab.setTabToolTip(self.FOLLOW_UPS_TAB, "\n".join(t for t in (text, tip) if t))
        tab.setAccessibleDescription(text)

    def _update_title(self) -> None:
        if self._waiting < 0:
            self._title.setText(self.tr("Queue"))
            self._subtitle.setText("")
            return
        self._title.setText(self.tr("Queue — %n waiting", "", self._waiting))
        if self._in_progress <= 0:
            self._subtitle.setText("")
        elif self._who.role.value == "advisor":
            self._subtitle.setText(self.tr("%n in progress with you", "", self._in_progress))
        else:
            self._subtitle.setText(self.tr("%n in progress in the team", "", self._in_progress))
        self._title.setAccessibleName(
            " ".join(t for t in (self._title.text(), self._subtitle.text()) if t)
        )

    def _show_loading(self) -> None:
        self._empty.setText(self.tr("Loading the queue…"))
        self._stack.setCurrentWidget(self._empty)

    def _show_empty(self) -> None:
        f = self.model.queue_filter
        if f.follow_ups:
            text = self.tr(
                "No follow-up of yours is due today. The callbacks and replies you plan when "
                "closing a contact appear here on their day."
            )
        elif f.mine_only:
            text = self.tr("You have no contact in progress.")
        elif f.channels:
            text = self.tr("No contact on this channel. Choose “All” to see the whole queue.")
        else:
            text = self.tr("No contact is waiting. New contacts appear here as they arrive.")
        self._empty.setText(text)
        self._stack.setCurrentWidget(self._empty)
