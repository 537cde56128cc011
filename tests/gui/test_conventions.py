"""What every window does alike: it opens where it was left, it can be read by a screen reader, and
the planner follows a dark palette; and Settings can start somedesk at login."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from somedesk.core.errors import UserError
from somedesk.desktop import autostart, launcher
from somedesk.gui.app import WINDOWS, _window_factory
from somedesk.gui.context import GuiContext
from somedesk.gui.geometry import geometry_key
from somedesk.gui.planner import PlannerWindow
from somedesk.gui.planner.week_layout import Shade
from somedesk.gui.planner.week_painter import Style
from somedesk.gui.settings import SettingsWindow
from tests.gui.palettes import dark_palette


def build(ctx: GuiContext, qtbot, name: str) -> QWidget:
    window = _window_factory(name)(ctx)
    qtbot.addWidget(window)
    return window


def settle(window: QWidget, qtbot) -> None:
    if isinstance(window, PlannerWindow):
        qtbot.waitUntil(lambda: not window.busy, timeout=5000)


# Window geometry -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", WINDOWS)
def test_a_window_opens_as_it_was_left(ctx, qtbot, name):
    first = build(ctx, qtbot, name)
    first.show()
    qtbot.waitExposed(first)
    wanted = QSize(761, 539)  # on the offscreen screen (800 x 800): a larger window would be fitted to it
    assert first.size() != wanted
    first.resize(wanted)
    qtbot.waitUntil(lambda: first.size() == wanted, timeout=2000)
    settle(first, qtbot)
    first.close()
    assert ctx.app.store.setting(geometry_key(name))

    second = build(ctx, qtbot, name)
    assert second.size() == wanted  # before it is even shown
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == wanted
    settle(second, qtbot)


def test_a_window_keeps_its_geometry_when_hidden(ctx, qtbot):
    window = build(ctx, qtbot, "queue")
    window.show()
    qtbot.waitExposed(window)
    window.resize(700, 400)
    window.hide()
    again = build(ctx, qtbot, "queue")
    assert again.size() == QSize(700, 400)


def test_closing_a_window_keeps_its_geometry_once(ctx, qtbot):
    # Counted by the database itself: a trigger notes every write of a setting.
    database = ctx.app.paths.database
    with closing(sqlite3.connect(database)) as db:
        db.executescript(
            """
            CREATE TABLE setting_writes (key TEXT NOT NULL);
            CREATE TRIGGER note_setting_write AFTER INSERT ON settings
            BEGIN INSERT INTO setting_writes (key) VALUES (new.key); END;
            """
        )

    def writes() -> int:
        with closing(sqlite3.connect(database)) as db:
            query = "SELECT count(*) FROM setting_writes WHERE key = ?"
            return int(db.execute(query, (geometry_key("queue"),)).fetchone()[0])

    window = build(ctx, qtbot, "queue")
    window.show()
    qtbot.waitExposed(window)
    window.resize(700, 400)
    before = writes()
    window.close()
    assert writes() == before + 1
    assert build(ctx, qtbot, "queue").size() == QSize(700, 400)


def test_an_unreadable_geometry_is_ignored(ctx, qtbot):
    ctx.app.store.set_setting(geometry_key("queue"), "not base64!")
    assert build(ctx, qtbot, "queue").size() == QSize(980, 560)  # its own default size
    ctx.app.store.set_setting(geometry_key("queue"), "AAAA")  # base64, but no geometry
    assert build(ctx, qtbot, "queue").size() == QSize(980, 560)


def test_each_window_has_its_own_geometry(ctx, qtbot):
    queue = build(ctx, qtbot, "queue")
    queue.show()
    queue.resize(640, 420)
    queue.close()
    assert ctx.app.store.setting(geometry_key("settings")) is None
    assert build(ctx, qtbot, "settings").size() == QSize(860, 620)


# Start at login --------------------------------------------------------------------------------


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An XDG_CONFIG_HOME of the test's own, and no SOMEDESK_HOME around."""
    folder = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.delenv("SOMEDESK_HOME", raising=False)
    monkeypatch.setattr(autostart, "supported", lambda platform=None: True)
    return folder / "autostart" / "io.github.somedesk.Somedesk.desktop"


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def test_autostart_writes_and_removes_a_desktop_entry(xdg):
    assert not autostart.is_enabled()
    assert autostart.enable() == xdg
    assert autostart.is_enabled()
    entry = _entry(xdg)
    assert entry["Type"] == "Application"
    assert entry["Exec"] == launcher.exec_line([sys.executable, "-m", "somedesk"])
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    autostart.enable()  # again: still one entry, rewritten
    assert list(xdg.parent.iterdir()) == [xdg]
    autostart.disable()
    assert not xdg.exists()
    assert not autostart.is_enabled()
    autostart.disable()  # nothing to remove is fine


