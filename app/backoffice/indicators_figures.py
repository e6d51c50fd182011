"""The indicators' figures: their keys, units and labels, the dataclasses the dashboard returns,
and their computation from the centre's aggregates (the queries of app.backoffice.indicators_sql,
run one by one in one snapshot). What each figure counts: app.backoffice.indicators. No rights
are checked here: the dashboard checks the user's, and a team's focus indicator is the centre's
own computation (app.backoffice.focus)."""

import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import RowMapping

from app.backoffice import facts
from app.backoffice import indicators_sql as q
from app.backoffice.alignment_sql import snapshot
from app.db import Database
from app.enums import Channel
from app.errors import InputError, RelaisError
from app.i18n import QT_TRANSLATE_NOOP

Progress = Callable[[int, int], bool]
"""Called on the computing thread before each query and once at the end with (queries done,
queries in all); a False answer cancels the computation between two queries (``Cancelled``)."""

SOCIAL = (Channel.FACEBOOK, Channel.X, Channel.INSTAGRAM, Channel.WHATSAPP)

# key: (unit, which way is better, label). Units: "count", "seconds", "share" (0-1), "points"
# (NPS, -100..100), "score" (the survey's own scale).
INDICATORS: dict[str, tuple[str, str | None, str]] = {
    "volume": ("count", None, QT_TRANSLATE_NOOP("indicators", "Contacts received")),
    "handling_time": ("seconds", "lower", QT_TRANSLATE_NOOP("indicators", "Average handling time")),
    "talk_time": ("seconds", None, QT_TRANSLATE_NOOP("indicators", "Average call time")),
    "first_response_median": (
        "seconds", "lower", QT_TRANSLATE_NOOP("indicators", "First response time (median)"),
    ),
    "first_response_mean": (
        "seconds", "lower", QT_TRANSLATE_NOOP("indicators", "First response time (mean)"),
    ),
    "sla": ("share", "higher", QT_TRANSLATE_NOOP("indicators", "Answered within target (SLA)")),
    "fcr": ("share", "higher", QT_TRANSLATE_NOOP("indicators", "First-contact resolution")),
    "transfer_rate": ("share", "lower", QT_TRANSLATE_NOOP("indicators", "Transfer rate")),
    "csat": ("share", "higher", QT_TRANSLATE_NOOP("indicators", "Satisfied customers (CSAT 4-5)")),
    "csat_mean": ("score", "higher", QT_TRANSLATE_NOOP("indicators", "Average CSAT (1-5)")),
    "nps": ("points", "higher", QT_TRANSLATE_NOOP("indicators", "Net Promoter Score")),
    "effort": ("score", "lower", QT_TRANSLATE_NOOP("indicators", "Customer effort (1-7)")),
    "backlog": ("count", "lower", QT_TRANSLATE_NOOP("indicators", "Open at the period's end")),
    "queued": ("count", "lower", QT_TRANSLATE_NOOP("indicators", "Waiting in the queue now")),
}  # fmt: skip

FOCUS_KEYS = (
    "volume", "handling_time", "first_response_median", "sla", "fcr", "transfer_rate", "csat",
    "nps", "effort", "backlog",
)  # fmt: skip
"""What a team may follow as its focus indicator (PostgreSQL's relais_indicator knows these)."""

NO_CONTACTS = QT_TRANSLATE_NOOP("indicators", "No contacts in this period.")
NO_CLOSED = QT_TRANSLATE_NOOP("indicators", "No contact was closed in this period.")
NO_HANDLED = QT_TRANSLATE_NOOP(
    "indicators", "No contact closed in this period has a recorded handling time."
)
NO_CALLS = QT_TRANSLATE_NOOP(
    "indicators", "No call closed in this period has its start and end recorded."
)
NO_ANSWERED = QT_TRANSLATE_NOOP(
    "indicators", "No contact received in this period has been answered yet."
)
NO_JUDGED = QT_TRANSLATE_NOOP(
    "indicators", "No contact received in this period has been answered or waited past its target."
)
NO_SURVEY = QT_TRANSLATE_NOOP(
    "indicators", "No survey answer for the contacts closed in this period."
)
NO_NPS = QT_TRANSLATE_NOOP(
    "indicators", "No survey answer of this period gives a recommendation score."
)
NO_EFFORT = QT_TRANSLATE_NOOP(
    "indicators", "No survey answer of this period gives an effort score."
)
NO_BACKLOG = QT_TRANSLATE_NOOP("indicators", "No contact was open at the end of this period.")
NO_QUEUE = QT_TRANSLATE_NOOP("indicators", "No contact is waiting in the queue now.")
_WHY = {
    "volume": NO_CONTACTS, "handling_time": NO_HANDLED, "talk_time": NO_CALLS,
    "first_response_median": NO_ANSWERED, "first_response_mean": NO_ANSWERED, "sla": NO_JUDGED,
    "fcr": NO_CLOSED, "transfer_rate": NO_CLOSED, "csat": NO_SURVEY, "csat_mean": NO_SURVEY,
    "nps": NO_NPS, "effort": NO_EFFORT, "backlog": NO_BACKLOG, "queued": NO_QUEUE,
}  # fmt: skip


