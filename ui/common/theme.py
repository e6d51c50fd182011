"""Relais's one theme: the palette as named tokens and the application's style sheet built from
them.

Every colour the interface shows is named here once, by what it means (muted text, an error's
background, the accent), never by where it is used; widgets choose a look by their objectName or
by a dynamic property the sheet selects (``[tone="error"]``, ``[notice="true"]``,
``[pane="true"][active="true"]``) and never carry a style sheet of their own. The sheet is set
once, on the main window (``MainWindow.__init__``): everything inside it and every dialog
parented to it inherits it; a dialog made without a parent calls :func:`adopt`.

Delegates and rich text that paint themselves take their colours from this module too
(:func:`color`, :data:`SCORE`, :data:`PRIORITY`). Text/background pairs are listed in
:data:`TEXT_PAIRS`, and ``tests/ui/test_theme.py`` checks that each meets WCAG AA (4.5:1).

It imports nothing but Qt: the main window reads it before its first paint.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

# -- text ------------------------------------------------------------------------------------
TEXT = "#1f2933"
"""Body text on any surface of the palette."""
MUTED = "#5f6b7a"
"""Secondary text (captions, the second line of a row, hints): readable, yet clearly second."""

# -- accent ----------------------------------------------------------------------------------
ACCENT = "#1f6fa8"
"""The program's one accent: selection, the main action, keyboard focus, the advisor's side."""
ACCENT_HOVER = "#185a8a"
"""The accent under the mouse or pressed (darker, so white text keeps its contrast)."""
ON_STRONG = "#ffffff"
"""Text and marks on a strong colour: the accent, a score badge, the overdue disc."""
ACCENT_TEXT = ON_STRONG
"""Text on the accent."""
ACCENT_SOFT = "#e3eef7"
"""A pale accent: the advisor's messages, a hovered button, the contacts with you."""

# -- surfaces and borders --------------------------------------------------------------------
WINDOW = "#efefef"
"""The window's own background (Qt's Fusion window colour, kept)."""
SURFACE = "#ffffff"
"""Fields, lists, buttons, the thread."""
SURFACE_ALT = "#f4f6f8"
"""A neutral card on a surface (the customer's messages, alternate rows)."""
SURFACE_SUNKEN = "#eaeef2"
"""A neutral bar that is not a warning (read-only contact, the call bar, a pressed button)."""
BORDER = "#c4cdd5"
"""Frames of panes, fields and lists."""
BORDER_STRONG = "#8c97a3"
"""Buttons' outlines and the customer's message bar: seen at a glance."""
DISABLED_TEXT = "#8c97a3"
"""Text of a control that cannot be used (WCAG exempts it from the contrast rule)."""

# -- states ----------------------------------------------------------------------------------
ERROR_BG = "#fdecea"
ERROR_TEXT = "#8a1c12"
ERROR_BORDER = "#f0b8b0"
ERROR_STRONG = "#b42318"
"""A field in error, an overdue time, a very dissatisfied customer: red text on white."""
WARNING_BG = "#fff4d6"
WARNING_TEXT = "#7a4d00"
WARNING_BORDER = "#e3c77e"
WARNING_STRONG = "#c98a00"
"""Amber bars (internal notes, the notices' edge): never text."""
ATTENTION_BG = "#fcebc8"
"""What an advisor must not miss: attention tags, a feeling the survey contradicts."""
INFO_BG = "#eaf2f8"
INFO_TEXT = "#1b4f72"
SUCCESS_BG = "#e6f4ea"
SUCCESS_TEXT = "#1d6b3a"
RISK_BG = ERROR_BG
RISK_TEXT = ERROR_TEXT
"""A contact flagged for strong dissatisfaction or legal risk reads as an error."""
PLACEHOLDER_BG = "#ffe58a"
PLACEHOLDER_TEXT = "#5c4400"
"""A ``{{placeholder}}`` still to fill in a reply: bright yellow, dark ink."""
CHIP_BG = "#e6eef3"
CHIP_TEXT = "#23465a"
"""A customer's ordinary tag."""

