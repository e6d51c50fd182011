"""The supervisor's verbatim board: the customers' own words of the last weeks (unhappiest
first) on the left, to pin with tags; the board on the right, filtered by tag, exported as one
page of PDF for the management committee. Every read and write goes to the centre off the GUI
thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import verbatims
from app.backoffice.centre import BackOffice
from app.clock import utcnow
from app.errors import RelaisError
from ui.backoffice.verbatim_pdf import write_pdf
from ui.common.ops import Bug, Runner
from ui.common.texts import error_text, format_date

QUOTES_OVER = timedelta(days=30)
ROLE = Qt.ItemDataRole.UserRole


class VerbatimBoard(QWidget):
    """Signals: ``message(str)`` for the status bar."""

    message = Signal(str)

    def __init__(
        self,
        runner: Runner,
        office: BackOffice,
        focus_line: Callable[[], str] = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._office = office
        self._focus_line = focus_line
        self._pinned: list[verbatims.Pinned] = []

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.addWidget(
            QLabel(self.tr("<b>Customers' words</b> — the last 30 days, unhappiest first"), left)
        )
        self.quotes = QListWidget(left)
        self.quotes.setWordWrap(True)
        self.quotes.setAlternatingRowColors(True)  # one quote from the next, at a glance
        self.quotes.setSpacing(2)
        self.quotes.setAccessibleName(self.tr("Customers' words to pin"))
        column.addWidget(self.quotes, 1)
        row = QHBoxLayout()
        self.tags = QLineEdit(left)
        self.tags.setPlaceholderText(self.tr("Tags, separated by commas (e.g. delays, refund)"))
        self.tags.setAccessibleName(self.tr("Tags of the quote to pin"))
        row.addWidget(self.tags, 1)
        self.pin_button = QPushButton(self.tr("&Pin to the board"), left)
        self.pin_button.clicked.connect(self.pin_current)
        row.addWidget(self.pin_button)
        column.addLayout(row)

        right = QWidget(self)
        column = QVBoxLayout(right)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("<b>The board</b>"), right))
        head.addStretch(1)
        self.tag_filter = QComboBox(right)
        self.tag_filter.setAccessibleName(self.tr("Show the quotes tagged"))
        self.tag_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tag_filter.currentIndexChanged.connect(self._show_board)
        head.addWidget(self.tag_filter)
        column.addLayout(head)
        self.board = QListWidget(right)
        self.board.setWordWrap(True)
        self.board.setAlternatingRowColors(True)
        self.board.setSpacing(2)
        self.board.setAccessibleName(self.tr("Pinned quotes"))
        column.addWidget(self.board, 1)
        buttons = QHBoxLayout()
        self.unpin_button = QPushButton(self.tr("&Unpin"), right)
        self.unpin_button.clicked.connect(self.unpin_current)
        buttons.addWidget(self.unpin_button)
        buttons.addStretch(1)
        self.export_button = QPushButton(self.tr("&Export one page (PDF)…"), right)
        self.export_button.clicked.connect(self.ask_export)
        buttons.addWidget(self.export_button)
        column.addLayout(buttons)

        self.problem = QLabel("", self)
        self.problem.setProperty("message", True)
        self.problem.setProperty("tone", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        outer = QVBoxLayout(self)
        outer.addWidget(split, 1)
        outer.addWidget(self.problem)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        office = self._office
        now = utcnow()

        def read() -> tuple[list[verbatims.Quote], list[verbatims.Pinned]]:
            return verbatims.quotes(office, now - QUOTES_OVER, now), verbatims.board(office)

        self._runner.centre(read, self._show, self._failed, owner=self, key="verbatims")

    def _show(self, read: tuple[list[verbatims.Quote], list[verbatims.Pinned]]) -> None:
        found, pinned = read
        self.problem.hide()
        self.quotes.clear()
        for quote in found:
            item = QListWidgetItem(
                f"{quote.csat}/5 · {format_date(quote.answered_at)} · {quote.reference}"
                + (" · " + self.tr("pinned") if quote.pinned else "")
                + f"\n« {quote.words} »"
            )
            item.setData(ROLE, quote)
            self.quotes.addItem(item)
        if not found:
            self.quotes.addItem(self.tr("No customer left a comment in the last 30 days."))
        self._pinned = pinned
        tags = sorted({t for p in pinned for t in p.tags}, key=str.casefold)
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("Every tag"), None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(chosen)))
        self.tag_filter.blockSignals(False)
        self._show_board()

    def _shown_pins(self) -> list[verbatims.Pinned]:
        tag = self.tag_filter.currentData()
        if not tag:
            return self._pinned
        return [p for p in self._pinned if tag.casefold() in (t.casefold() for t in p.tags)]

    def _show_board(self) -> None:
        self.board.clear()
        for pinned in self._shown_pins():
            tags = ", ".join(pinned.tags) or self.tr("untagged")
            item = QListWidgetItem(
                f"« {pinned.quote} »\n{pinned.reference} · {tags} · {pinned.pinned_by}"
            )
            item.setData(ROLE, pinned)
            self.board.addItem(item)
        if not self._pinned:  # not an empty white pane: what goes here, and how
            hint = QListWidgetItem(
                self.tr(
                    "No quote pinned yet. Choose a customer's words on the left, tag them, and "
                    "pin them: the board is what the one-page PDF carries to management."
                )
            )
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.board.addItem(hint)
        self.unpin_button.setEnabled(bool(self._pinned))
        self.export_button.setEnabled(bool(self._pinned))

    @Slot()
    def pin_current(self) -> None:
        item = self.quotes.currentItem()
        quote = item.data(ROLE) if item is not None else None
        if not isinstance(quote, verbatims.Quote):
            self.message.emit(self.tr("Choose a customer's words to pin first."))
            return
        tags = self.tags.text().split(",")
        office = self._office
        self._runner.centre(
            lambda: verbatims.pin(office, quote.contact_id, quote.words, tags),
            self._pinned_one,
            self._failed,
            owner=self,
        )

    def _pinned_one(self, _verbatim_id: object) -> None:
        self.tags.clear()
        self.refresh()

    @Slot()
    def unpin_current(self) -> None:
        item = self.board.currentItem()
        pinned = item.data(ROLE) if item is not None else None
        if not isinstance(pinned, verbatims.Pinned):
            self.message.emit(self.tr("Choose a pinned quote first."))
            return
        office = self._office
        self._runner.centre(
            lambda: verbatims.unpin(office, pinned.id),
            lambda _done: self.refresh(),
            self._failed,
            owner=self,
        )

    @Slot()
    def ask_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the board"), "verbatims.pdf", self.tr("PDF (*.pdf)")
        )
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> int:
        """Writes the page (a small local file: the GUI thread may)."""
        who = self._office.who
        title = self.tr("The customer's voice — {team}").format(
            team=who.team_name or self.tr("the centre")
        )
        subtitle = self.tr("Pinned by the supervisors, as of {date}").format(
            date=format_date(utcnow())
        )
        kept = write_pdf(path, title, subtitle, self._focus_line(), self._shown_pins())
        self.message.emit(
            self.tr("Exported {count} quotes to {path}.").format(count=kept, path=path)
        )
        return kept

    def _failed(self, err: RelaisError | Bug) -> None:
        self.problem.setText(error_text(err))
        self.problem.show()
