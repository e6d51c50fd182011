"""Advisors' e-mail replies leave by themselves through a real SMTP server on loopback (aiosmtpd),
on both kinds of centre: queued by the centre when the workstation pushes them, sent threaded in
the customer's language with the team's signature, retried when the server fails for a while,
failed with the server's words when it refuses for good (the contact back in the queue), failed
by a bounce that comes back later, and seen by the advisor's workstation as the centre has it."""

import threading
import uuid
from datetime import timedelta
from email.message import EmailMessage

import pytest
import smtp_server
from mails import mail
from sqlalchemy import select, update

from app.clock import utcnow
from app.connectors.config import Secret, SenderConfig
from app.connectors.outgoing import Reply, due
from app.connectors.smtp import Sender, compose, subject
from app.dto import CloseRequest, QueueFilter
from app.enums import ContactStatus, DeliveryState
from app.ingest import mail as mail_parser
from app.ingest.receive import receive
from app.models import ChannelKey, Contact, Delivery, Outcome

TEAM = "Équipe Paris 1"
SMTP_PASSWORD = "RELAIS_TEST_SMTP_PASSWORD"


@pytest.fixture(scope="module")
def desk(centre, tmp_path_factory):
    ws = centre.workstation(centre.add_user("advisor", team=TEAM), tmp_path_factory.mktemp("ws"))
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def server():
    made = smtp_server.start()
    yield made
    made.stop()


def _sender(port: int, **changes) -> SenderConfig:
    config = SenderConfig(
        host="127.0.0.1",
        port=port,
        security="none",
        login=None,
        password=None,
        from_address="Service client <service-client@relais.example>",
        signatures={"fr": "Le service client Relais", "en": "Relais customer service"},
        team_signatures={TEAM: {"fr": "L'équipe Paris 1\n01 23 45 67 89"}},
        poll_seconds=0.2,
    )
    return SenderConfig(**{**config.__dict__, **changes})


def _customer_writes(connector, address: str, subject: str = "Mon compteur") -> tuple:
    """A customer's mail, stored as a contact of the team: (contact id, its Message-ID)."""
    message_id = f"<{uuid.uuid4().hex}@mail.example.net>"
    raw = mail(f"Jeanne Dupont <{address}>", subject, "Bonjour, mon compteur…", message_id)
    answer = receive(connector, mail_parser.parse(raw, team=TEAM))
    return answer.contact_id, message_id


def _answer(desk, contact_id, text: str = "Bonjour, c'est réglé.", close: bool = True):
    """The advisor takes the contact, replies and (by default) closes it; the sync pushes."""
    desk.sync.cycle()
    desk.queue.take(contact_id)
    reply = desk.contacts.send_reply(contact_id, text)
    if close:
        reason = desk.reference.reason_codes()[0].id
        desk.contacts.close(CloseRequest(contact_id, reason, Outcome.RESOLVED.value, 3, "", None))
    desk.sync.cycle()
    return reply.id


def _delivery(truth, message_id) -> Delivery:
    with truth.session() as s:
        found = s.scalars(select(Delivery).where(Delivery.message_id == message_id)).one()
        s.expunge_all()
        return found


def _status(truth, contact_id) -> ContactStatus:
    with truth.session() as s:
        return s.get(Contact, contact_id).status


def _make_due(truth, message_id) -> None:
    with truth.session() as s:
        s.execute(
            update(Delivery)
            .where(Delivery.message_id == message_id)
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )


def _sent_to(server, address: str) -> EmailMessage:
    (message,) = server.to(address)
    return message


def test_a_reply_leaves_threaded_signed_and_in_the_customers_language(
    connector, truth, desk, server
) -> None:
    address = f"jeanne.{uuid.uuid4().hex[:6]}@example.org"
    contact_id, asked = _customer_writes(connector, address, "Re: Mon compteur")
    reply_id = _answer(desk, contact_id)
    queued = _delivery(truth, reply_id)
    assert queued.state == DeliveryState.QUEUED and queued.channel == "email"

    assert Sender(_sender(server.port), connector, threading.Event()).round() >= 1

    sent = _sent_to(server, address)
    with truth.session() as s:
        reference = s.get(Contact, contact_id).reference
    assert sent["Subject"] == f"Re: Mon compteur [{reference}]"
    assert sent["In-Reply-To"] == asked
    assert asked in sent["References"]
    assert sent["Message-ID"] == f"<{reply_id}@relais.example>"
    assert sent["Content-Language"] == "fr"
    assert sent["From"].addresses[0].addr_spec == "service-client@relais.example"
    body = sent.get_content().replace("\r\n", "\n")
    assert "Bonjour, c'est réglé." in body
    assert "\n-- \nL'équipe Paris 1\n01 23 45 67 89" in body  # the team's own signature
    delivered = _delivery(truth, reply_id)
    assert delivered.state == DeliveryState.SENT and delivered.reason == ""
    assert delivered.external_id == sent["Message-ID"] and delivered.attempts == 1
    with truth.session() as s:  # the customer's answer to it will find its thread
        key = s.get(ChannelKey, ("email", sent["Message-ID"]))
        assert key is not None and key.contact_id == contact_id

    # The advisor's copy says it was sent, as the centre does.
    desk.sync.cycle()
    (shown,) = [m for m in desk.contacts.detail(contact_id).messages if m.id == reply_id]
    assert shown.delivery is not None and shown.delivery.state == DeliveryState.SENT


