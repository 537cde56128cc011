"""The queue's "sent to your phone" state: what it says and its four choices (issue 15)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.gui.context import GuiContext
from somedesk.gui.queue import QueueWindow
from somedesk.gui.queue_model import Column
from somedesk.store.phone import PhoneRecords

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)


def sent_to_phone(ctx: GuiContext, text: str) -> int:
    draft = ctx.app.add_draft(text, [Network.X])
    publication_id = draft.publications[0].id
    ctx.app.schedule_at(draft.id, datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    PhoneRecords(ctx.app.store).mark_sent_to_phone(publication_id, "Sent to your phone", NOW)
    return publication_id


def test_a_post_sent_to_the_phone_offers_i_posted_it(ctx: GuiContext, qtbot, tmp_path: Path) -> None:
    publication_id = sent_to_phone(ctx, "Written on the tram")
    window = QueueWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    row = next(
        r for r in range(window.proxy.rowCount()) if "tram" in str(window.proxy.index(r, Column.TEXT).data())
    )
    assert window.proxy.index(row, Column.STATE).data() == "Sent to your phone"
    assert "your phone reminded you" in str(window.proxy.index(row, Column.DETAIL).data())
    assert not window.posted_button.isVisibleTo(window)
    window.table.selectRow(row)
    assert window.posted_button.isVisibleTo(window)
    for button in (window.publish_button, window.next_button, window.unschedule_button):
        assert button.isEnabled()  # Post now / Next moment / Back to drafts
    assert window.details.text().startswith("Sent to your phone · X")
    window.grab().save(str(tmp_path / "queue-sent-to-phone.png"))
    window.posted_button.click()
    qtbot.waitUntil(lambda: window.message.text() == "Marked as posted from your phone.")
    publication = ctx.app.store.publication(publication_id)
    assert publication.state is PublicationState.PUBLISHED
