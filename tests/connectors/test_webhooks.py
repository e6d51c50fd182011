"""The social platforms' side of the connectors, over real HTTP on loopback, on both kinds of
centre: the webhook endpoint takes only what its platform signed, answers the platforms'
checks, keeps each request on disk before acknowledging it (so a centre that is down loses
nothing), and hands it to the queue; the advisors' replies go out through a platform API on
loopback (tests/connectors/platform_api.py), wait as long as the platform asks, fail with its
words, and move forward only with what the platform later reports."""

import json
import socket
import threading
import time
from datetime import timedelta
from pathlib import Path

import httpx
import platform_api
import pytest
import webhooks as hooks
from sqlalchemy import make_url, select, update

from app.clock import utcnow
from app.connectors import signatures
from app.connectors.config import PlatformConfig, Secret, WebhooksConfig
from app.connectors.platforms import PlatformSender
from app.connectors.spool import Spool
from app.connectors.webhooks import Handover, Keys, Receiver
from app.db import Database
from app.dto import CloseRequest
from app.enums import Channel, ContactStatus, DeliveryState
from app.errors import RelaisError
from app.ingest.inbound import Outcome
from app.ingest.xdm import TWITTER_EPOCH_MS
from app.models import Contact, Customer, CustomerIdentity, Delivery, Message, Team
from app.models import Outcome as CloseOutcome

TEAM = "Équipe Paris 1"
SECRET = {
    p: f"{p.value}-app-secret"
    for p in (Channel.FACEBOOK, Channel.INSTAGRAM, Channel.WHATSAPP, Channel.X)
}
VERIFY = "the-endpoints-verify-token"


@pytest.fixture(scope="module")
def desk(centre, tmp_path_factory):
    ws = centre.workstation(centre.add_user("advisor", team=TEAM), tmp_path_factory.mktemp("ws"))
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def api():
    made = platform_api.start()
    yield made
    made.stop()


def _platform(platform: Channel, api_url: str = "http://127.0.0.1:9", **changes) -> PlatformConfig:
    config = PlatformConfig(
        platform=platform,
        signing_secret=Secret("webhook://test", "signing secret", None),
        verify_token=None,
        access_token=None,
        api=api_url,
        account_id="106540352242922" if platform == Channel.WHATSAPP else None,
        team=TEAM,
        poll_seconds=0.2,
    )
    return PlatformConfig(**{**config.__dict__, **changes})


@pytest.fixture
def endpoint(tmp_path: Path):
    """The endpoint on a free port, its spool, and what hands the spool to the centre."""
    config = WebhooksConfig("127.0.0.1", 0, tmp_path / "spool", tuple(_platform(p) for p in SECRET))
    spool = Spool(config.spool)
    arrived = threading.Event()
    receiver = Receiver(config, {p: Keys(s, VERIFY) for p, s in SECRET.items()}, spool, arrived)
    receiver.start()
    yield f"http://127.0.0.1:{receiver.port}", spool, config, arrived
    receiver.stop()


def _post(
    url: str, platform: Channel, raw: bytes, secret: str | None = None, **headers
) -> httpx.Response:
    if secret is None:
        secret = SECRET[platform]
    signed = {signatures.header(platform): signatures.sign(platform, secret, raw)} if secret else {}
    return httpx.post(
        f"{url}/webhooks/{platform.value}", content=raw, headers={**signed, **headers}
    )


def _hand(connector, spool: Spool, config: WebhooksConfig) -> list:
    handed: list = []
    Handover(
        connector, spool, config.platforms, threading.Event(), threading.Event(), handed.append
    ).drain()
    return [r for h in handed for r in h.received]


def _messages(truth) -> int:
    with truth.session() as s:
        return len(s.scalars(select(Message.id)).all())


def _delivery(truth, message_id) -> Delivery:
    with truth.session() as s:
        found = s.scalars(select(Delivery).where(Delivery.message_id == message_id)).one()
        s.expunge_all()
        return found


def _answer(desk, contact_id, text: str = "Bonjour, c'est réglé.", close: bool = False):
    desk.sync.cycle()
    desk.queue.take(contact_id)
    reply = desk.contacts.send_reply(contact_id, text)
    if close:
        reason = desk.reference.reason_codes()[0].id
        desk.contacts.close(
            CloseRequest(contact_id, reason, CloseOutcome.RESOLVED.value, 3, "", None)
        )
    desk.sync.cycle()
    return reply.id


