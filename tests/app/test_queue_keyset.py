"""The queue read by keyset: any page is a seek from the index's nearest key and says the same
as counting rows from the top; the reads stay in the queue's indexes; the advisor's own
follow-ups due today and overdue, counted and paged the same way."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from helpers import add_queued_contacts
from queue_data import add_follow_up, parent_reference
from sqlalchemy import event

from app.clock import centre_now
from app.dto import CloseRequest, FollowUpRequest, QueueFilter, QueueIndex
from app.enums import Channel, ContactStatus, Outcome
from app.services import queue as queue_module
from app.services.queue import end_of_day
from app.workspace import Workspace

WAITING = frozenset({ContactStatus.QUEUED})
BUSY = frozenset({ContactStatus.IN_PROGRESS})
FOLLOW_UPS = QueueFilter(follow_ups=True)


@contextmanager
def counted_steps(ws: Workspace) -> Iterator[list[int]]:
    """Counts the SQLite virtual machine's steps (in hundreds) of every statement run on the
    copy meanwhile, fetching included: the work a query does, whatever the machine's speed or
    load."""
    steps = [0]
    touched: list[object] = []

    def tick() -> int:
        steps[0] += 1
        return 0

    def before(conn, _cursor, _statement, _params, _context, _many) -> None:
        driver = conn.connection.driver_connection
        if driver not in touched:
            touched.append(driver)
            driver.set_progress_handler(tick, 100)

    event.listen(ws.local.engine, "before_cursor_execute", before)
    try:
        yield steps
    finally:
        event.remove(ws.local.engine, "before_cursor_execute", before)
        for driver in touched:
            driver.set_progress_handler(None, 0)  # type: ignore[attr-defined]


@contextmanager
def statements(ws: Workspace) -> Iterator[list[tuple[str, object]]]:
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, params, _context, _many) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(ws.local.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(ws.local.engine, "before_cursor_execute", record)


def plans(ws: Workspace, seen: list[tuple[str, object]]) -> list[str]:
    raw = ws.local.engine.raw_connection()
    try:
        explain = raw.driver_connection.execute
        return [
            " | ".join(row[3] for row in explain(f"EXPLAIN QUERY PLAN {sql}", params))
            for sql, params in seen
        ]
    finally:
        raw.close()


def filters(ws: Workspace) -> list[QueueFilter]:
    return [
        QueueFilter(),
        QueueFilter(frozenset({Channel.PHONE})),
        QueueFilter(frozenset({Channel.EMAIL, Channel.X}), WAITING),
        QueueFilter(statuses=WAITING),
        QueueFilter(statuses=BUSY, mine_only=True),
    ]


# ------------------------------------------------------------------------------- keyset pages


def test_every_page_by_keyset_is_the_page_counted_from_the_top(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue_module, "MIN_STEP", 7)  # many kept keys in a small queue
    add_queued_contacts(workspace, 1_500)
    for _ in range(5):
        workspace.queue.next_contact()
    for f in filters(workspace):
        index = workspace.queue.index(f)
        assert index.count == workspace.queue.count(f) > 0
        assert sum(b.count for b in index.buckets) == index.count
        assert [b.priority for b in index.buckets] == sorted(
            (b.priority for b in index.buckets), reverse=True
        )
        everything = [r.id for r in workspace.queue.page(f, 0, 10_000)]
        assert len(everything) == index.count
        for offset in [*range(0, index.count, 61), index.count - 1, index.count - 13]:
            if offset < 0:
                continue
            paged = [r.id for r in workspace.queue.page(f, offset, 50, index)]
            assert paged == everything[offset : offset + 50], (f, offset)
        # Past the end: nothing, not an error.
        assert workspace.queue.page(f, index.count, 50, index) == []


def test_a_supervisors_queue_pages_the_same_way(supervisor_workspace: Workspace) -> None:
    queue = supervisor_workspace.queue
    add_queued_contacts(supervisor_workspace, 600)
    f = QueueFilter()
    index = queue.index(f)
    everything = [r.id for r in queue.page(f, 0, 10_000)]
    assert index.count == len(everything) == queue.count(f)
    for offset in range(0, index.count, 97):
        assert [r.id for r in queue.page(f, offset, 40, index)] == everything[offset : offset + 40]


def test_a_far_page_costs_what_the_first_does(workspace: Workspace) -> None:
    add_queued_contacts(workspace, 30_000)
    queue, f = workspace.queue, QueueFilter()
    index = queue.index(f)
    size = 200
    with counted_steps(workspace) as first:
        queue.page(f, 0, size, index)
    costs = {}
    for where in (size, index.count // 2, index.count - size, index.count - 1):
        with counted_steps(workspace) as steps:
            rows = queue.page(f, where, size, index)
        assert rows
        costs[where] = steps[0]
    with counted_steps(workspace) as walked:
        queue.page(f, index.count - size, size)  # without the index: counted from the top
    # The keyset page at the end does about the first page's work; walking there does ~100×.
    assert max(costs.values()) <= 3 * first[0] + 20, (first[0], costs)
    assert walked[0] >= 20 * max(costs.values()), (walked[0], costs)
    # Mapping the queue is one walk, about as long as counting it.
    with counted_steps(workspace) as counting:
        queue.count(f)
    with counted_steps(workspace) as mapping:
        queue.index(f)
    assert mapping[0] <= 4 * counting[0], (mapping[0], counting[0])


def test_the_queues_reads_stay_in_their_indexes(workspace: Workspace) -> None:
    add_queued_contacts(workspace, 3_000)
    add_follow_up(workspace, centre_now() - timedelta(minutes=5))
    queue = workspace.queue
    for f in [*filters(workspace)[:4], FOLLOW_UPS]:
        index = queue.index(f)
        with statements(workspace) as seen:
            queue.count(f)
            queue.index(f)
            queue.page(f, 0, 50, index)
            queue.page(f, index.count // 2, 50, index)
            queue.page(f, max(0, index.count - 10), 50, index)
        expected = "ix_contact_follow_up_order" if f.follow_ups else "ix_contact_open_order"
        for plan in plans(workspace, seen):
            assert expected in plan, (f, plan)
            assert "TEMP B-TREE" not in plan, (f, plan)  # never a sort of the whole queue
            for step in plan.split(" | "):
                assert not step.startswith("SCAN") or "INDEX ix_contact_" in step, (f, plan)
    with statements(workspace) as seen:
        queue.follow_up_counts()
    assert all("ix_contact_follow_up_order" in plan for plan in plans(workspace, seen))


def test_an_index_of_an_empty_queue(workspace: Workspace) -> None:
    f = QueueFilter(frozenset({Channel.LETTER}), BUSY, mine_only=True)
    assert workspace.queue.index(f) == QueueIndex(0, ())
    assert workspace.queue.page(f, 0, 50, QueueIndex(0, ())) == []


# ------------------------------------------------------------------------- my follow-ups


@pytest.fixture
def today(workspace: Workspace) -> datetime:
    """The advisor's "today" ends six hours from now, whatever the hour the tests run at."""
    now = centre_now()
    workspace.queue.day_end = lambda _now: now + timedelta(hours=6)
    return now


