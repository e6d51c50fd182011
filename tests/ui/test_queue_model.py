"""The queue model: queue order, filters, lazy pages with placeholders, live times, 100k rows."""

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from helpers import add_queued_contacts
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView

from app.dto import QueueFilter, QueueIndex, QueueRow
from app.ids import new_id, short_reference
from app.models import Channel, ContactStatus
from app.services.queue import QueueService
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.common.texts import format_datetime, format_duration
from ui.desk.queue_model import PLACEHOLDER, QueueModel

M = QueueModel
BIG = 100_000
WAITING = frozenset({ContactStatus.QUEUED})


@pytest.fixture
def runner(qapp: object) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


class SpyQueue:
    """Wraps the real service and records which pages were asked for, and whether with the
    queue's index (a keyset seek) or without (from the top)."""

    def __init__(self, queue: QueueService) -> None:
        self._queue = queue
        self.pages: list[tuple[int, int]] = []
        self.seeks: list[bool] = []
        self.indexes = 0

    def index(self, f: QueueFilter) -> QueueIndex:
        self.indexes += 1
        return self._queue.index(f)

    def page(
        self, f: QueueFilter, offset: int, limit: int, index: QueueIndex | None = None
    ) -> list[QueueRow]:
        self.pages.append((offset, limit))
        self.seeks.append(index is not None)
        return self._queue.page(f, offset, limit, index)


class FakeQueue:
    """A queue of hand-made rows, for what the demo data may not contain."""

    def __init__(self, rows: list[QueueRow]) -> None:
        self.rows = rows

    def index(self, f: QueueFilter) -> QueueIndex:
        return QueueIndex(len(self.rows), ())

    def page(
        self, f: QueueFilter, offset: int, limit: int, index: QueueIndex | None = None
    ) -> list[QueueRow]:
        return self.rows[offset : offset + limit]


NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def make_row(**changes: object) -> QueueRow:
    ident = new_id()
    row = QueueRow(
        id=ident,
        reference=short_reference(ident),
        channel=Channel.EMAIL,
        status=ContactStatus.QUEUED,
        customer_id=uuid.uuid4(),
        customer_name="Jeanne Martin",
        sender_display="jeanne.martin@example.org",
        subject="Retrait en attente",
        preview="Bonjour, mon retrait de 120 € est en attente depuis lundi.",
        received_at=NOW - timedelta(minutes=42),
        due_at=NOW + timedelta(minutes=18),
        priority=1,
        risk_flag=False,
        risk_reason="",
        assigned_to_name="",
        assigned_to_me=False,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def loaded_model(qtbot, runner: Runner, queue: object, **kwargs: object) -> QueueModel:
    model = QueueModel(runner, queue, **kwargs)  # type: ignore[arg-type]
    with qtbot.waitSignals([model.loaded, model.first_rows_ready], timeout=10_000):
        model.reload()
    return model


def text(model: QueueModel, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def all_rows(model: QueueModel) -> list[QueueRow]:
    rows = [model.contact_at(r) for r in range(model.rowCount())]
    assert all(r is not None for r in rows), "every row should be loaded"
    return rows  # type: ignore[return-value]


# --------------------------------------------------------------------------- demo workspace


def test_model_passes_the_model_tester(qtbot, qtmodeltester, workspace: Workspace, runner):
    model = loaded_model(qtbot, runner, workspace.queue)
    assert model.rowCount() == workspace.queue.count(QueueFilter())
    qtmodeltester.check(model)
    # Also while pages are still missing (placeholders) and after they arrive.
    small = loaded_model(qtbot, runner, workspace.queue, page_size=7, max_pages=3)
    qtmodeltester.check(small)
    for row in (10, 30, 50):
        text(small, row, M.SUBJECT)
    qtbot.waitUntil(lambda: small.loaded_pages == 3, timeout=10_000)
    qtmodeltester.check(small)


def test_demo_queue_lists_the_waiting_contacts_in_priority_then_due_order(
    qtbot, workspace: Workspace, runner
):
    model = loaded_model(qtbot, runner, workspace.queue)
    rows = all_rows(model)
    waiting = [r for r in rows if r.status == ContactStatus.QUEUED]
    # The demo queues 60 contacts; the advisor sees those of their team and the unassigned.
    assert 40 <= len(waiting) <= 60
    assert len(waiting) == workspace.queue.count(QueueFilter(statuses=WAITING))
    keys = [(-r.priority, r.due_at) for r in rows]
    assert keys == sorted(keys)
    # The priority column says it in words, and the id role gives the contact.
    assert text(model, 0, M.PRIORITY) in {"Urgent", "High", "Normal", "Low"}
    assert text(model, 0, M.CHANNEL, M.ID_ROLE) == rows[0].id
    assert text(model, 0, M.SUBJECT) == " ".join(rows[0].summary.split())
    assert model.row_for(rows[5].id) == 5
    assert model.contact_at(5) == rows[5]
    assert model.contact_at(model.rowCount()) is None


def test_headers_are_translated_texts_and_explain_the_fixed_order(qtbot, workspace, runner):
    model = QueueModel(runner, workspace.queue)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(M.COLUMN_COUNT)]
    assert titles == [
        "Channel",
        "Priority",
        "Risk",
        "Customer",
        "Subject",
        "Waiting",
        "Due in",
        "Status",
    ]
    tip = model.headerData(M.SUBJECT, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "priority, then by due time" in tip


def test_channel_filter_shows_only_that_channel(qtbot, workspace: Workspace, runner):
    model = loaded_model(qtbot, runner, workspace.queue)
    everything = all_rows(model)
    phones = [r for r in everything if r.channel == Channel.PHONE]
    assert phones and len(phones) < len(everything)
    with qtbot.waitSignal(model.first_rows_ready, timeout=10_000):
        model.reload(QueueFilter(frozenset({Channel.PHONE})))
    assert all_rows(model) == phones

    social = frozenset({Channel.FACEBOOK, Channel.X, Channel.INSTAGRAM, Channel.WHATSAPP})
    with qtbot.waitSignal(model.first_rows_ready, timeout=10_000):
        model.reload(QueueFilter(social))
    assert all_rows(model) == [r for r in everything if r.channel in social]


def test_status_filter_separates_waiting_from_my_work(qtbot, workspace: Workspace, runner):
    claimed = workspace.queue.next_contact()
    assert claimed is not None
    model = loaded_model(qtbot, runner, workspace.queue)
    mine = QueueFilter(frozenset({}), frozenset({ContactStatus.IN_PROGRESS}), mine_only=True)
    with qtbot.waitSignal(model.first_rows_ready, timeout=10_000):
        model.reload(mine)
    rows = all_rows(model)
    assert [r.id for r in rows] == [claimed.contact_id]
    assert text(model, 0, M.STATUS) == "With you"

    waiting = workspace.queue.count(QueueFilter(statuses=WAITING))
    with qtbot.waitSignal(model.first_rows_ready, timeout=10_000):
        model.reload(QueueFilter(statuses=WAITING))
    rows = all_rows(model)
    assert len(rows) == waiting
    assert claimed.contact_id not in {r.id for r in rows}
    assert {text(model, r, M.STATUS) for r in range(len(rows))} == {"Waiting"}


def test_refresh_after_a_claim_shows_it_as_taken(qtbot, workspace: Workspace, runner):
    model = loaded_model(qtbot, runner, workspace.queue)
    first = model.contact_at(0)
    assert first is not None and first.status == ContactStatus.QUEUED
    workspace.queue.take(first.id)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(model.contact_at(0) is not None))
    with qtbot.waitSignals([model.loaded, model.first_rows_ready], timeout=10_000):
        model.refresh()
    assert resets == [True]  # swapped in with its rows: no flash of placeholders
    row = model.row_for(first.id)
    assert row is not None
    assert text(model, row, M.STATUS) == "With you"


def test_a_row_not_loaded_shows_a_placeholder_then_its_data(qtbot, workspace: Workspace, runner):
    spy = SpyQueue(workspace.queue)
    model = loaded_model(qtbot, runner, spy, page_size=10)
    assert spy.pages == [(0, 10)]
    assert text(model, 35, M.SUBJECT) == PLACEHOLDER
    assert text(model, 35, M.CHANNEL, M.ID_ROLE) is None
    assert model.contact_at(35) is None
    # The view asks again and again while painting: one request per page, no more.
    for _ in range(20):
        for row in range(30, 40):
            text(model, row, M.CUSTOMER)
    with qtbot.waitSignal(model.rows_ready, timeout=10_000) as ready:
        pass
    assert ready.args == [30, 39]
    assert spy.pages == [(0, 10), (30, 10)]
    assert spy.seeks == [False, True]  # the first from the top, the next from the index
    assert spy.indexes == 1
    expected = workspace.queue.page(QueueFilter(), 35, 1)[0]
    assert text(model, 35, M.CHANNEL, M.ID_ROLE) == expected.id
    assert text(model, 35, M.SUBJECT) == " ".join(expected.summary.split())


def test_a_newer_reload_drops_the_older_answers(qtbot, workspace: Workspace, runner):
    model = QueueModel(runner, workspace.queue)
    counts: list[int] = []
    model.loaded.connect(counts.append)
    model.reload(QueueFilter(frozenset({Channel.PHONE})))
    model.reload(QueueFilter(frozenset({Channel.EMAIL})))
    qtbot.waitUntil(lambda: bool(counts) and model.contact_at(0) is not None, timeout=10_000)
    runner.wait_idle()
    qtbot.wait(50)  # let any late answer arrive: it must be ignored
    assert counts == [workspace.queue.count(QueueFilter(frozenset({Channel.EMAIL})))]
    assert {r.channel for r in all_rows(model)} == {Channel.EMAIL}


# ------------------------------------------------------------------------ cells and live times


def test_time_columns_are_live(qtbot, runner):
    now = [NOW]
    row = make_row()
    model = loaded_model(qtbot, runner, FakeQueue([row]), clock=lambda: now[0])
    assert text(model, 0, M.WAITING) == format_duration(42 * 60) == "42 min"
    assert text(model, 0, M.DUE) == "18 min"
    now[0] = NOW + timedelta(minutes=30)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, br, _roles: changed.append((tl.column(), br.column())))
    qtbot.waitUntil(lambda: bool(changed), timeout=2_500)  # the 1-second tick
    assert changed == [(M.WAITING, M.DUE)]  # only the two time columns, nothing else
    assert text(model, 0, M.WAITING) == "1 h 12"
    assert text(model, 0, M.DUE) == "overdue 12 min"
    assert text(model, 0, M.DUE, Qt.ItemDataRole.FontRole).bold()
    red = text(model, 0, M.DUE, Qt.ItemDataRole.ForegroundRole).color()
    assert red.red() > 150 and red.green() < 100


