"""The tray's menu and its "Next" line (offscreen: the icon itself is tested in the desktop session)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QMenu

from somedesk.core.model import Network
from somedesk.gui.tray import Tray


def menu_texts(tray: Tray) -> list[str]:
    return [a.text() for a in tray.menu.actions() if not a.isSeparator()]


def test_the_menu_has_the_actions_and_the_next_moment(ctx, qtbot):
    ctx.app.add_draft("ready to go", [Network.SANDBOX])
    tray = Tray(ctx, lambda: None)
    qtbot.waitUntil(lambda: "ready" in tray.next_line.text(), timeout=10_000)
    # The fixture's clock is Monday 2026-12-07 09:00 in Helsinki: the next moment is lunch.
    assert tray.next_line.text() == "Next: Lunch 11:30 · 1 draft ready"
    assert menu_texts(tray) == [
        "Quick post…",
        "Next: Lunch 11:30 · 1 draft ready",
        "Planner",
        "Queue",
        "Pause publishing",
        "Settings",
        "Quit",
    ]


def test_menu_actions_open_windows_and_pause(ctx, qtbot):
    tray = Tray(ctx, lambda: None)
    actions = {a.text(): a for a in tray.menu.actions()}
    actions["Quick post…"].trigger()
    actions["Planner"].trigger()
    actions["Settings"].trigger()
    assert ctx.opened == ["quick-post", "planner", "settings"]
    pause_menu = actions["Pause publishing"].menu()
    assert isinstance(pause_menu, QMenu)
    pause = {a.text(): a for a in pause_menu.actions()}
    assert not pause["Resume"].isEnabled()
    pause["Until I resume"].trigger()
    assert ctx.app.paused_until() == datetime.max.replace(tzinfo=UTC)
    assert pause["Resume"].isEnabled()
    pause["Resume"].trigger()
    assert ctx.app.paused_until() is None
    pause["For 1 hour"].trigger()
    paused = ctx.app.paused_until()
    assert paused is not None and (paused - ctx.app.clock()).total_seconds() == 3600
