"""The connection a copy keeps for its claims' mirrors (``Database.refetchable``): it commits
without waiting for the disk while the pool's connections stay durable, it waits for another
writer as they do, and it leaves no transaction open behind a failure."""

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import Database, sqlite_url

FULL, NORMAL = 2, 1  # PRAGMA synchronous


@pytest.fixture
def copy(tmp_path: Path):
    db = Database(sqlite_url(tmp_path / "copy.sqlite3"), "local")
    with db.session() as s:
        s.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"))
    yield db
    db.dispose()


def _rows(db: Database) -> list[tuple]:
    with db.session() as s:
        return [tuple(r) for r in s.execute(text("SELECT id, v FROM t ORDER BY id"))]


def _synchronous(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA synchronous").scalar_one())


def test_a_mirror_skips_the_flush_and_the_pool_stays_durable(copy) -> None:
    for n in range(3):
        with copy.refetchable() as conn:
            assert conn.in_transaction
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == NORMAL
            conn.execute("INSERT INTO t VALUES (?, 'x')", (n,))
            kept = conn
    with copy.refetchable() as again:
        assert again is kept  # one connection, set up once
    assert _rows(copy) == [(0, "x"), (1, "x"), (2, "x")]
    assert _synchronous(copy) == FULL


def test_a_failed_mirror_leaves_nothing_open_and_the_next_one_works(copy) -> None:
    with pytest.raises(ZeroDivisionError), copy.refetchable() as conn:
        conn.execute("INSERT INTO t VALUES (1, 'lost')")
        _ = 1 / 0
    assert not conn.in_transaction
    with copy.refetchable() as conn:
        conn.execute("INSERT INTO t VALUES (2, 'kept')")
    assert _rows(copy) == [(2, "kept")]


def test_a_mirror_waits_for_a_writer_on_another_connection(copy) -> None:
    holding, done = threading.Event(), threading.Event()

    def writer() -> None:
        with copy.session() as s:
            s.execute(text("INSERT INTO t VALUES (1, 'first')"))  # the write lock, held
            holding.set()
            time.sleep(0.3)
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait(5)
    with copy.refetchable() as conn:  # waits (the busy timeout), never "database is locked"
        assert done.is_set()
        conn.execute("INSERT INTO t VALUES (2, 'second')")
    thread.join()
    assert _rows(copy) == [(1, "first"), (2, "second")]


def test_a_thread_finding_the_kept_connection_busy_takes_a_pooled_one(copy) -> None:
    inside, leave = threading.Event(), threading.Event()
    seen: dict[str, sqlite3.Connection] = {}

    def mirror() -> None:
        with copy.refetchable() as conn:
            seen["first"] = conn
            conn.execute("INSERT INTO t VALUES (1, 'a')")
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=mirror)
    thread.start()
    inside.wait(5)
    threading.Timer(0.2, leave.set).start()
    with copy.refetchable() as conn:  # the write lock comes when the first one commits
        seen["second"] = conn
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == NORMAL
        conn.execute("INSERT INTO t VALUES (2, 'b')")
    thread.join()
    assert seen["first"] is not seen["second"]
    assert _rows(copy) == [(1, "a"), (2, "b")]
    for _ in range(3):  # the pooled one went back durable
        assert _synchronous(copy) == FULL


def test_dispose_closes_the_kept_connection_and_a_later_mirror_opens_another(copy) -> None:
    with copy.refetchable() as conn:
        conn.execute("INSERT INTO t VALUES (1, 'a')")
    copy.dispose()
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")
    with copy.refetchable() as other:
        other.execute("INSERT INTO t VALUES (2, 'b')")
    assert other is not conn
    assert _rows(copy) == [(1, "a"), (2, "b")]


def test_a_copy_in_memory_mirrors_on_its_one_connection() -> None:
    db = Database("sqlite://", "local")
    try:
        with db.session() as s:
            s.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"))
        with db.refetchable() as conn:
            conn.execute("INSERT INTO t VALUES (1, 'a')")
        assert _rows(db) == [(1, "a")]
    finally:
        db.dispose()
