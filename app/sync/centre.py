"""Calling the centre's own functions: the push, the claims, the leases, the release.

On PostgreSQL each call is one statement, in autocommit, running a function of the centre's
(``relais_push``, ``relais_claim_next``...) that decides alone, from the session's login and its
own clock, whatever the workstation says; this side only builds the call and reads the answer.
On the embedded SQLite centre the same rules run here (app.sync.apply).

Rows come back in the workstation copy's storage form (see app.sync.stored), ready to mirror.
"""

import contextlib
import functools
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError

from app import clock
from app.db import Database, sqlstate, storage_errors
from app.errors import EnvironmentProblem
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.models import Contact, ContactAssignment, table_of
from app.sync import apply, apply_claims, stored
from app.sync.ops import INVALID, Answer, Batch, Diverged, Failure, Op, Pusher, answers_upto

Row = tuple[Any, ...]

_CONTACT: Table = table_of(Contact)
_ASSIGNMENT: Table = table_of(ContactAssignment)


def not_a_user(login: str) -> EnvironmentProblem:
    return EnvironmentProblem(
        QT_TRANSLATE_NOOP("errors", "{login} is not an active user of this central database."),
        QT_TRANSLATE_NOOP(
            "errors",
            "Ask an administrator to enable your login; your changes wait on this workstation.",
        ),
        login=login,
    )


@dataclass(frozen=True)
class Claim:
    """A contact the centre handed to this user, with its assignment, in storage form."""

    contact: Row
    assignment: Row | None


@dataclass(frozen=True)
class Taken:
    outcome: str  # 'claimed', 'mine', 'taken' or 'missing'
    claim: Claim | None


def measure_clock(central: Database) -> timedelta:
    """Reads the centre's clock and records its offset from this workstation's (app.clock)."""
    if central.is_sqlite:  # the embedded centre runs on this machine, on its clock
        now = clock.utcnow()
        return clock.learn_offset(now, now, now)
    asked = clock.utcnow()
    with central.driver_autocommit() as driver:
        theirs = driver.execute("SELECT clock_timestamp()").fetchone()[0]
    return clock.learn_offset(theirs, asked, clock.utcnow())


# -- the push -------------------------------------------------------------------------------------


def push(central: Database, who: Pusher, ops: list[Op]) -> Batch:
    """Sends one batch; the centre applies each operation once and answers it."""
    # PostgreSQL's text (and so its JSON) cannot hold a NUL character: such an operation would
    # make the whole batch fail for ever. The centre would refuse it; it is refused here.
    sendable = [op for op in ops if "\\u0000" not in json.dumps(op.payload)]
    if len(sendable) < len(ops):
        return _refuse_nul(central, who, ops, sendable)
    try:
        if central.is_sqlite:
            with storage_errors(central), central.engine.begin() as conn:
                return apply.apply_batch(conn, who, ops)
        return _push_pg(central, who, ops)
    except apply.NotAUser as exc:
        raise not_a_user(who.login) from exc
    except DBAPIError as exc:
        if sqlstate(exc) == "42501":
            raise not_a_user(who.login) from exc
        raise


def _refuse_nul(central: Database, who: Pusher, ops: list[Op], sendable: list[Op]) -> Batch:
    """Answers the operations before the first one holding a NUL, and refuses that one; the
    rest go with the next batch."""
    first = next(i for i, op in enumerate(ops) if op not in sendable)
    before = push(central, who, ops[:first]) if first else Batch([])
    if before.failure is not None or len(before.answers) < first:
        return before
    refusal = f"{INVALID}: a value holds a NUL character"
    return Batch([*before.answers, Answer(ops[first].seq, refusal)])


def _push_pg(central: Database, who: Pusher, ops: list[Op]) -> Batch:
    payload = json.dumps([op.wire() for op in ops])
    with central.driver_autocommit() as driver:
        answer = driver.execute(
            "SELECT relais_push(%s, %s::jsonb)", (who.workstation_id, payload)
        ).fetchone()[0]
    if answer.get("diverged"):
        raise Diverged(f"workstation {who.workstation_id} diverged")
    refused = {int(seq): reason for seq, reason in answer["refused"].items()}
    failed = answer.get("failed")
    failure = None
    if failed:
        failure = Failure(int(failed["seq"]), f"{failed['sqlstate']}: {failed['detail']}")
    return Batch(answers_upto(ops, int(answer["upto"]), refused), failure)


# -- claims, leases, release ----------------------------------------------------------------------


@functools.cache
def _claim_columns() -> str:
    return f"{stored.pg_columns(_CONTACT, '(r.c).')}, {stored.pg_columns(_ASSIGNMENT, '(r.a).')}"