def test_compact_due_column_keeps_the_full_words_for_screen_readers(qtbot, runner):
    row = make_row(due_at=NOW - timedelta(minutes=12))
    model = loaded_model(qtbot, runner, FakeQueue([row]), clock=lambda: NOW)
    assert text(model, 0, M.DUE) == "overdue 12 min"
    with qtbot.waitSignal(model.headerDataChanged):
        model.set_compact(M.DUE, True)
    assert text(model, 0, M.DUE) == "\u221212 min"
    assert text(model, 0, M.DUE, Qt.ItemDataRole.AccessibleTextRole) == "overdue 12 min"
    assert "Overdue by 12 min" in text(model, 0, M.DUE, Qt.ItemDataRole.ToolTipRole)
    model.set_compact(M.RISK, True)
    assert model.headerData(M.RISK, Qt.Orientation.Horizontal) == ""
    risk_name = model.headerData(
        M.RISK, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole
    )
    assert risk_name == "Risk"


def test_the_live_tick_can_be_paused(qtbot, runner):
    model = loaded_model(qtbot, runner, FakeQueue([make_row()]), clock=lambda: NOW)
    model.set_live(False)
    changed: list[object] = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    qtbot.wait(1_300)
    assert changed == []
    model.set_live(True)
    assert changed  # resuming repaints the times at once


