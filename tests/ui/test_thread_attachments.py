"""A customer's files in the thread: listed with name, type and size, saved where the advisor
chooses (on a worker thread), never opened; those not kept say why. The files travel from the
centre to the workstation's copy with their message."""

import uuid
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from sqlalchemy import select
from test_thread_view import NOW, make_detail

from app.dto import AttachmentView, MessageView
from app.enums import AttachmentState, Direction
from app.ingest import mail as mail_parser
from app.ingest.attachments import MB, Limits
from app.ingest.receive import receive
from app.models import Attachment
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.thread_view import SAVE_SCHEME, ContactViewerDialog, thread_html

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _file(name: str, state: AttachmentState = AttachmentState.KEPT, **kw) -> AttachmentView:
    values = {"declared_type": "application/pdf", "sniffed_type": "application/pdf",
              "size": 12_345, "reason": ""} | kw  # fmt: skip
    return AttachmentView(uuid.uuid4(), name, state=state, **values)


def _with(*files: AttachmentView) -> MessageView:
    return MessageView(uuid.uuid4(), Direction.INBOUND, "Julie", "Ci-joint", None, NOW,
                       files=files)  # fmt: skip


def test_each_file_is_a_line_with_its_name_type_size_and_save_link() -> None:
    kept = _file("relevé <b>.pdf")
    big = _file("scan.tiff", AttachmentState.TOO_LARGE, size=30 * MB,
                reason="larger than the limit of 10 MB per file")  # fmt: skip
    program = _file("facture.pdf", sniffed_type="application/x-msdownload")
    page = thread_html(make_detail(messages=(_with(kept, big, program),)))
    assert "relevé &lt;b&gt;.pdf" in page and "<b>.pdf" not in page  # the name is escaped
    assert f'href="{SAVE_SCHEME}:{kept.id}"' in page and "12 KB" in page
    assert f"{SAVE_SCHEME}:{big.id}" not in page  # nothing to save
    assert "Not kept: too large (larger than the limit of 10 MB per file)" in page
    assert "30.0 MB" in page
    assert "A program: do not open it" in page


@pytest.fixture
def runner(workspace: Workspace) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


def _mail_with_files() -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"] = "julie.moreau@example.fr", "support@relais.example"
    msg["Subject"], msg["Message-ID"] = "Justificatifs", f"<{uuid.uuid4().hex}@example.fr>"
    msg.set_content("Voici mes justificatifs.")
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="../../relevé.pdf")
    msg.add_attachment(bytes(3 * MB), maintype="image", subtype="tiff", filename="scan.tiff")
    return msg.as_bytes()


def test_a_mails_files_reach_the_copy_and_one_is_saved_as_the_advisor_chose(
    qtbot, workspace: Workspace, runner: Runner, tmp_path: Path
) -> None:
    inbound = mail_parser.parse(_mail_with_files(), limits=Limits(2 * MB, 5 * MB))
    got = receive(workspace.central, inbound)
    workspace.sync.cycle()
    with workspace.local.session() as s:
        rows = s.scalars(select(Attachment).where(Attachment.message_id == got.message_id)).all()
        assert [(a.filename, a.state) for a in rows] == [
            ("relevé.pdf", AttachmentState.KEPT),
            ("scan.tiff", AttachmentState.TOO_LARGE),
        ]
    dialog = ContactViewerDialog(runner, workspace.contacts, got.contact_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "relevé.pdf" in dialog.view.toPlainText())
    assert "Not kept: too large" in dialog.view.toPlainText()
    target = tmp_path / "chosen.pdf"
    told: list[str] = []
    dialog.saver.ask_path = lambda f: target
    dialog.saver.tell = lambda title, text: told.append(title)
    [kept] = [f for m in dialog.view.detail().messages for f in m.files if f.size == len(PDF)]
    dialog.view.anchorClicked.emit(QUrl(f"{SAVE_SCHEME}:{kept.id}"))
    qtbot.waitUntil(lambda: told == ["File saved"])
    assert target.read_bytes() == PDF
    assert not list(tmp_path.glob(".relais-*"))  # no temporary file left beside it


def test_a_file_not_kept_cannot_be_saved(workspace: Workspace, tmp_path: Path) -> None:
    inbound = mail_parser.parse(_mail_with_files(), limits=Limits(1, 1))
    got = receive(workspace.central, inbound)
    workspace.sync.cycle()
    with workspace.local.session() as s:
        first = s.scalars(select(Attachment.id).where(Attachment.message_id == got.message_id))
        attachment_id = next(iter(first))
    from app.errors import InputError

    with pytest.raises(InputError, match="did not keep"):
        workspace.contacts.save_attachment(attachment_id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def _real_pdf(tmp_path: Path) -> bytes:
    from PySide6.QtGui import QPainter, QPdfWriter

    path = tmp_path / "made.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawText(100, 100, "Madame, Monsieur,")
    painter.end()
    return path.read_bytes()


def _png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_a_letters_scan_is_shown_decoded_by_qt_from_its_bytes(
    qtbot, workspace: Workspace, runner: Runner, tmp_path: Path, kind: str
) -> None:
    from app.ingest import letter

    raw = _real_pdf(tmp_path) if kind == "pdf" else _png()
    got = receive(workspace.central, letter.parse(raw, f"courrier.{kind}"))
    workspace.sync.cycle()
    dialog = ContactViewerDialog(runner, workspace.contacts, got.contact_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: f"courrier.{kind}" in dialog.view.toPlainText())
    [scan] = [f for m in dialog.view.detail().messages for f in m.files]
    assert scan.scan == raw
    from PySide6.QtGui import QTextDocument

    image = dialog.view.loadResource(
        QTextDocument.ResourceType.ImageResource, QUrl(f"relais:scan/{scan.id}")
    )
    assert image is not None and not image.isNull()
    if kind == "png":
        assert (image.width(), image.height()) == (40, 60)
    assert "Save as…" in dialog.view.toPlainText()


def test_a_file_of_another_channel_is_not_shown(workspace: Workspace) -> None:
    inbound = mail_parser.parse(_mail_with_files())
    got = receive(workspace.central, inbound)
    workspace.sync.cycle()
    detail = workspace.contacts.detail(got.contact_id)
    assert all(f.scan is None for m in detail.messages for f in m.files)
