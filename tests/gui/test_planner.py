"""The weekly planner, offscreen: the week and its moments, drops, moves, menus, Plan my week, navigation.

The clock is Monday 2026-12-07 07:00 UTC (09:00 in Helsinki); the default routine has lunch
11:30-12:00, commutes at 07:45 and 16:45, and quiet hours 19:00-07:00.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMenu

from somedesk.core.config import CalendarSettings
from somedesk.core.drafts import PublicationState
from somedesk.core.model import MomentKind, Network
from somedesk.core.routine import local_instant
from somedesk.gui.context import Bridge, GuiContext
from somedesk.gui.planner import PlannerWindow
from somedesk.gui.planner.mime import draft_mime, publication_mime, read_mime
from somedesk.gui.planner.week_layout import MAX_LANES
from tests.gui.conftest import settle_planner

from .conftest import HELSINKI

MONDAY = date(2026, 12, 7)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return local_instant(day, time(hour, minute), HELSINKI)


def drop(window: PlannerWindow, mime: QMimeData, at: datetime, qtbot) -> None:
    """A real QDropEvent at the grid's point for `at`, through the grid's dropEvent."""
    pos = QPointF(window.grid.position_of(at))
    event = QDropEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.grid.dropEvent(event)
    settle_planner(window, qtbot)


MEETINGS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//somedesk//tests//EN
BEGIN:VEVENT
UID:sync@somedesk.test
DTSTAMP:20261201T000000Z
SUMMARY:Weekly sync
DTSTART:20261208T080000Z
DTEND:20261208T090000Z
END:VEVENT
BEGIN:VEVENT
UID:review@somedesk.test
DTSTAMP:20261201T000000Z
SUMMARY:Design review
DTSTART:20261209T110000Z
DTEND:20261209T123000Z
END:VEVENT
BEGIN:VEVENT
UID:one-to-one@somedesk.test
DTSTAMP:20261201T000000Z
SUMMARY:1:1 with Anna
DTSTART:20261210T070000Z
DTEND:20261210T074500Z
END:VEVENT
END:VCALENDAR
"""


def with_meetings(ctx: GuiContext, folder: Path) -> None:
    """Tue 10-11 Weekly sync, Wed 13-14:30 Design review, Thu 9-9:45 1:1 with Anna (Helsinki)."""
    calendar = folder / "work.ics"
    calendar.write_text(MEETINGS, encoding="utf-8")
    ctx.app.config = replace(ctx.app.config, calendars=CalendarSettings(sources=(str(calendar),)))


def action(menu: QMenu, text: str) -> QAction:
    return next(a for a in menu.actions() if a.text() == text)


def test_opens_on_the_current_week_with_its_moments(ctx, open_planner):
    window = open_planner()
    assert window.model.monday == MONDAY
    assert window.week_label.text().startswith("Week 50")
    assert not window.today_button.isEnabled()
    lunches = [m for m in window.model.moments if m.kind is MomentKind.LUNCH]
    assert [m.start for m in lunches] == [local(MONDAY + timedelta(days=d), 11, 30) for d in range(5)]
    labels = {item.label for item in window.grid.week_layout.moments}
    assert "11:30 Lunch" in labels
    assert window.grid.day_titles()[0].endswith("7.12.")


def test_busy_time_and_the_moments_before_meetings_are_shown(ctx, open_planner, tmp_path):
    with_meetings(ctx, tmp_path)
    window = open_planner()
    titles = {item.title for item in window.grid.week_layout.busy}
    assert titles == {"Weekly sync", "Design review", "1:1 with Anna"}
    before = [m for m in window.model.moments if m.kind is MomentKind.BEFORE_MEETING]
    assert [m.start for m in before] == [
        local(MONDAY + timedelta(days=1), 9, 50),
        local(MONDAY + timedelta(days=2), 12, 50),
        local(MONDAY + timedelta(days=3), 8, 50),
    ]
    sync = next(b for b in window.grid.week_layout.busy if b.title == "Weekly sync")
    assert window.grid.tooltip_at(sync.rect.center()) == "Weekly sync"


