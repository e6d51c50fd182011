"""Closing a contact: three choices, all by keyboard, and a follow-up when it went badly."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.dto import ContactDetail, MessageView, ReasonCodeView, WrapUpView
from app.models import Channel, ContactStatus, Direction, Outcome
from app.opening_hours import OpeningHours
from ui.desk.close_dialog import CloseChoices, CloseDialog
from ui.desk.reason_box import fold

NOW = datetime.now(UTC)


def reason(code: str, en: str, fr: str, category: str) -> ReasonCodeView:
    return ReasonCodeView(uuid.uuid5(uuid.NAMESPACE_OID, code), code, en, fr, category)


CODES = [
    reason("withdrawal_delay", "Withdrawal delay", "Retard de retrait", "payments"),
    reason("deposit_failed", "Failed deposit", "Dépôt refusé ou échoué", "payments"),
    reason("password_reset", "Password reset", "Réinitialisation du mot de passe", "account"),
    reason("complaint", "Complaint", "Réclamation", "complaints"),
    reason("bonus_terms", "Bonus terms", "Conditions d'un bonus", "promotions"),
]


def detail(
    channel: Channel = Channel.EMAIL, wrap_ups: tuple[WrapUpView, ...] = ()
) -> ContactDetail:
    return ContactDetail(
        id=uuid.UUID(int=42),
        reference="R-7K3Q-X9PA",
        channel=channel,
        status=ContactStatus.IN_PROGRESS,
        customer_id=uuid.UUID(int=7),
        sender_display="Julie Moreau",
        sender_address="julie@example.fr",
        subject="Retrait non reçu",
        language="fr",
        priority=1,
        risk_flag=False,
        risk_reason="",
        received_at=NOW - timedelta(minutes=12),
        due_at=NOW + timedelta(hours=3),
        closed_at=None,
        call_started_at=None,
        call_ended_at=None,
        assigned_to_me=True,
        messages=(MessageView(uuid.UUID(int=1), Direction.INBOUND, "Julie", "Bonjour", None, NOW),),
        notes=(),
        wrap_ups=wrap_ups,
        surveys=(),
    )


@pytest.fixture
def dialog(qtbot: QtBot) -> CloseDialog:
    d = CloseDialog(detail(), CODES)
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return d


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key as a person presses it: to the open completion list if any, else to the focus."""
    target: QWidget | None = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


def test_it_cannot_be_accepted_until_reason_outcome_and_assessment_are_chosen(
    qtbot: QtBot, dialog: CloseDialog
) -> None:
    assert not dialog.next_button.isEnabled() and not dialog.close_button.isEnabled()
    assert dialog.missing.text() == "Choose a reason, an outcome and your assessment."
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.result() == 0

    dialog.reason.set_reason(CODES[0].id)
    assert dialog.missing.text() == "Choose an outcome and your assessment."
    dialog.outcome_buttons[Outcome.RESOLVED].setChecked(True)
    assert dialog.missing.text() == "Choose your assessment (keys 1 to 4)."
    assert not dialog.next_button.isEnabled()
    with pytest.raises(ValueError):
        dialog.request()

    dialog.choose_score(3)
    assert dialog.next_button.isEnabled() and dialog.close_button.isEnabled()
    assert dialog.missing.text() == ""


def test_keyboard_only_produces_the_right_close_request(qtbot: QtBot, dialog: CloseDialog) -> None:
    assert QApplication.focusWidget() is dialog.reason
    type_text(qtbot, "withdr")
    assert dialog.reason.completer().popup().isVisible()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.reason.reason() == CODES[0]
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.outcome_buttons[Outcome.RESOLVED]
    press(qtbot, Qt.Key.Key_Down)  # arrows walk the outcomes and choose
    assert dialog.outcome() == Outcome.FOLLOW_UP
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.score_buttons[3]
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.comment
    type_text(qtbot, "Customer will send a bank statement 4 u")
    assert dialog.self_assessment() == 3  # digits typed in the comment stay text
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.take_next()
    req = dialog.request()
    assert req.contact_id == uuid.UUID(int=42)
    assert req.reason_code_id == CODES[0].id
    assert req.outcome == Outcome.RESOLVED
    assert req.self_assessment == 3
    assert req.comment == "Customer will send a bank statement 4 u"
    assert req.follow_up is None


