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

The case itself is built in ``app.backoffice.case_view``, the records and the reads in
``app.backoffice.evaluation_views``; both are reached from here.
"""

import json
import uuid
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, exists, insert, select, text

from app.backoffice.case_view import BLIND_NOTE, CaseView, case_view
from app.backoffice.cases import in_force
from app.backoffice.centre import BackOffice
from app.backoffice.evaluation_views import (
    CriterionScore,
    EvaluatedCase,
    EvaluationView,
    Reply,
    my_evaluations,
    read_evaluations,
)
from app.backoffice.refusals import Refused, call, refusal
from app.backoffice.scorecards import Criterion
from app.clock import utcnow
from app.enums import ContactStatus, EvaluatorKind, Role
from app.ids import new_id
from app.models import (
    Advisor,
    Contact,
    Evaluation,
    EvaluationReply,
    Scorecard,
    ScorecardVersion,
    table_of,
)
from app.services.contacts import FIELDS, check_values
from app.sync.apply import User

# What a window calls, from here: the case (blind entry) and the advisor's evaluated contacts.
__all__ = [
    "BLIND_NOTE",
    "STANCES",
    "CaseView",
    "CriterionScore",
    "EvaluatedCase",
    "EvaluationView",
    "Reply",
    "case_view",
    "evaluate",
    "my_evaluations",
    "quality_score",
    "reply",
]

STANCES = ("agree", "contest")


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
        return read_evaluations(conn, office, Evaluation.id == evaluation_id, current_only=False)[0]


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
