"""The app's icons, drawn from the SVG sources shipped in the package."""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPixmap

from somedesk.desktop.launcher import ICON_SOURCE, icon_svg

# When the SVG is not a file on disk (a zipped install), it is rasterised at these sizes: enough for a
# 64 px icon on a 3x screen, and QIcon scales down from the nearest larger one.
_SIZES = (16, 24, 32, 48, 64, 96, 128, 192, 256)


def app_icon() -> QIcon:
    """The app's icon, sharp at any size and device pixel ratio.

    From a file, Qt's SVG icon engine draws it for each size and ratio asked for; a pixmap loaded once
    would be 64 px (the SVG's own size) and blurry when a HiDPI tray or title bar scales it up."""
    if ICON_SOURCE.is_file():
        icon = QIcon(str(ICON_SOURCE))
        if not icon.isNull():
            return icon
    return _rasterised(icon_svg())


def _rasterised(svg: bytes) -> QIcon:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QImageReader

    icon = QIcon()
    for size in _SIZES:
        buffer = QBuffer()
        buffer.setData(QByteArray(svg))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(size, size))
        image = reader.read()
        if not image.isNull():
            icon.addPixmap(QPixmap.fromImage(image))
    return icon
