"""The files a customer sent with a message: kept as bytes on the centre, never opened.

An e-mail's parts and a chat's media become ``attachment`` rows in the transaction that stores
their message (a chat's media a moment later, once the connector fetched it). A file over the
connector's limits, or one the platform would not give, is still a row — its name, its size as
declared and why it was not kept — so that the advisor knows the customer sent something. The
rows sync to the workstations with their messages; no user may write them (the centre's
connector functions alone do, ``relais_attach`` and ``relais_attachment_fetched``).
"""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, SmallInteger, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.enums import AttachmentState
from app.models.base import Base, IdMixin, enum_column


class Attachment(IdMixin, Base):
    __tablename__ = "attachment"
    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("message.id"))
    # The message's contact: the working set and the thread find the rows by it.
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contact.id"))
    # Its place among the message's files (one message's rows are unique by it).
    position: Mapped[int] = mapped_column(SmallInteger)
    # Sanitised by app.ingest.attachments: no folder parts, no control or direction characters.
    filename: Mapped[str] = mapped_column(String(255))
    # What the sender's program said the file is, and what its first bytes say it is: an
    # advisor is warned when they differ (a program named invoice.pdf).
    declared_type: Mapped[str] = mapped_column(String(127), default="")
    sniffed_type: Mapped[str] = mapped_column(String(127), default="")
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    sha256: Mapped[str | None] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    state: Mapped[AttachmentState] = mapped_column(enum_column(AttachmentState, 16))
    # Why it was not kept, in the connector's words ("larger than the 10 MB per file").
    reason: Mapped[str] = mapped_column(String(300), default="")
    # For a chat's media not fetched yet: the platform's reference (a URL, a media id).
    source: Mapped[str | None] = mapped_column(String(2000))
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    next_attempt_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_attachment_contact", "contact_id", "created_at"),
        Index("uq_attachment_message_position", "message_id", "position", unique=True),
        # The connectors' look for media to fetch, among the pending only.
        Index(
            "ix_attachment_pending",
            "next_attempt_at",
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
    )
