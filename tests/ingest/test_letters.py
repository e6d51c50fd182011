"""Letters: a scan becomes a LETTER contact whose message carries it, once however often it is
handed, linked to the customer whose account number it bears; on both kinds of centre, and by
``relais ingest letter`` into the demo."""

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.cli import build_parser
from app.commands import run
from app.enums import AttachmentState, Channel
from app.errors import InputError
from app.ingest import letter
from app.ingest.attachments import MB, Limits
from app.ingest.inbound import Outcome
from app.ingest.receive import receive
from app.models import Attachment, Contact, Customer
from app.settings import Settings

CENTRE_SIZE = (5, 10, 1)
"""This module's centre: customers, contacts, queue (tests/conftest.py ``centre``)."""


def _scan() -> bytes:
    return b"%PDF-1.7\n" + uuid.uuid4().bytes + b"\n%%EOF\n"


def test_a_scan_is_a_letter_contact_with_the_scan_attached_once(connector, truth) -> None:
    raw = _scan()
    got = receive(connector, letter.parse(raw, "courrier 12-03.pdf"))
    assert got.outcome is Outcome.NEW
    again = receive(connector, letter.parse(raw, "renamed.pdf"))
    assert again.outcome is Outcome.DUPLICATE and again.contact_id == got.contact_id
    with truth.session() as s:
        contact = s.get(Contact, got.contact_id)
        assert contact is not None and contact.channel == Channel.LETTER
        [scan] = s.scalars(select(Attachment).where(Attachment.contact_id == got.contact_id))
        assert scan.filename == "courrier 12-03.pdf" and scan.content == raw
        assert scan.state == AttachmentState.KEPT and scan.sniffed_type == "application/pdf"


def test_the_account_number_names_the_customer(connector, truth) -> None:
    account = f"ACC-{uuid.uuid4().hex[:8]}"
    with truth.session() as s:
        person = s.scalars(select(Customer).order_by(Customer.id).limit(1)).one()
        s.execute(update(Customer).where(Customer.id == person.id).values(account_number=account))
    got = receive(connector, letter.parse(_scan(), "scan.pdf", customer=account))
    with truth.session() as s:
        assert s.get(Contact, got.contact_id).customer_id == person.id


def test_an_unknown_account_number_stores_nothing(connector, truth) -> None:
    raw = _scan()
    with pytest.raises(InputError, match="account number"):
        receive(connector, letter.parse(raw, "scan.pdf", customer="NOBODY-0000"))
    # The letter was not stored: without the number it goes in as new.
    assert receive(connector, letter.parse(raw, "scan.pdf")).outcome is Outcome.NEW


@pytest.mark.parametrize(
    ("raw", "words"),
    [(b"MZ\x90\x00program", "not a scan"), (b"plain text", "not a scan"),
     (b"%PDF-" + bytes(3 * MB), "the limit is 2 MB")],
)  # fmt: skip
def test_a_file_that_is_no_scan_is_refused(raw, words) -> None:
    with pytest.raises(InputError) as refused:
        letter.parse(raw, "x.pdf", limits=Limits(2 * MB, 5 * MB))
    assert words in refused.value.text()


def test_relais_ingest_letter_into_the_demo(demo_dir: Path, tmp_path, capsys) -> None:
    scan = tmp_path / "lettre.pdf"
    scan.write_bytes(_scan())
    program = tmp_path / "lettre.exe"
    program.write_bytes(b"MZ\x90\x00")
    args = build_parser().parse_args(
        ["ingest", "letter", str(scan), str(program), "--demo", "--data-dir", str(demo_dir)]
    )
    assert run(args, Settings(Path("unused"))) == 2
    out, err = capsys.readouterr()
    assert out.startswith(f"{scan}: new contact R-")
    assert "lettre.exe is not a scan" in err
