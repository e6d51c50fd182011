"""Benchmark: ingestion (issue 11) — 10,000 e-mails and 10,000 webhook events handed to a centre
through the connectors' own code, beside the standard library's parse and raw SQL inserts of
the same rows in the same run.

Run with ``pytest -m benchmark -s tests/benchmarks/test_ingest_bench.py``; with
``RELAIS_TEST_PG`` for the PostgreSQL centre (the embedded one runs without). Each centre is
seeded with 10,000 customers, whose e-mail addresses 60 % of the mails come from.

* Relais, e-mails: what ``app.connectors.imap`` does with each batch of 25 mails it fetched —
  ``imap.hand``: ``app.ingest.mail.parse`` (sanitised HTML, attachments within the limits) then
  ``app.ingest.receive.receive_many``, one call of the centre's ``relais_receive`` per mail as a
  connector login, the batch in one transaction (on the embedded centre,
  ``app.sync.apply_receive``), committed before the mails would be marked on the server.
* Relais, webhooks: what ``app.connectors.webhooks.Handover`` does with each kept request —
  ``app.ingest.webhook.parse`` then ``receive_all`` (its messages in one transaction).
* Baseline: ``ingest_bench_data`` — ``email.message_from_bytes`` / ``json.loads``, the fields
  read, and for each event a contact, a message and a key written into scratch tables with the
  customer looked up by identity, 500 events a commit, as the centre's owner.

Both sides run after a warm-up (``warm``: 500 of each stored, then ANALYZE, as on a centre in
service). The target is a ratio ≤ 3× (time per event, Relais over baseline).
``RELAIS_BENCH_INGEST=N``
runs N of each instead of 10,000; ``RELAIS_BENCH_PROFILE=1`` prints cProfile's costliest
functions of each Relais run.
"""

import cProfile
import io
import os
import pstats
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import ingest_bench_data as data
import pytest
from centres import EmbeddedCentre, PostgresCentre, as_connector, owner
from pgcentre import PgCentre
from sqlalchemy import func, select
from sync_bench_data import libpq

from app.connectors import imap
from app.db import Database
from app.enums import IdentityKind
from app.errors import InputError
from app.ingest import mail, webhook
from app.ingest.attachments import Limits
from app.ingest.receive import receive_all
from app.models import ChannelKey, CustomerIdentity

pytestmark = [pytest.mark.benchmark]

EVENTS = int(os.environ.get("RELAIS_BENCH_INGEST", "10000"))
CUSTOMERS = 10_000
BATCH = 500
TARGET = 3.0


@dataclass
class Report:
    rows: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)

    def add(self, *cells: str) -> None:
        self.rows.append(cells)
        print("\n" + render([cells]), flush=True)


HEADER = ("run", "events", "seconds", "events/s", "baseline s", "baseline/s", "ratio", "")
WIDTHS = (34, 8, 9, 10, 11, 11, 8, 8)


def render(rows: list[tuple[str, ...]]) -> str:
    return "\n".join(
        f"{r[0]:<{WIDTHS[0]}}"
        + "".join(f"{c:>{w}}" for c, w in zip(r[1:], WIDTHS[1:], strict=True))
        for r in rows
    )


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    table = Report()
    yield table
    width = sum(WIDTHS)
    print("\n" + "=" * width)
    print(
        f"Ingestion benchmark on {os.cpu_count()} CPUs (a machine shared with other work), load "
        f"average (1 min) as each run ended: {', '.join(table.loads)}; ratio = Relais time per "
        f"event / baseline time per event, target ≤ {TARGET:.0f}×"
    )
    print(render([HEADER]))
    print("-" * width)
    print(render(table.rows))
    for note in table.notes:
        print("  " + note)
    print("=" * width)


@pytest.fixture(scope="module", params=["postgres", "sqlite"])
def centre(request, tmp_path_factory) -> Iterator[PgCentre | EmbeddedCentre]:
    if request.param == "postgres":
        from centres import server_url

        made: PgCentre | EmbeddedCentre = PostgresCentre(server_url()).create(CUSTOMERS, 1000, 50)
    else:
        made = EmbeddedCentre(tmp_path_factory.mktemp("centre")).create(CUSTOMERS, 1000, 50)
    yield made
    made.drop()


@pytest.fixture(scope="module")
def connector(centre) -> Iterator[Database]:
    db = as_connector(centre)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def traffic(centre) -> data.Traffic:
    truth = owner(centre)
    try:
        with truth.session() as s:
            emails = list(
                s.scalars(
                    select(CustomerIdentity.value)
                    .where(CustomerIdentity.kind == IdentityKind.EMAIL)
                    .order_by(CustomerIdentity.value)
                    .limit(3000)
                )
            )
    finally:
        truth.dispose()
    return data.traffic(emails, EVENTS, EVENTS)


WARM_UP = 500


@pytest.fixture(scope="module")
def warm(centre, connector, traffic) -> None:
    """The centre as it runs: some arrivals already stored (other senders, other ids), then its
    planner's statistics taken, as autovacuum takes them on a centre in service. A brand-new
    centre's statistics say its channel_key table is empty, and relais_receive's look-up of the
    thread a message answers then reads every key of the channel, its cost growing with each
    message stored until the table is analysed (measured: 0.73 ms a mail for the first 1,000 of
    a new centre, 1.14 ms for the 5th thousand, 0.65 ms once analysed)."""
    more = data.traffic([], WARM_UP, WARM_UP, seed=99)
    for batch in _batches(more.mails, imap.BATCH):
        imap.hand(connector, batch, data.TEAM, Limits())
    for platform, raw in more.requests:
        receive_all(connector, webhook.parse(platform, raw, data.TEAM))
    truth = owner(centre)
    try:
        with truth.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    finally:
        truth.dispose()


