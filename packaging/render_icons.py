"""Draws the PNG and Windows ICO icons from resources/icons/trainingdesk.svg.

Run after changing the SVG: `.venv/bin/python packaging/render_icons.py`. The PNG and ICO
files are kept in the repository, so neither a build nor the program needs an SVG
renderer for them.
"""

import os
import sys
from pathlib import Path

# Drawing needs no display; set before Qt is loaded.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZE = 256
# The sizes Windows picks from for the Start menu, the taskbar, Explorer and the installer.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """The SVG drawn at `size` x `size` pixels, as a Pillow image."""
    image = QImage(size, size, QImage.Format.Format_RGBA8888)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    pixels = bytes(image.constBits())
    return Image.frombuffer("RGBA", (size, size), pixels, "raw", "RGBA", image.bytesPerLine(), 1)


def main() -> int:
    """Write trainingdesk.png and trainingdesk.ico beside the SVG."""
    # Qt draws only while an application object exists.
    _application = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "trainingdesk.svg"))
    if not renderer.isValid():
        print(f"cannot read {ICONS / 'trainingdesk.svg'}", file=sys.stderr)
        return 1
    render(renderer, PNG_SIZE).save(ICONS / "trainingdesk.png", optimize=True)
    images = [render(renderer, size) for size in ICO_SIZES]
    images[-1].save(
        ICONS / "trainingdesk.ico",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=images[:-1],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
