"""Evaluations of closed contacts, entered blind, and the evaluated advisor's answer.

A manager's evaluation is entered by a supervisor of the contact's team, a quality evaluation by
a supervisor who reviews quality (``advisor.reviews_quality``); an administrator may enter both,
and nobody evaluates a contact they closed themselves. Each scores every criterion of one
scorecard version 1-4 and gives the same 1-4 estimate of the customer's satisfaction as the
advisor's self-assessment; the centre (``relais_evaluate``) names the evaluator, the advisor
evaluated (who closed the contact) and the time, computes the quality score (the criteria's
weighted mean, 1-4 mapped onto 0-100) and supersedes the evaluator's previous evaluation of that
kind of that contact. The embedded centre runs the same rules here.

Blind entry is this service's: ``case_view`` hides the advisor's self-assessment, the survey
answer and everyone else's evaluations until the viewer has saved their own evaluation of the
contact, so that the alignment of the four views measures judgement, not anchoring. The
centre's rights do not blind: a supervisor may read their team's wrap-ups and evaluations
(row-level security lets them), and the case list shows self-assessments and CSAT with a flag
(``CaseRow.evaluated_by_me``) a window can mask them by. An advisor reading their own case sees
everything, the evaluations of it included, and answers one (``reply``): agree, or contest
with a reason, which the supervisor reads beside it.
"""

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, exists, func, insert, select, text
from sqlalchemy.orm import aliased

from app.backoffice import visibility
from app.backoffice.cases import closer_wrap_up, in_force, reviews_quality
from app.backoffice.centre import BackOffice
from app.backoffice.refusals import Refused, call, refusal
from app.backoffice.scales import csat_on_four
from app.backoffice.scorecards import Criterion, read_versions
from app.clock import utcnow
from app.enums import Channel, ContactStatus, Direction, EvaluatorKind, Outcome, Role
from app.errors import InputError, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.models import (
    Advisor,
    Contact,
    ContactAssignment,
    Evaluation,
    EvaluationReply,
    Message,
    Note,
    ReasonCode,
    Scorecard,
    ScorecardVersion,
    SurveyAnswer,
    Team,
    WrapUp,
    table_of,
)
from app.services.contacts import FIELDS, check_values
from app.sync.apply import User

BLIND_NOTE = QT_TRANSLATE_NOOP("backoffice", "Hidden until you save your evaluation")
"""What a window shows in place of a value ``CaseView.blind`` hides."""

STANCES = ("agree", "contest")


# -- what the functions hand back ----------------------------------------------------------------


@dataclass(frozen=True)
class CriterionScore:
    """A criterion of the evaluation's scorecard version and the score it was given."""

    key: str
    label: str
    weight: float
    score: int | None


@dataclass(frozen=True)
class Reply:
    """The evaluated advisor's answer."""

    id: uuid.UUID
    stance: str  # "agree" | "contest"
    comment: str
    created_at: datetime


@dataclass(frozen=True)
class EvaluationView:
    """An evaluation in force (not replaced by its evaluator's later one)."""

    id: uuid.UUID
    contact_id: uuid.UUID
    kind: EvaluatorKind
    evaluator_id: uuid.UUID
    evaluator: str
    advisor_id: uuid.UUID | None
    score: int  # the evaluator's 1-4 estimate of the customer's satisfaction
    quality_score: float | None  # 0-100
    comment: str
    criteria: tuple[CriterionScore, ...]
    scorecard_name: str | None
    scorecard_version: int | None
    scorecard_version_id: uuid.UUID | None
    created_at: datetime
    supersedes_id: uuid.UUID | None
    reply: Reply | None


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


@dataclass(frozen=True)
class EvaluatedCase:
    """One of the advisor's own contacts that was evaluated, with its evaluations in force."""

    contact_id: uuid.UUID
    reference: str
    channel: Channel
    closed_at: datetime | None
    self_assessment: int | None
    csat: int | None
    evaluations: tuple[EvaluationView, ...]


# -- the quality score ---------------------------------------------------------------------------


