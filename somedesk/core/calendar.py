"""Calendar → busy time: read ICS bytes and expand them into the blocks that make the person busy.

Pure: the caller hands in bytes and gets busy blocks back; nothing here touches disk or network.
Which events block time, and what a repeat rule costs, is `calendar_events`; the bounds and `Limits`
are `calendar_limits`; the index that answers range queries (and its cache format) is `busy_index`.

Bounded (issue 13): a calendar is someone else's file, and 211 bytes (`RRULE:FREQ=SECONDLY`, no end)
once took 4 GB. So an event repeating more often than once a minute is left out before it is expanded,
as is one whose rule would make the expander step more than MAX_RULE_STEPS times; each event keeps at
most MAX_OCCURRENCES_PER_EVENT occurrences and a calendar MAX_BLOCKS busy blocks; and reading plus
expanding one calendar stops once CALENDAR_SECONDS have passed since reading began (reading itself is
bounded by the file size the caller allows), keeping what it has. What was cut is counted in
`Limits` and said in one line (`Limits.describe`).
"""

from __future__ import annotations

import re
import time as clock
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar
from icalendar.error import GloballyUniqueTZIDGuessed

from somedesk.core.calendar_events import (
    BROKEN_EVENT_ERRORS,
    EventOccurrence,
    EventQuery,
    event_selector,
    has_rules,
    instant,
    normalise_address,
    too_frequent,
)
from somedesk.core.calendar_limits import (
    CALENDAR_SECONDS,
    MAX_BLOCKS,
    MAX_OCCURRENCES_PER_EVENT,
    Limits,
    OutOfTime,
    time_bound,
)
from somedesk.core.errors import CalendarError
from somedesk.core.model import BusyBlock

_NO_SUCH_ZONE = "cannot be used (it names a time zone that does not exist)"


# Reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class ParsedCalendar:
    """One calendar file, parsed and ready to expand.

    `series` are the library's recurring series (one per UID) and `unreadable_events` counts the
    events that were left out because they could not be read.
    """

    name: str
    series: tuple[Any, ...]
    unreadable_events: int = 0
    spent: float = 0.0  # seconds of CALENDAR_SECONDS that reading took


def parse_calendar(data: bytes, *, name: str) -> ParsedCalendar:
    """Parse ICS bytes; raise CalendarError("<name>: <reason>") on a file that is not a calendar.

    Events that cannot be read are left out and counted, so one bad event does not cost the
    person every other meeting in the file. Reading takes time in proportion to the bytes (not
    traced: time_bound would triple it), so the caller caps the size (sources.calendars).
    """
    began = clock.monotonic()
    series: list[Any] = []
    unreadable = 0
    for calendar in _read_calendars(data, name):
        built, skipped = _collect_series(calendar, name)
        series.extend(built)
        unreadable += skipped
    spent = clock.monotonic() - began
    return ParsedCalendar(name=name, series=tuple(series), unreadable_events=unreadable, spent=spent)


def _read_calendars(data: bytes, name: str) -> list[Calendar]:
    try:
        with warnings.catch_warnings():
            # "/mozilla.org/…/Europe/Helsinki"-style TZIDs are resolved by a guess that is right
            # for every real exporter; the library warns about it, we accept it.
            warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
            calendars = Calendar.from_ical(data, multiple=True)
    except (*BROKEN_EVENT_ERRORS, RecursionError) as error:
        raise CalendarError(f"{name}: {_diagnose(data, error)}") from None
    except OSError:
        # zoneinfo on Python 3.11 raises IsADirectoryError for a zone name such as "Europe".
        raise CalendarError(f"{name}: {_NO_SUCH_ZONE}") from None
    if not calendars:
        raise CalendarError(f"{name}: {_diagnose(data, None)}")
    for calendar in calendars:
        if calendar.name != "VCALENDAR":
            raise CalendarError(f"{name}: not a calendar file (it holds a {_one_line(calendar.name)[:20]})")
    return calendars


def _collect_series(calendar: Calendar, name: str) -> tuple[list[Any], int]:
    """The calendar's series, and how many series were dropped as unreadable."""
    try:
        query = recurring_ical_events.of(
            calendar, components=[event_selector()], skip_bad_series=True, calendar_query=EventQuery
        )
    except BROKEN_EVENT_ERRORS as error:  # e.g. a calendar scale other than Gregorian
        raise CalendarError(f"{name}: cannot be used ({_one_line(str(error))})") from None
    except OSError:  # X-WR-TIMEZONE is looked up here, with the zoneinfo quirk described above
        raise CalendarError(f"{name}: {_NO_SUCH_ZONE}") from None
    # The library skips a broken series silently; count it so the person can be told.
    uids = {str(e.get("UID", id(e))) for e in calendar.walk("VEVENT")}
    return list(query.series), max(0, len(uids) - len(query.series))


_CONTENT_LINE = re.compile(r"[A-Za-z0-9_.-]+[;:]")


