"""Quick post keeps unsent text across close and reopen, says where a post went once it closes (the
tray's message, with Undo), and says on the window why LinkedIn or X cannot be ticked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from somedesk.core.accounts import Account, AccountState
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.gui.compose.window import UNSENT_KEY
from somedesk.gui.context import GuiContext
from somedesk.gui.tray import Tray
from somedesk.store.publishing import PublishingRecords
from tests.gui.test_compose import open_window, settle, write

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)


def test_unsent_text_comes_back_until_it_is_sent_or_saved(ctx: GuiContext, qtbot):
    window = open_window(ctx, qtbot)
    write(qtbot, window, "Half a thought")
    window.close()
    window.show()
    settle(qtbot, window)
    assert window.editor.toPlainText() == "Half a thought"
    write(qtbot, window, "Half a thought, finished")
    window.close()
    assert [d.text for d in ctx.app.drafts()] == ["Half a thought, finished"]  # one draft, edited
    window.show()
    settle(qtbot, window)
    window.save_button.click()  # saved on purpose: the next Quick post is a new one
    assert ctx.app.store.setting(UNSENT_KEY) is None
    window.show()
    settle(qtbot, window)
    assert window.editor.toPlainText() == "" and window.draft_id is None


def test_an_unsent_draft_scheduled_elsewhere_does_not_come_back(ctx: GuiContext, qtbot):
    window = open_window(ctx, qtbot)
    write(qtbot, window, "Planned from the planner")
    window.close()
    [draft] = ctx.app.drafts()
    ctx.app.schedule_at(draft.id, datetime(2026, 12, 7, 9, 30, tzinfo=UTC))
    window.show()
    settle(qtbot, window)
    assert window.editor.toPlainText() == ""


def test_scheduling_says_where_it_went_and_undo_brings_it_back(ctx: GuiContext, qtbot):
    window = open_window(ctx, qtbot)
    write(qtbot, window, "Lunchtime thought")
    with qtbot.waitSignal(ctx.bridge.confirmed) as confirmed:
        window.run_default()
    qtbot.waitUntil(lambda: not window.isVisible())
    line, undo = confirmed.args
    assert line == "Scheduled for Mon 11:30 (Lunch)"
    [draft] = ctx.app.drafts()
    assert draft.publications[0].state is PublicationState.SCHEDULED

    tray = Tray(ctx, lambda: None)
    ctx.bridge.confirmed.emit(line, undo)  # what the tray shows, and what clicking it does
    assert tray.last_message == "Scheduled for Mon 11:30 (Lunch) — click to undo"
    tray.icon.messageClicked.emit()
    assert ctx.app.draft(draft.id).publications[0].state is PublicationState.DRAFT
    assert ctx.opened == ["quick-post"]  # type: ignore[attr-defined]
    window.show()  # what gui/app.py's open_window does
    settle(qtbot, window)
    assert window.editor.toPlainText() == "Lunchtime thought" and window.draft_id == draft.id
    tray.icon.messageClicked.emit()  # clicking an old message again does nothing more
    assert ctx.opened == ["quick-post"]  # type: ignore[attr-defined]


def test_saving_a_draft_is_confirmed_without_undo(ctx: GuiContext, qtbot):
    window = open_window(ctx, qtbot)
    write(qtbot, window, "For later")
    with qtbot.waitSignal(ctx.bridge.confirmed) as confirmed:
        window.save_button.click()
    assert confirmed.args == ["Saved as a draft: it waits in the planner.", None]


def test_the_window_says_why_a_network_is_unavailable(ctx: GuiContext, qtbot):
    window = open_window(ctx, qtbot)
    assert window.unavailable.isVisible()
    assert window.unavailable.text() == (
        'Not connected: LinkedIn, X. <a href="accounts">Open Settings → Accounts</a>'
    )
    window.unavailable.linkActivated.emit("accounts")
    assert ctx.opened == ["settings:accounts"]  # type: ignore[attr-defined]
    records = PublishingRecords(ctx.app.store)
    expired = Account(Network.LINKEDIN, "Ada", "1", NOW - timedelta(days=1), AccountState.CONNECTED, NOW)
    records.save_account(expired, NOW)
    records.save_account(Account(Network.X, "@ada", "2", None, AccountState.CONNECTED, NOW), NOW)
    ctx.notify_changed()
    assert window.unavailable.text().startswith("Needs signing in again: LinkedIn.")
    records.save_account(Account(Network.LINKEDIN, "Ada", "1", None, AccountState.CONNECTED, NOW), NOW)
    ctx.notify_changed()
    assert not window.unavailable.isVisible()
