"""The customer's voice carried to management: supervisors pin customers' own words to their
team's board, tagged, and export it as one page. Quotes come from survey answers (the
customer's comment), the latest first and the unhappiest first among them.

Pinning and unpinning are the centre's functions (``relais_pin_verbatim``,
``relais_unpin_verbatim``); the embedded centre runs the same rules here."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, text

from app.backoffice.centre import BackOffice
from app.backoffice.centre_calls import centre_call
from app.clock import utcnow
from app.enums import Channel, Role
from app.errors import InputError, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.models import Advisor, Contact, SurveyAnswer, Verbatim
from app.sync.apply import User

QUOTE_MAX = 2_000
TAGS_MAX = 10
TAG_MAX = 40


@dataclass(frozen=True)
class Quote:
    """A customer's words that could be pinned."""

    contact_id: uuid.UUID
    reference: str
    channel: Channel
    answered_at: datetime
    csat: int
    words: str
    pinned: bool


@dataclass(frozen=True)
class Pinned:
    id: uuid.UUID
    contact_id: uuid.UUID
    reference: str
    quote: str
    tags: tuple[str, ...]
    csat: int | None
    pinned_by: str
    pinned_at: datetime


def clean_tags(tags: list[str]) -> list[str]:
    """Tags as typed, trimmed, without duplicates (case-insensitive), refused when too many or
    too long."""
    seen: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(tag.split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    kept = list(seen.values())
    if len(kept) > TAGS_MAX or any(len(t) > TAG_MAX for t in kept):
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "Too many tags, or a tag too long."),
            QT_TRANSLATE_NOOP("errors", "Use up to 10 tags of 40 characters at most."),
        )
    return kept


def quotes(office: BackOffice, start: datetime, end: datetime, limit: int = 200) -> list[Quote]:
    """Survey comments of the period, of the supervisor's team, unhappiest first then latest."""
    _supervisor_only(office)
    pinned = select(Verbatim.id).where(Verbatim.contact_id == Contact.id).exists()
    query = (
        select(
            Contact.id,
            Contact.reference,
            Contact.channel,
            SurveyAnswer.answered_at,
            SurveyAnswer.csat,
            SurveyAnswer.comment,
            pinned,
        )
        .join(SurveyAnswer, SurveyAnswer.contact_id == Contact.id)
        .where(
            SurveyAnswer.answered_at >= start,
            SurveyAnswer.answered_at < end,
            func.length(func.trim(SurveyAnswer.comment)) > 0,
        )
        .order_by(SurveyAnswer.csat, SurveyAnswer.answered_at.desc())
        .limit(limit)
    )
    if office.who.role != Role.ADMIN:
        query = query.where(Contact.team_id == office.who.team_id)
    with office.reader.reading() as conn:
        return [
            Quote(r[0], r[1], Channel(r[2]), r[3], r[4], r[5], bool(r[6]))
            for r in conn.execute(query)
        ]


def board(office: BackOffice, tag: str | None = None) -> list[Pinned]:
    """The team's pinned verbatims, newest first (``tag``: only those so tagged)."""
    _supervisor_only(office)
    query = (
        select(
            Verbatim.id,
            Verbatim.contact_id,
            Contact.reference,
            Verbatim.quote,
            Verbatim.tags,
            SurveyAnswer.csat,
            Advisor.display_name,
            Verbatim.pinned_at,
        )
        .join(Contact, Contact.id == Verbatim.contact_id)
        .outerjoin(SurveyAnswer, SurveyAnswer.contact_id == Verbatim.contact_id)
        .outerjoin(Advisor, Advisor.id == Verbatim.pinned_by)
        .order_by(Verbatim.pinned_at.desc())
    )
    if office.who.role != Role.ADMIN:
        query = query.where(Verbatim.team_id == office.who.team_id)
    with office.reader.reading() as conn:
        rows = [
            Pinned(r[0], r[1], r[2], r[3], tuple(_tags(r[4])), r[5], r[6] or "", r[7])
            for r in conn.execute(query)
        ]
    if tag:
        rows = [r for r in rows if tag.casefold() in (t.casefold() for t in r.tags)]
    return rows


def pin(office: BackOffice, contact_id: uuid.UUID, quote: str, tags: list[str]) -> uuid.UUID:
    _supervisor_only(office)
    words = quote.strip()
    if not words or len(words) > QUOTE_MAX:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "A verbatim holds 1 to 2,000 characters."),
            QT_TRANSLATE_NOOP("errors", "Keep the customer's own words, shortened if need be."),
        )
    kept = clean_tags(tags)
    verbatim_id = new_id()

    def embedded(conn: Any, me: User) -> None:
        if me.role not in (Role.SUPERVISOR, Role.ADMIN):
            raise _refused()
        team = conn.execute(select(Contact.team_id).where(Contact.id == contact_id)).first()
        if team is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This contact no longer exists."))
        if me.role == Role.SUPERVISOR and team[0] != me.team:
            raise _refused()
        conn.execute(
            insert(Verbatim).values(
                id=verbatim_id,
                contact_id=contact_id,
                quote=words,
                tags=kept,
                team_id=team[0],
                pinned_by=me.id,
                pinned_at=utcnow(),
            )
        )

    centre_call(
        office.db,
        office.who.login,
        text(
            "SELECT public.relais_pin_verbatim(:id, :contact, :quote, CAST(:tags AS jsonb))"
        ).bindparams(id=verbatim_id, contact=contact_id, quote=words, tags=json.dumps(kept)),
        embedded,
        refused=_refused,
    )
    return verbatim_id


def unpin(office: BackOffice, verbatim_id: uuid.UUID) -> bool:
    _supervisor_only(office)

    def embedded(conn: Any, me: User) -> bool:
        if me.role not in (Role.SUPERVISOR, Role.ADMIN):
            raise _refused()
        query = delete(Verbatim).where(Verbatim.id == verbatim_id)
        if me.role != Role.ADMIN:
            query = query.where(Verbatim.team_id == me.team)
        return bool(conn.execute(query).rowcount)

    return bool(
        centre_call(
            office.db,
            office.who.login,
            text("SELECT public.relais_unpin_verbatim(:id)").bindparams(id=verbatim_id),
            embedded,
            refused=_refused,
        )
    )


def _tags(value: Any) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return [str(t) for t in value or ()]


def _supervisor_only(office: BackOffice) -> None:
    if not office.is_supervisor:
        raise _refused()


def _refused() -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "The verbatim board is your supervisor's."),
        QT_TRANSLATE_NOOP("errors", "Supervisors pin their own team's customers' words."),
    )
