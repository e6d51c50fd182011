"""Helpers shared by tests: data sets too large for the demo, built directly in SQL (tests may
use SQLAlchemy; the interface never does)."""

import random
import time
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QTimer
from sqlalchemy import insert

from app.ids import new_id, short_reference
from app.models import Channel, Contact, ContactStatus
from app.workspace import Workspace


def add_queued_contacts(ws: Workspace, n: int, seed: int = 7) -> None:
    """Bulk insert in chunks, so building the data set does not raise the peak RSS much."""
    rnd = random.Random(seed)
    now = datetime.now(UTC)
    channels = list(Channel)
    with ws.local.engine.begin() as conn:
        for start in range(0, n, 5_000):
            rows = []
            for i in range(start, min(n, start + 5_000)):
                ident = new_id()
                received = now - timedelta(seconds=rnd.randint(60, 3 * 86_400))
                rows.append(
                    {
                        "id": ident,
                        "reference": short_reference(ident),
                        "channel": channels[i % len(channels)],
                        "status": ContactStatus.QUEUED,
                        "sender_display": f"client{i}@example.org",
                        "subject": f"Demande de retrait numéro {i}",
                        "preview": "Bonjour, je n'ai pas reçu mon virement.",
                        "priority": rnd.choice((0, 1, 1, 1, 2, 3)),
                        "received_at": received,
                        "due_at": received + timedelta(hours=rnd.choice((1, 4, 24, 48))),
                        "team_id": ws.who.team_id,
                    }
                )
            conn.execute(insert(Contact), rows)


class StallMonitor:
    """Ticks every 5 ms on the GUI thread and remembers the longest gap between ticks."""

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


class SecondContactAnswers:
    """Answers the desk's "take another contact?" question without a modal loop, and records
    the references it was asked about."""

    def __init__(self) -> None:
        self.take_another = True
        self.asked: list[str] = []

    def __call__(self, _parent: object, working_on: str) -> bool:
        self.asked.append(working_on)
        return self.take_another
