"""Start-up, from launching the process: (a) to the first paint of the main window and (b) to the
window with its data painted (the queue's rows, the open contact, the customer's history), each
against a bare PySide6 QMainWindow with a table measured in the same run. Every start is a fresh
process (a cold interpreter, the same Python), bare and Relais alternating; medians of RUNS.
Then a few instrumented starts say where Relais's milliseconds go (the README's profile).

Run: QT_QPA_PLATFORM=offscreen pytest -m benchmark -s tests/benchmarks/test_startup_bench.py
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.benchmark

RUNS = 9
PROFILE_RUNS = 5
TARGET_RATIO = 1.5
CHILD = Path(__file__).with_name("startup_child.py")


def _launch(env: dict[str, str], mode: str, *args: str) -> dict[str, float]:
    """Marks of one start, in ms after the launch (ROWS_* are counts); STEP lines as
    (thread, name, start ms, end ms) under "steps"."""
    started = time.time()
    out = subprocess.run(
        [sys.executable, str(CHILD), mode, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    ).stdout
    marks: dict = {"steps": []}
    for line in out.splitlines():
        name, _, value = line.partition(" ")
        if name == "STEP":
            thread, *words, start, end = value.split(" ")
            marks["steps"].append(
                (
                    thread,
                    " ".join(words),
                    (float(start) - started) * 1000,
                    (float(end) - started) * 1000,
                )
            )
        elif name.startswith("ROWS_"):
            marks[name] = int(value)
        elif name in ("STARTED", "PAINT", "SHOWN", "READY", "TIMEOUT"):
            marks[name] = (float(value) - started) * 1000
    assert "TIMEOUT" not in marks, out
    return marks


def _profile(env: dict[str, str], relais_args: list[str]) -> list[tuple[str, str, float, float]]:
    """Median start and end of each instrumented step (and the plain marks) over PROFILE_RUNS."""
    runs = [_launch(env, "profile", *relais_args) for _ in range(PROFILE_RUNS)]
    rows: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for marks in runs:
        seen: set[str] = set()
        for thread, name, start, end in marks["steps"]:
            if name in seen:
                continue  # the first of each: the start-up's
            seen.add(name)
            rows.setdefault((thread, name), []).append((start, end))
        for point, label in (
            ("STARTED", "interpreter up (the child's first line)"),
            ("PAINT", "FIRST PAINT of the main window"),
            ("READY", "window's ready signal: data loaded"),
            ("SHOWN", "DATA PAINTED: queue, contact, history"),
        ):
            rows.setdefault(("gui", label), []).append((marks[point], marks[point]))
    table = [
        (
            thread,
            name,
            statistics.median(s for s, _ in spans),
            statistics.median(e for _, e in spans),
        )
        for (thread, name), spans in rows.items()
    ]
    return sorted(table, key=lambda row: row[2])


def test_startup_against_bare_qt(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANGUAGE="en")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    relais_args = ["demo", "--data-dir", str(tmp_path / "demo"), "--screenshot", "/dev/null"]
    _launch(env, "relais", *relais_args)  # the first start seeds the demo: not measured
    _launch(env, "relais", *relais_args)  # warms the file cache for both
    _launch(env, "bare")
    bare, paint, shown, ready, queue_rows, history_rows = [], [], [], [], [], []
    for _ in range(RUNS):
        bare.append(_launch(env, "bare")["PAINT"])
        marks = _launch(env, "relais", *relais_args)
        paint.append(marks["PAINT"])
        shown.append(marks["SHOWN"])
        ready.append(marks["READY"])
        queue_rows.append(marks["ROWS_QUEUE"])
        history_rows.append(marks["ROWS_HISTORY"])
    b, p, s, r = (statistics.median(x) for x in (bare, paint, shown, ready))

    def spread(values: list[float]) -> str:
        return f"{min(values):5.0f}–{max(values):<5.0f}"

    print()
    print(f"start-up, fresh process each, median of {RUNS}     ms   (min–max)     × bare Qt")
    print(f"bare QMainWindow + table, first paint     {b:6.0f}   {spread(bare)}   1.00")
    print(
        f"Relais main window, first paint           {p:6.0f}   {spread(paint)}   {p / b:4.2f}"
        f"  (target ≤ {TARGET_RATIO})"
    )
    print(f"Relais queue + contact + history painted  {s:6.0f}   {spread(shown)}   {s / b:4.2f}")
    print(f"  (its ready signal, data loaded          {r:6.0f}   {spread(ready)}   {r / b:4.2f})")
    print(f"  rows painted: queue {min(queue_rows)}+, history {min(history_rows)}+")

    print()
    print(f"where Relais's start-up goes, instrumented, median of {PROFILE_RUNS} (ms from launch)")
    print("thread  from    to   took  step")
    for thread, name, start, end in _profile(env, relais_args):
        took = f"{end - start:5.0f}" if end > start else "     "
        print(f"{thread:6} {start:5.0f} {end:5.0f} {took}  {name}")

    assert min(queue_rows) > 0 and min(history_rows) > 0  # data on screen, not a loading frame
    assert p / b <= TARGET_RATIO
