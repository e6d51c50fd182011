"""Rows as the outbox carries them (JSON-safe values) and back to what each column takes."""

import functools
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import sqlite

from app.models import Base
from app.models.base import UTCDateTime

_SHARED: dict[str, Table] = {
    t.name: t for t in Base.metadata.sorted_tables if "scope" not in t.info
}


def shared_table(name: str) -> Table:
    """The shared table called ``name``; KeyError for anything else (a workstation may not
    write the centre's own bookkeeping through its outbox)."""
    return _SHARED[name]


def shared_tables() -> list[Table]:
    """Shared tables, parents before children."""
    return list(_SHARED.values())


def decode(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """Converts JSON values back into what ``table``'s columns expect; unknown keys are
    refused with KeyError rather than silently dropped."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        column = table.columns[name]
        out[name] = _decode(column.type, value)
    return out


def _decode(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    python_type = _python_type(kind)
    if python_type is uuid.UUID and not isinstance(value, uuid.UUID):
        return uuid.UUID(str(value))
    if isinstance(kind, UTCDateTime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def _python_type(kind: Any) -> type | None:
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def upsert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Writes the centre's version of ``rows`` (Python values) into a workstation copy."""
    if rows:
        conn.execute(_upsert_statement(table), rows)


@functools.cache
def _upsert_statement(table: Table) -> Any:
    statement = sqlite.insert(table)
    columns = [c.name for c in table.columns if not c.primary_key]
    return statement.on_conflict_do_update(
        index_elements=[c.name for c in table.primary_key.columns],
        set_={name: statement.excluded[name] for name in columns},
    )
