"""The right-hand panel: who the customer is and everything they contacted us about.

An advisor glances here while the customer speaks: the name large, how to reach them, then the
whole timeline across channels with how each contact ended, how the advisor felt it went and
what the customer answered in the survey. A message from an address no customer has shows the
tools to link it instead (see ``ui.desk.customer_link``).

Profile and history load in two reads side by side; each carries a key and the customer id it was
asked for, so when the advisor moves on before an answer comes, the stale answer is dropped.
"""

import html
import uuid
from datetime import datetime

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.dto import ContactDetail, CustomerProfile, HistoryRow
from app.enums import Channel
from app.errors import RelaisError
from app.identities import address_shown
from app.services.contacts import ContactService
from app.services.customers import CustomerService
from ui.common import texts
from ui.common.ops import Bug, Runner
from ui.common.texts import channel_label, translate
from ui.desk.customer_card import IdentityCard
from ui.desk.customer_link import LinkCustomerWidget
from ui.desk.history_model import (
    ChannelDelegate,
    HistoryModel,
    ScoreBadgeDelegate,
    TwoLineDelegate,
)


class _HistoryTable(QTableView):
    """Enter opens the current past contact, as a double-click does."""

    open_requested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class CustomerPanel(QWidget):
    """The customer of the contact on screen, or the tools to identify an unknown sender.

    Signals:
        customer_linked(object, object): contact id and customer id, after a link or a creation
            succeeded (the main window then reloads the contact).
        profile_loaded(object): the ``CustomerProfile`` now shown.
        history_loaded(): the timeline of the customer on screen is in the table.
        past_contact_opened(object): the id of a past contact opened read-only.
        open_customer_requested(object): a customer to show instead (the one a record was
            merged into, the one who holds an identity): the desk pins them.
        customer_changed(object): the customer on screen was edited, merged or unmerged.
    """

    customer_linked = Signal(object, object)
    profile_loaded = Signal(object)
    history_loaded = Signal()
    past_contact_opened = Signal(object)
    open_customer_requested = Signal(object)
    customer_changed = Signal(object)

    def __init__(
        self,
        runner: Runner,
        customers: CustomerService,
        contacts: ContactService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self._runner = runner
        self._customers = customers
        self._contacts = contacts
        self._customer_id: uuid.UUID | None = None
        self._profile: CustomerProfile | None = None
        self._key = f"customer-panel:{id(self)}"
        self._link: LinkCustomerWidget | None = None
        self.setMinimumWidth(300)

        self._stack = QStackedWidget(self)
        # -- nothing to show
        self._empty = QLabel(self.tr("Select a contact to see its customer here."), self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setEnabled(False)
        self._stack.addWidget(self._empty)
        # -- a known customer
        self._customer_page = QWidget(self)
        self.card = IdentityCard(self._customer_page)
        self.edit_button = QPushButton(self.tr("&Edit customer…"), self._customer_page)
        self.edit_button.setObjectName("editCustomer")
        self.edit_button.setAccessibleName(self.tr("Edit the customer's profile and identities"))
        self.edit_button.setToolTip(self.tr("Edit the profile and identities (Ctrl+E)"))
        self.edit_button.clicked.connect(self.edit_customer)
        self.merge_button = QPushButton(self.tr("&Merge with…"), self._customer_page)
        self.merge_button.setObjectName("mergeCustomer")
        self.merge_button.setAccessibleName(
            self.tr("Merge another record of this customer into it")
        )
        self.merge_button.clicked.connect(self.merge_customer)
        self.merge_button.setVisible(customers.merges.allowed)
        edit_key = QShortcut(QKeySequence("Ctrl+E"), self)
        edit_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        edit_key.activated.connect(self.edit_customer)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.merge_button)
        actions.addStretch(1)
        # A merge shown where it is: on the customer kept ("Undo merge", supervisors) and on
        # the record merged ("Open" the one it went into).
        self.merge_notice = QLabel(self._customer_page)
        self.merge_notice.setObjectName("mergeNotice")
        self.merge_notice.setWordWrap(True)
        self.merge_notice.setProperty("box", "warning")
        self.merge_action = QPushButton(self._customer_page)
        self.merge_action.setObjectName("mergeAction")
        self.merge_action.clicked.connect(self._merge_action)
        self._merge_target: tuple[str, uuid.UUID] | None = None
        notice = QHBoxLayout()
        notice.setContentsMargins(0, 0, 0, 0)
        notice.addWidget(self.merge_notice, 1)
        notice.addWidget(self.merge_action, 0, Qt.AlignmentFlag.AlignVCenter)
        self._hide_merge_notice()
        self.counts = QLabel(self._customer_page)
        self.counts.setObjectName("historyCounts")
        self.counts.setWordWrap(True)
        self.status = QLabel(self._customer_page)
        self.status.setObjectName("customerStatus")
        self.status.setWordWrap(True)
        self.model = HistoryModel(self)
        self.table = _HistoryTable(self._customer_page)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Contact history, newest first"))
        self._setup_table()
        rule = QFrame(self._customer_page)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        page = QVBoxLayout(self._customer_page)
        page.setContentsMargins(10, 8, 10, 8)
        page.setSpacing(6)
        page.addWidget(self.card)
        page.addLayout(actions)
        page.addLayout(notice)
        page.addWidget(rule)
        page.addWidget(self.counts)
        page.addWidget(self.status)
        page.addWidget(self.table, 1)
        self._stack.addWidget(self._customer_page)
        # -- an unidentified sender
        self._unknown_page = QWidget(self)
        self.sender_label = QLabel(self._unknown_page)
        self.sender_label.setObjectName("unidentifiedSender")
        self.sender_label.setWordWrap(True)
        self.sender_label.setTextFormat(Qt.TextFormat.RichText)
        self.sender_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sender_label.setProperty("box", "warning")
        self._unknown_hint = QLabel(
            self.tr(
                "No customer has this address yet. Find the customer to link this contact to "
                "them (the address is then remembered), or create a new customer."
            ),
            self._unknown_page,
        )
        self._unknown_hint.setWordWrap(True)
        self._unknown_layout = QVBoxLayout(self._unknown_page)
        self._unknown_layout.setContentsMargins(10, 8, 10, 8)
        self._unknown_layout.setSpacing(8)
        self._unknown_layout.addWidget(self.sender_label)
        self._unknown_layout.addWidget(self._unknown_hint)
        self._stack.addWidget(self._unknown_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self.clear()

    def _setup_table(self) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setShowGrid(False)
        t.setTabKeyNavigation(False)
        t.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        t.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        t.verticalHeader().hide()
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._badges = ScoreBadgeDelegate(t)
        t.setItemDelegateForColumn(HistoryModel.ASSESSMENT, self._badges)
        t.setItemDelegateForColumn(HistoryModel.CSAT, self._badges)
        t.setItemDelegateForColumn(HistoryModel.CHANNEL, ChannelDelegate(t))
        self._plain = QStyledItemDelegate(t)
        self._two_line_date = TwoLineDelegate(_date_lines, t)
        self._two_line_subject = TwoLineDelegate(_subject_lines, t)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSortIndicator(HistoryModel.DATE, Qt.SortOrder.DescendingOrder)
        header.setMinimumSectionSize(28)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Ress…", never "essent"
        t.setSortingEnabled(True)
        self.table.open_requested.connect(self._open_past)
        self.table.doubleClicked.connect(self._open_past)
        t.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Widths come from the font, never from the rows: measuring 2,000 rows would stall.
        fm = t.fontMetrics()
        em = fm.horizontalAdvance("M")
        header_width = {
            c: fm.horizontalAdvance(self.model.headerData(c, Qt.Orientation.Horizontal)) + em + 4
            for c in range(HistoryModel.COLUMN_COUNT)
        }
        score = max(header_width[HistoryModel.ASSESSMENT], header_width[HistoryModel.CSAT], 48)
        self._wide_widths = {
            HistoryModel.DATE: fm.horizontalAdvance("0000-00-00 00:00") + em * 2,
            HistoryModel.CHANNEL: fm.horizontalAdvance("Instagram") + 28 + em,
            HistoryModel.SUBJECT: em * 14,
            HistoryModel.REASON: em * 17,
            HistoryModel.OUTCOME: em * 16,
            HistoryModel.ASSESSMENT: score,
            HistoryModel.CSAT: score,
            HistoryModel.ADVISOR: em * 11,
        }
        # In a narrow pane the subject matters most, but the score columns keep room for their
        # whole header: "Ress…" over a badge says nothing (the tooltip explains the scale).
        self._compact_widths = {
            HistoryModel.DATE: fm.horizontalAdvance("0000-00-00") + em + 6,
            HistoryModel.CHANNEL: 34,
            HistoryModel.ASSESSMENT: header_width[HistoryModel.ASSESSMENT],
            HistoryModel.CSAT: header_width[HistoryModel.CSAT],
        }
        self._compact: bool | None = None
        self._set_compact(True)

    WIDE_FROM = 900
    """Below this table width the timeline uses two-line rows and hides three columns."""

    def _set_compact(self, compact: bool) -> None:
        """Two layouts of the same model: all eight columns when there is room; otherwise the
        date over the time, the channel's icon, the subject over "reason · outcome · advisor"
        and the two scores, so the satisfaction columns never hide off to the right."""
        if compact == self._compact:
            return
        self._compact = compact
        t = self.table
        header = t.horizontalHeader()
        fm = t.fontMetrics()
        one_line = max(fm.height() + 10, ScoreBadgeDelegate.BADGE + 8)
        t.verticalHeader().setDefaultSectionSize(fm.height() * 2 + 12 if compact else one_line)
        for column in (HistoryModel.REASON, HistoryModel.OUTCOME, HistoryModel.ADVISOR):
            t.setColumnHidden(column, compact)
        t.setItemDelegateForColumn(
            HistoryModel.DATE, self._two_line_date if compact else self._plain
        )
        t.setItemDelegateForColumn(
            HistoryModel.SUBJECT, self._two_line_subject if compact else self._plain
        )
        widths = self._compact_widths if compact else self._wide_widths
        for column in range(HistoryModel.COLUMN_COUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            if column in widths:
                header.resizeSection(column, widths[column])
        header.setSectionResizeMode(HistoryModel.SUBJECT, QHeaderView.ResizeMode.Stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_compact(event.size().width() < self.WIDE_FROM)

    # -- public --------------------------------------------------------------------------------

    def current_customer(self) -> uuid.UUID | None:
        return self._customer_id

    def profile(self) -> CustomerProfile | None:
        return self._profile

    def clear(self) -> None:
        """Nothing selected: forget the customer (answers still on their way are dropped)."""
        self._customer_id = None
        self._profile = None
        self.model.clear()
        self._drop_link_tools()
        self._stack.setCurrentWidget(self._empty)
        self.setFocusProxy(None)  # type: ignore[arg-type]  # Qt takes None: no proxy

    def show_customer(self, customer_id: uuid.UUID) -> None:
        """Shows the customer's card and timeline; both load in workers."""
        refresh = customer_id == self._customer_id and self._profile is not None
        self._customer_id = customer_id
        self._drop_link_tools()
        self.status.hide()
        if refresh:
            # The same customer again (a contact was linked or closed): keep what is on screen
            # until the fresh answers replace it, so nothing flickers.
            self._reload(customer_id)
            return
        self._profile = None
        self.card.show_loading()
        self.counts.clear()
        header = self.table.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (
            HistoryModel.DATE,
            Qt.SortOrder.DescendingOrder,
        ):
            header.setSortIndicator(HistoryModel.DATE, Qt.SortOrder.DescendingOrder)
        self.model.clear()
        self._stack.setCurrentWidget(self._customer_page)
        self.setFocusProxy(self.table)
        self._reload(customer_id)

    def _reload(self, customer_id: uuid.UUID) -> None:
        # On the centre lane: a customer this copy does not hold yet is fetched from the centre
        # first (CustomerService.hold), and opening one renews their stay in the working set
        # there. A slow centre then holds up this card, not the queue's pages nor the writes.
        customers = self._customers
        self._runner.centre(
            lambda: customers.profile(customer_id),
            lambda p: self._profile_arrived(customer_id, p),
            lambda err: self._failed(customer_id, err),
            owner=self,
            key=self._key + ":profile",
        )
        self._runner.centre(
            lambda: customers.history(customer_id),
            lambda rows: self._history_arrived(customer_id, rows),
            lambda err: self._failed(customer_id, err),
            owner=self,
            key=self._key + ":history",
        )

    def show_unidentified(self, detail: ContactDetail) -> None:
        """A contact without a customer: who wrote, and the tools to link or create one."""
        self._customer_id = None
        self._profile = None
        self.model.clear()
        self._drop_link_tools()
        who = html.escape(detail.sender_display.strip())
        shown = address_shown(detail.channel, detail.sender_address.strip())
        address = html.escape(shown)
        calling = detail.channel == Channel.PHONE
        self._unknown_hint.setText(
            self.tr(
                "No customer has this number yet. Find the customer to link this call to "
                "them (the number is then remembered), or create a new customer."
            )
            if calling
            else self.tr(
                "No customer has this address yet. Find the customer to link this contact to "
                "them (the address is then remembered), or create a new customer."
            )
        )
        if calling and (who or address):
            text = self.tr("Unknown caller: <b>{name}</b>").format(name=address or who)
        elif calling:
            text = self.tr("Unknown caller (number withheld)")
        elif who and address and who != address:
            text = self.tr("Unidentified sender: <b>{name}</b> &lt;{address}&gt;").format(
                name=who, address=address
            )
        elif who or address:
            text = self.tr("Unidentified sender: <b>{name}</b>").format(name=who or address)
        else:  # a platform that gave neither a name nor an address a person can read
            text = self.tr("Unidentified sender on {channel}").format(
                channel=channel_label(detail.channel)
            )
        self.sender_label.setText(text)
        self.sender_label.setAccessibleName(QTextDocumentFragment.fromHtml(text).toPlainText())
        if not detail.workable:
            # Linking writes to the contact: only the advisor handling it may.
            self.sender_label.setText(
                text + "<br>" + self.tr("Take the contact to link it to a customer.")
            )
            self.setFocusProxy(None)  # type: ignore[arg-type]  # Qt takes None: no proxy
            self._stack.setCurrentWidget(self._unknown_page)
            return
        self._link = LinkCustomerWidget(self._runner, self._customers, detail, self._unknown_page)
        self._link.linked.connect(self._linked)
        self._unknown_layout.addWidget(self._link, 1)
        self._stack.setCurrentWidget(self._unknown_page)
        self.setFocusProxy(self._link)

    def link_tools(self) -> LinkCustomerWidget | None:
        return self._link

    def focus_history(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, 0))

    # -- answers -------------------------------------------------------------------------------

    def _profile_arrived(self, customer_id: uuid.UUID, profile: CustomerProfile) -> None:
        if customer_id != self._customer_id:
            return
        self._profile = profile
        self.card.show_profile(profile)
        merged = profile.merged_into is not None
        self.edit_button.setEnabled(not merged)
        self.merge_button.setEnabled(not merged)
        if merged:
            assert profile.merged_into is not None
            self._show_merge_notice(
                self.tr(
                    "This record was merged into {name}: its contacts and identities are there now."
                ).format(name=profile.merged_into_name or "?"),
                self.tr("&Open {name}").format(name=profile.merged_into_name or "?"),
                ("open", profile.merged_into),
            )
        else:
            merges = self._customers.merges
            self._runner.read(
                lambda: merges.merges_of(customer_id),
                lambda found: self._merges_arrived(customer_id, found),
                lambda err: self._failed(customer_id, err),
                owner=self,
                key=self._key + ":merges",
            )
        self.profile_loaded.emit(profile)

    def _merges_arrived(self, customer_id: uuid.UUID, found: list) -> None:
        if customer_id != self._customer_id:
            return
        into = [m for m in found if m.into == customer_id]
        if not into:
            self._hide_merge_notice()
            return
        latest = into[0]
        text = self.tr(
            "{source} was merged into this record on {date} by {who} ({contacts} contacts, "
            "{identities} identities)."
        ).format(
            source=latest.source_name,
            date=texts.format_date(latest.merged_at),
            who=latest.merged_by or "?",
            contacts=latest.contacts,
            identities=latest.identities,
        )
        if len(into) > 1:
            text += " " + self.tr("{count} merges in all.").format(count=len(into))
        undo = self.tr("&Undo merge") if self._customers.merges.allowed else ""
        self._show_merge_notice(text, undo, ("undo", latest.id) if undo else None)

    def _show_merge_notice(
        self, text: str, button: str, target: tuple[str, uuid.UUID] | None
    ) -> None:
        self.merge_notice.setText(text)
        self.merge_notice.setAccessibleName(text)
        self.merge_notice.show()
        self._merge_target = target
        self.merge_action.setVisible(bool(button) and target is not None)
        self.merge_action.setText(button)
        self.merge_action.setAccessibleName(button.replace("&", ""))

    def _hide_merge_notice(self) -> None:
        self.merge_notice.hide()
        self.merge_action.hide()
        self._merge_target = None

    def _merge_action(self) -> None:
        if self._merge_target is None:
            return
        what, target = self._merge_target
        if what == "open":
            self.open_customer_requested.emit(target)
            return
        answer = QMessageBox.question(
            self,
            self.tr("Undo merge"),
            self.tr(
                "Put back the other record with exactly the contacts and identities that moved? "
                "Contacts this customer got since stay here."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        merges, customer = self._customers.merges, self._customer_id
        self.merge_action.setEnabled(False)
        self._runner.centre(
            lambda: merges.undo(target),
            lambda _none: self._edited(customer),
            lambda err: self._undo_failed(customer, err),
            owner=self,
        )

    def _undo_failed(self, customer_id: uuid.UUID | None, err: RelaisError | Bug) -> None:
        self.merge_action.setEnabled(True)
        if customer_id is not None:
            self._failed(customer_id, err)

    # -- editing and merging ---------------------------------------------------------------------

    def edit_customer(self) -> None:
        """Ctrl+E: the profile and identities of the customer on screen, in a dialog."""
        profile = self._profile
        if profile is None or profile.merged_into is not None:
            return
        from ui.desk.customer_edit import CustomerEditDialog

        dialog = CustomerEditDialog(self._runner, self._customers, profile, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Bound methods, not lambdas: a lambda kept by the dialog's connection would hold the
        # panel, and freeing it with the dialog could be what deletes the panel.
        dialog.changed.connect(self._edited)
        dialog.open_customer.connect(self.open_customer_requested)
        dialog.open()

    def merge_customer(self) -> None:
        """Merge with…: supervisors choose the other record, see what moves, confirm."""
        profile = self._profile
        if profile is None or not self._customers.merges.allowed:
            return
        from ui.desk.customer_merge import CustomerMergeDialog

        dialog = CustomerMergeDialog(self._runner, self._customers, profile, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self._edited)
        dialog.open()

    def _edited(self, customer_id: uuid.UUID | None) -> None:
        self.merge_action.setEnabled(True)
        if customer_id is not None and customer_id == self._customer_id:
            self._reload(customer_id)
            self.customer_changed.emit(customer_id)

    def _history_arrived(self, customer_id: uuid.UUID, rows: list[HistoryRow]) -> None:
        if customer_id != self._customer_id:
            return
        self.model.set_rows(rows)
        self.counts.setText(count_line(rows))
        if rows:
            # Keyboard focus on the newest row, without a selection bar shouting at the advisor.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.history_loaded.emit()

    def _failed(self, customer_id: uuid.UUID, err: RelaisError | Bug) -> None:
        if customer_id != self._customer_id:
            return
        self.status.setText(texts.error_text(err))
        self.status.show()
        if self._profile is None:
            self.card.name.setText(self.tr("This customer could not be shown."))

    def _linked(self, contact_id: uuid.UUID, customer_id: uuid.UUID) -> None:
        self.show_customer(customer_id)
        self.customer_linked.emit(contact_id, customer_id)

    # -- past contacts -------------------------------------------------------------------------

    def _open_past(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        contact_id = index.data(HistoryModel.ID_ROLE)
        # Imported here: the viewer lives in another module that must not be a load-time
        # dependency of this panel.
        from ui.desk.thread_view import ContactViewerDialog

        viewer = ContactViewerDialog(self._runner, self._contacts, contact_id, self.window())
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        viewer.raise_()
        viewer.activateWindow()
        self.past_contact_opened.emit(contact_id)

    def _drop_link_tools(self) -> None:
        if self._link is not None:
            self._link.hide()
            self._link.deleteLater()
            self._link = None


def count_line(rows: list[HistoryRow]) -> str:
    """The line "42 contacts since 03/2025 · last survey 3/4" (rows newest first)."""
    if not rows:
        return translate("CustomerPanel", "No contact yet.")
    n = len(rows)
    since = min(r.received_at for r in rows).astimezone().strftime("%m/%Y")
    last = next((r.csat for r in rows if r.csat is not None), None)
    if last is None:
        if n == 1:
            return translate(
                "CustomerPanel", "1 contact since {since} · no survey answer yet"
            ).format(since=since)
        return translate(
            "CustomerPanel", "{count} contacts since {since} · no survey answer yet"
        ).format(count=n, since=since)
    if n == 1:
        return translate("CustomerPanel", "1 contact since {since} · last survey {score}/4").format(
            since=since, score=last
        )
    return translate(
        "CustomerPanel", "{count} contacts since {since} · last survey {score}/4"
    ).format(count=n, since=since, score=last)


def _date_lines(index: QModelIndex | QPersistentModelIndex) -> tuple[str, str]:
    when = index.data(HistoryModel.SORT_ROLE)
    if when is None:
        return "", ""
    local = when.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return translate("CustomerPanel", "Today"), local.strftime("%H:%M")
    return texts.format_date(when), local.strftime("%H:%M")


def _subject_lines(index: QModelIndex | QPersistentModelIndex) -> tuple[str, str]:
    subject = index.data(Qt.ItemDataRole.DisplayRole) or translate("CustomerPanel", "(no subject)")
    return subject, index.data(HistoryModel.DETAIL_ROLE) or ""
