"""What the centre accepts in a value, declared once.

The centre enforces these itself (CHECK constraints and column types, see the central migration
"centre checks every write"); a workstation checks the same values before it writes them, so an
advisor hears at once, in words, what the centre would refuse at the next sync. Lengths of
``String`` columns come from the models; the rest is here.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, Table

from app.i18n import QT_TRANSLATE_NOOP

LANGUAGES = ("fr", "en")
"""Languages of customers, contacts and users: the ones the template library and the interface
speak."""

SCORES: Mapping[tuple[str, str], tuple[int, int]] = {
    ("wrap_up", "self_assessment"): (1, 4),
    ("evaluation", "score"): (1, 4),
    ("survey_answer", "csat"): (1, 5),
    ("survey_answer", "nps"): (0, 10),
    ("survey_answer", "effort"): (1, 7),
    ("contact", "priority"): (0, 9),
}
"""Inclusive ranges of the scores and small numbers."""

TEXTS: Mapping[tuple[str, str], int] = {
    ("message", "body_text"): 100_000,
    ("message", "body_html"): 1_000_000,
    ("note", "body"): 20_000,
    ("wrap_up", "comment"): 4_000,
    ("evaluation", "comment"): 4_000,
    ("survey_answer", "comment"): 10_000,
    ("incident", "description"): 20_000,
    ("template", "body"): 20_000,
    ("template_version", "body"): 20_000,
}
"""Longest accepted ``Text`` values, in characters (a ``String`` column's length is its own)."""

LANGUAGE_COLUMNS = (("customer", "language"), ("contact", "language"), ("advisor", "language"))


@dataclass(frozen=True)
class Problem:
    """One value the centre would refuse: which column, and why (an English text marked for
    translation, with its values)."""

    column: str
    message: str
    values: Mapping[str, object]


def max_length(table: Table, column: str) -> int | None:
    kind = table.columns[column].type
    if isinstance(kind, String) and kind.length:
        return int(kind.length)
    return TEXTS.get((table.name, column))


def problems(table: Table, values: Mapping[str, Any]) -> list[Problem]:
    """What the centre would refuse among ``values`` (column name to Python value) of a row of
    ``table``; empty when every value is acceptable."""
    found: list[Problem] = []
    for name, value in values.items():
        if name not in table.columns or value is None:
            continue
        if isinstance(value, str):
            if "\x00" in value:
                found.append(
                    Problem(name, QT_TRANSLATE_NOOP("limits", "it holds a NUL character"), {})
                )
            limit = max_length(table, name)
            if limit is not None and len(value) > limit:
                found.append(
                    Problem(
                        name,
                        QT_TRANSLATE_NOOP(
                            "limits", "it is {length} characters long, the limit is {limit}"
                        ),
                        {"length": len(value), "limit": limit},
                    )
                )
            if (table.name, name) in LANGUAGE_COLUMNS and value not in LANGUAGES:
                found.append(
                    Problem(
                        name,
                        QT_TRANSLATE_NOOP("limits", "“{value}” is not a language Relais knows"),
                        {"value": value[:20]},
                    )
                )
        bounds = SCORES.get((table.name, name))
        if bounds is not None and not (isinstance(value, int) and bounds[0] <= value <= bounds[1]):
            found.append(
                Problem(
                    name,
                    QT_TRANSLATE_NOOP("limits", "it must be a whole number from {low} to {high}"),
                    {"low": bounds[0], "high": bounds[1]},
                )
            )
    return found


def check_constraints(table: Table, dialect: str) -> dict[str, str]:
    """The CHECK constraints the centre puts on ``table`` (name to SQL condition): score ranges,
    ``Text`` lengths, languages; on SQLite also ``String`` lengths and no NUL (PostgreSQL's own
    types refuse those already)."""
    checks: dict[str, str] = {}
    length = "char_length" if dialect == "postgresql" else "length"
    for column in table.columns:
        key = (table.name, column.name)
        if key in SCORES:
            low, high = SCORES[key]
            checks[f"{column.name}_range"] = f"{column.name} BETWEEN {low} AND {high}"
        if key in LANGUAGE_COLUMNS:
            listed = ", ".join(f"'{code}'" for code in LANGUAGES)
            checks[f"{column.name}_known"] = f"{column.name} IN ({listed})"
        text_limit = TEXTS.get(key)
        string_limit = None
        if isinstance(column.type, String) and column.type.length and dialect == "sqlite":
            string_limit = column.type.length
        limit = text_limit or string_limit
        if limit is not None:
            checks[f"{column.name}_length"] = f"{length}({column.name}) <= {limit}"
        if dialect == "sqlite" and isinstance(column.type, String):
            checks[f"{column.name}_no_nul"] = f"instr({column.name}, char(0)) = 0"
    return checks