class Cancelled(RelaisError):
    """The user stopped the computation (its progress callback answered False)."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "The indicators' computation was cancelled."),
            QT_TRANSLATE_NOOP("errors", "Nothing was changed; start it again when you need them."),
        )


@dataclass(frozen=True)
class IndicatorSettings:
    """The centre's time zone for the heat map and each channel's response target (seconds)."""

    time_zone: str = "Europe/Paris"
    targets: Mapping[Channel, int] = field(
        default_factory=lambda: {
            Channel.PHONE: 60,
            Channel.EMAIL: 24 * 3600,
            **dict.fromkeys(SOCIAL, 3600),
            Channel.LETTER: 5 * 86400,
        }
    )

    @classmethod
    def from_settings(cls, settings: Any) -> "IndicatorSettings":
        """From the user's settings (app.settings) where they declare these, else the defaults:
        ``centre_time_zone`` and ``sla_<phone|email|social|letter>_seconds``."""
        declared = getattr(settings, "get", None)
        default = cls()

        def read(name: str, fallback: Any) -> Any:
            try:
                return declared(name) if declared else fallback
            except KeyError:  # not a setting (yet) of this version
                return fallback

        targets = dict(default.targets)
        for group, channels in (
            ("phone", (Channel.PHONE,)), ("email", (Channel.EMAIL,)), ("social", SOCIAL),
            ("letter", (Channel.LETTER,)),
        ):  # fmt: skip
            seconds = read(f"sla_{group}_seconds", None)
            if isinstance(seconds, int) and seconds > 0:
                targets.update(dict.fromkeys(channels, seconds))
        zone = read("centre_time_zone", default.time_zone)
        return cls(zone if isinstance(zone, str) and zone else default.time_zone, targets)

    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "“{zone}” is not a time zone Relais knows."),
                QT_TRANSLATE_NOOP("errors", "Give an IANA name such as “Europe/Paris”."),
                zone=self.time_zone,
            ) from exc


# -- the figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A figure's value in one period (None when ``n`` is 0) and what it rests on."""

    value: float | None
    n: int


@dataclass(frozen=True)
class Figure:
    """One indicator, overall (``channel`` None) or for one channel, in both periods."""

    key: str
    channel: Channel | None
    current: Measure
    previous: Measure | None  # None: no previous value ("queued" is now only)
    why: str | None = None  # why there is no current value (a source text of "indicators")

    @property
    def unit(self) -> str:
        return INDICATORS[self.key][0]

    @property
    def better(self) -> str | None:
        """ "higher", "lower" or None: which way the change is good news."""
        return INDICATORS[self.key][1]

    @property
    def label(self) -> str:
        return INDICATORS[self.key][2]

    @property
    def change(self) -> float | None:
        """The current value minus the previous one, when both exist."""
        if self.previous is None or self.current.value is None or self.previous.value is None:
            return None
        return self.current.value - self.previous.value


@dataclass(frozen=True)
class HeatCell:
    """Arrivals on one local weekday (0 Monday ... 6 Sunday) and hour (0-23)."""

    weekday: int
    hour: int
    count: int
    previous: int


@dataclass(frozen=True)
class Selection:
    """What the figures are of, resolved and allowed: the periods, team and channel."""

    start: datetime
    end: datetime
    team_id: uuid.UUID | None = None
    team: str | None = None
    channel: Channel | None = None

    @property
    def previous_start(self) -> datetime:
        return self.start - (self.end - self.start)


@dataclass(frozen=True)
class Dashboard:
    selection: Selection
    figures: tuple[Figure, ...]
    heat_map: tuple[HeatCell, ...]  # 7 x 24 cells, Monday 00:00 first
    time_zone: str
    computed_at: datetime  # "now" for the SLA and the queue
    empty: str | None = None  # NO_CONTACTS when nothing was received nor closed in the period

    def figure(self, key: str, channel: Channel | None = None) -> Figure:
        return next(f for f in self.figures if f.key == key and f.channel == channel)


# -- the computation -------------------------------------------------------------------------------