def test_the_customers_answer_to_a_sent_reply_joins_its_contact(
    connector, truth, desk, server
) -> None:
    address = f"paul.{uuid.uuid4().hex[:6]}@example.org"
    contact_id, _ = _customer_writes(connector, address)
    _answer(desk, contact_id, close=False)
    Sender(_sender(server.port), connector, threading.Event()).round()
    ours = _sent_to(server, address)["Message-ID"]
    answer = receive(
        connector,
        mail_parser.parse(
            mail(f"Paul <{address}>", "Re: Mon compteur", "Merci !", in_reply_to=ours),
            team=TEAM,
        ),
    )
    assert answer.outcome.value == "joined" and answer.contact_id == contact_id


def test_a_refused_recipient_fails_the_reply_with_the_servers_words_and_requeues_it(
    connector, truth, desk, server
) -> None:
    contact_id, _ = _customer_writes(connector, smtp_server.UNKNOWN)
    reply_id = _answer(desk, contact_id)
    assert _status(truth, contact_id) == ContactStatus.CLOSED

    Sender(_sender(server.port), connector, threading.Event()).round()

    failed = _delivery(truth, reply_id)
    assert failed.state == DeliveryState.FAILED
    assert failed.reason.startswith("refused: 550 5.1.1")
    assert "User unknown" in failed.reason
    assert _status(truth, contact_id) == ContactStatus.QUEUED  # back where an advisor sees it
    with truth.session() as s:
        assert s.get(Contact, contact_id).priority >= 2
    assert server.to(smtp_server.UNKNOWN) == []

    desk.sync.cycle()
    rows = desk.queue.page(QueueFilter(), 0, 500)
    (row,) = [r for r in rows if r.id == contact_id]
    assert row.reply_failed


def test_a_server_failing_for_a_while_gets_the_reply_again_after_the_centres_pause(
    connector, truth, desk, server
) -> None:
    server.room.clear()
    address = f"{smtp_server.FULL}.{uuid.uuid4().hex[:6]}@example.org"
    contact_id, _ = _customer_writes(connector, address)
    reply_id = _answer(desk, contact_id)
    sender = Sender(_sender(server.port), connector, threading.Event())

    sender.round()
    waiting = _delivery(truth, reply_id)
    assert waiting.state == DeliveryState.QUEUED and waiting.lease_until is None
    assert waiting.reason.startswith("deferred: 452 4.2.2 Mailbox full")
    assert waiting.next_attempt_at > utcnow() + timedelta(seconds=30)  # the centre's pause
    assert [r for r in due(connector, "email") if r.message_id == reply_id] == []

    server.room.set()
    _make_due(truth, reply_id)
    sender.round()
    assert _delivery(truth, reply_id).state == DeliveryState.SENT
    assert _delivery(truth, reply_id).attempts == 2
    assert len(server.to(address)) == 1


def test_a_server_that_is_down_loses_nothing(connector, truth, desk, server) -> None:
    address = f"marc.{uuid.uuid4().hex[:6]}@example.org"
    contact_id, _ = _customer_writes(connector, address)
    reply_id = _answer(desk, contact_id)

    Sender(_sender(smtp_server.free_port()), connector, threading.Event()).round()
    waiting = _delivery(truth, reply_id)
    assert waiting.state == DeliveryState.QUEUED
    assert waiting.reason.startswith("unreachable: ")

    _make_due(truth, reply_id)
    Sender(_sender(server.port), connector, threading.Event()).round()
    assert _delivery(truth, reply_id).state == DeliveryState.SENT
    assert len(server.to(address)) == 1


def test_a_reply_is_handed_to_one_connector_at_a_time(connector, truth, desk) -> None:
    address = f"lea.{uuid.uuid4().hex[:6]}@example.org"
    contact_id, _ = _customer_writes(connector, address)
    reply_id = _answer(desk, contact_id)
    first = [r for r in due(connector, "email", 100) if r.message_id == reply_id]
    second = [r for r in due(connector, "email", 100) if r.message_id == reply_id]
    assert len(first) == 1 and second == []  # leased for ten minutes to the first
    with truth.session() as s:  # a connector that died: its lease passes
        s.execute(
            update(Delivery)
            .where(Delivery.message_id == reply_id)
            .values(lease_until=utcnow() - timedelta(seconds=1))
        )
    (again,) = [r for r in due(connector, "email", 100) if r.message_id == reply_id]
    assert again.attempt == 2


