"""Identities edited from the customer pane, merges and their undo, segments kept apart: the
services against both kinds of centre (the embedded centre's rules on SQLite, the centre's
functions on PostgreSQL, each user with their own login), and what other workstations' copies
make of it after their pull."""

import uuid

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import DBAPIError

from app.enums import IdentityKind
from app.errors import Conflict, EnvironmentProblem, InputError, NotFound
from app.models import Contact, Customer, CustomerIdentity, CustomerMerge, IdentityRemoval, Team
from app.services.identities import IdentityHeld, KeptApart

TEAM = "Équipe Paris 1"
OTHER_TEAM = "Équipe Lyon"


CENTRE_SIZE = (30, 120, 5)
"""This module's centre: customers, contacts, queue (tests/conftest.py ``centre``)."""


@pytest.fixture(scope="module")
def people(centre, tmp_path_factory):
    """An advisor and a supervisor of the team, a supervisor of another team, each with a
    workstation of their own."""
    logins = {
        "alice": centre.add_user("advisor", team=TEAM),
        "chief": centre.add_user("supervisor", team=TEAM),
        "stranger": centre.add_user("supervisor", team=OTHER_TEAM),
    }
    spaces = {
        name: centre.workstation(login, tmp_path_factory.mktemp(name))
        for name, login in logins.items()
    }
    yield spaces
    for ws in spaces.values():
        ws.close()


def _served(truth, count: int = 2) -> list[uuid.UUID]:
    """Customers with contacts of the team, none of them merged."""
    with truth.session() as s:
        team = s.scalar(select(Team.id).where(Team.name == TEAM))
        return list(
            s.scalars(
                select(Contact.customer_id)
                .join(Customer, Customer.id == Contact.customer_id)
                .where(Contact.team_id == team, Customer.merged_into.is_(None))
                .group_by(Contact.customer_id)
                .order_by(func.count().desc(), Contact.customer_id)
                .limit(count)
            )
        )


def _fresh_customer(truth, segment: str = "standard") -> uuid.UUID:
    """A customer with no identity of their own, of ``segment``, with a contact of the team."""
    from app.ids import new_id

    with truth.session() as s:
        team = s.scalar(select(Team.id).where(Team.name == TEAM))
        donor = s.scalars(
            select(Contact).where(Contact.team_id == team, Contact.customer_id.is_not(None))
        ).first()
        customer = Customer(
            id=new_id(),
            first_name="Zoé",
            last_name="Essai" + "".join(chr(97 + int(c, 16)) for c in new_id().hex[-6:]),
            segment=segment,
        )
        s.add(customer)
        s.flush()
        contact = Contact(
            id=new_id(),
            reference=f"R-{new_id().hex[:4].upper()}-TEST",
            channel=donor.channel,
            status=donor.status,
            customer_id=customer.id,
            due_at=donor.due_at,
            team_id=team,
        )
        s.add(contact)
    return customer.id


def _open(ws, customer_id: uuid.UUID):
    """The customer as the pane shows them, after a sync (the embedded centre's copy holds
    every customer, once its pull brought them; on PostgreSQL opening brings them)."""
    ws.sync.cycle()
    return ws.customers.profile(customer_id)


def test_an_advisor_adds_corrects_and_removes_an_identity_and_other_copies_follow(
    people, truth
) -> None:
    alice, chief = people["alice"], people["chief"]
    customer = _fresh_customer(truth)
    _open(alice, customer)
    _open(chief, customer)
    added = alice.customers.identities.add(customer, IdentityKind.PHONE, "06.39.98.00.71")
    (shown,) = [i for i in _open(alice, customer).identities if i.id == added]
    assert (shown.value, shown.display) == ("+33639980071", "06 39 98 00 71")
    with truth.session() as s:
        assert s.get(CustomerIdentity, added).value == "+33639980071"

    alice.customers.identities.correct(added, "+33 6 39 98 00 72")
    assert s_value(truth, added) == "+33639980072"
    assert [i.value for i in _open(alice, customer).identities if i.id == added] == ["+33639980072"]
    chief.sync.cycle()
    assert [i.value for i in _open(chief, customer).identities if i.id == added] == ["+33639980072"]

    alice.customers.identities.remove(added)
    assert added not in {i.id for i in _open(alice, customer).identities}
    with truth.session() as s:
        assert s.get(CustomerIdentity, added) is None
        removal = s.get(IdentityRemoval, added)
        assert removal.value == "+33639980072" and removal.removed_by == alice.who.advisor_id
    chief.sync.cycle()  # the removal reaches the other copy through its pull
    assert added not in {i.id for i in _open(chief, customer).identities}
    with pytest.raises(NotFound, match="no longer exists"):  # a pane left open elsewhere
        alice.customers.identities.remove(added)


