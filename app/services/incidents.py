"""The incidents a workstation shows: read from its own copy (the sync pulls a published one
within its second), so the banner stays while the network is down. Tagging a contact to an
incident is the centre's (``app.backoffice.incidents.tag``)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from app.backoffice import incidents as centre_incidents
from app.clock import utcnow
from app.db import Database
from app.dto import Who
from app.models import Incident, Template


@dataclass(frozen=True)
class IncidentView:
    id: uuid.UUID
    title: str
    message: str
    started_at: datetime
    expected_end_at: datetime | None
    template_id: uuid.UUID | None
    template_title: str  # "" without a template


class IncidentService:
    def __init__(self, local: Database, central: Database, who: Who) -> None:
        self._local = local
        self._central = central
        self._who = who

    def active(self, now: datetime | None = None) -> list[IncidentView]:
        """Incidents started and not ended, newest first. One past its expected end stays
        until a supervisor ends it: the service may well still be down."""
        now = now or utcnow()
        with self._local.session() as s:
            rows = s.execute(
                select(Incident, Template.title)
                .outerjoin(Template, Template.id == Incident.template_id)
                .where(
                    Incident.started_at <= now,
                    or_(Incident.ended_at.is_(None), Incident.ended_at > now),
                )
                .order_by(Incident.started_at.desc())
            ).all()
            return [
                IncidentView(
                    i.id,
                    i.title,
                    i.description,
                    i.started_at,
                    i.expected_end_at,
                    i.template_id,
                    title or "",
                )
                for i, title in rows
            ]

    def tag(self, contact_id: uuid.UUID, incident_id: uuid.UUID | None) -> bool:
        """Tags a contact to the incident on the centre (needs it online)."""
        return centre_incidents.tag(self._central, self._who.login, contact_id, incident_id)
