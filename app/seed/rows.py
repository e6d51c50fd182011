"""The shape of the rows the seed writes in bulk: each table's columns in order, and its values
already in the form the database stores.

Rows are tuples in the order of ``COLUMNS[table]``, not dictionaries: a million customers and
two million contacts make some fourteen million rows, and a dictionary per row, then
SQLAlchemy's parameter processing per value, cost more than writing them. So the values are
made ready once, where the row is built: ids as 32 hexadecimal digits (what SQLite's
``CHAR(32)`` holds and what PostgreSQL reads as a uuid), enums as their text, JSON as its text,
times through ``stamp``: the seed tells its story in naive UTC datetimes, and ``stamp`` writes
them as SQLAlchemy stores them in SQLite (``2026-03-14 15:30:00.000000``), which PostgreSQL's
COPY reads too, in a transaction set to UTC (see ``batches``). ``check_columns`` makes sure
every column of each table is given, so a column added later fails the seed loudly instead of
being left to a default the bulk path never applies.
"""

import os
import random
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from operator import methodcaller

from sqlalchemy import MetaData

COLUMNS: dict[str, tuple[str, ...]] = {
    "customer": (
        "id",
        "first_name",
        "last_name",
        "language",
        "segment",
        "tags",
        "postal_address",
        "account_number",
        "created_at",
        "updated_at",
        "version",
        "last_key",
        "first_key",
        "merged_into",
    ),
    "customer_identity": ("id", "customer_id", "kind", "value", "display", "created_at"),
    "contact": (
        "id",
        "reference",
        "channel",
        "direction",
        "status",
        "customer_id",
        "sender_display",
        "sender_address",
        "subject",
        "preview",
        "language",
        "priority",
        "risk_flag",
        "risk_reason",
        "received_at",
        "due_at",
        "team_id",
        "assigned_to",
        "claim_token",
        "lease_until",
        "closed_at",
        "incident_id",
        "parent_id",
        "call_started_at",
        "call_ended_at",
        "version",
    ),
    "message": (
        "id",
        "contact_id",
        "direction",
        "author_id",
        "sender_display",
        "body_text",
        "body_html",
        "created_at",
        "written_at",
        "external_id",
        "in_reply_to",
    ),
    "delivery": (
        "id",
        "message_id",
        "contact_id",
        "channel",
        "state",
        "reason",
        "attempts",
        "next_attempt_at",
        "lease_until",
        "external_id",
        "created_at",
        "updated_at",
    ),
    "note": ("id", "contact_id", "advisor_id", "body", "during_call", "created_at", "written_at"),
    "contact_assignment": ("id", "contact_id", "advisor_id", "started_at", "ended_at"),
    "wrap_up": (
        "id",
        "contact_id",
        "advisor_id",
        "reason_code_id",
        "outcome",
        "self_assessment",
        "share",
        "comment",
        "created_at",
        "supersedes_id",
    ),
    "review_item": (
        "id",
        "contact_id",
        "reason",
        "created_by",
        "created_at",
        "state",
        "taken_by",
        "taken_at",
        "done_at",
    ),
    "survey_answer": (
        "id",
        "contact_id",
        "csat",
        "nps",
        "effort",
        "comment",
        "answered_at",
        "imported_at",
    ),
    "evaluation": (
        "id",
        "contact_id",
        "evaluator_id",
        "kind",
        "score",
        "comment",
        "created_at",
        "supersedes_id",
        "advisor_id",
        "scorecard_version_id",
        "criteria",
        "quality_score",
    ),
    "template_usage": (
        "id",
        "template_id",
        "template_version",
        "contact_id",
        "advisor_id",
        "edited",
        "used_at",
    ),
}
# Parents before children: the order a batch is written in (and its change log follows).
CONTACT_TABLES = (
    "contact",
    "message",
    "delivery",
    "note",
    "contact_assignment",
    "wrap_up",
    "review_item",
    "survey_answer",
    "evaluation",
    "template_usage",
)

Stamp = Callable[[datetime], str]
# A naive UTC datetime as SQLAlchemy stores it in SQLite, microseconds always written; called
# a dozen million times for a million customers, hence a C-level callable, not a function.
stamp: Stamp = methodcaller("isoformat", " ", "microseconds")


def check_columns(metadata: MetaData) -> None:
    """Refuses to seed when a table has columns the rows here do not give (or no longer has
    one they give): a programming error, caught before anything is written."""
    for name, columns in COLUMNS.items():
        actual = set(metadata.tables[name].c.keys())
        if actual != set(columns) or len(columns) != len(actual):
            missing, extra = sorted(actual - set(columns)), sorted(set(columns) - actual)
            raise RuntimeError(
                f"app.seed.rows.COLUMNS[{name!r}] does not match the model (missing {missing}, "
                f"extra {extra}): give the seed's rows a value for every column"
            )


class Ids:
    """Fresh time-ordered ids (RFC 9562 UUID version 7, its "fixed-length dedicated counter"
    method) as 32 hexadecimal digits, several times cheaper than ``app.ids.new_id`` (which
    makes a ``uuid.UUID`` per id and moves each one to the next millisecond, so that a million
    ids run twenty minutes ahead of the clock). They are made 4,096 at a time, one millisecond
    each: the 12 bits after the version count within it, so ids made here always increase; the
    62 bits after the variant are random, from a generator seeded by the system's randomness,
    never by the data's seed (two runs with one seed make the same data under different ids).
    ``new()`` is the next one."""

    def __init__(self) -> None:
        self.new: Callable[[], str] = self._made().__next__

    @staticmethod
    def _made() -> Iterator[str]:
        bits = random.Random(os.urandom(32)).getrandbits
        last = 0
        while True:
            last = max(time.time_ns() // 1_000_000, last + 1)
            prefix = ((last & 0xFFFFFFFFFFFF) << 16) | 0x7000
            yield from [
                f"{prefix | count:016x}{0x8000000000000000 | bits(62):016x}"
                for count in range(0x1000)
            ]
