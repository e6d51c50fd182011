"""Response templates, their versions and how advisors use them.

A template's text changes through versions: a supervisor writes a draft, another approves it
(four eyes) and it becomes the template's current text, the version it replaces superseded. A
template ``key`` has one row per language (``greeting`` in French and in English), so that an
advisor is offered the variant in the contact's language, else the centre's fallback language.
Advisors read approved templates only (row-level security on PostgreSQL, the library's own
filter on the embedded centre); the writes are the centre's functions (sql/3fe0ed6959e9_90).
"""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.models.base import Base, IdMixin


class TemplateStatus(StrEnum):
    DRAFT = "draft"  # written, never approved: only supervisors see it
    APPROVED = "approved"  # in the advisors' library
    RETIRED = "retired"  # taken out of the library (its last approved text kept)


class VersionStatus(StrEnum):
    DRAFT = "draft"  # waiting for another supervisor's approval
    APPROVED = "approved"  # the template's current text
    SUPERSEDED = "superseded"  # replaced by a later version (or a later draft, never approved)


class Template(IdMixin, Base):
    """A template's identity and its current text (a copy of its approved version, so
    searching does not join). ``current_version`` is 0 while no version was ever approved."""

    __tablename__ = "template"
    key: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8))
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    current_version: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(
        String(16), default=TemplateStatus.APPROVED.value, server_default="approved"
    )

    __table_args__ = (UniqueConstraint("key", "language", name="uq_template_key_language"),)


class TemplateVersion(IdMixin, Base):
    """One text of a template. ``category`` and ``channels`` are what the version sets on
    approval (NULL: the template's, unchanged). A draft is never edited: drafting again writes
    a new version and supersedes the draft still waiting."""

    __tablename__ = "template_version"
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("template.id"))
    version: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))
    category: Mapped[str | None] = mapped_column(String(80))
    channels: Mapped[list[str] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(
        String(16), default=VersionStatus.APPROVED.value, server_default="approved"
    )
    approved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))
    approved_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("template_id", "version"),)


class TemplateUsage(IdMixin, Base):
    __tablename__ = "template_usage"
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("template.id"), index=True)
    template_version: Mapped[int]
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), index=True)
    advisor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"))
    edited: Mapped[bool]
    used_at: Mapped[datetime] = mapped_column(default=utcnow)
