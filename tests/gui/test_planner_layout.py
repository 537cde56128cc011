"""The planner never paints one thing over another's text, in a hard week: an all-day out-of-office,
15-minute stand-ups with their "Before …" moments, a workshop with a post on its start, Plan my week's
proposals, and Review open beside the week — at 1240 × 780 and 1280 × 800.

`text_overlaps` lists every place where something is painted over text; the first test shows it finds
such a place when there is one, so the others' empty lists mean something.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF

from somedesk.core.config import CalendarSettings
from somedesk.core.model import Network
from somedesk.core.routine import local_instant
from somedesk.gui.context import GuiContext
from somedesk.gui.planner.week_layout import (
    HEADER_HEIGHT,
    MIN_DAY_WIDTH,
    BusyItem,
    CardItem,
    text_overlaps,
)
from tests.gui.conftest import HELSINKI, settle_planner

MONDAY = date(2026, 12, 7)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return local_instant(day, time(hour, minute), HELSINKI)


def standups() -> str:
    return "".join(
        f"""BEGIN:VEVENT
UID:standup-{day}@somedesk.test
DTSTAMP:20261201T000000Z
SUMMARY:Stand-up
DTSTART:202612{day:02d}T070000Z
DTEND:202612{day:02d}T071500Z
END:VEVENT
"""
        for day in (7, 8, 10, 11)
    )


OUT_OF_OFFICE_WEEK = f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//somedesk//tests//EN
BEGIN:VEVENT
UID:ooo@somedesk.test
DTSTAMP:20261201T000000Z
SUMMARY:Out of office — Tampere offsite
X-MICROSOFT-CDO-BUSYSTATUS:OOF
DTSTART;VALUE=DATE:20261209
DTEND;VALUE=DATE:20261210
END:VEVENT
{standups()}BEGIN:VEVENT
UID:workshop@somedesk.test
DTSTAMP:20261201T000000Z
SUMMARY:Workshop: customer journeys
DTSTART:20261210T110000Z
DTEND:20261210T130000Z
END:VEVENT
END:VCALENDAR
"""


def hard_week(ctx: GuiContext, folder: Path) -> None:
    calendar = folder / "week.ics"
    calendar.write_text(OUT_OF_OFFICE_WEEK, encoding="utf-8")
    ctx.app.config = replace(ctx.app.config, calendars=CalendarSettings(sources=(str(calendar),)))
    workshop = ctx.app.add_draft("What our customers taught us this week", [Network.LINKEDIN])
    ctx.app.schedule_at(workshop.id, local(MONDAY + timedelta(days=3), 13, 0))
    both = ctx.app.add_draft("Lunch thoughts on small habits", [Network.LINKEDIN, Network.X])
    ctx.app.schedule_at(both.id, local(MONDAY, 11, 30))
    for n in range(6):
        ctx.app.add_draft(f"When we started the project, nobody believed it could work ({n})", [Network.X])


def test_the_check_finds_a_post_painted_over_a_title(ctx, open_planner):
    window = open_planner()
    layout = window.grid.week_layout
    title_rect = QRectF(100, 100, 80, 16)
    layout.busy.append(BusyItem(QRectF(95, 95, 100, 60), "Meeting", title_rect, "Meeting"))
    assert not [line for line in text_overlaps(layout) if "Meeting" in line]
    card = CardItem(QRectF(90, 98, 100, 32), (), "A post", "11:30", "11:30")
    layout.cards.append(card)
    assert "post 'A post' over busy 'Meeting''s text" in text_overlaps(layout)


@pytest.mark.parametrize("size", [(1240, 780), (1280, 800)])
def test_a_hard_week_paints_nothing_over_text(ctx, open_planner, qtbot, tmp_path, size):
    hard_week(ctx, tmp_path)
    window = open_planner()
    window.resize(*size)
    window.plan_button.click()
    settle_planner(window, qtbot)
    assert window.model.proposals
    layout = window.grid.week_layout
    assert text_overlaps(layout) == []
    # The all-day block is under the header and shows its title; the stand-ups keep theirs in the tooltip.
    ooo = [b for b in layout.busy if b.title.startswith("Out of office")]
    assert ooo and all(b.rect.top() >= HEADER_HEIGHT for b in ooo)
    assert ooo[0].shown_title.startswith("Out of office")
    standup = next(b for b in layout.busy if b.title == "Stand-up")
    assert window.grid.tooltip_at(standup.rect.center()) == "Stand-up"
    # The workshop's title moves below the post on its start rather than hiding under it.
    workshop = next(b for b in layout.busy if b.title.startswith("Workshop"))
    (post,) = [c for c in layout.cards if c.title.startswith("What our")]
    assert workshop.shown_title.startswith("Workshop") and workshop.title_rect.top() > post.rect.bottom()
    # Proposal cards: their ✓ and ✕ beside the text, never on it.
    for ghost in layout.ghosts:
        assert not ghost.accept_rect.intersects(ghost.title_rect)
        assert not ghost.reject_rect.intersects(ghost.detail_rect)

    window.review_button.click()  # Review beside the week: the days stay readable
    settle_planner(window, qtbot)
    assert window.review_panel.isVisible()
    assert window.grid.week_layout.frame.day_width >= MIN_DAY_WIDTH
    assert text_overlaps(window.grid.week_layout) == []


def test_a_card_tooltip_names_the_moment_in_full(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Lunch thoughts", [Network.LINKEDIN, Network.X, Network.SANDBOX])
    ctx.app.schedule_at(draft.id, local(MONDAY, 11, 30))
    window = open_planner()
    window.review_button.click()
    settle_planner(window, qtbot)
    (card,) = window.grid.card_items()
    tooltip = window.grid.tooltip_at(QPointF(card.rect.center()))
    assert tooltip.splitlines()[0] == "LinkedIn, X, Sandbox · 11:30 · Scheduled · Lunch"
