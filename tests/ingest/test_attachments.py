"""Attachments: names made safe, types sniffed, limits applied, and the files stored with their
message in one transaction on both kinds of centre (``relais_attach`` as a connector's own
login, app.sync.apply_attachments on the embedded centre)."""

import hashlib
import uuid
from email.message import EmailMessage
from pathlib import Path

import pytest
from mails import mail
from sqlalchemy import select

from app.enums import AttachmentState
from app.errors import InputError
from app.ingest import attachments
from app.ingest import mail as mail_parser
from app.ingest.attachments import MB, Limits, safe_filename, sniff
from app.ingest.inbound import Outcome
from app.ingest.receive import receive
from app.models import Attachment

DATA = Path(__file__).parent.parent / "data" / "mail"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system32\\evil.dll", "evil.dll"),
        ("C:\\Users\\moi\\Documents\\relevé.pdf", "relevé.pdf"),
        ("facture\r\nX-Injected: oui.pdf", "facture X-Injected_ oui.pdf"),
        ("invoice_\u202efdp.exe", "invoice_fdp.exe"),  # the right-to-left override is gone
        ("\u2066photo\u2069.jpg", "photo.jpg"),
        ("..", "attachment.pdf"),
        ("", "attachment.pdf"),
        ("   .hidden  ", "hidden"),
        ("CON.txt", "_CON.txt"),
        ('a<b>c:"d"|e?f*.txt', "a_b_c__d__e_f_.txt"),
        ("e\u0301te\u0301.txt", "été.txt"),  # NFC
    ],
)
def test_a_senders_file_name_becomes_a_safe_one(given, safe) -> None:
    assert safe_filename(given, "application/pdf") == safe


def test_a_long_name_keeps_its_extension() -> None:
    name = safe_filename("x" * 400 + ".pdf")
    assert len(name) == 255 and name.endswith(".pdf")


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "application/x-msdownload"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "application/vnd.openxmlformats-"
         "officedocument.wordprocessingml.document"),
        ("Bonjour, voici mon relevé.".encode(), "text/plain"),
        (b"\x00\x01\x02\x03binary", "application/octet-stream"),
        (b"", "application/x-empty"),
    ],
)  # fmt: skip
def test_the_first_bytes_say_what_a_file_is(content, kind) -> None:
    assert sniff(content) == kind


def test_a_program_named_as_a_document_is_told_apart() -> None:
    assert attachments.type_mismatch("application/pdf", "application/x-msdownload")
    assert attachments.type_mismatch("image/jpeg", "application/pdf")
    assert not attachments.type_mismatch("image/jpg", "image/jpeg")
    assert not attachments.type_mismatch("application/octet-stream", "application/zip")
    assert attachments.is_dangerous("application/octet-stream", "facture.pdf.exe")


def test_limits_per_file_and_per_message() -> None:
    files = [attachments.kept(f"f{i}.bin", "application/octet-stream", bytes(n * MB))
             for i, n in enumerate((3, 11, 4, 2))]  # fmt: skip
    got = attachments.within(files, Limits(per_file=10 * MB, per_message=8 * MB))
    assert [f.state for f in got] == [
        AttachmentState.KEPT,
        AttachmentState.TOO_LARGE,  # over 10 MB on its own
        AttachmentState.KEPT,
        AttachmentState.TOO_LARGE,  # 3 + 4 + 2 > 8
    ]
    assert got[1].content is None and got[1].size == 11 * MB and "10 MB per file" in got[1].reason
    assert "8 MB" in got[3].reason and got[3].filename == "f3.bin"


