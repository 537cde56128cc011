"""Where everything sits in the week grid: its geometry (`Frame`) and the items laid out in it
(`WeekLayout`). Computed once per data change or resize (by `week_build.build_layout`); painting and
hit-testing only read it.

Days are columns (Monday first), wall-clock hours are rows; a post sits at its local wall time, so
a DST day looks like any other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPointF, QRectF

from somedesk.core.drafts import PublicationState
from somedesk.core.model import Interval, Moment
from somedesk.core.routine import local_instant
from somedesk.core.week_plan import Proposal
from somedesk.gui.planner.week_model import Card

DEFAULT_HOURS = (6, 21)
HEADER_HEIGHT = 40.0
GUTTER_WIDTH = 50.0
MIN_HOUR_HEIGHT = 36.0
CARD_HEIGHT = 34.0
MIN_MOMENT_HEIGHT = 15.0
LANE_MIN_WIDTH = 62.0
MAX_LANES = 4
CHIP_WIDTH = 28.0
CHIP_HEIGHT = 14.0
BADGE_STEP = 17.0  # a network badge and the space after it
BUTTON_SIZE = 14.0
BUSY_STRIP = 6.0  # how much of a busy block's left edge the cards in it leave showing
TITLE_ROW = 16.0  # a card's first line (badge and title) below its top edge
READABLE_CHARACTERS = 10  # a lane shows at least this many average characters of a title
MAX_BUSY_LINES = 3
SNAP_MINUTES = 5
DAY_MINUTES = 24 * 60


class Shade(Enum):
    WORK = "work"  # work hours: the emphasised part of a workday
    OFF = "off"  # the rest of a day
    QUIET = "quiet"  # quiet hours: nothing is posted then


@dataclass(frozen=True, slots=True)
class Texts:
    """The words the layout puts on cards (translated by the view)."""

    states: Mapping[PublicationState, str]
    proposed: str
    drafts: Mapping[int, str]  # the drafts' texts by id: proposals carry only the id
    marks: Mapping[int, str] = field(default_factory=dict)  # draft id -> "blocked"/"warned"/"accepted"


@dataclass(frozen=True, slots=True)
class Frame:
    """The grid's geometry: a header row of days, a gutter of hours, and the days' columns."""

    width: float
    height: float
    first_hour: int = DEFAULT_HOURS[0]
    last_hour: int = DEFAULT_HOURS[1]

    @property
    def hour_height(self) -> float:
        return max(MIN_HOUR_HEIGHT, (self.height - HEADER_HEIGHT) / (self.last_hour - self.first_hour))

    @property
    def day_width(self) -> float:
        return max(40.0, (self.width - GUTTER_WIDTH) / 7)

    @property
    def bottom(self) -> float:
        return HEADER_HEIGHT + self.hour_height * (self.last_hour - self.first_hour)

    def y_at(self, minutes: float) -> float:
        return HEADER_HEIGHT + (minutes - self.first_hour * 60) * self.hour_height / 60

    def minutes_at(self, y: float) -> float:
        return self.first_hour * 60 + (y - HEADER_HEIGHT) * 60 / self.hour_height

    def day_x(self, index: int) -> float:
        return GUTTER_WIDTH + index * self.day_width

    def day_at(self, x: float) -> int | None:
        index = math.floor((x - GUTTER_WIDTH) / self.day_width)
        return index if 0 <= index < 7 else None

    def column(self, index: int) -> QRectF:
        return QRectF(self.day_x(index), HEADER_HEIGHT, self.day_width, self.bottom - HEADER_HEIGHT)

    def span(self, index: int, start_minutes: float, end_minutes: float) -> QRectF:
        top, bottom = self.y_at(start_minutes), self.y_at(end_minutes)
        return QRectF(self.day_x(index), top, self.day_width, bottom - top)


@dataclass(frozen=True, slots=True)
class BandItem:
    rect: QRectF
    shade: Shade


@dataclass(frozen=True, slots=True)
class BusyItem:
    """A busy block's part in one day, cut to the hours shown; `lines` (its title, wrapped and cut to
    the room there is) go in `title_rect`, the first part of it nothing else is drawn on."""

    rect: QRectF
    title: str
    title_rect: QRectF
    lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MomentItem:
    rect: QRectF
    moment: Moment
    label: str


@dataclass(frozen=True, slots=True)
class CardItem:
    """One card: a post, or the same draft going to several networks at the same time."""

    rect: QRectF
    cards: tuple[Card, ...]
    title: str
    detail: str  # as painted: cut to the card's width
    full_detail: str = ""  # the same uncut, for the tooltip

    @property
    def card(self) -> Card:
        return self.cards[0]


@dataclass(frozen=True, slots=True)
class GhostItem:
    rect: QRectF
    proposal: Proposal
    title: str
    detail: str

    # ✓ and ✕ sit at the end of the second line, beside the (shortened) detail, never on the title.

    @property
    def accept_rect(self) -> QRectF:
        r = self.rect
        return QRectF(r.right() - 2 * BUTTON_SIZE - 5, _button_top(r), BUTTON_SIZE, BUTTON_SIZE)

    @property
    def reject_rect(self) -> QRectF:
        r = self.rect
        return QRectF(r.right() - BUTTON_SIZE - 2, _button_top(r), BUTTON_SIZE, BUTTON_SIZE)


def _button_top(card: QRectF) -> float:
    return min(card.top() + TITLE_ROW + 1, card.bottom() - BUTTON_SIZE - 1)


def title_row(card: QRectF, left: float) -> QRectF:
    """Where a card's title goes: its first line, from `left` (after the badges) to the right edge."""
    return QRectF(left, card.top() + 1, card.right() - left - 3, TITLE_ROW - 1)


