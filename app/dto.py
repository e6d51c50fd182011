"""Plain, frozen values handed from the services to the interface.

The interface never sees an ORM instance: a lazy load on the GUI thread would be a freeze, and a
detached instance an error. Everything it shows is copied into these records inside the session.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from app.enums import (
    AttachmentState,
    Channel,
    ContactStatus,
    DeliveryState,
    Direction,
    IdentityKind,
    Outcome,
    Role,
)
from app.ingest.attachments import is_dangerous, type_mismatch


@dataclass(frozen=True)
class Who:
    """The signed-in user."""

    advisor_id: uuid.UUID
    login: str
    display_name: str
    role: Role
    team_id: uuid.UUID | None
    team_name: str

    @property
    def first_name(self) -> str:
        return self.display_name.split(" ")[0]


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows. Empty ``channels`` means every channel."""

    channels: frozenset[Channel] = frozenset()
    statuses: frozenset[ContactStatus] = frozenset(
        {ContactStatus.QUEUED, ContactStatus.IN_PROGRESS}
    )
    mine_only: bool = False
    follow_ups: bool = False
    """Instead of the queue: the advisor's own planned follow-ups (of contacts they closed)
    still waiting, due by the end of today or already overdue, in the queue's order."""


@dataclass(frozen=True)
class QueueKey:
    """A contact's place in the queue order (priority descending, then due time, then id): a
    keyset page starts from one with a seek on the order index, not by counting rows."""

    priority: int
    due_at: datetime
    id: uuid.UUID


@dataclass(frozen=True)
class QueueBucket:
    """The contacts of one priority in a queue: where they start in the list, how many they
    are, and some of their keys with their places among them (the first one first)."""

    priority: int
    start: int
    count: int
    positions: tuple[int, ...]
    keys: tuple[QueueKey, ...]


@dataclass(frozen=True)
class QueueIndex:
    """A position-to-key map of one queue, taken in one walk of the order index: the page at
    any row (the last, or the middle the scroll bar was dropped on) is found by a seek from the
    nearest kept key before it, a few hundred index entries away at most."""

    count: int
    buckets: tuple[QueueBucket, ...]


@dataclass(frozen=True)
class FollowUpCounts:
    """The advisor's own follow-ups still waiting: due by the end of today (overdue ones
    included), and of those, overdue."""

    today: int
    overdue: int


@dataclass(frozen=True)
class QueueRow:
    id: uuid.UUID
    reference: str
    channel: Channel
    status: ContactStatus
    customer_id: uuid.UUID | None
    customer_name: str
    sender_display: str
    subject: str
    preview: str
    received_at: datetime
    due_at: datetime
    priority: int
    risk_flag: bool
    risk_reason: str
    assigned_to_name: str
    assigned_to_me: bool
    follow_up_of: str = ""
    """The reference of the closed contact this one follows up ("" for a customer's contact)."""
    reply_failed: bool = False
    """The contact's last reply did not reach the customer (app.models.deliveries)."""

    @property
    def key(self) -> QueueKey:
        return QueueKey(self.priority, self.due_at, self.id)

    @property
    def who(self) -> str:
        """The customer's name, or the unidentified sender as they wrote."""
        return self.customer_name or self.sender_display

    @property
    def summary(self) -> str:
        return self.subject or self.preview


@dataclass(frozen=True)
class DeliveryView:
    """What became of a reply on its channel, as the centre last said (the copy's row)."""

    state: DeliveryState
    reason: str
    """``kind: the channel's words`` as the connector or the centre wrote it ("" when none):
    refused, deferred, unreachable, login, bounced, expired, bad_address, no_address (e-mail);
    rejected, throttled, offline, token (the social platforms, app.connectors.platforms)."""
    updated_at: datetime
    next_attempt_at: datetime

    @property
    def kind(self) -> str:
        return self.reason.partition(":")[0].strip()

    @property
    def words(self) -> str:
        """The server's or the platform's own words, as they said them."""
        said = self.reason.partition(":")[2].strip()
        if self.kind == "expired":  # the last attempt's reason, itself with its kind
            said = said.partition(":")[2].strip()
        return said


@dataclass(frozen=True)
class AttachmentView:
    """A file that came with a message, as the thread lists it (its bytes stay in the copy
    until the advisor saves it: app.services.attachments)."""

    id: uuid.UUID
    filename: str
    declared_type: str
    sniffed_type: str
    size: int
    state: AttachmentState
    reason: str
    scan: bytes | None = None
    """A letter's scan (PDF, PNG or JPEG), read with the thread so that the view can show it:
    decoded by Qt from these bytes, nothing else opens it."""

    @property
    def dangerous(self) -> bool:
        """A program or a script, whatever its name says."""
        return is_dangerous(self.sniffed_type, self.filename)

    @property
    def mismatched(self) -> bool:
        """Its bytes say it is something else than the sender said."""
        return type_mismatch(self.declared_type, self.sniffed_type)


@dataclass(frozen=True)
class MessageView:
    id: uuid.UUID
    direction: Direction
    sender: str
    body_text: str
    body_html: str | None
    created_at: datetime
    delivery: DeliveryView | None = None
    """None for a customer's message, a call's record, and a reply not yet at the centre."""
    unsent: bool = False
    """A reply still on this workstation, waiting for the sync to take it to the centre."""
    files: tuple[AttachmentView, ...] = ()


