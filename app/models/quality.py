"""The other three views of a contact's satisfaction (survey, manager, quality reviewer), the
scorecards evaluations are made with, and what an advisor answers to an evaluation."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.enums import EvaluatorKind
from app.models.base import CENTRAL_ONLY, Base, IdMixin, enum_column


class SurveyAnswer(IdMixin, Base):
    """The customer's own verdict, on the survey's own scales: CSAT 1-5, NPS 0-10 and customer
    effort 1-7 (the last two only where the survey asked them). ``app.backoffice.scales`` maps
    CSAT onto the advisor's 1-4 scale. One answer per contact: importing a file twice changes
    nothing."""

    __tablename__ = "survey_answer"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), unique=True)
    csat: Mapped[int] = mapped_column(SmallInteger)
    nps: Mapped[int | None] = mapped_column(SmallInteger)
    effort: Mapped[int | None] = mapped_column(SmallInteger)
    comment: Mapped[str] = mapped_column(Text, default="")  # the customer's verbatim
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_at: Mapped[datetime | None]  # by the centre's clock


class Scorecard(IdMixin, Base):
    """A named grid of criteria an evaluation is made with; its criteria live in versions."""

    __tablename__ = "scorecard"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    name: Mapped[str] = mapped_column(String(120), unique=True)
    current_version: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ScorecardVersion(IdMixin, Base):
    """The criteria of one version of a scorecard: ``[{"key", "label", "weight"}]``. Never
    changed once written: an evaluation keeps the version it was made with."""

    __tablename__ = "scorecard_version"
    scorecard_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("scorecard.id"))
    version: Mapped[int]
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))

    __table_args__ = (UniqueConstraint("scorecard_id", "version"), {"info": CENTRAL_ONLY})


class Evaluation(IdMixin, Base):
    """A manager's or a quality reviewer's evaluation of a contact. ``score`` is their estimate,
    on the advisor's 1-4 scale, of how satisfied the customer was; ``criteria`` scores the
    scorecard version's criteria (key -> 1-4) and ``quality_score`` is their weighted mean on
    0-100. ``advisor_id`` is the advisor evaluated: the one who closed the contact."""

    __tablename__ = "evaluation"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), index=True)
    evaluator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"))
    kind: Mapped[EvaluatorKind] = mapped_column(enum_column(EvaluatorKind, 16))
    score: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("evaluation.id"), index=True)
    advisor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"), index=True)
    # No foreign key: scorecards stay on the centre, evaluations reach workstations' copies;
    # the centre's relais_evaluate checks the version exists.
    scorecard_version_id: Mapped[uuid.UUID | None]
    criteria: Mapped[dict[str, int] | None] = mapped_column(JSON)
    quality_score: Mapped[float | None] = mapped_column(Float)


class EvaluationReply(IdMixin, Base):
    """The evaluated advisor's answer to an evaluation: agreed, or contested with a reason,
    which the supervisor sees beside it."""

    __tablename__ = "evaluation_reply"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    evaluation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("evaluation.id"), index=True)
    advisor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"))
    stance: Mapped[str] = mapped_column(String(16))  # "agree" | "contest"
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Verbatim(IdMixin, Base):
    """A customer's own words pinned to the supervisors' board, tagged, for management."""

    __tablename__ = "verbatim"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"))
    pinned_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"))
    pinned_at: Mapped[datetime] = mapped_column(default=utcnow)
