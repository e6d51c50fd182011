"""The pull's position in the centre's change log, and the bound below which it is safe to read.

Positions are (xid, seq) pairs: the writing transaction's id, then the log's own sequence. On
PostgreSQL a reader only takes changes of transactions older than the oldest one still running
(``pg_snapshot_xmin``): every such transaction has finished, so nothing can later appear behind
the cursor — a transaction that took its sequence numbers early but commits late is simply read
on a later pull. The embedded SQLite centre has one writer committing in order; its xid is 0.
"""

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


def safe_bound(conn: Connection) -> int:
    """Transactions with an id below this have all committed or aborted."""
    if conn.dialect.name == "postgresql":
        return int(conn.scalar(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")))
    return NO_BOUND


def start_position(conn: Connection) -> Position:
    """Where a copy taken in this transaction's snapshot should resume pulling: every change
    of a transaction at or above the snapshot's bound may be missing from the copy."""
    if conn.dialect.name == "postgresql":
        return Position(safe_bound(conn) - 1, NO_BOUND)
    return Position(0, conn.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0)
