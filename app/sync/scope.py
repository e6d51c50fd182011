"""A workstation's working set: which of the centre's rows its copy keeps.

A copy keeps the reference data (teams, advisors, templates, reason codes, incidents, conflicts)
whole, and of the customer data only what its user works on: their own contacts, their team's
queue and recent contacts, and the whole history of every customer those contacts belong to.
Customers enter the set through ``desk_customer`` (on the centre, one row per user and customer):
when one of their contacts enters the user's queue or work, or when the user opens them from a
search. They leave it when, for ``RECENT``, none of their contacts has been the user's own or the
team's open or recent one and nobody opened them; the check then removes their rows from the
copy, unless something this workstation has not sent yet refers to them.

The conditions are SQL run by the centre, so they apply to the snapshot, to every page of the
pull and to the check alike. They exist on PostgreSQL only: the embedded SQLite centre serves one
machine, whose copy keeps everything.
"""

import uuid

from sqlalchemy import Connection, Table, text

from app.db import Database, storage_errors
from app.models import ContactStatus

RECENT = "14 days"  # how far back a copy keeps its team's contacts

# Membership is probed row by row through desk_customer's primary key. OFFSET 0 keeps the
# planner from turning the probe into a join that hashes the user's whole set, which for a
# page of a thousand rows among a hundred thousand kept customers costs thirty times more.
# The login is written as a literal: compared with session_user, PostgreSQL would not use the
# index (row-level security checks session_user as well).
_KEPT = (
    "EXISTS (SELECT 1 FROM desk_customer d WHERE d.login = {login} "
    "AND d.customer_id = {column} OFFSET 0)"
)
# Scalar subqueries, so each statement asks who is connected once, not once per row.
_ME = "(SELECT relais_me())"
_MY_TEAM = "(SELECT relais_my_team())"
_TEAM = f"({_MY_TEAM} IS NULL OR {{c}}.team_id = {_MY_TEAM} OR {{c}}.team_id IS NULL)"
_OPEN = f"('{ContactStatus.QUEUED.value}', '{ContactStatus.IN_PROGRESS.value}')"

# Contacts that bring their customer into the set: this user's own, and the team's open or
# recent ones.
_ENTERING = (
    "({c}.assigned_to = " + _ME + " OR (" + _TEAM + " AND ({c}.status IN " + _OPEN + " OR "
    "{c}.received_at > now() - interval '" + RECENT + "')))"
)
# Contacts kept: those, every contact of a kept customer, and the team's contacts with no
# customer (an unidentified sender's follow-up must find its parent).
_CONTACT = (
    "("
    + _ENTERING
    + " OR "
    + _KEPT.format(login="{login}", column="{c}.customer_id")
    + " OR ("
    + _TEAM
    + " AND {c}.customer_id IS NULL))"
)


def condition(conn: Connection, table: Table, alias: str) -> str | None:
    """The condition a row of ``table`` (named ``alias`` in the statement) meets when it
    belongs to the working set of the user connected by ``conn``; None for tables kept whole,
    and on the embedded centre, whose copy keeps everything."""
    if not applies(conn):
        return None
    login = "'" + str(conn.engine.url.username).replace("'", "''") + "'"
    if table.name == "customer":
        return _KEPT.format(login=login, column=f"{alias}.id")
    if table.name == "contact":
        return _CONTACT.format(login=login, c=alias)
    if "customer_id" in table.columns:
        return _KEPT.format(login=login, column=f"{alias}.customer_id")
    if "contact_id" in table.columns:
        kept = _CONTACT.format(login=login, c="k")
        return (
            f"EXISTS (SELECT 1 FROM contact k WHERE k.id = {alias}.contact_id AND {kept} OFFSET 0)"
        )
    return None


def history_condition(table: Table, alias: str) -> str | None:
    """The condition a row of ``table`` meets when it belongs to the history of the customers
    in the ``customers`` parameter (a uuid array); None for tables no history holds."""
    if table.name == "customer":
        return f"{alias}.id = ANY(%(customers)s)"
    if "customer_id" in table.columns:
        return f"{alias}.customer_id = ANY(%(customers)s)"
    if "contact_id" in table.columns:
        return (
            f"{alias}.contact_id IN (SELECT k.id FROM contact k "
            "WHERE k.customer_id = ANY(%(customers)s))"
        )
    return None


def applies(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


# The working set is written by the centre's own functions only (central migration e1b7c4a9d2f0),
# which take the user from the session's login and say the same as _ENTERING above.


def enter_all(conn: Connection) -> None:
    """Adds to the set every customer of a contact that brings one in; run inside the snapshot
    a first copy or a check reads, so that such a contact and its customer come together."""
    conn.execute(text("SELECT relais_enter_all()"))


def enter_through(conn: Connection, contacts: list[uuid.UUID]) -> set[uuid.UUID]:
    """Adds the customers of these contacts (fetched by a pull, so in the set) to it; returns
    those that were not in it yet. A customer created on this workstation, or one whose contact
    just entered the team's queue, enters this way."""
    if not contacts:
        return set()
    added = conn.scalars(text("SELECT relais_enter_through(:ids)"), {"ids": contacts})
    return set(added)


def enter(conn: Connection, customers: set[uuid.UUID]) -> None:
    """Adds these customers to the connected user's set, or renews their stay (a customer
    opened again stays another ``RECENT``). Ids the centre does not know (a customer whose
    creation it refused) are left out."""
    if customers:
        conn.execute(text("SELECT relais_keep(:ids)"), {"ids": sorted(customers)})


def stay(central: Database, customers: set[uuid.UUID]) -> None:
    """Renews these customers' stay in the set of the user connected to ``central`` (they were
    just opened); nothing on the embedded centre."""
    with storage_errors(central), central.engine.connect() as conn:
        if applies(conn):
            enter(conn, customers)
            conn.commit()


def leave_stale(conn: Connection) -> int:
    """Takes out of the set the customers the user has had no reason to keep for ``RECENT``:
    none of their contacts is the user's own or the team's open or recent one, and nobody
    opened them meanwhile. Their rows then leave the copy at its next check."""
    return int(conn.scalar(text("SELECT relais_leave_stale()")) or 0)
