"""A frozen centre holds a claim, not the advisor: between a connected window and a real
PostgreSQL centre sits a proxy that stops forwarding (the centre hangs, connections stay open).
While Ctrl+N waits on it, a note is saved and a contact closed — both in the local copy and its
outbox — and the queue still pages. When the centre answers again the claim completes; when the
network drops under it instead, it fails with the offline message. Never a traceback.

The waits are printed, not judged: what is asserted is the order of events — the note saved,
the contact closed and the page read while the claim still hangs (``runner.claiming``)."""

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from faults.proxy import CuttableProxy
from pgcentre import PgCentre
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import make_url, select

from app.connection import Profile, open_connected
from app.dto import QueueFilter, QueueRow
from app.models import Contact, ContactStatus, Note, OutboxOp, WrapUp
from app.settings import Settings
from app.workspace import Workspace
from ui.common.ops import Bug, Runner
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.postgres

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
HANGS_AT_LEAST = 2.0  # seconds the test keeps the centre frozen after the work is done


class _Held:
    """A socket whose writes wait while the proxy is frozen."""

    def __init__(self, sock: Any, thawed: threading.Event) -> None:
        self._sock = sock
        self._thawed = thawed

    def sendall(self, data: bytes) -> None:
        self._thawed.wait()
        self._sock.sendall(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class FreezableProxy(CuttableProxy):
    """``freeze`` holds every byte in both directions, on live and new connections, until
    ``thaw``: the centre (or the network before it) hangs without closing anything, so the
    driver waits rather than failing."""

    def __init__(self, host: str, port: int) -> None:
        self._thawed = threading.Event()
        self._thawed.set()
        super().__init__(host, port)

    def freeze(self) -> None:
        self._thawed.clear()

    def thaw(self) -> None:
        self._thawed.set()

    def _pump(self, link: Any, src: Any, dst: Any) -> None:
        super()._pump(link, src, _Held(dst, self._thawed))


@pytest.fixture
def proxy(pg_url: str) -> Iterator[FreezableProxy]:
    server = make_url(pg_url)
    with FreezableProxy(server.host or "127.0.0.1", server.port or 5432) as p:
        yield p
        p.thaw()


@pytest.fixture
def desk(pg_centre: PgCentre, proxy: FreezableProxy, tmp_path: Path) -> Iterator[Workspace]:
    login = pg_centre.add_user("advisor", team="Équipe Paris 1")
    through = make_url(pg_centre.profile(login).centre).set(port=proxy.port)
    ws = open_connected(
        Profile(through.render_as_string(hide_password=False), login), login, tmp_path / "desk"
    )
    yield ws
    ws.close()


@pytest.fixture
def window(
    qtbot: QtBot, desk: Workspace, proxy: FreezableProxy, tmp_path: Path
) -> Iterator[MainWindow]:
    win = MainWindow(Runner(), Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.attach(desk)
    win.desk.ask_second = lambda _parent, _reference: True  # takes another
    yield win
    proxy.thaw()
    win.shutdown()


def _working_on(win: MainWindow) -> uuid.UUID | None:
    d = win.desk.contact_panel.current()
    return d.id if d is not None and d.workable else None


def _press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target: QWidget | None = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _close_with_keyboard(qtbot: QtBot, win: MainWindow) -> None:
    """Ctrl+Return, then reason, outcome, self-assessment 4 and Alt+Return: close without
    taking the next contact."""

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # the reason codes are still loading
            QTimer.singleShot(20, drive)
            return
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason)  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.reason, "withdrawal")  # type: ignore[attr-defined]
        _press(qtbot, Qt.Key.Key_Down)
        _press(qtbot, Qt.Key.Key_Return)
        _press(qtbot, Qt.Key.Key_Tab)
        _press(qtbot, Qt.Key.Key_Space)
        _press(qtbot, Qt.Key.Key_4)
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)

    QTimer.singleShot(0, drive)
    # A watchdog: should the dialog not accept, it is rejected so the test fails, not hangs.
    QTimer.singleShot(20_000, lambda: (m := QApplication.activeModalWidget()) and m.reject())
    qtbot.keyClick(win, Qt.Key.Key_Return, CTRL)


def _queued_ops(ws: Workspace, table: str) -> set[uuid.UUID]:
    with ws.local.session() as s:
        return set(
            s.scalars(
                select(OutboxOp.row_id).where(
                    OutboxOp.table_name == table, OutboxOp.state == "pending"
                )
            )
        )