def test_unidentified_sender_is_in_italics_with_an_explanation(qtbot, runner):
    rows = [
        make_row(customer_id=None, customer_name="", sender_display="@parieur92"),
        make_row(),
    ]
    model = loaded_model(qtbot, runner, FakeQueue(rows), clock=lambda: NOW)
    assert text(model, 0, M.CUSTOMER) == "@parieur92"
    font = text(model, 0, M.CUSTOMER, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert text(model, 0, M.CUSTOMER, Qt.ItemDataRole.ToolTipRole) == "Unidentified sender"
    assert text(model, 1, M.CUSTOMER) == "Jeanne Martin"
    assert text(model, 1, M.CUSTOMER, Qt.ItemDataRole.FontRole) is None


def test_channel_risk_priority_and_assignee_cells(qtbot, runner):
    rows = [
        make_row(
            channel=Channel.WHATSAPP,
            risk_flag=True,
            risk_reason="Mentions a lawyer",
            priority=3,
        ),
        make_row(status=ContactStatus.IN_PROGRESS, assigned_to_name="Paul Durand"),
        make_row(subject="", preview="Bonjour,\nje n'arrive pas à me connecter."),
    ]
    model = loaded_model(qtbot, runner, FakeQueue(rows), clock=lambda: NOW)
    assert text(model, 0, M.CHANNEL) == "WhatsApp"
    assert text(model, 0, M.CHANNEL, Qt.ItemDataRole.AccessibleTextRole) == "WhatsApp"
    assert not text(model, 0, M.CHANNEL, Qt.ItemDataRole.DecorationRole).isNull()
    assert text(model, 0, M.CHANNEL, M.SORT_ROLE) == "whatsapp"
    assert not text(model, 0, M.RISK, Qt.ItemDataRole.DecorationRole).isNull()
    assert "Mentions a lawyer" in text(model, 0, M.RISK, Qt.ItemDataRole.ToolTipRole)
    assert text(model, 1, M.RISK, Qt.ItemDataRole.DecorationRole) is None
    assert text(model, 0, M.PRIORITY) == "Urgent"
    assert text(model, 0, M.PRIORITY, M.SORT_ROLE) == 3
    assert not text(model, 0, M.PRIORITY, Qt.ItemDataRole.DecorationRole).isNull()
    assert text(model, 1, M.STATUS) == "Paul Durand"
    assert "Paul Durand" in text(model, 1, M.STATUS, Qt.ItemDataRole.ToolTipRole)
    assert text(model, 2, M.SUBJECT) == "Bonjour, je n'arrive pas à me connecter."
    assert text(model, 2, M.WAITING, M.SORT_ROLE) == 42 * 60
    assert text(model, 2, M.CHANNEL, M.ROW_ROLE) == rows[2]


def test_a_failed_page_is_reported_once_and_not_retried_on_every_paint(qtbot, runner):
    from app.errors import EnvironmentProblem

    class Broken(FakeQueue):
        calls = 0

        def page(
            self, f: QueueFilter, offset: int, limit: int, index: QueueIndex | None = None
        ) -> list[QueueRow]:
            if offset:
                Broken.calls += 1
                raise EnvironmentProblem("The disk is full.")
            return super().page(f, offset, limit, index)

    model = loaded_model(qtbot, runner, Broken([make_row() for _ in range(30)]), page_size=10)
    with qtbot.waitSignal(runner.error, timeout=5_000):
        text(model, 15, M.SUBJECT)
    for _ in range(5):
        text(model, 15, M.SUBJECT)
        qtbot.wait(10)
    assert Broken.calls == 1
    assert text(model, 15, M.SUBJECT) == PLACEHOLDER


# ------------------------------------------------------------------------------ 100,000 rows


def test_a_hundred_thousand_contacts_page_in_and_memory_stays_bounded(
    qtbot, workspace: Workspace, runner
):
    add_queued_contacts(workspace, BIG)
    total = workspace.queue.count(QueueFilter())
    assert total >= BIG

    model = QueueModel(runner, workspace.queue, max_pages=4)
    errors: list[object] = []
    runner.error.connect(errors.append)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.verticalHeader().setDefaultSectionSize(26)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignals([model.loaded, model.first_rows_ready], timeout=20_000):
        model.reload()
    assert model.rowCount() == total
    assert text(model, 0, M.SUBJECT) != PLACEHOLDER

    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > total // 2)  # laid out

    def shows_real_data(row: int) -> bool:
        # contact_at() never asks for a page: only the view painting the row can load it.
        return model.contact_at(row) is not None

    middle = total // 2
    view.scrollTo(model.index(middle, 0), QTableView.ScrollHint.PositionAtCenter)
    qtbot.waitUntil(lambda: shows_real_data(middle) or bool(errors), timeout=20_000)
    assert errors == []
    assert model.contact_at(middle - 200) is None  # only what the view showed was loaded
    expected = workspace.queue.page(QueueFilter(), middle, 1)[0]
    assert text(model, middle, M.CHANNEL, M.ID_ROLE) == expected.id

    view.scrollToBottom()
    qtbot.waitUntil(lambda: shows_real_data(total - 1), timeout=20_000)
    expected = workspace.queue.page(QueueFilter(), total - 1, 1)[0]
    assert text(model, total - 1, M.CHANNEL, M.ID_ROLE) == expected.id

    # Wander around: the cache never holds more than its bound.
    most = 0
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.9, 0.2):
        row = int(total * fraction)
        view.scrollTo(model.index(row, 0), QTableView.ScrollHint.PositionAtCenter)
        qtbot.waitUntil(lambda row=row: shows_real_data(row), timeout=20_000)
        most = max(most, model.loaded_pages)
    assert most <= 4
    assert errors == []
    assert model.page_requests <= 20  # each screen asked for its own pages once
    assert view.model().rowCount(QModelIndex()) == total


