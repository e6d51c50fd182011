"""Finding a customer, and tying an unidentified sender's contact to one.

Two uses share one search box: ``LinkCustomerWidget`` sits in the customer panel when a message
came from an address no customer has (link it to an existing customer, or create one from the
sender's details), and ``CustomerSearchDialog`` is what Ctrl+F opens to look up any customer.

Search runs as the advisor types, debounced, in a worker; each request carries the same key so an
answer to an older text is dropped when a newer one is on its way.
"""

import uuid

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dto import ContactDetail, CustomerMatch, Found, NewCustomer, NewIdentity
from app.enums import Channel, IdentityKind
from app.errors import RelaisError
from app.services.customers import CustomerService
from ui.common import theme
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text, translate
from ui.desk.customer_match_model import CustomerMatchModel, MatchDelegate

AnyIndex = QModelIndex | QPersistentModelIndex

DEBOUNCE_MS = 250
MIN_CHARS = 2
SEARCH_LIMIT = 50
"""What CustomerService.search returns at most by default: reaching it means "type more"."""

SOCIAL_KIND: dict[Channel, IdentityKind] = {
    Channel.FACEBOOK: IdentityKind.FACEBOOK,
    Channel.X: IdentityKind.X,
    Channel.INSTAGRAM: IdentityKind.INSTAGRAM,
    Channel.WHATSAPP: IdentityKind.WHATSAPP,
}
"""Channels whose sender address is an identity of its own kind (besides phone and e-mail)."""


class _SearchEdit(QLineEdit):
    """Down/Page Down hand the keyboard to the result list; Enter picks the first result."""

    move_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.move_down.emit()
            return
        super().keyPressEvent(event)


class _ResultList(QListView):
    """Enter picks the current customer; Up on the first row goes back to the search box."""

    picked = Signal(QModelIndex)
    back_to_search = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.picked.emit(self.currentIndex())
            return
        if key == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.back_to_search.emit()
            return
        super().keyPressEvent(event)


