"""Widgets whose text gives way with an ellipsis instead of being cut, in a narrow pane.

A queue pane at 1366 px is about 520 px wide, and French texts run a third longer than English:
a label or a combo box that cannot show its whole text shows "Waiting and in p…" — with the
ellipsis, so the advisor knows there is more — and the whole text in its tooltip and for screen
readers. Each asks for its whole text's width when there is room, and gives it up when not.
"""

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)


class ElidedLabel(QLabel):
    """A one-line label that elides its text to its width, the whole text in the tooltip (and
    in the accessible name, which a plain label would take from the shortened text)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._tip = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(text)
        self.updateGeometry()
        self._elide()

    def text(self) -> str:
        """The whole text, however much of it is shown."""
        return self._full

    def shown_text(self) -> str:
        """What the label shows now: the text, or its start and an ellipsis."""
        return super().text()

    def is_elided(self) -> bool:
        return self.shown_text() != self._full

    def set_tip(self, tip: str) -> None:
        """A tooltip of its own, shown whether the text fits or not (the whole text is
        added to it when it does not)."""
        self._tip = tip
        self._elide()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(width + 2, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("M…") + 4, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != super().text():
            QLabel.setText(self, shown)
        tips = [self._full] if shown != self._full else []
        if self._tip and self._tip != self._full:
            tips.append(self._tip)
        self.setToolTip("\n".join(tips))


class ElidingComboBox(QComboBox):
    """A combo box as wide as its longest choice when there is room, narrower when not, its
    current choice then elided (Qt's own would cut it mid-letter), whole in the tooltip."""

    MIN_CHARACTERS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tip = ""
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.currentIndexChanged.connect(lambda _i: self._update_tip())

    def set_tip(self, tip: str) -> None:
        self._tip = tip
        self._update_tip()

    def minimumSizeHint(self) -> QSize:
        full = self.sizeHint()
        text = self.fontMetrics().horizontalAdvance("M" * self.MIN_CHARACTERS)
        widest = max(
            (self.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count())),
            default=0,
        )
        return QSize(max(full.width() - widest + text, 0), full.height())

    def shown_text(self) -> str:
        """The current choice as painted: whole, or elided to the room it has."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return self.fontMetrics().elidedText(
            self.currentText(), Qt.TextElideMode.ElideRight, field.width()
        )

    def is_elided(self) -> bool:
        return self.shown_text() != self.currentText()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tip()

    def _update_tip(self) -> None:
        tips = [self._tip] if self._tip else []
        if self.is_elided():
            tips.insert(0, self.currentText())
        self.setToolTip("\n".join(tips))
