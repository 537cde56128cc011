"""The Publishing page: publish at the moment or be reminded (overall and per network), how late a post
may still go out after a sleep, and the reminders to answer replies (`[publishing]` in config.toml)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from somedesk.core.config import Config
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.desktop import autostart, launcher
from somedesk.gui.context import GuiContext
from somedesk.gui.messages import user_message
from somedesk.gui.settings.calendar_export import CalendarExport
from somedesk.gui.settings.common import ConfigPage
from somedesk.sources.configwriter import REMOVE

MODES = ("auto", "remind")
SAME = ""  # a network that follows the default mode


class PublishingPage(ConfigPage):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Publishing")
        mode_names = {"auto": self.tr("Publish at the moment"), "remind": self.tr("Remind me to post it")}

        self.heading(self.tr("When a post's moment comes"))
        form = self.form()
        self.mode = QComboBox(self)
        for mode in MODES:
            self.mode.addItem(mode_names[mode], mode)
        form.addRow(self.tr("Usually"), self.mode)
        self.network_modes: dict[Network, QComboBox] = {}
        for network in Network:
            box = QComboBox(self)
            box.addItem(self.tr("As usual"), SAME)
            for mode in MODES:
                box.addItem(mode_names[mode], mode)
            form.addRow(network.display_name, box)
            self.network_modes[network] = box

        self.heading(self.tr("After a sleep"))
        late = self.form()
        self.grace = QSpinBox(self)
        self.grace.setRange(0, 240)
        self.grace.setSuffix(self.tr(" min"))
        late.addRow(self.tr("Still publish when this late"), self.grace)
        self.note(
            self.tr(
                "A post whose moment passed longer ago than this waits for you in the Queue (missed): "
                "post it now, move it to the next moment, or keep it as a draft."
            )
        )

        self.heading(self.tr("Replies"))
        replies = self.form()
        self.reminders_on = QCheckBox(self.tr("Remind me to answer comments on LinkedIn"), self)
        self.reminders = QLineEdit(self)
        self.reminders.setPlaceholderText("20, 60")
        replies.addRow(self.reminders_on)
        replies.addRow(self.tr("Minutes after the post"), self.reminders)
        self.reminders_on.toggled.connect(self.reminders.setEnabled)

        self.heading(self.tr("Start-up"))
        # Not in config.toml: a desktop entry, written (or removed) as soon as the box is ticked.
        self.autostart = QCheckBox(self.tr("Start somedesk when I log in"), self)
        self.autostart.setToolTip(
            self.tr("Moments are only published or reminded of while somedesk is running.")
        )
        self.autostart.setVisible(autostart.supported())  # not done for Windows and macOS yet
        self.body.addWidget(self.autostart)
        self.autostart.toggled.connect(self._autostart_toggled)
        # Only where somedesk has nowhere else to come from: not in a Flatpak, which brings its own.
        self.launcher = QCheckBox(self.tr("Show somedesk in the applications menu"), self)
        self.launcher.setToolTip(
            self.tr("Adds its entry and icon for you alone; nothing is installed system-wide.")
        )
        self.launcher.setVisible(launcher.supported())
        self.body.addWidget(self.launcher)
        self.launcher.toggled.connect(self._launcher_toggled)

        self.heading(self.tr("Your calendar"))
        # Not in config.toml either: a one-off file written when asked, nothing for Apply to save.
        self.calendar_export = CalendarExport(ctx, self)
        self.body.addWidget(self.calendar_export)
        self.body.addStretch(1)
        self.load(ctx.app.config)

    def load(self, config: Config) -> None:
        publishing = config.publishing
        self.mode.setCurrentIndex(max(0, self.mode.findData(publishing.default_mode)))
        for network, box in self.network_modes.items():
            box.setCurrentIndex(max(0, box.findData(publishing.mode_by_network.get(network, SAME))))
        self.grace.setValue(publishing.grace_minutes)
        on = bool(publishing.reply_reminders)
        self.reminders_on.setChecked(on)
        self.reminders.setEnabled(on)
        self.reminders.setText(", ".join(str(m) for m in publishing.reply_reminders or (20, 60)))
        with QSignalBlocker(self.autostart):
            self.autostart.setChecked(autostart.is_enabled())
        with QSignalBlocker(self.launcher):
            self.launcher.setChecked(launcher.is_installed())

    def _autostart_toggled(self, on: bool) -> None:
        done = self.tr("somedesk will start when you log in.")
        undone = self.tr("somedesk will no longer start when you log in.")
        change = autostart.enable if on else autostart.disable
        self._switch(self.autostart, change, autostart.is_enabled, done if on else undone)

    def _launcher_toggled(self, on: bool) -> None:
        done = self.tr("somedesk is now in your applications menu.")
        undone = self.tr("somedesk is no longer in your applications menu.")
        change = launcher.install if on else launcher.remove
        self._switch(self.launcher, change, launcher.is_installed, done if on else undone)

    def _switch(
        self, box: QCheckBox, change: Callable[[], object], state: Callable[[], bool], said: str
    ) -> None:
        """A box that changes the desktop at once (no Apply): say so, or say why not and show the truth."""
        try:
            change()
        except UserError as error:
            self.message.error(user_message(error))
            with QSignalBlocker(box):
                box.setChecked(state())
            return
        self.message.info(said)

    def reminder_minutes(self) -> list[object]:
        """The minutes typed; anything that is not a whole number is passed on as typed, so the config's
        own check refuses it with the CLI's message."""
        if not self.reminders_on.isChecked():
            return []
        words = [w for w in re.split(r"[,\s]+", self.reminders.text()) if w]
        return [int(w) if w.isdigit() else w for w in words]

    def changes(self, config: Config) -> Mapping[str, object]:
        publishing = config.publishing
        changes: dict[str, object] = {}
        if self.mode.currentData() != publishing.default_mode:
            changes["publishing.default_mode"] = self.mode.currentData()
        for network, box in self.network_modes.items():
            chosen = box.currentData()
            if chosen != publishing.mode_by_network.get(network, SAME):
                key = f"publishing.{network.value}.default_mode"
                changes[key] = chosen if chosen != SAME else REMOVE
        if self.grace.value() != publishing.grace_minutes:
            changes["publishing.grace_minutes"] = self.grace.value()
        minutes = self.reminder_minutes()
        if minutes != list(publishing.reply_reminders):
            changes["publishing.reply_reminders"] = minutes
        return changes