class CustomerSearchBox(QWidget):
    """A search field and its result list: by name, phone, e-mail, @handle or account number.

    Signals:
        picked(object): the customer id the advisor chose (Enter or double-click on a result).
        current_changed(object): the highlighted customer id, or None.
        results_shown(int): a search answered, with this many matches.
    """

    picked = Signal(object)
    current_changed = Signal(object)
    results_shown = Signal(int)

    def __init__(
        self,
        runner: Runner,
        customers: CustomerService,
        parent: QWidget | None = None,
        *,
        max_rows: int | None = None,
        cautious: bool = False,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._customers = customers
        self._key = f"customer-search:{id(self)}"
        self._asked = ""
        self._answered: str | None = None
        # Cautious: picking leads to a write (linking a contact), so nothing is pre-selected and
        # Enter in the field only moves to the list; the advisor chooses a row on purpose.
        self._cautious = cautious

        self.edit = _SearchEdit(self)
        self.edit.setPlaceholderText(self.tr("Name, phone, e-mail, @handle or account number"))
        self.edit.setAccessibleName(self.tr("Search for a customer"))
        self.edit.setClearButtonEnabled(True)
        self.model = CustomerMatchModel(self)
        self.results = _ResultList(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(MatchDelegate(self.results))
        self.results.setAccessibleName(self.tr("Customers found"))
        self.results.setUniformItemSizes(True)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        row = self.fontMetrics().height() * 2 + 12
        self.results.setMinimumHeight(row * 3 + 4)
        if max_rows is not None:
            self.results.setMaximumHeight(row * max_rows + 4)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("tone", "muted")

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search_now)
        self.edit.textChanged.connect(self._typed)
        self.edit.returnPressed.connect(self._enter_in_edit)
        self.edit.move_down.connect(self._focus_results)
        self.results.back_to_search.connect(self.edit.setFocus)
        self.results.picked.connect(self._pick)
        self.results.doubleClicked.connect(self._pick)
        self.results.selectionModel().currentChanged.connect(self._current)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.setFocusProxy(self.edit)
        self._say(self.tr("Type at least two characters."))

    # -- public --------------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Pre-fills the box and searches at once (no debounce: nothing was typed)."""
        self.edit.setText(text)
        self.edit.selectAll()
        self._timer.stop()
        self._search_now()

    def answered(self) -> str | None:
        """The text the results on screen answer ("" for too short a text, None before any)."""
        return self._answered

    def current_id(self) -> uuid.UUID | None:
        index = self.results.currentIndex()
        return index.data(CustomerMatchModel.ID_ROLE) if index.isValid() else None

    def current_match(self) -> CustomerMatch | None:
        index = self.results.currentIndex()
        return self.model.match_at(index.row()) if index.isValid() else None

    # -- searching -----------------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def _search_now(self) -> None:
        text = self.edit.text().strip()
        if len(text) < MIN_CHARS:
            self._asked = ""
            nothing = Found([], local_only=False)
            self._runner.read(lambda: nothing, self._shown, owner=self, key=self._key)
            return
        self._asked = text
        self._say(self.tr("Searching…"))
        customers = self._customers
        # The centre answers while it can (it knows customers this copy does not hold yet).
        self._runner.centre(
            lambda: customers.find(text), self._shown, self._failed, owner=self, key=self._key
        )

    def _shown(self, found: Found) -> None:
        matches = found.matches
        self.model.set_matches(matches)
        self._answered = self._asked
        if not self._asked:
            self._say(self.tr("Type at least two characters."))
        elif not matches:
            self._say(self.tr("No customer matches “{text}”.").format(text=self._asked))
        else:
            n = len(matches)
            if n == 1:
                self._say(self.tr("1 customer found."))
            elif n >= SEARCH_LIMIT:
                self._say(
                    self.tr("The first {count} customers found: type more to narrow it.").format(
                        count=n
                    )
                )
            else:
                self._say(self.tr("{count} customers found.").format(count=n))
            if not self._cautious:
                self.results.setCurrentIndex(self.model.index(0, 0))
        if found.local_only and self._asked:
            self._say(
                self.status.text()
                + " "
                + self.tr("(Offline: searched this workstation's copy only.)")
            )
        self.current_changed.emit(self.current_id())
        self.results_shown.emit(len(matches))

    def _failed(self, err: RelaisError | Bug) -> None:
        self.model.set_matches([])
        self._say(error_text(err))
        self.current_changed.emit(None)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- keyboard ------------------------------------------------------------------------------

    def _enter_in_edit(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._search_now()
            return
        if self._cautious:
            self._focus_results()
        elif self.model.rowCount() > 0:
            self._pick(
                self.results.currentIndex()
                if self.results.currentIndex().isValid()
                else self.model.index(0, 0)
            )

    def _focus_results(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.results.setFocus()
        if not self.results.currentIndex().isValid():
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _pick(self, index: QModelIndex) -> None:
        if index.isValid():
            self.results.setCurrentIndex(index)
            self.picked.emit(index.data(CustomerMatchModel.ID_ROLE))

    def _current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(
            current.data(CustomerMatchModel.ID_ROLE) if current.isValid() else None
        )


class _NewCustomerForm(QFrame):
    """First name, last name, language and the ways to reach them, pre-filled from the sender."""

    def __init__(self, detail: ContactDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCustomerForm")
        first, last = _split_name(detail.sender_display)
        self.first_name = QLineEdit(first, self)
        self.first_name.setAccessibleName(self.tr("First name"))
        self.last_name = QLineEdit(last, self)
        self.last_name.setAccessibleName(self.tr("Last name"))
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("French"), "fr")
        self.language.addItem(self.tr("English"), "en")
        self.language.setCurrentIndex(0 if detail.language.startswith("fr") else 1)
        self.phone = QLineEdit(self)
        self.phone.setAccessibleName(self.tr("Phone"))
        self.phone.setPlaceholderText(self.tr("e.g. 06 12 34 56 78"))
        self.email = QLineEdit(self)
        self.email.setAccessibleName(self.tr("E-mail"))
        self.email.setPlaceholderText(self.tr("e.g. name@example.com"))
        self.social_kind: IdentityKind | None = SOCIAL_KIND.get(detail.channel)
        self.social = QLineEdit(self)
        if detail.channel == Channel.PHONE:
            self.phone.setText(detail.sender_address)
        elif detail.channel == Channel.EMAIL:
            self.email.setText(detail.sender_address)
        elif self.social_kind is not None:
            self.social.setText(detail.sender_address)

        form = QFormLayout(self)
        form.setContentsMargins(0, 4, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&First name"), self.first_name)
        form.addRow(self.tr("&Last name"), self.last_name)
        form.addRow(self.tr("Lan&guage"), self.language)
        form.addRow(self.tr("P&hone"), self.phone)
        form.addRow(self.tr("&E-mail"), self.email)
        if self.social_kind is not None:
            label = kind_label(self.social_kind)
            self.social.setAccessibleName(label)
            form.addRow(label, self.social)
        else:
            self.social.hide()

    def new_customer(self) -> NewCustomer:
        identities = [
            NewIdentity(IdentityKind.PHONE, self.phone.text()),
            NewIdentity(IdentityKind.EMAIL, self.email.text()),
        ]
        if self.social_kind is not None:
            identities.append(NewIdentity(self.social_kind, self.social.text()))
        return NewCustomer(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            language=str(self.language.currentData()),
            identities=tuple(i for i in identities if i.text.strip()),
        )


class LinkCustomerWidget(QWidget):
    """Ties an unidentified sender's contact to a customer: an existing one found by search,
    or a new one made from the sender's details. Both go through the single writer; a refusal
    (an invalid phone number...) is shown here and nothing typed is lost.

    Signals:
        linked(object, object): the contact id and the customer id, once the link is stored.
    """

    linked = Signal(object, object)

    def __init__(
        self,
        runner: Runner,
        customers: CustomerService,
        detail: ContactDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._customers = customers
        self._detail = detail
        self._busy = False

        self.search = CustomerSearchBox(runner, customers, self, max_rows=7, cautious=True)
        self.link_button = QPushButton(self.tr("&Link to this customer"), self)
        self.link_button.setAccessibleName(self.tr("Link this contact to the selected customer"))
        self.link_button.setEnabled(False)
        self.new_button = QPushButton(self.tr("Create a &new customer…"), self)
        self.new_button.setAccessibleName(self.tr("Create a new customer from this sender"))
        self.new_button.setCheckable(True)

        self.form = _NewCustomerForm(detail, self)
        self.create_button = QPushButton(self.tr("&Create and link"), self)
        self.create_button.setAccessibleName(self.tr("Create the customer and link this contact"))
        self.cancel_create = QPushButton(self.tr("Back to search"), self)
        self.cancel_create.setAccessibleName(self.tr("Back to the customer search"))
        self.message = QLabel(self)
        self.message.setObjectName("linkMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setProperty("box", "error")
        self.message.hide()

        self.search.current_changed.connect(self._current_changed)
        self.search.picked.connect(self._link)
        self.link_button.clicked.connect(lambda: self._link(self.search.current_id()))
        self.new_button.toggled.connect(self._show_form)
        self.create_button.clicked.connect(self._create)
        self.cancel_create.clicked.connect(lambda: self.new_button.setChecked(False))
        for edit in (
            self.form.first_name,
            self.form.last_name,
            self.form.phone,
            self.form.email,
            self.form.social,
        ):
            edit.returnPressed.connect(self._create)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        form_buttons = QHBoxLayout()
        form_buttons.setContentsMargins(0, 0, 0, 0)
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.cancel_create)
        form_buttons.addWidget(self.create_button)
        self._form_box = QWidget(self)
        form_box_layout = QVBoxLayout(self._form_box)
        form_box_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("New customer"), self._form_box)
        title_font = title.font()
        title_font.setBold(True)
        title.setFont(title_font)
        form_box_layout.addWidget(title)
        form_box_layout.addWidget(self.form)
        form_box_layout.addLayout(form_buttons)
        self._form_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.search)
        layout.addLayout(buttons)
        layout.addWidget(self._form_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setFocusProxy(self.search)

        QShortcut(
            QKeySequence("Ctrl+L"),
            self,
            self._link_current,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        guess = detail.sender_display.strip() or detail.sender_address.strip()
        if guess:
            self.search.set_text(guess)

    @property
    def contact_id(self) -> uuid.UUID:
        return self._detail.id

    # -- linking -------------------------------------------------------------------------------

    def _current_changed(self, customer_id: uuid.UUID | None) -> None:
        self.link_button.setEnabled(customer_id is not None and not self._busy)

    def _link_current(self) -> None:
        self._link(self.search.current_id())

    def _link(self, customer_id: uuid.UUID | None) -> None:
        if customer_id is None or self._busy:
            return
        contact_id = self._detail.id
        runner, customers = self._runner, self._customers
        self._set_busy(True)

        def held(_none: None) -> None:
            # The customer is in the copy now: the link itself is a local write, in order
            # with the advisor's other writes.
            runner.write(
                lambda: customers.link(contact_id, customer_id),
                lambda _none: self._done(customer_id),
                self._failed,
                owner=self,
            )

        # A customer found on the centre comes into the copy first, on the centre lane: the
        # network may hold that fetch, never the writer. Should the advisor leave the contact
        # meanwhile, nothing is linked behind their back (the contact stays unidentified).
        runner.centre(lambda: customers.hold(customer_id), held, self._failed, owner=self)

    # -- creating ------------------------------------------------------------------------------

    def _show_form(self, on: bool) -> None:
        self._form_box.setVisible(on)
        self.search.setVisible(not on)
        self.link_button.setVisible(not on)
        self.new_button.setVisible(not on)
        self.message.hide()
        if on:
            (
                self.form.first_name
                if not self.form.first_name.text()
                else self.form.last_name
                if not self.form.last_name.text()
                else self.form.first_name
            ).setFocus()
        else:
            self.search.edit.setFocus()

    def _create(self) -> None:
        if self._busy or not self._form_box.isVisible():
            return
        for field in (self.form.first_name, self.form.phone, self.form.email, self.form.social):
            theme.set_state(field, "invalid", False)
        new = self.form.new_customer()
        contact_id = self._detail.id
        customers = self._customers
        self._set_busy(True)
        self._runner.write(
            lambda: customers.create(new, link_contact=contact_id),
            self._done,
            self._failed,
            owner=self,
        )

    # -- answers -------------------------------------------------------------------------------

    def _done(self, customer_id: uuid.UUID) -> None:
        self._set_busy(False)
        self.message.hide()
        self.linked.emit(self._detail.id, customer_id)

    def _failed(self, err: RelaisError | Bug) -> None:
        self._set_busy(False)
        self.message.setText(error_text(err))
        self.message.show()
        field = self._field_at_fault(err)
        if field is not None:
            theme.set_state(field, "invalid", True)
            field.setFocus()
            field.selectAll()

    def _field_at_fault(self, err: RelaisError | Bug) -> QLineEdit | None:
        """The form field an input error is about (the service names the value it refused)."""
        if not isinstance(err, RelaisError) or not self._form_box.isVisible():
            return None
        text = str(err.values.get("text", "")).strip()
        for field in (self.form.phone, self.form.email, self.form.social):
            if text and field.text().strip() == text:
                return field
        if not (self.form.first_name.text().strip() or self.form.last_name.text().strip()):
            return self.form.first_name
        return None

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.create_button.setEnabled(not busy)
        self.link_button.setEnabled(not busy and self.search.current_id() is not None)


class CustomerSearchDialog(QDialog):
    """Ctrl+F: look up any customer and open their history. ``chosen()`` after ``exec()``."""

    def __init__(
        self, runner: Runner, customers: CustomerService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        theme.adopt(self)  # the window's sheet, also when made without a parent
        self.setWindowTitle(self.tr("Find a customer"))
        self.setAccessibleName(self.tr("Find a customer"))
        self._chosen: uuid.UUID | None = None
        self.search = CustomerSearchBox(runner, customers, self)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(
            self.tr("&Open history"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setAccessibleName(self.tr("Open the selected customer's history"))
        self.open_button.setEnabled(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept_current)
        self.buttons.rejected.connect(self.reject)
        self.search.current_changed.connect(
            lambda cid: self.open_button.setEnabled(cid is not None)
        )
        self.search.picked.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.buttons)
        self.resize(480, 420)
        self.search.edit.setFocus()

    def chosen(self) -> uuid.UUID | None:
        return self._chosen

    @classmethod
    def choose(
        cls, runner: Runner, customers: CustomerService, parent: QWidget | None = None
    ) -> uuid.UUID | None:
        dialog = cls(runner, customers, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _accept_current(self) -> None:
        self._choose(self.search.current_id())

    def _choose(self, customer_id: uuid.UUID | None) -> None:
        if customer_id is None:
            return
        self._chosen = customer_id
        self.accept()


def _split_name(display: str) -> tuple[str, str]:
    """Guesses first and last name from a display name ("Marie Dupont"); none from an address."""
    text = display.strip()
    if not text or "@" in text or any(ch.isdigit() for ch in text):
        return "", ""
    parts = text.split()
    if len(parts) == 1:
        return parts[0], ""
    return parts[0], " ".join(parts[1:])


def kind_label(kind: IdentityKind) -> str:
    """A short, translated label for an identity's kind (Phone, E-mail, Instagram...)."""
    return {
        IdentityKind.PHONE: translate("IdentityKind", "Phone"),
        IdentityKind.EMAIL: translate("IdentityKind", "E-mail"),
        IdentityKind.FACEBOOK: translate("IdentityKind", "Facebook"),
        IdentityKind.X: translate("IdentityKind", "X"),
        IdentityKind.INSTAGRAM: translate("IdentityKind", "Instagram"),
        IdentityKind.WHATSAPP: translate("IdentityKind", "WhatsApp"),
    }[kind]
