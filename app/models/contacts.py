"""Contacts and everything written while working one: messages, notes, wrap-ups, follow-ups.

Messages, notes, wrap-ups and template usages are append-only: a correction is a new row, so
workstations never conflict over them. A contact's status and claim are the mutable part.
"""

import uuid
from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, SmallInteger, String, Text, and_
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.enums import Channel, ContactStatus, Direction, Outcome
from app.models.base import CENTRAL_ONLY, LOCAL_ONLY, Base, IdMixin, enum_column


class Incident(IdMixin, Base):
    """A service incident (payment outage, site down) that floods the queue with one topic."""

    __tablename__ = "incident"
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    expected_end_at: Mapped[datetime | None]
    # The template advisors are offered first while the incident lasts.
    template_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("template.id"))
    published_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))


class Contact(IdMixin, Base):
    """One customer request on one channel, from arrival in the queue to its close."""

    __tablename__ = "contact"
    reference: Mapped[str] = mapped_column(String(16), index=True)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    direction: Mapped[Direction] = mapped_column(enum_column(Direction), default=Direction.INBOUND)
    status: Mapped[ContactStatus] = mapped_column(enum_column(ContactStatus))
    customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customer.id"))
    sender_display: Mapped[str] = mapped_column(String(320), default="")
    sender_address: Mapped[str] = mapped_column(String(320), default="")
    subject: Mapped[str] = mapped_column(String(300), default="")
    preview: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str] = mapped_column(String(8), default="fr")
    priority: Mapped[int] = mapped_column(SmallInteger, default=1)
    risk_flag: Mapped[bool] = mapped_column(default=False)
    risk_reason: Mapped[str] = mapped_column(String(200), default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime]
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"))
    assigned_to: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))
    claim_token: Mapped[uuid.UUID | None]
    lease_until: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    incident_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("incident.id"))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contact.id"))
    call_started_at: Mapped[datetime | None]
    call_ended_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        Index("ix_contact_customer", "customer_id", "received_at"),
        Index("ix_contact_assigned", "assigned_to", "status"),
        # Customer search: the customers who wrote from an address (a handle they wrote from
        # is not always one of their identities), from the index alone.
        Index("ix_contact_sender", "sender_address", "customer_id"),
    )


class ContactAssignment(IdMixin, Base):
    """Who worked a contact and when; a contact passed between advisors has several."""

    __tablename__ = "contact_assignment"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), index=True)
    advisor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


class Message(IdMixin, Base):
    """A message of a contact's thread: an e-mail, a social post, a letter or a call record."""

    __tablename__ = "message"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"))
    direction: Mapped[Direction] = mapped_column(enum_column(Direction))
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))
    sender_display: Mapped[str] = mapped_column(String(320), default="")
    body_text: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str | None] = mapped_column(Text)
    # The centre's clock when it received the message: the thread's order. A workstation's own
    # clock stays in ``written_at`` (when it was written there, offline perhaps).
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    written_at: Mapped[datetime | None]
    external_id: Mapped[str | None] = mapped_column(String(400))
    in_reply_to: Mapped[str | None] = mapped_column(String(400))

    __table_args__ = (Index("ix_message_contact", "contact_id", "created_at"),)


class Note(IdMixin, Base):
    """An internal note: never sent to the customer."""

    __tablename__ = "note"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"))
    advisor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"))
    body: Mapped[str] = mapped_column(Text)
    during_call: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # the centre's, as a message's
    written_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_note_contact", "contact_id", "created_at"),)


class ReasonCode(IdMixin, Base):
    __tablename__ = "reason_code"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    label_en: Mapped[str] = mapped_column(String(120))
    label_fr: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(default=True)