def test_a_delegate_reads_the_same_cells_through_multidata(qtbot, workspace: Workspace, runner):
    """Views read cells through multiData (one call per cell); it must agree with data()."""
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    model = loaded_model(qtbot, runner, workspace.queue)
    delegate = QStyledItemDelegate()
    for column in range(M.COLUMN_COUNT):
        index = model.index(0, column)
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, index)
        assert option.text == (model.data(index, Qt.ItemDataRole.DisplayRole) or "")
        assert option.icon.isNull() == (model.data(index, Qt.ItemDataRole.DecorationRole) is None)


# ----------------------------------------------------------------- states, follow-ups, keyset


def test_contacts_in_progress_say_so_in_words_and_by_shape_not_only_by_tint(qtbot, runner):
    rows = [
        make_row(status=ContactStatus.IN_PROGRESS, assigned_to_me=True),
        make_row(status=ContactStatus.IN_PROGRESS, assigned_to_name="Paul Durand"),
        make_row(),
    ]
    model = loaded_model(qtbot, runner, FakeQueue(rows), clock=lambda: NOW)
    states = [text(model, r, c, M.STATE_ROLE) for r in range(3) for c in (M.CUSTOMER, M.STATUS)]
    assert states == ["mine", "mine", "taken", "taken", "waiting", "waiting"]
    accessible = Qt.ItemDataRole.AccessibleTextRole
    assert text(model, 0, M.STATUS) == "With you"
    assert text(model, 0, M.STATUS, accessible) == "In progress with you"
    assert text(model, 1, M.STATUS, accessible) == "In progress with Paul Durand"
    assert text(model, 2, M.STATUS, accessible) == "Waiting"
    mine = text(model, 0, M.STATUS, Qt.ItemDataRole.DecorationRole)
    taken = text(model, 1, M.STATUS, Qt.ItemDataRole.DecorationRole)
    assert not mine.isNull() and not taken.isNull()
    assert mine.cacheKey() != taken.cacheKey()  # two shapes: a filled and an outlined figure
    assert text(model, 2, M.STATUS, Qt.ItemDataRole.DecorationRole) is None
    # Narrowed to its icon, the column keeps the shape and the words for screen readers.
    model.set_compact(M.STATUS, True)
    assert text(model, 0, M.STATUS) is None
    assert text(model, 0, M.STATUS, Qt.ItemDataRole.DecorationRole) is not None
    assert text(model, 0, M.STATUS, accessible) == "In progress with you"
    assert "you took this contact" in text(model, 0, M.STATUS, Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(M.STATUS, Qt.Orientation.Horizontal) == ""
    assert (
        model.headerData(M.STATUS, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
        == "Status"
    )


def test_a_selected_row_shows_its_state_icon_in_the_selections_colours(qtbot, runner):
    from PySide6.QtGui import QIcon

    row = make_row(status=ContactStatus.IN_PROGRESS, assigned_to_me=True)
    model = loaded_model(qtbot, runner, FakeQueue([row]), clock=lambda: NOW)
    icon: QIcon = text(model, 0, M.STATUS, Qt.ItemDataRole.DecorationRole)
    normal = icon.pixmap(16, 16, QIcon.Mode.Normal).toImage()
    selected = icon.pixmap(16, 16, QIcon.Mode.Selected).toImage()
    assert normal != selected  # not the highlight colour on the highlight


def test_follow_ups_show_their_time_of_day_and_say_which_are_overdue(qtbot, runner):
    rows = [
        make_row(
            received_at=NOW - timedelta(minutes=12),
            due_at=NOW - timedelta(minutes=12),
            follow_up_of="R-AAAA-BBBB",
            priority=2,
        ),
        make_row(
            received_at=NOW + timedelta(hours=2),
            due_at=NOW + timedelta(hours=2),
            follow_up_of="R-CCCC-DDDD",
            priority=2,
        ),
    ]
    model = QueueModel(runner, FakeQueue(rows), clock=lambda: NOW)  # type: ignore[arg-type]
    with qtbot.waitSignal(model.first_rows_ready, timeout=10_000):
        model.reload(QueueFilter(follow_ups=True))
    accessible = Qt.ItemDataRole.AccessibleTextRole
    assert model.headerData(M.DUE, Qt.Orientation.Horizontal) == "Due"
    assert text(model, 0, M.DUE) == "overdue 12 min"
    assert text(model, 0, M.DUE, Qt.ItemDataRole.FontRole).bold()
    assert text(model, 0, M.STATUS) == "Overdue"
    assert text(model, 0, M.STATUS, M.STATE_ROLE) == "waiting"
    assert "can be taken now" in text(model, 0, M.STATUS, accessible)
    assert text(model, 0, M.STATUS, Qt.ItemDataRole.DecorationRole) is not None
    later = format_datetime(NOW + timedelta(hours=2))  # its time of day ("11:30") today
    assert text(model, 1, M.DUE) == later
    assert text(model, 1, M.DUE, accessible) == f"due at {later}, in 2 h 00"
    assert text(model, 1, M.STATUS) == "Planned"
    assert text(model, 1, M.STATUS, M.STATE_ROLE) == "planned"
    assert later in text(model, 1, M.STATUS, Qt.ItemDataRole.ToolTipRole)
    # Where they come from: in the subject's tooltip, its words for readers and an arrow.
    assert "Follow-up of R-AAAA-BBBB" in text(model, 0, M.SUBJECT, Qt.ItemDataRole.ToolTipRole)
    assert text(model, 0, M.SUBJECT, accessible).startswith("Follow-up of R-AAAA-BBBB: ")
    assert text(model, 0, M.SUBJECT, Qt.ItemDataRole.DecorationRole) is not None
    # Compact, the later one keeps its time of day; the overdue one its minus sign.
    model.set_compact(M.DUE, True)
    assert text(model, 1, M.DUE) == later
    assert text(model, 0, M.DUE) == "\u221212 min"


def test_a_planned_follow_up_becomes_due_as_the_clock_moves(qtbot, runner):
    now = [NOW]
    row = make_row(received_at=NOW + timedelta(seconds=30), due_at=NOW + timedelta(seconds=30))
    model = QueueModel(runner, FakeQueue([row]), clock=lambda: now[0])  # type: ignore[arg-type]
    with qtbot.waitSignal(model.first_rows_ready, timeout=10_000):
        model.reload(QueueFilter(follow_ups=True))
    assert text(model, 0, M.STATUS) == "Planned"
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, br, _roles: changed.append((tl.column(), br.column())))
    now[0] = NOW + timedelta(minutes=1)
    model.tick()
    assert (M.WAITING, M.STATUS) in changed  # the status column is repainted with the times
    assert text(model, 0, M.STATUS) == "Overdue"


def test_pages_past_the_first_wait_for_the_index_and_seek_from_it(qtbot, runner):
    import threading

    rows = [make_row() for _ in range(95)]

    class SlowIndex(FakeQueue):
        release = threading.Event()
        asked: list[tuple[int, bool]] = []  # noqa: RUF012

        def index(self, f: QueueFilter) -> QueueIndex:
            assert self.release.wait(10)
            return super().index(f)

        def page(
            self, f: QueueFilter, offset: int, limit: int, index: QueueIndex | None = None
        ) -> list[QueueRow]:
            self.asked.append((offset, index is not None))
            return super().page(f, offset, limit, index)

    queue = SlowIndex(rows)
    model = QueueModel(runner, queue, page_size=10)  # type: ignore[arg-type]
    with qtbot.waitSignal(model.first_rows_ready, timeout=10_000):
        model.reload()
    assert model.rowCount() == 10  # provisional: one page, until the index says how many
    text(model, 9, M.SUBJECT)
    qtbot.wait(50)
    with qtbot.waitSignal(model.loaded, timeout=10_000) as loaded:
        queue.release.set()
    assert loaded.args == [95]
    text(model, 94, M.SUBJECT)  # the end, as Ctrl+End asks for it
    qtbot.waitUntil(lambda: model.contact_at(94) is not None, timeout=10_000)
    assert model.contact_at(94) == rows[94]
    assert queue.asked[0] == (0, False)
    assert all(seek for offset, seek in queue.asked[1:])
    assert (90, True) in queue.asked


def test_every_page_of_a_big_queue_is_a_seek(qtbot, workspace: Workspace, runner):
    add_queued_contacts(workspace, 5_000)
    spy = SpyQueue(workspace.queue)
    model = QueueModel(runner, spy)  # type: ignore[arg-type]
    with qtbot.waitSignals([model.loaded, model.first_rows_ready], timeout=20_000):
        model.reload()
    total = model.rowCount()
    for row in (total - 1, total // 2, 1_000):
        text(model, row, M.SUBJECT)
        qtbot.waitUntil(lambda row=row: model.contact_at(row) is not None, timeout=20_000)
    expected = workspace.queue.page(QueueFilter(), total // 2, 1)[0]
    assert model.contact_at(total // 2) == expected
    assert spy.seeks[0] is False and all(spy.seeks[1:]) and len(spy.seeks) == 4
    assert spy.indexes == 1


def test_a_contact_whose_reply_failed_says_so_in_words_and_shape(qtbot, runner):
    rows = [make_row(reply_failed=True), make_row()]
    model = QueueModel(runner, FakeQueue(rows), clock=lambda: NOW)  # type: ignore[arg-type]
    with qtbot.waitSignal(model.first_rows_ready, timeout=10_000):
        model.reload(QueueFilter())
    accessible = Qt.ItemDataRole.AccessibleTextRole
    assert text(model, 0, M.SUBJECT, accessible).startswith("Reply not delivered: ")
    assert "did not reach the customer" in text(model, 0, M.SUBJECT, Qt.ItemDataRole.ToolTipRole)
    assert text(model, 0, M.SUBJECT, Qt.ItemDataRole.DecorationRole) is not None
    assert not text(model, 1, M.SUBJECT, accessible).startswith("Reply not delivered")
    assert text(model, 1, M.SUBJECT, Qt.ItemDataRole.DecorationRole) is None
