"""Batched writes: one transaction per batch, rows written in bulk with the centre's rules kept.

Every seeding module writes through these helpers. ``_bulk`` inserts a few plain dictionaries
through SQLAlchemy (the reference data, the team: a few dozen rows). ``_Pipeline`` writes the
batches of customers and contacts in a thread of its own, one after the other, while the next
batch is being built: the database's work (PostgreSQL's, or SQLite's inside ``sqlite3``, both
outside the GIL) runs beside the Python that makes the rows, instead of after it. Each batch
is written by ``_batch``, which opens its transaction and yields a ``Writer`` that writes tuples
(see ``rows``) the fastest way each database takes them:

- on PostgreSQL, ``COPY … FROM STDIN``: one statement per table and batch, so the centre's
  statement-level triggers run once per batch — the change log gets its rows from the COPY's
  transition table in one insert, and the change log's lock is taken once;
- on SQLite, one ``executemany`` per table and batch, in one transaction with a large page
  cache. SQLite's triggers run once per row, and the change log's and the checks' triggers
  made two thirds of the cost of a write (measured: 1.44 M rows in 36 s with them, 12.5 s
  without). So when a batch writes at least ``SET_ASIDE_ROWS`` rows into a table, the table's
  insert triggers whose text is exactly the one the migrations write are set aside for that
  one ``executemany``, and do their work once instead: the change log gets one ``INSERT …
  SELECT`` of the rows just written, in their order, and the checks one ``SELECT`` over them,
  refusing the batch as the trigger would. The triggers are put back, with their own text,
  before anything else is written — so rows other triggers add to the table later in the batch
  (the review list's, say) are logged and checked by them — and all of it happens inside the
  batch's transaction: nothing outside ever sees the table without them, and an interrupted
  batch rolls back with its triggers. A trigger of any other text is left in place and runs as
  usual, and so do all of them on smaller writes (the demo's), where they cost milliseconds.
"""

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

from sqlalchemy import insert
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db import Database, allow_long_statements
from app.seed.rows import COLUMNS

SQLITE_CACHE_KIB = 256 * 1024  # page cache while seeding; only used as the file grows
SET_ASIDE_ROWS = 5_000  # rows of one table in one batch from which SQLite's triggers step aside

Row = tuple[Any, ...]

# The change log's and the checks' triggers on SQLite, as the central migrations write them.
_LOG_TRIGGER = (
    "CREATE TRIGGER log_insert_{table} AFTER INSERT ON {table} BEGIN INSERT INTO change_log "
    "(xid, table_name, row_id) VALUES (0, '{table}', NEW.id); END"
)
_CHECK_TRIGGER = re.compile(
    r"CREATE TRIGGER check_insert_(?P<table>\w+) BEFORE INSERT ON (?P=table) "
    r"WHEN NOT \((?P<test>.*)\) BEGIN SELECT RAISE\(ABORT, '(?P<message>[^']*)'\); END",
    re.DOTALL,
)


class Writer:
    """Writes one batch's rows, table by table, in the batch's transaction."""

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        raise NotImplementedError


