"""Response templates, their versions and how advisors use them."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.models.base import Base, IdMixin


class Template(IdMixin, Base):
    """A template's identity and its current text (a copy of its latest version, so searching
    does not join)."""

    __tablename__ = "template"
    key: Mapped[str] = mapped_column(String(80), unique=True)
    category: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8))
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    current_version: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(default=True)


class TemplateVersion(IdMixin, Base):
    __tablename__ = "template_version"
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("template.id"))
    version: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))

    __table_args__ = (UniqueConstraint("template_id", "version"),)


class TemplateUsage(IdMixin, Base):
    __tablename__ = "template_usage"
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("template.id"), index=True)
    template_version: Mapped[int]
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), index=True)
    advisor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"))
    edited: Mapped[bool]
    used_at: Mapped[datetime] = mapped_column(default=utcnow)
