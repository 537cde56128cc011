"""Choosing when to post: the next best moment for a network, given what is already scheduled.

The choice rule, in order:
1. Eligible moments start at or after `after` (or are under way with at least `min_left_minutes`
   left: they are returned trimmed to start at `after`, so posting "now" during lunch works), start
   within `horizon_days`, score above 0 for the network (0 is our no-posting-in-the-evening policy),
   do not already hold a post of that network, are at least `min_gap_hours` from every post of that
   network, and fall in an ISO week (routine zone) that still has room under `per_week`.
2. Take the first local day that has any eligible moment, and in it the earliest moment whose score
   is within SCORE_TOLERANCE of that day's best: a post is never pushed to a later day, nor later in
   the day, for a gain too small to matter.
`target=None` (the sandbox) skips the gap and weekly rules: it is simply the first eligible moment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from somedesk.core.model import Moment, Network, Target, require_aware

# Score points a later moment in the chosen day must gain to be preferred over an earlier one.
SCORE_TOLERANCE = 0.05
# A moment already under way still counts when this much of it is left (the routine's default minimum).
DEFAULT_MIN_LEFT_MINUTES = 5

_IsoWeek = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Scheduled:
    """A post already planned for `network` at instant `at`."""

    network: Network
    at: datetime

    def __post_init__(self) -> None:
        require_aware(self.at, "Scheduled.at")


@dataclass(frozen=True, slots=True)
class _Candidate:
    moment: Moment  # trimmed to start at `after` when it was under way
    start: datetime  # UTC
    end: datetime  # UTC
    score: float


def next_best_moment(
    moments: Sequence[Moment],
    network: Network,
    after: datetime,
    scheduled: Sequence[Scheduled],
    target: Target | None,
    *,
    horizon_days: int = 14,
    min_left_minutes: int = DEFAULT_MIN_LEFT_MINUTES,
) -> Moment | None:
    """The moment to post on `network` next, or None when nothing in the horizon is eligible."""
    require_aware(after, "after")
    if not moments or (target is not None and target.per_week <= 0):
        return None
    now = after.astimezone(UTC)
    horizon = now + timedelta(days=horizon_days)
    zone = moments[0].start.tzinfo or UTC  # Moment guarantees aware datetimes; all share one zone
    posts = sorted(s.at.astimezone(UTC) for s in scheduled if s.network is network)
    gap = timedelta(hours=target.min_gap_hours) if target is not None else timedelta(0)
    per_week = Counter(_iso_week(at, zone) for at in posts)
    eligible = [
        candidate
        for moment in sorted(moments, key=_order)
        if (candidate := _candidate(moment, network, now, timedelta(minutes=min_left_minutes))) is not None
        and candidate.start < horizon
        and not _too_close(candidate, posts, gap)
        and (target is None or per_week[_iso_week(candidate.start, zone)] < target.per_week)
    ]
    if target is None:
        return eligible[0].moment if eligible else None
    return _choose(eligible, zone)


def _candidate(moment: Moment, network: Network, now: datetime, min_left: timedelta) -> _Candidate | None:
    start, end = moment.start.astimezone(UTC), moment.end.astimezone(UTC)
    score = moment.score_for(network)
    if score <= 0 or end <= now:
        return None
    if start < now:
        if end - now < min_left:
            return None
        start = now
        moment = replace(moment, start=now.astimezone(moment.start.tzinfo))
    return _Candidate(moment, start, end, score)


def _too_close(candidate: _Candidate, posts: Sequence[datetime], gap: timedelta) -> bool:
    """A moment already holding a post of this network, or within `gap` of one, is not eligible."""
    return any(candidate.start <= at < candidate.end or abs(candidate.start - at) < gap for at in posts)


def _choose(eligible: Sequence[_Candidate], zone: tzinfo) -> Moment | None:
    if not eligible:
        return None
    first_day = _local_day(eligible[0].start, zone)
    that_day = [c for c in eligible if _local_day(c.start, zone) == first_day]
    best = max(c.score for c in that_day)
    # Scores carry 2 decimals; compare in hundredths so float noise cannot flip the choice.
    chosen = next(c for c in that_day if round((best - c.score) * 100) <= round(SCORE_TOLERANCE * 100))
    return chosen.moment


def _order(moment: Moment) -> tuple[datetime, datetime, str, str]:
    # Total order independent of the input's order, so the choice is deterministic.
    return moment.start.astimezone(UTC), moment.end.astimezone(UTC), moment.kind.value, moment.label


def _iso_week(instant: datetime, zone: tzinfo) -> _IsoWeek:
    year, week, _ = instant.astimezone(zone).isocalendar()
    return year, week


def _local_day(instant: datetime, zone: tzinfo) -> date:
    return instant.astimezone(zone).date()
