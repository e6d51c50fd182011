"""Evaluations as the back office reads them: the records handed to a window, and the one
query that builds them (an evaluation with its scorecard version's criteria and the evaluated
advisor's answer), through the user's rights: row-level security on PostgreSQL, the same
conditions (``app.backoffice.visibility``) on the embedded centre."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import aliased

from app.backoffice import visibility
from app.backoffice.cases import closer_wrap_up, in_force
from app.backoffice.centre import BackOffice
from app.backoffice.scorecards import read_versions
from app.enums import Channel, EvaluatorKind
from app.models import (
    Advisor,
    Contact,
    Evaluation,
    EvaluationReply,
    Scorecard,
    SurveyAnswer,
    WrapUp,
)


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
class EvaluatedCase:
    """One of the advisor's own contacts that was evaluated, with its evaluations in force."""

    contact_id: uuid.UUID
    reference: str
    channel: Channel
    closed_at: datetime | None
    self_assessment: int | None
    csat: int | None
    evaluations: tuple[EvaluationView, ...]


def read_evaluations(
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
        for view in read_evaluations(
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
