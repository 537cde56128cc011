"""The Language page: the desktop's language, English or Suomi (`[ui] language` in config.toml)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QWidget

from somedesk.core.config import Config
from somedesk.gui.context import GuiContext
from somedesk.gui.settings.common import ConfigPage
from somedesk.sources.configwriter import read_value

LANGUAGE_KEY = "ui.language"
SYSTEM = "system"


class LanguagePage(ConfigPage):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Language")
        form = self.form()
        self.language = QComboBox(self)
        self.language.addItem(self.tr("As the system"), SYSTEM)
        # Each language in its own name, so a person can find theirs whatever is shown now.
        self.language.addItem("English", "en")
        self.language.addItem("Suomi", "fi")
        form.addRow(self.tr("Language"), self.language)
        self.note(self.tr("The new language is used when somedesk starts again."))
        self.body.addStretch(1)
        self.load(ctx.app.config)

    def saved_language(self) -> str:
        # Read from the file: it is the one setting the running app does not use until restarted.
        value = read_value(self.ctx.app.paths.config_file, LANGUAGE_KEY, SYSTEM)
        return value if isinstance(value, str) else SYSTEM

    def load(self, config: Config) -> None:
        index = self.language.findData(self.saved_language())
        self.language.setCurrentIndex(max(index, 0))

    def changes(self, config: Config) -> Mapping[str, object]:
        chosen = self.language.currentData()
        return {LANGUAGE_KEY: chosen} if chosen != self.saved_language() else {}