def _whatsapp_customer(connector, endpoint, text: str = "Mon compteur affiche E21"):
    """A customer writes on WhatsApp, through the endpoint: (their wa_id, the contact's id)."""
    url, spool, config, _ = endpoint
    wa_id = "336" + hooks.digits(8)
    raw = hooks.whatsapp(
        [hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), text)], names={wa_id: "Karim"}
    )
    assert _post(url, Channel.WHATSAPP, raw).status_code == 200
    (received,) = _hand(connector, spool, config)
    return wa_id, received.contact_id


# -- the endpoint ---------------------------------------------------------------------------------


def test_a_signed_request_is_kept_acknowledged_and_queued(connector, truth, endpoint) -> None:
    url, spool, config, arrived = endpoint
    wa_id = "336" + hooks.digits(8)
    raw = hooks.whatsapp(
        [hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), "Bonjour, plus de courant")],
        names={wa_id: "Karim Benali"},
    )
    answer = _post(url, Channel.WHATSAPP, raw)
    assert answer.status_code == 200
    assert arrived.is_set()
    (kept,) = spool.pending()
    assert kept.platform == Channel.WHATSAPP and kept.path.read_bytes() == raw
    (received,) = _hand(connector, spool, config)
    assert received.outcome == Outcome.NEW
    assert spool.pending() == []
    with truth.session() as s:
        contact = s.get(Contact, received.contact_id)
        assert contact.status == ContactStatus.QUEUED and s.get(Team, contact.team_id).name == TEAM
        assert (
            contact.sender_display == "Karim Benali"
            and contact.preview == "Bonjour, plus de courant"
        )


@pytest.mark.parametrize(
    ("how", "secret", "tamper"),
    [
        ("no signature", "", False),
        ("another app's secret", "not-our-secret", False),
        ("a body changed after signing", None, True),
    ],
)
def test_a_request_the_platform_did_not_sign_is_refused_and_nothing_kept(
    connector, truth, endpoint, how, secret, tamper
) -> None:
    url, spool, config, _ = endpoint
    before = _messages(truth)
    for platform in SECRET:
        raw = hooks.messenger(
            hooks.messenger_message(hooks.digits(16), hooks.fresh("m_"), "Payez ici")
        )
        key = SECRET[platform] if secret is None else secret
        signed = {signatures.header(platform): signatures.sign(platform, key, raw)} if key else {}
        body = raw.replace(b"Payez", b"Cliquez") if tamper else raw
        answer = httpx.post(f"{url}/webhooks/{platform.value}", content=body, headers=signed)
        assert answer.status_code == 401, (how, platform)
    assert spool.pending() == []
    assert _hand(connector, spool, config) == []
    assert _messages(truth) == before


def test_an_x_signature_is_base64_and_metas_is_hex(endpoint) -> None:
    """Each platform's own encoding: the other one's is refused."""
    url, spool, _, _ = endpoint
    raw = hooks.x_dm(hooks.digits(18), int(hooks.digits(19)), "Bonjour")
    hexed = "sha256=" + signatures.sign(Channel.FACEBOOK, SECRET[Channel.X], raw).removeprefix(
        "sha256="
    )
    refused = httpx.post(f"{url}/webhooks/x", content=raw, headers={signatures.X_HEADER: hexed})
    assert refused.status_code == 401
    assert _post(url, Channel.X, raw).status_code == 200
    assert len(spool.pending()) == 1


def test_the_platforms_checks_of_the_endpoint(endpoint) -> None:
    url = endpoint[0]
    check = {"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"}
    answer = httpx.get(f"{url}/webhooks/whatsapp", params=check)
    assert (answer.status_code, answer.text) == (200, "1158201444")
    wrong = httpx.get(f"{url}/webhooks/facebook", params={**check, "hub.verify_token": "guess"})
    assert wrong.status_code == 403
    crc = httpx.get(f"{url}/webhooks/x", params={"crc_token": "challenge-123"})
    expected = signatures.sign(Channel.X, SECRET[Channel.X], b"challenge-123")
    assert crc.status_code == 200 and crc.json() == {"response_token": expected}
    assert httpx.get(f"{url}/webhooks/x").status_code == 403


