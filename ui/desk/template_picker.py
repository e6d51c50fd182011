"""Ctrl+T: find a response template by typing, read it, insert it — without leaving the keyboard.

The search runs in a worker 150 ms after the last keystroke; every request carries the same key,
so an answer to an older query never replaces a newer one. The library is searched in memory by
``TemplateService``: a keystroke costs a filter over a list, not a query.

What is offered is ``TemplateService.suggest``'s, as in the "/" popup: templates made for the
contact's channel. Those made for other channels come only when the advisor ticks "Other
channels too", after the others, each marked with the channels it was made for; a template
holding account data never comes on a channel where replies can be public.
"""

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.dto import TemplateSummary
from app.enums import Channel
from app.errors import RelaisError
from app.services.templates import Suggestions, TemplateService, made_for
from ui.common import theme
from ui.common.ops import Bug, Runner
from ui.common.texts import channel_label, error_text
from ui.desk.template_rows import PlaceholderHighlighter, TemplateRows, category_label

AnyIndex = QModelIndex | QPersistentModelIndex

LANGUAGES = ("fr", "en")


def language_name(code: str) -> str:
    if code == "fr":
        return QCoreApplication.translate("TemplatePicker", "French")
    if code == "en":
        return QCoreApplication.translate("TemplatePicker", "English")
    return code.upper()


OTHER_CHANNEL_INK = theme.WARNING_TEXT
"""Amber: the ink of a template made for another channel than the contact's."""


def channels_text(channels: tuple[str, ...]) -> str:
    """The channels a template was made for, in words ("E-mail, Letter")."""
    labels = []
    for value in channels:
        try:
            labels.append(channel_label(Channel(value)))
        except ValueError:
            labels.append(value)
    return ", ".join(labels)


class TemplateTableModel(TemplateRows, QAbstractTableModel):
    """Search results: one template per row.

    Columns: ``TITLE``, ``CATEGORY``, ``LANGUAGE``, ``CHANNELS``; ``SORT_ROLE`` gives a native,
    comparable value for the column.
    """

    TITLE, CATEGORY, LANGUAGE, CHANNELS = range(4)
    COLUMNS = 4

    def __init__(self, parent: QObject | None = None, channel: str | None = None) -> None:
        super().__init__(parent)
        self._rows = []
        self._channel = channel

    def made_for_channel(self, row: int) -> bool:
        """Whether the template on this row was made for the contact's channel."""
        summary = self.summary(row)
        return summary is not None and made_for(summary, self._channel)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.TITLE: self.tr("Title"),
            self.CATEGORY: self.tr("Category"),
            self.LANGUAGE: self.tr("Language"),
            self.CHANNELS: self.tr("Channels"),
        }.get(section)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t = self._rows[index.row()]
        col = index.column()
        foreign = not made_for(t, self._channel)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.TITLE:
                if foreign and role == Qt.ItemDataRole.AccessibleTextRole:
                    return self.tr("{title}, made for {channels}").format(
                        title=t.title, channels=channels_text(t.channels)
                    )
                return t.title
            if col == self.CATEGORY:
                return category_label(t.category)
            if col == self.LANGUAGE:
                return language_name(t.language)
            if col == self.CHANNELS:
                if foreign:
                    return self.tr("Made for {channels}").format(channels=channels_text(t.channels))
                return self._channels_text(t)
            return None
        if foreign and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(theme.color(OTHER_CHANNEL_INK))
        if foreign and role == Qt.ItemDataRole.FontRole and col == self.CHANNELS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and (foreign or col == self.TITLE):
            if foreign and self._channel:
                return self.tr(
                    "Made for {channels}, not for {channel}: check its length and tone before "
                    "sending."
                ).format(
                    channels=channels_text(t.channels),
                    channel=channels_text((self._channel,)),
                )
            return t.key
        if role == self.ID_ROLE:
            return t.id
        if role == self.SUMMARY_ROLE:
            return t
        if role == self.SORT_ROLE:
            if col == self.TITLE:
                return t.title.casefold()
            if col == self.CATEGORY:
                return t.category.casefold()
            if col == self.LANGUAGE:
                return t.language
            if col == self.CHANNELS:
                return len(t.channels) or 99  # "all channels" after specific ones
        return None

    def _channels_text(self, t: TemplateSummary) -> str:
        if not t.channels:
            return self.tr("All channels")
        return channels_text(t.channels)


