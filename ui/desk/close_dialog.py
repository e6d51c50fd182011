"""Closing a contact: reason, outcome and the advisor's 1–4 feeling, in about ten seconds.

The advisor does this 60 to 120 times a day, so everything is one key away: type a few letters
of the reason (in French or English, accents and case aside, or its code), Tab to the outcome
and pick it with the arrows, press 1–4 for the self-assessment, Ctrl+Return to close and take
the next contact — the same Ctrl+Return that opened the dialog from the window. Alt+Return
closes without taking the next one; Ctrl+Shift+Return, which sends a reply in the window,
closes nothing here and says which keys do. F1 lists the dialog's keys (``shortcuts()``).

A low assessment (1 or 2) opens a follow-up section, planned by default at a time the centre
is open (``app.opening_hours``); a time the advisor sets when it is closed is refused, with the
next opening one key away. The case also goes on the supervisors' review list (the service does
that), so the dialog says so.

Esc cancels and loses nothing: the caller may keep the dialog and ``exec()`` it again, or read
``choices()`` and hand them back through ``previous=`` next time.
"""

import itertools
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.clock import centre_now
from app.dto import CloseRequest, ContactDetail, FollowUpRequest, ReasonCodeView
from app.enums import Channel, Outcome
from app.opening_hours import OpeningHours
from app.settings import Settings
from ui.common import texts, theme
from ui.desk.close_parts import (
    CLOSE_AND_NEXT_KEYS,
    CLOSE_ONLY_KEYS,
    HELP_KEYS,
    SCORE_KEYS,
    WINDOW_SEND_KEYS,
    ChoiceKeys,
    ScoreButton,
    shortcuts,
)
from ui.desk.reason_box import ReasonBox

AnyIndex = QModelIndex | QPersistentModelIndex

OUTCOMES: tuple[Outcome, ...] = (
    Outcome.RESOLVED,
    Outcome.FOLLOW_UP,
    Outcome.TRANSFERRED,
    Outcome.ESCALATED,
    Outcome.NO_ANSWER_NEEDED,
)


def _now() -> QDateTime:
    """Now by the centre's clock (which orders the queue), in local time, as Qt shows it."""
    return _qt(centre_now())


def _qt(dt: datetime) -> QDateTime:
    """An aware datetime as the local wall-clock time a QDateTimeEdit shows."""
    local = dt.astimezone()
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
    )


@dataclass(frozen=True)
class CloseChoices:
    """What the advisor had chosen, kept when they cancel so nothing is lost."""

    reason_code_id: uuid.UUID | None = None
    outcome: Outcome | None = None
    self_assessment: int | None = None
    comment: str = ""
    follow_up_planned: bool = True
    follow_up_kind: str | None = None
    follow_up_at: datetime | None = None


