"""The indicators dashboard on both kinds of centre, every figure against the hand computation
written beside it, on the fixed data set of indicators_data.py (read its table first); the heat
map across both DST changes; the drill-down; cancellation and progress; rights; bad input; the
CSV and XLSX exports read back.
"""

import csv
import dataclasses
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import indicators_data as data
import openpyxl
import pytest
from centres import EmbeddedCentre, PostgresCentre, owner, server_url
from indicators_data import END, NOW, START
from sqlalchemy import insert, select, text

from app.backoffice import export, indicators
from app.backoffice.centre import BackOffice
from app.backoffice.indicators import Cancelled, IndicatorSettings
from app.backoffice.indicators_drill import Behind, all_contacts_behind, contacts_behind
from app.backoffice.indicators_figures import Selection, overall, scope_of
from app.db import Database
from app.enums import Channel
from app.errors import InputError
from app.ids import new_id
from app.models import Advisor, Contact
from app.workspace import find_user

NORTH, SOUTH = "Équipe Nord", "Équipe Sud"
NAMES = {"alice": "Alice Martin", "bob": "Bob Durand", "carol": "Carol Petit"}


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def centre(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path_factory.mktemp("centre")).create(customers=0)
    else:
        url = server_url()
        made = PostgresCentre(url).create(customers=0)
    people = SimpleNamespace(
        alice=made.add_user("advisor", NORTH),
        bob=made.add_user("advisor", NORTH),
        carol=made.add_user("advisor", SOUTH),
        chief=made.add_user("supervisor", NORTH),
        south=made.add_user("supervisor", SOUTH),
        boss=made.add_user("admin", None),
    )
    truth = owner(made)
    users = {name: find_user(truth, getattr(people, name)) for name in vars(people)}
    with truth.session() as s:
        for name, display in NAMES.items():
            s.execute(
                Advisor.__table__.update()
                .where(Advisor.id == users[name].advisor_id)
                .values(display_name=display)
            )
    advisors = {name: who.advisor_id for name, who in users.items()}
    teams = {"north": users["alice"].team_id, "south": users["carol"].team_id}
    made.ids = data.write(truth, advisors, teams)
    made.people, made.truth, made.teams, made.dbs = people, truth, teams, []
    yield made
    for db in made.dbs:
        db.dispose()
    truth.dispose()
    made.drop()


def office(centre, name: str) -> BackOffice:
    """The back office as that person, with their own login on PostgreSQL."""
    login = getattr(centre.people, name)
    url = centre.url if centre.kind == "sqlite" else centre.user_url(login)
    db = Database(url, "central")
    centre.dbs.append(db)
    return BackOffice(db, find_user(db, login))


@pytest.fixture(scope="module")
def north(centre) -> indicators.Dashboard:
    """North's dashboard for P, as its supervisor."""
    return indicators.dashboard(office(centre, "chief"), START, END, now=NOW)


def value(board, key, channel=None) -> tuple:
    f = board.figure(key, channel)
    return (f.current.value, f.current.n, None if f.previous is None else f.previous.value,
            None if f.previous is None else f.previous.n)  # fmt: skip


def approx(*values):
    return tuple(pytest.approx(v) if isinstance(v, float) else v for v in values)


# -- every figure, by hand ------------------------------------------------------------------------


def test_volume_per_channel(north) -> None:
    # Received in P, North, no follow-up: E1 E2 M1 (email), E3 (whatsapp), P1 P2 (phone),
    # L1 L2 (letter), F1 (facebook), I1 (instagram) = 10. FU1 is a follow-up, R1 after P, S1
    # South's. Previous: Q1 (email), Q2 (phone), L0 (letter) = 3.
    assert value(north, "volume") == (10, 10, 3, 3)
    assert north.figure("volume").change == 7
    expected = {"email": (3, 1), "whatsapp": (1, 0), "phone": (2, 1), "letter": (2, 1),
                "facebook": (1, 0), "instagram": (1, 0), "x": (0, 0)}  # fmt: skip
    for channel, (now, before) in expected.items():
        assert value(north, "volume", Channel(channel)) == (now, now, before, before)
    assert north.figure("volume", Channel.X).why == indicators.NO_CONTACTS
    assert north.figure("volume").why is None and north.empty is None


