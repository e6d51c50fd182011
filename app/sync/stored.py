"""Shared rows moved as the workstation's SQLite stores them, without a Python object per value.

A pull of a hundred thousand rows spends its time turning each value into a Python object and
back (a UUID, an aware datetime, a parsed JSON list). Instead the centre is asked for each column
already in the copy's storage form — UUIDs as 32 hex digits, times as naive UTC text with
microseconds, JSON as text, booleans as 0/1, exactly what SQLAlchemy writes there — and the
tuples go straight into SQLite. The embedded SQLite centre stores them that way already.
"""

import functools
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import JSON, Boolean, Connection, Table, Uuid
from sqlalchemy.exc import DBAPIError

from app.models.base import UTCDateTime
from app.sync import scope


def _pg_column(column: Any, qualifier: str = "") -> str:
    kind, name = column.type, qualifier + column.name
    if isinstance(kind, Uuid):
        return f"replace({name}::text, '-', '')"
    if isinstance(kind, UTCDateTime):
        return f"to_char({name} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    if isinstance(kind, JSON):
        return f"{name}::text"
    if isinstance(kind, Boolean):
        return f"{name}::int"
    return name


def pg_columns(table: Table, qualifier: str = "") -> str:
    """A PostgreSQL select list giving ``table``'s columns in storage form (``qualifier``, such
    as ``"c."``, names the row source where a statement has several)."""
    return ", ".join(_pg_column(c, qualifier) for c in table.columns)


def _pg_source(table: Table) -> tuple[str, str]:
    """The select list and the FROM clause reading ``table`` in storage form on PostgreSQL. A
    contact's claim token is readable by its holder alone: it comes from ``relais_my_claim``,
    empty for everyone else's."""
    name = table.name
    if name != "contact":
        return pg_columns(table, f"{name}."), name
    columns = ", ".join(
        "replace(mc.claim_token::text, '-', '')"
        if c.name == "claim_token"
        else _pg_column(c, "contact.")
        for c in table.columns
    )
    return columns, "contact LEFT JOIN relais_my_claim mc ON mc.id = contact.id"


@functools.cache
def _select(table: Table, dialect: str, kept: str | None = None) -> str:
    if dialect == "postgresql":
        columns, source = _pg_source(table)
        where = f"{table.name}.id = ANY(%(ids)s)" + (f" AND {kept}" if kept else "")
        return f"SELECT {columns} FROM {source} WHERE {where}"
    return f"SELECT {', '.join(c.name for c in table.columns)} FROM {table.name} WHERE id IN "


def fetch(conn: Connection, table: Table, ids: list[uuid.UUID]) -> list[tuple[Any, ...]]:
    """The rows of ``table`` with these ids that belong to the user's working set (see
    app.sync.scope), as stored on a workstation. The caller's row-level security applies too:
    rows this user may not see do not come."""
    if conn.dialect.name == "postgresql":
        sql = _select(table, "postgresql", scope.condition(conn, table, table.name))
        return _rows(conn, sql, {"ids": ids})
    marks = ", ".join("?" for _ in ids)
    return _rows(conn, f"{_select(table, 'sqlite')}({marks})", tuple(i.hex for i in ids))


@functools.cache
def _changed_select(table: Table, dialect: str, kept: str | None) -> str:
    if dialect == "postgresql":
        columns, source = _pg_source(table)
        return (
            f"SELECT {columns} FROM {source} WHERE {table.name}.id IN ("
            "SELECT row_id FROM change_log WHERE table_name = %(table)s "
            "AND (xid, seq) > (%(after_xid)s, %(after_seq)s) "
            "AND (xid, seq) <= (%(upto_xid)s, %(upto_seq)s))" + (f" AND {kept}" if kept else "")
        )
    return (
        f"SELECT {', '.join(c.name for c in table.columns)} FROM {table.name} WHERE id IN ("
        "SELECT row_id FROM change_log WHERE table_name = ? AND (xid, seq) > (?, ?) "
        "AND (xid, seq) <= (?, ?))"
    )


@functools.cache
def _written_select(table: Table, kept: str | None) -> str:
    columns, source = _pg_source(table)
    return (
        f"SELECT {columns} FROM {source} WHERE {table.name}.id IN ("
        "SELECT row_id FROM change_log WHERE table_name = %(table)s AND xid = ANY(%(xids)s))"
        + (f" AND {kept}" if kept else "")
    )


def fetch_written_by(conn: Connection, table: Table, xids: list[int]) -> list[tuple[Any, ...]]:
    """The rows of ``table`` these (ended) transactions changed that belong to the user's
    working set, as stored on a workstation (PostgreSQL only: see app.sync.cursor)."""
    sql = _written_select(table, scope.condition(conn, table, table.name))
    return _rows(conn, sql, {"table": table.name, "xids": xids})


