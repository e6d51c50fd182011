"""A reply to a letter made into a printable PDF, then marked sent on the centre.

What the page holds is read on a worker (app.services.letters); the page is laid out with Qt's
QTextDocument (the team's letterhead, the customer's name and postal address, the date and the
reference, the reply) and written by QPdfWriter to the file the advisor chose, which they print
from their PDF reader. Then, on the centre lane, the reply is marked sent; a centre that cannot
be reached leaves the PDF made and says the reply will need marking again.
"""

import html
import uuid
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QSizeF, QStandardPaths
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import RelaisError
from app.services.contacts import ContactService
from app.services.letters import LetterReply
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text, format_date, translate


def letter_html(reply: LetterReply) -> str:
    """The page as rich text: letterhead, address block, date and reference, the reply."""

    def block(text: str) -> str:
        return html.escape(text.strip()).replace("\n", "<br>")

    missing = translate("LetterPrint", "No postal address on file")
    address = block(reply.postal_address) or f"<i>{html.escape(missing)}</i>"
    where = translate("LetterPrint", "Reference: {reference}").format(reference=reply.reference)
    return (
        f'<p style="font-size:14pt;"><b>{block(reply.team or "Relais")}</b></p>'
        '<table width="100%"><tr><td width="55%"></td><td>'
        f"<p>{block(reply.recipient)}<br>{address}</p></td></tr></table>"
        f"<p>{html.escape(format_date(reply.written_at))}<br>{html.escape(where)}</p>"
        + (f"<p><b>{block(reply.subject)}</b></p>" if reply.subject else "")
        + f'<p style="line-height:130%;">{block(reply.body)}</p>'
    )


def write_pdf(reply: LetterReply, target: Path) -> None:
    writer = QPdfWriter(str(target))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"{reply.reference} — {reply.recipient}")
    document = QTextDocument()
    document.setHtml(letter_html(reply))
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)


class LetterPrinter(QObject):
    """Prints the replies to letters a thread view offers (``ThreadView.print_letter``)."""

    def __init__(self, runner: Runner, contacts: ContactService, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._contacts = contacts
        self._window = parent
        self.ask_path = self._ask_path
        self.tell = self._tell

    def print_reply(self, message_id: uuid.UUID) -> None:
        letters = self._contacts.letters
        if letters is None:
            return
        self._runner.read(lambda: letters.reply(message_id), self._read, self._failed, owner=self)

    def _read(self, reply: LetterReply) -> None:
        target = self.ask_path(reply)
        if target is None:
            return
        try:
            write_pdf(reply, target)
        except OSError as exc:
            self.tell(self.tr("Letter not made"), str(exc))
            return
        letters = self._contacts.letters
        assert letters is not None
        self._runner.centre(
            lambda: letters.printed(reply.message_id),
            lambda marked: self._marked(target, bool(marked)),
            lambda err: self.tell(
                self.tr("Letter made, not marked sent"),
                self.tr("{path} is ready to print, but the centre could not be told: {why}").format(
                    path=str(target), why=error_text(err)
                ),
            ),
            owner=self,
        )

    def _marked(self, target: Path, marked: bool) -> None:
        said = (
            self.tr("{path} is ready to print; the reply is marked sent.")
            if marked
            else self.tr(
                "{path} is ready to print. The reply was marked sent before, or has not reached "
                "the centre yet: print again once it has to mark it."
            )
        )
        self.tell(self.tr("Letter ready"), said.format(path=str(target)))

    def _failed(self, err: RelaisError | Bug) -> None:
        self.tell(self.tr("Letter not made"), error_text(err))

    def _ask_path(self, reply: LetterReply) -> Path | None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Save the letter to print"),
            str(Path(folder) / f"{reply.reference}.pdf"),
            self.tr("PDF (*.pdf)"),
        )
        return Path(chosen) if chosen else None

    def _tell(self, title: str, text: str) -> None:
        QMessageBox.information(self._window, title, text)
