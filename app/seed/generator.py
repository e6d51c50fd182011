"""Fills a central database with reference data and fictional customers, contacts and a queue.

Two uses with one code path: the demo (a few hundred customers whose histories look real, seeded
in seconds when Relais starts without a centre) and load tests (millions of customers, to see
how search, sync and reports behave at the size of a real operator, 5 million customers).

Speed is what shapes the code. Rows are plain dictionaries inserted in batches with
``_bulk(session, Model, rows)`` — no ORM object per row — and each batch is its own
transaction, so memory stays flat and an interrupted run keeps what it committed. What the
contact phase needs to know about each customer is kept in compact arrays (16 bytes of id, two
name indexes and a few flag bytes), and everything else about a customer (e-mail, phone,
address, account number) is derived from its number, not stored.

Everything random comes from one ``random.Random(rng_seed)``, so a seed and a ``now`` give the
same people, texts and times; only the ids (time-ordered UUIDs) and the references derived from
them differ between runs.
"""

import contextlib
import json
import random
import time
import unicodedata
import uuid
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.db import Database
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id, short_reference
from app.models import (
    Advisor,
    Channel,
    Contact,
    ContactAssignment,
    ContactStatus,
    Customer,
    CustomerIdentity,
    Direction,
    Evaluation,
    EvaluatorKind,
    IdentityKind,
    Incident,
    Message,
    Note,
    Outcome,
    ReasonCode,
    ReviewItem,
    Role,
    SurveyAnswer,
    Team,
    Template,
    TemplateUsage,
    TemplateVersion,
    WrapUp,
)
from app.placeholders import check_known, fill
from app.risk import RiskAssessment, assess, priority_for
from app.seed import catalogue as cat

MAX_CUSTOMERS = 20_000_000
MAX_CONTACTS = 50_000_000
MAX_QUEUE = 5_000_000

CUSTOMER_BATCH = 10_000  # customers per transaction (plus their ~2 identities each)
CONTACT_BATCH = 2_000  # contacts per transaction (plus ~4 rows each: messages, wrap-up...)
DEMO_CUSTOMERS = 10  # the first customers get long histories so a demo looks lived-in
SQLITE_CACHE_KIB = 256 * 1024  # page cache while seeding; only used as the file grows

Progress = Callable[[str, int, int], None]

STAGE_REFERENCE = QT_TRANSLATE_NOOP("seed", "Reference data")
STAGE_CUSTOMERS = QT_TRANSLATE_NOOP("seed", "Customers")
STAGE_CONTACTS = QT_TRANSLATE_NOOP("seed", "Past contacts")
STAGE_QUEUE = QT_TRANSLATE_NOOP("seed", "Queue")

# How long a contact may wait, by channel: a callback within the hour, social networks within
# two, e-mail within a day, letters within three.
SLA: dict[Channel, timedelta] = {
    Channel.PHONE: timedelta(hours=1),
    Channel.EMAIL: timedelta(hours=24),
    Channel.FACEBOOK: timedelta(hours=2),
    Channel.X: timedelta(hours=2),
    Channel.INSTAGRAM: timedelta(hours=2),
    Channel.WHATSAPP: timedelta(hours=2),
    Channel.LETTER: timedelta(hours=72),
}
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

TEMPLATE_FIELDS = ("key", "category", "language", "channels", "title", "body")
REASON_FIELDS = ("code", "label_en", "label_fr", "category")
LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class SeedReport:
    """How many rows of each kind one run inserted (reference data already there is skipped)."""

    teams: int = 0
    advisors: int = 0
    reason_codes: int = 0
    templates: int = 0
    template_versions: int = 0
    customers: int = 0
    identities: int = 0
    contacts: int = 0  # past, closed contacts
    queued: int = 0
    complaints: int = 0
    unidentified: int = 0
    messages: int = 0
    notes: int = 0
    assignments: int = 0
    wrap_ups: int = 0
    review_items: int = 0
    survey_answers: int = 0
    evaluations: int = 0
    template_usages: int = 0
    incidents: int = 0
    seconds: float = field(default=0.0, compare=False)


@contextlib.contextmanager
def _batch(db: Database) -> Iterator[Session]:
    """One batch, one transaction. On SQLite the connection gets a large page cache first: the
    name and identity indexes are filled in random order, and with SQLite's default 2 MB cache
    a million customers would spend their time re-reading index pages."""
    with db.session() as session:
        if db.is_sqlite:
            session.execute(sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}"))
        yield session


def _bulk(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """One executemany of plain dictionaries. Inserting into the model's table rather than the
    ORM entity skips the ORM's per-row bookkeeping: half the time, for the same SQL."""
    session.execute(insert(model.__table__), rows)


# --- Checking what was asked ---------------------------------------------------------------


def validate_sizes(customers: int, contacts: int, queue: int) -> None:
    """Refuses sizes that are negative, beyond what a test centre needs, or contacts without
    customers, before anything is written."""
    if customers < 0 or contacts < 0 or queue < 0:
        raise InputError(
            QT_TRANSLATE_NOOP(
                "errors",
                "Sizes cannot be negative (customers {customers}, contacts {contacts}, "
                "queue {queue}).",
            ),
            QT_TRANSLATE_NOOP("errors", "Give 0 or a positive number for each."),
            customers=customers,
            contacts=contacts,
            queue=queue,
        )
    if customers > MAX_CUSTOMERS:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "{value:,} customers is more than the {limit:,} allowed."),
            QT_TRANSLATE_NOOP("errors", "Ask for {limit:,} customers or fewer."),
            value=customers,
            limit=MAX_CUSTOMERS,
        )
    if contacts > MAX_CONTACTS:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "{value:,} contacts is more than the {limit:,} allowed."),
            QT_TRANSLATE_NOOP("errors", "Ask for {limit:,} contacts or fewer."),
            value=contacts,
            limit=MAX_CONTACTS,
        )
    if queue > MAX_QUEUE:
        raise InputError(
            QT_TRANSLATE_NOOP(
                "errors", "{value:,} queued contacts is more than the {limit:,} allowed."
            ),
            QT_TRANSLATE_NOOP("errors", "Ask for {limit:,} queued contacts or fewer."),
            value=queue,
            limit=MAX_QUEUE,
        )
    if customers == 0 and (contacts > 0 or queue > 0):
        raise InputError(
            QT_TRANSLATE_NOOP(
                "errors",
                "Contacts need customers: {contacts} contacts and {queue} queued contacts were "
                "asked for, with no customers.",
            ),
            QT_TRANSLATE_NOOP("errors", "Ask for at least one customer, or for no contacts."),
            contacts=contacts,
            queue=queue,
        )


