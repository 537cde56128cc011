"""Settings → Accounts with a team file: "Your organisation: Contoso", one Connect per network, client IDs
only behind "Use your own app…", and joining a team file from the page."""

from __future__ import annotations

from pathlib import Path

from somedesk.core.model import Network
from somedesk.gui.context import GuiContext
from somedesk.gui.settings.accounts import AccountsPage
from somedesk.sources.configfile import load_config, starter_config
from tests.gui.conftest import HELSINKI

TEAM = """\
[organisation]
name = "Contoso"
[share]
template = "New {network} post: {url}"
[networks.linkedin]
client_id = "86teamapp"
[networks.x]
client_id = "team-x-app"
"""


def page_for(ctx: GuiContext, qtbot) -> AccountsPage:
    path = ctx.app.paths.config_file
    path.write_text(starter_config("Europe/Helsinki"), encoding="utf-8")
    ctx.app.use_config(load_config(path, HELSINKI))
    page = AccountsPage(ctx)
    qtbot.addWidget(page)
    page.resize(720, 640)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_joining_from_the_page_shows_the_organisation_and_hides_client_ids(
    ctx: GuiContext, qtbot, tmp_path: Path
):
    team = tmp_path / "team.toml"
    team.write_text(TEAM, encoding="utf-8")
    page = page_for(ctx, qtbot)
    assert (
        page.organisation.text() == "Your communications team may have a team file that sets everything up."
    )
    assert page.join_button.text() == "I have a team file…"
    page.run_team(str(team))
    qtbot.waitUntil(lambda: page.join_button.isEnabled(), timeout=10_000)
    assert not page.message.is_error, page.message.text()
    assert page.message.text().startswith("Set up by Contoso: ")
    assert page.organisation.text() == "Your organisation: Contoso"
    assert page.join_button.text() == "Update from the team file"
    assert ctx.app.config.network_settings(Network.X).client_id == "team-x-app"
    for network in (Network.LINKEDIN, Network.X):
        box = page.boxes[network]
        assert box.connect_button.isVisible() and box.connect_button.text() == "Connect…"
        assert not box.client_id.isVisible() and not box.own_app.isVisible()
        assert box.own_app_button.isVisible()
    sandbox = page.boxes[Network.SANDBOX]  # no app of its own: nothing of the kind shows, not even stray
    assert not any(w.isVisible() for w in (sandbox.client_id, sandbox.save_client_id, sandbox.own_app_button))
    box = page.boxes[Network.X]
    box.own_app_button.click()
    assert box.client_id.isVisible() and box.client_id.text() == "team-x-app"

    page.run_team(None)  # the same file again: nothing to change
    qtbot.waitUntil(lambda: page.join_button.isEnabled(), timeout=10_000)
    assert page.message.text().startswith("Set up by Contoso: ")


def test_a_bad_team_file_is_shown_in_place_and_changes_nothing(ctx: GuiContext, qtbot, tmp_path: Path):
    team = tmp_path / "team.toml"
    team.write_text('[organisation]\nname = "Contoso"\n[networks.x]\nclient_secret = "x"\n', encoding="utf-8")
    page = page_for(ctx, qtbot)
    before = ctx.app.paths.config_file.read_text(encoding="utf-8")
    page.run_team(str(team))
    qtbot.waitUntil(lambda: page.join_button.isEnabled(), timeout=10_000)
    assert page.message.is_error
    assert (
        page.message.text()
        == f"{team}: unknown key 'networks.x.client_secret' (X apps sign in without a secret)"
    )
    assert ctx.app.paths.config_file.read_text(encoding="utf-8") == before
    assert page.organisation.text().startswith("Your communications team may have")


def test_a_link_asks_before_joining(ctx: GuiContext, qtbot, tmp_path: Path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from somedesk.gui.app import DesktopApp

    team = tmp_path / "team.toml"
    team.write_text(TEAM, encoding="utf-8")
    page_for(ctx, qtbot)  # writes the starter config
    desktop = DesktopApp(QApplication.instance(), ctx.app)  # type: ignore[arg-type]
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):
        def question(_parent, _title, text, *_rest):
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert desktop.on_message(f"join:{team}") == "ok"
    qtbot.waitUntil(lambda: bool(asked))
    assert "It sets your policy, news feeds, Slack sharing" in asked[0]
    settings = desktop.windows["settings"]
    qtbot.addWidget(settings)
    assert settings.stack.currentWidget() is settings.accounts  # type: ignore[attr-defined]
    assert ctx.app.team.record() is None  # said no: nothing joined
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    desktop.offer_team_file(str(team))
    qtbot.waitUntil(lambda: ctx.app.team.organisation() == "Contoso", timeout=10_000)
    page = settings.accounts  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.join_button.isEnabled(), timeout=10_000)
