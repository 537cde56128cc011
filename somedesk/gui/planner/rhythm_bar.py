"""The rhythm bar: how the shown week is going per network ("LinkedIn 2 of 3 this week"). A week a
person filled beyond a target by hand shows it: "LinkedIn 4 of 3 this week (1 over)", in red."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from somedesk.core.model import Network
from somedesk.gui.planner.week_model import Rhythm, WeekModel

OVER_COLOUR = "#b3261e"  # the same red as an error line: over a target is worth noticing


class RhythmBar(QWidget):
    def __init__(self, model: WeekModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.labels: dict[Network, QLabel] = {}
        self.bars: dict[Network, QProgressBar] = {}
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        model.modelReset.connect(self.refresh)
        model.layers_changed.connect(self.refresh)
        self.refresh()

    def text_for(self, rhythm: Rhythm) -> str:
        if self.model.is_current:
            text = self.tr("{network} {done} of {target} this week")
        else:
            text = self.tr("{network} {done} of {target} that week")
        line = text.format(network=rhythm.network.display_name, done=rhythm.done, target=rhythm.per_week)
        if rhythm.done > rhythm.per_week:
            line += " " + self.tr("(%n over)", "", rhythm.done - rhythm.per_week)
        if rhythm.proposed:
            line += " " + self.tr("(+%n proposed)", "", rhythm.proposed)
        return line

    def refresh(self) -> None:
        rhythms = self.model.rhythm()
        for rhythm in rhythms:
            if rhythm.network not in self.labels:
                self._add(rhythm.network)
            label, bar = self.labels[rhythm.network], self.bars[rhythm.network]
            label.setText(self.text_for(rhythm))
            bar.setMaximum(max(rhythm.per_week, 1))
            bar.setValue(min(rhythm.done, max(rhythm.per_week, 1)))
            bar.setAccessibleDescription(label.text())
            over = rhythm.done > rhythm.per_week
            label.setStyleSheet(f"color: {OVER_COLOUR};" if over else "")
            bar.setStyleSheet(f"QProgressBar::chunk {{ background: {OVER_COLOUR}; }}" if over else "")
        shown = {r.network for r in rhythms}
        for network, label in self.labels.items():
            label.setVisible(network in shown)
            self.bars[network].setVisible(network in shown)

    def _add(self, network: Network) -> None:
        label = QLabel()
        bar = QProgressBar()
        bar.setTextVisible(False)
        bar.setFixedSize(72, 8)
        self.labels[network], self.bars[network] = label, bar
        at = self._row.count() - 1  # before the stretch
        self._row.insertWidget(at, label)
        self._row.insertWidget(at + 1, bar)
        self._row.insertSpacing(at + 2, 16)