def validate_reason_codes(rows: Sequence[dict[str, Any]]) -> None:
    """Refuses a reason-code file with a missing field or a code given twice."""
    seen: set[str] = set()
    for row in rows:
        code = str(row.get("code") or "?")
        for name in REASON_FIELDS:
            if not isinstance(row.get(name), str) or not row[name].strip():
                raise InputError(
                    QT_TRANSLATE_NOOP("errors", "Reason code “{code}” has no {field}."),
                    QT_TRANSLATE_NOOP(
                        "errors", "Every reason code needs a code, both labels and a category."
                    ),
                    code=code,
                    field=name,
                )
        if code in seen:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "The reason code “{code}” is given twice."),
                QT_TRANSLATE_NOOP("errors", "Give each reason code its own code."),
                code=code,
            )
        seen.add(code)


def validate_templates(rows: Sequence[dict[str, Any]]) -> None:
    """Refuses a template library Relais could not use: a missing field, a key given twice, an
    unknown language or channel, or a placeholder that nothing can fill (it would stay in every
    reply as ``{{...}}`` and block sending)."""
    seen: set[str] = set()
    channels = {c.value for c in Channel}
    for row in rows:
        key = str(row.get("key") or "?")
        for name in TEMPLATE_FIELDS:
            if not row.get(name):
                raise InputError(
                    QT_TRANSLATE_NOOP("errors", "Template “{key}” has no {field}."),
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "Every template needs a key, a category, a language, channels, a title "
                        "and a body.",
                    ),
                    key=key,
                    field=name,
                )
        if key in seen:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "Two templates have the key “{key}”."),
                QT_TRANSLATE_NOOP("errors", "Give each template its own key."),
                key=key,
            )
        seen.add(key)
        if row["language"] not in LANGUAGES:
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors", "Template “{key}” is in an unknown language “{language}”."
                ),
                QT_TRANSLATE_NOOP("errors", "Use fr or en."),
                key=key,
                language=row["language"],
            )
        unknown = [c for c in row["channels"] if c not in channels]
        if unknown or not isinstance(row["channels"], list):
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors", "Template “{key}” names an unknown channel “{channel}”."
                ),
                QT_TRANSLATE_NOOP("errors", "Channels are: {known}."),
                key=key,
                channel=unknown[0] if unknown else row["channels"],
                known=", ".join(sorted(channels)),
            )
        for text in (row["title"], row["body"]):
            check_known(key, text)


# --- Reference data ------------------------------------------------------------------------