def test_a_bounce_fails_the_reply_it_names(connector, truth, desk, server) -> None:
    address = f"zoe.{uuid.uuid4().hex[:6]}@example.org"
    contact_id, _ = _customer_writes(connector, address)
    reply_id = _answer(desk, contact_id)
    Sender(_sender(server.port), connector, threading.Event()).round()
    ours = _sent_to(server, address)["Message-ID"]
    assert _delivery(truth, reply_id).state == DeliveryState.SENT

    answer = receive(connector, mail_parser.parse(_dsn(ours, address), team=TEAM))

    assert answer.outcome.value == "ignored"  # an automatic mail opens no contact
    failed = _delivery(truth, reply_id)
    assert failed.state == DeliveryState.FAILED
    assert failed.reason == f"bounced: 550 5.1.1 User unknown ({address})"
    assert _status(truth, contact_id) == ContactStatus.QUEUED


def test_no_address_no_send_and_the_reason_said(connector, truth, desk, server) -> None:
    contact_id, _ = _customer_writes(connector, "someone@example.org")
    with truth.session() as s:  # a contact the centre knows no address for
        s.execute(update(Contact).where(Contact.id == contact_id).values(sender_address=""))
    reply_id = _answer(desk, contact_id)
    with truth.session() as s:  # a new sender: no customer, no identity to fall back on
        assert s.get(Contact, contact_id).customer_id is None
    Sender(_sender(server.port), connector, threading.Event()).round()
    failed = _delivery(truth, reply_id)
    assert failed.state == DeliveryState.FAILED
    assert failed.reason == "no_address"


def _stray_reply(**values) -> Reply:
    """A reply as a connector holds it, of no delivery the centre knows."""
    return Reply(
        **{
            "delivery_id": uuid.uuid4(),
            "message_id": uuid.uuid4(),
            "attempt": 1,
            "reference": "R-ABCD-EFGH",
            "subject": "Hello",
            "language": "en",
            "team": None,
            "to_display": "Eve",
            "to_address": "eve@example.org",
            "author": "Alice",
            "body_text": "Hi",
            "written_at": utcnow(),
            "in_reply_to": None,
            "references": (),
            "external_id": None,
            **values,
        }
    )


def test_what_a_customer_wrote_never_becomes_a_header_of_its_own() -> None:
    reply = _stray_reply(
        subject="Hello\r\nBcc: victim@example.net", to_display="Eve\r\nBcc: victim@example.net"
    )
    message = compose(reply, _sender(25))
    assert message["Bcc"] is None
    assert "\n" not in str(message["Subject"]) and "\n" not in str(message["To"])
    assert subject(reply).endswith("[R-ABCD-EFGH]")
    assert message.get_content().endswith("-- \nRelais customer service\n")


def test_a_report_the_centre_refuses_is_not_said_again(connector, server) -> None:
    """A report of a reply the centre settled otherwise is refused: logged and dropped, it
    does not hold back the replies behind it."""
    sender = Sender(_sender(server.port), connector, threading.Event())
    sender._tell(_stray_reply(), "sent", "", "<stray@relais.example>")
    assert sender._unreported == []
    sender.round()  # and the next round runs


def test_the_service_logs_in_and_sends_until_stopped(connector, truth, desk, monkeypatch) -> None:
    guarded = smtp_server.start(login="relais", password="s3cret")
    try:
        monkeypatch.setenv(SMTP_PASSWORD, "wrong")
        config = _sender(
            guarded.port,
            login="relais",
            password=Secret("smtp://test", "relais", SMTP_PASSWORD),
        )
        address = f"ines.{uuid.uuid4().hex[:6]}@example.org"
        contact_id, _ = _customer_writes(connector, address)
        reply_id = _answer(desk, contact_id)
        Sender(config, connector, threading.Event()).round()
        refused = _delivery(truth, reply_id)
        assert refused.state == DeliveryState.QUEUED
        assert refused.reason.startswith("login: 535")

        monkeypatch.setenv(SMTP_PASSWORD, "s3cret")
        _make_due(truth, reply_id)
        stop = threading.Event()
        running = threading.Thread(target=Sender(config, connector, stop).run)
        running.start()
        try:
            for _ in range(100):
                if _delivery(truth, reply_id).state == DeliveryState.SENT:
                    break
                stop.wait(0.1)
        finally:
            stop.set()
            running.join(timeout=10)
        assert not running.is_alive()
        assert _delivery(truth, reply_id).state == DeliveryState.SENT
        assert len(guarded.to(address)) == 1
    finally:
        guarded.stop()


def _dsn(original: str, recipient: str) -> bytes:
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
        "To: service-client@relais.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: <{uuid.uuid4().hex}@mx.example.org>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {original}\r\nSubject: Re: Mon compteur\r\n"
        "--B--\r\n"
    ).encode()
