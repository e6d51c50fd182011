"""A case as the reviewer opens it: the contact's thread, notes, history, wrap-ups, survey
answer and evaluations, blind until the viewer saved their own evaluation of it.

Blind entry is this service's, not the centre's rights: a supervisor may read their team's
wrap-ups and evaluations (row-level security lets them; see ``app.backoffice.evaluations``).
While blind, the advisor's self-assessment, the survey answer and everyone else's evaluations
are None or empty here, and ``CaseView.blind`` tells the window to show BLIND_NOTE instead.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, exists, select

from app.backoffice import visibility
from app.backoffice.cases import closer_wrap_up, reviews_quality
from app.backoffice.centre import BackOffice
from app.backoffice.evaluation_views import EvaluationView, read_evaluations
from app.backoffice.scales import csat_on_four
from app.enums import Channel, ContactStatus, Direction, EvaluatorKind, Outcome, Role
from app.errors import InputError, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.models import (
    Advisor,
    Contact,
    ContactAssignment,
    Evaluation,
    Message,
    Note,
    ReasonCode,
    SurveyAnswer,
    Team,
    WrapUp,
)

BLIND_NOTE = QT_TRANSLATE_NOOP("backoffice", "Hidden until you save your evaluation")
"""What a window shows in place of a value ``CaseView.blind`` hides."""


@dataclass(frozen=True)
class CaseMessage:
    direction: Direction
    sender: str
    created_at: datetime
    text: str


@dataclass(frozen=True)
class CaseNote:
    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class CaseAssignment:
    """Who worked the contact, and when (the case's history)."""

    advisor: str
    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class CaseWrapUp:
    advisor_id: uuid.UUID
    advisor: str
    reason_code: str
    reason_label_en: str
    reason_label_fr: str
    outcome: Outcome
    comment: str
    share: float
    created_at: datetime
    self_assessment: int | None  # None while blind


@dataclass(frozen=True)
class CaseSurvey:
    csat: int  # 1-5
    csat_four: int  # on the 1-4 scale
    nps: int | None
    effort: int | None
    comment: str  # the customer's own words
    answered_at: datetime


@dataclass(frozen=True)
class CaseView:
    """A case as the reviewer opens it. While ``blind`` (the viewer evaluates the contact and
    has not saved an evaluation of it yet), ``self_assessment``, ``survey``, the wrap-ups'
    self-assessments and ``others`` are None or empty: show BLIND_NOTE in their place."""

    contact_id: uuid.UUID
    reference: str
    channel: Channel
    status: ContactStatus
    subject: str
    received_at: datetime
    closed_at: datetime | None
    team: str
    advisor_id: uuid.UUID | None  # who closed it: the advisor evaluated
    advisor: str
    messages: tuple[CaseMessage, ...]
    notes: tuple[CaseNote, ...]
    history: tuple[CaseAssignment, ...]
    wrap_up: CaseWrapUp | None  # the closer's latest
    wrap_ups: tuple[CaseWrapUp, ...]  # everyone's the viewer may read, oldest first
    self_assessment: int | None
    survey: CaseSurvey | None
    blind: bool
    mine: tuple[EvaluationView, ...]  # the viewer's own evaluations in force
    others: tuple[EvaluationView, ...]
    can_evaluate: frozenset[EvaluatorKind]


def _names(conn: Connection, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = conn.execute(select(Advisor.id, Advisor.display_name).where(Advisor.id.in_(wanted)))
    return {r.id: r.display_name for r in rows}


def _not_yours() -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "You can open only the cases you closed yourself."),
    )


def _not_your_team() -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "You review the cases of your own team only."),
        QT_TRANSLATE_NOOP("errors", "Ask an administrator or a quality reviewer."),
    )


def _may_evaluate(
    office: BackOffice, quality: bool, team_id: uuid.UUID | None, closer: uuid.UUID | None
) -> frozenset[EvaluatorKind]:
    who = office.who
    if closer == who.advisor_id:
        return frozenset()
    kinds = set()
    if who.role == Role.ADMIN or (who.role == Role.SUPERVISOR and team_id == who.team_id):
        kinds.add(EvaluatorKind.MANAGER)
    if who.role == Role.ADMIN or (who.role == Role.SUPERVISOR and quality):
        kinds.add(EvaluatorKind.QUALITY)
    return frozenset(kinds)