def quality_score(criteria: Sequence[Criterion], scores: Mapping[str, int]) -> float:
    """The criteria's weighted mean (1-4) mapped onto 0-100, to one decimal, rounded half up:
    (points - weights) * 100 / (3 * weights), in exact decimals as the centre computes it."""
    weights = sum((Decimal(str(c.weight)) for c in criteria), Decimal(0))
    points = sum((Decimal(str(c.weight)) * scores[c.key] for c in criteria), Decimal(0))
    exact = (points - weights) * 100 / (3 * weights)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _scores_problem(scores: Mapping[str, Any]) -> str | None:
    if not isinstance(scores, Mapping) or any(
        not isinstance(k, str) or isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 4
        for k, v in scores.items()
    ):
        return "bad_scores"
    return None


def _estimate_ok(estimate: Any) -> bool:
    return isinstance(estimate, int) and not isinstance(estimate, bool) and 1 <= estimate <= 4


# -- entering an evaluation ----------------------------------------------------------------------


def evaluate(
    office: BackOffice,
    contact_id: uuid.UUID,
    kind: EvaluatorKind | str,
    scorecard_version_id: uuid.UUID,
    scores: Mapping[str, int],
    estimate: int,
    comment: str = "",
) -> EvaluationView:
    """Saves the user's evaluation of a closed contact (replacing their previous one of the same
    kind) and returns it as saved."""
    try:
        kind = EvaluatorKind(kind)
    except ValueError:
        raise refusal("bad_kind") from None
    if not _estimate_ok(estimate):
        raise refusal("bad_estimate")
    if _scores_problem(scores):
        raise refusal("bad_scores")
    comment = comment.strip()
    check_values(table_of(Evaluation), {"comment": comment}, {"comment": FIELDS["comment"]})
    evaluation_id = new_id()
    scores = dict(scores)

    def embedded(conn: Connection, me: User) -> None:
        _evaluate_embedded(
            conn,
            me,
            evaluation_id,
            contact_id,
            kind,
            scorecard_version_id,
            (scores, estimate, comment),
        )

    statement = text(
        "SELECT public.relais_evaluate(:id, :contact, :kind, :version, "
        "CAST(:scores AS jsonb), :score, :comment)"
    ).bindparams(
        id=evaluation_id,
        contact=contact_id,
        kind=kind.value,
        version=scorecard_version_id,
        scores=json.dumps(scores),
        score=estimate,
        comment=comment,
    )
    call(office, statement, embedded)
    with office.db.reading() as conn:  # not a replica that may lag behind
        return _evaluations(conn, office, Evaluation.id == evaluation_id, current_only=False)[0]


def _evaluate_embedded(
    conn: Connection,
    me: User,
    evaluation_id: uuid.UUID,
    contact_id: uuid.UUID,
    kind: EvaluatorKind,
    version_id: uuid.UUID,
    given: tuple[dict[str, int], int, str],
) -> None:
    """relais_evaluate's rules, in its order."""
    scores, estimate, comment = given
    quality = bool(conn.scalar(select(Advisor.reviews_quality).where(Advisor.id == me.id)))
    if not (
        me.role == Role.ADMIN
        or (me.role == Role.SUPERVISOR and (kind == EvaluatorKind.MANAGER or quality))
    ):
        raise Refused("evaluate_rights")
    contact = conn.execute(
        select(Contact.team_id, Contact.assigned_to, Contact.status).where(Contact.id == contact_id)
    ).first()
    if contact is None:
        raise Refused("no_contact")
    if kind == EvaluatorKind.MANAGER and me.role != Role.ADMIN and contact.team_id != me.team:
        raise Refused("not_your_team")
    if contact.assigned_to == me.id:
        raise Refused("own_contact")
    if contact.status != ContactStatus.CLOSED:
        raise Refused("not_closed")
    found = conn.execute(
        select(ScorecardVersion.criteria, Scorecard.active)
        .join(Scorecard, Scorecard.id == ScorecardVersion.scorecard_id)
        .where(ScorecardVersion.id == version_id)
    ).first()
    if found is None:
        raise Refused("no_scorecard")
    if not found.active:
        raise Refused("retired")
    if not _estimate_ok(estimate):
        raise Refused("bad_estimate")
    if _scores_problem(scores):
        raise Refused("bad_scores")
    criteria = [Criterion(c["key"], c["label"], float(c["weight"])) for c in found.criteria]
    if set(scores) != {c.key for c in criteria} or len(scores) != len(criteria):
        raise Refused("criteria_mismatch")
    previous = conn.scalar(
        select(Evaluation.id)
        .where(
            Evaluation.contact_id == contact_id,
            Evaluation.evaluator_id == me.id,
            Evaluation.kind == kind,
            in_force(Evaluation),
        )
        .order_by(Evaluation.created_at.desc(), Evaluation.id.desc())
        .limit(1)
    )
    conn.execute(
        insert(Evaluation).values(
            id=evaluation_id,
            contact_id=contact_id,
            evaluator_id=me.id,
            advisor_id=contact.assigned_to,
            kind=kind,
            score=estimate,
            comment=comment,
            criteria=scores,
            quality_score=quality_score(criteria, scores),
            scorecard_version_id=version_id,
            supersedes_id=previous,
            created_at=utcnow(),
        )
    )


