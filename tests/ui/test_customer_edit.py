"""Editing a customer from the customer pane and a supervisor's merge, as a person does it:
from the keyboard, with the refusals said in the dialog and nothing typed lost."""

import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.enums import IdentityKind
from app.models import Contact, Customer, CustomerIdentity
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.customer_edit import CustomerEditDialog
from ui.desk.customer_merge import CustomerMergeDialog
from ui.desk.customer_panel import CustomerPanel


@pytest.fixture
def runner(qapp: object) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


def _panel(qtbot: QtBot, runner: Runner, ws: Workspace) -> CustomerPanel:
    p = CustomerPanel(runner, ws.customers, ws.contacts)
    qtbot.addWidget(p)
    p.resize(520, 760)
    p.show()
    return p


def _customers(ws: Workspace, count: int = 2) -> list[uuid.UUID]:
    """Customers with contacts of the user's team (a supervisor's team served them)."""
    with ws.local.session() as s:
        return list(
            s.scalars(
                select(Contact.customer_id)
                .where(Contact.customer_id.is_not(None), Contact.team_id == ws.who.team_id)
                .group_by(Contact.customer_id)
                .order_by(func.count().desc())
                .limit(count)
            )
        )


def _free_number(ws: Workspace) -> str:
    """A fictional mobile number (06 39 98 …) no customer holds yet."""
    with ws.local.session() as s:
        held = set(
            s.scalars(
                select(CustomerIdentity.value).where(CustomerIdentity.value.like("+3363998%"))
            )
        )
    return next(f"+3363998{n:04d}" for n in range(10_000) if f"+3363998{n:04d}" not in held)


def _show(qtbot: QtBot, panel: CustomerPanel, customer_id: uuid.UUID) -> None:
    with qtbot.waitSignal(panel.history_loaded, timeout=10_000):
        panel.show_customer(customer_id)
    qtbot.waitUntil(lambda: panel.profile() is not None, timeout=10_000)


def _editor(qtbot: QtBot, panel: CustomerPanel) -> CustomerEditDialog:
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.window().findChild(CustomerEditDialog) is not None, timeout=5_000)
    dialog = panel.window().findChild(CustomerEditDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _said(qtbot: QtBot, dialog: CustomerEditDialog, words: str) -> None:
    qtbot.waitUntil(lambda: words in dialog.status.text(), timeout=10_000)


def test_an_advisor_adds_and_removes_an_identity_from_the_keyboard(
    qtbot: QtBot, runner: Runner, workspace: Workspace, monkeypatch
) -> None:
    panel = _panel(qtbot, runner, workspace)
    (customer,) = _customers(workspace, 1)
    _show(qtbot, panel, customer)
    dialog = _editor(qtbot, panel)
    # Every control a person reaches by Tab says what it is.
    controls = [
        w
        for kind in (QLineEdit, QPushButton, QComboBox, QPlainTextEdit)
        for w in dialog.findChildren(kind)
    ]
    for widget in controls:
        if widget.isVisible() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            assert widget.accessibleName() or (isinstance(widget, QPushButton) and widget.text()), (
                widget
            )
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData(IdentityKind.PHONE))
    number = _free_number(workspace)
    written = f"0{number[3]}.{number[4:6]}.{number[6:8]}.{number[8:10]}.{number[10:12]}"
    shown = written.replace(".", " ")
    dialog.new_value.setFocus()
    qtbot.keyClicks(dialog.new_value, written)
    qtbot.keyClick(dialog.new_value, Qt.Key.Key_Return)
    _said(qtbot, dialog, "Added.")
    assert dialog.new_value.text() == ""
    qtbot.waitUntil(
        lambda: any(e.text() == shown for e in dialog.identity_rows().values()),
        timeout=10_000,
    )
    qtbot.waitUntil(
        lambda: any(i.display == shown for i in panel.profile().identities),
        timeout=10_000,
    )
    added = next(i for i in panel.profile().identities if i.display == shown)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    remove = next(
        b for b in dialog.findChildren(QPushButton) if b.accessibleName() == f"Remove {shown}"
    )
    remove.click()
    _said(qtbot, dialog, "Removed.")
    assert added.id not in dialog.identity_rows()
    with workspace.central.session() as s:
        assert s.get(CustomerIdentity, added.id) is None


