"""The planner's Review panel: the shown week's posts against targets, moments used and missed, and reply
reminders, in plain words; it follows the week shown and the store.

The clock is Monday 2026-12-07 07:00 UTC (09:00 in Helsinki); lunch is 11:30-12:00, commutes 07:45 and 16:45.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta

from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.core.routine import local_instant
from somedesk.core.week_plan import week_bounds
from somedesk.gui.context import GuiContext
from somedesk.store.publishing import PublishingRecords
from tests.gui.conftest import settle_planner

from .conftest import HELSINKI

MONDAY = date(2026, 12, 7)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return local_instant(day, time(hour, minute), HELSINKI)


def published(ctx: GuiContext, text: str, network: Network, at: datetime) -> int:
    """A post scheduled at `at` and published then, recorded as the publisher records it."""
    draft = ctx.app.add_draft(text, [network])
    (item,) = ctx.app.schedule_at(draft.id, at)
    records = PublishingRecords(ctx.app.store)
    begun = records.begin(item.publication.id, at, os.getpid(), lambda _pid: True)
    records.finish(
        item.publication.id, begun.attempt_id, PublicationState.PUBLISHED, at, outcome="ok", url="u"
    )
    return item.publication.id


def missed(ctx: GuiContext, text: str, network: Network, at: datetime) -> None:
    draft = ctx.app.add_draft(text, [network])
    (item,) = ctx.app.schedule_at(draft.id, at)
    ctx.app.store.mark_missed(item.publication.id, "the laptop slept", at + timedelta(hours=1))


def test_the_panel_is_hidden_until_review_is_pressed(ctx, open_planner, qtbot):
    window = open_planner()
    assert not window.review_panel.isVisible() and window.review_button.isCheckable()
    window.review_button.click()
    settle_planner(window, qtbot)
    assert window.review_panel.isVisible() and window.review_panel.review is not None
    # Really on screen beside the week: a splitter gives a pane hidden at layout time no width.
    assert window.review_panel.width() >= 200
    assert window.scroller.width() >= window.scroller.minimumSizeHint().width()
    window.review_button.click()
    assert not window.review_panel.isVisible()


def test_the_review_shows_the_weeks_posts_moments_missed_and_reminders(ctx, open_planner, qtbot):
    lunch = published(ctx, "Lunch post", Network.LINKEDIN, local(MONDAY, 11, 30))
    ctx.app.store.claim_notice("reply", f"{lunch}:0", local(MONDAY, 11, 50))
    published(ctx, "Tuesday lunch", Network.LINKEDIN, local(MONDAY + timedelta(days=1), 11, 35))
    missed(ctx, "Commute post", Network.X, local(MONDAY, 16, 45))
    later = ctx.app.add_draft("Friday", [Network.X])
    ctx.app.schedule_at(later.id, local(MONDAY + timedelta(days=4), 11, 30))
    window = open_planner()
    window.review_button.click()
    settle_planner(window, qtbot)

    panel = window.review_panel
    total = len(ctx.app.moments(*week_bounds(MONDAY, HELSINKI)).moments)
    assert panel.title.text() == "This week so far"
    assert panel.posts.text() == "LinkedIn: 2 of 3 posted\nX: 0 of 5 posted (1 more scheduled)"
    assert panel.moments.text() == f"You posted in 2 of {total} moments."
    assert panel.missed.text().splitlines()[0] == "Missed: 1 — they wait in the Queue."
    assert "16:45 · X" in panel.missed.text()
    assert panel.replies.text() == "Posts with a reply reminder: 1"


def test_navigating_weeks_and_store_changes_update_the_review(ctx, open_planner, qtbot):
    published(ctx, "Lunch post", Network.LINKEDIN, local(MONDAY, 11, 30))
    window = open_planner()
    window.review_button.click()
    settle_planner(window, qtbot)
    panel = window.review_panel
    assert panel.posts.text().startswith("LinkedIn: 1 of 3 posted")

    window.next_button.click()
    settle_planner(window, qtbot)
    assert panel.title.text() == "That week"
    assert panel.posts.text().startswith("LinkedIn: 0 of 3 posted")
    assert panel.moments.text().startswith("You posted in 0 of ")
    assert panel.missed.text() == "Nothing missed." and panel.replies.text() == "No reply reminders."
    assert (
        panel.review is not None
        and panel.review.start == week_bounds(MONDAY + timedelta(days=7), HELSINKI)[0]
    )

    missed(ctx, "Next week's commute", Network.X, local(MONDAY + timedelta(days=7), 16, 45))
    ctx.notify_changed()
    settle_planner(window, qtbot)
    assert panel.missed.text().startswith("Missed: 1")

    window.today_button.click()
    settle_planner(window, qtbot)
    assert (
        panel.posts.text().startswith("LinkedIn: 1 of 3 posted") and panel.missed.text() == "Nothing missed."
    )
