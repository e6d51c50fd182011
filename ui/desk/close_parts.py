"""The close dialog's keys and its 1–4 score buttons: what the ten-key close is made of, kept
apart from the dialog's layout and flow (``ui.desk.close_dialog``)."""

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.i18n import QT_TRANSLATE_NOOP
from ui.common import texts, theme

CLOSE_AND_NEXT_KEYS = ("Ctrl+Return", "Ctrl+Enter")
"""Close and take the next contact: the ten-key close ends here, as in the window."""
CLOSE_ONLY_KEYS = ("Alt+Return", "Alt+Enter")
"""Close and stay: no key the window uses (Ctrl+Shift+Return sends a reply there)."""
WINDOW_SEND_KEYS = ("Ctrl+Shift+Return", "Ctrl+Shift+Enter")
"""The window's "send": here it closes nothing, it says which keys close."""
HELP_KEYS = "F1"

_SHORTCUT_SOURCES: tuple[tuple[str, str], ...] = (
    ("", QT_TRANSLATE_NOOP("CloseDialog", "Find the reason: a few letters, in French or English")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("CloseDialog", "Next or previous group of choices")),
    (
        "Left / Right / Up / Down",
        QT_TRANSLATE_NOOP("CloseDialog", "Choose within a group: outcome, follow-up kind"),
    ),
    ("1 2 3 4", QT_TRANSLATE_NOOP("CloseDialog", "Your assessment of the customer's satisfaction")),
    (CLOSE_AND_NEXT_KEYS[0], QT_TRANSLATE_NOOP("CloseDialog", "Close and take the next contact")),
    (CLOSE_ONLY_KEYS[0], QT_TRANSLATE_NOOP("CloseDialog", "Close without taking the next contact")),
    ("Esc", QT_TRANSLATE_NOOP("CloseDialog", "Cancel: the contact stays open, your choices kept")),
    ("Alt", QT_TRANSLATE_NOOP("CloseDialog", "With an underlined letter: go to that field")),
    (HELP_KEYS, QT_TRANSLATE_NOOP("CloseDialog", "These keys")),
)


def shortcuts() -> list[tuple[str, str]]:
    """The dialog's keys for the help dialog: (keys, what they do), translated when asked, so
    the list follows the language installed at that moment. The reason's row has no key: it
    says "letters" in the interface's language."""
    letters = QCoreApplication.translate("CloseDialog", "Letters")
    return [
        (keys or letters, QCoreApplication.translate("CloseDialog", text))
        for keys, text in _SHORTCUT_SOURCES
    ]


# Keys 1–4 without Shift on a French AZERTY keyboard give & é " ' : accept them too.
SCORE_KEYS: dict[int, int] = {
    Qt.Key.Key_1: 1,
    Qt.Key.Key_2: 2,
    Qt.Key.Key_3: 3,
    Qt.Key.Key_4: 4,
    Qt.Key.Key_Ampersand: 1,
    Qt.Key.Key_Eacute: 2,
    Qt.Key.Key_QuoteDbl: 3,
    Qt.Key.Key_Apostrophe: 4,
}


class ScoreButton(QPushButton):
    """One of the four self-assessment choices: a large digit over its label, in the score's
    colour once chosen."""

    def __init__(self, score: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = score
        self.label = texts.assessment_label(score)
        self.setCheckable(True)
        self.setAutoDefault(False)
        self.setText(f"{score} {self.label}")
        self.setAccessibleName(self.tr("{score} {label}").format(score=score, label=self.label))
        self.setToolTip(self.tr("Press {score}").format(score=score))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(max(120, fm.horizontalAdvance(self.label) + 24), fm.height() * 2 + 34)

    def minimumSizeHint(self) -> QSize:
        return QSize(90, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = theme.color(theme.SCORE[self.score])
        rect = self.rect().adjusted(1, 1, -1, -1)
        if self.isChecked():
            p.setBrush(colour)
            p.setPen(QPen(colour.darker(115), 1))
        else:
            p.setBrush(theme.color(theme.SURFACE))
            border = colour if self.underMouse() else theme.color(theme.BORDER_STRONG)
            p.setPen(QPen(border, 1))
        p.drawRoundedRect(rect, 7, 7)
        if not self.isChecked():
            # A strip of the score's colour, so the scale reads at a glance.
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRoundedRect(QRect(rect.left() + 10, rect.top() + 5, rect.width() - 20, 4), 2, 2)
        if self.hasFocus():
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(theme.color(theme.ACCENT), 2))
            p.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 6, 6)
        text_colour = theme.color(theme.SCORE_TEXT if self.isChecked() else theme.TEXT)
        p.setPen(text_colour)
        digit_font = QFont(self.font())
        digit_font.setPointSizeF(digit_font.pointSizeF() * 1.6)
        digit_font.setBold(True)
        fm = self.fontMetrics()
        top = QRect(rect.left(), rect.top() + 8, rect.width(), rect.height() // 2 - 2)
        p.setFont(digit_font)
        if not self.isChecked():
            p.setPen(colour)
        p.drawText(
            top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(self.score)
        )
        p.setPen(text_colour)
        p.setFont(self.font())
        bottom = QRect(rect.left() + 4, top.bottom() + 2, rect.width() - 8, fm.height() + 4)
        p.drawText(
            bottom,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            fm.elidedText(self.label, Qt.TextElideMode.ElideRight, bottom.width()),
        )
        p.end()


class ChoiceKeys(QObject):
    """Makes a row of exclusive buttons one Tab stop, walked with the arrow keys.

    The checked button (or the first, while none is) is the one Tab reaches; Left/Up and
    Right/Down move to the neighbour and choose it, as a radio group does.
    """

    def __init__(self, buttons: list[QAbstractButton], parent: QObject) -> None:
        super().__init__(parent)
        self._buttons = buttons
        for b in buttons:
            b.installEventFilter(self)
            b.toggled.connect(self._refresh)
        self._refresh()

    def _refresh(self, *_args: object) -> None:
        stop = next((b for b in self._buttons if b.isChecked()), self._buttons[0])
        for b in self._buttons:
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus if b is stop else Qt.FocusPolicy.ClickFocus)

    def tab_stop(self) -> QAbstractButton:
        return next((b for b in self._buttons if b.isChecked()), self._buttons[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self._buttons:
            assert isinstance(event, QKeyEvent)
            step = {
                Qt.Key.Key_Left: -1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_Right: 1,
                Qt.Key.Key_Down: 1,
            }.get(Qt.Key(event.key()))
            if step is not None and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                visible = [b for b in self._buttons if b.isVisibleTo(b.window()) and b.isEnabled()]
                assert isinstance(watched, QAbstractButton)
                here = visible.index(watched) if watched in visible else 0
                target = visible[(here + step) % len(visible)]
                target.setChecked(True)
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)
