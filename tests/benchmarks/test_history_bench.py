"""How fast a customer with 2,000 past contacts appears, against bare Qt and raw SQL.

Run with ``pytest -m benchmark tests/benchmarks/test_history_bench.py``. Each figure is the
median of several runs and is printed beside the limit measured in the same run:

* history shown: from ``CustomerPanel.show_customer()`` to the end of the first paint of the
  timeline with rows (two reads in workers, the model, the layout, the paint) — against a bare
  ``QStandardItemModel`` + ``QTableView`` filled on the GUI thread with the same 2,000 rows of
  strings and painted once;
* the service query ``CustomerService.history`` alone — against one raw SQL statement returning
  the same columns;
* the longest stall of the GUI thread while the panel loads (a 5 ms timer's largest gap).

Targets: history shown within 100 ms; no stall over 50 ms.
"""

import random
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select, text

from app.ids import new_id, short_reference
from app.models import (
    Advisor,
    Channel,
    Contact,
    ContactStatus,
    Customer,
    CustomerIdentity,
    Direction,
    IdentityKind,
    Outcome,
    SurveyAnswer,
    WrapUp,
)
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.customer_panel import CustomerPanel
from ui.desk.history_model import HistoryModel

pytestmark = [pytest.mark.benchmark, pytest.mark.usefixtures("as_the_program_runs")]

CONTACTS = 2_000
RUNS = 7
TARGET_SHOWN_MS = 100.0
TARGET_STALL_MS = 50.0

RAW_HISTORY = """
SELECT c.id, c.reference, c.received_at, c.channel, c.status,
       COALESCE(NULLIF(c.subject, ''), c.preview),
       r.label_en, r.label_fr, w.outcome, w.self_assessment, s.csat, a.display_name
FROM contact c
LEFT JOIN advisor a ON a.id = c.assigned_to
LEFT JOIN wrap_up w ON w.id = (
    SELECT w2.id FROM wrap_up w2 WHERE w2.contact_id = c.id
    ORDER BY w2.created_at DESC LIMIT 1)
LEFT JOIN reason_code r ON r.id = w.reason_code_id
LEFT JOIN survey_answer s ON s.id = (
    SELECT s2.id FROM survey_answer s2 WHERE s2.contact_id = c.id
    ORDER BY s2.answered_at DESC LIMIT 1)
WHERE c.customer_id = :customer
ORDER BY c.received_at DESC
"""


@pytest.fixture
def runner(qapp: object) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


def add_long_history(ws: Workspace, contacts: int = CONTACTS) -> uuid.UUID:
    """A customer with ``contacts`` past contacts (wrap-ups on the closed ones, a survey answer
    on about one in twelve), written with SQLAlchemy core straight into the workstation copy."""
    rng = random.Random(2_000)
    now = datetime.now(UTC)
    codes = [c.id for c in ws.reference.reason_codes()]
    with ws.local.engine.begin() as conn:
        advisors = list(conn.execute(select(Advisor.id)).scalars())
        customer_id = new_id()
        conn.execute(
            insert(Customer),
            [
                {
                    "id": customer_id,
                    "first_name": "Bérénice",
                    "last_name": "Longuehistoire",
                    "language": "fr",
                    "segment": "vip",
                    "tags": ["high_roller", "deposit_limit"],
                    "account_number": "FR-99000001",
                    "created_at": now - timedelta(days=1_500),
                    "updated_at": now,
                }
            ],
        )
        conn.execute(
            insert(CustomerIdentity),
            [
                {
                    "id": new_id(),
                    "customer_id": customer_id,
                    "kind": IdentityKind.EMAIL,
                    "value": "berenice.lh@example.com",
                    "display": "berenice.lh@example.com",
                    "created_at": now,
                },
                {
                    "id": new_id(),
                    "customer_id": customer_id,
                    "kind": IdentityKind.PHONE,
                    "value": "+33639980001",
                    "display": "06 39 98 00 01",
                    "created_at": now,
                },
            ],
        )
        rows, wraps, surveys = [], [], []
        for n in range(contacts):
            cid = new_id()
            received = now - timedelta(hours=3 + n * 17, minutes=rng.randrange(60))
            rows.append(
                {
                    "id": cid,
                    "reference": short_reference(cid),
                    "channel": rng.choice(list(Channel)),
                    "direction": Direction.INBOUND,
                    "status": ContactStatus.CLOSED,
                    "customer_id": customer_id,
                    "sender_display": "Bérénice Longuehistoire",
                    "sender_address": "berenice.lh@example.com",
                    "subject": f"Demande n° {n}: retrait, bonus ou pari",
                    "preview": "",
                    "language": "fr",
                    "priority": 1,
                    "received_at": received,
                    "due_at": received + timedelta(hours=4),
                    "assigned_to": rng.choice(advisors),
                    "closed_at": received + timedelta(minutes=25),
                }
            )
            assessment = rng.choice((1, 2, 3, 3, 3, 4, 4))
            wraps.append(
                {
                    "id": new_id(),
                    "contact_id": cid,
                    "advisor_id": rng.choice(advisors),
                    "reason_code_id": rng.choice(codes),
                    "outcome": rng.choice(list(Outcome)),
                    "self_assessment": assessment,
                    "created_at": received + timedelta(minutes=25),
                }
            )
            if rng.random() < 1 / 12:
                surveys.append(
                    {
                        "id": new_id(),
                        "contact_id": cid,
                        "csat": rng.choice((1, 2, 3, 4)),
                        "answered_at": received + timedelta(days=1),
                    }
                )
        conn.execute(insert(Contact), rows)
        conn.execute(insert(WrapUp), wraps)
        conn.execute(insert(SurveyAnswer), surveys)
    return customer_id


