"""The indicators' figures and a drill-down's contacts as CSV or XLSX, for a spreadsheet.

XLSX is written with openpyxl (a project dependency: the one well-kept library that both writes
and reads the format, so the tests read back what was written), in write-only mode, which
streams rows instead of holding the workbook in memory: a drill-down can list every contact of
a month. CSV is UTF-8 with comma separators; a file written with ``write_csv`` starts with a
byte-order mark so that Excel opens it as UTF-8.

Times are UTC: ISO 8601 with the offset in CSV, naive UTC datetimes in XLSX (the format has no
time zones) under columns that say so. Shares are 0-1, durations seconds, as the figures are.
A text that a spreadsheet would take for a formula (=, +, -, @ first, or a tab or carriage
return) stays text: in CSV it gets a leading apostrophe, in XLSX it is stored as a string, so
a customer's words can never run as a formula on a supervisor's machine.
"""

import csv
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

from app.backoffice.indicators import Dashboard
from app.backoffice.indicators_drill import DrillRow
from app.errors import EnvironmentProblem, InputError
from app.i18n import QT_TRANSLATE_NOOP, Translate, no_translation

FIGURES_SHEET = "Indicators"
HEAT_SHEET = "Arrivals"
SELECTION_SHEET = "Selection"
CONTACTS_SHEET = "Contacts"
FIGURE_COLUMNS = (
    "indicator", "label", "channel", "unit", "value", "n", "previous", "previous_n", "change",
    "why",
)  # fmt: skip
HEAT_COLUMNS = ("weekday", "hour", "arrivals", "previous")  # weekday 0 Monday, local time
CONTACT_COLUMNS = (
    "reference", "received_at_utc", "closed_at_utc", "channel", "status", "advisor", "customer",
    "words", "value",
)  # fmt: skip

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def figure_rows(board: Dashboard, translate: Translate = no_translation) -> Iterator[tuple]:
    """One row per figure, FIGURE_COLUMNS."""
    for f in board.figures:
        previous = f.previous
        yield (
            f.key,
            translate("indicators", f.label),
            None if f.channel is None else f.channel.value,
            f.unit,
            f.current.value,
            f.current.n,
            None if previous is None else previous.value,
            None if previous is None else previous.n,
            f.change,
            None if f.why is None else translate("indicators", f.why),
        )


def heat_rows(board: Dashboard) -> Iterator[tuple]:
    for cell in board.heat_map:
        yield (cell.weekday, cell.hour, cell.count, cell.previous)


def selection_rows(board: Dashboard) -> Iterator[tuple]:
    s = board.selection
    yield ("start_utc", s.start)
    yield ("end_utc", s.end)
    yield ("previous_start_utc", s.previous_start)
    yield ("team", s.team or "")
    yield ("channel", "" if s.channel is None else s.channel.value)
    yield ("time_zone", board.time_zone)
    yield ("computed_at_utc", board.computed_at)


def contact_rows(rows: Iterable[DrillRow]) -> Iterator[tuple]:
    for r in rows:
        yield (
            r.reference, r.received_at, r.closed_at, r.channel.value, r.status.value,
            r.advisor, r.customer, r.words, r.value,
        )  # fmt: skip


# -- CSV -----------------------------------------------------------------------------------------


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(out: TextIO, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])


def figures_csv(board: Dashboard, out: TextIO, translate: Translate = no_translation) -> None:
    _write_csv(out, FIGURE_COLUMNS, figure_rows(board, translate))


def contacts_csv(rows: Iterable[DrillRow], out: TextIO) -> None:
    _write_csv(out, CONTACT_COLUMNS, contact_rows(rows))


# -- XLSX ----------------------------------------------------------------------------------------


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # openpyxl would store it as a formula
        return cell
    return value


def _sheet(book: Any, title: str, columns: tuple[str, ...] | None, rows: Iterable[tuple]) -> None:
    sheet = book.create_sheet(title)
    if columns is not None:
        sheet.append(columns)
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])


def _save(book: Any, path: Path) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        book.save(tmp)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_write(path, exc) from exc


def figures_xlsx(board: Dashboard, path: Path, translate: Translate = no_translation) -> None:
    """The figures, the heat map and what they are of, one sheet each."""
    book = Workbook(write_only=True)
    _sheet(book, FIGURES_SHEET, FIGURE_COLUMNS, figure_rows(board, translate))
    _sheet(book, HEAT_SHEET, HEAT_COLUMNS, heat_rows(board))
    _sheet(book, SELECTION_SHEET, None, selection_rows(board))
    _save(book, Path(path))


def contacts_xlsx(rows: Iterable[DrillRow], path: Path) -> None:
    book = Workbook(write_only=True)
    _sheet(book, CONTACTS_SHEET, CONTACT_COLUMNS, contact_rows(rows))
    _save(book, Path(path))


# -- to a file, by its extension -----------------------------------------------------------------


def write_figures(board: Dashboard, path: Path, translate: Translate = no_translation) -> None:
    """``path`` ending in .xlsx or .csv."""
    path = Path(path)
    if _kind(path) == "xlsx":
        figures_xlsx(board, path, translate)
    else:
        _write_text(path, lambda out: figures_csv(board, out, translate))


def write_contacts(rows: Iterable[DrillRow], path: Path) -> None:
    path = Path(path)
    if _kind(path) == "xlsx":
        contacts_xlsx(rows, path)
    else:
        _write_text(path, lambda out: contacts_csv(rows, out))


def _kind(path: Path) -> str:
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("csv", "xlsx"):
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "Relais exports to .csv or .xlsx files, not “{name}”."),
            QT_TRANSLATE_NOOP("errors", "Choose a file name ending in .csv or .xlsx."),
            name=path.name,
        )
    return kind


def _write_text(path: Path, write: Any) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as out:
            write(out)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_write(path, exc) from exc


def cannot_write(path: Path, exc: OSError) -> EnvironmentProblem:
    return EnvironmentProblem(
        QT_TRANSLATE_NOOP("errors", "Relais cannot write {path}: {reason}."),
        QT_TRANSLATE_NOOP("errors", "Choose another folder, or close the file if it is open."),
        path=str(path),
        reason=exc.strerror or str(exc),
    )
