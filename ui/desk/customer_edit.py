"""Editing a customer from the customer pane: their profile and each way to reach them.

The profile (names, language, postal address, account number) is written to this copy and goes
to the centre with the next push, like every other change (app.services.customers
``update_profile``, first edit wins there). Identities are the keys arrivals are matched by, so
each addition, correction and removal is one call of the centre's own function, made on the
centre lane (app.services.identities): the dialog says at once whether the centre took it,
and why not — a number phonenumbers cannot read, an address without @, one another customer
holds (with a button to open them), segments kept apart. Nothing typed is cleared on refusal.
"""

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dto import CustomerProfile, IdentityView
from app.enums import IdentityKind
from app.errors import RelaisError
from app.services.customers import CustomerService
from app.services.identities import IdentityHeld, KeptApart
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text
from ui.desk.customer_link import kind_label

KINDS = (
    IdentityKind.PHONE,
    IdentityKind.EMAIL,
    IdentityKind.WHATSAPP,
    IdentityKind.FACEBOOK,
    IdentityKind.INSTAGRAM,
    IdentityKind.X,
)


class CustomerEditDialog(QDialog):
    """The customer's profile and identities, edited from the keyboard.

    Signals:
        changed(object): something of this customer (their id) was saved: the pane reloads.
        open_customer(object): the advisor asked to open the customer an identity belongs to.
    """

    changed = Signal(object)
    open_customer = Signal(object)

    def __init__(
        self,
        runner: Runner,
        customers: CustomerService,
        profile: CustomerProfile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerEditDialog")
        self.setWindowTitle(self.tr("Edit {name}").format(name=profile.full_name))
        self._runner = runner
        self._customers = customers
        self._profile = profile
        self._key = f"customer-edit:{id(self)}"
        self._holder: uuid.UUID | None = None
        self._rows: dict[uuid.UUID, QLineEdit] = {}

        # -- the profile
        self.first_name = QLineEdit(profile.first_name, self)
        self.first_name.setAccessibleName(self.tr("First name"))
        self.last_name = QLineEdit(profile.last_name, self)
        self.last_name.setAccessibleName(self.tr("Last name"))
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("French"), "fr")
        self.language.addItem(self.tr("English"), "en")
        self.language.setCurrentIndex(0 if profile.language.startswith("fr") else 1)
        self.postal_address = QPlainTextEdit(profile.postal_address or "", self)
        self.postal_address.setAccessibleName(self.tr("Postal address"))
        self.postal_address.setTabChangesFocus(True)
        self.postal_address.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.account_number = QLineEdit(profile.account_number or "", self)
        self.account_number.setAccessibleName(self.tr("Account number"))
        self.save_profile = QPushButton(self.tr("&Save the profile"), self)
        self.save_profile.setAccessibleName(self.tr("Save the profile"))
        self.save_profile.clicked.connect(self._save_profile)
        details = QGroupBox(self.tr("Profile"), self)
        form = QFormLayout(details)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&First name"), self.first_name)
        form.addRow(self.tr("&Last name"), self.last_name)
        form.addRow(self.tr("Lan&guage"), self.language)
        form.addRow(self.tr("Postal &address"), self.postal_address)
        form.addRow(self.tr("Acc&ount number"), self.account_number)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_profile)
        form.addRow(save_row)

        # -- the identities
        self._ids_box = QGroupBox(self.tr("Ways to reach and recognise them"), self)
        self._ids = QGridLayout(self._ids_box)
        self._ids.setColumnStretch(1, 1)
        self.new_kind = QComboBox(self)
        self.new_kind.setAccessibleName(self.tr("Kind of the new identity"))
        for kind in KINDS:
            self.new_kind.addItem(kind_label(kind), kind)
        self.new_value = QLineEdit(self)
        self.new_value.setAccessibleName(self.tr("New identity"))
        self.new_value.setPlaceholderText(self.tr("06 12 34 56 78, name@example.com, @handle"))
        self.new_value.returnPressed.connect(self._add)
        self.add_button = QPushButton(self.tr("A&dd"), self)
        self.add_button.setAccessibleName(self.tr("Add this identity"))
        self.add_button.clicked.connect(self._add)

        # -- what happened
        self.status = QLabel(self)
        self.status.setObjectName("customerEditStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        self.open_holder = QPushButton(self)
        self.open_holder.setObjectName("openHolder")
        self.open_holder.clicked.connect(self._open_holder)
        self.open_holder.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.open_holder, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(details)
        layout.addWidget(self._ids_box)
        layout.addLayout(status_row)
        layout.addWidget(buttons)
        self._show_identities(profile.identities)
        # Wide enough for a whole e-mail address beside its buttons (a cut one cannot be checked).
        self.setMinimumWidth(max(600, self.fontMetrics().horizontalAdvance("M") * 48))
        self.first_name.setFocus()

    # -- identities ------------------------------------------------------------------------------

    def identity_rows(self) -> dict[uuid.UUID, QLineEdit]:
        return dict(self._rows)

    def _show_identities(self, identities: tuple[IdentityView, ...]) -> None:
        while self._ids.count():
            item = self._ids.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in (
                self.new_kind,
                self.new_value,
                self.add_button,
            ):
                widget.hide()
                widget.deleteLater()
        self._rows = {}
        previous: QWidget = self.save_profile
        row = 0
        for ident in identities:
            if ident.id is None:
                continue
            label = kind_label(ident.kind)
            kind = QLabel(label, self._ids_box)
            edit = QLineEdit(ident.display or ident.value, self._ids_box)
            edit.setAccessibleName(
                self.tr("{kind}: {value}").format(kind=label, value=ident.display)
            )
            correct = QPushButton(self.tr("Correct"), self._ids_box)
            correct.setAccessibleName(
                self.tr("Save the correction of {value}").format(value=ident.display)
            )
            remove = QPushButton(self.tr("Remove"), self._ids_box)
            remove.setAccessibleName(self.tr("Remove {value}").format(value=ident.display))
            identity_id = ident.id
            correct.clicked.connect(lambda _=False, i=identity_id: self._correct(i))
            edit.returnPressed.connect(lambda i=identity_id: self._correct(i))
            remove.clicked.connect(lambda _=False, v=ident: self._remove(v))
            kind.setBuddy(edit)
            self._ids.addWidget(kind, row, 0)
            self._ids.addWidget(edit, row, 1)
            self._ids.addWidget(correct, row, 2)
            self._ids.addWidget(remove, row, 3)
            for widget in (edit, correct, remove):
                QWidget.setTabOrder(previous, widget)
                previous = widget
            self._rows[identity_id] = edit
            row += 1
        if not self._rows:
            none = QLabel(self.tr("No phone, e-mail or handle yet."), self._ids_box)
            none.setProperty("tone", "muted")
            self._ids.addWidget(none, row, 0, 1, 4)
            row += 1
        self._ids.addWidget(self.new_kind, row, 0)
        self._ids.addWidget(self.new_value, row, 1)
        self._ids.addWidget(self.add_button, row, 2, 1, 2)
        for widget in (self.new_kind, self.new_value, self.add_button):
            QWidget.setTabOrder(previous, widget)
            previous = widget

    def _add(self) -> None:
        kind = IdentityKind(self.new_kind.currentData())
        typed = self.new_value.text()
        service = self._customers.identities
        customer = self._profile.id

        def done(_identity: uuid.UUID) -> None:
            self.new_value.clear()
            self._saved(self.tr("Added."))

        self._busy(self.tr("Adding…"))
        self._runner.centre(
            lambda: service.add(customer, kind, typed), done, self._refused, owner=self
        )

    def _correct(self, identity_id: uuid.UUID) -> None:
        edit = self._rows.get(identity_id)
        if edit is None:
            return
        typed = edit.text()
        service = self._customers.identities
        self._busy(self.tr("Saving…"))
        self._runner.centre(
            lambda: service.correct(identity_id, typed),
            lambda _none: self._saved(self.tr("Corrected.")),
            self._refused,
            owner=self,
        )

    def _remove(self, ident: IdentityView) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Remove an identity"),
            self.tr(
                "Remove {value} from {name}? Messages and calls from it will no longer find "
                "this customer by themselves."
            ).format(value=ident.display or ident.value, name=self._profile.full_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes or ident.id is None:
            return
        service = self._customers.identities
        identity_id = ident.id
        self._busy(self.tr("Removing…"))
        self._runner.centre(
            lambda: service.remove(identity_id),
            lambda _none: self._saved(self.tr("Removed.")),
            self._refused,
            owner=self,
        )

    # -- the profile -----------------------------------------------------------------------------

    def profile_changes(self) -> dict[str, str]:
        p = self._profile
        values = {
            "first_name": self.first_name.text(),
            "last_name": self.last_name.text(),
            "language": str(self.language.currentData()),
            "postal_address": self.postal_address.toPlainText(),
            "account_number": self.account_number.text(),
        }
        before = {
            "first_name": p.first_name,
            "last_name": p.last_name,
            "language": p.language,
            "postal_address": p.postal_address or "",
            "account_number": p.account_number or "",
        }
        return {k: v for k, v in values.items() if v.strip() != (before[k] or "").strip()}

    def _save_profile(self) -> None:
        changes = self.profile_changes()
        if not changes:
            self._say(self.tr("Nothing changed in the profile."))
            return
        customers, customer = self._customers, self._profile.id
        self._busy(self.tr("Saving…"))
        self._runner.write(
            lambda: customers.update_profile(customer, changes),
            lambda _none: self._saved(
                self.tr("Profile saved; it reaches the centre with the next sync.")
            ),
            self._refused,
            owner=self,
        )

    # -- answers ---------------------------------------------------------------------------------

    def _busy(self, text: str) -> None:
        self._say(text)
        self._ids_box.setEnabled(False)
        self.save_profile.setEnabled(False)

    def _idle(self) -> None:
        self._ids_box.setEnabled(True)
        self.save_profile.setEnabled(True)

    def _say(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("tone", "error" if problem else "muted")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setAccessibleName(text)
        self.status.show()
        self.open_holder.hide()

    def _saved(self, text: str) -> None:
        self.changed.emit(self._profile.id)
        customers, customer = self._customers, self._profile.id
        self._runner.centre(
            lambda: customers.profile(customer),
            lambda p: self._reloaded(p, text),
            self._refused,
            owner=self,
            key=self._key,
        )

    def _reloaded(self, profile: CustomerProfile, text: str) -> None:
        self._profile = profile
        self._show_identities(profile.identities)
        self._idle()
        self._say(text)

    def _refused(self, err: RelaisError | Bug) -> None:
        self._idle()
        self._say(error_text(err), problem=True)
        # A customer kept apart is not offered: their record is another licence's business.
        if isinstance(err, IdentityHeld) and not isinstance(err, KeptApart):
            self._holder = err.customer_id
            name = err.name or self.tr("them")
            self.open_holder.setText(self.tr("&Open {name}").format(name=name))
            self.open_holder.setAccessibleName(self.tr("Open {name}").format(name=name))
            self.open_holder.show()
            self.open_holder.setFocus()

    def _open_holder(self) -> None:
        if self._holder is not None:
            self.open_customer.emit(self._holder)
            self.accept()
