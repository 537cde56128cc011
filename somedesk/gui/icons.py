"""The app's icons, drawn from the SVG sources shipped in the package."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

APP_ID = "io.github.somedesk.Somedesk"


def _resource(name: str) -> bytes:
    return resources.files("somedesk.gui").joinpath("resources", name).read_bytes()


def app_icon() -> QIcon:
    pixmap = QPixmap()
    pixmap.loadFromData(_resource("somedesk.svg"), "SVG")
    return QIcon(pixmap)