@pytest.mark.parametrize(
    ("kind", "typed", "words"),
    [
        (IdentityKind.PHONE, "06 12", "not a phone number Relais can read"),
        (IdentityKind.WHATSAPP, "bonjour", "not a phone number Relais can read"),
        (IdentityKind.EMAIL, "jean.dupont.example.fr", "not an e-mail address"),
        (IdentityKind.X, "jean dupont", "not a X handle"),
        (IdentityKind.EMAIL, "   ", "is empty"),
    ],
)
def test_what_cannot_be_read_is_refused_in_words_before_anything_is_sent(
    people, truth, kind, typed, words
) -> None:
    customer = _fresh_customer(truth)
    with pytest.raises(InputError, match=words):
        people["alice"].customers.identities.add(customer, kind, typed)
    with truth.session() as s:
        held = s.scalar(select(func.count()).where(CustomerIdentity.customer_id == customer))
    assert held == 0


def test_an_identity_another_customer_holds_is_refused_naming_them(people, truth) -> None:
    first, second = _fresh_customer(truth), _fresh_customer(truth)
    alice = people["alice"]
    _open(alice, first)
    _open(alice, second)
    alice.customers.identities.add(first, IdentityKind.EMAIL, "Zoe.Essai@Example.FR")
    with pytest.raises(IdentityHeld) as refused:
        alice.customers.identities.add(second, IdentityKind.EMAIL, " zoe.essai@example.fr ")
    assert refused.value.customer_id == first
    assert "zoe.essai@example.fr is already the e-mail address of Zoé" in str(refused.value)
    # the same number as a call's and as WhatsApp's is one identity
    alice.customers.identities.add(first, IdentityKind.PHONE, "0639980081")
    with pytest.raises(IdentityHeld):
        alice.customers.identities.add(second, IdentityKind.WHATSAPP, "+33639980081")


def test_the_default_region_reads_a_number_written_without_its_country(people, truth) -> None:
    from app import identities

    customer = _fresh_customer(truth)
    _open(people["alice"], customer)
    identities.set_default_region("BE")
    try:
        added = people["alice"].customers.identities.add(
            customer, IdentityKind.PHONE, "0470 12 34 56"
        )
    finally:
        identities.set_default_region("FR")
    assert s_value(truth, added) == "+32470123456"
    with pytest.raises(ValueError, match="unknown phone region"):
        identities.set_default_region("ZZ")


def test_segments_kept_apart_never_share_an_identity_nor_merge(people, truth) -> None:
    online, retail = _fresh_customer(truth, "online"), _fresh_customer(truth, "retail")
    alice, chief = people["alice"], people["chief"]
    for ws in (alice, chief):
        _open(ws, online)
        _open(ws, retail)
    alice.customers.identities.add(online, IdentityKind.PHONE, "06 39 98 00 91")
    with pytest.raises(KeptApart, match="kept apart for legal reasons"):
        alice.customers.identities.add(retail, IdentityKind.PHONE, "06 39 98 00 91")
    with pytest.raises(KeptApart, match="online-account and retail"):
        chief.customers.merges.merge(online, retail)
    with pytest.raises(KeptApart):
        chief.customers.merges.preview(retail, online)
    # Whatever path writes, the centre itself refuses: here its owner, straight into the table.
    with pytest.raises(DBAPIError, match="kept apart"), truth.session() as s:
        s.add(
            CustomerIdentity(
                id=uuid.uuid4(),
                customer_id=retail,
                kind=IdentityKind.WHATSAPP,
                value="+33639980091",
                display="x",
            )
        )
        s.flush()
    with pytest.raises(DBAPIError, match="kept apart"), truth.session() as s:
        s.execute(update(Contact).where(Contact.customer_id == online).values(customer_id=retail))


