"""The Targets page: how often each network is aimed for, and the least time between two posts on it
(`[targets.<network>]` in config.toml)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox, QWidget

from somedesk.core.config import DEFAULT_TARGETS, Config
from somedesk.core.model import Network
from somedesk.gui.context import GuiContext
from somedesk.gui.settings.common import ConfigPage
from somedesk.sources.configwriter import hours_value

NETWORKS = (Network.LINKEDIN, Network.X)


class TargetsPage(ConfigPage):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Targets")
        self.per_week: dict[Network, QSpinBox] = {}
        self.min_gap: dict[Network, QDoubleSpinBox] = {}
        for network in NETWORKS:
            self.heading(network.display_name)
            form = self.form()
            posts = QSpinBox(self)
            posts.setRange(0, 100)
            posts.setSuffix(self.tr(" posts a week"))
            gap = QDoubleSpinBox(self)
            gap.setRange(0, 24 * 14)
            gap.setDecimals(1)
            gap.setSingleStep(1)
            gap.setSuffix(self.tr(" hours"))
            form.addRow(self.tr("Aim for"), posts)
            form.addRow(self.tr("At least this long between posts"), gap)
            self.per_week[network] = posts
            self.min_gap[network] = gap
            # Both networks' rows have the same labels: the names say whose they are.
            name = network.display_name
            posts.setAccessibleName(self.tr("{network}: posts a week to aim for").format(network=name))
            gap.setAccessibleName(self.tr("{network}: least time between posts").format(network=name))
        self.note(
            self.tr(
                "“Next moment” picks times that keep to these; you can always schedule a post at a "
                "time you choose."
            )
        )
        self.body.addStretch(1)
        self.load(ctx.app.config)

    def load(self, config: Config) -> None:
        for network in NETWORKS:
            target = config.target_for(network) or DEFAULT_TARGETS[network]
            self.per_week[network].setValue(target.per_week)
            self.min_gap[network].setValue(target.min_gap_hours)

    def changes(self, config: Config) -> Mapping[str, object]:
        changes: dict[str, object] = {}
        for network in NETWORKS:
            target = config.target_for(network) or DEFAULT_TARGETS[network]
            prefix = f"targets.{network.value}"
            if self.per_week[network].value() != target.per_week:
                changes[f"{prefix}.per_week"] = self.per_week[network].value()
            if abs(self.min_gap[network].value() - target.min_gap_hours) > 1e-9:
                changes[f"{prefix}.min_gap_hours"] = hours_value(round(self.min_gap[network].value(), 1))
        return changes
