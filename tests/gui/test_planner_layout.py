"""The planner's week never paints one thing over another's words, in a realistic busy week: an all-day
out-of-office, 15-minute stand-ups under "Before …" moments, a long workshop with posts in it, two posts
at nearly the same time, and Plan my week's proposals; at the default sizes and a narrow one, with the
Review open, and in a dark palette (where the words must stay readable too).

The grid paints with a `PaintRecord` (what was drawn where, bottom layer first); `paint_check` says
what covers what. The same check runs at 2x in the HiDPI probe (test_hidpi.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from somedesk.core.model import MomentKind, Network
from somedesk.gui.planner import PlannerWindow
from somedesk.gui.planner.tones import contrast
from somedesk.gui.planner.week_layout import HEADER_HEIGHT, BusyItem
from somedesk.gui.planner.week_painter import PaintRecord
from somedesk.gui.planner.window import REVIEW_MIN_WIDTH
from tests.gui.palettes import dark_palette

from .conftest import settle_planner
from .paint_check import covered_words, cut_words, unreadable_words
from .planner_weeks import fill_busy_week, local

SIZES = [(1240, 780), (1280, 800), (900, 640)]


@pytest.fixture
def busy_planner(ctx, open_planner, qtbot, tmp_path):
    def open_(width: int, height: int, *, plan: bool = True) -> PlannerWindow:
        fill_busy_week(ctx, tmp_path)
        window = open_planner()
        window.resize(width, height)
        if plan:
            window.plan_button.click()
            settle_planner(window, qtbot)
            assert window.model.proposals, "Plan my week proposed nothing: the week tests nothing"
        qtbot.wait(10)
        return window

    return open_


def assert_clear(record: PaintRecord, width: float, height: float) -> None:
    problems = covered_words(record) + cut_words(record, width, height)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def painted(window: PlannerWindow) -> PaintRecord:
    _pixmap, record = window.grid.render_recorded()
    return record


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_nothing_is_painted_over_words(busy_planner, width, height):
    window = busy_planner(width, height)
    grid = window.grid
    record = painted(window)
    assert sum(1 for item in record.items if item.text) > 50  # the whole week was painted and seen
    assert_clear(record, grid.width(), grid.height())


def test_nothing_is_painted_over_words_in_finnish(finnish, busy_planner):
    window = busy_planner(1240, 780)
    assert window.grid.day_titles()[0].startswith("ma")
    assert_clear(painted(window), window.grid.width(), window.grid.height())


def test_nothing_is_painted_over_words_with_the_review_open(busy_planner, qtbot):
    window = busy_planner(1240, 780)
    window.review_button.click()
    qtbot.wait(10)
    record = painted(window)
    assert_clear(record, window.grid.width(), window.grid.height())


@pytest.mark.parametrize(("width", "height"), SIZES[:2])
def test_opening_the_review_keeps_every_day_readable_and_in_sight(busy_planner, qtbot, width, height):
    window = busy_planner(width, height)
    window.review_button.click()
    settle_planner(window, qtbot)
    grid = window.grid
    assert grid.week_layout.frame.day_width >= grid.readable_day_width() >= 90
    assert grid.width() <= window.scroller.viewport().width()  # the whole week, no sideways scrolling
    review = window.review_panel
    assert review.width() >= REVIEW_MIN_WIDTH and review.geometry().right() <= window.splitter.width()
    # A window too narrow for all three: the week keeps its readable days and scrolls sideways.
    window.review_button.click()
    window.resize(800, 600)
    window.review_button.click()
    settle_planner(window, qtbot)
    assert grid.week_layout.frame.day_width >= grid.readable_day_width()


def busy(window: PlannerWindow, title: str) -> list[BusyItem]:
    return [b for b in window.grid.week_layout.busy if b.title.startswith(title)]


def test_busy_time_stays_below_the_headers_and_shows_its_title(busy_planner):
    window = busy_planner(1240, 780)
    layout = window.grid.week_layout
    (away,) = busy(window, "Out of office")
    assert away.rect.top() >= HEADER_HEIGHT and away.rect.bottom() <= layout.frame.bottom
    assert " ".join(away.lines).startswith("Out of office: customer")
    (workshop,) = busy(window, "Workshop")
    assert workshop.lines and workshop.lines[0].startswith("Workshop")
    # The workshop's title is not under the post at its start: it goes below it.
    (post,) = [c for c in layout.cards if c.card.draft.text.startswith("Workshop notes")]
    assert workshop.title_rect.top() >= post.rect.bottom()
    # The quiet hours before 07:00 keep their hatching over the out-of-office day: the title is below.
    record = painted(window)
    quiet = [i for i in record.items if i.text == "" and i.rect.intersects(away.rect)]
    assert quiet and all(
        record.items.index(q) > record.items.index(next(i for i in record.items if i.owner is away))
        for q in quiet
    )


def test_stand_ups_keep_a_part_in_sight_whose_tooltip_names_them(busy_planner):
    window = busy_planner(1240, 780)
    grid = window.grid
    layout = grid.week_layout
    record = painted(window)
    stand_ups = busy(window, "Stand-up")
    assert len(stand_ups) == 4
    for block in stand_ups:
        later = [
            i.rect
            for i in record.items[record.items.index(next(i for i in record.items if i.owner is block)) + 1 :]
            if i.text is None
        ]
        # Some point of the block that nothing painted after it covers: there the tooltip says its title.
        free = [
            QPointF(block.rect.left() + dx, block.rect.top() + dy)
            for dx in range(1, int(block.rect.width()), 2)
            for dy in range(1, max(2, int(block.rect.height())), 2)
        ]
        uncovered = [p for p in free if not any(r.contains(p) for r in later)]
        assert uncovered, f"the stand-up on day {layout.frame.day_at(block.rect.center().x())} is hidden"
        assert grid.tooltip_at(uncovered[0]) == "Stand-up"
    before = [m for m in layout.moments if m.moment.kind is MomentKind.BEFORE_MEETING]
    for block in stand_ups:
        for chip in before:
            assert not chip.rect.intersects(block.rect.adjusted(0, 0.5, 0, 0))


def test_proposals_keep_their_buttons_off_their_words(busy_planner):
    window = busy_planner(1240, 780)
    for ghost in window.grid.week_layout.ghosts:
        assert len(ghost.title) > 8, ghost.title  # not "Wh…"
        assert ghost.rect.contains(ghost.accept_rect) and ghost.rect.contains(ghost.reject_rect)


def test_a_cards_tooltip_names_the_whole_moment(busy_planner, qtbot):
    window = busy_planner(900, 640, plan=False)
    layout = window.grid.week_layout
    card = next(c for c in layout.cards if c.card.publication.moment_label)
    tip = window.grid.tooltip_at(card.rect.center())
    assert card.full_detail in tip and "…" not in tip.splitlines()[0]


def test_a_chips_tooltip_lists_what_it_folds(busy_planner):
    window = busy_planner(1240, 780)
    layout = window.grid.week_layout
    assert layout.overflows
    for chip in layout.overflows:
        tip = window.grid.tooltip_at(chip.rect.center())
        for card in chip.cards:
            assert card.network.display_name in tip


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_words_are_readable_in_light_and_dark_palettes(busy_planner, dark):
    window = busy_planner(1240, 780)
    if dark:
        window.setPalette(dark_palette())
    pixmap, record = window.grid.render_recorded()
    image = pixmap.toImage()
    if dark:  # the week really is dark: its empty base is the palette's
        assert image.pixelColor(int(image.width() * 0.9), int(image.height() * 0.5)).lightnessF() < 0.25
    problems = unreadable_words(record, image, pixmap.devicePixelRatio(), 4.5)
    assert not problems, "\n".join(problems)
    assert_clear(record, window.grid.width(), window.grid.height())


def drawn_contrast(widget) -> tuple[QColor, float]:
    """`widget` as drawn in its window: its most common colour (its background) and the best contrast
    any pixel of it has with that (the words on it: their cores are drawn in the text colour itself)."""
    parent = widget.parentWidget()
    image = parent.grab(widget.geometry()).toImage()
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    background = QColor.fromRgb(max(counts, key=lambda k: counts[k]))
    return background, max(contrast(QColor.fromRgb(rgb), background) for rgb in counts)


def test_the_planners_messages_follow_a_dark_palette(ctx, open_planner, qtbot):
    window = open_planner()
    window.setPalette(dark_palette())
    bar = window.messages
    for show in (bar.show_error, bar.show_info):
        show("The work calendar could not be read")
        qtbot.wait(10)
        background, best = drawn_contrast(bar)
        assert background.lightnessF() < 0.35, show  # a dark bar, not a light one in a dark window
        assert best >= 4.5, show
    problem = window.ideas_panel.problem
    problem.setText("news.example.com: the feed could not be read")
    problem.setVisible(True)
    background, best = drawn_contrast(problem)
    assert background.lightnessF() < 0.35 and best >= 4.5


def test_a_cards_tooltip_names_the_meeting_it_sits_on(busy_planner):
    window = busy_planner(1240, 780, plan=False)
    layout = window.grid.week_layout
    (post,) = [c for c in layout.cards if c.card.draft.text.startswith("What a customer visit")]
    tip = window.grid.tooltip_at(post.rect.center())
    assert "In your calendar: Stand-up" in tip


@pytest.mark.parametrize(("width", "height"), [(1240, 780), (1700, 900)])
def test_crowded_hours_fold_without_covering_words(ctx, open_planner, qtbot, tmp_path, width, height):
    """Twelve posts within a quarter of an hour beside a meeting: lanes as wide as can be read (two at
    1700 px), the rest in chips that ride on a card, and still nothing over anything's words."""
    fill_busy_week(ctx, tmp_path)
    for n in range(12):
        draft = ctx.app.add_draft(f"Crowded post number {n} with a few words", [Network.X])
        ctx.app.schedule_at(draft.id, local(3, 13, n))
    window = open_planner()
    window.resize(width, height)
    qtbot.wait(10)
    layout = window.grid.week_layout
    thursday = [c for c in layout.cards if c.card.draft.text.startswith("Crowded")]
    folded = sum(o.count for o in layout.overflows)
    assert len(thursday) + folded >= 12 and folded > 0
    assert all(len(c.title.rstrip("…")) >= 6 for c in thursday), [c.title for c in thursday]  # not "Cr…"
    assert len({round(c.rect.left()) for c in thursday}) == (2 if width > 1600 else 1)
    assert_clear(painted(window), window.grid.width(), window.grid.height())
