"""A reply to a letter: printed as a PDF with the team's letterhead, the customer's postal
address and the reply, then marked sent on the centre by its own advisor only."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtPdf import QPdfDocument
from sqlalchemy import select, update

from app.enums import DeliveryState
from app.ingest import letter
from app.ingest.receive import receive
from app.models import Customer, Delivery
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.thread_view import PRINT_SCHEME, ContactViewerDialog


@pytest.fixture
def runner(workspace: Workspace) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


def _scan() -> bytes:
    return b"%PDF-1.7\n" + uuid.uuid4().bytes + b"\n%%EOF\n"


def test_a_reply_to_a_letter_is_printed_and_marked_sent(
    qtbot,
    workspace: Workspace,
    runner: Runner,
    tmp_path: Path,
) -> None:
    account = f"ACC{uuid.uuid4().hex[:6]}"
    with workspace.central.session() as s:
        person = s.scalars(select(Customer).order_by(Customer.id).limit(1)).one()
        s.execute(
            update(Customer)
            .where(Customer.id == person.id)
            .values(account_number=account, postal_address="12 rue des Lilas\n75011 Paris")
        )
        name = f"{person.first_name} {person.last_name}"
    got = receive(workspace.central, letter.parse(_scan(), "courrier.pdf", customer=account))
    workspace.sync.cycle()
    workspace.queue.take(got.contact_id)
    reply = workspace.contacts.send_reply(
        got.contact_id, "Madame, nous avons bien reçu votre courrier."
    )
    workspace.sync.cycle()  # the reply reaches the centre, its delivery queued
    dialog = ContactViewerDialog(runner, workspace.contacts, got.contact_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Print this letter" in dialog.view.toPlainText())
    target = tmp_path / "lettre.pdf"
    told: list[tuple[str, str]] = []
    dialog.printer.ask_path = lambda r: target
    dialog.printer.tell = lambda title, text: told.append((title, text))
    dialog.view.anchorClicked.emit(QUrl(f"{PRINT_SCHEME}:{reply.id}"))
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert told[0][0] == "Letter ready" and "marked sent" in told[0][1]
    document = QPdfDocument()
    document.load(str(target))
    assert document.pageCount() == 1
    words = document.getAllText(0).text()
    assert name in words and "75011 Paris" in words and "bien reçu votre courrier" in words
    assert got.reference in words
    with workspace.central.session() as s:
        state = s.scalar(select(Delivery.state).where(Delivery.message_id == reply.id))
    assert state == DeliveryState.SENT
    # Printed again: already sent, said so.
    assert workspace.contacts.letters is not None
    assert workspace.contacts.letters.printed(reply.id) is False
