"""The supervisors' review list: contacts flagged for a look (a low self-assessment, a lease
lost, a conflict, a disagreement), each to review, in progress (taken by a supervisor) or done.

A supervisor sees and works their team's items (by the contact's team), an administrator every
team's. Taking an item another supervisor took is a Conflict naming them, never a silent
takeover. The centre's functions ``relais_review_take`` and ``relais_review_done`` decide on
PostgreSQL; the embedded centre runs the same rules here. A workstation's push cannot set an
item's state (``sql/3fe0ed6959e9_20_guards.sql``).
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, text, update
from sqlalchemy.orm import aliased

from app.backoffice import visibility
from app.backoffice.centre import BackOffice
from app.backoffice.refusals import Refused, call
from app.clock import utcnow
from app.enums import Channel, Role
from app.errors import Conflict, InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Advisor, Contact, ReviewItem
from app.sync.apply import User

TO_REVIEW, IN_PROGRESS, DONE = "to_review", "in_progress", "done"
STATES = (TO_REVIEW, IN_PROGRESS, DONE)
PAGE_MAX = 500


@dataclass(frozen=True)
class ReviewFilter:
    """Which items; empty sets keep every state or reason. ``team_id`` is an administrator's
    choice (a supervisor's list is their team's)."""

    states: frozenset[str] = frozenset({TO_REVIEW, IN_PROGRESS})
    reasons: frozenset[str] = frozenset()
    team_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ReviewRow:
    id: uuid.UUID
    contact_id: uuid.UUID
    reference: str
    channel: Channel
    closed_at: datetime | None
    advisor_id: uuid.UUID | None  # who holds or closed the contact
    advisor: str
    reason: str  # "low_self_assessment", "lease_lost", ...
    state: str  # to_review | in_progress | done
    created_at: datetime
    created_by: str
    taken_by_id: uuid.UUID | None
    taken_by: str
    taken_at: datetime | None
    done_at: datetime | None


@dataclass(frozen=True)
class ReviewPage:
    rows: tuple[ReviewRow, ...]
    count: int
    offset: int = 0
    limit: int = 100
    filter: ReviewFilter = field(default_factory=ReviewFilter)


def _supervisors_only() -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "Only supervisors and administrators work the review list."),
    )


def _held(name: str) -> Conflict:
    return Conflict(
        QT_TRANSLATE_NOOP("errors", "{name} has already taken this item."),
        QT_TRANSLATE_NOOP("errors", "Leave it to them, or ask them to hand it over."),
        name=name,
    )


def _finished(name: str) -> Conflict:
    return Conflict(
        QT_TRANSLATE_NOOP("errors", "This item is already done (by {name})."),
        QT_TRANSLATE_NOOP("errors", "Reload the review list."),
        name=name,
    )


def _columns() -> tuple[Any, ...]:
    creator, taker, holder = aliased(Advisor), aliased(Advisor), aliased(Advisor)
    return (
        (
            ReviewItem.id,
            ReviewItem.contact_id,
            Contact.reference,
            Contact.channel,
            Contact.closed_at,
            Contact.assigned_to,
            holder.display_name,
            ReviewItem.reason,
            ReviewItem.state,
            ReviewItem.created_at,
            creator.display_name,
            ReviewItem.taken_by,
            taker.display_name,
            ReviewItem.taken_at,
            ReviewItem.done_at,
        ),
        creator,
        taker,
        holder,
    )


def _select(office: BackOffice, *conditions: Any) -> Any:
    columns, creator, taker, holder = _columns()
    return (
        select(*columns)
        .join(Contact, Contact.id == ReviewItem.contact_id)
        .outerjoin(holder, holder.id == Contact.assigned_to)
        .outerjoin(creator, creator.id == ReviewItem.created_by)
        .outerjoin(taker, taker.id == ReviewItem.taken_by)
        .where(visibility.review_items(office, ReviewItem), *conditions)
    )


def _row(r: Any) -> ReviewRow:
    return ReviewRow(
        id=r[0],
        contact_id=r[1],
        reference=r[2],
        channel=Channel(r[3]),
        closed_at=r[4],
        advisor_id=r[5],
        advisor=r[6] or "",
        reason=r[7],
        state=r[8],
        created_at=r[9],
        created_by=r[10] or "",
        taken_by_id=r[11],
        taken_by=r[12] or "",
        taken_at=r[13],
        done_at=r[14],
    )


def review_list(
    office: BackOffice, flt: ReviewFilter | None = None, limit: int = 100, offset: int = 0
) -> ReviewPage:
    """One page of the review list, newest first, and the count of the whole list."""
    flt = flt or ReviewFilter()
    if not 1 <= limit <= PAGE_MAX or offset < 0:
        raise ValueError(f"a page is 1 to {PAGE_MAX} rows from offset 0 on")
    who = office.who
    if not office.is_supervisor:
        raise _supervisors_only()
    conditions: list[Any] = []
    if who.role == Role.SUPERVISOR:
        if flt.team_id not in (None, who.team_id) or who.team_id is None:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "You review the cases of your own team only."),
                QT_TRANSLATE_NOOP("errors", "Ask an administrator or a quality reviewer."),
            )
        conditions.append(Contact.team_id == who.team_id)
    elif flt.team_id is not None:
        conditions.append(Contact.team_id == flt.team_id)
    if flt.states:
        conditions.append(ReviewItem.state.in_(sorted(flt.states)))
    if flt.reasons:
        conditions.append(ReviewItem.reason.in_(sorted(flt.reasons)))
    query = _select(office, *conditions)
    with office.reader.reading() as conn:
        count = conn.scalar(
            select(func.count()).select_from(query.with_only_columns(ReviewItem.id).subquery())
        )
        rows = conn.execute(
            query.order_by(ReviewItem.created_at.desc(), ReviewItem.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    return ReviewPage(tuple(_row(r) for r in rows), int(count or 0), offset, limit, flt)


def _item_for(conn: Connection, me: User, item_id: uuid.UUID) -> Any:
    """relais_review_item_for: the item, for a supervisor of its contact's team or an admin."""
    item = conn.execute(
        select(ReviewItem.state, ReviewItem.taken_by, ReviewItem.taken_at, Contact.team_id)
        .outerjoin(Contact, Contact.id == ReviewItem.contact_id)
        .where(ReviewItem.id == item_id)
    ).first()
    if me.role not in (Role.SUPERVISOR, Role.ADMIN) or (
        me.role == Role.SUPERVISOR and (item is None or me.team is None or item.team_id != me.team)
    ):
        raise Refused("review_rights")
    if item is None:
        raise Refused("no_item")
    return item