# -- the advisor's answer ------------------------------------------------------------------------


def reply(office: BackOffice, evaluation_id: uuid.UUID, stance: str, comment: str = "") -> Reply:
    """The evaluated advisor agrees with the evaluation, or contests it with a reason."""
    comment = comment.strip()
    if stance not in STANCES:
        raise refusal("bad_stance")
    if stance == "contest" and not comment:
        raise refusal("reason_needed")
    check_values(table_of(Evaluation), {"comment": comment}, {"comment": FIELDS["comment"]})
    reply_id = new_id()

    def embedded(conn: Connection, me: User) -> None:
        advisor = conn.execute(
            select(Evaluation.advisor_id).where(Evaluation.id == evaluation_id)
        ).first()
        if advisor is None or advisor.advisor_id != me.id:
            raise Refused("reply_rights")
        if stance not in STANCES:
            raise Refused("bad_stance")
        if stance == "contest" and not comment:
            raise Refused("reason_needed")
        if len(comment) > 4000:
            raise Refused("long_comment")
        if conn.scalar(select(exists().where(Evaluation.supersedes_id == evaluation_id))):
            raise Refused("superseded")
        if conn.scalar(select(exists().where(EvaluationReply.evaluation_id == evaluation_id))):
            raise Refused("replied")
        conn.execute(
            insert(EvaluationReply).values(
                id=reply_id,
                evaluation_id=evaluation_id,
                advisor_id=me.id,
                stance=stance,
                comment=comment,
                created_at=utcnow(),
            )
        )

    statement = text(
        "SELECT public.relais_reply_evaluation(:id, :evaluation, :stance, :comment)"
    ).bindparams(id=reply_id, evaluation=evaluation_id, stance=stance, comment=comment)
    call(office, statement, embedded)
    with office.db.reading() as conn:
        row = conn.execute(
            select(
                EvaluationReply.id,
                EvaluationReply.stance,
                EvaluationReply.comment,
                EvaluationReply.created_at,
            ).where(EvaluationReply.id == reply_id)
        ).one()
    return Reply(*row)


# -- reading -------------------------------------------------------------------------------------


