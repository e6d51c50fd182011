"""Arrivals stored by the centre's rules, on both kinds of centre with the same tests: PostgreSQL
(``relais_receive``, called as a connector's own login) and the embedded SQLite centre
(app.sync.apply_receive). What the centre holds is then read as its owner."""

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from mails import mail
from sqlalchemy import func, select, update

from app.enums import Channel, ContactStatus, IdentityKind
from app.ingest import mail as mail_parser
from app.ingest.inbound import Inbound, Outcome
from app.ingest.receive import receive, receive_many
from app.models import ChannelKey, Contact, Customer, CustomerIdentity, Message, Team
from app.service_levels import DUE_WITHIN

CENTRE_SIZE = (30, 60, 5)
"""This module's centre: customers, contacts, queue (tests/conftest.py ``centre``)."""


@pytest.fixture
def customer(truth):
    """A customer with an e-mail address of their own (a fresh one per test)."""
    address = f"jeanne.{uuid.uuid4().hex[:8]}@example.org"
    with truth.session() as s:
        person = s.scalars(select(Customer).order_by(Customer.id).limit(1)).one()
        s.add(
            CustomerIdentity(
                id=uuid.uuid4(),
                customer_id=person.id,
                kind=IdentityKind.EMAIL,
                value=address,
                display=address,
            )
        )
        return person.id, person.language, address


def _contact(truth, contact_id) -> Contact:
    with truth.session() as s:
        found = s.get(Contact, contact_id)
        s.expunge_all()
        return found


def _messages(truth, contact_id) -> list[Message]:
    with truth.session() as s:
        rows = s.scalars(
            select(Message).where(Message.contact_id == contact_id).order_by(Message.created_at)
        ).all()
        s.expunge_all()
        return list(rows)


def _close(truth, contact_id) -> None:
    with truth.session() as s:
        s.execute(
            update(Contact)
            .where(Contact.id == contact_id)
            .values(status=ContactStatus.CLOSED, closed_at=func.now())
        )


def test_a_new_mail_is_a_queued_contact_of_its_customer(connector, truth, customer) -> None:
    person, language, address = customer
    raw = mail(f"Jeanne <{address.upper()}>", "Mon retrait", "Bonjour, où en est mon retrait ?")
    got = receive(connector, mail_parser.parse(raw))
    assert got.outcome is Outcome.NEW
    contact = _contact(truth, got.contact_id)
    assert contact.reference == got.reference
    assert contact.status == ContactStatus.QUEUED
    assert contact.customer_id == person  # the address case-folded, as identities are stored
    assert contact.language == language  # the customer's own, whatever the text
    assert contact.channel == Channel.EMAIL and contact.subject == "Mon retrait"
    assert contact.preview == "Bonjour, où en est mon retrait ?"
    assert not contact.risk_flag and contact.priority == 1
    # Due by the channel's service level, from the centre's clock
    assert contact.due_at - contact.received_at == DUE_WITHIN[Channel.EMAIL]
    [message] = _messages(truth, got.contact_id)
    assert message.id == got.message_id and message.created_at == contact.received_at
    assert message.body_text == "Bonjour, où en est mon retrait ?"


def test_the_same_mail_twice_is_stored_once(connector, truth, customer) -> None:
    raw = mail(customer[2], "Retrait", "Toujours rien.")
    first = receive(connector, mail_parser.parse(raw))
    again = receive(connector, mail_parser.parse(raw))
    assert again.outcome is Outcome.DUPLICATE
    assert (again.contact_id, again.message_id, again.reference) == (
        first.contact_id,
        first.message_id,
        first.reference,
    )
    assert len(_messages(truth, first.contact_id)) == 1


def test_a_mail_without_message_id_is_known_by_its_bytes(connector, truth, customer) -> None:
    raw = b"From: " + customer[2].encode() + b"\r\nSubject: sans id\r\n\r\nBonjour\r\n"
    first = receive(connector, mail_parser.parse(raw))
    assert first.outcome is Outcome.NEW
    assert receive(connector, mail_parser.parse(raw)).outcome is Outcome.DUPLICATE


