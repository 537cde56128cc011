"""Where the cards and proposals go in the week grid: posts that overlap in a day share its width in
lanes, each lane wide enough to read a few words; when a day is too narrow for them all, the rest
fold into a "+N" chip.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from somedesk.core.drafts import PublicationState
from somedesk.core.week_plan import Proposal
from somedesk.gui.labels import POLICY_SIGNS, clock, moment_label, stored_label
from somedesk.gui.planner.week_layout import (
    BADGE_STEP,
    BUSY_STRIP,
    BUTTON_SIZE,
    CARD_HEIGHT,
    CHIP_HEIGHT,
    CHIP_WIDTH,
    LANE_MIN_WIDTH,
    MAX_LANES,
    READABLE_CHARACTERS,
    TITLE_ROW,
    CardItem,
    GhostItem,
    OverflowItem,
    Texts,
    WeekLayout,
    detail_row,
    place,
    title_row,
)
from somedesk.gui.planner.week_model import Card, first_words

_ELIDE = Qt.TextElideMode.ElideRight


def _marked(draft_id: int, words: str, texts: Texts) -> str:
    return POLICY_SIGNS.get(texts.marks.get(draft_id, ""), "") + words


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


def place_cards(
    layout: WeekLayout,
    cards: Sequence[Card],
    proposals: Sequence[Proposal],
    texts: Texts,
    title_metrics: QFontMetricsF,
    detail_metrics: QFontMetricsF,
    busy_spans: Mapping[int, Sequence[tuple[float, float]]],
) -> None:
    """Adds the cards and proposals of `layout`'s week to it in lanes, with "+N" chips for those that
    do not fit; `busy_spans` (top, bottom by day) are the busy time whose edge the cards leave showing."""
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
