"""How soon another workstation's claim shows in the queue, and how long the GUI stalls meanwhile.

Run with ``RELAIS_TEST_PG=… pytest -m benchmark -s tests/benchmarks/test_live_update_bench.py``.
A window is connected to a real PostgreSQL centre; a colleague on another workstation (another
thread here, another machine in life) takes the head of the queue, ``RUNS`` times. Each time is
measured from the colleague's claim to the queue no longer showing that contact, with the
longest gap of the window's event loop meanwhile (a 5 ms timer's largest gap). The limit for the
stall, measured in the same run, is the same window's event loop left idle as long.

The default run checks the same path by its events (tests/ui/test_sync_window.py: the claim
arrives with the next sync cycle and shows at the reload its news asks for).

Targets: seen within 2 s; no stall over 100 ms.
"""

import gc
import statistics
import threading
import time
import uuid
from pathlib import Path

import pytest
from helpers import StallMonitor
from pytestqt.qtbot import QtBot

from app.settings import Settings
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow

pytestmark = [pytest.mark.benchmark, pytest.mark.postgres]

RUNS = 5
TARGET_SEEN_S = 2.0
TARGET_STALL_MS = 100.0


def take(desk: Workspace, contact: uuid.UUID, into: list) -> None:
    into.append(desk.queue.take(contact))


def test_a_colleague_s_claim_shows_within_two_seconds(
    qtbot: QtBot, pg_centre, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = "Équipe Paris 1"
    mine = pg_centre.workstation(pg_centre.add_user("advisor", team=team), tmp_path / "a")
    other = pg_centre.workstation(pg_centre.add_user("advisor", team=team), tmp_path / "b")
    win = MainWindow(Runner(), Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.attach(mine)
    seen, stalls, idle = [], [], []
    try:
        panel = win.desk.queue_panel
        qtbot.waitUntil(lambda: "Online" in win._sync.text(), timeout=10_000)
        # As the program does once its workspace is open (ui/application.py).
        gc.collect()
        gc.freeze()
        for _ in range(RUNS):
            qtbot.wait(300)
            head = panel.model.contact_at(0)
            assert head is not None, "the team's queue ran dry"
            monitor = StallMonitor()
            monitor.start()
            started = time.perf_counter()
            claims: list = []
            colleague = threading.Thread(target=take, args=(other, head.id, claims))
            colleague.start()
            qtbot.waitUntil(
                lambda h=head: (row := panel.model.contact_at(0)) is not None and row.id != h.id,
                timeout=10_000,
            )
            took = time.perf_counter() - started
            monitor.stop()
            colleague.join(10)
            assert claims and claims[0].contact_id == head.id
            seen.append(took)
            stalls.append(monitor.longest_ms)
            # The limit: the same window, nobody claiming, for as long (once the reload painted).
            qtbot.wait(300)
            still = StallMonitor()
            still.start()
            qtbot.wait(int(took * 1000))
            still.stop()
            idle.append(still.longest_ms)
    finally:
        gc.unfreeze()
        win.shutdown()  # closes ``mine`` too
        other.close()
    med = statistics.median
    lines = [
        "",
        f"A colleague's claim on screen (median of {RUNS} runs, worst in brackets)",
        f"{'measure':40} {'ms':>14} {'limit':>30} {'ms':>8} {'ratio':>6}",
        f"{'claim → gone from the queue':40} {med(seen) * 1000:8.0f} ({max(seen) * 1000:4.0f}) "
        f"{'target':>30} {TARGET_SEEN_S * 1000:8.0f} {med(seen) / TARGET_SEEN_S:6.2f}",
        f"{'longest GUI stall meanwhile':40} {med(stalls):8.1f} ({max(stalls):4.0f}) "
        f"{'idle event loop, as long':>30} {med(idle):8.1f} {med(stalls) / med(idle):6.2f}",
        f"{'same, against the target':40} {med(stalls):8.1f} ({max(stalls):4.0f}) "
        f"{'target':>30} {TARGET_STALL_MS:8.1f} {med(stalls) / TARGET_STALL_MS:6.2f}",
    ]
    with capsys.disabled():
        print("\n".join(lines))
    assert med(seen) <= TARGET_SEEN_S
    assert med(stalls) <= TARGET_STALL_MS