def case_view(office: BackOffice, contact_id: uuid.UUID) -> CaseView:
    """The case as the user may see it: blind until they saved their own evaluation of it,
    unless it is their own case (then the evaluations of it are shown)."""
    who = office.who
    with office.db.reading() as conn:  # the user's own evaluation, just saved, decides
        # Named columns: a user may not read a contact's claim token.
        contact = conn.execute(
            select(
                Contact.id,
                Contact.reference,
                Contact.channel,
                Contact.status,
                Contact.subject,
                Contact.preview,
                Contact.received_at,
                Contact.closed_at,
                Contact.team_id,
                Contact.assigned_to,
                Team.name.label("team"),
                Advisor.display_name.label("closer"),
            )
            .outerjoin(Team, Team.id == Contact.team_id)
            .outerjoin(Advisor, Advisor.id == Contact.assigned_to)
            .where(Contact.id == contact_id)
        ).first()
        if contact is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This contact no longer exists."))
        own = contact.assigned_to == who.advisor_id
        quality = reviews_quality(conn, office)
        if who.role == Role.ADVISOR and not own:
            raise _not_yours()
        if who.role == Role.SUPERVISOR and contact.team_id != who.team_id and not quality:
            raise _not_your_team()
        evaluated = bool(
            conn.scalar(
                select(
                    exists().where(
                        Evaluation.contact_id == contact_id,
                        Evaluation.evaluator_id == who.advisor_id,
                    )
                )
            )
        )
        blind = not own and not evaluated
        thread = conn.execute(
            select(
                Message.direction,
                Message.author_id,
                Message.sender_display,
                Message.created_at,
                Message.body_text,
            )
            .where(Message.contact_id == contact_id)
            .order_by(Message.created_at, Message.id)
        ).all()
        note_rows = conn.execute(
            select(Note.advisor_id, Note.body, Note.created_at)
            .where(Note.contact_id == contact_id)
            .order_by(Note.created_at, Note.id)
        ).all()
        parts = conn.execute(
            select(
                ContactAssignment.advisor_id,
                ContactAssignment.started_at,
                ContactAssignment.ended_at,
            )
            .where(ContactAssignment.contact_id == contact_id)
            .order_by(ContactAssignment.started_at, ContactAssignment.id)
        ).all()
        closer_wrap = conn.scalar(
            select(closer_wrap_up(office, Contact)).where(Contact.id == contact_id)
        )
        wraps = conn.execute(
            select(
                WrapUp.id,
                WrapUp.advisor_id,
                WrapUp.outcome,
                WrapUp.comment,
                WrapUp.share,
                WrapUp.created_at,
                WrapUp.self_assessment,
                ReasonCode.code,
                ReasonCode.label_en,
                ReasonCode.label_fr,
            )
            .join(ReasonCode, ReasonCode.id == WrapUp.reason_code_id)
            .where(WrapUp.contact_id == contact_id, visibility.wrap_ups(office, WrapUp))
            .order_by(WrapUp.created_at, WrapUp.id)
        ).all()
        survey_row = conn.execute(
            select(
                SurveyAnswer.csat,
                SurveyAnswer.nps,
                SurveyAnswer.effort,
                SurveyAnswer.comment,
                SurveyAnswer.answered_at,
            ).where(SurveyAnswer.contact_id == contact_id)
        ).first()
        evaluations = read_evaluations(conn, office, Evaluation.contact_id == contact_id)
        people = {m.author_id for m in thread} | {n.advisor_id for n in note_rows}
        people |= {a.advisor_id for a in parts} | {w.advisor_id for w in wraps}
        names = _names(conn, people)
    messages = tuple(
        CaseMessage(
            m.direction,
            names.get(m.author_id, m.sender_display) if m.author_id else m.sender_display,
            m.created_at,
            m.body_text,
        )
        for m in thread
    )
    notes = tuple(CaseNote(names.get(n.advisor_id, ""), n.body, n.created_at) for n in note_rows)
    history = tuple(
        CaseAssignment(names.get(a.advisor_id, ""), a.started_at, a.ended_at) for a in parts
    )
    wrap_ups = tuple(
        CaseWrapUp(
            advisor_id=w.advisor_id,
            advisor=names.get(w.advisor_id, ""),
            reason_code=w.code,
            reason_label_en=w.label_en,
            reason_label_fr=w.label_fr,
            outcome=Outcome(w.outcome),
            comment=w.comment,
            share=w.share,
            created_at=w.created_at,
            self_assessment=None if blind else w.self_assessment,
        )
        for w in wraps
    )
    closing = next((v for w, v in zip(wraps, wrap_ups, strict=True) if w.id == closer_wrap), None)
    survey = None
    if survey_row is not None and not blind:
        csat, nps, effort, words, answered = survey_row
        survey = CaseSurvey(csat, csat_on_four(csat) or 0, nps, effort, words, answered)
    mine = tuple(e for e in evaluations if e.evaluator_id == who.advisor_id)
    others = () if blind else tuple(e for e in evaluations if e.evaluator_id != who.advisor_id)
    can = (
        _may_evaluate(office, quality, contact.team_id, contact.assigned_to)
        if contact.status == ContactStatus.CLOSED
        else frozenset()
    )
    return CaseView(
        contact_id=contact.id,
        reference=contact.reference,
        channel=Channel(contact.channel),
        status=ContactStatus(contact.status),
        subject=contact.subject or contact.preview,
        received_at=contact.received_at,
        closed_at=contact.closed_at,
        team=contact.team or "",
        advisor_id=contact.assigned_to,
        advisor=contact.closer or "",
        messages=messages,
        notes=notes,
        history=history,
        wrap_up=closing,
        wrap_ups=wrap_ups,
        self_assessment=closing.self_assessment if closing else None,
        survey=survey,
        blind=blind,
        mine=mine,
        others=others,
        can_evaluate=can,
    )