def test_what_is_not_a_webhook_request_is_refused_before_it_is_read(endpoint) -> None:
    url, spool, _, _ = endpoint
    assert httpx.post(f"{url}/webhooks/telegram", content=b"{}").status_code == 404
    assert httpx.get(f"{url}/etc/passwd").status_code == 404
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as huge:  # says 3 MB, sends none
        huge.sendall(
            b"POST /webhooks/whatsapp HTTP/1.1\r\nHost: x\r\nContent-Length: 3145728\r\n\r\n"
        )
        assert huge.recv(100).startswith(b"HTTP/1.0 413")
    assert httpx.get(f"{url}/health").json() == {"waiting": 0}
    assert spool.pending() == []


def test_while_the_centre_is_down_requests_wait_on_disk_and_go_in_after(
    connector, truth, endpoint
) -> None:
    url, spool, config, _ = endpoint
    wa_id = "336" + hooks.digits(8)
    for text in ("Un", "Deux", "Trois"):
        raw = hooks.whatsapp([hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), text)])
        assert _post(url, Channel.WHATSAPP, raw).status_code == 200  # acknowledged all the same
    down = Database("postgresql+psycopg://relais:relais@127.0.0.1:9/relais", "central")
    try:
        with pytest.raises(RelaisError):
            Handover(down, spool, config.platforms, threading.Event(), threading.Event()).drain()
    finally:
        down.dispose()
    assert len(spool.pending()) == 3
    received = _hand(connector, spool, config)
    assert [r.outcome for r in received] == [Outcome.NEW, Outcome.JOINED, Outcome.JOINED]
    with truth.session() as s:
        texts = s.scalars(
            select(Message.body_text)
            .where(Message.contact_id == received[0].contact_id)
            .order_by(Message.created_at)
        ).all()
    assert texts == ["Un", "Deux", "Trois"]  # in the order they came


def test_a_request_delivered_twice_is_stored_once(connector, endpoint) -> None:
    url, spool, config, _ = endpoint
    raw = hooks.x_dm(hooks.digits(18), int(hooks.digits(19)), "Bonjour, toujours rien")
    assert _post(url, Channel.X, raw).status_code == 200
    assert _post(url, Channel.X, raw).status_code == 200  # the platform did not hear our 200
    assert [r.outcome for r in _hand(connector, spool, config)] == [Outcome.NEW, Outcome.DUPLICATE]


def test_a_signed_request_not_in_its_format_is_put_aside_with_why(connector, endpoint) -> None:
    url, spool, config, _ = endpoint
    assert _post(url, Channel.INSTAGRAM, b'{"object": "page", "entry": []}').status_code == 200
    assert _hand(connector, spool, config) == []
    (aside,) = spool.rejected.glob("*.json")
    why = aside.with_suffix(".why.txt").read_text(encoding="utf-8")
    assert "not a instagram webhook request" in why or "instagram" in why
    assert spool.pending() == []


def test_the_handover_runs_until_stopped_and_wakes_on_arrival(connector, truth, endpoint) -> None:
    url, spool, config, arrived = endpoint
    stop, handed = threading.Event(), []
    worker = threading.Thread(
        target=Handover(connector, spool, config.platforms, stop, arrived, handed.append).run
    )
    worker.start()
    try:
        raw = hooks.messenger(
            hooks.messenger_message(hooks.digits(16), hooks.fresh("m_"), "Allô ?")
        )
        assert _post(url, Channel.FACEBOOK, raw).status_code == 200
        for _ in range(100):
            if handed:
                break
            time.sleep(0.05)
    finally:
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive()
    assert [r.outcome for r in handed[0].received] == [Outcome.NEW]


# -- the replies ----------------------------------------------------------------------------------


def _sender(platform: Channel, api, connector, token: str = "page-token") -> PlatformSender:
    return PlatformSender(_platform(platform, api.url), token, connector, threading.Event())


