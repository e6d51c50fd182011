"""The embedded SQLite centre's own rules: what ``relais_push`` does on a PostgreSQL centre
(central migration e1b7c4a9d2f0), for the centre that plays its part on one machine alone (the
demo, a trial); its claims and leases are in ``app.sync.apply_claims``. The same tests run
both and expect the same answers.

A workstation never runs these against PostgreSQL: there it calls the centre's functions, which
decide on their own. Rules, per kind of data:
- who writes is the session's user: the author of a message, a note, a wrap-up, a review item or
  an evaluation is set by the centre, whatever the workstation sent; so are the times it orders
  by (arrival, close, lease expiry), from the centre's clock;
- append-only rows (messages, notes, wrap-ups...) are inserted, once (a replay is a no-op), on
  contacts the user holds or held (supervisors: their team's; administrators: any);
- a contact obeys its claim: a write must present the token the centre holds; a stale token (the
  lease lapsed and someone else took it) is refused, its values kept in ``sync_conflict`` and the
  case put on the review list; a workstation may only close a contact, never move or reassign it;
- a customer's profile is merged field by field: the first edit to reach the centre wins, a
  later edit made on top of a value that changed meanwhile loses and is kept in ``sync_conflict``;
- reference data (reason codes, incidents) is for supervisors; the latest write wins; templates
  change in the back office only (drafted, approved by another supervisor, retired).

An operation is refused (final, stored, answered the same on a replay) when a rule or the data
says no; when this code itself fails on it, the batch stops there and the operation waits on the
workstation, so that a bug never turns the advisor's work into a refusal.
"""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError

from app.clock import utcnow
from app.ids import new_id
from app.models import (
    Advisor,
    AppliedOps,
    Contact,
    ContactAssignment,
    ContactStatus,
    DeskCustomer,
    ReviewItem,
    SyncConflict,
    SyncRefusal,
    table_of,
)
from app.outbox import plain
from app.sync import apply_delivery
from app.sync.ops import (
    INVALID,
    PERMISSION,
    STALE_CLAIM,
    Answer,
    Batch,
    Diverged,
    Failure,
    Op,
    Pusher,
)
from app.sync.rows import decode, shared_table
from app.text import name_key

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=15)

_BOOKKEEPING = {"version", "updated_at", "last_key", "first_key"}
_NEVER_KEPT = {*_BOOKKEEPING, "claim_token", "lease_until"}  # a claim is its holder's alone
_ON_CONTACTS = {"message", "note", "template_usage", "wrap_up", "review_item", "evaluation"}
_CONTACT_FIELDS = {
    "status",
    "closed_at",
    "claim_token",
    "lease_until",
    "call_started_at",
    "call_ended_at",
    "customer_id",
    "version",
}
_PROFILE = {
    "first_name",
    "last_name",
    "language",
    "segment",
    "tags",
    "postal_address",
    "account_number",
}
_REFERENCE = {
    "template": (
        "key",
        "category",
        "language",
        "channels",
        "title",
        "body",
        "current_version",
        "active",
    ),
    "reason_code": ("code", "label_en", "label_fr", "category", "active"),
    "incident": ("title", "description", "started_at", "ended_at"),
}


# Templates are drafted, approved (four eyes) and retired in the back office only
# (app.backoffice.template_admin; on PostgreSQL a trigger refuses them to the push with the same
# words, sql/3fe0ed6959e9_90_templates.sql).
_GOVERNED = {"template", "template_version"}
_GOVERNED_REFUSAL = f"{PERMISSION}: templates are changed in the back office"


class NotAUser(Exception):
    """The login is not an active user of this centre (never created, or disabled)."""


@dataclass(frozen=True)
class User:
    id: uuid.UUID
    role: str
    team: uuid.UUID | None


def user(conn: Connection, login: str) -> User:
    row = conn.execute(
        select(Advisor.id, Advisor.role, Advisor.team_id).where(
            Advisor.login == login, Advisor.active.is_(True)
        )
    ).first()
    if row is None:
        raise NotAUser(login)
    return User(row.id, str(row.role), row.team_id)


