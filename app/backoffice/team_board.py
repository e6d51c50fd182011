"""The supervisor's live view of their team, read from the centre (not the 14-day copy): who
holds which contact and since when, what waits in the queue, and every planned follow-up of
the team, due or overdue. Small reads (a team holds tens of contacts at once), all in SQL."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from app.backoffice.centre import BackOffice
from app.clock import utcnow
from app.enums import Channel, ContactStatus
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Advisor, Contact, ContactAssignment, Customer

FOLLOW_UPS_AHEAD = timedelta(days=7)
"""How far ahead the team's planned follow-ups are listed (overdue ones always are)."""


@dataclass(frozen=True)
class HeldContact:
    contact_id: uuid.UUID
    reference: str
    channel: Channel
    subject: str
    customer: str
    advisor: str
    held_since: datetime | None  # the holder's open assignment, by the centre's clock
    lease_until: datetime | None
    risk: bool


@dataclass(frozen=True)
class Waiting:
    channel: Channel
    count: int
    oldest: datetime | None  # the earliest arrival still waiting


@dataclass(frozen=True)
class PlannedFollowUp:
    contact_id: uuid.UUID
    reference: str
    channel: Channel
    customer: str
    planned_by: str  # who closed the contact it follows
    due_at: datetime


@dataclass(frozen=True)
class TeamBoard:
    read_at: datetime
    held: list[HeldContact]
    waiting: list[Waiting]
    follow_ups: list[PlannedFollowUp]

    def overdue(self) -> int:
        return sum(f.due_at < self.read_at for f in self.follow_ups)


def _team(office: BackOffice, query: Select, column: Any = Contact.team_id) -> Select:
    """The supervisor's team (and contacts of no team); an administrator's whole centre."""
    team = office.who.team_id
    if office.who.role.value == "admin" or team is None:
        return query
    return query.where(or_(column == team, column.is_(None)))


def _customer_name() -> Any:
    return func.coalesce(Customer.first_name + " " + Customer.last_name, Contact.sender_display)


def read(office: BackOffice) -> TeamBoard:
    """The board as the centre has it now (its clock reads ``read_at``)."""
    if not office.is_supervisor:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "The team's board is for supervisors."),
            QT_TRANSLATE_NOOP("errors", "Your own contacts and follow-ups are on your desk."),
        )
    holder = aliased(Advisor)
    open_part = (
        select(func.max(ContactAssignment.started_at))
        .where(
            ContactAssignment.contact_id == Contact.id,
            ContactAssignment.advisor_id == Contact.assigned_to,
            ContactAssignment.ended_at.is_(None),
        )
        .scalar_subquery()
    )
    held_query = _team(
        office,
        select(
            Contact.id,
            Contact.reference,
            Contact.channel,
            func.coalesce(func.nullif(Contact.subject, ""), Contact.preview),
            _customer_name(),
            holder.display_name,
            open_part,
            Contact.lease_until,
            Contact.risk_flag,
        )
        .outerjoin(Customer, Customer.id == Contact.customer_id)
        .outerjoin(holder, holder.id == Contact.assigned_to)
        .where(Contact.status == ContactStatus.IN_PROGRESS)
        .order_by(holder.display_name, open_part),
    )
    parent = aliased(Contact)
    planner = aliased(Advisor)
    with office.reader.reading() as conn:
        # The centre's clock: the embedded centre's is this machine's.
        now = utcnow() if office.reader.is_sqlite else _aware(conn.scalar(select(func.now())))
        assert now is not None
        waiting_query = _team(
            office,
            select(Contact.channel, func.count(), func.min(Contact.received_at))
            .where(Contact.status == ContactStatus.QUEUED, Contact.received_at <= now)
            .group_by(Contact.channel)
            .order_by(Contact.channel),
        )
        follow_query = _team(
            office,
            select(
                Contact.id,
                Contact.reference,
                Contact.channel,
                _customer_name(),
                planner.display_name,
                Contact.due_at,
            )
            .join(parent, parent.id == Contact.parent_id)
            .outerjoin(planner, planner.id == parent.assigned_to)
            .outerjoin(Customer, Customer.id == Contact.customer_id)
            .where(
                and_(Contact.status == ContactStatus.QUEUED, Contact.parent_id.is_not(None)),
                Contact.due_at < now + FOLLOW_UPS_AHEAD,
            )
            .order_by(Contact.due_at),
        )
        held = [
            HeldContact(r[0], r[1], Channel(r[2]), r[3] or "", r[4] or "", r[5] or "",
                        _aware(r[6]), _aware(r[7]), bool(r[8]))
            for r in conn.execute(held_query)
        ]  # fmt: skip
        waiting = [Waiting(Channel(c), n, _aware(o)) for c, n, o in conn.execute(waiting_query)]
        follow_ups = [
            PlannedFollowUp(r[0], r[1], Channel(r[2]), r[3] or "", r[4] or "", r[5])
            for r in conn.execute(follow_query)
        ]
    return TeamBoard(now, held, waiting, follow_ups)


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