def scope_of(
    selection: Selection,
    now: datetime,
    settings: IndicatorSettings,
    visible: q.Visible | None = None,
) -> q.Scope:
    return q.Scope(
        selection.previous_start, selection.start, selection.end, now, settings.targets,
        selection.team_id, selection.channel, visible,
    )  # fmt: skip


Sums = dict[tuple[int, Channel], dict[str, float]]
Medians = dict[tuple[int, Channel | None], float]


def compute(
    db: Database,
    scope: q.Scope,
    progress: Progress | None = None,
    only: frozenset[str] | None = None,
) -> tuple[Sums, Medians, dict[tuple[int, int], int]]:
    """Runs the queries one by one in one snapshot (``only`` those named): the sums per
    (period, channel), the medians per (period, channel or None) and the arrivals per (period,
    UTC epoch hour). No rights checked here: the caller's (``dashboard``), or the centre's own
    (a team's focus indicator, app.backoffice.focus)."""
    steps = [step for step in _steps(db, scope) if only is None or only & set(step[1].values())]
    sums: Sums = defaultdict(lambda: defaultdict(float))
    medians: Medians = {}
    hours: dict[tuple[int, int], int] = {}
    with snapshot(db) as conn:
        for done, (statement, groups) in enumerate(steps):
            if progress is not None and progress(done, len(steps)) is False:
                raise Cancelled()
            for row in conn.execute(statement).mappings():
                _take(row, groups, sums, medians, hours)
    if progress is not None:
        progress(len(steps), len(steps))
    return sums, medians, hours


Groups = dict[str, str]
"""What a statement's columns are: the figures' group of each (``volume.n`` is the column
``n`` of the group ``volume``); its period and channel, and how to read its other rows, are
``_take``'s."""

_CLOSED = ("closed", "handled_n", "handled_sum", "talk_n", "talk_sum", "fcr", "transferred")
_SURVEY = (
    "csat_n", "satisfied", "csat_sum", "nps_n", "promoters", "detractors", "effort_n",
    "effort_sum",
)  # fmt: skip
_RESPONSES = ("answered", "frt_sum", "met", "missed")


def _steps(db: Database, scope: q.Scope) -> list[tuple[Any, Groups]]:
    """The statements, each a pass over the period's facts: on PostgreSQL the volume, first
    responses and medians in one (GROUPING SETS); SQLite, which has none, numbers the rows
    for its medians in a statement of their own."""
    received: list[tuple[Any, Groups]]
    if db.is_sqlite:
        received = [
            (q.volume_query(q.received_rows(scope)), {"n": "volume"}),
            (q.responses_query(q.response_rows(scope)), dict.fromkeys(_RESPONSES, "responses")),
        ]
    else:
        received = [
            (
                q.received_query(q.response_rows(scope)),
                {"n": "volume", **dict.fromkeys(_RESPONSES, "responses")},
            )
        ]
    return [
        *received,
        (q.heat_query(q.received_rows(scope)), {"n": "heat"}),
        (
            q.closed_and_survey_query(q.closed_rows(scope, surveyed=True)),
            {**dict.fromkeys(_CLOSED, "closed"), **dict.fromkeys(_SURVEY, "survey")},
        ),
        (q.volume_query(q.backlog_rows(scope)), {"n": "backlog"}),
        (q.volume_query(q.queued_rows(scope)), {"n": "queued"}),
    ]


def _take(
    row: RowMapping,
    groups: Groups,
    sums: Sums,
    medians: Medians,
    hours: dict[tuple[int, int], int],
) -> None:
    """One row of a statement of ``_steps`` into the sums, medians or heat map's hours."""
    if groups.get("n") == "heat":
        hours[(row["period"], row["hour"])] = row["n"]
        return
    period = row["period"]
    channel = Channel(row["channel"]) if row["channel"] else None  # None: every channel's
    if row.get("median") is not None:
        medians[(period, channel)] = float(row["median"])
    if row.get("kind") == q.MEDIAN or row.get("overall"):
        return  # a median's row, or the overall one whose sums repeat the channels'
    assert channel is not None
    one = sums[(period, channel)]
    for column, group in groups.items():
        one[f"{group}.{column}"] += float(row[column] or 0)


def _ratio(top: float, bottom: float, scale: float = 1.0) -> Measure:
    return Measure(scale * top / bottom if bottom else None, int(bottom))


