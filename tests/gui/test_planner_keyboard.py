"""The week grid by keyboard: reaching it with Tab, moving the focus over moments and cards, and
acting on them with Enter, F2, the Menu key, Shift+F10 and Delete.

The clock is Monday 2026-12-07 09:00 in Helsinki; the default routine has lunch 11:30-12:00 and
commutes 07:45-08:15 and 16:45-17:15 on workdays.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.core.routine import local_instant
from somedesk.gui.context import GuiContext
from somedesk.gui.planner import PlannerWindow
from somedesk.gui.planner.week_stops import StopKind
from tests.gui.conftest import settle_planner
from tests.gui.palettes import dark_palette

from .conftest import HELSINKI
from .test_queue import finish

MONDAY = date(2026, 12, 7)
TUESDAY = MONDAY + timedelta(days=1)
# Popping a menu up offscreen makes Qt say it cannot raise it or grab the keyboard.
MENU_WARNINGS = pytest.mark.qt_log_ignore("This plugin does not support")


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return local_instant(day, time(hour, minute), HELSINKI)


def focus_grid(window: PlannerWindow, qtbot) -> None:
    window.grid.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.grid.hasFocus, timeout=2000)


def press(window: PlannerWindow, qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> str:
    """A real key press on the grid; what a screen reader would now say."""
    qtbot.keyClick(window.grid, key, modifier)
    return window.grid.accessibleName()


@pytest.fixture
def tuesday_posts(ctx: GuiContext) -> tuple[int, int]:
    """An X post at Tuesday's lunch and a LinkedIn post at 14:00 that day."""
    lunch = ctx.app.add_draft("Lunch thoughts on shipping small things often", [Network.X])
    ctx.app.schedule_at(lunch.id, local(TUESDAY, 11, 30))
    later = ctx.app.add_draft("Afternoon notes from the design review", [Network.LINKEDIN])
    ctx.app.schedule_at(later.id, local(TUESDAY, 14, 0))
    return lunch.id, later.id


def test_tab_from_the_drafts_panel_reaches_the_week(ctx, open_planner, qtbot):
    ctx.app.add_draft("Waiting", [Network.X])
    window = open_planner(active=True)
    window.drafts_panel.view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(window.drafts_panel.view.hasFocus, timeout=2000)
    visited: list[QWidget | None] = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
        if window.grid.hasFocus():
            break
    assert window.grid.hasFocus(), [type(w).__name__ for w in visited]
    assert visited[0] is window.drafts_panel.write
    assert window.scroller not in visited  # the week is one Tab stop, not a scroll area and then a grid
    # Focus lands on the first thing from now on: Monday's lunch (the morning commute has passed).
    assert window.grid.accessibleName() == "Lunch moment, Monday 11:30–12:00"


def test_arrow_keys_move_through_the_week_in_time_order(ctx, open_planner, qtbot, tuesday_posts):
    window = open_planner(active=True)
    assert window.grid.accessibleName() == "Week"  # nothing focused yet
    focus_grid(window, qtbot)
    assert window.grid.accessibleName() == "Lunch moment, Monday 11:30–12:00"
    assert press(window, qtbot, Qt.Key.Key_Right) == "Lunch moment, Tuesday 11:30–12:00"
    # The post at lunch comes after the moment it sits on, then the day goes on in time order.
    assert press(window, qtbot, Qt.Key.Key_Down) == (
        "X post, Tuesday 11:30, Scheduled: Lunch thoughts on shipping small things often"
    )
    assert press(window, qtbot, Qt.Key.Key_Down) == (
        "LinkedIn post, Tuesday 14:00, Scheduled: Afternoon notes from the design review"
    )
    assert press(window, qtbot, Qt.Key.Key_Down) == "Evening commute moment, Tuesday 16:45–17:15"
    assert (
        press(window, qtbot, Qt.Key.Key_Down) == "Evening commute moment, Tuesday 16:45–17:15"
    )  # the day's last
    assert press(window, qtbot, Qt.Key.Key_Up) == (
        "LinkedIn post, Tuesday 14:00, Scheduled: Afternoon notes from the design review"
    )
    # Left: the nearest thing in time on Monday (14:00 is closer to lunch than to the commute).
    assert press(window, qtbot, Qt.Key.Key_Left) == "Lunch moment, Monday 11:30–12:00"
    assert press(window, qtbot, Qt.Key.Key_Home) == "Morning commute moment, Monday 07:45–08:15"
    assert press(window, qtbot, Qt.Key.Key_End) == "Evening commute moment, Monday 16:45–17:15"
    assert (
        press(window, qtbot, Qt.Key.Key_Left) == "Evening commute moment, Monday 16:45–17:15"
    )  # no earlier day
    assert press(window, qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier) == (
        "Evening commute moment, Friday 16:45–17:15"  # the weekend has no moments
    )
    assert press(window, qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier) == (
        "Morning commute moment, Monday 07:45–08:15"
    )


