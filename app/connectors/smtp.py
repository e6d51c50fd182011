"""Advisors' e-mail replies sent through the centre's SMTP server, for as long as the service
runs.

Each round asks the centre for the replies due (``app.connectors.outgoing``), sends them on one
connection and tells the centre what became of each: sent (the server accepted it), a retry
(the server or the network failed for a while: the centre sets the pause), or failed with the
server's words (it refused the recipient or the message for good). A reply's Message-ID is made
from its id, so a reply sent again after a crash is the same message to its reader's program.

The mail threads in the customer's program: In-Reply-To and References are the centre's record
of the thread, the subject carries the contact's reference (the customer's answer finds its
contact even from a program that drops the headers), the text is in the customer's language with
the team's signature in it. What the centre learned from a customer's mail (their name, the
subject) is cleaned of line breaks before it becomes a header.
"""

import contextlib
import logging
import re
import smtplib
import ssl
import threading
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr

from app.connectors.config import SenderConfig
from app.connectors.outgoing import Outbox, Reply, Said
from app.db import Database

log = logging.getLogger(__name__)

CHANNEL = "email"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_REPLY_PREFIX = re.compile(r"^\s*(?:re|tr|fw|fwd|aw)\s*:\s*", re.IGNORECASE)
_REFERENCE_WORD = {"fr": "Réf.", "en": "Ref."}
_UNREACHABLE = "unreachable"


class Sender(Outbox):
    """Sends the centre's queued e-mail replies until ``stop`` is set."""

    channel = CHANNEL

    def __init__(self, config: SenderConfig, central: Database, stop: threading.Event) -> None:
        super().__init__(central, stop, config.poll_seconds)
        self.config = config

    def run(self) -> None:
        log.info("replies: sending through %s:%s", self.config.host, self.config.port)
        super().run()

    def undeliverable(self, reply: Reply) -> str:
        return undeliverable(reply)

    def send(self, replies: list[Reply]) -> None:
        try:
            smtp = self._connect()
        except smtplib.SMTPAuthenticationError as exc:
            why = f"login: {_said(exc)}"
            log.warning("replies: %s", why)
            for reply in replies:
                self._tell(reply, "retry", why)
            return
        except (OSError, smtplib.SMTPException) as exc:
            why = f"{_UNREACHABLE}: {_said(exc)}"
            log.warning("replies: %s", why)
            for reply in replies:
                self._tell(reply, "retry", why)
            return
        with contextlib.closing(smtp):
            for i, reply in enumerate(replies):
                message = compose(reply, self.config)
                try:
                    refused = smtp.send_message(message, from_addr=_envelope(self.config))
                except smtplib.SMTPRecipientsRefused as exc:
                    code, said = next(iter(exc.recipients.values()))
                    self._refused(reply, code, said)
                    continue
                except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                    self._refused(reply, exc.smtp_code, exc.smtp_error)
                    continue
                except (OSError, smtplib.SMTPException) as exc:
                    why = f"{_UNREACHABLE}: {_said(exc)}"
                    log.warning("replies: %s", why)
                    for rest in replies[i:]:
                        self._tell(rest, "retry", why)
                    return
                if refused:  # accepted for none of several recipients is an exception above
                    code, said = next(iter(refused.values()))
                    self._refused(reply, code, said)
                    continue
                self._tell(reply, "sent", "", str(message["Message-ID"]))
            with contextlib.suppress(OSError, smtplib.SMTPException):
                smtp.quit()

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if c.security == "tls":
            smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=30, context=context)
        else:
            smtp = smtplib.SMTP(c.host, c.port, timeout=30)
        try:
            smtp.ehlo()
            if c.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if c.login:
                password = c.password.read() if c.password else None
                if password is None:
                    variable = c.password.variable if c.password else None
                    raise smtplib.SMTPAuthenticationError(
                        0, f"no password (set {variable or 'it in the keyring'})".encode()
                    )
                smtp.login(c.login, password)
        except BaseException:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                smtp.close()
            raise
        return smtp

    def _refused(self, reply: Reply, code: int, said: bytes | str) -> None:
        text = f"{code} {_said(said)}"
        if 400 <= code < 500:
            self._tell(reply, "retry", f"deferred: {text}")
        else:
            self._tell(reply, "failed", f"refused: {text}")

    def _tell(self, reply: Reply, outcome: str, reason: str, external: str | None = None) -> None:
        self.tell(Said(reply, outcome, reason, external))


def compose(reply: Reply, config: SenderConfig) -> EmailMessage:
    """The reply as the customer's mail program receives it."""
    message = EmailMessage()
    message["From"] = config.from_address
    message["To"] = formataddr((_header_text(reply.to_display), reply.to_address or ""))
    message["Subject"] = subject(reply)
    message["Date"] = format_datetime(reply.written_at)
    message["Message-ID"] = reply.external_id or message_id(reply, config)
    thread = [k for k in reply.references if k != reply.in_reply_to]
    if reply.in_reply_to:
        message["In-Reply-To"] = reply.in_reply_to
        thread.append(reply.in_reply_to)
    if thread:
        message["References"] = " ".join(thread[-20:])
    # Out-of-office answers to a reply would only fill the queue (Exchange honours this).
    message["X-Auto-Response-Suppress"] = "OOF, AutoReply"
    message["X-Relais-Reference"] = reply.reference
    signature = config.signature(reply.team, reply.language)
    body = reply.body_text + (f"\n\n-- \n{signature}" if signature else "")
    message.set_content(body, charset="utf-8")
    message["Content-Language"] = reply.language  # after: set_content replaces Content-*
    return message


def subject(reply: Reply) -> str:
    """``Re: <the customer's subject> [R-XXXX-XXXX]``."""
    original = _REPLY_PREFIX.sub("", _header_text(reply.subject)).strip()
    if not original:
        original = f"{_REFERENCE_WORD.get(reply.language, 'Ref.')} {reply.reference}"
    tag = f"[{reply.reference}]"
    return f"Re: {original}" if reply.reference in original else f"Re: {original} {tag}"


def message_id(reply: Reply, config: SenderConfig) -> str:
    domain = parseaddr(config.from_address)[1].rpartition("@")[2] or "relais.invalid"
    return f"<{reply.message_id}@{domain}>"


def undeliverable(reply: Reply) -> str:
    """Why the reply cannot be sent at all (a reason as app.dto.DeliveryView reads it), or
    ""."""
    if not reply.to_address:
        return "no_address"
    try:
        Address(addr_spec=reply.to_address)
    except (ValueError, IndexError):
        return f"bad_address: {_header_text(reply.to_address)}"
    if _CONTROL.search(reply.to_address):
        return f"bad_address: {_header_text(reply.to_address)}"
    return ""


def _envelope(config: SenderConfig) -> str:
    return parseaddr(config.from_address)[1]


def _header_text(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()


def _said(said: BaseException | bytes | str) -> str:
    if isinstance(said, smtplib.SMTPResponseException):
        text = f"{said.smtp_code} {_said(said.smtp_error)}"
    elif isinstance(said, bytes):
        text = said.decode("utf-8", "replace")
    elif isinstance(said, BaseException):
        text = str(said)
    else:
        text = said
    return " ".join(text.split()) or "no reason given"
