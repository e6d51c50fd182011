"""The thread's "Save as…" for a customer's file: a save dialog, then the write on a worker.

The program never opens, runs or shows the file: it writes its bytes where the advisor chose
and says where. A program or a file whose content is not what its name says is saved only
after the advisor confirmed they know what it is.
"""

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.dto import AttachmentView
from app.errors import RelaisError
from app.services.contacts import ContactService
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text


class AttachmentSaver(QObject):
    """Saves the files a thread view offers (``ThreadView.save_file``).

    Signals: none; ``saved`` and ``failed`` say what happened to the window's owner via the
    message boxes and ``last_saved`` (for tests).
    """

    def __init__(self, runner: Runner, contacts: ContactService, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._contacts = contacts
        self._window = parent
        self.last_saved: Path | None = None
        self.ask_path = self._ask_path
        self.confirm_risky = self._confirm_risky
        self.tell = self._tell

    def save(self, f: AttachmentView) -> None:
        if (f.dangerous or f.mismatched) and not self.confirm_risky(f):
            return
        target = self.ask_path(f)
        if target is None:
            return
        contacts, attachment_id = self._contacts, f.id
        self._runner.read(
            lambda: contacts.save_attachment(attachment_id, target),
            lambda _size: self._saved(target),
            self._failed,
            owner=self,
        )

    def _saved(self, target: Path) -> None:
        self.last_saved = target
        self.tell(self.tr("File saved"), self.tr("Saved as {path}.").format(path=str(target)))

    def _failed(self, err: RelaisError | Bug) -> None:
        self.tell(self.tr("File not saved"), error_text(err))

    def _ask_path(self, f: AttachmentView) -> Path | None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation
        ) or str(Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Save the customer's file"),
            str(Path(folder) / f.filename),
        )
        return Path(chosen) if chosen else None

    def _confirm_risky(self, f: AttachmentView) -> bool:
        why = (
            self.tr("“{name}” is a program.")
            if f.dangerous
            else self.tr("“{name}” is not what its name says (its content is {kind}).")
        ).format(name=f.filename, kind=f.sniffed_type)
        answer = QMessageBox.warning(
            self._window,
            self.tr("Save a risky file"),
            why
            + "\n\n"
            + self.tr(
                "Files from customers can be harmful. Save it only if you need it, and never "
                "open it on this workstation unless your IT team says it is safe."
            ),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def _tell(self, title: str, text: str) -> None:
        QMessageBox.information(self._window, title, text)
