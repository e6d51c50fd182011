"""After a sync: does this copy hold the working set the centre shows this user (see
app.sync.scope)? Repair what is missing.

Counts per shared table first (cheap); only a table whose counts differ has its ids compared,
and rows the centre has and the copy lacks are fetched. Rows only this copy has are counted, not
deleted: they are either waiting in the outbox or were refused and stay for the advisor to see.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select, text, true

from app.db import Database, storage_errors
from app.sync import scope, stored
from app.sync.rows import shared_tables

_CHUNK = 1_000


@dataclass
class CheckReport:
    tables: int = 0
    repaired: dict[str, int] = field(default_factory=dict)
    local_only: dict[str, int] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not self.repaired and not self.local_only


def check(local: Database, central: Database) -> CheckReport:
    report = CheckReport()
    with storage_errors(central), central.engine.connect() as src:
        if src.dialect.name == "postgresql":
            src.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        for table in shared_tables():
            report.tables += 1
            kept = scope.condition(src, table, table.name)
            within = text(kept) if kept else true()
            theirs = src.scalar(select(func.count()).select_from(table).where(within)) or 0
            with local.session() as s:
                ours = s.scalar(select(func.count()).select_from(table)) or 0
            if theirs == ours:
                continue
            central_ids = set(src.scalars(select(table.c.id).where(within)))
            with local.session() as s:
                local_ids = set(s.scalars(select(table.c.id)))
            missing = sorted(central_ids - local_ids)
            extra = len(local_ids - central_ids)
            if extra:
                report.local_only[table.name] = extra
            if not missing:
                continue
            with local.session() as s:
                s.execute(text("PRAGMA defer_foreign_keys = ON"))
                for start in range(0, len(missing), _CHUNK):
                    rows = stored.fetch(src, table, missing[start : start + _CHUNK])
                    stored.write(s.connection(), table, rows)
            report.repaired[table.name] = len(missing)
        src.rollback()
    return report