def test_my_follow_ups_are_those_due_today_and_the_overdue(
    workspace: Workspace, today: datetime
) -> None:
    queue = workspace.queue
    late = add_follow_up(workspace, today - timedelta(hours=26))  # yesterday's, still waiting
    just_late = add_follow_up(workspace, today - timedelta(minutes=2))
    later = add_follow_up(workspace, today + timedelta(hours=3), channel=Channel.EMAIL)
    add_follow_up(workspace, today + timedelta(hours=7))  # tomorrow
    add_follow_up(workspace, today + timedelta(hours=1), mine=False)  # a colleague's
    add_follow_up(workspace, today - timedelta(hours=1), status=ContactStatus.IN_PROGRESS)
    add_follow_up(workspace, today - timedelta(hours=2), status=ContactStatus.CLOSED)

    counts = queue.follow_up_counts()
    assert (counts.today, counts.overdue) == (3, 2)
    rows = queue.page(FOLLOW_UPS, 0, 50)
    assert [r.id for r in rows] == [late, just_late, later]  # by due time
    assert queue.count(FOLLOW_UPS) == 3 == queue.index(FOLLOW_UPS).count
    assert all(r.status == ContactStatus.QUEUED for r in rows)
    assert rows[0].follow_up_of == parent_reference(workspace, late)
    # The overdue ones have entered the queue; the later one waits outside it until its time.
    queued = {r.id for r in queue.page(QueueFilter(), 0, 1_000)}
    assert {late, just_late} <= queued and later not in queued
    # The channel chips filter them too.
    email = queue.page(QueueFilter(frozenset({Channel.EMAIL}), follow_ups=True), 0, 50)
    assert [r.id for r in email] == [later]


