"""Benchmark: the back office's first paint and drill-down on PostgreSQL (issue 10), each beside
the raw SQL of a comparable aggregate run in the same run, at 100,000 contacts (and 1,000,000 with
``RELAIS_BENCH_BACKOFFICE_MILLION=1``, which seeds 500,000 customers and 1,000,000 contacts first).

Run with ``QT_QPA_PLATFORM=offscreen RELAIS_TEST_PG=… pytest -m benchmark -s
tests/benchmarks/test_backoffice_bench.py``. It prints one table:

* dashboard, first paint: ``app.backoffice.indicators.dashboard`` over the last 30 days, as an
  administrator (the whole centre) and as a supervisor (their team) — target ≤ 1 s; beside it,
  the raw count of contacts received per channel in the period (one statement);
* dashboard drill-down: ``indicators_drill.contacts_behind`` (the contacts received, first page
  of 50) — target ≤ 300 ms; beside it, the raw first page of those contacts;
* alignment, first paint: ``app.backoffice.alignment.report`` over 30 days — target ≤ 1 s;
  beside it, the raw count of closed contacts per advisor and self-assessment in the period;
* alignment drill-down: ``alignment.contacts_behind`` of the feeling/customer pair — ≤ 300 ms.

Each figure is the median of three runs after one warm-up; the machine's load is printed.
"""

import contextlib
import os
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from pgcentre import PgCentre

from app.backoffice import alignment, indicators
from app.backoffice.alignment_sql import Behind as AlignmentBehind
from app.backoffice.centre import BackOffice
from app.backoffice.indicators_drill import Behind, contacts_behind
from app.db import Database
from app.workspace import find_user

pytestmark = [pytest.mark.benchmark, pytest.mark.postgres]

PAINT_TARGET = 1.0
DRILL_TARGET = 0.300
SIZES = [100_000] + ([1_000_000] if os.environ.get("RELAIS_BENCH_BACKOFFICE_MILLION") else [])

RAW_VOLUME = """SELECT channel, count(*) FROM contact
WHERE received_at >= %(start)s AND received_at < %(end)s GROUP BY channel"""
RAW_PAGE = """SELECT id, reference, received_at, channel FROM contact
WHERE received_at >= %(start)s AND received_at < %(end)s ORDER BY received_at DESC LIMIT 50"""
RAW_ALIGNMENT = """SELECT k.assigned_to, w.self_assessment, count(*) FROM contact k
JOIN wrap_up w ON w.contact_id = k.id AND w.advisor_id = k.assigned_to
WHERE k.status = 'closed' AND k.closed_at >= %(start)s AND k.closed_at < %(end)s
GROUP BY k.assigned_to, w.self_assessment"""


def _timed(call: Callable[[], object]) -> float:
    call()  # warm-up: plans, caches
    runs = []
    for _ in range(3):
        began = time.perf_counter()
        call()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


@contextlib.contextmanager
def _centre(pg_url: str, contacts: int) -> Iterator[tuple[PgCentre, float]]:
    made = PgCentre(pg_url)
    began = time.perf_counter()
    made.create(contacts // 2, contacts, 1_000)
    seeded = time.perf_counter() - began
    try:
        with psycopg.connect(made.url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        yield made, seeded
    finally:
        made.drop()


def _measure(
    office: BackOffice, raw: psycopg.Connection, start: datetime, end: datetime, who: str
) -> list[tuple[str, float, float | None, float]]:
    period = {"start": start, "end": end}

    def bare(sql: str) -> Callable[[], object]:
        return lambda: raw.execute(sql, period).fetchall()

    pair = AlignmentBehind(pair=("self", "customer"))
    first, last = start.date(), end.date()
    return [
        (f"dashboard first paint, {who}",
         _timed(lambda: indicators.dashboard(office, start, end)),
         _timed(bare(RAW_VOLUME)), PAINT_TARGET),
        (f"dashboard drill-down, {who}",
         _timed(lambda: contacts_behind(office, start, end, Behind("received"))),
         _timed(bare(RAW_PAGE)), DRILL_TARGET),
        (f"alignment first paint, {who}",
         _timed(lambda: alignment.report(office, first, last)),
         _timed(bare(RAW_ALIGNMENT)), PAINT_TARGET),
        (f"alignment drill-down, {who}",
         _timed(lambda: alignment.contacts_behind(office, first, last, pair)),
         None, DRILL_TARGET),
    ]  # fmt: skip


@pytest.mark.parametrize("contacts", SIZES)
def test_back_office_first_paint_and_drill_down(pg_url: str, contacts: int) -> None:
    rows: list[tuple[str, float, float | None, float]] = []
    with _centre(pg_url, contacts) as (made, seeded):
        admin = made.add_user("admin")
        with psycopg.connect(made.url.replace("+psycopg", "")) as owner:
            team = owner.execute("SELECT name FROM team ORDER BY name LIMIT 1").fetchone()[0]
        chief = made.add_user("supervisor", team=team)
        end = datetime.now(UTC)
        start = end - timedelta(days=30)
        for login, who in ((admin, "administrator"), (chief, "supervisor")):
            db = Database(made.user_url(login), "central")
            office = BackOffice(db, find_user(db, login))
            raw_url = made.user_url(login).replace("+psycopg", "")
            try:
                with psycopg.connect(raw_url, autocommit=True) as raw:
                    rows += _measure(office, raw, start, end, who)
            finally:
                db.dispose()
    print()
    print(
        f"Back office on {contacts:,} contacts ({contacts // 2:,} customers), PostgreSQL, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; seeded in {seeded:.0f} s"
    )
    print(f"{'figure':<44}{'Relais':>10}{'raw SQL':>10}{'ratio':>8}{'target':>10}  verdict")
    missed = []
    for figure, relais, raw, target in rows:
        verdict = "met" if relais <= target else "MISSED"
        if verdict == "MISSED":
            missed.append(figure)
        raw_text = f"{raw * 1000:.0f} ms" if raw is not None else "—"
        ratio = f"{relais / raw:.1f}×" if raw else "—"
        print(
            f"{figure:<44}{relais * 1000:>7.0f} ms{raw_text:>10}{ratio:>8}"
            f"{'≤ ' + str(int(target * 1000)) + ' ms':>10}  {verdict}"
        )
    assert not missed, f"missed: {', '.join(missed)}"
