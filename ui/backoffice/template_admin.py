"""Template governance on the supervisor's desk: the library with each template's state and how
it fares over a period (uses, edit rate, the satisfaction of the contacts it was used on), the
ones to improve first; an editor that writes a draft (a new template, or the next version of
the one chosen); Approve (another supervisor's draft: four eyes) and Retire. Every read and
write goes to the centre off the GUI thread (``Runner.centre``); what is typed stays when the
centre refuses it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import template_admin as admin
from app.backoffice.centre import BackOffice
from app.clock import utcnow
from app.enums import Channel, Role
from app.errors import RelaisError
from app.models.templates import TemplateStatus, VersionStatus
from ui.backoffice.board_models import ListModel
from ui.common import theme
from ui.common.ops import Bug, Runner
from ui.common.texts import (
    channel_label,
    error_text,
    format_datetime,
    format_decimal,
    format_percent,
)

PERIODS = (7, 30, 90)  # days the figures cover, the last ones
LANGUAGES = (("fr", "Français"), ("en", "English"))


@dataclass(frozen=True)
class Entry:
    """One line of the list: the template and its figures over the period (None: a template
    the figures did not cover)."""

    template: admin.TemplateRow
    figures: admin.TemplateFigures | None


def merged(rows: list[admin.TemplateRow], figures: list[admin.TemplateFigures]) -> list[Entry]:
    """The figures' order (to improve first), then the templates they did not cover."""
    by_id = {r.id: r for r in rows}
    entries = [Entry(by_id[f.template_id], f) for f in figures if f.template_id in by_id]
    covered = {e.template.id for e in entries}
    return entries + [Entry(r, None) for r in rows if r.id not in covered]


_share = format_percent


def _mean(value: float | None, n: int) -> str:
    return "—" if value is None else f"{format_decimal(value, 1)} / 4 (n = {n})"


