"""The centre's side of a push: each operation applied once, by the rule of its kind of data.

Runs in one central transaction per batch, on the pushing user's own connection, so PostgreSQL's
grants and row-level security judge every write. The workstation's row in ``applied_ops`` moves
in the same transaction: a batch replayed after a crash or a cut finds its operations already
counted and gets the same answers again (refusals are stored with their reason).

Rules, per kind of data:
- append-only rows (messages, notes, wrap-ups, evaluations...): inserted; a replayed insert is
  a no-op, they never conflict.
- a contact: a write must present the claim token the centre holds; a stale token (the lease
  expired and someone else took the contact) is refused, the late values are kept in
  ``sync_conflict`` and the case goes on the supervisors' review list.
- a customer's profile: field by field, the first edit to reach the centre wins; a later edit
  made on top of a value that has changed since loses, and is kept in ``sync_conflict``.
- anything else: the latest write to reach the centre wins.
"""

import functools
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from app.clock import utcnow
from app.db import classify
from app.errors import CentreBusy
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.models import AppliedOps, ReviewItem, SyncConflict, SyncRefusal
from app.outbox import plain
from app.sync.rows import decode, shared_table
from app.text import name_key

log = logging.getLogger(__name__)

# Refusal codes a workstation shows (translated) next to the operation.
STALE_CLAIM = "stale_claim"
PERMISSION = "permission"
INVALID = "invalid"

_BOOKKEEPING = {"version", "updated_at", "last_key", "first_key"}
TRANSIENT = {"40P01", "40001", "55P03"}


@dataclass(frozen=True)
class Op:
    seq: int
    op_id: uuid.UUID
    kind: str
    table_name: str
    row_id: uuid.UUID
    payload: dict[str, Any]


@dataclass(frozen=True)
class Answer:
    seq: int
    refused: str | None = None  # "code: detail" when the centre refused the operation


@dataclass(frozen=True)
class Pusher:
    workstation_id: uuid.UUID
    login: str
    advisor_id: uuid.UUID | None


class Diverged(Exception):
    """The centre has applied operations under this workstation's numbers that this outbox does
    not hold (its database was restored from a backup, or copied from another workstation): its
    numbers mean something else now, so it must push under a new identity."""


class Refused(Exception):
    """A rule refused the operation; ``aftermath`` still runs once its savepoint is rolled back
    (so what the refused write carried is kept)."""

    def __init__(
        self, code: str, detail: str, aftermath: Callable[[Connection], None] | None = None
    ) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.aftermath = aftermath


def apply_batch(conn: Connection, who: Pusher, ops: list[Op]) -> list[Answer]:
    """Applies ``ops`` (in outbox order) inside the caller's transaction."""
    last, last_op = _lock_progress(conn, who)
    # A replay (the answer to a committed batch was lost) holds the very operation the centre
    # applied last; anything else below that number is not what the centre applied.
    replayed = ops and ops[0].seq <= last and last_op is not None
    if replayed and not any(op.seq == last and op.op_id == last_op for op in ops):
        raise Diverged(f"workstation {who.workstation_id} diverged at operation {last}")
    _lock_rows(conn, ops)
    answers: list[Answer] = []
    for run in _runs(ops, last):
        if run[0].seq <= last:
            answers.extend(Answer(op.seq, _stored_refusal(conn, who, op.seq)) for op in run)
            continue
        if len(run) == 1 or not _insert_run(conn, run):
            answers.extend(_apply_one(conn, who, op) for op in run)
        else:
            answers.extend(Answer(op.seq) for op in run)
        last, last_op = run[-1].seq, run[-1].op_id
    conn.execute(
        update(AppliedOps)
        .where(AppliedOps.workstation_id == who.workstation_id)
        .values(last_seq=last, last_op_id=last_op, updated_at=utcnow())
    )
    return answers


def _runs(ops: list[Op], last: int) -> list[list[Op]]:
    """Consecutive inserts into one table go together (one statement for all of them); every
    other operation stands alone; a run never mixes applied (≤ ``last``) and new operations."""
    runs: list[list[Op]] = []
    for op in ops:
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and op.kind == previous.kind == "insert"
            and op.table_name == previous.table_name
            and (op.seq <= last) == (previous.seq <= last)
        ):
            runs[-1].append(op)
        else:
            runs.append([op])
    return runs


