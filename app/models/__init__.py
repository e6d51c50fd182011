"""The whole domain schema; importing this package registers every table on ``Base.metadata``."""

from app.models.base import Base, table_of
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
from app.models.people import Advisor, Role, Team
from app.models.quality import Evaluation, EvaluatorKind, SurveyAnswer
from app.models.sync import (
    AppliedOps,
    CentreLogin,
    CentreRole,
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
    "Base",
    "CentreLogin",
    "CentreRole",
    "ChangeLog",
    "Channel",
    "Contact",
    "ContactAssignment",
    "ContactStatus",
    "Customer",
    "CustomerIdentity",
    "DeskCustomer",
    "Direction",
    "Draft",
    "Evaluation",
    "EvaluatorKind",
    "IdentityKind",
    "Incident",
    "LocalState",
    "Message",
    "Note",
    "OutboxOp",
    "Outcome",
    "ReasonCode",
    "ReviewItem",
    "Role",
    "SurveyAnswer",
    "SyncConflict",
    "SyncRefusal",
    "Team",
    "Template",
    "TemplateUsage",
    "TemplateVersion",
    "WrapUp",
    "table_of",
]
