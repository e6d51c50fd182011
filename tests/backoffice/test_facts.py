"""The centre's per-contact facts (app.backoffice.facts): after any sequence of writes, what a
refresh leaves in ``contact_fact`` is what computing every contact's facts from scratch gives,
on both kinds of centre; PostgreSQL runs the statement the code compiles; nobody but the
centre writes them, and each user reads the facts their rights allow.
"""

import random
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from centres import EmbeddedCentre, PostgresCentre, owner, server_url
from sqlalchemy import insert, select, update

from app.backoffice import facts
from app.clock import utcnow
from app.db import Database
from app.enums import ContactStatus, Outcome
from app.ids import new_id
from app.models import (
    Advisor,
    Contact,
    ContactAssignment,
    ContactFact,
    ContactFactStale,
    Message,
    ReasonCode,
    WrapUp,
)

FROZEN = Path(facts.__file__).parents[1] / "migrations/central/sql/d5a1f3b7c9e2_facts.sql"


def test_postgresql_runs_the_refresh_the_code_compiles() -> None:
    """A change to fact_rows needs a migration freezing its new text: this says when."""
    body = re.search(r"\$refresh\$\n(.*)\n\$refresh\$", FROZEN.read_text(encoding="utf-8"), re.S)
    assert body is not None
    assert body.group(1) == facts.refresh_sql()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def centre(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path / "centre").create(customers=30, contacts=150, queue=20)
    else:
        url = server_url()
        made = PostgresCentre(url).create(customers=30, contacts=150, queue=20)
    yield made
    made.drop()


def _kept(db: Database) -> dict[Any, tuple]:
    with db.engine.connect() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.execute(select(*ContactFact.__table__.columns))}


def _from_scratch(db: Database) -> dict[Any, tuple]:
    every = select(Contact.id.label("contact_id")).subquery("every")
    with db.engine.connect() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.execute(facts.fact_rows(every))}


def _differing(kept: dict, scratch: dict) -> dict:
    """The contacts whose kept facts are not those computed from scratch (either missing)."""
    return {
        k: (kept.get(k), scratch.get(k))
        for k in kept.keys() | scratch.keys()
        if k not in kept
        or k not in scratch
        or [pytest.approx(v) if isinstance(v, float) else v for v in kept[k]] != list(scratch[k])
    }


def _write_at_random(db: Database, rng: random.Random, steps: int) -> list[str]:
    """Owner's writes of every kind the triggers watch, on contacts picked at random."""
    done = []
    now = utcnow()
    with db.session() as s:
        contacts = s.execute(select(Contact.id, Contact.customer_id, Contact.status)).all()
        advisors = list(s.scalars(select(Advisor.id)))
        reason = s.scalar(select(ReasonCode.id))
        customers = sorted({c.customer_id for c in contacts if c.customer_id}, key=str)
        for _ in range(steps):
            c = rng.choice(contacts)
            kind = rng.choice(
                ["new", "reply", "close", "reopen", "wrap", "supersede", "end", "move", "call"]
            )
            done.append(kind)
            at = now - timedelta(minutes=rng.uniform(0, 600))
            if kind == "new":  # a return of a customer's
                s.execute(
                    insert(Contact).values(
                        id=new_id(), reference=f"R{rng.randrange(10**9)}", channel="email",
                        status="queued", customer_id=rng.choice(customers), received_at=at,
                        due_at=at + timedelta(hours=4), subject="Encore moi",
                    )
                )  # fmt: skip
            elif kind == "reply":
                s.execute(
                    insert(Message).values(
                        id=new_id(), contact_id=c.id, direction="outbound", body_text="Réponse",
                        author_id=rng.choice(advisors), created_at=at,
                    )
                )  # fmt: skip
            elif kind == "close":
                s.execute(
                    update(Contact)
                    .where(Contact.id == c.id)
                    .values(status="closed", closed_at=now, assigned_to=rng.choice(advisors))
                )
            elif kind == "reopen":
                s.execute(
                    update(Contact)
                    .where(Contact.id == c.id)
                    .values(status=ContactStatus.QUEUED, closed_at=None)
                )
            elif kind in ("wrap", "supersede"):
                previous = s.scalar(select(WrapUp.id).where(WrapUp.contact_id == c.id).limit(1))
                holder = s.scalar(select(Contact.assigned_to).where(Contact.id == c.id))
                s.execute(
                    insert(WrapUp).values(
                        id=new_id(), contact_id=c.id, advisor_id=holder or rng.choice(advisors),
                        reason_code_id=reason, self_assessment=rng.randint(1, 4),
                        outcome=rng.choice([Outcome.RESOLVED, Outcome.TRANSFERRED]),
                        created_at=now + timedelta(seconds=len(done)),
                        supersedes_id=previous if kind == "supersede" else None,
                    )
                )  # fmt: skip
            elif kind == "end":
                s.execute(
                    update(ContactAssignment)
                    .where(ContactAssignment.contact_id == c.id)
                    .values(ended_at=now)
                )
            elif kind == "move":  # merged into another customer
                s.execute(
                    update(Contact)
                    .where(Contact.id == c.id)
                    .values(customer_id=rng.choice(customers))
                )
            else:
                s.execute(
                    update(Contact)
                    .where(Contact.id == c.id)
                    .values(call_started_at=at, call_ended_at=at + timedelta(minutes=4))
                )
    return done


def test_after_any_writes_a_refresh_gives_what_a_computation_from_scratch_does(centre) -> None:
    db = owner(centre)
    try:
        assert _differing(_kept(db), _from_scratch(db)) == {}  # the seed's own
        seed = random.randrange(2**32)
        rng = random.Random(seed)
        for _round in range(4):
            done = _write_at_random(db, rng, 40)
            facts.bring_up_to_date(db)
            with db.engine.connect() as conn:
                assert conn.scalar(select(ContactFactStale.contact_id).limit(1)) is None
            assert _differing(_kept(db), _from_scratch(db)) == {}, f"seed {seed}: {done}"
    finally:
        db.dispose()


def test_a_claim_marks_nothing(centre) -> None:
    """The queue's busiest write does not add to the next refresh's work."""
    db = owner(centre)
    try:
        with db.session() as s:
            queued = s.scalar(select(Contact.id).where(Contact.status == "queued").limit(1))
            advisor = s.scalar(select(Advisor.id).limit(1))
            s.execute(
                update(Contact)
                .where(Contact.id == queued)
                .values(status="in_progress", assigned_to=advisor, claim_token=new_id())
            )
            s.execute(
                insert(ContactAssignment).values(
                    id=new_id(), contact_id=queued, advisor_id=advisor, started_at=utcnow()
                )
            )
        with db.engine.connect() as conn:
            assert conn.scalar(select(ContactFactStale.contact_id).limit(1)) is None
    finally:
        db.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("role", ["advisor", "supervisor", "admin"])
def test_no_user_writes_the_facts_and_an_advisor_may_not_refresh(pg_centre, role) -> None:
    login = pg_centre.add_user(role)
    with psycopg.connect(pg_centre.user_url(login).replace("+psycopg", ""), autocommit=True) as c:
        for attack in (
            "UPDATE contact_fact SET resolved = true",
            "DELETE FROM contact_fact",
            "INSERT INTO contact_fact_stale (contact_id) SELECT id FROM contact",
            "DELETE FROM contact_fact_stale",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(attack)
        if role == "advisor":
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute("SELECT public.relais_refresh_facts()")
        else:
            c.execute("SELECT public.relais_refresh_facts()")
