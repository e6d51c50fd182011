"""Fills a central database with reference data and fictional customers, contacts and a queue.

Two uses with one code path: the demo (a few hundred customers whose histories look real, seeded
in seconds when Relais starts without a centre) and load tests (millions of customers, to see
how search, sync and reports behave at the size of a real operator, 5 million customers).

Speed is what shapes the code. Customers and contacts are built as tuples of stored values
(``rows``) and written in batches through ``batches._batch`` — COPY on PostgreSQL, executemany
on SQLite with the change log written once per table — and each batch is its own transaction,
so memory stays flat and an interrupted run keeps what it committed. What the contact phase
needs to know about each customer is kept in compact arrays (16 bytes of id, two name indexes
and a few flag bytes), and everything else about a customer (e-mail, phone, address, account
number) is derived from its number, not stored.

Everything random comes from one ``random.Random(rng_seed)``, so a seed and a ``now`` give the
same people, texts and times; only the ids (time-ordered UUIDs) and the references derived from
them differ between runs.

The code is split by what it holds: ``constants`` (the numbers that shape the data), ``rows``
(the columns and values written), ``batches`` (the batched writes), ``checks`` (validation
before anything is written), ``reference`` (reason codes and templates), ``customers``
(advisors and customers), ``contact_rows`` and ``contacts`` (past and queued contacts). This
module keeps the report and ``seed()``, which runs them in order, and re-exports the public
names so callers import from ``app.seed.generator`` as before.
"""

import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial

from app.backoffice import facts
from app.clock import utcnow
from app.db import Database
from app.models import Base
from app.seed.batches import SQLITE_CACHE_KIB, _Pipeline
from app.seed.checks import (
    LANGUAGES,
    MAX_CONTACTS,
    MAX_CUSTOMERS,
    MAX_QUEUE,
    REASON_FIELDS,
    TEMPLATE_FIELDS,
    validate_reason_codes,
    validate_sizes,
    validate_templates,
)
from app.seed.constants import (
    ASSESSMENT_WEIGHTS,
    CHANNEL_MIX,
    COMPLAINT_ASSESSMENT_WEIGHTS,
    COMPLAINT_SHARE,
    CONTACT_BATCH,
    CUSTOMER_BATCH,
    DEMO_CUSTOMERS,
    DEMO_LANGUAGES,
    DEMO_SEGMENTS,
    MANAGER_EVALUATION_SHARE,
    MONTHS_EN,
    QUALITY_EVALUATION_SHARE,
    REVIEW_WINDOW,
    SEGMENT_NAMES,
    SLA,
    SNIPPETS,
    SOCIAL,
    SOCIAL_KINDS,
    STAGE_CONTACTS,
    STAGE_CUSTOMERS,
    STAGE_QUEUE,
    STAGE_REFERENCE,
    SURVEY_GAP_WEIGHTS,
    SURVEY_GAPS,
    SURVEY_SHARE,
    TRANSFER_SHARE,
    UNIDENTIFIED_SHARE,
    Progress,
)
from app.seed.contacts import _Contacts, _reference_maps, _seed_incidents
from app.seed.customers import _people, _seed_customers
from app.seed.reference import _load_reference_data, load_reference_data, read_reference_files
from app.seed.rows import Ids, check_columns
from app.seed.scorecard import seed_scorecard

__all__ = [
    "ASSESSMENT_WEIGHTS",
    "CHANNEL_MIX",
    "COMPLAINT_ASSESSMENT_WEIGHTS",
    "COMPLAINT_SHARE",
    "CONTACT_BATCH",
    "CUSTOMER_BATCH",
    "DEMO_CUSTOMERS",
    "DEMO_LANGUAGES",
    "DEMO_SEGMENTS",
    "LANGUAGES",
    "MANAGER_EVALUATION_SHARE",
    "MAX_CONTACTS",
    "MAX_CUSTOMERS",
    "MAX_QUEUE",
    "MONTHS_EN",
    "QUALITY_EVALUATION_SHARE",
    "REASON_FIELDS",
    "REVIEW_WINDOW",
    "SEGMENT_NAMES",
    "SLA",
    "SNIPPETS",
    "SOCIAL",
    "SOCIAL_KINDS",
    "SQLITE_CACHE_KIB",
    "STAGE_CONTACTS",
    "STAGE_CUSTOMERS",
    "STAGE_QUEUE",
    "STAGE_REFERENCE",
    "SURVEY_GAPS",
    "SURVEY_GAP_WEIGHTS",
    "SURVEY_SHARE",
    "TEMPLATE_FIELDS",
    "TRANSFER_SHARE",
    "UNIDENTIFIED_SHARE",
    "Progress",
    "SeedReport",
    "load_reference_data",
    "read_reference_files",
    "seed",
    "validate_reason_codes",
    "validate_sizes",
    "validate_templates",
]


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
    follow_ups: int = 0  # planned at recent closes, not yet due
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
    check_columns(Base.metadata)
    if now is None:
        now = utcnow()
    elif now.tzinfo is None:
        raise ValueError("seed(now=...) needs a timezone-aware datetime")
    now = now.astimezone(UTC)
    started = time.perf_counter()
    rng = random.Random(rng_seed)
    ids = Ids()
    counts: Counter[str] = Counter()
    with db.session() as s:
        reason_codes, templates = _load_reference_data(s)
        counts["reason_codes"] += reason_codes
        counts["templates"] += templates
        counts["template_versions"] += templates
        advisors, reviewers, teams, people = _people(s, rng)
        reviewers["scores"] = seed_scorecard(s, uuid.UUID(reviewers["quality"]))
        counts["teams"] += teams
        counts["advisors"] += people
        incidents: list[tuple[str, datetime, datetime, str]] = []
        if contacts:
            incidents, made = _seed_incidents(s, now)
            counts["incidents"] += made
        reason_ids, template_refs = _reference_maps(s)
    now = now.replace(tzinfo=None)  # the story is told in naive UTC (see rows.stamp)
    if progress:
        progress(STAGE_REFERENCE, 1, 1)

    with _Pipeline(db) as pipeline:
        population = _seed_customers(
            db,
            rng,
            customers,
            now,
            keep=bool(contacts or queue),
            counts=counts,
            progress=progress,
            ids=ids,
            pipeline=pipeline,
        )
        factory = _Contacts(
            rng,
            now,
            population,
            advisors,
            reviewers,
            reason_ids,
            template_refs,
            incidents,
            counts,
            ids,
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
                done = partial(progress, STAGE_CONTACTS, n + 1, contacts) if progress else None
                pipeline.write(factory.take(), done)

        # The queue: a fifth from customers with long histories, a few strangers.
        for n in range(queue):
            r = rng.random()
            sender: int | None  # None: a stranger no customer matches
            if r < UNIDENTIFIED_SHARE:
                sender = None
            elif r < 0.25 and demo:
                sender = rng.randrange(demo)
            else:
                sender = rng.randrange(customers)
            team = reviewers["team1"] if rng.random() < 0.8 else reviewers["team2"]
            factory.queued(sender, team)
            if (n + 1) % CONTACT_BATCH == 0 or n + 1 == queue:
                done = partial(progress, STAGE_QUEUE, n + 1, queue) if progress else None
                pipeline.write(factory.take(), done)
    facts.bring_up_to_date(db)  # the dashboard's first reading finds them made
    return SeedReport(
        **{name: counts[name] for name in SeedReport.__dataclass_fields__ if name != "seconds"},
        seconds=round(time.perf_counter() - started, 3),
    )
