"""An e-mail as the centre receives it: the raw RFC 5322 bytes an IMAP mailbox or a ``.eml`` file
holds, parsed with the standard library's ``email`` package into an ``Inbound``.

Mail written by others is often broken — a charset nobody registered, a boundary that never
closes, headers folded badly — and a mailbox must not stop at the first such mail: parsing is
lenient (the standard library's own defect handling), a part that cannot be decoded is read
with replacement characters, and only a mail too large or without anything to read is refused,
with the reason. The sender is normalised as identities are (app.identities) so that the centre
can match the customer; HTML is sanitised (app.sanitize) and reduced to text for the preview.

Automatic mail is told apart by the marks RFC 3834 and common practice give it (Auto-Submitted,
Precedence, X-Autoreply, delivery-status reports, list headers, out-of-office subjects): the
centre never opens a contact for one, so that two automatic responders cannot answer each other
for ever.
"""

import email
import email.parser
import email.policy
import email.utils
import hashlib
import html
import re
from datetime import UTC, datetime
from email.message import EmailMessage, Message

from app.enums import Channel, IdentityKind
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.identities import normalise_email
from app.ingest import attachments
from app.ingest.attachments import IncomingFile, Limits
from app.ingest.inbound import Inbound
from app.sanitize import safe_html

MAX_MAIL_BYTES = 40 * 1024 * 1024
"""A mail larger than this is refused whole (servers commonly stop at 25 to 35 MB)."""
MAX_TEXT = 100_000
"""What the centre keeps of a message's text (its CHECK constraint): the rest is cut, said so."""
MAX_HTML = 1_000_000

_MESSAGE_ID = re.compile(r"<[^<>\s]{1,398}>")
_REFERENCE = re.compile(r"\bR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b")
_BREAK = re.compile(r"<(?:br\s*/?|/li|/tr)\s*>", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|blockquote|table|ul|ol)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")
_TRAILING = re.compile(r"[ \t]+\n")
# Subjects of out-of-office answers from servers that set none of the headers.
_AWAY = re.compile(
    r"^\s*(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply"
    r"|r[ée]ponse automatique|message d'absence|absente? du bureau|absence du bureau)\b",
    re.IGNORECASE,
)
_CUT = "\n\n[…]"


HEADER_DEFECTS = (ValueError, IndexError, TypeError, LookupError, AttributeError)
"""What the standard library's header parser raises on headers beyond repair ("From: :;" makes
a group whose address has no parts, and reading it fails with AttributeError)."""


def parse(raw: bytes, team: str | None = None, limits: Limits | None = None) -> Inbound:
    """The mail as an ``Inbound`` for the centre, its attachments within ``limits`` (the
    default ones when None); InputError when it cannot be one."""
    if len(raw) > MAX_MAIL_BYTES:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "This e-mail is {size} MB; the limit is {limit} MB."),
            QT_TRANSLATE_NOOP("errors", "Ask the sender for a smaller one, or send it as a link."),
            size=len(raw) // (1024 * 1024),
            limit=MAX_MAIL_BYTES // (1024 * 1024),
        )
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    display, address = _sender(msg)
    if not any(_header(msg, name) for name in ("From", "Subject", "Message-ID", "Date", "To")):
        raise InputError(
            QT_TRANSLATE_NOOP(
                "errors", "This file is not an e-mail: it has none of a mail's headers."
            ),
            QT_TRANSLATE_NOOP("errors", "Give a message as saved by a mail program (.eml)."),
        )
    subject = _header(msg, "Subject")[:300]
    text, body_html, bodies = _bodies(msg)
    files = attachments.within(_files(msg, bodies), limits or Limits())
    message_id = _ids(_header(msg, "Message-ID"))
    replying = _ids(_header(msg, "In-Reply-To"))
    references = _ids(_header(msg, "References"))
    threads = tuple(dict.fromkeys([*replying, *reversed(references)]))
    quoted = _REFERENCE.search(subject)
    return Inbound(
        channel=Channel.EMAIL,
        # A mail without a Message-ID (some scanners, some scripts) is known by its bytes, so
        # that reading it twice still stores it once.
        key=message_id[0] if message_id else f"sha256:{hashlib.sha256(raw).hexdigest()}",
        sender_display=display[:320],
        sender_address=address[:320],
        identity=(IdentityKind.EMAIL, address) if address else None,
        subject=subject,
        body_text=text,
        body_html=body_html,
        written_at=_date(msg),
        thread_keys=threads,
        quoted_reference=quoted.group(0) if quoted else None,
        language=_language(msg),
        automatic=automatic(msg, address, subject),
        team=team,
        bounce=bounce(msg),
        files=files,
    )


