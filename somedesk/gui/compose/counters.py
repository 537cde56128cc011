"""Quick post's live length counters, one per chosen network, and the preview of an X thread.

Counting a long X thread takes a noticeable fraction of a second (and the first count pays for lazy
imports), so it runs off the GUI thread, debounced, and only the newest result is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QListWidget, QToolButton, QVBoxLayout, QWidget

from somedesk.core.model import Network
from somedesk.core.posts import parts_for
from somedesk.core.text import LINKEDIN_LIMIT, SANDBOX_LIMIT, X_LIMIT, count_tweet, is_blank, measure
from somedesk.gui.background import Background
from somedesk.gui.compose.flow import FlowLayout

ORDER = (Network.LINKEDIN, Network.X, Network.SANDBOX)
LIMITS = {Network.LINKEDIN: LINKEDIN_LIMIT, Network.X: X_LIMIT, Network.SANDBOX: SANDBOX_LIMIT}
# Readable on light and dark backgrounds alike.
WARNING_RED = QColor(198, 40, 40)
DEBOUNCE_MS = 150


@dataclass(frozen=True, slots=True)
class Count:
    """How a text measures on one network. `parts` (X only) are the posts sent: two or more is a thread."""

    network: Network
    length: int
    limit: int
    parts: tuple[str, ...] = ()
    invalid_chars: bool = False

    @property
    def over(self) -> bool:
        return self.length > self.limit

    @property
    def refused(self) -> bool:
        """The network would refuse it (X takes a long text as a thread instead)."""
        return self.invalid_chars or (self.over and self.network is not Network.X)


def count(text: str, network: Network) -> Count:
    """Measured the way the publisher measures what it sends (`parts_for`), so the counter never lies."""
    if network is Network.X:
        tweet = count_tweet(text.strip())  # what is sent: the publisher strips each part
        parts = () if is_blank(text) else tuple(parts_for(text, network))
        return Count(network, tweet.weighted_length, X_LIMIT, parts, tweet.has_invalid_chars)
    report = measure("\n\n".join(parts_for(text, network)), network)
    return Count(network, report.length, report.limit)


def locale() -> QLocale:
    """The person's locale for numbers and day names; the C locale (no LANG set) reads as English."""
    chosen = QLocale()
    if chosen.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return chosen


def number(value: int) -> str:
    """A count with the locale's digit grouping: 3,000 (or 3 000 in Finnish)."""
    return locale().toString(value)


