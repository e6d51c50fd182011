"""The contacts behind an indicator or a chart element (a channel's bar, a heat map cell, the
SLA's missed, the contacts not resolved first time, the detractors...), one page at a time,
through the same row queries as the figures (app.backoffice.indicators_sql): a figure's ``n``
is the drill-down's ``total``. The same rights as the dashboard's."""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Subquery, func, null, select
from sqlalchemy.orm import aliased

from app.backoffice import indicators_sql as q
from app.backoffice.alignment_sql import snapshot
from app.backoffice.centre import BackOffice
from app.backoffice.indicators import IndicatorSettings, prepare
from app.backoffice.indicators_figures import local_cell
from app.clock import utcnow
from app.enums import Channel, ContactStatus
from app.models import Advisor, Contact, Customer, SurveyAnswer

PAGE_MAX = 500

Rows = Callable[[q.Scope], Subquery]
Condition = Callable[[Subquery], ColumnElement[bool] | None]

# What each drill-down lists: its rows, which of them, and the value shown beside each (the
# seconds of a duration, the survey's score).
BEHIND: dict[str, tuple[Rows, Condition, str | None]] = {
    "received": (q.received_rows, lambda r: None, None),
    "heat": (q.received_rows, lambda r: None, None),  # the cell's hours: Behind.weekday, .hour
    "answered": (q.response_rows, lambda r: r.c.frt.is_not(None), "frt"),
    "unanswered": (q.response_rows, lambda r: r.c.frt.is_(None), "waited"),
    "sla_met": (q.response_rows, lambda r: r.c.met == 1, "frt"),
    "sla_missed": (q.response_rows, lambda r: r.c.missed == 1, "waited"),
    "closed": (q.closed_rows, lambda r: None, None),
    "handled": (q.closed_rows, lambda r: r.c.handled.is_not(None), "handled"),
    "calls": (q.closed_rows, lambda r: r.c.talk.is_not(None), "talk"),
    "resolved_first": (q.closed_rows, lambda r: r.c.fcr == 1, None),
    "not_resolved_first": (q.closed_rows, lambda r: r.c.fcr == 0, None),
    "transferred": (q.closed_rows, lambda r: r.c.transferred == 1, None),
    "surveyed": (q.survey_rows, lambda r: None, "csat"),
    "satisfied": (q.survey_rows, lambda r: r.c.csat >= 4, "csat"),
    "unsatisfied": (q.survey_rows, lambda r: r.c.csat <= 3, "csat"),
    "promoters": (q.survey_rows, lambda r: r.c.nps >= 9, "nps"),
    "passives": (q.survey_rows, lambda r: r.c.nps.between(7, 8), "nps"),
    "detractors": (q.survey_rows, lambda r: r.c.nps <= 6, "nps"),
    "effort": (q.survey_rows, lambda r: r.c.effort.is_not(None), "effort"),
    "backlog": (q.backlog_rows, lambda r: None, None),
    "queued": (q.queued_rows, lambda r: None, None),
}

DRILL_OF = {
    "volume": "received", "handling_time": "handled", "talk_time": "calls",
    "first_response_median": "answered", "first_response_mean": "answered", "sla": "sla_missed",
    "fcr": "not_resolved_first", "transfer_rate": "transferred", "csat": "unsatisfied",
    "csat_mean": "surveyed", "nps": "detractors", "effort": "effort", "backlog": "backlog",
    "queued": "queued",
}  # fmt: skip
"""The drill-down a click on each indicator opens by default (the contacts that pull it down)."""


@dataclass(frozen=True)
class Behind:
    """Which contacts: ``figure`` a key of BEHIND; ``channel`` one channel's (a bar); for the
    heat map the local ``weekday`` (0 Monday) and ``hour`` of a cell (None: any); ``previous``
    the previous period's contacts instead of the period's."""

    figure: str
    channel: Channel | None = None
    weekday: int | None = None
    hour: int | None = None
    previous: bool = False


@dataclass(frozen=True)
class DrillRow:
    contact_id: uuid.UUID
    reference: str
    received_at: datetime
    closed_at: datetime | None
    channel: Channel
    status: ContactStatus
    advisor: str | None  # who holds or closed it (display name)
    customer: str  # the customer's name, or the sender's as the contact shows it
    words: str | None  # the customer's own words: their survey comment, where there is one
    value: float | None  # the figure's own measure for this contact (seconds, score), if any


@dataclass(frozen=True)
class DrillPage:
    rows: tuple[DrillRow, ...]
    total: int
    offset: int


