"""Customers' survey answers, imported from a CSV file and linked to the contacts they answer.

The file's format, what refuses it whole and what refuses one of its rows are ``survey_file``'s
(and the README's, "Survey answers"): such a row is refused with its line number and never
sent. The centre decides the rest, row by row (``relais_import_surveys`` on PostgreSQL,
``_embedded_rules`` here for the embedded centre: the same rules): an unknown or ambiguous
reference, a contact of another team (a supervisor imports their team's only), a contact not
closed, an answer dated before the close or in the future.
One answer per contact: the same answer again is "already there", a different one a conflict
that keeps the stored answer; so importing a file twice changes nothing, and an import cut off
midway is finished by running it again. Rows go in batches of ``BATCH`` per call.

A survey answer is credited to the advisor who closed the contact (its ``assigned_to`` once
closed); the others who worked on it (``contact_assignment``) are shown beside: ``credits``.
"""

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from app.backoffice.centre import BackOffice
from app.backoffice.survey_file import (
    COLUMNS,
    COMMENT_MAX,
    CSAT,
    EFFORT,
    NPS,
    REQUIRED,
    Answer,
    ParsedFile,
    header_key,
    parse,
    parse_date,
    read_file,
)
from app.clock import utcnow
from app.db import Database, allow_long_statements, sqlstate, storage_errors
from app.enums import ContactStatus, Role
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP, Translate, no_translation
from app.models import Advisor, Contact, ContactAssignment, SurveyAnswer

__all__ = [
    "BATCH",
    "COLUMNS",
    "REQUIRED",
    "Answer",
    "Credit",
    "ParsedFile",
    "Person",
    "Report",
    "RowResult",
    "Status",
    "check",
    "credits",
    "header_key",
    "import_answers",
    "import_command",
    "import_file",
    "parse",
    "parse_date",
    "read_file",
    "summary",
    "summary_counts",
]

BATCH = 5000
"""Rows per call to the centre: one statement of a few seconds at most, well inside the centre
connection's statement timeout, and as many round trips as a 50,000-row file needs: ten."""

# -- what a row came to ---------------------------------------------------------------------------


class Status(StrEnum):
    IMPORTED = "imported"  # in a dry run: would be imported
    ALREADY = "already"
    CONFLICT = "conflict"
    REFUSED = "refused"


REASONS: dict[str, str] = {
    # The file's own mistakes, found before anything is sent.
    "no_reference": QT_TRANSLATE_NOOP("surveys", "no contact reference"),
    "csat_missing": QT_TRANSLATE_NOOP("surveys", "CSAT missing"),
    "csat_range": QT_TRANSLATE_NOOP("surveys", "CSAT {value} is not between 1 and 5"),
    "nps_range": QT_TRANSLATE_NOOP("surveys", "NPS {value} is not between 0 and 10"),
    "effort_range": QT_TRANSLATE_NOOP("surveys", "customer effort {value} is not between 1 and 7"),
    "not_a_number": QT_TRANSLATE_NOOP("surveys", "“{value}” in {column} is not a whole number"),
    "date_missing": QT_TRANSLATE_NOOP("surveys", "date missing"),
    "bad_date": QT_TRANSLATE_NOOP(
        "surveys", "“{value}” is not a date (YYYY-MM-DD or DD/MM/YYYY, with an optional time)"
    ),
    "too_long": QT_TRANSLATE_NOOP("surveys", "the verbatim is longer than 10,000 characters"),
    "too_many_fields": QT_TRANSLATE_NOOP(
        "surveys",
        "{value} fields where the header has {column} (a separator in a verbatim without quotes?)",
    ),
    # The centre's answers.
    "unknown_contact": QT_TRANSLATE_NOOP("surveys", "no contact has the reference {reference}"),
    "ambiguous": QT_TRANSLATE_NOOP("surveys", "several contacts have the reference {reference}"),
    "other_team": QT_TRANSLATE_NOOP("surveys", "contact {reference} is not of your team"),
    "not_closed": QT_TRANSLATE_NOOP("surveys", "contact {reference} is not closed yet"),
    "before_close": QT_TRANSLATE_NOOP(
        "surveys", "answered more than a day before contact {reference} was closed"
    ),
    "future_date": QT_TRANSLATE_NOOP("surveys", "answered more than a day in the future"),
    "invalid": QT_TRANSLATE_NOOP("surveys", "a value the centre does not accept"),
    "conflict": QT_TRANSLATE_NOOP(
        "surveys", "contact {reference} already has a different answer, which is kept"
    ),
}
"""Why a row was refused (or is a conflict), with the values put in."""

