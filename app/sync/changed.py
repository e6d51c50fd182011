"""One row the centre sent, written over this copy's by the columns that differ.

A claim changes five of a contact's columns (its status, holder, claim token, lease, version).
Writing the whole row (``stored.write``) rewrites the entry of every index on it, changed or
not: on a contact, ten indexes, and some eleven to sixteen pages appended to the WAL on every
Ctrl+N where the changed columns need six or seven. The row this copy ends with is the same.
"""

import functools
import sqlite3
from typing import Any

from sqlalchemy import Table
from sqlalchemy.exc import DBAPIError

from app.sync import stored


@functools.cache
def _read(table: Table) -> str:
    names = ", ".join(c.name for c in table.columns)
    return f"SELECT {names} FROM {table.name} WHERE id = ?"


@functools.cache
def _update(table: Table, changed: tuple[int, ...], spare_pending: bool) -> str:
    """The UPDATE of these columns (by position); as ``stored.write``'s, it leaves alone a row
    with an operation of this workstation still waiting to go."""
    names = [c.name for c in table.columns]
    spared = (
        " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'pending' "
        f"AND o.table_name = '{table.name}' AND o.row_id = :key)"
        if spare_pending
        else ""
    )
    sets = ", ".join(f"{names[at]} = :c{at}" for at in changed)
    return f"UPDATE {table.name} SET {sets} WHERE id = :key{spared}"


def write_row(
    conn: sqlite3.Connection, table: Table, row: tuple[Any, ...], spare_pending: bool = False
) -> None:
    """``stored.write`` of one row, in storage form: inserted when this copy has none, else
    only its columns that differ from this copy's updated (and nothing at all when none do).
    Call it inside the transaction that writes, so that the row read is the row updated."""
    key = row[stored.position(table, "id")]
    try:
        here = conn.execute(_read(table), (key,)).fetchone()
        if here is None:
            stored.write(conn, table, [row], spare_pending)
            return
        pairs = enumerate(zip(here, row, strict=True))
        changed = tuple(at for at, (was, now) in pairs if was != now)
        if changed:
            values = {f"c{at}": row[at] for at in changed}
            conn.execute(_update(table, changed, spare_pending), {"key": key, **values})
    except sqlite3.Error as exc:  # as SQLAlchemy would raise it, for storage_errors
        raise DBAPIError.instance(_read(table), None, exc, sqlite3.Error) from exc