class _SQLiteWriter(Writer):
    def __init__(self, session: Session) -> None:
        self.connection = session.connection()
        self._triggers: dict[str, list[tuple[str, str]]] | None = None  # table -> (name, text)

    def _known_triggers(
        self, table: str
    ) -> tuple[list[tuple[str, str]], bool, str | None, str | None]:
        """The table's insert triggers this writer can stand in for: ((name, text) of each,
        whether one logs the rows, the check's condition and message)."""
        if self._triggers is None:
            self._triggers = {}
            for name, on, text in self.connection.exec_driver_sql(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
            ):
                self._triggers.setdefault(on, []).append((name, text))
        known: list[tuple[str, str]] = []
        logged, test, message = False, None, None
        for name, text in self._triggers.get(table, []):
            if name == f"log_insert_{table}" and text == _LOG_TRIGGER.format(table=table):
                logged = True
            elif name == f"check_insert_{table}" and (match := _CHECK_TRIGGER.fullmatch(text)):
                test, message = match["test"], match["message"]
            else:
                continue
            known.append((name, text))
        return known, logged, test, message

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        if not rows:
            return
        conn = self.connection
        marks = ", ".join("?" * len(columns))
        insert_rows = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        known, logged, test, message = self._known_triggers(table)
        if len(rows) < SET_ASIDE_ROWS or not known:
            conn.exec_driver_sql(insert_rows, rows)  # the triggers do their work row by row
            return
        for name, _text in known:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        before = conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {table}").scalar()
        conn.exec_driver_sql(insert_rows, rows)
        if test is not None:
            # The trigger's own condition, on the rows just written (named NEW, as there).
            bad = conn.exec_driver_sql(
                f"SELECT count(*) FROM {table} AS NEW WHERE NEW.rowid > ? AND NOT ({test})",
                (before,),
            ).scalar()
            if bad:
                refused = sqlite3.IntegrityError(message)
                refused.sqlite_errorcode = sqlite3.SQLITE_CONSTRAINT_TRIGGER
                raise DBAPIError.instance(None, None, refused, sqlite3.Error)
        if logged:
            conn.exec_driver_sql(
                "INSERT INTO change_log (xid, table_name, row_id) "
                f"SELECT 0, '{table}', id FROM {table} WHERE rowid > ? ORDER BY rowid",
                (before,),
            )
        for _name, text in known:
            conn.exec_driver_sql(text)  # back, before any other statement writes the table


class _CopyWriter(Writer):
    def __init__(self, session: Session) -> None:
        self.connection = session.connection()
        self.driver: Any = self.connection.connection.driver_connection
        # A batch of a million-customer seed runs longer than an advisor's statement may; its
        # times are naive UTC text (rows.stamp), read in this transaction's time zone.
        allow_long_statements(session)
        self.connection.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        if not rows:
            return
        error = self.connection.dialect.loaded_dbapi.Error
        try:
            with (
                self.driver.cursor() as cursor,
                cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                write_row = copy.write_row
                for row in rows:
                    write_row(row)
        except error as exc:  # as SQLAlchemy would raise it, for the session's storage_errors
            raise DBAPIError.instance(None, None, exc, error) from exc


@contextlib.contextmanager
def _batch(db: Database) -> Iterator[Writer]:
    """One batch, one transaction, written through the returned ``Writer``. On SQLite the
    connection gets a large page cache first: the name and identity indexes are filled in
    random order, and with SQLite's default 2 MB cache a million customers would spend their
    time re-reading index pages."""
    with db.session() as session:
        writer: Writer
        if db.is_sqlite:
            session.execute(sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}"))
            writer = _SQLiteWriter(session)
        else:
            writer = _CopyWriter(session)
        yield writer


Tables = list[tuple[str, list[Row]]]  # one batch: (table, rows), parents first


def _write(db: Database, tables: Tables) -> None:
    with _batch(db) as writer:
        for table, rows in tables:
            writer.write(table, COLUMNS[table], rows)


class _Pipeline:
    """Writes batches one at a time in a background thread, in the order given.

    ``write(tables, done)`` first waits for the batch before it — raising its error, if it
    failed, and then calling its ``done`` (the caller's progress report, which may raise to stop
    the run) — and hands this one to the thread. So at most two batches are in memory (one
    being written, one being built), every batch is committed before the next one starts
    (children find their parents), and ``done`` is called in the caller's thread once its batch
    is committed. ``finish()`` waits for the last batch. Leaving the ``with`` block on an error
    waits for the batch being written (it commits or rolls back whole) and skips its ``done``.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relais-seed")
        self._pending: tuple[Future[None], Callable[[], None] | None] | None = None

    def write(self, tables: Tables, done: Callable[[], None] | None = None) -> None:
        self.finish()
        self._pending = (self._thread.submit(_write, self.db, tables), done)

    def finish(self) -> None:
        if self._pending is None:
            return
        written, done = self._pending
        self._pending = None
        written.result()
        if done is not None:
            done()

    def __enter__(self) -> "_Pipeline":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self.finish()
        finally:
            self._pending = None
            self._thread.shutdown(wait=True)


def _bulk(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """One executemany of plain dictionaries, for the few rows of reference data and people.
    Inserting into the model's table rather than the ORM entity skips the ORM's per-row
    bookkeeping: half the time, for the same SQL."""
    session.execute(insert(model.__table__), rows)
