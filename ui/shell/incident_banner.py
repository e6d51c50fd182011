"""The service incidents on every workstation: a banner above the desk, from the copy (so it
stays while offline), read again when the sync brings an incident and every half minute (an
incident planned for later starts showing by itself). The advisor can tag the contact they are
working to it; a supervisor can end it there."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from app.services.incidents import IncidentService, IncidentView
from ui.common.ops import Bug, Runner
from ui.common.texts import format_datetime, translate

RECHECK_MS = 30_000

# lupdate does not read inside f-strings: the texts translated there are marked here.
_IN_F_STRINGS = (QT_TRANSLATE_NOOP("IncidentBanner", "Incident"),)


def _tr(text: str) -> str:
    return QCoreApplication.translate("IncidentBanner", text)


def incident_text(incident: IncidentView) -> str:
    """The banner's rich text for one incident: title, since when, until when, what to say."""
    parts = [f"<b>{html.escape(_tr('Incident'))} — {html.escape(incident.title)}</b>"]
    when = translate("IncidentBanner", "since {start}").format(
        start=format_datetime(incident.started_at)
    )
    if incident.expected_end_at is not None:
        when += " · " + translate("IncidentBanner", "expected end {end}").format(
            end=format_datetime(incident.expected_end_at)
        )
    parts.append(html.escape(when))
    text = " · ".join(parts)
    if incident.message.strip():
        text += "<br>" + html.escape(incident.message.strip()).replace("\n", "<br>")
    if incident.template_title:
        text += "<br>" + html.escape(
            translate("IncidentBanner", "Template to use: “{title}” (offered first)").format(
                title=incident.template_title
            )
        )
    return text


class IncidentBanner(QFrame):
    """Signals: ``templates(set)``: the templates the active incidents offer first;
    ``message(str)``: a line for the status bar; ``failed(error)``."""

    templates = Signal(object)
    message = Signal(str)
    failed = Signal(object)

    def __init__(
        self,
        runner: Runner,
        service: IncidentService,
        working_on: Callable[[], uuid.UUID | None],
        end: Callable[[uuid.UUID], bool] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("incidentBanner")
        self.setAccessibleName(translate("IncidentBanner", "Service incident"))
        self._runner = runner
        self._service = service
        self._working_on = working_on
        self._end = end
        self._shown: list[IncidentView] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(self.text, 1)
        buttons = QVBoxLayout()
        self.tag_button = QPushButton(translate("IncidentBanner", "Tag my contact to it"), self)
        self.tag_button.setToolTip(
            translate("IncidentBanner", "Counts the contact you are working in this incident")
        )
        self.tag_button.clicked.connect(self.tag_current)
        buttons.addWidget(self.tag_button)
        self.end_button = QPushButton(translate("IncidentBanner", "End the incident"), self)
        self.end_button.clicked.connect(self._end_it)
        self.end_button.setVisible(end is not None)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(RECHECK_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    @property
    def incidents(self) -> list[IncidentView]:
        return list(self._shown)

    @Slot()
    def refresh(self) -> None:
        self._runner.read(
            self._service.active, self._show, self._failed, owner=self, key="incidents"
        )

    def _show(self, active: list[IncidentView]) -> None:
        self._shown = active
        self.templates.emit({i.template_id for i in active if i.template_id is not None})
        if not active:
            self.hide()
            return
        self.text.setText("<br><br>".join(incident_text(i) for i in active))
        self.setAccessibleDescription(self.text.text())
        self.show()

    @Slot()
    def tag_current(self) -> None:
        contact = self._working_on()
        if not self._shown:
            return
        if contact is None:
            self.message.emit(
                translate(
                    "IncidentBanner", "Take a contact first: the tag goes on the contact you work."
                )
            )
            return
        incident = self._shown[0]

        def tagged(done: bool) -> None:
            self.message.emit(
                translate("IncidentBanner", "Contact tagged to “{title}”.").format(
                    title=incident.title
                )
                if done
                else translate(
                    "IncidentBanner", "This contact could not be tagged: it is no longer yours."
                )
            )

        self._runner.centre(
            lambda: self._service.tag(contact, incident.id), tagged, self._failed, owner=self
        )

    def _end_it(self) -> None:
        end = self._end
        if end is None or not self._shown:
            return
        incident = self._shown[0]
        self._runner.centre(
            lambda: end(incident.id),
            lambda _done: self.message.emit(
                translate("IncidentBanner", "Incident “{title}” ended.").format(
                    title=incident.title
                )
            ),
            self._failed,
            owner=self,
        )

    def _failed(self, err: RelaisError | Bug) -> None:
        self.failed.emit(err)