def test_autostart_starts_the_same_data_folder(xdg, monkeypatch):
    monkeypatch.setenv("SOMEDESK_HOME", "/tmp/my somedesk")
    autostart.enable()
    exec_line = _entry(xdg)["Exec"]
    assert exec_line.startswith('env "SOMEDESK_HOME=/tmp/my somedesk" ')


def test_autostart_uses_the_home_config_without_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart.autostart_file() == tmp_path / ".config" / "autostart" / launcher.FILE_NAME
    relative = {"XDG_CONFIG_HOME": "relative/dir"}
    assert autostart.autostart_file(relative) == tmp_path / ".config" / "autostart" / launcher.FILE_NAME


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["/usr/bin/python3", "-m", "somedesk"], "/usr/bin/python3 -m somedesk"),
        (["/opt/my apps/python", "-m", "somedesk"], '"/opt/my apps/python" -m somedesk'),
        (["/home/a$b/python"], '"/home/a\\\\$b/python"'),
        (["/x/100%"], "/x/100%%"),
    ],
)
def test_the_exec_line_is_quoted_as_the_spec_asks(arguments, expected):
    assert launcher.exec_line(arguments) == expected


def test_autostart_elsewhere_says_it_is_not_supported(xdg, monkeypatch):
    monkeypatch.setattr(autostart, "supported", lambda platform=None: False)
    with pytest.raises(UserError, match="not supported yet on this system"):
        autostart.enable()
    assert not autostart.is_enabled()
    assert not xdg.exists()


def test_supported_systems():
    assert autostart.supported("linux")
    assert not autostart.supported("darwin")
    assert not autostart.supported("win32")


def _settings(ctx: GuiContext, qtbot) -> SettingsWindow:
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(window.publishing)
    return window


def test_the_settings_checkbox_starts_somedesk_at_login(ctx, qtbot, xdg):
    window = _settings(ctx, qtbot)
    box = window.publishing.autostart
    assert box.text() == "Start somedesk when I log in"
    assert not box.isChecked()
    box.click()
    assert xdg.is_file()
    assert window.publishing.message.text() == "somedesk will start when you log in."
    assert not window.publishing.message.is_error
    box.click()
    assert not xdg.exists()
    assert window.publishing.message.text() == "somedesk will no longer start when you log in."


def test_the_settings_checkbox_shows_what_is_on_disk(ctx, qtbot, xdg):
    autostart.enable()
    window = _settings(ctx, qtbot)
    assert window.publishing.autostart.isChecked()
    xdg.unlink()  # removed meanwhile (e.g. by the desktop's own settings)
    window.close()
    window.show()
    assert not window.publishing.autostart.isChecked()


def test_the_settings_checkbox_says_when_it_cannot(ctx, qtbot, xdg, monkeypatch):
    monkeypatch.setattr(autostart, "supported", lambda platform=None: False)
    window = _settings(ctx, qtbot)
    box = window.publishing.autostart
    box.click()
    assert not box.isChecked()
    assert window.publishing.message.is_error
    assert "not supported yet" in window.publishing.message.text()


# Accessible names ------------------------------------------------------------------------------


def _unnamed(window: QWidget) -> list[str]:
    """Controls a screen reader could only call "button" or "edit": no words shown, no name given."""
    missing = []
    for kind in (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox):
        for control in window.findChildren(kind):
            if control.objectName().startswith("qt_"):  # Qt's own (a table's corner button)
                continue
            shown = control.text() if isinstance(control, QAbstractButton | QLineEdit) else ""
            if any(c.isalpha() for c in shown) or control.accessibleName():
                continue
            missing.append(f"{type(control).__name__} in {type(control.parent()).__name__}")
    return missing


