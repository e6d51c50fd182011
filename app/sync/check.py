"""After a sync: does this copy hold the working set the centre shows this user (see
app.sync.scope)? Repair what is missing, remove what left the set.

Counts per shared table first (cheap); only a table whose counts differ has its ids compared.
Rows the centre has and the copy lacks are fetched. Rows only this copy has are either waiting
in the outbox, refused (and kept for the advisor to see), or of customers that left the working
set: those last ones are removed, children first, unless something still refers to them.
"""

import logging
import uuid
from dataclasses import dataclass, field

from sqlalchemy import Table, delete, func, select, text, true
from sqlalchemy.exc import IntegrityError

from app.db import Database, storage_errors
from app.errors import RelaisError
from app.models import OutboxOp
from app.sync import scope, stored
from app.sync.rows import shared_tables

log = logging.getLogger(__name__)

_CHUNK = 1_000


@dataclass
class CheckReport:
    tables: int = 0
    repaired: dict[str, int] = field(default_factory=dict)
    local_only: dict[str, int] = field(default_factory=dict)
    left: int = 0  # customers that left the working set on the centre
    removed: dict[str, int] = field(default_factory=dict)  # their rows, out of this copy

    @property
    def clean(self) -> bool:
        return not self.repaired and not self.local_only


def check(local: Database, central: Database, trim: bool = False) -> CheckReport:
    """``trim`` first takes out of the working set the customers there is no reason to keep
    (see app.sync.scope.leave_stale); the engine asks for it now and then, not every time."""
    report = CheckReport()
    outside: dict[Table, set[uuid.UUID]] = {}
    with storage_errors(central), central.engine.connect() as src:
        if trim and scope.applies(src):
            report.left = scope.leave_stale(src)
            src.commit()
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
            extra = local_ids - central_ids
            if extra:
                report.local_only[table.name] = len(extra)
                if kept:
                    outside[table] = extra
            if not missing:
                continue
            with local.session() as s:
                s.execute(text("PRAGMA defer_foreign_keys = ON"))
                for start in range(0, len(missing), _CHUNK):
                    rows = stored.fetch(src, table, missing[start : start + _CHUNK])
                    stored.write(s.connection(), table, rows)
            report.repaired[table.name] = len(missing)
        src.rollback()
    if outside:
        _remove(local, outside, report)
    return report


def _remove(local: Database, outside: dict[Table, set[uuid.UUID]], report: CheckReport) -> None:
    """Removes from the copy the rows outside the working set that are not this workstation's
    own unsent or refused work, children first, all or nothing: if a row left behind still
    refers to one of them (a refused note on a contact that left, say), none goes."""
    try:
        with local.session() as s:
            s.execute(text("PRAGMA defer_foreign_keys = ON"))
            ours = {
                (name, row_id)
                for name, row_id in s.execute(select(OutboxOp.table_name, OutboxOp.row_id))
            }
            removed: dict[str, int] = {}
            for table in reversed(shared_tables()):
                ids = sorted(i for i in outside.get(table, ()) if (table.name, i) not in ours)
                for start in range(0, len(ids), _CHUNK):
                    s.execute(delete(table).where(table.c.id.in_(ids[start : start + _CHUNK])))
                if ids:
                    removed[table.name] = len(ids)
    except (RelaisError, IntegrityError) as exc:
        log.info("Rows outside the working set kept for now: %s", exc)
        return
    report.removed = removed
    for name, count in removed.items():
        left = report.local_only[name] - count
        if left:
            report.local_only[name] = left
        else:
            del report.local_only[name]
