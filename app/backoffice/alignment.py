"""The alignment of the four views of a closed contact (the advisor's self-assessment, the
manager's and the quality reviewer's evaluations, the customer's survey), per advisor, per team
and for the whole selection, over a period; and the contacts behind any figure.

The period is the contacts' ``closed_at``, in whole days of the centre's time zone, UTC: from
``start`` 00:00 to ``end`` 24:00 (the end day included). A contact counts for the advisor who
closed it (contact.assigned_to) and for that advisor's team. What each view is:
app.backoffice.alignment_sql; the arithmetic (kappa, intervals, the bias-corrected estimate):
app.backoffice.alignment_stats.

Rights: an advisor reads their own alignment only, a supervisor their team's, an administrator
everyone's. The service refuses anything else with a clear message; underneath, PostgreSQL's
row-level security keeps a colleague's wrap-ups and evaluations from the user's own login
whatever the query (tests/security/test_backoffice_alignment.py), and the embedded centre
applies the same rules in the queries.
"""

import csv
import json
import sys
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from sqlalchemy import Connection, select

from app.backoffice import alignment_sql as q
from app.backoffice import alignment_stats as stats
from app.backoffice.centre import BackOffice
from app.backoffice.scales import CSAT_TO_FOUR
from app.i18n import QT_TRANSLATE_NOOP, Translate, no_translation
from app.models import Advisor, Team

Behind = q.Behind
VIEWS = q.VIEWS
PAIRS = q.PAIRS


@dataclass(frozen=True)
class Figures:
    """One line of the report: ``scope`` is "all", "team" or "advisor"."""

    scope: str
    team: str | None
    advisor: str | None
    name: str
    coverage: stats.Coverage
    pairs: tuple[stats.PairFigures, ...]
    calibration: stats.Calibration
    satisfaction: stats.Satisfaction | None = None


@dataclass(frozen=True)
class Report:
    selection: q.Selection
    figures: tuple[Figures, ...]
    empty: str | None = None  # why there is no figure (a source text, translated when shown)


@dataclass(frozen=True)
class DrillRow:
    contact_id: uuid.UUID
    reference: str
    closed_at: datetime
    advisor: str
    self: int | None
    manager: int | None
    quality: int | None
    customer: int | None
    csat: int | None
    comment: str | None  # the customer's own words


@dataclass(frozen=True)
class DrillPage:
    rows: tuple[DrillRow, ...]
    total: int
    offset: int


NO_CONTACT = QT_TRANSLATE_NOOP(
    "cli", "No contact was closed between {start} and {end} (UTC) in this selection."
)
NO_SURVEY = QT_TRANSLATE_NOOP("cli", "No surveyed contact: there is no bias to measure.")
TEAM_WITHOUT_SURVEY = QT_TRANSLATE_NOOP(
    "cli", "Not every team of the selection has surveyed contacts: see each team's estimate."
)


# -- the report ----------------------------------------------------------------------------------


@dataclass
class _Advisor:
    team_id: uuid.UUID | None
    coverage: stats.Coverage = field(default_factory=stats.Coverage)
    calibration: stats.Calibration = field(default_factory=stats.Calibration)
    levels: dict[int, stats.LevelCell] = field(default_factory=dict)
    pairs: dict[int, dict[tuple[int, int], int]] = field(default_factory=lambda: defaultdict(dict))


def report(
    office: BackOffice,
    start: date,
    end: date,
    team: str | None = None,
    advisor: str | None = None,
) -> Report:
    """The figures of the selection: one line for the whole selection, one per team (unless
    the selection is one advisor) and one per advisor."""
    selection = q.select_for(office, start, end, team, advisor)
    with q.snapshot(office.reader) as conn:
        views = q.views(selection.scope(q.viewer(office)))
        advisors: dict[uuid.UUID, _Advisor] = {}
        for row in conn.execute(q.figures_query(views)):
            one = advisors.setdefault(row.advisor_id, _Advisor(row.team_id))
            if row.pair != q.LEVELS:
                one.pairs[int(row.pair)][(row.a, row.b)] = row.n
                continue
            rated = row.a is not None
            one.coverage += stats.Coverage(
                row.n, row.n if rated else 0, row.manager, row.quality, row.customer
            )
            one.calibration += stats.Calibration(row.customer if rated else 0, row.over, row.under)
            one.levels[row.a or 0] = stats.LevelCell(row.n, row.customer, row.satisfied)
        if not advisors:
            return Report(selection, (), NO_CONTACT)
        names = _names(conn, advisors)
    return Report(selection, _lines(selection, advisors, names))


def _names(conn: Connection, advisors: dict[uuid.UUID, _Advisor]) -> dict[Any, tuple[str, str]]:
    """(login or team name, display name) of every advisor and team of the report."""
    people = conn.execute(
        select(Advisor.id, Advisor.login, Advisor.display_name).where(Advisor.id.in_(advisors))
    )
    names: dict[Any, tuple[str, str]] = {r.id: (r.login, r.display_name) for r in people}
    teams = {a.team_id for a in advisors.values()} - {None}
    for r in conn.execute(select(Team.id, Team.name).where(Team.id.in_(teams))):
        names[r.id] = (r.name, r.name)
    return names