def test_typing_without_accents_and_tabbing_away_picks_the_single_match(
    qtbot: QtBot, dialog: CloseDialog
) -> None:
    type_text(qtbot, "complai")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.reason.reason() == CODES[3]
    assert dialog.reason.currentText() == "Complaint"
    assert fold("Réclamation") == "reclamation"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("RECLAMATION", 3),  # the French label, in an English interface, without accents
        ("reinitialisation mot", 2),
        ("depot echoue", 1),
        ("withdrawal_delay", 0),  # the code
        ("bonus_terms", 4),
        ("conditions d'un", 4),
    ],
)
def test_a_reason_is_found_in_either_language_or_by_its_code(
    qtbot: QtBot, dialog: CloseDialog, typed: str, expected: int
) -> None:
    type_text(qtbot, typed)
    assert dialog.reason.candidates() == 1, typed
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.reason.reason() == CODES[expected]
    assert dialog.reason.currentText() == CODES[expected].label_en  # shown in the interface's


def test_alt_return_closes_without_taking_the_next_one(qtbot: QtBot, dialog: CloseDialog) -> None:
    dialog.reason.set_reason(CODES[1].id)
    dialog.outcome_buttons[Outcome.ESCALATED].setChecked(True)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_4)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.take_next()
    assert dialog.request().outcome == Outcome.ESCALATED


def test_the_windows_send_keys_close_nothing_and_say_which_keys_do(
    qtbot: QtBot, dialog: CloseDialog
) -> None:
    """Ctrl+Shift+Return sends a reply in the window: here, with every choice made, it must not
    close the contact behind the advisor's back."""
    dialog.reason.set_reason(CODES[1].id)
    dialog.outcome_buttons[Outcome.RESOLVED].setChecked(True)
    dialog.choose_score(3)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, Qt.Key.Key_Return, mods)
    assert dialog.isVisible() and dialog.result() == 0
    assert "Ctrl+Return" in dialog.missing.text() and "Alt+Return" in dialog.missing.text()


def test_the_dialogs_keys_are_none_of_the_windows_but_the_close(qtbot: QtBot) -> None:
    from ui.desk.close_parts import CLOSE_AND_NEXT_KEYS, CLOSE_ONLY_KEYS, shortcuts
    from ui.desk.contact_panel import SEND_KEYS

    assert not set(CLOSE_ONLY_KEYS) & set(SEND_KEYS)
    assert CLOSE_AND_NEXT_KEYS[0] == "Ctrl+Return"  # as the window's "close contact"
    listed = dict(shortcuts())
    assert listed["Ctrl+Return"] == "Close and take the next contact"
    assert listed["Alt+Return"] == "Close without taking the next contact"
    assert "1 2 3 4" in listed and "Esc" in listed and "F1" in listed


def test_f1_lists_the_dialogs_keys(qtbot: QtBot, dialog: CloseDialog, monkeypatch) -> None:
    from ui.shell import help_dialog

    shown: list[list[str]] = []

    def exec_(self: help_dialog.HelpDialog) -> int:
        table = self.table
        shown.append([table.item(r, 1).text() for r in range(table.rowCount())])
        return 0

    monkeypatch.setattr(help_dialog.HelpDialog, "exec", exec_)
    press(qtbot, Qt.Key.Key_F1)
    assert shown and "Close and take the next contact" in shown[0]
    assert "Close without taking the next contact" in shown[0]


def test_the_windows_help_describes_the_closing_dialog_too(qtbot: QtBot) -> None:
    from ui.shell.help_dialog import HelpDialog

    help_ = HelpDialog([("Ctrl+N", "Next contact")])
    qtbot.addWidget(help_)
    table = help_.table
    cells = [
        (table.item(r, 0).text(), (table.item(r, 1) or table.item(r, 0)).text())
        for r in range(table.rowCount())
    ]
    headings = [r for r in range(table.rowCount()) if table.columnSpan(r, 0) == 2]
    assert len(headings) == 1 and "closing dialog" in cells[headings[0]][0]
    assert ("Alt+Return", "Close without taking the next contact") in cells
    assert ("Tab / Shift+Tab", "Next or previous group of choices") in cells