STATUS_LABELS: dict[Status, str] = {
    Status.IMPORTED: QT_TRANSLATE_NOOP("surveys", "imported"),
    Status.ALREADY: QT_TRANSLATE_NOOP("surveys", "already there"),
    Status.CONFLICT: QT_TRANSLATE_NOOP("surveys", "conflict"),
    Status.REFUSED: QT_TRANSLATE_NOOP("surveys", "refused"),
}
DRY_LABELS: dict[Status, str] = {
    **STATUS_LABELS,
    Status.IMPORTED: QT_TRANSLATE_NOOP("surveys", "to import"),
}

_OUTCOMES = {"imported": Status.IMPORTED, "already": Status.ALREADY, "conflict": Status.CONFLICT}


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class Credit:
    """Who a contact's survey answer is credited to (the advisor who closed it; None while it
    is open) and who else worked on it, in the order they first did."""

    advisor: Person | None
    others: tuple[Person, ...] = ()


@dataclass(frozen=True)
class RowResult:
    answer: Answer
    status: Status
    reason: str = ""  # a key of REASONS for a refused row or a conflict
    contact_id: uuid.UUID | None = None
    credit: Credit | None = None

    @property
    def line(self) -> int:
        return self.answer.line

    def reason_text(self, translate: Translate = no_translation) -> str:
        if not self.reason:
            return ""
        a = self.answer
        return translate("surveys", REASONS[self.reason]).format(
            value=a.value, column=a.column, reference=a.reference
        )


@dataclass(frozen=True)
class Report:
    """What an import did (or, ``dry_run``, would do) with each row of a file."""

    rows: tuple[RowResult, ...]
    dry_run: bool
    encoding: str = ""
    delimiter: str = ""
    counts: Counter[Status] = field(default_factory=Counter)

    @staticmethod
    def of(rows: Sequence[RowResult], dry_run: bool, parsed: ParsedFile | None = None) -> "Report":
        counts = Counter(r.status for r in rows)
        return Report(
            tuple(rows),
            dry_run,
            parsed.encoding if parsed else "",
            parsed.delimiter if parsed else "",
            counts,
        )

    @property
    def exit_code(self) -> int:
        """0 when every row was imported or already there, 1 otherwise."""
        return 0 if self.counts[Status.REFUSED] + self.counts[Status.CONFLICT] == 0 else 1


# -- the centre -----------------------------------------------------------------------------------

Progress = Callable[[int, int], None]


def check(office: BackOffice, path: Path, progress: Progress | None = None) -> Report:
    """The dry run: what importing ``path`` would do, row by row, with nothing imported (the
    centre runs the very import and rolls it back), credits included. For a preview."""
    return import_file(office, path, dry_run=True, progress=progress)


def import_file(
    office: BackOffice, path: Path, dry_run: bool = False, progress: Progress | None = None
) -> Report:
    """Imports a survey file (or, ``dry_run``, says what importing it would do)."""
    parsed = read_file(path)
    return import_answers(office, parsed, dry_run, progress)


def import_answers(
    office: BackOffice, parsed: ParsedFile, dry_run: bool = False, progress: Progress | None = None
) -> Report:
    results: dict[int, RowResult] = {}
    sendable: list[Answer] = []
    for i, answer in enumerate(parsed.answers):
        if answer.reason:
            results[i] = RowResult(answer, Status.REFUSED, answer.reason)
        else:
            sendable.append(answer)
    index = {id(a): i for i, a in enumerate(parsed.answers)}
    total = len(sendable)
    if progress is not None:
        progress(0, total)
    for start in range(0, total, BATCH):
        batch = sendable[start : start + BATCH]
        outcomes = _call(office, [a.wire() for a in batch], dry_run)
        for answer, (_line, outcome, contact) in zip(batch, outcomes, strict=True):
            status = _OUTCOMES.get(outcome, Status.REFUSED)
            reason = "conflict" if status is Status.CONFLICT else ""
            if status is Status.REFUSED:
                reason = outcome if outcome in REASONS else "invalid"
            results[index[id(answer)]] = RowResult(answer, status, reason, contact)
        if progress is not None:
            progress(start + len(batch), total)
    rows = [results[i] for i in range(len(parsed.answers))]
    known = {r.contact_id for r in rows if r.contact_id is not None and r.status != Status.REFUSED}
    given = credits(office, known)
    rows = [
        replace(r, credit=given.get(r.contact_id)) if r.contact_id in given else r for r in rows
    ]
    return Report.of(rows, dry_run, parsed)


def not_allowed() -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "Only supervisors and administrators import survey answers."),
        QT_TRANSLATE_NOOP("errors", "Ask your supervisor to import the file."),
    )


_SQL = text(
    "SELECT r.line, r.outcome, r.contact FROM public.relais_import_surveys(CAST(:rows AS jsonb)) r"
)