class Counters(QWidget):
    """A line of counters ("LinkedIn 142 / 3,000", "X 312 / 280 → thread of 2") and a thread preview.

    Signals:
        updated: the counters show the newest text and networks.
    """

    updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._networks: tuple[Network, ...] = ()
        self._computing: tuple[str, tuple[Network, ...]] | None = None
        self._shown: tuple[str, tuple[Network, ...]] | None = None
        self.counts: dict[Network, Count] = {}
        self.preview_open = False
        self._worker = Background(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)

        self.labels = {network: QLabel(self) for network in ORDER}
        self._normal = QPalette(self.palette())
        self.none_chosen = QLabel(self.tr("Choose where to post below."), self)
        self.thread_button = QToolButton(self)
        self.thread_button.setText(self.tr("Show thread"))
        self.thread_button.setAutoRaise(True)
        self.thread_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.thread_button.setArrowType(Qt.ArrowType.RightArrow)
        self.thread_button.clicked.connect(lambda: self.open_preview(not self.preview_open))
        self.preview = QListWidget(self)
        self.preview.setWordWrap(True)
        self.preview.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview.setAlternatingRowColors(True)
        self.preview.setMaximumHeight(110)  # the text being written keeps most of the room
        self.preview.setAccessibleName(self.tr("Thread preview"))

        row = FlowLayout()
        for network in ORDER:
            row.addWidget(self.labels[network])
            if network is Network.X:
                row.addWidget(self.thread_button)
        row.addWidget(self.none_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.preview)
        self.show_for("", ())

    def show_for(self, text: str, networks: Sequence[Network]) -> None:
        """Count `text` for `networks` once typing pauses for a moment."""
        wanted = (text, tuple(n for n in ORDER if n in networks))
        if wanted == self._shown and wanted == (self._text, self._networks):
            return  # already shown: nothing to count again
        networks_changed = wanted[1] != self._networks or self._shown is None
        self._text, self._networks = wanted
        if networks_changed:  # typing alone changes nothing on screen until the count comes back
            for network, label in self.labels.items():
                label.setVisible(network in self._networks)
            self.none_chosen.setVisible(not self._networks)
            self._render()
        self._timer.start()

    @property
    def settled(self) -> bool:
        """The counters show the current text (tests wait for this)."""
        return self._shown == (self._text, self._networks) and not self._timer.isActive()

    def _start(self) -> None:
        if self._computing is not None:
            return  # one count at a time; the newest text is counted when this one comes back
        text, networks = self._computing = (self._text, self._networks)
        self._worker.run(lambda: {n: count(text, n) for n in networks}, self._counted, self._failed)

    def _counted(self, counts: Mapping[Network, Count]) -> None:
        done, self._computing = self._computing, None
        self.counts = dict(counts)
        self._shown = done
        self._render()
        if done != (self._text, self._networks):
            self._start()
        else:
            self.updated.emit()

    def _failed(self, _message: str) -> None:
        self._computing = None  # nothing to show: the counters keep their last numbers

    def _render(self) -> None:
        for network in self._networks:
            self._render_label(network, self.counts.get(network) or Count(network, 0, LIMITS[network]))
        self._render_preview()

    def _render_label(self, network: Network, counted: Count) -> None:
        label = self.labels[network]
        name, length, limit = network.display_name, number(counted.length), number(counted.limit)
        if counted.invalid_chars:
            text = self.tr("{network} {length} / {limit} · has a character X refuses")
        elif counted.refused:
            # The count picks the plural form ("1 merkki", "5 merkkiä"); {over} writes it grouped.
            text = self.tr(
                "{network} {length} / {limit} · {over} too many", "", counted.length - counted.limit
            )
        elif len(counted.parts) > 1:
            text = self.tr("{network} {length} / {limit} → thread of {parts}")
        else:
            text = self.tr("{network} {length} / {limit}")
        label.setText(
            text.format(
                network=name,
                length=length,
                limit=limit,
                over=number(counted.length - counted.limit),
                parts=len(counted.parts),
            )
        )
        palette = QPalette(self._normal)
        if counted.refused:
            palette.setColor(QPalette.ColorRole.WindowText, WARNING_RED)
        label.setPalette(palette)
        tooltip = self.tr("{network} takes up to {limit} characters in one post.").format(
            network=name, limit=limit
        )
        if network is Network.X:
            tooltip += " " + self.tr("A longer text goes out as a thread.")
        label.setToolTip(tooltip)

    def thread_parts(self) -> tuple[str, ...]:
        counted = self.counts.get(Network.X)
        if Network.X not in self._networks or counted is None or len(counted.parts) < 2:
            return ()
        return counted.parts

    def open_preview(self, opened: bool) -> None:
        self.preview_open = opened
        self._render_preview()

    def _render_preview(self) -> None:
        parts = self.thread_parts()
        self.thread_button.setVisible(bool(parts))
        opened = bool(parts) and self.preview_open
        self.thread_button.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.thread_button.setText(self.tr("Hide thread") if opened else self.tr("Show thread"))
        self.preview.setVisible(opened)
        if [self.preview.item(i).text() for i in range(self.preview.count())] != self._items(parts):
            self.preview.clear()
            self.preview.addItems(self._items(parts))

    def _items(self, parts: Sequence[str]) -> list[str]:
        heading = self.tr("{number}/{total}:")
        return [f"{heading.format(number=i, total=len(parts))} {part}" for i, part in enumerate(parts, 1)]
