"""Data, raw baselines and claim workers for the sync benchmark (test_sync_bench.py).

Kept apart from the test module for one reason: the claim workers run in processes of their own
(spawned, one per desk, as twenty workstations would be), and a spawned process imports the
module holding its target. This one imports neither pytest nor Qt.
"""

import json
import multiprocessing as mp
import random
import sqlite3
import statistics
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import make_url

from app.clock import utcnow
from app.connection import Profile, open_connected
from app.ids import new_id
from app.models import Contact, ContactAssignment, Note
from app.outbox import record_insert
from app.seed import catalogue as cat
from app.sync import stored
from app.text import name_key
from app.workspace import Workspace

# ------------------------------------------------------------------------------ connections


def libpq(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+psycopg://…``) as psycopg itself takes it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95 for p95) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


# ------------------------------------------------------------------------------------- push

NOTE_COLUMNS = ("id", "contact_id", "advisor_id", "body", "during_call", "created_at")
RAW_NOTE_INSERT = (
    f"INSERT INTO note ({', '.join(NOTE_COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s) "
    "ON CONFLICT DO NOTHING"
)


def write_outbox_notes(ws: Workspace, contact_id: uuid.UUID, n: int, chunk: int = 1_000) -> None:
    """``n`` notes on ``contact_id``, written as ``ContactService.add_note`` writes one (the
    row and its outbox operation through ``app.outbox.record_insert``), ``chunk`` per local
    transaction instead of one each: only the set-up is faster, the outbox is the same."""
    for start in range(0, n, chunk):
        with ws.local.session() as s:
            for i in range(start, min(n, start + chunk)):
                note = Note(
                    id=new_id(),
                    contact_id=contact_id,
                    advisor_id=ws.who.advisor_id,
                    body=f"Note {i}: client rappelé, virement confirmé, dossier à surveiller.",
                    during_call=False,
                    created_at=utcnow(),
                )
                record_insert(s, note)


def note_rows_from_payloads(payloads: Iterable[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The notes the outbox carries, as typed Python tuples with fresh ids: what a raw
    ``executemany`` inserts beside them in the same table."""
    return [
        (
            new_id(),
            uuid.UUID(p["values"]["contact_id"]),
            uuid.UUID(p["values"]["advisor_id"]),
            p["values"]["body"],
            p["values"]["during_call"],
            datetime.fromisoformat(p["values"]["created_at"]),
        )
        for p in payloads
    ]


def raw_insert_notes(url: str, rows: list[tuple[Any, ...]], batch: int) -> float:
    """Seconds for psycopg ``executemany`` of ``rows`` into ``note``, one commit per
    ``batch`` rows (the push's own batch), over a connection opened beforehand."""
    with psycopg.connect(libpq(url)) as conn:
        conn.execute("SELECT 1")
        conn.commit()
        started = time.perf_counter()
        for start in range(0, len(rows), batch):
            with conn.cursor() as cur:
                cur.executemany(RAW_NOTE_INSERT, rows[start : start + batch])
            conn.commit()
        return time.perf_counter() - started


# ------------------------------------------------------------------------------------- pull

CUSTOMER_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "language",
    "segment",
    "tags",
    "postal_address",
    "account_number",
    "created_at",
    "updated_at",
    "version",
    "last_key",
    "first_key",
)


def new_customer_rows(n: int, seed: int = 11) -> list[tuple[Any, ...]]:
    """``n`` fictional customers, in ``CUSTOMER_COLUMNS`` order, ready for COPY."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    rows = []
    for i in range(n):
        en = rng.random() < 0.25
        first = rng.choice(cat.FIRST_NAMES_EN if en else cat.FIRST_NAMES_FR)
        last = rng.choice(cat.LAST_NAMES_EN if en else cat.LAST_NAMES_FR)
        created = now - timedelta(days=rng.uniform(1, 1800))
        rows.append(
            (
                new_id(),
                first,
                last,
                "en" if en else "fr",
                rng.choice(("standard", "standard", "premium", "new")),
                json.dumps(["newsletter"] if rng.random() < 0.3 else []),
                f"{i % 140 + 1} rue des Tilleuls, 69003 Lyon",
                f"B{i:08d}",
                created,
                created,
                1,
                name_key(last),
                name_key(first),
            )
        )
    return rows


def copy_customers(url: str, rows: list[tuple[Any, ...]]) -> None:
    """Inserts ``rows`` on the centre in one COPY (an import by the centre's owner); the
    statement trigger logs one change per row, all in one transaction."""
    with psycopg.connect(libpq(url)) as conn, conn.cursor() as cur:
        with cur.copy(f"COPY customer ({', '.join(CUSTOMER_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        conn.commit()


def sqlite_rows(path: Path, table: str, ids: list[uuid.UUID]) -> tuple[list[str], list[tuple]]:
    """The rows of ``table`` with ``ids`` exactly as a workstation's file stores them (column
    names, values), read back with sqlite3; and the statements that created the table."""
    conn = sqlite3.connect(path)
    try:
        ddl = [
            sql
            for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
                "ORDER BY type = 'index'",
                (table,),
            )
        ]
        conn.execute("CREATE TEMP TABLE wanted (id TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO wanted VALUES (?)", [(i.hex,) for i in ids])
        cursor = conn.execute(f"SELECT t.* FROM {table} t JOIN wanted w ON w.id = t.id")
        rows = cursor.fetchall()
        return ddl, rows
    finally:
        conn.close()


def raw_sqlite_insert(path: Path, ddl: list[str], rows: list[tuple], page: int) -> float:
    """Seconds for sqlite3 ``executemany`` of ``rows`` into an empty table made by ``ddl``
    (same columns, same indexes), in the workstation's mode (WAL, ``synchronous=FULL``), one
    commit per ``page`` rows as the pull commits."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        for statement in ddl:
            conn.execute(statement)
        marks = ", ".join("?" * len(rows[0]))
        insert = f"INSERT INTO customer VALUES ({marks})"
        started = time.perf_counter()
        for start in range(0, len(rows), page):
            conn.execute("BEGIN")
            conn.executemany(insert, rows[start : start + page])
            conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


def raw_fetch_and_insert(
    url: str, path: Path, ddl: list[str], ids: list[uuid.UUID], page: int
) -> float:
    """Seconds for a hand-written puller with no rules: psycopg fetches the rows by id (1,000
    ids per SELECT, as the pull does), converts them to SQLite's storage format and inserts
    them with sqlite3, one commit per ``page`` ids. What the pull's overhead compares with."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        for statement in ddl:
            conn.execute(statement)
        insert = (
            f"INSERT INTO customer ({', '.join(CUSTOMER_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(CUSTOMER_COLUMNS))})"
        )
        select = f"SELECT {', '.join(CUSTOMER_COLUMNS)} FROM customer WHERE id = ANY(%s)"
        with psycopg.connect(libpq(url)) as pg:
            pg.execute("SELECT 1")
            started = time.perf_counter()
            for start in range(0, len(ids), page):
                rows: list[tuple] = []
                for sub in range(start, min(len(ids), start + page), 1_000):
                    chunk = ids[sub : min(sub + 1_000, start + page)]
                    rows.extend(pg.execute(select, (chunk,)).fetchall())
                pg.rollback()
                conn.execute("BEGIN")
                conn.executemany(insert, ([_sqlite_value(v) for v in r] for r in rows))
                conn.execute("COMMIT")
            return time.perf_counter() - started
    finally:
        conn.close()


# ----------------------------------------------------------------------------------- claims


@dataclass
class Desk:
    """One worker's share of a claim run."""

    login: str
    claims: int = 0
    started: float = 0.0
    ended: float = 0.0
    latencies: list[float] = field(default_factory=list)
    cpu: float = 0.0  # seconds of this process's own CPU while claiming
    error: str = ""


@dataclass
class ClaimRun:
    desks: list[Desk]

    @property
    def claims(self) -> int:
        return sum(d.claims for d in self.desks)

    @property
    def seconds(self) -> float:
        return max(d.ended for d in self.desks) - min(d.started for d in self.desks)

    @property
    def rate(self) -> float:
        return self.claims / self.seconds if self.seconds > 0 else 0.0

    def latency_ms(self, share: float) -> float:
        every = [x for d in self.desks for x in d.latencies]
        return percentile(every, share) * 1000 if every else 0.0

    @property
    def median_ms(self) -> float:
        every = [x for d in self.desks for x in d.latencies]
        return statistics.median(every) * 1000 if every else 0.0

    @property
    def cpu_ms_per_claim(self) -> float:
        """The desks' own CPU per claim: what twenty desks sharing the machine's cores cost
        besides the server."""
        return sum(d.cpu for d in self.desks) / self.claims * 1000 if self.claims else 0.0

    @property
    def errors(self) -> list[str]:
        return [f"{d.login}: {d.error}" for d in self.desks if d.error]


def relais_desk(centre: str, login: str, folder: str, ready: Any, go: Any, out: Any) -> None:
    """A workstation (its own login, its own copy) claiming through ``queue.next_contact()``
    until the queue is empty. Opens its copy first, then waits for every desk to be ready."""
    desk = Desk(login)
    ws = None
    try:
        ws = open_connected(Profile(centre, login), login, Path(folder))
        ready.put(login)
        go.wait()
        desk.started = time.monotonic()
        cpu = time.process_time()
        while True:
            before = time.monotonic()
            claimed = ws.queue.next_contact()
            after = time.monotonic()
            if claimed is None:
                break
            desk.claims += 1
            desk.latencies.append(after - before)
        desk.ended = time.monotonic()
        desk.cpu = time.process_time() - cpu
    except BaseException as exc:  # reported to the parent, which fails the test
        desk.error = f"{type(exc).__name__}: {exc}"
        ready.put(login)
    finally:
        if ws is not None:
            ws.close()
        out.put(desk)


# The claim as one bare statement, without the centre's rules around it (who is asking, the
# lapsed leases, the previous holder's assignment): what a claim costs the server at the least.
RAW_CLAIM = """WITH c AS (
  UPDATE contact SET status = 'in_progress', assigned_to = %(me)s, claim_token = %(token)s,
         lease_until = now() + interval '15 minutes', version = version + 1
  WHERE id = (SELECT id FROM contact WHERE status = 'queued' AND received_at <= now()
              ORDER BY priority DESC, due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING *),
a AS (
  INSERT INTO contact_assignment (id, contact_id, advisor_id, started_at)
  SELECT %(assignment)s, id, assigned_to, now() FROM c
  RETURNING *)
SELECT {contact}, {assignment} FROM c JOIN a ON a.contact_id = c.id"""


def raw_desk(conninfo: str, login: str, advisor_id: str, ready: Any, go: Any, out: Any) -> None:
    """The claim as one bare statement in a loop (RAW_CLAIM), as the centre's owner (a user may
    no longer write the table): no function, no SQLAlchemy, no mirror into a copy."""
    desk = Desk(login)
    claim = RAW_CLAIM.format(
        contact=stored.pg_columns(Contact.__table__, "c."),  # type: ignore[arg-type]
        assignment=stored.pg_columns(ContactAssignment.__table__, "a."),  # type: ignore[arg-type]
    )
    try:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute("SELECT 1")
            ready.put(login)
            go.wait()
            desk.started = time.monotonic()
            cpu = time.process_time()
            while True:
                before = time.monotonic()
                params = {"me": advisor_id, "token": uuid.uuid4(), "assignment": uuid.uuid4()}
                row = conn.execute(claim, params).fetchone()
                after = time.monotonic()
                if row is None:
                    break
                desk.claims += 1
                desk.latencies.append(after - before)
            desk.ended = time.monotonic()
            desk.cpu = time.process_time() - cpu
    except BaseException as exc:
        desk.error = f"{type(exc).__name__}: {exc}"
        ready.put(login)
    finally:
        out.put(desk)


def run_desks(target: Any, args: list[tuple[Any, ...]], timeout: float = 600) -> ClaimRun:
    """Starts one spawned process per ``args`` (each ends with ``ready, go, out``), waits until
    all are ready, releases them together and collects what each desk did."""
    ctx = mp.get_context("spawn")
    ready, out, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=target, args=(*a, ready, go, out)) for a in args]
    for p in procs:
        p.start()
    try:
        for _ in procs:
            ready.get(timeout=timeout)
        go.set()
        desks = [out.get(timeout=timeout) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.terminate()
    return ClaimRun(desks)
