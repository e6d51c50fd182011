"""Engines, sessions and the translation of driver errors into errors a user can act on.

Every service opens its own short session per unit of work (``with db.session() as s``); a
session is never shared across threads. SQLite files run in WAL mode with foreign keys on; the
workstation's file commits durably (``synchronous=FULL``) because it holds what the advisor wrote.

Driver errors are understood by their codes, never by their text (which follows the server's
``lc_messages`` and the client's language): PostgreSQL's SQLSTATE, the class of psycopg's
exception and the state libpq leaves after a failed connection, SQLite's result codes.

Statements on a PostgreSQL centre are bounded (``STATEMENT_TIMEOUT``, ``LOCK_TIMEOUT``): an
advisor's statement that runs longer is stuck behind something, and the desk does better to go on
offline. A transaction that reads long on purpose (a first copy, a check of a large working set,
a migration) lifts the bound for itself with ``allow_long_statements``.
"""

import contextlib
import re
import sqlite3
import sys
import time
import weakref
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InvalidatePoolError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.errors import (
    CentreBusy,
    CentreUnreachable,
    DatabaseMissing,
    EnvironmentProblem,
    InputError,
    LoginRefused,
    RelaisError,
    StorageCorrupt,
)
from app.i18n import QT_TRANSLATE_NOOP
from app.kept import KEPT_MADE, Kept, idle, lost

Scope = Literal["central", "local"]

_PASSWORD_IN_URL = re.compile(r"(://[^:/@]*):[^@/]*@")


def _masked(url: str) -> str:
    """A URL as typed, its password (if any) replaced, for a message about the URL itself."""
    return _PASSWORD_IN_URL.sub(r"\1:***@", url)


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        # ValueError: a port that is not a number, or an unclosed IPv6 bracket ("[::1/db").
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "“{url}” is not a database URL."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/dbname.",
            ),
            url=_masked(url),
        ) from exc
    if parsed.port is not None and not 1 <= parsed.port <= 65535:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "The port in “{url}” is not between 1 and 65535."),
            QT_TRANSLATE_NOOP(
                "errors", "Give the server's port, usually 5432: postgresql+psycopg://host:5432/db."
            ),
            url=parsed.render_as_string(hide_password=True),
        )
    return parsed


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(durable: bool) -> Any:
    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy drive transactions; pysqlite's own BEGIN handling defeats it.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        cur.close()

    return on_connect


# A pooled connection used this recently is taken as alive without a round trip: a claim at a
# shift's start is one statement, and a ping would be a second. One that has sat idle longer
# (the centre may have restarted meanwhile) is pinged, and replaced if it does not answer.
IDLE_BEFORE_PING = 5.0


def _ping_if_idle(dialect: Any) -> Any:
    # Holds the dialect, not the engine: a listener referring to its own engine would make a
    # reference cycle, and an engine nobody disposed would then close its connections only
    # whenever the cycle collector runs.
    def on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get("used", 0.0) < IDLE_BEFORE_PING:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as exc:
            # The centre went away meanwhile: every older pooled connection is dropped too,
            # and the pool tries a fresh one.
            raise InvalidatePoolError() from exc

    return on_checkout


def _note_use(_dbapi_connection: Any, record: Any) -> None:
    record.info["used"] = time.monotonic()


def _begin(conn: Any) -> None:
    # With pysqlite's implicit transactions off (above), SQLAlchemy's transaction is SQLite's.
    conn.exec_driver_sql("BEGIN")


# An advisor's statements on the centre (a claim, a search, a batch of the push, a page of the
# pull) answer in well under a second; one still running after this long is stuck behind a lock
# or a centre out of breath, and the desk is better off offline until the next attempt. Set at
# connection (libpq's ``options``: no round trip, and nothing a transaction-mode pooler loses,
# given PgBouncer's ``track_extra_parameters = statement_timeout, lock_timeout``); a URL's own
# ``options`` come after these and win.
STATEMENT_TIMEOUT = 20.0  # seconds
LOCK_TIMEOUT = 5.0  # seconds a statement waits for a row or a table another transaction holds

