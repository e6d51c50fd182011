"""How each reply is getting to its customer: written by the centre alone, read everywhere.

A workstation's reply is only a message until the centre takes it; in that transaction the
centre queues its delivery, and from then on only the channel's connector moves it (through the
centre's functions, stamped with the centre's clock): sent, failed with the channel's reason,
delivered or read where the channel says so. The row syncs to the workstations like the message
it belongs to, so that the advisor's screen says what really happened to the reply.
"""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.enums import Channel, DeliveryState
from app.models.base import Base, IdMixin, enum_column


class Delivery(IdMixin, Base):
    __tablename__ = "delivery"
    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("message.id"), unique=True)
    # The contact's, for the working set and the queue's "reply failed" mark.
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"))
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    state: Mapped[DeliveryState] = mapped_column(enum_column(DeliveryState, 16))
    # The channel's own words for a failure or a retry ("550 5.1.1 mailbox unknown").
    reason: Mapped[str] = mapped_column(String(300), default="")
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    # While a connector is sending it: another takes it only once this has passed.
    lease_until: Mapped[datetime | None]
    # What the channel calls the sent message (an e-mail's Message-ID): bounces and receipts
    # find their reply by it.
    external_id: Mapped[str | None] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        # The connectors' look for what is due, among the queued only.
        Index(
            "ix_delivery_due",
            "channel",
            "next_attempt_at",
            postgresql_where=text("state = 'queued'"),
            sqlite_where=text("state = 'queued'"),
        ),
        Index("ix_delivery_external", "channel", "external_id"),
        # A contact's latest reply, for the queue's mark, from the index alone.
        Index("ix_delivery_contact", "contact_id", "created_at"),
    )
