"""Teams, advisors and their roles."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from app.enums import Role
from app.models.base import Base, IdMixin, enum_column


class Team(IdMixin, Base):
    """A team of advisors and its supervisor's one focus indicator (``app.backoffice``'s key),
    shown on every advisor's status bar."""

    __tablename__ = "team"
    name: Mapped[str] = mapped_column(String(120), unique=True)
    focus_indicator: Mapped[str | None] = mapped_column(String(40))
    focus_set_at: Mapped[datetime | None]


class Advisor(IdMixin, Base):
    __tablename__ = "advisor"
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(enum_column(Role, 16))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"), index=True)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    active: Mapped[bool] = mapped_column(default=True)
    # A supervisor or administrator who also evaluates as a quality reviewer.
    reviews_quality: Mapped[bool] = mapped_column(default=False, server_default=false())
