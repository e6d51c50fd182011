"""Teams, advisors and their roles."""

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.enums import Role
from app.models.base import Base, IdMixin, enum_column


class Team(IdMixin, Base):
    __tablename__ = "team"
    name: Mapped[str] = mapped_column(String(120), unique=True)


class Advisor(IdMixin, Base):
    __tablename__ = "advisor"
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(enum_column(Role, 16))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"), index=True)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    active: Mapped[bool] = mapped_column(default=True)
