"""A survey file as the survey tool or a spreadsheet writes it, read into rows: what refuses
the whole file, and what each row gets wrong, with its line number.

The file (README, "Survey answers"): one header row, then one answer a row. Columns, in any
order, named in English or French (case, accents, spaces, ``_``/``-`` and a bracketed note such
as "CSAT (1-5)" do not matter); columns of other names are ignored:

=============  ========================================================  =========
column         names accepted                                            value
=============  ========================================================  =========
reference      reference, ref, contact, contact reference, référence,     required
               réf, référence contact, référence du contact
csat           csat, satisfaction, csat score, score csat, note csat      1-5, required
nps            nps, nps score, score nps, recommandation, recommendation  0-10, optional
effort         effort, effort client, customer effort, ces,               1-7, optional
               customer effort score, score d'effort
verbatim       verbatim, comment, comments, commentaire, commentaires,     text, optional
               remarque, remarques
date           date, answered, answered at, answered on, answer date,     required
               date de réponse, date réponse, répondu le, réponse le
=============  ========================================================  =========

- Encoding: UTF-8 (with or without a byte-order mark) or Windows-1252 (what Excel's "CSV"
  writes in Western Europe); anything else (UTF-16, a workbook, bytes neither reads, text
  encoded twice) refuses the whole file.
- Separator: comma, semicolon (French spreadsheets) or tab, whichever the header row uses most.
- Dates: ISO 8601 (``2026-12-01``, ``2026-12-01 14:30``, ``2026-12-01T14:30:00+01:00``) or
  day first (``01/12/2026``, ``1/12/2026 14:30``, ``01.12.2026 14h30``); a time without an
  offset is this computer's local time, a date without a time its midnight.
- Numbers are whole (``4``, ``4.0`` and ``4,0`` are 4); an empty NPS or effort is no answer.

A row the file gets wrong carries its reason (a key of ``app.backoffice.surveys.REASONS``) and
is never sent to the centre.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from datetime import time as day_time
from pathlib import Path
from typing import Any

from app import limits
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP

MAX_BYTES = 100 * 1024 * 1024
"""Larger files are refused (split them): the file is read whole, in memory."""

COMMENT_MAX = limits.TEXTS[("survey_answer", "comment")]
CSAT = limits.SCORES[("survey_answer", "csat")]
NPS = limits.SCORES[("survey_answer", "nps")]
EFFORT = limits.SCORES[("survey_answer", "effort")]

# -- the columns ----------------------------------------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "reference": (
        "reference",
        "ref",
        "contact",
        "contact reference",
        "contact ref",
        "reference contact",
        "reference du contact",
    ),
    "csat": ("csat", "satisfaction", "csat score", "score csat", "note csat"),
    "nps": ("nps", "nps score", "score nps", "recommandation", "recommendation"),
    "effort": (
        "effort",
        "effort client",
        "customer effort",
        "ces",
        "customer effort score",
        "score d effort",
        "score effort",
    ),
    "verbatim": (
        "verbatim",
        "comment",
        "comments",
        "commentaire",
        "commentaires",
        "remarque",
        "remarques",
    ),
    "date": (
        "date",
        "answered",
        "answered at",
        "answered on",
        "answer date",
        "date de reponse",
        "date reponse",
        "repondu le",
        "reponse le",
    ),
}
"""Each column's header names, as ``header_key`` reduces them (no accents, lower case)."""

REQUIRED = ("reference", "csat", "date")
_BY_NAME = {name: column for column, names in COLUMNS.items() for name in names}


def header_key(header: str) -> str:
    """A header as it is looked up: accents, case, bracketed notes and punctuation dropped."""
    folded = unicodedata.normalize("NFKD", header)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = re.sub(r"\(.*?\)|\[.*?\]", " ", folded)
    folded = re.sub(r"[_\-.'’/:#*]", " ", folded)
    return " ".join(folded.split())


# -- a row, a file ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One row of the file as read. ``reason`` (a key of ``REASONS``) when the file itself
    gets it wrong; ``value`` and ``column`` then say what was wrong."""

    line: int
    reference: str
    csat: int | None = None
    nps: int | None = None
    effort: int | None = None
    comment: str = ""
    answered_at: datetime | None = None
    reason: str = ""
    value: str = ""
    column: str = ""

    def wire(self) -> dict[str, Any]:
        """The row as the centre's function reads it."""
        assert self.answered_at is not None
        return {
            "line": self.line,
            "reference": self.reference,
            "csat": self.csat,
            "nps": self.nps,
            "effort": self.effort,
            "comment": self.comment,
            "answered_at": self.answered_at.isoformat(),
        }


@dataclass(frozen=True)
class ParsedFile:
    answers: tuple[Answer, ...]
    encoding: str  # "UTF-8" or "Windows-1252"
    delimiter: str
    columns: dict[str, str]  # column -> the header that named it


