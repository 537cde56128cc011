"""The Calendars page: the .ics files and private calendar addresses that make busy time, the person's
attendee addresses, and what went wrong the last time they were read (`[calendars]` in config.toml).

A private calendar address carries a secret token: it is only ever shown through `redact_source`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from somedesk.app.services import MomentsResult
from somedesk.core.config import Config
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.labels import local_text
from somedesk.gui.settings.common import WARNING_STYLE, ConfigPage, Message
from somedesk.sources.calendars import redact_source

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1
CHECK_DAYS = 7
_ADDRESS = re.compile(r"^(https?|webcals?)://\S+$", re.IGNORECASE)


class CalendarsPage(ConfigPage):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Calendars")
        self.background = Background(self)

        self.heading(self.tr("Calendars that say when you are busy"))
        self.sources = QListWidget(self)
        self.sources.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.sources.setMaximumHeight(140)
        # Under a heading rather than beside a label: the heading's rich text would be read as a name.
        self.sources.setAccessibleName(self.tr("Calendars"))
        self.body.addWidget(self.sources)
        row = QHBoxLayout()
        self.add_file_button = QPushButton(self.tr("Add file…"), self)
        self.add_address_button = QPushButton(self.tr("Add address…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        for button in (self.add_file_button, self.add_address_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.add_file_button.clicked.connect(self.add_files)
        self.add_address_button.clicked.connect(self.add_address)
        self.remove_button.clicked.connect(self.remove_selected)
        self.sources.itemSelectionChanged.connect(self._selection_changed)
        self.note(
            self.tr(
                "A calendar's private address works like a password: somedesk shows only its start, "
                "and keeps a copy so a failed download does not lose your busy time."
            )
        )

        self.heading(self.tr("Your addresses"))
        self.me = QLineEdit(self)
        self.me.setPlaceholderText("you@example.com, you@work.example")
        self.me.setAccessibleName(self.tr("Your addresses"))
        self.body.addWidget(self.me)
        self.note(self.tr("Meetings you declined with these addresses count as free time."))

        self.heading(self.tr("Last read"))
        check_row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Read calendars now"), self)
        self.check_button.clicked.connect(self.check)
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        self.body.addLayout(check_row)
        self.status = Message(self)
        self.problems = Message(self)
        self.stale = Message(self)
        self.stale.setStyleSheet(WARNING_STYLE)
        for label in (self.status, self.problems, self.stale):
            self.body.addWidget(label)
        self.body.addStretch(1)
        self.saved.connect(self.check)
        self._checked_once = False
        self.load(ctx.app.config)

    # Fields ---------------------------------------------------------------------------------

    def load(self, config: Config) -> None:
        self.sources.clear()
        for source in config.calendars.sources:
            self._add_item(source)
        self.me.setText(", ".join(config.calendars.me))
        self._selection_changed()

    def _add_item(self, source: str) -> None:
        item = QListWidgetItem(redact_source(source))
        item.setData(SOURCE_ROLE, source)
        self.sources.addItem(item)

    def source_list(self) -> list[str]:
        return [str(self.sources.item(i).data(SOURCE_ROLE)) for i in range(self.sources.count())]

    def shown_list(self) -> list[str]:
        return [self.sources.item(i).text() for i in range(self.sources.count())]

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.sources.selectedItems()))

    def changes(self, config: Config) -> Mapping[str, object]:
        changes: dict[str, object] = {}
        sources = self.source_list()
        if sources != list(config.calendars.sources):
            changes["calendars.sources"] = sources
        me = [a for a in re.split(r"[,\s;]+", self.me.text()) if a]
        if me != list(config.calendars.me):
            changes["calendars.me"] = me
        return changes

    # Adding and removing ---------------------------------------------------------------------

    def add_files(self) -> None:
        base = self.ctx.app.paths.config_file.parent
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add calendar files"),
            str(Path.home()),
            self.tr("Calendars (*.ics *.ical *.ifb *.vcs);;All files (*)"),
        )
        for name in names:
            path = Path(name)
            # Relative to the config file when it sits beside it, as the config's docs write them.
            self._add_unique(str(path.relative_to(base)) if path.is_relative_to(base) else str(path))
        if names:
            self.message.info(self.tr("Apply to start using it."))

    def add_address(self) -> None:
        address, ok = QInputDialog.getText(
            self,
            self.tr("Add a calendar address"),
            self.tr("The calendar's private address (ICS), from your calendar's sharing settings:"),
            QLineEdit.EchoMode.PasswordEchoOnEdit,
        )
        address = address.strip()
        if not ok or not address:
            return
        if not _ADDRESS.match(address):
            self.message.error(
                self.tr("That is not a calendar address: it should start with https:// or webcal://")
            )
            return
        self._add_unique(address)
        self.message.info(self.tr("Apply to start using it."))

    def _add_unique(self, source: str) -> None:
        if source not in self.source_list():
            self._add_item(source)

    def remove_selected(self) -> None:
        for item in self.sources.selectedItems():
            self.sources.takeItem(self.sources.row(item))
        self._selection_changed()

    # Reading the calendars --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._checked_once and self.ctx.app.config.calendars.sources:
            self._checked_once = True
            self.check()

    def check(self) -> None:
        """Read every calendar (off the GUI thread: addresses are downloaded) and report what happened."""
        if self.background.busy:
            return
        app = self.ctx.app
        if not app.config.calendars.sources:
            self.status.info(self.tr("No calendars: moments come from your routine alone."))
            self.problems.info("")
            self.stale.setText("")
            return
        self.check_button.setEnabled(False)
        self.status.info(self.tr("Reading your calendars…"))

        def work() -> MomentsResult:
            now = app.clock()
            return app.moments(now, now + timedelta(days=CHECK_DAYS))

        self.background.run(work, self._checked, self._check_failed, name="calendar-check")

    def _checked(self, result: MomentsResult) -> None:
        self.check_button.setEnabled(True)
        when = local_text(self.ctx.app.clock(), self.ctx.app.config.routine.zone)
        if result.problems:
            self.status.info(self.tr("Read at {when}; some calendars could not be used:").format(when=when))
        else:
            self.status.info(self.tr("Read at {when}: every calendar is in use.").format(when=when))
        if result.problems:
            self.problems.error("\n".join(result.problems))
        else:
            self.problems.info("")
        self.stale.setText("\n".join(result.stale))

    def _check_failed(self, text: str) -> None:
        self.check_button.setEnabled(True)
        self.status.info("")
        self.problems.error(text)
