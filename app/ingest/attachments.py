"""The files that come with a message, made safe to store and to show: names cleaned, types
sniffed, limits applied.

A file's name is the sender's: it may hold folders (``../../etc/passwd``), line breaks that
would forge a log line, or a right-to-left override that makes ``invoice_fdp.exe`` read
``invoice_exe.pdf``. ``safe_filename`` keeps only a name a person may be shown and a file system
may take. The declared media type is the sender's word too; ``sniff`` reads the first bytes for
what the file is, so the thread can say when the two differ (a program named as a PDF). The
table of signatures is small and ours: no ``libmagic`` to install on every workstation, and
the program never acts on the type anyway (it never opens a file, it only offers to save it).

``Limits`` are the connector's (``[attachments]`` in its TOML, app.connectors.config): a file
over the limit per file, or one that would take the message over the limit per message, is
recorded as not kept with its name, its size and why, so that the advisor knows the customer
sent it and can ask for it another way.
"""

import mimetypes
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from app.enums import AttachmentState

MB = 1024 * 1024
MAX_NAME = 255
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_FORBIDDEN = re.compile(r'[<>:"|?*]')
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Limits:
    per_file: int = 10 * MB
    per_message: int = 25 * MB

    def describe(self) -> str:
        return f"{self.per_file // MB} MB per file, {self.per_message // MB} MB per message"


@dataclass(frozen=True)
class IncomingFile:
    """One file of a message as the connector hands it to the centre."""

    filename: str
    declared_type: str
    state: AttachmentState
    content: bytes | None = None
    sniffed_type: str = ""
    size: int = 0
    reason: str = ""
    source: str | None = None
    """For a chat's media the platform holds: where to fetch it (a URL, a WhatsApp media id)."""

    def meta(self) -> dict[str, Any]:
        """What ``relais_attach`` takes of it beside its bytes."""
        return {
            "filename": self.filename,
            "declared_type": self.declared_type,
            "sniffed_type": self.sniffed_type,
            "state": self.state.value,
            "size": self.size,
            "reason": self.reason,
            "source": self.source,
        }


def kept(name: str, declared_type: str, content: bytes) -> IncomingFile:
    declared = _media_type(declared_type)
    return IncomingFile(
        filename=safe_filename(name, declared),
        declared_type=declared,
        state=AttachmentState.KEPT,
        content=content,
        sniffed_type=sniff(content),
        size=len(content),
    )


def to_fetch(name: str, declared_type: str, source: str) -> IncomingFile:
    declared = _media_type(declared_type)
    return IncomingFile(
        filename=safe_filename(name, declared),
        declared_type=declared,
        state=AttachmentState.PENDING,
        source=source[:2000],
    )


def within(files: Iterable[IncomingFile], limits: Limits) -> tuple[IncomingFile, ...]:
    """The files, those over the limits turned into records of their name, size and why."""
    out: list[IncomingFile] = []
    total = 0
    for f in files:
        if f.content is None:
            out.append(f)
            continue
        if f.size > limits.per_file:
            reason = f"larger than the limit of {limits.per_file // MB} MB per file"
        elif total + f.size > limits.per_message:
            reason = f"the message's files exceed the limit of {limits.per_message // MB} MB"
        else:
            total += f.size
            out.append(f)
            continue
        out.append(replace(f, state=AttachmentState.TOO_LARGE, content=None, reason=reason))
    return tuple(out)


def safe_filename(name: str | None, media_type: str = "") -> str:
    """A name with no folder part, no control, format or direction character, none that a
    Windows file system refuses, at most 255 characters with its extension kept; a name made
    from the type when nothing is left ("attachment.pdf")."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn")
    )
    text = _SPACES.sub(" ", _FORBIDDEN.sub("_", text)).strip(" .")
    if _WINDOWS_RESERVED.match(text):
        text = f"_{text}"
    if not text:
        text = "attachment" + (mimetypes.guess_extension(media_type or "") or "")
    if len(text) > MAX_NAME:
        stem, dot, extension = text.rpartition(".")
        if dot and 0 < len(extension) <= 16:
            text = stem[: MAX_NAME - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            text = text[:MAX_NAME].rstrip(" .")
    return text


def _media_type(declared: str | None) -> str:
    """The declared type as ``type/subtype`` in lower case, "" when it is not one."""
    value = str(declared or "").split(";", 1)[0].strip().lower()
    return value[:127] if re.fullmatch(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+", value) else ""


# First bytes of the kinds of file customers send, and of those nobody should open.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"BM", 0, "image/bmp"),
    (b"II*\x00", 0, "image/tiff"),
    (b"MM\x00*", 0, "image/tiff"),
    (b"PK\x03\x04", 0, "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "application/x-ole-storage"),
    (b"Rar!\x1a\x07", 0, "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", 0, "application/x-7z-compressed"),
    (b"\x1f\x8b", 0, "application/gzip"),
    (b"MZ", 0, "application/x-msdownload"),
    (b"\x7fELF", 0, "application/x-executable"),
    (b"ID3", 0, "audio/mpeg"),
    (b"OggS", 0, "audio/ogg"),
    (b"{\\rtf", 0, "application/rtf"),
    (b"BEGIN:VCARD", 0, "text/vcard"),
    (b"BEGIN:VCALENDAR", 0, "text/calendar"),
)
_ZIPPED = (
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    (b"mimetypeapplication/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"),
)


def sniff(content: bytes) -> str:
    """What the first bytes say the file is; ``text/plain`` for readable text,
    ``application/octet-stream`` for anything else."""
    head = content[:4096]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1"):
            return "image/heic"
        return "video/quicktime" if brand == b"qt  " else "video/mp4"
    for magic, at, kind in _SIGNATURES:
        if head[at : at + len(magic)] == magic:
            if kind == "application/zip":
                for marker, office in _ZIPPED:
                    if marker in head:
                        return office
            return kind
    if not head:
        return "application/x-empty"
    stripped = head.lstrip()
    if stripped[:5].lower() in (b"<html", b"<!doc"):
        return "text/html"
    if stripped[:5] == b"<?xml" or stripped[:4] == b"<svg":
        return "image/svg+xml" if b"<svg" in head else "application/xml"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4 or b"\x00" in head:  # not merely a cut character
            return "application/octet-stream"
    return "application/octet-stream" if b"\x00" in head else "text/plain"


_EXECUTABLE = ("application/x-msdownload", "application/x-executable")
_GENERIC = ("application/octet-stream", "text/plain", "application/x-empty", "application/zip")


def type_mismatch(declared: str, sniffed: str) -> bool:
    """Whether the bytes say the file is something else than the sender said, in a way that
    matters: a program under any other name, or another kind of content (a PDF that is an
    image); a generic reading (text, zip, unknown bytes) never counts."""
    if not declared or not sniffed or sniffed in _GENERIC:
        return False
    if sniffed in _EXECUTABLE:
        return declared not in _EXECUTABLE
    if declared in ("application/octet-stream", "binary/octet-stream"):
        return False
    return declared.split("/")[0] != sniffed.split("/")[0] or (
        declared in ("application/pdf",) and sniffed != declared
    )


def is_dangerous(sniffed: str, filename: str) -> bool:
    """A program or a script: the thread says so beside its "Save as…"."""
    if sniffed in _EXECUTABLE:
        return True
    extension = filename.rpartition(".")[2].lower()
    return extension in {
        "exe", "scr", "com", "bat", "cmd", "pif", "vbs", "vbe", "js", "jse", "wsf", "wsh",
        "msi", "ps1", "hta", "lnk", "jar", "reg", "cpl", "dll", "iso", "img",
    }  # fmt: skip
