"""How long ``relais central seed`` takes, against writing the same rows raw, in the same run.

Run with ``QT_QPA_PLATFORM=offscreen pytest -m benchmark -s tests/benchmarks/test_seed_bench.py``
(``RELAIS_TEST_PG`` for the PostgreSQL rows; ``RELAIS_BENCH_SEED_MILLION=1`` adds the back
office's data set, 1,000,000 customers and 2,000,000 contacts, on PostgreSQL: its time, in
minutes). It prints one table:

* the demo size (400 customers, 2,500 past and 60 queued contacts) seeded into a fresh
  embedded centre, against ``INSERT … SELECT`` of its rows into a fresh centre — target 10 s;
* 100,000 customers and 200,000 contacts (1.4 million rows, and as many change-log rows)
  seeded by ``app.seed.generator.seed`` (what ``relais central seed`` runs once it has checked
  the schema) into a freshly migrated centre, against the same rows written raw into another
  one: the seed is run again with its batches handed, as they come, to a bare writer, and only
  that writer's database calls are timed — so the rows, their order and their transactions are
  the seed's, and the centre's triggers (the change log, the checks, the review items the
  centre derives from survey answers) do the same work on both sides:

  - on SQLite, sqlite3 ``executemany`` per table, the triggers running row by row as on any
    write — target ≤ 5×; shown beside it, the same with the change log's and the checks'
    triggers dropped for each insert and the change log written by one ``INSERT … SELECT``
    (how the seed writes its larger batches, without its checks): the floor of a bulk write;
  - on PostgreSQL, psycopg ``COPY … FROM STDIN`` per table — target ≤ 5×.

Wall-clock seconds are compared; the process's own CPU time is noted beside them, because other
work on the machine stretches the wall clock of both sides unevenly (the load average is
printed). The default run checks what holds on any machine: the same data, written in batches
(tests/app/test_seed.py, tests/app/test_seed_bulk.py).
"""

import contextlib
import os
import sqlite3
import statistics
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from pgcentre import PgCentre
from sqlalchemy import make_url

from app.db import Database
from app.migrations import upgrade
from app.models import Base
from app.seed import batches
from app.seed.batches import SQLITE_CACHE_KIB, Tables
from app.seed.generator import seed
from app.seed.rows import COLUMNS

pytestmark = pytest.mark.benchmark

RUNS = 3
DEMO = {"customers": 400, "contacts": 2_500, "queue": 60}
TARGET_S = 10.0
CUSTOMERS, CONTACTS, QUEUE = 100_000, 200_000, 60
MILLION = (1_000_000, 2_000_000, 1_000)
RATIO_TARGET = 5.0


# ------------------------------------------------------------------------------------ table


@dataclass
class Line:
    figure: str
    relais: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""  # "met", "MISSED", or "" for a line shown for information


@dataclass
class Report:
    lines: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    shown: tuple[int, int] = (0, 0)

    def add(self, line: Line) -> None:
        self.lines.append(line)

    def flush(self) -> None:
        """Prints what the current test added, before its assertions can stop it."""
        lines, notes = self.shown
        print("\n" + render(self.lines[lines:], self.notes[notes:]), flush=True)
        self.shown = (len(self.lines), len(self.notes))
        self.loads.append(f"{os.getloadavg()[0]:.1f}")


HEADER = Line("figure", "Relais", "baseline", "ratio", "target")
WIDTHS = (76, 12, 12, 8, 8, 8)


def render(lines: list[Line], notes: list[str]) -> str:
    def one(line: Line) -> str:
        first, *rest = (line.figure, line.relais, line.baseline, line.ratio, line.target)
        cells = [*rest, line.verdict]
        return f"{first:<{WIDTHS[0]}}" + "".join(
            f"{cell:>{width}}" for cell, width in zip(cells, WIDTHS[1:], strict=True)
        )

    out = [one(line) for line in lines]
    if notes:
        out.append("")
        out += [
            textwrap.fill(n, sum(WIDTHS), initial_indent="  ", subsequent_indent="    ")
            for n in notes
        ]
    return "\n".join(out)


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    table = Report()
    yield table
    width = sum(WIDTHS)
    print()
    print("=" * width)
    print(
        f"Seed benchmark on {os.cpu_count()} CPUs, load average (1 min) as each test ended: "
        f"{', '.join(table.loads)}; ratio = Relais seconds / baseline seconds (wall clock)"
    )
    print(render([HEADER], []))
    print("-" * width)
    print(render(table.lines, table.notes))
    print("=" * width)


@dataclass
class Timing:
    wall: float
    cpu: float  # this process's own CPU time (both threads)


@contextlib.contextmanager
def timed() -> Iterator[list[Timing]]:
    """``with timed() as took:`` — ``took[0]`` once the block is done."""
    took: list[Timing] = []
    wall, cpu = time.perf_counter(), time.process_time()
    yield took
    took.append(Timing(time.perf_counter() - wall, time.process_time() - cpu))