def test_a_supervisor_merges_and_undoes_exactly_what_moved(people, truth) -> None:
    chief, alice = people["chief"], people["alice"]
    into, source = _fresh_customer(truth), _fresh_customer(truth)
    for ws in (chief, alice):
        _open(ws, into)
        _open(ws, source)
    kept = alice.customers.identities.add(source, IdentityKind.EMAIL, "b.merge@example.fr")
    with truth.session() as s:
        before_into = set(s.scalars(select(Contact.id).where(Contact.customer_id == into)))
        moved = set(s.scalars(select(Contact.id).where(Contact.customer_id == source)))
    assert moved

    preview = chief.customers.merges.preview(into, source)
    assert preview.contacts == len(moved)
    assert preview.identities == ((IdentityKind.EMAIL, "b.merge@example.fr"),)

    merge_id = chief.customers.merges.merge(into, source)
    with truth.session() as s:
        assert set(s.scalars(select(Contact.id).where(Contact.customer_id == into))) == (
            before_into | moved
        )
        assert s.get(CustomerIdentity, kept).customer_id == into
        assert s.get(Customer, source).merged_into == into
        record = s.get(CustomerMerge, merge_id)
        assert record.merged_by == chief.who.advisor_id and record.undone_at is None
        assert set(record.moved["contacts"]) == {str(c) for c in moved}
    # Searching B finds A, saying so; B's identity finds A directly.
    with truth.session() as s:
        source_name = s.get(Customer, source).last_name
    (found,) = [m for m in chief.customers.search(source_name) if m.id == into]
    assert found.merged_from.endswith(source_name)
    assert [m.id for m in chief.customers.search("b.merge@example.fr")] == [into]
    profile = _open(chief, source)
    assert profile.merged_into == into
    assert [v.id for v in chief.customers.merges.merges_of(into)] == [merge_id]
    # The other copy follows.
    alice.sync.cycle()
    assert _open(alice, source).merged_into == into
    assert kept in {i.id for i in _open(alice, into).identities}
    with pytest.raises(Conflict, match="was merged into"):
        alice.customers.identities.add(source, IdentityKind.PHONE, "06 39 98 00 55")

    # A gets a contact of its own after the merge: the undo leaves it with A.
    newer = _fresh_customer(truth)
    with truth.session() as s:
        later = s.scalars(select(Contact.id).where(Contact.customer_id == newer)).one()
        s.execute(update(Contact).where(Contact.id == later).values(customer_id=into))

    chief.customers.merges.undo(merge_id)
    with truth.session() as s:
        assert set(s.scalars(select(Contact.id).where(Contact.customer_id == source))) == moved
        assert set(s.scalars(select(Contact.id).where(Contact.customer_id == into))) == (
            before_into | {later}
        )
        assert s.get(CustomerIdentity, kept).customer_id == source
        assert s.get(Customer, source).merged_into is None
        assert s.get(CustomerMerge, merge_id).undone_by == chief.who.advisor_id
    with pytest.raises(Conflict, match="undone already"):
        chief.customers.merges.undo(merge_id)
    alice.sync.cycle()
    assert _open(alice, source).merged_into is None


def test_who_may_merge(people, truth) -> None:
    a, b = _fresh_customer(truth), _fresh_customer(truth)
    for ws in people.values():
        _open(ws, a)
        _open(ws, b)
    with pytest.raises(Conflict, match="Only supervisors and administrators"):
        people["alice"].customers.merges.merge(a, b)
    with pytest.raises(Conflict, match="Your team served neither"):
        people["stranger"].customers.merges.merge(a, b)
    with pytest.raises(InputError, match="cannot be merged with themselves"):
        people["chief"].customers.merges.preview(a, a)


def test_offline_an_identity_change_waits_and_says_so(people, truth) -> None:
    from app.services.identities import IdentityService

    alice = people["alice"]
    customer = _fresh_customer(truth)
    offline = IdentityService(alice.local, alice.who, alice.central, online=lambda: False)
    with pytest.raises(EnvironmentProblem, match="needs the central database"):
        offline.add(customer, IdentityKind.PHONE, "06 39 98 00 61")


def s_value(truth, identity_id: uuid.UUID) -> str:
    with truth.session() as s:
        return s.get(CustomerIdentity, identity_id).value


