"""Settings → Publishing → "Export scheduled posts to a calendar file…": a save dialog, the file written off
the GUI thread, and a result line in place (or the one-line reason it could not be written)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from PySide6.QtWidgets import QFileDialog

from somedesk.core.model import Network
from somedesk.gui.context import GuiContext
from somedesk.gui.settings import SettingsWindow
from somedesk.gui.settings.calendar_export import DEFAULT_NAME, CalendarExport


@pytest.fixture
def window(ctx: GuiContext, qtbot) -> SettingsWindow:
    shown = SettingsWindow(ctx)
    qtbot.addWidget(shown)
    shown.show()
    shown.show_page(shown.publishing)
    return shown


@pytest.fixture
def export(window: SettingsWindow) -> CalendarExport:
    return window.publishing.calendar_export


def _wait(export: CalendarExport, qtbot) -> None:
    qtbot.waitUntil(lambda: not export.background.busy and export.button.isEnabled())


def test_the_button_asks_for_an_ics_file_and_writes_the_schedule(ctx: GuiContext, export, qtbot, tmp_path):
    for text in ("First", "Second"):
        draft = ctx.app.add_draft(text, [Network.LINKEDIN])
        ctx.app.schedule_next(draft.id)
    export.button.click()
    dialog = export.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith(DEFAULT_NAME) and dialog.defaultSuffix() == "ics"
    target = tmp_path / "mine.ics"
    dialog.selectFile(str(target))
    dialog.accept()
    _wait(export, qtbot)
    assert export.result.text() == f"Exported 2 posts to {target}" and not export.result.is_error
    found = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in found) == ["LinkedIn post: First", "LinkedIn post: Second"]
    assert all(e.decoded("dtstart") > datetime(2026, 12, 7, 7, 0, tzinfo=UTC) for e in found)


def test_a_folder_that_does_not_exist_is_said_in_place(export, qtbot, tmp_path):
    target = tmp_path / "gone" / "posts.ics"
    export.export_to(target)
    _wait(export, qtbot)
    assert export.result.is_error
    assert export.result.text() == f"cannot write {target}: the folder {target.parent} does not exist"
