"""Where everything sits in the week grid. Computed once per data change or resize; painting and
hit-testing only read it.

Days are columns (Monday first), wall-clock hours are rows; a post sits at its local wall time, so
a DST day looks like any other. Posts that overlap in a day share its width in lanes; when a day is
too narrow for them all, the rest fold into a "+N" chip.

Nothing is painted over another thing's text (`text_overlaps` checks it): busy time and moments stay
inside the grid, below the day headers; a moment too short to read is grown away from the meeting
it precedes; a busy block's title moves below the moments and posts on its top, and a title, or a
moment's label, that has no room left is not painted at all (its tooltip says it in full).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from somedesk.core.drafts import PublicationState
from somedesk.core.model import BusyBlock, Interval, Moment, MomentKind
from somedesk.core.routine import Routine, local_instant
from somedesk.core.week_plan import Proposal
from somedesk.gui.labels import clock, moment_label, stored_label
from somedesk.gui.planner.week_model import Card, first_words

DEFAULT_HOURS = (6, 21)
HEADER_HEIGHT = 40.0
GUTTER_WIDTH = 50.0
MIN_HOUR_HEIGHT = 36.0
CARD_HEIGHT = 34.0
MIN_MOMENT_HEIGHT = 15.0
LANE_MIN_WIDTH = 80.0  # narrower lanes read "Wh…": fold into the "+N" chip instead
MIN_DAY_WIDTH = 104.0  # the narrowest readable day column: the grid scrolls rather than go below it
MIN_LABEL_WIDTH = 30.0  # a label cut shorter than this says nothing: it is left out
MAX_LANES = 4
CHIP_WIDTH = 28.0
CHIP_HEIGHT = 18.0
BADGE_STEP = 17.0  # a network badge and the space after it
BUTTON_SIZE = 15.0
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
    rect: QRectF
    title: str  # the whole title (the tooltip's)
    title_rect: QRectF  # below the moments and posts on the block's top
    shown_title: str = ""  # what fits in title_rect; "" when nothing does


@dataclass(frozen=True, slots=True)
class MomentItem:
    rect: QRectF
    moment: Moment
    label: str  # as painted ("" when a post covers where it would go)
    label_rect: QRectF = field(default_factory=QRectF)


@dataclass(frozen=True, slots=True)
class CardItem:
    """One card: a post, or the same draft going to several networks at the same time."""

    rect: QRectF
    cards: tuple[Card, ...]
    title: str
    detail: str
    full_detail: str = ""  # the detail uncut (the tooltip's)

    @property
    def card(self) -> Card:
        return self.cards[0]

    @property
    def title_rect(self) -> QRectF:
        left = self.rect.left() + 5 + BADGE_STEP * len(self.cards)
        return QRectF(left, self.rect.top() + 1, self.rect.right() - left - 3, 18)

    @property
    def detail_rect(self) -> QRectF:
        return QRectF(self.rect.left() + 6, self.rect.top() + 17, self.rect.width() - 8, 15)


@dataclass(frozen=True, slots=True)
class GhostItem:
    rect: QRectF
    proposal: Proposal
    title: str
    detail: str

    # ✓ and ✕ stand one above the other at the card's right edge, beside its two lines of text, so
    # that neither ever sits on the words.

    @property
    def accept_rect(self) -> QRectF:
        r = self.rect
        return QRectF(r.right() - BUTTON_SIZE - 2, r.top() + 1, BUTTON_SIZE, BUTTON_SIZE)

    @property
    def reject_rect(self) -> QRectF:
        r = self.rect
        return QRectF(r.right() - BUTTON_SIZE - 2, r.bottom() - BUTTON_SIZE - 1, BUTTON_SIZE, BUTTON_SIZE)

    @property
    def title_rect(self) -> QRectF:
        left = self.rect.left() + 5 + BADGE_STEP
        return QRectF(left, self.rect.top() + 1, self.rect.right() - left - BUTTON_SIZE - 5, 16)

    @property
    def detail_rect(self) -> QRectF:
        return QRectF(self.rect.left() + 6, self.rect.top() + 17, self.rect.width() - BUTTON_SIZE - 10, 15)


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
    _place_moments(layout, moments)
    _place_cards(layout, cards, proposals, texts, title_metrics, detail_metrics)
    _label_moments(layout, detail_metrics)
    _place_busy(layout, busy, detail_metrics)
    return layout


def _grid(frame: Frame) -> QRectF:
    """Where the days' hours are: below the header row, right of the hours' gutter."""
    return QRectF(GUTTER_WIDTH, HEADER_HEIGHT, frame.width - GUTTER_WIDTH, frame.bottom - HEADER_HEIGHT)


def _place_moments(layout: WeekLayout, moments: Sequence[Moment]) -> None:
    frame, monday, zone = layout.frame, layout.monday, layout.zone
    grid = _grid(frame)
    placed: list[MomentItem] = []
    for moment in moments:
        for day, begins, ends in day_segments(moment.interval, monday, zone):
            rect = frame.span(day, begins, ends).adjusted(2, 0, -2, 0).intersected(grid)
            if rect.isEmpty():
                continue
            if rect.height() < MIN_MOMENT_HEIGHT:
                if moment.kind is MomentKind.BEFORE_MEETING:
                    rect.setTop(rect.bottom() - MIN_MOMENT_HEIGHT)  # grown upwards, off the meeting
                else:
                    rect.setHeight(MIN_MOMENT_HEIGHT)
            placed.append(MomentItem(rect, moment, ""))
    # Two short moments close together would still overlap once grown: the later one moves down.
    placed.sort(key=lambda m: (round(m.rect.left()), m.rect.top()))
    for index in range(1, len(placed)):
        before, item = placed[index - 1], placed[index]
        if round(before.rect.left()) == round(item.rect.left()) and item.rect.top() < before.rect.bottom():
            item.rect.moveTop(before.rect.bottom())
    layout.moments.extend(placed)


def _covers(layout: WeekLayout) -> list[QRectF]:
    """What is painted over moments and busy time: the posts, the proposals and the "+N" chips."""
    return [
        *(c.rect for c in layout.cards),
        *(g.rect for g in layout.ghosts),
        *(o.rect for o in layout.overflows),
    ]


def _label_moments(layout: WeekLayout, metrics: QFontMetricsF) -> None:
    """Each moment's label at its top, cut short before a post or chip painted over it (the post's own
    line names the moment), or left out when too little of it would show."""
    covers = _covers(layout)
    line = min(metrics.height() + 2, MIN_MOMENT_HEIGHT)
    zone = layout.zone
    for index, item in enumerate(layout.moments):
        box = QRectF(item.rect.left() + 5, item.rect.top(), item.rect.width() - 8, line)
        for cover in covers:
            if cover.intersects(box):
                box.setRight(min(box.right(), cover.left() - 2) if cover.left() > box.left() else box.left())
        label = f"{clock(item.moment.start.astimezone(zone))} {moment_label(item.moment)}"
        shown = metrics.elidedText(label, _ELIDE, box.width()) if box.width() >= MIN_LABEL_WIDTH else ""
        if shown in ("…", ""):
            shown, box = "", QRectF()
        layout.moments[index] = MomentItem(item.rect, item.moment, shown, box)


def _place_busy(layout: WeekLayout, busy: Sequence[BusyBlock], metrics: QFontMetricsF) -> None:
    """Busy time below the header (an all-day block starts at the grid's first hour); its title goes
    below whatever sits on the block's top, and is left to the tooltip when no room is left."""
    frame, monday, zone = layout.frame, layout.monday, layout.zone
    grid = _grid(frame)
    line = metrics.height() + 2
    covers = [*(m.rect for m in layout.moments), *_covers(layout)]
    for block in busy:
        for day, begins, ends in day_segments(block.interval, monday, zone):
            rect = frame.span(day, begins, ends).adjusted(1, 0, -1, 0).intersected(grid)
            if rect.isEmpty():
                continue
            title_rect = QRectF(rect.left() + 6, rect.top() + 1, rect.width() - 8, line)
            moved = True
            while moved:
                moved = False
                for cover in covers:
                    if cover.intersects(title_rect):
                        title_rect.moveTop(cover.bottom() + 1)
                        moved = True
            fits = title_rect.bottom() <= rect.bottom() + 1 and title_rect.width() >= MIN_LABEL_WIDTH
            shown = metrics.elidedText(block.title, _ELIDE, title_rect.width()) if fits else ""
            if shown == "…":
                shown = ""
            layout.busy.append(BusyItem(rect, block.title, title_rect, shown))


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
    for quiet in routine.quiet_intervals(monday, monday + timedelta(days=6)):
        for day, begins, ends in day_segments(quiet, monday, zone):
            yield BandItem(frame.span(day, begins, ends), Shade.QUIET)


@dataclass(slots=True)
class _Entry:
    day: int
    top: float
    cards: tuple[Card, ...]  # empty for a proposal
    proposal: Proposal | None
    lane: int = 0


def _place_cards(
    layout: WeekLayout,
    cards: Sequence[Card],
    proposals: Sequence[Proposal],
    texts: Texts,
    title_metrics: QFontMetricsF,
    detail_metrics: QFontMetricsF,
) -> None:
    frame, monday, zone = layout.frame, layout.monday, layout.zone
    entries: list[_Entry] = []
    # One card for a draft going to several networks at the same time in the same state.
    together: dict[tuple[int, datetime, PublicationState], list[Card]] = {}
    for card in cards:
        together.setdefault((card.draft.id, card.at, card.state), []).append(card)
    for group in together.values():
        day, minutes = place(group[0].at, monday, zone)
        if 0 <= day < 7:
            entries.append(_Entry(day, frame.y_at(minutes), tuple(group), None))
    for proposal in proposals:
        day, minutes = place(proposal.at, monday, zone)
        if 0 <= day < 7:
            entries.append(_Entry(day, frame.y_at(minutes), (), proposal))
    entries.sort(key=lambda e: (e.day, e.top, not e.cards, e.cards[0].publication.id if e.cards else 0))
    lanes_fit = max(1, min(MAX_LANES, int(frame.day_width // LANE_MIN_WIDTH)))
    for cluster in _clusters(entries):
        lanes = _assign_lanes(cluster)
        shown_lanes = lanes if lanes <= lanes_fit else lanes_fit
        room = frame.day_width - 4 - (CHIP_WIDTH if lanes > lanes_fit else 0)
        width = room / shown_lanes
        hidden: list[_Entry] = []
        for entry in cluster:
            if entry.lane >= shown_lanes:
                hidden.append(entry)
                continue
            rect = QRectF(frame.day_x(entry.day) + 2 + entry.lane * width, entry.top, width, CARD_HEIGHT)
            rect.adjust(1, 1, -1, -1)
            _add_item(layout, entry, rect, texts, title_metrics, detail_metrics)
        _add_chips(layout, hidden)


def _clusters(entries: Sequence[_Entry]) -> Iterable[list[_Entry]]:
    """Runs of entries in one day that overlap each other, directly or through a neighbour."""
    cluster: list[_Entry] = []
    bottom = -math.inf
    for entry in entries:
        if cluster and (entry.day != cluster[0].day or entry.top >= bottom):
            yield cluster
            cluster, bottom = [], -math.inf
        cluster.append(entry)
        bottom = max(bottom, entry.top + CARD_HEIGHT)
    if cluster:
        yield cluster


def _assign_lanes(cluster: Sequence[_Entry]) -> int:
    ends: list[float] = []
    for entry in cluster:
        lane = next((i for i, end in enumerate(ends) if end <= entry.top), len(ends))
        if lane == len(ends):
            ends.append(0.0)
        ends[lane] = entry.top + CARD_HEIGHT
        entry.lane = lane
    return len(ends)


def _add_item(
    layout: WeekLayout,
    entry: _Entry,
    rect: QRectF,
    texts: Texts,
    title_metrics: QFontMetricsF,
    detail_metrics: QFontMetricsF,
) -> None:
    if entry.cards:
        card = entry.cards[0]
        text_width = rect.width() - 12 - BADGE_STEP * len(entry.cards)
        title = title_metrics.elidedText(first_words(card.draft.text), _ELIDE, text_width)
        detail = _detail(
            card.at,
            texts.states.get(card.state, card.state.value),
            stored_label(card.publication.moment_label),
        )
        shown = detail_metrics.elidedText(detail, _ELIDE, rect.width() - 8)
        layout.cards.append(CardItem(rect, entry.cards, title, shown, detail))
    elif entry.proposal is not None:
        proposal = entry.proposal
        ghost = GhostItem(rect, proposal, "", "")
        title = title_metrics.elidedText(
            first_words(texts.drafts.get(proposal.draft_id, "")), _ELIDE, ghost.title_rect.width()
        )
        detail = _detail(proposal.at.astimezone(layout.zone), texts.proposed, moment_label(proposal.moment))
        shown = detail_metrics.elidedText(detail, _ELIDE, ghost.detail_rect.width())
        layout.ghosts.append(GhostItem(rect, proposal, title, shown))


def _detail(at: datetime, state: str, moment: str | None) -> str:
    """ "11:30 · Scheduled · Lunch": the time and state first, since the end is what gets cut."""
    return " · ".join(part for part in (clock(at), state, moment) if part)


def _add_chips(layout: WeekLayout, hidden: Sequence[_Entry]) -> None:
    frame = layout.frame
    group: list[_Entry] = []
    for entry in [*hidden, None]:
        if entry is not None and (not group or entry.top < group[0].top + CARD_HEIGHT):
            group.append(entry)
            continue
        if group:
            first = group[0]
            x = frame.day_x(first.day) + frame.day_width - 2 - CHIP_WIDTH
            rect = QRectF(x + 1, first.top + 1, CHIP_WIDTH - 2, CHIP_HEIGHT)
            cards = tuple(card for e in group for card in e.cards)
            layout.overflows.append(OverflowItem(rect, cards, sum(1 for e in group if not e.cards)))
        group = [entry] if entry is not None else []


# Text that something else is painted over --------------------------------------------------------


def text_overlaps(layout: WeekLayout, day_titles: int = 7) -> list[str]:
    """Every place where something is painted over another thing's text, as "what over what's text"
    (tests assert there is none). Painting order as in week_painter: header, busy time, moments,
    posts, proposals (with their ✓ ✕), "+N" chips."""
    frame = layout.frame
    painted: list[tuple[str, QRectF, list[QRectF]]] = []  # (name, what it covers, its text boxes)
    header = [QRectF(frame.day_x(i), 0, frame.day_width, HEADER_HEIGHT) for i in range(day_titles)]
    painted.append(("the header", QRectF(), header))
    for busy in layout.busy:
        painted.append((f"busy {busy.title!r}", busy.rect, [busy.title_rect] if busy.shown_title else []))
    for moment in layout.moments:
        name = f"moment {moment_label(moment.moment)!r}"
        painted.append((name, moment.rect, [moment.label_rect] if moment.label else []))
    for card in layout.cards:
        painted.append((f"post {card.title!r}", card.rect, [card.title_rect, card.detail_rect]))
    for ghost in layout.ghosts:
        name = f"proposal {ghost.title!r}"
        painted.append((name, ghost.rect, [ghost.title_rect, ghost.detail_rect]))
        painted.append((f"{name}'s ✓", ghost.accept_rect, []))
        painted.append((f"{name}'s ✕", ghost.reject_rect, []))
    for chip in layout.overflows:
        painted.append((f"chip +{chip.count}", chip.rect, [chip.rect]))
    found = []
    for index, (name, _, texts) in enumerate(painted):
        for box in texts:
            for later, cover, _ in painted[index + 1 :]:
                common = cover.intersected(box)
                if common.width() > 1 and common.height() > 1:
                    found.append(f"{later} over {name}'s text")
    return found


# Keyboard focus ----------------------------------------------------------------------------------


class StopKind(Enum):
    """What a keyboard focus stop is; the order is the order of things that start at the same time."""

    MOMENT = 0  # a moment comes before the posts placed at its start
    CARD = 1
    GHOST = 2
    OVERFLOW = 3


@dataclass(frozen=True, slots=True)
class FocusStop:
    """One thing the arrow keys can reach: a moment, a card, a proposal or a "+N" chip.

    `key` names the thing itself (not where it is drawn), so the focus stays on it when the week is
    laid out again after a reload or a resize."""

    kind: StopKind
    day: int
    item: MomentItem | CardItem | GhostItem | OverflowItem
    key: tuple[object, ...]

    @property
    def rect(self) -> QRectF:
        return self.item.rect


def focus_stops(layout: WeekLayout) -> list[FocusStop]:
    """Every focus stop of the week in time order: by day, then top to bottom, then left to right."""
    frame = layout.frame
    stops: list[FocusStop] = []

    def add(kind: StopKind, item: MomentItem | CardItem | GhostItem | OverflowItem, key: object) -> None:
        day = frame.day_at(item.rect.center().x())
        if day is not None:
            # A moment across midnight is drawn on two days: each part is a stop of its own.
            where = day if kind is StopKind.MOMENT or kind is StopKind.OVERFLOW else None
            stops.append(FocusStop(kind, day, item, (kind, where, key)))

    for moment in layout.moments:
        add(StopKind.MOMENT, moment, (moment.moment.start, moment.moment.kind))
    for card in layout.cards:
        add(StopKind.CARD, card, tuple(c.publication.id for c in card.cards))
    for ghost in layout.ghosts:
        proposal = ghost.proposal
        add(StopKind.GHOST, ghost, (proposal.draft_id, proposal.network, proposal.at))
    for chip in layout.overflows:
        add(StopKind.OVERFLOW, chip, tuple(c.publication.id for c in chip.cards))
    stops.sort(key=lambda s: (s.day, round(s.rect.top(), 3), s.kind.value, s.rect.left()))
    return stops


def step_within_day(stops: Sequence[FocusStop], index: int, step: int) -> int:
    """Up (-1) or Down (+1) from stop `index` in the same day; it stays at the day's first or last."""
    target = index + step
    if 0 <= target < len(stops) and stops[target].day == stops[index].day:
        return target
    return index


def step_day(stops: Sequence[FocusStop], index: int, step: int) -> int:
    """Left (-1) or Right (+1): the nearest stop in time on the next day that has any (days with nothing
    on them are skipped), or `index` when there is no such day."""
    current = stops[index]
    day = current.day + step
    while 0 <= day < 7:
        candidates = [i for i, s in enumerate(stops) if s.day == day]
        if candidates:
            return min(candidates, key=lambda i: (abs(stops[i].rect.top() - current.rect.top()), i))
        day += step
    return index
