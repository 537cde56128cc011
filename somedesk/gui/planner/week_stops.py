"""The week grid's keyboard focus stops: what the arrow keys reach (moments, cards, proposals, "+N"
chips), in time order, and how Up/Down and Left/Right step between them. `week_focus` moves the ring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QRectF

from somedesk.gui.planner.week_layout import CardItem, GhostItem, MomentItem, OverflowItem, WeekLayout


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
