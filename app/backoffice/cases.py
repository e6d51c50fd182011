"""The case list: closed contacts to review, filtered and paged, newest closed first.

Computed on the centre in one statement (and one for the count), through the user's own rights:
on PostgreSQL row-level security hides the wrap-ups, evaluations and review items the user may
not read; on the embedded centre ``app.backoffice.visibility`` adds the same conditions. Who
sees which contacts: an advisor their own closed contacts; a supervisor their team's; a
supervisor who reviews quality and an administrator every team's (a quality reviewer reads the
self-assessments of their own team only, as the centre's rights say).

A contact's self-assessment and reason are those of the advisor who closed it (their latest
wrap-up); its CSAT is the survey's 1-5, compared with the self-assessment on the 4-point scale
(``app.backoffice.scales``). The list shows the self-assessment and the CSAT, which an
evaluator has not seen before their own evaluation: ``evaluated_by_me`` lets a window mask them.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, not_, select
from sqlalchemy.orm import aliased

from app.backoffice import visibility
from app.backoffice.centre import BackOffice
from app.backoffice.scales import csat_on_four, csat_on_four_sql
from app.enums import Channel, ContactStatus, Role
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Advisor, Contact, Evaluation, ReasonCode, ReviewItem, SurveyAnswer, WrapUp
from app.services.customers import DISAGREEMENT_GAP

PAGE_MAX = 500
LOW_ASSESSMENT_REASON = "low_self_assessment"


@dataclass(frozen=True)
class CaseFilter:
    """What the list keeps; an empty set or None keeps everything. ``closed_from`` is
    inclusive, ``closed_to`` exclusive. ``csat`` values are the survey's 1-5."""

    team_id: uuid.UUID | None = None
    advisor_id: uuid.UUID | None = None
    closed_from: datetime | None = None
    closed_to: datetime | None = None
    channels: frozenset[Channel] = frozenset()
    reason_ids: frozenset[uuid.UUID] = frozenset()
    self_assessments: frozenset[int] = frozenset()
    csat: frozenset[int] = frozenset()
    disagreement: bool = False
    """Self-assessment and survey answer at least DISAGREEMENT_GAP apart on the 4-point scale."""
    awaiting_follow_up: bool = False
    """A low self-assessment on the review list, not done yet."""
    incident_id: uuid.UUID | None = None


@dataclass(frozen=True)
class CaseRow:
    """One closed contact as the list shows it."""

    contact_id: uuid.UUID
    reference: str
    closed_at: datetime | None
    channel: Channel
    advisor_id: uuid.UUID | None
    advisor: str
    reason_code: str | None
    reason_label_en: str | None
    reason_label_fr: str | None
    self_assessment: int | None
    csat: int | None  # 1-5
    csat_four: int | None  # on the advisor's 1-4 scale
    evaluated: bool  # an evaluation the user may read is in force
    evaluated_by_me: bool


@dataclass(frozen=True)
class CasePage:
    rows: tuple[CaseRow, ...]
    count: int  # of the whole list, all pages
    offset: int = 0
    limit: int = 100
    filter: CaseFilter = field(default_factory=CaseFilter)


def closer_wrap_up(office: BackOffice, contact: Any = Contact) -> Any:
    """The id of the latest wrap-up, visible to the user, of the advisor who closed
    ``contact``: a correlated scalar subquery."""
    w = aliased(WrapUp)
    return (
        select(w.id)
        .where(
            w.contact_id == contact.id,
            w.advisor_id == contact.assigned_to,
            visibility.wrap_ups(office, w),
        )
        .order_by(w.created_at.desc(), w.id.desc())
        .limit(1)
        .correlate(contact)
        .scalar_subquery()
    )


def in_force(evaluation: Any) -> Any:
    """The evaluation is not superseded by a later one of its evaluator's."""
    later = aliased(Evaluation)
    return not_(exists().where(later.supersedes_id == evaluation.id))


def reviews_quality(conn: Connection, office: BackOffice) -> bool:
    return bool(
        conn.scalar(select(Advisor.reviews_quality).where(Advisor.id == office.who.advisor_id))
    )


def _refused(message: str, hint: str = "") -> InputError:
    return InputError(message, hint)


def check(flt: CaseFilter, limit: int, offset: int) -> None:
    """Refuses a filter or page the list cannot answer, with what to do."""
    if not 1 <= limit <= PAGE_MAX or offset < 0:
        raise ValueError(f"a page is 1 to {PAGE_MAX} rows from offset 0 on")
    if flt.closed_from and flt.closed_to and flt.closed_to <= flt.closed_from:
        raise _refused(
            QT_TRANSLATE_NOOP("errors", "The period ends before it starts."),
            QT_TRANSLATE_NOOP("errors", "Choose an end after the start."),
        )
    if any(v not in range(1, 5) for v in flt.self_assessments) or any(
        v not in range(1, 6) for v in flt.csat
    ):
        raise _refused(
            QT_TRANSLATE_NOOP("errors", "A self-assessment is 1 to 4, and a CSAT answer 1 to 5.")
        )