def take(office: BackOffice, item_id: uuid.UUID) -> ReviewRow:
    """Takes the item (to review -> in progress) for the user; already theirs, it stays so."""

    def embedded(conn: Connection, me: User) -> tuple[str, uuid.UUID | None]:
        item = _item_for(conn, me, item_id)
        if item.state == DONE:
            return ("finished", item.taken_by)
        if item.state == IN_PROGRESS:
            return ("mine" if item.taken_by == me.id else "held", item.taken_by)
        conn.execute(
            update(ReviewItem)
            .where(ReviewItem.id == item_id)
            .values(state=IN_PROGRESS, taken_by=me.id, taken_at=utcnow())
        )
        return ("taken", me.id)

    statement = text("SELECT outcome, holder FROM public.relais_review_take(:id)").bindparams(
        id=item_id
    )
    return _answer(office, item_id, call(office, statement, embedded))


def done(office: BackOffice, item_id: uuid.UUID) -> ReviewRow:
    """Marks the item done by the user (taking it at once if nobody had)."""

    def embedded(conn: Connection, me: User) -> tuple[str, uuid.UUID | None]:
        item = _item_for(conn, me, item_id)
        if item.state == DONE:
            return ("finished", item.taken_by)
        if item.state == IN_PROGRESS and item.taken_by != me.id:
            return ("held", item.taken_by)
        now = utcnow()
        conn.execute(
            update(ReviewItem)
            .where(ReviewItem.id == item_id)
            .values(state=DONE, taken_by=me.id, taken_at=item.taken_at or now, done_at=now)
        )
        return ("done", me.id)

    statement = text("SELECT outcome, holder FROM public.relais_review_done(:id)").bindparams(
        id=item_id
    )
    return _answer(office, item_id, call(office, statement, embedded))


def _answer(office: BackOffice, item_id: uuid.UUID, answer: Any) -> ReviewRow:
    outcome, holder = answer[0], answer[1]
    with office.db.reading() as conn:  # not a replica that may lag behind
        if outcome in ("held", "finished"):
            name = conn.scalar(select(Advisor.display_name).where(Advisor.id == holder)) or "?"
            raise (_held if outcome == "held" else _finished)(name)
        return _row(conn.execute(_select(office, ReviewItem.id == item_id)).one())
