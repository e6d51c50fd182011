"""The customer panel: who the customer is, their whole history, and identifying a stranger."""

import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.backoffice.scales import csat_on_four
from app.dto import ContactDetail
from app.models import Contact, ContactStatus, IdentityKind
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.customer_link import CustomerSearchDialog, LinkCustomerWidget
from ui.desk.customer_panel import CustomerPanel
from ui.desk.history_model import HistoryModel

M = HistoryModel


@pytest.fixture
def runner(qapp: object) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


@pytest.fixture
def panel(qtbot: QtBot, runner: Runner, workspace: Workspace) -> CustomerPanel:
    p = CustomerPanel(runner, workspace.customers, workspace.contacts)
    qtbot.addWidget(p)
    p.resize(520, 800)
    p.show()
    return p


def busiest_customer(ws: Workspace) -> tuple[uuid.UUID, int]:
    with ws.local.session() as s:
        customer_id, count = s.execute(
            select(Contact.customer_id, func.count())
            .where(Contact.customer_id.is_not(None))
            .group_by(Contact.customer_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
    return customer_id, count


def unidentified_contact(ws: Workspace) -> ContactDetail:
    """An unidentified e-mail sender's queued contact, taken by the advisor (linking writes to
    the contact, so only its handler may)."""
    with ws.local.session() as s:
        contact_id = s.scalars(
            select(Contact.id).where(
                Contact.customer_id.is_(None),
                Contact.sender_address.contains("@"),
                Contact.status == ContactStatus.QUEUED,
            )
        ).first()
    assert contact_id is not None, "the demo data has unidentified e-mail senders"
    ws.queue.take(contact_id)
    return ws.contacts.detail(contact_id)


def show(qtbot: QtBot, panel: CustomerPanel, customer_id: uuid.UUID) -> None:
    with qtbot.waitSignal(panel.history_loaded, timeout=10_000):
        panel.show_customer(customer_id)
    qtbot.waitUntil(lambda: panel.profile() is not None, timeout=10_000)


def cell(panel: CustomerPanel, r: int, c: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return panel.model.data(panel.model.index(r, c), role)


def test_a_long_history_shows_every_contact_newest_first(
    qtbot: QtBot, panel: CustomerPanel, workspace: Workspace
) -> None:
    customer_id, count = busiest_customer(workspace)
    show(qtbot, panel, customer_id)

    profile = workspace.customers.profile(customer_id)
    assert panel.card.name.text() == profile.full_name
    assert panel.model.rowCount() == count
    assert panel.counts.text().startswith(f"{count} contacts since ")
    dates = [cell(panel, r, M.DATE, M.SORT_ROLE) for r in range(count)]
    assert dates == sorted(dates, reverse=True)
    kinds: Counter[str] = Counter()  # the rows checked below: both kinds of survey cell
    for r in range(count):
        if cell(panel, r, M.REASON, M.SORT_ROLE) is None:
            kinds["open"] += 1  # not wrapped up yet
            continue
        detail = workspace.contacts.detail(cell(panel, r, M.DATE, M.ID_ROLE))
        closer = detail.wrap_ups[-1]
        assert cell(panel, r, M.REASON) == closer.reason_label_en
        assert cell(panel, r, M.ASSESSMENT, M.SORT_ROLE) == closer.self_assessment
        assert str(closer.self_assessment) in cell(panel, r, M.ASSESSMENT)
        if detail.surveys:
            assert cell(panel, r, M.CSAT, M.SORT_ROLE) == csat_on_four(detail.surveys[-1].csat)
            kinds["with a survey answer"] += 1
        else:
            assert cell(panel, r, M.CSAT) == "—"
            kinds["without"] += 1
    assert kinds["with a survey answer"] and kinds["without"], kinds


def test_the_identity_card_shows_how_to_reach_the_customer(
    qtbot: QtBot, panel: CustomerPanel, workspace: Workspace
) -> None:
    customer_id, _ = busiest_customer(workspace)
    show(qtbot, panel, customer_id)
    profile = workspace.customers.profile(customer_id)
    shown = " ".join(label.text() for label in panel.card.findChildren(type(panel.card.name)))
    assert profile.identities and profile.account_number  # both are on the card to check
    for identity in profile.identities:
        assert identity.display in shown
    assert profile.account_number in panel.card.facts.text()


def test_only_the_latest_customer_asked_for_is_shown(
    qtbot: QtBot, panel: CustomerPanel, workspace: Workspace
) -> None:
    first, _ = busiest_customer(workspace)
    other = next(m for m in workspace.customers.search("Ma") if m.id != first)
    panel.show_customer(first)
    with qtbot.waitSignal(panel.history_loaded, timeout=10_000):
        panel.show_customer(other.id)
    qtbot.waitUntil(lambda: panel.profile() is not None)
    qtbot.wait(200)  # let any stale answer arrive: it must be dropped
    assert panel.card.name.text() == other.full_name
    assert panel.model.rowCount() == len(workspace.customers.history(other.id))


def test_enter_on_a_past_contact_opens_its_thread_read_only(
    qtbot: QtBot, panel: CustomerPanel, workspace: Workspace
) -> None:
    from ui.desk.thread_view import ContactViewerDialog

    customer_id, _ = busiest_customer(workspace)
    show(qtbot, panel, customer_id)
    row, detail = next(
        (r, d)
        for r in range(panel.model.rowCount())
        if cell(panel, r, M.REASON, M.SORT_ROLE)
        and (d := workspace.contacts.detail(cell(panel, r, M.DATE, M.ID_ROLE))).messages
    )
    contact_id = detail.id
    panel.focus_history()
    panel.table.setCurrentIndex(panel.model.index(row, M.SUBJECT))
    with qtbot.waitSignal(panel.past_contact_opened) as opened:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened.args == [contact_id]
    viewers = [w for w in QApplication.topLevelWidgets() if isinstance(w, ContactViewerDialog)]
    assert len(viewers) == 1
    viewer = viewers[0]
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: detail.reference in viewer.windowTitle(), timeout=10_000)
    assert viewer.view.isReadOnly()
    first_words = detail.messages[0].body_text.split()[:4]
    assert " ".join(first_words) in " ".join(viewer.view.toPlainText().split())


def test_clear_forgets_the_customer(
    qtbot: QtBot, panel: CustomerPanel, workspace: Workspace
) -> None:
    customer_id, _ = busiest_customer(workspace)
    show(qtbot, panel, customer_id)
    panel.clear()
    assert panel.model.rowCount() == 0
    assert panel.current_customer() is None


# -- an unidentified sender ----------------------------------------------------------------------


def link_tools(panel: CustomerPanel) -> LinkCustomerWidget:
    tools = panel.link_tools()
    assert tools is not None
    return tools


def search(qtbot: QtBot, tools: LinkCustomerWidget, text: str) -> None:
    tools.search.edit.clear()
    qtbot.keyClicks(tools.search.edit, text)
    qtbot.waitUntil(lambda: tools.search.answered() == text, timeout=10_000)


def found(tools: LinkCustomerWidget) -> list[uuid.UUID]:
    m = tools.search.model
    return [m.data(m.index(r, 0), m.ID_ROLE) for r in range(m.rowCount())]


def test_an_unidentified_sender_is_named_with_the_tools_to_link_them(
    panel: CustomerPanel, workspace: Workspace
) -> None:
    detail = unidentified_contact(workspace)
    panel.show_unidentified(detail)
    assert "Unidentified sender" in panel.sender_label.text()
    assert detail.sender_address in panel.sender_label.text()
    assert link_tools(panel).isVisible()


def test_searching_by_email_or_phone_finds_the_customer_and_linking_updates_the_contact(
    qtbot: QtBot, panel: CustomerPanel, workspace: Workspace
) -> None:
    detail = unidentified_contact(workspace)
    panel.show_unidentified(detail)
    tools = link_tools(panel)
    customer_id, _ = busiest_customer(workspace)
    profile = workspace.customers.profile(customer_id)
    email = next(i for i in profile.identities if i.kind == IdentityKind.EMAIL)
    phone = next(i for i in profile.identities if i.kind == IdentityKind.PHONE)

    search(qtbot, tools, phone.display)
    assert customer_id in found(tools)
    search(qtbot, tools, email.display.upper())
    assert found(tools) == [customer_id]
    # Linking writes: nothing is chosen for the advisor, Enter only moves to the list.
    assert not tools.link_button.isEnabled()
    qtbot.keyClick(tools.search.edit, Qt.Key.Key_Return)
    assert tools.search.results.hasFocus()
    assert tools.link_button.isEnabled()

    with qtbot.waitSignal(panel.customer_linked, timeout=10_000) as linked:
        qtbot.keyClick(tools.search.results, Qt.Key.Key_Return)
    assert linked.args == [detail.id, customer_id]
    assert workspace.contacts.detail(detail.id).customer_id == customer_id
    # The sender's address is now one of the customer's: the next message matches by itself.
    addresses = {i.value for i in workspace.customers.profile(customer_id).identities}
    assert detail.sender_address.lower() in addresses
    qtbot.waitUntil(lambda: panel.current_customer() == customer_id)


def test_typing_fast_asks_for_one_search_only(
    qtbot: QtBot, panel: CustomerPanel, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = unidentified_contact(workspace)
    panel.show_unidentified(detail)
    tools = link_tools(panel)
    qtbot.waitUntil(lambda: tools.search.answered() is not None)
    asked: list[str] = []
    real = workspace.customers.find

    def spy(text: str, limit: int = 50) -> Any:
        asked.append(text)
        return real(text, limit)

    monkeypatch.setattr(workspace.customers, "find", spy)
    search(qtbot, tools, "Martin")
    assert asked == ["Martin"]


def test_a_new_customer_with_an_invalid_phone_gets_a_message_and_keeps_the_form(
    qtbot: QtBot, panel: CustomerPanel, workspace: Workspace
) -> None:
    detail = unidentified_contact(workspace)
    panel.show_unidentified(detail)
    tools = link_tools(panel)
    qtbot.mouseClick(tools.new_button, Qt.MouseButton.LeftButton)
    form = tools.form
    assert form.email.text() == detail.sender_address  # pre-filled from an e-mail contact
    form.first_name.setText("Clémence")
    form.last_name.setText("Aubry")
    form.phone.setText("06 12")

    qtbot.mouseClick(tools.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tools.message.isVisible(), timeout=10_000)
    assert "06 12" in tools.message.text()
    assert (form.first_name.text(), form.last_name.text(), form.phone.text()) == (
        "Clémence",
        "Aubry",
        "06 12",
    )
    assert form.email.text() == detail.sender_address
    assert workspace.contacts.detail(detail.id).customer_id is None

    form.phone.setText("06 39 98 00 11")
    with qtbot.waitSignal(panel.customer_linked, timeout=10_000) as linked:
        qtbot.keyClick(form.phone, Qt.Key.Key_Return)
    contact_id, customer_id = linked.args
    assert contact_id == detail.id
    assert workspace.contacts.detail(detail.id).customer_id == customer_id
    created = workspace.customers.profile(customer_id)
    assert created.full_name == "Clémence Aubry"
    assert {i.kind for i in created.identities} >= {IdentityKind.PHONE, IdentityKind.EMAIL}


def test_the_find_dialog_returns_the_chosen_customer(
    qtbot: QtBot, runner: Runner, workspace: Workspace
) -> None:
    customer_id, _ = busiest_customer(workspace)
    profile = workspace.customers.profile(customer_id)
    dialog = CustomerSearchDialog(runner, workspace.customers)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search.edit, profile.full_name)
    qtbot.waitUntil(lambda: dialog.search.answered() == profile.full_name, timeout=10_000)
    ids = found_in(dialog)
    assert customer_id in ids
    qtbot.keyClick(dialog.search.edit, Qt.Key.Key_Down)
    for _ in range(ids.index(customer_id)):
        qtbot.keyClick(dialog.search.results, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search.results, Qt.Key.Key_Return)
    assert dialog.result() == CustomerSearchDialog.DialogCode.Accepted
    assert dialog.chosen() == customer_id


def found_in(dialog: CustomerSearchDialog) -> list[uuid.UUID]:
    m = dialog.search.model
    return [m.data(m.index(r, 0), m.ID_ROLE) for r in range(m.rowCount())]


def test_showing_the_same_customer_again_keeps_the_card_while_refreshing(
    qtbot: QtBot, panel: CustomerPanel, workspace: Workspace
) -> None:
    customer_id, count = busiest_customer(workspace)
    show(qtbot, panel, customer_id)
    name = panel.card.name.text()
    with qtbot.waitSignal(panel.history_loaded, timeout=10_000):
        panel.show_customer(customer_id)
        assert panel.card.name.text() == name  # no "Loading…" flash
        assert panel.model.rowCount() == count
    assert panel.model.rowCount() == count