def test_a_frozen_centre_holds_the_claim_not_the_notes_the_close_or_the_queue(
    qtbot: QtBot, window: MainWindow, desk: Workspace, proxy: FreezableProxy
) -> None:
    errors: list[object] = []  # every error shown to the advisor, handled or not
    window.runner.error.connect(errors.append)
    shown_error = window.show_error
    window.show_error = lambda err: (errors.append(err), shown_error(err))  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: "Online" in window._sync.text(), timeout=20_000)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: _working_on(window) is not None, timeout=20_000)
    first = _working_on(window)
    assert first is not None
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=20_000)  # its customer shown

    # The centre freezes; Ctrl+N asks it for the next contact and waits.
    proxy.freeze()
    frozen_at = time.perf_counter()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.runner.claiming == 1

    # A note on the contact already open is saved meanwhile.
    panel = window.desk.contact_panel
    panel.tabs.setCurrentWidget(panel.notes_tab)
    panel.note_editor.setFocus()
    panel.note_editor.setPlainText("Client prévenu : virement relancé.")
    asked = time.perf_counter()
    qtbot.keyClick(panel.note_editor, Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "Note added" in panel.note_message.text(), timeout=10_000)
    note_wait = time.perf_counter() - asked
    assert window.runner.claiming == 1  # the claim still hangs
    with desk.local.session() as s:
        [note] = s.scalars(select(Note).where(Note.contact_id == first)).all()
    assert note.body == "Client prévenu : virement relancé."
    assert note.id in _queued_ops(desk, "note")

    # And the contact is closed, which reloads the queue from the copy.
    asked = time.perf_counter()
    with qtbot.waitSignal(window.desk.queue_panel.first_rows_ready, timeout=20_000):
        _close_with_keyboard(qtbot, window)
    close_wait = time.perf_counter() - asked
    assert window.runner.claiming == 1
    with desk.local.session() as s:
        contact = s.get(Contact, first)
        assert contact is not None and contact.status == ContactStatus.CLOSED
        [wrap] = s.scalars(select(WrapUp).where(WrapUp.contact_id == first)).all()
    assert wrap.id in _queued_ops(desk, "wrap_up")
    assert window.desk.queue_panel.model.row_for(first) is None  # closed: gone from the queue

    # The queue still pages: a later page of the open queue, through the reader pool.
    pages: list[list[QueueRow]] = []
    queue = desk.queue
    asked = time.perf_counter()
    window.runner.read(lambda: queue.page(QueueFilter(), 10, 10), pages.append)
    qtbot.waitUntil(lambda: bool(pages), timeout=10_000)
    page_wait = time.perf_counter() - asked
    assert len(pages[0]) == 10

    # The centre stays frozen a while longer: the claim is still waiting, not failed.
    qtbot.wait(max(0, int((HANGS_AT_LEAST - (time.perf_counter() - frozen_at)) * 1000)))
    assert window.runner.claiming == 1
    hung_for = time.perf_counter() - frozen_at

    # The centre answers again: the claim completes (or, had the driver given up, fails with
    # a message), and what waited in the outbox reaches the centre.
    proxy.thaw()
    qtbot.waitUntil(lambda: window.runner.claiming == 0, timeout=60_000)
    message = window.statusBar().currentMessage()
    print(
        f"\nwhile a claim hung {hung_for:.1f} s: note saved in {note_wait * 1000:.0f} ms, "
        f"close in {close_wait * 1000:.0f} ms, queue page in {page_wait * 1000:.0f} ms; "
        f"then: {message!r}"
    )
    assert not [e for e in errors if isinstance(e, Bug)], errors
    if "You are handling contact" in message:
        qtbot.waitUntil(lambda: _working_on(window) not in (None, first), timeout=20_000)
    else:
        assert "Offline" in message or errors, message
    qtbot.waitUntil(lambda: desk.pending_changes() == 0, timeout=60_000)


def test_a_claim_cut_off_while_it_hangs_fails_with_a_message_and_the_next_one_works(
    qtbot: QtBot, window: MainWindow, desk: Workspace, proxy: FreezableProxy
) -> None:
    errors: list[object] = []
    window.runner.error.connect(errors.append)
    qtbot.waitUntil(lambda: "Online" in window._sync.text(), timeout=20_000)
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=20_000)
    proxy.freeze()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.runner.claiming == 1
    qtbot.wait(500)
    assert window.runner.claiming == 1
    # The network drops under the waiting claim: the driver hears the connection reset.
    proxy.cut()
    qtbot.waitUntil(lambda: window.runner.claiming == 0, timeout=60_000)
    assert "Offline: new contacts can be taken" in window.statusBar().currentMessage()
    assert errors == [] and _working_on(window) is None
    # The network returns: the next Ctrl+N takes a contact.
    proxy.thaw()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: _working_on(window) is not None, timeout=30_000)
    assert "You are handling contact" in window.statusBar().currentMessage()
