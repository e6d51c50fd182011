"""What the channels call the messages they deliver, kept by the centre alone.

A platform redelivers a webhook when the answer was slow, an IMAP mailbox is read again after a
restart: the message's own id (an e-mail's Message-ID, a platform's message id) is recorded once
per channel, in the transaction that stores the message, so that a second delivery finds it and
stores nothing. A reply finds its thread by the same ids (In-Reply-To, References). Workstations
never need it: the table is the centre's only, and only its functions read it.
"""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.models.base import CENTRAL_ONLY, Base


class ChannelKey(Base):
    __tablename__ = "channel_key"
    __table_args__ = {"info": CENTRAL_ONLY}  # noqa: RUF012
    channel: Mapped[str] = mapped_column(String(24), primary_key=True)
    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    # Written first, to claim the key before the message exists: checked at commit.
    message_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("message.id", deferrable=True, initially="DEFERRED")
    )
    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contact.id", deferrable=True, initially="DEFERRED"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
