"""The centre's per-contact facts (app.models.facts): how they are computed, once, and brought
up to date before a reading.

``fact_rows`` is the one definition (what each fact means: app.backoffice.indicators). On the
embedded SQLite centre ``refresh`` runs it for the contacts marked stale, in the reading's own
process. On PostgreSQL no user may write the table: ``relais_refresh_facts()``, a function of
the centre's, runs the same statement compiled for PostgreSQL and frozen in the migration that
made it (``sql/d5a1f3b7c9e2_facts.sql``); ``tests/backoffice/test_facts.py`` fails when the two
differ, so a change here comes with a migration that freezes the new text.
"""

from typing import Any

from sqlalchemy import (
    Connection,
    FromClause,
    Select,
    and_,
    case,
    delete,
    false,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import aliased

from app.backoffice.indicators_time import seconds_between
from app.db import Database, allow_long_statements, storage_errors
from app.enums import Channel, ContactStatus, Direction, Outcome
from app.models import Contact, ContactAssignment, ContactFact, ContactFactStale, Message, WrapUp
from app.models.base import table_of

REPEAT_WINDOW_SECONDS = 7 * 86400
"""First-contact resolution: the customer's next contact must not come within 7 days."""

COLUMNS = [c.name for c in table_of(ContactFact).columns]


def fact_rows(ids: FromClause) -> Select[Any]:
    """The facts of the contacts whose ids ``ids.c.contact_id`` lists, one row each, in the
    order of ``COLUMNS``. Set-based: derived tables joined once, not a look-up per contact."""
    closed = Contact.status == ContactStatus.CLOSED
    base = (
        select(
            Contact.id,
            Contact.team_id,
            Contact.channel,
            Contact.parent_id.is_(None).label("customer_started"),
            Contact.received_at,
            case((closed, Contact.closed_at), else_=None).label("closed_at"),
            case((closed, Contact.assigned_to), else_=None).label("closer_id"),
            Contact.customer_id,
            Contact.call_started_at,
            Contact.call_ended_at,
        )
        .join(ids, ids.c.contact_id == Contact.id)
        .cte("facts_of")
    )
    m = aliased(Message)
    replies = (
        select(m.contact_id, func.min(m.created_at).label("first_reply"))
        .join(base, base.c.id == m.contact_id)
        .where(m.direction == Direction.OUTBOUND, m.created_at >= base.c.received_at)
        .group_by(m.contact_id)
        .subquery("replies")
    )
    a = aliased(ContactAssignment)
    held = (
        select(
            a.contact_id,
            func.sum(
                seconds_between(a.started_at, func.coalesce(a.ended_at, base.c.closed_at))
            ).label("handled"),
            func.count(func.distinct(a.advisor_id)).label("advisors"),
        )
        .join(base, base.c.id == a.contact_id)
        .group_by(a.contact_id)
        .subquery("held")
    )
    later = aliased(WrapUp)
    w = aliased(WrapUp)
    live = (
        select(
            w.contact_id,
            w.outcome,
            (w.advisor_id == base.c.closer_id).label("closer"),
            func.row_number()
            .over(
                partition_by=(w.contact_id, w.advisor_id),
                order_by=(w.created_at.desc(), w.id.desc()),
            )
            .label("rank"),
        )
        .join(base, base.c.id == w.contact_id)
        .where(~select(later.id).where(later.supersedes_id == w.id).exists())
        .subquery("live")
    )
    resolved = and_(live.c.closer, live.c.rank == 1, live.c.outcome == Outcome.RESOLVED)
    outcomes = (
        select(
            live.c.contact_id,
            func.max(case((resolved, 1), else_=0)).label("resolved"),
            func.max(case((live.c.outcome == Outcome.TRANSFERRED, 1), else_=0)).label(
                "transfer_said"
            ),
        )
        .group_by(live.c.contact_id)
        .subquery("outcomes")
    )
    k = aliased(Contact)
    came_back = (
        select(k.id)
        .where(
            k.customer_id == base.c.customer_id,
            k.id != base.c.id,
            k.parent_id.is_(None),
            k.received_at > base.c.received_at,
            seconds_between(base.c.closed_at, k.received_at) <= REPEAT_WINDOW_SECONDS,
        )
        .exists()
    )
    talk = case(
        (
            and_(base.c.call_started_at.is_not(None), base.c.call_ended_at.is_not(None)),
            seconds_between(base.c.call_started_at, base.c.call_ended_at),
        ),
        else_=None,
    )
    answered = case(
        (base.c.channel == Channel.PHONE, base.c.call_started_at), else_=replies.c.first_reply
    )
    return (
        select(
            base.c.id.label("contact_id"),
            base.c.team_id,
            base.c.channel,
            base.c.customer_started,
            base.c.received_at,
            base.c.closed_at,
            base.c.closer_id,
            answered.label("answered_at"),
            case((base.c.closed_at.is_not(None), held.c.handled), else_=None).label("handled"),
            func.coalesce(held.c.advisors, 0).label("advisors"),
            talk.label("talk"),
            (func.coalesce(outcomes.c.resolved, 0) == 1).label("resolved"),
            (func.coalesce(outcomes.c.transfer_said, 0) == 1).label("transfer_said"),
            case(
                (and_(base.c.closed_at.is_not(None), base.c.customer_id.is_not(None)), came_back),
                else_=false(),
            ).label("came_back"),
        )
        .select_from(base)
        .outerjoin(replies, replies.c.contact_id == base.c.id)
        .outerjoin(held, held.c.contact_id == base.c.id)
        .outerjoin(outcomes, outcomes.c.contact_id == base.c.id)
    )


def refresh_statement() -> Any:
    """PostgreSQL's refresh, one statement: the stale marks taken (a mark written meanwhile by
    another transaction waits for this one, then stays for the next refresh) and the facts of
    their contacts written over the old ones."""
    taken = delete(ContactFactStale).returning(ContactFactStale.contact_id).cte("taken")
    upsert = postgresql.insert(ContactFact).from_select(COLUMNS, fact_rows(taken))
    return upsert.on_conflict_do_update(
        index_elements=[ContactFact.contact_id],
        set_={name: upsert.excluded[name] for name in COLUMNS if name != "contact_id"},
    )


def refresh_sql() -> str:
    """The refresh compiled for PostgreSQL, as ``relais_refresh_facts()`` runs it: every name
    schema-qualified (the function searches pg_catalog and pg_temp only). SQLAlchemy renders
    a schema translation as a placeholder, filled at execution; here it is filled in."""
    compiled = refresh_statement().compile(
        dialect=postgresql.dialect(),
        schema_translate_map={None: "public"},
        compile_kwargs={"literal_binds": True},
    )
    return str(compiled).replace("__[SCHEMA__none].", "public.")


def refresh(conn: Connection) -> None:
    """Brings the facts up to date (in the connection's transaction on SQLite; PostgreSQL's
    function commits with the statement that calls it)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.public.relais_refresh_facts()))
        return
    stale = select(ContactFactStale.contact_id).subquery("stale")
    if conn.execute(select(literal(1)).select_from(stale).limit(1)).first() is None:
        return
    conn.execute(delete(ContactFact).where(ContactFact.contact_id.in_(select(stale.c.contact_id))))
    conn.execute(insert(ContactFact).from_select(COLUMNS, fact_rows(stale)))
    conn.execute(delete(ContactFactStale))


def bring_up_to_date(db: Database) -> None:
    """``refresh`` in a transaction of its own, before a reading's snapshot: on PostgreSQL on
    the centre itself (a read replica receives the facts from it)."""
    with storage_errors(db), db.engine.connect() as conn, conn.begin():
        if not db.is_sqlite:
            allow_long_statements(conn, REFRESH_SECONDS)
        refresh(conn)


REFRESH_SECONDS = 300
"""A refresh after a long pause (the first after an upgrade) may take minutes at a million."""


def mark_all(conn: Connection) -> None:
    """Every contact's facts to compute again (a new centre's backfill, a bulk seed)."""
    conn.execute(delete(ContactFactStale))
    conn.execute(insert(ContactFactStale).from_select(["contact_id"], select(Contact.id)))
