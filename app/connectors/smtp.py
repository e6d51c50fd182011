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
from app.connectors.outgoing import Reply, due, report
from app.db import Database
from app.errors import InputError, RelaisError

log = logging.getLogger(__name__)

CHANNEL = "email"
BATCH = 20
PAUSES = (1.0, 2.0, 5.0, 15.0, 30.0, 60.0)  # after a round the centre did not answer, in turn
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_REPLY_PREFIX = re.compile(r"^\s*(?:re|tr|fw|fwd|aw)\s*:\s*", re.IGNORECASE)
_REFERENCE_WORD = {"fr": "Réf.", "en": "Ref."}
_UNREACHABLE = "unreachable"


class Sender:
    """Sends the centre's queued e-mail replies until ``stop`` is set."""

    def __init__(self, config: SenderConfig, central: Database, stop: threading.Event) -> None:
        self.config = config
        self._central = central
        self._stop = stop
        self._unreported: list[tuple[Reply, str, str, str | None]] = []
        self._failures = 0
        self._last_problem = ""

    def run(self) -> None:
        log.info("replies: sending through %s:%s", self.config.host, self.config.port)
        while not self._stop.is_set():
            try:
                sent = self.round()
            except RelaisError as exc:
                self._problem(f"the centre did not answer: {exc.text()}")
                sent = 0
            except Exception:  # a bug: said in full, and the next round tried
                log.exception("replies: unexpected failure")
                self._failures += 1
                sent = 0
            if self._failures:
                self._stop.wait(PAUSES[min(self._failures, len(PAUSES)) - 1])
            elif not sent:
                self._stop.wait(self.config.poll_seconds)

    def round(self) -> int:
        """One look at the centre: what it hands out, sent; returns how many were handed."""
        self._report_pending()
        replies = due(self._central, CHANNEL, BATCH)
        if self._last_problem:
            log.info("replies: the centre answers again")
        self._failures, self._last_problem = 0, ""
        if not replies:
            return 0
        sendable = []
        for reply in replies:
            trouble = undeliverable(reply)
            if trouble:
                self._tell(reply, "failed", trouble)
            else:
                sendable.append(reply)
        if sendable:
            self._send_all(sendable)
        return len(replies)

    def _send_all(self, replies: list[Reply]) -> None:
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
        """Says it to the centre; kept to say again when the centre does not answer, so that a
        sent reply is not sent again once its lease has passed."""
        log.info(
            "reply %s (%s, attempt %d): %s%s",
            reply.message_id,
            reply.reference,
            reply.attempt,
            outcome,
            f": {reason}" if reason else "",
        )
        try:
            report(self._central, reply.delivery_id, outcome, reason, external)
        except InputError as exc:  # the centre settled it otherwise: nothing to say again
            log.warning("reply %s: the centre refused the report: %s", reply.message_id, exc.text())
        except RelaisError as exc:
            self._unreported.append((reply, outcome, reason, external))
            self._problem(f"the centre did not take what became of a reply: {exc.text()}")

    def _report_pending(self) -> None:
        while self._unreported:
            reply, outcome, reason, external = self._unreported[0]
            try:
                report(self._central, reply.delivery_id, outcome, reason, external)
            except InputError as exc:
                log.warning(
                    "reply %s: the centre refused the report: %s", reply.message_id, exc.text()
                )
            self._unreported.pop(0)

    def _problem(self, text: str) -> None:
        self._failures += 1
        if text != self._last_problem:
            log.warning("replies: %s; trying again", text)
            self._last_problem = text


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