def test_heat_map_in_the_centres_time_zone(north) -> None:
    # UTC+1 in early March; Monday = 0. E1 Mon 10:00, E2 Tue 09:00, E3 Fri 15:00, P1 and P2
    # Thu 11:00, L1 Mon 08:00, M1 Sun 21:00, F1 Sat 10:00, L2 Sun 13:00, I1 Wed 16:00; before:
    # Q1 Tue 10:00, Q2 Wed 11:00, L0 Fri 10:00.
    cells = {(c.weekday, c.hour): (c.count, c.previous) for c in north.heat_map}
    assert len(cells) == 7 * 24
    nonzero = {k: v for k, v in cells.items() if v != (0, 0)}
    assert nonzero == {
        (0, 10): (1, 0), (1, 9): (1, 0), (4, 15): (1, 0), (3, 11): (2, 0), (0, 8): (1, 0),
        (6, 21): (1, 0), (5, 10): (1, 0), (6, 13): (1, 0), (2, 16): (1, 0),
        (1, 10): (0, 1), (2, 11): (0, 1), (4, 10): (0, 1),
    }  # fmt: skip
    assert north.time_zone == "Europe/Paris"


def test_first_response_median_and_mean(north) -> None:
    # Answered: P1 45, P2 90, I1 1200, E3 1800, E1 7200, E2 93600 (s). Median of six: (1200 +
    # 1800) / 2 = 1500; mean 103935 / 6 = 17322.5. Previous: Q2 30, Q1 3600, L0 342000 (3 d 23 h):
    # median 3600, mean 345630 / 3 = 115210.
    assert value(north, "first_response_median") == approx(1500.0, 6, 3600.0, 3)
    assert value(north, "first_response_mean") == approx(17322.5, 6, 115210.0, 3)
    # E-mail: E1 7200, E2 93600: median and mean 50400. Phone: 45 and 90: 67.5.
    assert value(north, "first_response_median", Channel.EMAIL)[:2] == approx(50400.0, 2)
    assert value(north, "first_response_median", Channel.PHONE)[:2] == approx(67.5, 2)
    assert value(north, "first_response_mean", Channel.PHONE)[:2] == approx(67.5, 2)
    # Letters: none answered in P (L1, L2 wait): no value, and why.
    letter = north.figure("first_response_median", Channel.LETTER)
    assert (letter.current.value, letter.current.n) == (None, 0)
    assert letter.why == indicators.NO_ANSWERED


def test_sla_compliance(north) -> None:
    # Met: E1 (7200 <= 86400), E3 (1800 <= 3600), P1 (45 <= 60), I1 (1200 <= 3600) = 4.
    # Missed: E2 (93600 > 86400), P2 (90 > 60), L1 (open, unanswered 709200 s > 5 days by now),
    # M1 (open, 144000 s > 24 h) = 4. L2 waited 172800 s < 5 days: not judged yet; F1 closed
    # without reply: not judged. 4 / 8 = 0.5. Previous: Q1, Q2, L0 (342000 <= 432000) met: 1.0.
    assert value(north, "sla") == approx(0.5, 8, 1.0, 3)
    assert north.figure("sla").change == pytest.approx(-0.5)
    assert value(north, "sla", Channel.EMAIL)[:2] == approx(1 / 3, 3)  # E1 met; E2, M1 missed
    assert value(north, "sla", Channel.LETTER)[:2] == approx(0.0, 1)  # L1 missed
    assert value(north, "sla", Channel.FACEBOOK)[:2] == (None, 0)
    assert north.figure("sla", Channel.FACEBOOK).why == indicators.NO_JUDGED


