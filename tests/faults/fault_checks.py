"""Waiting for a workstation to catch up with the centre, for the fault runs.

The pull only reads changes of transactions older than the oldest one still running on the
PostgreSQL server (app.sync.cursor), so any transaction on the server, even in another
database, delays what a workstation sees by its length. The runs therefore judge convergence
after syncing until the pull has gone past everything the centre had logged (with a deadline),
not after a fixed number of cycles; the final check must then find nothing to repair.
"""

import time
import uuid
from collections.abc import Iterable

from sqlalchemy import Connection, create_engine, func, make_url, select, text

from app.errors import EnvironmentProblem
from app.models import ChangeLog, ContactAssignment
from app.sync import state
from app.sync.cursor import Position
from app.sync.rows import shared_tables
from app.workspace import Workspace


def counts_differ(ws: Workspace) -> list[str]:
    """Shared tables whose row counts differ between the copy and the centre as this user
    sees it (row-level security included)."""
    differ = []
    with ws.central.engine.connect() as theirs, ws.local.engine.connect() as ours:
        for table in shared_tables():
            query = select(func.count()).select_from(table)
            if theirs.scalar(query) != ours.scalar(query):
                differ.append(table.name)
    return differ


def _last_change(ws: Workspace) -> Position:
    # A fresh pool: the desk's own may still hold a connection the last cut killed (used less
    # than five seconds ago, so not pinged; the program retries such a failure, this check not).
    fresh = create_engine(ws.central.url)
    try:
        with fresh.connect() as conn:
            row = conn.execute(
                select(ChangeLog.xid, ChangeLog.seq)
                .order_by(ChangeLog.xid.desc(), ChangeLog.seq.desc())
                .limit(1)
            ).first()
    finally:
        fresh.dispose()
    return Position(row.xid, row.seq) if row is not None else Position()


def _cursor(ws: Workspace) -> Position:
    with ws.local.session() as s:
        return Position.decode(state.get(s, "cursor"))


def settle(ws: Workspace, timeout: float = 60.0) -> tuple[float, int]:
    """Syncs until a cycle succeeds with nothing left to send and the pull's cursor past every
    change the centre had logged when this started (updates included, which row counts do not
    show); returns the seconds it took and the failed attempts. AssertionError past
    ``timeout``."""
    started = time.monotonic()
    target = _last_change(ws)
    failures = 0
    while True:
        try:
            ws.sync.cycle()
        except EnvironmentProblem:
            failures += 1
        else:
            if ws.pending_changes() == 0 and _cursor(ws) >= target:
                return time.monotonic() - started, failures
        if time.monotonic() - started > timeout:
            raise AssertionError(
                f"{ws.who.login} has not caught up with the centre after {timeout:.0f} s "
                f"(pending {ws.pending_changes()}, cursor {_cursor(ws)}, target {target}, "
                f"tables differing in count {counts_differ(ws)})"
            )
        time.sleep(0.1)


def proxy_target(pg_url: str) -> tuple[str, int]:
    """Where the test's PostgreSQL listens (RELAIS_TEST_PG), for a proxy to forward to: CI's
    cluster need not be on the default port."""
    server = make_url(pg_url)
    return server.host or "127.0.0.1", server.port or 5432


def double_claims(conn: Connection, contacts: Iterable[uuid.UUID] | None = None) -> int:
    """Double claims as the centre recorded them: pairs of ``contact_assignment`` rows of the
    same contact whose periods overlap (each an advisor's hold, from ``started_at`` until
    ``ended_at``, open while NULL). A contact handed over — one hold ended, the next begun —
    is not one. Counted over ``contacts`` (all when None), read as the centre's owner."""
    a, b = ContactAssignment.__table__.alias("a"), ContactAssignment.__table__.alias("b")
    never = text("'infinity'::timestamptz")
    query = (
        select(func.count())
        .select_from(a)
        .join(b, (a.c.contact_id == b.c.contact_id) & (a.c.id < b.c.id))
        .where(
            a.c.started_at < func.coalesce(b.c.ended_at, never),
            b.c.started_at < func.coalesce(a.c.ended_at, never),
        )
    )
    if contacts is not None:
        query = query.where(a.c.contact_id.in_(list(contacts)))
    return int(conn.scalar(query) or 0)