def test_a_refusal_is_said_in_the_dialog_and_what_was_typed_stays(
    qtbot: QtBot, runner: Runner, workspace: Workspace
) -> None:
    panel = _panel(qtbot, runner, workspace)
    first, second = _customers(workspace, 2)
    with workspace.local.session() as s:
        held = s.scalars(
            select(CustomerIdentity.value).where(
                CustomerIdentity.customer_id == second, CustomerIdentity.kind == IdentityKind.EMAIL
            )
        ).first()
        holder = s.get(Customer, second)
        holder_name = f"{holder.first_name} {holder.last_name}"
    _show(qtbot, panel, first)
    dialog = _editor(qtbot, panel)
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData(IdentityKind.PHONE))
    dialog.new_value.setText("06 12")
    dialog.add_button.click()
    _said(qtbot, dialog, "not a phone number Relais can read")
    assert dialog.new_value.text() == "06 12"
    assert not dialog.open_holder.isVisible()

    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData(IdentityKind.EMAIL))
    dialog.new_value.setText(held.upper())
    dialog.add_button.click()
    _said(qtbot, dialog, holder_name)
    assert dialog.new_value.text() == held.upper()
    assert dialog.open_holder.isVisible() and dialog.open_holder.hasFocus()
    with qtbot.waitSignal(panel.open_customer_requested, timeout=5_000) as opened:
        qtbot.keyClick(dialog.open_holder, Qt.Key.Key_Space)
    assert opened.args == [second]


def test_the_profile_is_saved_from_the_dialog(
    qtbot: QtBot, runner: Runner, workspace: Workspace
) -> None:
    panel = _panel(qtbot, runner, workspace)
    (customer,) = _customers(workspace, 1)
    _show(qtbot, panel, customer)
    dialog = _editor(qtbot, panel)
    dialog.postal_address.setPlainText("3 rue des Lilas\n75011 Paris")
    dialog.save_profile.click()
    _said(qtbot, dialog, "Profile saved")
    qtbot.waitUntil(
        lambda: panel.profile().postal_address == "3 rue des Lilas\n75011 Paris", timeout=10_000
    )


def test_an_advisor_is_offered_no_merge(qtbot: QtBot, runner: Runner, workspace: Workspace) -> None:
    panel = _panel(qtbot, runner, workspace)
    (customer,) = _customers(workspace, 1)
    _show(qtbot, panel, customer)
    assert not panel.merge_button.isVisible()
    assert panel.edit_button.isVisible()


def test_a_supervisor_merges_with_a_preview_then_undoes(
    qtbot: QtBot, runner: Runner, supervisor_workspace: Workspace, monkeypatch
) -> None:
    ws = supervisor_workspace
    panel = _panel(qtbot, runner, ws)
    into, source = _customers(ws, 2)
    with ws.local.session() as s:
        other = s.get(Customer, source)
        other_name = f"{other.first_name} {other.last_name}"
        moving = s.scalar(select(func.count()).where(Contact.customer_id == source))
    _show(qtbot, panel, into)
    assert panel.merge_button.isVisible()
    panel.merge_button.click()
    qtbot.waitUntil(
        lambda: panel.window().findChild(CustomerMergeDialog) is not None, timeout=5_000
    )
    dialog = panel.window().findChild(CustomerMergeDialog)
    dialog.search.set_text(other_name)
    qtbot.waitUntil(lambda: dialog.search.model.rowCount() > 0, timeout=10_000)
    row = next(
        r
        for r in range(dialog.search.model.rowCount())
        if dialog.search.model.match_at(r).id == source
    )
    dialog.search.results.setFocus()
    dialog.search.results.setCurrentIndex(dialog.search.model.index(row, 0))
    qtbot.waitUntil(lambda: dialog.preview_shown() is not None, timeout=10_000)
    assert f"{moving} contact(s) move" in dialog.preview.text()
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(panel.customer_changed, timeout=10_000):
        dialog.merge_button.click()
    qtbot.waitUntil(lambda: panel.merge_notice.isVisible(), timeout=10_000)
    assert "was merged into this record" in panel.merge_notice.text()
    assert panel.merge_action.isVisible()
    with ws.central.session() as s:
        assert s.get(Customer, source).merged_into == into

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(panel.customer_changed, timeout=10_000):
        panel.merge_action.click()
    qtbot.waitUntil(lambda: not panel.merge_notice.isVisible(), timeout=10_000)
    with ws.central.session() as s:
        assert s.get(Customer, source).merged_into is None
        assert s.scalar(select(func.count()).where(Contact.customer_id == source)) == moving
