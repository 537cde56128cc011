"""The app's icons, drawn from the SVG sources shipped in the package."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon, QPixmap

# When the SVG is not a file on disk (a zipped install), it is rasterised at these sizes: enough for a
# 64 px icon on a 3x screen, and QIcon scales down from the nearest larger one.
_SIZES = (16, 24, 32, 48, 64, 96, 128, 192, 256)


# Beside this module; importlib.resources (for a zipped install) only when it is not a file, because
# importing it costs the start-up ~3 ms.
_RESOURCES = Path(__file__).with_name("resources")


def _resource(name: str) -> bytes:
    path = _RESOURCES / name
    if path.is_file():
        return path.read_bytes()
    from importlib import resources

    return resources.files("somedesk.gui").joinpath("resources", name).read_bytes()


def app_icon() -> QIcon:
    """The app's icon, sharp at any size and device pixel ratio.

    From a file, Qt's SVG icon engine draws it for each size and ratio asked for; a pixmap loaded once
    would be 64 px (the SVG's own size) and blurry when a HiDPI tray or title bar scales it up."""
    source = _RESOURCES / "somedesk.svg"
    if source.is_file():
        icon = QIcon(str(source))
        if not icon.isNull():
            return icon
    return _rasterised(_resource("somedesk.svg"))


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
