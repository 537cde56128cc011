"""The Settings window: pages bound to config.toml (written back with the person's comments kept, checked
with the CLI's messages), calendars shown redacted, and accounts with a browser sign-in that can be
cancelled."""

from __future__ import annotations

import socket
import sys
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox

from somedesk.core.accounts import Account, AccountState
from somedesk.core.config import NetworkSettings
from somedesk.core.model import Network
from somedesk.core.routine import ClockWindow
from somedesk.desktop import launcher
from somedesk.gui.context import GuiContext
from somedesk.gui.settings import SettingsWindow
from somedesk.gui.settings.accounts import AccountsPage
from somedesk.sources import calendars
from somedesk.sources.configfile import load_config, starter_config
from somedesk.store.publishing import PublishingRecords
from tests.gui.conftest import HELSINKI
from tests.ports import redirect_port

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
PRIVATE = "https://calendar.example.com/private-5f3a9c0e7d1b44a2/basic.ics"
NOTE = "# my own note: lunch moved when the canteen changed hours\n"


@pytest.fixture
def config_file(ctx: GuiContext) -> Path:
    """The starter config with a note of the person's own, read by the app as at start-up."""
    path = ctx.app.paths.config_file
    path.write_text(NOTE + starter_config("Europe/Helsinki"), encoding="utf-8")
    ctx.app.use_config(load_config(path, HELSINKI))
    return path


@pytest.fixture
def window(ctx: GuiContext, config_file: Path, qtbot) -> SettingsWindow:
    shown = SettingsWindow(ctx)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def shot(window: SettingsWindow, page, path: Path) -> None:
    """A screenshot of `page` in the window, once its layout has settled (for people to look at)."""
    window.show_page(page)
    QApplication.processEvents()
    window.grab().save(str(path))


# Routine ---------------------------------------------------------------------------------------


def test_changing_lunch_writes_only_that_line_and_the_app_uses_it(
    ctx: GuiContext, window: SettingsWindow, config_file: Path, qtbot, tmp_path: Path
):
    before = config_file.read_text(encoding="utf-8")
    page = window.routine
    window.show_page(page)
    page.usual.lunch.start.setTime(QTime(11, 45))
    page.usual.lunch.end.setTime(QTime(12, 15))
    with qtbot.waitSignal(ctx.bridge.changed):
        page.apply_button.click()
    after = config_file.read_text(encoding="utf-8")
    assert after == before.replace(
        'lunch = ["11:30", "12:00"]                 # "on the way',
        'lunch = ["11:45", "12:15"]                 # "on the way',
    )
    assert after != before and NOTE in after
    lunch = ctx.app.config.routine.default_day.lunch
    assert lunch is not None and (lunch.start.hour, lunch.start.minute, lunch.end.minute) == (11, 45, 15)
    assert page.message.text() == f"Saved to {config_file}"
    shot(window, page, tmp_path / "settings-routine.png")


def test_an_invalid_time_shows_the_clis_message_in_place(
    ctx: GuiContext, window: SettingsWindow, config_file: Path, tmp_path: Path
):
    before = config_file.read_text(encoding="utf-8")
    page = window.routine
    window.show_page(page)
    page.usual.lunch.end.setTime(QTime(11, 0))
    page.apply_button.click()
    assert page.message.text() == f"{config_file}: routine.lunch: ends (11:00) before it starts (11:30)"
    assert page.message.is_error and page.message.isVisible()
    assert config_file.read_text(encoding="utf-8") == before
    assert ctx.app.config.routine.default_day.lunch == ClockWindow(time(11, 30), time(12, 0))
    shot(window, page, tmp_path / "settings-invalid.png")


def test_an_unknown_time_zone_gets_the_clis_suggestion(window: SettingsWindow, config_file: Path):
    page = window.routine
    page.zone.setCurrentText("Europe/Helsinky")
    assert not page.apply()
    assert page.message.text() == (
        f"{config_file}: routine.timezone: unknown time zone 'Europe/Helsinky'"
        " — did you mean 'Europe/Helsinki'?"
    )


