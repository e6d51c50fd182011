"""What the composer says about the reply under it: the channel's length counter and one notice
(refused, sending, sent, failed) that never outlives what it is about.

The rules are ``app.channels``'s; these widgets only show them. A notice carries the condition
that makes it true: "fill in {{account_number}}" goes as soon as no such placeholder is left,
"too long" as soon as the reply fits, "Reply sent at 20:02" at the first keystroke of the next
reply — so nothing on screen describes a reply that is no longer the one being written.
"""

import enum
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.channels import Length, Measure, grouped, reply_length, rules_for
from app.enums import Channel
from ui.common import theme
from ui.common.texts import channel_label


def number(value: int) -> str:
    """A count as the service's messages write it ("1 234", a narrow no-break space)."""
    return grouped(value)


class LengthCounter(QLabel):
    """How much of the channel's limit the reply takes ("1 234 / 2 000"), amber near the end and
    red past it, with how much is too many. Hidden when there is no contact."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyLength")
        self.setAccessibleName(self.tr("Length of the reply"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._channel: Channel | None = None
        self._length: Length | None = None
        self.hide()

    def set_channel(self, channel: Channel | None) -> None:
        self._channel = channel
        self._length = None
        self.setVisible(channel is not None)
        if channel is not None:
            self.setToolTip(self._explanation(channel))
            self.show_text("")

    def length(self) -> Length | None:
        """The last measure shown (None without a contact)."""
        return self._length

    def state(self) -> str:
        """What the colour says: "ok", "near" or "over"; "" without a contact."""
        if self._length is None:
            return ""
        return "over" if self._length.over else "near" if self._length.near else "ok"

    def show_text(self, text: str) -> None:
        if self._channel is None:
            return
        length = self._length = reply_length(text, self._channel)
        used, limit = number(length.used), number(length.limit)
        if length.over:
            shown = self.tr("{used} / {limit} · {excess} too many").format(
                used=used, limit=limit, excess=number(length.excess)
            )
            tone = "error"
        else:
            shown = self.tr("{used} / {limit}").format(used=used, limit=limit)
            tone = "warning" if length.near else "muted"
        self.setText(shown)
        self.setProperty("strong", tone != "muted")
        theme.set_state(self, "tone", tone)  # the theme's sheet colours it by its tone
        self.setAccessibleDescription(f"{shown}. {self.toolTip()}")

    def _explanation(self, channel: Channel) -> str:
        rules = rules_for(channel)
        name, limit = channel_label(channel), number(rules.limit)
        if rules.measure == Measure.UTF8_BYTES:
            return self.tr(
                "{channel} accepts up to {limit} bytes in a reply: a letter takes 1, an accented "
                "letter 2, an emoji 4."
            ).format(channel=name, limit=limit)
        return self.tr("{channel} accepts up to {limit} characters in a reply.").format(
            channel=name, limit=limit
        )


class Tone(enum.Enum):
    """A notice's tone, as the theme's sheet selects it (``QLabel[message="true"][tone=…]``)."""

    ERROR = "error"
    INFO = "success"
    WAIT = "muted"


class ReplyNotice(QLabel):
    """One message about the reply, hidden when there is none.

    A message is either fixed, and then dropped at the advisor's next keystroke when
    ``until_edited``, or a function of the reply (``say_while``), evaluated again at every change
    of the reply: it says what is still true, and goes away when it returns None.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyNotice")
        self.setAccessibleName(self.tr("Message about the reply"))
        self.setWordWrap(True)
        self.setProperty("message", True)
        self._render: Callable[[], str | None] | None = None
        self._until_edited = False
        self.hide()

    def say(self, text: str, tone: Tone, until_edited: bool = False) -> None:
        self._render = None
        self._until_edited = until_edited
        self._show(text, tone)

    def say_while(self, render: Callable[[], str | None], tone: Tone) -> None:
        """Shows ``render()``'s text for as long as it returns one."""
        self._render = render
        self._until_edited = False
        text = render()
        if text is None:
            self.clear_notice()
        else:
            self._show(text, tone)

    def clear_notice(self) -> None:
        self._render = None
        self._until_edited = False
        self.clear()
        self.hide()

    def reply_changed(self, edited: bool) -> None:
        """The reply's text changed (``edited``: by the advisor, not by loading or sending)."""
        if self.isHidden():
            return
        if edited and self._until_edited:
            self.clear_notice()
        elif self._render is not None:
            text = self._render()
            if text is None:
                self.clear_notice()
            elif text != self.text():
                self.setText(text)

    def _show(self, text: str, tone: Tone) -> None:
        theme.set_state(self, "tone", tone.value)
        self.setText(text)
        self.show()