def _diagnose(data: bytes, error: Exception | None) -> str:
    """Say in plain words why bytes that failed to parse are not a calendar."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if not text.strip():
        return "the file is empty"
    first = text.lstrip()[:200].lower()
    if first.startswith("<"):
        return "not a calendar file (it looks like a web page, not an .ics calendar)"
    if not first.startswith("begin:vcalendar"):
        return f"not a calendar file (line {_first_content_line(text)}: {_snippet(text.lstrip())})"
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and line[0] not in " \t" and not _CONTENT_LINE.match(line):
            return f"not a calendar file (line {number}: {_snippet(line)})"
    if "end:vcalendar" not in text[-200:].lower():
        return "the file is cut off (it does not end with END:VCALENDAR)"
    return f"not a calendar file ({_one_line(str(error) if error else 'nothing in it')})"


def _first_content_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            return number
    return 1


def _snippet(line: str) -> str:
    line = _one_line(line.splitlines()[0] if line else "")
    return f"“{line[:40]}…”" if len(line) > 40 else f"“{line}”"


def _one_line(text: str) -> str:
    """Messages are one line for a person: no control characters, nothing beyond ~100 characters."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat[:100] + "…" if len(flat) > 100 else flat


# Expanding --------------------------------------------------------------------------------------

# A busy block as plain numbers: (start, end) in POSIX seconds, and the title. Compact to store and
# compare; BusyBlock objects are only made for the blocks a query returns.
RawBlock = tuple[int, int, str]


def expand_busy(
    cal: ParsedCalendar,
    zone: ZoneInfo,
    me: frozenset[str],
    start: datetime,
    end: datetime,
    limits: Limits | None = None,
    seconds: float = CALENDAR_SECONDS,
) -> tuple[list[RawBlock], int]:
    """The busy blocks overlapping [start, end), unsorted, and how many series broke; what the bounds
    cut is counted in `limits`."""
    limits = Limits() if limits is None else limits
    # The span is given in the person's zone so the library compares floating and all-day values
    # against the same wall clock that instant() uses.
    span_start, span_end = start.astimezone(zone), end.astimezone(zone)
    lo, hi = start.timestamp(), end.timestamp()
    blocks: list[RawBlock] = []
    broken = 0
    deadline = clock.monotonic() + max(0.5, seconds - cal.spent)
    for series in cal.series:
        if len(blocks) >= MAX_BLOCKS:
            limits.full = True
            break
        if clock.monotonic() > deadline:
            limits.out_of_time = True
            break
        if too_frequent(series, zone, end):
            limits.too_frequent += 1
            continue
        # Only a rule can make the expander spin, and tracing slows the work it watches some six
        # times: the single events that make up most of a large calendar are expanded untraced.
        bound = time_bound(deadline) if has_rules(series) else nullcontext()
        try:
            with bound:
                found = _occurrences(series.between(span_start, span_end), zone, me, lo, hi)
        except BROKEN_EVENT_ERRORS:  # a series the library could build but not expand
            broken += 1
            continue
        except OutOfTime:
            limits.out_of_time = True
            break
        if len(found) > MAX_OCCURRENCES_PER_EVENT:
            limits.capped += 1
            del found[MAX_OCCURRENCES_PER_EVENT:]
        blocks.extend(found[: MAX_BLOCKS - len(blocks)])
    return blocks, broken


def _occurrences(
    occurrences: Iterable[EventOccurrence], zone: ZoneInfo, me: frozenset[str], lo: float, hi: float
) -> list[RawBlock]:
    """The series' busy blocks in (lo, hi), one more than MAX_OCCURRENCES_PER_EVENT at most."""
    found: list[RawBlock] = []
    for block in _busy_of(occurrences, zone, me):
        if block[0] < hi and block[1] > lo:
            found.append(block)
            if len(found) > MAX_OCCURRENCES_PER_EVENT:
                break
    return found


def _busy_of(
    occurrences: Iterable[EventOccurrence], zone: ZoneInfo, me: frozenset[str]
) -> Iterator[RawBlock]:
    for occurrence in occurrences:
        all_day = not isinstance(occurrence.start, datetime)
        traits = occurrence.traits
        if not traits.blocks(all_day=all_day, me=me):
            continue
        begin = int(instant(occurrence.start, zone).timestamp())
        finish = int(instant(occurrence.end, zone).timestamp())
        if finish > begin:  # a zero-length event marks a moment, it does not take time
            yield begin, finish, traits.title


def normalise_me(me: Sequence[str]) -> frozenset[str]:
    """The person's addresses as `normalise_address` compares them, blanks dropped."""
    return frozenset(normalise_address(m) for m in me if m.strip())


def utc_instant(seconds: int) -> datetime:
    """POSIX seconds (a RawBlock's start or end) as an aware UTC datetime."""
    return datetime.fromtimestamp(seconds, UTC)


def busy_blocks(
    cal: ParsedCalendar, *, zone: ZoneInfo, me: Sequence[str], start: datetime, end: datetime
) -> list[BusyBlock]:
    """The busy time overlapping [start, end), sorted by start, as blocks in UTC (not clipped)."""
    raw, _ = expand_busy(cal, zone, normalise_me(me), start, end)
    raw.sort()
    return [BusyBlock(utc_instant(s), utc_instant(e), title) for s, e, title in raw]
