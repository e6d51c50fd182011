"""What a connector hands the centre, and what the centre answers.

The connector parses and normalises (an e-mail's MIME, a platform's JSON, a phone number to
E.164); the centre decides the rest — whether it has the message already, which thread and which
customer it belongs to, its priority, when it is due — by its own clock and rules.
"""

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime

from app.enums import Channel, IdentityKind
from app.ingest.attachments import IncomingFile


class Outcome(enum.StrEnum):
    NEW = "new"
    """A new contact in the queue."""
    JOINED = "joined"
    """A message added to the open contact of its thread."""
    FOLLOW_ON = "follow_on"
    """A new contact, its thread's contact being closed: linked to it as its parent."""
    DUPLICATE = "duplicate"
    """Received before (a redelivery, a mailbox read again): nothing stored."""
    IGNORED = "ignored"
    """An automatic message (out-of-office, bulk, delivery report) with no open thread: it opens
    no contact, so that two automatic responders never answer each other."""


@dataclass(frozen=True)
class Inbound:
    channel: Channel
    key: str
    """The message's id on its channel (an e-mail's Message-ID): one delivery stored once."""
    sender_display: str
    sender_address: str
    """Normalised as identities are (app.identities), so that it matches them."""
    identity: tuple[IdentityKind, str] | None
    subject: str
    body_text: str
    body_html: str | None = None
    """Already sanitised (app.sanitize): the centre stores nothing that could load content."""
    written_at: datetime | None = None
    """When the sender says it was written; the centre's clock orders the thread."""
    thread_keys: tuple[str, ...] = ()
    """The ids of the messages it answers, nearest first (In-Reply-To, then References)."""
    quoted_reference: str | None = None
    """A contact reference (R-XXXX-XXXX) found in the subject."""
    language: str | None = None
    automatic: str = ""
    """Why it was sent by a program rather than a person ("" when by a person)."""
    team: str | None = None
    """The team of the mailbox or page it came to, by name."""
    bounce: tuple[str, str] | None = None
    """For a report that one of the centre's replies failed: that reply's id on the channel
    and the reason the report gives."""
    customer_account: str | None = None
    """For a letter: the account number written on it, which names its customer."""
    files: tuple[IncomingFile, ...] = ()
    """Its attachments, within the connector's limits (app.ingest.attachments), stored with it
    in the same transaction."""


@dataclass(frozen=True)
class Received:
    outcome: Outcome
    contact_id: uuid.UUID | None
    message_id: uuid.UUID | None
    reference: str | None
