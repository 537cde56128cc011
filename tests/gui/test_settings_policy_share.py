"""Settings pages for what was config-only: Policy (source, built-in checks, "Try a text") and Share to
Slack (on/off, template, the webhook set, tested against a fake webhook on 127.0.0.1, and removed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from somedesk.core.policy import BUILTINS, Finding
from somedesk.gui.context import GuiContext
from somedesk.gui.policy_text import finding_message
from somedesk.gui.settings.policy import PolicyPage
from somedesk.gui.settings.share import SharePage
from somedesk.sources.configfile import load_config, starter_config
from tests.contract.test_slack import FakeWebhook
from tests.gui.conftest import HELSINKI

POLICY = '[[rule]]\nterms = ["asiak*"]\nseverity = "block"\nmessage = "Customer names need permission"\n'


@pytest.fixture
def config_file(ctx: GuiContext) -> Path:
    path = ctx.app.paths.config_file
    path.write_text(starter_config("Europe/Helsinki"), encoding="utf-8")
    ctx.app.use_config(load_config(path, HELSINKI))
    return path


@pytest.fixture
def hook() -> Iterator[FakeWebhook]:
    with FakeWebhook() as fake:
        yield fake


def shown(page, qtbot):
    qtbot.addWidget(page)
    page.resize(760, 620)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_policy_page_writes_source_and_builtin(ctx: GuiContext, config_file: Path, qtbot, tmp_path: Path):
    (tmp_path / "policy.toml").write_text(POLICY, encoding="utf-8")
    page = shown(PolicyPage(ctx), qtbot)
    assert page.source.text() == "" and page.builtin.isChecked()
    page.source.setText(str(tmp_path / "policy.toml"))
    page.builtin.setChecked(False)
    assert page.apply()
    text = config_file.read_text(encoding="utf-8")
    assert text.endswith(f'\n\n[policy]\nsource = "{tmp_path / "policy.toml"}"\nbuiltin = false\n')
    assert ctx.app.config.policy.builtin is False
    page.source.setText("")
    page.builtin.setChecked(True)
    assert page.apply()
    assert config_file.read_text(encoding="utf-8") == starter_config("Europe/Helsinki")


def test_try_a_text_uses_the_policy_as_the_page_shows_it(
    ctx: GuiContext, config_file: Path, qtbot, tmp_path: Path
):
    (tmp_path / "policy.toml").write_text(POLICY, encoding="utf-8")
    page = shown(PolicyPage(ctx), qtbot)
    page.source.setText(str(tmp_path / "policy.toml"))  # not applied: tried as it is
    page.sample.setPlainText("Met our asiakas today, write to ada@example.com")
    page.try_button.click()
    qtbot.waitUntil(lambda: page.try_button.isEnabled() and page.result.text() != "Checking…")
    assert page.result.text().splitlines() == [
        "2 things the policy flags:",
        "Fix: “asiakas” — Customer names need permission",
        "Check: “ada@example.com” — An e-mail address: share one only if its owner agreed",
    ]
    page.builtin.setChecked(False)
    page.try_button.click()
    qtbot.waitUntil(lambda: page.try_button.isEnabled() and page.result.text() != "Checking…")
    assert page.result.text().splitlines() == [
        "1 thing the policy flags:",
        "Fix: “asiakas” — Customer names need permission",
    ]
    page.source.setText("http://intranet.example.com/policy.toml")
    page.try_button.click()
    qtbot.waitUntil(lambda: page.try_button.isEnabled() and page.result.text() != "Checking…")
    assert page.result.text() == "a policy is only fetched over a secure connection (https://)"
    assert "[policy]" not in config_file.read_text(encoding="utf-8")  # trying never writes


def test_every_builtin_message_is_known_to_the_gui():
    """The GUI says each built-in rule's message again through tr(): untranslated, word for word."""
    for name, builtin in BUILTINS.items():
        finding = Finding(0, 1, "x", builtin.severity, builtin.message, f"builtin.{name}")
        assert finding_message(finding) == builtin.message


def test_share_page_on_off_and_template(ctx: GuiContext, config_file: Path, memory_keyring, qtbot):
    page = shown(SharePage(ctx), qtbot)
    qtbot.waitUntil(lambda: page.has_webhook is not None)
    assert not page.enabled.isChecked()
    page.enabled.setChecked(True)
    page.template.setText("{author} shared {url}")
    assert not page.apply()
    assert page.message.is_error
    assert page.message.text() == (
        "The message: unknown placeholder {author}; use {network}, {first_line}, {url}"
    )
    assert "[share]" not in config_file.read_text(encoding="utf-8")
    page.template.setText("New {network} post: {url}")
    assert page.apply()
    assert config_file.read_text(encoding="utf-8").endswith(
        '\n[share]\nenabled = true\ntemplate = "New {network} post: {url}"\n'
    )


def test_the_webhook_is_set_tested_and_removed_in_the_keyring(
    ctx: GuiContext, config_file: Path, memory_keyring, hook: FakeWebhook, qtbot
):
    page = shown(SharePage(ctx), qtbot)
    qtbot.waitUntil(lambda: page.has_webhook is False)
    assert page.webhook_state.text().startswith("No webhook yet")
    assert not page.test_button.isEnabled() and not page.remove_button.isEnabled()
    page.set_webhook("not a webhook")
    assert page.message.is_error and page.message.text().startswith("That is not a webhook address")
    page.set_webhook(hook.url)
    qtbot.waitUntil(lambda: page.has_webhook is True)
    assert memory_keyring.entries["somedesk"]["app:slack_webhook"] == hook.url
    assert page.message.text() == "Kept the webhook address in your keyring."
    assert hook.url not in page.webhook_state.text() and page.set_button.text() == "Replace…"
    page.test_button.click()
    qtbot.waitUntil(lambda: page.message.text().startswith("Sent a test message"), timeout=10_000)
    assert len(hook.messages) == 1
    hook.fail_next("hook", 403, "invalid_token")
    page.test_button.click()
    qtbot.waitUntil(lambda: page.message.is_error, timeout=10_000)
    assert page.message.text().startswith("The test message was not sent (")
    assert hook.url not in page.message.text()
    page.remove_button.click()
    qtbot.waitUntil(lambda: page.has_webhook is False)
    assert memory_keyring.entries["somedesk"] == {}
