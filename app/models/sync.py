"""Bookkeeping for the workstation-to-centre sync.

The outbox holds, in the order the advisor made them, every local write bound for the centre;
it is filled in the same transaction as the write. The centre remembers, per workstation, the
last operation it applied, so a retried push is harmless.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.models.base import CENTRAL_ONLY, LOCAL_ONLY, Base, IdMixin


class OutboxOp(Base):
    __tablename__ = "outbox"
    # AUTOINCREMENT: a sequence number is never reused once the outbox empties (see apply).
    __table_args__ = {"info": LOCAL_ONLY, "sqlite_autoincrement": True}  # noqa: RUF012
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
    """Per user and workstation, the last outbox operation the centre applied (in the same
    transaction as the operation itself). Keyed by the login too: whatever workstation id
    another user pushes under, it never touches this user's progress."""

    __tablename__ = "applied_ops"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    workstation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_op_id: Mapped[uuid.UUID | None]


class ChangeLog(Base):
    """Every insert or update of a shared row on the centre, written by a trigger.

    ``xid`` is the writing transaction's id on PostgreSQL (0 on the embedded SQLite centre, whose
    single writer commits in order). Workstations read it in (xid, seq) order and only below the
    oldest transaction still running, so a transaction that commits late is never skipped.

    A change of a row not everyone may read (a wrap-up, an evaluation, a conflict, a review item)
    names who may: ``readers`` (advisors) and ``team_id`` (that team's supervisors); row-level
    security then hides the change itself from everyone else, ids and times included.
    """

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    xid: Mapped[int] = mapped_column(BigInteger, default=0)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID]
    readers: Mapped[list[uuid.UUID] | None] = mapped_column(
        JSON().with_variant(postgresql.ARRAY(Uuid()), "postgresql")
    )
    team_id: Mapped[uuid.UUID | None]
    __table_args__ = (Index("ix_change_log_order", "xid", "seq"), {"info": CENTRAL_ONLY})


class DeskCustomer(Base):
    """A customer whose whole history a user's workstations keep (see app.sync.scope): added
    when one of their contacts enters the user's queue or work, or when the user opens them
    from a search; taken out once neither has happened for a while (app.sync.scope.leave_stale)."""

    __tablename__ = "desk_customer"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id"), primary_key=True)
    since: Mapped[datetime] = mapped_column(default=utcnow)


class SyncRefusal(Base):
    """An outbox operation the centre refused, kept so a retried push gets the same answer."""

    __tablename__ = "sync_refusal"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    workstation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID]
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncConflict(IdMixin, Base):
    """A value that lost a conflict on the centre, kept for supervisors to see and restore."""

    __tablename__ = "sync_conflict"
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column(index=True)
    field: Mapped[str] = mapped_column(String(64))
    losing_value: Mapped[Any] = mapped_column(JSON)
    winning_value: Mapped[Any] = mapped_column(JSON)
    rule: Mapped[str] = mapped_column(String(32))
    advisor_id: Mapped[uuid.UUID | None]
    workstation_id: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CentreRole(Base):
    """The group roles of this centre on its PostgreSQL server, by the Relais role they carry.

    Roles belong to the whole server, so each centre makes its own (named after its database)
    and records them here: two centres on one server share no role, and ``relais user`` knows
    which logins are this centre's."""

    __tablename__ = "centre_role"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(63), unique=True)


class CentreLogin(Base):
    """A login role this centre made for one of its users (``relais user add``): the only roles
    ``relais user`` changes, enables or disables."""

    __tablename__ = "centre_login"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CentreSecret(Base):
    """A secret of this centre that only its owner reads: ``wake`` names the channels its
    workstations LISTEN on (anyone connected may LISTEN on any name, so names are not
    guessable). Empty on an embedded centre, which wakes nobody."""

    __tablename__ = "centre_secret"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(64))