def test_handling_and_call_time(north) -> None:
    # Closed in P: E1 5400, E2 1800 + 3600, E3 2400 (never ended: to the close), P1 480,
    # P2 180, F1 300, L0 5400, I1 1800 = 21360 s over 8 -> 2670. Previous: Q1 3600, Q2 360
    # -> 1980. Calls: P1 360, P2 120 -> 240; before Q2 300.
    assert value(north, "handling_time") == approx(2670.0, 8, 1980.0, 2)
    assert value(north, "handling_time", Channel.EMAIL)[:2] == approx(5400.0, 2)
    assert value(north, "handling_time", Channel.PHONE)[:2] == approx(330.0, 2)
    assert value(north, "talk_time") == approx(240.0, 2, 300.0, 1)
    assert north.figure("talk_time", Channel.EMAIL).why == indicators.NO_CALLS


def test_first_contact_resolution_and_transfers(north) -> None:
    # Resolved first time: E1 (cust1's FU1 is a follow-up, R1 more than 7 days after), E3, P1
    # = 3 of 8. Not: E2 (cust2 came back with E3), P2 (the correction says follow_up), F1
    # (no_answer_needed), L0 (cust1 came back with E1 while it was open), I1 (transferred).
    # Transferred: E2 (two advisors held it), I1 (its wrap-up says so) = 2 of 8; P2's
    # "transferred" was superseded. Previous: Q1 and Q2 resolved, none transferred.
    assert value(north, "fcr") == approx(0.375, 8, 1.0, 2)
    assert value(north, "transfer_rate") == approx(0.25, 8, 0.0, 2)
    assert value(north, "fcr", Channel.EMAIL)[:2] == approx(0.5, 2)
    assert value(north, "transfer_rate", Channel.INSTAGRAM)[:2] == approx(1.0, 1)


def test_survey_figures(north) -> None:
    # Answers of the contacts closed in P: E1 5/10/2, E2 2/3/6, E3 4/8/-, P1 3/6/4, I1 4/-/1.
    # CSAT: 3 of 5 satisfied (5, 4, 4) = 0.6, mean 18 / 5 = 3.6. NPS: 4 answers, promoters
    # 1 (10), detractors 2 (3, 6): (1 - 2) / 4 = -25 points. Effort: (2 + 6 + 4 + 1) / 4 = 3.25.
    # Previous: Q2 4/9/3: CSAT 1.0, mean 4, NPS +100, effort 3.
    assert value(north, "csat") == approx(0.6, 5, 1.0, 1)
    assert value(north, "csat_mean") == approx(3.6, 5, 4.0, 1)
    assert value(north, "nps") == approx(-25.0, 4, 100.0, 1)
    assert north.figure("nps").change == pytest.approx(-125.0)
    assert value(north, "effort") == approx(3.25, 4, 3.0, 1)
    assert north.figure("csat", Channel.FACEBOOK).why == indicators.NO_SURVEY


def test_backlog_and_queue(north) -> None:
    # Open at P's end (03-09 00:00): L1, L2 (queued), M1 (in progress), FU1 (a follow-up whose
    # time had come) = 4; at the previous end (03-02 00:00): L0 (closed 03-03) = 1. Queued now
    # (03-10 12:00): L1, L2, FU1 and R1 (received after P) = 4; no previous value.
    assert value(north, "backlog") == (4, 4, 1, 1)
    assert value(north, "backlog", Channel.LETTER) == (2, 2, 1, 1)
    assert value(north, "queued") == (4, 4, None, None)
    assert north.figure("queued").change is None


def test_an_administrator_reads_every_team_or_one(centre) -> None:
    boss = office(centre, "boss")
    every = indicators.dashboard(boss, START, END, now=NOW)
    # S1 adds one e-mail received (3600 s, met), closed (3600 s, resolved), CSAT 1, NPS 0,
    # effort 7: volume 11; CSAT 3 of 6; NPS (1 - 3) / 5 = -40; handling 24960 / 9.
    assert value(every, "volume")[:2] == (11, 11)
    assert value(every, "csat")[:2] == approx(0.5, 6)
    assert value(every, "nps")[:2] == approx(-40.0, 5)
    assert value(every, "handling_time")[:2] == approx(24960 / 9, 9)
    assert value(every, "fcr")[:2] == approx(4 / 9, 9)
    south = indicators.dashboard(boss, START, END, team=SOUTH, now=NOW)
    assert value(south, "volume") == (1, 1, 0, 0)
    assert south.selection.team == SOUTH
    north = indicators.dashboard(boss, START, END, team=centre.teams["north"], now=NOW)
    assert value(north, "volume") == (10, 10, 3, 3)