def test_a_weekday_that_differs(ctx: GuiContext, window: SettingsWindow, config_file: Path):
    page = window.routine
    page.show_weekday(4)  # Friday: working from home
    page.differs.setChecked(True)
    for remove in page.override.commutes.remove_buttons():
        remove.click()
    page.show_weekday(0)  # switching days keeps Friday's edit
    assert page.apply()
    text = config_file.read_text(encoding="utf-8")
    assert "\n\n[routine.days.fri]\ncommutes = []\n\n[calendars]" in text
    assert ctx.app.config.routine.day_overrides[4].commutes == ()
    page.show_weekday(4)
    assert page.differs.isChecked()
    page.differs.setChecked(False)
    assert page.apply()
    assert "[routine.days.fri]\ncommutes" not in config_file.read_text(encoding="utf-8")
    assert ctx.app.config.routine.day_overrides == {}


def test_quiet_hours_off_and_workdays(ctx: GuiContext, window: SettingsWindow, config_file: Path):
    page = window.routine
    assert page.quiet.enabled is not None
    page.quiet.enabled.setChecked(False)
    page.workdays[5].setChecked(True)
    assert page.apply()
    text = config_file.read_text(encoding="utf-8")
    assert "quiet_hours = []           # evenings off" in text
    assert 'workdays = ["mon", "tue", "wed", "thu", "fri", "sat"]' in text
    assert ctx.app.config.routine.quiet_hours is None
    assert page.apply() and page.message.text() == "Nothing changed."


# Targets, publishing, language -------------------------------------------------------------------


def test_targets_and_publishing(ctx: GuiContext, window: SettingsWindow, config_file: Path, tmp_path: Path):
    window.targets.per_week[Network.LINKEDIN].setValue(2)
    window.targets.min_gap[Network.X].setValue(4.5)
    assert window.targets.apply()
    text = config_file.read_text(encoding="utf-8")
    assert "[targets.linkedin]\nper_week = 2\nmin_gap_hours = 20\n" in text
    assert "[targets.x]\nper_week = 5\nmin_gap_hours = 4.5\n" in text
    shot(window, window.targets, tmp_path / "settings-targets.png")

    page = window.publishing
    page.mode.setCurrentIndex(page.mode.findData("remind"))
    page.network_modes[Network.X].setCurrentIndex(page.network_modes[Network.X].findData("auto"))
    page.grace.setValue(30)
    page.reminders.setText("20, soon")
    assert not page.apply()
    assert page.message.text() == (
        f"{config_file}: publishing.reply_reminders: expected minutes after a post, e.g. [20, 60]"
        " (or [] for none)"
    )
    page.reminders.setText("45")
    assert page.apply()
    publishing = ctx.app.config.publishing
    assert (publishing.default_mode, publishing.mode_for(Network.X), publishing.grace_minutes) == (
        "remind",
        "auto",
        30,
    )
    assert publishing.reply_reminders == (45,)
    page.network_modes[Network.X].setCurrentIndex(0)  # as usual again: the key goes
    assert page.apply()
    assert "[publishing.x]" not in config_file.read_text(encoding="utf-8")
    shot(window, page, tmp_path / "settings-publishing.png")


def test_language_is_written_to_the_ui_table(window: SettingsWindow, config_file: Path, tmp_path: Path):
    page = window.language
    assert page.language.currentData() == "system"
    page.language.setCurrentIndex(page.language.findData("fi"))
    assert page.apply()
    assert config_file.read_text(encoding="utf-8").endswith('\n\n[ui]\nlanguage = "fi"\n')
    page.revert()
    assert page.language.currentData() == "fi"
    shot(window, page, tmp_path / "settings-language.png")


def test_the_config_schema_knows_the_language(window: SettingsWindow):
    page = window.language
    page.language.setCurrentIndex(page.language.findData("en"))
    assert page.apply(), page.message.text()


# Calendars ---------------------------------------------------------------------------------------


