"""The customer's card at the top of the customer pane: name, language, segment and account,
tags as chips (those an advisor must not miss in amber), and the ways to reach them."""

from PySide6.QtCore import (
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QFont,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QVBoxLayout,
    QWidget,
)

from app.dto import CustomerProfile
from ui.common.texts import translate
from ui.desk.customer_link import kind_label

ATTENTION_TAGS = frozenset({"self_excluded", "cooling_off", "deposit_limit", "kyc_pending"})
"""Tags an advisor must not miss (responsible gaming, identity checks): amber chips."""


class FlowLayout(QLayout):
    """Lays small widgets (tag chips) left to right and wraps them when the panel is narrow."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class IdentityCard(QWidget):
    """Name, language, segment, tags, account number, and each way to reach the customer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel(self)
        self.name.setObjectName("customerName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(font)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setObjectName("customerFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._tags_box = QWidget(self)
        self._tags = FlowLayout(self._tags_box)
        self._ids_box = QWidget(self)
        self._ids = QGridLayout(self._ids_box)
        self._ids.setContentsMargins(0, 2, 0, 0)
        self._ids.setHorizontalSpacing(10)
        self._ids.setVerticalSpacing(3)
        self._ids.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.name)
        layout.addWidget(self.facts)
        layout.addWidget(self._tags_box)
        layout.addWidget(self._ids_box)

    def show_loading(self) -> None:
        self.name.setText(self.tr("Loading the customer…"))
        self.facts.clear()
        self._tags_box.hide()
        self._ids_box.hide()

    def show_profile(self, p: CustomerProfile) -> None:
        self.name.setText(p.full_name or self.tr("(no name)"))
        language = self.tr("French") if p.language.startswith("fr") else self.tr("English")
        if p.account_number:
            facts = self.tr("{language} · {segment} · Account {account}").format(
                language=language, segment=segment_label(p.segment), account=p.account_number
            )
        else:
            facts = self.tr("{language} · {segment} · No betting account").format(
                language=language, segment=segment_label(p.segment)
            )
        self.facts.setText(facts)
        self.facts.setAccessibleName(facts)
        _clear_layout(self._tags)
        for tag in p.tags:
            chip = QLabel(tag_label(tag), self._tags_box)
            chip.setProperty("chip", "attention" if tag in ATTENTION_TAGS else "plain")
            chip.setAccessibleName(self.tr("Tag: {tag}").format(tag=tag_label(tag)))
            small = chip.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            chip.setFont(small)
            self._tags.addWidget(chip)
        self._tags_box.setVisible(bool(p.tags))
        _clear_layout(self._ids)
        for row, ident in enumerate(p.identities):
            # Not upper-cased: small capitals lose their accents ("TÉLÉPHONE").
            kind = QLabel(kind_label(ident.kind), self._ids_box)
            kind.setObjectName("identityKind")
            small = kind.font()
            small.setPointSizeF(small.pointSizeF() * 0.8)
            small.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 105)
            kind.setFont(small)
            kind.setProperty("tone", "muted")
            value = QLabel(ident.display or ident.value, self._ids_box)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setAccessibleName(
                self.tr("{kind}: {value}").format(
                    kind=kind_label(ident.kind), value=ident.display or ident.value
                )
            )
            self._ids.addWidget(kind, row, 0, Qt.AlignmentFlag.AlignVCenter)
            self._ids.addWidget(value, row, 1)
        self._ids_box.setVisible(bool(p.identities))
        if p.postal_address:
            row = len(p.identities)
            kind = QLabel(self.tr("Address"), self._ids_box)
            kind.setFont(small if p.identities else kind.font())
            kind.setProperty("tone", "muted")
            value = QLabel(p.postal_address.replace("\n", ", "), self._ids_box)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._ids.addWidget(kind, row, 0, Qt.AlignmentFlag.AlignTop)
            self._ids.addWidget(value, row, 1)
            self._ids_box.setVisible(True)


def segment_label(segment: str) -> str:
    """Known segments in the interface's language; an unknown one as it is stored."""
    known = {
        "standard": translate("Segment", "Standard"),
        "vip": translate("Segment", "VIP"),
        "new": translate("Segment", "New customer"),
        "high_value": translate("Segment", "High value"),
        "at_risk": translate("Segment", "At risk"),
        "responsible_gaming": translate("Segment", "Responsible gaming"),
        "online": translate("Segment", "Online account"),
        "retail": translate("Segment", "Retail"),
    }
    return known.get(segment, segment.replace("_", " ").capitalize())


def tag_label(tag: str) -> str:
    """Known tags in the interface's language; an unknown one readable as stored."""
    known = {
        "kyc_pending": translate("Tag", "Identity check pending"),
        "deposit_limit": translate("Tag", "Deposit limit"),
        "newsletter_opt_out": translate("Tag", "No newsletter"),
        "two_factor": translate("Tag", "Two-factor login"),
        "dormant": translate("Tag", "Dormant account"),
        "welcome_bonus": translate("Tag", "Welcome bonus"),
        "self_excluded": translate("Tag", "Self-excluded"),
        "cooling_off": translate("Tag", "Cooling-off period"),
        "high_roller": translate("Tag", "High roller"),
        "dedicated_manager": translate("Tag", "Dedicated manager"),
    }
    return known.get(tag, tag.replace("_", " ").capitalize())


def _clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
