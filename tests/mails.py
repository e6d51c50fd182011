"""E-mails written for the tests, as a mail program would send them."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from app.clock import utcnow


def mail(
    sender: str,
    subject: str,
    body: str,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: list[str] | None = None,
    html: str | None = None,
    **headers: str,
) -> bytes:
    """The RFC 5322 bytes; ``headers`` by their names with "_" for "-" (Auto_Submitted);
    with ``html``, a multipart/alternative of the text and that HTML, as mail programs send."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "support@relais.example"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = message_id or make_msgid(domain="mail.example.net")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = " ".join(references)
    msg.set_content(body)  # first: it replaces the Content-* headers
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    return msg.as_bytes()