class CloseDialog(QDialog):
    """The end-of-contact wrap-up. After ``exec()`` returns Accepted, ``request()`` is the
    ``CloseRequest`` to hand to ``ContactService.close`` and ``take_next()`` whether the advisor
    asked for the next contact straight away.

    Signals:
        choices_changed(): any choice changed (the buttons and the "missing" line follow it).
    """

    choices_changed = Signal()

    def __init__(
        self,
        detail: ContactDetail,
        reason_codes: list[ReasonCodeView],
        parent: QWidget | None = None,
        *,
        previous: CloseChoices | None = None,
        hours: OpeningHours | None = None,
    ) -> None:
        super().__init__(parent)
        theme.adopt(self)  # the window's sheet, also when made without a parent
        self._detail = detail
        self._take_next = False
        self._language = texts.ui_language()
        self._locale = QLocale(
            QLocale.Language.French if self._language == "fr" else QLocale.Language.English
        )
        # The settings file is a few hundred bytes: read here, as the window reads its own.
        self.hours = hours or OpeningHours.from_settings(Settings())
        self.setWindowTitle(self.tr("Close contact {reference}").format(reference=detail.reference))
        self.setAccessibleName(self.tr("Close the contact"))
        self.setObjectName("closeDialog")

        # -- heading: which contact this is, so the advisor never closes the wrong one
        subject = detail.subject or (detail.messages[0].body_text[:80] if detail.messages else "")
        who = detail.sender_display or detail.sender_address
        self.heading = QLabel(
            self.tr("{channel} · {reference} · {who}").format(
                channel=texts.channel_label(detail.channel), reference=detail.reference, who=who
            ),
            self,
        )
        self.heading.setProperty("tone", "muted")
        self.subject = QLabel(subject, self)
        self.subject.setTextFormat(Qt.TextFormat.PlainText)
        self.subject.setWordWrap(True)
        subject_font = self.subject.font()
        subject_font.setBold(True)
        subject_font.setPointSizeF(subject_font.pointSizeF() * 1.1)
        self.subject.setFont(subject_font)
        self.subject.setVisible(bool(subject))

        # -- reason
        self.reason = ReasonBox(reason_codes, self._language, self)
        self.reason.setAccessibleName(self.tr("Reason for the contact"))
        # What a screen reader lands on when typing a reason.
        self.reason.edit.setAccessibleName(self.reason.accessibleName())
        self.reason.edit.setPlaceholderText(self.tr("Type to search: withdrawal, bonus…"))
        self.reason.reason_changed.connect(self._changed)
        reason_label = QLabel(self.tr("&Reason"), self)
        reason_label.setBuddy(self.reason)

        # -- outcome
        self.outcome_group = QButtonGroup(self)
        self.outcome_group.setExclusive(True)
        outcome_box = QWidget(self)
        outcome_grid = QGridLayout(outcome_box)
        outcome_grid.setContentsMargins(0, 0, 0, 0)
        outcome_grid.setHorizontalSpacing(18)
        outcome_grid.setVerticalSpacing(4)
        self.outcome_buttons: dict[Outcome, QRadioButton] = {}
        for n, outcome in enumerate(OUTCOMES):
            radio = QRadioButton(texts.outcome_label(outcome), outcome_box)
            radio.setAccessibleName(texts.outcome_label(outcome))
            self.outcome_group.addButton(radio, n)
            self.outcome_buttons[outcome] = radio
            outcome_grid.addWidget(radio, n % 3, n // 3)
        outcome_grid.setColumnStretch(2, 1)
        self.outcome_group.buttonToggled.connect(self._changed)
        self._outcome_keys = ChoiceKeys(list(self.outcome_buttons.values()), self)
        outcome_label = QLabel(self.tr("Outcome"), self)

        # -- self-assessment
        self.score_group = QButtonGroup(self)
        self.score_group.setExclusive(True)
        score_row = QHBoxLayout()
        score_row.setSpacing(8)
        self.score_buttons: dict[int, ScoreButton] = {}
        for score in (1, 2, 3, 4):
            button = ScoreButton(score, self)
            self.score_group.addButton(button, score)
            self.score_buttons[score] = button
            score_row.addWidget(button)
        self.score_group.idToggled.connect(self._score_toggled)
        self._score_keys = ChoiceKeys(list(self.score_buttons.values()), self)
        score_label = QLabel(self.tr("How satisfied do you think the customer is?"), self)
        score_hint = QLabel(self.tr("Keys 1 to 4"), self)
        score_hint.setProperty("tone", "muted")

        # -- follow-up (1 or 2 only)
        self.follow_up_box = QFrame(self)
        self.follow_up_box.setObjectName("followUpBox")
        self.plan_follow_up = QCheckBox(self.tr("&Plan a follow-up"), self.follow_up_box)
        self.plan_follow_up.setAccessibleName(self.tr("Plan a follow-up"))
        self.plan_follow_up.setChecked(True)
        self.callback = QRadioButton(self.tr("Call &back"), self.follow_up_box)
        self.callback.setAccessibleName(self.tr("Call the customer back"))
        self.reply = QRadioButton(self.tr("Reply in &writing"), self.follow_up_box)
        self.reply.setAccessibleName(self.tr("Reply to the customer in writing"))
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.callback)
        self.kind_group.addButton(self.reply)
        (self.callback if detail.channel == Channel.PHONE else self.reply).setChecked(True)
        self._kind_keys = ChoiceKeys([self.callback, self.reply], self)
        self.when = QDateTimeEdit(self.follow_up_box)
        self.when.setAccessibleName(self.tr("Follow-up date and time"))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(f"{texts.qt_date_format()} HH:mm")
        self.when.setMinimumDateTime(_now())
        self.when.setDateTime(_qt(self.hours.propose_follow_up(centre_now())))
        self.when.dateTimeChanged.connect(self._when_changed)
        self.soon_button = QPushButton(self.tr("In 2 h"), self.follow_up_box)
        self.soon_button.setAccessibleName(self.tr("Follow up in two hours"))
        self.soon_button.setAutoDefault(False)
        self.soon_button.clicked.connect(self._in_two_hours)
        self.morning_button = QPushButton(self.follow_up_box)
        self.morning_button.setAutoDefault(False)
        self.morning_button.clicked.connect(self._next_morning)
        # A time set when the centre is closed: why, and the next opening one click away.
        self.when_problem = QLabel(self.follow_up_box)
        self.when_problem.setObjectName("followUpClosed")
        self.when_problem.setWordWrap(True)
        self.when_problem.setProperty("tone", "error")
        self.when_fix = QPushButton(self.follow_up_box)
        self.when_fix.setAutoDefault(False)
        self.when_fix.clicked.connect(self._move_to_opening)
        self.review_note = QLabel(
            self.tr("This contact will also go on the supervisors' review list."),
            self.follow_up_box,
        )
        self.review_note.setWordWrap(True)
        self.plan_follow_up.toggled.connect(self._follow_up_toggled)
        fu = QGridLayout(self.follow_up_box)
        fu.setContentsMargins(12, 10, 12, 10)
        fu.setHorizontalSpacing(10)
        fu.setVerticalSpacing(6)
        fu.addWidget(self.plan_follow_up, 0, 0, 1, 2)
        kinds = QHBoxLayout()
        kinds.setSpacing(16)
        kinds.addWidget(self.callback)
        kinds.addWidget(self.reply)
        kinds.addStretch(1)
        fu.addLayout(kinds, 0, 2, 1, 3)
        when_label = QLabel(self.tr("W&hen"), self.follow_up_box)
        when_label.setBuddy(self.when)
        fu.addWidget(when_label, 1, 0)
        fu.addWidget(self.when, 1, 1, 1, 2)
        fu.addWidget(self.soon_button, 1, 3)
        fu.addWidget(self.morning_button, 1, 4)
        fu.addWidget(self.when_problem, 2, 0, 1, 3)
        fu.addWidget(self.when_fix, 2, 3, 1, 2)
        fu.addWidget(self.review_note, 3, 0, 1, 5)
        fu.setColumnStretch(2, 1)
        self.follow_up_box.hide()
        self._opening: datetime | None = None
        self._morning = self.hours.next_morning(centre_now())
        self._refresh_follow_up_buttons()

        # -- comment
        self.comment = QPlainTextEdit(self)
        self.comment.setAccessibleName(self.tr("Comment (optional)"))
        self.comment.setPlaceholderText(
            self.tr("Optional: what a colleague or supervisor should know. Never sent.")
        )
        self.comment.setTabChangesFocus(True)
        spacing = self.comment.fontMetrics().lineSpacing()
        self.comment.setFixedHeight(spacing * 2 + 16)
        comment_label = QLabel(self.tr("C&omment"), self)
        comment_label.setBuddy(self.comment)

        # -- what is missing, and the buttons
        self.missing = QLabel(self)
        self.missing.setObjectName("missingChoices")
        self.missing.setWordWrap(True)
        self.missing.setProperty("tone", "warning")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel: keep the contact open"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.close_button.setAccessibleName(self.tr("Close the contact"))
        self.close_button.setToolTip(
            self.tr("Close the contact ({keys})").format(keys=_native(CLOSE_ONLY_KEYS[0]))
        )
        self.close_button.clicked.connect(lambda: self._finish(take_next=False))
        self.next_button = QPushButton(self.tr("Close and take &next"), self)
        self.next_button.setAccessibleName(self.tr("Close the contact and take the next one"))
        self.next_button.setToolTip(
            self.tr("Close and take the next contact ({keys})").format(
                keys=_native(CLOSE_AND_NEXT_KEYS[0])
            )
        )
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(lambda: self._finish(take_next=True))
        for keys in CLOSE_AND_NEXT_KEYS:
            QShortcut(QKeySequence(keys), self, lambda: self._finish(take_next=True))
        for keys in CLOSE_ONLY_KEYS:
            QShortcut(QKeySequence(keys), self, lambda: self._finish(take_next=False))
        for keys in WINDOW_SEND_KEYS:
            QShortcut(QKeySequence(keys), self, self._say_close_keys)
        QShortcut(QKeySequence(HELP_KEYS), self, self.show_help)
        self.help_button = QPushButton(self.tr("Keyboard shortcuts (F1)"), self)
        self.help_button.setAccessibleName(self.tr("The keys of this dialog"))
        self.help_button.setAutoDefault(False)
        self.help_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.help_button.clicked.connect(self.show_help)

        # -- layout
        form = QGridLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(12)
        form.setColumnStretch(1, 1)
        top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        form.addWidget(reason_label, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        form.addWidget(self.reason, 0, 1)
        form.addWidget(outcome_label, 1, 0, top)
        form.addWidget(outcome_box, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.help_button)
        layout.addLayout(heading_row)
        layout.addWidget(self.subject)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addSpacing(4)
        score_head = QHBoxLayout()
        bold = score_label.font()
        bold.setBold(True)
        score_label.setFont(bold)
        score_head.addWidget(score_label)
        score_head.addStretch(1)
        score_head.addWidget(score_hint)
        layout.addLayout(score_head)
        layout.addLayout(score_row)
        layout.addWidget(self.follow_up_box)
        layout.addWidget(comment_label)
        layout.addWidget(self.comment)
        buttons = QHBoxLayout()
        buttons.addWidget(self.missing, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)

        self._fix_tab_order()
        if previous is not None:
            self.restore(previous)
        elif detail.wrap_ups:
            # A contact passed on by a colleague: their reason is the likely one.
            last = detail.wrap_ups[-1]
            match = next((c for c in reason_codes if c.code == last.reason_code), None)
            if match is not None:
                self.reason.set_reason(match.id)
        self.setMinimumWidth(660)
        self._when_changed()  # also says what is missing
        self.adjustSize()
        self.reason.setFocus()

    # -- results -------------------------------------------------------------------------------

    def request(self) -> CloseRequest:
        """The close to perform; only valid once every required choice is made."""
        reason = self.reason.reason()
        outcome = self.outcome()
        score = self.self_assessment()
        if reason is None or outcome is None or score is None:
            raise ValueError("the dialog was not completed")
        return CloseRequest(
            contact_id=self._detail.id,
            reason_code_id=reason.id,
            outcome=outcome,
            self_assessment=score,
            comment=self.comment.toPlainText().strip(),
            follow_up=self.follow_up(),
        )

    def take_next(self) -> bool:
        return self._take_next

    def outcome(self) -> Outcome | None:
        checked = self.outcome_group.checkedId()
        return OUTCOMES[checked] if checked >= 0 else None

    def self_assessment(self) -> int | None:
        checked = self.score_group.checkedId()
        return checked if checked > 0 else None

    def follow_up(self) -> FollowUpRequest | None:
        if not self._follow_up_wanted():
            return None
        return FollowUpRequest(
            kind="callback" if self.callback.isChecked() else "reply", due_at=self._when()
        )

    def missing_choices(self) -> list[str]:
        """What still has to be chosen: any of "reason", "outcome", "assessment", and
        "follow_up_time" while the follow-up is set when the centre is closed."""
        missing = []
        if self.reason.reason() is None:
            missing.append("reason")
        if self.outcome() is None:
            missing.append("outcome")
        if self.self_assessment() is None:
            missing.append("assessment")
        if self._follow_up_wanted() and not self.hours.is_open(self._when()):
            missing.append("follow_up_time")
        return missing

    def _follow_up_wanted(self) -> bool:
        score = self.self_assessment()
        return score is not None and score <= 2 and self.plan_follow_up.isChecked()

    def _when(self) -> datetime:
        when = self.when.dateTime().toPython()
        assert isinstance(when, datetime)
        return when.astimezone()

    def choices(self) -> CloseChoices:
        reason = self.reason.reason()
        return CloseChoices(
            reason_code_id=reason.id if reason else None,
            outcome=self.outcome(),
            self_assessment=self.self_assessment(),
            comment=self.comment.toPlainText(),
            follow_up_planned=self.plan_follow_up.isChecked(),
            follow_up_kind="callback" if self.callback.isChecked() else "reply",
            follow_up_at=self._when(),
        )

    def restore(self, c: CloseChoices) -> None:
        if c.reason_code_id is not None:
            self.reason.set_reason(c.reason_code_id)
        if c.outcome is not None:
            self.outcome_buttons[c.outcome].setChecked(True)
        if c.self_assessment is not None:
            self.choose_score(c.self_assessment)
        self.comment.setPlainText(c.comment)
        self.plan_follow_up.setChecked(c.follow_up_planned)
        if c.follow_up_kind is not None:
            (self.callback if c.follow_up_kind == "callback" else self.reply).setChecked(True)
        if c.follow_up_at is not None and c.follow_up_at > centre_now().astimezone():
            self.when.setDateTime(_qt(c.follow_up_at))

    def choose_score(self, score: int) -> None:
        self.score_buttons[score].setChecked(True)

    # -- behaviour -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        score = SCORE_KEYS.get(event.key())
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if (
            score is not None
            and modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
            and not _is_text_field(QApplication.focusWidget())
        ):
            self.choose_score(score)
            event.accept()
            return
        super().keyPressEvent(event)

    def _score_toggled(self, score: int, checked: bool) -> None:
        if not checked:
            return
        low = score <= 2
        if low != self.follow_up_box.isVisible():
            self.follow_up_box.setVisible(low)
            if low:
                if self.when.dateTime() < _now():
                    self.when.setDateTime(_qt(self.hours.propose_follow_up(centre_now())))
                self._refresh_follow_up_buttons()
            self.adjustSize()
        self._changed()

    def _follow_up_toggled(self, on: bool) -> None:
        for w in (self.callback, self.reply, self.when, self.morning_button, self.when_fix):
            w.setEnabled(on)
        self._refresh_follow_up_buttons()
        self._changed()

    def _refresh_follow_up_buttons(self) -> None:
        """The quick choices say the time they set; "in 2 h" only while the centre is open then
        (the proposals come from ``OpeningHours``, by the centre's clock)."""
        now = centre_now()
        soon = self.hours.in_two_hours(now)
        self.soon_button.setEnabled(soon is not None and self.plan_follow_up.isChecked())
        self.soon_button.setToolTip(
            self.tr("Follow up at {time}").format(time=self._time_text(soon))
            if soon is not None
            else self.tr("The centre is closed in two hours.")
        )
        morning = self.hours.next_morning(now)
        today = now.astimezone().date()
        if morning.date() == today:
            text = self.tr("Today {time}")
        elif morning.date() == today + timedelta(days=1):
            text = self.tr("Tomorrow {time}")
        else:
            text = self.tr("{day} {time}")
        day = self._locale.dayName(morning.isoweekday()).capitalize()
        self.morning_button.setText(text.format(day=day, time=self._time_text(morning)))
        self.morning_button.setAccessibleName(
            self.tr("Follow up on {when}").format(when=self._moment_text(morning))
        )
        self._morning = morning

    def _in_two_hours(self) -> None:
        soon = self.hours.in_two_hours(centre_now())
        if soon is not None:
            self.when.setDateTime(_qt(soon))
        self._refresh_follow_up_buttons()

    def _next_morning(self) -> None:
        self._refresh_follow_up_buttons()
        self.when.setDateTime(_qt(self._morning))

    def _when_changed(self, *_args: object) -> None:
        """A time when the centre is closed is said at once, with the next opening."""
        closed = self.hours.closed(self._when(), self._language)
        if closed is None:
            self.when_problem.hide()
            self.when_fix.hide()
            self._opening = None
        else:
            self._opening = closed.next_open
            self.when_problem.setText(self._closed_text(closed.why, closed.holiday))
            self.when_problem.show()
            if closed.next_open is not None:
                self.when_fix.setText(
                    self.tr("Move to {when}").format(when=self._moment_text(closed.next_open))
                )
                self.when_fix.setAccessibleName(self.when_fix.text())
                self.when_fix.show()
        self._changed()

    def _closed_text(self, why: str, holiday: str) -> str:
        when = self._when()
        day = self._day_text(when)
        span = self.hours.hours_on(when.date())
        if why == "holiday":
            return self.tr("The centre is closed on {day}, a public holiday ({name}).").format(
                day=day, name=holiday
            )
        if why == "before_opening" and span is not None:
            return self.tr("The centre opens at {time} on {day}.").format(
                time=span.opens.strftime("%H:%M"), day=day
            )
        if why == "after_closing" and span is not None:
            return self.tr("The centre closes at {time} on {day}.").format(
                time=span.closes.strftime("%H:%M"), day=day
            )
        return self.tr("The centre is closed all day on {day}.").format(day=day)

    def _move_to_opening(self) -> None:
        if self._opening is not None:
            self.when.setDateTime(_qt(self._opening))
            self.when.setFocus(Qt.FocusReason.OtherFocusReason)

    def _day_text(self, dt: datetime) -> str:
        """The day in the interface's language: "Monday 16 March", "lundi 16 mars"."""
        return self._locale.toString(_qt(dt).date(), "dddd d MMMM")

    def _time_text(self, dt: datetime | None) -> str:
        return dt.astimezone().strftime("%H:%M") if dt is not None else ""

    def _moment_text(self, dt: datetime) -> str:
        return self.tr("{day} at {time}").format(day=self._day_text(dt), time=self._time_text(dt))

    def _say_close_keys(self) -> None:
        """Ctrl+Shift+Return sends a reply in the window: here it says which keys close."""
        self.missing.setText(
            self.tr(
                "Nothing is sent from here. To close: {next} (and take the next contact) or "
                "{close} (and stay)."
            ).format(next=_native(CLOSE_AND_NEXT_KEYS[0]), close=_native(CLOSE_ONLY_KEYS[0]))
        )

    def show_help(self) -> None:
        """F1: the dialog's own keys."""
        from ui.shell.help_dialog import HelpDialog  # the one list of keys the program shows

        HelpDialog(
            shortcuts(),
            self,
            title=self.tr("Keys of the closing dialog"),
            intro=self.tr("Closing a contact takes a few keys:"),
            sections=(),
        ).exec()

    def _changed(self, *_args: object) -> None:
        missing = set(self.missing_choices())
        ready = not missing
        self.close_button.setEnabled(ready)
        self.next_button.setEnabled(ready)
        self.missing.setText(self._missing_text(frozenset(missing)))
        self.choices_changed.emit()

    def _missing_text(self, missing: frozenset[str]) -> str:
        r, o, a = "reason", "outcome", "assessment"
        sentences = {
            frozenset({r, o, a}): self.tr("Choose a reason, an outcome and your assessment."),
            frozenset({r, o}): self.tr("Choose a reason and an outcome."),
            frozenset({r, a}): self.tr("Choose a reason and your assessment."),
            frozenset({o, a}): self.tr("Choose an outcome and your assessment."),
            frozenset({r}): self.tr("Choose a reason."),
            frozenset({o}): self.tr("Choose an outcome."),
            frozenset({a}): self.tr("Choose your assessment (keys 1 to 4)."),
        }
        if r in missing and self.reason.count() == 0:
            return self.tr(
                "No reasons are set up, so the contact cannot be closed: ask an administrator."
            )
        choices = missing - {"follow_up_time"}
        if choices:
            return sentences.get(frozenset(choices), "")
        if missing:
            return self.tr("The follow-up falls when the centre is closed: choose another time.")
        return ""

    def _finish(self, take_next: bool) -> None:
        if self.missing_choices():
            self._changed()
            return
        self._take_next = take_next
        self.accept()

    def _fix_tab_order(self) -> None:
        # Every button of a group sits at the group's place in the chain; only one of them is a
        # Tab stop (see _ChoiceKeys), so Tab goes group to group.
        ordered: list[QWidget] = [
            self.reason,
            *self.outcome_buttons.values(),
            *self.score_buttons.values(),
            self.plan_follow_up,
            self.callback,
            self.reply,
            self.when,
            self.soon_button,
            self.morning_button,
            self.comment,
            self.next_button,
            self.close_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(ordered):
            QWidget.setTabOrder(first, second)


def _is_text_field(widget: QWidget | None) -> bool:
    """Where digits are typed, not taken as a self-assessment."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox)


def _native(keys: str) -> str:
    """A shortcut as this platform and language write it ("Ctrl+Maj+Retour" in French)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
