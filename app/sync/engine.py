"""One sync cycle — handshake, push, lease renewal, pull, check — and what it leaves behind.

The engine holds no thread and no timer: the interface runs ``cycle`` on a thread of its own,
the command line once. Whatever happens, the outcome is written to this workstation's database
(last success, last error, offline since), so ``relais sync --status`` can tell without the
network. The handshake opens every cycle (one SELECT): the centre may be upgraded, restored or
downgraded under a running desk, and nothing may go to a schema this program does not know.
"""

import logging
import random
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select

from app.clock import utcnow
from app.db import Database
from app.dto import Who
from app.errors import RelaisError
from app.models import OutboxOp
from app.services.queue import QueueService
from app.sync import state
from app.sync.centre import measure_clock
from app.sync.check import CheckReport, check
from app.sync.handshake import check_schema, known_revisions
from app.sync.ops import Pusher
from app.sync.pull import PullReport, pull
from app.sync.push import PushReport, push

log = logging.getLogger(__name__)

CHECK_EVERY = 30.0  # seconds between two checks of the copy when changes keep coming
TRIM_EVERY = 3600.0  # seconds between two trims of the working set (see app.sync.scope)
NOTE_SUCCESS_EVERY = 30.0  # a quiet success is written down at most this often (one fsync)
CLOCK_EVERY = 300.0  # seconds between two readings of the centre's clock


@dataclass
class CycleReport:
    pushed: PushReport
    pulled: PullReport
    renewed: int = 0
    checked: CheckReport | None = None
    seconds: float = 0.0

    @property
    def moved(self) -> bool:
        return bool(self.pushed.applied or self.pushed.refused or self.pulled.rows)


@dataclass
class SyncStatus:
    """What ``relais sync --status --json`` prints."""

    workstation: str
    centre: str
    pending: int
    refused: int
    last_success: str | None
    last_error: str | None
    offline_since: str | None
    cursor: str
    refusals: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class SyncEngine:
    def __init__(self, local: Database, central: Database, who: Who, queue: QueueService) -> None:
        self.local = local
        self.central = central
        self.who = who
        self.queue = queue
        with local.session() as s:
            self.pusher = Pusher(state.workstation_id(s), who.login, who.advisor_id)
        self._last_check = time.monotonic()  # the copy was just opened: check after a while
        self._last_trim = float("-inf")  # the first check of a session trims
        self._last_noted = 0.0
        self._clock_read = float("-inf")
        self.online: bool | None = None  # None until the first cycle says
        known_revisions()  # here, in the opening worker, not in the first cycle

    def cycle(self, force_check: bool = False) -> CycleReport:
        """Runs one sync; raises the RelaisError that stopped it (after recording it)."""
        started = time.perf_counter()
        try:
            check_schema(self.central)
            if time.monotonic() - self._clock_read >= CLOCK_EVERY:
                measure_clock(self.central)  # what the workstation reckons by the centre's time
                self._clock_read = time.monotonic()
            report = CycleReport(
                pushed=push(self.local, self.central, self.pusher), pulled=PullReport()
            )
            if report.pushed.new_identity is not None:
                self.pusher = report.pushed.new_identity
            report.renewed = self.queue.renew_leases()
            report.pulled = pull(self.local, self.central)
            due = time.monotonic() - self._last_check >= CHECK_EVERY
            if force_check or (report.moved and due):
                trim = force_check or time.monotonic() - self._last_trim >= TRIM_EVERY
                report.checked = check(self.local, self.central, trim=trim)
                self._last_check = time.monotonic()
                if trim:
                    self._last_trim = self._last_check
                if report.checked.repaired:
                    log.warning("Sync check repaired %s", report.checked.repaired)
        except RelaisError as exc:
            self.online = False
            self._record_failure(exc)
            raise
        except Exception as exc:  # a bug: said where --status looks, then raised as it was
            self._record_failure(exc)
            raise
        report.seconds = time.perf_counter() - started
        was_offline = self.online is not True
        self.online = True
        if was_offline or report.moved or time.monotonic() - self._last_noted >= NOTE_SUCCESS_EVERY:
            self._record_success()
        return report

    def _record_success(self) -> None:
        self._last_noted = time.monotonic()
        with self.local.session() as s:
            state.put(s, "last_success", utcnow().isoformat())
            state.put(s, "offline_since", None)

    def _record_failure(self, exc: Exception) -> None:
        if isinstance(exc, RelaisError):
            text = exc.text()
            log.info("Sync failed: %s", text)
        else:  # the traceback goes to the log where the caller catches it
            text = f"unexpected error: {type(exc).__name__} (see the log)"
        try:
            with self.local.session() as s:
                state.put(s, "last_error", f"{utcnow().isoformat()} {text}")
                if isinstance(exc, RelaisError) and state.get(s, "offline_since") is None:
                    state.put(s, "offline_since", utcnow().isoformat())
        except RelaisError as local_problem:  # a full disk: the original error still counts
            log.warning("Could not note the sync failure: %s", local_problem.text())

    def status(self) -> SyncStatus:
        return read_status(self.local, self.central.describe())


def read_status(local: Database, centre: str) -> SyncStatus:
    with local.session() as s:
        counts = state.outbox_counts(s)
        refusals = [
            {"seq": o.seq, "table": o.table_name, "row": str(o.row_id), "reason": o.error}
            for o in s.scalars(
                select(OutboxOp).where(OutboxOp.state == "refused").order_by(OutboxOp.seq)
            )
        ]
        return SyncStatus(
            workstation=str(state.workstation_id(s)),
            centre=centre,
            pending=counts.get("pending", 0),
            refused=counts.get("refused", 0),
            last_success=state.get(s, "last_success"),
            last_error=state.get(s, "last_error"),
            offline_since=state.get(s, "offline_since"),
            cursor=state.get(s, "cursor") or "0:0",
            refusals=refusals,
        )


def backoff(failures: int, base: float = 1.0, ceiling: float = 30.0) -> float:
    """Seconds before the next attempt after ``failures`` failures in a row: doubling, capped,
    with jitter so workstations cut off together do not all come back in the same second."""
    if failures <= 0:
        return 0.0
    delay = min(ceiling, base * 2 ** (failures - 1))
    return delay * random.uniform(0.75, 1.0)