_SSLMODES = frozenset({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})


def _central_connect_args(url: URL) -> dict[str, Any]:
    """What every connection to a PostgreSQL centre asks libpq for; a setting the URL gives
    itself (``?connect_timeout=2``) keeps the URL's value."""
    sslmode = url.query.get("sslmode")
    if sslmode is not None and sslmode not in _SSLMODES:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "“sslmode={value}” is not a TLS mode PostgreSQL knows."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use sslmode=disable, allow, prefer, require, verify-ca or verify-full "
                "(require or stronger across a network).",
            ),
            value=str(sslmode),
        )
    # Give up on a dead network in seconds, not minutes: the advisor goes on offline.
    defaults: dict[str, Any] = {
        "connect_timeout": 5,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": 20_000,
    }
    args = {key: value for key, value in defaults.items() if key not in url.query}
    own = url.query.get("options") or ""
    bounds = (
        f"-c statement_timeout={int(STATEMENT_TIMEOUT * 1000)} "
        f"-c lock_timeout={int(LOCK_TIMEOUT * 1000)}"
    )
    args["options"] = f"{bounds} {' '.join(own) if isinstance(own, tuple) else own}".strip()
    return args


def _note_connecting(context: Any) -> None:
    """Marks the errors met while opening a connection (no statement ran yet): a server that
    turned the login away and a connection lost halfway through a statement both come as an
    OperationalError without SQLSTATE, and only this tells them apart."""
    if context.connection is None and context.sqlalchemy_exception is not None:
        context.sqlalchemy_exception.relais_connecting = True


def allow_long_statements(
    conn: "Connection | Session", statement: float = 0.0, lock: float | None = None
) -> None:
    """Lifts the statement timeout (and, with ``lock``, the lock timeout) on the centre for the
    rest of the current transaction only: ``SET LOCAL``, gone at its end, so a pooled or
    transaction-pooled connection goes back to the interactive bounds. ``statement`` and
    ``lock`` are seconds, 0 for no limit. Call it inside the transaction that runs long (after
    ``SET TRANSACTION ISOLATION LEVEL``, which must come first), and again in each later
    transaction of the same connection that needs it. Nothing to do on SQLite."""
    connection = conn.connection() if isinstance(conn, Session) else conn
    if connection.dialect.name != "postgresql":
        return
    if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
        raise ValueError("allow_long_statements needs a transaction, not autocommit")
    connection.exec_driver_sql(f"SET LOCAL statement_timeout = {int(statement * 1000)}")
    if lock is not None:
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {int(lock * 1000)}")