def test_dragging_a_draft_onto_lunch_schedules_it_at_the_moments_start(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Lunch thoughts on shipping small", [Network.LINKEDIN])
    window = open_planner()
    assert [d.id for d in window.drafts_model.drafts] == [draft.id]
    drop(window, draft_mime(draft.id), local(MONDAY, 11, 45), qtbot)
    publication = ctx.app.draft(draft.id).publications[0]
    assert publication.state is PublicationState.SCHEDULED
    assert publication.scheduled_at == datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    assert publication.moment_label == "Lunch"
    assert [c.publication.id for c in window.model.cards] == [publication.id]
    assert window.drafts_model.drafts == []
    assert "Lunch" in window.messages.text


def test_the_drafts_panel_drags_the_draft_id(ctx, open_planner):
    draft = ctx.app.add_draft("Dragged from the panel", [Network.X])
    window = open_planner()
    mime = window.drafts_model.mimeData([window.drafts_model.index(0)])
    dragged = read_mime(mime)
    assert dragged is not None and (dragged.kind, dragged.ids) == ("draft", (draft.id,))


def test_moving_a_card_reschedules_it(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Move me", [Network.LINKEDIN, Network.X])
    ctx.app.schedule_at(draft.id, local(MONDAY + timedelta(days=1), 11, 30))
    window = open_planner()
    (item,) = window.grid.card_items()  # one card: the same draft on both networks at the same time
    assert {c.network for c in item.cards} == {Network.LINKEDIN, Network.X}
    wednesday = MONDAY + timedelta(days=2)
    drop(window, publication_mime([c.publication.id for c in item.cards]), local(wednesday, 14, 6), qtbot)
    for publication in ctx.app.draft(draft.id).publications:
        assert publication.scheduled_at == local(wednesday, 14, 5)  # the nearest 5 minutes
        assert publication.moment_label == "Chosen time"
    assert {c.at for c in window.model.cards} == {local(wednesday, 14, 5)}


def test_pressing_and_moving_a_card_starts_a_drag(ctx, open_planner, qtbot, monkeypatch):
    draft = ctx.app.add_draft("Drag me", [Network.LINKEDIN])
    ctx.app.schedule_at(draft.id, local(MONDAY, 14, 0))
    window = open_planner()
    started = []
    monkeypatch.setattr(window.grid, "start_card_drag", lambda item, hot: started.append(item.card.draft.id))
    (item,) = window.grid.card_items()
    press = item.rect.center().toPoint()
    qtbot.mousePress(window.grid, Qt.MouseButton.LeftButton, pos=press)
    qtbot.mouseMove(window.grid, pos=press + QPoint(0, 30))
    qtbot.mouseRelease(window.grid, Qt.MouseButton.LeftButton, pos=press + QPoint(0, 30))
    assert started == [draft.id]


def test_dropping_into_quiet_hours_refuses_in_place(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Evening idea", [Network.LINKEDIN])
    window = open_planner()
    evening = local(MONDAY + timedelta(days=1), 20, 0)
    mime = draft_mime(draft.id)
    move = QDragMoveEvent(
        QPointF(window.grid.position_of(evening)).toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.grid.dragMoveEvent(move)
    assert window.grid._hint is not None and window.grid._hint[1] is False  # the hint shows a refusal
    drop(window, mime, evening, qtbot)
    assert "quiet hours" in window.messages.text
    assert window.messages.kind == "error"
    assert ctx.app.draft(draft.id).publications[0].state is PublicationState.DRAFT


def test_a_time_already_passed_is_refused_with_the_services_message(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Too late", [Network.X])
    window = open_planner()
    drop(window, draft_mime(draft.id), local(MONDAY, 8, 30), qtbot)
    assert "already passed" in window.messages.text
    assert ctx.app.draft(draft.id).publications[0].state is PublicationState.DRAFT


# Popping a menu up offscreen makes Qt say it cannot raise it or grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_draft_without_a_network_asks_which_one(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Where should this go?", [])
    window = open_planner()
    drop(window, draft_mime(draft.id), local(MONDAY, 14, 0), qtbot)
    menu = window.commands.open_menu
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["Post on LinkedIn", "Post on X"]
    menu.close()
    action(menu, "Post on X").trigger()
    settle_planner(window, qtbot)
    (publication,) = ctx.app.draft(draft.id).publications
    assert (publication.network, publication.scheduled_at) == (Network.X, local(MONDAY, 14, 0))


def test_unschedule_from_the_context_menu(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Not this week after all", [Network.LINKEDIN])
    ctx.app.schedule_at(draft.id, local(MONDAY, 11, 30))
    window = open_planner()
    (item,) = window.grid.card_items()
    menu = window.commands.card_menu(item.cards)
    assert [a.text() for a in menu.actions()] == ["Post now", "Edit…", "Unschedule"]
    action(menu, "Unschedule").trigger()
    settle_planner(window, qtbot)
    assert ctx.app.draft(draft.id).publications[0].state is PublicationState.DRAFT
    assert window.model.cards == []
    assert [d.id for d in window.drafts_model.drafts] == [draft.id]


def test_post_now_from_the_context_menu_publishes_on_a_worker(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Right now", [Network.X])
    ctx.app.schedule_at(draft.id, local(MONDAY, 14, 0))
    window = open_planner()
    (item,) = window.grid.card_items()
    action(window.commands.card_menu(item.cards), "Post now").trigger()
    settle_planner(window, qtbot)  # the policy gate runs on the worker first
    assert ctx.published == [item.card.publication.id]


def test_edit_from_the_context_menu_checks_the_text_in_place(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Typo in this pots", [Network.LINKEDIN])
    ctx.app.schedule_at(draft.id, local(MONDAY, 14, 0))
    window = open_planner()
    (item,) = window.grid.card_items()
    action(window.commands.card_menu(item.cards), "Edit…").trigger()
    dialog = window.commands.open_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.editor.setPlainText("   ")
    dialog.save()
    assert dialog.problem.isVisibleTo(dialog) and dialog.problem.text()
    dialog.editor.setPlainText("Typo in this post")
    dialog.save()
    settle_planner(window, qtbot)
    assert ctx.app.draft(draft.id).text == "Typo in this post"
    assert window.model.cards[0].draft.text == "Typo in this post"


def test_plan_my_week_proposes_within_targets_and_accept_schedules(ctx, open_planner, qtbot):
    ctx.app.add_draft("Already planned", [Network.LINKEDIN])
    ctx.app.schedule_at(1, local(MONDAY, 11, 30))
    drafts = [ctx.app.add_draft(f"LinkedIn idea {n}", [Network.LINKEDIN]).id for n in range(5)]
    window = open_planner()
    window.plan_button.click()
    settle_planner(window, qtbot)
    proposals = window.model.proposals
    assert [p.draft_id for p in proposals] == drafts[:2]  # 3 a week, one already scheduled
    times = sorted([local(MONDAY, 11, 30), *(p.at for p in proposals)])
    assert all(b - a >= timedelta(hours=20) for a, b in pairwise(times))
    assert window.proposals_bar.isVisible()
    assert window.rhythm.labels[Network.LINKEDIN].text() == "LinkedIn 1 of 3 this week (+2 proposed)"
    # Accept the first with its ✓ on the grid, then the rest with Accept all.
    ghost = window.grid.week_layout.ghosts[0]
    first = ghost.proposal
    qtbot.mouseClick(window.grid, Qt.MouseButton.LeftButton, pos=ghost.accept_rect.center().toPoint())
    settle_planner(window, qtbot)
    assert ctx.app.draft(first.draft_id).publications[0].scheduled_at == first.at.astimezone(UTC)
    assert first not in window.model.proposals
    window.accept_all_button.click()
    settle_planner(window, qtbot)
    assert window.model.proposals == []
    assert not window.proposals_bar.isVisible()
    assert window.rhythm.labels[Network.LINKEDIN].text() == "LinkedIn 3 of 3 this week"


def test_a_rejected_proposal_goes_away_and_nothing_is_scheduled(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Maybe later", [Network.X])
    window = open_planner()
    window.plan_button.click()
    settle_planner(window, qtbot)
    (ghost,) = window.grid.week_layout.ghosts
    qtbot.mouseClick(window.grid, Qt.MouseButton.LeftButton, pos=ghost.reject_rect.center().toPoint())
    assert window.model.proposals == []
    assert ctx.app.draft(draft.id).publications[0].state is PublicationState.DRAFT


def test_the_rhythm_bar_counts_the_shown_weeks_posts(ctx, open_planner, qtbot):
    for n, day in enumerate((1, 3)):
        draft = ctx.app.add_draft(f"Post {n}", [Network.LINKEDIN, Network.X])
        ctx.app.schedule_at(draft.id, local(MONDAY + timedelta(days=day), 11, 30))
    later = ctx.app.add_draft("Next week", [Network.LINKEDIN])
    ctx.app.schedule_at(later.id, local(MONDAY + timedelta(days=8), 11, 30))
    window = open_planner()
    assert window.rhythm.labels[Network.LINKEDIN].text() == "LinkedIn 2 of 3 this week"
    assert window.rhythm.labels[Network.X].text() == "X 2 of 5 this week"
    window.next_button.click()
    settle_planner(window, qtbot)
    assert window.rhythm.labels[Network.LINKEDIN].text() == "LinkedIn 1 of 3 that week"


def test_previous_next_and_today_change_the_shown_week(ctx, open_planner, qtbot):
    window = open_planner()
    window.next_button.click()
    settle_planner(window, qtbot)
    assert window.model.monday == date(2026, 12, 14)
    assert window.week_label.text().startswith("Week 51")
    assert window.today_button.isEnabled()
    assert min(m.start for m in window.model.moments).date() == date(2026, 12, 14)
    window.previous_button.click()
    window.previous_button.click()
    settle_planner(window, qtbot)
    assert window.model.monday == date(2026, 11, 30)
    window.today_button.click()
    settle_planner(window, qtbot)
    assert window.model.monday == MONDAY and not window.today_button.isEnabled()


def test_the_week_reloads_when_the_store_changes(ctx, open_planner, qtbot):
    window = open_planner()
    draft = ctx.app.add_draft("Scheduled from the command line", [Network.X])
    ctx.app.schedule_at(draft.id, local(MONDAY, 16, 45))
    ctx.notify_changed()
    settle_planner(window, qtbot)
    assert [c.draft.id for c in window.model.cards] == [draft.id]


def test_a_dst_week_places_posts_at_their_wall_clock(make_app, qtbot, open_planner):
    # Finland moves its clocks forward on Sunday 2026-03-29; a Saturday-working routine is not needed:
    # the post is placed by its wall time whatever the day.
    app = make_app(clock=lambda: datetime(2026, 3, 23, 6, 0, tzinfo=UTC))
    draft = app.add_draft("After the clocks change", [Network.X])
    app.schedule_at(draft.id, local(date(2026, 3, 29), 12, 0))
    window = open_planner(GuiContext(app, Bridge()))
    start, end = window.model.bounds
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=167)
    (item,) = window.grid.card_items()
    frame = window.grid.week_layout.frame
    assert item.rect.top() == pytest.approx(frame.y_at(12 * 60) + 1)
    assert frame.day_at(item.rect.center().x()) == 6


def test_crowded_hours_fold_into_a_chip(ctx, open_planner, qtbot):
    for n in range(12):
        draft = ctx.app.add_draft(f"Crowded {n}", [Network.X])
        ctx.app.schedule_at(draft.id, local(MONDAY, 14, n))
    window = open_planner()
    layout = window.grid.week_layout
    assert len(layout.cards) <= MAX_LANES
    assert sum(o.count for o in layout.overflows) + len(layout.cards) == 12


def test_screenshot_of_a_populated_week(ctx, open_planner, qtbot, tmp_path):
    with_meetings(ctx, tmp_path)
    texts = [
        ("Three things I learned shipping a desktop app in Python", [Network.LINKEDIN, Network.X], 1, 11, 30),
        ("Why micro-moments beat the evening scroll", [Network.LINKEDIN], 2, 7, 45),
        ("Hiring: a founding designer", [Network.X], 2, 7, 50),
        ("A short thread on DST bugs", [Network.X], 3, 16, 45),
        ("Our planner now shows your calendar", [Network.LINKEDIN], 4, 14, 0),
    ]
    for text, networks, day, hour, minute in texts:
        draft = ctx.app.add_draft(text, networks)
        ctx.app.schedule_at(draft.id, local(MONDAY + timedelta(days=day), hour, minute))
    for n in range(3):
        ctx.app.add_draft(f"Waiting draft {n} about something worth saying", [Network.X])
    window = open_planner()
    window.plan_button.click()
    settle_planner(window, qtbot)
    assert window.rhythm.labels[Network.X].text() == "X 3 of 5 this week (+2 proposed)"
    qtbot.wait(10)  # let the bars lay themselves out before the picture is taken
    path = tmp_path / "planner-week.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000
