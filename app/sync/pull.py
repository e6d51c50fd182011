"""Bringing the centre's changes into this workstation's copy, in pages, over the change log.

Each page is applied in one local transaction together with the new cursor, so a crash leaves
either the page and its cursor or neither. Rows this workstation changed and has not pushed yet
are left alone: the centre's version of them comes back on the pull after the push.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, Uuid, any_, bindparam, select, text, tuple_
from sqlalchemy.dialects import postgresql

from app.db import Database, storage_errors
from app.models import ChangeLog, OutboxOp
from app.sync import state
from app.sync.cursor import Position, safe_bound
from app.sync.rows import shared_tables, upsert

PAGE = 5_000
_FETCH = 1_000  # ids per SELECT … WHERE id IN (…)
_BY_CONTACT = ("message", "note", "wrap_up", "contact_assignment", "survey_answer", "evaluation")


@dataclass
class PullReport:
    changes: int = 0
    rows: int = 0
    tables: set[str] = field(default_factory=set)
    contacts: set[uuid.UUID] = field(default_factory=set)
    customers: set[uuid.UUID] = field(default_factory=set)


def pull(local: Database, central: Database, page: int = PAGE) -> PullReport:
    report = PullReport()
    while True:
        with local.session() as s:
            cursor = Position.decode(state.get(s, "cursor"))
        with storage_errors(central), central.engine.connect() as conn:
            bound = safe_bound(conn)
            changes = conn.execute(
                select(ChangeLog.xid, ChangeLog.seq, ChangeLog.table_name, ChangeLog.row_id)
                .where(
                    tuple_(ChangeLog.xid, ChangeLog.seq) > tuple_(cursor.xid, cursor.seq),
                    ChangeLog.xid < bound,
                )
                .order_by(ChangeLog.xid, ChangeLog.seq)
                .limit(page)
            ).all()
            if not changes:
                return report
            wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
            for change in changes:
                wanted[change.table_name].add(change.row_id)
            rows = _fetch(conn, wanted)
            conn.rollback()
        last = changes[-1]
        _apply(local, rows, Position(last.xid, last.seq), report)
        report.changes += len(changes)
        if len(changes) < page:
            return report


def refresh(local: Database, central: Database, wanted: dict[str, set[uuid.UUID]]) -> PullReport:
    """Brings the centre's current version of these rows, cursor untouched.

    After a push: an update the centre refused, or whose values lost a conflict, changes
    nothing there — no change is logged, and a pull that skipped the row while it waited in the
    outbox would never bring it back. This does."""
    report = PullReport()
    if wanted:
        with storage_errors(central), central.engine.connect() as conn:
            rows = _fetch(conn, wanted)
            conn.rollback()
        _apply(local, rows, None, report)
    return report


def _fetch(conn: Any, wanted: dict[str, set[uuid.UUID]]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in shared_tables():
        ids = sorted(wanted.get(table.name, ()))
        found: list[dict[str, Any]] = []
        for start in range(0, len(ids), _FETCH):
            chunk = ids[start : start + _FETCH]
            found.extend(
                dict(r)
                for r in conn.execute(select(table).where(_among(conn, table, chunk))).mappings()
            )
        if found:
            rows[table.name] = found
    return rows


def _apply(
    local: Database,
    rows: dict[str, list[dict[str, Any]]],
    cursor: Position | None,
    report: PullReport,
) -> None:
    with local.session() as s:
        # Parents and children may arrive in any order within a page; check at commit.
        s.execute(text("PRAGMA defer_foreign_keys = ON"))
        held = {
            (name, row_id)
            for name, row_id in s.execute(
                select(OutboxOp.table_name, OutboxOp.row_id).where(OutboxOp.state == "pending")
            )
        }
        conn = s.connection()
        for table in shared_tables():
            fresh = [r for r in rows.get(table.name, ()) if (table.name, r["id"]) not in held]
            fresh = _changed(conn, table, fresh)
            upsert(conn, table, fresh)
            if fresh:
                report.rows += len(fresh)
                report.tables.add(table.name)
                _note_touched(table.name, fresh, report)
        if cursor is not None:
            state.put(s, "cursor", cursor.encode())


def _among(conn: Any, table: Table, ids: list[uuid.UUID]) -> Any:
    """``id IN (…)``; on PostgreSQL one array parameter (``= ANY``), which the server parses
    once instead of a thousand placeholders."""
    if conn.dialect.name == "postgresql":
        return table.c.id == any_(bindparam("ids", ids, type_=postgresql.ARRAY(Uuid())))
    return table.c.id.in_(ids)


def _changed(conn: Any, table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows that differ from this copy's: the echo of this workstation's own writes (and
    rows a renewal touched without changing what anyone sees) leave the screen alone."""
    if not rows:
        return rows
    ours: dict[Any, dict[str, Any]] = {}
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), _FETCH):
        chunk = ids[start : start + _FETCH]
        for r in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            ours[r["id"]] = dict(r)
    return [r for r in rows if ours.get(r["id"]) != r]


def _note_touched(table: str, rows: list[dict[str, Any]], report: PullReport) -> None:
    if table == "contact":
        report.contacts.update(r["id"] for r in rows)
        report.customers.update(r["customer_id"] for r in rows if r["customer_id"])
    elif table == "customer":
        report.customers.update(r["id"] for r in rows)
    elif table == "customer_identity":
        report.customers.update(r["customer_id"] for r in rows)
    elif table in _BY_CONTACT:
        report.contacts.update(r["contact_id"] for r in rows)
