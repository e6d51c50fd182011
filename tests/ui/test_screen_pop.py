"""The screen pop: a call the telephony hands to the centre as ringing for this advisor opens on
their window at the next sync, taken as theirs, with the caller's customer shown; a number no
customer has opens the search with that number in it. (On a PostgreSQL centre the ring also
wakes the workstation at once: tests/ingest/test_calls.py.)"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db import Database, sqlite_url
from app.enums import IdentityKind
from app.ingest.calls import CallEvent, hand
from app.models import CustomerIdentity
from app.settings import Settings
from app.sync.pull import PullReport
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Iterator[MainWindow]:
    win = MainWindow(Runner(), Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=15_000):
        win.attach(workspace)
    yield win
    win.shutdown()


@pytest.fixture
def telephony(demo_dir: Path) -> Iterator[Database]:
    db = Database(sqlite_url(demo_dir / "central.sqlite3"), "central")
    yield db
    db.dispose()


def _shown(window: MainWindow, contact_id) -> bool:
    detail = window.desk.contact_panel.current()
    return detail is not None and detail.id == contact_id and detail.workable


def test_a_ringing_call_opens_with_its_customer(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    telephony: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held = workspace.queue.next_contact()  # the advisor was on an e-mail
    with telephony.session() as s:
        customer, number = s.execute(
            select(CustomerIdentity.customer_id, CustomerIdentity.value).where(
                CustomerIdentity.kind == IdentityKind.PHONE
            )
        ).first()
    rang = hand(telephony, CallEvent("json", "pop-1", "ringing", number, workspace.who.login))
    window.sync.sync_now()
    qtbot.waitUntil(lambda: _shown(window, rang.contact_id), timeout=10_000)
    qtbot.waitUntil(
        lambda: window.desk.customer_panel.current_customer() == customer, timeout=10_000
    )
    # The e-mail is still theirs, in their queue.
    assert workspace.contacts.detail(held.contact_id).workable
    # It rings once: later syncs bring the contact again, and take nothing again.
    takes = []
    monkeypatch.setattr(workspace.queue, "take", lambda contact_id: takes.append(contact_id))
    window.desk.pulled(PullReport(contacts={rang.contact_id}))
    window.sync.sync_now()
    qtbot.wait(1_500)
    assert takes == []


def test_an_unknown_number_offers_the_search_with_it(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, telephony: Database
) -> None:
    rang = hand(
        telephony, CallEvent("json", "pop-2", "ringing", "06 99 88 77 66", workspace.who.login)
    )
    window.sync.sync_now()
    qtbot.waitUntil(lambda: _shown(window, rang.contact_id), timeout=10_000)
    assert window.desk.customer_panel.current_customer() is None
    assert "Unknown caller: <b>06 99 88 77 66</b>" in window.desk.customer_panel.sender_label.text()
    link = window.desk.customer_panel.link_tools()
    assert link is not None
    assert link.search.edit.text() == "06 99 88 77 66"  # searched at once, as the advisor reads it
    assert link.form.phone.text() == "+33699887766"  # and ready to make a customer of


def test_answered_and_ended_fill_the_call_record(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, telephony: Database
) -> None:
    login = workspace.who.login
    rang = hand(telephony, CallEvent("json", "pop-3", "ringing", "06 11 22 33 99", login))
    window.sync.sync_now()
    qtbot.waitUntil(lambda: _shown(window, rang.contact_id), timeout=10_000)
    bar = window.desk.contact_panel.call_bar
    assert bar.state.text() == "No call recorded yet."
    hand(telephony, CallEvent("json", "pop-3", "answered", "06 11 22 33 99", login))
    window.sync.sync_now()
    qtbot.waitUntil(lambda: bar.state.text().startswith("On call since"), timeout=10_000)
    hand(telephony, CallEvent("json", "pop-3", "ended", "06 11 22 33 99", login))
    window.sync.sync_now()
    qtbot.waitUntil(lambda: bar.state.text().startswith("Call from"), timeout=10_000)
    assert "Incoming call" in window.desk.contact_panel.thread_view.toPlainText()
