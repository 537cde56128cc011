"""The bounds on reading and expanding one calendar (issue 13), and `Limits`: what a calendar lost to them.

A calendar is someone else's file, and 211 bytes (`RRULE:FREQ=SECONDLY`, no end) once took 4 GB. The
numbers here cap the work; `time_bound` stops pure-Python library code that runs past its deadline.
"""

from __future__ import annotations

import sys
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import TypeGuard

CALENDAR_SECONDS = 5.0  # reading and expanding one calendar, together
MAX_OCCURRENCES_PER_EVENT = 20_000  # an hourly meeting over the ~14-month horizon is ~10,000
MAX_BLOCKS = 200_000  # busy blocks kept from one calendar
MAX_RULE_STEPS = 300_000  # the steps a rule may make its expander take (every minute all year: 600,000)


@dataclass
class Limits:
    """What a calendar lost to the bounds, to be told in one line."""

    too_frequent: int = 0  # events left out: they repeat more often than once a minute, or too often
    capped: int = 0  # events cut to MAX_OCCURRENCES_PER_EVENT occurrences
    full: bool = False  # MAX_BLOCKS reached: later events were not expanded
    out_of_time: bool = False  # CALENDAR_SECONDS ran out: later events were not expanded

    def __bool__(self) -> bool:
        return bool(self.too_frequent or self.capped or self.full or self.out_of_time)

    def describe(self) -> str:
        """Why the calendar is incomplete, as the end of "<calendar>: …" (one line)."""
        parts: list[str] = []
        if self.too_frequent:
            events = _events(self.too_frequent)
            parts.append(
                f"left out {events} repeating too often (more than once a minute, or too many times)"
            )
        if self.capped:
            parts.append(
                f"kept the first {MAX_OCCURRENCES_PER_EVENT:,} occurrences of {_events(self.capped)}"
            )
        if self.full:
            parts.append(f"stopped at {MAX_BLOCKS:,} busy blocks")
        if self.out_of_time:
            parts.append(f"stopped when its {CALENDAR_SECONDS:g} s for reading and expanding ran out")
        return "cut short: " + "; ".join(parts) + " (busy time may be missing)"

    def to_json(self) -> list[int]:
        return [self.too_frequent, self.capped, int(self.full), int(self.out_of_time)]

    @classmethod
    def from_json(cls, value: object) -> Limits:
        if not (is_int_list(value) and len(value) == 4 and min(value) >= 0):
            raise ValueError("busy index has bad limits")
        return cls(value[0], value[1], bool(value[2]), bool(value[3]))


def _events(count: int) -> str:
    return "1 event" if count == 1 else f"{count} events"


def is_int_list(value: object) -> TypeGuard[list[int]]:
    """Whether a value read from JSON is a list of plain ints (not bools), as the busy index stores them."""
    return isinstance(value, list) and all(type(v) is int for v in value)


class OutOfTime(BaseException):
    """Raised into the expanding code when its time is up. A BaseException, so that the libraries'
    `except Exception` (which skip a broken event) cannot swallow it."""


@contextmanager
def time_bound(deadline: float) -> Iterator[None]:
    """Stop the pure-Python work inside (icalendar, recurring-ical-events, dateutil) at `deadline`.

    A trace function sees every Python call in this thread and raises OutOfTime into it once the
    deadline has passed: dateutil's rule iteration is a Python loop that can spin for minutes without
    yielding (a rule no date ever matches runs to the year 9999), and nothing else can stop it from
    outside. Only this thread is traced, and a tracer already set (a debugger, coverage) is put back.
    """
    calls = 0

    def tracer(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        calls += 1
        if calls % 256 == 0 and clock.monotonic() > deadline:
            raise OutOfTime
        return

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(previous)