def test_tab_leaves_the_week_rather_than_moving_inside_it(ctx, open_planner, qtbot, tuesday_posts):
    window = open_planner(active=True)
    focus_grid(window, qtbot)
    before = window.grid.accessibleName()
    qtbot.keyClick(window.grid, Qt.Key.Key_Tab)
    assert not window.grid.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert window.grid.hasFocus()
    assert window.grid.accessibleName() == before  # it comes back to the same thing


def _focus_card(window: PlannerWindow, qtbot, words: str) -> None:
    focus_grid(window, qtbot)
    for _ in range(40):
        stop = window.grid.focused_stop()
        if stop is not None and stop.kind is StopKind.CARD and words in window.grid.accessibleName():
            return
        qtbot.keyClick(window.grid, Qt.Key.Key_Down if stop and stop.day == 1 else Qt.Key.Key_Right)
    raise AssertionError(f"no card with {words!r} reached by the arrow keys")


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2])
def test_enter_or_f2_edits_the_focused_card(ctx, open_planner, qtbot, tuesday_posts, key):
    window = open_planner(active=True)
    _focus_card(window, qtbot, "Afternoon notes")
    qtbot.keyClick(window.grid, key)
    dialog = window.commands.open_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.editor.toPlainText() == "Afternoon notes from the design review"
    dialog.reject()


def test_f2_on_a_moment_does_nothing(ctx, open_planner, qtbot, tuesday_posts):
    window = open_planner(active=True)
    focus_grid(window, qtbot)
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    assert window.commands.open_dialog is None
    assert window.commands.open_menu is None


@MENU_WARNINGS
@pytest.mark.parametrize(
    ("key", "modifier"),
    [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)],
)
def test_the_menu_key_and_shift_f10_open_the_cards_menu(
    ctx, open_planner, qtbot, tuesday_posts, key, modifier
):
    window = open_planner(active=True)
    _focus_card(window, qtbot, "Lunch thoughts")
    qtbot.keyClick(window.grid, key, modifier)
    menu = window.commands.open_menu
    assert menu is not None and menu.isVisible()
    assert [a.text() for a in menu.actions()] == ["Post now", "Edit…", "Unschedule"]
    stop = window.grid.focused_stop()
    assert stop is not None
    # At the card, not wherever the mouse pointer happens to be.
    assert menu.pos() == window.grid.mapToGlobal(stop.rect.bottomLeft().toPoint() + QPointF(4, 2).toPoint())
    menu.close()