def measure(key: str, s: Mapping[str, float], median: float | None) -> Measure:
    """One figure's value from its period's sums (see ``compute``)."""
    if key in ("volume", "backlog", "queued"):
        n = int(s.get(f"{key}.n", 0))
        return Measure(n, n)
    if key == "handling_time":
        return _ratio(s.get("closed.handled_sum", 0), s.get("closed.handled_n", 0))
    if key == "talk_time":
        return _ratio(s.get("closed.talk_sum", 0), s.get("closed.talk_n", 0))
    if key == "first_response_mean":
        return _ratio(s.get("responses.frt_sum", 0), s.get("responses.answered", 0))
    if key == "first_response_median":
        n = int(s.get("responses.answered", 0))
        return Measure(median if n else None, n)
    if key == "sla":
        met = s.get("responses.met", 0)
        return _ratio(met, met + s.get("responses.missed", 0))
    if key in ("fcr", "transfer_rate"):
        column = "fcr" if key == "fcr" else "transferred"
        return _ratio(s.get(f"closed.{column}", 0), s.get("closed.closed", 0))
    if key == "csat":
        return _ratio(s.get("survey.satisfied", 0), s.get("survey.csat_n", 0))
    if key == "csat_mean":
        return _ratio(s.get("survey.csat_sum", 0), s.get("survey.csat_n", 0))
    if key == "nps":
        net = s.get("survey.promoters", 0) - s.get("survey.detractors", 0)
        return _ratio(net, s.get("survey.nps_n", 0), 100.0)
    if key == "effort":
        return _ratio(s.get("survey.effort_sum", 0), s.get("survey.effort_n", 0))
    raise KeyError(key)


STEPS_OF = {
    "volume": {"volume"}, "backlog": {"backlog"}, "queued": {"queued"},
    "first_response_median": {"responses"}, "first_response_mean": {"responses"},
    "sla": {"responses"}, "handling_time": {"closed"}, "talk_time": {"closed"},
    "fcr": {"closed"}, "transfer_rate": {"closed"}, "csat": {"survey"}, "csat_mean": {"survey"},
    "nps": {"survey"}, "effort": {"survey"},
}  # fmt: skip
"""The groups of figures (``Groups``) each figure needs: ``compute`` runs the statements
giving them."""


def overall(db: Database, scope: q.Scope, key: str) -> tuple[Measure, Measure]:
    """One figure over every channel of the scope, in the period and the previous one, from
    its own queries alone."""
    facts.bring_up_to_date(db)
    sums, medians, _hours = compute(db, scope, only=frozenset(STEPS_OF[key]))
    return (
        measure(key, _total(sums, 0, None), medians.get((0, None))),
        measure(key, _total(sums, 1, None), medians.get((1, None))),
    )


def _total(sums: Sums, period: int, channel: Channel | None) -> dict[str, float]:
    if channel is not None:
        return dict(sums.get((period, channel), {}))
    total: dict[str, float] = defaultdict(float)
    for (p, _c), one in sums.items():
        if p == period:
            for column, value in one.items():
                total[column] += value
    return total


def assemble(
    selection: Selection,
    sums: Sums,
    medians: Medians,
    hours: dict[tuple[int, int], int],
    settings: IndicatorSettings,
    now: datetime,
) -> Dashboard:
    channels: list[Channel | None] = [None]
    channels += [selection.channel] if selection.channel else list(Channel)
    figures = []
    for channel in channels:
        now_sums, before_sums = _total(sums, 0, channel), _total(sums, 1, channel)
        for key in INDICATORS:
            current = measure(key, now_sums, medians.get((0, channel)))
            previous = (
                None if key == "queued" else measure(key, before_sums, medians.get((1, channel)))
            )
            why = _WHY[key] if current.n == 0 else None
            figures.append(Figure(key, channel, current, previous, why))
    overall = _total(sums, 0, None)
    nothing = not overall.get("volume.n") and not overall.get("closed.closed")
    return Dashboard(
        selection, tuple(figures), heat_cells(hours, settings.zone()), settings.time_zone, now,
        NO_CONTACTS if nothing else None,
    )  # fmt: skip


def local_cell(hour: int, zone: ZoneInfo) -> tuple[int, int]:
    """The centre's local (weekday, hour) of a UTC hour since the epoch (a whole-hour offset
    zone maps each UTC hour onto one local hour; a half-hour one by the hour's start)."""
    local = datetime.fromtimestamp(hour * 3600, UTC).astimezone(zone)
    return local.weekday(), local.hour


def heat_cells(hours: dict[tuple[int, int], int], zone: ZoneInfo) -> tuple[HeatCell, ...]:
    counts: dict[tuple[int, int], list[int]] = {(d, h): [0, 0] for d in range(7) for h in range(24)}
    for (period, hour), n in hours.items():
        counts[local_cell(hour, zone)][period] += n
    return tuple(HeatCell(d, h, now, before) for (d, h), (now, before) in counts.items())