def read_reference_files() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The reason codes and the default template library shipped in the ``resources`` package."""
    root = resources.files("resources")
    codes = json.loads(root.joinpath("reason_codes.json").read_text(encoding="utf-8"))
    templates = json.loads(
        root.joinpath("templates", "default_templates.json").read_text(encoding="utf-8")
    )
    return codes, templates


def load_reference_data(session: Session) -> None:
    """Inserts the reason codes and templates (each with its version 1) that are not there yet.

    Everything is checked before anything is written, so a bad file changes nothing. Running it
    again adds only what is new (matched by code and by key); it never overwrites a template an
    administrator edited.
    """
    _load_reference_data(session)


def _load_reference_data(session: Session) -> tuple[int, int]:
    codes, templates = read_reference_files()
    validate_reason_codes(codes)
    validate_templates(templates)
    now = utcnow()
    existing_codes = set(session.scalars(select(ReasonCode.code)))
    code_rows = [
        {
            "id": new_id(),
            "code": row["code"],
            "label_en": row["label_en"],
            "label_fr": row["label_fr"],
            "category": row["category"],
            "active": True,
        }
        for row in codes
        if row["code"] not in existing_codes
    ]
    if code_rows:
        _bulk(session, ReasonCode, code_rows)
    existing_keys = set(session.scalars(select(Template.key)))
    template_rows: list[dict[str, Any]] = []
    version_rows: list[dict[str, Any]] = []
    for row in templates:
        if row["key"] in existing_keys:
            continue
        template_id = new_id()
        template_rows.append(
            {
                "id": template_id,
                "key": row["key"],
                "category": row["category"],
                "language": row["language"],
                "channels": list(row["channels"]),
                "title": row["title"],
                "body": row["body"],
                "current_version": 1,
                "active": True,
            }
        )
        version_rows.append(
            {
                "id": new_id(),
                "template_id": template_id,
                "version": 1,
                "title": row["title"],
                "body": row["body"],
                "created_at": now,
                "author_id": None,
            }
        )
    if template_rows:
        _bulk(session, Template, template_rows)
        _bulk(session, TemplateVersion, version_rows)
    return len(code_rows), len(template_rows)


# --- People -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Advisor:
    id: uuid.UUID
    first_name: str
    display_name: str
    team_id: uuid.UUID | None
    language: str
    bias: float  # > 0: tends to believe customers happier than they say


def _people(
    session: Session, rng: random.Random
) -> tuple[list[_Advisor], dict[str, Any], int, int]:
    """Teams and advisors, created when missing (by name and login) so a second run reuses
    them. Returns the advisors who work contacts, the reviewers, and what was created."""
    teams = {t.name: t.id for t in session.scalars(select(Team))}
    new_teams = [{"id": new_id(), "name": name} for name in cat.TEAMS if name not in teams]
    if new_teams:
        _bulk(session, Team, new_teams)
        teams.update({row["name"]: row["id"] for row in new_teams})
    team1, team2 = (teams[name] for name in cat.TEAMS)
    wanted: list[tuple[str, str, Role, uuid.UUID | None, str]] = [
        (cat.DEMO_ADVISOR[1], cat.DEMO_ADVISOR[0], Role.ADVISOR, team1, "fr"),
        (cat.SUPERVISOR[1], cat.SUPERVISOR[0], Role.SUPERVISOR, team1, "fr"),
        (
            cat.SECOND_TEAM_SUPERVISOR[1],
            cat.SECOND_TEAM_SUPERVISOR[0],
            Role.SUPERVISOR,
            team2,
            "fr",
        ),
        (cat.QUALITY_REVIEWER[1], cat.QUALITY_REVIEWER[0], Role.SUPERVISOR, None, "fr"),
        (cat.ADMINISTRATOR[1], cat.ADMINISTRATOR[0], Role.ADMIN, None, "fr"),
    ]
    for n, (display, login, language) in enumerate(cat.OTHER_ADVISORS):
        wanted.append((login, display, Role.ADVISOR, team1 if n % 2 == 0 else team2, language))
    existing = {a.login: a for a in session.scalars(select(Advisor))}
    new_rows = [
        {
            "id": new_id(),
            "login": login,
            "display_name": display,
            "role": role,
            "team_id": team_id,
            "language": language,
            "active": True,
        }
        for login, display, role, team_id, language in wanted
        if login not in existing
    ]
    if new_rows:
        _bulk(session, Advisor, new_rows)
    ids = {login: a.id for login, a in existing.items()}
    ids.update({row["login"]: row["id"] for row in new_rows})
    workers: list[_Advisor] = []
    for login, display, role, team_id, language in wanted:
        if role != Role.ADVISOR:
            continue
        # The demo advisor is a little optimistic, as many are; the others vary both ways.
        bias = 0.15 if login == cat.DEMO_ADVISOR[1] else round(rng.uniform(-0.25, 0.45), 2)
        workers.append(_Advisor(ids[login], display.split()[0], display, team_id, language, bias))
    reviewers = {
        "managers": {team1: ids[cat.SUPERVISOR[1]], team2: ids[cat.SECOND_TEAM_SUPERVISOR[1]]},
        "quality": ids[cat.QUALITY_REVIEWER[1]],
        "team1": team1,
        "team2": team2,
    }
    return workers, reviewers, len(new_teams), len(new_rows)


# --- Customers ------------------------------------------------------------------------------


_SLUGS: dict[str, str] = {}


def _slug(name: str) -> str:
    """ "Le Gall" → "legall", "Jérôme" → "jerome": what goes into addresses and handles."""
    slug = _SLUGS.get(name)
    if slug is None:
        bare = unicodedata.normalize("NFKD", name)
        slug = "".join(ch for ch in bare if ch.isascii() and ch.isalnum()).lower()
        _SLUGS[name] = slug
    return slug


def _weighted(rng: random.Random, weights: Sequence[float]) -> int:
    r = rng.random() * sum(weights)
    for index, weight in enumerate(weights):
        r -= weight
        if r < 0:
            return index
    return len(weights) - 1


@dataclass(frozen=True)
class _Person:
    id: uuid.UUID
    number: int
    first_name: str
    last_name: str
    language: str
    segment: str
    has_phone: bool
    social: IdentityKind | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def account_number(self) -> str:
        return f"C{self.number:08d}"

    @property
    def email(self) -> str:
        return _email(self.first_name, self.last_name, self.number)

    @property
    def phone(self) -> str:
        return _phone(self.language, self.number)

    @property
    def handle(self) -> str:
        return _handle(self.first_name, self.last_name, self.number)

    @property
    def address(self) -> str:
        return _postal_address(self.language, self.number)


def _email(first: str, last: str, number: int) -> str:
    domain = cat.EMAIL_DOMAINS[number % len(cat.EMAIL_DOMAINS)]
    return f"{_slug(first)}.{_slug(last)}{number}@{domain}"


def _phone(language: str, number: int) -> str:
    # Fiction blocks only (see app.identities.FICTION_PREFIXES): 10,000 French and 1,000 British
    # numbers, so beyond that several customers share a number, as families sometimes do.
    if language == "en":
        return f"+447700900{number % 1000:03d}"
    return f"+3363998{number % 10000:04d}"


def _phone_display(e164: str) -> str:
    if e164.startswith("+44"):
        return f"0{e164[3:7]} {e164[7:]}"
    digits = "0" + e164[3:]
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def _handle(first: str, last: str, number: int) -> str:
    return f"{_slug(first)}_{_slug(last)}{number}"


def _postal_address(language: str, number: int) -> str:
    """Derived from the customer's number, so it never needs storing for letters."""
    house = number * 7 % 140 + 1
    if language == "en":
        city, postcode = cat.CITIES_EN[number * 31 % len(cat.CITIES_EN)]
        street = cat.STREETS_EN[number * 13 % len(cat.STREETS_EN)]
        return f"{house} {street}, {city} {postcode} {number % 9 + 1}AB"
    city, postcode = cat.CITIES_FR[number * 31 % len(cat.CITIES_FR)]
    street = cat.STREETS_FR[number * 13 % len(cat.STREETS_FR)]
    return f"{house} {street}, {postcode} {city}"


class _Population:
    """What the contact phase needs about each customer made in this run, in a few bytes each."""

    def __init__(self, offset: int) -> None:
        self.offset = offset  # customers already in the database: numbers continue after them
        self.ids = bytearray()
        self.first = array("H")
        self.last = array("H")
        self.language = bytearray()  # 0 fr, 1 en
        self.segment = bytearray()
        self.phone = bytearray()
        self.social = bytearray()  # 0 none, else 1 + index in SOCIAL_KINDS

    def __len__(self) -> int:
        return len(self.language)

    def person(self, index: int) -> _Person:
        en = self.language[index] == 1
        firsts = cat.FIRST_NAMES_EN if en else cat.FIRST_NAMES_FR
        lasts = cat.LAST_NAMES_EN if en else cat.LAST_NAMES_FR
        social = self.social[index]
        return _Person(
            id=uuid.UUID(bytes=bytes(self.ids[16 * index : 16 * index + 16])),
            number=self.offset + index + 1,
            first_name=firsts[self.first[index]],
            last_name=lasts[self.last[index]],
            language="en" if en else "fr",
            segment=SEGMENT_NAMES[self.segment[index]],
            has_phone=bool(self.phone[index]),
            social=SOCIAL_KINDS[social - 1] if social else None,
        )


