"""The person's week: workdays, work hours, lunch, commutes and quiet hours, as wall-clock rules.

Wall-clock rules are resolved to instants per calendar day in the routine's IANA zone, so a
07:40 commute is 07:40 local on both sides of a DST switch.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from somedesk.core.model import Interval

WEEKDAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def local_instant(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The instant at wall-clock `clock` on `day` in `zone`, as an aware datetime in `zone`.

    A wall time that does not exist (the hour skipped when DST starts) is moved forward by the
    gap, which is what a person's phone alarm does; an ambiguous one takes the first occurrence.
    """
    naive = datetime.combine(day, clock)
    aware = naive.replace(tzinfo=zone, fold=0)
    # Round-tripping through UTC normalises a non-existent wall time to a real instant.
    return aware.astimezone(UTC).astimezone(zone)


@dataclass(frozen=True, slots=True)
class ClockWindow:
    """A wall-clock window; `end <= start` means it wraps past midnight (quiet hours do)."""

    start: time
    end: time

    @property
    def wraps(self) -> bool:
        return self.end <= self.start

    def on(self, day: date, zone: ZoneInfo) -> Interval:
        """This window starting on `day`, as an interval of aware instants in `zone`."""
        end_day = day + timedelta(days=1) if self.wraps else day
        return Interval(local_instant(day, self.start, zone), local_instant(end_day, self.end, zone))

    def __str__(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class DayPlan:
    """What one workday looks like: work hours, lunch and commutes (any may be absent)."""

    work_hours: ClockWindow | None
    lunch: ClockWindow | None
    commutes: tuple[ClockWindow, ...] = ()


DEFAULT_DAY = DayPlan(
    work_hours=ClockWindow(time(8, 30), time(16, 30)),
    lunch=ClockWindow(time(11, 30), time(12, 0)),
    commutes=(ClockWindow(time(7, 45), time(8, 15)), ClockWindow(time(16, 45), time(17, 15))),
)
DEFAULT_QUIET = ClockWindow(time(19, 0), time(7, 0))


@dataclass(frozen=True, slots=True)
class Routine:
    """The person's week. `workdays` holds Python weekday numbers (Monday is 0)."""

    zone: ZoneInfo
    workdays: frozenset[int] = frozenset(range(5))
    default_day: DayPlan = DEFAULT_DAY
    day_overrides: Mapping[int, DayPlan] = field(default_factory=dict)
    quiet_hours: ClockWindow | None = DEFAULT_QUIET
    before_meeting_minutes: int = 10
    min_moment_minutes: int = 5

    def is_workday(self, day: date) -> bool:
        return day.weekday() in self.workdays

    def plan_for(self, day: date) -> DayPlan | None:
        """The plan for `day`, or None on a day that is not a workday."""
        if not self.is_workday(day):
            return None
        return self.day_overrides.get(day.weekday(), self.default_day)

    def quiet_intervals(self, first: date, last: date) -> Iterator[Interval]:
        """Every quiet-hours interval touching the days first..last (inclusive), in order.

        Starts a day early so that a window wrapping past midnight into `first` is included.
        """
        if self.quiet_hours is None:
            return
        day = first - timedelta(days=1)
        while day <= last:
            yield self.quiet_hours.on(day, self.zone)
            day += timedelta(days=1)

    def in_quiet_hours(self, instant: datetime) -> bool:
        local_day = instant.astimezone(self.zone).date()
        return any(q.contains(instant) for q in self.quiet_intervals(local_day, local_day))