def test_calendar_addresses_are_shown_redacted_and_problems_reported(
    ctx: GuiContext, window: SettingsWindow, config_file: Path, qtbot, monkeypatch, tmp_path: Path
):
    real_load = calendars.load_busy_time

    def files_only(sources, **kwargs):  # tests download nothing: the address is left out of the reading
        return real_load([s for s in sources if "://" not in s], **kwargs)

    monkeypatch.setattr(calendars, "load_busy_time", files_only)
    page = window.calendars
    window.show_page(page)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args: (PRIVATE, True))
    page.add_address()
    (config_file.parent / "work.ics").write_text("not a calendar", encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args: ([str(config_file.parent / "work.ics")], "")
    )
    page.add_files()
    assert page.shown_list() == ["https://calendar.example.com/…/basic.ics", "work.ics"]
    page.me.setText("me@example.com")
    assert page.apply()
    text = config_file.read_text(encoding="utf-8")
    assert f'sources = ["{PRIVATE}", "work.ics"]' in text and 'me = ["me@example.com"]' in text
    assert ctx.app.config.calendars.sources == (PRIVATE, "work.ics")
    # Saving reads the calendars again (off the GUI thread); the private token never shows.
    qtbot.waitUntil(lambda: page.check_button.isEnabled(), timeout=10_000)
    qtbot.waitUntil(lambda: "work.ics" in page.problems.text(), timeout=10_000)
    assert page.problems.is_error
    shown = " ".join(w.text() for w in (page.status, page.problems, page.stale))
    assert "private-5f3a9c0e7d1b44a2" not in shown
    shot(window, page, tmp_path / "settings-calendars.png")
    page.sources.setCurrentRow(0)
    page.remove_selected()
    assert page.shown_list() == ["work.ics"]


def test_a_calendar_address_must_be_one(window: SettingsWindow, monkeypatch):
    page = window.calendars
    monkeypatch.setattr(QInputDialog, "getText", lambda *args: ("calendar.example.com/basic.ics", True))
    page.add_address()
    assert page.shown_list() == []
    assert page.message.is_error and "https://" in page.message.text()


# Accounts ----------------------------------------------------------------------------------------


def test_accounts_show_the_sandbox_connected_and_linkedin_not(window: SettingsWindow, tmp_path: Path):
    page = window.accounts
    assert page.boxes[Network.SANDBOX].state.text() == "Always connected"
    assert page.boxes[Network.LINKEDIN].state.text() == "Not connected"
    assert page.boxes[Network.LINKEDIN].connect_button.text() == "Connect…"
    assert not page.boxes[Network.LINKEDIN].disconnect_button.isVisible()
    assert page.boxes[Network.SANDBOX].connect_button.isHidden()
    shot(window, page, tmp_path / "settings-accounts.png")


def test_a_connected_linkedin_shows_who_and_until_when(ctx: GuiContext, window: SettingsWindow, tmp_path):
    records = PublishingRecords(ctx.app.store)
    expires = NOW + timedelta(days=5, hours=2)
    records.save_account(
        Account(Network.LINKEDIN, "Ada Lovelace", "urn:li:person:1", expires, AccountState.CONNECTED, NOW),
        NOW,
    )
    records.save_account(Account(Network.X, "@ada", "1", NOW, AccountState.RECONNECT_NEEDED, NOW), NOW)
    ctx.notify_changed()
    page = window.accounts
    linkedin, x = page.boxes[Network.LINKEDIN], page.boxes[Network.X]
    assert linkedin.state.text() == "Connected as Ada Lovelace"
    assert linkedin.detail.text() == "Signed in until Sat 12 Dec 11:00 (5 days left)"
    assert "b45309" in linkedin.detail.styleSheet()  # within a week: shown as a warning
    assert x.state.text() == "@ada — needs signing in again" and x.connect_button.text() == "Reconnect…"
    shot(window, page, tmp_path / "settings-accounts-connected.png")


