"""Survey answers imported from the window: a file chosen, every row previewed with what the
import would do to it (the centre's own dry run: app.backoffice.surveys.check), then imported
off the GUI thread. What is imported is the very file previewed (read once), and the table then
shows what the import did, row by row, with who each answer is credited to."""

from __future__ import annotations

from datetime import datetime
from datetime import time as dt_time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import surveys
from app.backoffice.centre import BackOffice
from app.backoffice.surveys import ParsedFile, Report, RowResult, Status
from app.errors import RelaisError
from ui.common import theme
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text, format_date

Index = QModelIndex | QPersistentModelIndex

# How each status shows: its ground and its text, the theme's meaning for each.
COLOURS: dict[Status, tuple[str, str]] = {
    Status.IMPORTED: (theme.SUCCESS_BG, theme.SUCCESS_TEXT),
    Status.ALREADY: (theme.INFO_BG, theme.INFO_TEXT),
    Status.CONFLICT: (theme.WARNING_BG, theme.WARNING_TEXT),
    Status.REFUSED: (theme.ERROR_BG, theme.ERROR_TEXT),
}


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _when(at: datetime) -> str:
    """The day an answer was given, with its time when the file said one."""
    local = at.astimezone()
    if local.time() == dt_time():
        return format_date(local)
    return f"{format_date(local)} {local:%H:%M}"


class SurveyRowsModel(QAbstractTableModel):
    """The rows of a report: the file's values, the outcome and its reason, the credit."""

    LINE, REFERENCE, CSAT, NPS, EFFORT, DATE, VERBATIM, STATUS, REASON, CREDITED, OTHERS = range(11)
    STATUS_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RowResult, ...] = ()
        self._dry = True
        self._headers = [
            self.tr("Line"),
            self.tr("Reference"),
            self.tr("CSAT"),
            self.tr("NPS"),
            self.tr("Effort"),
            self.tr("Answered"),
            self.tr("Verbatim"),
            self.tr("Status"),
            self.tr("Why"),
            self.tr("Credited to"),
            self.tr("Also took part"),
        ]

    def show_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self._rows = report.rows if report is not None else ()
        self._dry = report.dry_run if report is not None else True
        self.endResetModel()

    def row(self, i: int) -> RowResult:
        return self._rows[i]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(r, column, role == Qt.ItemDataRole.ToolTipRole)
        if role == self.STATUS_ROLE:
            return r.status.value
        if column in (self.STATUS, self.REASON):
            ground, ink = COLOURS[r.status]
            if role == Qt.ItemDataRole.BackgroundRole:
                return theme.color(ground)
            if role == Qt.ItemDataRole.ForegroundRole:
                return theme.color(ink)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.LINE,
            self.CSAT,
            self.NPS,
            self.EFFORT,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, r: RowResult, column: int, whole: bool) -> str:
        a = r.answer
        if column == self.LINE:
            return str(a.line)
        if column == self.REFERENCE:
            return a.reference
        if column in (self.CSAT, self.NPS, self.EFFORT):
            value = {self.CSAT: a.csat, self.NPS: a.nps, self.EFFORT: a.effort}[column]
            return "" if value is None else str(value)
        if column == self.DATE:
            return _when(a.answered_at) if a.answered_at else ""
        if column == self.VERBATIM:
            return a.comment if whole else " ".join(a.comment.split())[:120]
        if column == self.STATUS:
            labels = surveys.DRY_LABELS if self._dry else surveys.STATUS_LABELS
            return _translate("surveys", labels[r.status])
        if column == self.REASON:
            return r.reason_text(_translate)
        credit = r.credit
        if credit is None:
            return ""
        if column == self.CREDITED:
            return credit.advisor.name if credit.advisor else ""
        return ", ".join(p.name for p in credit.others)


