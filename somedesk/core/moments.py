"""The micro-moment engine: the short free windows of a working week in which a post fits.

Rules, per local day of the routine's zone:
- commute and lunch windows come from the day's plan (workdays only);
- a before-meeting window is the `before_meeting_minutes` before a busy block that starts inside the
  day's work hours;
- every window is cut to its free parts: nothing in quiet hours, nothing busy, nothing outside the
  requested range or outside its own local day; parts shorter than `min_moment_minutes` are dropped.
  (A window wrapping past midnight keeps only its part on its own day, so every moment starts on
  the workday it belongs to. An empty calendar block, start == end, is a reminder, not busy time.)

Precedence when windows overlap: the routine's own windows (commute, lunch) come first, because the
person declared them; before-meeting windows are only inferred from the calendar, so each is cut to
what the routine's windows left free. Within a tier the earlier-starting window wins. So a meeting at
12:05 after a lunch ending 12:00 gives "Lunch" until 12:00 and a "Before …" moment 12:00-12:05, and a
meeting at 12:00 gives only "Lunch" (its before-meeting window lies inside lunch).

All arithmetic is done on UTC instants: Python compares and subtracts two datetimes that share a
tzinfo by wall clock, which is wrong across a DST switch. Results are converted back to the zone.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from somedesk.core.model import UNTITLED_LABEL, BusyBlock, Interval, Moment, MomentKind, require_aware
from somedesk.core.routine import ClockWindow, DayPlan, Routine, local_instant
from somedesk.core.scoring import FOLLOW_UP_MINUTES, best_score, score_moment

# A half-open span [start, end) of UTC instants; cheaper than Interval in the inner loops.
Span = tuple[datetime, datetime]

NOON = time(12, 0)
MAX_TITLE_CHARS = 40  # a label has to fit a tray menu line and a notification title

_ROUTINE_TIER = 0
_MEETING_TIER = 1
_FOLLOW_UP = timedelta(minutes=FOLLOW_UP_MINUTES)


@dataclass(frozen=True, slots=True)
class _Window:
    """A candidate moment before it is cut to its free parts."""

    span: Span
    kind: MomentKind
    label: str
    event: str | None
    tier: int


@dataclass(frozen=True, slots=True)
class _Meeting:
    start: datetime  # UTC
    title: str


class _BusyIndex:
    """Busy time near the requested range, merged into disjoint UTC spans, plus meeting starts.

    Built once per call from the sorted calendar with bisect, so the work per day is a couple of
    binary searches rather than a walk over the whole calendar.
    """

    def __init__(self, busy: Sequence[BusyBlock], lo: datetime, hi: datetime) -> None:
        first = bisect_left(busy, lo, key=_block_start)
        stop = bisect_left(busy, hi, key=_block_start)
        spans: list[Span] = []
        meetings: list[_Meeting] = []
        for block in islice(busy, first, stop):
            block_start, block_end = block.start.astimezone(UTC), block.end.astimezone(UTC)
            if block_start < block_end:  # an empty block (a reminder) is neither busy nor a meeting
                spans.append((block_start, min(block_end, hi)))
                meetings.append(_Meeting(block_start, block.title))
        # A block that started before `lo` (a multi-day trip) is found only by its end: one cheap
        # comparison per earlier block, once per call. Together they cover [lo, latest end).
        reaching_in = [b.end for b in islice(busy, first) if b.end > lo]
        if reaching_in:
            spans.append((lo, min(max(end.astimezone(UTC) for end in reaching_in), hi)))
        self.spans = _merge(spans)
        self._span_ends = [end for _, end in self.spans]
        self.meetings = sorted(meetings, key=lambda m: (m.start, m.title))
        self._meeting_starts = [m.start for m in self.meetings]

    def overlapping(self, lo: datetime, hi: datetime) -> Iterator[Span]:
        """The merged busy spans that overlap [lo, hi), in order."""
        for span in islice(self.spans, bisect_right(self._span_ends, lo), None):
            if span[0] >= hi:
                return
            yield span

    def meetings_starting(self, lo: datetime, hi: datetime) -> list[_Meeting]:
        """The meetings whose start lies in [lo, hi)."""
        first = bisect_left(self._meeting_starts, lo)
        stop = bisect_left(self._meeting_starts, hi)
        return self.meetings[first:stop]


def find_moments(routine: Routine, busy: Sequence[BusyBlock], start: datetime, end: datetime) -> list[Moment]:
    """Every micro-moment in [start, end), sorted by start, in the routine's zone and scored.

    `busy` must be sorted by start.
    """
    require_aware(start, "start")
    require_aware(end, "end")
    range_start, range_end = start.astimezone(UTC), end.astimezone(UTC)
    if range_start >= range_end:
        return []
    lead = timedelta(minutes=routine.before_meeting_minutes)
    # Meetings up to `lead` after the range still have their window inside it, and scoring looks
    # FOLLOW_UP_MINUTES past a moment's start, so busy time is indexed a little beyond the range.
    index = _BusyIndex(busy, range_start, range_end + max(lead, _FOLLOW_UP))
    moments: list[Moment] = []
    for day in _local_days(routine, range_start, range_end):
        moments.extend(_moments_of_day(routine, index, day, range_start, range_end))
    return moments


def _moments_of_day(
    routine: Routine, index: _BusyIndex, day: date, range_start: datetime, range_end: datetime
) -> list[Moment]:
    plan = routine.plan_for(day)
    if plan is None:
        return []
    lo, hi = _day_span(day, routine.zone)
    lo, hi = max(lo, range_start), min(hi, range_end)
    if lo >= hi:
        return []
    # Quiet hours of the next day matter too: the follow-up half hour may cross midnight.
    quiet = [
        (q.start, q.end) for q in map(Interval.utc, routine.quiet_intervals(day, day + timedelta(days=1)))
    ]
    blocked = sorted([*quiet, *index.overlapping(lo, hi)])
    windows = [*_routine_windows(plan, day, routine), *_meeting_windows(plan, day, routine, index)]
    moments: list[Moment] = []
    taken: list[Span] = []
    # Precedence: routine windows before meeting windows, earlier before later (see module docstring).
    for window in sorted(windows, key=lambda w: (w.tier, w.span)):
        clipped = (max(window.span[0], lo), min(window.span[1], hi))
        for part in free_parts(clipped, sorted([*blocked, *taken])):
            if _minutes(part) >= routine.min_moment_minutes:
                taken.append(part)
                moments.append(_moment(window, part, routine, index, quiet))
    moments.sort(key=lambda m: m.start.astimezone(UTC))
    return moments


def _day_span(day: date, zone: ZoneInfo) -> Span:
    """The local calendar day as UTC instants (23 or 25 hours long on DST days)."""
    next_day = day + timedelta(days=1)
    return local_instant(day, time(0), zone).astimezone(UTC), local_instant(
        next_day, time(0), zone
    ).astimezone(UTC)


def _routine_windows(plan: DayPlan, day: date, routine: Routine) -> Iterator[_Window]:
    for window, label in _commute_labels(plan.commutes):
        yield _Window(_span(window, day, routine), MomentKind.COMMUTE, label, None, _ROUTINE_TIER)
    if plan.lunch is not None:
        yield _Window(_span(plan.lunch, day, routine), MomentKind.LUNCH, "Lunch", None, _ROUTINE_TIER)


def _commute_labels(commutes: Sequence[ClockWindow]) -> Iterator[tuple[ClockWindow, str]]:
    """'Morning commute' / 'Evening commute' by the start's half of the day; 'Commute' if it is ambiguous."""
    mornings = sum(1 for c in commutes if c.start < NOON)
    evenings = len(commutes) - mornings
    for commute in commutes:
        if commute.start < NOON:
            yield commute, "Morning commute" if mornings == 1 else "Commute"
        else:
            yield commute, "Evening commute" if evenings == 1 else "Commute"


