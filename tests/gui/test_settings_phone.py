"""Settings → Phone against the fake ntfy server: set up, the QR code to subscribe, a test, switch off."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from somedesk.core.phone_settings import PhoneSettings
from somedesk.gui.context import GuiContext
from somedesk.gui.settings.phone import PhonePage, qr_png
from somedesk.networks.credentials import SecretName
from tests.fakes.ntfy import FakeNtfy
from tests.keyrings import MemoryKeyring

TOPIC = "sd_gui_Hq2x8"


@pytest.fixture
def fake() -> Iterator[FakeNtfy]:
    with FakeNtfy() as server:
        yield server


@pytest.fixture
def page(ctx: GuiContext, fake: FakeNtfy, memory_keyring: MemoryKeyring, qtbot) -> PhonePage:
    ctx.app.use_config(replace(ctx.app.config, phone=PhoneSettings(server=fake.base_url)))
    shown = PhonePage(ctx)
    qtbot.addWidget(shown)
    shown.resize(760, 640)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: shown.state.text() == "Not set up.")
    return shown


def test_set_up_subscribe_test_and_switch_off(
    page: PhonePage, ctx: GuiContext, fake: FakeNtfy, qtbot, tmp_path: Path
):
    assert not page.test_button.isEnabled() and not page.show_code.isEnabled()
    page.topic.setText(TOPIC)
    page.setup_button.click()
    qtbot.waitUntil(lambda: page.message.text().startswith("Your phone is set up"))
    assert ctx.app.phone.secrets.get_app(SecretName.PHONE_TOPIC) == TOPIC
    assert page.topic.text() == ""  # not left on screen
    qtbot.waitUntil(lambda: page.test_button.isEnabled())
    assert page.state.text().startswith("Reminders the server holds for you: 0")

    page.show_code.setChecked(True)
    qtbot.waitUntil(lambda: page.code.pixmap() is not None and not page.code.pixmap().isNull())
    assert TOPIC in page.code_text.text() and TOPIC + "-inbox" in page.code_text.text()
    assert page.code_text.toolTip() == f"ntfy://127.0.0.1:{fake.port}/{TOPIC}?secure=false"
    page.grab().save(str(tmp_path / "settings-phone.png"))

    page.test_button.click()
    qtbot.waitUntil(lambda: page.message.text() == "Sent a test message to your phone.")
    assert [m.title for m in fake.delivered(TOPIC)] == ["somedesk"]

    page.off_button.click()
    qtbot.waitUntil(lambda: page.state.text() == "Not set up.")
    assert ctx.app.phone.secrets.get_app(SecretName.PHONE_TOPIC) is None


def test_a_server_that_cannot_be_reached_is_said_in_place(page: PhonePage, fake: FakeNtfy, qtbot):
    page.topic.setText(TOPIC)
    page.setup_button.click()
    qtbot.waitUntil(lambda: page.test_button.isEnabled())
    fake.close()
    page.test_button.click()
    qtbot.waitUntil(lambda: page.message.is_error)
    assert page.message.text().startswith("could not send to your phone") and TOPIC not in page.message.text()


def test_a_bad_topic_is_refused_in_place(page: PhonePage, qtbot):
    page.topic.setText("no spaces allowed")
    page.setup_button.click()
    qtbot.waitUntil(lambda: page.message.is_error)
    assert "1–58 letters" in page.message.text()


def test_the_qr_code_is_a_png() -> None:
    assert qr_png("ntfy://ntfy.sh/somedesk_x").startswith(b"\x89PNG")
