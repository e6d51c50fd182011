"""The queue's small pictures: channel and risk icons, priority dots. Rasterised once per
process (SVG rendering is the costly part of a first paint) and shared by every model."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from app.enums import Channel
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
    colours = {3: "#D92D20", 2: "#F08C00", 1: "#7A8FA6", 0: "#C4CDD5"}
    colour = QColor(colours.get(priority, "#7A8FA6"))
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