def _line(
    scope: str,
    team: str | None,
    advisor: str | None,
    name: str,
    members: list[_Advisor],
    satisfaction: stats.Satisfaction | None = None,
) -> Figures:
    coverage, calibration = stats.Coverage(), stats.Calibration()
    cells: dict[int, dict[tuple[int, int], int]] = defaultdict(dict)
    for one in members:
        coverage += one.coverage
        calibration += one.calibration
        for pair, counts in one.pairs.items():
            stats.add_cells(cells[pair], counts)
    pairs = tuple(stats.pair_figures(a, b, cells[i]) for i, (a, b) in enumerate(PAIRS))
    return Figures(scope, team, advisor, name, coverage, pairs, calibration, satisfaction)


def _satisfaction(
    members: dict[uuid.UUID, _Advisor], estimate: stats.Estimate | None, why: str | None = None
) -> stats.Satisfaction:
    surveyed = sum(c.surveyed for one in members.values() for c in one.levels.values())
    satisfied = sum(c.satisfied for one in members.values() for c in one.levels.values())
    if estimate is None and (why is None or not surveyed):
        why = NO_SURVEY
    return stats.Satisfaction(
        surveyed,
        satisfied,
        stats.share(satisfied, surveyed),
        stats.wilson(satisfied, surveyed),
        estimate,
        None if estimate is not None else why,
    )


def _lines(
    selection: q.Selection, advisors: dict[uuid.UUID, _Advisor], names: dict[Any, tuple[str, str]]
) -> tuple[Figures, ...]:
    by_team: dict[uuid.UUID | None, dict[uuid.UUID, _Advisor]] = defaultdict(dict)
    for advisor_id, one in advisors.items():
        by_team[one.team_id][advisor_id] = one
    estimates = {
        team_id: stats.corrected_satisfaction({a: one.levels for a, one in members.items()})
        for team_id, members in by_team.items()
    }
    known = [e for e in estimates.values() if e is not None]
    if len(known) == len(estimates):
        overall = _satisfaction(advisors, stats.combined(known))
    else:
        overall = _satisfaction(advisors, None, TEAM_WITHOUT_SURVEY)
    team_name = selection.team if selection.team_id else None
    lines = [_line("all", team_name, selection.advisor, "", list(advisors.values()), overall)]

    def team_key(team_id: uuid.UUID | None) -> str:
        return names.get(team_id, ("", ""))[0]

    for team_id in sorted(by_team, key=team_key):
        members = by_team[team_id]
        name = names[team_id][0] if team_id in names else None
        if selection.advisor_id is None:
            satisfaction = _satisfaction(members, estimates[team_id])
            lines.append(
                _line("team", name, None, name or "", list(members.values()), satisfaction)
            )
        for advisor_id in sorted(members, key=lambda a: names[a][0]):
            login, display = names[advisor_id]
            lines.append(_line("advisor", name, login, display, [members[advisor_id]]))
    return tuple(lines)


# -- the contacts behind a figure ----------------------------------------------------------------


