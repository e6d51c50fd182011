"""Waiting for a workstation to catch up with the centre, for the fault runs.

The pull only reads changes of transactions older than the oldest one still running on the
PostgreSQL server (app.sync.cursor), so any transaction on the server, even in another
database, delays what a workstation sees by its length. The runs therefore judge convergence
after syncing until the pull has gone past everything the centre had logged (with a deadline),
not after a fixed number of cycles; the final check must then find nothing to repair.
"""

import time

from sqlalchemy import create_engine, func, select

from app.errors import EnvironmentProblem
from app.models import ChangeLog
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