def test_a_whatsapp_reply_is_sent_and_moves_forward_only_with_the_platforms_reports(
    connector, truth, desk, api, endpoint
) -> None:
    url, spool, config, _ = endpoint
    wa_id, contact_id = _whatsapp_customer(connector, endpoint)
    reply_id = _answer(desk, contact_id, "Bonjour Karim, un technicien passe demain.")
    _sender(Channel.WHATSAPP, api, connector, token="wa-token").round()
    (call,) = api.to(wa_id)
    assert call.path == "/106540352242922/messages"
    assert call.headers["Authorization"] == "Bearer wa-token"
    assert call.body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": wa_id,
        "type": "text",
        "text": {"preview_url": False, "body": "Bonjour Karim, un technicien passe demain."},
    }
    sent = _delivery(truth, reply_id)
    assert sent.state == DeliveryState.SENT and sent.external_id.startswith("wamid.SENT")
    reports = hooks.whatsapp(
        statuses=[
            hooks.whatsapp_status(sent.external_id, "read", wa_id),
            hooks.whatsapp_status(sent.external_id, "delivered", wa_id),  # late: changes nothing
        ]
    )
    assert _post(url, Channel.WHATSAPP, reports).status_code == 200
    _hand(connector, spool, config)
    assert _delivery(truth, reply_id).state == DeliveryState.READ
    desk.sync.cycle()  # and the advisor sees it read
    (shown,) = [m for m in desk.contacts.detail(contact_id).messages if m.id == reply_id]
    assert shown.delivery is not None and shown.delivery.state == DeliveryState.READ
    # The customer's answer to it, quoting it, joins its contact.
    answer = hooks.whatsapp(
        [hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), "Merci", context=sent.external_id)]
    )
    assert _post(url, Channel.WHATSAPP, answer).status_code == 200
    (joined,) = _hand(connector, spool, config)
    assert (joined.outcome, joined.contact_id) == (Outcome.JOINED, contact_id)


def test_a_reply_the_platform_reports_failed_puts_the_contact_back(
    connector, truth, desk, api, endpoint
) -> None:
    url, spool, config, _ = endpoint
    wa_id, contact_id = _whatsapp_customer(connector, endpoint)
    reply_id = _answer(desk, contact_id, close=True)
    _sender(Channel.WHATSAPP, api, connector).round()
    sent = _delivery(truth, reply_id)
    failure = hooks.whatsapp_status(
        sent.external_id, "failed", wa_id, (131047, "Re-engagement message")
    )
    assert _post(url, Channel.WHATSAPP, hooks.whatsapp(statuses=[failure])).status_code == 200
    _hand(connector, spool, config)
    failed = _delivery(truth, reply_id)
    assert failed.state == DeliveryState.FAILED
    assert failed.reason == "rejected: 131047 Re-engagement message"
    with truth.session() as s:
        contact = s.get(Contact, contact_id)
        assert contact.status == ContactStatus.QUEUED and contact.priority >= 2


def _queued_reply(connector, desk, endpoint) -> tuple:
    wa_id, contact_id = _whatsapp_customer(connector, endpoint)
    return wa_id, _answer(desk, contact_id)


def test_a_platform_that_asks_to_wait_gets_the_reply_no_sooner(
    connector, truth, desk, api, endpoint
) -> None:
    _, reply_id = _queued_reply(connector, desk, endpoint)
    api.answer(
        429, {"error": {"code": 130429, "message": "Rate limit hit"}}, {"Retry-After": "600"}
    )
    before = utcnow()
    _sender(Channel.WHATSAPP, api, connector).round()
    waiting = _delivery(truth, reply_id)
    assert waiting.state == DeliveryState.QUEUED
    assert waiting.reason.startswith("throttled: 429 130429 Rate limit hit")
    assert waiting.next_attempt_at.replace(tzinfo=None) >= (
        before + timedelta(seconds=590)
    ).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("status", "body", "state", "reason"),
    [
        (
            500,
            {"error": {"code": 2, "message": "Service temporarily unavailable"}},
            DeliveryState.QUEUED,
            "offline: 500 2",
        ),
        (
            401,
            {"error": {"code": 190, "message": "Error validating access token"}},
            DeliveryState.QUEUED,
            "token: 401 190",
        ),
        (
            400,
            {"error": {"code": 190, "message": "Session has expired"}},
            DeliveryState.QUEUED,
            "token: 400 190",
        ),
        (
            400,
            {"error": {"code": 131026, "message": "Message undeliverable"}},
            DeliveryState.FAILED,
            "rejected: 400 131026 Message undeliverable",
        ),
    ],
)
def test_what_the_platform_answers_is_what_becomes_of_the_reply(
    connector, truth, desk, api, endpoint, status, body, state, reason
) -> None:
    _, reply_id = _queued_reply(connector, desk, endpoint)
    api.answer(status, body)
    _sender(Channel.WHATSAPP, api, connector).round()
    settled = _delivery(truth, reply_id)
    assert settled.state == state and settled.reason.startswith(reason)