def _seed_customers(
    db: Database,
    rng: random.Random,
    count: int,
    now: datetime,
    keep: bool,
    counts: Counter[str],
    progress: Progress | None,
) -> _Population:
    with db.session() as s:
        offset = s.scalar(select(func.count()).select_from(Customer)) or 0
    population = _Population(offset)
    random_ = rng.random
    randrange = rng.randrange
    segment_weights = [w for _name, w in cat.SEGMENTS]
    segment_cum = [sum(segment_weights[: i + 1]) for i in range(len(segment_weights))]
    tag_odds = {name: list(odds.items()) for name, odds in cat.TAG_ODDS.items()}
    n_first = (len(cat.FIRST_NAMES_FR), len(cat.FIRST_NAMES_EN))
    n_last = (len(cat.LAST_NAMES_FR), len(cat.LAST_NAMES_EN))
    famous = cat.FAMOUS_COMBINATIONS
    for start in range(0, count, CUSTOMER_BATCH):
        end = min(count, start + CUSTOMER_BATCH)
        customers: list[dict[str, Any]] = []
        identities: list[dict[str, Any]] = []
        for i in range(start, end):
            demo = i < DEMO_CUSTOMERS
            language = DEMO_LANGUAGES[i] if demo else ("fr" if random_() < 0.75 else "en")
            en = language == "en"
            firsts = cat.FIRST_NAMES_EN if en else cat.FIRST_NAMES_FR
            lasts = cat.LAST_NAMES_EN if en else cat.LAST_NAMES_FR
            fi = randrange(n_first[en])
            li = randrange(n_last[en])
            while (firsts[fi], lasts[li]) in famous or firsts[fi] == lasts[li]:
                li = randrange(n_last[en])
            first, last = firsts[fi], lasts[li]
            if demo:
                segment = SEGMENT_NAMES.index(DEMO_SEGMENTS[i])
            else:
                r = random_()
                segment = next(k for k, c in enumerate(segment_cum) if r < c or k == 3)
            segment_name = SEGMENT_NAMES[segment]
            tags = [tag for tag, odds in tag_odds[segment_name] if random_() < odds]
            age_days = random_() * 59 + 1 if segment_name == "new" else random_() * 1765 + 60
            created = now - timedelta(days=age_days)
            number = population.offset + i + 1
            customer_id = new_id()
            customers.append(
                {
                    "id": customer_id,
                    "first_name": first,
                    "last_name": last,
                    "language": language,
                    "segment": segment_name,
                    "tags": tags,
                    "postal_address": _postal_address(language, number),
                    "account_number": f"C{number:08d}",
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                }
            )
            email = _email(first, last, number)
            identities.append(_identity(customer_id, IdentityKind.EMAIL, email, email, created))
            has_phone = demo or random_() < 0.85
            if has_phone:
                phone = _phone(language, number)
                identities.append(
                    _identity(
                        customer_id, IdentityKind.PHONE, phone, _phone_display(phone), created
                    )
                )
            social = 0
            if demo or random_() < 0.25:
                social = randrange(len(SOCIAL_KINDS)) + 1
                kind = SOCIAL_KINDS[social - 1]
                if kind == IdentityKind.WHATSAPP:
                    if has_phone:
                        identities.append(
                            _identity(customer_id, kind, phone, _phone_display(phone), created)
                        )
                    else:
                        social = 0
                else:
                    handle = _handle(first, last, number)
                    identities.append(_identity(customer_id, kind, handle, "@" + handle, created))
            if keep:
                population.ids += customer_id.bytes
                population.first.append(fi)
                population.last.append(li)
                population.language.append(1 if en else 0)
                population.segment.append(segment)
                population.phone.append(1 if has_phone else 0)
                population.social.append(social)
        with _batch(db) as s:
            _bulk(s, Customer, customers)
            _bulk(s, CustomerIdentity, identities)
        counts["customers"] += len(customers)
        counts["identities"] += len(identities)
        if progress:
            progress(STAGE_CUSTOMERS, end, count)
    return population


def _identity(
    customer_id: uuid.UUID, kind: IdentityKind, value: str, display: str, created: datetime
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "customer_id": customer_id,
        "kind": kind,
        "value": value,
        "display": display,
        "created_at": created,
    }


# --- Contacts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _TemplateRef:
    id: uuid.UUID
    version: int
    body: str
    channels: frozenset[str]


def _fill_text(text: str, rng: random.Random) -> str:
    """Fills the catalogue's {amount}, {match} and {days} with plausible values."""
    if "{" not in text:
        return text
    return (
        text.replace("{amount}", rng.choice(cat.AMOUNTS))
        .replace("{match}", rng.choice(cat.MATCHES))
        .replace("{days}", str(rng.randint(3, 12)))
    )


def _today(moment: datetime, language: str) -> str:
    if language == "en":
        return f"{moment.day} {MONTHS_EN[moment.month - 1]} {moment.year}"
    return moment.strftime("%d/%m/%Y")


def _preview(text: str) -> str:
    return " ".join(text.split())[:300]