class FirstPaint(QObject):
    """Notes when the first paint of a view with rows has finished (the next turn of the event
    loop after the paint event), then stops listening."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self.done_at: float | None = None
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and self.done_at is None
            and (model := self._view.model()) is not None
            and model.rowCount() > 0
        ):
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        if self.done_at is None:
            self.done_at = time.perf_counter()


class StallMeter(QObject):
    """A 5 ms timer on the GUI thread; the largest gap between two ticks is the worst stall."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.worst_ms = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.worst_ms = 0.0
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.worst_ms

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000)
        self._last = now


def as_strings(model: HistoryModel) -> list[list[str]]:
    return [
        [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def bare_table_ms(qtbot: QtBot, rows: list[list[str]], size: tuple[int, int]) -> float:
    """The limit: a QStandardItemModel filled with the strings and shown in a plain view."""
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    meter = FirstPaint(view)
    started = time.perf_counter()
    model = QStandardItemModel(len(rows), len(rows[0]), view)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            model.setItem(r, c, QStandardItem(value))
    view.setModel(model)
    qtbot.waitUntil(lambda: meter.done_at is not None, timeout=10_000)
    assert meter.done_at is not None
    view.close()
    return (meter.done_at - started) * 1000


def panel_ms(
    qtbot: QtBot, panel: CustomerPanel, customer_id: uuid.UUID, stalls: StallMeter
) -> tuple[float, float]:
    panel.clear()
    qtbot.wait(30)
    meter = FirstPaint(panel.table)
    stalls.start()
    started = time.perf_counter()
    panel.show_customer(customer_id)
    qtbot.waitUntil(lambda: meter.done_at is not None, timeout=10_000)
    qtbot.waitUntil(lambda: panel.profile() is not None, timeout=10_000)
    qtbot.wait(50)  # the card's layout after the profile, still under the stall meter
    worst = stalls.stop()
    meter.deleteLater()
    assert meter.done_at is not None
    assert panel.model.rowCount() == CONTACTS
    return (meter.done_at - started) * 1000, worst


def timed_ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def test_a_customer_with_2000_contacts_appears_fast(
    qtbot: QtBot,
    runner: Runner,
    workspace: Workspace,
    capsys: pytest.CaptureFixture[str],
) -> None:
    customer_id = add_long_history(workspace)
    ws = workspace

    def raw_sql() -> list[object]:
        with ws.local.engine.connect() as conn:
            return list(conn.execute(text(RAW_HISTORY), {"customer": customer_id.hex}).all())

    assert len(raw_sql()) == CONTACTS
    raw = [timed_ms(raw_sql) for _ in range(RUNS)]
    service = [timed_ms(lambda: ws.customers.history(customer_id)) for _ in range(RUNS)]
    profile = [timed_ms(lambda: ws.customers.profile(customer_id)) for _ in range(RUNS)]

    panel = CustomerPanel(runner, ws.customers, ws.contacts)
    qtbot.addWidget(panel)
    size = (560, 820)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    stalls = StallMeter()
    shown, worst = [], []
    for _ in range(RUNS):
        ms, stall = panel_ms(qtbot, panel, customer_id, stalls)
        shown.append(ms)
        worst.append(stall)
    strings = as_strings(panel.model)
    bare = [bare_table_ms(qtbot, strings, size) for _ in range(RUNS)]
    idle = StallMeter()
    idle.start()
    qtbot.wait(300)
    idle_stall = idle.stop()

    med = statistics.median
    lines = [
        "",
        f"Customer history, {CONTACTS} contacts (median of {RUNS} runs; ratio = measure / limit)",
        f"{'measure':44} {'ms':>8} {'limit':>30} {'ms':>8} {'ratio':>6}",
        row(
            "history shown (show_customer → first paint)",
            med(shown),
            "bare QStandardItemModel",
            med(bare),
        ),
        row("CustomerService.history()", med(service), "raw SQL, same columns", med(raw)),
        row("CustomerService.profile()", med(profile), "—", None),
        row(
            "worst GUI stall while loading (max)",
            max(worst),
            "idle event loop (5 ms timer)",
            idle_stall,
        ),
        row("history shown vs target", med(shown), "target", TARGET_SHOWN_MS),
        row("worst GUI stall vs target", max(worst), "target", TARGET_STALL_MS),
    ]
    with capsys.disabled():
        print("\n".join(lines))

    assert med(shown) <= TARGET_SHOWN_MS, f"history shown in {med(shown):.0f} ms"
    assert max(worst) <= TARGET_STALL_MS, f"GUI thread stalled {max(worst):.0f} ms"


def row(name: str, ms: float, limit_name: str, limit_ms: float | None) -> str:
    if limit_ms is None:
        return f"{name:44} {ms:8.1f} {limit_name:>30} {'':>8} {'':>6}"
    return f"{name:44} {ms:8.1f} {limit_name:>30} {limit_ms:8.1f} {ms / limit_ms:6.2f}"