def test_one_channel(centre) -> None:
    phone = indicators.dashboard(office(centre, "chief"), START, END, channel="phone", now=NOW)
    assert [f.channel for f in phone.figures if f.key == "volume"] == [None, Channel.PHONE]
    assert value(phone, "volume") == (2, 2, 1, 1)
    assert value(phone, "sla")[:2] == approx(0.5, 2)
    assert sum(c.count for c in phone.heat_map) == 2


# -- the heat map across DST ---------------------------------------------------------------------


def test_the_heat_map_follows_summer_time(centre) -> None:
    """Europe/Paris goes to UTC+2 on 2026-03-29 at 01:00 UTC (02:00 local does not exist) and
    back to UTC+1 on 2026-10-25 at 01:00 UTC (02:00-03:00 local happens twice)."""
    arrivals = {
        datetime(2026, 3, 28, 9, 30, tzinfo=UTC): (5, 10),  # Sat, UTC+1: 10:30
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC): (6, 1),  # Sun, still UTC+1: 01:30
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC): (6, 3),  # Sun, UTC+2: 03:30
        datetime(2026, 3, 29, 9, 30, tzinfo=UTC): (6, 11),  # Sun, UTC+2: 11:30
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC): (6, 2),  # Sun, UTC+2: 02:30 (first)
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC): (6, 2),  # Sun, UTC+1: 02:30 (again)
        datetime(2026, 10, 25, 9, 30, tzinfo=UTC): (6, 10),  # Sun, UTC+1: 10:30
    }
    team = centre.teams["south"]
    with centre.truth.session() as s:
        for i, received in enumerate(arrivals):
            s.execute(
                insert(Contact).values(
                    id=new_id(), reference=f"T-DST{i}", channel="email", status="queued",
                    received_at=received, due_at=received, team_id=team,
                )
            )  # fmt: skip
    boss = office(centre, "boss")
    spring = indicators.dashboard(
        boss, datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 3, 30, tzinfo=UTC), team=SOUTH
    )
    cells = {(c.weekday, c.hour): c.count for c in spring.heat_map if c.count}
    assert cells == {(5, 10): 1, (6, 1): 1, (6, 3): 1, (6, 11): 1}
    autumn = indicators.dashboard(
        boss, datetime(2026, 10, 25, tzinfo=UTC), datetime(2026, 10, 26, tzinfo=UTC), team=SOUTH
    )
    assert {(c.weekday, c.hour): c.count for c in autumn.heat_map if c.count} == {
        (6, 2): 2, (6, 10): 1,
    }  # fmt: skip
    # The cell's drill-down finds both 02:30 arrivals; in UTC, the map moves by an hour.
    both = contacts_behind(
        boss, datetime(2026, 10, 25, tzinfo=UTC), datetime(2026, 10, 26, tzinfo=UTC),
        Behind("heat", weekday=6, hour=2), team=SOUTH,
    )  # fmt: skip
    assert sorted(r.reference for r in both.rows) == ["T-DST4", "T-DST5"] and both.total == 2
    utc = indicators.dashboard(
        boss, datetime(2026, 10, 25, tzinfo=UTC), datetime(2026, 10, 26, tzinfo=UTC),
        team=SOUTH, settings=IndicatorSettings(time_zone="UTC"),
    )  # fmt: skip
    assert {(c.weekday, c.hour): c.count for c in utc.heat_map if c.count} == {
        (6, 0): 1, (6, 1): 1, (6, 9): 1,
    }  # fmt: skip


