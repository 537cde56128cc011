"""The small value types everything else speaks in: networks, intervals, busy blocks and moments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


class Network(StrEnum):
    LINKEDIN = "linkedin"
    X = "x"
    SANDBOX = "sandbox"

    @property
    def display_name(self) -> str:
        return {"linkedin": "LinkedIn", "x": "X", "sandbox": "Sandbox"}[self.value]


class MomentKind(StrEnum):
    COMMUTE = "commute"
    LUNCH = "lunch"
    BEFORE_MEETING = "before-meeting"


def require_aware(value: datetime, what: str) -> None:
    """Naive datetimes are a bug everywhere in somedesk: instants are always zone-aware."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got {value!r}")


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


@dataclass(frozen=True, slots=True, order=True)
class Interval:
    """A half-open span of time [start, end) between two aware instants.

    Python compares and subtracts two datetimes that share a tzinfo by wall clock, which is wrong
    across a DST switch; every computation here goes through UTC so that it never is.
    """

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        require_aware(self.start, "Interval.start")
        require_aware(self.end, "Interval.end")

    @property
    def minutes(self) -> float:
        return (self.end.astimezone(UTC) - self.start.astimezone(UTC)).total_seconds() / 60

    def overlaps(self, other: Interval) -> bool:
        return _utc(self.start) < _utc(other.end) and _utc(other.start) < _utc(self.end)

    def contains(self, instant: datetime) -> bool:
        return _utc(self.start) <= _utc(instant) < _utc(self.end)

    def utc(self) -> Interval:
        return Interval(self.start.astimezone(UTC), self.end.astimezone(UTC))


@dataclass(frozen=True, slots=True)
class BusyBlock:
    """Time the person's calendar says they are busy; `title` is the event summary (may be empty)."""

    start: datetime
    end: datetime
    title: str = ""

    def __post_init__(self) -> None:
        require_aware(self.start, "BusyBlock.start")
        require_aware(self.end, "BusyBlock.end")

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Moment:
    """A short free window in which the person can post.

    `start`/`end` are aware datetimes in the routine's zone. `score` is in [0, 1] and is the best
    of the per-network scores in `scores`; `event` is the meeting title for before-meeting moments.
    """

    start: datetime
    end: datetime
    kind: MomentKind
    label: str
    score: float
    scores: Mapping[Network, float] = field(default_factory=dict)
    event: str | None = None

    def __post_init__(self) -> None:
        require_aware(self.start, "Moment.start")
        require_aware(self.end, "Moment.end")

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)

    def score_for(self, network: Network) -> float:
        return self.scores.get(network, self.score)


@dataclass(frozen=True, slots=True)
class Target:
    """How often a person wants to post on one network (here, so the config needs no planning code)."""

    per_week: int
    min_gap_hours: float


# The label core/moments gives a moment before a meeting with no title (the GUI translates it).
UNTITLED_LABEL = "Before a meeting"
