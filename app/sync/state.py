"""This workstation's sync facts, kept in its own database beside the rows they describe."""

import sqlite3
import uuid

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.ids import new_id
from app.models import LocalState, OutboxOp
from app.sync import stored


def get(s: Session, key: str) -> str | None:
    row = s.get(LocalState, key)
    return row.value if row is not None else None


def put(s: Session, key: str, value: str | None) -> None:
    row = s.get(LocalState, key)
    if value is None:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(LocalState(key=key, value=value))
    else:
        row.value = value


GENERATION = "generation"  # bumped by every write of the centre's rows into this copy


def bump_generation(conn: "Connection | sqlite3.Connection") -> None:
    """Notes, in the writer's transaction, that rows from the centre were written: a removal
    decided before it must be decided again (see app.sync.check)."""
    try:  # straight to the driver: a claim's mirror does this on every claim
        stored.driver(conn).execute(_BUMP, (GENERATION,))
    except sqlite3.Error as exc:  # as SQLAlchemy would raise it, for storage_errors
        raise DBAPIError.instance(_BUMP, None, exc, sqlite3.Error) from exc


_BUMP = (
    "INSERT INTO local_state (key, value) VALUES (?, '1') ON CONFLICT (key) "
    "DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
)


def workstation_id(s: Session) -> uuid.UUID:
    """This copy's identity on the centre, made once."""
    value = get(s, "workstation_id")
    if value is None:
        value = str(new_id())
        put(s, "workstation_id", value)
    return uuid.UUID(value)


def outbox_counts(s: Session) -> dict[str, int]:
    """Operations per state ("pending", "refused")."""
    rows = s.execute(select(OutboxOp.state, func.count()).group_by(OutboxOp.state))
    return {state: count for state, count in rows}
