"""The Spelling page: spell check on or off (`[spelling] enabled` in config.toml), the dictionaries
found on this machine, and my words, the person's own word list, to look through and trim."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QListWidget, QPushButton, QWidget

from somedesk.core.config import Config
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.settings.common import ConfigPage
from somedesk.sources.dictionaries import Availability, Speller

ENABLED_KEY = "spelling.enabled"


class SpellingPage(ConfigPage):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Spelling")
        self.speller = Speller(ctx.app.paths.data_dir)
        self.availability: Availability | None = None
        self.worker = Background(self)

        self.enabled = QCheckBox(self.tr("Underline misspelt words in Quick post"), self)
        self.enabled.setAccessibleName(self.tr("Spell check"))
        self.body.addWidget(self.enabled)

        self.heading(self.tr("Dictionaries"))
        self.dictionaries = QLabel(self.tr("Looking for dictionaries…"), self)
        self.dictionaries.setWordWrap(True)
        self.dictionaries.setAccessibleName(self.tr("Dictionaries found"))
        self.body.addWidget(self.dictionaries)

        self.heading(self.tr("My words"))
        self.note(
            self.tr("Words you added from Quick post's menu; they count as spelled right in every language.")
        )
        self.words = QListWidget(self)
        self.words.setAccessibleName(self.tr("My words"))
        self.words.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected words from my words"))
        row = QHBoxLayout()
        row.addWidget(self.words, 1)
        row.addWidget(self.remove_button)
        self.body.addLayout(row)
        self.body.addStretch(1)

        self.remove_button.clicked.connect(self.remove_selected)
        self.words.itemSelectionChanged.connect(self._enable_controls)
        self.load(ctx.app.config)
        # Loading enchant and its dictionaries takes a moment: off the GUI thread, once.
        self.worker.run(self.speller.load, self._found, self._not_found, name="somedesk-spelling")

    def _found(self, availability: Availability) -> None:
        self.availability = availability
        if availability.available:
            names = ", ".join(language.name for language in availability.languages)
            self.dictionaries.setText(self.tr("Found: {names}").format(names=names))
        elif availability.problem == "no-library":
            self.dictionaries.setText(
                self.tr(
                    "Spell check is unavailable: the Enchant library is missing. On Debian or Ubuntu, "
                    "install libenchant-2-2 and hunspell-en-us, and voikko-fi libenchant-2-voikko for "
                    "Finnish."
                )
            )
        else:
            self.dictionaries.setText(
                self.tr(
                    "Spell check is unavailable: no English or Finnish dictionary is installed. On Debian "
                    "or Ubuntu, install hunspell-en-us for English, and voikko-fi libenchant-2-voikko for "
                    "Finnish."
                )
            )
        self._enable_controls()

    def _not_found(self, message: str) -> None:
        self.dictionaries.setText(message)
        self.availability = Availability(())
        self._enable_controls()

    def _enable_controls(self) -> None:
        usable = self.availability is not None and self.availability.available
        self.enabled.setEnabled(usable)
        self.words.setEnabled(usable)
        self.remove_button.setEnabled(usable and bool(self.words.selectedItems()))

    def load(self, config: Config) -> None:
        self.enabled.setChecked(config.spelling.enabled)
        self.show_words()

    def show_words(self) -> None:
        self.words.clear()
        self.words.addItems(self.speller.my_words.words())
        self._enable_controls()

    def remove_selected(self) -> None:
        chosen = [item.text() for item in self.words.selectedItems()]
        try:
            for word in chosen:
                self.speller.my_words.remove(word)
        except OSError as error:
            self.message.error(self.tr("Could not change my words: {reason}").format(reason=error))
        else:
            if len(chosen) == 1:
                line = self.tr("Removed “{word}” from my words.").format(word=chosen[0])
            else:
                line = self.tr("Removed {count} words from my words.").format(count=len(chosen))
            self.message.info(line)
        self.show_words()

    def changes(self, config: Config) -> Mapping[str, object]:
        on = self.enabled.isChecked()
        return {ENABLED_KEY: on} if on != config.spelling.enabled else {}
