"""The advisor's own follow-ups in the queue panel: counted in a tab's title, listed with their
time and overdue ones said plainly, opened from there (or previewed while still planned)."""

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QTabBar
from queue_data import add_follow_up, reference_of

from app.clock import centre_now
from app.dto import FollowUpCounts
from app.enums import Channel
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.common.texts import format_datetime
from ui.desk.queue_model import QueueModel
from ui.desk.queue_panel import QueuePanel

M = QueueModel


@pytest.fixture
def runner(qapp: object) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


@pytest.fixture
def now(workspace: Workspace) -> datetime:
    """The advisor's "today" ends six hours from now, whatever the hour the tests run at."""
    at = centre_now()
    workspace.queue.day_end = lambda _now: at + timedelta(hours=6)
    return at


def make_panel(qtbot, ws: Workspace, runner: Runner, width: int = 1200) -> QueuePanel:
    panel = QueuePanel(runner, ws.queue, ws.who)
    qtbot.addWidget(panel)
    panel.resize(width, 700)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: panel.follow_up_counts() is not None, timeout=10_000)
    return panel


def tab_text(panel: QueuePanel) -> str:
    return panel.findChild(QTabBar, "queueTabs").tabText(QueuePanel.FOLLOW_UPS_TAB)


def show_follow_ups(qtbot, panel: QueuePanel) -> None:
    with qtbot.waitSignals([panel.model.loaded, panel.model.first_rows_ready], timeout=10_000):
        panel.show_follow_ups()


def test_the_tab_counts_my_follow_ups_and_says_how_many_are_overdue(
    qtbot, workspace: Workspace, runner, now
):
    add_follow_up(workspace, now - timedelta(hours=3))
    add_follow_up(workspace, now - timedelta(minutes=5))
    add_follow_up(workspace, now + timedelta(hours=2))
    add_follow_up(workspace, now + timedelta(hours=1), mine=False)  # a colleague's
    panel = make_panel(qtbot, workspace, runner)
    assert panel.follow_up_counts() == FollowUpCounts(3, 2)
    assert tab_text(panel) == "My follow-ups (3, 2 overdue)"
    tabs = panel.findChild(QTabBar, "queueTabs")
    tip = tabs.tabToolTip(QueuePanel.FOLLOW_UPS_TAB)
    assert "Overdue: 2" in tip and "3" in tip
    assert tabs.accessibleDescription() == "My follow-ups (3, 2 overdue)"
    assert not tabs.tabIcon(QueuePanel.FOLLOW_UPS_TAB).isNull()
    # The queue stays what the panel shows first.
    assert panel.queue_filter().follow_ups is False


def test_my_follow_ups_are_listed_by_due_time_with_the_time_and_overdue_said(
    qtbot, workspace: Workspace, runner, now
):
    late = add_follow_up(workspace, now - timedelta(minutes=40))
    later = add_follow_up(workspace, now + timedelta(hours=2), channel=Channel.EMAIL)
    panel = make_panel(qtbot, workspace, runner)
    show_follow_ups(qtbot, panel)
    model, table = panel.model, panel.table
    assert model.rowCount() == 2
    assert [model.contact_at(r).id for r in range(2)] == [late, later]
    assert model.data(model.index(0, M.DUE)) == "overdue 40 min"
    assert model.data(model.index(0, M.STATUS)) == "Overdue"
    assert model.data(model.index(1, M.DUE)) == format_datetime(now + timedelta(hours=2))
    assert model.data(model.index(1, M.STATUS)) == "Planned"
    # A follow-up waits from its due time and all have the centre's priority: no such columns.
    assert table.isColumnHidden(M.WAITING) and table.isColumnHidden(M.PRIORITY)
    assert not table.isColumnHidden(M.STATUS)
    assert model.headerData(M.DUE, Qt.Orientation.Horizontal) == "Due"
    assert not panel.findChild(QComboBox, "queueStatusFilter").isVisible()
    # Back to the queue: every column and the status choice again.
    with qtbot.waitSignal(model.first_rows_ready, timeout=10_000):
        panel.show_follow_ups(False)
    assert not table.isColumnHidden(M.WAITING) and not table.isColumnHidden(M.PRIORITY)
    assert panel.findChild(QComboBox, "queueStatusFilter").isVisible()
    assert model.rowCount() > 2


def test_a_due_follow_up_opens_like_any_contact(qtbot, workspace: Workspace, runner, now):
    due = add_follow_up(workspace, now - timedelta(minutes=3))
    panel = make_panel(qtbot, workspace, runner)
    show_follow_ups(qtbot, panel)
    panel.focus_table()
    assert panel.current_contact() == due
    with qtbot.waitSignal(panel.contact_activated) as opened:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened.args == [due]


def test_a_follow_up_planned_for_later_is_previewed_and_says_when_it_can_be_taken(
    qtbot, workspace: Workspace, runner, now
):
    planned = add_follow_up(workspace, now + timedelta(hours=1))
    panel = make_panel(qtbot, workspace, runner)
    show_follow_ups(qtbot, panel)
    panel.focus_table()
    taken: list[object] = []
    panel.contact_activated.connect(taken.append)
    with qtbot.waitSignal(panel.current_changed) as previewed:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert previewed.args == [planned]
    assert taken == []  # the centre would refuse it before its time
    notice = panel.findChild(QLabel, "queueNotice")
    assert notice.isVisible()
    assert reference_of(workspace, planned) in notice.text()
    assert format_datetime(now + timedelta(hours=1)) in notice.text()
    with qtbot.waitSignal(panel.model.first_rows_ready, timeout=10_000):
        panel.show_follow_ups(False)
    assert not notice.isVisible()


def test_no_follow_up_today_says_so(qtbot, workspace: Workspace, runner, now):
    add_follow_up(workspace, now + timedelta(hours=9))  # tomorrow's
    panel = make_panel(qtbot, workspace, runner)
    assert panel.follow_up_counts() == FollowUpCounts(0, 0)
    assert tab_text(panel) == "My follow-ups"
    with qtbot.waitSignal(panel.model.loaded, timeout=10_000):
        panel.show_follow_ups()
    empty = panel.findChild(QLabel, "queueEmpty")
    qtbot.waitUntil(empty.isVisible)
    assert empty.text().startswith("No follow-up of yours is due today.")


def test_follow_ups_are_counted_again_as_time_passes(
    qtbot, workspace: Workspace, runner, now, monkeypatch
):
    monkeypatch.setattr(QueuePanel, "FOLLOW_UPS_EVERY_MS", 100)
    panel = make_panel(qtbot, workspace, runner)
    assert tab_text(panel) == "My follow-ups"
    show_follow_ups(qtbot, panel)
    assert panel.model.rowCount() == 0
    made = add_follow_up(workspace, now - timedelta(minutes=1))  # one came due meanwhile
    with qtbot.waitSignal(panel.follow_ups_changed, timeout=5_000) as counted:
        pass
    assert counted.args == [FollowUpCounts(1, 1)]
    assert tab_text(panel) == "My follow-ups (1, 1 overdue)"
    qtbot.waitUntil(lambda: panel.model.row_for(made) == 0, timeout=5_000)  # and listed