@pytest.mark.parametrize("name", ["quick-post", "queue", "planner"])
def test_every_control_has_a_name(ctx, qtbot, name):
    window = build(ctx, qtbot, name)
    window.show()
    qtbot.waitExposed(window)
    settle(window, qtbot)
    assert not _unnamed(window)


def test_the_main_controls_are_named(ctx, qtbot):
    planner = build(ctx, qtbot, "planner")
    assert isinstance(planner, PlannerWindow)
    assert [
        planner.previous_button.accessibleName(),
        planner.today_button.accessibleName(),
        planner.next_button.accessibleName(),
        planner.grid.accessibleName(),
    ] == ["Previous week", "This week", "Next week", "Week"]
    assert planner.plan_button.accessibleDescription() == planner.plan_button.toolTip()
    queue = build(ctx, qtbot, "queue")
    assert [
        queue.tabs.accessibleName(),  # type: ignore[attr-defined]
        queue.table.accessibleName(),  # type: ignore[attr-defined]
        queue.details.accessibleName(),  # type: ignore[attr-defined]
    ] == ["Show", "Posts", "Selected post"]
    quick = build(ctx, qtbot, "quick-post")
    assert quick.editor.accessibleName() == "Post text"  # type: ignore[attr-defined]
    assert quick.toggles.accessibleName() == "Networks to post to"  # type: ignore[attr-defined]
    assert quick.images.accessibleName() == "Attached images"  # type: ignore[attr-defined]
    planner.close()


# A dark palette --------------------------------------------------------------------------------


def _empty_work_cell(planner: PlannerWindow) -> QPointF:
    """A point in work hours with no moment, meeting or post on it, away from the grid's lines."""
    layout = planner.grid.week_layout
    taken = [i.rect for i in layout.moments] + [b.rect for b in layout.busy] + [c.rect for c in layout.cards]
    for band in layout.bands:
        if band.shade is not Shade.WORK:
            continue
        rect = band.rect
        y = rect.top() + 7
        while y < rect.bottom() - 7:
            point = QPointF(rect.left() + rect.width() / 2, y)
            if not any(r.adjusted(-4, -4, 4, 4).contains(point) for r in taken):
                return point
            y += 9
    raise AssertionError("no empty work-hours cell in the week")


def _pixel(planner: PlannerWindow, point: QPointF) -> QColor:
    picture = planner.grid.grab().toImage()
    ratio = picture.devicePixelRatio()
    return picture.pixelColor(int(point.x() * ratio), int(point.y() * ratio))


@pytest.fixture
def planner(ctx: GuiContext, qtbot) -> Callable[[QPalette | None], PlannerWindow]:
    def open_(palette: QPalette | None) -> PlannerWindow:
        window = build(ctx, qtbot, "planner")
        assert isinstance(window, PlannerWindow)
        if palette is not None:
            window.setPalette(palette)
        window.resize(1240, 780)
        window.show()
        qtbot.waitExposed(window)
        settle(window, qtbot)
        return window

    return open_


def test_the_planner_grid_is_light_on_a_light_palette(planner):
    window = planner(None)
    assert _pixel(window, _empty_work_cell(window)).lightnessF() > 0.7


def test_the_planner_grid_is_dark_on_a_dark_palette(planner):
    window = planner(dark_palette())
    colour = _pixel(window, _empty_work_cell(window))
    assert colour.lightnessF() < 0.3, colour.name()
    assert colour == window.grid.palette().color(QPalette.ColorRole.Base)
    style = Style.of(window.grid)
    assert all(fill.lightnessF() < 0.4 for fill, _edge, _label in style.moments.values())
    assert style.text.lightnessF() > 0.7


def test_the_planner_follows_a_palette_change(planner):
    window = planner(None)
    point = _empty_work_cell(window)
    window.setPalette(dark_palette())
    assert _pixel(window, point).lightnessF() < 0.3