def _call(
    office: BackOffice, rows: list[dict[str, Any]], dry_run: bool
) -> list[tuple[int, str, uuid.UUID | None]]:
    """One batch, one call, one transaction (rolled back in a dry run)."""
    db = office.db
    with storage_errors(db), db.engine.connect() as conn:
        if db.is_sqlite:
            from app.sync import apply
            from app.sync.centre import not_a_user

            with conn.begin() as tx:
                try:
                    me = apply.user(conn, office.who.login)
                except apply.NotAUser as exc:
                    raise not_a_user(office.who.login) from exc
                found = _embedded_rules(conn, me, rows)
                if dry_run:
                    tx.rollback()
            return found
        try:
            allow_long_statements(conn, 300)
            found = [(r[0], r[1], r[2]) for r in conn.execute(_SQL, {"rows": json.dumps(rows)})]
        except DBAPIError as exc:
            if sqlstate(exc) == "42501":
                raise not_allowed() from exc
            raise
        if dry_run:
            conn.rollback()
        else:
            conn.commit()
        return found


def _embedded_rules(
    conn: Connection, me: Any, rows: list[dict[str, Any]]
) -> list[tuple[int, str, uuid.UUID | None]]:
    """``relais_import_surveys`` for the embedded SQLite centre: the same checks, in the same
    order, with the same outcomes (see app/migrations/central/sql/3fe0ed6959e9_30_surveys.sql)."""
    if me.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise not_allowed()
    if len(rows) > BATCH:
        raise ValueError(f"at most {BATCH} rows per call")
    now = utcnow()
    references = {str(r.get("reference") or "").strip() for r in rows}
    contacts: dict[str, list[Any]] = {}
    stored: dict[uuid.UUID, tuple[Any, ...]] = {}
    for chunk in _chunks(sorted(references)):
        for c in conn.execute(
            select(
                Contact.id, Contact.reference, Contact.team_id, Contact.status, Contact.closed_at
            ).where(Contact.reference.in_(chunk))
        ):
            contacts.setdefault(c.reference, []).append(c)
    ids = [found[0].id for found in contacts.values() if len(found) == 1]
    for chunk in _chunks(ids):
        for s in conn.execute(
            select(
                SurveyAnswer.contact_id,
                SurveyAnswer.csat,
                SurveyAnswer.nps,
                SurveyAnswer.effort,
                SurveyAnswer.comment,
                SurveyAnswer.answered_at,
            ).where(SurveyAnswer.contact_id.in_(chunk))
        ):
            stored[s.contact_id] = tuple(s[1:])
    out: list[tuple[int, str, uuid.UUID | None]] = []
    new: list[dict[str, Any]] = []
    for n, row in enumerate(rows, 1):
        line = int(row.get("line") or n)
        ref = str(row.get("reference") or "").strip()
        csat, nps, effort = row.get("csat"), row.get("nps"), row.get("effort")
        comment = row.get("comment") or ""
        at = datetime.fromisoformat(row["answered_at"]) if row.get("answered_at") else None
        if (
            not ref
            or not isinstance(csat, int)
            or not CSAT[0] <= csat <= CSAT[1]
            or (nps is not None and not NPS[0] <= nps <= NPS[1])
            or (effort is not None and not EFFORT[0] <= effort <= EFFORT[1])
            or len(comment) > COMMENT_MAX
            or at is None
        ):
            out.append((line, "invalid", None))
            continue
        at = at.astimezone(UTC)
        found = contacts.get(ref, [])
        if len(found) != 1:
            out.append((line, "unknown_contact" if not found else "ambiguous", None))
            continue
        c = found[0]
        if me.role == Role.SUPERVISOR and (me.team is None or c.team_id != me.team):
            outcome = "other_team"
        elif c.status != ContactStatus.CLOSED:
            outcome = "not_closed"
        elif c.id in stored:
            same = stored[c.id] == (csat, nps, effort, comment, at)
            outcome = "already" if same else "conflict"
        elif at > now + timedelta(days=1):
            outcome = "future_date"
        elif c.closed_at is not None and at < c.closed_at - timedelta(days=1):
            outcome = "before_close"
        else:
            outcome = "imported"
            stored[c.id] = (csat, nps, effort, comment, at)
            new.append(
                {
                    "id": uuid.uuid4(),
                    "contact_id": c.id,
                    "csat": csat,
                    "nps": nps,
                    "effort": effort,
                    "comment": comment,
                    "answered_at": at,
                    "imported_at": now,
                }
            )
        out.append((line, outcome, c.id))
    if new:
        conn.execute(insert(SurveyAnswer), new)
    return out


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- who a survey answer is credited to -----------------------------------------------------------


