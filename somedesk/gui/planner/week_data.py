"""What the planner shows for one week, read from the services on the worker thread (no Qt here).

Three parts, loaded one after the other so the week's posts appear at once even while a calendar
link is slow or the drafts are many: the store part (the week's posts and the posts that count for
targets and gaps), the calendar part (moments and busy time, kept for a while so a reload after
every change does not fetch calendar links again) and the drafts waiting (the same for every week).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from somedesk.app.gate import Mark
from somedesk.app.services import Somedesk
from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.model import BusyBlock, Moment
from somedesk.core.planning import Scheduled
from somedesk.core.week_plan import week_bounds

# What fills a week's quota: posts planned, under way or out (a missed or failed post does not).
COUNTED_STATES = frozenset(
    {PublicationState.SCHEDULED, PublicationState.PUBLISHING, PublicationState.PUBLISHED}
)
CALENDAR_FRESH_FOR = 10 * 60.0  # seconds a week's moments are reused before calendars are read again


def is_waiting(draft: Draft) -> bool:
    """A draft the drafts panel lists: some network still to schedule, or none chosen yet."""
    return not draft.publications or any(p.state is PublicationState.DRAFT for p in draft.publications)


@dataclass(frozen=True, slots=True)
class StorePart:
    monday: date
    items: list[tuple[Publication, Draft]]  # the posts in the week, in time order
    counted: list[Scheduled]  # posts that count for targets and gaps, in the week and around it
    marks: dict[int, Mark] = field(default_factory=dict)  # drafts whose text the policy flags


@dataclass(frozen=True, slots=True)
class CalendarPart:
    monday: date
    moments: list[Moment]
    busy: list[BusyBlock]
    problems: list[str] = field(default_factory=list)


class WeekLoader:
    """Reads a week's parts. Used from the worker thread only (its cache is not locked)."""

    def __init__(self, app: Somedesk, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self._monotonic = monotonic
        self._calendars: dict[date, tuple[float, CalendarPart]] = {}

    def store_part(self, monday: date) -> StorePart:
        app = self.app
        start, end = week_bounds(monday, app.config.routine.zone)
        items = app.queue_between(start, end)
        # Every post the engine counts, not only this week's: gaps reach across the week's edges, and
        # queue order reaches back before it (an older draft's post last week still comes first).
        counted = app.posts_counted()
        items.sort(key=lambda pair: (pair[0].when, pair[0].id))
        return StorePart(monday, items, counted, app.policy_marks(app.drafts()))

    def waiting_drafts(self) -> list[Draft]:
        """The drafts waiting, oldest first."""
        return [d for d in self.app.drafts() if is_waiting(d)]

    def calendar_part(self, monday: date, *, fresh: bool = False) -> CalendarPart:
        """The week's moments and busy time; a copy younger than CALENDAR_FRESH_FOR unless `fresh`."""
        now = self._monotonic()
        kept = self._calendars.get(monday)
        if kept is not None and not fresh and now - kept[0] < CALENDAR_FRESH_FOR:
            return kept[1]
        result = self.app.moments_for_days(monday, 7)
        part = CalendarPart(monday, result.moments, result.busy, [*result.problems, *result.stale])
        self._calendars[monday] = (now, part)
        return part