def test_a_low_assessment_offers_a_follow_up_in_the_future_and_a_high_one_hides_it(
    qtbot: QtBot, dialog: CloseDialog
) -> None:
    dialog.reason.set_reason(CODES[0].id)
    dialog.outcome_buttons[Outcome.FOLLOW_UP].setChecked(True)
    press(qtbot, Qt.Key.Key_Tab)
    assert not dialog.follow_up_box.isVisible()

    press(qtbot, Qt.Key.Key_2)
    assert dialog.follow_up_box.isVisible()
    assert dialog.plan_follow_up.isChecked()
    assert dialog.review_note.isVisible()
    assert "review list" in dialog.review_note.text()
    assert dialog.when.dateTime() > QDateTime.currentDateTime()
    follow_up = dialog.request().follow_up
    assert follow_up is not None
    assert follow_up.kind == "reply"  # an e-mail is answered in writing by default
    assert follow_up.due_at > datetime.now(UTC)
    assert follow_up.due_at.tzinfo is not None

    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.score_buttons[2]  # the chosen score
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.plan_follow_up
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.reply  # the chosen kind is the Tab stop
    press(qtbot, Qt.Key.Key_Left)
    assert dialog.callback.isChecked()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.when
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is dialog.score_buttons[2]

    press(qtbot, Qt.Key.Key_Eacute)  # the "2" key of a French keyboard, without Shift
    assert dialog.self_assessment() == 2
    press(qtbot, Qt.Key.Key_1)
    assert dialog.follow_up_box.isVisible()

    press(qtbot, Qt.Key.Key_4)
    assert not dialog.follow_up_box.isVisible()
    assert dialog.request().follow_up is None
    press(qtbot, Qt.Key.Key_3)
    assert not dialog.follow_up_box.isVisible()


def test_the_follow_up_can_be_declined_or_made_a_callback(
    qtbot: QtBot, dialog: CloseDialog
) -> None:
    dialog.reason.set_reason(CODES[0].id)
    dialog.outcome_buttons[Outcome.FOLLOW_UP].setChecked(True)
    dialog.choose_score(1)
    dialog.callback.setChecked(True)
    follow_up = dialog.request().follow_up
    assert follow_up is not None and follow_up.kind == "callback"
    dialog.plan_follow_up.setChecked(False)
    assert dialog.request().follow_up is None
    assert dialog.review_note.isVisible()  # the review list does not depend on the follow-up


def test_a_phone_contact_defaults_to_a_callback(qtbot: QtBot) -> None:
    d = CloseDialog(detail(Channel.PHONE), CODES)
    qtbot.addWidget(d)
    d.reason.set_reason(CODES[0].id)
    d.outcome_buttons[Outcome.FOLLOW_UP].setChecked(True)
    d.choose_score(2)
    follow_up = d.request().follow_up
    assert follow_up is not None and follow_up.kind == "callback"


def test_escape_cancels_and_the_choices_can_be_given_back(
    qtbot: QtBot, dialog: CloseDialog
) -> None:
    dialog.reason.set_reason(CODES[4].id)
    dialog.outcome_buttons[Outcome.TRANSFERRED].setChecked(True)
    dialog.choose_score(2)
    dialog.comment.setPlainText("Bonus promised by phone")
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    kept = dialog.choices()
    assert kept == CloseChoices(
        reason_code_id=CODES[4].id,
        outcome=Outcome.TRANSFERRED,
        self_assessment=2,
        comment="Bonus promised by phone",
        follow_up_planned=True,
        follow_up_kind="reply",
        follow_up_at=kept.follow_up_at,
    )

    again = CloseDialog(detail(), CODES, previous=kept)
    qtbot.addWidget(again)
    req = again.request()
    assert (req.reason_code_id, req.outcome, req.self_assessment, req.comment) == (
        CODES[4].id,
        Outcome.TRANSFERRED,
        2,
        "Bonus promised by phone",
    )


def test_a_colleagues_reason_is_offered_when_the_contact_was_handed_over(qtbot: QtBot) -> None:
    handed = WrapUpView(
        advisor="Léa Fontanel",
        reason_code="password_reset",
        reason_label_en="Password reset",
        reason_label_fr="Réinitialisation du mot de passe",
        outcome=Outcome.TRANSFERRED,
        self_assessment=3,
        share=0.5,
        created_at=NOW,
    )
    d = CloseDialog(detail(wrap_ups=(handed,)), CODES)
    qtbot.addWidget(d)
    assert d.reason.reason() == CODES[2]
    assert d.missing_choices() == ["outcome", "assessment"]