class _Undo(Exception):
    """Rolls back a run inserted in one statement, so that it goes again one by one."""


# -- the push -------------------------------------------------------------------------------------


def apply_batch(conn: Connection, who: Pusher, ops: list[Op]) -> Batch:
    """Applies ``ops`` (in outbox order) inside the caller's transaction."""
    me = user(conn, who.login)
    last, last_op = _lock_progress(conn, who)
    # A replay (the answer to a committed batch was lost) holds the very operation the centre
    # applied last; anything else below that number is not what the centre applied.
    replayed = ops and ops[0].seq <= last and last_op is not None
    if replayed and not any(op.seq == last and op.op_id == last_op for op in ops):
        raise Diverged(f"workstation {who.workstation_id} diverged at operation {last}")
    answers: list[Answer] = []
    failure: Failure | None = None
    upto, upto_op = last, last_op
    i = 0
    while i < len(ops) and failure is None:
        op = ops[i]
        if op.seq <= last:
            answers.append(Answer(op.seq, _stored_refusal(conn, who, op.seq)))
            i += 1
            continue
        j = i + 1
        while (
            op.kind == "insert"
            and j < len(ops)
            and ops[j].kind == "insert"
            and ops[j].table_name == op.table_name
        ):
            j += 1
        if j - i > 1 and _insert_run(conn, me, ops[i:j]):
            answers.extend(Answer(o.seq) for o in ops[i:j])
            upto, upto_op = ops[j - 1].seq, ops[j - 1].op_id
        else:
            for one in ops[i:j]:
                reason, failure = _apply_one(conn, me, who, one)
                if failure is not None:
                    break
                if reason is not None:
                    _refuse(conn, who, one, reason)
                answers.append(Answer(one.seq, reason))
                upto, upto_op = one.seq, one.op_id
        i = j
    conn.execute(
        update(AppliedOps)
        .where(AppliedOps.login == who.login, AppliedOps.workstation_id == who.workstation_id)
        .values(last_seq=upto, last_op_id=upto_op, updated_at=utcnow())
    )
    return Batch(answers, failure)


def _insert_run(conn: Connection, me: User, run: list[Op]) -> bool:
    """Inserts a run in one statement; False on any trouble, and the run goes again one by one,
    where each operation gets its own answer."""
    try:
        with conn.begin_nested():
            if insert_rows(conn, me, run[0].table_name, [op.payload.get("values") for op in run]):
                raise _Undo
    except OperationalError:
        raise  # the database itself (locked, full): the batch goes again later
    except Exception:
        return False
    return True


def _apply_one(
    conn: Connection, me: User, who: Pusher, op: Op
) -> tuple[str | None, Failure | None]:
    """The refusal of one operation (None when applied), or the failure of this code on it."""
    try:
        with conn.begin_nested():
            if op.kind == "insert":
                return insert_rows(conn, me, op.table_name, [op.payload.get("values")]), None
            if op.kind == "update":
                return update_row(conn, me, who, op), None
            return f"{INVALID}: unknown operation {op.kind}", None
    except IntegrityError as exc:  # a constraint of the centre's: the data says no
        return f"{INVALID}: {_first_line(exc)}", None
    except (ValueError, TypeError) as exc:  # a value its column cannot take
        return f"{INVALID}: {exc}", None
    except ProgrammingError as exc:  # a statement of this code's that SQLite cannot run
        log.exception("The centre's rules failed on operation %s of %s", op.seq, who.login)
        return None, Failure(op.seq, _first_line(exc))
    except DBAPIError:
        raise  # the database itself: the batch rolls back and the sync tries again
    except Exception as exc:
        log.exception("The centre's rules failed on operation %s of %s", op.seq, who.login)
        return None, Failure(op.seq, f"{type(exc).__name__}: {exc}")


def _first_line(exc: DBAPIError) -> str:
    return str(exc.orig).splitlines()[0] if exc.orig else str(exc)


