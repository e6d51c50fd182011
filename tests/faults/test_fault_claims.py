"""Fault run (a): twenty workstation processes claiming from one queue of 5,000 contacts.

Threads in one process share one interpreter and one connection pool per workstation; real
workstations are separate processes with their own copy and their own login, racing on the
centre's FOR UPDATE SKIP LOCKED. Every contact must go to exactly one of them, and the centre's
own records (the contact and its assignment) must say the same as what the workstations got.
"""

import json
import multiprocessing
import random
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fault_workers import claim_until_empty
from pgcentre import PgCentre
from sqlalchemy import Engine, create_engine, insert, select, text

from app.ids import new_id, short_reference
from app.models import Channel, Contact, ContactAssignment, ContactStatus

pytestmark = [pytest.mark.fault, pytest.mark.postgres]

WORKERS = 20
CONTACTS = 5_000


def _queue_contacts(engine: Engine, n: int) -> set[uuid.UUID]:
    """Bulk-inserts ``n`` queued, due contacts as the owner (no team: everybody may claim)."""
    rnd = random.Random(3)
    now = datetime.now(UTC)
    channels = list(Channel)
    rows = []
    for i in range(n):
        ident = new_id()
        received = now - timedelta(seconds=rnd.randint(60, 86_400))
        rows.append(
            {
                "id": ident,
                "reference": short_reference(ident),
                "channel": channels[i % len(channels)],
                "status": ContactStatus.QUEUED,
                "sender_display": f"client{i}@example.org",
                "subject": f"Demande {i}",
                "priority": rnd.choice((0, 1, 1, 2, 3)),
                "received_at": received,
                "due_at": received + timedelta(hours=rnd.choice((1, 4, 24))),
            }
        )
    with engine.begin() as conn:
        conn.execute(insert(Contact), rows)
    return {r["id"] for r in rows}


@pytest.fixture
def empty_centre(pg_url: str) -> Iterator[PgCentre]:
    """A centre with the schema and nothing else: the only claimable contacts are ours."""
    centre = PgCentre(pg_url).create(customers=0)
    yield centre
    centre.drop()


def test_twenty_processes_claim_five_thousand_contacts_each_exactly_once(
    empty_centre: PgCentre, tmp_path: Path
) -> None:
    started = time.perf_counter()
    owner = create_engine(empty_centre.url)
    try:
        queued = _queue_contacts(owner, CONTACTS)
        logins = [empty_centre.add_user("advisor") for _ in range(WORKERS)]
        ctx = multiprocessing.get_context("spawn")
        start = ctx.Event()
        outs = [tmp_path / f"claims-{login}.json" for login in logins]
        procs = [
            ctx.Process(
                target=claim_until_empty,
                args=(
                    empty_centre.profile(login).centre,
                    login,
                    str(tmp_path / login),
                    str(out),
                    start,
                ),
                name=f"claims-{login}",
            )
            for login, out in zip(logins, outs, strict=True)
        ]
        for p in procs:
            p.start()
        # Let every process open its copy first, so they all race from the first claim.
        deadline = time.monotonic() + 120
        while (
            time.monotonic() < deadline
            and not all(Path(f"{out}.ready").exists() for out in outs)
            and all(p.is_alive() for p in procs)
        ):
            time.sleep(0.1)
        start.set()
        for p in procs:
            p.join(timeout=180)
        codes = [p.exitcode for p in procs]
        for p in procs:
            if p.is_alive():
                p.kill()
                p.join()
        assert codes == [0] * WORKERS, f"worker exit codes {codes}"

        results = [json.loads(out.read_text()) for out in outs]
        by_contact: Counter[str] = Counter()
        holder: dict[uuid.UUID, uuid.UUID] = {}
        for result in results:
            by_contact.update(result["claimed"])
            for cid in result["claimed"]:
                holder[uuid.UUID(cid)] = uuid.UUID(result["advisor"])
        double_claims = sum(n - 1 for n in by_contact.values() if n > 1)
        claimed = set(holder)
        unclaimed = len(queued - claimed)
        foreign = claimed - queued

        # The centre's side: one assignment per contact, to the advisor who was told so.
        with owner.connect() as conn:
            assignments = conn.execute(
                select(ContactAssignment.contact_id, ContactAssignment.advisor_id)
            ).all()
            contacts = conn.execute(
                select(Contact.id, Contact.status, Contact.assigned_to, Contact.claim_token)
            ).all()
            multiple = conn.scalar(
                text(
                    "SELECT count(*) FROM (SELECT contact_id FROM contact_assignment "
                    "GROUP BY contact_id HAVING count(*) > 1) AS m"
                )
            )
        per_contact = Counter(a.contact_id for a in assignments)
        wrong_assignment = [
            a.contact_id for a in assignments if holder.get(a.contact_id) != a.advisor_id
        ]
        not_in_progress = [
            c.id
            for c in contacts
            if c.status != ContactStatus.IN_PROGRESS
            or c.assigned_to != holder.get(c.id)
            or c.claim_token is None
        ]
        elapsed = time.perf_counter() - started
        slowest = max(r["seconds"] for r in results)
        busiest = max(len(r["claimed"]) for r in results)
        idlest = min(len(r["claimed"]) for r in results)
        print(
            f"\nFAULT (a) claims: workers={WORKERS} contacts={CONTACTS} "
            f"operations={sum(by_contact.values())} faults=0 claimed={len(claimed)} "
            f"lost={unclaimed} duplicated={double_claims} double_claims={double_claims} "
            f"unclaimed={unclaimed} assignments={len(assignments)} "
            f"per_worker={idlest}..{busiest} claiming={slowest:.1f}s elapsed={elapsed:.1f}s"
        )
        assert double_claims == 0
        assert not foreign
        assert unclaimed == 0
        assert len(assignments) == CONTACTS and set(per_contact) == queued and multiple == 0
        assert not wrong_assignment
        assert not not_in_progress
    finally:
        owner.dispose()
