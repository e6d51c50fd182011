"""A supervisor's merge of another customer's record into the one on screen, and its undo.

Chosen by search (the same box as Ctrl+F), previewed from the centre (how many contacts move,
how many still open, which identities), then confirmed; the centre decides (app.services.merges:
supervisors of a team that served them and administrators only, never across segments kept
apart) and says why not. The record merged stays, marked merged into this one, and the merge is
shown on the customer with "Undo merge".
"""

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dto import CustomerProfile
from app.errors import RelaisError
from app.services.customers import CustomerService
from app.services.merges import MergePreview
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text
from ui.desk.customer_link import CustomerSearchBox, kind_label


class CustomerMergeDialog(QDialog):
    """Merge with…: search, preview, confirm.

    Signals:
        merged(object): the id of the customer kept, once the centre made the merge.
    """

    merged = Signal(object)

    def __init__(
        self,
        runner: Runner,
        customers: CustomerService,
        profile: CustomerProfile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerMergeDialog")
        self.setWindowTitle(self.tr("Merge with {name}").format(name=profile.full_name))
        self._runner = runner
        self._customers = customers
        self._profile = profile
        self._key = f"customer-merge:{id(self)}"
        self._preview: MergePreview | None = None

        intro = QLabel(
            self.tr(
                "Find the other record of {name}. Its contacts and identities move here; the "
                "other record is kept, marked merged into this one, and the merge can be undone."
            ).format(name=profile.full_name),
            self,
        )
        intro.setWordWrap(True)
        self.search = CustomerSearchBox(runner, customers, self, max_rows=5, cautious=True)
        self.search.current_changed.connect(self._chosen)
        self.preview = QLabel(self)
        self.preview.setObjectName("mergePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setText(self.tr("Choose the other record in the list."))
        self.merge_button = QPushButton(self.tr("&Merge"), self)
        self.merge_button.setAccessibleName(self.tr("Merge the chosen record into this customer"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self._merge)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.search.setFocus()

    def preview_shown(self) -> MergePreview | None:
        return self._preview

    def _chosen(self, customer_id: uuid.UUID | None) -> None:
        self._preview = None
        self.merge_button.setEnabled(False)
        if customer_id is None:
            self.preview.setText(self.tr("Choose the other record in the list."))
            return
        if customer_id == self._profile.id:
            self.preview.setText(
                self.tr("This is the customer on screen: choose their other record.")
            )
            return
        merges, into = self._customers.merges, self._profile.id
        self.preview.setText(self.tr("Asking the centre what would move…"))
        self._runner.centre(
            lambda: merges.preview(into, customer_id),
            self._previewed,
            self._refused,
            owner=self,
            key=self._key,
        )

    def _previewed(self, preview: MergePreview) -> None:
        if preview.source != self.search.current_id():
            return  # the supervisor moved on meanwhile
        self._preview = preview
        lines = [
            self.tr("{source} will be merged into {into}:").format(
                source=preview.source_name, into=preview.into_name
            ),
            self.tr("{count} contact(s) move, {open} of them still open.").format(
                count=preview.contacts, open=preview.open_contacts
            ),
        ]
        if preview.identities:
            shown = ", ".join(f"{kind_label(k)} {d}" for k, d in preview.identities)
            lines.append(self.tr("Identities that move: {list}.").format(list=shown))
        else:
            lines.append(self.tr("No identity moves."))
        self.preview.setText("\n".join(lines))
        self.preview.setAccessibleName(" ".join(lines))
        self.merge_button.setEnabled(True)

    def _merge(self) -> None:
        preview = self._preview
        if preview is None:
            return
        merges = self._customers.merges
        self.merge_button.setEnabled(False)
        self.preview.setText(self.tr("Merging…"))
        self._runner.centre(
            lambda: merges.merge(preview.into, preview.source),
            self._done,
            self._refused,
            owner=self,
        )

    def _done(self, _merge_id: uuid.UUID) -> None:
        self.merged.emit(self._profile.id)
        self.accept()

    def _refused(self, err: RelaisError | Bug) -> None:
        self._preview = None
        self.merge_button.setEnabled(False)
        self.preview.setText(error_text(err))
        self.preview.setAccessibleName(error_text(err))
