"""The Queue window: what it lists, its filters, its actions, and that it follows the store live."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from somedesk.app.services import Somedesk
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.gui.context import GuiContext
from somedesk.gui.queue import QueueWindow
from somedesk.gui.queue_model import Column, QueueFilter
from somedesk.store.publishing import PublishingRecords

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # the `make_app` clock: Monday 09:00 in Helsinki
REASON = "LinkedIn refused the post: it is a duplicate of one already on your feed"


def finish(
    app: Somedesk,
    publication_id: int,
    state: PublicationState,
    *,
    url: str | None = None,
    reason: str | None = None,
) -> None:
    """Move a publication through an attempt to `state`, as the publisher would."""
    records = PublishingRecords(app.store)
    begun = records.begin(publication_id, NOW, os.getpid(), lambda _pid: False)
    records.finish(publication_id, begun.attempt_id, state, NOW, outcome=state.value, url=url, reason=reason)


def fill(app: Somedesk) -> dict[str, int]:
    """One draft, one scheduled, one published, one failed and one missed publication."""
    draft = app.add_draft("Still thinking about this one", [Network.LINKEDIN])
    scheduled = app.add_draft("Monday thoughts on small habits", [Network.X])
    app.schedule_at(scheduled.id, datetime(2026, 12, 7, 14, 0, tzinfo=UTC))
    published = app.add_draft("We shipped the thing!", [Network.X])
    finish(app, published.publications[0].id, PublicationState.PUBLISHED, url="https://x.com/me/status/42")
    failed = app.add_draft("A post LinkedIn did not take", [Network.LINKEDIN])
    app.schedule_at(failed.id, datetime(2026, 12, 7, 9, 30, tzinfo=UTC))
    finish(app, failed.publications[0].id, PublicationState.FAILED, reason=REASON)
    missed = app.add_draft("Missed my commute", [Network.X])
    app.schedule_at(missed.id, datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    app.store.mark_missed(missed.publications[0].id, "the laptop was asleep at 10:00", NOW)
    return {
        "draft": draft.id,
        "scheduled": scheduled.id,
        "published": published.id,
        "failed": failed.id,
        "missed": missed.id,
    }


def cell(window: QueueWindow, row: int, column: Column) -> str:
    return str(window.proxy.index(row, column).data())


def table(window: QueueWindow) -> list[tuple[str, str, str]]:
    """(text, state, reason or address) of every row the current tab shows, in view order."""
    return [
        (cell(window, r, Column.TEXT), cell(window, r, Column.STATE), cell(window, r, Column.DETAIL))
        for r in range(window.proxy.rowCount())
    ]


def select(window: QueueWindow, text: str) -> None:
    for r in range(window.proxy.rowCount()):
        if cell(window, r, Column.TEXT) == text:
            window.table.selectRow(r)
            return
    raise AssertionError(f"no row {text!r} in {table(window)}")


@pytest.fixture
def window(ctx: GuiContext, qtbot) -> QueueWindow:
    fill(ctx.app)
    shown = QueueWindow(ctx)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_lists_drafts_scheduled_published_and_failed_with_reasons(window: QueueWindow, tmp_path: Path):
    rows = table(window)
    assert rows == [  # by time: published 09:00, missed 10:00, failed 11:30, scheduled 16:00, then drafts
        ("We shipped the thing!", "Published", "https://x.com/me/status/42"),
        ("Missed my commute", "Missed", "the laptop was asleep at 10:00"),
        ("A post LinkedIn did not take", "Failed", REASON),
        ("Monday thoughts on small habits", "Scheduled", ""),
        ("Still thinking about this one", "Draft", ""),
    ]
    # Times are wall-clock in the routine's zone (Helsinki, UTC+2 in December).
    scheduled_row = next(r for r in range(5) if cell(window, r, Column.STATE) == "Scheduled")
    assert cell(window, scheduled_row, Column.WHEN) == "Mon 7 Dec 16:00"
    assert cell(window, 4, Column.NETWORK) == "LinkedIn"
    assert window.tabs.tabText(4) == "Needs a decision (2)"
    QApplication.processEvents()
    window.grab().save(str(tmp_path / "queue.png"))


def test_filters(window: QueueWindow):
    expected = {
        QueueFilter.DRAFTS: ["Still thinking about this one"],
        QueueFilter.SCHEDULED: ["Monday thoughts on small habits"],
        QueueFilter.PUBLISHED: ["We shipped the thing!"],
        QueueFilter.DECISION: ["Missed my commute", "A post LinkedIn did not take"],
    }
    for which, texts in expected.items():
        window.show_filter(which)
        assert [row[0] for row in table(window)] == texts
    window.show_filter(QueueFilter.ALL)
    assert len(table(window)) == 5


def test_a_failed_post_shows_its_reason_and_retry_calls_publish(
    ctx: GuiContext, window: QueueWindow, tmp_path, qtbot
):
    window.show_filter(QueueFilter.DECISION)
    select(window, "A post LinkedIn did not take")
    assert REASON in window.details.text()
    assert window.publish_button.text() == "Retry" and window.publish_button.isEnabled()
    assert not window.open_button.isEnabled()
    QApplication.processEvents()
    window.grab().save(str(tmp_path / "queue-failed.png"))
    window.publish_button.click()
    qtbot.waitUntil(lambda: bool(ctx.published))  # type: ignore[attr-defined]  # after the gate
    failed = ctx.app.draft(next(d.id for d in ctx.app.drafts() if d.text.startswith("A post"))).publications[
        0
    ]
    assert ctx.published == [failed.id]  # type: ignore[attr-defined]
    assert "Publishing on LinkedIn" in window.message.text()


def test_updates_live_when_the_runtime_publishes(ctx: GuiContext, window: QueueWindow):
    select(window, "Monday thoughts on small habits")
    scheduled = next(d for d in ctx.app.drafts() if d.text.startswith("Monday")).publications[0]
    # What the runtime does on its worker thread: publish, then tell the GUI through the bridge.
    finish(ctx.app, scheduled.id, PublicationState.PUBLISHED, url="https://x.com/me/status/43")
    ctx.notify_changed()
    assert ("Monday thoughts on small habits", "Published", "https://x.com/me/status/43") in table(window)
    selected = window.selected_row()
    assert selected is not None and selected.draft.text.startswith("Monday")  # the selection stayed
    ctx.app.add_draft("A new idea", [])
    ctx.notify_changed()
    assert ("A new idea", "Draft", "") in table(window)
    assert cell(window, window.proxy.rowCount() - 1, Column.NETWORK) == "no network yet"


def test_published_rows_open_their_address(window: QueueWindow, browser, qtbot):
    select(window, "We shipped the thing!")
    assert window.open_button.isEnabled()
    window.open_button.click()
    row = next(r for r in range(window.proxy.rowCount()) if cell(window, r, Column.STATE) == "Published")
    index = window.proxy.index(row, Column.TEXT)
    window.table.doubleClicked.emit(index)
    assert browser.urls == ["https://x.com/me/status/42"] * 2


def test_move_to_next_moment_and_back_to_drafts(ctx: GuiContext, window: QueueWindow, qtbot):
    select(window, "Missed my commute")
    window.next_button.click()
    qtbot.waitUntil(lambda: window.message.text().startswith("Scheduled:"))
    # Monday already has an X post (14:00): the engine spreads them, so Tuesday lunch.
    assert "X Tue 8 Dec 11:30" in window.message.text()
    row = window.selected_row()
    assert row is not None and row.state is PublicationState.SCHEDULED  # followed the store, still selected
    window.unschedule_button.click()
    assert window.message.text() == "Back in the drafts."
    assert ("Missed my commute", "Draft", "") in table(window)


def test_moving_a_draft_without_networks_is_not_offered(ctx: GuiContext, window: QueueWindow):
    ctx.app.add_draft("No network", [])
    window.reload()
    select(window, "No network")
    assert not window.next_button.isEnabled() and not window.publish_button.isEnabled()


def test_errors_are_shown_in_place(ctx: GuiContext, window: QueueWindow, qtbot, monkeypatch):
    select(window, "Monday thoughts on small habits")
    # Someone else (the runtime) publishes it between the click and the change: the store refuses.
    scheduled = next(d for d in ctx.app.drafts() if d.text.startswith("Monday")).publications[0]
    finish(ctx.app, scheduled.id, PublicationState.PUBLISHED, url="https://x.com/me/status/44")
    window.unschedule_button.click()
    assert window.message.text().endswith("it stays published on X: https://x.com/me/status/44")
    assert "c62828" in window.message.styleSheet()


def test_delete_asks_first(ctx: GuiContext, window: QueueWindow, monkeypatch):
    select(window, "Still thinking about this one")
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args: next(answers))
    window.delete_button.click()
    assert len(ctx.app.drafts()) == 5
    window.delete_button.click()
    assert [d.text for d in ctx.app.drafts()].count("Still thinking about this one") == 0
    assert "Still thinking about this one" not in [row[0] for row in table(window)]
