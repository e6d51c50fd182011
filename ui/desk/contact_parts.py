"""The parts of the contact panel above the thread: its header (reference, subject, facts,
risk flag) and, for phone contacts, the call bar with its running clock."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dto import ContactDetail
from app.enums import Channel, ContactStatus
from app.identities import address_shown
from ui.common import theme
from ui.common.texts import (
    channel_icon,
    channel_label,
    format_datetime,
    format_duration,
    icon,
    priority_label,
    status_label,
    untitled,
)
from ui.common.widgets import ElidedLabel

SEND_KEYS = ("Ctrl+Shift+Return", "Ctrl+Shift+Enter")
NOTE_KEYS = "Ctrl+Shift+N"
CALL_KEYS = "Ctrl+Shift+D"
REPLY_KEYS = "Ctrl+Shift+R"
NEXT_PLACEHOLDER_KEYS = "F8"


def _elapsed(seconds: float) -> str:
    """A running call's clock: 03:12 or 1:03:12 (digits read the same in every language)."""
    s = max(0, int(seconds))
    hours, rest = divmod(s, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class ContactHeader(QWidget):
    """Who and what, fixed above the thread so it never scrolls away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel_icon = QLabel(self)
        self.channel_icon.setFixedSize(20, 20)
        self.reference = QLabel(self)
        self.reference.setObjectName("contactReference")
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reference.setAccessibleName(self.tr("Contact reference"))
        self.subject = ElidedLabel("", self)
        self.subject.setObjectName("contactSubject")
        self.facts = QLabel(self)
        self.facts.setObjectName("contactFacts")
        self.facts.setProperty("tone", "muted")
        self.facts.setWordWrap(True)
        self.risk = QFrame(self)
        self.risk.setObjectName("riskBanner")
        risk_icon = QLabel(self.risk)
        risk_icon.setPixmap(icon("risk").pixmap(16, 16))
        self.risk_text = QLabel(self.risk)
        self.risk_text.setObjectName("riskText")
        self.risk_text.setWordWrap(True)
        risk_row = QHBoxLayout(self.risk)
        risk_row.setContentsMargins(8, 4, 8, 4)
        risk_row.addWidget(risk_icon, 0, Qt.AlignmentFlag.AlignTop)
        risk_row.addWidget(self.risk_text, 1)

        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(self.channel_icon)
        line.addWidget(self.reference)
        line.addWidget(self.subject, 1)
        self.action_row = QHBoxLayout()
        line.addLayout(self.action_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.facts)
        layout.addWidget(self.risk)

    def show_detail(self, d: ContactDetail) -> None:
        self.channel_icon.setPixmap(channel_icon(d.channel).pixmap(20, 20))
        self.channel_icon.setToolTip(channel_label(d.channel))
        self.channel_icon.setAccessibleName(channel_label(d.channel))
        self.reference.setText(d.reference)
        self.subject.setText(d.subject or untitled(d.channel))
        address = address_shown(d.channel, d.sender_address)
        who = d.sender_display or address
        if d.sender_display and address and address != d.sender_display:
            who = self.tr("{name} <{address}>").format(name=d.sender_display, address=address)
        facts = [
            channel_label(d.channel),
            self.tr("from {who}").format(who=who) if who else self.tr("unknown sender"),
            self.tr("received {when}").format(when=format_datetime(d.received_at)),
            self.tr("priority {priority}").format(priority=priority_label(d.priority).lower()),
        ]
        if d.closed_at is None:
            facts.insert(3, status_label(d.status))
        if d.status == ContactStatus.IN_PROGRESS:
            left = (d.due_at - datetime.now(UTC)).total_seconds()
            facts.append(
                self.tr("answer due in {duration}").format(duration=format_duration(left))
                if left >= 0
                else self.tr("overdue by {duration}").format(duration=format_duration(-left))
            )
        if d.closed_at is not None:
            facts.append(self.tr("closed {when}").format(when=format_datetime(d.closed_at)))
        if d.follow_up_of:
            facts.append(self.tr("follow-up of {reference}").format(reference=d.follow_up_of))
        # A line breaks between two facts, not inside "en | attente" or "de | 36 min"; the
        # sender (an address may be long) keeps its spaces.
        kept = {1} if who else set()
        self.facts.setText(
            " · ".join(f if i in kept else f.replace(" ", "\u00a0") for i, f in enumerate(facts))
        )
        if d.risk_flag:
            reason = d.risk_reason or self.tr("strong dissatisfaction or legal risk")
            self.risk_text.setText(self.tr("Risk flag: {reason}").format(reason=reason))
            self.risk.show()
        else:
            self.risk.hide()


class CallBar(QFrame):
    """Start and end of a phone call, with its clock while it runs.

    Signals:
        start_clicked(): the advisor asks to start the call record.
        end_clicked(): the advisor asks to end it.
    """

    start_clicked = Signal()
    end_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callBar")
        keys = QKeySequence(CALL_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        self.start_button = QPushButton(self.tr("Start call"), self)
        self.start_button.setObjectName("startCall")
        self.start_button.setAccessibleName(self.tr("Start the call record"))
        self.start_button.setToolTip(self.tr("Start the call record ({keys})").format(keys=keys))
        self.end_button = QPushButton(self.tr("End call"), self)
        self.end_button.setObjectName("endCall")
        self.end_button.setAccessibleName(self.tr("End the call record"))
        self.end_button.setToolTip(self.tr("End the call record ({keys})").format(keys=keys))
        self.state = QLabel(self)
        self.state.setObjectName("callState")
        self.state.setAccessibleName(self.tr("Call record"))
        self.start_button.clicked.connect(self.start_clicked)
        self.end_button.clicked.connect(self.end_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        phone = QLabel(self)
        phone.setPixmap(channel_icon(Channel.PHONE).pixmap(16, 16))
        row.addWidget(phone)
        row.addWidget(self.state, 1)
        row.addWidget(self.start_button)
        row.addWidget(self.end_button)
        self._started: datetime | None = None
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

    def show_call(
        self, started: datetime | None, ended: datetime | None, workable: bool, busy: bool = False
    ) -> None:
        self._started = started
        running = started is not None and ended is None
        missed = started is None and ended is not None
        self.start_button.setText(self.tr("Call back") if missed else self.tr("Start call"))
        self.start_button.setEnabled(workable and started is None and not busy)
        self.end_button.setEnabled(workable and running and not busy)
        self.start_button.setVisible(started is None)
        self.end_button.setVisible(running)  # one call per contact: nothing to do once ended
        if running:
            self._clock.start()
            self._tick()
        else:
            self._clock.stop()
            if missed:
                assert ended is not None
                self.state.setText(
                    self.tr(
                        "Missed call: the caller hung up at {end}, before anyone answered."
                    ).format(end=format_datetime(ended))
                )
            elif started is None:
                self.state.setText(self.tr("No call recorded yet."))
            else:
                assert ended is not None
                self.state.setText(
                    self.tr("Call from {start} to {end} — {duration}").format(
                        start=format_datetime(started),
                        end=format_datetime(ended),
                        duration=format_duration((ended - started).total_seconds()),
                    )
                )
        theme.set_state(self.state, "tone", "accent" if running else None)

    def running(self) -> bool:
        return self._clock.isActive()

    def stop(self) -> None:
        self._clock.stop()

    def _tick(self) -> None:
        if self._started is None:
            return
        elapsed = (datetime.now(UTC) - self._started).total_seconds()
        self.state.setText(
            self.tr("On call since {start} — {elapsed}").format(
                start=format_datetime(self._started), elapsed=_elapsed(elapsed)
            )
        )
