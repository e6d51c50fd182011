"""The centre's opening hours, and when a follow-up may be planned in them.

A callback or a written reply planned at closing time must land when someone is there to make
it: never at night, on a day the centre is closed or on a public holiday. The rule lives here,
not in the close dialog, so the dialog (what it proposes, what it accepts) and the service
(what it refuses) agree.

The hours are read in the workstation's local time, the time the close dialog shows. They are
a user setting (``opening_hours``, ``public_holidays`` in ``app.settings``); the default is the
centre's as the design describes it: 08:30–22:00 every day, closed on French public holidays.

Public holidays are computed here (``french_holidays``) rather than taken from the ``holidays``
package: that package is well kept, but importing it costs 70–200 ms (python-dateutil and its
calendars), paid on the GUI thread when the close dialog first opens, for eleven dates a year
that the law fixes — eight on fixed days, three from Easter (Easter Monday, Ascension Thursday,
Whit Monday), Easter by the Gregorian computus — plus Good Friday and St Stephen's Day in
Alsace-Moselle (``FR-57``). Whit Monday is kept as a holiday: most centres close on it even
where it became a "solidarity day".
"""

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday keys of the ``opening_hours`` setting, Monday first (``date.weekday()`` order)."""

DEFAULT_WEEK: dict[str, str] = {day: "08:30-22:00" for day in DAYS}
"""Open 08:30–22:00, seven days a week (the centre's hours in the design notes)."""

DEFAULT_HOLIDAYS = "FR"
"""Closed on the public holidays of metropolitan France."""

CALENDARS: tuple[str, ...] = ("", "FR", "FR-57")
"""What ``public_holidays`` may say: none, metropolitan France, or with Alsace-Moselle's two."""

SOON = timedelta(hours=2)
"""A follow-up is proposed this long after the close, when the centre is still open then."""

MORNING = time(10, 0)
"""Otherwise at this time of the next open day (or at its opening when it opens later): the
first hour after opening is the queue's busiest."""

_HORIZON_DAYS = 400
"""How far ahead an opening is looked for; a week with no open day at all has none."""


@dataclass(frozen=True)
class Span:
    """The hours of one day: open from ``opens`` (included) to ``closes`` (excluded)."""

    opens: time
    closes: time

    def holds(self, moment: time) -> bool:
        return self.opens <= moment < self.closes


@dataclass(frozen=True)
class Closed:
    """Why a moment is outside the opening hours, and when the centre opens next."""

    why: str
    """``"holiday"``, ``"closed_day"``, ``"before_opening"`` or ``"after_closing"``."""
    holiday: str
    """The public holiday's name (in the language asked for), when ``why`` is ``"holiday"``."""
    next_open: datetime | None
    """The next moment the centre is open (aware, local), None when it never opens."""


def parse_span(text: str) -> Span | None:
    """``"08:30-22:00"`` as a Span; ``""`` (closed) as None. Raises ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    start, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"opening hours must read HH:MM-HH:MM, not {text!r}")
    opens, closes = time.fromisoformat(start.strip()), time.fromisoformat(end.strip())
    if opens >= closes:
        raise ValueError(f"a day must open before it closes: {text!r}")
    return Span(opens, closes)


def valid_week(value: Any) -> bool:
    """Whether a value of the ``opening_hours`` setting can be used: a mapping of weekday keys
    to ``"HH:MM-HH:MM"`` or ``""``, with at least one open day. Missing days are closed."""
    if not isinstance(value, Mapping) or not set(value) <= set(DAYS):
        return False
    try:
        spans = [parse_span(v) for v in value.values() if isinstance(v, str)]
    except ValueError:
        return False
    return len(spans) == len(value) and any(s is not None for s in spans)


def valid_holidays(value: Any) -> bool:
    """Whether a value of the ``public_holidays`` setting is known (see ``CALENDARS``)."""
    return isinstance(value, str) and value in CALENDARS


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the "anonymous" computus, Meeus/Jones/Butcher),
    exact for every year from 1583."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


# (month, day or Easter offset, English name, French name); names for the advisor's message.
_FIXED: tuple[tuple[int, int, str, str], ...] = (
    (1, 1, "New Year's Day", "Jour de l'an"),
    (5, 1, "Labour Day", "Fête du Travail"),
    (5, 8, "Victory in Europe Day", "Victoire 1945"),
    (7, 14, "Bastille Day", "Fête nationale"),
    (8, 15, "Assumption Day", "Assomption"),
    (11, 1, "All Saints' Day", "Toussaint"),
    (11, 11, "Armistice Day", "Armistice 1918"),
    (12, 25, "Christmas Day", "Noël"),
)
_FROM_EASTER: tuple[tuple[int, str, str], ...] = (
    (1, "Easter Monday", "Lundi de Pâques"),
    (39, "Ascension Day", "Ascension"),
    (50, "Whit Monday", "Lundi de Pentecôte"),
)
_ALSACE_MOSELLE_FIXED = ((12, 26, "St Stephen's Day", "Saint-Étienne"),)
_ALSACE_MOSELLE_FROM_EASTER = ((-2, "Good Friday", "Vendredi saint"),)


@functools.cache
def french_holidays(year: int, calendar: str = "FR") -> dict[date, tuple[str, str]]:
    """The public holidays of ``year`` (``"FR"``, or ``"FR-57"`` with Alsace-Moselle's), each
    with its English and French name."""
    fixed, moving = list(_FIXED), list(_FROM_EASTER)
    if calendar == "FR-57":
        fixed += _ALSACE_MOSELLE_FIXED
        moving += _ALSACE_MOSELLE_FROM_EASTER
    sunday = easter(year)
    days = {date(year, month, day): (en, fr) for month, day, en, fr in fixed}
    days.update({sunday + timedelta(days=n): (en, fr) for n, en, fr in moving})
    return days


class OpeningHours:
    """A week of opening hours and the public holidays the centre is closed on.

    Every method takes aware datetimes (or naive ones, read as local time) and answers in
    aware local time.
    """

    def __init__(
        self,
        week: Mapping[str, str] | None = None,
        public_holidays: str = DEFAULT_HOLIDAYS,
    ) -> None:
        week = DEFAULT_WEEK if week is None else week
        if not valid_week(week):
            raise ValueError(f"unusable opening hours: {week!r}")
        if not valid_holidays(public_holidays):
            raise ValueError(f"unknown public holidays: {public_holidays!r}")
        self._week: tuple[Span | None, ...] = tuple(parse_span(week.get(d, "")) for d in DAYS)
        self._holidays = public_holidays

    @classmethod
    def from_settings(cls, settings: Any) -> "OpeningHours":
        """The hours a ``Settings`` holds (its values were checked when read)."""
        return cls(settings.get("opening_hours"), settings.get("public_holidays"))

    # -- one day ---------------------------------------------------------------------------------

    def holiday(self, day: date, language: str | None = None) -> str | None:
        """The name of the public holiday ``day`` is, if the centre closes for it."""
        if not self._holidays:
            return None
        names = french_holidays(day.year, self._holidays).get(day)
        if names is None:
            return None
        return names[1] if language and language.startswith("fr") else names[0]

    def hours_on(self, day: date) -> Span | None:
        """The day's opening hours, or None when the centre is closed all day."""
        if self.holiday(day) is not None:
            return None
        return self._week[day.weekday()]

    # -- moments ---------------------------------------------------------------------------------

    def is_open(self, when: datetime) -> bool:
        local = _local(when)
        span = self.hours_on(local.date())
        return span is not None and span.holds(local.time())

    def next_open(self, when: datetime) -> datetime | None:
        """``when`` itself when the centre is open then, else the next time it opens."""
        local = _local(when).replace(second=0, microsecond=0)
        if self.is_open(local):
            return local
        for offset in range(_HORIZON_DAYS):
            day = local.date() + timedelta(days=offset)
            span = self.hours_on(day)
            if span is None:
                continue
            opening = _at(day, span.opens)
            if opening >= local:
                return opening
        return None

    def closed(self, when: datetime, language: str | None = None) -> Closed | None:
        """None when the centre is open at ``when``; else why not and when it next opens."""
        if self.is_open(when):
            return None
        local = _local(when)
        day = local.date()
        holiday = self.holiday(day, language)
        span = self._week[day.weekday()]
        if holiday is not None:
            why = "holiday"
        elif span is None:
            why = "closed_day"
        elif local.time() < span.opens:
            why = "before_opening"
        else:
            why = "after_closing"
        return Closed(why, holiday or "", self.next_open(local))

    # -- proposals -------------------------------------------------------------------------------

    def next_morning(self, now: datetime) -> datetime:
        """10:00 (or the opening, if later) on the next open day after today — or today, when
        the centre has not opened yet today."""
        local = _local(now)
        today = self.hours_on(local.date())
        start = 0 if today is not None and local.time() < today.opens else 1
        for offset in range(start, _HORIZON_DAYS):
            day = local.date() + timedelta(days=offset)
            span = self.hours_on(day)
            if span is None:
                continue
            return _at(day, MORNING if span.holds(MORNING) else span.opens)
        return _round_up_quarter(local + SOON)  # never open: no better proposal

    def propose_follow_up(self, now: datetime) -> datetime:
        """When to call back or reply by default: in two hours, rounded up to the quarter, when
        the centre is still open then; otherwise the next morning it is open."""
        local = _local(now)
        soon = _round_up_quarter(local + SOON)
        if soon.date() == local.date() and self.is_open(soon):
            return soon
        return self.next_morning(local)

    def in_two_hours(self, now: datetime) -> datetime | None:
        """Two hours from now, rounded up to the quarter, if the centre is open then."""
        soon = _round_up_quarter(_local(now) + SOON)
        return soon if self.is_open(soon) else None


def _local(when: datetime) -> datetime:
    return when.astimezone()


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment).astimezone()


def _round_up_quarter(dt: datetime) -> datetime:
    """Up to the next quarter hour ("15:45", not "15:43"): a time read at a glance."""
    dt = dt.replace(second=0, microsecond=0)
    return dt + timedelta(minutes=(-dt.minute) % 15)
