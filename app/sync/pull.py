"""Bringing the centre's changes into this workstation's copy, in pages, over the change log.

Each page is applied in one local transaction together with the new cursor, so a crash leaves
either the page and its cursor or neither. Rows this workstation changed and has not pushed yet
are left alone: the centre's version of them comes back on the pull after the push.
"""

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, func, select, text, tuple_

from app.db import Database, allow_long_statements, storage_errors
from app.models import ChangeLog, Contact, Customer, OutboxOp, table_of
from app.sync import scope, state, stored
from app.sync.cursor import Position, safe_bound
from app.sync.rows import shared_tables

PAGE = 5_000
_FETCH = 1_000  # ids per SELECT … WHERE id IN (…)
_BY_CONTACT = (
    "message",
    "note",
    "wrap_up",
    "contact_assignment",
    "survey_answer",
    "evaluation",
    "attachment",
)


@dataclass
class PullReport:
    changes: int = 0
    rows: int = 0
    tables: set[str] = field(default_factory=set)
    contacts: set[uuid.UUID] = field(default_factory=set)
    customers: set[uuid.UUID] = field(default_factory=set)
    wholesale: bool = False  # too many rows to list: whatever is on screen should reload

    def touches(self, contact: uuid.UUID | None = None, customer: uuid.UUID | None = None) -> bool:
        """Whether what the screen shows for this contact or customer may have changed."""
        return self.wholesale or contact in self.contacts or customer in self.customers


def pull(local: Database, central: Database, page: int = PAGE) -> PullReport:
    """Pages of changes until none is left. While one page is written into the copy, the next
    is fetched on another thread: the centre and SQLite then work at the same time, which on a
    catch-up of a hundred thousand changes saves about a third of the time."""
    report = PullReport()
    with local.session() as s:
        cursor = Position.decode(state.get(s, "cursor"))
        adopted = state.get(s, WORKING_SET) is not None
    if not adopted:
        _adopt_held(local, central)
    _read_awaited(local, central, report)
    fetched = _fetch_page(local, central, cursor, page)
    if fetched is None:
        return report
    if fetched[0] < page:  # the usual cycle: one page or less
        _apply(local, fetched[2], fetched[1], report, fetched[3])
        report.changes += fetched[0]
        return report
    # A catch-up: the fetching thread exists only now (one per cycle would leave the collector
    # a pool of threads to clear every second).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="relais-pull") as fetcher:
        while fetched is not None:
            count, last, rows, around = fetched
            ahead = (
                fetcher.submit(_fetch_page, local, central, last, page) if count == page else None
            )
            _apply(local, rows, last, report, around)
            report.changes += count
            fetched = ahead.result() if ahead is not None else None
    return report


def _fetch_page(
    local: Database, central: Database, cursor: Position, page: int
) -> tuple[int, Position, dict[str, list[tuple[Any, ...]]], frozenset[int]] | None:
    """The next ``page`` changes after ``cursor`` and the rows they name that belong to the
    user's working set, as the centre has them now, with the history of customers entering the
    set; None when there is no change to bring. Changes below ``bound`` come from finished
    transactions, so the range up to the page's last change can no longer grow."""
    with storage_errors(central), central.engine.connect() as conn:
        bound = safe_bound(conn)
        after = and_(
            tuple_(ChangeLog.xid, ChangeLog.seq) > tuple_(cursor.xid, cursor.seq),
            ChangeLog.xid < bound.value,
        )
        position = select(ChangeLog.xid, ChangeLog.seq).where(after)
        last = conn.execute(
            position.order_by(ChangeLog.xid, ChangeLog.seq).offset(page - 1).limit(1)
        ).first()
        if last is None:  # less than a page left: up to the last change there is
            last = conn.execute(
                position.order_by(ChangeLog.xid.desc(), ChangeLog.seq.desc()).limit(1)
            ).first()
            if last is None:
                return None
        upto = Position(last.xid, last.seq)
        counts = dict(
            conn.execute(
                select(ChangeLog.table_name, func.count())
                .where(after, tuple_(ChangeLog.xid, ChangeLog.seq) <= tuple_(upto.xid, upto.seq))
                .group_by(ChangeLog.table_name)
            ).all()
        )
        rows: dict[str, list[tuple[Any, ...]]] = {}
        for table in shared_tables():
            if table.name in counts:
                found = stored.fetch_changed(
                    conn, table, (cursor.xid, cursor.seq), (upto.xid, upto.seq)
                )
                if found:
                    rows[table.name] = found
        if scope.applies(conn):
            _merge(rows, _entering(conn, local, rows))
        conn.rollback()
    return sum(counts.values()), upto, rows, bound.around


