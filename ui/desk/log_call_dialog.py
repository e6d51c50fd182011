"""Logging by hand a phone call that did not come through the queue (the centre was
unreachable, or the call rang through directly): the caller's number and what it is about."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.enums import IdentityKind
from app.identities import normalise_identity
from ui.common import theme


class LogCallDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme.adopt(self)  # the window's sheet, also when made without a parent
        self.setWindowTitle(self.tr("Log a phone call"))
        self.setObjectName("logCallDialog")
        self.number = QLineEdit(self)
        self.number.setAccessibleName(self.tr("Caller's number"))
        self.number.setPlaceholderText(self.tr("e.g. 06 12 34 56 78 — empty if withheld"))
        self.subject = QLineEdit(self)
        self.subject.setAccessibleName(self.tr("Subject of the call"))
        self.subject.setMaxLength(300)
        self.problem = QLabel("", self)
        self.problem.setObjectName("logCallProblem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("What to correct"))
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("Caller's &number:"), self.number)
        form.addRow(self.tr("&Subject:"), self.subject)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Open the contact"))
        ok.setAccessibleName(self.tr("Open the contact"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The call is recorded as yours at once, on this workstation, and reaches the "
                "centre with your other changes."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _check(self) -> None:
        text = self.number.text().strip()
        if text and normalise_identity(IdentityKind.PHONE, text) is None:
            self.problem.setText(
                self.tr("“{number}” is not a phone number: check it, or leave it empty.").format(
                    number=text
                )
            )
            self.problem.show()
            self.number.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, str]:
        return self.number.text().strip(), self.subject.text().strip()