def judged(figure: str, relais: Timing, limit: Timing) -> Line:
    ratio = relais.wall / limit.wall
    return Line(
        figure,
        f"{relais.wall:.1f} s",
        f"{limit.wall:.1f} s",
        f"{ratio:.2f}×",
        f"≤ {RATIO_TARGET:g}×",
        "met" if ratio <= RATIO_TARGET else "MISSED",
    )


# ------------------------------------------------------------------------------- the demo


def fresh(path: Path) -> Database:
    db = Database("sqlite:///" + str(path), "central")
    upgrade(db)
    return db


def raw_copy_s(source: Path, target: Path) -> tuple[float, int]:
    """Seconds to copy every row of ``source`` into the empty ``target``, and the rows."""
    fresh(target).dispose()
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("ATTACH DATABASE ? AS made", (str(source),))
        present = {
            name
            for (name,) in conn.execute("SELECT name FROM made.sqlite_master WHERE type = 'table'")
        }
        tables = [
            t.name
            for t in Base.metadata.sorted_tables
            if t.name in present
            and not conn.execute(f"SELECT 1 FROM main.{t.name} LIMIT 1").fetchone()
        ]
        started = time.perf_counter()
        conn.execute("BEGIN")
        rows = 0
        for table in tables:
            rows += conn.execute(f"INSERT INTO main.{table} SELECT * FROM made.{table}").rowcount
        conn.execute("COMMIT")
        return time.perf_counter() - started, rows
    finally:
        conn.close()


def test_the_demo_is_seeded_in_seconds(tmp_path: Path, report: Report) -> None:
    seeded, raw, rows = [], [], 0
    for run in range(RUNS):
        db = fresh(tmp_path / f"seed{run}.sqlite3")
        started = time.perf_counter()
        made = seed(db, DEMO["customers"], DEMO["contacts"], DEMO["queue"])
        seeded.append(time.perf_counter() - started)
        db.dispose()
        assert made.contacts == DEMO["contacts"]
        took, rows = raw_copy_s(tmp_path / f"seed{run}.sqlite3", tmp_path / f"raw{run}.sqlite3")
        raw.append(took)
    med = statistics.median
    report.add(
        Line(
            f"demo size, SQLite: seed (median of {RUNS}) / INSERT … SELECT of its {rows:,} rows",
            f"{med(seeded):.2f} s",
            f"{med(raw):.2f} s",
            f"{med(seeded) / med(raw):.1f}×",
        )
    )
    report.add(
        Line(
            "demo size, SQLite: seed against the target",
            f"{med(seeded):.2f} s",
            target=f"≤ {TARGET_S:g} s",
            verdict="met" if med(seeded) <= TARGET_S else "MISSED",
        )
    )
    report.flush()
    assert med(seeded) <= TARGET_S


# ------------------------------------------------------------------------- raw writers


class Raw:
    """A bare writer of the seed's batches, each in its own transaction, timing only its
    database calls (the rows are made by the seed meanwhile, outside the time)."""

    def __init__(self) -> None:
        self.took = Timing(0.0, 0.0)
        self.rows = 0

    def __call__(self, tables: Tables) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.write(tables)
        self.took.wall += time.perf_counter() - wall
        self.took.cpu += time.process_time() - cpu
        self.rows += sum(len(rows) for _table, rows in tables)

    def write(self, tables: Tables) -> None:
        raise NotImplementedError


class RawSQLite(Raw):
    def __init__(self, path: Path, bare: bool) -> None:
        super().__init__()
        self.bare = bare
        # Set up as Relais sets up the embedded centre's connection (app.db), with the seed's
        # page cache.
        self.conn = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.conn.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")

    def write(self, tables: Tables) -> None:
        conn = self.conn
        conn.execute("BEGIN")
        for table, rows in tables:
            if not rows:
                continue
            names = COLUMNS[table]
            insert = (
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            )
            if not self.bare:
                conn.executemany(insert, rows)
                continue
            dropped = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
                (f"log_insert_{table}", f"check_insert_{table}"),
            ).fetchall()
            for name, _text in dropped:
                conn.execute(f'DROP TRIGGER "{name}"')
            (before,) = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()
            conn.executemany(insert, rows)
            conn.execute(
                "INSERT INTO change_log (xid, table_name, row_id) "
                f"SELECT 0, '{table}', id FROM {table} WHERE rowid > ? ORDER BY rowid",
                (before,),
            )
            for _name, text in dropped:
                conn.execute(text)
        conn.execute("COMMIT")


class RawCopy(Raw):
    def __init__(self, url: str) -> None:
        super().__init__()
        self.conn = psycopg.connect(libpq(url))

    def write(self, tables: Tables) -> None:
        with self.conn.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 0")
            cursor.execute("SET LOCAL TIME ZONE 'UTC'")  # the seed's times are naive UTC
            for table, rows in tables:
                if rows:
                    with cursor.copy(
                        f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN"
                    ) as copy:
                        for row in rows:
                            copy.write_row(row)
        self.conn.commit()


def seeded(db: Database, now: datetime) -> Timing:
    with timed() as took:
        seed(db, CUSTOMERS, CONTACTS, QUEUE, now=now)
    return took[0]


