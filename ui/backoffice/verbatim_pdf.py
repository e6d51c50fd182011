"""The verbatim board as one A4 page for the management committee: the team, the period, the
focus indicator and its trend, then the pinned customers' words grouped by tag. Drawn with Qt's
own text layout and PDF writer; what does not fit on the page is left out and the page says how
many were."""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from app.backoffice.verbatims import Pinned
from app.i18n import QT_TRANSLATE_NOOP
from ui.common import theme
from ui.common.texts import translate

QUOTE_CHARS = 320  # a quote longer than this is cut, with an ellipsis, to keep the page readable

# lupdate does not read inside f-strings: the texts translated there are marked here.
_IN_F_STRINGS = (QT_TRANSLATE_NOOP("VerbatimPdf", "Focus indicator"),)


def _tr(text: str) -> str:
    return QCoreApplication.translate("VerbatimPdf", text)


def page_html(title: str, subtitle: str, focus: str, pinned: list[Pinned], left_out: int) -> str:
    by_tag: dict[str, list[Pinned]] = defaultdict(list)
    for item in pinned:
        by_tag[item.tags[0] if item.tags else translate("VerbatimPdf", "Untagged")].append(item)
    parts = [
        f"<html><body style='font-family: sans-serif; color: {theme.TEXT};'>",
        f"<h1 style='font-size: 18pt; margin: 0;'>{html.escape(title)}</h1>",
        f"<p style='color: {theme.MUTED}; margin-top: 2pt;'>{html.escape(subtitle)}</p>",
    ]
    if focus:
        parts.append(
            f"<p style='background: {theme.INFO_BG}; padding: 6pt; font-size: 11pt;'>"
            f"<b>{html.escape(_tr('Focus indicator'))}</b> — {html.escape(focus)}</p>"
        )
    for tag in sorted(by_tag, key=lambda t: (-len(by_tag[t]), t.casefold())):
        parts.append(f"<h2 style='font-size: 12pt; margin-bottom: 2pt;'>{html.escape(tag)}</h2>")
        for item in by_tag[tag]:
            words = item.quote if len(item.quote) <= QUOTE_CHARS else item.quote[:QUOTE_CHARS] + "…"
            score = f" · CSAT {item.csat}/5" if item.csat is not None else ""
            parts.append(
                "<p style='margin: 0 0 6pt 12pt; font-size: 10pt;'>"
                f"«\u00a0{html.escape(words)}\u00a0»"
                f"<span style='color: {theme.MUTED};'>"
                f" — {html.escape(item.reference)}{score}</span></p>"
            )
    if left_out:
        parts.append(
            f"<p style='color: {theme.MUTED};'>"
            + html.escape(
                translate("VerbatimPdf", "{count} more pinned quotes did not fit on this page.")
            ).format(count=left_out)
            + "</p>"
        )
    parts.append("</body></html>")
    return "".join(parts)


def write_pdf(path: Path, title: str, subtitle: str, focus: str, pinned: list[Pinned]) -> int:
    """Writes the page; returns how many quotes it holds (the newest that fit on one page)."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(96)
    writer.setTitle(title)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    kept = list(pinned)
    while True:
        document = QTextDocument()
        document.setPageSize(QSizeF(area.width(), area.height()))
        document.setHtml(page_html(title, subtitle, focus, kept, len(pinned) - len(kept)))
        if document.pageCount() <= 1 or not kept:
            break
        kept.pop()  # the oldest first: the board is newest first
    painter = QPainter(writer)
    try:
        document.drawContents(painter)
    finally:
        painter.end()
    return len(kept)
