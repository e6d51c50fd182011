"""The Runner's centre lane: calls that may wait on the network (claims, customer fetches, centre
search) never hold up the advisor's writes or the reads that page the queue; claims run one at a
time; a claim answered after the advisor moved on is theirs without pulling them off their work.

The centre here is a gate the test holds shut (tests/ui/test_centre_lane_pg.py freezes a real
PostgreSQL centre behind a proxy)."""

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.dto import Claimed, QueueFilter
from app.models import Note, OutboxOp
from app.settings import Settings
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Open by default; a test shuts it to make the centre hang, and it opens at the end
    whatever happens, so no worker is left waiting."""
    opened = threading.Event()
    opened.set()
    yield opened
    opened.set()


@pytest.fixture
def runner(gate: threading.Event) -> Iterator[Runner]:
    r = Runner()
    yield r
    gate.set()
    r.wait_idle()


def test_a_hung_centre_call_holds_up_neither_writes_nor_reads(
    qtbot: QtBot, runner: Runner, gate: threading.Event
) -> None:
    gate.clear()
    answers: list[str] = []
    runner.claim(lambda: gate.wait(30) and "claim", answers.append)
    runner.centre(lambda: gate.wait(30) and "fetch", answers.append)
    runner.write(lambda: "write", answers.append)
    runner.read(lambda: "read", answers.append)
    qtbot.waitUntil(lambda: sorted(answers) == ["read", "write"], timeout=5_000)
    assert runner.claiming == 1
    gate.set()
    qtbot.waitUntil(lambda: len(answers) == 4, timeout=5_000)
    assert runner.claiming == 0 and sorted(answers[2:]) == ["claim", "fetch"]


def test_claims_run_one_at_a_time_in_order_and_a_hung_one_holds_up_no_fetch(
    qtbot: QtBot, runner: Runner, gate: threading.Event
) -> None:
    gate.clear()
    started: list[int] = []
    at_once = [0, 0]  # running now, most ever
    lock = threading.Lock()

    def claim(n: int) -> int:
        with lock:
            started.append(n)
            at_once[0] += 1
            at_once[1] = max(at_once)
        if n == 1:
            gate.wait(30)
        with lock:
            at_once[0] -= 1
        return n

    answers: list[int] = []
    fetched: list[str] = []
    runner.claim(lambda: claim(1), answers.append)
    runner.claim(lambda: claim(2), answers.append)
    runner.centre(lambda: "customer", fetched.append)
    qtbot.waitUntil(lambda: fetched == ["customer"], timeout=5_000)
    assert started == [1]  # the second claim waits for the first, taking no thread meanwhile
    assert runner.claiming == 2
    gate.set()
    qtbot.waitUntil(lambda: answers == [1, 2], timeout=5_000)
    assert at_once[1] == 1


def test_a_superseded_centre_request_that_has_not_started_never_runs(
    qtbot: QtBot, gate: threading.Event
) -> None:
    runner = Runner(centre=1)
    gate.clear()
    ran: list[str] = []
    shown: list[str] = []
    try:
        runner.centre(lambda: gate.wait(30), lambda _r: None)  # the lane is busy
        runner.centre(lambda: ran.append("old") or "old", shown.append, key="search")
        runner.centre(lambda: ran.append("new") or "new", shown.append, key="search")
        gate.set()
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=5_000)
    finally:
        gate.set()
        runner.wait_idle()
    assert ran == ["new"] and shown == ["new"]


# -- the window ---------------------------------------------------------------------------------


@pytest.fixture
def window(
    qtbot: QtBot,
    workspace: Workspace,
    tmp_path: Path,
    gate: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[MainWindow]:
    """The demo's window, whose claims wait at the gate before reaching the centre."""
    real = workspace.queue.next_contact

    def gated(f: QueueFilter | None = None) -> Claimed | None:
        gate.wait(30)
        return real(f)

    monkeypatch.setattr(workspace.queue, "next_contact", gated)
    runner = Runner()
    win = MainWindow(runner, Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=10_000):
        win.attach(workspace)
    win.desk.ask_second = lambda _parent, _reference: True  # takes another
    yield win
    gate.set()
    win.shutdown()