# -- scales ----------------------------------------------------------------------------------
SCORE: dict[int, str] = {1: "#b42318", 2: "#b85300", 3: "#3d7f55", 4: "#1f6540"}
"""Badges of the 1–4 satisfaction scale: dark enough for white digits, and readable as digits on
white; the digit always shows too, so colour is never the only signal."""
SCORE_TEXT = ON_STRONG
SCORE_UNKNOWN = "#5f6b7a"
PRIORITY: dict[int, str] = {3: "#d92d20", 2: "#f08c00", 1: "#7a8fa6", 0: "#c4cdd5"}
"""Priority dots (urgent, high, normal, low): a cue beside the words, never text."""

# -- on a dark system palette ------------------------------------------------------------------
MUTED_ON_DARK = "#9aa5b1"
ERROR_ON_DARK = "#ff8a80"
"""The queue's painted cues (muted rows, overdue times, a colleague's figure) when the desktop's
palette is dark (``ui.desk.queue_icons.dark_theme``): the light tokens would not read there."""

TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("text on window", TEXT, WINDOW),
    ("text on surface", TEXT, SURFACE),
    ("text on card", TEXT, SURFACE_ALT),
    ("text on sunken bar", TEXT, SURFACE_SUNKEN),
    ("text on advisor card", TEXT, ACCENT_SOFT),
    ("text on warning", TEXT, WARNING_BG),
    ("text on attention", TEXT, ATTENTION_BG),
    ("text on info", TEXT, INFO_BG),
    ("text on error", TEXT, ERROR_BG),
    ("muted on window", MUTED, WINDOW),
    ("muted on surface", MUTED, SURFACE),
    ("muted on card", MUTED, SURFACE_ALT),
    ("muted on sunken bar", MUTED, SURFACE_SUNKEN),
    ("muted on advisor card", MUTED, ACCENT_SOFT),
    ("muted on note", MUTED, WARNING_BG),
    ("muted on attention", MUTED, ATTENTION_BG),
    ("accent text on accent", ACCENT_TEXT, ACCENT),
    ("accent text on hovered accent", ACCENT_TEXT, ACCENT_HOVER),
    ("accent on surface", ACCENT, SURFACE),
    ("accent on window", ACCENT, WINDOW),
    ("accent on advisor card", ACCENT, ACCENT_SOFT),
    ("accent on sunken bar", ACCENT, SURFACE_SUNKEN),
    ("error on error", ERROR_TEXT, ERROR_BG),
    ("error on window", ERROR_TEXT, WINDOW),
    ("error on surface", ERROR_TEXT, SURFACE),
    ("strong error on surface", ERROR_STRONG, SURFACE),
    ("strong error on card", ERROR_STRONG, SURFACE_ALT),
    ("strong error on advisor card", ERROR_STRONG, ACCENT_SOFT),
    ("warning on warning", WARNING_TEXT, WARNING_BG),
    ("warning on attention", WARNING_TEXT, ATTENTION_BG),
    ("warning on window", WARNING_TEXT, WINDOW),
    ("warning on surface", WARNING_TEXT, SURFACE),
    ("warning on card", WARNING_TEXT, SURFACE_ALT),
    ("info on info", INFO_TEXT, INFO_BG),
    ("mark on strong error", ON_STRONG, ERROR_STRONG),
    ("success on success", SUCCESS_TEXT, SUCCESS_BG),
    ("success on window", SUCCESS_TEXT, WINDOW),
    ("success on surface", SUCCESS_TEXT, SURFACE),
    ("risk on risk", RISK_TEXT, RISK_BG),
    ("placeholder on placeholder", PLACEHOLDER_TEXT, PLACEHOLDER_BG),
    ("chip", CHIP_TEXT, CHIP_BG),
    ("unknown score digit", SCORE_TEXT, SCORE_UNKNOWN),
    *((f"score {s} digit", SCORE_TEXT, c) for s, c in SCORE.items()),
    *((f"score {s} on surface", c, SURFACE) for s, c in SCORE.items()),
)
"""Every pair of text and background colours the palette puts together: (what, text, ground)."""


@cache
def color(value: str) -> QColor:
    """The ``QColor`` of a token, for delegates and painters (made once per value)."""
    return QColor(value)