def raw_seed(db: Database, now: datetime, writer: Raw, monkeypatch: pytest.MonkeyPatch) -> Raw:
    """The same seed, its batches written by ``writer`` at once, in the caller's thread."""

    def at_once(_pipeline: object, tables: Tables, done: Callable[[], None] | None = None) -> None:
        writer(tables)
        if done is not None:
            done()

    with monkeypatch.context() as patched:
        patched.setattr(batches._Pipeline, "write", at_once)
        seed(db, CUSTOMERS, CONTACTS, QUEUE, now=now)
    return writer


def logged(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM change_log").scalar() or 0)


# ------------------------------------------------------------------------ SQLite, 100,000


def test_a_hundred_thousand_customers_on_sqlite(
    tmp_path: Path, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC)
    relais_db = fresh(tmp_path / "seeded.sqlite3")
    relais = seeded(relais_db, now)
    relais_logged = logged(relais_db)
    relais_db.dispose()
    measured: dict[bool, Raw] = {}
    for bare in (False, True):
        path = tmp_path / f"raw_{bare}.sqlite3"
        db = fresh(path)
        writer = RawSQLite(path, bare)
        measured[bare] = raw_seed(db, now, writer, monkeypatch)
        writer.conn.close()
        assert logged(db) == relais_logged, "the same change log on both sides"
        db.dispose()
    raw, bare = measured[False], measured[True]
    size = f"{CUSTOMERS:,} customers, {CONTACTS:,} contacts"
    line = judged(f"SQLite, {size}: executemany of its {raw.rows:,} rows", relais, raw.took)
    report.add(line)
    report.add(
        Line(
            "  same, change log's and checks' triggers dropped, INSERT … SELECT",
            f"{relais.wall:.1f} s",
            f"{bare.took.wall:.1f} s",
            f"{relais.wall / bare.took.wall:.2f}×",
        )
    )
    report.notes.append(
        f"SQLite, CPU time of this process: seed {relais.cpu:.1f} s, raw executemany "
        f"{raw.took.cpu:.1f} s ({relais.cpu / raw.took.cpu:.2f}×), triggers dropped "
        f"{bare.took.cpu:.1f} s ({relais.cpu / bare.took.cpu:.2f}×); {relais_logged:,} change-log "
        "rows on each side."
    )
    report.flush()
    assert line.verdict == "met"


# -------------------------------------------------------------------- PostgreSQL, 100,000


def libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextlib.contextmanager
def centres(pg_url: str, count: int) -> Iterator[list[PgCentre]]:
    """``count`` freshly migrated, empty centres, dropped afterwards."""
    made: list[PgCentre] = []
    try:
        for _ in range(count):
            made.append(PgCentre(pg_url).create(customers=0))
        yield made
    finally:
        for centre in made:
            centre.drop()


@pytest.mark.postgres
def test_a_hundred_thousand_customers_on_postgresql(
    pg_url: str, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC)
    with centres(pg_url, 2) as (relais_centre, raw_centre):
        relais_db = Database(relais_centre.url, "central")
        relais = seeded(relais_db, now)
        relais_logged = logged(relais_db)
        relais_db.dispose()
        raw_db = Database(raw_centre.url, "central")
        writer = RawCopy(raw_centre.url)
        raw = raw_seed(raw_db, now, writer, monkeypatch)
        writer.conn.close()
        assert logged(raw_db) == relais_logged, "the same change log on both sides"
        raw_db.dispose()
    size = f"{CUSTOMERS:,} customers, {CONTACTS:,} contacts"
    line = judged(f"PostgreSQL, {size}: COPY of its {raw.rows:,} rows", relais, raw.took)
    report.add(line)
    report.notes.append(
        f"PostgreSQL, CPU time of this process: seed {relais.cpu:.1f} s, raw COPY "
        f"{raw.took.cpu:.1f} s (the server does most of the work: index entries, foreign keys, "
        f"the change log's {relais_logged:,} rows)."
    )
    report.flush()
    assert line.verdict == "met"


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("RELAIS_BENCH_SEED_MILLION"),
    reason="the back office's data set takes a while: set RELAIS_BENCH_SEED_MILLION=1",
)
def test_the_back_office_data_set_on_postgresql(pg_url: str, report: Report) -> None:
    customers, contacts, queue = MILLION
    with centres(pg_url, 1) as (centre,):
        db = Database(centre.url, "central")
        with timed() as took:
            seed(db, customers, contacts, queue)
        relais = took[0]
        rows = logged(db)
        db.dispose()
    report.add(
        Line(
            f"PostgreSQL, {customers:,} customers, {contacts:,} contacts, {queue:,} queued "
            f"({rows:,} rows)",
            f"{relais.wall / 60:.1f} min",
            target="minutes",
        )
    )
    report.notes.append(
        f"PostgreSQL, back office's data set: {rows / relais.wall:,.0f} rows/s, CPU time of this "
        f"process {relais.cpu / 60:.1f} min."
    )
    report.flush()
