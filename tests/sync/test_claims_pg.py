"""A claim on a central PostgreSQL: one statement, mirrored as the centre wrote it, and what the
advisor sees when the connection under it has died."""

import pytest
from sqlalchemy import select, text

from app import db as db_module
from app.db import Database
from app.dto import QueueFilter
from app.errors import CentreUnreachable
from app.models import Channel, Contact, ContactAssignment, ContactStatus

pytestmark = pytest.mark.postgres


@pytest.fixture
def desk(pg_centre, tmp_path):
    login = pg_centre.add_user("advisor")
    ws = pg_centre.workstation(login, tmp_path / login)
    yield login, ws
    ws.close()


def _cut(pg_centre, login: str) -> None:
    """Ends every server process of ``login``, as a restarted centre or a cut network would."""
    owner = Database(pg_centre.url, "central")
    try:
        with owner.engine.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :u"),
                {"u": login},
            )
            conn.commit()
    finally:
        owner.dispose()


def test_the_claim_in_the_copy_is_the_centres(pg_centre, desk) -> None:
    _, ws = desk
    claimed = ws.queue.next_contact()
    assert claimed is not None

    def read(database: Database) -> tuple:
        with database.session() as s:
            contact = s.get(Contact, claimed.contact_id)
            assignment = s.scalars(
                select(ContactAssignment).where(ContactAssignment.contact_id == contact.id)
            ).one()
            return (
                contact.status,
                contact.assigned_to,
                contact.claim_token,
                contact.lease_until,
                contact.version,
                contact.reference,
                contact.customer_id,
                assignment.id,
                assignment.advisor_id,
                assignment.started_at,
            )

    owner = Database(pg_centre.url, "central")  # claim tokens are their holder's alone to read
    here, there = read(ws.local), read(owner)
    owner.dispose()
    assert here == there
    assert here[0] == ContactStatus.IN_PROGRESS and here[1] == ws.who.advisor_id
    assert (claimed.reference, claimed.customer_id) == (here[5], here[6])


def test_a_claim_on_a_dropped_connection_says_offline_and_the_next_one_works(
    pg_centre, desk
) -> None:
    login, ws = desk
    assert ws.queue.next_contact() is not None
    _cut(pg_centre, login)
    # Used a moment ago, the pooled connection is not pinged: the claim finds it dead.
    with pytest.raises(CentreUnreachable):
        ws.queue.next_contact()
    assert ws.queue.next_contact() is not None  # on a fresh connection


def test_an_idle_connection_found_dead_is_replaced_before_use(pg_centre, desk, monkeypatch) -> None:
    login, ws = desk
    assert ws.queue.next_contact() is not None
    _cut(pg_centre, login)
    monkeypatch.setattr(db_module, "IDLE_BEFORE_PING", 0.0)
    assert ws.queue.next_contact() is not None


def test_next_contact_keeps_to_the_channels_asked_and_the_advisors_team(
    pg_centre, tmp_path
) -> None:
    login = pg_centre.add_user("advisor", team="Équipe Paris 1")
    ws = pg_centre.workstation(login, tmp_path / login)
    try:
        for _ in range(3):
            claimed = ws.queue.next_contact(QueueFilter(channels=frozenset({Channel.EMAIL})))
            assert claimed is not None
            with ws.local.session() as s:
                contact = s.get(Contact, claimed.contact_id)
                assert contact.channel == Channel.EMAIL
                assert contact.team_id in (ws.who.team_id, None)
    finally:
        ws.close()