@functools.cache
def _claim_next_sql() -> str:
    return f"SELECT {_claim_columns()} FROM relais_claim_next(%s, %s) r"


@functools.cache
def _take_sql() -> str:
    return f"SELECT r.outcome, {_claim_columns()} FROM relais_take(%s, %s) r"


_AT = len(_CONTACT.columns)  # where the assignment's columns start in a claim's row
_ASSIGNMENT_ID = _AT + stored.position(_ASSIGNMENT, "id")


def _split(row: Row) -> Claim:
    """A claim's row as its two rows; no assignment when its id (its key) is empty."""
    return Claim(row[:_AT], None if row[_ASSIGNMENT_ID] is None else row[_AT:])


def claim_next(central: Database, login: str, channels: list[str] | None) -> Claim | None:
    """The next contact in queue order for this user, claimed on the centre; None when none
    waits. At a shift's start twenty desks ask at once: one statement, one round trip."""
    assignment = new_id()
    if central.is_sqlite:
        with _embedded(central, login) as (conn, me):
            found = apply_claims.claim_next(conn, me, channels, assignment)
            return None if found is None else _read_claim(conn, *found)
    row = _one(central, login, _claim_next_sql(), (assignment, channels))
    return None if row is None else _split(row)


def take(central: Database, login: str, contact_id: uuid.UUID) -> Taken:
    """Claims one chosen contact (or finds it already this user's)."""
    assignment = new_id()
    if central.is_sqlite:
        with _embedded(central, login) as (conn, me):
            outcome, mine = apply_claims.take(conn, me, contact_id, assignment)
            if outcome == "missing":
                return Taken(outcome, None)
            claim = _read_claim(conn, contact_id, mine)
            if outcome == "taken":  # someone else's claim token stays theirs
                claim = Claim(_without_token(claim.contact), None)
            return Taken(outcome, claim)
    row = _answer(central, login, _take_sql(), (contact_id, assignment))
    outcome = row[0]
    return Taken(outcome, None if outcome == "missing" else _split(row[1:]))


def renew(central: Database, login: str, tokens: list[uuid.UUID]) -> int:
    """Renews the leases of these claims that are past half their time, by the centre's
    clock; returns how many."""
    if not tokens:
        return 0
    if central.is_sqlite:
        with _embedded(central, login) as (conn, me):
            return apply_claims.renew(conn, me, tokens)
    return int(_answer(central, login, "SELECT relais_renew(%s)", (tokens,))[0])


def release(central: Database, login: str, contact_id: uuid.UUID, token: uuid.UUID) -> bool:
    """Hands a contact this user holds back to the queue; False when the claim is no longer
    theirs."""
    if central.is_sqlite:
        with _embedded(central, login) as (conn, me):
            return apply_claims.release(conn, me, contact_id, token)
    return bool(_answer(central, login, "SELECT relais_release(%s, %s)", (contact_id, token))[0])


def _one(central: Database, login: str, sql: str, params: tuple[Any, ...]) -> Row | None:
    """The one row (or None) a call of the centre's functions answers, as ``login``: a login
    the centre no longer counts as an active user (42501) is told so. The error is looked at
    once ``driver_autocommit`` has wrapped and classified it, outside its block."""
    try:
        with central.driver_autocommit() as driver:
            row: Row | None = driver.execute(sql, params).fetchone()
            return row
    except DBAPIError as exc:
        if sqlstate(exc) == "42501":
            raise not_a_user(login) from exc
        raise


def _answer(central: Database, login: str, sql: str, params: tuple[Any, ...]) -> Row:
    """The row of a call that always answers one (``SELECT f(...)``)."""
    row = _one(central, login, sql, params)
    if row is None:  # a centre whose functions were changed under it
        raise RuntimeError(f"the centre answered no row to {sql.split('(')[0]}")
    return row


@contextlib.contextmanager
def _embedded(central: Database, login: str) -> Iterator[tuple[Connection, apply.User]]:
    """A transaction on the embedded centre as ``login``."""
    with storage_errors(central), central.engine.begin() as conn:
        try:
            me = apply.user(conn, login)
        except apply.NotAUser as exc:
            raise not_a_user(login) from exc
        yield conn, me


def _read_claim(conn: Connection, contact_id: uuid.UUID, assignment: uuid.UUID | None) -> Claim:
    contact = stored.fetch(conn, _CONTACT, [contact_id])[0]
    if assignment is None:
        return Claim(contact, None)
    return Claim(contact, stored.fetch(conn, _ASSIGNMENT, [assignment])[0])


def _without_token(contact: Row) -> Row:
    at = stored.position(_CONTACT, "claim_token")
    return tuple(None if i == at else v for i, v in enumerate(contact))