def _insert_run(conn: Connection, run: list[Op]) -> bool:
    """Inserts the run in one savepoint; False when anything in it fails, so that the caller
    replays it one operation at a time and refuses only the ones that deserve it."""
    try:
        table = shared_table(run[0].table_name)
        values = [op.payload["values"] for op in run]
        shape = frozenset(values[0])
        if any(frozenset(v) != shape for v in values) or not shape <= set(table.columns.keys()):
            return False  # rows of different shapes: one statement cannot carry them
        if conn.dialect.name == "postgresql":
            statement: Any = _insert_from_json(table, tuple(sorted(shape)))
            rows: Any = {"rows": json.dumps(values)}
        else:
            statement, rows = _insert_ignoring(conn, table), [decode(table, v) for v in values]
    except (KeyError, ValueError, TypeError, AttributeError):
        return False
    try:
        with conn.begin_nested():
            if isinstance(statement, str):
                conn.exec_driver_sql(statement, rows)
            else:
                conn.execute(statement, rows)
    except DBAPIError as exc:
        if _connection_lost(exc) or transient(exc):
            raise
        return False
    return True


def _apply_one(conn: Connection, who: Pusher, op: Op) -> Answer:
    try:
        with conn.begin_nested():
            _apply(conn, who, op)
    except Refused as refusal:
        if refusal.aftermath is not None:
            refusal.aftermath(conn)
        return _refuse(conn, who, op, str(refusal))
    except (DBAPIError, KeyError, ValueError, TypeError) as exc:
        if isinstance(exc, DBAPIError) and (_connection_lost(exc) or transient(exc)):
            raise  # the whole batch rolls back and goes again: nothing is refused for it
        return _refuse(conn, who, op, _describe(exc))
    return Answer(op.seq)


def _lock_rows(conn: Connection, ops: list[Op]) -> None:
    """Locks the rows the batch updates in one order (by id), so two workstations pushing
    edits of the same customers do not each wait for the other."""
    touched: dict[str, set[uuid.UUID]] = {}
    for op in ops:
        if op.kind == "update":
            touched.setdefault(op.table_name, set()).add(op.row_id)
    for name in sorted(touched):
        try:
            table = shared_table(name)
        except KeyError:
            continue  # refused, with its reason, when its turn comes
        conn.execute(
            select(table.c.id)
            .where(table.c.id.in_(sorted(touched[name])))
            .order_by(table.c.id)
            .with_for_update()
        ).all()


def transient(exc: DBAPIError) -> bool:
    """A deadlock, a serialisation failure or a lock not granted: worth trying again."""
    return getattr(exc.orig, "sqlstate", None) in TRANSIENT


def centre_busy() -> CentreBusy:
    """What a transient failure becomes once retrying is over: the sync tries again later."""
    return CentreBusy(
        QT_TRANSLATE_NOOP("errors", "The central database is too busy to answer."),
        QT_TRANSLATE_NOOP("errors", "Your changes wait on this workstation and go in a moment."),
    )


def _lock_progress(conn: Connection, who: Pusher) -> tuple[int, uuid.UUID | None]:
    query = (
        select(AppliedOps.last_seq, AppliedOps.last_op_id)
        .where(AppliedOps.workstation_id == who.workstation_id)
        .with_for_update()
    )
    row = conn.execute(query).first()
    if row is None:
        conn.execute(
            _insert_ignoring(conn, AppliedOps.__table__),  # type: ignore[arg-type]
            {"workstation_id": who.workstation_id, "last_seq": 0, "login": who.login},
        )
        row = conn.execute(query).first()
    assert row is not None
    return row.last_seq, row.last_op_id


def _stored_refusal(conn: Connection, who: Pusher, seq: int) -> str | None:
    return conn.scalar(
        select(SyncRefusal.reason).where(
            SyncRefusal.workstation_id == who.workstation_id, SyncRefusal.seq == seq
        )
    )


def _refuse(conn: Connection, who: Pusher, op: Op, reason: str) -> Answer:
    log.info("Refused operation %s of %s on %s: %s", op.seq, who.login, op.table_name, reason)
    conn.execute(
        insert(SyncRefusal),
        {
            "workstation_id": who.workstation_id,
            "seq": op.seq,
            "login": who.login,
            "table_name": op.table_name,
            "row_id": op.row_id,
            "reason": reason,
            "payload": op.payload,
            "created_at": utcnow(),
        },
    )
    return Answer(op.seq, reason)


def _apply(conn: Connection, who: Pusher, op: Op) -> None:
    table = shared_table(op.table_name)
    values = decode(table, op.payload["values"])
    if op.kind == "insert":
        conn.execute(_insert_ignoring(conn, table), values)
    elif op.kind == "update":
        before = decode(table, op.payload.get("before", {}))
        if op.table_name == "contact":
            _update_claimed(conn, who, table, op, values, before)
        elif op.table_name == "customer":
            _update_fields(conn, who, table, op.row_id, values, before)
        else:
            _write(conn, table, op.row_id, values)
    else:
        raise Refused(INVALID, f"unknown operation {op.kind!r}")