def _hours(scope: q.Scope, behind: Behind, settings: IndicatorSettings) -> list[int]:
    """The UTC epoch hours of the period that fall on the heat map cell asked for."""
    start, end = (
        (scope.previous_start, scope.start) if behind.previous else (scope.start, scope.end)
    )
    zone = settings.zone()
    first, last = int(start.timestamp()) // 3600, -(-int(end.timestamp()) // 3600)
    return [
        h
        for h in range(first, last)
        if (cell := local_cell(h, zone))
        and behind.weekday in (None, cell[0])
        and behind.hour in (None, cell[1])
    ]


_PLACED_BY_DATE = frozenset(BEHIND) - {"backlog", "queued"}


def _conditions(
    r: Subquery, scope: q.Scope, behind: Behind, settings: IndicatorSettings
) -> list[ColumnElement[bool]]:
    _rows, condition, _value = BEHIND[behind.figure]
    if behind.figure in _PLACED_BY_DATE:
        # The period as a range of the date that places a contact in it, not as the rows'
        # ``period``: PostgreSQL then walks the date's index, and knows how many rows come.
        start, end = (
            (scope.previous_start, scope.start) if behind.previous else (scope.start, scope.end)
        )
        conditions = [r.c.at >= scope.at(start), r.c.at < scope.at(end)]
    else:
        conditions = [r.c.period == (1 if behind.previous else 0)]
    if (extra := condition(r)) is not None:
        conditions.append(extra)
    if behind.channel is not None:
        conditions.append(r.c.channel == Channel(behind.channel))
    if behind.figure == "heat":
        conditions.append(r.c.hour.in_(_hours(scope, behind, settings)))
    return conditions


def contacts_behind(
    office: BackOffice,
    start: datetime,
    end: datetime,
    behind: Behind,
    team: str | uuid.UUID | None = None,
    channel: Channel | str | None = None,
    limit: int = 50,
    offset: int = 0,
    settings: IndicatorSettings | None = None,
    now: datetime | None = None,
) -> DrillPage:
    """One page of the contacts behind a figure of ``dashboard(office, start, end, team,
    channel)``, the latest first (by the date that placed them in the period; then by id, so
    that pages neither repeat nor skip a contact)."""
    if behind.figure not in BEHIND:
        raise ValueError(f"not a drill-down: {behind.figure}")
    _selection, scope, settings = prepare(office, start, end, team, channel, settings, now)
    rows, _condition, value = BEHIND[behind.figure]
    r = rows(scope)
    conditions = _conditions(r, scope, behind, settings)
    # The page's contacts first, from the rows alone (a top-N over them), then what is shown
    # of those 50: joined before the limit, PostgreSQL looked up every contact of the period.
    top = (
        select(r.c.id, r.c.at, (r.c[value] if value else null()).label("value"))
        .where(*conditions)
        .order_by(r.c.at.desc(), r.c.id)
        .limit(max(1, min(limit, PAGE_MAX)))
        .offset(max(0, offset))
        .subquery("page")
    )
    k, holder = aliased(Contact), aliased(Advisor)
    customer = func.coalesce(Customer.first_name + " " + Customer.last_name, k.sender_display)
    page = (
        select(
            k.id,
            k.reference,
            k.received_at,
            k.closed_at,
            k.channel,
            k.status,
            holder.display_name,
            customer,
            SurveyAnswer.comment,
            top.c.value,
        )
        .select_from(top)
        .join(k, k.id == top.c.id)
        .outerjoin(holder, holder.id == k.assigned_to)
        .outerjoin(Customer, Customer.id == k.customer_id)
        .outerjoin(SurveyAnswer, SurveyAnswer.contact_id == k.id)
        .order_by(top.c.at.desc(), top.c.id)
    )
    with snapshot(office.reader) as conn:
        total = conn.scalar(select(func.count()).select_from(r).where(*conditions)) or 0
        found = tuple(_row(row) for row in conn.execute(page))
    return DrillPage(found, total, max(0, offset))


def _row(row: Any) -> DrillRow:
    value = row[9]
    return DrillRow(
        row[0], row[1], row[2], row[3], Channel(row[4]), ContactStatus(row[5]), row[6],
        row[7] or "", row[8] or None, None if value is None else float(value),
    )  # fmt: skip


def all_contacts_behind(
    office: BackOffice,
    start: datetime,
    end: datetime,
    behind: Behind,
    team: str | uuid.UUID | None = None,
    channel: Channel | str | None = None,
    settings: IndicatorSettings | None = None,
    now: datetime | None = None,
) -> Iterator[DrillRow]:
    """Every contact behind the figure, page after page (for an export), as of one "now"."""
    now = now or utcnow()
    offset = 0
    while True:
        page = contacts_behind(
            office, start, end, behind, team, channel, PAGE_MAX, offset, settings, now
        )
        yield from page.rows
        offset += len(page.rows)
        if not page.rows or offset >= page.total:
            return
