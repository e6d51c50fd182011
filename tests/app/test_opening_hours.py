"""Follow-ups are planned when the centre is open (issue 9): the opening hours, French public
holidays, what is proposed at closing time, and what the settings accept."""

import json
from datetime import date, datetime, timedelta

import pytest

from app.opening_hours import (
    DEFAULT_WEEK,
    OpeningHours,
    easter,
    french_holidays,
    valid_week,
)
from app.settings import Settings

WEEKDAYS = OpeningHours(
    {d: "08:30-19:00" for d in ("mon", "tue", "wed", "thu", "fri")} | {"sat": "09:00-17:00"}
)


def local(*args: int) -> datetime:
    return datetime(*args).astimezone()  # type: ignore[arg-type]


def test_easter_and_the_holidays_that_follow_it() -> None:
    # Published dates: Easter 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28, 2038-04-25.
    assert [easter(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
    ]
    days = french_holidays(2026)
    assert len(days) == 11
    assert {date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)} <= set(days)
    assert days[date(2026, 7, 14)] == ("Bastille Day", "Fête nationale")
    alsace = french_holidays(2026, "FR-57")
    assert set(alsace) - set(days) == {date(2026, 4, 3), date(2026, 12, 26)}


def test_a_follow_up_proposed_late_on_friday_lands_on_the_next_open_hour() -> None:
    friday_evening = local(2026, 3, 13, 18, 0)  # a Friday; in two hours it is closed
    assert WEEKDAYS.propose_follow_up(friday_evening) == local(2026, 3, 14, 10, 0)  # Saturday
    saturday_evening = local(2026, 3, 14, 16, 30)
    assert WEEKDAYS.propose_follow_up(saturday_evening) == local(2026, 3, 16, 10, 0)  # Monday
    assert WEEKDAYS.next_open(local(2026, 3, 14, 18, 0)) == local(2026, 3, 16, 8, 30)


def test_in_two_hours_when_still_open_rounded_to_the_quarter() -> None:
    assert WEEKDAYS.propose_follow_up(local(2026, 3, 12, 14, 5)) == local(2026, 3, 12, 16, 15)
    assert WEEKDAYS.in_two_hours(local(2026, 3, 12, 14, 5)) == local(2026, 3, 12, 16, 15)
    assert WEEKDAYS.in_two_hours(local(2026, 3, 12, 17, 30)) is None  # 19:30: closed
    early = local(2026, 3, 12, 5, 0)
    assert WEEKDAYS.propose_follow_up(early) == local(2026, 3, 12, 10, 0)  # today, not tomorrow
    assert WEEKDAYS.next_morning(local(2026, 3, 12, 9, 0)) == local(2026, 3, 13, 10, 0)


def test_never_on_a_public_holiday() -> None:
    eve = local(2026, 4, 30, 21, 0)  # the day before Labour Day, a Friday
    proposal = WEEKDAYS.propose_follow_up(eve)
    assert proposal == local(2026, 5, 2, 10, 0)
    closed = WEEKDAYS.closed(local(2026, 5, 1, 11, 0), "fr")
    assert closed is not None and closed.why == "holiday" and closed.holiday == "Fête du Travail"
    assert closed.next_open == local(2026, 5, 2, 9, 0)
    assert OpeningHours(public_holidays="").is_open(local(2026, 5, 1, 11, 0))


def test_why_a_moment_is_closed() -> None:
    assert WEEKDAYS.closed(local(2026, 3, 12, 12, 0)) is None
    assert WEEKDAYS.closed(local(2026, 3, 12, 7, 0)).why == "before_opening"  # type: ignore[union-attr]
    assert WEEKDAYS.closed(local(2026, 3, 12, 19, 0)).why == "after_closing"  # type: ignore[union-attr]
    sunday = WEEKDAYS.closed(local(2026, 3, 15, 12, 0))
    assert sunday is not None and sunday.why == "closed_day"
    assert sunday.next_open == local(2026, 3, 16, 8, 30)


def test_the_default_is_the_centres_week() -> None:
    hours = OpeningHours()
    for day in range(7):
        moment = local(2026, 3, 9, 21, 45) + timedelta(days=day)  # Monday to Sunday
        assert hours.is_open(moment)
        assert not hours.is_open(moment + timedelta(minutes=15))  # 22:00 is closing time
    assert not hours.is_open(local(2026, 12, 25, 12, 0))


@pytest.mark.parametrize(
    "week",
    [
        {"mon": "19:00-08:30"},
        {"mon": "8h30-19h"},
        {"funday": "08:30-19:00"},
        {d: "" for d in DEFAULT_WEEK},
        {"mon": 830},
        "08:30-19:00",
    ],
)
def test_unusable_weeks_are_refused(week: object) -> None:
    assert not valid_week(week)
    with pytest.raises(ValueError):
        OpeningHours(week)  # type: ignore[arg-type]


def test_the_settings_keep_good_hours_and_ignore_bad_ones(tmp_path) -> None:
    path = tmp_path / "settings.json"
    good = {"mon": "09:00-18:00", "sat": ""}
    path.write_text(json.dumps({"opening_hours": good, "public_holidays": "FR-57"}))
    settings = Settings(path)
    hours = OpeningHours.from_settings(settings)
    assert hours.is_open(local(2026, 3, 9, 9, 0)) and not hours.is_open(local(2026, 3, 10, 9, 0))
    assert hours.holiday(date(2026, 12, 26)) == "St Stephen's Day"

    path.write_text(json.dumps({"opening_hours": {"mon": "late"}, "public_holidays": "XX"}))
    settings = Settings(path)
    assert settings.get("opening_hours") == DEFAULT_WEEK
    assert settings.get("public_holidays") == "FR"
    with pytest.raises(ValueError):
        settings.set("opening_hours", {"mon": "19:00-08:00"})