def _meeting_windows(plan: DayPlan, day: date, routine: Routine, index: _BusyIndex) -> Iterator[_Window]:
    lead = timedelta(minutes=routine.before_meeting_minutes)
    if plan.work_hours is None or lead <= timedelta(0):
        return
    work_start, work_end = _span(plan.work_hours, day, routine)
    for meeting in index.meetings_starting(work_start, work_end):
        title = _clean_title(meeting.title)
        yield _Window(
            (meeting.start - lead, meeting.start),
            MomentKind.BEFORE_MEETING,
            meeting_label(title),
            title or None,
            _MEETING_TIER,
        )


def meeting_label(title: str) -> str:
    """`Before “Weekly sync”`; long titles are cut at a word boundary and end with an ellipsis."""
    title = _clean_title(title)
    if not title:
        return UNTITLED_LABEL
    if len(title) > MAX_TITLE_CHARS:
        cut = title[: MAX_TITLE_CHARS - 1]
        # Prefer a whole word unless that would throw away most of the title.
        at_space = cut.rfind(" ")
        if at_space >= MAX_TITLE_CHARS // 2:
            cut = cut[:at_space]
        title = cut.rstrip(" ,.;:-–—") + "…"
    return f"Before “{title}”"


def _clean_title(title: str) -> str:
    # Calendar summaries carry newlines and runs of spaces that would break a one-line label.
    return " ".join(title.split())


def _moment(window: _Window, part: Span, routine: Routine, index: _BusyIndex, quiet: list[Span]) -> Moment:
    local_start = part[0].astimezone(routine.zone)
    scores = score_moment(window.kind, local_start, _free_follow_up_minutes(part[0], index, quiet))
    return Moment(
        start=local_start,
        end=part[1].astimezone(routine.zone),
        kind=window.kind,
        label=window.label,
        score=best_score(scores),
        scores=scores,
        event=window.event,
    )


def _free_follow_up_minutes(start: datetime, index: _BusyIndex, quiet: list[Span]) -> float:
    """Free minutes in the half hour after posting: the time a person has to answer comments."""
    follow_up = (start, start + _FOLLOW_UP)
    blockers = sorted([*quiet, *index.overlapping(*follow_up)])
    return sum(_minutes(part) for part in free_parts(follow_up, blockers))


def free_parts(span: Span, blockers: Iterable[Span]) -> list[Span]:
    """The parts of `span` not covered by `blockers`, which must be sorted by start."""
    start, end = span
    parts: list[Span] = []
    cursor = start
    for blocked_start, blocked_end in blockers:
        if cursor >= end or blocked_start >= end:
            break
        if blocked_end <= cursor:
            continue
        if blocked_start > cursor:
            parts.append((cursor, blocked_start))
        cursor = blocked_end
    if cursor < end:
        parts.append((cursor, end))
    return parts


def _local_days(routine: Routine, range_start: datetime, range_end: datetime) -> Iterator[date]:
    day = range_start.astimezone(routine.zone).date()
    last = (range_end - timedelta(microseconds=1)).astimezone(routine.zone).date()
    while day <= last:
        yield day
        day += timedelta(days=1)


def _span(window: ClockWindow, day: date, routine: Routine) -> Span:
    interval: Interval = window.on(day, routine.zone).utc()
    return interval.start, interval.end


def _block_start(block: BusyBlock) -> datetime:
    return block.start


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _minutes(span: Span) -> float:
    return (span[1] - span[0]).total_seconds() / 60
