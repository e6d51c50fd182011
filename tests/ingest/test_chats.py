"""Chats from Messenger, Instagram, WhatsApp and X stored by the centre's rules, on both kinds
of centre: a chat is one conversation per sender (their next message joins the open contact,
or follows the one closed lately), each message once however often the platform delivers it,
the customer known by their identity on the platform, and ids kept exact."""

import uuid
from datetime import timedelta

import webhooks as hooks
from sqlalchemy import select, update

from app.clock import utcnow
from app.enums import Channel, ContactStatus, IdentityKind
from app.ingest import webhook
from app.ingest.inbound import Outcome
from app.ingest.receive import receive_all
from app.models import Contact, Customer, CustomerIdentity, Message

TEAM = "Équipe Paris 1"


def _hand(connector, platform: str, raw: bytes):
    return receive_all(connector, webhook.parse(platform, raw, team=TEAM))


def _close(truth, contact_id, ago: timedelta = timedelta(0)) -> None:
    with truth.session() as s:
        s.execute(
            update(Contact)
            .where(Contact.id == contact_id)
            .values(status=ContactStatus.CLOSED, closed_at=utcnow() - ago)
        )


def test_a_whatsapp_chat_is_one_contact_per_sender_and_finds_its_customer(connector, truth) -> None:
    wa_id = "336" + hooks.digits(8)
    with truth.session() as s:  # the customer gave this number before (E.164, as stored)
        person = s.scalars(select(Customer.id).order_by(Customer.id).limit(1)).one()
        s.add(
            CustomerIdentity(
                id=uuid.uuid4(),
                customer_id=person,
                kind=IdentityKind.WHATSAPP,
                value=f"+{wa_id}",
                display=f"+{wa_id}",
            )
        )
    first = _hand(
        connector,
        "whatsapp",
        hooks.whatsapp(
            [hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), "Bonjour, mon compteur clignote")],
            names={wa_id: "Karim Benali"},
        ),
    )
    (new,) = first.received
    assert new.outcome == Outcome.NEW
    then = _hand(
        connector,
        "whatsapp",
        hooks.whatsapp([hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), "Il affiche E21")]),
    )
    assert [r.outcome for r in then.received] == [Outcome.JOINED]
    assert then.received[0].contact_id == new.contact_id
    with truth.session() as s:
        contact = s.get(Contact, new.contact_id)
    assert contact.channel == Channel.WHATSAPP and contact.sender_address == wa_id
    assert contact.sender_display == "Karim Benali"
    assert contact.customer_id == person


def test_a_message_after_the_chat_closed_follows_it_and_a_week_later_starts_afresh(
    connector, truth
) -> None:
    sender = hooks.digits(16)
    hand = lambda text: _hand(  # noqa: E731
        connector,
        "facebook",
        hooks.messenger(hooks.messenger_message(sender, hooks.fresh("m_"), text)),
    ).received[0]
    opened = hand("Bonjour")
    _close(truth, opened.contact_id, ago=timedelta(days=2))
    follow = hand("Finalement ça ne marche toujours pas")
    assert follow.outcome == Outcome.FOLLOW_ON and follow.contact_id != opened.contact_id
    with truth.session() as s:
        assert s.get(Contact, follow.contact_id).parent_id == opened.contact_id
    for contact_id in (opened.contact_id, follow.contact_id):
        _close(truth, contact_id, ago=timedelta(days=8))
    afresh = hand("Une autre question")
    assert afresh.outcome == Outcome.NEW


def test_two_senders_are_two_chats(connector) -> None:
    one, two = hooks.digits(16), hooks.digits(16)
    handed = _hand(
        connector,
        "instagram",
        hooks.messenger(
            hooks.messenger_message(one, hooks.fresh("ig_"), "Bonjour"),
            hooks.messenger_message(two, hooks.fresh("ig_"), "Bonsoir"),
            platform="instagram",
        ),
    )
    assert [r.outcome for r in handed.received] == [Outcome.NEW, Outcome.NEW]
    assert handed.received[0].contact_id != handed.received[1].contact_id


def test_a_request_delivered_again_stores_nothing_twice(connector, truth) -> None:
    wa_id = "336" + hooks.digits(8)
    raw = hooks.whatsapp(
        [
            hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), "Un"),
            hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), "Deux"),
        ]
    )
    first = _hand(connector, "whatsapp", raw)
    again = _hand(connector, "whatsapp", raw)
    assert [r.outcome for r in first.received] == [Outcome.NEW, Outcome.JOINED]
    assert [r.outcome for r in again.received] == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    with truth.session() as s:
        texts = s.scalars(
            select(Message.body_text).where(Message.contact_id == first.received[0].contact_id)
        ).all()
    assert sorted(texts) == ["Deux", "Un"]


def test_an_x_id_beyond_2_53_is_stored_exact(connector, truth) -> None:
    key = 2**62 + int(hooks.digits(9))  # a JSON number no double holds
    sender = str(2**53 + int(hooks.digits(6)))
    handed = _hand(connector, "x", hooks.x_dm(sender, key, "Toujours pas de remboursement"))
    (received,) = handed.received
    with truth.session() as s:
        message = s.get(Message, received.message_id)
        contact = s.get(Contact, received.contact_id)
    assert message.external_id == str(key)
    assert contact.sender_address == sender and contact.sender_display == "Élodie M. (@elodie_m)"


def test_a_customer_in_distress_is_raised_in_the_queue_on_any_channel(connector, truth) -> None:
    handed = _hand(
        connector,
        "whatsapp",
        hooks.whatsapp(
            [
                hooks.whatsapp_text(
                    "336" + hooks.digits(8),
                    hooks.fresh("wamid."),
                    "C'est inadmissible, je vais porter plainte et saisir un avocat",
                )
            ]
        ),
    )
    with truth.session() as s:
        contact = s.get(Contact, handed.received[0].contact_id)
    assert contact.priority >= 2 and contact.risk_flag
