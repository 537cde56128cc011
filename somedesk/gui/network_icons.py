"""Small icons for the networks (LinkedIn, X, the Sandbox), drawn here rather than shipped: a filled
rounded square in the network's colour with its mark in white, readable on light and dark palettes
alike, and sharp at any device pixel ratio (QIcon asks for the size it needs)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from somedesk.core.model import Network

_LOOK: dict[Network, tuple[str, str]] = {
    Network.LINKEDIN: ("#0a66c2", "in"),
    Network.X: ("#14171a", "X"),
    Network.SANDBOX: ("#7a5af5", "S"),
}
_SIZES = (16, 20, 24, 32, 48)


def _draw(network: Network, size: int, ratio: float = 1.0) -> QPixmap:
    colour, mark = _LOOK[network]
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    box = QRectF(0.5, 0.5, size - 1, size - 1)
    painter.drawRoundedRect(box, size * 0.2, size * 0.2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, round(size * (0.55 if len(mark) > 1 else 0.62))))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, mark)
    painter.end()
    return pixmap


@cache
def network_icon(network: Network) -> QIcon:
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(_draw(network, size))
        icon.addPixmap(_draw(network, size, 2.0))
    return icon


def networks_pixmap(networks: Sequence[Network], size: int = 16, ratio: float = 1.0) -> QPixmap:
    """The icons of several networks side by side (a draft going to LinkedIn and X)."""
    gap = 3
    width = max(1, len(networks) * size + max(0, len(networks) - 1) * gap)
    pixmap = QPixmap(QSize(round(width * ratio), round(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    for position, network in enumerate(networks):
        painter.drawPixmap(position * (size + gap), 0, _draw(network, size, ratio))
    painter.end()
    return pixmap
