"""How long the demo data set takes to make, against writing the same rows raw.

Run with ``pytest -m benchmark -s tests/benchmarks/test_seed_bench.py``. The demo size (400
customers, 2,500 past and 60 queued contacts) is seeded into a fresh embedded centre several
times; the limit, measured in the same run, is the bare cost of writing the rows it made: every
table copied with ``INSERT INTO … SELECT`` through sqlite3 into a freshly migrated database, one
transaction. The default run checks that seeding writes in batches (tests/app/test_seed.py).

Target: the demo ready within 10 s (in practice well under one).
"""

import sqlite3
import statistics
import time
from pathlib import Path

import pytest

from app.db import Database
from app.migrations import upgrade
from app.models import Base
from app.seed.generator import seed

pytestmark = pytest.mark.benchmark

RUNS = 3
DEMO = {"customers": 400, "contacts": 2_500, "queue": 60}
TARGET_S = 10.0


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


def test_the_demo_is_seeded_in_seconds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeded, raw, rows = [], [], 0
    for run in range(RUNS):
        db = fresh(tmp_path / f"seed{run}.sqlite3")
        started = time.perf_counter()
        report = seed(db, **DEMO)
        seeded.append(time.perf_counter() - started)
        db.dispose()
        assert report.contacts == DEMO["contacts"]
        took, rows = raw_copy_s(tmp_path / f"seed{run}.sqlite3", tmp_path / f"raw{run}.sqlite3")
        raw.append(took)
    med = statistics.median
    lines = [
        "",
        f"Demo seeding: {DEMO['customers']} customers, {DEMO['contacts']:,} past and "
        f"{DEMO['queue']} queued contacts (median of {RUNS} runs; ratio = measure / limit)",
        f"{'measure':34} {'s':>7} {'limit':>40} {'s':>7} {'ratio':>6}",
        f"{'relais central seed (demo size)':34} {med(seeded):7.2f} "
        f"{f'raw INSERT … SELECT of its {rows:,} rows':>40} {med(raw):7.2f} "
        f"{med(seeded) / med(raw):6.1f}",
        f"{'same, against the target':34} {med(seeded):7.2f} {'target':>40} {TARGET_S:7.2f} "
        f"{med(seeded) / TARGET_S:6.2f}",
    ]
    with capsys.disabled():
        print("\n".join(lines))
    assert med(seeded) <= TARGET_S