WORKING_SET = "working_set"  # local state: this copy's customers are in its working set
AWAITED = "awaited"  # local state: transactions read around (see app.sync.cursor), to read later


def _awaited(s: Any) -> set[int]:
    return set(json.loads(state.get(s, AWAITED) or "[]"))


def _read_awaited(local: Database, central: Database, report: PullReport) -> None:
    """The changes of the transactions a page read around, once they have ended."""
    with local.session() as s:
        awaited = _awaited(s)
    if not awaited:
        return
    with storage_errors(central), central.engine.connect() as conn:
        running = safe_bound(conn).writers
        ended = sorted(awaited - running)
        if not ended:
            return
        rows: dict[str, list[tuple[Any, ...]]] = {}
        for table in shared_tables():
            found = stored.fetch_written_by(conn, table, ended)
            if found:
                rows[table.name] = found
        if scope.applies(conn):
            _merge(rows, _entering(conn, local, rows))
        conn.rollback()
    _apply(local, rows, None, report, done=frozenset(ended))


def _adopt_held(local: Database, central: Database) -> None:
    """A copy made before working sets existed holds customers the centre does not know it
    keeps: they join its set once, so that none of them goes stale."""
    with local.session() as s:
        held = [uuid.UUID(hex_id) for (hex_id,) in s.execute(text("SELECT id FROM customer"))]
    with storage_errors(central), central.engine.connect() as conn:
        if scope.applies(conn):
            allow_long_statements(conn)
            for start in range(0, len(held), 10_000):
                scope.enter(conn, set(held[start : start + 10_000]))
            conn.commit()
    with local.session() as s:
        state.put(s, WORKING_SET, "adopted")


def holds(local: Database, customer_id: uuid.UUID) -> bool:
    """Whether this copy holds the customer (one indexed read, no objects)."""
    with storage_errors(local), local.engine.connect() as conn:
        return bool(stored.local(conn, table_of(Customer), [customer_id.hex]))


def keep(local: Database, central: Database, customers: set[uuid.UUID]) -> PullReport:
    """Brings these customers and their whole history into this copy and keeps them in its
    working set from now on (a customer opened from a search on the centre)."""
    report = PullReport()
    with storage_errors(central), central.engine.connect() as conn:
        if not scope.applies(conn):
            return report  # the embedded centre's copy holds every customer already
        rows = _enter(conn, customers)
    _apply(local, rows, None, report)
    return report


def _entering(
    conn: Any, local: Database, rows: dict[str, list[tuple[Any, ...]]]
) -> dict[str, list[tuple[Any, ...]]]:
    """The whole history of the customers that enter the working set with these rows: the
    customers of fetched contacts that were not in the set yet (a contact of theirs just
    entered this user's queue or work, or this workstation created them), and any this copy
    does not hold (the set grew on another of the user's workstations)."""
    contact = table_of(Contact)
    at, of = stored.position(contact, "id"), stored.position(contact, "customer_id")
    fetched = rows.get("contact", ())
    added = scope.enter_through(conn, [uuid.UUID(r[at]) for r in fetched])
    conn.commit()  # before the history is read: no later change of theirs can be filtered out
    named = sorted({r[of] for r in fetched if r[of] is not None})
    if named:
        with local.session() as s:
            held = set(stored.local(s.connection(), table_of(Customer), named))
        added |= {uuid.UUID(hex_id) for hex_id in named if hex_id not in held}
    return _history(conn, added)


def _enter(conn: Any, customers: set[uuid.UUID]) -> dict[str, list[tuple[Any, ...]]]:
    """Adds the customers to the user's working set on the centre, then reads their history
    (after the commit, so no later change to them can be filtered out of a later page)."""
    scope.enter(conn, customers)
    conn.commit()
    return _history(conn, customers)


