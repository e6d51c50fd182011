"""Bookkeeping for the workstation-to-centre sync.

The outbox holds, in the order the advisor made them, every local write bound for the centre;
it is filled in the same transaction as the write. The centre remembers, per workstation, the
last operation it applied, so a retried push is harmless.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.models.base import CENTRAL_ONLY, LOCAL_ONLY, Base


class OutboxOp(Base):
    __tablename__ = "outbox"
    __table_args__ = {"info": LOCAL_ONLY}  # noqa: RUF012
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    error: Mapped[str | None] = mapped_column(Text)


class LocalState(Base):
    """Small key/value facts of this workstation (its id, the sync cursor, the advisor)."""

    __tablename__ = "local_state"
    __table_args__ = {"info": LOCAL_ONLY}  # noqa: RUF012
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AppliedOps(Base):
    __tablename__ = "applied_ops"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    workstation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