class _Contacts:
    """Builds the rows of past and queued contacts, batch by batch."""

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        population: _Population,
        advisors: list[_Advisor],
        reviewers: dict[str, Any],
        reason_ids: dict[str, uuid.UUID],
        templates: dict[str, _TemplateRef],
        incidents: list[tuple[uuid.UUID, datetime, datetime, str]],
        counts: Counter[str],
    ) -> None:
        self.rng = rng
        self.now = now
        self.population = population
        self.advisors = advisors
        self.english_advisors = [a for a in advisors if a.language == "en"] or advisors
        demo_share = 0.18
        other = (1 - demo_share) / max(1, len(advisors) - 1)
        self.advisor_weights = [demo_share if i == 0 else other for i in range(len(advisors))]
        self.reviewers = reviewers
        self.reason_ids = reason_ids
        self.templates = templates
        self.incidents = incidents
        self.counts = counts
        self.topic_weights = [t.weight for t in cat.TOPICS]
        self.topics = {t.code: t for t in cat.TOPICS}
        self.complaint_topic = cat.Topic(
            "complaint",
            0,
            cat.COMPLAINT_SUBJECTS,
            cat.COMPLAINT_MESSAGES,
            cat.COMPLAINT_MESSAGES,
            cat.COMPLAINT_NOTES,
            ("complaint_acknowledgement", "social_private_message"),
        )
        self._risk: dict[str, RiskAssessment] = {}
        self._people: dict[int, _Person] = {}
        self.reset()

    def reset(self) -> None:
        self.rows: dict[type, list[dict[str, Any]]] = {
            model: []
            for model in (
                Contact,
                Message,
                Note,
                ContactAssignment,
                WrapUp,
                ReviewItem,
                SurveyAnswer,
                Evaluation,
                TemplateUsage,
            )
        }

    def flush(self, db: Database) -> None:
        """Writes the batch in one transaction, parents first."""
        with _batch(db) as s:
            for model, rows in self.rows.items():
                if rows:
                    _bulk(s, model, rows)
        self.reset()

    # -- choices

    def person(self, index: int) -> _Person:
        if index < DEMO_CUSTOMERS:
            cached = self._people.get(index)
            if cached is None:
                cached = self._people[index] = self.population.person(index)
            return cached
        return self.population.person(index)

    def channel(self) -> Channel:
        r = self.rng.random()
        for threshold, channel in CHANNEL_MIX:
            if r < threshold:
                return channel
        return Channel.LETTER

    def risk(self, raw: str) -> RiskAssessment:
        found = self._risk.get(raw)
        if found is None:
            found = self._risk[raw] = assess(raw)
        return found

    def advisor(self, language: str) -> _Advisor:
        if language == "en" and self.rng.random() < 0.5:
            return self.rng.choice(self.english_advisors)
        return self.advisors[_weighted(self.rng, self.advisor_weights)]

    def answer_templates(
        self, topic: cat.Topic, language: str, channel: Channel
    ) -> list[_TemplateRef]:
        """The template an advisor answers with on this channel, plus a snippet where the topic
        calls for one (the document list, the responsible-gaming reminder)."""
        main: _TemplateRef | None = None
        snippet: _TemplateRef | None = None
        for base in topic.templates:
            ref = self.templates.get(f"{base}_{language}")
            if ref is None or channel.value not in ref.channels:
                continue
            if base in SNIPPETS:
                snippet = snippet or ref
            elif main is None:
                main = ref
        if main is None:
            for base in ("general_information", "social_private_message"):
                ref = self.templates.get(f"{base}_{language}")
                if ref is not None and channel.value in ref.channels:
                    main = ref
                    break
        if main is None:
            return []
        return [main, snippet] if snippet is not None and channel == Channel.EMAIL else [main]

    @staticmethod
    def compose(parts: list[_TemplateRef]) -> str:
        body = parts[0].body
        for snippet in parts[1:]:
            for marker in ("\n\nBien cordialement", "\n\nKind regards"):
                at = body.find(marker)
                if at >= 0:
                    body = body[:at] + "\n\n" + snippet.body + body[at:]
                    break
            else:
                body = body + "\n\n" + snippet.body
        return body

    def first_message(
        self, topic: cat.Topic, language: str, channel: Channel, complaint: bool
    ) -> tuple[str, RiskAssessment]:
        if complaint:
            raw = self.rng.choice(cat.COMPLAINT_MESSAGES[language])
        elif channel in SOCIAL:
            raw = self.rng.choice(topic.short[language])
        else:
            raw = self.rng.choice(topic.messages[language])
        return _fill_text(raw, self.rng), self.risk(raw)

    # -- one past contact

    def closed(self, owner: int) -> None:
        rng = self.rng
        now = self.now
        who = self.person(owner)
        language = who.language
        channel = self.channel()
        complaint = rng.random() < COMPLAINT_SHARE
        incident_id = None
        if complaint:
            topic = self.complaint_topic
        else:
            topic = cat.TOPICS[_weighted(rng, self.topic_weights)]
        days_ago = rng.uniform(0.05, 30) if rng.random() < 0.3 else rng.uniform(0.05, 365)
        received = now - timedelta(days=days_ago)
        if self.incidents and not complaint and rng.random() < 0.02:
            incident_id, started, ended, code = rng.choice(self.incidents)
            topic = self.topics.get(code, topic)
            received = started + (ended - started) * rng.random()
        if channel == Channel.PHONE and incident_id is None:
            midnight = received.replace(hour=0, minute=0, second=0, microsecond=0)
            received = midnight + timedelta(seconds=rng.uniform(6.5 * 3600, 20 * 3600))
            if received > now - timedelta(minutes=30):
                received -= timedelta(days=1)
        advisor = self.advisor(language)
        contact_id = new_id()
        reference = short_reference(contact_id)
        text, risk = self.first_message(topic, language, channel, complaint)
        base = 2 if who.segment == "vip" else (0 if topic.code == "general_information" else 1)
        values = {
            "customer_first_name": who.first_name,
            "customer_last_name": who.last_name,
            "customer_name": who.name,
            "advisor_name": advisor.display_name,
            "advisor_first_name": advisor.first_name,
            "contact_reference": reference,
            "account_number": who.account_number,
        }
        # The thread: (time, direction, text, template parts) in order.
        events: list[tuple[datetime, Direction, str, list[_TemplateRef]]] = []
        call_started = call_ended = None
        note_text = ""
        if channel == Channel.PHONE:
            call_started = received + timedelta(seconds=rng.uniform(10, 300))
            call_ended = call_started + timedelta(seconds=rng.uniform(90, 900))
            closed_at = call_ended + timedelta(seconds=rng.uniform(20, 180))
            note_text = _fill_text(rng.choice(topic.notes), rng)
            handled = call_started
        else:
            if channel == Channel.LETTER:
                messages = 2
                first_answer = timedelta(days=rng.uniform(1, 5))
            else:
                messages = _weighted(rng, (0.10, 0.55, 0.20, 0.15)) + 1
                first_answer = (
                    timedelta(hours=rng.uniform(0.5, 30))
                    if channel == Channel.EMAIL
                    else timedelta(minutes=rng.uniform(5, 240))
                )
            signature = f"\n\n{who.name}" if channel in (Channel.EMAIL, Channel.LETTER) else ""
            moment = received
            events.append((moment, Direction.INBOUND, text + signature, []))
            for k in range(1, messages):
                if k == 1:
                    moment += first_answer
                    parts = self.answer_templates(topic, language, channel)
                    body = self.compose(parts) if parts else ""
                    if not body:
                        body = rng.choice(cat.CLOSING_REPLIES[language])
                    events.append((moment, Direction.OUTBOUND, body, parts))
                elif k == 2:
                    moment += timedelta(hours=rng.uniform(0.2, 48))
                    events.append(
                        (
                            moment,
                            Direction.INBOUND,
                            rng.choice(cat.FOLLOW_UPS[language]) + signature,
                            [],
                        )
                    )
                else:
                    moment += timedelta(hours=rng.uniform(0.2, 20))
                    events.append(
                        (moment, Direction.OUTBOUND, rng.choice(cat.CLOSING_REPLIES[language]), [])
                    )
            closed_at = moment + timedelta(minutes=rng.uniform(1, 15))
            handled = events[1][0] if len(events) > 1 else closed_at
        # A recent contact whose thread would end in the future is compressed into the past.
        latest = now - timedelta(minutes=5)
        if closed_at > latest:
            factor = max(0.0, (latest - received) / (closed_at - received))

            def squeeze(t: datetime) -> datetime:
                return received + (t - received) * factor

            events = [(squeeze(t), d, b, p) for t, d, b, p in events]
            closed_at, handled = squeeze(closed_at), squeeze(handled)
            if call_started is not None and call_ended is not None:
                call_started, call_ended = squeeze(call_started), squeeze(call_ended)

        preview_source = note_text if channel == Channel.PHONE else text
        self.rows[Contact].append(
            self.contact_row(
                contact_id,
                reference,
                channel,
                ContactStatus.CLOSED,
                who,
                language,
                topic,
                preview_source,
                risk,
                priority_for(risk, base),
                received,
                advisor,
                closed_at,
                incident_id,
                call_started,
                call_ended,
                direction=Direction.OUTBOUND
                if channel == Channel.PHONE and rng.random() < 0.1
                else Direction.INBOUND,
            )
        )
        if complaint:
            self.counts["complaints"] += 1
        if note_text and call_started is not None:
            self.rows[Note].append(
                {
                    "id": new_id(),
                    "contact_id": contact_id,
                    "advisor_id": advisor.id,
                    "body": note_text,
                    "during_call": True,
                    "created_at": call_started + (closed_at - call_started) * 0.6,
                }
            )
            self.counts["notes"] += 1
        self.thread(contact_id, channel, who, advisor, events, values)

        # Who worked it: sometimes two advisors, each with their share and assessment.
        assessed = ASSESSMENT_WEIGHTS if not complaint else COMPLAINT_ASSESSMENT_WEIGHTS
        final = advisor
        reason_id = self.reason_ids[topic.code]
        if rng.random() < TRANSFER_SHARE and channel in (Channel.PHONE, Channel.EMAIL):
            first = self.advisor(language)
            while first.id == final.id and len(self.advisors) > 1:
                first = self.advisor(language)
            middle = handled + (closed_at - handled) * 0.4
            self.assignment(contact_id, first, handled, middle)
            self.wrap_up(
                contact_id,
                first,
                reason_id,
                Outcome.TRANSFERRED,
                _weighted(rng, assessed) + 1,
                0.4,
                middle,
            )
            self.assignment(contact_id, final, middle, closed_at)
            share = 0.6
        else:
            self.assignment(contact_id, final, handled, closed_at)
            share = 1.0
        assessment = _weighted(rng, assessed) + 1
        if len(events) == 1:
            outcome = Outcome.NO_ANSWER_NEEDED
        elif complaint:
            outcome = (Outcome.ESCALATED, Outcome.FOLLOW_UP, Outcome.RESOLVED)[
                _weighted(rng, (0.3, 0.2, 0.5))
            ]
        elif assessment <= 2:
            outcome = (Outcome.FOLLOW_UP, Outcome.RESOLVED, Outcome.ESCALATED)[
                _weighted(rng, (0.5, 0.4, 0.1))
            ]
        else:
            outcome = (Outcome.RESOLVED, Outcome.FOLLOW_UP)[_weighted(rng, (0.93, 0.07))]
        self.wrap_up(contact_id, final, reason_id, outcome, assessment, share, closed_at)
        if assessment <= 2 and now - closed_at <= REVIEW_WINDOW:
            self.rows[ReviewItem].append(
                {
                    "id": new_id(),
                    "contact_id": contact_id,
                    "reason": "low_self_assessment",
                    "created_by": final.id,
                    "created_at": closed_at,
                }
            )
            self.counts["review_items"] += 1
        if rng.random() < SURVEY_SHARE:
            self.survey(contact_id, language, final, assessment, closed_at)
        for kind, share_, evaluator in (
            (
                EvaluatorKind.MANAGER,
                MANAGER_EVALUATION_SHARE,
                self.reviewers["managers"].get(final.team_id),
            ),
            (EvaluatorKind.QUALITY, QUALITY_EVALUATION_SHARE, self.reviewers["quality"]),
        ):
            if evaluator is not None and rng.random() < share_:
                score = min(4, max(1, assessment + rng.choice((-1, 0, 0, 0, 1))))
                at = closed_at + timedelta(days=rng.uniform(0.5, 10))
                if at < now:
                    self.rows[Evaluation].append(
                        {
                            "id": new_id(),
                            "contact_id": contact_id,
                            "evaluator_id": evaluator,
                            "kind": kind,
                            "score": score,
                            "comment": rng.choice(cat.EVALUATION_COMMENTS[score]),
                            "created_at": at,
                            "supersedes_id": None,
                        }
                    )
                    self.counts["evaluations"] += 1
        self.counts["contacts"] += 1

    def contact_row(
        self,
        contact_id: uuid.UUID,
        reference: str,
        channel: Channel,
        status: ContactStatus,
        who: _Person | None,
        language: str,
        topic: cat.Topic,
        preview_source: str,
        risk: RiskAssessment,
        priority: int,
        received: datetime,
        advisor: _Advisor | None,
        closed_at: datetime | None,
        incident_id: uuid.UUID | None,
        call_started: datetime | None,
        call_ended: datetime | None,
        *,
        direction: Direction = Direction.INBOUND,
        team_id: uuid.UUID | None = None,
        sender: tuple[str, str] | None = None,
    ) -> dict[str, Any]:
        if sender is None:
            assert who is not None
            sender = (who.name, self.sender_address(who, channel))
        return {
            "id": contact_id,
            "reference": reference,
            "channel": channel,
            "direction": direction,
            "status": status,
            "customer_id": who.id if who is not None else None,
            "sender_display": sender[0],
            "sender_address": sender[1],
            "subject": self.rng.choice(topic.subjects[language]),
            "preview": _preview(preview_source),
            "language": language,
            "priority": priority,
            "risk_flag": risk.flagged,
            "risk_reason": ", ".join(risk.reasons)[:200],
            "received_at": received,
            "due_at": received + SLA[channel],
            "team_id": team_id if advisor is None else advisor.team_id,
            "assigned_to": advisor.id if advisor is not None else None,
            "claim_token": None,
            "lease_until": None,
            "closed_at": closed_at,
            "incident_id": incident_id,
            "parent_id": None,
            "call_started_at": call_started,
            "call_ended_at": call_ended,
            "version": 1,
        }

    @staticmethod
    def sender_address(who: _Person, channel: Channel) -> str:
        if channel == Channel.EMAIL:
            return who.email
        if channel == Channel.LETTER:
            return who.address
        if channel in (Channel.PHONE, Channel.WHATSAPP):
            return who.phone if who.has_phone else ""
        return who.handle

    def thread(
        self,
        contact_id: uuid.UUID,
        channel: Channel,
        who: _Person,
        advisor: _Advisor,
        events: list[tuple[datetime, Direction, str, list[_TemplateRef]]],
        values: dict[str, str],
    ) -> None:
        previous_external: str | None = None
        email = channel == Channel.EMAIL
        for moment, direction, body, parts in events:
            outbound = direction == Direction.OUTBOUND
            if outbound:
                body = fill(body, {**values, "today": _today(moment, who.language)}).text
            external = None
            if email:
                host = "relais.example.com" if outbound else "mail.example.org"
                external = f"<{self.rng.getrandbits(64):016x}@{host}>"
            self.rows[Message].append(
                {
                    "id": new_id(),
                    "contact_id": contact_id,
                    "direction": direction,
                    "author_id": advisor.id if outbound else None,
                    "sender_display": advisor.display_name if outbound else who.name,
                    "body_text": body,
                    "body_html": None,
                    "created_at": moment,
                    "external_id": external,
                    "in_reply_to": previous_external,
                }
            )
            previous_external = external
            self.counts["messages"] += 1
            for part in parts:
                self.rows[TemplateUsage].append(
                    {
                        "id": new_id(),
                        "template_id": part.id,
                        "template_version": part.version,
                        "contact_id": contact_id,
                        "advisor_id": advisor.id,
                        "edited": self.rng.random() < 0.35,
                        "used_at": moment,
                    }
                )
                self.counts["template_usages"] += 1

    def assignment(
        self, contact_id: uuid.UUID, advisor: _Advisor, start: datetime, end: datetime
    ) -> None:
        self.rows[ContactAssignment].append(
            {
                "id": new_id(),
                "contact_id": contact_id,
                "advisor_id": advisor.id,
                "started_at": start,
                "ended_at": end,
            }
        )
        self.counts["assignments"] += 1

    def wrap_up(
        self,
        contact_id: uuid.UUID,
        advisor: _Advisor,
        reason_id: uuid.UUID,
        outcome: Outcome,
        assessment: int,
        share: float,
        at: datetime,
    ) -> None:
        self.rows[WrapUp].append(
            {
                "id": new_id(),
                "contact_id": contact_id,
                "advisor_id": advisor.id,
                "reason_code_id": reason_id,
                "outcome": outcome,
                "self_assessment": assessment,
                "share": share,
                "comment": self.rng.choice(cat.WRAP_UP_COMMENTS),
                "created_at": at,
                "supersedes_id": None,
            }
        )
        self.counts["wrap_ups"] += 1

    def survey(
        self,
        contact_id: uuid.UUID,
        language: str,
        advisor: _Advisor,
        assessment: int,
        closed_at: datetime,
    ) -> None:
        """The customer's verdict: near the advisor's, shifted by the advisor's habit of over-
        or under-estimating, so the supervisors' agreement figures have something to show."""
        rng = self.rng
        answered = closed_at + timedelta(hours=rng.uniform(1, 72))
        if answered >= self.now:
            return
        gap = SURVEY_GAPS[_weighted(rng, SURVEY_GAP_WEIGHTS)]
        if rng.random() < abs(advisor.bias):
            gap += -1 if advisor.bias > 0 else 1
        csat = min(4, max(1, assessment + gap))
        nps = None
        if rng.random() < 0.6:
            low, high = ((0, 3), (4, 6), (7, 8), (9, 10))[csat - 1]
            nps = rng.randint(low, high)
        effort = None
        if rng.random() < 0.5:  # 1 very easy ... 5 very hard
            effort = min(5, max(1, 5 - csat + rng.choice((0, 0, 1))))
        comment = rng.choice(cat.SURVEY_COMMENTS[language][csat]) if rng.random() < 0.55 else ""
        self.rows[SurveyAnswer].append(
            {
                "id": new_id(),
                "contact_id": contact_id,
                "csat": csat,
                "nps": nps,
                "effort": effort,
                "comment": comment,
                "answered_at": answered,
            }
        )
        self.counts["survey_answers"] += 1

    # -- one queued contact

    def queued(self, owner: int | None, team_id: uuid.UUID) -> None:
        """A contact waiting in the queue: arrived in the last hours, nobody on it yet."""
        rng = self.rng
        now = self.now
        who = self.person(owner) if owner is not None else None
        language = who.language if who is not None else ("fr" if rng.random() < 0.75 else "en")
        channel = self.channel()
        if who is None and channel == Channel.PHONE:
            channel = Channel.EMAIL  # a callback needs a number we know
        complaint = rng.random() < COMPLAINT_SHARE * 1.25
        topic = (
            self.complaint_topic if complaint else cat.TOPICS[_weighted(rng, self.topic_weights)]
        )
        if channel == Channel.PHONE:
            received = now - timedelta(hours=rng.uniform(0.05, 3))
        elif channel == Channel.EMAIL:
            overdue = rng.random() < 0.15
            received = now - timedelta(
                hours=rng.uniform(24.5, 30) if overdue else rng.uniform(0.1, 8)
            )
        elif channel == Channel.LETTER:
            received = now - timedelta(hours=rng.uniform(20, 90))
        else:
            received = now - timedelta(hours=rng.uniform(0.05, 4))
        text, risk = self.first_message(topic, language, channel, complaint)
        if channel == Channel.PHONE:
            text = cat.CALLBACK_PREFIX[language] + text
        base = (
            2
            if who is not None and who.segment == "vip"
            else (0 if topic.code == "general_information" else 1)
        )
        contact_id = new_id()
        sender = None
        if who is None:
            sender = self.stranger(channel)
            self.counts["unidentified"] += 1
        name = who.name if who is not None else sender[0] if sender is not None else ""
        self.rows[Contact].append(
            self.contact_row(
                contact_id,
                short_reference(contact_id),
                channel,
                ContactStatus.QUEUED,
                who,
                language,
                topic,
                text,
                risk,
                priority_for(risk, base),
                received,
                None,
                None,
                None,
                None,
                None,
                direction=Direction.OUTBOUND if channel == Channel.PHONE else Direction.INBOUND,
                team_id=team_id,
                sender=sender,
            )
        )
        signature = f"\n\n{name}" if channel in (Channel.EMAIL, Channel.LETTER) else ""
        self.rows[Message].append(
            {
                "id": new_id(),
                "contact_id": contact_id,
                "direction": Direction.INBOUND,
                "author_id": None,
                "sender_display": name,
                "body_text": text + signature,
                "body_html": None,
                "created_at": received,
                "external_id": (
                    f"<{rng.getrandbits(64):016x}@mail.example.org>"
                    if channel == Channel.EMAIL
                    else None
                ),
                "in_reply_to": None,
            }
        )
        self.counts["messages"] += 1
        self.counts["queued"] += 1
        if complaint:
            self.counts["complaints"] += 1

    def stranger(self, channel: Channel) -> tuple[str, str]:
        """Someone writing from an address no customer has (yet)."""
        rng = self.rng
        first = rng.choice(cat.FIRST_NAMES_FR + cat.FIRST_NAMES_EN)
        tag = rng.randint(5000, 9999)  # numbers the demo's few hundred customers do not use
        if channel == Channel.EMAIL:
            return first, f"{_slug(first)}{tag}@example.net"
        if channel == Channel.LETTER:
            last = rng.choice(cat.LAST_NAMES_FR)
            return f"{first} {last}", _postal_address("fr", tag)
        if channel == Channel.WHATSAPP:
            return first, f"+3363998{tag:04d}"
        return f"@{_slug(first)}{tag}", f"{_slug(first)}{tag}"


