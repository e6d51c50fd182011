"""What the back office's figures read of each contact, kept by the centre (app.backoffice.facts).

A contact's first reply, its advisors' time, its closing advisor's outcome and whether its
customer came back are looked up over messages, assignments, wrap-ups and later contacts: at a
million contacts, doing so for every dashboard costs seconds. The centre keeps the answer here
instead, one row per contact, brought up to date before each reading from the contacts whose
rows changed since (``contact_fact_stale``, filled by the centre's triggers). The centre's alone:
no workstation copies it, nobody but the centre writes it.
"""

import uuid
from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from app.enums import Channel
from app.models.base import CENTRAL_ONLY, Base, enum_column


class ContactFact(Base):
    """One contact's figures (app.backoffice.indicators says what each counts): its team,
    channel and times as the contact has them; ``closed_at`` and ``closer_id`` only once it
    is closed; ``answered_at`` its first reply or the call's answer; ``handled`` its
    assignments' seconds, ``advisors`` how many held it, ``talk`` the call's seconds;
    ``resolved`` the closing advisor's current wrap-up says so, ``transfer_said`` a current
    wrap-up says transferred, ``came_back`` its customer started another contact after it
    arrived and up to 7 days after it closed."""

    __tablename__ = "contact_fact"
    __table_args__ = (
        Index("ix_contact_fact_received_at", "received_at"),
        Index("ix_contact_fact_closed_at", "closed_at"),
        {"info": CENTRAL_ONLY},
    )
    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[uuid.UUID | None]
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    customer_started: Mapped[bool]
    received_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    closer_id: Mapped[uuid.UUID | None]
    answered_at: Mapped[datetime | None]
    handled: Mapped[float | None] = mapped_column(Float)
    advisors: Mapped[int]
    talk: Mapped[float | None] = mapped_column(Float)
    resolved: Mapped[bool]
    transfer_said: Mapped[bool]
    came_back: Mapped[bool]


class ContactFactStale(Base):
    """A contact whose facts are to be computed again: the centre's triggers note it when
    the contact, an outbound message, a wrap-up, an assignment's end or a later contact of
    the same customer changes what its facts say."""

    __tablename__ = "contact_fact_stale"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    contact_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
