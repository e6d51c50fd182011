"""What changes a customer's identities beyond adding one: removals, merges, and the segments
whose customers must stay apart (central revision e9c3a7f1d5b4)."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.enums import IdentityKind
from app.models.base import Base, IdMixin, enum_column


class IdentityRemoval(IdMixin, Base):
    """An identity taken off a customer, kept as it was. Its id is the removed identity's: a
    pull that brings this row deletes that identity from the workstation's copy (the change log
    carries no deletions), and the row is the record of who removed what, and when."""

    __tablename__ = "identity_removal"
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id"), index=True)
    kind: Mapped[IdentityKind] = mapped_column(enum_column(IdentityKind, 16))
    value: Mapped[str] = mapped_column(String(320))
    display: Mapped[str] = mapped_column(String(320))
    removed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))
    removed_at: Mapped[datetime] = mapped_column(default=utcnow)


class CustomerMerge(IdMixin, Base):
    """A supervisor's merge of customer ``merged_id`` into ``customer_id``: exactly which
    contacts and identities moved (``moved``: ``{"contacts": [ids], "identities": [ids]}``),
    so that an undo puts back those and nothing else, whatever the customer got since."""

    __tablename__ = "customer_merge"
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id"))
    merged_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id"))
    merged_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"))
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    moved: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    undone_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))
    undone_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_customer_merge_customer", "customer_id", "merged_at"),
        Index("ix_customer_merge_merged", "merged_id", "merged_at"),
    )


class SegmentApart(IdMixin, Base):
    """A segment whose customers belong to a legal estate of their own: two customers whose
    segments are listed with different estates are never merged, never share an identity, and
    no contact goes from one to the other (an online-account customer and a retail customer:
    the operator's two licences). A segment not listed mixes with any."""

    __tablename__ = "segment_apart"
    segment: Mapped[str] = mapped_column(String(32), unique=True)
    estate: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(300), default="")
