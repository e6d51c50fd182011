"""Engines, sessions and the translation of driver errors into errors a user can act on.

Every service opens its own short session per unit of work (``with db.session() as s``); a
session is never shared across threads. SQLite files run in WAL mode with foreign keys on; the
workstation's file commits durably (``synchronous=FULL``) because it holds what the advisor wrote.
"""

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, InvalidatePoolError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import (
    CentreUnreachable,
    EnvironmentProblem,
    InputError,
    LoginRefused,
    RelaisError,
    StorageCorrupt,
)
from app.i18n import QT_TRANSLATE_NOOP

Scope = Literal["central", "local"]


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "“{url}” is not a database URL."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/dbname.",
            ),
            url=url,
        ) from exc


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
                # Give up on a dead network in seconds, not minutes: the advisor goes on offline.
                self.engine = create_engine(
                    self.url,
                    pool_size=5,
                    connect_args={
                        "connect_timeout": 5,
                        "keepalives": 1,
                        "keepalives_idle": 10,
                        "keepalives_interval": 5,
                        "keepalives_count": 3,
                        "tcp_user_timeout": 20_000,
                    },
                )
                event.listen(self.engine, "checkout", _ping_if_idle(self.engine.dialect))
                event.listen(self.engine, "checkin", _note_use)
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

    @contextlib.contextmanager
    def refetchable(self) -> Iterator[Connection]:
        """A transaction on this copy for rows the centre already holds durably (a claim's
        mirror), committed without waiting for the disk. A power cut may lose it, and then the
        pull brings the rows again; any later durable commit makes it durable too, since the
        WAL is written in order. It saves a disk flush on every claim."""
        with storage_errors(self), self.engine.connect() as conn:
            driver = conn.connection.driver_connection
            driver.execute("PRAGMA synchronous=NORMAL")  # type: ignore[union-attr]
            try:
                with conn.begin():
                    yield conn
            finally:
                driver.execute("PRAGMA synchronous=FULL")  # type: ignore[union-attr]

    @contextlib.contextmanager
    def driver_autocommit(self) -> Iterator[Any]:
        """This database's driver connection in autocommit, for one hot statement that gains
        from skipping SQLAlchemy's result building (a claim returns some fifty columns). Its
        errors are classified as every other statement's, and a dead connection is dropped."""
        with storage_errors(self), self.engine.connect() as conn:
            driver = conn.connection.driver_connection
            driver.autocommit = True  # type: ignore[union-attr]
            try:
                yield driver
            except self.engine.dialect.loaded_dbapi.Error as exc:
                if getattr(driver, "broken", False) or getattr(driver, "closed", False):
                    conn.invalidate(exc)
                raise DBAPIError.instance(
                    None,
                    None,
                    exc,
                    self.engine.dialect.loaded_dbapi.Error,
                    connection_invalidated=conn.invalidated,
                ) from exc
            finally:
                if not conn.invalidated:
                    driver.autocommit = False  # type: ignore[union-attr]

    def optimize(self) -> None:
        """Refreshes SQLite's planner statistics where they are stale (cheap when they are not):
        without them it may sort a whole 100,000-row queue instead of walking its index."""
        if self.is_sqlite:
            with storage_errors(self), self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA optimize=0x10002")

    def dispose(self) -> None:
        self.engine.dispose()


@contextlib.contextmanager
def storage_errors(db: "Database | Engine") -> Iterator[None]:
    """Turns driver errors a user can do something about into ``RelaisError``s."""
    where = db.describe() if isinstance(db, Database) else str(db.url)
    try:
        yield
    except RelaisError:
        raise
    except DBAPIError as exc:
        raise classify(exc, where) from exc


def classify(exc: DBAPIError, where: str) -> RelaisError | DBAPIError:
    text = str(exc.orig).lower()
    if "file is not a database" in text or "malformed" in text:
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
    if "database is locked" in text or "database table is locked" in text:
        return EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "The database {where} is locked by another program."),
            QT_TRANSLATE_NOOP("errors", "Close the other Relais window using it, then try again."),
            where=where,
        )
    if "unable to open database" in text or "readonly" in text or "read-only" in text:
        return EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "Relais cannot open or write the database {where}."),
            QT_TRANSLATE_NOOP(
                "errors", "Check that the folder exists and that you may write in it."
            ),
            where=where,
        )
    if "disk" in text and ("full" in text or "i/o" in text):
        return EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "The disk holding {where} is full or failing."),
            QT_TRANSLATE_NOOP("errors", "Free some space; what you wrote is kept until then."),
            where=where,
        )
    if "password authentication failed" in text or "no password supplied" in text:
        return LoginRefused(
            QT_TRANSLATE_NOOP("errors", "The central database {where} refused this login."),
            QT_TRANSLATE_NOOP(
                "errors", "Check your login and password, or ask an administrator to reset them."
            ),
            where=where,
        )
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    lost = exc.connection_invalidated or isinstance(exc.orig, OSError)
    if lost or sqlstate.startswith("08") or _is_connect_error(text):
        return CentreUnreachable(
            QT_TRANSLATE_NOOP("errors", "The central database {where} does not answer."),
            QT_TRANSLATE_NOOP(
                "errors", "Check the network and the address; you can keep working offline."
            ),
            where=where,
        )
    return exc


def _is_connect_error(text: str) -> bool:
    return any(
        marker in text
        for marker in (
            "connection refused",
            "could not connect",
            "could not translate host name",
            "name or service not known",
            "connection timed out",
            "server closed the connection",
            "connection is closed",
            "connection reset by peer",
            "broken pipe",
            "consuming input failed",
            "terminating connection",
            "the database system is starting up",
            "the database system is shutting down",
        )
    )
