"""The first start's welcome: shown only on a first start, each way in opens the right place, a team
file can be joined from it, and once closed it never shows again."""

from __future__ import annotations

from pathlib import Path

from somedesk.gui.context import GuiContext
from somedesk.gui.settings import SettingsWindow
from somedesk.gui.welcome import WELCOMED_KEY, WelcomeWindow, should_welcome


def test_the_welcome_opens_each_way_in_and_shows_once(ctx: GuiContext, qtbot, tmp_path: Path):
    assert should_welcome(ctx)
    window = WelcomeWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.week_button.click()
    window.calendar_button.click()
    window.accounts_button.click()
    window.start_button.click()
    assert ctx.opened == ["settings:routine", "settings:calendars", "settings:accounts", "planner"]  # type: ignore[attr-defined]
    assert not window.isVisible()
    assert ctx.app.store.setting(WELCOMED_KEY) == "yes"
    assert not should_welcome(ctx)


def test_a_person_with_a_config_is_not_welcomed(ctx: GuiContext):
    ctx.app.paths.config_file.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    assert not should_welcome(ctx)


def test_joining_a_team_file_from_the_welcome(ctx: GuiContext, qtbot, tmp_path: Path):
    team = tmp_path / "team.toml"
    team.write_text(
        '[organisation]\nname = "Contoso"\n[networks.x]\nclient_id = "team-x"\n', encoding="utf-8"
    )
    window = WelcomeWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.join(str(team))
    qtbot.waitUntil(lambda: window.team_button.isEnabled(), timeout=10_000)
    assert window.result.text() == "You are set up by Contoso. Connect your accounts to start posting."
    assert ctx.app.team.organisation() == "Contoso"
    window.join(str(tmp_path / "missing.toml"))
    qtbot.waitUntil(lambda: window.team_button.isEnabled(), timeout=10_000)
    assert window.result.text() == f"{tmp_path / 'missing.toml'}: there is no such file"


def test_settings_opens_at_a_named_page(ctx: GuiContext, qtbot):
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show_page_named("calendars")
    assert window.stack.currentWidget() is window.calendars
    window.show_page_named("nonsense")
    assert window.stack.currentWidget() is window.calendars