def test_an_unreachable_platform_keeps_the_reply_queued(connector, truth, desk, endpoint) -> None:
    _, reply_id = _queued_reply(connector, desk, endpoint)
    PlatformSender(
        _platform(Channel.WHATSAPP, "http://127.0.0.1:9"), "t", connector, threading.Event()
    ).round()
    waiting = _delivery(truth, reply_id)
    assert waiting.state == DeliveryState.QUEUED and waiting.reason.startswith(
        "offline: ConnectError"
    )


def test_messenger_and_instagram_replies_go_to_the_page_scoped_id(
    connector, truth, desk, api, endpoint
) -> None:
    url, spool, config, _ = endpoint
    for platform in (Channel.FACEBOOK, Channel.INSTAGRAM):
        psid = hooks.digits(16)
        raw = hooks.messenger(
            hooks.messenger_message(psid, hooks.fresh("m_"), "Bonjour"),
            platform=_object(platform),
        )
        assert _post(url, platform, raw).status_code == 200
        (received,) = _hand(connector, spool, config)
        reply_id = _answer(desk, received.contact_id, "Voici la marche à suivre.")
        _sender(platform, api, connector).round()
        (call,) = api.to(psid)
        assert call.path == "/me/messages"
        assert call.body == {
            "recipient": {"id": psid},
            "messaging_type": "RESPONSE",
            "message": {"text": "Voici la marche à suivre."},
        }
        sent = _delivery(truth, reply_id)
        assert sent.state == DeliveryState.SENT and sent.external_id.startswith("m_sent_")
        # A read watermark (milliseconds) reads every reply sent to them before it.
        later = int((time.time() + 5) * 1000)
        read = hooks.messenger(hooks.messenger_read(psid, later), platform=_object(platform))
        assert _post(url, platform, read).status_code == 200
        _hand(connector, spool, config)
        assert _delivery(truth, reply_id).state == DeliveryState.READ


def _object(platform: Channel) -> str:
    return "page" if platform == Channel.FACEBOOK else "instagram"


def test_an_x_reply_goes_to_the_conversation_and_is_read_by_its_watermark(
    connector, truth, desk, api, endpoint
) -> None:
    url, spool, config, _ = endpoint
    sender = str(2**53 + int(hooks.digits(6)))
    assert (
        _post(url, Channel.X, hooks.x_dm(sender, int(hooks.digits(19)), "Bonjour")).status_code
        == 200
    )
    (received,) = _hand(connector, spool, config)
    reply_id = _answer(desk, received.contact_id, "Bonjour Élodie, c'est noté.")
    _sender(Channel.X, api, connector, token="x-token").round()
    (call,) = api.to(sender)
    assert call.path == f"/2/dm_conversations/with/{sender}/messages"
    assert call.body == {"text": "Bonjour Élodie, c'est noté."}
    assert _delivery(truth, reply_id).state == DeliveryState.SENT
    snowflake = (int(time.time() * 1000) + 5000 - TWITTER_EPOCH_MS) << 22
    read = {
        "for_user_id": hooks.X_ACCOUNT,
        "direct_message_mark_read_events": [
            {
                "created_timestamp": str(int(time.time() * 1000)),
                "sender_id": sender,
                "last_read_event_id": str(snowflake),
            }
        ],
    }
    assert _post(url, Channel.X, json.dumps(read).encode()).status_code == 200
    _hand(connector, spool, config)
    assert _delivery(truth, reply_id).state == DeliveryState.READ