def test_an_x_contact_linked_finds_its_customer_at_the_next_chat(centre, people, truth) -> None:
    """The webhook matches X senders by handle; a link used to store only the numeric id, so
    the next chat found nobody. Now both are stored."""
    import webhooks as hooks
    from centres import as_connector

    from app.ingest import webhook
    from app.ingest.receive import receive_all

    alice = people["alice"]
    connector = as_connector(centre)
    sender, handle = str(2**53 + int(hooks.digits(6))), "zoe_" + hooks.digits(5)
    first = receive_all(
        connector,
        webhook.parse(
            "x",
            hooks.x_dm(sender, 2**62 + int(hooks.digits(9)), "Bonjour", handle=handle),
            team=TEAM,
        ),
    )
    (arrived,) = first.received
    customer = _fresh_customer(truth)
    _open(alice, customer)
    alice.queue.take(arrived.contact_id)
    alice.customers.link(arrived.contact_id, customer)
    alice.sync.cycle()
    with truth.session() as s:
        stored = {
            v
            for (v,) in s.execute(
                select(CustomerIdentity.value).where(
                    CustomerIdentity.customer_id == customer,
                    CustomerIdentity.kind == IdentityKind.X,
                )
            )
        }
    assert stored == {sender, handle}
    _close_all(truth, arrived.contact_id)
    later = receive_all(
        connector,
        webhook.parse(
            "x",
            hooks.x_dm(sender, 2**62 + int(hooks.digits(9)), "Encore moi", handle=handle),
            team=TEAM,
        ),
    )
    with truth.session() as s:
        assert s.get(Contact, later.received[0].contact_id).customer_id == customer
    connector.dispose()


def _close_all(truth, contact_id: uuid.UUID) -> None:
    from datetime import timedelta

    from app.clock import utcnow
    from app.enums import ContactStatus

    with truth.session() as s:
        s.execute(
            update(Contact)
            .where(Contact.id == contact_id)
            .values(status=ContactStatus.CLOSED, closed_at=utcnow() - timedelta(days=30))
        )


def test_a_contact_is_not_linked_across_segments_kept_apart(centre, people, truth) -> None:
    """An e-mail from the address of an online-account customer, linked by an advisor to a
    retail customer: refused with the reason, before anything is written."""
    alice = people["alice"]
    online, retail = _fresh_customer(truth, "online"), _fresh_customer(truth, "retail")
    _open(alice, online)
    _open(alice, retail)
    address = f"apart.{uuid.uuid4().hex[:10]}@example.org"
    alice.customers.identities.add(online, IdentityKind.EMAIL, address)
    with truth.session() as s:
        contact = s.scalars(select(Contact).where(Contact.customer_id == retail)).one()
        contact.customer_id = None
        contact.sender_address = address
        contact.status = "queued"
        contact_id = contact.id
    alice.sync.cycle()
    alice.queue.take(contact_id)
    with pytest.raises(KeptApart, match="kept apart for legal reasons"):
        alice.customers.link(contact_id, retail)
    with truth.session() as s:
        assert s.get(Contact, contact_id).customer_id is None


def test_a_search_across_segments_kept_apart_says_so(people, truth) -> None:
    online, retail = _fresh_customer(truth, "online"), _fresh_customer(truth, "retail")
    name = "Essai" + "".join(chr(97 + int(c, 16)) for c in uuid.uuid4().hex[:8])
    with truth.session() as s:
        for customer in (online, retail):
            s.get(Customer, customer).last_name = name
    alice = people["alice"]
    _open(alice, online)
    _open(alice, retail)
    found = {m.id: m for m in alice.customers.find(name).matches}
    assert {found[online].estate, found[retail].estate} == {"online", "retail"}


def test_a_segment_change_that_would_put_an_identity_across_is_refused(people, truth) -> None:
    """A customer of no listed segment may share a number with an online-account customer;
    turned retail, they would hold it across estates: the centre refuses, whatever writes."""
    online, plain = _fresh_customer(truth, "online"), _fresh_customer(truth)
    shared = f"+3363998{uuid.uuid4().int % 10_000:04d}"
    with truth.session() as s:
        for customer in (online, plain):
            s.add(
                CustomerIdentity(
                    id=uuid.uuid4(),
                    customer_id=customer,
                    kind=IdentityKind.PHONE,
                    value=shared,
                    display=shared,
                )
            )
    with pytest.raises(DBAPIError, match="kept apart"), truth.session() as s:
        s.execute(update(Customer).where(Customer.id == plain).values(segment="retail"))
