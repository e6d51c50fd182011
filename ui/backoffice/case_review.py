"""The case review tab of the supervisor's desk: the case list on the left, the case opened on
the right with its blind evaluation form. A drill-down from a figure opens its contacts here."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.backoffice import cases, scorecards
from app.backoffice.centre import BackOffice
from app.errors import RelaisError
from ui.backoffice.case_detail import CaseDetail
from ui.backoffice.case_list import CaseList
from ui.backoffice.scorecard_dialog import ScorecardDialog
from ui.common.ops import Bug, Runner


class CaseReview(QWidget):
    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._office = office
        self.list = CaseList(runner, office, self)
        self.detail = CaseDetail(runner, office, self)
        self.list.opened.connect(self.detail.open_case)
        self.detail.evaluated.connect(self.list.mark_evaluated)
        self.new_card = QPushButton(self.tr("New &scorecard…"), self)
        self.new_card.clicked.connect(self.ask_scorecard)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.new_card)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(split, 1)
        self._started = False

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.list.load_people()
            self.load_scorecards()
            self.list.reload()

    def load_scorecards(self) -> None:
        office = self._office
        self._runner.centre(
            lambda: scorecards.active(office),
            self.detail.form.set_scorecards,
            self._failed,
            owner=self,
        )

    def ask_scorecard(self) -> None:
        dialog = ScorecardDialog(self._runner, self._office, self)
        dialog.created.connect(lambda _card: self.load_scorecards())
        dialog.open()
        self.dialog = dialog

    def show_cases(self, flt: cases.CaseFilter, open_first: uuid.UUID | None = None) -> None:
        """The cases behind a figure (a drill-down), and the one to open."""
        self._started = True
        self.list.show_filter(flt)
        if open_first is not None:
            self.detail.open_case(open_first)

    def _failed(self, err: RelaisError | Bug) -> None:
        self.list.show_problem(err)