# -- the contacts behind a figure ----------------------------------------------------------------


def refs(page) -> list[str]:
    return [r.reference.removeprefix("T-") for r in page.rows]


def test_drill_down_behind_each_figure(centre) -> None:
    chief = office(centre, "chief")

    def behind(figure, **kw):
        return contacts_behind(chief, START, END, Behind(figure, **kw), now=NOW)

    received = behind("received", channel=Channel.EMAIL)
    assert refs(received) == ["M1", "E2", "E1"] and received.total == 3  # latest first
    assert refs(behind("heat", weekday=3, hour=11)) in (["P1", "P2"], ["P2", "P1"])
    missed = behind("sla_missed")
    assert refs(missed) == ["M1", "P2", "E2", "L1"]
    # The value: the answer time, or how long an unanswered one has waited by now.
    assert tuple(r.value for r in missed.rows) == approx(144000.0, 90.0, 93600.0, 709200.0)
    assert refs(behind("not_resolved_first")) == ["F1", "P2", "I1", "E2", "L0"]
    assert refs(behind("transferred")) == ["I1", "E2"]
    detractors = behind("detractors")
    assert refs(detractors) == ["P1", "E2"]
    p1, e2 = detractors.rows
    assert (p1.words, p1.value, p1.customer, p1.advisor) == (
        "Bien mais lent", 6.0, "Léa Noir", "Alice Martin",
    )  # fmt: skip
    assert (e2.words, e2.advisor, e2.channel, e2.closed_at) == (
        "Trop long", "Bob Durand", Channel.EMAIL, data.at("03-04 10:30"),
    )  # fmt: skip
    surveyed = behind("surveyed")
    assert surveyed.total == 5 and {r.words for r in surveyed.rows} >= {None, "Parfait"}
    assert refs(behind("backlog")) == ["M1", "L2", "FU1", "L1"]
    assert refs(behind("backlog", previous=True)) == ["L0"]
    assert sorted(refs(behind("queued"))) == ["FU1", "L1", "L2", "R1"]
    unknown = behind("sla_missed", channel=Channel.LETTER).rows[0]
    assert (unknown.customer, unknown.advisor) == ("Expéditeur L1", None)
    assert refs(behind("received", previous=True)) == ["L0", "Q2", "Q1"]
    # A page, and the whole list.
    page = contacts_behind(chief, START, END, Behind("not_resolved_first"), limit=2, offset=2)
    assert (refs(page), page.total, page.offset) == (["I1", "E2"], 5, 2)
    everything = list(all_contacts_behind(chief, START, END, Behind("closed"), now=NOW))
    assert len(everything) == 8


def test_a_figures_n_is_its_drill_downs_total(centre, north) -> None:
    chief = office(centre, "chief")
    for key, figure in (("volume", "received"), ("fcr", "closed"), ("csat", "surveyed"),
                        ("backlog", "backlog"), ("handling_time", "handled")):  # fmt: skip
        total = contacts_behind(chief, START, END, Behind(figure), now=NOW).total
        assert total == north.figure(key).current.n, key
    met = contacts_behind(chief, START, END, Behind("sla_met"), now=NOW).total
    missed = contacts_behind(chief, START, END, Behind("sla_missed"), now=NOW).total
    assert (met, met + missed) == (4, north.figure("sla").current.n)


# -- progress, cancellation, rights, bad input ---------------------------------------------------


def test_progress_is_reported_and_a_false_answer_cancels(centre) -> None:
    chief = office(centre, "chief")
    seen: list[tuple[int, int]] = []
    indicators.dashboard(chief, START, END, progress=lambda d, t: seen.append((d, t)) or True)
    total = seen[-1][1]
    assert seen == [(i, total) for i in range(total + 1)] and total >= 5  # one step per statement

    def stop_at_three(done: int, total: int) -> bool:
        return done < 3

    with pytest.raises(Cancelled) as stopped:
        indicators.dashboard(chief, START, END, progress=stop_at_three)
    assert stopped.value.text() == (
        "The indicators' computation was cancelled.\n"
        "Nothing was changed; start it again when you need them."
    )