def _evaluations(
    conn: Connection, office: BackOffice, *conditions: Any, current_only: bool = True
) -> list[EvaluationView]:
    """The evaluations the user may read that meet ``conditions`` (on ``Evaluation``), oldest
    first, with their scorecard versions and replies."""
    e = Evaluation
    query = (
        select(
            e.id,
            e.contact_id,
            e.kind,
            e.evaluator_id,
            Advisor.display_name,
            e.advisor_id,
            e.score,
            e.quality_score,
            e.comment,
            e.criteria,
            e.scorecard_version_id,
            e.created_at,
            e.supersedes_id,
        )
        .outerjoin(Advisor, Advisor.id == e.evaluator_id)
        .where(visibility.evaluations(office, e), *conditions)
        .order_by(e.created_at, e.id)
    )
    if current_only:
        query = query.where(in_force(e))
    rows = conn.execute(query).all()
    if not rows:
        return []
    versions = read_versions(conn, [r.scorecard_version_id for r in rows if r.scorecard_version_id])
    names = dict(
        conn.execute(
            select(Scorecard.id, Scorecard.name).where(
                Scorecard.id.in_({v.scorecard_id for v in versions.values()})
            )
        ).all()
    )
    r_ = EvaluationReply
    replies = {
        x.evaluation_id: Reply(x.id, x.stance, x.comment, x.created_at)
        for x in conn.execute(
            select(r_.id, r_.evaluation_id, r_.stance, r_.comment, r_.created_at)
            .where(r_.evaluation_id.in_([r.id for r in rows]), visibility.replies(office, r_))
            .order_by(r_.created_at)
        )
    }
    views = []
    for r in rows:
        version = versions.get(r.scorecard_version_id) if r.scorecard_version_id else None
        scored = r.criteria or {}
        criteria = (
            tuple(
                CriterionScore(c.key, c.label, c.weight, scored.get(c.key))
                for c in version.criteria
            )
            if version is not None
            else tuple(CriterionScore(k, k, 1.0, v) for k, v in sorted(scored.items()))
        )
        views.append(
            EvaluationView(
                id=r.id,
                contact_id=r.contact_id,
                kind=EvaluatorKind(r.kind),
                evaluator_id=r.evaluator_id,
                evaluator=r.display_name or "",
                advisor_id=r.advisor_id,
                score=r.score,
                quality_score=r.quality_score,
                comment=r.comment,
                criteria=criteria,
                scorecard_name=names.get(version.scorecard_id) if version else None,
                scorecard_version=version.number if version else None,
                scorecard_version_id=r.scorecard_version_id,
                created_at=r.created_at,
                supersedes_id=r.supersedes_id,
                reply=replies.get(r.id),
            )
        )
    return views


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
        evaluations = _evaluations(conn, office, Evaluation.contact_id == contact_id)
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


def my_evaluations(office: BackOffice, limit: int = 100, offset: int = 0) -> list[EvaluatedCase]:
    """The user's own contacts that were evaluated, the most recently evaluated first, with the
    evaluations in force and the user's replies."""
    me = office.who.advisor_id
    e = aliased(Evaluation)
    latest = func.max(e.created_at)
    with office.reader.reading() as conn:
        page = conn.execute(
            select(e.contact_id, latest)
            .where(e.advisor_id == me, in_force(e), visibility.evaluations(office, e))
            .group_by(e.contact_id)
            .order_by(latest.desc(), e.contact_id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        ids = [r.contact_id for r in page]
        if not ids:
            return []
        w = aliased(WrapUp)
        contacts = {
            r.id: r
            for r in conn.execute(
                select(
                    Contact.id,
                    Contact.reference,
                    Contact.channel,
                    Contact.closed_at,
                    w.self_assessment,
                    SurveyAnswer.csat,
                )
                .select_from(Contact)
                .outerjoin(w, w.id == closer_wrap_up(office))
                .outerjoin(SurveyAnswer, SurveyAnswer.contact_id == Contact.id)
                .where(Contact.id.in_(ids))
            )
        }
        found: dict[uuid.UUID, list[EvaluationView]] = {i: [] for i in ids}
        for view in _evaluations(
            conn, office, Evaluation.contact_id.in_(ids), Evaluation.advisor_id == me
        ):
            found[view.contact_id].append(view)
    return [
        EvaluatedCase(
            contact_id=i,
            reference=contacts[i].reference,
            channel=Channel(contacts[i].channel),
            closed_at=contacts[i].closed_at,
            self_assessment=contacts[i].self_assessment,
            csat=contacts[i].csat,
            evaluations=tuple(found[i]),
        )
        for i in ids
    ]
