"""A supervisor publishes an incident: a title, what advisors should say, the template to offer
first, when it started and when it should end. Checked as typed (an end before the start is
refused with what to do); published on the centre off the GUI thread; nothing typed is lost
when the centre refuses or does not answer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import incidents
from app.backoffice.centre import BackOffice
from app.dto import TemplateSummary
from app.errors import RelaisError
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text


def _to_utc(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


class IncidentDialog(QDialog):
    """Signals: ``published(uuid)`` once the centre has it."""

    published = Signal(object)

    def __init__(
        self,
        runner: Runner,
        office: BackOffice,
        templates: list[TemplateSummary],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Publish an incident"))
        self._runner = runner
        self._office = office
        form = QFormLayout()
        self.title = QLineEdit(self)
        self.title.setMaxLength(incidents.TITLE_MAX)
        self.title.setPlaceholderText(self.tr("e.g. Online payment unavailable"))
        self.title.setAccessibleName(self.tr("Incident title"))
        form.addRow(self.tr("&Title"), self.title)
        self.message = QPlainTextEdit(self)
        self.message.setPlaceholderText(
            self.tr("What advisors should tell customers, and what not to promise")
        )
        self.message.setAccessibleName(self.tr("Message to advisors"))
        self.message.setTabChangesFocus(True)
        form.addRow(self.tr("&Message"), self.message)
        self.template = QComboBox(self)
        self.template.setAccessibleName(self.tr("Template offered first"))
        self.template.addItem(self.tr("None"), None)
        for summary in templates:
            self.template.addItem(summary.title, summary.id)
        form.addRow(self.tr("Tem&plate"), self.template)
        now = QDateTime.currentDateTime()
        self.start_now = QCheckBox(self.tr("Now"), self)
        self.start_now.setChecked(True)
        self.start = QDateTimeEdit(now, self)
        self.start.setCalendarPopup(True)
        self.start.setAccessibleName(self.tr("Start"))
        self.start.setEnabled(False)
        self.start_now.toggled.connect(lambda now_: self.start.setEnabled(not now_))
        start_row = QVBoxLayout()
        start_row.addWidget(self.start_now)
        start_row.addWidget(self.start)
        form.addRow(self.tr("Start"), start_row)
        self.has_end = QCheckBox(self.tr("Expected end known"), self)
        self.end = QDateTimeEdit(now.addSecs(2 * 3600), self)
        self.end.setCalendarPopup(True)
        self.end.setAccessibleName(self.tr("Expected end"))
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        end_row = QVBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end)
        form.addRow(self.tr("Expected end"), end_row)
        self.problem = QLabel("", self)
        self.problem.setProperty("message", True)
        self.problem.setProperty("tone", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.publish_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.publish_button.setText(self.tr("&Publish to every workstation"))
        self.buttons.accepted.connect(self.publish)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        self.resize(560, 420)

    def draft(self) -> incidents.IncidentDraft:
        template = self.template.currentData()
        return incidents.IncidentDraft(
            title=self.title.text(),
            message=self.message.toPlainText(),
            template_id=template if isinstance(template, uuid.UUID) else None,
            start=None if self.start_now.isChecked() else _to_utc(self.start),
            expected_end=_to_utc(self.end) if self.has_end.isChecked() else None,
        )

    def publish(self) -> None:
        draft = self.draft()
        try:
            incidents.check(draft)
        except RelaisError as err:
            self._show_problem(err)
            return
        self.publish_button.setEnabled(False)
        self.problem.hide()
        self._runner.centre(
            lambda: incidents.publish(self._office, draft), self._done, self._failed, owner=self
        )

    def _done(self, incident_id: uuid.UUID) -> None:
        self.published.emit(incident_id)
        self.accept()

    def _failed(self, err: RelaisError | Bug) -> None:
        self.publish_button.setEnabled(True)
        self._show_problem(err)

    def _show_problem(self, err: RelaisError | Bug) -> None:
        self.problem.setText(error_text(err))
        self.problem.show()
