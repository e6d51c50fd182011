"""Changes that did not go through as written: refused by the centre, or values that lost a
conflict. Nothing is lost — this is where the losing values are shown."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dto import SyncProblem
from app.services.sync_problems import SyncProblemService
from ui.common import theme
from ui.common.ops import Runner
from ui.common.texts import error_text, format_datetime


class SyncProblemsDialog(QDialog):
    def __init__(self, runner: Runner, service: SyncProblemService, parent: QWidget) -> None:
        super().__init__(parent)
        theme.adopt(self)  # the window's sheet, also when made without a parent
        self.setWindowTitle(self.tr("Changes that did not go through"))
        self.setObjectName("syncProblemsDialog")
        self.summary = QLabel(self.tr("Loading…"), self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setAccessibleName(self.tr("Refused changes and values that lost a conflict"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("What happened"),
                self.tr("Who"),
                self.tr("Where"),
                self.tr("Value written"),
                self.tr("Reason, or the value kept"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        close.setAccessibleName(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(980, 460)
        runner.read(service.recent, self._show, self._failed, owner=self)

    def _show(self, problems: list[SyncProblem]) -> None:
        self.summary.setText(
            self.tr("Nothing was refused and no value lost a conflict.")
            if not problems
            else self.tr(
                "These changes are kept: refused ones on this workstation, losing values on the "
                "centre. A supervisor can restore a value by hand."
            )
        )
        self.table.setRowCount(len(problems))
        for row, p in enumerate(problems):
            kind = {
                "refused": self.tr("Refused by the centre"),
                "pending": self.tr("Waiting: the centre failed on it, it goes again"),
            }.get(p.kind, self.tr("Lost a conflict"))
            reason = self._reason(p.reason) if p.kind != "conflict" else p.reason
            for column, text in enumerate(
                (format_datetime(p.at), kind, p.who, p.what, p.value, reason)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        if problems:
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()

    def _reason(self, reason: str) -> str:
        """The centre's answer, its code said in the advisor's language, its detail as sent."""
        code, _, detail = reason.partition(":")
        said = {
            "stale_claim": self.tr(
                "Someone else took this contact after your lease ran out; your values are kept "
                "for a supervisor"
            ),
            "permission": self.tr("The centre does not let you make this change"),
            "invalid": self.tr("The centre does not take this value"),
            "failed": self.tr("The centre could not apply it for now"),
        }.get(code.strip())
        return f"{said} — {detail.strip()}" if said else reason

    def _failed(self, err: object) -> None:
        self.summary.setText(error_text(err))  # type: ignore[arg-type]