def _scope(conn: Connection, office: BackOffice, flt: CaseFilter) -> list[Any]:
    """The contacts the user may review, as conditions; a filter reaching beyond is refused."""
    who = office.who
    if who.role == Role.ADVISOR:
        if flt.advisor_id not in (None, who.advisor_id):
            raise _refused(
                QT_TRANSLATE_NOOP("errors", "You see only the cases you closed yourself.")
            )
        return [Contact.assigned_to == who.advisor_id]
    if who.role == Role.SUPERVISOR and not reviews_quality(conn, office):
        if flt.team_id not in (None, who.team_id) or who.team_id is None:
            raise _refused(
                QT_TRANSLATE_NOOP("errors", "You review the cases of your own team only."),
                QT_TRANSLATE_NOOP("errors", "Ask an administrator or a quality reviewer."),
            )
        return [Contact.team_id == who.team_id]
    return []


def _query(office: BackOffice, conn: Connection, flt: CaseFilter) -> Select[*tuple[Any, ...]]:
    """The list's statement: its columns, joins and conditions, unordered."""
    w = aliased(WrapUp)
    s = aliased(SurveyAnswer)
    conditions: list[Any] = [Contact.status == ContactStatus.CLOSED, *_scope(conn, office, flt)]
    if flt.team_id is not None:
        conditions.append(Contact.team_id == flt.team_id)
    if flt.advisor_id is not None:
        conditions.append(Contact.assigned_to == flt.advisor_id)
    if flt.closed_from is not None:
        conditions.append(Contact.closed_at >= flt.closed_from)
    if flt.closed_to is not None:
        conditions.append(Contact.closed_at < flt.closed_to)
    if flt.channels:
        conditions.append(Contact.channel.in_(sorted(flt.channels)))
    if flt.incident_id is not None:
        conditions.append(Contact.incident_id == flt.incident_id)
    if flt.reason_ids:
        conditions.append(w.reason_code_id.in_(sorted(flt.reason_ids)))
    if flt.self_assessments:
        conditions.append(w.self_assessment.in_(sorted(flt.self_assessments)))
    if flt.csat:
        conditions.append(s.csat.in_(sorted(flt.csat)))
    if flt.disagreement:
        gap = func.abs(w.self_assessment - csat_on_four_sql(s.csat))
        conditions.append(gap >= DISAGREEMENT_GAP)
    if flt.awaiting_follow_up:
        r = aliased(ReviewItem)
        conditions.append(
            exists().where(
                r.contact_id == Contact.id,
                r.reason == LOW_ASSESSMENT_REASON,
                r.state != "done",
                visibility.review_items(office, r),
            )
        )
    e = aliased(Evaluation)
    visible = and_(e.contact_id == Contact.id, in_force(e), visibility.evaluations(office, e))
    query: Select[*tuple[Any, ...]] = (
        select(
            Contact.id,
            Contact.reference,
            Contact.closed_at,
            Contact.channel,
            Contact.assigned_to,
            Advisor.display_name,
            ReasonCode.code,
            ReasonCode.label_en,
            ReasonCode.label_fr,
            w.self_assessment,
            s.csat,
            exists().where(visible).label("evaluated"),
            exists()
            .where(visible, e.evaluator_id == office.who.advisor_id)
            .label("evaluated_by_me"),
        )
        .select_from(Contact)
        .outerjoin(w, w.id == closer_wrap_up(office))
        .outerjoin(s, s.contact_id == Contact.id)
        .outerjoin(Advisor, Advisor.id == Contact.assigned_to)
        .outerjoin(ReasonCode, ReasonCode.id == w.reason_code_id)
        .where(*conditions)
    )
    return query


def cases(
    office: BackOffice, flt: CaseFilter | None = None, limit: int = 100, offset: int = 0
) -> CasePage:
    """One page of the case list and the count of the whole list."""
    flt = flt or CaseFilter()
    check(flt, limit, offset)
    with office.reader.reading() as conn:
        query = _query(office, conn, flt)
        count = conn.scalar(
            select(func.count()).select_from(query.with_only_columns(Contact.id).subquery())
        )
        page = conn.execute(
            query.order_by(Contact.closed_at.desc(), Contact.id.desc()).limit(limit).offset(offset)
        ).all()
    return CasePage(tuple(_row(r) for r in page), int(count or 0), offset, limit, flt)


def _row(r: Sequence[Any]) -> CaseRow:
    (cid, ref, closed, channel, advisor_id, name, code, en, fr, assessment, csat, ev, mine) = r
    return CaseRow(
        contact_id=cid,
        reference=ref,
        closed_at=closed,
        channel=Channel(channel),
        advisor_id=advisor_id,
        advisor=name or "",
        reason_code=code,
        reason_label_en=en,
        reason_label_fr=fr,
        self_assessment=assessment,
        csat=csat,
        csat_four=csat_on_four(csat),
        evaluated=bool(ev),
        evaluated_by_me=bool(mine),
    )
