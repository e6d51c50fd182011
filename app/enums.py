"""The domain's closed vocabularies, free of any storage or interface library.

The interface and the services share them; the ORM models store their values.
"""

import enum


class Channel(enum.StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    FACEBOOK = "facebook"
    X = "x"
    INSTAGRAM = "instagram"
    WHATSAPP = "whatsapp"
    LETTER = "letter"


class ContactStatus(enum.StrEnum):
    QUEUED = "queued"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class Direction(enum.StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class DeliveryState(enum.StrEnum):
    """Where a reply is on its way to the customer, as the centre last heard from its channel."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    DELIVERED = "delivered"
    READ = "read"


class AttachmentState(enum.StrEnum):
    """Whether the centre holds an attachment's bytes, and when it does not, why."""

    KEPT = "kept"
    PENDING = "pending"
    """A chat's media the connector has yet to fetch from the platform."""
    TOO_LARGE = "too_large"
    """Over the connector's limit per file or per message: name and size kept, no bytes."""
    FAILED = "failed"
    """The platform would not give it (gone, refused, down for too long): the reason kept."""


class Outcome(enum.StrEnum):
    RESOLVED = "resolved"
    FOLLOW_UP = "follow_up"
    TRANSFERRED = "transferred"
    ESCALATED = "escalated"
    NO_ANSWER_NEEDED = "no_answer_needed"


class IdentityKind(enum.StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    FACEBOOK = "facebook"
    X = "x"
    INSTAGRAM = "instagram"
    WHATSAPP = "whatsapp"


class Role(enum.StrEnum):
    ADVISOR = "advisor"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class EvaluatorKind(enum.StrEnum):
    MANAGER = "manager"
    QUALITY = "quality"