class TemplateModel(ListModel[Entry]):
    def columns(self) -> Sequence[tuple[str, Callable[[Entry], str]]]:
        return (
            (self.tr("Template"), lambda e: e.template.title),
            (self.tr("State"), self.state),
            (self.tr("Uses"), lambda e: str(e.figures.uses) if e.figures else "0"),
            (self.tr("Edited"), lambda e: _share(e.figures.edit_rate) if e.figures else "—"),
            (
                self.tr("Customers (CSAT)"),
                lambda e: _mean(e.figures.mean_csat, e.figures.surveyed) if e.figures else "—",
            ),
            (
                self.tr("Self-assessment"),
                lambda e: _mean(e.figures.mean_self, e.figures.assessed) if e.figures else "—",
            ),
            (
                self.tr("Followed by a low score"),
                lambda e: _share(e.figures.low_share) if e.figures else "—",
            ),
            # Last: the figures that rank a template come before what names it for the code.
            (self.tr("Key"), lambda e: f"{e.template.key} · {e.template.language}"),
        )

    def state(self, entry: Entry) -> str:
        t = entry.template
        text = {
            TemplateStatus.DRAFT: self.tr("Draft"),
            TemplateStatus.APPROVED: self.tr("Approved (v{version})"),
            TemplateStatus.RETIRED: self.tr("Retired"),
        }.get(TemplateStatus(t.status), t.status)
        text = text.format(version=t.current_version)
        pending = t.pending
        if pending is not None:
            text += " · " + self.tr("v{version} awaits approval").format(version=pending.version)
        return text

    def extra(self, row: Entry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.template.status == "retired":
            return QBrush(theme.color(theme.MUTED))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TemplateAdmin(QWidget):
    """Signals: ``message(str)`` for the status bar."""

    message = Signal(str)

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateAdmin")
        self._runner = runner
        self._office = office
        self._chosen: admin.TemplateRow | None = None

        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("<b>Templates</b> — the ones to improve first"), self))
        head.addStretch(1)
        self.period = QComboBox(self)
        self.period.setAccessibleName(self.tr("Period of the figures"))
        for days in PERIODS:
            self.period.addItem(self.tr("Last {days} days").format(days=days), days)
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(self.refresh)
        head.addWidget(self.period)
        self.refresh_button = QPushButton(self.tr("Re&fresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        head.addWidget(self.refresh_button)

        self.model = TemplateModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Templates with their state and figures"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.empty = QLabel(self.tr("No template yet: write the first one on the right."), self)
        self.empty.setObjectName("emptyText")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty, 1)

        right = QWidget(self)
        form = QFormLayout()
        self.heading = QLabel(self.tr("<b>New template</b>"), right)
        self.key = QLineEdit(right)
        self.key.setAccessibleName(self.tr("Key"))
        self.key.setPlaceholderText(self.tr("e.g. withdrawal_delay (the same in each language)"))
        form.addRow(self.tr("&Key"), self.key)
        self.language = QComboBox(right)
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        form.addRow(self.tr("&Language"), self.language)
        boxes = QGridLayout()  # two rows: the editor leaves the list the room for its figures
        self.channels: dict[str, QCheckBox] = {}
        for at, channel in enumerate(Channel):
            box = QCheckBox(channel_label(channel), right)
            box.setAccessibleName(
                self.tr("Made for {channel}").format(channel=channel_label(channel))
            )
            self.channels[channel.value] = box
            boxes.addWidget(box, at // 4, at % 4)
        boxes.setColumnStretch(4, 1)
        form.addRow(self.tr("Channels"), boxes)
        self.category = QLineEdit(right)
        self.category.setAccessibleName(self.tr("Category"))
        form.addRow(self.tr("&Category"), self.category)
        self.title = QLineEdit(right)
        self.title.setAccessibleName(self.tr("Title"))
        form.addRow(self.tr("&Title"), self.title)
        self.body = QPlainTextEdit(right)
        self.body.setAccessibleName(self.tr("Text of the template"))
        self.body.setPlaceholderText(
            self.tr("Bonjour {{customer_first_name}}, … (placeholders between double braces)")
        )
        self.versions = QListWidget(right)
        self.versions.setAccessibleName(self.tr("Versions of the template"))
        self.versions.setMaximumHeight(110)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New template"), right)
        self.new_button.clicked.connect(self.new_template)
        self.save_button = QPushButton(self.tr("&Save as draft"), right)
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save_draft)
        self.approve_button = QPushButton(self.tr("&Approve the draft"), right)
        self.approve_button.clicked.connect(self.approve_draft)
        self.retire_button = QPushButton(self.tr("&Retire"), right)
        self.retire_button.clicked.connect(self.retire_template)
        for button in (self.new_button, self.save_button, self.approve_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.four_eyes = QLabel("", right)
        self.four_eyes.setWordWrap(True)
        editor = QVBoxLayout(right)
        editor.addWidget(self.heading)
        editor.addLayout(form)
        editor.addWidget(self.body, 2)
        editor.addWidget(QLabel(self.tr("Versions"), right))
        editor.addWidget(self.versions)
        editor.addWidget(self.four_eyes)
        editor.addLayout(buttons)

        self.problem = QLabel("", self)
        self.problem.setProperty("message", True)
        self.problem.setProperty("tone", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([3000, 2000])  # in that proportion from the start, not by size hints
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addWidget(split, 1)
        outer.addWidget(self.problem)
        self.new_template()

    # -- reading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        office = self._office
        days = int(self.period.currentData() or PERIODS[1])
        end = utcnow()
        start = end - timedelta(days=days)

        def read() -> list[Entry]:
            return merged(admin.templates(office), admin.figures(office, start, end))

        self._runner.centre(read, self._show, self._failed, owner=self, key="template-admin")

    def _show(self, entries: list[Entry]) -> None:
        self.problem.hide()
        chosen = self._chosen.id if self._chosen is not None else None
        self.model.replace(entries, utcnow())
        self.table.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        for i, entry in enumerate(entries):
            if entry.template.id == chosen:
                self.table.selectRow(i)
                self._fill(entry.template)  # its state may have changed
                break
        else:
            self._update_buttons()

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            self._fill(self.model.rows[rows[0].row()].template)

    def _fill(self, template: admin.TemplateRow) -> None:
        """Shows the template in the editor: its waiting draft if it has one, else its text."""
        self._chosen = template
        pending = template.pending
        self.heading.setText(self.tr("<b>{title}</b> — a new version").format(title=template.title))
        self.key.setText(template.key)
        self.key.setReadOnly(True)
        self.language.setCurrentIndex(max(0, self.language.findData(template.language)))
        self.language.setEnabled(False)
        channels = pending.channels if pending and pending.channels is not None else None
        chosen = set(channels if channels is not None else template.channels)
        for value, box in self.channels.items():
            box.setChecked(value in chosen)
        self.category.setText(
            pending.category if pending and pending.category else template.category
        )
        self.title.setText(pending.title if pending else template.title)
        self.body.setPlainText(pending.body if pending else template.body)
        self.versions.clear()
        for v in template.versions:
            self.versions.addItem(self._version_line(v))
        self._update_buttons()

    def _version_line(self, v: admin.VersionRow) -> str:
        state = {
            VersionStatus.DRAFT: self.tr("draft"),
            VersionStatus.APPROVED: self.tr("approved"),
            VersionStatus.SUPERSEDED: self.tr("superseded"),
        }.get(VersionStatus(v.status), v.status)
        line = self.tr("v{version} · {state} · written by {author} on {when}").format(
            version=v.version,
            state=state,
            author=v.author or self.tr("the default library"),
            when=format_datetime(v.created_at),
        )
        if v.approved_by and v.approved_at is not None:
            line += " · " + self.tr("approved by {who} on {when}").format(
                who=v.approved_by, when=format_datetime(v.approved_at)
            )
        return line

    def _update_buttons(self) -> None:
        template = self._chosen
        pending = template.pending if template is not None else None
        mine = (
            pending is not None
            and pending.author_id == self._office.who.advisor_id
            and self._office.who.role != Role.ADMIN
        )
        self.approve_button.setEnabled(pending is not None and not mine)
        self.retire_button.setEnabled(template is not None and template.status != "retired")
        if mine:
            self.four_eyes.setText(
                self.tr("You wrote this draft: another supervisor approves it (four eyes).")
            )
        elif pending is not None:
            self.four_eyes.setText(
                self.tr("Version {version}, written by {author}, awaits your approval.").format(
                    version=pending.version, author=pending.author
                )
            )
        else:
            self.four_eyes.setText("")

    # -- writing -------------------------------------------------------------------------------

    @Slot()
    def new_template(self) -> None:
        """An empty editor for a template of a new key (or a new language of a key)."""
        self._chosen = None
        self.table.clearSelection()
        self.heading.setText(self.tr("<b>New template</b>"))
        self.key.setReadOnly(False)
        self.language.setEnabled(True)
        for widget in (self.key, self.category, self.title):
            widget.clear()
        self.body.clear()
        for box in self.channels.values():
            box.setChecked(False)
        self.versions.clear()
        self._update_buttons()
        self.key.setFocus()

    def draft(self) -> admin.Draft:
        """What the editor holds, as a draft."""
        return admin.Draft(
            key=self.key.text(),
            language=str(self.language.currentData()),
            channels=tuple(value for value, box in self.channels.items() if box.isChecked()),
            category=self.category.text(),
            title=self.title.text(),
            body=self.body.toPlainText(),
        )

    @Slot()
    def save_draft(self) -> None:
        office, draft = self._office, self.draft()
        self._runner.centre(
            lambda: admin.draft(office, draft), self._drafted, self._failed, owner=self
        )

    def _drafted(self, made: tuple[Any, int]) -> None:
        template_id, version = made
        self.message.emit(
            self.tr("Draft saved as version {version}: another supervisor approves it.").format(
                version=version
            )
        )
        if self._chosen is None or self._chosen.id != template_id:
            self._chosen = _placeholder(template_id)
        self.refresh()

    @Slot()
    def approve_draft(self) -> None:
        template = self._chosen
        pending = template.pending if template is not None else None
        if template is None or pending is None:
            self.message.emit(self.tr("Choose a template with a draft awaiting approval."))
            return
        office = self._office
        self._runner.centre(
            lambda: admin.approve(office, template.id, pending.version),
            lambda _when: self._done(
                self.tr("Version {version} approved: advisors have it at their next sync.").format(
                    version=pending.version
                )
            ),
            self._failed,
            owner=self,
        )

    @Slot()
    def retire_template(self) -> None:
        template = self._chosen
        if template is None:
            self.message.emit(self.tr("Choose a template to retire."))
            return
        office = self._office
        self._runner.centre(
            lambda: admin.retire(office, template.id),
            lambda _done: self._done(
                self.tr("“{title}” retired: advisors no longer see it.").format(
                    title=template.title
                )
            ),
            self._failed,
            owner=self,
        )

    def _done(self, text: str) -> None:
        self.message.emit(text)
        self.refresh()

    def _failed(self, err: RelaisError | Bug) -> None:
        self.problem.setText(error_text(err))
        self.problem.show()


def _placeholder(template_id: Any) -> admin.TemplateRow:
    """Stands for a template just drafted until the list is read again (so it is chosen)."""
    return admin.TemplateRow(template_id, "", "", "", (), "", "", "draft", 0, ())
