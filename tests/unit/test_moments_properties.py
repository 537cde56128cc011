"""Properties of the micro-moment engine over random routines, calendars and ranges, DST days included."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from somedesk.core.model import BusyBlock, Interval, Moment, MomentKind, Network
from somedesk.core.moments import find_moments
from somedesk.core.routine import ClockWindow, DayPlan, Routine

ZONES = [
    ZoneInfo(name)
    for name in ("Europe/Helsinki", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC")
]
# Days on or next to a DST switch in at least one of the zones above (Lord Howe moves by 30 minutes).
DST_DAYS = [
    date(2026, 3, 8),  # New York forward
    date(2026, 3, 29),  # Helsinki forward
    date(2026, 4, 5),  # Lord Howe back
    date(2026, 10, 4),  # Lord Howe forward
    date(2026, 10, 25),  # Helsinki back
    date(2026, 11, 1),  # New York back
]

clock_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 5, 10, 15, 20, 30, 40, 45, 50, 55]))
any_windows = st.builds(ClockWindow, clock_times, clock_times)


def _window_from(start_hours: st.SearchStrategy[int], max_minutes: int) -> st.SearchStrategy[ClockWindow]:
    """A window starting in `start_hours` and lasting up to `max_minutes` (it may wrap midnight)."""

    def build(hour: int, minute: int, minutes: int) -> ClockWindow:
        start = datetime.combine(date(2026, 1, 1), time(hour, minute))
        return ClockWindow(start.time(), (start + timedelta(minutes=minutes)).time())

    return st.builds(
        build, start_hours, st.sampled_from([0, 10, 15, 20, 30, 40, 45, 50]), st.integers(1, max_minutes)
    )


# Mostly routines a person would write, sometimes anything at all (wrapping, empty, whole-day windows).
windows = _window_from(st.integers(5, 20), 150) | any_windows
work_hours = _window_from(st.integers(6, 10), 11 * 60) | any_windows
quiet_hours = _window_from(st.integers(17, 23), 12 * 60) | any_windows


def mostly(strategy: st.SearchStrategy[ClockWindow]) -> st.SearchStrategy[ClockWindow | None]:
    # one_of picks a branch uniformly: three to one for a window over none.
    return st.one_of(strategy, strategy, strategy, st.none())


day_plans = st.builds(
    DayPlan,
    work_hours=mostly(work_hours),
    lunch=mostly(windows),
    commutes=st.lists(windows, max_size=3).map(tuple),
)
routines = st.builds(
    Routine,
    zone=st.sampled_from(ZONES),
    workdays=st.frozensets(st.integers(0, 6), min_size=1),
    default_day=day_plans,
    day_overrides=st.dictionaries(st.integers(0, 6), day_plans, max_size=3),
    quiet_hours=mostly(quiet_hours),
    before_meeting_minutes=st.integers(0, 30),
    min_moment_minutes=st.integers(1, 20),
)
range_days = st.one_of(st.sampled_from(DST_DAYS), st.dates(date(2026, 1, 1), date(2026, 12, 31)))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Routine, list[BusyBlock], datetime, datetime]:
    routine = draw(routines)
    first_day = draw(range_days) - timedelta(days=draw(st.integers(0, 2)))
    # Offsets are added in UTC: adding a timedelta to a zoned datetime moves its wall clock instead.
    midnight = datetime.combine(first_day, time(0), routine.zone).astimezone(UTC)
    start = (midnight + timedelta(minutes=draw(st.integers(0, 1440)))).astimezone(routine.zone)
    length = timedelta(days=draw(st.sampled_from([0, 1, 2, 3, 5, 7])), minutes=draw(st.integers(0, 1440)))
    end = (start.astimezone(UTC) + length).astimezone(routine.zone)
    block_zone = draw(st.sampled_from([routine.zone, UTC]))
    blocks = []
    span_minutes = int((end - start).total_seconds() // 60)
    for _ in range(draw(st.integers(0, 40))):
        # Mostly inside the range, some reaching in from before it or lying just past it.
        offset = timedelta(minutes=draw(st.integers(-1440, span_minutes + 60)))
        length = timedelta(
            minutes=draw(st.sampled_from([0, 5, 10, 15, 25, 30, 30, 45, 60, 60, 120, 600, 3000]))
        )
        block_start = (start + offset).astimezone(block_zone)
        blocks.append(
            BusyBlock(block_start, block_start + length, draw(st.sampled_from(["", "Sync", "1:1"])))
        )
    blocks.sort(key=lambda b: b.start.astimezone(UTC))
    return routine, blocks, start, end


def utc(moment: Moment | BusyBlock | Interval) -> tuple[datetime, datetime]:
    # Compare instants in UTC: two datetimes sharing a ZoneInfo compare by wall clock in Python.
    return moment.start.astimezone(UTC), moment.end.astimezone(UTC)


def overlaps(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_moments_respect_every_hard_rule(
    scenario: tuple[Routine, list[BusyBlock], datetime, datetime],
) -> None:
    routine, blocks, start, end = scenario
    moments = find_moments(routine, blocks, start, end)
    spans = [utc(m) for m in moments]
    first_day = start.astimezone(routine.zone).date() - timedelta(days=1)
    last_day = end.astimezone(routine.zone).date() + timedelta(days=1)
    quiet = [utc(q) for q in routine.quiet_intervals(first_day, last_day)]
    # An empty block (a reminder at 10:00) is no busy time.
    busy_spans = [span for span in map(utc, blocks) if span[0] < span[1]]

    assert spans == sorted(spans)
    for moment, span in zip(moments, spans, strict=True):
        assert moment.start.tzinfo is routine.zone and moment.end.tzinfo is routine.zone
        assert start.astimezone(UTC) <= span[0] and span[1] <= end.astimezone(UTC)
        assert (span[1] - span[0]) >= timedelta(minutes=routine.min_moment_minutes)
        assert routine.is_workday(moment.start.astimezone(routine.zone).date())
        assert not any(overlaps(span, b) for b in busy_spans)
        assert not any(overlaps(span, q) for q in quiet)
        assert set(moment.scores) == {Network.LINKEDIN, Network.X}
        assert all(0.0 <= s <= 1.0 for s in moment.scores.values())
        assert moment.score == max(moment.scores.values())
        assert _inside_its_window(routine, blocks, moment)
    for earlier, later in pairwise(spans):
        assert earlier[1] <= later[0]


def _inside_its_window(routine: Routine, blocks: list[BusyBlock], moment: Moment) -> bool:
    """A moment lies within the routine window (or the before-meeting window) it was made from."""
    day = moment.start.astimezone(routine.zone).date()
    plan = routine.plan_for(day)
    assert plan is not None
    span = utc(moment)
    if moment.kind is MomentKind.BEFORE_MEETING:
        assert plan.work_hours is not None
        work = utc(plan.work_hours.on(day, routine.zone))
        lead = timedelta(minutes=routine.before_meeting_minutes)
        return any(
            work[0] <= b_start < work[1] and b_start - lead <= span[0] and span[1] <= b_start
            for b_start, b_end in (utc(b) for b in blocks)
            if b_start < b_end
        )
    sources = plan.commutes if moment.kind is MomentKind.COMMUTE else (plan.lunch,)
    return any(w is not None and _within(span, utc(w.on(day, routine.zone))) for w in sources)


def _within(inner: tuple[datetime, datetime], outer: tuple[datetime, datetime]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]
