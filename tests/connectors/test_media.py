"""A chat's media fetched after its message was stored, from a platform over real HTTP, on both
kinds of centre: kept with its bytes, too large whatever the Content-Length said, a slow
server cut off and tried later, a 500 tried again at the centre's pause, a 404 failed, a
redirect to plain http refused; WhatsApp's media id turned into its address with the token."""

import threading
import uuid
from datetime import timedelta

import pytest
from media_server import TOKEN, MediaServer, start
from sqlalchemy import select, update

from app.clock import utcnow
from app.connectors.config import AttachmentsConfig, PlatformConfig, Secret
from app.connectors.media import MediaFetcher
from app.enums import AttachmentState, Channel, IdentityKind
from app.ingest.attachments import MB, Limits, to_fetch
from app.ingest.inbound import Inbound, Outcome
from app.ingest.receive import receive
from app.ingest.whatsapp import MEDIA_SOURCE
from app.models import Attachment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)


@pytest.fixture(scope="module")
def media():
    server = start()
    server.files.update({"doc.pdf": PDF, "wa-771": PNG, "big.bin": bytes(3 * MB)})
    yield server
    server.stop()


CENTRE_SIZE = (5, 10, 1)
"""This module's centre: customers, contacts, queue (tests/conftest.py ``centre``)."""


_MADE: list[MediaFetcher] = []


@pytest.fixture(autouse=True)
def _closed():
    yield
    while _MADE:
        _MADE.pop().close()


def _fetcher(connector, media: MediaServer, platform: Channel, http: bool = True) -> MediaFetcher:
    config = PlatformConfig(
        platform=platform,
        signing_secret=Secret("webhook://x", "signing secret", "X_SECRET"),
        verify_token=None,
        access_token=None,
        api=f"{media.url}/v20.0",
        account_id=None,
    )
    settings = AttachmentsConfig(Limits(2 * MB, 5 * MB), 1.0, f"{media.url}/" if http else None)
    made = MediaFetcher(config, TOKEN, connector, threading.Event(), settings)
    _MADE.append(made)
    return made


def _chat(connector, channel: Channel, *sources: str) -> uuid.UUID:
    files = tuple(to_fetch(f"file{i}", "", s) for i, s in enumerate(sources))
    sender = f"336{uuid.uuid4().int % 10**8:08d}"
    kind = IdentityKind.WHATSAPP if channel == Channel.WHATSAPP else IdentityKind.FACEBOOK
    got = receive(
        connector,
        Inbound(channel, f"m-{uuid.uuid4().hex}", "", sender, (kind, f"+{sender}"), "",
                "[image]", files=files),
    )  # fmt: skip
    assert got.outcome is Outcome.NEW  # the message is stored before any fetch
    assert got.message_id is not None
    return got.message_id


def _files(truth, message_id) -> list[Attachment]:
    with truth.session() as s:
        rows = s.scalars(
            select(Attachment)
            .where(Attachment.message_id == message_id)
            .order_by(Attachment.position)
        ).all()
        s.expunge_all()
        return list(rows)


def _due_now(truth, message_id) -> None:
    with truth.session() as s:
        s.execute(
            update(Attachment)
            .where(Attachment.message_id == message_id)
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )


def test_media_is_kept_too_large_or_refused_as_the_server_answers(connector, truth, media):
    message = _chat(
        connector,
        Channel.FACEBOOK,
        f"{media.url}/files/doc.pdf",
        f"{media.url}/files/big.bin",  # 3 MB, over the 2 MB limit
        f"{media.url}/lying",  # says nothing of its size and sends 4 MB
        f"{media.url}/gone",
        f"{media.url}/to-http",  # elsewhere in plain http
        f"{media.url}/moved",  # a redirect within the allowed address
    )
    assert {f.state for f in _files(truth, message)} == {AttachmentState.PENDING}
    assert _fetcher(connector, media, Channel.FACEBOOK).round() == 6
    doc, big, lying, gone, to_http, moved = _files(truth, message)
    assert doc.state == AttachmentState.KEPT and doc.content == PDF
    assert doc.sniffed_type == "application/pdf" and doc.source is None
    assert big.state == AttachmentState.TOO_LARGE and big.content is None and "2 MB" in big.reason
    assert lying.state == AttachmentState.TOO_LARGE
    assert gone.state == AttachmentState.FAILED and "404" in gone.reason
    assert to_http.state == AttachmentState.FAILED and "https" in to_http.reason
    assert moved.state == AttachmentState.KEPT and moved.content == PDF


def test_only_https_without_a_test_address(connector, truth, media):
    message = _chat(connector, Channel.FACEBOOK, f"{media.url}/files/doc.pdf")
    _fetcher(connector, media, Channel.FACEBOOK, http=False).round()
    [doc] = _files(truth, message)
    assert doc.state == AttachmentState.FAILED and "not an https address" in doc.reason


def test_a_platform_down_or_slow_is_tried_again_later(connector, truth, media):
    media.failures["/files/doc.pdf"] = 1
    message = _chat(connector, Channel.FACEBOOK, f"{media.url}/files/doc.pdf", f"{media.url}/slow")
    fetcher = _fetcher(connector, media, Channel.FACEBOOK)
    fetcher.round()
    down, slow = _files(truth, message)
    assert down.state == slow.state == AttachmentState.PENDING
    assert "500" in down.reason and "slow" in slow.reason
    assert down.next_attempt_at > utcnow() + timedelta(seconds=100)  # the Retry-After: 120
    assert fetcher.round() == 0  # not due yet
    _due_now(truth, message)
    fetcher.round()
    down, slow = _files(truth, message)
    assert down.state == AttachmentState.KEPT and down.attempts == 2


def test_a_whatsapp_media_id_is_fetched_with_the_business_token(connector, truth, media):
    message = _chat(connector, Channel.WHATSAPP, f"{MEDIA_SOURCE}wa-771")
    _fetcher(connector, media, Channel.WHATSAPP).round()
    [image] = _files(truth, message)
    assert image.state == AttachmentState.KEPT and image.content == PNG
    assert image.sniffed_type == "image/png"


def test_a_result_for_a_file_not_pending_is_refused(connector, truth, media):
    from app.errors import InputError

    message = _chat(connector, Channel.FACEBOOK, f"{media.url}/files/doc.pdf")
    fetcher = _fetcher(connector, media, Channel.FACEBOOK)
    fetcher.round()
    [doc] = _files(truth, message)
    with pytest.raises(InputError):
        fetcher._said({"attachment_id": str(doc.id), "outcome": "kept"}, b"MZ forged")
    assert _files(truth, message)[0].content == PDF