def detail_row(card: QRectF, right_margin: float = 3) -> QRectF:
    """Where a card's detail goes: the second line, short of `right_margin` at the right."""
    top = card.top() + TITLE_ROW
    return QRectF(card.left() + 6, top, card.width() - 6 - right_margin, card.bottom() - top - 1)


@dataclass(frozen=True, slots=True)
class OverflowItem:
    rect: QRectF
    cards: tuple[Card, ...]
    proposals: int  # proposals folded in too (Accept all still reaches them)

    @property
    def count(self) -> int:
        return len(self.cards) + self.proposals


@dataclass(frozen=True, slots=True)
class WeekLayout:
    frame: Frame
    monday: date
    zone: ZoneInfo
    bands: list[BandItem] = field(default_factory=list)
    busy: list[BusyItem] = field(default_factory=list)
    moments: list[MomentItem] = field(default_factory=list)
    cards: list[CardItem] = field(default_factory=list)
    ghosts: list[GhostItem] = field(default_factory=list)
    overflows: list[OverflowItem] = field(default_factory=list)

    # Hit-testing (a linear scan: a week holds hundreds of items, and this runs per mouse event) ----

    def card_at(self, pos: QPointF) -> CardItem | None:
        return next((c for c in reversed(self.cards) if c.rect.contains(pos)), None)

    def ghost_at(self, pos: QPointF) -> GhostItem | None:
        return next((g for g in reversed(self.ghosts) if g.rect.contains(pos)), None)

    def overflow_at(self, pos: QPointF) -> OverflowItem | None:
        return next((o for o in self.overflows if o.rect.contains(pos)), None)

    def moment_at(self, pos: QPointF) -> MomentItem | None:
        return next((m for m in self.moments if m.rect.contains(pos)), None)

    def instant_at(self, pos: QPointF) -> datetime | None:
        """The wall-clock time under `pos`, to the nearest SNAP_MINUTES, or None outside the days."""
        day = self.frame.day_at(pos.x())
        if day is None or not HEADER_HEIGHT <= pos.y() <= self.frame.bottom:
            return None
        minutes = round(self.frame.minutes_at(pos.y()) / SNAP_MINUTES) * SNAP_MINUTES
        minutes = min(max(minutes, 0), DAY_MINUTES - SNAP_MINUTES)
        return local_instant(self.monday + timedelta(days=day), time(minutes // 60, minutes % 60), self.zone)

    def point_for(self, instant: datetime) -> QPointF:
        """The middle of the day column at `instant` (tests and the drop hint use it)."""
        day, minutes = place(instant, self.monday, self.zone)
        return QPointF(self.frame.day_x(day) + self.frame.day_width / 2, self.frame.y_at(minutes))


def place(instant: datetime, monday: date, zone: ZoneInfo) -> tuple[int, float]:
    """(day index from `monday`, minutes since local midnight) of an instant."""
    local = instant.astimezone(zone)
    return (local.date() - monday).days, local.hour * 60 + local.minute + local.second / 60


def hours_to_show(instants: Iterable[datetime], zone: ZoneInfo) -> tuple[int, int]:
    """DEFAULT_HOURS, widened to show anything that lies outside them (a post at 22:10, say)."""
    first, last = DEFAULT_HOURS
    for instant in instants:
        local = instant.astimezone(zone)
        first = min(first, local.hour)
        last = max(last, min(24, local.hour + 1))
    return first, last


def day_segments(interval: Interval, monday: date, zone: ZoneInfo) -> Iterable[tuple[int, float, float]]:
    """(day index, start minutes, end minutes) for each of the week's days an interval touches."""
    first_day, start = place(interval.start, monday, zone)
    last_day, end = place(interval.end, monday, zone)
    for day in range(max(first_day, 0), min(last_day, 6) + 1):
        begins = start if day == first_day else 0.0
        ends = end if day == last_day else float(DAY_MINUTES)
        if ends > begins:
            yield day, begins, ends