class WrapUp(IdMixin, Base):
    """How one advisor closed (their part of) a contact, with their 1-4 self-assessment.

    ``share`` is the advisor's part of the contact when several worked it; ``supersedes_id``
    points at the wrap-up a correction replaces.
    """

    __tablename__ = "wrap_up"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), index=True)
    advisor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advisor.id"), index=True)
    reason_code_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reason_code.id"))
    outcome: Mapped[Outcome] = mapped_column(enum_column(Outcome))
    self_assessment: Mapped[int] = mapped_column(SmallInteger)
    share: Mapped[float] = mapped_column(Float, default=1.0)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("wrap_up.id"), index=True)

    # The current wrap-up of a contact by its holder, which the centre's review trigger asks for
    # every survey answer: on one advisor's index alone SQLite read all their wrap-ups each time.
    __table_args__ = (Index("ix_wrap_up_contact_advisor", "contact_id", "advisor_id"),)


class ReviewItem(IdMixin, Base):
    """A contact placed on the supervisors' review list (a self-assessment of 1 or 2, a lease
    lost, a conflict, a disagreement), and where its follow-up stands: ``state`` goes from
    "to_review" to "in_progress" (``taken_by`` a supervisor) to "done"."""

    __tablename__ = "review_item"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"), index=True)
    reason: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="to_review", server_default="to_review")
    taken_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advisor.id"))
    taken_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]


class Draft(Base):
    """The advisor's unsent reply, autosaved on the workstation only."""

    __tablename__ = "draft"
    __table_args__ = {"info": LOCAL_ONLY}  # noqa: RUF012
    contact_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


# The queue's order (priority, then due time): lets the database hand out any page of a
# 100,000-contact queue without sorting it all. Deliberately no index led by status: with one,
# SQLite filters on it and sorts the whole queue for every page (200 ms instead of 18 ms).
Index("ix_contact_queue_order", Contact.priority.desc(), Contact.due_at, Contact.id)
# What a claim walks: only the waiting contacts, in queue order (the full index above would make
# every claim step over all the contacts already taken and closed), and the lapsed leases.
_QUEUED = Contact.status == "queued"
_HELD = Contact.status == "in_progress"
Index(
    "ix_contact_waiting_order",
    Contact.priority.desc(),
    Contact.due_at,
    Contact.id,
    postgresql_where=_QUEUED,
    sqlite_where=_QUEUED,
)
Index("ix_contact_held_lease", Contact.lease_until, postgresql_where=_HELD, sqlite_where=_HELD)
# The back office's case list and figures (app.backoffice), the centre's alone: a team's closed
# contacts by close time, newest first, without walking the whole table.
_CLOSED = Contact.status == "closed"
Index(
    "ix_contact_closed",
    Contact.team_id,
    Contact.closed_at,
    postgresql_where=_CLOSED,
    sqlite_where=_CLOSED,
    info=CENTRAL_ONLY,
)
# What the queue panel reads on a workstation (app.services.queue), the copy's alone: the open
# contacts in queue order with every column the queue's filters test, so counting, mapping and
# paging a queue never leave the index (a 100,000-contact queue is mapped in one walk of it, not
# by 100,000 row look-ups, and any page is a seek), and the waiting follow-ups, for an advisor's
# own ("My follow-ups"). A query uses these partial indexes only if it repeats their condition
# word for word (SQLite's rule): app.services.queue writes it so.
_OPEN = Contact.status.in_(("queued", "in_progress"))
Index(
    "ix_contact_open_order",
    Contact.priority.desc(),
    Contact.due_at,
    Contact.id,
    Contact.status,
    Contact.channel,
    Contact.team_id,
    Contact.assigned_to,
    Contact.received_at,
    postgresql_where=_OPEN,
    sqlite_where=_OPEN,
    info=LOCAL_ONLY,
)
_WAITING_FOLLOW_UP = and_(Contact.status == "queued", Contact.parent_id.is_not(None))
Index(
    "ix_contact_follow_up_order",
    Contact.priority.desc(),
    Contact.due_at,
    Contact.id,
    Contact.channel,
    Contact.parent_id,
    postgresql_where=_WAITING_FOLLOW_UP,
    sqlite_where=_WAITING_FOLLOW_UP,
    info=LOCAL_ONLY,
)