def insert_rows(conn: Connection, me: User, name: str, rows: list[Any]) -> str | None:
    """Inserts rows of one table, or says why not before writing anything; the centre sets
    the author and the times."""
    if any(not isinstance(r, dict) for r in rows):
        return f"{INVALID}: an insert carries an object of values"
    now = utcnow()
    if name in _ON_CONTACTS and not all(_writable(conn, me, r.get("contact_id")) for r in rows):
        return f"{PERMISSION}: you may write only on contacts you handle or handled"
    stamp: Callable[[dict[str, Any]], dict[str, Any]]
    if name == "message":
        if any(r.get("direction") != "outbound" for r in rows):
            return f"{PERMISSION}: a workstation writes only its own replies"

        def stamp(r: dict[str, Any]) -> dict[str, Any]:
            return {**r, "author_id": me.id, "created_at": now, "written_at": _written(r)}

    elif name == "note":

        def stamp(r: dict[str, Any]) -> dict[str, Any]:
            return {**r, "advisor_id": me.id, "created_at": now, "written_at": _written(r)}

    elif name == "template_usage":

        def stamp(r: dict[str, Any]) -> dict[str, Any]:
            return {**r, "advisor_id": me.id, "used_at": now}

    elif name == "wrap_up":

        def stamp(r: dict[str, Any]) -> dict[str, Any]:
            return {**r, "advisor_id": me.id, "created_at": now}

    elif name == "review_item":
        if any(r.get("reason") != "low_self_assessment" for r in rows):
            return f"{PERMISSION}: a workstation flags only low self-assessments for review"

        def stamp(r: dict[str, Any]) -> dict[str, Any]:
            # It enters the list to be reviewed: its state is the supervisors' to change.
            entered = {"state": "to_review", "taken_by": None, "taken_at": None, "done_at": None}
            return {**r, "created_by": me.id, "created_at": now, **entered}

    elif name == "customer":

        def stamp(r: dict[str, Any]) -> dict[str, Any]:
            return {**r, "created_at": now, "updated_at": now, "version": 1}

    elif name == "customer_identity":
        # The embedded centre keeps every customer in every copy: no working set to check.
        def stamp(r: dict[str, Any]) -> dict[str, Any]:
            return {**r, "created_at": now}

    elif name == "contact":
        contacts = []
        for r in rows:
            shaped = _new_contact(conn, me, r, now)
            if isinstance(shaped, str):
                return shaped
            contacts.append(shaped)
        _insert(conn, "contact", contacts)
        return None
    elif name == "contact_assignment":
        if not all(_holds(conn, me, r.get("contact_id")) for r in rows):
            return f"{PERMISSION}: an assignment is the centre's to make"

        def stamp(r: dict[str, Any]) -> dict[str, Any]:
            return {**r, "advisor_id": me.id, "started_at": now, "ended_at": None}

    elif name == "evaluation":
        # Made with a scorecard, blind, on the centre (app.backoffice.evaluations) only.
        return f"{PERMISSION}: evaluations are entered in the back office"
    elif name in ("template", "reason_code", "incident", "template_version"):
        if me.role not in ("supervisor", "admin"):
            return f"{PERMISSION}: only supervisors change {name}"
        if name in _GOVERNED:
            return _GOVERNED_REFUSAL

        def stamp(r: dict[str, Any]) -> dict[str, Any]:
            return r

    elif name == "survey_answer":
        # Through the import only (app.backoffice.surveys), with its checks.
        return f"{PERMISSION}: survey answers are imported with relais surveys import"

    else:
        return f"{PERMISSION}: the centre takes no rows of {name} from a workstation"
    _insert(conn, name, [stamp(r) for r in rows])
    if name == "message":  # the replies go out: their deliveries are the centre's from now on
        apply_delivery.queue(conn, me.id, [_uuid(r["id"]) for r in rows])
    if name == "customer":  # whoever creates a customer keeps them in their working set
        conn.execute(
            sqlite.insert(DeskCustomer).on_conflict_do_nothing(),
            [
                {"login": _login(conn, me), "customer_id": _uuid(r["id"]), "since": now}
                for r in rows
            ],
        )
    return None