def contrast(text: str, ground: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(text), luminance(ground)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def set_state(widget: QWidget, name: str, value: object) -> None:
    """Sets a property the sheet selects on and polishes the widget again, so its look follows
    (Qt reads dynamic properties only when it polishes)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def adopt(window: QWidget) -> None:
    """Gives the sheet to a dialog made without a parent; one with a parent inherits it."""
    if window.parentWidget() is None:
        window.setStyleSheet(style_sheet())


_SHEET = """
/* -- panes and the bars above them ---------------------------------------------------------- */
QFrame[pane="true"] {
    border: 1px solid @BORDER; border-radius: 4px; padding: 1px; }
QFrame[pane="true"][active="true"] {
    border: 2px solid @ACCENT; padding: 0px; }
QFrame[notice="true"] {
    background: @WARNING_BG; border: 1px solid @WARNING_BORDER;
    border-left: 4px solid @WARNING_STRONG; border-radius: 3px; }
QFrame[notice="true"] > QLabel { color: @WARNING_TEXT; }
QFrame#incidentBanner {
    background: @ERROR_BG; border-bottom: 1px solid @ERROR_BORDER;
    border-left: 4px solid @ERROR_STRONG; }
QFrame#incidentBanner > QLabel { color: @ERROR_TEXT; }
QLabel#offlineBanner {
    background: @WARNING_BG; color: @WARNING_TEXT; padding: 6px 10px;
    border-bottom: 1px solid @WARNING_BORDER; }

/* -- text by tone --------------------------------------------------------------------------- */
QLabel[tone="muted"] { color: @MUTED; }
QLabel[tone="error"] { color: @ERROR_TEXT; }
QLabel[tone="warning"] { color: @WARNING_TEXT; }
QLabel[tone="success"] { color: @SUCCESS_TEXT; }
QLabel[tone="accent"] { color: @ACCENT; font-weight: 600; }
QLabel[tone="placeholder"] { color: @PLACEHOLDER_TEXT; }
QLabel[strong="true"] { font-weight: 600; }
/* A one-line message under a form or an editor: boxed when it is an error. */
QLabel[message="true"] { padding: 4px 2px; }
QLabel[message="true"][tone="error"] {
    background: @ERROR_BG; border-radius: 3px; padding: 4px 8px; }
/* A message that stands in a box of its own. */
QLabel[box="error"] {
    background: @ERROR_BG; color: @ERROR_TEXT; border: 1px solid @ERROR_BORDER;
    border-radius: 4px; padding: 6px 8px; }
QLabel[box="warning"] {
    background: @WARNING_BG; color: @TEXT; border: 1px solid @WARNING_BORDER;
    border-radius: 4px; padding: 8px 10px; }
QLabel[box="neutral"] {
    background: @SURFACE_SUNKEN; color: @TEXT; border-radius: 3px; padding: 6px 8px; }
QLabel[chip="plain"], QLabel[chip="attention"] {
    background: @CHIP_BG; color: @CHIP_TEXT; border-radius: 8px; padding: 1px 8px; }
QLabel[chip="attention"] { background: @ATTENTION_BG; color: @WARNING_TEXT; }

/* -- the contact ---------------------------------------------------------------------------- */
QLabel#contactReference, QLabel#templatePreviewTitle { font-weight: 600; }
QLabel#contactSubject { font-weight: 600; font-size: 11pt; }
QLabel#emptyText { color: @MUTED; font-size: 11pt; }
QFrame#riskBanner { background: @RISK_BG; border-radius: 3px; }
QFrame#riskBanner QLabel { color: @RISK_TEXT; font-weight: 600; }
QFrame#callBar { background: @SURFACE_SUNKEN; border-radius: 3px; }
QFrame#followUpBox {
    background: @WARNING_BG; border: 1px solid @WARNING_BORDER; border-radius: 6px; }

/* -- the queue ----------------------------------------------------------------------------- */
QLabel#queueEmpty { color: @MUTED; padding: 24px; }
QLabel#queueNotice {
    background: @INFO_BG; color: @INFO_TEXT; border: 1px solid @BORDER; border-radius: 4px;
    padding: 4px 8px; }
/* A little air on both sides of each cell, so right-aligned times never touch the next
   column's text. */
QTableView#queueTable::item { padding: 0px 6px; }
QTableView#queueTable QHeaderView::section { padding: 3px 9px; }
QPushButton#nextContactButton {
    background: @ACCENT; color: @ACCENT_TEXT; border: none; border-radius: 6px;
    padding: 6px 22px; font-weight: 600; }