def test_a_reply_to_a_chat_with_no_id_to_send_to_fails_with_why(
    connector, truth, desk, api, endpoint
) -> None:
    """A Messenger contact the platform's id was lost from cannot be answered there."""
    url, spool, config, _ = endpoint
    psid = hooks.digits(16)
    assert (
        _post(
            url,
            Channel.FACEBOOK,
            hooks.messenger(hooks.messenger_message(psid, hooks.fresh("m_"), "Allô")),
        ).status_code
        == 200
    )
    (received,) = _hand(connector, spool, config)
    with truth.session() as s:
        s.execute(
            update(Contact).where(Contact.id == received.contact_id).values(sender_address="")
        )
    reply_id = _answer(desk, received.contact_id)
    _sender(Channel.FACEBOOK, api, connector).round()
    failed = _delivery(truth, reply_id)
    assert failed.state == DeliveryState.FAILED and failed.reason == "no_address"
    assert api.to(psid) == []


def test_the_spool_is_kept_across_a_restart(tmp_path: Path) -> None:
    first = Spool(tmp_path)
    kept = first.keep(Channel.WHATSAPP, b'{"object": "whatsapp_business_account", "entry": []}')
    first.keep(Channel.X, b"{}")
    assert not list(first.incoming.glob(".*.part"))
    again = Spool(tmp_path)
    assert again.pending()[0].path == kept
    assert [k.platform for k in again.pending()] == [Channel.WHATSAPP, Channel.X]
    assert oct(first.incoming.stat().st_mode & 0o777) == "0o700"


def test_a_request_half_written_by_a_killed_service_is_cleared_at_the_next_start(
    tmp_path: Path,
) -> None:
    """Killed inside ``keep``, the service never answered 200 (the platform sends the request
    again): its ``.part`` is neither handed over nor left to pile up."""
    first = Spool(tmp_path)
    kept = first.keep(Channel.X, b"{}")
    partial = first.incoming / ".01796418325212137841-5855e6e7a266.whatsapp.json.part"
    partial.write_bytes(b'{"object": "whatsapp_bus')
    again = Spool(tmp_path)
    assert not partial.exists()
    assert [k.path for k in again.pending()] == [kept]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_service_receives_and_replies_until_stopped(
    centre, connector, truth, desk, api, tmp_path, monkeypatch
) -> None:
    """``relais connectors serve`` with only webhooks configured: a platform's request in, the
    advisor's reply out, and a clean stop."""
    from app.connectors.service import serve

    port = _free_port()
    if centre.kind == "sqlite":
        where = f'url = "{centre.url}"'
    else:
        login = centre.add_user("connector")
        monkeypatch.setenv("RELAIS_CONNECTOR_PASSWORD", login)
        bare = make_url(centre.url)._replace(username=None, password=None).render_as_string()
        where = f'url = "{bare}"\nlogin = "{login}"'
    monkeypatch.setenv("TEST_WA_SECRET", SECRET[Channel.WHATSAPP])
    monkeypatch.setenv("TEST_WA_VERIFY", VERIFY)
    monkeypatch.setenv("TEST_WA_TOKEN", "service-token")
    path = tmp_path / "connectors.toml"
    path.write_text(
        f"""
[centre]
{where}

[webhooks]
listen = "127.0.0.1:{port}"
spool = "{tmp_path / "spool"}"

[webhooks.whatsapp]
app_secret_env = "TEST_WA_SECRET"
verify_token_env = "TEST_WA_VERIFY"
access_token_env = "TEST_WA_TOKEN"
phone_number_id = "106540352242922"
api = "{api.url}"
team = "{TEAM}"
poll_seconds = 0.2
""",
        encoding="utf-8",
    )
    stop = threading.Event()
    service = threading.Thread(target=serve, args=(path, stop))
    service.start()
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            assert service.is_alive()
            try:
                if httpx.get(f"{url}/health").status_code == 200:
                    break
            except httpx.ConnectError:
                time.sleep(0.05)
        wa_id = "336" + hooks.digits(8)
        raw = hooks.whatsapp([hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), "Bonjour")])
        assert _post(url, Channel.WHATSAPP, raw).status_code == 200
        contact_id = None
        for _ in range(100):
            with truth.session() as s:
                contact_id = s.scalar(select(Contact.id).where(Contact.sender_address == wa_id))
            if contact_id:
                break
            time.sleep(0.05)
        assert contact_id is not None
        reply_id = _answer(desk, contact_id, "Bonjour, nous regardons.")
        for _ in range(100):
            if _delivery(truth, reply_id).state == DeliveryState.SENT:
                break
            time.sleep(0.05)
        assert _delivery(truth, reply_id).state == DeliveryState.SENT
        (call,) = api.to(wa_id)
        assert call.headers["Authorization"] == "Bearer service-token"
    finally:
        stop.set()
        service.join(timeout=15)
    assert not service.is_alive()