def test_reasons_are_grouped_under_their_category(qtbot: QtBot) -> None:
    d = CloseDialog(detail(), CODES)
    qtbot.addWidget(d)
    model = d.reason.model()
    texts = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert texts.index("PAYMENTS") < texts.index("Failed deposit") < texts.index("Withdrawal delay")
    heading = model.index(texts.index("PAYMENTS"), 0)
    assert not model.flags(heading) & Qt.ItemFlag.ItemIsSelectable


WEEKDAYS = OpeningHours(
    {d: "08:30-19:00" for d in ("mon", "tue", "wed", "thu", "fri")} | {"sat": "09:00-17:00"}
)


def low_score_dialog(qtbot: QtBot, hours: OpeningHours) -> CloseDialog:
    d = CloseDialog(detail(), CODES, hours=hours)
    qtbot.addWidget(d)
    d.reason.set_reason(CODES[0].id)
    d.outcome_buttons[Outcome.FOLLOW_UP].setChecked(True)
    d.choose_score(2)
    return d


def set_when(d: CloseDialog, when: datetime) -> None:
    d.when.setDateTime(QDateTime(when.astimezone().replace(tzinfo=None)))


def test_the_proposed_follow_up_is_in_opening_hours(qtbot: QtBot) -> None:
    d = low_score_dialog(qtbot, WEEKDAYS)
    follow_up = d.request().follow_up
    assert follow_up is not None and WEEKDAYS.is_open(follow_up.due_at)
    assert d.missing_choices() == [] and d.next_button.isEnabled()


def test_a_follow_up_set_when_the_centre_is_closed_is_refused_with_the_next_opening(
    qtbot: QtBot,
) -> None:
    d = low_score_dialog(qtbot, WEEKDAYS)
    d.show()
    d.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    sunday = datetime.now().astimezone() + timedelta(days=7)
    sunday += timedelta(days=(6 - sunday.weekday()))  # a Sunday at least a week ahead
    set_when(d, sunday.replace(hour=11, minute=0))
    assert d.missing_choices() == ["follow_up_time"]
    assert not d.next_button.isEnabled() and not d.close_button.isEnabled()
    assert d.when_problem.isVisible() and "closed all day" in d.when_problem.text()
    assert "closed" in d.missing.text()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.isVisible() and d.result() == 0  # not closed with a follow-up nobody can make

    assert d.when_fix.isVisible() and "08:30" in d.when_fix.text()
    d.when_fix.click()  # the next opening, one click away
    monday = (sunday + timedelta(days=1)).replace(hour=8, minute=30, second=0, microsecond=0)
    assert d.request().follow_up is not None
    assert d.request().follow_up.due_at == monday
    assert d.missing_choices() == [] and not d.when_problem.isVisible()

    set_when(d, monday.replace(hour=19, minute=30))
    assert "closes at 19:00" in d.when_problem.text()
    d.plan_follow_up.setChecked(False)  # no follow-up: nothing to refuse
    assert d.missing_choices() == []


def test_a_public_holiday_is_refused_by_name(qtbot: QtBot) -> None:
    d = low_score_dialog(qtbot, WEEKDAYS)
    year = datetime.now().year + 1
    set_when(d, datetime(year, 7, 14, 11, 0).astimezone())  # Bastille Day
    assert d.missing_choices() == ["follow_up_time"]
    assert "public holiday (Bastille Day)" in d.when_problem.text()


def test_the_quick_choices_say_their_day(qtbot: QtBot) -> None:
    d = low_score_dialog(qtbot, WEEKDAYS)
    morning = WEEKDAYS.next_morning(datetime.now(UTC))
    d.morning_button.click()
    follow_up = d.request().follow_up
    assert follow_up is not None and follow_up.due_at == morning
    assert morning.strftime("%H:%M") in d.morning_button.text()
    soon = WEEKDAYS.in_two_hours(datetime.now(UTC))
    assert d.soon_button.isEnabled() == (soon is not None)


def test_arrows_never_pick_a_reason_the_advisor_did_not_see(
    qtbot: QtBot, dialog: CloseDialog
) -> None:
    type_text(qtbot, "zzz")  # matches nothing
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.reason.reason() is None
    assert not dialog.next_button.isEnabled()