def _written(row: dict[str, Any]) -> Any:
    return row.get("written_at") or row.get("created_at")


def _login(conn: Connection, me: User) -> str:
    return str(conn.scalar(select(Advisor.login).where(Advisor.id == me.id)))


def _new_contact(
    conn: Connection, me: User, r: dict[str, Any], now: datetime
) -> dict[str, Any] | str:
    """A contact a workstation may create, as the centre stores it, or why not: a call the
    advisor logged by hand, held by them, or a follow-up of a contact they just closed."""
    if r.get("status") == "in_progress" and r.get("channel") == "phone" and not r.get("parent_id"):
        if not r.get("claim_token"):
            return f"{INVALID}: a logged call carries its claim token"
        return {
            **r,
            "assigned_to": me.id,
            "team_id": me.team,
            "received_at": now,
            "due_at": now,
            "lease_until": now + LEASE,
            "closed_at": None,
            "version": 1,
        }
    if r.get("status") == "queued" and r.get("parent_id"):
        parent = conn.execute(
            select(
                Contact.assigned_to,
                Contact.status,
                Contact.team_id,
                Contact.customer_id,
                Contact.risk_flag,
                Contact.risk_reason,
            ).where(Contact.id == _uuid(r["parent_id"]))
        ).first()
        if parent is None or parent.assigned_to != me.id or parent.status != ContactStatus.CLOSED:
            return f"{PERMISSION}: a follow-up belongs to a contact you closed"
        due = decode(table_of(Contact), {"due_at": r.get("due_at")})["due_at"]
        if due is None or not now - timedelta(days=1) <= due <= now + timedelta(days=400):
            return f"{INVALID}: a follow-up is planned from now to a year ahead"
        return {
            **r,
            "assigned_to": None,
            "claim_token": None,
            "lease_until": None,
            "closed_at": None,
            "team_id": parent.team_id,
            "customer_id": parent.customer_id,
            "priority": 2,
            "risk_flag": parent.risk_flag,
            "risk_reason": parent.risk_reason,
            "received_at": r.get("due_at"),
            "version": 1,
        }
    return f"{PERMISSION}: a workstation creates only logged calls and follow-ups"


def _insert(conn: Connection, name: str, rows: list[dict[str, Any]]) -> None:
    """Inserts rows given as JSON values; keys that are not columns are ignored and missing
    ones are NULL, as PostgreSQL's jsonb_populate_recordset does; a replay is a no-op."""
    table = shared_table(name)
    names = table.columns.keys()
    values = [decode(table, {k: r.get(k) for k in names}) for r in rows]
    conn.execute(sqlite.insert(table).on_conflict_do_nothing(index_elements=["id"]), values)


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _writable(conn: Connection, me: User, contact: Any) -> bool:
    """The user holds or held the contact, supervises its team, or administers the centre."""
    if me.role == "admin":
        return True
    if contact is None:
        return False
    contact_id = _uuid(contact)
    held = conn.scalar(
        select(ContactAssignment.id).where(
            ContactAssignment.contact_id == contact_id, ContactAssignment.advisor_id == me.id
        )
    )
    if held is not None:
        return True
    if me.role != "supervisor":
        return False
    team = conn.scalar(select(Contact.team_id).where(Contact.id == contact_id))
    return team is not None and team == me.team


def _holds(conn: Connection, me: User, contact: Any) -> bool:
    if contact is None:
        return False
    return (
        conn.scalar(
            select(Contact.id).where(
                Contact.id == _uuid(contact),
                Contact.assigned_to == me.id,
                Contact.status == ContactStatus.IN_PROGRESS,
            )
        )
        is not None
    )