@dataclass(frozen=True)
class NoteView:
    id: uuid.UUID
    author: str
    body: str
    during_call: bool
    created_at: datetime


@dataclass(frozen=True)
class WrapUpView:
    advisor: str
    reason_code: str
    reason_label_en: str
    reason_label_fr: str
    outcome: Outcome
    self_assessment: int
    share: float
    created_at: datetime


@dataclass(frozen=True)
class FollowUpView:
    """A callback or written reply planned when a contact was closed, as a wrap-up shows it."""

    reference: str
    kind: str  # "callback" or "reply"
    due_at: datetime
    status: ContactStatus


@dataclass(frozen=True)
class SurveyView:
    csat: int  # 1-5, as the customer answered
    nps: int | None
    effort: int | None
    comment: str
    answered_at: datetime


@dataclass(frozen=True)
class ContactDetail:
    """A contact's whole thread and what was written about it."""

    id: uuid.UUID
    reference: str
    channel: Channel
    status: ContactStatus
    customer_id: uuid.UUID | None
    sender_display: str
    sender_address: str
    subject: str
    language: str
    priority: int
    risk_flag: bool
    risk_reason: str
    received_at: datetime
    due_at: datetime
    closed_at: datetime | None
    call_started_at: datetime | None
    call_ended_at: datetime | None
    assigned_to_me: bool
    messages: tuple[MessageView, ...]
    notes: tuple[NoteView, ...]
    wrap_ups: tuple[WrapUpView, ...]
    surveys: tuple[SurveyView, ...]
    follow_up_of: str = ""
    """The reference of the contact this one follows up (a planned callback or reply)."""
    follow_ups: tuple[FollowUpView, ...] = ()
    """The follow-ups planned when this contact was closed."""

    @property
    def workable(self) -> bool:
        """Whether the signed-in advisor may write on it (else it is shown read-only)."""
        return self.assigned_to_me and self.status == ContactStatus.IN_PROGRESS


@dataclass(frozen=True)
class IdentityView:
    kind: IdentityKind
    value: str
    display: str
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class CustomerProfile:
    id: uuid.UUID
    first_name: str
    last_name: str
    language: str
    segment: str
    tags: tuple[str, ...]
    account_number: str | None
    postal_address: str | None
    identities: tuple[IdentityView, ...]
    created_at: datetime
    merged_into: uuid.UUID | None = None
    """Set when a supervisor merged this customer into another: open that one instead."""
    merged_into_name: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class HistoryRow:
    """One past (or current) contact in a customer's timeline."""

    contact_id: uuid.UUID
    reference: str
    received_at: datetime
    channel: Channel
    status: ContactStatus
    subject: str
    reason_label_en: str
    reason_label_fr: str
    outcome: Outcome | None
    self_assessment: int | None
    csat: int | None  # the survey's CSAT on the self-assessment's 1-4 scale (app.backoffice.scales)
    advisor: str


@dataclass(frozen=True)
class CustomerMatch:
    id: uuid.UUID
    full_name: str
    detail: str
    segment: str
    merged_from: str = ""
    """The name the search found, when it was a customer merged into this one."""
    estate: str = ""
    """The legal estate of the customer's segment (``segment_apart``), given when the matches
    span several: customers of different estates are kept apart, and shown so."""


@dataclass(frozen=True)
class Found:
    matches: list[CustomerMatch]
    local_only: bool  # the centre did not answer: only this workstation's copy was searched


@dataclass(frozen=True)
class TemplateSummary:
    id: uuid.UUID
    key: str
    title: str
    category: str
    language: str
    channels: tuple[str, ...]
    body: str
    version: int


@dataclass(frozen=True)
class TemplateInsertion:
    """A template put into a reply, remembered until sending to record its usage."""

    template_id: uuid.UUID
    version: int
    inserted_text: str


@dataclass(frozen=True)
class ReasonCodeView:
    id: uuid.UUID
    code: str
    label_en: str
    label_fr: str
    category: str

    def label(self, language: str) -> str:
        return self.label_fr if language.startswith("fr") else self.label_en


@dataclass(frozen=True)
class FollowUpRequest:
    """A callback or reply to place in the queue after closing."""

    kind: str  # "callback" or "reply"
    due_at: datetime


@dataclass(frozen=True)
class CloseRequest:
    contact_id: uuid.UUID
    reason_code_id: uuid.UUID
    outcome: Outcome
    self_assessment: int
    comment: str = ""
    follow_up: FollowUpRequest | None = None


@dataclass(frozen=True)
class CloseResult:
    contact_id: uuid.UUID
    follow_up_id: uuid.UUID | None
    on_review_list: bool


@dataclass(frozen=True)
class Claimed:
    contact_id: uuid.UUID
    reference: str
    customer_id: uuid.UUID | None


@dataclass(frozen=True)
class NewIdentity:
    kind: IdentityKind
    text: str


@dataclass(frozen=True)
class NewCustomer:
    first_name: str
    last_name: str
    language: str = "fr"
    identities: tuple[NewIdentity, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SyncProblem:
    """A change that did not go through as written: refused by the centre, or a value that lost
    a conflict (kept so a supervisor can see it and restore it by hand)."""

    kind: str  # "refused" | "pending" (the centre failed on it) | "conflict"
    at: datetime
    who: str
    what: str  # table (and field)
    value: str  # what was written and did not stand
    reason: str  # the refusal's reason, or the value that won