def test_disconnect_asks_then_forgets_the_account(
    ctx: GuiContext, window: SettingsWindow, memory_keyring, monkeypatch, qtbot
):
    records = PublishingRecords(ctx.app.store)
    records.save_account(
        Account(Network.LINKEDIN, "Ada Lovelace", "urn:li:person:1", None, AccountState.CONNECTED, NOW), NOW
    )
    memory_keyring.set_password("somedesk", "linkedin:access_token", "token-value")
    page = window.accounts
    page.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    page.boxes[Network.LINKEDIN].disconnect_button.click()
    qtbot.waitUntil(lambda: page.message.text() == "Disconnected LinkedIn.")
    assert page.boxes[Network.LINKEDIN].state.text() == "Not connected"
    assert memory_keyring.entries.get("somedesk", {}) == {}


def test_saving_a_client_id(ctx: GuiContext, window: SettingsWindow, config_file: Path):
    box = window.accounts.boxes[Network.X]
    box.client_id.setText("my-x-app")
    box.save_client_id.click()
    assert config_file.read_text(encoding="utf-8").endswith('\n\n[networks.x]\nclient_id = "my-x-app"\n')
    assert ctx.app.accounts.config.network_settings(Network.X).client_id == "my-x-app"


def use_apps(ctx: GuiContext, port: int) -> None:
    """Client IDs for both networks, with a redirect to a port nobody visits."""
    redirect = f"http://127.0.0.1:{port}/callback"
    networks = {
        n: NetworkSettings(client_id=f"{n.value}-client", redirect_uri=redirect)
        for n in (Network.LINKEDIN, Network.X)
    }
    ctx.app.use_config(replace(ctx.app.config, networks=networks))


