"""Renders the Relais application icon to the freedesktop hicolor PNG sizes.

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py
    python packaging/render_icons.py --preview /tmp/relais-icons-preview.png

The source is resources/icons/relais.svg; the PNGs go to
resources/icons/hicolor/<N>x<N>/apps/relais.png and are committed (they are what the
desktop uses where it does not take the SVG). Re-run this after changing the SVG.

Small sizes are hinted from the same source: at SMALL_MAX px and below, the elements
of class "detail" (fine strokes that would only blur at that size) are left out.

--preview PATH also writes a contact sheet of the application icon and of the queue
icons (resources/icons/channels/*.svg, risk.svg, unidentified.svg) at 16, 24 and 48 px
on a light and a dark background, to check them by eye.

Only PySide6-Essentials is needed: it ships QtSvg (QSvgRenderer) and the offscreen
platform plugin, so this runs headless (the offscreen platform is chosen unless
QT_QPA_PLATFORM is already set).
"""

from __future__ import annotations

import argparse
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
APP_SVG = ICONS / "relais.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL_MAX = 24
SVG_NS = "http://www.w3.org/2000/svg"
QUEUE_ICONS = (
    *(
        ICONS / "channels" / f"{name}.svg"
        for name in ("phone", "email", "facebook", "x", "instagram", "whatsapp", "letter")
    ),
    ICONS / "risk.svg",
    ICONS / "unidentified.svg",
)


def load(svg: Path, *, small: bool = False) -> QSvgRenderer:
    """A renderer for the SVG; small=True leaves out its elements of class "detail"."""
    data = svg.read_bytes()
    if small:
        data = without_detail(data)
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot parse {svg}")
    return renderer


def without_detail(data: bytes) -> bytes:
    ET.register_namespace("", SVG_NS)
    root = ET.fromstring(data)
    for parent in root.iter():
        for child in list(parent):
            if "detail" in child.get("class", "").split():
                parent.remove(child)
    return ET.tostring(root, encoding="utf-8")


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn into a transparent size x size ARGB image, antialiased."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def save(image: QImage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Non-premultiplied ARGB is what PNG stores; quality 0 asks for the strongest
    # zlib compression, which keeps the committed files small.
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(path), "PNG", 0):
        raise SystemExit(f"render_icons: cannot write {path}")


def render_app_icon(out_root: Path) -> list[Path]:
    full, small = load(APP_SVG), load(APP_SVG, small=True)
    written = []
    for size in SIZES:
        path = out_root / f"{size}x{size}" / "apps" / "relais.png"
        save(render(small if size <= SMALL_MAX else full, size), path)
        written.append(path)
    return written


def render_preview(path: Path) -> None:
    """A contact sheet: one row per size and background, one column per icon."""
    svgs = (APP_SVG, *QUEUE_ICONS)
    sizes = (16, 24, 48)
    backgrounds = (QColor("#FFFFFF"), QColor("#2B2F33"))
    cell = 64
    sheet = QImage(
        cell * len(svgs),
        cell * len(sizes) * len(backgrounds),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    painter = QPainter(sheet)
    row = 0
    for background in backgrounds:
        for size in sizes:
            painter.fillRect(0, row * cell, sheet.width(), cell, background)
            for column, svg in enumerate(svgs):
                renderer = load(svg, small=size <= SMALL_MAX)
                offset = (cell - size) // 2
                # Drawn at its real pixel size, as the queue would show it.
                painter.drawImage(
                    column * cell + offset, row * cell + offset, render(renderer, size)
                )
            row += 1
    painter.end()
    save(sheet, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ICONS / "hicolor",
        help="hicolor directory to write into (default: resources/icons/hicolor)",
    )
    parser.add_argument(
        "--preview",
        type=Path,
        metavar="PATH",
        help="also write a contact sheet of all icons to PATH",
    )
    args = parser.parse_args(argv)

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in render_app_icon(args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    if args.preview:
        render_preview(args.preview)
        print(f"wrote {args.preview}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
