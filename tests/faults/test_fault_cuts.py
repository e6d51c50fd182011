"""Fault run (c): connections between workstations and the centre cut in the middle of syncs.

Three workstations write notes and customer edits and sync continuously through a proxy the
test controls; fifty times, at random moments, the proxy severs every live connection at once
(mid-push, mid-pull, mid-claim, mid-commit: wherever the syncs happen to be). A workstation
must only ever see an EnvironmentProblem it can retry, and once the network holds, all three
must hold exactly the centre's data: every note once, every customer edit either applied or
kept as a lost conflict (never both, never twice, never neither).

What each copy should hold is worked out by the test (``working_set``): the centre's rows as
each user's login may read them, cut down to the working set the README describes, computed
from the test's own record of the contacts each desk claimed — not by the program's own
working-set conditions. Double claims are counted from the centre's ``contact_assignment``
rows: two holds of one contact that overlap in time.
"""

import random
import threading
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import working_set
from fault_checks import double_claims, proxy_target, settle
from pgcentre import PgCentre
from proxy import CuttableProxy
from sqlalchemy import create_engine, make_url, select, text

from app.connection import Profile, open_connected
from app.errors import EnvironmentProblem
from app.models import Contact, ContactAssignment, ContactStatus, Customer, Note, SyncConflict
from app.sync import engine
from app.workspace import Workspace

pytestmark = [pytest.mark.fault, pytest.mark.postgres]

DESKS = 3
CUTS = 50
EDITED_CUSTOMERS = 12  # few, so the desks' edits collide
CLAIM_EVERY = 10  # rounds on one contact before claiming the next (while the queue lasts)
BACKLOG = 100  # an advisor stops writing while this many operations wait (a push: ~0.3 s)

# Test-only instrumentation of the throw-away centre: every value a customer field takes.
_AUDIT = """
CREATE TABLE fault_audit (
  seq bigserial PRIMARY KEY, customer_id uuid NOT NULL, field text NOT NULL, value text);
CREATE FUNCTION fault_audit_customer() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public AS $$
  BEGIN
    IF NEW.postal_address IS DISTINCT FROM OLD.postal_address THEN
      INSERT INTO fault_audit (customer_id, field, value)
        VALUES (NEW.id, 'postal_address', NEW.postal_address);
    END IF;
    IF NEW.account_number IS DISTINCT FROM OLD.account_number THEN
      INSERT INTO fault_audit (customer_id, field, value)
        VALUES (NEW.id, 'account_number', NEW.account_number);
    END IF;
    RETURN NULL;
  END $$;
CREATE TRIGGER fault_audit AFTER UPDATE ON customer
  FOR EACH ROW EXECUTE FUNCTION fault_audit_customer();
"""


@dataclass
class Desk:
    """One workstation and what its advisor did, as the advisor saw it return."""

    name: str
    ws: Workspace
    rng: random.Random
    notes: dict[uuid.UUID, str] = field(default_factory=dict)
    edits: list[tuple[uuid.UUID, str, str]] = field(default_factory=list)
    claims: list[uuid.UUID] = field(default_factory=list)  # contacts it was told it holds
    syncs: int = 0
    sync_seconds: float = 0.0
    retried: int = 0  # EnvironmentProblems: expected, retried
    repaired: int = 0  # rows the first check had to fetch (written since the desk opened)
    unexpected: list[str] = field(default_factory=list)  # anything else: a bug

    def work(self, customers: list[uuid.UUID], stop: threading.Event) -> None:
        """Rounds of writes then a sync until told to stop; never raises."""
        contact: uuid.UUID | None = None
        round_no = 0
        while not stop.is_set():
            round_no += 1
            try:
                if contact is None or round_no % CLAIM_EVERY == 0:
                    claimed = self.ws.queue.next_contact()
                    if claimed is not None:
                        contact = claimed.contact_id
                        self.claims.append(contact)
                    assert contact is not None, "the queue ran dry"
                writes = self.rng.randint(5, 40) if self.ws.pending_changes() < BACKLOG else 0
                for _ in range(writes):
                    body = f"cut {self.name} {len(self.notes)}"
                    self.notes[self.ws.contacts.add_note(contact, body).id] = body
                for customer in self.rng.sample(customers, min(writes, self.rng.randint(0, 3))):
                    fields = self.rng.sample(["postal_address", "account_number"], k=1)
                    changes = {f: f"{self.name}-{len(self.edits)}-{f[:4]}" for f in fields}
                    self.ws.customers.update_profile(customer, changes)
                    self.edits.extend((customer, f, v) for f, v in changes.items())
                report = self.ws.sync.cycle()
                self.syncs += 1
                self.sync_seconds += report.seconds
                if report.checked is not None:
                    self.repaired += sum(report.checked.repaired.values())
            except EnvironmentProblem:
                self.retried += 1
                time.sleep(self.rng.uniform(0.0, 0.05))
            except Exception:
                self.unexpected.append(traceback.format_exc())
                time.sleep(0.05)