def port_is_free(port: int) -> bool:
    """Nobody listens on it (SO_REUSEADDR, as the receiver binds: the cancel's own connection may linger)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def test_connect_shows_the_pending_sign_in_and_cancel_ends_it(
    ctx: GuiContext, config_file: Path, browser, memory_keyring, qtbot, tmp_path: Path
):
    # A keyring: without one, connecting stops before the browser (issue 12).
    port = redirect_port()
    use_apps(ctx, port)
    page = AccountsPage(ctx, sign_in_timeout=30)
    qtbot.addWidget(page)
    page.resize(720, 560)
    page.show()
    page.boxes[Network.X].connect_button.click()
    assert page.pending.isVisible()
    assert page.pending_label.text() == "Waiting for the browser sign-in to X…"
    qtbot.waitUntil(lambda: page.address.text().startswith("https://x.com/i/oauth2/authorize?"))
    qtbot.waitUntil(lambda: bool(browser.urls))
    assert browser.urls == [page.address.text()]  # the browser got exactly the address shown
    assert f"127.0.0.1%3A{port}%2Fcallback" in page.address.text()
    assert not page.boxes[Network.LINKEDIN].connect_button.isEnabled()  # one sign-in at a time
    page.grab().save(str(tmp_path / "settings-sign-in-pending.png"))
    page.cancel_button.click()
    qtbot.waitUntil(lambda: page.sign_in is None, timeout=5_000)
    assert not page.pending.isVisible()
    assert page.message.text() == "Sign-in cancelled." and not page.message.is_error
    assert page.boxes[Network.X].state.text() == "Not connected"
    qtbot.waitUntil(lambda: port_is_free(port), timeout=5_000)  # the receiver let go of its port


def test_linkedin_asks_for_its_client_secret_on_the_gui_thread(
    ctx: GuiContext, config_file: Path, browser, memory_keyring, qtbot
):
    use_apps(ctx, redirect_port())
    page = AccountsPage(ctx, sign_in_timeout=30)
    qtbot.addWidget(page)
    page.show()
    page.boxes[Network.LINKEDIN].connect_button.click()
    sign_in = page.sign_in
    assert sign_in is not None
    qtbot.waitUntil(lambda: sign_in.secret_dialog is not None and sign_in.secret_dialog.isVisible())
    dialog = sign_in.secret_dialog
    assert dialog is not None and dialog.textEchoMode() == QLineEdit.EchoMode.Password
    assert dialog.labelText() == "LinkedIn client secret (from your app's Auth tab)"
    dialog.setTextValue("the-app-secret")
    dialog.accept()
    qtbot.waitUntil(
        lambda: page.address.text().startswith("https://www.linkedin.com/oauth/v2/authorization?")
    )
    page.cancel_button.click()
    qtbot.waitUntil(lambda: page.sign_in is None, timeout=5_000)
    assert page.message.text() == "Sign-in cancelled."
    assert memory_keyring.entries.get("somedesk", {}) == {}  # kept only once a sign-in has worked


def test_cancel_while_the_secret_is_asked(ctx: GuiContext, config_file: Path, memory_keyring, qtbot):
    use_apps(ctx, redirect_port())
    page = AccountsPage(ctx, sign_in_timeout=30)
    qtbot.addWidget(page)
    page.show()
    page.boxes[Network.LINKEDIN].connect_button.click()
    sign_in = page.sign_in
    assert sign_in is not None
    qtbot.waitUntil(lambda: sign_in.secret_dialog is not None)
    page.cancel_button.click()
    qtbot.waitUntil(lambda: page.sign_in is None, timeout=5_000)
    assert page.message.text() == "Sign-in cancelled."


def test_a_sign_in_without_a_client_id_says_what_to_do(ctx: GuiContext, window: SettingsWindow, qtbot):
    page = window.accounts
    box = page.boxes[Network.X]
    assert not box.own_app.isVisible()  # no client IDs in sight unless asked for
    box.connect_button.click()
    assert page.sign_in is None
    assert page.message.is_error
    assert page.message.text() == (
        "No X app is set up for you yet: join your organisation's team file, or enter your own app's "
        "client ID."
    )
    assert box.own_app.isVisible() and box.own_app_button.isChecked()


def test_lunch_switched_off(ctx: GuiContext, window: SettingsWindow, config_file: Path):
    page = window.routine
    page.usual.lunch.set_value(None, ClockWindow(time(11, 30), time(12, 0)))
    assert page.usual.value().lunch is None
    assert page.apply()
    assert 'lunch = []                 # "on the way to lunch"' in config_file.read_text(encoding="utf-8")
    assert ctx.app.config.routine.default_day.lunch is None


# Start-up: the applications menu ------------------------------------------------------------------


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    monkeypatch.delenv("SOMEDESK_HOME", raising=False)
    return tmp_path / "share"


def test_the_menu_entry_is_added_and_removed_from_settings(data_home: Path, ctx: GuiContext, qtbot):
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.publishing
    window.show_page(page)
    entry = data_home / "applications" / "io.github.somedesk.Somedesk.desktop"
    assert page.launcher.isVisible() and not page.launcher.isChecked()
    page.launcher.click()
    assert entry.is_file() and launcher.icon_file().is_file()
    assert page.message.text() == "somedesk is now in your applications menu." and not page.message.is_error
    page.launcher.click()
    assert not entry.exists() and not launcher.icon_file().exists()
    assert page.message.text() == "somedesk is no longer in your applications menu."


def test_a_menu_entry_that_cannot_be_written_says_why_and_stays_unticked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ctx: GuiContext, qtbot
):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    page = window.publishing
    page.launcher.click()
    assert not page.launcher.isChecked() and page.message.is_error
    assert page.message.text().startswith(f"Could not write {blocked}/")


def test_a_flatpak_has_its_own_menu_entry_so_the_box_is_hidden(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, ctx: GuiContext, qtbot
):
    monkeypatch.setenv("FLATPAK_ID", "io.github.somedesk.Somedesk")
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.publishing)
    assert not window.publishing.launcher.isVisible()
    assert window.publishing.autostart.isVisible()


def test_where_starting_at_login_is_not_done_the_box_is_hidden(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, ctx: GuiContext, qtbot
):
    monkeypatch.setattr(sys, "platform", "win32")
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.publishing)
    assert not window.publishing.autostart.isVisible() and not window.publishing.launcher.isVisible()