def _profiled(run, label: str):
    """``run()`` timed, under cProfile when RELAIS_BENCH_PROFILE is set."""
    profile = cProfile.Profile() if os.environ.get("RELAIS_BENCH_PROFILE") else None
    started = time.perf_counter()
    if profile is not None:
        profile.enable()
    result = run()
    if profile is not None:
        profile.disable()
    seconds = time.perf_counter() - started
    if profile is not None:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(35)
        print(f"\n--- profile: {label}\n{out.getvalue()}")
    return seconds, result


def _stored_keys(centre, channels: tuple[str, ...]) -> int:
    truth = owner(centre)
    try:
        with truth.session() as s:
            return int(
                s.scalar(
                    select(func.count())
                    .select_from(ChannelKey)
                    .where(ChannelKey.channel.in_(channels))
                )
                or 0
            )
    finally:
        truth.dispose()


def _baseline(centre, rows_of: Iterator[list[data.Row]]) -> float:
    """The baseline's rows parsed and written; its seconds."""
    if centre.kind == "postgres":
        url = libpq(centre.url)
        data.make_pg_tables(url)
        write = data.raw_postgres(url)
    else:
        path = str(Path(centre.folder) / "central.sqlite3")
        data.make_sqlite_tables(path)
        write = data.raw_sqlite(path)
    started = time.perf_counter()
    write(rows_of)
    return time.perf_counter() - started


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _row(report: Report, label: str, events: int, relais: float, raw: float) -> bool:
    ratio = relais / raw
    met = ratio <= TARGET
    report.add(
        label,
        f"{events:,}",
        f"{relais:.2f}",
        f"{events / relais:,.0f}",
        f"{raw:.2f}",
        f"{events / raw:,.0f}",
        f"{ratio:.2f}×",
        "met" if met else "MISSED",
    )
    report.loads.append(f"{os.getloadavg()[0]:.1f}")
    return met


def test_ingest_mails(centre, connector, traffic, warm, report) -> None:
    limits = Limits()

    def relais() -> Counter:
        outcomes: Counter = Counter()
        for batch in _batches(traffic.mails, imap.BATCH):  # as the mailbox fetches them
            for answer in imap.hand(connector, batch, data.TEAM, limits):
                assert not isinstance(answer, InputError)
                outcomes[answer.outcome] += 1
        return outcomes

    before = _stored_keys(centre, ("email",))
    seconds, outcomes = _profiled(relais, f"{EVENTS:,} e-mails, {centre.kind}")
    stored = _stored_keys(centre, ("email",)) - before
    assert sum(outcomes.values()) == len(traffic.mails)
    assert stored == len(traffic.mails) - outcomes["ignored"] - outcomes["duplicate"]

    def parsed() -> Iterator[list[data.Row]]:
        for batch in _batches(traffic.mails, BATCH):
            yield [data.bare_mail(raw) for raw in batch]

    raw = _baseline(centre, parsed())
    parse_relais = _time(
        lambda: [mail.parse(r, team=data.TEAM, limits=limits) for r in traffic.mails]
    )
    parse_bare = _time(lambda: [data.bare_mail(r) for r in traffic.mails])
    met = _row(report, f"e-mails, {centre.kind}", len(traffic.mails), seconds, raw)
    report.notes.append(
        f"e-mails, {centre.kind}: {dict(sorted((str(k), v) for k, v in outcomes.items()))}; "
        f"parsing alone: Relais {parse_relais:.2f} s, standard library {parse_bare:.2f} s"
    )
    assert met, f"ingesting e-mails took {seconds / raw:.1f}× the baseline"


def test_ingest_webhooks(centre, connector, traffic, warm, report) -> None:
    def relais() -> Counter:
        outcomes: Counter = Counter()
        for platform, raw in traffic.requests:
            handed = receive_all(connector, webhook.parse(platform, raw, data.TEAM))
            assert not handed.refused
            outcomes.update(r.outcome for r in handed.received)
        return outcomes

    chats = ("facebook", "instagram", "whatsapp", "x")
    before = _stored_keys(centre, chats)
    seconds, outcomes = _profiled(relais, f"{traffic.events:,} webhook events, {centre.kind}")
    stored = _stored_keys(centre, chats) - before
    assert sum(outcomes.values()) == traffic.events
    assert stored == traffic.events - outcomes["duplicate"]

    def parsed() -> Iterator[list[data.Row]]:
        batch: list[data.Row] = []
        for platform, raw in traffic.requests:
            batch += data.bare_request(platform, raw)
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    raw = _baseline(centre, parsed())
    parse_relais = _time(lambda: [webhook.parse(p, r, data.TEAM) for p, r in traffic.requests])
    parse_bare = _time(lambda: [data.bare_request(p, r) for p, r in traffic.requests])
    met = _row(report, f"webhook events, {centre.kind}", traffic.events, seconds, raw)
    report.notes.append(
        f"webhooks, {centre.kind}: {len(traffic.requests):,} requests, "
        f"{dict(sorted((str(k), v) for k, v in outcomes.items()))}; parsing alone: Relais "
        f"{parse_relais:.2f} s, standard library {parse_bare:.2f} s"
    )
    assert met, f"ingesting webhook events took {seconds / raw:.1f}× the baseline"


def _time(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started
