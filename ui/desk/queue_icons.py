"""The queue's small pictures: channel and risk icons, priority dots, contact states. Rasterised
once per process (SVG rendering is the costly part of a first paint) and shared by every model."""

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap

from app.enums import Channel
from ui.common import theme
from ui.common.texts import channel_icon, icon

_DOTS: dict[tuple[int, bool], QIcon] = {}
_ICONS: dict[str, QIcon] = {}


def queue_icon(name: str) -> QIcon:
    """A channel's icon (or "risk"), rasterised once per process and shared by every model."""
    cached = _ICONS.get(name)
    if cached is None:
        source = icon("risk") if name == "risk" else channel_icon(Channel(name))
        cached = _ICONS[name] = _vivid(source)
    return cached


def warm_icons() -> None:
    """Rasterises the queue's icons ahead of its first paint (SVG rendering costs ~25 ms), while
    the window still waits for its workspace."""
    for name in (*(c.value for c in Channel), "risk"):
        queue_icon(name)
    for state in ("mine", "taken", "planned", "follow_up", "overdue", "undelivered"):
        state_icon(state)


def _vivid(source: QIcon) -> QIcon:
    """The same icon in selected rows: Qt's default tint muddies small coloured icons."""
    result = QIcon()
    for size in (16, 24, 32):
        pixmap = source.pixmap(size, size)
        result.addPixmap(pixmap, QIcon.Mode.Normal)
        result.addPixmap(pixmap, QIcon.Mode.Selected)
    return result


def dark_theme() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def priority_dot(priority: int) -> QIcon:
    """A small coloured disc: a colour cue beside the label, never the only cue."""
    dark = dark_theme()
    key = (priority, dark)
    cached = _DOTS.get(key)
    if cached is not None:
        return cached
    colour = QColor(theme.PRIORITY.get(priority, theme.PRIORITY[1]))
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if priority <= 0:
        painter.setPen(colour.darker(130))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
    painter.drawEllipse(4, 4, 8, 8)
    painter.end()
    result = QIcon()
    result.addPixmap(pixmap, QIcon.Mode.Normal)
    result.addPixmap(pixmap, QIcon.Mode.Selected)
    _DOTS[key] = result
    return result


_STATES: dict[tuple[str, bool], QIcon] = {}


def state_icon(state: str) -> QIcon:
    """A contact's state as a shape, beside its words (never the only cue): "mine" a filled
    figure in the highlight colour, "taken" (a colleague's) an outlined one, "planned" a
    calendar page, "follow_up" a return arrow, "overdue" a disc with an exclamation mark (a
    waiting contact has none: most rows are), "undelivered" an envelope struck through. On a
    selected row, in the selection's text colour. Drawn once per palette."""
    dark = dark_theme()
    key = (state, dark)
    cached = _STATES.get(key)
    if cached is not None:
        return cached
    accent = theme.color(theme.ACCENT)
    grey = theme.color(theme.MUTED_ON_DARK if dark else theme.MUTED)
    on_selection = theme.color(theme.ACCENT_TEXT)  # on the row's own highlight, the accent
    result = QIcon()
    for mode, colours in (
        (QIcon.Mode.Normal, (accent, grey)),
        (QIcon.Mode.Selected, (on_selection, on_selection)),
    ):
        for size in (16, 32):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.scale(size / 16, size / 16)
            _draw_state(painter, state, *colours)
            painter.end()
            result.addPixmap(pixmap, mode)
    _STATES[key] = result
    return result


def _draw_state(painter: QPainter, state: str, accent: QColor, grey: QColor) -> None:
    """Draws on a 16 × 16 grid."""
    if state in ("mine", "taken"):
        colour = accent if state == "mine" else grey
        if state == "mine":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
        else:
            painter.setPen(QPen(colour, 1.4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(5.0, 1.5, 6.0, 6.0))  # head
        painter.drawChord(QRectF(2.0, 9.0, 12.0, 12.0), 0, 180 * 16)  # shoulders
        return
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if state == "planned":
        painter.setPen(QPen(grey, 1.4))
        painter.drawRoundedRect(QRectF(2.0, 3.0, 12.0, 11.0), 1.5, 1.5)
        painter.drawLine(QPointF(2.0, 6.5), QPointF(14.0, 6.5))
        painter.drawLine(QPointF(5.5, 1.5), QPointF(5.5, 4.0))
        painter.drawLine(QPointF(10.5, 1.5), QPointF(10.5, 4.0))
    elif state == "overdue":  # a follow-up's time has passed: a disc with an exclamation mark
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.color(theme.ERROR_STRONG))
        painter.drawEllipse(QRectF(1.5, 1.5, 13.0, 13.0))
        pen = QPen(theme.color(theme.ON_STRONG), 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(8.0, 4.5), QPointF(8.0, 8.8))
        painter.drawPoint(QPointF(8.0, 11.6))
    elif state == "undelivered":  # a reply that did not reach the customer
        red = theme.color(theme.ERROR_STRONG)
        painter.setPen(QPen(red, 1.3))
        painter.drawRect(QRectF(1.5, 3.5, 13.0, 9.0))
        painter.drawLine(QPointF(1.5, 3.5), QPointF(8.0, 8.5))
        painter.drawLine(QPointF(14.5, 3.5), QPointF(8.0, 8.5))
        pen = QPen(red, 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(2.0, 15.0), QPointF(14.0, 1.0))
    elif state == "follow_up":
        pen = QPen(accent, 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(QRectF(3.0, 3.0, 10.0, 10.0), 90 * 16, 270 * 16)
        painter.drawLine(QPointF(8.0, 3.0), QPointF(10.5, 1.0))
        painter.drawLine(QPointF(8.0, 3.0), QPointF(10.5, 5.0))