def _working_on(win: MainWindow) -> uuid.UUID | None:
    d = win.desk.contact_panel.current()
    return d.id if d is not None and d.workable else None


def _take_next(qtbot: QtBot, win: MainWindow) -> uuid.UUID:
    before = _working_on(win)
    qtbot.keyClick(win, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: _working_on(win) not in (None, before), timeout=10_000)
    return _working_on(win)  # type: ignore[return-value]


def _add_note(qtbot: QtBot, win: MainWindow, text: str) -> None:
    panel = win.desk.contact_panel
    panel.tabs.setCurrentWidget(panel.notes_tab)
    panel.note_editor.setFocus()
    panel.note_editor.setPlainText(text)
    qtbot.keyClick(panel.note_editor, Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "Note added" in panel.note_message.text(), timeout=10_000)


def _notes(ws: Workspace, contact_id: uuid.UUID) -> list[str]:
    """The contact's notes in the copy that are bound for the centre: still in the outbox, or
    already there (the window's sync sends a change at once)."""
    with ws.local.session() as s:
        notes = s.scalars(select(Note).where(Note.contact_id == contact_id)).all()
        queued = set(s.scalars(select(OutboxOp.row_id).where(OutboxOp.table_name == "note")))
    with ws.central.session() as s:
        sent = set(s.scalars(select(Note.id).where(Note.contact_id == contact_id)))
    return [n.body for n in notes if n.id in queued | sent]


def test_while_a_claim_hangs_a_note_is_saved_and_ctrl_n_asks_no_second_contact(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, gate: threading.Event
) -> None:
    first = _take_next(qtbot, window)
    gate.clear()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.runner.claiming == 1, timeout=5_000)

    _add_note(qtbot, window, "Rappeler après 17 h")
    assert _notes(workspace, first) == ["Rappeler après 17 h"]  # in the copy and the outbox
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)  # impatient: pressed again
    assert "Still waiting for the centre" in window.statusBar().currentMessage()
    assert window.runner.claiming == 1

    gate.set()  # the centre answers: the advisor asked from this contact, so the new one opens
    qtbot.waitUntil(lambda: _working_on(window) not in (None, first), timeout=10_000)
    second = _working_on(window)
    assert second != first
    assert "You are handling contact" in window.statusBar().currentMessage()
    mine = workspace.queue.page(QueueFilter(mine_only=True), 0, 50)
    assert {first, second} <= {r.id for r in mine}  # exactly one more contact, not two
    assert len(mine) == 2


def test_a_claim_answered_after_the_advisor_moved_on_is_theirs_without_taking_the_screen(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    gate: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate.clear()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.runner.claiming == 1, timeout=5_000)
    # Meanwhile the phone rings: the advisor logs the call and works on it.
    monkeypatch.setattr(
        "ui.desk.log_call_dialog.LogCallDialog.exec", lambda self: QDialog.DialogCode.Accepted
    )
    monkeypatch.setattr(
        "ui.desk.log_call_dialog.LogCallDialog.values", lambda self: ("06 12 34 56 78", "Appel")
    )
    window.desk.log_call()
    panel = window.desk.contact_panel
    qtbot.waitUntil(
        lambda: (d := panel.current()) is not None and d.workable and d.subject == "Appel",
        timeout=5_000,
    )
    call = panel.current().id  # type: ignore[union-attr]

    gate.set()
    qtbot.waitUntil(lambda: window.runner.claiming == 0, timeout=10_000)
    qtbot.waitUntil(lambda: "is now yours" in window.statusBar().currentMessage(), timeout=5_000)
    assert panel.current().id == call  # type: ignore[union-attr]
    mine = workspace.queue.page(QueueFilter(mine_only=True), 0, 50)
    [claimed] = [r for r in mine if r.id != call]
    assert claimed.reference in window.statusBar().currentMessage()
    # The queue on screen lists it as the advisor's.
    model = window.desk.queue_panel.model
    qtbot.waitUntil(
        lambda: (
            (row := model.row_for(claimed.id)) is not None
            and (shown := model.contact_at(row)) is not None
            and shown.assigned_to_me
        ),
        timeout=5_000,
    )