def update_row(conn: Connection, me: User, who: Pusher, op: Op) -> str | None:
    values = op.payload.get("values") or {}
    before = op.payload.get("before") or {}
    if not isinstance(values, dict) or not isinstance(before, dict):
        return f"{INVALID}: an update carries an object of values"
    if op.table_name == "contact":
        return _update_contact(conn, me, who, op, values)
    if op.table_name == "contact_assignment":
        return _end_assignment(conn, me, op.row_id, values)
    if op.table_name == "customer":
        return _update_customer(conn, me, who, op.row_id, values, before)
    if op.table_name in _REFERENCE:
        if me.role not in ("supervisor", "admin"):
            return f"{PERMISSION}: only supervisors change {op.table_name}"
        if op.table_name in _GOVERNED:
            return _GOVERNED_REFUSAL
        table = shared_table(op.table_name)
        changed = decode(table, {k: v for k, v in values.items() if k in _REFERENCE[op.table_name]})
        if changed:
            conn.execute(update(table).where(table.c.id == op.row_id).values(changed))
        return None
    return f"{PERMISSION}: the centre takes no changes to {op.table_name} from a workstation"


def _current(conn: Connection, table: Table, row_id: uuid.UUID) -> dict[str, Any] | None:
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return dict(row) if row is not None else None


def _update_contact(
    conn: Connection, me: User, who: Pusher, op: Op, values: dict[str, Any]
) -> str | None:
    table = table_of(Contact)
    current = _current(conn, table, op.row_id)
    if current is None:
        return f"{INVALID}: contact {op.row_id} does not exist on the centre"
    for name in values:
        if name not in _CONTACT_FIELDS:
            return f"{PERMISSION}: a workstation may not change the {name} of a contact"
    claim = op.payload.get("claim")
    held = _uuid(claim) if claim else None
    if held is None or current["claim_token"] != held or current["assigned_to"] != me.id:
        if not _held_once(conn, me, op.row_id):
            return f"{PERMISSION}: contact {current['reference']} is not yours"
        # The late advisor's values are kept, and the case goes on the review list.
        _keep_losers(conn, me, who, "contact", op.row_id, values, current, STALE_CLAIM)
        flagged = conn.scalar(
            select(ReviewItem.id).where(
                ReviewItem.contact_id == op.row_id,
                ReviewItem.reason == "lease_lost",
                ReviewItem.created_by == me.id,
            )
        )
        if flagged is None:  # once per advisor and contact, however many writes come late
            conn.execute(
                insert(ReviewItem),
                {
                    "id": new_id(),
                    "contact_id": op.row_id,
                    "reason": "lease_lost",
                    "created_by": me.id,
                    "created_at": utcnow(),
                },
            )
        return (
            f"{STALE_CLAIM}: contact {current['reference']} was claimed again after this "
            "workstation's lease expired"
        )
    status = values.get("status", current["status"])
    if status not in (ContactStatus.CLOSED.value, str(current["status"])):
        return f"{PERMISSION}: a workstation may only close a contact it holds"
    if values.get("claim_token") is not None or values.get("lease_until") is not None:
        return f"{PERMISSION}: claims and leases are the centre's to set"
    closing = status == ContactStatus.CLOSED.value and current["status"] != ContactStatus.CLOSED
    now = utcnow()
    changes = decode(
        table,
        {k: values[k] for k in ("call_started_at", "call_ended_at", "customer_id") if k in values},
    )
    if closing:
        changes.update(
            status=ContactStatus.CLOSED, closed_at=now, claim_token=None, lease_until=None
        )
    conn.execute(
        update(Contact)
        .where(Contact.id == op.row_id)
        .values(**changes, version=Contact.version + 1)
    )
    if closing:  # everyone's part of the contact ends with it
        conn.execute(
            update(ContactAssignment)
            .where(ContactAssignment.contact_id == op.row_id, ContactAssignment.ended_at.is_(None))
            .values(ended_at=now)
        )
    return None


def _held_once(conn: Connection, me: User, contact_id: uuid.UUID) -> bool:
    return (
        conn.scalar(
            select(ContactAssignment.id).where(
                ContactAssignment.contact_id == contact_id, ContactAssignment.advisor_id == me.id
            )
        )
        is not None
    )