def test_a_reply_joins_its_open_contact_and_raises_its_risk(connector, truth, customer) -> None:
    first_id = f"<{uuid.uuid4().hex}@mail.example.net>"
    first = receive(connector, mail_parser.parse(mail(customer[2], "Bonus", "Bonjour", first_id)))
    second_id = f"<{uuid.uuid4().hex}@mail.example.net>"
    reply = mail(
        customer[2],
        "Re: Bonus",
        "C'est une arnaque, je vais porter plainte.",
        second_id,
        in_reply_to=first_id,
        references=[first_id],
    )
    got = receive(connector, mail_parser.parse(reply))
    assert got.outcome is Outcome.JOINED and got.contact_id == first.contact_id
    assert got.reference == first.reference
    contact = _contact(truth, first.contact_id)
    assert contact.risk_flag and contact.priority == 3  # a complaint to an authority: urgent
    assert "arnaque" in contact.risk_reason
    messages = _messages(truth, first.contact_id)
    assert [m.external_id for m in messages] == [first_id, second_id]
    assert messages[1].in_reply_to == first_id
    # a reply to the reply: References name the whole thread, the nearest last
    third = mail(
        customer[2], "Re: Bonus", "Alors ?", in_reply_to=second_id, references=[first_id, second_id]
    )
    assert receive(connector, mail_parser.parse(third)).contact_id == first.contact_id


def test_a_reply_to_a_closed_contact_opens_one_that_follows_it(connector, truth, customer) -> None:
    first_id = f"<{uuid.uuid4().hex}@mail.example.net>"
    first = receive(connector, mail_parser.parse(mail(customer[2], "KYC", "Voici", first_id)))
    _close(truth, first.contact_id)
    got = receive(
        connector,
        mail_parser.parse(mail(customer[2], "Re: KYC", "Encore moi", in_reply_to=first_id)),
    )
    assert got.outcome is Outcome.FOLLOW_ON and got.contact_id != first.contact_id
    contact = _contact(truth, got.contact_id)
    assert contact.parent_id == first.contact_id and contact.status == ContactStatus.QUEUED
    assert contact.customer_id == customer[0]
    assert _contact(truth, first.contact_id).status == ContactStatus.CLOSED  # its figures stay


def test_a_quoted_reference_counts_only_from_the_same_sender(connector, truth, customer) -> None:
    first = receive(connector, mail_parser.parse(mail(customer[2], "Dépôt", "Bonjour")))
    own = mail(customer[2], f"Dépôt [{first.reference}]", "Je complète ma demande")
    assert receive(connector, mail_parser.parse(own)).contact_id == first.contact_id
    # Anyone may write a reference in a subject: a stranger's mail opens a contact of its own
    stranger = mail("intrus@example.com", f"Re: {first.reference}", "Je prends la suite")
    got = receive(connector, mail_parser.parse(stranger))
    assert got.outcome is Outcome.NEW and got.contact_id != first.contact_id
    assert len(_messages(truth, first.contact_id)) == 2


def test_an_identity_two_customers_share_matches_neither(connector, truth) -> None:
    address = f"famille.{uuid.uuid4().hex[:8]}@example.org"
    with truth.session() as s:
        two = s.scalars(select(Customer.id).order_by(Customer.id).limit(2)).all()
        for person in two:
            s.add(
                CustomerIdentity(
                    id=uuid.uuid4(),
                    customer_id=person,
                    kind=IdentityKind.EMAIL,
                    value=address,
                    display=address,
                )
            )
    got = receive(connector, mail_parser.parse(mail(address, "Compte", "Bonjour")))
    assert _contact(truth, got.contact_id).customer_id is None  # the advisor chooses


def test_an_out_of_office_opens_nothing_but_joins_its_open_thread(
    connector, truth, customer
) -> None:
    away = mail(customer[2], "Absence du bureau", "Je suis absente.", Auto_Submitted="auto-replied")
    assert receive(connector, mail_parser.parse(away)).outcome is Outcome.IGNORED
    first_id = f"<{uuid.uuid4().hex}@mail.example.net>"
    first = receive(connector, mail_parser.parse(mail(customer[2], "Bonus", "Bonjour", first_id)))
    answer = mail(
        customer[2],
        "Réponse automatique : Bonus",
        "Je suis absente, en cas d'urgence contactez mon avocat.",
        in_reply_to=first_id,
        Auto_Submitted="auto-replied",
    )
    got = receive(connector, mail_parser.parse(answer))
    assert got.outcome is Outcome.JOINED
    contact = _contact(truth, first.contact_id)
    assert not contact.risk_flag and contact.priority == 1  # a program's words raise nothing
    _close(truth, first.contact_id)
    again = mail(
        customer[2], "Absence", "Toujours absente.", in_reply_to=first_id, Precedence="bulk"
    )
    assert receive(connector, mail_parser.parse(again)).outcome is Outcome.IGNORED


