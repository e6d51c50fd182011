"""Declarative base, column types and the scope tags that split central from local tables.

Every domain table exists on the centre and on each workstation with the same shape. A few
tables belong to one side only (the outbox lives on the workstation); ``info={"scope": ...}``
tells each Alembic environment which tables are its own.
"""

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Enum, MetaData, Table, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.ids import new_id

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CENTRAL_ONLY = {"scope": "central"}
LOCAL_ONLY = {"scope": "local"}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend.

    SQLite has no time zone type: values are stored as naive UTC and handed back aware, so
    comparisons never mix naive and aware values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(cls: type[StrEnum], length: int = 24) -> Enum:
    """Stores an enum's value ("queued"), not its Python name: the same text the outbox carries
    and a SQL report reads."""
    return Enum(
        cls,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), uuid.UUID: Uuid()}  # noqa: RUF012


def table_of(model: type[Base]) -> Table:
    """A model's table, typed as one: SQLAlchemy types ``__table__`` as any FromClause, which
    has no ``name`` nor ``info`` for a type checker."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class IdMixin:
    """A workstation-made, time-ordered UUID primary key."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
