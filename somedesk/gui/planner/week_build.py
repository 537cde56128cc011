"""Laying out a week: bands, busy time, moments and (through `week_lanes`) cards, into a `WeekLayout`.

Nothing is laid over another thing's words: busy time is cut to the hours shown (it never reaches
into the day headers), its title goes in the first free part of it (not under a moment, a card or the
quiet hours' shading), cards in busy time leave the block's edge showing (its tooltip names it), a
moment shorter than a line grows away from the meeting it comes before, and a moment's label that a
card covers is left out (the card says the moment).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from somedesk.core.model import BusyBlock, Moment, MomentKind
from somedesk.core.routine import Routine
from somedesk.core.week_plan import Proposal
from somedesk.gui.labels import clock, moment_label
from somedesk.gui.planner.week_lanes import place_cards
from somedesk.gui.planner.week_layout import (
    BUSY_STRIP,
    MAX_BUSY_LINES,
    MIN_MOMENT_HEIGHT,
    BandItem,
    BusyItem,
    Frame,
    MomentItem,
    Shade,
    Texts,
    WeekLayout,
    day_segments,
)
from somedesk.gui.planner.week_model import Card


def build_layout(
    frame: Frame,
    monday: date,
    routine: Routine,
    cards: Sequence[Card],
    moments: Sequence[Moment],
    busy: Sequence[BusyBlock],
    proposals: Sequence[Proposal],
    texts: Texts,
    title_metrics: QFontMetricsF,
    detail_metrics: QFontMetricsF,
) -> WeekLayout:
    zone = routine.zone
    layout = WeekLayout(frame, monday, zone)
    layout.bands.extend(_bands(frame, monday, routine))
    segments = [
        (block, day, max(begins, frame.first_hour * 60.0), min(ends, frame.last_hour * 60.0))
        for block in busy
        for day, begins, ends in day_segments(block.interval, monday, zone)
    ]
    segments = [s for s in segments if s[3] > s[2]]  # only what lies in the hours shown
    busy_spans: dict[int, list[tuple[float, float]]] = {}
    for _block, day, begins, ends in segments:
        busy_spans.setdefault(day, []).append((frame.y_at(begins), frame.y_at(ends)))
    moment_labels: list[tuple[QRectF, Moment, str]] = []
    for moment in moments:
        for day, begins, ends in day_segments(moment.interval, monday, zone):
            rect = frame.span(day, begins, ends).adjusted(2, 0, -2, 0)
            if rect.height() < MIN_MOMENT_HEIGHT:
                # Too short for its label: it grows upwards when a meeting follows it (the meeting's
                # start stays in sight), else downwards.
                if moment.kind is MomentKind.BEFORE_MEETING:
                    rect.setTop(rect.bottom() - MIN_MOMENT_HEIGHT)
                else:
                    rect.setHeight(MIN_MOMENT_HEIGHT)
            label = f"{clock(moment.start.astimezone(zone))} {moment_label(moment)}"
            moment_labels.append((rect, moment, label))
    place_cards(layout, cards, proposals, texts, title_metrics, detail_metrics, busy_spans)
    covering = (
        [c.rect for c in layout.cards] + [g.rect for g in layout.ghosts] + [o.rect for o in layout.overflows]
    )
    for rect, moment, label in moment_labels:
        shown = detail_metrics.elidedText(label, _ELIDE, rect.width() - 8)
        text = _label_rect(rect, detail_metrics.horizontalAdvance(shown), detail_metrics.height())
        if any(text.intersects(c) for c in covering):
            shown = ""  # under a card: the card's detail names the moment (and its tooltip)
        layout.moments.append(MomentItem(rect, moment, shown))
    for block, day, begins, ends in segments:
        layout.busy.append(_busy_item(layout, block, day, begins, ends, detail_metrics))
    return layout


def _label_rect(moment: QRectF, width: float, height: float) -> QRectF:
    """Where a moment's label is drawn: its first line, after a small margin."""
    return QRectF(moment.left() + 5, moment.top(), width, min(height, moment.height()))


def _busy_item(
    layout: WeekLayout, block: BusyBlock, day: int, begins: float, ends: float, metrics: QFontMetricsF
) -> BusyItem:
    """A busy block's part in `day` and where its title fits: the first stretch of it that no moment,
    card, chip or quiet hours cover, as many lines as there is room for (at most MAX_BUSY_LINES)."""
    frame = layout.frame
    rect = frame.span(day, begins, ends).adjusted(1, 0, -1, 0)
    left, width = rect.left() + BUSY_STRIP, rect.width() - BUSY_STRIP - 3
    line = metrics.height()
    taken = sorted(
        (r.top() - 1, r.bottom() + 1)
        for r in (
            *(m.rect for m in layout.moments),
            *(c.rect for c in layout.cards),
            *(g.rect for g in layout.ghosts),
            *(o.rect for o in layout.overflows),
            *(b.rect for b in layout.bands if b.shade is Shade.QUIET),
        )
        if r.right() > left
        and r.left() < rect.right()
        and r.bottom() > rect.top()
        and r.top() < rect.bottom()
    )
    top, empty = rect.top() + 1, QRectF(left, rect.top(), 0, 0)
    for start, stop in [*taken, (rect.bottom(), math.inf)]:
        room = min(start, rect.bottom() - 1) - top
        lines = min(MAX_BUSY_LINES, int(room // line))
        if lines >= 1 and block.title:
            wrapped = wrap_lines(block.title, metrics, width, lines)
            return BusyItem(rect, block.title, QRectF(left, top, width, len(wrapped) * line), wrapped)
        top = max(top, stop)
        if top >= rect.bottom():
            break
    return BusyItem(rect, block.title, empty)


def wrap_lines(text: str, metrics: QFontMetricsF, width: float, most: int) -> tuple[str, ...]:
    """`text` broken at spaces into lines no wider than `width`, at most `most` of them; the last one
    shown is cut with "…" when words remain (and so is a word too long for a line)."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if len(lines) == most - 1 and words:
            line = f"{line} {' '.join(words)}"
            words = []
        lines.append(metrics.elidedText(line, _ELIDE, width))
    return tuple(line for line in lines if line)


_ELIDE = Qt.TextElideMode.ElideRight


def _bands(frame: Frame, monday: date, routine: Routine) -> Iterable[BandItem]:
    zone = routine.zone
    for index in range(7):
        yield BandItem(frame.column(index), Shade.OFF)
        plan = routine.plan_for(monday + timedelta(days=index))
        if plan is not None and plan.work_hours is not None:
            for day, begins, ends in day_segments(
                plan.work_hours.on(monday + timedelta(days=index), zone), monday, zone
            ):
                yield BandItem(frame.span(day, begins, ends), Shade.WORK)
    first, last = frame.first_hour * 60.0, frame.last_hour * 60.0
    for quiet in routine.quiet_intervals(monday, monday + timedelta(days=6)):
        for day, begins, ends in day_segments(quiet, monday, zone):
            if min(ends, last) > max(begins, first):  # only the hours shown
                yield BandItem(frame.span(day, max(begins, first), min(ends, last)), Shade.QUIET)
