"""The queue panel as an advisor uses it: counts, filters, keyboard, "Next contact"."""

import contextlib
import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from app.dto import QueueFilter
from app.models import Channel, ContactStatus
from app.workspace import Workspace
from ui.common import theme
from ui.common.ops import Runner
from ui.desk.queue_model import QueueModel
from ui.desk.queue_panel import QueuePanel

M = QueueModel


@pytest.fixture
def runner(qapp: object) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


def make_panel(qtbot, ws: Workspace, runner: Runner) -> QueuePanel:
    panel = QueuePanel(runner, ws.queue, ws.who)
    panel.setStyleSheet(theme.style_sheet())  # its looks and sizes, as inside the window
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: panel.model.contact_at(0) is not None, timeout=10_000)
    qtbot.waitUntil(lambda: "—" in panel.findChild(QLabel, "queueTitle").text())
    return panel


def shown_rows(panel: QueuePanel) -> list:
    model = panel.model
    return [model.contact_at(r) for r in range(model.rowCount())]


def reloaded(qtbot, panel: QueuePanel):
    return qtbot.waitSignal(panel.model.first_rows_ready, timeout=10_000)


def test_title_counts_the_waiting_contacts(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    waiting = workspace.queue.count(QueueFilter(statuses=frozenset({ContactStatus.QUEUED})))
    assert waiting > 0
    assert panel.findChild(QLabel, "queueTitle").text() == f"Queue — {waiting} waiting"
    assert panel.model.rowCount() == workspace.queue.count(panel.queue_filter())


def test_enter_on_a_row_opens_that_contact(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    row = panel.table.currentIndex().row()
    expected = panel.model.contact_at(row)
    assert expected is not None
    with qtbot.waitSignal(panel.contact_activated) as opened:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened.args == [expected.id]
    assert isinstance(opened.args[0], uuid.UUID)


def test_double_click_opens_the_contact(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    index = panel.model.index(3, M.SUBJECT)
    centre = panel.table.visualRect(index).center()
    viewport = panel.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(panel.contact_activated) as opened:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [panel.model.contact_at(3).id]


def test_next_contact_button_asks_for_the_next_contact(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    button = panel.findChild(QAbstractButton, "nextContactButton")
    with qtbot.waitSignal(panel.next_requested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    button.setFocus()
    with qtbot.waitSignal(panel.next_requested):
        qtbot.keyClick(button, Qt.Key.Key_Space)


def test_channel_chips_filter_the_list(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    with reloaded(qtbot, panel):
        panel.set_channel_filter("phone")
    rows = shown_rows(panel)
    assert rows and {r.channel for r in rows} == {Channel.PHONE}
    title = panel.findChild(QLabel, "queueTitle")
    qtbot.waitUntil(lambda: title.text() == f"Queue — {len(rows)} waiting")

    chip = next(
        b
        for b in panel.findChildren(QAbstractButton, "queueChip")
        if b.property("filterKey") == "social"
    )
    with reloaded(qtbot, panel):
        qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    social = {Channel.FACEBOOK, Channel.X, Channel.INSTAGRAM, Channel.WHATSAPP}
    assert {r.channel for r in shown_rows(panel)} <= social
    assert panel.queue_filter().channels == social


def test_status_filter_shows_my_contacts_in_progress(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    claimed = workspace.queue.next_contact()
    assert claimed is not None
    with reloaded(qtbot, panel):
        panel.set_status_filter(QueuePanel.MINE)
    rows = shown_rows(panel)
    assert [r.id for r in rows] == [claimed.contact_id]
    subtitle = panel.findChild(QLabel, "queueSubtitle")
    qtbot.waitUntil(lambda: subtitle.text() == "1 in progress with you")
    assert subtitle.isVisible() and subtitle.width() > 100
    with reloaded(qtbot, panel):
        panel.set_status_filter(QueuePanel.WAITING)
    rows = shown_rows(panel)
    waiting = workspace.queue.count(QueueFilter(statuses=frozenset({ContactStatus.QUEUED})))
    assert len(rows) == waiting and {r.status for r in rows} == {ContactStatus.QUEUED}


def test_an_empty_list_says_so(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    with qtbot.waitSignal(panel.model.loaded, timeout=10_000):
        panel.set_status_filter(QueuePanel.MINE)
    empty = panel.findChild(QLabel, "queueEmpty")
    qtbot.waitUntil(empty.isVisible)
    assert empty.text() == "You have no contact in progress."
    assert not panel.table.isVisible()


def test_select_contact_and_refresh_keep_the_advisor_on_that_row(
    qtbot, workspace: Workspace, runner
):
    panel = make_panel(qtbot, workspace, runner)
    target = panel.model.contact_at(7)
    panel.select_contact(target.id)
    assert panel.current_contact() == target.id
    assert panel.table.currentIndex().row() == 7
    with qtbot.waitSignal(panel.model.loaded, timeout=10_000):
        panel.refresh()
    qtbot.waitUntil(lambda: panel.current_contact() == target.id, timeout=5_000)


def test_sorting_is_off_and_the_header_says_why(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    before = [r.id for r in shown_rows(panel)]
    header = panel.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().center().__class__(header.sectionViewportPosition(M.CUSTOMER) + 5, 5),
    )
    assert not panel.table.isSortingEnabled()
    assert [r.id for r in shown_rows(panel)] == before
    tip = panel.model.headerData(M.CUSTOMER, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "ordered by priority, then by due time" in tip


def test_every_control_has_an_accessible_name(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    controls = [panel.table, *panel.findChildren(QAbstractButton), *panel.findChildren(QComboBox)]
    controls = [w for w in controls if w.isVisible()]
    assert len(controls) >= 8  # the list, six buttons, the status choice
    for widget in controls:
        assert widget.accessibleName(), widget.objectName()
    assert panel.focusProxy() is panel.table


def test_rows_are_compact_and_the_subject_stretches(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    assert panel.table.rowHeight(0) == 26
    widths = [panel.table.columnWidth(c) for c in range(M.COLUMN_COUNT)]
    assert widths[M.SUBJECT] == max(widths)
    panel.resize(1500, 700)
    qtbot.waitUntil(lambda: panel.table.columnWidth(M.SUBJECT) > widths[M.SUBJECT])


def test_keyboard_reaches_everything(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    focusable = [
        w
        for w in panel.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert panel.table in focusable
    assert panel.findChild(QAbstractButton, "nextContactButton") in focusable
    assert panel.findChild(QComboBox, "queueStatusFilter") in focusable


def test_moving_in_the_list_announces_the_contact_for_a_preview(
    qtbot, workspace: Workspace, runner
):
    panel = make_panel(qtbot, workspace, runner)
    first = panel.model.contact_at(0)
    assert panel.current_contact() == first.id  # the first row is current after loading
    panel.focus_table()
    assert panel.table.hasFocus()
    with qtbot.waitSignal(panel.current_changed) as moved:
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert moved.args == [panel.model.contact_at(1).id]
    # A refresh that lands back on the same contact does not ask for a second preview.
    announced: list[object] = []
    panel.current_changed.connect(announced.append)
    with qtbot.waitSignal(panel.first_rows_ready, timeout=10_000):
        panel.refresh()
    qtbot.waitUntil(lambda: panel.current_contact() == moved.args[0])
    assert announced == []


def test_a_narrow_pane_keeps_the_subject_readable(qtbot, workspace: Workspace, runner):
    panel = make_panel(qtbot, workspace, runner)
    model, table = panel.model, panel.table
    panel.resize(560, 600)
    qtbot.waitUntil(lambda: model.is_compact(M.CHANNEL))
    assert table.columnWidth(M.SUBJECT) >= 150
    assert model.data(model.index(0, M.CHANNEL)) is None  # icon only...
    label = model.data(model.index(0, M.CHANNEL), Qt.ItemDataRole.ToolTipRole)
    assert label  # ...its name in the tooltip
    assert model.data(model.index(0, M.CHANNEL), Qt.ItemDataRole.AccessibleTextRole) == label
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways
    panel.resize(1400, 600)
    qtbot.waitUntil(lambda: not model.is_compact(M.CHANNEL))
    assert not table.isColumnHidden(M.WAITING) and not table.isColumnHidden(M.STATUS)
    assert model.data(model.index(0, M.CHANNEL)) == label


def test_status_column_hides_when_only_waiting_contacts_are_listed(
    qtbot, workspace: Workspace, runner
):
    panel = make_panel(qtbot, workspace, runner)
    panel.resize(1400, 600)
    qtbot.waitUntil(lambda: not panel.table.isColumnHidden(M.STATUS))
    with reloaded(qtbot, panel):
        panel.set_status_filter(QueuePanel.WAITING)
    assert panel.table.isColumnHidden(M.STATUS)  # it would say "Waiting" on every row


def test_my_contacts_in_progress_are_tinted(qtbot, workspace: Workspace, runner):
    claimed = workspace.queue.next_contact()
    panel = make_panel(qtbot, workspace, runner)
    model = panel.model
    row = model.row_for(claimed.contact_id)
    assert row is not None
    assert model.data(model.index(row, M.SUBJECT), Qt.ItemDataRole.BackgroundRole) is not None
    other = 1 if row == 0 else 0
    assert model.data(model.index(other, M.SUBJECT), Qt.ItemDataRole.BackgroundRole) is None


def test_select_contact_scrolls_to_a_far_row_even_right_after_a_refresh(
    qtbot, workspace: Workspace, runner
):
    panel = make_panel(qtbot, workspace, runner)
    panel.resize(1200, 360)
    far = panel.model.contact_at(panel.model.rowCount() - 2)
    panel.refresh()
    panel.select_contact(far.id)  # resolved when the reloaded rows arrive
    viewport = panel.table.viewport()

    def shown() -> bool:
        index = panel.table.currentIndex()
        return index.isValid() and panel.table.visualRect(index).intersects(viewport.rect())

    qtbot.waitUntil(lambda: panel.current_contact() == far.id and shown(), timeout=10_000)


# ------------------------------------------------------- states and texts at 1366 and 1600 px

# The queue pane in a 1366 px and a 1600 px wide window (the desk's first split), and narrower.
PANE_AT_1366, PANE_AT_1600 = 530, 640


def fitted(qtbot, panel: QueuePanel, width: int) -> None:
    panel.resize(width, 700)
    qtbot.waitUntil(lambda: panel.table.viewport().width() <= width)
    qtbot.wait(20)  # the fitting runs on the viewport's resize


@pytest.mark.parametrize("width", [PANE_AT_1366, PANE_AT_1600, 1200])
def test_my_contact_in_progress_is_told_apart_at_every_width(
    qtbot, workspace: Workspace, runner, width
):
    claimed = workspace.queue.next_contact()
    panel = make_panel(qtbot, workspace, runner)
    fitted(qtbot, panel, width)
    model, table = panel.model, panel.table
    assert not table.isColumnHidden(M.STATUS)  # narrowed to its icon at worst, never hidden
    assert table.columnWidth(M.STATUS) >= 28
    row = model.row_for(claimed.contact_id)
    assert row is not None
    mine = model.index(row, M.STATUS)
    assert model.data(mine, M.STATE_ROLE) == M.STATE_MINE
    assert model.data(mine, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(mine, Qt.ItemDataRole.AccessibleTextRole) == "In progress with you"
    other = 1 if row == 0 else 0
    waiting = model.index(other, M.STATUS)
    assert model.data(waiting, M.STATE_ROLE) == M.STATE_WAITING
    assert model.data(waiting, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(waiting, Qt.ItemDataRole.AccessibleTextRole) == "Waiting"


def texts_fit(panel: QueuePanel) -> list[str]:
    """What does not fit whole in the panel: labels, the status choice, tabs, column titles."""
    from PySide6.QtWidgets import QTabBar

    from ui.desk.fitting import ElidedLabel, ElidingComboBox

    cut = []
    for label in panel.findChildren(ElidedLabel):
        if label.isVisible() and label.is_elided() and label.objectName() != "queueSubtitle":
            cut.append(label.text())
    for combo in panel.findChildren(ElidingComboBox):
        if combo.isVisible() and combo.is_elided():
            cut.append(combo.currentText())
    tabs = panel.findChild(QTabBar, "queueTabs")
    if tabs.width() < tabs.sizeHint().width():
        cut.append("the tabs: " + " | ".join(tabs.tabText(i) for i in range(tabs.count())))
    header, table, model = panel.table.horizontalHeader(), panel.table, panel.model
    metrics = header.fontMetrics()
    for column in range(model.COLUMN_COUNT):
        title = model.headerData(column, Qt.Orientation.Horizontal) or ""
        if table.isColumnHidden(column) or not title:
            continue
        if metrics.horizontalAdvance(title) + 18 > header.sectionSize(column):
            cut.append(f"column {title}")
    return cut


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", [PANE_AT_1366, PANE_AT_1600])
def test_every_label_and_column_fits_at_1366_and_1600(
    qtbot, workspace: Workspace, runner, request, language, width
):
    if language == "fr":
        request.getfixturevalue("french")
    from datetime import timedelta

    from queue_data import add_follow_up

    from app.clock import centre_now

    now = centre_now()
    workspace.queue.day_end = lambda _now: now + timedelta(hours=6)
    for minutes in (-30, 40, 90):  # the tab's longest title: "(3, 1 overdue)"
        add_follow_up(workspace, now + timedelta(minutes=minutes))
    workspace.queue.next_contact()
    panel = make_panel(qtbot, workspace, runner)
    qtbot.waitUntil(lambda: panel.follow_up_counts() is not None, timeout=10_000)
    fitted(qtbot, panel, width)
    settled(qtbot, panel)
    assert texts_fit(panel) == []
    with reloaded(qtbot, panel):
        panel.show_follow_ups()
    fitted(qtbot, panel, width)
    settled(qtbot, panel)
    assert texts_fit(panel) == []


def settled(qtbot, panel: QueuePanel) -> None:
    """Until the counts are in the titles and the layout has given them their room."""
    from pytestqt.exceptions import TimeoutError as NotYet

    with contextlib.suppress(NotYet):  # the assertion after says what does not fit
        qtbot.waitUntil(lambda: texts_fit(panel) == [], timeout=3_000)


def test_a_label_too_long_for_its_room_elides_and_tells_it_whole(
    qtbot, workspace: Workspace, runner
):
    from PySide6.QtWidgets import QTabBar

    from ui.desk.fitting import ElidedLabel

    workspace.queue.next_contact()
    panel = make_panel(qtbot, workspace, runner)
    fitted(qtbot, panel, 330)
    title = panel.findChild(ElidedLabel, "queueTitle")
    qtbot.waitUntil(title.is_elided)
    assert title.shown_text().endswith("…")
    assert title.text() in title.toolTip()
    assert title.accessibleName().startswith(title.text())  # read whole
    tabs = panel.findChild(QTabBar, "queueTabs")
    assert tabs.width() < tabs.sizeHint().width()  # squeezed: Qt elides their titles...
    for i in range(tabs.count()):
        assert tabs.tabText(i) in tabs.tabToolTip(i)  # ...said whole in their tooltips
    fitted(qtbot, panel, 1200)
    qtbot.waitUntil(lambda: not title.is_elided())
    assert title.toolTip() == ""


def test_the_status_choice_elides_its_choice_and_tells_it_whole(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from ui.desk.fitting import ElidingComboBox

    host = QWidget()
    qtbot.addWidget(host)
    combo = ElidingComboBox()
    combo.addItems(["Waiting", "Waiting and in progress"])
    combo.setCurrentIndex(1)
    combo.set_tip("Which contacts the list shows.")
    QHBoxLayout(host).addWidget(combo)
    host.resize(500, 40)
    host.show()
    qtbot.waitExposed(host)
    assert not combo.is_elided()
    assert combo.toolTip() == "Which contacts the list shows."
    assert combo.width() >= combo.sizeHint().width()  # as wide as its longest choice
    host.resize(110, 40)
    qtbot.waitUntil(combo.is_elided)
    assert combo.shown_text().endswith("…")
    assert combo.toolTip().split("\n") == [
        "Waiting and in progress",
        "Which contacts the list shows.",
    ]
    combo.setCurrentIndex(0)  # a short choice fits again
    assert not combo.is_elided() and combo.toolTip() == "Which contacts the list shows."
