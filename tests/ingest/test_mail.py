"""E-mail as others write it, read into what the centre stores (app.ingest.mail): the mails in
tests/data/mail are shaped as real mail programs, webmails, scripts and servers send them."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mails import mail

from app.enums import Channel, IdentityKind
from app.errors import InputError
from app.ingest import mail as parser

MAILS = Path(__file__).parent.parent / "data" / "mail"


def read(name: str):
    return parser.parse((MAILS / name).read_bytes())


def test_quoted_printable_utf8() -> None:
    got = read("plain_qp_utf8.eml")
    assert got.channel is Channel.EMAIL and got.key == "<CAF1x9=first@mail.example.net>"
    assert got.sender_display == "Adam Davis"
    assert got.identity == (IdentityKind.EMAIL, "adam.davis293@example.net")  # case-folded
    assert "250 €" in got.body_text and "received it." in got.body_text  # soft break joined
    assert got.written_at is not None and got.written_at.utcoffset().total_seconds() == 0
    assert got.written_at.hour == 8  # 09:14 +0100
    assert not got.automatic and got.body_html is None


def test_latin1_in_base64_with_encoded_words() -> None:
    got = read("latin1_base64.eml")
    assert got.subject == "Réclamation dépôt" and got.sender_display == "René Müller"
    assert "Mon dépôt de 50 euros du 28/11 n'apparaît toujours pas" in got.body_text
    assert "\r" not in got.body_text


def test_html_only_is_made_safe_and_read_as_text() -> None:
    got = read("html_only_windows1252.eml")
    assert got.subject == "Débit en double"
    for gone in ("script", "style", "img", "tracker.example.com", "onclick", "alert"):
        assert gone not in got.body_html
    assert "<b>inadmissible</b>" in got.body_html
    # windows-1252's curly apostrophe, entities, paragraphs as blank lines
    assert got.body_text == (
        "Bonjour,\n\nJ’ai été débité deux fois : c’est inadmissible.\n\nCordialement,\nClaire"
    )


def test_nested_multiparts_thread_and_quoted_reference() -> None:
    got = read("nested_multipart.eml")
    assert got.body_text.startswith("Hello,\n\nPlease find my ID attached, as asked.")
    assert "cid:logo" not in got.body_html  # an inline image is a remote load too
    # In-Reply-To first, then References nearest first, each once
    assert got.thread_keys == ("<relais-reply-1@relais.example>", "<first-0@mail.gmail.example>")
    assert got.quoted_reference == "R-7K3Q-X9PA"
    assert got.language is None  # not declared: the centre guesses from the words


def test_a_boundary_that_never_closes_and_a_reply_to() -> None:
    got = read("broken_boundary.eml")
    assert got.body_text == "Mon compte est bloqué depuis hier, je ne peux plus me connecter."
    # a script's no-reply address sends for the customer: answers go to the Reply-To
    assert got.sender_address == "paul@example.net"


def test_an_unknown_charset_is_read_not_refused() -> None:
    assert read("unknown_charset.eml").body_text == "Où est mon retrait ? Ça fait une semaine."


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("outlook_auto_reply.eml", "Auto-Submitted: auto-replied"),
        ("bounce_dsn.eml", "delivery report (delivery-status)"),
    ],
)
def test_automatic_mail_from_real_servers(name: str, why: str) -> None:
    assert read(name).automatic == why


@pytest.mark.parametrize(
    ("headers", "subject", "sender", "why"),
    [
        ({"Auto_Submitted": "auto-generated"}, "Hi", "a@example.org", "Auto-Submitted"),
        ({"Auto_Submitted": "no"}, "Hi", "a@example.org", ""),
        ({"Precedence": "bulk"}, "Newsletter", "a@example.org", "Precedence: bulk"),
        ({"Precedence": "auto_reply"}, "Hi", "a@example.org", "Precedence: auto_reply"),
        ({"X_Autoreply": "yes"}, "Hi", "a@example.org", "X-Autoreply"),
        ({"List_Id": "<offers.example.org>"}, "Offers", "a@example.org", "mailing list"),
        ({}, "Out of Office: your request", "a@example.org", "out-of-office subject"),
        ({}, "Absence du bureau", "a@example.org", "out-of-office subject"),
        ({}, "Re: absence de virement", "a@example.org", ""),  # a person writing about one
        ({}, "Hi", "postmaster@mx.example.org", "sent by postmaster"),
        ({}, "Mon retrait", "a@example.org", ""),
    ],
)
def test_what_marks_a_mail_automatic(headers, subject, sender, why) -> None:
    got = parser.parse(mail(sender, subject, "text", **headers)).automatic
    assert got.startswith(why) if why else got == ""


def test_absence_de_virement_is_a_person() -> None:
    """ "absence" opens out-of-office subjects only as a whole first word."""
    assert parser.parse(mail("a@example.org", "Absence de virement", "?")).automatic == ""


def test_a_mail_without_message_id_keeps_one_key_for_its_bytes() -> None:
    raw = b"From: a@example.org\r\nSubject: x\r\n\r\nbonjour\r\n"
    assert parser.parse(raw).key == parser.parse(raw).key
    assert parser.parse(raw).key != parser.parse(raw + b"!").key


def test_a_huge_text_is_cut_and_said_so() -> None:
    got = parser.parse(mail("a@example.org", "log", "ligne\n" * 40_000))
    assert len(got.body_text) == parser.MAX_TEXT and got.body_text.endswith("[…]")


def test_a_mail_over_the_limit_is_refused_with_its_size() -> None:
    with pytest.raises(InputError, match="limit is 40 MB"):
        parser.parse(b"x" * (parser.MAX_MAIL_BYTES + 1))


def test_a_file_that_is_no_mail_is_refused() -> None:
    with pytest.raises(InputError, match="not an e-mail"):
        parser.parse(b"\x89PNG\r\n\x1a\n")


def test_the_declared_language_is_kept() -> None:
    raw = mail("a@example.org", "Hi", "Hello", Content_Language="en-GB")
    assert parser.parse(raw).language == "en"


# -- malformed input: no crash, a clear refusal or a readable message ------------------------

_HEADER_NAMES = st.sampled_from(
    ["From", "Subject", "Message-ID", "In-Reply-To", "References", "Date", "Content-Type",
     "Content-Transfer-Encoding", "Reply-To", "Auto-Submitted", "MIME-Version"]
)  # fmt: skip
_HEADER = st.tuples(_HEADER_NAMES, st.binary(max_size=80)).map(
    lambda p: p[0].encode() + b": " + p[1]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_HEADER, max_size=12), st.binary(max_size=2000))
def test_malformed_mime_never_crashes(headers: list[bytes], body: bytes) -> None:
    raw = b"\r\n".join(headers) + b"\r\n\r\n" + body
    try:
        got = parser.parse(raw)
    except InputError:
        return  # refused in words
    assert got.key and len(got.key) <= 400
    assert len(got.body_text) <= parser.MAX_TEXT
    assert "\x00" not in got.sender_address


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["utf-8", "iso-8859-1", "windows-1252", "koi8-r", "x-nonsense", "utf-7", ""]),
    st.sampled_from(["base64", "quoted-printable", "8bit", "7bit", "x-uuencode", "bogus"]),
    st.binary(max_size=600),
    st.sampled_from(["plain", "html", "enriched"]),
)
def test_any_charset_and_encoding_is_read(
    charset: str, encoding: str, body: bytes, subtype: str
) -> None:
    raw = (
        b"From: a@example.org\r\nMessage-ID: <p@example.org>\r\nMIME-Version: 1.0\r\n"
        + f'Content-Type: text/{subtype}; charset="{charset}"\r\n'.encode()
        + f"Content-Transfer-Encoding: {encoding}\r\n\r\n".encode()
        + body
    )
    got = parser.parse(raw)
    assert isinstance(got.body_text, str)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=60), st.booleans())
def test_deep_or_unclosed_nesting(depth: int, close: bool) -> None:
    opening = b"".join(
        f'--b{i}\r\nContent-Type: multipart/mixed; boundary="b{i + 1}"\r\n\r\n'.encode()
        for i in range(depth)
    )
    leaf = f"--b{depth}\r\nContent-Type: text/plain\r\n\r\nau fond\r\n".encode()
    closing = (
        b"".join(f"--b{i}--\r\n".encode() for i in reversed(range(depth + 1))) if close else b""
    )
    raw = (
        b'From: a@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b0"'
        b"\r\n\r\n" + opening + leaf + closing
    )
    assert parser.parse(raw).body_text == "au fond"