class SurveyImportDialog(QDialog):
    """Signals: ``imported(object)``: the ``Report`` of an import that ran (not of a preview)."""

    imported = Signal(object)
    _progressed = Signal(int, int)  # from the worker; queued to the GUI thread

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme.adopt(self)
        self.setWindowTitle(self.tr("Import survey answers"))
        self.setObjectName("surveyImportDialog")
        self._runner = runner
        self._office = office
        self._parsed: ParsedFile | None = None
        self._path: Path | None = None
        self.report: Report | None = None

        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(
            self.tr("A CSV file: reference, csat, date (nps, effort, verbatim)")
        )
        self.path.setAccessibleName(self.tr("Survey file"))
        self.choose_button = QPushButton(self.tr("&Choose a file…"), self)
        self.choose_button.clicked.connect(self._ask_file)
        chooser = QHBoxLayout()
        chooser.addWidget(self.path, 1)
        chooser.addWidget(self.choose_button)

        self.summary = QLabel(
            self.tr(
                "Choose the survey tool's export. Each row is checked first; nothing is imported "
                "until you press Import."
            ),
            self,
        )
        self.summary.setWordWrap(True)
        self.summary.setObjectName("surveySummary")
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Import progress"))

        self.model = SurveyRowsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Rows of the file and what the import does with them"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = buttons.addButton(
            self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1080, 560)
        self._progressed.connect(self._show_progress)

    # -- choosing and previewing --------------------------------------------------------------

    def _ask_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Survey answers"),
            str(self._path.parent) if self._path else "",
            self.tr("CSV files (*.csv *.txt);;All files (*)"),
        )
        if chosen:
            self.choose(Path(chosen))

    def choose(self, path: Path) -> None:
        """Reads ``path`` and asks the centre what importing it would do (nothing imported)."""
        self._path = path
        self._parsed = None
        self.report = None
        self.path.setText(str(path))
        self.model.show_report(None)
        self.import_button.setEnabled(False)
        self._say(self.tr("Checking {name} with the centre…").format(name=path.name))
        office = self._office

        def preview() -> tuple[ParsedFile, Report]:
            parsed = surveys.read_file(path)
            return parsed, surveys.import_answers(office, parsed, dry_run=True)

        self._runner.centre(
            preview, self._previewed, self._failed, owner=self, key="survey-import-preview"
        )

    def _previewed(self, answer: tuple[ParsedFile, Report]) -> None:
        parsed, report = answer
        self._parsed = parsed
        self._show(report)
        waiting = report.counts[Status.IMPORTED]
        self.import_button.setEnabled(waiting > 0)
        if not waiting:
            self.summary.setText(
                self.summary.text() + "\n" + self.tr("Nothing in this file is left to import.")
            )

    # -- importing ----------------------------------------------------------------------------

    def start_import(self) -> None:
        """Imports the file previewed, off the GUI thread."""
        parsed = self._parsed
        if parsed is None:
            return
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._say(self.tr("Importing…"))
        office, progressed = self._office, self._progressed

        def run() -> Report:
            return surveys.import_answers(office, parsed, progress=progressed.emit)

        self._runner.centre(run, self._done, self._import_failed, owner=self)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, report: Report) -> None:
        self.progress.setVisible(False)
        self.choose_button.setEnabled(True)
        self._parsed = None  # imported: choosing the file again previews it anew
        self._show(report)
        self.imported.emit(report)

    def _import_failed(self, err: RelaisError | Bug) -> None:
        self.progress.setVisible(False)
        self.choose_button.setEnabled(True)
        self.import_button.setEnabled(self._parsed is not None)
        self._say(error_text(err), error=True)

    # -- what it says -------------------------------------------------------------------------

    def _show(self, report: Report) -> None:
        self.report = report
        self.model.show_report(report)
        self.table.resizeColumnsToContents()
        for column in (SurveyRowsModel.VERBATIM, SurveyRowsModel.REASON):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 320))
        name = self._path.name if self._path else ""
        lines = surveys.summary_counts(report, name, _translate)
        tail = [lines.pop()] if report.dry_run else []
        self._say("\n".join([lines[0], " · ".join(lines[1:]), *tail]))

    def _failed(self, err: RelaisError | Bug) -> None:
        self.model.show_report(None)
        self._say(error_text(err), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.summary.setText(text)
        theme.set_state(self.summary, "tone", "error" if error else "")
