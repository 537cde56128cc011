"""Quick post's smaller parts: the network toggles, the strip of attached images, its notes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QImageReader, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QWidget,
)

from somedesk.app.accounts import AccountStatus
from somedesk.core.model import Network
from somedesk.gui.compose.counters import ORDER

CONNECTED = "connected"
THUMBNAIL = QSize(40, 40)


class NetworkToggles(QWidget):
    """One checkbox per network; LinkedIn and X can be ticked only while connected.

    Signals:
        changed: the person ticked or unticked a network.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes = {network: QCheckBox(network.display_name, self) for network in ORDER}
        self._statuses: dict[Network, AccountStatus] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Post to:"), self))
        for box in self.boxes.values():
            box.clicked.connect(self.changed)
            layout.addWidget(box)
        layout.addStretch(1)

    def set_accounts(self, statuses: Sequence[AccountStatus]) -> None:
        """Enable the connected networks; a network that is not loses its tick and says why."""
        states = {status.network: status for status in statuses}
        self._statuses = states
        for network, box in self.boxes.items():
            status = states.get(network)
            usable = network is Network.SANDBOX or (status is not None and status.state == CONNECTED)
            box.setEnabled(usable)
            if not usable:
                box.setChecked(False)
            box.setToolTip(self._tooltip(network, status, usable))

    def _tooltip(self, network: Network, status: AccountStatus | None, usable: bool) -> str:
        name = network.display_name
        if network is Network.SANDBOX:
            return self.tr("The Sandbox keeps posts in a file on this computer: try things out safely.")
        if usable and status is not None and status.handle:
            return self.tr("Post to {network} as {handle}.").format(network=name, handle=status.handle)
        if usable:
            return self.tr("Post to {network}.").format(network=name)
        if status is not None and status.state != "not connected":
            return self.tr("Reconnect {network} in Settings.").format(network=name)
        return self.tr("Connect {network} in Settings.").format(network=name)

    def unavailable(self) -> tuple[list[Network], list[Network]]:
        """The networks that cannot be ticked: (not connected, needing a sign-in again)."""
        missing: list[Network] = []
        expired: list[Network] = []
        for network, box in self.boxes.items():
            if not box.isEnabled():
                status = self._statuses.get(network)
                signed_in_before = status is not None and status.state != "not connected"
                (expired if signed_in_before else missing).append(network)
        return missing, expired

    def usable(self) -> list[Network]:
        return [network for network, box in self.boxes.items() if box.isEnabled()]

    def choose(self, networks: Sequence[Network]) -> None:
        for network, box in self.boxes.items():
            box.setChecked(network in networks and box.isEnabled())

    def chosen(self) -> list[Network]:
        return [network for network, box in self.boxes.items() if box.isChecked() and box.isEnabled()]


class ImageStrip(QScrollArea):
    """The attached images as small chips (thumbnail, name, remove button), in a row that scrolls.

    Signals:
        changed: an image was removed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images: list[tuple[str, Path]] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(THUMBNAIL.height() + 24)
        self.setVisible(False)

    def images(self) -> list[tuple[str, Path]]:
        """(the name the person knows, the copy kept in the data folder) for each image, in order."""
        return list(self._images)

    def paths(self) -> list[Path]:
        return [kept for _, kept in self._images]

    def set_images(self, images: Sequence[tuple[str, Path]]) -> None:
        self._images = list(images)
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, (name, kept) in enumerate(self._images):
            layout.addWidget(self._chip(index, name, kept))
        layout.addStretch(1)
        self.setWidget(row)
        self.setVisible(bool(self._images))

    def remove(self, index: int) -> None:
        del self._images[index]
        self.set_images(self._images)
        self.changed.emit()

    def _chip(self, index: int, name: str, kept: Path) -> QFrame:
        chip = QFrame(self)
        chip.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(chip)
        layout.setContentsMargins(4, 2, 2, 2)
        thumbnail = QLabel(chip)
        thumbnail.setFixedSize(THUMBNAIL)
        thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = _thumbnail(kept)
        if pixmap is not None:
            thumbnail.setPixmap(pixmap)
        label = QLabel(chip)
        label.setText(label.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle, 160))
        label.setToolTip(name)
        remove = QToolButton(chip)
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(self.tr("Remove {name}").format(name=name))
        remove.setAccessibleName(remove.toolTip())
        remove.clicked.connect(lambda: self.remove(index))
        layout.addWidget(thumbnail)
        layout.addWidget(label)
        layout.addWidget(remove)
        return chip


def _thumbnail(path: Path) -> QPixmap | None:
    # Decoded at thumbnail size: a 20 MB photo never sits in memory at full size.
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else QPixmap.fromImage(image)


def note(parent: QWidget, color: QColor | None) -> QLabel:
    """A line of text under the editor (an error, what is going on, a hint), hidden until it has one."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if color is not None:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        label.setPalette(palette)
    label.setVisible(False)
    return label