def _reference_maps(
    session: Session,
) -> tuple[dict[str, uuid.UUID], dict[str, _TemplateRef]]:
    # dict(result) would take the Result for a mapping (it has keys()): iterate its rows.
    rows = session.execute(select(ReasonCode.code, ReasonCode.id))
    reason_ids = {code: reason_id for code, reason_id in rows}
    templates = {
        key: _TemplateRef(tid, version, body, frozenset(channels or ()))
        for key, tid, version, body, channels in session.execute(
            select(
                Template.key,
                Template.id,
                Template.current_version,
                Template.body,
                Template.channels,
            ).where(Template.active)
        )
    }
    return reason_ids, templates


def _seed_incidents(
    session: Session, now: datetime
) -> tuple[list[tuple[uuid.UUID, datetime, datetime, str]], int]:
    existing = {title: iid for title, iid in session.execute(select(Incident.title, Incident.id))}
    found: list[tuple[uuid.UUID, datetime, datetime, str]] = []
    rows = []
    for title, description, days_ago, hours, topic in cat.INCIDENTS:
        started = (now - timedelta(days=days_ago)).replace(
            hour=17, minute=40, second=0, microsecond=0
        )
        ended = started + timedelta(hours=hours)
        incident_id = existing.get(title)
        if incident_id is None:
            incident_id = new_id()
            rows.append(
                {
                    "id": incident_id,
                    "title": title,
                    "description": description,
                    "started_at": started,
                    "ended_at": ended,
                }
            )
        found.append((incident_id, started, ended, topic))
    if rows:
        _bulk(session, Incident, rows)
    return found, len(rows)