class TemplatePicker(QDialog):
    """Search the template library and choose one; Enter inserts, Esc cancels.

    Signals:
        template_chosen(object): the ``TemplateSummary`` chosen (also kept in ``chosen()``).
        results_shown(int): a search answer is on screen, with this many templates.
    """

    template_chosen = Signal(object)
    results_shown = Signal(int)

    DEBOUNCE_MS = 150

    def __init__(
        self,
        runner: Runner,
        templates: TemplateService,
        language: str | None = None,
        channel: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        theme.adopt(self)  # the window's sheet, also when made without a parent
        self.setWindowTitle(self.tr("Insert a template"))
        self.setAccessibleName(self.tr("Insert a template"))
        self.setObjectName("templatePicker")
        self._runner = runner
        self._templates = templates
        self._channel = channel
        self._preferred_language = language
        self._chosen: TemplateSummary | None = None
        self._key = f"template-picker-{id(self)}"

        self.search = QLineEdit(self)
        self.search.setObjectName("templateSearch")
        self.search.setAccessibleName(self.tr("Search templates"))
        self.search.setPlaceholderText(
            self.tr("Search by title, category or words of the text — ↓ to go to the list")
        )
        self.search.setClearButtonEnabled(True)
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Template language"))
        codes: list[str | None] = []
        if language:
            codes.append(language)
        codes += [code for code in LANGUAGES if code != language]
        for code in codes:
            self.language.addItem(language_name(code or ""), code)
        self.language.addItem(self.tr("All languages"), None)
        language_label = QLabel(self.tr("&Language:"), self)
        language_label.setBuddy(self.language)
        self.other_channels = QCheckBox(self.tr("Other &channels too"), self)
        self.other_channels.setObjectName("templateOtherChannels")
        self.other_channels.setAccessibleName(
            self.tr("Also show templates made for other channels")
        )
        self.other_channels.setToolTip(
            self.tr(
                "Templates written for other channels come after the others, marked with the "
                "channels they were made for."
            )
        )
        self.other_channels.setVisible(bool(channel))

        self.model = TemplateTableModel(self, channel)
        self.table = QTableView(self)
        self.table.setObjectName("templateResults")
        self.table.setAccessibleName(self.tr("Matching templates"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        # The title is what the advisor reads: it takes the room; the channels, a long list
        # cut at its end, give theirs first (the preview says which channels a template has).
        header.setSectionResizeMode(TemplateTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (
            TemplateTableModel.CATEGORY,
            TemplateTableModel.LANGUAGE,
            TemplateTableModel.CHANNELS,
        ):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TemplateTableModel.CATEGORY, 115)
        header.resizeSection(TemplateTableModel.LANGUAGE, 70)
        header.resizeSection(TemplateTableModel.CHANNELS, 110)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self.accept())

        self.preview_title = QLabel(self)
        self.preview_title.setObjectName("templatePreviewTitle")
        self.preview_title.setWordWrap(True)
        self.preview_channel = QLabel(self)
        self.preview_channel.setObjectName("templatePreviewChannel")
        self.preview_channel.setWordWrap(True)
        self.preview_channel.setProperty("tone", "warning")
        self.preview_channel.setProperty("strong", True)
        self.preview_channel.hide()
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("templatePreview")
        self.preview.setAccessibleName(self.tr("Template text"))
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        self.preview_highlighter = PlaceholderHighlighter(self.preview.document())
        preview_box = QWidget(self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.setSpacing(4)
        preview_layout.addWidget(self.preview_title)
        preview_layout.addWidget(self.preview_channel)
        preview_layout.addWidget(self.preview, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([620, 400])

        self.count = QLabel(self)
        self.count.setObjectName("templateCount")
        self.count.setProperty("tone", "muted")
        buttons = QDialogButtonBox(self)
        self.insert_button = buttons.addButton(
            self.tr("Insert"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.insert_button.setAccessibleName(self.tr("Insert the selected template"))
        self.insert_button.setDefault(True)
        self.insert_button.setEnabled(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel without inserting"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addSpacing(8)
        top.addWidget(language_label)
        top.addWidget(self.language)
        top.addSpacing(8)
        top.addWidget(self.other_channels)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.search, self.language)
        self.setTabOrder(self.language, self.other_channels)
        self.setTabOrder(self.other_channels, self.table)
        self.setTabOrder(self.table, self.preview)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.language.currentIndexChanged.connect(lambda _i: self.search_now())
        self.other_channels.toggled.connect(lambda _on: self.search_now())
        self.search.installEventFilter(self)

        self.shown_query: str | None = None
        """The search text the list answers (the debounce may still be waiting on newer)."""
        self.resize(1040, 580)  # fits a 1366 × 768 screen
        self.search.setFocus()
        self.search_now()

    # -- searching ---------------------------------------------------------------------------

    def search_now(self) -> None:
        """Runs the search for what is typed now (the debounce timer calls it)."""
        self._debounce.stop()
        text = self.search.text()
        language = self.language.currentData()
        templates, channel = self._templates, self._channel
        preferred, others = self._preferred_language, self.other_channels.isChecked()
        self._runner.read(
            lambda: templates.suggest(
                text,
                channel,
                language=language,
                preferred_language=preferred,
                other_channels=others,
            ),
            lambda offer: self._results(text, offer),
            self._failed,
            owner=self,
            key=self._key,
        )

    def _results(self, text: str, offer: Suggestions) -> None:
        self.shown_query = text
        rows = list(offer.templates)
        self.model.set_templates(rows)
        if rows:
            # The best match is selected: Enter in the search field inserts the top hit.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            found = self.tr("%n template(s)", "", len(rows))
        else:
            self._show_preview(None)
            if text.strip():
                found = self.tr(
                    "No template matches “{text}”. Try fewer words or “All languages”."
                ).format(text=text.strip())
            else:
                found = self.tr("No template in this language.")
        self.count.setText(" · ".join([found, *self._left_out(offer)]))
        self.insert_button.setEnabled(bool(rows))
        self.results_shown.emit(len(rows))

    def _left_out(self, offer: Suggestions) -> list[str]:
        """What the list does not show, and why, so the advisor knows to ask for it."""
        channel = channels_text((self._channel,)) if self._channel else ""
        said = []
        if offer.other_channels:
            said.append(
                self.tr(
                    "%n more made for other channels (Alt+C shows them)", "", offer.other_channels
                )
            )
        if offer.withheld:
            said.append(
                self.tr(
                    "%n holding account data, never offered on {channel}", "", offer.withheld
                ).format(channel=channel)
            )
        return said

    def _failed(self, err: RelaisError | Bug) -> None:
        self.model.set_templates([])
        self._show_preview(None)
        self.insert_button.setEnabled(False)
        self.count.setText(error_text(err))
        self.results_shown.emit(0)

    # -- preview and choice ------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_preview(self.model.summary(current.row()) if current.isValid() else None)

    def _show_preview(self, summary: TemplateSummary | None) -> None:
        if summary is None:
            self.preview_title.clear()
            self.preview_channel.hide()
            self.preview.clear()
            return
        self.preview_title.setText(summary.title)
        if made_for(summary, self._channel):
            self.preview_channel.hide()
        else:
            self.preview_channel.setText(
                self.tr(
                    "Made for {channels}, not for {channel}: check its length and tone before "
                    "sending."
                ).format(
                    channels=channels_text(summary.channels),
                    channel=channels_text((self._channel or "",)),
                )
            )
            self.preview_channel.show()
        self.preview.setPlainText(summary.body)

    def chosen_or_current(self) -> TemplateSummary | None:
        index = self.table.currentIndex()
        return self.model.summary(index.row()) if index.isValid() else None

    def chosen(self) -> TemplateSummary | None:
        """The template the advisor inserted (None until accepted, or after Esc)."""
        return self._chosen

    def template_id(self) -> uuid.UUID | None:
        return self._chosen.id if self._chosen else None

    def accept(self) -> None:  # Qt override
        summary = self.chosen_or_current()
        if summary is None:
            return  # nothing to insert: stay open
        self._chosen = summary
        super().accept()
        self.template_chosen.emit(summary)

    # -- keyboard ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.model.index(0, 0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    # Enter typed faster than the debounce: search first, insert on the answer.
                    self._debounce.stop()
                    self.results_shown.connect(self._accept_once)
                    self.search_now()
                else:
                    self.accept()
                return True
        return super().eventFilter(watched, event)

    def _accept_once(self, _count: int) -> None:
        self.results_shown.disconnect(self._accept_once)
        self.accept()
