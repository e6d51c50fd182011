"""The connections a Database keeps beside its pool for its hot calls (see app.db).

A claim is one statement on the centre and one short transaction on the copy, on every Ctrl+N,
and twenty desks make them at once at a shift's start. Through the pool each costs a checkout,
its events and reset, the driver's autocommit switched on and off (on the copy: the durability
pragma set and set back): about as much of the desk's CPU as the statement itself. So a
Database keeps one centre connection checked out and left in autocommit
(``Database.driver_autocommit``) and one more connection to its copy, set once to commit
without waiting for the disk (``Database.refetchable``).

Each is used by one thread at a time, behind its lock; a thread that finds it busy goes the
pool's way. A kept centre connection is never checked out again, so the pool's own care for a
lost connection does not reach it: it hears of a connection found dead or a centre that could
not be reached (the engine's events) and is pinged before its next use, as it is after sitting
idle. Both are closed by ``Database.dispose``, or when their Database is collected.
"""

import contextlib
import sqlite3
import threading
import time
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL

KEPT_MADE = threading.Lock()
"""Held while a Database sets up its kept connections, so that it does so once."""


def idle(engine: Engine, driver: Any) -> bool:
    """Whether a centre connection is between statements, outside any transaction."""
    state = engine.dialect.loaded_dbapi.pq.TransactionStatus.IDLE
    return bool(driver.info.transaction_status == state)


def lost(engine: Engine, conn: Connection, exc: BaseException) -> None:
    """Invalidates a connection found dead, and with it every pooled one opened before it:
    the centre restarted or the network was cut, and they are most likely dead too. That is
    what SQLAlchemy does when a statement of its own meets a lost connection (and what a
    failed ping at a checkout asks for), and it offers no public call for it; without it the
    desk's first statement after the network came back could meet the next dead one."""
    if conn.invalidated:
        return
    engine.pool._invalidate(conn.connection, exc, _checkin=False)
    conn.invalidate(exc)


class Kept:
    """One Database's kept connections: ``centre`` (in autocommit) and ``copy``."""

    def __init__(self, engine: Engine) -> None:
        self.centre_lock = threading.Lock()
        self.centre: Connection | None = None
        self.centre_used = 0.0
        self.suspect = False  # a connection was found dead (or none could be made) since
        self.copy_lock = threading.Lock()
        self.copy: sqlite3.Connection | None = None
        self.retired = False
        self.retire_once: Any = None  # Database._kept: the finalizer that calls retire
        self._engine = engine
        self._listeners = (("invalidate", self._lost_one), ("handle_error", self._failed))
        for name, listener in self._listeners:
            event.listen(engine, name, listener)

    def _lost_one(self, _dbapi_connection: Any, _record: Any, _exc: Any) -> None:
        self.suspect = True

    def _failed(self, context: Any) -> None:
        if context.is_disconnect or context.connection is None:  # lost, or could not connect
            self.suspect = True

    # -- the centre ------------------------------------------------------------------------------

    def centre_connection(self, ping_after: float) -> Connection:
        """The kept centre connection, pinged first if it sat idle ``ping_after`` seconds (as
        the pool's are at a checkout) or if a connection was found dead meanwhile, and replaced
        if it does not answer; a new one is checked out of the pool and left in autocommit.
        Call it holding ``centre_lock``."""
        engine, conn = self._engine, self.centre
        if conn is not None and (self.suspect or time.monotonic() - self.centre_used >= ping_after):
            self.suspect = False
            driver: Any = conn.connection.driver_connection
            try:
                engine.dialect.do_ping(driver)
            except engine.dialect.loaded_dbapi.Error as exc:
                lost(engine, conn, exc)
                self.drop_centre()
                conn = None
        if conn is None:
            conn = engine.connect()
            try:
                conn.connection.driver_connection.autocommit = True  # type: ignore[union-attr]
            except BaseException:
                conn.invalidate()
                conn.close()
                raise
            self.centre, self.suspect = conn, False
        return conn

    def drop_centre(self) -> None:
        """Lets the centre connection go: back to the pool out of autocommit, or closed if it
        was invalidated (or cannot leave autocommit) or its Database is disposed of."""
        conn, self.centre = self.centre, None
        if conn is None:
            return
        if self.retired and not conn.invalidated:
            conn.invalidate()  # closed for real: the pool it came from may be gone already
        if not conn.invalidated:
            try:
                conn.connection.driver_connection.autocommit = False  # type: ignore[union-attr]
            except Exception as exc:  # the driver's: not idle, or already closed
                conn.invalidate(exc)
        conn.close()

    # -- the copy --------------------------------------------------------------------------------

    def open_copy(self, url: URL, pragmas: Any) -> sqlite3.Connection:
        """A connection to this copy set up as the engine's are (the dialect's functions, the
        busy timeout, then ``pragmas``, the engine's connect listener: those of a copy that
        commits without waiting for the disk). Call it holding ``copy_lock``."""
        engine = self._engine
        cargs, cparams = engine.dialect.create_connect_args(url)
        params: dict[str, Any] = {**cparams, "timeout": 5, "check_same_thread": False}
        driver = sqlite3.connect(cargs[0], **params)
        try:
            setup = engine.dialect.on_connect()
            if setup is not None:
                setup(driver)
            pragmas(driver, None)
        except BaseException:
            driver.close()
            raise
        self.copy = driver
        return driver

    def end_copy_transaction(self) -> None:
        """Leaves no transaction open on the copy's connection: one that cannot be rolled
        back (its COMMIT or ROLLBACK failed) is closed, and the next call opens another."""
        copy = self.copy
        if copy is None or not copy.in_transaction:
            return
        try:
            copy.execute("ROLLBACK")
        except sqlite3.Error:
            self.drop_copy()

    def drop_copy(self) -> None:
        copy, self.copy = self.copy, None
        if copy is not None:
            with contextlib.suppress(sqlite3.Error):
                copy.close()

    # -- both ------------------------------------------------------------------------------------

    def release(self, lock: threading.Lock) -> None:
        lock.release()
        if self.retired:  # dispose came while this thread held it
            self._close_free()

    def retire(self) -> None:
        """Closes both connections (``Database.dispose``, or its Database is gone): each now if
        free, else when the thread holding it releases it."""
        self.retired = True
        for name, listener in self._listeners:
            if event.contains(self._engine, name, listener):
                event.remove(self._engine, name, listener)
        self._close_free()

    def _close_free(self) -> None:
        for lock, drop in ((self.centre_lock, self.drop_centre), (self.copy_lock, self.drop_copy)):
            if lock.acquire(False):
                try:
                    drop()
                finally:
                    lock.release()