# --- The whole run --------------------------------------------------------------------------


def seed(
    db: Database,
    customers: int,
    contacts: int,
    queue: int,
    *,
    rng_seed: int = 42,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> SeedReport:
    """Fills ``db`` (a migrated central database) with reference data, the demo team and
    ``customers`` fictional customers, ``contacts`` past closed contacts over the last 12
    months and ``queue`` contacts waiting in the queue.

    ``progress(stage, done, total)`` is called after each committed batch; raising from it
    stops the run and keeps what was already committed. ``now`` fixes the clock the data is
    built around (default: the current time), so two runs with one seed can be compared.
    """
    validate_sizes(customers, contacts, queue)
    if now is None:
        now = utcnow()
    elif now.tzinfo is None:
        raise ValueError("seed(now=...) needs a timezone-aware datetime")
    started = time.perf_counter()
    rng = random.Random(rng_seed)
    counts: Counter[str] = Counter()
    with db.session() as s:
        reason_codes, templates = _load_reference_data(s)
        counts["reason_codes"] += reason_codes
        counts["templates"] += templates
        counts["template_versions"] += templates
        advisors, reviewers, teams, people = _people(s, rng)
        counts["teams"] += teams
        counts["advisors"] += people
        incidents: list[tuple[uuid.UUID, datetime, datetime, str]] = []
        if contacts:
            incidents, made = _seed_incidents(s, now)
            counts["incidents"] += made
        reason_ids, template_refs = _reference_maps(s)
    if progress:
        progress(STAGE_REFERENCE, 1, 1)

    population = _seed_customers(
        db, rng, customers, now, keep=bool(contacts or queue), counts=counts, progress=progress
    )
    factory = _Contacts(
        rng, now, population, advisors, reviewers, reason_ids, template_refs, incidents, counts
    )

    # Past contacts: the demo customers first, with long histories, then anyone.
    demo = min(DEMO_CUSTOMERS, customers)
    per_demo = [rng.randint(25, 45) for _ in range(demo)]
    cap = contacts // 2
    owners_demo: list[int] = []
    for index, wanted in enumerate(per_demo):
        owners_demo.extend([index] * min(wanted, max(0, cap - len(owners_demo))))
    for n in range(contacts):
        owner = owners_demo[n] if n < len(owners_demo) else rng.randrange(customers)
        factory.closed(owner)
        if (n + 1) % CONTACT_BATCH == 0 or n + 1 == contacts:
            factory.flush(db)
            if progress:
                progress(STAGE_CONTACTS, n + 1, contacts)

    # The queue: a fifth from customers with long histories, a few strangers.
    for n in range(queue):
        r = rng.random()
        if r < UNIDENTIFIED_SHARE:
            owner = None
        elif r < 0.25 and demo:
            owner = rng.randrange(demo)
        else:
            owner = rng.randrange(customers)
        team = reviewers["team1"] if rng.random() < 0.8 else reviewers["team2"]
        factory.queued(owner, team)
        if (n + 1) % CONTACT_BATCH == 0 or n + 1 == queue:
            factory.flush(db)
            if progress:
                progress(STAGE_QUEUE, n + 1, queue)

    return SeedReport(
        **{name: counts[name] for name in SeedReport.__dataclass_fields__ if name != "seconds"},
        seconds=round(time.perf_counter() - started, 3),
    )
