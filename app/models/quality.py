"""The other three views of a contact's satisfaction: survey, manager and quality reviewer."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, SmallInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.enums import EvaluatorKind
from app.models.base import Base, IdMixin, enum_column


class SurveyAnswer(IdMixin, Base):
    """The customer's own verdict. ``csat`` uses the advisor's 1-4 scale so both compare
    directly; NPS (0-10) and customer effort (1-5) only where the survey asked them."""

    __tablename__ = "survey_answer"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), index=True)
    csat: Mapped[int] = mapped_column(SmallInteger)
    nps: Mapped[int | None] = mapped_column(SmallInteger)
    effort: Mapped[int | None] = mapped_column(SmallInteger)
    comment: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class Evaluation(IdMixin, Base):
    __tablename__ = "evaluation"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), index=True)
    evaluator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"))
    kind: Mapped[EvaluatorKind] = mapped_column(enum_column(EvaluatorKind, 16))
    score: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("evaluation.id"))