# Parts that are a report's machinery, not a file anyone sent.
_NOT_FILES = (
    "message/delivery-status",
    "message/global-delivery-status",
    "message/disposition-notification",
    "text/rfc822-headers",
)


def _name(part: Message) -> str | None:
    try:
        return part.get_filename()
    except (ValueError, LookupError, TypeError, IndexError):
        return None


def _files(msg: Message, bodies: tuple[Message, ...]) -> list[IncomingFile]:
    """Every part that is a file: one with a file name or an attachment disposition, any part
    not text (an inline image, a document), a forwarded mail as an ``.eml``; never the bodies
    read as the message's text. A nested multipart is followed, a forwarded mail is not (its
    own attachments are inside its ``.eml``)."""
    found: list[IncomingFile] = []

    def visit(part: Message, depth: int) -> None:
        if len(found) >= 100 or depth > 40:
            return
        kind = part.get_content_type()
        if kind in ("message/rfc822", "message/global"):
            inner = part.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(first, Message):
                subject = _header(first, "Subject") or "message"
                try:
                    whole = first.as_bytes()
                except (ValueError, LookupError, TypeError, UnicodeError, IndexError):
                    whole = b""  # beyond the standard library's writing: its name and size 0
                found.append(attachments.kept(_name(part) or f"{subject[:200]}.eml", kind, whole))
            return
        if part.is_multipart():
            for child in part.get_payload() or []:
                if isinstance(child, Message):
                    visit(child, depth + 1)
            return
        if any(part is b for b in bodies) or kind in _NOT_FILES:
            return
        name = _name(part)
        disposition = (part.get_content_disposition() or "").lower()
        if part.get_content_maintype() == "text" and not name and disposition != "attachment":
            return  # a second body (a signature, a part of a mail program's own)
        if part is msg and not name and disposition != "attachment":
            return
        try:
            decoded: object = part.get_payload(decode=True)
        except (ValueError, LookupError, TypeError, AssertionError):
            decoded = None
        if not isinstance(decoded, bytes):
            payload = part.get_payload()
            decoded = payload.encode("utf-8", "replace") if isinstance(payload, str) else b""
        found.append(attachments.kept(name or "", kind, decoded))

    visit(msg, 0)
    return found


def automatic(msg: Message, address: str, subject: str) -> str:
    """Why this mail was sent by a program (RFC 3834 and common marks); "" when by a person."""
    submitted = _header(msg, "Auto-Submitted").lower()
    if submitted and not submitted.startswith("no"):
        return f"Auto-Submitted: {submitted}"
    precedence = _header(msg, "Precedence").lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return f"Precedence: {precedence}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response"):
        if _header(msg, name):
            return name
    if msg.get_content_type() == "multipart/report":
        return f"delivery report ({msg.get_param('report-type') or 'unknown'})"
    local = address.split("@", 1)[0]
    if local in ("mailer-daemon", "postmaster"):
        return f"sent by {local}"
    if _header(msg, "List-Id") or _header(msg, "List-Unsubscribe"):
        return "mailing list"
    if _AWAY.match(subject):
        return "out-of-office subject"
    return ""


def bounce(msg: Message) -> tuple[str, str] | None:
    """A delivery-status notification (RFC 3464) saying a mail failed for good: the failed
    mail's Message-ID and the reporting server's reason; None for anything else (a delay, a
    success, a report without the original's headers)."""
    if msg.get_content_type() != "multipart/report" or not msg.is_multipart():
        return None
    reason, original = "", ""
    for part in msg.walk():
        kind = part.get_content_type()
        if kind in ("message/delivery-status", "message/global-delivery-status"):
            reason = reason or _failure(part)
        elif kind == "text/rfc822-headers" and not original:
            try:
                text = part.get_payload(decode=True) or b""
            except (ValueError, LookupError):
                continue
            headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(
                text if isinstance(text, bytes) else str(text).encode()
            )
            original = next(iter(_ids(_header(headers, "Message-ID"))), "")
        elif kind in ("message/rfc822", "message/global") and not original:
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                original = next(iter(_ids(_header(inner[0], "Message-ID"))), "")
    return (original, reason) if original and reason else None