def _end_assignment(
    conn: Connection, me: User, row_id: uuid.UUID, values: dict[str, Any]
) -> str | None:
    mine = conn.scalar(
        select(ContactAssignment.id).where(
            ContactAssignment.id == row_id, ContactAssignment.advisor_id == me.id
        )
    )
    if mine is None:
        return f"{PERMISSION}: only your own assignments end by your hand"
    if set(values) - {"ended_at"}:
        return f"{PERMISSION}: a workstation may only end an assignment"
    conn.execute(
        update(ContactAssignment)
        .where(ContactAssignment.id == row_id, ContactAssignment.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    return None


def _update_customer(
    conn: Connection,
    me: User,
    who: Pusher,
    row_id: uuid.UUID,
    values: dict[str, Any],
    before: dict[str, Any],
) -> str | None:
    table = shared_table("customer")
    current = _current(conn, table, row_id)
    if current is None:
        return f"{INVALID}: customer {row_id} does not exist on the centre"
    winners: dict[str, Any] = {}
    losers: dict[str, Any] = {}
    for name, new in values.items():
        if name in _BOOKKEEPING:
            continue
        if name not in _PROFILE:
            return f"{PERMISSION}: a workstation may not change the {name} of a customer"
        now = plain(current[name])
        if now == new or now == before.get(name, now):
            winners[name] = new
        else:
            losers[name] = new
    _keep_losers(conn, me, who, "customer", row_id, losers, current, "first_edit_wins")
    if winners:
        # The folded names search uses follow the names.
        for name, key in (("last_name", "last_key"), ("first_name", "first_key")):
            if name in winners:
                winners[key] = values.get(key) or name_key(str(winners[name] or ""))
        changes = decode(table, winners)
        conn.execute(
            update(table)
            .where(table.c.id == row_id)
            .values(**changes, updated_at=utcnow(), version=table.c.version + 1)
        )
    return None


def _keep_losers(
    conn: Connection,
    me: User,
    who: Pusher,
    name: str,
    row_id: uuid.UUID,
    losing: dict[str, Any],
    current: dict[str, Any],
    rule: str,
) -> None:
    rows = [
        {
            "id": new_id(),
            "table_name": name,
            "row_id": row_id,
            "field": field,
            "losing_value": value,
            "winning_value": plain(current[field]),
            "rule": rule,
            "advisor_id": me.id,
            "workstation_id": who.workstation_id,
            "created_at": utcnow(),
        }
        for field, value in losing.items()
        if field not in _NEVER_KEPT and field in current and plain(current[field]) != value
    ]
    if rows:
        conn.execute(insert(SyncConflict), rows)


def _lock_progress(conn: Connection, who: Pusher) -> tuple[int, uuid.UUID | None]:
    conn.execute(
        sqlite.insert(AppliedOps).on_conflict_do_nothing(),
        {"login": who.login, "workstation_id": who.workstation_id, "last_seq": 0},
    )
    row = conn.execute(
        select(AppliedOps.last_seq, AppliedOps.last_op_id).where(
            AppliedOps.login == who.login, AppliedOps.workstation_id == who.workstation_id
        )
    ).one()
    return row.last_seq, row.last_op_id


def _stored_refusal(conn: Connection, who: Pusher, seq: int) -> str | None:
    return conn.scalar(
        select(SyncRefusal.reason).where(
            SyncRefusal.login == who.login,
            SyncRefusal.workstation_id == who.workstation_id,
            SyncRefusal.seq == seq,
        )
    )


def _refuse(conn: Connection, who: Pusher, op: Op, reason: str) -> None:
    log.info("Refused operation %s of %s on %s: %s", op.seq, who.login, op.table_name, reason)
    conn.execute(
        sqlite.insert(SyncRefusal).on_conflict_do_nothing(),
        {
            "workstation_id": who.workstation_id,
            "seq": op.seq,
            "login": who.login,
            "table_name": op.table_name[:64],
            "row_id": op.row_id,
            "reason": reason,
            "payload": op.wire(),
            "created_at": utcnow(),
        },
    )
