"""The Publishing page's "Export scheduled posts to a calendar file…": a file dialog, then the export off the
GUI thread (it reads the calendars to know when each moment ends) and a result line in place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QPushButton, QVBoxLayout, QWidget

from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.settings.common import Message

DEFAULT_NAME = "somedesk-posts.ics"


class CalendarExport(QWidget):
    """A button that writes the schedule as an .ics file, and the line that says how it went."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.background = Background(self)
        self.button = QPushButton(self.tr("Export scheduled posts to a calendar file…"), self)
        self.button.setToolTip(
            self.tr("Your posting moments in your own calendar app; they never make you look busy.")
        )
        self.result = Message(self)
        self.dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.result)
        self.button.clicked.connect(self.choose_file)

    def choose_file(self) -> None:
        """Ask where to write, window-modal (not blocking the event loop); the export starts on accept."""
        dialog = QFileDialog(self, self.tr("Export scheduled posts"), str(Path.home() / DEFAULT_NAME))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Calendar files (*.ics)"))
        dialog.setDefaultSuffix("ics")
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen)))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def export_to(self, path: Path) -> None:
        from somedesk.app.export import export_schedule, write_atomic

        app = self.ctx.app

        def work() -> int:
            data, count = export_schedule(app)
            write_atomic(path, data)
            return count

        self.button.setEnabled(False)
        self.result.info(self.tr("Exporting…"))
        self.background.run(work, lambda count: self._done(count, path), self._failed, name="somedesk-export")

    def _done(self, count: int, path: Path) -> None:
        self.button.setEnabled(True)
        # Two strings rather than %n: "one" reads better than "1" in both languages.
        if count == 1:
            line = self.tr("Exported one post to {path}")
        else:
            line = self.tr("Exported {count} posts to {path}")
        self.result.info(line.format(count=count, path=path))

    def _failed(self, message: str) -> None:
        self.button.setEnabled(True)
        self.result.error(message)
