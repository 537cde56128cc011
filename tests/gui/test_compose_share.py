"""Quick post's "Share to the team on Slack": shown only with a webhook set up, starting as [share] says,
and the choice kept on the draft so the real publisher shares (or not) to a local fake webhook."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from somedesk.app.services import Somedesk
from somedesk.core.config import ShareSettings
from somedesk.core.drafts import PublicationState
from somedesk.gui.app import DesktopApp
from somedesk.gui.compose.window import QuickPostWindow
from somedesk.networks.credentials import SecretName, Secrets
from tests.contract.test_slack import FakeWebhook
from tests.gui.test_compose import open_window, settle, write
from tests.keyrings import MemoryKeyring


@pytest.fixture
def hook(memory_keyring: MemoryKeyring) -> Iterator[FakeWebhook]:
    with FakeWebhook() as fake:
        Secrets(memory_keyring).set_app(SecretName.SLACK_WEBHOOK, fake.url)
        yield fake


def sharing(app: Somedesk, enabled: bool) -> None:
    app.use_config(dataclasses.replace(app.config, share=ShareSettings(enabled=enabled)))


@pytest.fixture
def desktop(make_app, qapp, qtbot) -> Iterator[DesktopApp]:
    """The real GUI wiring: Post now runs the real publisher (the sandbox) and its share hook."""
    desktop = DesktopApp(qapp, make_app())
    yield desktop


def quick_post(desktop: DesktopApp, qtbot) -> QuickPostWindow:
    desktop.open_window("quick-post")
    window = desktop.windows["quick-post"]
    assert isinstance(window, QuickPostWindow)
    qtbot.addWidget(window)
    settle(qtbot, window)
    return window


def post_now(desktop: DesktopApp, window: QuickPostWindow, text: str, qtbot) -> None:
    write(qtbot, window, text)
    window.post_button.click()
    draft = next(d for d in desktop.app.drafts() if d.text == text)
    publication_id = draft.publications[0].id
    qtbot.waitUntil(
        lambda: desktop.app.store.publication(publication_id).state is PublicationState.PUBLISHED,
        timeout=5000,
    )
    qtbot.waitUntil(lambda: window.status.text() == "Posted to Sandbox.")


def test_off_shares_nothing_and_on_shares_once(desktop, hook, qtbot):
    sharing(desktop.app, True)
    window = quick_post(desktop, qtbot)
    assert window.share.isVisible() and window.share.isChecked()  # [share] enabled is the default

    write(qtbot, window, "Not for the team")
    window.share.click()  # off for this post
    assert not window.share.isChecked()
    post_now(desktop, window, "Not for the team", qtbot)
    assert window.share.isChecked()  # the next post starts from the default again

    sharing(desktop.app, False)
    window.share.reset()
    assert not window.share.isChecked()
    write(qtbot, window, "For the team")
    window.share.click()  # on, although sharing is off in the config
    post_now(desktop, window, "For the team", qtbot)
    qtbot.waitUntil(lambda: len(hook.messages) == 1, timeout=5000)
    qtbot.wait(200)  # a share of the first post would have come by now
    (message,) = hook.messages
    assert message.startswith("New Sandbox post: For the team ")
    settle(qtbot, window)
    window.close()


def test_the_choice_is_kept_on_the_draft_and_on_a_new_one_that_replaces_it(ctx, hook, qtbot):
    window = open_window(ctx, qtbot)
    assert window.share.isVisible() and not window.share.isChecked()
    window.share.click()  # chosen before there is any text, so before there is a draft
    write(qtbot, window, "Keep my choice")
    window.autosave()
    window.save_button.click()  # saves (with the chosen networks) and closes
    (draft,) = ctx.app.drafts()
    assert draft.share is True

    # Scheduling from Quick post stores it too (the publisher reads it when the moment comes).
    again = open_window(ctx, qtbot)
    assert not again.share.isChecked()  # a fresh post
    write(qtbot, again, "Scheduled without sharing")
    again.share.click()
    again.share.click()
    again.schedule_at(again.moments.upcoming()[0])
    qtbot.waitUntil(lambda: not again.isVisible(), timeout=5000)
    scheduled = next(d for d in ctx.app.drafts() if d.text == "Scheduled without sharing")
    assert scheduled.share is False
    assert scheduled.publications[0].state is PublicationState.SCHEDULED


def test_without_a_webhook_the_box_is_hidden(ctx, memory_keyring, qtbot):
    window = open_window(ctx, qtbot)
    assert not window.share.isVisible()
    write(qtbot, window, "Nothing to share to")
    window.save_button.click()
    (draft,) = ctx.app.drafts()
    assert draft.share is None  # follows the config
