"""The whole domain schema; importing this package registers every table on ``Base.metadata``."""

from app.models.attachments import Attachment
from app.models.base import Base, table_of
from app.models.channels import ChannelKey
from app.models.contacts import (
    Channel,
    Contact,
    ContactAssignment,
    ContactStatus,
    Direction,
    Draft,
    Incident,
    Message,
    Note,
    Outcome,
    ReasonCode,
    ReviewItem,
    WrapUp,
)
from app.models.customers import Customer, CustomerIdentity, IdentityKind
from app.models.deliveries import Delivery
from app.models.facts import ContactFact, ContactFactStale
from app.models.merges import CustomerMerge, IdentityRemoval, SegmentApart
from app.models.people import Advisor, Role, Team
from app.models.quality import (
    Evaluation,
    EvaluationReply,
    EvaluatorKind,
    Scorecard,
    ScorecardVersion,
    SurveyAnswer,
    Verbatim,
)
from app.models.sync import (
    AppliedOps,
    CentreLogin,
    CentreRole,
    CentreSecret,
    ChangeLog,
    DeskCustomer,
    LocalState,
    OutboxOp,
    SyncConflict,
    SyncRefusal,
)
from app.models.templates import Template, TemplateUsage, TemplateVersion

__all__ = [
    "Advisor",
    "AppliedOps",
    "Attachment",
    "Base",
    "CentreLogin",
    "CentreRole",
    "CentreSecret",
    "ChangeLog",
    "Channel",
    "ChannelKey",
    "Contact",
    "ContactAssignment",
    "ContactFact",
    "ContactFactStale",
    "ContactStatus",
    "Customer",
    "CustomerIdentity",
    "CustomerMerge",
    "Delivery",
    "DeskCustomer",
    "Direction",
    "Draft",
    "Evaluation",
    "EvaluationReply",
    "EvaluatorKind",
    "IdentityKind",
    "IdentityRemoval",
    "Incident",
    "LocalState",
    "Message",
    "Note",
    "OutboxOp",
    "Outcome",
    "ReasonCode",
    "ReviewItem",
    "Role",
    "Scorecard",
    "ScorecardVersion",
    "SegmentApart",
    "SurveyAnswer",
    "SyncConflict",
    "SyncRefusal",
    "Team",
    "Template",
    "TemplateUsage",
    "TemplateVersion",
    "Verbatim",
    "WrapUp",
    "table_of",
]