def _failure(part: Message) -> str:
    """The first failed recipient's status and diagnostic in a delivery-status part."""
    blocks = part.get_payload()
    if not isinstance(blocks, list):
        return ""
    for block in blocks:
        if not isinstance(block, Message) or _header(block, "Action").lower() != "failed":
            continue
        diagnostic = _header(block, "Diagnostic-Code").partition(";")[2].strip()
        status = _header(block, "Status")
        recipient = _header(block, "Final-Recipient").partition(";")[2].strip()
        said = diagnostic or status or "failed"
        return f"{said} ({recipient})"[:250] if recipient else said[:250]
    return ""


def _header(msg: Message, name: str) -> str:
    """A header's decoded text, "" when absent or beyond repair."""
    try:
        value = msg.get(name)
        text = "" if value is None else str(value)
    except HEADER_DEFECTS:
        return ""
    return " ".join(text.split())


def _sender(msg: Message) -> tuple[str, str]:
    """Who wrote (the From's display name) and where answers go, normalised: the Reply-To
    when there is one (a web form sends from its own no-reply address for the customer), else
    the From ("" for one that is not an address)."""
    display, spec = _address(msg, "From")
    _, reply_to = _address(msg, "Reply-To")
    address = normalise_email(reply_to) or normalise_email(spec) or ""
    return (" ".join(display.split()) or address), address


def _address(msg: Message, name: str) -> tuple[str, str]:
    try:
        header = msg.get(name)
        addresses = getattr(header, "addresses", ())
        if addresses:
            return addresses[0].display_name, addresses[0].addr_spec
        return email.utils.parseaddr(str(header or ""))
    except HEADER_DEFECTS:
        return email.utils.parseaddr(_raw_header(msg, name))


def _raw_header(msg: Message, name: str) -> str:
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return ""


def _ids(text: str) -> list[str]:
    return _MESSAGE_ID.findall(text)


def _date(msg: Message) -> datetime | None:
    try:
        when = email.utils.parsedate_to_datetime(_header(msg, "Date"))
    except (ValueError, TypeError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 5322's "-0000": the time is UTC, its zone unknown
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def _language(msg: Message) -> str | None:
    """The language the sender's mail program declared, if one Relais answers in; else the
    centre's guess from the words (app.ingest.receive)."""
    declared = _header(msg, "Content-Language").split(",")[0].strip().lower()[:2]
    return declared if declared in ("fr", "en") else None


def _bodies(msg: EmailMessage) -> tuple[str, str | None, tuple[Message, ...]]:
    """The text to read, when the mail has one its HTML made safe, and the parts they were
    read from. The plain part is preferred for the text; an HTML-only mail is reduced to
    text."""
    try:
        plain = msg.get_body(preferencelist=("plain",))
        rich = msg.get_body(preferencelist=("html",))
    except (KeyError, TypeError, ValueError):
        plain = rich = None
    single = plain is None and rich is None and not msg.is_multipart()
    if single and not msg.get_filename() and msg.get_content_disposition() != "attachment":
        plain = msg  # a single part of an unusual type (text/enriched, application/octet-...)
    body_html = safe_html(_content(rich))[:MAX_HTML] if rich is not None else None
    if plain is not None:
        text = _content(plain)
    elif body_html is not None:
        text = html_to_text(body_html)
    else:
        text = _first_text(msg)
    text = _TRAILING.sub("\n", text.replace("\r\n", "\n")).strip()
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - len(_CUT)] + _CUT
    return text, body_html, tuple(p for p in (plain, rich) if p is not None)


def _content(part: Message) -> str:
    """A part's text in its charset; an unknown or lying charset is read as UTF-8, then
    Latin-1, with replacement characters rather than a refusal."""
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, AssertionError, KeyError):
        pass
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return ""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1", errors="replace")


def _first_text(msg: Message) -> str:
    """The first text part in a mail whose structure ``get_body`` could not read (a broken
    boundary, a nesting it does not follow)."""
    for part in msg.walk():
        if part.get_content_maintype() == "text" and not part.is_multipart():
            text = _content(part)
            return html_to_text(safe_html(text)) if part.get_content_subtype() == "html" else text
    return ""


def html_to_text(body: str) -> str:
    """Sanitised HTML as the text a reader sees: line breaks where blocks end, no tags, entities
    read."""
    text = _TAG.sub("", _BREAK.sub("\n", _BLOCK_END.sub("\n\n", body)))
    text = html.unescape(text).replace("\xa0", " ")
    return _BLANK_LINES.sub("\n\n", _TRAILING.sub("\n", text)).strip()
