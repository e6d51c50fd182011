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
from typing import Any

from sqlalchemy import Table, delete, func, select, text, true
from sqlalchemy.exc import IntegrityError

from app.clock import utcnow
from app.db import Database, allow_long_statements, storage_errors
from app.errors import RelaisError
from app.models import Contact, OutboxOp
from app.sync import scope, state, stored
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
    with storage_errors(central), central.engine.connect() as src:  # busy: CentreBusy
        if trim and scope.applies(src):
            allow_long_statements(src)  # over a supervisor's whole set
            report.left = scope.leave_stale(src)
            src.commit()
        if src.dialect.name == "postgresql":
            src.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            allow_long_statements(src)  # counts and ids of every table of the set
            # In the same snapshot as the reads below: a contact of the user's queue or
            # work and its customer are both in the set, or both not yet.
            scope.enter_all(src)
        _compare(src, local, report, outside)
        src.commit()
    if outside:
        _remove(local, central, outside, report)
    return report


def _compare(
    src: Any, local: Database, report: CheckReport, outside: dict[Table, set[uuid.UUID]]
) -> None:
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


def _remove(
    local: Database, central: Database, outside: dict[Table, set[uuid.UUID]], report: CheckReport
) -> None:
    """Removes from the copy the rows outside the working set, children first.

    Kept: this workstation's own unsent or refused rows and the contact and customer they
    belong to; and whatever the centre counts in the set again by now (a claim or a customer
    opened while the check ran). If rows came from the centre between that second look and
    the removal (the copy's generation moved), or a row left behind still refers to a removed
    one, nothing is removed this time: the next check decides again."""
    with local.session() as s:
        generation = state.get(s, state.GENERATION)
        spared = _spared(s)
    with storage_errors(central), central.engine.connect() as src:
        for table, ids in outside.items():
            ids -= spared
            candidates = sorted(ids)
            for start in range(0, len(candidates), _CHUNK):
                ids -= _still_kept(src, table, candidates[start : start + _CHUNK])
        src.rollback()
    removed: dict[str, int] = {}
    try:
        with local.session() as s:
            state.put(s, "trimmed_at", utcnow().isoformat())  # takes the copy's write lock
            s.flush()
            if state.get(s, state.GENERATION) != generation:
                return  # rows came from the centre meanwhile: decide again at the next check
            s.execute(text("PRAGMA defer_foreign_keys = ON"))
            for table in reversed(shared_tables()):
                doomed = sorted(outside.get(table, ()))
                for start in range(0, len(doomed), _CHUNK):
                    chunk = doomed[start : start + _CHUNK]
                    s.execute(delete(table).where(table.c.id.in_(chunk)))
                if doomed:
                    removed[table.name] = len(doomed)
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


def _spared(s: Any) -> set[uuid.UUID]:
    """Rows this workstation wrote and the centre does not hold (waiting or refused), with the
    contacts and customers they hang on."""
    ours = list(s.execute(select(OutboxOp.table_name, OutboxOp.row_id)))
    spared = {row_id for _name, row_id in ours}
    for table in shared_tables():
        mine = [row_id for name, row_id in ours if name == table.name]
        for column in ("contact_id", "customer_id"):
            if mine and column in table.columns:
                found = s.scalars(select(table.c[column]).where(table.c.id.in_(mine)))
                spared.update(i for i in found if i is not None)
    found = s.scalars(select(Contact.customer_id).where(Contact.id.in_(spared)))
    spared.update(i for i in found if i is not None)
    return spared


def _still_kept(src: Any, table: Table, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Those of ``ids`` the centre counts in the user's working set now."""
    kept = scope.condition(src, table, table.name)
    if not kept:
        return set(ids)
    return set(src.scalars(select(table.c.id).where(table.c.id.in_(ids), text(kept))))
