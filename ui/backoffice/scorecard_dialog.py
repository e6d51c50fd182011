"""A new scorecard: a name and its criteria, one per line, each with an optional weight
("Politeness: 2"). Checked before sending; what was typed stays when the centre refuses."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import scorecards
from app.backoffice.centre import BackOffice
from app.errors import InputError, RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text


def parse_criteria(text: str) -> list[scorecards.Criterion]:
    """One criterion per non-empty line: "Label" or "Label: weight"."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, _, weight = line.rpartition(":") if ":" in line else (line, "", "1")
        try:
            value = float(weight.strip().replace(",", ".") or "1")
        except ValueError:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "Line {line}: “{weight}” is not a weight."),
                QT_TRANSLATE_NOOP("errors", "Write the weight as a number, e.g. “Politeness: 2”."),
                line=number,
                weight=weight.strip(),
            ) from None
        found.append(scorecards.Criterion(scorecards.key_for(label), label.strip(), value))
    return found


class ScorecardDialog(QDialog):
    created = Signal(object)

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New scorecard"))
        self._runner = runner
        self._office = office
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Scorecard name"))
        self.criteria = QPlainTextEdit(self)
        self.criteria.setAccessibleName(self.tr("Criteria, one per line"))
        self.criteria.setPlaceholderText(
            self.tr("One criterion per line, with its weight if not 1:\nGreeting\nSolution: 3")
        )
        self.criteria.setTabChangesFocus(True)
        self.problem = QLabel("", self)
        self.problem.setProperty("message", True)
        self.problem.setProperty("tone", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Create"))
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("C&riteria"), self.criteria)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(buttons)

    def submit(self) -> None:
        try:
            criteria = parse_criteria(self.criteria.toPlainText())
        except RelaisError as err:
            self._failed(err)
            return
        office, name = self._office, self.name.text()
        self.ok.setEnabled(False)
        self._runner.centre(
            lambda: scorecards.create(office, name, criteria), self._done, self._failed, owner=self
        )

    def _done(self, card: scorecards.ScorecardView) -> None:
        self.created.emit(card)
        self.accept()

    def _failed(self, err: RelaisError | Bug) -> None:
        self.ok.setEnabled(True)
        self.problem.setText(error_text(err))
        self.problem.show()
