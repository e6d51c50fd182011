"""A postal letter as the centre receives it: the scan (PDF, PNG, JPEG or TIFF) a mail room
made, with the account number written on it when someone read it.

The letter becomes a contact of its own on the LETTER channel whose one message carries the
scan as its attachment; the same scan handed twice (a folder read again, a command run twice)
is the same letter, known by its SHA-256. A file that is no scan, or one over the limit per
file, is refused whole: a letter without its scan would be a contact nobody can read.
"""

import hashlib
import re

from app.enums import Channel
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.ingest import attachments
from app.ingest.attachments import MB, Limits
from app.ingest.inbound import Inbound

MAX_SCAN_BYTES = 64 * MB
"""Read no further: the centre keeps no file over 64 MB."""
SCANS = ("application/pdf", "image/png", "image/jpeg", "image/tiff")
_ACCOUNT = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/-]{0,31}")


def parse(
    raw: bytes,
    filename: str,
    customer: str | None = None,
    team: str | None = None,
    limits: Limits | None = None,
) -> Inbound:
    limits = limits or Limits()
    if len(raw) > limits.per_file:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "{file} is {size} MB; the limit is {limit} MB."),
            QT_TRANSLATE_NOOP("errors", "Scan it at a lower resolution, or raise max_file_mb."),
            file=filename,
            size=len(raw) // MB,
            limit=limits.per_file // MB,
        )
    kind = attachments.sniff(raw)
    if kind not in SCANS:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "{file} is not a scan: its content is {kind}."),
            QT_TRANSLATE_NOOP("errors", "Give the letter as a PDF, PNG, JPEG or TIFF file."),
            file=filename,
            kind=kind,
        )
    account = customer.strip() if customer else None
    if account is not None and not _ACCOUNT.fullmatch(account):
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "“{ref}” is not an account number."),
            QT_TRANSLATE_NOOP("errors", "Give the number as it is written on the letter."),
            ref=account[:40],
        )
    scan = attachments.kept(filename, kind, raw)
    return Inbound(
        channel=Channel.LETTER,
        key=f"sha256:{hashlib.sha256(raw).hexdigest()}",
        sender_display="",
        sender_address="",
        identity=None,
        subject=f"Letter: {scan.filename}"[:300],
        body_text=f"[letter: {scan.filename}]",
        team=team,
        customer_account=account,
        files=(scan,),
    )
