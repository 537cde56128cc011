"""Where everything sits in the week grid. Computed once per data change or resize; painting and
hit-testing only read it.

Days are columns (Monday first), wall-clock hours are rows; a post sits at its local wall time, so
a DST day looks like any other. Posts that overlap in a day share its width in lanes, each lane wide
enough to read a few words; when a day is too narrow for them all, the rest fold into a "+N" chip.

Nothing is laid over another thing's words: busy time is cut to the hours shown (it never reaches
into the day headers), its title goes in the first free part of it (not under a moment, a card or the
quiet hours' shading), cards in busy time leave the block's edge showing (its tooltip names it), a
moment shorter than a line grows away from the meeting it comes before, and a moment's label that a
card covers is left out (the card says the moment).
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


# How a card whose text the policy flags is marked, before its first words.
POLICY_SIGNS = {"blocked": "⛔ ", "warned": "⚠ ", "accepted": "⚠ "}


def _marked(draft_id: int, words: str, texts: Texts) -> str:
    return POLICY_SIGNS.get(texts.marks.get(draft_id, ""), "") + words


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
    _place_cards(layout, cards, proposals, texts, title_metrics, detail_metrics, busy_spans)
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


@dataclass(slots=True)
class _Entry:
    day: int
    top: float
    cards: tuple[Card, ...]  # empty for a proposal
    proposal: Proposal | None
    lane: int = 0


def lane_min_width(title_metrics: QFontMetricsF) -> float:
    """The narrowest lane a card gets: its badge and READABLE_CHARACTERS of its title."""
    return max(LANE_MIN_WIDTH, 14 + BADGE_STEP + READABLE_CHARACTERS * title_metrics.averageCharWidth())


def readable_day_width(title_metrics: QFontMetricsF, header_metrics: QFontMetricsF) -> float:
    """The narrowest a day's column may get: one readable lane beside busy time's edge, and the
    longest day title ("Wed 30.12.") whole. The grid never gets narrower than seven of these."""
    header = header_metrics.horizontalAdvance("Wed 30.12.") + 12
    return math.ceil(max(lane_min_width(title_metrics) + 4 + BUSY_STRIP, header))


def _place_cards(
    layout: WeekLayout,
    cards: Sequence[Card],
    proposals: Sequence[Proposal],
    texts: Texts,
    title_metrics: QFontMetricsF,
    detail_metrics: QFontMetricsF,
    busy_spans: Mapping[int, Sequence[tuple[float, float]]],
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
    # At the same time a proposal comes first: it waits for a ✓ or ✕, so it is the one kept in
    # sight when a lane is short (a card folded into the "+N" chip is a click away).
    entries.sort(key=lambda e: (e.day, e.top, bool(e.cards), e.cards[0].publication.id if e.cards else 0))
    lanes_fit = max(
        1, min(MAX_LANES, int((frame.day_width - 4 - BUSY_STRIP) // lane_min_width(title_metrics)))
    )
    for cluster in _clusters(entries):
        lanes = _assign_lanes(cluster)
        shown_lanes = lanes if lanes <= lanes_fit else lanes_fit
        # In busy time the cards leave the block's edge showing, so the meeting is never hidden.
        top, bottom = cluster[0].top, max(e.top for e in cluster) + CARD_HEIGHT
        inset = (
            BUSY_STRIP if any(a < bottom and top < b for a, b in busy_spans.get(cluster[0].day, ())) else 0
        )
        width = (frame.day_width - 4 - inset) / shown_lanes
        shown = [e for e in cluster if e.lane < shown_lanes]
        folded = _fold(shown, [e for e in cluster if e.lane >= shown_lanes])
        for entry in shown:
            x = frame.day_x(entry.day) + 2 + inset + entry.lane * width
            rect = QRectF(x, entry.top, width, CARD_HEIGHT)
            rect.adjust(1, 1, -1, -1)
            hidden = folded.get(id(entry), [])
            _add_item(layout, entry, rect, texts, title_metrics, detail_metrics, CHIP_WIDTH if hidden else 0)
            if hidden:
                _add_chip(layout, rect, entry, hidden)


def _fold(shown: Sequence[_Entry], hidden: Sequence[_Entry]) -> dict[int, list[_Entry]]:
    """The entries that do not fit, by the shown entry whose "+N" chip holds them: the one in the last
    lane at their time (else the nearest in time). The chip sits on that card's second line, so
    it takes a few letters of the card's detail rather than the width of a whole column."""
    anchors: dict[int, list[_Entry]] = {}
    for entry in hidden:
        over = [v for v in shown if v.top <= entry.top < v.top + CARD_HEIGHT]
        anchor = max(over, key=lambda v: v.lane) if over else min(shown, key=lambda v: abs(v.top - entry.top))
        anchors.setdefault(id(anchor), []).append(entry)
    return anchors


def _add_chip(layout: WeekLayout, card: QRectF, anchor: _Entry, hidden: Sequence[_Entry]) -> None:
    right = card.right() - 3 - (2 * BUTTON_SIZE + 6 if anchor.proposal is not None else 0)
    rect = QRectF(right - CHIP_WIDTH + 4, card.top() + TITLE_ROW + 1, CHIP_WIDTH - 4, CHIP_HEIGHT)
    cards = tuple(card for e in hidden for card in e.cards)
    layout.overflows.append(OverflowItem(rect, cards, sum(1 for e in hidden if not e.cards)))


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
    chip_room: float = 0,
) -> None:
    """A card or a proposal in `rect`; `chip_room` is kept free at the end of its second line."""
    if entry.cards:
        card = entry.cards[0]
        badges = BADGE_STEP * len(entry.cards)
        title = title_metrics.elidedText(
            _marked(card.draft.id, first_words(card.draft.text), texts),
            _ELIDE,
            title_row(rect, rect.left() + 5 + badges).width(),
        )
        detail = _detail(
            card.at,
            texts.states.get(card.state, card.state.value),
            stored_label(card.publication.moment_label),
        )
        shown = detail_metrics.elidedText(detail, _ELIDE, detail_row(rect, 3 + chip_room).width())
        layout.cards.append(CardItem(rect, entry.cards, title, shown, detail))
    elif entry.proposal is not None:
        proposal = entry.proposal
        title = title_metrics.elidedText(
            _marked(proposal.draft_id, first_words(texts.drafts.get(proposal.draft_id, "")), texts),
            _ELIDE,
            title_row(rect, rect.left() + 5 + BADGE_STEP).width(),
        )
        detail = _detail(proposal.at.astimezone(layout.zone), texts.proposed, moment_label(proposal.moment))
        detail_width = detail_row(rect, 2 * BUTTON_SIZE + 9 + chip_room).width()
        layout.ghosts.append(
            GhostItem(rect, proposal, title, detail_metrics.elidedText(detail, _ELIDE, detail_width))
        )


def _detail(at: datetime, state: str, moment: str | None) -> str:
    """ "11:30 · Scheduled · Lunch": the time and state first, since the end is what gets cut."""
    return " · ".join(part for part in (clock(at), state, moment) if part)


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
