"""The supervisors' review list: low self-assessments awaiting follow-up, leases lost,
conflicts, feelings the survey contradicts — with their state (to review, in progress, done) and
who took each. Taking an item says so to the other supervisors; one someone else took is theirs.
Read from the centre, off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import reviews
from app.backoffice.centre import BackOffice
from app.errors import RelaisError
from ui.common.ops import Bug, Runner
from ui.common.texts import channel_label, error_text, format_datetime, translate

ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewList", text)


def reason_label(reason: str) -> str:
    return {
        "low_self_assessment": translate("ReviewList", "Low feeling"),
        "lease_lost": translate("ReviewList", "Lease lost"),
        "conflict": translate("ReviewList", "Conflicting changes"),
        "disagreement": translate("ReviewList", "Survey contradicts the feeling"),
    }.get(reason, reason)


def state_label(row: reviews.ReviewRow) -> str:
    if row.state == reviews.IN_PROGRESS:
        return QCoreApplication.translate("ReviewList", "In progress — {who}").format(
            who=row.taken_by or "?"
        )
    if row.state == reviews.DONE:
        return QCoreApplication.translate("ReviewList", "Done — {who}").format(
            who=row.taken_by or "?"
        )
    return QCoreApplication.translate("ReviewList", "To review")


class ReviewList(QWidget):
    """Signals: ``open_case(uuid)``; ``message(str)``."""

    open_case = Signal(object)
    message = Signal(str)

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._office = office
        self.show_done = QCheckBox(translate("ReviewList", "Show the items done too"), self)
        self.show_done.toggled.connect(self.refresh)
        self.take_button = QPushButton(translate("ReviewList", "&Take it"), self)
        self.take_button.clicked.connect(
            lambda: self._answer(
                reviews.take,
                translate("ReviewList", "Item {reference} taken: it is yours."),
            )
        )
        self.done_button = QPushButton(translate("ReviewList", "Mark &done"), self)
        self.done_button.clicked.connect(
            lambda: self._answer(reviews.done, translate("ReviewList", "Item {reference} done."))
        )
        self.open_button = QPushButton(translate("ReviewList", "&Open the case"), self)
        self.open_button.clicked.connect(self._open_current)
        bar = QHBoxLayout()
        bar.addWidget(self.show_done)
        bar.addStretch(1)
        for button in (self.open_button, self.take_button, self.done_button):
            bar.addWidget(button)
        self.table = QTableWidget(0, 7, self)
        self.table.setAccessibleName(translate("ReviewList", "Review list"))
        self.table.setHorizontalHeaderLabels(
            [
                translate("ReviewList", "Flagged"),
                translate("ReviewList", "Why"),
                translate("ReviewList", "Contact"),
                translate("ReviewList", "Channel"),
                translate("ReviewList", "Advisor"),
                translate("ReviewList", "Closed"),
                translate("ReviewList", "State"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda *_: self._open_current())
        self.count = QLabel("", self)
        self.problem = QLabel("", self)
        self.problem.setProperty("message", True)
        self.problem.setProperty("tone", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(self.problem)
        column.addWidget(self.table, 1)
        column.addWidget(self.count)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        states = frozenset(reviews.STATES) if self.show_done.isChecked() else None
        flt = reviews.ReviewFilter(states=states) if states else reviews.ReviewFilter()
        office = self._office
        self._runner.centre(
            lambda: reviews.review_list(office, flt, 500),
            self._show,
            self._failed,
            owner=self,
            key="reviews",
        )

    def _show(self, page: reviews.ReviewPage) -> None:
        self.problem.hide()
        self.table.setRowCount(0)
        for r in page.rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            closed = format_datetime(r.closed_at) if r.closed_at else "—"
            values = (
                format_datetime(r.created_at),
                reason_label(r.reason),
                r.reference,
                channel_label(r.channel),
                r.advisor,
                closed,
                state_label(r),
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(ROLE, r)
                self.table.setItem(row, col, item)
        waiting = sum(r.state == reviews.TO_REVIEW for r in page.rows)
        self.count.setText(
            translate("ReviewList", "{count} items · {waiting} to review").format(
                count=page.count, waiting=waiting
            )
            if page.count
            else translate("ReviewList", "Nothing waits for review in your team.")
        )

    def _current(self) -> reviews.ReviewRow | None:
        item = self.table.item(self.table.currentRow(), 0)
        row = item.data(ROLE) if item is not None else None
        return row if isinstance(row, reviews.ReviewRow) else None

    def _open_current(self) -> None:
        row = self._current()
        if row is not None:
            self.open_case.emit(row.contact_id)

    def _answer(self, act: object, said: str) -> None:
        row = self._current()
        if row is None:
            self.message.emit(translate("ReviewList", "Choose an item of the list first."))
            return
        office, item_id = self._office, row.id

        def done(_row: object) -> None:
            self.message.emit(said.format(reference=row.reference))
            self.refresh()

        self._runner.centre(lambda: act(office, item_id), done, self._failed, owner=self)  # type: ignore[operator]

    def _failed(self, err: RelaisError | Bug) -> None:
        self.problem.setText(error_text(err))
        self.problem.show()
