"""What each channel accepts in a reply: how long it may be, and whether account data may go on it.

Declared once here; the reply service refuses what breaks these rules and the composer only shows
them (a live counter while typing). The platforms refuse a message over their limit at send time,
long after the advisor moved on, so the workstation refuses it first, in words, and keeps the text.

Limits, as each platform documents them (checked 2025):

- X direct message: "Text messages support up to 10,000 characters" — X API v2,
  POST /2/dm_conversations/with/:participant_id/messages, JSON body parameter ``text``
  (developer.x.com/en/docs/x-api/direct-messages/manage/api-reference). A public post is 280
  weighted characters; X templates are kept under that (tests/app/test_seed.py), but a reply goes
  out as a direct message.
- Messenger (our Facebook channel): Send API reference, ``message.text`` "must be UTF-8 and has a
  2000 character limit" (developers.facebook.com/docs/messenger-platform/reference/send-api).
- Instagram direct message: "Message text must be UTF-8 and be 1000 bytes or less"
  (developers.facebook.com/docs/messenger-platform/instagram/features/send-message; the newer
  "Instagram API with Instagram Login" page says "less than 1000 characters"). Bytes are the
  stricter reading — an accented letter is two, an emoji four — so Relais counts bytes.
- WhatsApp Cloud API: a text message body is at most 4,096 characters (Meta's Cloud API
  messages reference, ``text.body``; repeated by the providers built on it).
- SMS (no SMS channel yet; ``SMS`` below is ready for one): a single message holds 160 GSM-7
  characters or 70 UCS-2 units; a concatenated one 153 or 67 per segment (the 6-byte UDH takes
  the rest) — 3GPP TS 23.038 and TS 23.040. Relais allows at most 6 segments: each is billed,
  and past ~900 characters an SMS is no longer read as one message on a phone.
- E-mail, letter and phone (a written summary): no platform limit. 20,000 characters — about
  seven pages, the size of the longest template or note Relais keeps — catches a paste gone wrong
  (a whole log, a thread pasted twice) without ever stopping a real answer.

Counting is on the text as it is sent: the service strips surrounding blank space first.
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from app.enums import Channel
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP, Marked
from app.placeholders import names_in

CHATS = frozenset({Channel.FACEBOOK, Channel.X, Channel.INSTAGRAM, Channel.WHATSAPP})
"""The channels where a customer's messages are one conversation per sender, not threads."""


class Measure(enum.StrEnum):
    """What a channel's limit counts."""

    CHARACTERS = "characters"
    """Unicode characters (code points), what Python's ``len`` counts."""
    UTF8_BYTES = "utf8_bytes"
    """Bytes of the UTF-8 encoding: é is 2, an emoji 4."""
    SMS_UNITS = "sms_units"
    """GSM-7 septets (the extension table's characters are 2) or, when one character is not in
    GSM-7, UTF-16 units for UCS-2."""


@dataclass(frozen=True)
class ChannelRules:
    """What one channel accepts.

    ``public``: a conversation there can start from, or be answered in, a public post or comment,
    and the workstation cannot tell which (a contact carries no such flag): account data never
    goes there.
    """

    limit: int
    measure: Measure
    public: bool
    max_segments: int | None = None
    """For SMS only: the most segments a reply may take."""


GENEROUS = 20_000
"""E-mail, letter and phone: no platform limit, only one against a paste gone wrong."""

SMS_MAX_SEGMENTS = 6
SMS = ChannelRules(
    SMS_MAX_SEGMENTS * 153, Measure.SMS_UNITS, public=False, max_segments=SMS_MAX_SEGMENTS
)
"""Ready for an SMS channel; ``limit`` is the GSM-7 figure, UCS-2 text gets ``6 × 67``."""

RULES: Mapping[Channel, ChannelRules] = {
    Channel.EMAIL: ChannelRules(GENEROUS, Measure.CHARACTERS, public=False),
    Channel.LETTER: ChannelRules(GENEROUS, Measure.CHARACTERS, public=False),
    Channel.PHONE: ChannelRules(GENEROUS, Measure.CHARACTERS, public=False),
    Channel.X: ChannelRules(10_000, Measure.CHARACTERS, public=True),
    Channel.FACEBOOK: ChannelRules(2_000, Measure.CHARACTERS, public=True),
    Channel.INSTAGRAM: ChannelRules(1_000, Measure.UTF8_BYTES, public=True),
    Channel.WHATSAPP: ChannelRules(4_096, Measure.CHARACTERS, public=False),
}