class Database:
    """One database (the centre or this workstation's copy) and its session factory."""

    def __init__(self, url: str, scope: Scope) -> None:
        self.url = parse_url(url)
        self.scope = scope
        try:
            if self.url.get_backend_name() == "sqlite":
                self.engine = create_engine(self.url, connect_args={"timeout": 5})
                event.listen(self.engine, "connect", _sqlite_pragmas(durable=scope == "local"))
                event.listen(self.engine, "begin", _begin)
            else:
                self.engine = create_engine(
                    self.url, pool_size=5, connect_args=_central_connect_args(self.url)
                )
                event.listen(self.engine, "checkout", _ping_if_idle(self.engine.dialect))
                event.listen(self.engine, "checkin", _note_use)
                event.listen(self.engine, "handle_error", _note_connecting)
        except (NoSuchModuleError, ModuleNotFoundError) as exc:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "No database driver for “{backend}”."),
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Install Relais with its PostgreSQL extra: pip install 'relais[postgres]'.",
                ),
                backend=self.url.drivername,
            ) from exc
        # Only a workstation's copy keeps an outbox (see app.outbox).
        self._sessions = sessionmaker(
            self.engine, expire_on_commit=False, info={"outbox": scope == "local"}
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def describe(self) -> str:
        """The URL without its password, for messages and logs."""
        return self.url.render_as_string(hide_password=True)

    def address(self) -> str:
        """Where the database lives, as an advisor would say it: host:port/name."""
        if self.is_sqlite:
            return self.url.database or ""
        return f"{self.url.host or 'localhost'}:{self.url.port or 5432}/{self.url.database or ''}"

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on error, maps driver errors."""
        with storage_errors(self), self._sessions.begin() as session:
            yield session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads that need no transaction around them (a search is one
        statement): on PostgreSQL in autocommit, which spares a BEGIN and a COMMIT round trip
        while a phone rings."""
        with storage_errors(self), self.engine.connect() as conn:
            yield conn if self.is_sqlite else conn.execution_options(isolation_level="AUTOCOMMIT")

    _kept_now: Kept | None = None

    def _kept(self) -> Kept:
        """The connections this Database keeps beside its pool (``app.kept``), set up once."""
        kept = self._kept_now
        if kept is None:
            with KEPT_MADE:
                kept = self._kept_now
                if kept is None:
                    kept = self._kept_now = Kept(self.engine)
                    # An engine nobody disposed still closes them, when its Database goes.
                    kept.retire_once = weakref.finalize(self, kept.retire)
        return kept

    @contextlib.contextmanager
    def refetchable(self) -> Iterator[Any]:
        """A transaction on this copy for rows the centre already holds durably (a claim's
        mirror), committed without waiting for the disk. A power cut may lose it, and then the
        pull brings the rows again; any later durable commit makes it durable too, since the
        WAL is written in order. It saves a disk flush on every claim. Yields the sqlite3
        connection itself, in a transaction that holds the write lock from its start: a claim
        is mirrored on every Ctrl+N, and SQLAlchemy's own bookkeeping is half its cost.

        The connection is one kept for this (``synchronous=NORMAL`` once, the engine's busy
        timeout and pragmas otherwise), beside the pool: the pool's own stay durable. A thread
        that finds it busy takes a pooled one for the while. A connection left in a
        transaction that it could not end is closed, and the next call opens another."""
        kept = self._kept()
        # A copy in memory lives in its one pooled connection: a second would see another.
        if not isinstance(self.engine.pool, QueuePool) or not kept.copy_lock.acquire(False):
            with self._pooled_refetchable() as driver:
                yield driver
            return
        try:
            with storage_errors(self):
                try:
                    pragmas = _sqlite_pragmas(durable=False)
                    driver = kept.copy or kept.open_copy(self.url, pragmas)
                    driver.execute("BEGIN IMMEDIATE")
                    try:
                        yield driver
                    except BaseException:
                        kept.end_copy_transaction()  # a failed rollback does not hide why
                        raise
                    driver.execute("COMMIT")
                except sqlite3.Error as exc:  # as SQLAlchemy would raise it, for storage_errors
                    raise DBAPIError.instance(None, None, exc, sqlite3.Error) from exc
                finally:
                    kept.end_copy_transaction()
        finally:
            kept.release(kept.copy_lock)

    @contextlib.contextmanager
    def _pooled_refetchable(self) -> Iterator[Any]:
        """``refetchable`` on a pooled connection, its durability restored before it goes
        back."""
        with storage_errors(self), self.engine.connect() as conn:
            driver = conn.connection.driver_connection
            try:
                driver.execute("PRAGMA synchronous=NORMAL")  # type: ignore[union-attr]
                driver.execute("BEGIN IMMEDIATE")  # type: ignore[union-attr]
                try:
                    yield driver
                except BaseException:
                    driver.execute("ROLLBACK")  # type: ignore[union-attr]
                    raise
                driver.execute("COMMIT")  # type: ignore[union-attr]
            except sqlite3.Error as exc:  # as SQLAlchemy would raise it, for storage_errors
                raise DBAPIError.instance(None, None, exc, sqlite3.Error) from exc
            finally:
                driver.execute("PRAGMA synchronous=FULL")  # type: ignore[union-attr]

    @contextlib.contextmanager
    def driver_autocommit(self) -> Iterator[Any]:
        """This database's driver connection in autocommit, for one hot statement that gains
        from skipping SQLAlchemy's result building (a claim returns some fifty columns). Its
        errors are classified as every other statement's, and a dead connection is dropped.

        The connection is one kept checked out of the pool for these calls and left in
        autocommit: a claim is one statement, and the pool's checkout, its reset and the
        switches in and out of autocommit cost the desk about what the statement does. It is
        pinged after ``IDLE_BEFORE_PING`` without use, as the pool's are, and dropped when the
        driver finds it broken or it is left in any state but idle. A thread that finds it busy
        (the sync's push while the advisor claims) takes a pooled one for the while."""
        kept = self._kept()
        if not kept.centre_lock.acquire(False):
            with self._pooled_autocommit() as driver:
                yield driver
            return
        try:
            with storage_errors(self):
                conn = kept.centre_connection(IDLE_BEFORE_PING)
                driver = conn.connection.driver_connection
                try:
                    yield driver
                except self.engine.dialect.loaded_dbapi.Error as exc:
                    raise self._driver_error(conn, driver, exc) from exc
                finally:
                    kept.centre_used = time.monotonic()
                    if conn.invalidated or not idle(self.engine, driver):
                        kept.drop_centre()
        finally:
            kept.release(kept.centre_lock)

    @contextlib.contextmanager
    def _pooled_autocommit(self) -> Iterator[Any]:
        """``driver_autocommit`` on a pooled connection, out of autocommit again before it goes
        back."""
        with storage_errors(self), self.engine.connect() as conn:
            driver = conn.connection.driver_connection
            driver.autocommit = True  # type: ignore[union-attr]
            try:
                yield driver
            except self.engine.dialect.loaded_dbapi.Error as exc:
                raise self._driver_error(conn, driver, exc) from exc
            finally:
                if not conn.invalidated:
                    driver.autocommit = False  # type: ignore[union-attr]

    def _driver_error(self, conn: Connection, driver: Any, exc: BaseException) -> DBAPIError:
        """A driver's error as SQLAlchemy would raise it, for storage_errors; a connection the
        driver found broken is invalidated first, and every pooled one older with it
        (``app.kept.lost``)."""
        if getattr(driver, "broken", False) or getattr(driver, "closed", False):
            lost(self.engine, conn, exc)
        error = DBAPIError.instance(
            None,
            None,
            exc,
            self.engine.dialect.loaded_dbapi.Error,
            connection_invalidated=conn.invalidated,
        )
        assert isinstance(error, DBAPIError)  # a DB-API error is always wrapped as one
        return error

    def optimize(self) -> None:
        """Refreshes SQLite's planner statistics where they are stale (cheap when they are not):
        without them it may sort a whole 100,000-row queue instead of walking its index."""
        if self.is_sqlite:
            with storage_errors(self), self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA optimize=0x10002")

    def dispose(self) -> None:
        """Closes the connections: the kept ones now, or as soon as the thread using one is
        done with it; a later call opens new ones."""
        kept, self._kept_now = self._kept_now, None
        if kept is not None:
            kept.retire_once()
        self.engine.dispose()


@contextlib.contextmanager
def storage_errors(db: "Database | Engine") -> Iterator[None]:
    """Turns driver errors a user can do something about into ``RelaisError``s."""
    try:
        yield
    except RelaisError:
        raise
    except DBAPIError as exc:
        where = db.describe() if isinstance(db, Database) else str(db.url)
        err = classify(exc, where)
        if isinstance(err, LoginRefused) and isinstance(db, Database):
            err = _refusal_or_missing(db, exc, err)
        raise err from exc


def sqlstate(exc: BaseException) -> str | None:
    """PostgreSQL's SQLSTATE of a driver error (wrapped by SQLAlchemy or not): the same in every
    language the server speaks. None for an error the server did not send (a connection that
    could not be made or was lost, a client-side mistake) and for SQLite's."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(orig, "sqlstate", None)
    return code if isinstance(code, str) else None


# SQLSTATEs (PostgreSQL's appendix "Error Codes") and what a desk makes of them.
_BUSY = {
    "40P01",  # deadlock_detected
    "40001",  # serialization_failure
    "55P03",  # lock_not_available: lock_timeout, NOWAIT
    "57014",  # query_canceled: statement_timeout
}
_GONE = {
    "57P01",  # admin_shutdown: the server stops, or an administrator ended the session
    "57P02",  # crash_shutdown
    "57P03",  # cannot_connect_now: starting up, shutting down, not yet accepting connections
    "57P05",  # idle_session_timeout
    "25P03",  # idle_in_transaction_session_timeout: the server ended the session
}
_LOGIN = {"28000", "28P01"}  # invalid_authorization_specification, invalid_password
_READ_ONLY = "25006"  # read_only_sql_transaction: a standby answers for the centre

# SQLite's primary result codes (https://sqlite.org/rescode.html).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_AUTH, _SQLITE_NOTADB = 23, 26


def classify(exc: DBAPIError, where: str) -> RelaisError | DBAPIError:
    """The ``RelaisError`` a driver error means for the user, or ``exc`` itself when it is the
    caller's to judge: a refusal of the statement (``sqlstate(exc)`` says which: 42501 for a
    right the login lacks, 23505 for a duplicate...) or a bug."""
    orig = exc.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(orig, sqlite3.Error):
        return (_sqlite(code & 0xFF, where) or exc) if isinstance(code, int) else exc
    state = sqlstate(exc)
    if state is not None:
        return _server_said(state, where) or (_unreachable(where) if _lost(exc) else exc)
    if getattr(exc, "relais_connecting", False):
        return _connection_failed(orig, where)
    if isinstance(exc, OperationalError) or _lost(exc):
        # No SQLSTATE: the driver met no answer (a connection lost, reset or closed).
        return _unreachable(where)
    return exc


def _lost(exc: DBAPIError) -> bool:
    return bool(exc.connection_invalidated) or isinstance(exc.orig, OSError)


def _server_said(state: str, where: str) -> RelaisError | None:
    if state in _BUSY or state.startswith("53"):  # 53: out of connections, memory or disk
        return CentreBusy(
            QT_TRANSLATE_NOOP("errors", "The central database {where} is too busy to answer."),
            QT_TRANSLATE_NOOP(
                "errors", "Your changes wait on this workstation and go in a moment."
            ),
            where=where,
        )
    if state in _GONE or state.startswith("08"):
        return _unreachable(where)
    if state in _LOGIN:
        return _login_refused(where)
    if state == "3D000":  # invalid_catalog_name
        return _missing(where)
    if state == _READ_ONLY:
        return CentreUnreachable(
            QT_TRANSLATE_NOOP(
                "errors", "The central database {where} only reads for now (a standby answers)."
            ),
            QT_TRANSLATE_NOOP(
                "errors", "Your changes wait on this workstation and go in a moment."
            ),
            where=where,
        )
    return None


def _connection_failed(orig: Any, where: str) -> RelaisError:
    """A connection that could not be made. libpq keeps no SQLSTATE then, so what its state
    says decides: a conninfo it rejected before trying (a live connection object, still BAD),
    a password the server asked for and did not get, a password the server took and then
    refused the session (wrong password — or a missing database, see _refusal_or_missing); any
    other failure, before the server said anything, is a centre that does not answer."""
    psycopg = sys.modules.get("psycopg")
    if psycopg is None or not isinstance(orig, psycopg.Error):
        return _unreachable(where)
    if isinstance(orig, psycopg.errors.ConnectionTimeout):  # accepted TCP, never answered
        return _unreachable(where)
    pgconn = getattr(orig, "pgconn", None)
    finished = getattr(psycopg.errors, "FinishedPGconn", None)
    if isinstance(orig, psycopg.ProgrammingError) or (
        pgconn is not None and finished is not None and not isinstance(pgconn, finished)
    ):
        # Refused by the driver before any network: an unknown option, a bad value.
        detail = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
        return InputError(
            QT_TRANSLATE_NOOP(
                "errors", "The connection settings of {where} are not valid: {detail}"
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Correct the URL: postgresql+psycopg://host:5432/dbname, with options such as "
                "?sslmode=require.",
            ),
            where=where,
            detail=detail,
        )
    if pgconn is not None and (pgconn.needs_password or pgconn.used_password):
        return _login_refused(where)
    return _unreachable(where)


def _refusal_or_missing(db: "Database", exc: DBAPIError, refused: RelaisError) -> RelaisError:
    """After a password was taken, PostgreSQL ends the session the same way for a wrong
    password and for a database that does not exist (or that this login may not connect to),
    and libpq keeps no SQLSTATE of it. One more connection, with the same login to the server's
    maintenance database, tells them apart: if it opens, the password was right."""
    if not getattr(exc, "relais_connecting", False) or db.is_sqlite:
        return refused
    psycopg = sys.modules.get("psycopg")
    if psycopg is None:
        return refused
    # A connection the network cut after the password went looks the same: if the very same
    # connection opens now, that is what it was, and the sync simply tries again. A flapping
    # network can cut that second try, or the probe, as well: the answer must come out the same
    # twice, or it is the network.
    _args, again = db.engine.dialect.create_connect_args(db.url)
    again.update(_central_connect_args(db.url))
    probe = "template1" if db.url.database == "postgres" else "postgres"
    _args, params = db.engine.dialect.create_connect_args(db.url.set(database=probe))
    params.update(_central_connect_args(db.url))
    answers: set[bool] = set()
    for attempt in range(_MISSING_ASKS):
        if attempt:
            time.sleep(_MISSING_PAUSE)
        if _opens(psycopg, again):
            return _unreachable(db.describe())
        answers.add(_opens(psycopg, params))
    if len(answers) > 1:
        return _unreachable(db.describe())
    return _missing(db.describe()) if answers.pop() else refused


_MISSING_ASKS = 2
_MISSING_PAUSE = 0.2  # seconds: longer than a cut and its reconnection take


def _opens(psycopg: Any, params: MutableMapping[str, Any]) -> bool:
    try:
        psycopg.connect(**params).close()
    except psycopg.Error:
        return False
    return True


def _missing(where: str) -> RelaisError:
    # Bad input (exit 2): the name is what someone typed in a URL, and changing it is the fix.
    return DatabaseMissing(
        QT_TRANSLATE_NOOP(
            "errors",
            "The server of {where} has no such database, or does not let this login connect to it.",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Check the database name at the end of the URL. A new centre's database is created "
            "first (createdb), and a login connects only to its own centre.",
        ),
        where=where,
    )


def _login_refused(where: str) -> RelaisError:
    return LoginRefused(
        QT_TRANSLATE_NOOP("errors", "The central database {where} refused this login."),
        QT_TRANSLATE_NOOP(
            "errors", "Check your login and password, or ask an administrator to reset them."
        ),
        where=where,
    )


def _unreachable(where: str) -> RelaisError:
    return CentreUnreachable(
        QT_TRANSLATE_NOOP("errors", "The central database {where} does not answer."),
        QT_TRANSLATE_NOOP(
            "errors", "Check the network and the address; you can keep working offline."
        ),
        where=where,
    )


def _sqlite(primary: int, where: str) -> RelaisError | None:
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return StorageCorrupt(
            QT_TRANSLATE_NOOP(
                "errors", "The database {where} is damaged or is not a Relais database."
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Move the file aside (nothing is deleted) and start again to rebuild it, "
                "or restore it from a backup.",
            ),
            where=where,
        )
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "The database {where} is locked by another program."),
            QT_TRANSLATE_NOOP("errors", "Close the other Relais window using it, then try again."),
            where=where,
        )
    if primary in (_SQLITE_CANTOPEN, _SQLITE_READONLY, _SQLITE_PERM, _SQLITE_AUTH):
        return EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "Relais cannot open or write the database {where}."),
            QT_TRANSLATE_NOOP(
                "errors", "Check that the folder exists and that you may write in it."
            ),
            where=where,
        )
    if primary in (_SQLITE_FULL, _SQLITE_IOERR):
        return EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "The disk holding {where} is full or failing."),
            QT_TRANSLATE_NOOP("errors", "Free some space; what you wrote is kept until then."),
            where=where,
        )
    return None