QPushButton#nextContactButton:hover { background: @ACCENT_HOVER; }
QPushButton#nextContactButton:focus { border: 2px solid @TEXT; padding: 4px 20px; }
QPushButton#nextContactButton:disabled { background: @SURFACE_SUNKEN; color: @DISABLED_TEXT; }
QPushButton#queueChip {
    background: @SURFACE; border: 1px solid @BORDER_STRONG; border-radius: 12px;
    min-height: 18px; padding: 3px 9px; }
QPushButton#queueChip:hover { border-color: @ACCENT; }
QPushButton#queueChip:checked { background: @ACCENT; color: @ACCENT_TEXT; border-color: @ACCENT; }
QPushButton#queueChip:focus { border: 2px solid @ACCENT; padding: 2px 8px; }
QPushButton#queueChip:checked:focus { border: 2px solid @TEXT; }

/* -- buttons -------------------------------------------------------------------------------- */
QPushButton {
    background: @SURFACE; color: @TEXT; border: 1px solid @BORDER_STRONG; border-radius: 4px;
    padding: 3px 8px; min-height: 18px; }
QPushButton:hover { background: @ACCENT_SOFT; border-color: @ACCENT; }
QPushButton:pressed, QPushButton:checked { background: @SURFACE_SUNKEN; }
QPushButton:default { border-color: @ACCENT; }
QPushButton:disabled { background: @WINDOW; color: @DISABLED_TEXT; border-color: @BORDER; }
QPushButton:focus { border: 2px solid @ACCENT; padding: 2px 7px; }
QPushButton::menu-indicator { subcontrol-origin: padding; subcontrol-position: right center; }

/* -- fields and lists: a neutral frame, the accent where the keyboard is ---------------------- */
QLineEdit {
    background: @SURFACE; color: @TEXT; border: 1px solid @BORDER_STRONG; border-radius: 3px;
    padding: 2px 4px; selection-background-color: @ACCENT; selection-color: @ACCENT_TEXT; }
QLineEdit:focus { border: 2px solid @ACCENT; padding: 1px 3px; }
QLineEdit[invalid="true"] { border: 2px solid @ERROR_STRONG; padding: 1px 3px; }
QLineEdit:disabled { background: @WINDOW; color: @DISABLED_TEXT; border-color: @BORDER; }
QAbstractSpinBox QLineEdit, QComboBox QLineEdit {
    border: none; padding: 0px; background: transparent; }
QPlainTextEdit, QTextEdit, QTableView, QListView, QTreeView {
    border: 1px solid @BORDER; padding: 1px;
    selection-background-color: @ACCENT; selection-color: @ACCENT_TEXT; }
QPlainTextEdit:focus, QTextEdit:focus, QTableView:focus, QListView:focus, QTreeView:focus {
    border: 2px solid @ACCENT; padding: 0px; }
/* A combo box keeps Qt's own drop-down button (styling it loses the arrow); spin boxes keep
   their native frame whole, for the same reason. */
QComboBox { border: 1px solid @BORDER_STRONG; border-radius: 3px; padding: 2px 4px; }
QComboBox:focus { border: 2px solid @ACCENT; padding: 1px 3px; }
QComboBox QAbstractItemView { border: 1px solid @BORDER; padding: 0px; }
QCheckBox, QRadioButton { border: 1px solid transparent; border-radius: 3px; padding: 1px 2px; }
QCheckBox:focus, QRadioButton:focus { border-color: @ACCENT; background: @ACCENT_SOFT; }
QTabBar::tab:focus { border: 2px solid @ACCENT; }
"""


@cache
def style_sheet() -> str:
    """The application's style sheet, its ``@TOKEN`` names replaced by the palette's values."""
    tokens = {
        name: value
        for name, value in globals().items()
        if name.isupper() and isinstance(value, str) and value.startswith("#")
    }
    sheet = _SHEET
    for name in sorted(tokens, key=len, reverse=True):  # ACCENT_TEXT before ACCENT
        sheet = sheet.replace(f"@{name}", tokens[name])
    if "@" in sheet:
        raise ValueError(f"unknown token in the style sheet near {sheet[sheet.index('@') :][:30]}")
    return sheet