def _with_files(sender: str, *files: tuple[str, str, bytes], body: str = "Ci-joint.") -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "support@relais.example", "Pièces"
    msg["Message-ID"] = f"<{uuid.uuid4().hex}@mail.example.net>"
    msg.set_content(body)
    for name, kind, data in files:
        main, _, sub = kind.partition("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg.as_bytes()


def test_real_world_mails_give_their_files() -> None:
    outlook = mail_parser.parse((DATA / "outlook_pdf_and_image.eml").read_bytes())
    assert [(f.filename, f.declared_type, f.sniffed_type) for f in outlook.files] == [
        ("facture contestée.pdf", "application/pdf", "application/pdf"),  # RFC 2231, Latin-1
        ("image001.png", "image/png", "image/png"),  # Outlook's inline image
    ]
    assert "facture contestée" in outlook.body_text  # the body is no file
    forwarded = mail_parser.parse((DATA / "gmail_forwarded_and_zip.eml").read_bytes())
    names = [f.filename for f in forwarded.files]
    assert names == ["Votre commande 4471.eml", "bon de livraison.zip"]
    eml = forwarded.files[0].content or b""
    assert b"Votre commande 4471 est en route." in eml
    nested = mail_parser.parse((DATA / "nested_multipart.eml").read_bytes())
    assert {f.sniffed_type for f in nested.files} == {"image/png", "application/pdf"}
    for plain in ("plain_qp_utf8.eml", "html_only_windows1252.eml", "latin1_base64.eml"):
        assert mail_parser.parse((DATA / plain).read_bytes()).files == ()


CENTRE_SIZE = (10, 20, 2)
"""This module's centre: customers, contacts, queue (tests/conftest.py ``centre``)."""


def _stored(truth, message_id) -> list[Attachment]:
    with truth.session() as s:
        rows = s.scalars(
            select(Attachment)
            .where(Attachment.message_id == message_id)
            .order_by(Attachment.position)
        ).all()
        s.expunge_all()
        return list(rows)


def test_a_mails_files_are_stored_with_it_once(connector, truth) -> None:
    raw = _with_files(
        "cliente@example.org",
        ("../../etc/passwd", "text/plain", b"root:x:0:0"),
        ("relevé.pdf", "application/pdf", PDF),
        ("photo\u202egnp.exe", "image/png", b"MZ\x90\x00program"),
    )
    got = receive(connector, mail_parser.parse(raw))
    assert got.outcome is Outcome.NEW
    files = _stored(truth, got.message_id)
    assert [f.filename for f in files] == ["passwd", "relevé.pdf", "photognp.exe"]
    assert [f.sniffed_type for f in files] == ["text/plain", "application/pdf",
                                               "application/x-msdownload"]  # fmt: skip
    pdf = files[1]
    assert pdf.state == AttachmentState.KEPT and pdf.content == PDF and pdf.size == len(PDF)
    assert pdf.sha256 == hashlib.sha256(PDF).hexdigest()  # the centre's own reckoning
    assert {f.contact_id for f in files} == {got.contact_id}
    again = receive(connector, mail_parser.parse(raw))
    assert again.outcome is Outcome.DUPLICATE
    assert len(_stored(truth, got.message_id)) == 3


def test_an_oversize_file_is_recorded_not_kept(connector, truth) -> None:
    big = bytes(3 * MB)
    raw = _with_files("gros@example.org", ("scan.tiff", "image/tiff", big), ("ok.pdf",
                      "application/pdf", PDF))  # fmt: skip
    inbound = mail_parser.parse(raw, limits=Limits(per_file=2 * MB, per_message=5 * MB))
    got = receive(connector, inbound)
    tiff, pdf = _stored(truth, got.message_id)
    assert tiff.state == AttachmentState.TOO_LARGE and tiff.content is None
    assert tiff.size == len(big) and tiff.filename == "scan.tiff" and "2 MB" in tiff.reason
    assert pdf.state == AttachmentState.KEPT


def test_a_mail_with_files_joins_its_thread_as_any_other(connector, truth) -> None:
    first = mail("suivi@example.org", "Dossier", "Bonjour")
    got = receive(connector, mail_parser.parse(first))
    first_id = mail_parser.parse(first).key
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "suivi@example.org", "Re: Dossier"
    msg["Message-ID"], msg["In-Reply-To"] = f"<{uuid.uuid4().hex}@x.example>", first_id
    msg.set_content("Voici le justificatif.")
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="justificatif.pdf")
    joined = receive(connector, mail_parser.parse(msg.as_bytes()))
    assert joined.outcome is Outcome.JOINED and joined.contact_id == got.contact_id
    [stored] = _stored(truth, joined.message_id)
    assert stored.contact_id == got.contact_id


def test_the_centre_refuses_a_file_with_a_bad_name_and_stores_nothing(connector, truth) -> None:
    from dataclasses import replace

    inbound = mail_parser.parse(_with_files("x@example.org", ("a.pdf", "application/pdf", PDF)))
    bad = replace(inbound, files=(replace(inbound.files[0], filename="../a.pdf"),))
    with pytest.raises(InputError) as refused:
        receive(connector, bad)
    assert "name" in refused.value.text()
    # The message went with its refused file: the next delivery of a good one stores both.
    assert receive(connector, inbound).outcome is Outcome.NEW
