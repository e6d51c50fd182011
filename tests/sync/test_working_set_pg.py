"""A workstation keeps its working set, not the whole centre: its own and its team's recent
contacts, and the whole history of those contacts' customers (app.sync.scope)."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, text

from app.clock import utcnow
from app.db import Database
from app.dto import NewCustomer
from app.errors import EnvironmentProblem
from app.ids import new_id, short_reference
from app.models import (
    Advisor,
    Channel,
    Contact,
    ContactStatus,
    Customer,
    CustomerIdentity,
    DeskCustomer,
    IdentityKind,
    Note,
    Team,
)
from app.outbox import record_insert
from app.sync import pull as pull_module
from app.sync import state
from app.sync.check import check

pytestmark = pytest.mark.postgres

TEAM = "Équipe Paris 1"


@pytest.fixture
def owner(pg_centre):
    db = Database(pg_centre.url, "central")
    yield db
    db.dispose()


@pytest.fixture
def desk(pg_centre, tmp_path):
    login = pg_centre.add_user("advisor", team=TEAM)
    ws = pg_centre.workstation(login, tmp_path / login)
    yield ws
    ws.close()


def _team(owner: Database, mine: bool) -> uuid.UUID:
    with owner.session() as s:
        teams = s.scalars(select(Team).order_by(Team.name)).all()
        return next(t.id for t in teams if (t.name == TEAM) == mine)


def _customer_with_old_contact(owner: Database, name: str) -> tuple[uuid.UUID, uuid.UUID]:
    """A customer of another team, last heard from three months ago: outside every copy of
    this team. Returns the customer's id and their old contact's (which has a note)."""
    other = _team(owner, mine=False)
    with owner.session() as s:
        advisor = s.scalars(select(Advisor).where(Advisor.team_id == other)).first()
        customer = Customer(id=new_id(), first_name=name, last_name="Lointain")
        s.add(customer)
        s.flush()
        s.add(
            CustomerIdentity(
                id=new_id(),
                customer_id=customer.id,
                kind=IdentityKind.EMAIL,
                value=f"{name.lower()}@example.org",
                display=f"{name.lower()}@example.org",
            )
        )
        long_ago = utcnow() - timedelta(days=90)
        contact = _contact(customer.id, other, ContactStatus.CLOSED, long_ago)
        contact.assigned_to = advisor.id if advisor else None
        s.add(contact)
        s.flush()
        s.add(Note(id=new_id(), contact_id=contact.id, advisor_id=advisor.id, body="Ancien"))
        return customer.id, contact.id


def _contact(customer_id, team_id, status, received) -> Contact:
    ident = new_id()
    return Contact(
        id=ident,
        reference=short_reference(ident),
        channel=Channel.EMAIL,
        status=status,
        customer_id=customer_id,
        received_at=received,
        due_at=received + timedelta(hours=4),
        team_id=team_id,
        closed_at=received + timedelta(hours=1) if status == ContactStatus.CLOSED else None,
    )


def _held(ws, model, ident) -> bool:
    with ws.local.session() as s:
        return s.get(model, ident) is not None


def test_the_first_copy_holds_the_working_set_and_checks_clean(owner, desk) -> None:
    ws = desk
    with owner.session() as s:
        everyone = s.scalar(select(func.count(Customer.id)))
        kept = set(
            s.scalars(select(DeskCustomer.customer_id).where(DeskCustomer.login == ws.who.login))
        )
    with ws.local.session() as s:
        held = set(s.scalars(select(Customer.id)))
        queued = s.scalars(
            select(Contact.customer_id).where(
                Contact.status == ContactStatus.QUEUED, Contact.customer_id.is_not(None)
            )
        ).all()
    assert held == kept and 0 < len(held) < everyone
    assert queued and set(queued) <= held  # the team's queue came with its customers
    assert ws.sync.cycle(force_check=True).checked.clean


def test_a_customer_outside_the_set_stays_on_the_centre(owner, desk) -> None:
    customer, contact = _customer_with_old_contact(owner, "Hors")
    report = desk.sync.cycle(force_check=True)
    assert not _held(desk, Customer, customer) and not _held(desk, Contact, contact)
    assert report.checked.clean


def test_a_contact_entering_the_queue_brings_its_customers_whole_history(owner, desk) -> None:
    customer, old = _customer_with_old_contact(owner, "Revenant")
    desk.sync.cycle()
    assert not _held(desk, Customer, customer)
    with owner.session() as s:
        fresh = _contact(customer, _team(owner, mine=True), ContactStatus.QUEUED, utcnow())
        s.add(fresh)
    desk.sync.cycle()
    with desk.local.session() as s:
        assert s.get(Customer, customer) is not None
        assert s.get(Contact, old) is not None and s.get(Contact, fresh.id) is not None
        assert s.scalar(select(func.count(Note.id)).where(Note.contact_id == old)) == 1
        assert s.scalar(
            select(func.count(CustomerIdentity.id)).where(CustomerIdentity.customer_id == customer)
        )
    assert desk.sync.cycle(force_check=True).checked.clean


def test_a_customer_opened_from_a_centre_search_comes_and_stays(owner, desk) -> None:
    customer, old = _customer_with_old_contact(owner, "Cherche")
    desk.sync.cycle()
    found = desk.customers.find("cherche@example.org")
    assert not found.local_only and [m.id for m in found.matches] == [customer]
    history = desk.customers.history(customer)
    assert [row.contact_id for row in history] == [old]
    assert desk.customers.profile(customer).first_name == "Cherche"
    # From now on the copy follows them: a colleague's note on their old contact arrives.
    with owner.session() as s:
        author = s.scalars(select(Advisor.id)).first()
        s.add(Note(id=new_id(), contact_id=old, advisor_id=author, body="Nouveau"))
    desk.sync.cycle()
    with desk.local.session() as s:
        assert s.scalar(select(func.count(Note.id)).where(Note.contact_id == old)) == 2


def test_offline_a_customer_not_on_this_workstation_says_so(owner, desk) -> None:
    customer, _ = _customer_with_old_contact(owner, "Absent")
    desk.sync.online = False
    with pytest.raises(EnvironmentProblem, match="not on this workstation yet"):
        desk.customers.history(customer)


def test_a_copy_made_before_working_sets_keeps_every_customer_it_held(owner, desk) -> None:
    with owner.session() as s:
        s.execute(delete(DeskCustomer).where(DeskCustomer.login == desk.who.login))
    with desk.local.session() as s:
        state.put(s, pull_module.WORKING_SET, None)
        held = set(s.scalars(select(Customer.id)))
    desk.sync.cycle()
    with owner.session() as s:
        kept = set(
            s.scalars(select(DeskCustomer.customer_id).where(DeskCustomer.login == desk.who.login))
        )
    assert kept == held


def test_each_user_sees_and_adds_only_their_own_set(pg_centre, owner, desk) -> None:
    other = pg_centre.add_user("advisor", team=TEAM)
    theirs = Database(pg_centre.user_url(other), "central")
    try:
        with theirs.engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM desk_customer")) == 0
            with pytest.raises(Exception, match="permission denied"):
                conn.execute(
                    text(
                        "INSERT INTO desk_customer (login, customer_id, since) "
                        "SELECT :me, id, now() FROM customer LIMIT 1"
                    ),
                    {"me": desk.who.login},
                )
    finally:
        theirs.dispose()


def test_a_customer_created_on_this_workstation_is_followed_like_the_others(owner, desk) -> None:
    claimed = desk.queue.next_contact()
    assert claimed is not None
    created = desk.customers.create(
        NewCustomer("Nouvelle", "Cliente", "fr"), link_contact=claimed.contact_id
    )
    desk.sync.cycle()
    with owner.session() as s:
        customer = s.get(Customer, created)
        customer.last_name = "Renommée"  # a colleague's change, on the centre
        customer.version += 1
    report = desk.sync.cycle(force_check=True)
    with desk.local.session() as s:
        assert s.get(Customer, created).last_name == "Renommée"
    assert report.checked.clean


def _queued_for_my_team(owner: Database, customer: uuid.UUID) -> uuid.UUID:
    with owner.session() as s:
        fresh = _contact(customer, _team(owner, mine=True), ContactStatus.QUEUED, utcnow())
        s.add(fresh)
        return fresh.id


def _age(owner: Database, login: str, customer: uuid.UUID, contact: uuid.UUID) -> None:
    """A month passes: the contact was closed long ago, the customer entered the set long ago."""
    month_ago = utcnow() - timedelta(days=30)
    with owner.session() as s:
        c = s.get(Contact, contact)
        c.status, c.received_at, c.closed_at = ContactStatus.CLOSED, month_ago, month_ago
        c.version += 1
        s.execute(
            text("UPDATE desk_customer SET since = :t WHERE login = :l AND customer_id = :c"),
            {"t": month_ago, "l": login, "c": customer},
        )


def test_a_customer_of_the_team_queue_leaves_when_nothing_keeps_them(owner, desk) -> None:
    customer, old = _customer_with_old_contact(owner, "Passant")
    fresh = _queued_for_my_team(owner, customer)
    desk.sync.cycle()
    assert _held(desk, Customer, customer) and _held(desk, Note, _note_of(desk, old))
    _age(owner, desk.who.login, customer, fresh)
    report = desk.sync.cycle(force_check=True).checked
    assert report.left == 1 and report.clean
    assert report.removed["customer"] == 1 and report.removed["contact"] == 2
    assert not _held(desk, Customer, customer) and not _held(desk, Contact, old)
    with desk.local.session() as s:
        assert not s.scalar(select(func.count(Note.id)).where(Note.contact_id == old))
    assert desk.sync.cycle(force_check=True).checked.clean


def test_the_customer_of_an_own_contact_stays_however_old(owner, desk) -> None:
    claimed = desk.queue.next_contact()
    assert claimed is not None and claimed.customer_id is not None
    desk.sync.cycle()
    _age(owner, desk.who.login, claimed.customer_id, claimed.contact_id)
    report = desk.sync.cycle(force_check=True).checked
    assert _held(desk, Customer, claimed.customer_id) and report.clean


def test_what_unsent_work_hangs_on_stays_the_rest_goes(owner, desk) -> None:
    customer, old = _customer_with_old_contact(owner, "Retenu")
    fresh = _queued_for_my_team(owner, customer)
    desk.sync.cycle()
    _age(owner, desk.who.login, customer, fresh)
    unsent = new_id()
    with desk.local.session() as s:  # a note written here, not sent yet
        note = Note(id=unsent, contact_id=old, advisor_id=desk.who.advisor_id, body="Pas envoyé")
        record_insert(s, note)
    report = check(desk.local, desk.central, trim=True)  # no push before it
    assert report.left == 1
    # The note, its contact and their customer stay; the customer's other rows go.
    assert report.removed == {"note": 1, "contact": 1, "customer_identity": 1}
    assert _held(desk, Note, unsent) and _held(desk, Contact, old)
    assert _held(desk, Customer, customer) and not _held(desk, Contact, fresh)


def _note_of(ws, contact: uuid.UUID) -> uuid.UUID:
    with ws.local.session() as s:
        return s.scalars(select(Note.id).where(Note.contact_id == contact)).one()


def test_a_contact_arriving_between_pull_and_check_comes_with_its_customer(owner, desk) -> None:
    customer, _ = _customer_with_old_contact(owner, "Entre")
    desk.sync.cycle()
    fresh = _queued_for_my_team(owner, customer)  # after the pull, before the check
    report = check(desk.local, desk.central)
    assert report.repaired["customer"] == 1 and report.repaired["contact"] == 2
    assert _held(desk, Customer, customer) and _held(desk, Contact, fresh)


def test_claiming_a_contact_whose_customer_is_not_here_yet_brings_them(owner, desk) -> None:
    customer, old = _customer_with_old_contact(owner, "Pressé")
    desk.sync.cycle()
    with owner.session() as s:
        urgent = _contact(customer, _team(owner, mine=True), ContactStatus.QUEUED, utcnow())
        urgent.received_at -= timedelta(minutes=1)
        urgent.priority = 9  # first in the queue, claimed before any pull brings it
        s.add(urgent)
    claimed = desk.queue.next_contact()
    assert claimed is not None and claimed.contact_id == urgent.id
    assert _held(desk, Customer, customer) and _held(desk, Contact, old)


def test_a_customer_opened_again_stays_in_the_set(owner, desk) -> None:
    customer, _ = _customer_with_old_contact(owner, "Revu")
    desk.sync.cycle()
    desk.customers.profile(customer)  # comes from the centre
    with owner.session() as s:
        s.execute(
            text("UPDATE desk_customer SET since = :t WHERE customer_id = :c"),
            {"t": utcnow() - timedelta(days=30), "c": customer},
        )
    desk.customers.history(customer)  # opened again, a month later
    report = desk.sync.cycle(force_check=True).checked
    assert report.left == 0 and _held(desk, Customer, customer)


def test_a_claim_made_while_the_check_runs_is_not_removed(owner, desk, monkeypatch) -> None:
    from app.sync import check as check_module

    desk.sync.cycle()
    real = check_module.scope.condition
    claimed: list[uuid.UUID] = []

    def claim_midway(conn, table, alias):
        if table.name == "contact" and not claimed:
            with owner.session() as s:
                c = _contact(None, _team(owner, mine=True), ContactStatus.QUEUED, utcnow())
                c.received_at -= timedelta(minutes=1)
                c.priority = 9
                s.add(c)
            claimed.append(desk.queue.next_contact().contact_id)
        return real(conn, table, alias)

    monkeypatch.setattr(check_module.scope, "condition", claim_midway)
    check(desk.local, desk.central)
    assert claimed and _held(desk, Contact, claimed[0])


def test_an_advisor_moved_to_another_team_gets_its_queue(owner, desk) -> None:
    other = _team(owner, mine=False)
    desk.sync.cycle()
    with owner.session() as s:
        s.execute(
            text("UPDATE advisor SET team_id = :t WHERE id = :a"),
            {"t": other, "a": desk.who.advisor_id},
        )
        queued = s.scalars(
            select(Contact.id).where(
                Contact.team_id == other, Contact.status == ContactStatus.QUEUED
            )
        ).all()
    assert desk.sync.cycle(force_check=True).checked is not None
    assert queued and all(_held(desk, Contact, c) for c in queued)


def test_an_old_copy_holding_a_customer_the_centre_refused_still_adopts(owner, desk) -> None:
    with desk.local.session() as s:
        s.add(Customer(id=new_id(), first_name="Refusé", last_name="Ici"))  # never on the centre
        state.put(s, pull_module.WORKING_SET, None)
    desk.sync.cycle()
    with desk.local.session() as s:
        assert state.get(s, pull_module.WORKING_SET) == "adopted"
