"""An advisor reads the evaluations of the contacts they closed, and answers one: they agree,
or contest it with a reason their supervisor reads beside it. Their own only, as the centre's
rights allow; read and sent off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import evaluations
from app.backoffice.centre import BackOffice
from app.backoffice.evaluation_views import EvaluatedCase, EvaluationView
from app.errors import RelaisError
from ui.backoffice.case_detail import evaluation_html
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text, format_datetime, translate

ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("MyEvaluations", text)


class MyEvaluations(QDialog):
    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("MyEvaluations", "My evaluations"))
        self._runner = runner
        self._office = office
        self.cases = QListWidget(self)
        self.cases.setAccessibleName(translate("MyEvaluations", "My evaluated contacts"))
        self.cases.currentItemChanged.connect(lambda current, _p: self._show_case(current))
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(translate("MyEvaluations", "The evaluations of this contact"))
        self.answer = QPlainTextEdit(self)
        self.answer.setPlaceholderText(
            translate("MyEvaluations", "Your answer: why you agree, or why you contest it")
        )
        self.answer.setAccessibleName(translate("MyEvaluations", "Your answer to the evaluation"))
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(80)
        self.agree = QPushButton(translate("MyEvaluations", "I &agree"), self)
        self.agree.clicked.connect(lambda: self.send("agree"))
        self.contest = QPushButton(translate("MyEvaluations", "I &contest it"), self)
        self.contest.clicked.connect(lambda: self.send("contest"))
        self.problem = QLabel("", self)
        self.problem.setProperty("message", True)
        self.problem.setProperty("tone", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.addWidget(self.text, 1)
        column.addWidget(self.answer)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.agree)
        buttons.addWidget(self.contest)
        column.addLayout(buttons)
        column.addWidget(self.problem)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.cases)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.addWidget(split)
        self.resize(900, 560)
        self.refresh()

    def refresh(self) -> None:
        office = self._office
        self._runner.centre(
            lambda: evaluations.my_evaluations(office), self._show, self._failed, owner=self
        )

    def _show(self, found: list[EvaluatedCase]) -> None:
        current = self._case()
        self.cases.clear()
        for case in found:
            when = format_datetime(case.closed_at) if case.closed_at else "—"
            waiting = any(e.reply is None for e in case.evaluations)
            item = QListWidgetItem(
                f"{case.reference} · {when}"
                + (" · " + translate("MyEvaluations", "to answer") if waiting else "")
            )
            item.setData(ROLE, case)
            self.cases.addItem(item)
            if current is not None and case.contact_id == current.contact_id:
                self.cases.setCurrentItem(item)
        if not found:
            self.text.setHtml(
                "<p>"
                + translate("MyEvaluations", "None of your contacts has been evaluated yet.")
                + "</p>"
            )
        elif self.cases.currentItem() is None:
            self.cases.setCurrentRow(0)

    def _case(self) -> EvaluatedCase | None:
        item = self.cases.currentItem()
        case = item.data(ROLE) if item is not None else None
        return case if isinstance(case, EvaluatedCase) else None

    def _show_case(self, item: QListWidgetItem | None) -> None:
        case = item.data(ROLE) if item is not None else None
        if isinstance(case, EvaluatedCase):
            self.text.setHtml("".join(evaluation_html(e) for e in case.evaluations))
            open_one = self._to_answer(case) is not None
            for button in (self.agree, self.contest):
                button.setEnabled(open_one)

    def _to_answer(self, case: EvaluatedCase) -> EvaluationView | None:
        return next((e for e in case.evaluations if e.reply is None), None)

    def send(self, stance: str) -> None:
        case = self._case()
        evaluation = self._to_answer(case) if case is not None else None
        if evaluation is None:
            return
        office, comment, evaluation_id = self._office, self.answer.toPlainText(), evaluation.id
        self._runner.centre(
            lambda: evaluations.reply(office, evaluation_id, stance, comment),
            self._sent,
            self._failed,
            owner=self,
        )

    def _sent(self, _reply: object) -> None:
        self.answer.clear()
        self.problem.hide()
        self.refresh()

    def _failed(self, err: RelaisError | Bug) -> None:
        self.problem.setText(error_text(err))  # the answer typed stays
        self.problem.show()
