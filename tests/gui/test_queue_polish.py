"""The queue shows each network's icon, offers Edit, and offers Retry only when it can succeed: not
while the policy still blocks the text, nor while the network's sign-in is missing."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPixmap

from somedesk.app.services import Somedesk
from somedesk.core.accounts import Account, AccountState
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.gui.context import GuiContext
from somedesk.gui.queue import QueueWindow
from somedesk.gui.queue_model import Column
from somedesk.store.publishing import PublishingRecords
from tests.gui.test_queue import cell, select

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
HETU = "131052-308T"


def failed(app: Somedesk, text: str, network: Network, code: str) -> int:
    draft = app.add_draft(text, [network])
    # Straight into the store: a post scheduled before the policy named its words (the gate refuses
    # them now), which then failed at its moment.
    at = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    app.store.schedule(draft.publications[0].id, at, None, "Chosen time", NOW)
    records = PublishingRecords(app.store)
    publication_id = draft.publications[0].id
    begun = records.begin(publication_id, NOW, os.getpid(), lambda _pid: False)
    records.finish(publication_id, begun.attempt_id, PublicationState.FAILED, NOW, outcome=code, reason="no")
    return draft.id


def texts(window: QueueWindow) -> list[str]:
    return [cell(window, r, Column.TEXT) for r in range(window.proxy.rowCount())]


def open_queue(ctx: GuiContext, qtbot) -> QueueWindow:
    window = QueueWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_network_icons_in_the_network_column(ctx: GuiContext, qtbot):
    ctx.app.add_draft("To LinkedIn", [Network.LINKEDIN])
    ctx.app.add_draft("To both", [Network.LINKEDIN, Network.X])
    window = open_queue(ctx, qtbot)
    icons = {}
    for r in range(window.proxy.rowCount()):
        text = str(window.proxy.index(r, Column.TEXT).data())
        icons[text] = window.proxy.index(r, Column.NETWORK).data(Qt.ItemDataRole.DecorationRole)
    one = icons["To LinkedIn"]
    assert isinstance(one, QIcon) and not one.isNull()
    image = one.pixmap(16, 16).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    assert image.pixelColor(8, 3).name() == "#0a66c2"  # LinkedIn's blue, not a blank square
    both = icons["To both"]
    assert isinstance(both, QPixmap) and both.width() > 2 * both.height() - 1


def test_edit_changes_the_text_in_place(ctx: GuiContext, qtbot):
    draft = ctx.app.add_draft("A typo hre", [Network.X])
    window = open_queue(ctx, qtbot)
    select(window, "A typo hre")
    assert window.edit_button.isEnabled()
    window.edit_button.click()
    dialog = window.edit_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.editor.setPlainText("A typo here")
    dialog.save()
    assert ctx.app.draft(draft.id).text == "A typo here"
    assert window.message.text() == "Saved the new text."


def test_no_retry_while_the_policy_still_blocks_the_text(ctx: GuiContext, qtbot):
    draft_id = failed(ctx.app, f"My id is {HETU}", Network.X, "policy")
    records = PublishingRecords(ctx.app.store)
    records.save_account(Account(Network.X, "@me", "1", None, AccountState.CONNECTED, NOW), NOW)
    window = open_queue(ctx, qtbot)
    # The policy's marks come from a worker thread: wait for the row's ⛔ before selecting it.
    qtbot.waitUntil(lambda: f"⛔ My id is {HETU}" in texts(window))
    select(window, f"⛔ My id is {HETU}")
    assert window.publish_button.text() == "Retry"
    qtbot.waitUntil(lambda: "Checking" not in window.details.text())
    assert not window.publish_button.isEnabled()
    assert window.details.text().endswith(
        "Retry would be refused again: the policy blocks this text. Edit it first."
    )
    assert window.edit_button.isEnabled()
    ctx.app.edit_draft(draft_id, "My id is private")
    ctx.notify_changed()
    qtbot.waitUntil(lambda: "My id is private" in texts(window))  # reloaded, and its mark gone
    select(window, "My id is private")
    qtbot.waitUntil(lambda: window.publish_button.isEnabled())
    assert "Retry would" not in window.details.text()


def test_no_retry_while_the_sign_in_is_missing(ctx: GuiContext, qtbot):
    failed(ctx.app, "Refused for its token", Network.LINKEDIN, "auth")
    window = open_queue(ctx, qtbot)
    select(window, "Refused for its token")
    assert not window.publish_button.isEnabled()
    assert window.publish_button.toolTip() == (
        "Retry would fail again: connect LinkedIn in Settings → Accounts first."
    )
    records = PublishingRecords(ctx.app.store)
    records.save_account(Account(Network.LINKEDIN, "Ada", "1", None, AccountState.CONNECTED, NOW), NOW)
    ctx.notify_changed()
    select(window, "Refused for its token")
    assert window.publish_button.isEnabled()
