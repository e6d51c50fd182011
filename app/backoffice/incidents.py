"""Service incidents (a payment outage, a site down): a supervisor publishes one with a message
and a template to offer first; every workstation pulls it within the sync's second and shows
the banner; contacts are tagged to it, so the dashboard can draw its volume.

The writes are the centre's functions (``relais_publish_incident``, ``relais_end_incident``,
``relais_tag_incident``); the embedded SQLite centre runs the same rules here."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, text, update

from app.backoffice.centre import BackOffice
from app.backoffice.centre_calls import centre_call
from app.backoffice.indicators_time import epoch_hour
from app.clock import utcnow
from app.db import Database
from app.enums import ContactStatus, Role
from app.errors import InputError, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.models import Contact, Incident, Template
from app.sync.apply import User

TITLE_MAX = 200
MESSAGE_MAX = 20_000


@dataclass(frozen=True)
class IncidentDraft:
    """What a supervisor fills in. ``start`` None means now, by the centre's clock."""

    title: str
    message: str = ""
    template_id: uuid.UUID | None = None
    start: datetime | None = None
    expected_end: datetime | None = None


def check(draft: IncidentDraft, now: datetime | None = None) -> None:
    """Refuses, with what to do, what the centre would refuse, before anything is sent."""
    title = draft.title.strip()
    if not title:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "An incident needs a title."),
            QT_TRANSLATE_NOOP(
                "errors", "Say in a few words what is happening, e.g. “Payment page down”."
            ),
        )
    if len(title) > TITLE_MAX or len(draft.message) > MESSAGE_MAX:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "The incident's title or message is too long."),
            QT_TRANSLATE_NOOP(
                "errors", "Keep the title under 200 characters and the message under 20,000."
            ),
        )
    start = draft.start or now or utcnow()
    if draft.expected_end is not None and draft.expected_end <= start:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "The expected end is before the incident starts."),
            QT_TRANSLATE_NOOP("errors", "Set an end after the start, or leave the end empty."),
        )


def publish(office: BackOffice, draft: IncidentDraft) -> uuid.UUID:
    """Publishes the incident; returns its id."""
    _supervisor_only(office)
    check(draft)
    incident_id = new_id()
    title = draft.title.strip()

    def embedded(conn: Any, me: User) -> None:
        if me.role not in (Role.SUPERVISOR, Role.ADMIN):
            raise _refused()
        if draft.template_id is not None and not conn.scalar(
            select(Template.id).where(Template.id == draft.template_id, Template.active)
        ):
            raise _no_template()
        conn.execute(
            insert(Incident).values(
                id=incident_id,
                title=title,
                description=draft.message,
                started_at=draft.start or utcnow(),
                ended_at=None,
                expected_end_at=draft.expected_end,
                template_id=draft.template_id,
                published_by=me.id,
            )
        )

    centre_call(
        office.db,
        office.who.login,
        text(
            "SELECT public.relais_publish_incident(:id, :title, :message, :template, :start, :end)"
        ).bindparams(
            id=incident_id,
            title=title,
            message=draft.message,
            template=draft.template_id,
            start=draft.start,
            end=draft.expected_end,
        ),
        embedded,
        refused=_refused,
    )
    return incident_id


def end(office: BackOffice, incident_id: uuid.UUID) -> bool:
    """Ends the incident now; False when it had ended already."""
    _supervisor_only(office)

    def embedded(conn: Any, me: User) -> bool:
        if me.role not in (Role.SUPERVISOR, Role.ADMIN):
            raise _refused()
        done = conn.execute(
            update(Incident)
            .where(Incident.id == incident_id, Incident.ended_at.is_(None))
            .values(ended_at=utcnow())
        )
        return bool(done.rowcount)

    return bool(
        centre_call(
            office.db,
            office.who.login,
            text("SELECT public.relais_end_incident(:id)").bindparams(id=incident_id),
            embedded,
            refused=_refused,
        )
    )


def tag(
    central: Database, login: str, contact_id: uuid.UUID, incident_id: uuid.UUID | None
) -> bool:
    """Tags the contact to the incident (None: untags it). False when the user may not: the
    contact is neither theirs in progress nor their team's (for a supervisor)."""

    def embedded(conn: Any, me: User) -> bool:
        if incident_id is not None and not conn.scalar(
            select(Incident.id).where(Incident.id == incident_id)
        ):
            raise _no_incident()
        allowed: Any = me.role == Role.ADMIN
        if not allowed:
            mine = and_(Contact.assigned_to == me.id, Contact.status == ContactStatus.IN_PROGRESS)
            allowed = or_(mine, Contact.team_id == me.team) if me.role == Role.SUPERVISOR else mine
        done = conn.execute(
            update(Contact).where(Contact.id == contact_id, allowed).values(incident_id=incident_id)
        )
        return bool(done.rowcount)

    return bool(
        centre_call(
            central,
            login,
            text("SELECT public.relais_tag_incident(:contact, :incident)").bindparams(
                contact=contact_id, incident=incident_id
            ),
            embedded,
        )
    )


def _supervisor_only(office: BackOffice) -> None:
    if not office.is_supervisor:
        raise _refused()


def _refused() -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "Only supervisors publish and end incidents."),
        QT_TRANSLATE_NOOP("errors", "Ask your supervisor to publish it."),
    )


def _no_template() -> NotFound:
    return NotFound(
        QT_TRANSLATE_NOOP("errors", "The template chosen for the incident no longer exists."),
        QT_TRANSLATE_NOOP("errors", "Choose another template, or none."),
    )


def _no_incident() -> NotFound:
    return NotFound(QT_TRANSLATE_NOOP("errors", "This incident no longer exists."))


@dataclass(frozen=True)
class IncidentCurve:
    """An incident's volume: contacts tagged to it, received per hour (UTC hours)."""

    id: uuid.UUID
    title: str
    started_at: datetime
    ended_at: datetime | None
    hours: tuple[tuple[datetime, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _hour, n in self.hours)


def curves(office: BackOffice, start: datetime, end: datetime) -> list[IncidentCurve]:
    """The incidents that overlap [start, end), with the contacts tagged to each per hour, as
    the supervisor's rights on the centre show them (their team's contacts)."""
    _supervisor_only(office)
    hour = epoch_hour(Contact.received_at)
    tagged = (
        select(Contact.incident_id, hour.label("hour"), func.count(Contact.id))
        .where(Contact.incident_id.is_not(None))
        .group_by(Contact.incident_id, hour)
    )
    if office.who.role != Role.ADMIN:
        tagged = tagged.where(or_(Contact.team_id == office.who.team_id, Contact.team_id.is_(None)))
    overlapping = (
        select(Incident.id, Incident.title, Incident.started_at, Incident.ended_at)
        .where(
            Incident.started_at < end, or_(Incident.ended_at.is_(None), Incident.ended_at >= start)
        )
        .order_by(Incident.started_at)
    )
    with office.reader.reading() as conn:
        found = conn.execute(overlapping).all()
        ids = [r.id for r in found]
        counts: dict[uuid.UUID, list[tuple[datetime, int]]] = {i: [] for i in ids}
        if ids:
            for incident_id, epoch, n in conn.execute(tagged.where(Contact.incident_id.in_(ids))):
                assert incident_id is not None
                counts[incident_id].append((datetime.fromtimestamp(int(epoch) * 3600, UTC), n))
    return [
        IncidentCurve(r.id, r.title, r.started_at, r.ended_at, tuple(sorted(counts[r.id])))
        for r in found
    ]
