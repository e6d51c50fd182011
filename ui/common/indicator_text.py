"""An indicator's value as people read it: "78 %", "4 min 12 s", "+12 pts", "3,8", and its
change beside the previous period, with whether that change is good news."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.common.texts import format_decimal, format_duration, format_percent


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "share":
        return format_percent(value)
    if unit == "seconds":
        return format_duration(value)
    if unit == "points":
        return f"{value:+.0f}"
    if unit == "score":
        return format_decimal(value, 1)
    return f"{value:,.0f}".replace(",", " ")


def change_text(change: float | None, unit: str) -> str:
    """The change as a signed figure in the indicator's own terms (points for a share)."""
    if change is None:
        return ""
    arrow = "▲" if change > 0 else "▼" if change < 0 else "="
    if unit == "share":
        return QCoreApplication.translate("Indicators", "{arrow} {change:+.0f} pts").format(
            arrow=arrow, change=change * 100
        )
    if unit == "seconds":
        sign = "+" if change > 0 else ""
        return f"{arrow} {sign}{format_duration(change)}"
    if unit == "score":
        return f"{arrow} {format_decimal(change, 1, signed=True)}"
    return f"{arrow} {change:+.0f}"


def good_news(change: float | None, better: str | None) -> bool | None:
    """Whether the change goes the way the indicator is better; None when it has no way."""
    if change is None or better is None or change == 0:
        return None
    return (change > 0) == (better == "higher")
