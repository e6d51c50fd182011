"""The pull's position in the centre's change log, and the bound below which it is safe to read.

Positions are (xid, seq) pairs: the writing transaction's id, then the log's own sequence. On
PostgreSQL a reader only takes changes of transactions older than the oldest one still writing
the centre's change log: every such transaction has finished, so nothing can later appear behind
the cursor — a transaction that took its sequence numbers early but commits late is simply read
on a later pull. The embedded SQLite centre has one writer committing in order; its xid is 0.

Transaction ids are shared by the whole server, so ``pg_snapshot_xmin`` alone would let any long
transaction (a report, a dump, a user keeping a read open) hold every workstation's pull back.
The bound is therefore the oldest running transaction that writes *this* centre's change log:
every such transaction takes the change log's lock (ROW EXCLUSIVE) before it has a transaction
id and keeps it until it ends — the centre's functions take it first, and a trigger takes it
before any other statement writes a table of the centre — and no user can take that lock but
through those functions. The bound is never above the snapshot's xmax (transactions that start
afterwards). It must be computed in a statement before the one that reads the log, so a
transaction finishing in between is visible to the read.

A writing transaction held open for minutes (a user's session calling the centre's functions
inside a transaction left open) would hold every pull back for as long: past ``STUCK_AFTER``
the pull reads around it, remembers it, and reads its changes by its id once it has ended.
"""

import time
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, text

from app.models import ChangeLog

NO_BOUND = 2**62


@dataclass(frozen=True, order=True)
class Position:
    xid: int = 0
    seq: int = 0

    def encode(self) -> str:
        return f"{self.xid}:{self.seq}"

    @classmethod
    def decode(cls, value: str | None) -> "Position":
        if not value:
            return cls()
        xid, seq = value.split(":")
        return cls(int(xid), int(seq))


_BOUND = text(
    """
    WITH here AS (
      SELECT DISTINCT x.transactionid::text::bigint AS xid32
      FROM pg_locks r JOIN pg_locks x ON x.virtualtransaction = r.virtualtransaction
      WHERE r.locktype = 'relation' AND r.mode = 'RowExclusiveLock'
        AND r.relation = 'public.change_log'::regclass AND x.locktype = 'transactionid'
        AND r.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
    SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
      ARRAY(SELECT t::text::bigint FROM pg_snapshot_xip(pg_current_snapshot()) AS t
            WHERE t::text::bigint % 4294967296 IN (SELECT xid32 FROM here) ORDER BY 1)
    """
)

STUCK_AFTER = 120.0
"""Seconds a transaction writing the change log may hold every pull back before the pull reads
around it (a session someone keeps open, by mistake or not); its changes are read once it ends."""

_held_since: dict[int, float] = {}  # writing transactions seen holding the bound, since when


@dataclass(frozen=True)
class Bound:
    value: int  # changes of transactions below this are final
    writers: frozenset[int]  # transactions still writing the change log
    around: frozenset[int]  # those below ``value``, read around: their changes come later


def safe_bound(conn: Connection, stuck_after: float | None = None) -> Bound:
    """Transactions of this database with an id below the bound's value have all committed or
    aborted, but for those it reads around (held open longer than ``STUCK_AFTER``)."""
    if conn.dialect.name != "postgresql":
        return Bound(NO_BOUND, frozenset(), frozenset())
    xmax, writers = conn.execute(_BOUND).one()
    now = time.monotonic()
    for gone in set(_held_since) - set(writers):
        del _held_since[gone]
    limit = STUCK_AFTER if stuck_after is None else stuck_after
    stuck = {w for w in writers if now - _held_since.setdefault(w, now) >= limit}
    value = min([int(xmax), *(w for w in writers if w not in stuck)])
    return Bound(value, frozenset(writers), frozenset(w for w in stuck if w < value))


def start_position(conn: Connection) -> Position:
    """Where a copy taken in this transaction's snapshot should resume pulling: every change
    of a transaction at or above the snapshot's bound may be missing from the copy."""
    if conn.dialect.name == "postgresql":
        # In the copy's own snapshot, conservatively: the oldest transaction of the whole server.
        xmin = conn.scalar(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text"))
        return Position(int(xmin) - 1, NO_BOUND)
    return Position(0, conn.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0)