def test_an_advisor_is_refused(centre) -> None:
    alice = office(centre, "alice")
    with pytest.raises(InputError) as refused:
        indicators.dashboard(alice, START, END)
    assert refused.value.text() == (
        "The indicators are for supervisors and administrators.\n"
        "Your own figures are in your calibration."
    )
    with pytest.raises(InputError):
        contacts_behind(alice, START, END, Behind("received"))


def test_a_supervisor_reads_their_own_team_only(centre) -> None:
    with pytest.raises(InputError) as refused:
        indicators.dashboard(office(centre, "chief"), START, END, team=SOUTH)
    assert "their own team's indicators only" in refused.value.text()
    south = indicators.dashboard(office(centre, "south"), START, END, now=NOW)
    assert value(south, "volume")[:2] == (1, 1) and south.selection.team == SOUTH
    with pytest.raises(InputError):
        contacts_behind(office(centre, "chief"), START, END, Behind("received"), team=SOUTH)


def test_bad_input(centre) -> None:
    chief = office(centre, "chief")
    with pytest.raises(InputError) as backwards:
        indicators.dashboard(chief, END, START)
    assert backwards.value.text().startswith("The period ends (2026-03-02T00:00:00+00:00) before")
    with pytest.raises(InputError):
        indicators.dashboard(chief, START, START)
    with pytest.raises(InputError) as channel:
        indicators.dashboard(chief, START, END, channel="fax")
    assert "There is no channel “fax”." in channel.value.text()
    with pytest.raises(InputError):
        indicators.dashboard(office(centre, "boss"), START, END, team="Nowhere")
    with pytest.raises(InputError):
        indicators.dashboard(chief, START, END, settings=IndicatorSettings(time_zone="Mars/Base"))


def test_a_period_without_data_says_why(centre) -> None:
    empty = indicators.dashboard(
        office(centre, "chief"), datetime(2030, 1, 1, tzinfo=UTC), datetime(2030, 1, 8, tzinfo=UTC)
    )
    assert empty.empty == indicators.NO_CONTACTS == "No contacts in this period."
    for f in empty.figures:
        if f.key in ("backlog", "queued"):
            continue  # what is still open does not depend on the period's arrivals
        assert f.current.n == 0 and f.why is not None, f.key
        assert f.current.value in (None, 0) and f.change in (None, 0), f.key
    assert empty.figure("csat").why == indicators.NO_SURVEY
    assert all(c.count == 0 for c in empty.heat_map)


# -- export --------------------------------------------------------------------------------------