def test_my_follow_ups_page_by_keyset_too(
    workspace: Workspace, today: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue_module, "MIN_STEP", 3)
    made = [add_follow_up(workspace, today - timedelta(minutes=i)) for i in range(40)]
    index = workspace.queue.index(FOLLOW_UPS)
    assert index.count == 40
    everything = [r.id for r in workspace.queue.page(FOLLOW_UPS, 0, 100)]
    assert sorted(everything) == sorted(made)
    for offset in range(0, 40, 9):
        page = workspace.queue.page(FOLLOW_UPS, offset, 10, index)
        assert [r.id for r in page] == everything[offset : offset + 10]


def test_a_follow_up_planned_at_a_close_is_in_my_follow_ups(workspace: Workspace) -> None:
    queue = workspace.queue
    claimed = queue.next_contact()
    assert claimed is not None
    # The next opening time a day from now; "today" is stretched to include it.
    tomorrow = workspace.contacts.opening_hours().next_open(centre_now() + timedelta(days=1))
    assert tomorrow is not None
    queue.day_end = lambda now: tomorrow + timedelta(minutes=1)
    seeded = {row.id for row in queue.page(FOLLOW_UPS, 0, 50)}  # the demo plans some too
    result = workspace.contacts.close(
        CloseRequest(
            contact_id=claimed.contact_id,
            reason_code_id=workspace.reference.reason_codes()[0].id,
            outcome=Outcome.FOLLOW_UP,
            self_assessment=2,
            follow_up=FollowUpRequest("callback", tomorrow),
        )
    )
    [row] = [row for row in queue.page(FOLLOW_UPS, 0, 50) if row.id not in seeded]
    assert row.id == result.follow_up_id
    assert row.follow_up_of == claimed.reference
    assert row.channel == Channel.PHONE
    assert queue.follow_up_counts().today == len(seeded) + 1
    assert queue.follow_up_counts().overdue == 0
    # Today's list, as the advisor's day really ends, does not hold tomorrow's callback.
    queue.day_end = end_of_day
    assert result.follow_up_id not in {row.id for row in queue.page(FOLLOW_UPS, 0, 50)}


def test_the_day_ends_at_the_next_local_midnight() -> None:
    now = centre_now()
    end = end_of_day(now)
    local = end.astimezone()
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    assert now < end <= now + timedelta(hours=25)
    assert end.astimezone().date() == now.astimezone().date() + timedelta(days=1)


@pytest.mark.postgres
def test_my_follow_ups_reach_my_other_desk_through_a_postgresql_centre(pg_centre, tmp_path) -> None:
    login = pg_centre.add_user("advisor")
    colleague = pg_centre.add_user("advisor")
    first = pg_centre.workstation(login, tmp_path / "first")
    try:
        claimed = first.queue.next_contact()
        assert claimed is not None
        due = first.contacts.opening_hours().next_open(centre_now() + timedelta(hours=2))
        assert due is not None
        first.queue.day_end = lambda _now: due + timedelta(minutes=1)
        result = first.contacts.close(
            CloseRequest(
                contact_id=claimed.contact_id,
                reason_code_id=first.reference.reason_codes()[0].id,
                outcome=Outcome.FOLLOW_UP,
                self_assessment=1,
                follow_up=FollowUpRequest("reply", due),
            )
        )
        first.sync.cycle()
        assert [r.id for r in first.queue.page(FOLLOW_UPS, 0, 10)] == [result.follow_up_id]
    finally:
        first.close()
    second = pg_centre.workstation(login, tmp_path / "second")
    other = pg_centre.workstation(colleague, tmp_path / "colleague")
    try:
        for ws in (second, other):
            ws.queue.day_end = lambda _now: due + timedelta(minutes=1)
        [row] = second.queue.page(FOLLOW_UPS, 0, 10)
        assert row.id == result.follow_up_id and row.follow_up_of == claimed.reference
        assert row.priority == 2  # the centre's priority for a follow-up
        assert second.queue.follow_up_counts().today == 1
        assert second.queue.index(FOLLOW_UPS).count == 1
        assert other.queue.page(FOLLOW_UPS, 0, 10) == []  # not the colleague's to call back
        assert other.queue.follow_up_counts().today == 0
    finally:
        second.close()
        other.close()