ACCOUNT_PLACEHOLDERS = frozenset({"account_number"})
"""Placeholders that put the customer's account data into a reply."""

NEAR = 0.9
"""Share of the limit from which the composer warns that the end is close."""

# GSM 03.38 default alphabet and its extension table (each extension character takes an escape
# septet too). A few lines of the standard's table: no library for a channel not wired yet.
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class Length:
    """How much of a channel's limit a text takes."""

    used: int
    limit: int
    measure: Measure
    segments: int | None = None
    """SMS only: how many segments the text takes."""

    @property
    def over(self) -> bool:
        return self.used > self.limit

    @property
    def near(self) -> bool:
        """Close to the limit (and not over it)."""
        return not self.over and self.used >= self.limit * NEAR

    @property
    def excess(self) -> int:
        return max(0, self.used - self.limit)


def grouped(value: int) -> str:
    """A count with its thousands set apart by a narrow no-break space ("10 000"): the French
    rule, and the international (SI) one that English accepts, so one spelling serves the
    service's messages and the composer's counter in both languages."""
    return f"{value:,}".replace(",", "\u202f")


def rules_for(channel: Channel | str) -> ChannelRules:
    return RULES[Channel(channel)]


def sms_length(text: str, max_segments: int = SMS_MAX_SEGMENTS) -> Length:
    """GSM-7 when every character is in its alphabet, UCS-2 otherwise; segments as a phone
    splits them."""
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENSION for ch in text):
        units = sum(2 if ch in _GSM_EXTENSION else 1 for ch in text)
        single, part = 160, 153
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    segments = 0 if units == 0 else 1 if units <= single else -(-units // part)
    limit = single if max_segments == 1 else max_segments * part
    return Length(units, limit, Measure.SMS_UNITS, segments)


def measure(text: str, rules: ChannelRules) -> Length:
    """How long ``text`` is by the channel's own measure."""
    if rules.measure == Measure.SMS_UNITS:
        return sms_length(text, rules.max_segments or SMS_MAX_SEGMENTS)
    if rules.measure == Measure.UTF8_BYTES:
        return Length(len(text.encode("utf-8")), rules.limit, rules.measure)
    return Length(len(text), rules.limit, rules.measure)


def reply_length(text: str, channel: Channel | str) -> Length:
    """The length of a reply as the service will send it (surrounding blank space stripped)."""
    return measure(text.strip(), rules_for(channel))


def holds_account_data(text: str) -> bool:
    """Whether a template body puts account data into a reply."""
    return any(name in ACCOUNT_PLACEHOLDERS for name in names_in(text))


def may_carry_account_data(channel: Channel | str) -> bool:
    return not rules_for(channel).public


def channel_name(channel: Channel | str) -> Marked:
    """The channel's name in words, translated where it is shown (the interface's own labels)."""
    return Marked(
        "Channel",
        {
            Channel.PHONE: QT_TRANSLATE_NOOP("Channel", "Phone"),
            Channel.EMAIL: QT_TRANSLATE_NOOP("Channel", "E-mail"),
            Channel.FACEBOOK: QT_TRANSLATE_NOOP("Channel", "Facebook"),
            Channel.X: QT_TRANSLATE_NOOP("Channel", "X"),
            Channel.INSTAGRAM: QT_TRANSLATE_NOOP("Channel", "Instagram"),
            Channel.WHATSAPP: QT_TRANSLATE_NOOP("Channel", "WhatsApp"),
            Channel.LETTER: QT_TRANSLATE_NOOP("Channel", "Letter"),
        }[Channel(channel)],
    )


def check_reply_length(text: str, channel: Channel | str) -> None:
    """Refuses a reply longer than its channel accepts, saying by how much (an SMS channel,
    when there is one, will want its own words: segments, not characters)."""
    length = reply_length(text, channel)
    if not length.over:
        return
    if length.measure == Measure.UTF8_BYTES:
        message = QT_TRANSLATE_NOOP(
            "errors",
            "Not sent: the reply takes {used} bytes and {channel} accepts {limit} ({excess} too "
            "many; an accented letter takes 2, an emoji 4).",
        )
    else:
        message = QT_TRANSLATE_NOOP(
            "errors",
            "Not sent: the reply is {used} characters long and {channel} accepts {limit} "
            "({excess} too many).",
        )
    raise InputError(
        message,
        QT_TRANSLATE_NOOP("errors", "Shorten it and send again: your text is still here."),
        used=grouped(length.used),
        limit=grouped(length.limit),
        excess=grouped(length.excess),
        channel=channel_name(channel),
    )