# -- reading the file -----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# UTF-8 read as Windows-1252 and saved again as UTF-8: "Ã©" for "é", "Â°" for "°".
_TWICE = re.compile("[ÃÂ][\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


def _refuse(message: str, path: str, **values: object) -> InputError:
    return InputError(
        message,
        QT_TRANSLATE_NOOP(
            "errors",
            "Save it from your spreadsheet as CSV (UTF-8, or CSV with semicolons) and import it "
            "again; nothing was imported.",
        ),
        path=path,
        **values,
    )


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(
            QT_TRANSLATE_NOOP("errors", "{path} is a spreadsheet workbook, not a CSV file."), name
        )
    not_text = QT_TRANSLATE_NOOP("errors", "{path} is neither UTF-8 nor Windows-1252 text.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise _refuse(not_text, name)  # UTF-16 or UTF-32 (Excel's "Unicode text"), or binary
    try:
        decoded, encoding = data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        try:
            decoded, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            raise _refuse(not_text, name) from None
    if _CONTROL.search(decoded):
        raise _refuse(not_text, name)
    if _TWICE.search(decoded):
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "errors", "{path} holds text encoded twice (“Ã©” where “é” was meant)."
            ),
            name,
        )
    return decoded, encoding


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_file(path: Path) -> ParsedFile:
    """Reads and checks a survey file; refuses it whole (``InputError``) when it cannot be
    read as documented."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "{path} is larger than 100 MB."),
                QT_TRANSLATE_NOOP(
                    "errors", "Split it into smaller files: each imports on its own."
                ),
                path=str(path),
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "Cannot read {path}: {reason}."),
            QT_TRANSLATE_NOOP("errors", "Check the file's name and that you may read it."),
            path=str(path),
            reason=exc.strerror or type(exc).__name__,
        ) from exc
    return parse(data, str(path))


def parse(data: bytes, name: str = "the file") -> ParsedFile:
    """The rows of a survey file's bytes (see the module's docstring)."""
    decoded, encoding = _decode(data, name)
    first = next((line for line in decoded.splitlines() if line.strip()), None)
    if first is None:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "{path} is empty."),
            QT_TRANSLATE_NOOP("errors", "Nothing was imported."),
            path=name,
        )
    delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    answers: list[Answer] = []
    where: dict[str, int] = {}
    columns: dict[str, str] = {}
    end = 0
    for record in reader:
        line, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            header = record
            where, columns = _columns(header, name)
            continue
        answers.append(_answer(line, record, len(header), where, columns))
    if not answers:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "{path} has no survey answers below its header row."),
            QT_TRANSLATE_NOOP("errors", "Nothing was imported."),
            path=name,
        )
    return ParsedFile(tuple(answers), encoding, delimiter, columns)


def _columns(header: list[str], name: str) -> tuple[dict[str, int], dict[str, str]]:
    where: dict[str, int] = {}
    named: dict[str, str] = {}
    for i, cell in enumerate(header):
        column = _BY_NAME.get(header_key(cell))
        if column is None:
            continue
        if column in where:
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors", "{path} has two columns for {column}: “{a}” and “{b}”."
                ),
                QT_TRANSLATE_NOOP("errors", "Keep one of them; nothing was imported."),
                path=name,
                column=column,
                a=named[column],
                b=cell.strip(),
            )
        where[column] = i
        named[column] = cell.strip()
    missing = [c for c in REQUIRED if c not in where]
    if missing:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "{path} has no column for {columns}."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Its first row names the columns: reference, csat and date are needed, nps, "
                "effort and verbatim may follow (in French: référence, csat, nps, effort client, "
                "commentaire, date). Nothing was imported.",
            ),
            path=name,
            columns=", ".join(missing),
        )
    return where, named


def _answer(
    line: int, record: list[str], width: int, where: dict[str, int], named: dict[str, str]
) -> Answer:
    def cell(column: str) -> str:
        i = where.get(column)
        return record[i].strip() if i is not None and i < len(record) else ""

    reference = cell("reference")
    base = Answer(line, reference)
    if len(record) > width and any(c.strip() for c in record[width:]):
        return replace(base, reason="too_many_fields", value=str(len(record)), column=str(width))
    if not reference:
        return replace(base, reason="no_reference")
    numbers: dict[str, int | None] = {}
    for column, bounds in (("csat", CSAT), ("nps", NPS), ("effort", EFFORT)):
        raw = cell(column)
        if not raw:
            if column == "csat":
                return replace(base, reason="csat_missing")
            numbers[column] = None
            continue
        number = _whole(raw)
        if number is None:
            return replace(base, reason="not_a_number", value=raw, column=named[column])
        if not bounds[0] <= number <= bounds[1]:
            return replace(base, reason=f"{column}_range", value=raw)
        numbers[column] = number
    comment = "\n".join(cell("verbatim").splitlines())
    if len(comment) > COMMENT_MAX:
        return replace(base, reason="too_long")
    raw = cell("date")
    if not raw:
        return replace(base, reason="date_missing")
    answered = parse_date(raw)
    if answered is None:
        return replace(base, reason="bad_date", value=raw)
    return Answer(
        line,
        reference,
        numbers["csat"],
        numbers["nps"],
        numbers["effort"],
        comment,
        answered,
    )


def _whole(raw: str) -> int | None:
    match = re.fullmatch(r"([+-]?\d{1,6})(?:[.,]0+)?", raw)
    return int(match.group(1)) if match else None


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?)?"
                  r"(?:Z|[+-]\d{2}(?::?\d{2})?)?")  # fmt: skip
_DAY_FIRST = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?"
)


def parse_date(raw: str) -> datetime | None:
    """A date as survey tools and spreadsheets write it, in UTC; None if it is none."""
    raw = raw.strip()
    try:
        if _ISO.fullmatch(raw):
            if len(raw) == 10:
                return _local(datetime.combine(date.fromisoformat(raw), day_time()))
            parsed = datetime.fromisoformat(raw.replace(",", "."))
            return _local(parsed) if parsed.tzinfo is None else parsed.astimezone(UTC)
        match = _DAY_FIRST.fullmatch(raw)
        if match:
            day, month, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
            return _local(datetime(year, month, day, hour, minute, second))
    except ValueError:  # 31/02, 25:00...
        return None
    return None


def _local(naive: datetime) -> datetime:
    return naive.astimezone().astimezone(UTC)  # naive: this computer's local time