def _current(conn: Connection, table: Table, row_id: uuid.UUID) -> dict[str, Any]:
    row = (
        conn.execute(select(table).where(table.c.id == row_id).with_for_update()).mappings().first()
    )
    if row is None:
        raise Refused(INVALID, f"{table.name} {row_id} does not exist on the centre")
    return dict(row)


def _write(conn: Connection, table: Table, row_id: uuid.UUID, values: dict[str, Any]) -> None:
    values = {k: v for k, v in values.items() if k != "version"}
    if "version" in table.columns:
        values["version"] = table.c.version + 1
    if values:
        conn.execute(update(table).where(table.c.id == row_id).values(values))


def _update_claimed(
    conn: Connection,
    who: Pusher,
    table: Table,
    op: Op,
    values: dict[str, Any],
    before: dict[str, Any],
) -> None:
    current = _current(conn, table, op.row_id)
    claim = op.payload.get("claim")
    held = uuid.UUID(claim) if claim else None
    if current["claim_token"] != held:

        def keep_and_flag(conn: Connection) -> None:
            _record_losers(conn, who, table, op.row_id, values, current, STALE_CLAIM)
            conn.execute(
                insert(ReviewItem),
                {
                    "id": new_id(),
                    "contact_id": op.row_id,
                    "reason": "lease_lost",
                    "created_by": who.advisor_id,
                    "created_at": utcnow(),
                },
            )

        raise Refused(
            STALE_CLAIM,
            f"contact {current['reference']} was claimed again after this workstation's "
            "lease expired",
            keep_and_flag,
        )
    _write(conn, table, op.row_id, values)


def _update_fields(
    conn: Connection,
    who: Pusher,
    table: Table,
    row_id: uuid.UUID,
    values: dict[str, Any],
    before: dict[str, Any],
) -> None:
    current = _current(conn, table, row_id)
    winners: dict[str, Any] = {}
    losers: dict[str, Any] = {}
    for name, new in values.items():
        if name in _BOOKKEEPING:
            continue
        now = current[name]
        if now == new or now == before.get(name, now):
            winners[name] = new
        else:
            losers[name] = new
    if losers:
        _record_losers(conn, who, table, row_id, losers, current, "first_edit_wins")
    if winners:
        if "updated_at" in table.columns:
            winners["updated_at"] = utcnow()
        # The folded copies of the names search uses follow the names, here as on a workstation.
        for name, key in (("last_name", "last_key"), ("first_name", "first_key")):
            if name in winners and key in table.columns:
                winners[key] = name_key(winners[name])
        _write(conn, table, row_id, winners)


def _record_losers(
    conn: Connection,
    who: Pusher,
    table: Table,
    row_id: uuid.UUID,
    losing: dict[str, Any],
    current: dict[str, Any],
    rule: str,
) -> None:
    rows = [
        {
            "id": new_id(),
            "table_name": table.name,
            "row_id": row_id,
            "field": name,
            "losing_value": plain(value),
            "winning_value": plain(current.get(name)),
            "rule": rule,
            "advisor_id": who.advisor_id,
            "workstation_id": who.workstation_id,
            "created_at": utcnow(),
        }
        for name, value in losing.items()
        if name not in _BOOKKEEPING and current.get(name) != value
    ]
    if rows:
        conn.execute(insert(SyncConflict), rows)


@functools.cache
def _insert_from_json(table: Table, columns: tuple[str, ...]) -> str:
    """The run's rows go as one JSON array that PostgreSQL turns into rows of the table's own
    types: the workstation neither decodes the outbox's JSON values nor binds them one by one."""
    names = ", ".join(columns)
    return (
        f"INSERT INTO {table.name} ({names}) SELECT {names} "
        f"FROM jsonb_populate_recordset(NULL::{table.name}, %(rows)s::jsonb) "
        "ON CONFLICT DO NOTHING"
    )


def _insert_ignoring(conn: Connection, table: Table) -> Any:
    return _insert_ignoring_for(conn.dialect.name, table)


@functools.cache
def _insert_ignoring_for(dialect_name: str, table: Table) -> Any:
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def _connection_lost(exc: DBAPIError) -> bool:
    return bool(exc.connection_invalidated) or classify(exc, "") is not exc


def _describe(exc: Exception) -> str:
    if isinstance(exc, DBAPIError):
        text = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        refused = "permission denied" in text or "row-level security" in text
        code = PERMISSION if refused else INVALID
        return f"{code}: {text}"
    return f"{INVALID}: {type(exc).__name__}: {exc}"