def test_the_service_says_a_missing_secret_before_it_listens(tmp_path, capsys, monkeypatch) -> None:
    from ui.entry import main

    monkeypatch.setattr("app.credentials.load", lambda _where, _login: None)  # an empty keyring

    path = tmp_path / "connectors.toml"
    path.write_text(
        '[centre]\nurl = "sqlite:///' + str(tmp_path / "c.db") + '"\n[webhooks]\n'
        f'spool = "{tmp_path}"\n[webhooks.x]\nconsumer_secret_env = "RELAIS_TEST_UNSET_SECRET"\n',
        encoding="utf-8",
    )
    assert main(["connectors", "serve", "--config", str(path)]) != 0
    err = capsys.readouterr().err
    assert "No value is known for “signing secret” of webhook://x" in err
    assert "RELAIS_TEST_UNSET_SECRET" in err and "Traceback" not in err


def test_a_whatsapp_sender_linked_by_the_advisor_is_recognised_next_time(
    connector, truth, desk, endpoint
) -> None:
    """Linking remembers the number in E.164 (the platform writes it without its +), so the
    customer's next chat, weeks later, finds them by itself."""
    wa_id, contact_id = _whatsapp_customer(connector, endpoint)
    with truth.session() as s:
        person = s.scalars(select(Customer.id).order_by(Customer.id.desc()).limit(1)).one()
    desk.sync.cycle()
    desk.queue.take(contact_id)
    desk.customers.link(contact_id, person)
    reason = desk.reference.reason_codes()[0].id
    desk.contacts.close(CloseRequest(contact_id, reason, CloseOutcome.RESOLVED.value, 3, "", None))
    desk.sync.cycle()
    with truth.session() as s:
        value = s.scalar(
            select(CustomerIdentity.value).where(
                CustomerIdentity.customer_id == person, CustomerIdentity.kind == "whatsapp"
            )
        )
        s.execute(
            update(Contact)
            .where(Contact.id == contact_id)
            .values(closed_at=utcnow() - timedelta(days=30))
        )
    assert value == f"+{wa_id}"
    url, spool, config, _ = endpoint
    raw = hooks.whatsapp([hooks.whatsapp_text(wa_id, hooks.fresh("wamid."), "Re-bonjour")])
    assert _post(url, Channel.WHATSAPP, raw).status_code == 200
    (again,) = _hand(connector, spool, config)
    assert again.outcome == Outcome.NEW
    with truth.session() as s:
        assert s.get(Contact, again.contact_id).customer_id == person


def test_a_messenger_senders_name_is_asked_of_the_platform_once(
    connector, truth, api, endpoint
) -> None:
    """Messenger's webhook names nobody: the Graph API does, with the page's token; a sender
    it will not name still gets their message in."""
    from app.connectors.platforms import Profiles

    url, spool, config, _ = endpoint
    named, unnamed = hooks.digits(16), hooks.digits(16)
    api.profiles[named] = {"first_name": "Léa", "last_name": "Martin", "id": named}
    profiles = Profiles({Channel.FACEBOOK: (_platform(Channel.FACEBOOK, api.url), "page-token")})
    raw = hooks.messenger(
        hooks.messenger_message(named, hooks.fresh("m_"), "Bonjour"),
        hooks.messenger_message(named, hooks.fresh("m_"), "Vous êtes là ?"),
        hooks.messenger_message(unnamed, hooks.fresh("m_"), "Allô"),
    )
    assert _post(url, Channel.FACEBOOK, raw).status_code == 200
    handed: list = []
    Handover(
        connector,
        spool,
        config.platforms,
        threading.Event(),
        threading.Event(),
        handed.append,
        names=profiles.name,
    ).drain()
    profiles.close()
    first, _, third = handed[0].received
    with truth.session() as s:
        assert s.get(Contact, first.contact_id).sender_display == "Léa Martin"
        assert s.get(Contact, third.contact_id).sender_display == ""
    asked = [c for c in api.calls if c.body is None and named in c.path]
    assert len(asked) == 1 and asked[0].headers["Authorization"] == "Bearer page-token"
    assert "fields=first_name%2Clast_name" in asked[0].path