@pytest.fixture
def proxy(pg_url: str) -> Iterator[CuttableProxy]:
    with CuttableProxy(*proxy_target(pg_url)) as p:
        yield p


def test_cut_connections_lose_and_duplicate_nothing(
    pg_centre: PgCentre, proxy: CuttableProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only each desk's first sync checks its copy: the pulls alone must bring everything, or
    # the final check finds rows to repair.
    monkeypatch.setattr(engine, "CHECK_EVERY", float("inf"))
    started = time.perf_counter()
    seed = random.randrange(2**32)  # printed: a failing run can be replayed
    rng = random.Random(seed)
    owner = create_engine(pg_centre.url)
    with owner.begin() as conn:
        conn.execute(text(_AUDIT))
        seeded = set(conn.scalars(select(ContactAssignment.id)))  # the seed's own history
        at_start, started_at = working_set.contacts(conn)
    desks: list[Desk] = []
    try:
        for i in range(DESKS):
            login = pg_centre.add_user("advisor")  # no team: the whole queue to claim from
            through = make_url(pg_centre.profile(login).centre).set(port=proxy.port)
            profile = Profile(through.render_as_string(hide_password=False), login)
            ws = open_connected(profile, password=login, base=tmp_path / login)
            desks.append(Desk(f"d{i}", ws, random.Random(rng.random())))
        with desks[0].ws.local.session() as s:
            customers = list(
                s.scalars(select(Customer.id).order_by(Customer.id).limit(EDITED_CUSTOMERS))
            )

        stop = threading.Event()
        threads = [
            threading.Thread(target=d.work, args=(customers, stop), name=d.name) for d in desks
        ]
        for t in threads:
            t.start()
        severed = []
        time.sleep(0.5)
        for _ in range(CUTS):
            # Half the cuts come quickly (mid-sync, or mid-reconnection after the last cut),
            # half leave time for whole syncs to get through in between.
            time.sleep(rng.uniform(0.02, 0.3) if rng.random() < 0.5 else rng.uniform(0.3, 1.0))
            severed.append(proxy.cut())
        stop.set()
        for t in threads:
            t.join(timeout=60)
        assert not any(t.is_alive() for t in threads), "a desk hangs after the cuts"
        cut_phase = time.perf_counter() - started

        # The network holds again: two passes so every desk pulls the others' last pushes.
        waited = 0.0
        for _ in range(2):
            for d in desks:
                waited = max(waited, settle(d.ws)[0])
        reports = [d.ws.sync.cycle(force_check=True) for d in desks]

        # Judge: first the centre against what the advisors saw return.
        with owner.connect() as conn:
            central_notes = {
                r.id: r.body
                for r in conn.execute(select(Note.id, Note.body).where(Note.body.like("cut %")))
            }
            bodies = Counter(central_notes.values())
            audit = Counter(
                (r.customer_id, r.field, r.value)
                for r in conn.execute(text("SELECT customer_id, field, value FROM fault_audit"))
            )
            conflicts = Counter(
                (r.row_id, r.field, r.losing_value)
                for r in conn.execute(
                    select(SyncConflict.row_id, SyncConflict.field, SyncConflict.losing_value)
                )
            )
            assignments = Counter(
                a.contact_id
                for a in conn.execute(select(ContactAssignment.id, ContactAssignment.contact_id))
                if a.id not in seeded
            )
            double = double_claims(conn, assignments)
            held = {
                a: {
                    r.id
                    for r in conn.execute(
                        select(Contact.id).where(
                            Contact.assigned_to == d.ws.who.advisor_id,
                            Contact.status == ContactStatus.IN_PROGRESS,
                        )
                    )
                }
                for a, d in enumerate(desks)
            }
            at_end, ended_at = working_set.contacts(conn)
        written = {nid: body for d in desks for nid, body in d.notes.items()}
        lost_notes = [nid for nid, body in written.items() if central_notes.get(nid) != body]
        stray_notes = set(central_notes) - set(written)
        duplicated = sum(n - 1 for n in bodies.values() if n > 1)
        edits = [e for d in desks for e in d.edits]
        lost_edits = [e for e in edits if not audit[e] and not conflicts[e]]
        both = [e for e in edits if audit[e] and conflicts[e]]
        duplicated += sum(audit[e] - 1 for e in edits if audit[e] > 1)
        duplicated += sum(conflicts[e] - 1 for e in edits if conflicts[e] > 1)
        claims = sum(len(d.claims) for d in desks)
        # Claims the desk was told of but the centre does not give it; and claims the centre
        # made whose answer a cut lost (the desk learns of them from its pull).
        not_held = [c for a, d in enumerate(desks) for c in d.claims if c not in held[a]]
        unanswered = sum(len(held[a] - set(d.claims)) for a, d in enumerate(desks))

        # Then each desk against the copy the test expects of it (module working_set).
        differing: dict[str, dict[str, str]] = {}
        compared = 0
        for d in desks:
            own = set(d.claims)
            customers = working_set.entering_customers(at_start, started_at, set())
            customers |= working_set.entering_customers(at_end, ended_at, own)
            kept = working_set.kept_contacts(at_end, customers)
            login = str(make_url(d.ws.central.url).username)
            user = create_engine(pg_centre.user_url(login))  # straight to the centre
            try:
                with (
                    user.connect() as theirs,
                    owner.connect() as as_owner,
                    d.ws.local.engine.connect() as ours,
                ):
                    found, rows = working_set.differences(
                        theirs, as_owner, ours, customers, kept, d.ws.who.advisor_id
                    )
            finally:
                user.dispose()
            compared += rows
            if found:
                differing[d.name] = found
        statuses = [d.ws.sync.status() for d in desks]
        elapsed = time.perf_counter() - started
        unexpected = [u for d in desks for u in d.unexpected]
        syncs = sum(d.syncs for d in desks)
        print(
            f"\nFAULT (c) cuts: seed={seed} desks={DESKS} operations={len(written) + len(edits)} "
            f"notes={len(written)} edits={len(edits)} syncs={syncs} "
            f"mean_sync={sum(d.sync_seconds for d in desks) / max(syncs, 1):.2f}s "
            f"faults={len(severed)} cuts={len(severed)} connections_cut={sum(severed)} "
            f"sync_errors_retried={sum(d.retried for d in desks)} "
            f"unexpected_errors={len(unexpected)} edits_won={sum(1 for e in edits if audit[e])} "
            f"edits_lost_to_conflict={sum(1 for e in edits if conflicts[e])} "
            f"lost={len(lost_notes) + len(lost_edits)} duplicated={duplicated} "
            f"claims={claims} claims_unanswered={unanswered} double_claims={double} "
            f"repaired_by_checks={sum(d.repaired for d in desks)} copy_rows_compared={compared} "
            f"cut_phase={cut_phase:.1f}s slowest_catch_up={waited:.1f}s elapsed={elapsed:.1f}s"
        )
        for trace in unexpected[:3]:
            print(f"UNEXPECTED {trace}")
        assert not unexpected, "errors other than EnvironmentProblem (tracebacks above)"
        assert sum(d.retried for d in desks) > 0, "no cut hit a sync: the run proved nothing"
        assert not lost_notes and not stray_notes
        refusals = [r["reason"] for s in statuses for r in s.refusals]
        assert not lost_edits, (
            f"edits neither applied nor kept as conflicts: {lost_edits[:5]}; "
            f"refusals: {refusals[:5]}"
        )
        assert not both, f"edits both applied and kept as lost: {both[:5]}"
        assert duplicated == 0
        assert double == 0 and assignments and claims
        assert not not_held, f"claims the desks were told of but do not hold: {not_held[:5]}"
        assert all(s.pending == 0 and s.refused == 0 for s in statuses), [
            s.refusals[:3] for s in statuses
        ]
        assert all(r.checked is not None and r.checked.clean for r in reports), reports
        assert not differing, f"desks differing from the centre: {differing}"
    finally:
        for d in desks:
            d.ws.close()
        owner.dispose()