def fetch_changed(
    conn: Connection, table: Table, after: tuple[int, int], upto: tuple[int, int]
) -> list[tuple[Any, ...]]:
    """The rows of ``table`` changed between the change-log positions ``after`` (excluded)
    and ``upto`` (included) that belong to the user's working set, as stored on a
    workstation: the centre picks them itself, so no list of ids travels either way."""
    dialect = conn.dialect.name
    sql = _changed_select(table, dialect, scope.condition(conn, table, table.name))
    if dialect == "postgresql":
        params: Any = {
            "table": table.name,
            "after_xid": after[0],
            "after_seq": after[1],
            "upto_xid": upto[0],
            "upto_seq": upto[1],
        }
    else:
        params = (table.name, *after, *upto)
    return _rows(conn, sql, params)


def _rows(conn: Connection, sql: str, params: Any) -> list[tuple[Any, ...]]:
    """Plain tuples from the driver's own cursor (no result objects for thousands of rows)."""
    driver = conn.connection.driver_connection
    cursor = driver.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    except conn.dialect.loaded_dbapi.Error as exc:  # as SQLAlchemy would raise it
        if getattr(driver, "broken", False) or getattr(driver, "closed", False):
            conn.invalidate(exc)  # a dead connection does not go back to the pool
        raise DBAPIError.instance(
            sql,
            params,
            exc,
            conn.dialect.loaded_dbapi.Error,
            connection_invalidated=conn.invalidated,
        ) from exc
    finally:
        if not conn.invalidated:
            cursor.close()


def fetch_history(
    conn: Connection, table: Table, customers: list[uuid.UUID]
) -> list[tuple[Any, ...]]:
    """The rows of ``table`` in these customers' history (PostgreSQL only; see
    app.sync.scope), as stored on a workstation."""
    where = scope.history_condition(table, table.name)
    if where is None or not customers:
        return []
    columns, source = _pg_source(table)
    return _rows(conn, f"SELECT {columns} FROM {source} WHERE {where}", {"customers": customers})


def fetch_all(conn: Connection, table: Table, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """Every row of ``table`` in the user's working set, as stored on a workstation, in
    batches (a first copy of a million customers streams through a server-side cursor)."""
    kept = scope.condition(conn, table, table.name)
    driver = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        columns, source = _pg_source(table)
        sql = f"SELECT {columns} FROM {source}" + (f" WHERE {kept}" if kept else "")
        cursor = driver.cursor(name=f"relais_copy_{table.name}")  # type: ignore[union-attr]
    else:
        sql = f"SELECT {', '.join(c.name for c in table.columns)} FROM {table.name}"
        cursor = driver.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield rows
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, None, exc, conn.dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()


def local(conn: Connection, table: Table, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """This copy's version of the rows with these (stored) ids, by id."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    result = conn.exec_driver_sql(f"{_select(table, 'sqlite')}({marks})", tuple(ids))
    at = position(table, "id")
    return {r[at]: tuple(r) for r in result.all()}


def driver(conn: "Connection | sqlite3.Connection") -> sqlite3.Connection:
    """The sqlite3 connection under ``conn`` (or ``conn`` itself)."""
    if isinstance(conn, sqlite3.Connection):
        return conn
    return conn.connection.driver_connection  # type: ignore[return-value]


def write(
    conn: "Connection | sqlite3.Connection",
    table: Table,
    rows: list[tuple[Any, ...]],
    spare_pending: bool = False,
) -> None:
    """Inserts or replaces the rows in this copy (one executemany). ``spare_pending`` leaves
    alone the rows this workstation changed and has not sent yet (the centre's version of
    them comes back after the push)."""
    if rows:
        sql = _upsert(table, spare_pending)
        try:
            driver(conn).executemany(sql, rows)
        except sqlite3.Error as exc:  # as SQLAlchemy would raise it, for storage_errors
            raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc


@functools.cache
def _upsert(table: Table, spare_pending: bool = False) -> str:
    names = [c.name for c in table.columns]
    spared = (
        " WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'pending' "
        f"AND o.table_name = '{table.name}' AND o.row_id = excluded.id)"
        if spare_pending
        else ""
    )
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) "
        f"VALUES ({', '.join('?' for _ in names)}) "
        "ON CONFLICT (id) DO UPDATE SET "
        + ", ".join(f"{n} = excluded.{n}" for n in names if n != "id")
        + spared
    )


@functools.cache
def position(table: Table, column: str) -> int:
    """Where ``column`` sits in a stored row of ``table`` (a ValueError when it has none)."""
    return [c.name for c in table.columns].index(column)