def _history(conn: Any, customers: set[uuid.UUID]) -> dict[str, list[tuple[Any, ...]]]:
    """These customers' rows, every table read in one snapshot (no message without its
    contact)."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    if customers:
        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        allow_long_statements(conn)  # the whole history of many customers entering at once
        ids = sorted(customers)
        for table in shared_tables():
            found = stored.fetch_history(conn, table, ids)
            if found:
                rows[table.name] = found
        conn.rollback()
    return rows


def _merge(rows: dict[str, list[tuple[Any, ...]]], more: dict[str, list[tuple[Any, ...]]]) -> None:
    for name, found in more.items():
        rows.setdefault(name, []).extend(found)


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


def _fetch(conn: Any, wanted: dict[str, set[uuid.UUID]]) -> dict[str, list[tuple[Any, ...]]]:
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for table in shared_tables():
        ids = sorted(wanted.get(table.name, ()))
        found: list[tuple[Any, ...]] = []
        for start in range(0, len(ids), _FETCH):
            found.extend(stored.fetch(conn, table, ids[start : start + _FETCH]))
        if found:
            rows[table.name] = found
    return rows


def _apply(
    local: Database,
    rows: dict[str, list[tuple[Any, ...]]],
    cursor: Position | None,
    report: PullReport,
    around: frozenset[int] = frozenset(),
    done: frozenset[int] = frozenset(),
) -> None:
    with local.session() as s:
        # A write first: the transaction holds the write lock from its start, so a writer on
        # another thread cannot make it fail when it turns from reading to writing.
        state.bump_generation(s.connection())
        # Parents and children may arrive in any order within a page; check at commit.
        s.execute(text("PRAGMA defer_foreign_keys = ON"))
        held = {
            (name, row_id.hex)
            for name, row_id in s.execute(
                select(OutboxOp.table_name, OutboxOp.row_id).where(OutboxOp.state == "pending")
            )
        }
        conn = s.connection()
        for table in shared_tables():
            at = stored.position(table, "id")
            fresh = [r for r in rows.get(table.name, ()) if (table.name, r[at]) not in held]
            if len(fresh) <= TOUCHED_LIMIT:  # a bulk page reloads the screen anyway
                fresh = _changed(conn, table, fresh)
            stored.write(conn, table, fresh)
            if fresh:
                report.rows += len(fresh)
                report.tables.add(table.name)
                _note_touched(table, fresh, report)
            if table.name == "identity_removal":
                _forget_removed(conn, table, rows.get(table.name, ()))
        if cursor is not None:
            state.put(s, "cursor", cursor.encode())
        if around or done:  # with the rows and the cursor, or neither
            state.put(s, AWAITED, json.dumps(sorted((_awaited(s) | around) - done)))


def _forget_removed(conn: Any, table: Table, rows: Any) -> None:
    """A removal on the centre deletes the identity it names (its own id) from this copy: the
    change log carries no deletions, so its ``identity_removal`` row does."""
    at = stored.position(table, "id")
    ids = [r[at] for r in rows]
    for start in range(0, len(ids), _FETCH):
        conn.execute(
            text("DELETE FROM customer_identity WHERE id IN (SELECT value FROM json_each(:ids))"),
            {"ids": json.dumps(ids[start : start + _FETCH])},
        )


def _changed(conn: Any, table: Table, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows that differ from this copy's: the echo of this workstation's own writes (and
    rows a renewal touched without changing what anyone sees) leave the screen alone."""
    if not rows:
        return rows
    at = stored.position(table, "id")
    ours: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(rows), _FETCH):
        ours.update(stored.local(conn, table, [r[at] for r in rows[start : start + _FETCH]]))
    return [r for r in rows if ours.get(r[at]) != r]


TOUCHED_LIMIT = 1_000  # rows per table past which the report stops listing ids


def _note_touched(table: Table, rows: list[tuple[Any, ...]], report: PullReport) -> None:
    if len(rows) > TOUCHED_LIMIT:
        report.wholesale = True
    if report.wholesale:
        return

    def ids(column: str) -> set[uuid.UUID]:
        at = stored.position(table, column)
        return {uuid.UUID(r[at]) for r in rows if r[at]}

    if table.name == "contact":
        report.contacts.update(ids("id"))
        report.customers.update(ids("customer_id"))
    elif table.name == "customer":
        report.customers.update(ids("id"))
    elif table.name in ("customer_identity", "identity_removal"):
        report.customers.update(ids("customer_id"))
    elif table.name == "customer_merge":
        report.customers.update(ids("customer_id") | ids("merged_id"))
    elif table.name in _BY_CONTACT:
        report.contacts.update(ids("contact_id"))
