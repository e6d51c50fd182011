"""The reason-code chooser of the closing dialog: an editable combo box that finds a reason
by any word of its label in French or in English, or of its code, accents and case ignored,
grouped by category. What matches is the reference service's rule
(``app.services.reference.reason_search_key``)."""

import uuid

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.dto import ReasonCodeView
from app.services.reference import reason_matches, reason_search_key
from app.text import fold, words_key
from ui.common import theme
from ui.common.texts import translate

AnyIndex = QModelIndex | QPersistentModelIndex

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The ``ReasonCodeView`` of a reason row (None on a category heading)."""
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 2
"""The category label of a reason row, shown grey beside it in the completion list."""
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 3
"""Both labels, the code and the category as words without accents or case, for matching what
the advisor types."""


def category_label(category: str) -> str:
    """Known reason categories in the interface's language; an unknown one as stored."""
    known = {
        "payments": translate("ReasonCategory", "Payments"),
        "account": translate("ReasonCategory", "Account"),
        "security": translate("ReasonCategory", "Security"),
        "betting": translate("ReasonCategory", "Betting"),
        "promotions": translate("ReasonCategory", "Promotions"),
        "responsible_gaming": translate("ReasonCategory", "Responsible gaming"),
        "technical": translate("ReasonCategory", "Technical"),
        "complaints": translate("ReasonCategory", "Complaints"),
        "general": translate("ReasonCategory", "General"),
    }
    return known.get(category, category.replace("_", " ").capitalize() or "—")


class _ReasonFilter(QSortFilterProxyModel):
    """Reason rows (never category headings) whose labels, code or category contain every word
    typed, accents and case aside."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._typed = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._typed = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if index.data(CODE_ROLE) is None:
            return False
        return reason_matches(index.data(FOLDED_ROLE) or "", self._typed)


class _CompletionDelegate(QStyledItemDelegate):
    """The reason, and its category in grey on the right."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        category = index.data(CATEGORY_ROLE) or ""
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(8, 0, -8, 0)
        fm = opt.fontMetrics
        cat_width = min(fm.horizontalAdvance(category), rect.width() // 3)
        painter.save()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(role))
        label = index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width() - cat_width - 12, rect.height()),
            Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(label, Qt.TextElideMode.ElideRight, rect.width() - cat_width - 12),
        )
        if not selected:
            painter.setPen(theme.color(theme.MUTED))
        painter.drawText(
            QRect(rect.right() - cat_width, rect.top(), cat_width, rect.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            fm.elidedText(category, Qt.TextElideMode.ElideRight, cat_width),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() + 8))


class ReasonBox(QComboBox):
    """An editable combo of reason codes grouped under category headings.

    Typing filters the completion list on any part of either label, the code or the category,
    without regard to accents; leaving the field with a single candidate picks it.
    ``reason()`` is the chosen code, or None while the text names none.

    Signals:
        reason_changed(object): the chosen ``ReasonCodeView`` or None.
    """

    reason_changed = Signal(object)

    def __init__(
        self, codes: list[ReasonCodeView], language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # The field and the pop-up are made here and kept: Qt's accessors may answer None.
        self.edit = QLineEdit(self)
        self.setEditable(True)
        self.setLineEdit(self.edit)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self._by_folded: dict[str, ReasonCodeView] = {}
        self._current: ReasonCodeView | None = None
        model = QStandardItemModel(self)
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        by_category: dict[str, list[ReasonCodeView]] = {}
        for code in codes:
            by_category.setdefault(code.category, []).append(code)
        categories = sorted(by_category, key=lambda c: fold(category_label(c)))
        for category in categories:
            cat_text = category_label(category)
            heading = QStandardItem(cat_text.upper())
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            heading.setFont(heading_font)
            heading.setData(None, CODE_ROLE)
            model.appendRow(heading)
            for code in sorted(by_category[category], key=lambda c: fold(c.label(language))):
                label = code.label(language)
                item = QStandardItem(label)
                item.setData(code, CODE_ROLE)
                item.setData(cat_text, CATEGORY_ROLE)
                item.setData(f"{reason_search_key(code)} {words_key(cat_text)}", FOLDED_ROLE)
                item.setData(
                    translate("CloseDialog", "{reason}, in {category}").format(
                        reason=label, category=cat_text
                    ),
                    Qt.ItemDataRole.AccessibleTextRole,
                )
                model.appendRow(item)
                self._by_folded.setdefault(fold(label), code)
        self.setModel(model)
        self.setCurrentIndex(-1)
        self.edit.clear()

        self._filter = _ReasonFilter(self)
        self._filter.setSourceModel(model)
        completer = QCompleter(self._filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.suggestions = QListView(self)
        completer.setPopup(self.suggestions)
        self.suggestions.setItemDelegate(_CompletionDelegate(self.suggestions))
        self._completer = completer
        self.setCompleter(completer)
        self.edit.textEdited.connect(self._typed)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.editingFinished.connect(self._settle)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The arrows never change the reason behind the advisor's back (a combo box's default):
        they open the list of reasons matching what is typed, where Up and Down then move."""
        arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down)
        if event.key() in arrows and not self.suggestions.isVisible():
            if self.candidates():
                self._completer.complete()
            event.accept()
            return
        super().keyPressEvent(event)

    def reason(self) -> ReasonCodeView | None:
        return self._current

    def set_reason(self, reason_id: uuid.UUID | None) -> None:
        model = self.model()
        for row in range(model.rowCount()):
            code = model.index(row, 0).data(CODE_ROLE)
            if code is not None and code.id == reason_id:
                self.setCurrentIndex(row)
                self.edit.setText(model.index(row, 0).data())
                return

    def candidates(self) -> int:
        return self._filter.rowCount()

    def _typed(self, text: str) -> None:
        self._filter.set_text(text)
        if text.strip():
            self._completer.complete()
        else:
            self.suggestions.hide()

    def _text_changed(self, text: str) -> None:
        code = self._by_folded.get(fold(text.strip()))
        if code is not self._current:
            self._current = code
            self.reason_changed.emit(code)

    def _settle(self) -> None:
        """Leaving the field with a partial text that fits a single reason picks that one."""
        if self._current is not None or not self.edit.text().strip():
            return
        self._filter.set_text(self.edit.text())
        if self._filter.rowCount() == 1:
            source = self._filter.mapToSource(self._filter.index(0, 0))
            self.setCurrentIndex(source.row())
            self.edit.setText(source.data())