def test_a_mailbox_team_and_each_channel_due_time(connector, truth) -> None:
    with truth.session() as s:
        team_id, team = s.execute(select(Team.id, Team.name).order_by(Team.name).limit(1)).one()
    for channel in Channel:
        got = receive(
            connector,
            Inbound(
                channel=channel,
                key=f"{channel.value}-{uuid.uuid4().hex}",
                sender_display="",
                sender_address="",
                identity=None,
                subject="",
                body_text="Hello, any news please?",
                team=team,
            ),
        )
        contact = _contact(truth, got.contact_id)
        assert contact.team_id == team_id
        assert contact.due_at - contact.received_at == DUE_WITHIN[channel], channel
        assert contact.language == "en"  # from the words, no customer being known


def test_the_centre_refuses_a_message_without_its_channel_id(connector, truth) -> None:
    from app.errors import InputError

    before = _count(truth)
    bad = Inbound(Channel.EMAIL, "", "", "", None, "", "text")
    with pytest.raises(InputError, match="channel's id"):
        receive(connector, bad)
    assert _count(truth) == before


def test_messages_stored_together_each_once_and_a_refusal_its_own(connector, truth) -> None:
    """``receive_many`` (a webhook request's messages, an IMAP batch) stores them in one
    transaction; one the centre refuses sends it back and the others go in alone."""
    from app.errors import InputError

    def one(n: int, key: str | None = None) -> Inbound:
        key = key if key is not None else f"<many-{n}-{uuid.uuid4().hex}@example.org>"
        return Inbound(Channel.EMAIL, key, "", f"m{n}@example.org", None, f"Demande {n}", "Bonjour")

    good = [one(n) for n in range(4)]
    assert [a.outcome for a in receive_many(connector, good)] == [Outcome.NEW] * 4
    again = receive_many(connector, [*good[:2], one(9)])  # a redelivery with a new one
    assert [getattr(a, "outcome", None) for a in again] == [
        Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.NEW
    ]  # fmt: skip
    before = _count(truth)
    mixed = receive_many(connector, [one(5), one(6, key=""), one(7)])
    assert isinstance(mixed[1], InputError) and "channel's id" in mixed[1].text()
    assert [getattr(a, "outcome", None) for a in (mixed[0], mixed[2])] == [Outcome.NEW] * 2
    assert _count(truth) == before + 2


def _count(truth) -> int:
    with truth.session() as s:
        return int(s.scalar(select(func.count()).select_from(ChannelKey)))


def test_received_at_is_the_centres_clock_not_the_senders(connector, truth, customer) -> None:
    from email.utils import format_datetime

    from app.clock import utcnow

    raw = mail(customer[2], "Vieux", "Écrit il y a longtemps")
    old = format_datetime(utcnow() - timedelta(days=30))
    raw = raw.replace(
        raw[raw.index(b"Date: ") : raw.index(b"\n", raw.index(b"Date: "))], b"Date: " + old.encode()
    )
    got = receive(connector, mail_parser.parse(raw))
    contact = _contact(truth, got.contact_id)
    [message] = _messages(truth, got.contact_id)
    assert message.written_at < contact.received_at - timedelta(days=29)
    assert abs(contact.received_at - utcnow()) < timedelta(minutes=5)


MAILS = sorted((Path(__file__).parent.parent / "data" / "mail").glob("*.eml"))


@pytest.mark.parametrize("path", MAILS, ids=lambda p: p.name)
def test_real_world_mail_goes_in_once(connector, truth, path) -> None:
    inbound = mail_parser.parse(path.read_bytes())
    got = receive(connector, inbound)
    assert got.outcome is (Outcome.IGNORED if inbound.automatic else Outcome.NEW)
    if got.outcome is Outcome.NEW:
        [message] = _messages(truth, got.contact_id)
        assert message.body_text == inbound.body_text
        assert message.body_html == inbound.body_html
        assert receive(connector, mail_parser.parse(path.read_bytes())).outcome is (
            Outcome.DUPLICATE
        )