def contacts_behind(
    office: BackOffice,
    start: date,
    end: date,
    behind: Behind,
    team: str | None = None,
    advisor: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> DrillPage:
    """One page of the contacts a figure or a matrix cell rests on (``behind`` says which:
    a view's coverage, a pair's contacts or one cell of its matrix, those agreeing or not, the
    calibration's), with the four views and the customer's own words, latest closed first."""
    if behind.pair is not None and behind.pair not in PAIRS:
        raise ValueError(f"not a pair of views: {behind.pair}")
    selection = q.select_for(office, start, end, team, advisor)
    with q.snapshot(office.reader) as conn:
        views = q.views(selection.scope(q.viewer(office)), behind.required())
        rows = conn.execute(q.drill_query(views, behind, max(1, limit), max(0, offset))).all()
        page = tuple(DrillRow(*row[:-1]) for row in rows)
        total = rows[0].total if rows else conn.scalar(q.drill_count(views, behind)) or 0
    return DrillPage(page, total, offset)


NOT_SURVEYED_YET = QT_TRANSLATE_NOOP(
    "alignment", "None of your rated contacts has a survey answer yet."
)
CALIBRATION = QT_TRANSLATE_NOOP(
    "alignment",
    "You rated 3 or 4 where the customer answered 1 or 2 in {over} of your {n} surveyed "
    "contacts, and 1 or 2 where they answered 4 or 5 in {under}.",
)


def calibration_sentence(
    calibration: stats.Calibration,
    translate: Translate = no_translation,
    percent: Callable[[float], str] = "{:.0%}".format,
) -> str:
    """What an advisor reads of their own calibration (CSAT answers on the survey's 1-5);
    ``percent`` writes a share in the reader's typography."""
    if not calibration.surveyed:
        return translate("alignment", NOT_SURVEYED_YET)
    over, under = calibration.over_share or 0.0, calibration.under_share or 0.0
    return translate("alignment", CALIBRATION).format(
        over=percent(over), under=percent(under), n=calibration.surveyed
    )


# -- relais report alignment ---------------------------------------------------------------------

CSV_COLUMNS = (
    "scope", "team", "advisor", "first", "second", "n", "agreement", "mean_gap", "kappa",
    "closed", "with_self", "with_manager", "with_quality", "with_customer",
)  # fmt: skip


def report_command(office: BackOffice, args: Any, out: TextIO, translate: Translate) -> int:
    """``relais report alignment``: the report as CSV (one row per line of the report and pair
    of views) or JSON (as_json's structure). A period without contact prints its reason (on
    standard error for CSV, whose output stays a header alone) and succeeds."""
    result = report(office, args.start, args.end, args.team, args.advisor)
    why = None
    if result.empty:
        why = translate("cli", result.empty).format(
            start=args.start.isoformat(), end=args.end.isoformat()
        )
    if args.format == "json":
        json.dump(as_json(result, why, translate), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in result.figures:
        for pair in line.pairs:
            writer.writerow([
                line.scope, line.team or "", line.advisor or "", pair.first, pair.second, pair.n,
                _number(pair.agreement), _number(pair.mean_gap), _number(pair.kappa),
                *line.coverage.as_tuple(),
            ])  # fmt: skip
    if why:
        print(why, file=sys.stderr)
    return 0


def _number(value: float | None, digits: int = 4) -> str | float:
    return "" if value is None else round(value, digits)


def as_json(result: Report, why: str | None = None, translate: Translate = no_translation) -> dict:
    """The report as JSON::

        {"period": {"from", "to", "time_zone": "UTC", "closed_at": "from <= closed_at < to+1"},
         "selection": {"team", "advisor"}, "csat_to_four": {"1": 1, ...},
         "empty": null | "why there is no figure",
         "lines": [{"scope": "all"|"team"|"advisor", "team", "advisor", "name",
                    "coverage": {"closed", "self", "manager", "quality", "customer"},
                    "pairs": [{"first", "second", "n", "agreeing", "agreement", "mean_gap",
                               "kappa", "matrix": [[first=1: second=1..4], ... first=4]}],
                    "calibration": {"surveyed", "over", "over_share", "under", "under_share"},
                    "satisfaction": null (advisor lines) | {
                        "surveyed": {"n", "satisfied", "share", "low", "high"},   (Wilson 95 %)
                        "estimated": null | {"share", "low", "high", "contacts", "surveyed",
                                             "method"},
                        "why": null | "why there is no estimate"}}]}

    Shares are 0-1; a figure with nothing to rest on is null."""
    selection = result.selection
    return {
        "period": {
            "from": selection.start.isoformat(),
            "to": selection.end.isoformat(),
            "time_zone": "UTC",
            "closed_at": f"{selection.start.isoformat()}T00:00Z <= closed_at < "
            f"{(selection.end + timedelta(days=1)).isoformat()}T00:00Z",
        },
        "selection": {"team": selection.team, "advisor": selection.advisor},
        "csat_to_four": {str(k): v for k, v in CSAT_TO_FOUR.items()},
        "empty": why,
        "lines": [_line_json(line, translate) for line in result.figures],
    }


def _line_json(line: Figures, translate: Translate) -> dict:
    c = line.calibration
    shares = {"over_share": c.over_share, "under_share": c.under_share}
    return {
        "scope": line.scope,
        "team": line.team,
        "advisor": line.advisor,
        "name": line.name,
        "coverage": dict(zip(("closed", *VIEWS), line.coverage.as_tuple(), strict=True)),
        "pairs": [asdict(p) for p in line.pairs],
        "calibration": {**asdict(c), **shares},
        "satisfaction": _satisfaction_json(line.satisfaction, translate),
    }


METHOD = (
    "self-assessments corrected per advisor and level, shrunk toward the team's (weight of "
    "4 surveyed contacts); 95 % normal approximation (delta method)"
)


def _satisfaction_json(s: stats.Satisfaction | None, translate: Translate) -> dict | None:
    if s is None:
        return None
    low, high = s.interval or (None, None)
    surveyed = {"n": s.surveyed, "satisfied": s.satisfied, "share": s.share}
    e = s.estimate
    estimated: dict[str, Any] | None = None
    if e is not None:
        estimated = {"share": e.share, "low": e.low, "high": e.high, "contacts": e.contacts}
        estimated |= {"surveyed": e.surveyed, "method": METHOD}
    return {
        "surveyed": {**surveyed, "low": low, "high": high},
        "estimated": estimated,
        "why": None if s.why is None else translate("cli", s.why),
    }
