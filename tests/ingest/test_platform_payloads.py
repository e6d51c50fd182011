"""The platforms' webhook requests read as they document them (the samples in
tests/data/webhooks/ follow Meta's and X's reference pages): what becomes a customer's message,
what reports on the centre's replies, what is the page's own echo, and that nothing which is
not the platform's format gets past as anything but a clear refusal."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.enums import Channel, IdentityKind
from app.errors import InputError
from app.ingest import webhook
from app.ingest.xdm import snowflake_time

SAMPLES = Path(__file__).parents[1] / "data" / "webhooks"


def _sample(name: str) -> bytes:
    return (SAMPLES / f"{name}.json").read_bytes()


def test_messenger_messages_postbacks_and_reports() -> None:
    batch = webhook.parse("facebook", _sample("messenger"), team="Équipe Paris 1")
    first, postback = batch.messages
    assert first.channel == Channel.FACEBOOK
    assert first.key == "m_AG5Hz2Uq7tpwpy-eaFIU7tqv2BPdzX_Yp0ZEplJQKhrNTW3NlXDp"
    assert first.sender_address == "6723451209876543"
    assert first.identity == (IdentityKind.FACEBOOK, "6723451209876543")
    assert first.body_text == "Bonjour, ma commande 4411 n'est toujours pas arrivée.\n[image]"
    assert first.written_at == datetime(2025, 12, 4, 10, 39, 59, 870000, UTC)  # milliseconds
    assert first.team == "Équipe Paris 1"
    assert postback.body_text == "Suivre ma commande"
    delivered, read = batch.statuses
    assert (delivered.state, delivered.external_ids) == ("delivered", ("m_reply_of_the_centre",))
    assert (read.state, read.recipient) == ("read", "6723451209876543")
    assert read.until == datetime(2025, 12, 4, 10, 40, 5, 500000, UTC)
    assert any("page's own" in s for s in batch.skipped)  # the echo of the page's reply
    assert any("reaction" in s for s in batch.skipped)


def test_instagram_reply_to_threads_and_read_names_the_reply() -> None:
    batch = webhook.parse("instagram", _sample("instagram"))
    (message,) = batch.messages
    assert message.identity == (IdentityKind.INSTAGRAM, "3345678901234567")
    assert message.thread_keys == ("aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIx",)
    assert message.written_at == datetime(2025, 12, 4, 10, 39, 50, tzinfo=UTC)  # seconds
    (read,) = batch.statuses
    assert read.external_ids == ("aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIx",)


def test_whatsapp_messages_with_names_numbers_media_and_context() -> None:
    batch = webhook.parse("whatsapp", _sample("whatsapp"))
    text, image = batch.messages
    assert text.sender_display == "Karim Benali"
    assert text.identity == (IdentityKind.WHATSAPP, "+33612345678")  # E.164, as advisors see it
    assert text.sender_address == "33612345678"  # as the platform sends to it
    assert image.body_text == "Voici l'écran\n[image]"
    assert image.thread_keys == ("wamid.HBgLMzM2MTIzNDU2NzgVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",)
    assert any("reaction" in s for s in batch.skipped)


def test_whatsapp_statuses_in_any_order_and_failures_with_the_platforms_words() -> None:
    batch = webhook.parse("whatsapp", _sample("whatsapp_statuses"))
    assert not batch.messages
    states = [(s.state, s.external_ids) for s in batch.statuses]
    assert states == [
        ("read", ("wamid.REPLY_ONE",)),
        ("delivered", ("wamid.REPLY_ONE",)),
        ("failed", ("wamid.REPLY_THREE",)),
    ]  # "sent" says nothing the centre does not know
    assert batch.statuses[2].reason.startswith("rejected: 131047 Re-engagement message")


def test_x_ids_beyond_2_53_are_kept_exact_and_the_accounts_own_are_echoes() -> None:
    batch = webhook.parse("x", _sample("x"))
    (message,) = batch.messages
    assert message.key == "1866123456789012481"  # a number in the JSON: a double would round it
    assert message.sender_address == "9007199254740993"  # 2^53 + 1
    assert message.identity == (IdentityKind.X, "elodie_m")
    assert message.sender_display == "Élodie M. (@elodie_m)"
    assert message.body_text.endswith("\n[photo]")
    (read,) = batch.statuses
    assert read.recipient == "9007199254740993"
    assert read.until == snowflake_time("1866123456789012999")
    assert any("own message" in s for s in batch.skipped)


def test_several_entries_are_all_read() -> None:
    one = json.loads(_sample("whatsapp"))
    one["entry"] = one["entry"] * 3
    for i, entry in enumerate(one["entry"]):
        entry["changes"][0]["value"]["messages"] = [
            {**m, "id": f"{m['id']}-{i}"} for m in entry["changes"][0]["value"]["messages"]
        ]
    batch = webhook.parse("whatsapp", json.dumps(one).encode())
    assert len(batch.messages) == 6


@pytest.mark.parametrize(
    ("platform", "raw", "why"),
    [
        ("facebook", b"<html>", "not JSON"),
        ("facebook", b'{"object": "instagram", "entry": []}', '"object" is'),
        ("whatsapp", b'{"object": "whatsapp_business_account"}', "entry is not a list"),
        ("x", b'{"for_user_id": 1.5e300}', "not an id"),
        (
            "instagram",
            b'{"object": "instagram", "entry": [{"id": "1", "messaging": [{}]}]}',
            "sender",
        ),
        ("x", b'{"for_user_id": "1", "direct_message_events": "no"}', "not a list"),
    ],
)
def test_what_is_not_the_platforms_format_is_refused_with_where(platform, raw, why) -> None:
    with pytest.raises(InputError) as refused:
        webhook.parse(platform, raw)
    assert why in refused.value.text()
    assert platform in refused.value.text()


def test_an_unknown_platform_and_an_oversized_request_are_refused() -> None:
    with pytest.raises(InputError, match="not a platform"):
        webhook.parse("telegram", b"{}")
    with pytest.raises(InputError, match="more than"):
        webhook.parse("x", b" " * (webhook.MAX_REQUEST_BYTES + 1))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=30,
)
_KEYS = st.sampled_from(
    [
        "object",
        "entry",
        "messaging",
        "changes",
        "value",
        "messages",
        "statuses",
        "sender",
        "id",
        "message",
        "mid",
        "text",
        "timestamp",
        "for_user_id",
        "direct_message_events",
        "users",
        "message_create",
        "sender_id",
        "message_data",
        "type",
        "delivery",
        "read",
        "watermark",
    ]
)
_SHAPED = st.recursive(
    st.none()
    | st.integers(-1, 10**20)
    | st.text(max_size=12)
    | st.sampled_from(
        ["page", "instagram", "whatsapp_business_account", "messages", "message_create", "text"]
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(platform=st.sampled_from(["facebook", "instagram", "whatsapp", "x"]), data=_JSON | _SHAPED)
def test_any_json_is_read_or_refused_never_a_crash(platform, data) -> None:
    raw = json.dumps(data).encode()
    try:
        batch = webhook.parse(platform, raw)
    except InputError:
        return
    for message in batch.messages:
        assert message.key and message.sender_address


def test_a_whatsapp_number_phonenumbers_does_not_know_is_still_the_customers() -> None:
    """WhatsApp checked it: a range too new for the library is kept, in E.164."""
    raw = _sample("whatsapp").replace(b"33612345678", b"999123456789")
    (first, _) = webhook.parse("whatsapp", raw).messages
    assert first.identity == (IdentityKind.WHATSAPP, "+999123456789")
