"""What a workstation's copy should hold, worked out by the test from its own record.

The fault runs compare each copy with the centre. Comparing it with what the program's own
working-set conditions select (``app.sync.scope``) would hold the program to itself: a wrong
condition would pass. This module states the working set again from the README's words, in
Python over the centre's rows as its owner reads them, and with what the test itself recorded
(which contacts each desk was told it claimed):

* the customers kept are those with a contact that is the user's own (the test's journal of
  claims), or open (queued, in progress), or received within the last 14 days — for a user with
  no team every team's contacts count — at the start of the run or at its end;
* the contacts kept are those, every contact of a kept customer, and those with no customer;
* a row that belongs to a customer or to a contact follows it; everything else (teams,
  advisors, templates, reason codes, incidents, conflicts) is kept whole;
* row-level security still applies: the centre is read through the user's own login for the
  rows' values, so what that login may not read (others' wrap-ups, others' claim tokens) is not
  expected either. A claim token is expected on the contacts the centre says the user holds.

Rows are compared as Python values through SQLAlchemy on both sides (not in the copy's storage
form, which is the program's own code too).
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, select

from app.models import Contact, ContactStatus
from app.sync.rows import shared_tables

RECENT = timedelta(days=14)  # "the team's queued, in-progress and last-14-days contacts"
OPEN = (ContactStatus.QUEUED, ContactStatus.IN_PROGRESS)


@dataclass(frozen=True)
class ContactFacts:
    id: uuid.UUID
    customer_id: uuid.UUID | None
    status: ContactStatus
    received_at: datetime


def contacts(owner: Connection) -> tuple[list[ContactFacts], datetime]:
    """Every contact of the centre, as its owner reads it, and the centre's time."""
    rows = owner.execute(
        select(Contact.id, Contact.customer_id, Contact.status, Contact.received_at)
    ).all()
    now = owner.scalar(select(func.now()))
    return [ContactFacts(*row) for row in rows], now


def entering_customers(
    facts: Iterable[ContactFacts], now: datetime, own: set[uuid.UUID]
) -> set[uuid.UUID]:
    """Customers a teamless user's copy takes in: those of the user's own contacts, of the
    open ones and of the recent ones."""
    return {
        c.customer_id
        for c in facts
        if c.customer_id is not None
        and (c.id in own or c.status in OPEN or c.received_at > now - RECENT)
    }


def kept_contacts(facts: Iterable[ContactFacts], customers: set[uuid.UUID]) -> set[uuid.UUID]:
    """Contacts the copy keeps: those of kept customers and those with no customer (open,
    own and recent contacts with a customer are among the first: their customer is kept)."""
    return {c.id for c in facts if c.customer_id is None or c.customer_id in customers}


def _key(table: Table) -> str | None:
    if table.name == "customer":
        return "customer"
    if table.name == "contact":
        return "contact"
    if "customer_id" in table.columns:
        return "customer_id"
    if "contact_id" in table.columns:
        return "contact_id"
    return None


def expected_rows(
    user: Connection,
    owner: Connection,
    table: Table,
    customers: set[uuid.UUID],
    kept: set[uuid.UUID],
    holder: uuid.UUID,
) -> dict[Any, tuple[Any, ...]]:
    """The rows of ``table`` the copy of the user connected by ``user`` should hold, by id: what
    that login may read, cut down to the test's working set."""
    readable = [c for c in table.columns if c.name != "claim_token"]
    rows = user.execute(select(*readable)).mappings().all()
    key = _key(table)
    if key == "customer":
        rows = [r for r in rows if r["id"] in customers]
    elif key == "contact":
        rows = [r for r in rows if r["id"] in kept]
    elif key == "customer_id":
        rows = [r for r in rows if r["customer_id"] in customers]
    elif key == "contact_id":
        rows = [r for r in rows if r["contact_id"] in kept]
    tokens: dict[uuid.UUID, Any] = {}
    if table.name == "contact":
        tokens = dict(
            owner.execute(
                select(Contact.id, Contact.claim_token).where(
                    Contact.assigned_to == holder, Contact.status == ContactStatus.IN_PROGRESS
                )
            ).all()
        )
    return {
        r["id"]: tuple(
            tokens.get(r["id"]) if c.name == "claim_token" else r[c.name] for c in table.columns
        )
        for r in rows
    }


def copy_rows(local: Connection, table: Table) -> dict[Any, tuple[Any, ...]]:
    """The rows of ``table`` in a workstation's copy, by id, as Python values."""
    return {row.id: tuple(row) for row in local.execute(select(table))}


def differences(
    user: Connection,
    owner: Connection,
    local: Connection,
    customers: set[uuid.UUID],
    kept: set[uuid.UUID],
    holder: uuid.UUID,
) -> tuple[dict[str, str], int]:
    """Shared tables whose copy differs from what the test expects, each with how (rows
    missing, rows too many, rows whose values differ); and how many rows were expected."""
    found: dict[str, str] = {}
    compared = 0
    for table in shared_tables():
        want = expected_rows(user, owner, table, customers, kept, holder)
        have = copy_rows(local, table)
        compared += len(want)
        missing = want.keys() - have.keys()
        extra = have.keys() - want.keys()
        changed = [i for i in want.keys() & have.keys() if want[i] != have[i]]
        if missing or extra or changed:
            examples = sorted(map(str, [*missing, *extra, *changed]))[:2]
            found[table.name] = (
                f"{len(missing)} missing, {len(extra)} too many, {len(changed)} differing "
                f"of {len(want)} expected (e.g. {examples})"
            )
    return found, compared