def test_export_of_the_figures_round_trips(north, tmp_path) -> None:
    path = tmp_path / "indicateurs.xlsx"
    export.figures_xlsx(north, path)
    book = openpyxl.load_workbook(path)
    sheet = book[export.FIGURES_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == export.FIGURE_COLUMNS
    by_key = {(r[0], r[2]): r for r in rows[1:]}
    assert by_key[("sla", None)][4:9] == (0.5, 8, 1.0, 3, -0.5)
    assert by_key[("volume", "email")][4:9] == (3, 3, 1, 1, 2)
    assert by_key[("csat", "facebook")][4] is None
    assert by_key[("csat", "facebook")][9] == indicators.NO_SURVEY
    heat = list(book[export.HEAT_SHEET].iter_rows(values_only=True))
    assert heat[0] == export.HEAT_COLUMNS and len(heat) == 1 + 7 * 24
    assert (0, 10, 1, 0) in heat[1:]
    text = io.StringIO()
    export.figures_csv(north, text)
    parsed = list(csv.reader(io.StringIO(text.getvalue())))
    assert tuple(parsed[0]) == export.FIGURE_COLUMNS
    sla = parsed[1 + [r[0] for r in parsed[1:]].index("sla")][:9]
    assert sla == [
        "sla",
        "Answered within target (SLA)",
        "",
        "share",
        "0.5",
        "8",
        "1.0",
        "3",
        "-0.5",
    ]


def test_export_of_a_drill_down_round_trips_and_defuses_formulas(centre, tmp_path) -> None:
    chief = office(centre, "chief")
    rows = list(all_contacts_behind(chief, START, END, Behind("surveyed"), now=NOW))
    hostile = dataclasses.replace(rows[0], words='=HYPERLINK("http://x")')
    rows.append(hostile)
    path = tmp_path / "contacts.xlsx"
    export.contacts_xlsx(rows, path)
    sheet = openpyxl.load_workbook(path).active
    read = list(sheet.iter_rows(values_only=True))
    assert read[0] == export.CONTACT_COLUMNS and len(read) == 1 + 6
    by_ref = {r[0]: r for r in read[1:]}
    assert by_ref["T-E2"][1:] == (
        datetime(2026, 3, 3, 8), datetime(2026, 3, 4, 10, 30), "email", "closed",
        "Bob Durand", "Marc Blanc", "Trop long", 2,
    )  # fmt: skip
    assert read[-1][7] == '=HYPERLINK("http://x")'  # kept as text, not a formula
    assert openpyxl.load_workbook(path).active.cell(len(read), 8).data_type == "s"
    text = io.StringIO()
    export.contacts_csv(rows, text)
    parsed = list(csv.reader(io.StringIO(text.getvalue())))
    assert parsed[-1][7] == '\'=HYPERLINK("http://x")'
    assert parsed[1 + [r[0] for r in parsed[1:]].index("T-E2")][1] == "2026-03-03T08:00:00+00:00"


def test_owner_reads_what_the_dashboard_counts(centre) -> None:
    """A guard on the data set itself: what it holds is what the table in its docstring says."""
    with centre.truth.session() as s:
        refs_in_p = s.scalars(
            select(Contact.reference).where(
                Contact.received_at >= START, Contact.received_at < END,
                Contact.team_id == centre.teams["north"], Contact.parent_id.is_(None),
            )
        ).all()  # fmt: skip
    assert len(refs_in_p) == 10
    assert timedelta(days=7) == END - START


def test_settings_come_from_the_users_settings_where_declared() -> None:
    values = {"centre_time_zone": "America/Montreal", "sla_social_seconds": 7200}
    declared = SimpleNamespace(get=values.__getitem__)  # KeyError: not a setting of this version
    read = IndicatorSettings.from_settings(declared)
    assert read.time_zone == "America/Montreal"
    assert read.targets[Channel.WHATSAPP] == read.targets[Channel.X] == 7200
    assert read.targets[Channel.PHONE] == 60 and read.targets[Channel.LETTER] == 5 * 86400
    assert IndicatorSettings.from_settings(None) == IndicatorSettings()


def test_the_centres_focus_function_agrees_with_every_figure(centre, north) -> None:
    """The focus indicator against the hand-checked figures above, in both periods: on
    PostgreSQL its relais_indicator, written in SQL apart; on the embedded centre the
    dashboard's own queries, only those the one figure needs (``overall``)."""
    team = centre.teams["north"]
    if centre.kind != "postgres":
        selection = Selection(START, END, team)
        for key in indicators.FOCUS_KEYS:
            figure = north.figure(key)
            scope = scope_of(selection, NOW, IndicatorSettings())
            got = overall(centre.truth, scope, key)
            assert [approx(m.value, m.n) for m in got] == [
                (m.value, m.n) for m in (figure.current, figure.previous)
            ], key
        return
    with centre.truth.reading() as conn:
        for key in indicators.FOCUS_KEYS:
            figure = north.figure(key)
            for (start, end), measure in (
                ((START, END), figure.current), ((START - (END - START), START), figure.previous),
            ):  # fmt: skip
                got = conn.execute(
                    text("SELECT * FROM relais_indicator(:k, :t, :s, :e, :n)"),
                    {"k": key, "t": team, "s": start, "e": end, "n": NOW},
                ).one()
                assert approx(got[0], got[1]) == (measure.value, measure.n), (key, start)
