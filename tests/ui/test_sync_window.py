"""The window while syncing: what it says about the centre, what it still lets the advisor do
offline, and another workstation's change on screen at the next sync cycle."""

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_thread import GuiThreadWatch
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.errors import CentreUnreachable
from app.settings import Settings
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow
from ui.shell.sync_controller import INTERVAL


def _window(qtbot: QtBot, ws: Workspace, tmp_path: Path) -> MainWindow:
    win = MainWindow(Runner(), Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=15_000):
        win.attach(ws)
    return win


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Iterator[MainWindow]:
    win = _window(qtbot, workspace, tmp_path)
    yield win
    win.shutdown()


def test_the_status_says_online_once_synced(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: "Online" in window._sync.text(), timeout=5_000)
    assert window.banner.isHidden()


def test_offline_shows_a_banner_keeps_work_possible_and_recovers_alone(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    claimed = workspace.queue.next_contact()
    real_cycle = workspace.sync.cycle

    def unreachable(*_args: object, **_kwargs: object) -> None:
        workspace.sync.online = False
        raise CentreUnreachable("The central database {where} does not answer.", where="x")

    monkeypatch.setattr(workspace.sync, "cycle", unreachable)
    monkeypatch.setattr(workspace.queue, "next_contact", unreachable)
    # Retries come quickly here (the program doubles its wait up to a minute).
    monkeypatch.setattr("ui.shell.sync_controller.backoff", lambda failures: 0.3)
    window.sync.sync_now()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5_000)
    assert "Offline since" in window._sync.text()
    assert "Offline since" in window.banner.text()
    # Taking a new contact needs the centre: said plainly, nothing else breaks.
    window.desk.next_contact()
    qtbot.waitUntil(lambda: "Offline" in window.statusBar().currentMessage(), timeout=5_000)
    # The contact already held stays workable; a call can be logged by hand.
    window.runner.write(
        lambda: workspace.contacts.add_note(claimed.contact_id, "hors ligne"), lambda _n: None
    )
    window.runner.wait_idle()
    monkeypatch.setattr(
        "ui.desk.log_call_dialog.LogCallDialog.exec", lambda self: QDialog.DialogCode.Accepted
    )
    monkeypatch.setattr(
        "ui.desk.log_call_dialog.LogCallDialog.values", lambda self: ("06 12 34 56 78", "Coupure")
    )
    window.desk.log_call()
    qtbot.waitUntil(
        lambda: (
            (d := window.desk.contact_panel.current()) is not None
            and d.workable
            and d.subject == "Coupure"
        ),
        timeout=5_000,
    )
    qtbot.waitUntil(lambda: "3 change" in window._sync.text(), timeout=5_000)
    # The centre returns: the window finds it by itself and sends what waited.
    monkeypatch.setattr(workspace.sync, "cycle", real_cycle)
    qtbot.waitUntil(lambda: window.banner.isHidden(), timeout=10_000)
    qtbot.waitUntil(lambda: "all changes sent" in window._sync.text(), timeout=5_000)
    assert workspace.pending_changes() == 0


@pytest.mark.postgres
def test_another_workstation_s_claim_shows_after_the_next_sync_cycle(
    qtbot: QtBot, pg_centre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within two seconds by construction, not by the clock: online, the window syncs once a
    second (``INTERVAL``); a colleague's claim reaches this copy in the first cycle that begins
    after it committed (or in the one running meanwhile), and the queue shows it at the first
    reload that cycle's news asks for. No statement runs on the GUI thread meanwhile. (The
    seconds it takes and the GUI's stalls: tests/benchmarks/test_live_update_bench.py.)"""
    team = "Équipe Paris 1"
    mine = pg_centre.workstation(pg_centre.add_user("advisor", team=team), tmp_path / "a")
    other = pg_centre.workstation(pg_centre.add_user("advisor", team=team), tmp_path / "b")
    win = _window(qtbot, mine, tmp_path)
    try:
        panel = win.desk.queue_panel
        qtbot.waitUntil(lambda: "Online" in win._sync.text(), timeout=10_000)
        head = panel.model.contact_at(0)
        assert head is not None

        # The sync thread's cycles: whether each began after the claim had committed, and
        # whether it brought the claimed contact.
        committed = threading.Event()
        cycles: list[tuple[bool, bool]] = []
        real_cycle = mine.sync.cycle

        def cycle(*args: object, **kwargs: object) -> Any:
            after = committed.is_set()
            report = real_cycle(*args, **kwargs)
            cycles.append((after, head.id in report.pulled.contacts))
            return report

        monkeypatch.setattr(mine.sync, "cycle", cycle)
        # On the GUI thread: the queue's reloads, and which came after the news of the claim
        # (the window's own handler, connected first, has asked for its reload by then).
        loads: list[bool] = []  # each reload: does the queue still show the claimed head?
        news_at: list[int] = []  # how many reloads had finished when the news came
        win.sync.pulled.connect(
            lambda report: head.id in report.contacts and news_at.append(len(loads))
        )
        panel.first_rows_ready.connect(
            lambda: loads.append(getattr(panel.model.contact_at(0), "id", None) == head.id)
        )

        claims: list = []

        def colleague_takes() -> None:  # another machine in life: another thread here
            claims.append(other.queue.take(head.id))
            committed.set()

        with GuiThreadWatch([mine.local.engine, mine.central.engine], io_watched=False) as gui:
            colleague = threading.Thread(target=colleague_takes)
            colleague.start()
            qtbot.waitUntil(lambda: bool(news_at) and len(loads) > news_at[0], timeout=15_000)
            colleague.join(10)
        taken = claims[0] if claims else None
        assert taken is not None and taken.contact_id == head.id

        began_after = [i for i, (after, _) in enumerate(cycles) if after]
        brought = [i for i, (_, got) in enumerate(cycles) if got]
        print(
            f"\nlive update: {len(cycles)} cycles, the claim brought by cycle {brought} "
            f"(first begun after it: {began_after[:1]}); {len(loads)} reloads, the news after "
            f"{news_at}"
        )
        assert brought and began_after and brought[0] <= began_after[0], cycles
        assert loads[news_at[0]] is False, "the reload after the news still shows the claim"
        assert INTERVAL <= 1.0  # one cycle a second: the claim is on screen within two
        assert gui.statements == [], "statements ran on the GUI thread"
    finally:
        win.shutdown()  # closes ``mine`` too
        other.close()