def test_delete_unschedules_the_focused_card(ctx, open_planner, qtbot, tuesday_posts):
    lunch, later = tuesday_posts
    window = open_planner(active=True)
    _focus_card(window, qtbot, "Afternoon notes")
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    settle_planner(window, qtbot)
    assert ctx.app.draft(later).publications[0].state is PublicationState.DRAFT
    assert ctx.app.draft(lunch).publications[0].state is PublicationState.SCHEDULED
    assert window.messages.text == "Unscheduled; it is back in your drafts."
    assert [d.id for d in window.drafts_model.drafts] == [later]
    # The focus stays near where the card was, and the keys carry on from there.
    assert window.grid.focused_stop() is not None
    assert "Tuesday" in window.grid.accessibleName()
    assert press(window, qtbot, Qt.Key.Key_Up) != ""


def test_delete_on_a_published_post_leaves_it(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Already out there", [Network.X])
    ctx.app.schedule_at(draft.id, local(TUESDAY, 11, 30))
    finish(
        ctx.app,
        ctx.app.draft(draft.id).publications[0].id,
        PublicationState.PUBLISHED,
        url="https://x.test/1",
    )
    window = open_planner(active=True)
    _focus_card(window, qtbot, "Already out there")
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    settle_planner(window, qtbot)
    assert ctx.app.draft(draft.id).publications[0].state is PublicationState.PUBLISHED


def test_enter_on_a_moment_schedules_the_selected_draft_there(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Chosen in the list", [Network.LINKEDIN])
    window = open_planner(active=True)
    focus_grid(window, qtbot)
    press(window, qtbot, Qt.Key.Key_Right)
    assert window.grid.accessibleName() == "Lunch moment, Tuesday 11:30–12:00"
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)  # nothing selected yet: it says what to do
    assert "Select a draft" in window.messages.text
    assert ctx.app.draft(draft.id).publications[0].state is PublicationState.DRAFT
    window.drafts_panel.view.setCurrentIndex(window.drafts_model.index(0))
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    settle_planner(window, qtbot)
    publication = ctx.app.draft(draft.id).publications[0]
    assert publication.state is PublicationState.SCHEDULED
    assert publication.scheduled_at == local(TUESDAY, 11, 30)
    assert publication.moment_label == "Lunch"


def test_delete_on_a_proposal_rejects_it(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Maybe later", [Network.X])
    window = open_planner(active=True)
    window.plan_button.click()
    settle_planner(window, qtbot)
    (_ghost,) = window.grid.week_layout.ghosts
    focus_grid(window, qtbot)
    for _ in range(40):
        if (stop := window.grid.focused_stop()) is not None and stop.kind is StopKind.GHOST:
            break
        qtbot.keyClick(
            window.grid, Qt.Key.Key_Down if stop and stop.day == ghost_day(window) else Qt.Key.Key_Right
        )
    assert window.grid.accessibleName().startswith("Proposed X post, ")
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    assert window.model.proposals == []
    assert ctx.app.draft(draft.id).publications[0].state is PublicationState.DRAFT


def ghost_day(window: PlannerWindow) -> int:
    frame = window.grid.week_layout.frame
    day = frame.day_at(window.grid.week_layout.ghosts[0].rect.center().x())
    assert day is not None
    return day


def _ring_pixel(window: PlannerWindow) -> QColor:
    stop = window.grid.focused_stop()
    assert stop is not None
    picture = window.grid.grab().toImage()
    ratio = picture.devicePixelRatio()
    # On the ring, left of the card's middle: 2.5 px out from its edge.
    x, y = stop.rect.left() - 2.5, stop.rect.center().y()
    return picture.pixelColor(round(x * ratio), round(y * ratio))


def _close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40


@pytest.mark.parametrize("palette", [None, "dark"])
def test_the_focus_ring_is_painted_in_the_highlight_colour(ctx, open_planner, qtbot, tuesday_posts, palette):
    window = open_planner(active=True)
    if palette == "dark":
        window.setPalette(dark_palette())
    _focus_card(window, qtbot, "Afternoon notes")
    highlight = window.grid.palette().color(QPalette.ColorRole.Highlight)
    assert _close(_ring_pixel(window), highlight)
    window.drafts_panel.view.setFocus()  # the ring goes with the focus
    qtbot.waitUntil(lambda: not window.grid.hasFocus(), timeout=2000)
    assert not _close(_ring_pixel(window), highlight)


def test_hundreds_of_cards_stay_one_widget_and_keys_do_not_relayout(ctx, open_planner, qtbot):
    for n in range(300):
        draft = ctx.app.add_draft(f"Post number {n}", [Network.X])
        ctx.app.schedule_at(
            draft.id, local(MONDAY + timedelta(days=1 + n % 4), 9 + (n // 4) % 10, (n * 7) % 60)
        )
    window = open_planner(active=True)
    assert len(window.model.cards) == 300
    assert window.grid.findChildren(QWidget) == []  # painted, not a widget per card
    focus_grid(window, qtbot)
    layout, stops = window.grid.week_layout, window.grid.focus_stops()
    seen = set()
    for key in [Qt.Key.Key_Right] * 2 + [Qt.Key.Key_Down] * 30 + [Qt.Key.Key_Right, Qt.Key.Key_Up] * 5:
        qtbot.keyClick(window.grid, key)
        seen.add(window.grid.accessibleName())
    assert len(seen) > 15  # it went somewhere: through cards, chips and moments
    assert window.grid.week_layout is layout and window.grid.focus_stops() is stops


def keyboard_menu_event() -> QContextMenuEvent:
    return QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0), Qt.KeyboardModifier.NoModifier
    )


@MENU_WARNINGS
def test_the_menu_key_as_the_system_sends_it_opens_one_menu(ctx, open_planner, qtbot, tuesday_posts):
    """X11 and Windows deliver the Menu key as a key press *and* as a keyboard context-menu event."""
    window = open_planner(active=True)
    _focus_card(window, qtbot, "Lunch thoughts")
    qtbot.keyClick(window.grid, Qt.Key.Key_Menu)
    first = window.commands.open_menu
    assert first is not None and first.isVisible()
    QApplication.sendEvent(window.grid, keyboard_menu_event())
    assert window.commands.open_menu is first  # not a second menu on top of the first
    first.close()
    QApplication.sendEvent(window.grid, keyboard_menu_event())
    menu = window.commands.open_menu
    assert menu is not None and menu is not first and menu.isVisible()
    assert [a.text() for a in menu.actions()] == ["Post now", "Edit…", "Unschedule"]
    menu.close()


def test_a_click_moves_the_keyboard_focus_to_what_was_clicked(ctx, open_planner, qtbot, tuesday_posts):
    window = open_planner(active=True)
    item = next(c for c in window.grid.card_items() if c.card.draft.text.startswith("Afternoon"))
    qtbot.mouseClick(window.grid, Qt.MouseButton.LeftButton, pos=item.rect.center().toPoint())
    assert window.grid.hasFocus()
    assert window.grid.accessibleName().startswith("LinkedIn post, Tuesday 14:00")
    assert press(window, qtbot, Qt.Key.Key_Up).startswith("X post, Tuesday 11:30")


def test_the_focused_thing_is_scrolled_into_view(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Late in the day", [Network.X])
    ctx.app.schedule_at(draft.id, local(TUESDAY, 18, 30))
    window = open_planner(active=True)
    window.resize(900, 500)  # shorter than the week: the grid scrolls
    qtbot.waitUntil(lambda: window.scroller.verticalScrollBar().maximum() > 0, timeout=2000)
    window.scroller.verticalScrollBar().setValue(0)
    focus_grid(window, qtbot)
    press(window, qtbot, Qt.Key.Key_Right)
    while not window.grid.accessibleName().startswith("X post, Tuesday 18:30"):
        before = window.grid.accessibleName()
        assert press(window, qtbot, Qt.Key.Key_Down) != before, "the card was never reached"
    stop = window.grid.focused_stop()
    assert stop is not None
    assert window.scroller.verticalScrollBar().value() > 0
    assert window.grid.visibleRegion().boundingRect().contains(stop.rect.toRect())
