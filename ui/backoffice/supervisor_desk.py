"""The supervisor's perspective of the window: the team as the centre has it now (who holds
what and for how long, what waits, the team's follow-ups). Read from the centre, off the GUI
thread, again every few seconds while it shows; when the centre does not answer, the last read
stays with the time it was made."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import team_board
from app.backoffice.centre import BackOffice
from app.errors import RelaisError
from ui.backoffice.alignment_view import AlignmentView
from ui.backoffice.board_models import FollowUpModel, HeldModel
from ui.backoffice.case_review import CaseReview
from ui.backoffice.dashboard import DashboardView
from ui.backoffice.review_list import ReviewList
from ui.backoffice.template_admin import TemplateAdmin
from ui.backoffice.verbatim_board import VerbatimBoard
from ui.common.ops import Bug, Runner
from ui.common.texts import channel_label, error_text, format_datetime, format_duration

REFRESH_MS = 10_000


def _table(model: HeldModel | FollowUpModel, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class SupervisorDesk(QWidget):
    """Signals: ``failed(error)`` for what the window reports."""

    failed = Signal(object)

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorDesk")
        self._runner = runner
        self._office = office
        self._board: team_board.TeamBoard | None = None
        self.held = HeldModel(self)
        self.follow_ups = FollowUpModel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Supervisor's desk"))
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideNone)

        live = QWidget(self.tabs)
        column = QVBoxLayout(live)
        self.waiting = QLabel(self.tr("Reading the team from the centre…"), live)
        self.waiting.setWordWrap(True)
        self.waiting.setProperty("box", "neutral")
        self.waiting.setAccessibleName(self.tr("Contacts waiting"))
        column.addWidget(self.waiting)
        self.held_view = _table(self.held, self.tr("Contacts held by the team"), live)
        column.addWidget(self.held_view, 1)
        self.nobody = QLabel(self.tr("No one in the team is working a contact right now."), live)
        self.nobody.setObjectName("emptyText")
        self.nobody.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nobody.hide()
        column.addWidget(self.nobody, 1)
        self.tabs.addTab(live, self.tr("&Team now"))

        planned = QWidget(self.tabs)
        column = QVBoxLayout(planned)
        self.follow_up_line = QLabel("", planned)
        self.follow_up_line.setWordWrap(True)
        column.addWidget(self.follow_up_line)
        self.follow_up_view = _table(
            self.follow_ups, self.tr("The team's planned follow-ups"), planned
        )
        column.addWidget(self.follow_up_view, 1)
        self.no_follow_up = QLabel(
            self.tr(
                "No follow-up planned by the team for the coming week. Advisors plan callbacks "
                "and replies when they close a contact; they appear here with who planned them."
            ),
            planned,
        )
        self.no_follow_up.setObjectName("emptyText")
        self.no_follow_up.setWordWrap(True)
        self.no_follow_up.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_follow_up.hide()
        column.addWidget(self.no_follow_up, 1)
        self.tabs.addTab(planned, self.tr("Team &follow-ups"))
        self.reviews = ReviewList(runner, office, self.tabs)
        self.reviews.open_case.connect(self.open_case)
        self.tabs.addTab(self.reviews, self.tr("To &review"))
        self.cases = CaseReview(runner, office, self.tabs)
        self.tabs.addTab(self.cases, self.tr("&Cases"))
        self.dashboard = DashboardView(runner, office, self.tabs)
        self.dashboard.open_case.connect(self.open_case)
        self.tabs.addTab(self.dashboard, self.tr("&Indicators"))
        self.alignment = AlignmentView(runner, office, self.tabs)
        self.alignment.open_case.connect(self.open_case)
        self.tabs.addTab(self.alignment, self.tr("&Alignment"))
        self.verbatims = VerbatimBoard(runner, office, parent=self.tabs)
        self.tabs.addTab(self.verbatims, self.tr("&Verbatims"))
        self.templates = TemplateAdmin(runner, office, self.tabs)
        self.tabs.addTab(self.templates, self.tr("Tem&plates"))

        self.status = QLabel("", self)
        self.status.setProperty("tone", "muted")
        self.status.setAccessibleName(self.tr("When the board was read"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 4)
        outer.addWidget(self.tabs, 1)
        outer.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def open_case(self, contact_id: object) -> None:
        """A contact behind a figure, opened in the case review."""
        self.tabs.setCurrentWidget(self.cases)
        self.cases.detail.open_case(contact_id)  # type: ignore[arg-type]

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # Qt override
        super().hideEvent(event)
        self._timer.stop()

    @Slot()
    def refresh(self) -> None:
        office = self._office
        self._runner.centre(
            lambda: team_board.read(office), self._show, self._failed, owner=self, key="board"
        )

    def _show(self, board: team_board.TeamBoard) -> None:
        self._board = board
        self.held.replace(board.held, board.read_at)
        self.held_view.setVisible(bool(board.held))
        self.nobody.setVisible(not board.held)
        self.follow_up_view.setVisible(bool(board.follow_ups))
        self.no_follow_up.setVisible(not board.follow_ups)
        self.follow_ups.replace(board.follow_ups, board.read_at)
        self.waiting.setText(self._waiting_text(board))
        overdue = board.overdue()
        self.follow_up_line.setText(
            self.tr("%n planned follow-up(s) in the coming week", "", len(board.follow_ups))
            + (" · " + self.tr("%n overdue", "", overdue) if overdue else "")
        )
        self.tabs.setTabText(
            1, self.tr("Team &follow-ups ({count})").format(count=len(board.follow_ups))
        )
        self.status.setText(
            self.tr("Read from the centre at {time}; read again every 10 s.").format(
                time=format_datetime(board.read_at)
            )
        )

    def _waiting_text(self, board: team_board.TeamBoard) -> str:
        total = sum(w.count for w in board.waiting)
        if not total:
            return _sentences(self.tr("Nothing waits in the team's queue."), self._held_text(board))
        parts = [f"{channel_label(w.channel)} {w.count}" for w in board.waiting]
        oldest = min((w.oldest for w in board.waiting if w.oldest), default=None)
        text = self.tr("%n contact(s) waiting: {channels}", "", total).format(
            channels=", ".join(parts)
        )
        if oldest is not None:
            text += " · " + self.tr("the oldest for {age}").format(
                age=format_duration((board.read_at - oldest).total_seconds())
            )
        return _sentences(text + ".", self._held_text(board))

    def _held_text(self, board: team_board.TeamBoard) -> str:
        """How many contacts the team holds; nothing when none (the pane says so itself)."""
        advisors = len({h.advisor for h in board.held})
        if not advisors:
            return ""
        return (
            self.tr("%n contact(s) being worked", "", len(board.held))
            + " "
            + self.tr("by %n advisor(s).", "", advisors)
        )

    def _failed(self, err: RelaisError | Bug) -> None:
        if self._board is None:
            self.waiting.setText(error_text(err))
        else:
            self.status.setText(
                self.tr("The centre does not answer ({problem}); shown as read at {time}.").format(
                    problem=error_text(err), time=format_datetime(self._board.read_at)
                )
            )


def _sentences(*parts: str) -> str:
    return " ".join(part for part in parts if part)