def credits(office: BackOffice, contact_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Credit]:
    """Per contact: the advisor its survey answer is credited to (who closed it) and the others
    who worked on it, first to last. Two reads on the centre per 500 contacts; contacts the
    user may not read, or that do not exist, are left out."""
    ids = sorted(set(contact_ids))
    found: dict[uuid.UUID, Credit] = {}
    db: Database = office.reader
    with db.reading() as conn:
        for chunk in _chunks(ids):
            closer = {
                r.id: r.assigned_to if r.status == ContactStatus.CLOSED else None
                for r in conn.execute(
                    select(Contact.id, Contact.assigned_to, Contact.status).where(
                        Contact.id.in_(chunk)
                    )
                )
            }
            worked: dict[uuid.UUID, list[uuid.UUID]] = {}
            first = func.min(ContactAssignment.started_at)
            for r in conn.execute(
                select(ContactAssignment.contact_id, ContactAssignment.advisor_id)
                .where(ContactAssignment.contact_id.in_(chunk))
                .group_by(ContactAssignment.contact_id, ContactAssignment.advisor_id)
                .order_by(ContactAssignment.contact_id, first, ContactAssignment.advisor_id)
            ):
                worked.setdefault(r.contact_id, []).append(r.advisor_id)
            people = {a for a in closer.values() if a is not None}
            people.update(a for advisors in worked.values() for a in advisors)
            names: dict[uuid.UUID, str] = {}
            if people:
                named = select(Advisor.id, Advisor.display_name).where(Advisor.id.in_(people))
                names = {r.id: r.display_name for r in conn.execute(named)}
            for contact_id, advisor in closer.items():
                others = tuple(
                    Person(a, names.get(a, "?")) for a in worked.get(contact_id, []) if a != advisor
                )
                credited = None if advisor is None else Person(advisor, names.get(advisor, "?"))
                found[contact_id] = Credit(credited, others)
    return found


# -- the command ----------------------------------------------------------------------------------


def import_command(
    office: BackOffice, path: Path, dry_run: bool, out: TextIO, translate: Translate
) -> int:
    """``relais surveys import FILE [--dry-run]``: 0 when every row was imported or already
    there, 1 when some were refused or conflict; a file refused whole raises (exit 2)."""
    report = import_file(office, path, dry_run)
    for line in summary(report, str(path), translate):
        print(line, file=out)
    return report.exit_code


def summary(report: Report, name: str, translate: Translate = no_translation) -> list[str]:
    """The report as the command prints it: the counts, each row refused or in conflict with
    its line and reason, who the answers imported are credited to."""
    lines = summary_counts(report, name, translate)
    tail = lines.pop() if report.dry_run else None
    for row in report.rows:
        if row.status in (Status.REFUSED, Status.CONFLICT):
            said = translate("surveys", "line {line}: {reason}")
            lines.append("  " + said.format(line=row.line, reason=row.reason_text(translate)))
    credited = Counter(
        r.credit.advisor.name
        for r in report.rows
        if r.status is Status.IMPORTED and r.credit is not None and r.credit.advisor is not None
    )
    if credited:
        tally = ", ".join(f"{who} {n}" for who, n in sorted(credited.items()))
        label = (
            translate("surveys", "Would be credited to: {advisors}")
            if report.dry_run
            else translate("surveys", "Credited to: {advisors}")
        )
        lines.append(label.format(advisors=tally))
    if tail is not None:
        lines.append(tail)
    return lines


def summary_counts(report: Report, name: str, translate: Translate = no_translation) -> list[str]:
    """What the file is and how many rows came to what (the window's dialog shows the rows)."""

    def t(source: str) -> str:
        return translate("surveys", source)

    counts = report.counts
    separator = {
        ",": t(QT_TRANSLATE_NOOP("surveys", "commas")),
        ";": t(QT_TRANSLATE_NOOP("surveys", "semicolons")),
        "\t": t(QT_TRANSLATE_NOOP("surveys", "tabs")),
    }.get(report.delimiter, report.delimiter)
    done = (
        QT_TRANSLATE_NOOP("surveys", "To import: {n}")
        if report.dry_run
        else QT_TRANSLATE_NOOP("surveys", "Imported: {n}")
    )
    lines = [
        t(QT_TRANSLATE_NOOP("surveys", "{name}: {rows} rows ({encoding}, separated by {sep})"))
        .format(name=name, rows=len(report.rows), encoding=report.encoding, sep=separator),
        t(done).format(n=counts[Status.IMPORTED]),
        t(QT_TRANSLATE_NOOP("surveys", "Already there: {n}")).format(n=counts[Status.ALREADY]),
        t(QT_TRANSLATE_NOOP("surveys", "Conflicts (the stored answer is kept): {n}"))
        .format(n=counts[Status.CONFLICT]),
        t(QT_TRANSLATE_NOOP("surveys", "Refused: {n}")).format(n=counts[Status.REFUSED]),
    ]  # fmt: skip
    if report.dry_run:
        lines.append(t(QT_TRANSLATE_NOOP("surveys", "Nothing was imported (dry run).")))
    return lines
