"""The numbers and tables that shape the generated data, shared by every seeding module.

Batch sizes, the stages reported to ``progress``, how contacts spread over channels, how often a
contact is a complaint, a transfer or gets a survey, and the fixed profile of the demo customers
all live here, so that ``customers``, ``contacts`` and the ``generator`` orchestrator read one
source of truth and tuning the shape of a demo or a load test means editing a single file.
"""

from collections.abc import Callable
from datetime import timedelta

from app.i18n import QT_TRANSLATE_NOOP
from app.models import Channel, IdentityKind
from app.seed import catalogue as cat
from app.service_levels import DUE_WITHIN

CUSTOMER_BATCH = 20_000  # customers per transaction (plus their ~2 identities each)
CONTACT_BATCH = 20_000  # contacts per transaction (plus ~6 rows each: messages, wrap-up...)
DEMO_CUSTOMERS = 10  # the first customers get long histories so a demo looks lived-in

Progress = Callable[[str, int, int], None]

STAGE_REFERENCE = QT_TRANSLATE_NOOP("seed", "Reference data")
STAGE_CUSTOMERS = QT_TRANSLATE_NOOP("seed", "Customers")
STAGE_CONTACTS = QT_TRANSLATE_NOOP("seed", "Past contacts")
STAGE_QUEUE = QT_TRANSLATE_NOOP("seed", "Queue")

SLA = DUE_WITHIN  # how long a contact may wait, by channel (app.service_levels)
# 40 % phone, 40 % e-mail, 18 % social networks, 2 % letters (cumulative thresholds).
CHANNEL_MIX: tuple[tuple[float, Channel], ...] = (
    (0.40, Channel.PHONE),
    (0.80, Channel.EMAIL),
    (0.86, Channel.FACEBOOK),
    (0.90, Channel.X),
    (0.93, Channel.INSTAGRAM),
    (0.98, Channel.WHATSAPP),
    (1.00, Channel.LETTER),
)
SOCIAL = frozenset({Channel.FACEBOOK, Channel.X, Channel.INSTAGRAM, Channel.WHATSAPP})
SOCIAL_KINDS: tuple[IdentityKind, ...] = (
    IdentityKind.FACEBOOK,
    IdentityKind.X,
    IdentityKind.INSTAGRAM,
    IdentityKind.WHATSAPP,
)
SNIPPETS = frozenset({"document_request_list", "responsible_gaming_reminder"})

COMPLAINT_SHARE = 0.08
SURVEY_SHARE = 0.06
UNIDENTIFIED_SHARE = 0.05
TRANSFER_SHARE = 0.03
MANAGER_EVALUATION_SHARE = 0.015
QUALITY_EVALUATION_SHARE = 0.01
REVIEW_WINDOW = timedelta(days=45)

# The advisor's 1-4 self-assessment: mostly satisfied, lower on complaints.
ASSESSMENT_WEIGHTS = (0.04, 0.11, 0.42, 0.43)
COMPLAINT_ASSESSMENT_WEIGHTS = (0.25, 0.40, 0.25, 0.10)
# How far the customer's own verdict lands from the advisor's: close, rarely far.
SURVEY_GAPS = (-2, -1, 0, 1, 2)
SURVEY_GAP_WEIGHTS = (0.04, 0.17, 0.58, 0.17, 0.04)

DEMO_LANGUAGES = ("fr", "fr", "en", "fr", "fr", "en", "fr", "fr", "fr", "en")
DEMO_SEGMENTS = (
    "vip",
    "standard",
    "standard",
    "at_risk",
    "new",
    "vip",
    "standard",
    "standard",
    "at_risk",
    "standard",
)
SEGMENT_NAMES = tuple(name for name, _w in cat.SEGMENTS)

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

FOLLOW_UPS_PLANNED_SINCE = timedelta(days=2)
"""Contacts closed this recently with "follow-up planned" have their follow-up seeded, still to
come; older ones are taken to be done."""
