"""Calendar → busy time: read ICS bytes, decide which events make the person busy, and index the result.

Pure: the caller hands in bytes and gets busy blocks back; nothing here touches disk or network.

Bounded (issue 13): a calendar is someone else's file, and 211 bytes (`RRULE:FREQ=SECONDLY`, no end)
once took 4 GB. So an event repeating more often than once a minute is left out before it is expanded,
as is one whose rule would make the expander step more than MAX_RULE_STEPS times; each event keeps at
most MAX_OCCURRENCES_PER_EVENT occurrences and a calendar MAX_BLOCKS busy blocks; and reading plus
expanding one calendar stops once CALENDAR_SECONDS have passed since reading began (reading itself is
bounded by the file size the caller allows), keeping what it has. What was cut is counted in
`Limits` and said in one line (`Limits.describe`).
"""

from __future__ import annotations

import json
import math
import re
import sys
import time as clock
import warnings
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from types import FrameType
from typing import Any, ClassVar, TypeGuard
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Component
from icalendar.error import GloballyUniqueTZIDGuessed
from recurring_ical_events import CalendarQuery, ComponentsWithName, EventAdapter, Occurrence

from somedesk.core.errors import CalendarError
from somedesk.core.model import BusyBlock
from somedesk.core.routine import local_instant

# Bump whenever the busy rules or the serialised index change, so stale caches are never reused.
FORMAT_VERSION = 2

CALENDAR_SECONDS = 5.0  # reading and expanding one calendar, together
MAX_OCCURRENCES_PER_EVENT = 20_000  # an hourly meeting over the ~14-month horizon is ~10,000
MAX_BLOCKS = 200_000  # busy blocks kept from one calendar
MAX_RULE_STEPS = 300_000  # the steps a rule may make its expander take (every minute all year: 600,000)

# What malformed input raises from deep inside icalendar, recurring-ical-events and dateutil: their
# InvalidCalendar families are ValueError; mixed date/datetime values raise TypeError; a missing
# DTSTART is a KeyError; a property given twice arrives as a list and fails with AttributeError.
_BROKEN_EVENT_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError)

_NO_SUCH_ZONE = "cannot be used (it names a time zone that does not exist)"
_NOT_BUSY_STATUSES = frozenset({"FREE", "WORKINGELSEWHERE"})
_ALL_DAY_BUSY_STATUSES = frozenset({"OOF", "BUSY"})


# Limits ----------------------------------------------------------------------------------------


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
        if not (_ints(value) and len(value) == 4 and min(value) >= 0):
            raise ValueError("busy index has bad limits")
        return cls(value[0], value[1], bool(value[2]), bool(value[3]))


def _events(count: int) -> str:
    return "1 event" if count == 1 else f"{count} events"


class _OutOfTime(BaseException):
    """Raised into the expanding code when its time is up. A BaseException, so that the libraries'
    `except Exception` (which skip a broken event) cannot swallow it."""


@contextmanager
def _time_bound(deadline: float) -> Iterator[None]:
    """Stop the pure-Python work inside (icalendar, recurring-ical-events, dateutil) at `deadline`.

    A trace function sees every Python call in this thread and raises _OutOfTime into it once the
    deadline has passed: dateutil's rule iteration is a Python loop that can spin for minutes without
    yielding (a rule no date ever matches runs to the year 9999), and nothing else can stop it from
    outside. Only this thread is traced, and a tracer already set (a debugger, coverage) is put back.
    """
    calls = 0

    def tracer(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        calls += 1
        if calls % 256 == 0 and clock.monotonic() > deadline:
            raise _OutOfTime
        return

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(previous)


# Reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Traits:
    """What decides whether one VEVENT (a master or an override) blocks time; read once per VEVENT."""

    title: str
    transparency: str
    status: str
    busy_status: str
    declined_by: frozenset[str]

    def blocks(self, *, all_day: bool, me: frozenset[str]) -> bool:
        if (
            self.transparency == "TRANSPARENT"
            or self.status == "CANCELLED"
            or self.busy_status in _NOT_BUSY_STATUSES
            or not self.declined_by.isdisjoint(me)
        ):
            return False
        if all_day:
            # Birthdays and holidays are exported as all-day events that rarely say anything, and
            # most do not mean "I am away": only an explicit statement blocks a whole day.
            return self.transparency == "OPAQUE" or self.busy_status in _ALL_DAY_BUSY_STATUSES
        return True


def normalise_address(address: str) -> str:
    """An e-mail address as compared for "me": lower case, without a `mailto:` prefix."""
    address = address.strip().lower()
    return address.removeprefix("mailto:").strip()


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab and line ends become spaces


def _text(component: Component, key: str) -> str:
    value = component.get(key)
    if isinstance(value, list):  # a property repeated by a sloppy exporter: the first one wins
        value = value[0] if value else None
    return "" if value is None else str(value).strip()


def _declined_by(component: Component) -> frozenset[str]:
    attendees = component.get("ATTENDEE")
    if attendees is None:
        return frozenset()
    if not isinstance(attendees, list):
        attendees = [attendees]
    return frozenset(
        normalise_address(str(a))
        for a in attendees
        if str(getattr(a, "params", {}).get("PARTSTAT", "")).upper() == "DECLINED"
    )


def _traits_of(component: Component) -> _Traits:
    return _Traits(
        # A colleague's calendar is outside text: its control characters would be a terminal's
        # commands where the title is shown ("Before “…”" in `somedesk moments`, a notification).
        title=" ".join(_CONTROLS.sub("", _text(component, "SUMMARY")).split()),
        transparency=_text(component, "TRANSP").upper(),
        status=_text(component, "STATUS").upper(),
        busy_status=_text(component, "X-MICROSOFT-CDO-BUSYSTATUS").upper(),
        declined_by=_declined_by(component),
    )


# recurring-ical-events is untyped, hence the ignores on subclassing it. The three subclasses use the
# library's documented extension points (the adapter and occurrence classes of ComponentsWithName,
# the query class and its suppressed_errors). Reading each VEVENT's traits once, instead of copying
# the VEVENT for every instance, expands a large calendar eight times faster (0.5 s, not 4 s, for
# 56,000 instances).
class _EventAdapter(EventAdapter):  # type: ignore[misc]
    def __init__(self, component: Component) -> None:
        super().__init__(component)
        self.traits = _traits_of(component)
        self.repeats = _repeats_of(component)


# A rule's period in seconds, and which BY parts add occurrences within a period of each frequency
# (the others only filter). RFC 5545 3.3.10.
_PERIOD = {
    "SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 604800,
    "MONTHLY": 2_629_746, "YEARLY": 31_556_952,
}  # fmt: skip
_ORDER = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")


@dataclass(frozen=True, slots=True)
class _Repeat:
    """What bounds the work of one RRULE: seconds between steps, occurrences a step may make, its end."""

    step_seconds: float
    per_step: int
    sub_minute: bool
    until: datetime | date | None
    count: int | None


def _repeats_of(component: Component) -> tuple[_Repeat, ...]:
    rules = component.get("RRULE")
    if rules is None:
        return ()
    repeats: list[_Repeat] = []
    for rule in rules if isinstance(rules, list) else [rules]:
        try:
            repeats.append(_repeat(rule))
        except (*_BROKEN_EVENT_ERRORS, ZeroDivisionError):
            continue  # the library decides what a broken rule means
    return tuple(repeats)


def _repeat(rule: Any) -> _Repeat:
    def values(key: str) -> list[Any]:
        found = rule.get(key) or []
        return found if isinstance(found, list) else [found]

    freq = str(values("FREQ")[0]).upper()
    interval = max(1, int(values("INTERVAL")[0])) if values("INTERVAL") else 1
    rank = _ORDER.index(freq)
    per_step = 1
    for key, finer_than in (("BYSECOND", 0), ("BYMINUTE", 1), ("BYHOUR", 2)):
        if rank > finer_than and values(key):
            per_step *= len(set(values(key)))
    days = len(values("BYDAY")) or 1
    if freq == "WEEKLY":
        per_step *= min(7, days)
    elif freq == "MONTHLY":
        per_step *= min(31, max(len(values("BYMONTHDAY")), 5 * days if values("BYDAY") else 1))
    elif freq == "YEARLY":
        months = len(values("BYMONTH")) or 12
        if values("BYYEARDAY"):
            per_step *= min(366, len(values("BYYEARDAY")))
        elif values("BYDAY"):
            per_step *= min(366, 53 * days)
        elif values("BYMONTHDAY"):
            per_step *= min(366, months * len(values("BYMONTHDAY")))
        elif values("BYMONTH"):
            per_step *= months
    sub_minute = freq == "SECONDLY" or len(set(values("BYSECOND"))) > 1
    until = values("UNTIL")[0] if values("UNTIL") else None
    count = int(values("COUNT")[0]) if values("COUNT") else None
    return _Repeat(_PERIOD[freq] * interval, per_step, sub_minute, until, count)


def _too_frequent(series: Any, zone: ZoneInfo, end: datetime) -> bool:
    """Whether a series repeats more often than once a minute, or its rules would step the expander
    more than MAX_RULE_STEPS times from its first occurrence to `end`."""
    try:
        core = series.recurrence.core
    except (AttributeError, NotImplementedError):  # only modifications of a series, no rule of its own
        return False
    repeats: tuple[_Repeat, ...] = getattr(core, "repeats", ())
    if not repeats:
        return False
    start = getattr(core, "start", None)
    first = _instant(start, zone) if isinstance(start, date) else end
    for repeat in repeats:
        if repeat.sub_minute:
            return True
        last = end
        if isinstance(repeat.until, date):
            last = min(end, _instant(repeat.until, zone))
        steps = max(0.0, (last - first).total_seconds()) / repeat.step_seconds * repeat.per_step
        if repeat.count is not None:
            steps = min(steps, float(repeat.count) * repeat.per_step)
        if steps > MAX_RULE_STEPS:
            return True
    return False


class _Occurrence(Occurrence):  # type: ignore[misc]
    @property
    def traits(self) -> _Traits:
        traits: _Traits = self._adapter.traits
        return traits


class _Query(CalendarQuery):  # type: ignore[misc]
    # Skip a series that fails to build for any of the reasons a malformed event gives, not only
    # the library's own: a property given twice, for one, arrives as a list and fails on `.dt`.
    suppressed_errors: ClassVar[list[type[Exception]]] = [
        *CalendarQuery.suppressed_errors,
        *_BROKEN_EVENT_ERRORS,
    ]


def _selector() -> Any:
    return ComponentsWithName("VEVENT", _EventAdapter, occurrence=_Occurrence)


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
    traced: _time_bound would triple it), so the caller caps the size (sources.calendars).
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
    except (*_BROKEN_EVENT_ERRORS, RecursionError) as error:
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
            calendar, components=[_selector()], skip_bad_series=True, calendar_query=_Query
        )
    except _BROKEN_EVENT_ERRORS as error:  # e.g. a calendar scale other than Gregorian
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
_Raw = tuple[int, int, str]


def _instant(value: date, zone: ZoneInfo) -> datetime:
    """An occurrence's start or end as an aware instant.

    All-day dates are whole local days in the routine's zone; floating times are taken as wall
    clock in that zone (RFC 5545: a floating time is the same local time wherever the attendee is).
    """
    if not isinstance(value, datetime):
        return local_instant(value, time(0), zone)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _expand(
    cal: ParsedCalendar,
    zone: ZoneInfo,
    me: frozenset[str],
    start: datetime,
    end: datetime,
    limits: Limits | None = None,
    seconds: float = CALENDAR_SECONDS,
) -> tuple[list[_Raw], int]:
    """The busy blocks overlapping [start, end), unsorted, and how many series broke; what the bounds
    cut is counted in `limits`."""
    limits = Limits() if limits is None else limits
    # The span is given in the person's zone so the library compares floating and all-day values
    # against the same wall clock that _instant() uses.
    span_start, span_end = start.astimezone(zone), end.astimezone(zone)
    lo, hi = start.timestamp(), end.timestamp()
    blocks: list[_Raw] = []
    broken = 0
    deadline = clock.monotonic() + max(0.5, seconds - cal.spent)
    for series in cal.series:
        if len(blocks) >= MAX_BLOCKS:
            limits.full = True
            break
        if clock.monotonic() > deadline:
            limits.out_of_time = True
            break
        if _too_frequent(series, zone, end):
            limits.too_frequent += 1
            continue
        # Only a rule can make the expander spin, and tracing slows the work it watches some six
        # times: the single events that make up most of a large calendar are expanded untraced.
        bound = _time_bound(deadline) if _has_rules(series) else nullcontext()
        try:
            with bound:
                found = _occurrences(series.between(span_start, span_end), zone, me, lo, hi)
        except _BROKEN_EVENT_ERRORS:  # a series the library could build but not expand
            broken += 1
            continue
        except _OutOfTime:
            limits.out_of_time = True
            break
        if len(found) > MAX_OCCURRENCES_PER_EVENT:
            limits.capped += 1
            del found[MAX_OCCURRENCES_PER_EVENT:]
        blocks.extend(found[: MAX_BLOCKS - len(blocks)])
    return blocks, broken


def _has_rules(series: Any) -> bool:
    try:
        return bool(series.recurrence.core.repeats)
    except (AttributeError, NotImplementedError):  # only modifications: no rule of its own
        return False


def _occurrences(
    occurrences: Iterable[_Occurrence], zone: ZoneInfo, me: frozenset[str], lo: float, hi: float
) -> list[_Raw]:
    """The series' busy blocks in (lo, hi), one more than MAX_OCCURRENCES_PER_EVENT at most."""
    found: list[_Raw] = []
    for block in _busy_of(occurrences, zone, me):
        if block[0] < hi and block[1] > lo:
            found.append(block)
            if len(found) > MAX_OCCURRENCES_PER_EVENT:
                break
    return found


def _busy_of(occurrences: Iterable[_Occurrence], zone: ZoneInfo, me: frozenset[str]) -> Iterator[_Raw]:
    for occurrence in occurrences:
        all_day = not isinstance(occurrence.start, datetime)
        traits = occurrence.traits
        if not traits.blocks(all_day=all_day, me=me):
            continue
        begin = int(_instant(occurrence.start, zone).timestamp())
        finish = int(_instant(occurrence.end, zone).timestamp())
        if finish > begin:  # a zero-length event marks a moment, it does not take time
            yield begin, finish, traits.title


def _me(me: Sequence[str]) -> frozenset[str]:
    return frozenset(normalise_address(m) for m in me if m.strip())


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def busy_blocks(
    cal: ParsedCalendar, *, zone: ZoneInfo, me: Sequence[str], start: datetime, end: datetime
) -> list[BusyBlock]:
    """The busy time overlapping [start, end), sorted by start, as blocks in UTC (not clipped)."""
    raw, _ = _expand(cal, zone, _me(me), start, end)
    raw.sort()
    return [BusyBlock(_utc(s), _utc(e), title) for s, e, title in raw]


# Indexing ---------------------------------------------------------------------------------------


class BusyIndex:
    """Busy blocks expanded once over a horizon, answering range queries in O(log n + k).

    Blocks are sorted by start. `between()` bisects twice: on the starts (nothing starting at or
    after the query's end) and on the running maximum of the ends (nothing before the first block
    that could still be running at the query's start). Queries outside the horizon expand the
    calendar again when it is at hand (an index read from a cache does not have it).
    """

    __slots__ = (
        "_built",
        "_ends",
        "_max_ends",
        "_source",
        "_starts",
        "_titles",
        "covered",
        "limits",
        "unreadable_events",
    )

    def __init__(
        self,
        blocks: Sequence[_Raw],
        *,
        covered: tuple[int, int],
        unreadable_events: int = 0,
        source: tuple[ParsedCalendar, ZoneInfo, frozenset[str]] | None = None,
        limits: Limits | None = None,
    ) -> None:
        ordered = sorted(blocks)
        self._starts = [b[0] for b in ordered]
        self._ends = [b[1] for b in ordered]
        self._titles = [b[2] for b in ordered]
        self._max_ends = list(accumulate(self._ends, max))
        self._built: list[BusyBlock | None] = [None] * len(ordered)
        self._source = source
        self.covered = covered  # [start, end) in POSIX seconds
        self.unreadable_events = unreadable_events
        self.limits = limits or Limits()

    @classmethod
    def build(
        cls,
        cal: ParsedCalendar,
        *,
        zone: ZoneInfo,
        me: Sequence[str],
        start: datetime,
        end: datetime,
        seconds: float = CALENDAR_SECONDS,
    ) -> BusyIndex:
        """Expand `cal` once over the horizon [start, end), reading and expanding taking at most
        `seconds` together (at least half a second is left for expanding)."""
        mine = _me(me)
        limits = Limits()
        raw, broken = _expand(cal, zone, mine, start, end, limits, seconds)
        # Blocks have whole-second ends, so rounding the horizon outwards claims nothing unexpanded.
        covered = (math.floor(start.timestamp()), math.ceil(end.timestamp()))
        unreadable = cal.unreadable_events + broken
        return cls(
            raw, covered=covered, unreadable_events=unreadable, source=(cal, zone, mine), limits=limits
        )

    def __len__(self) -> int:
        return len(self._starts)

    def covers(self, start: datetime, end: datetime) -> bool:
        return self.covered[0] <= start.timestamp() and end.timestamp() <= self.covered[1]

    def between(self, start: datetime, end: datetime) -> list[BusyBlock]:
        """The busy blocks overlapping [start, end), sorted by start (as busy_blocks() would say)."""
        if not self.covers(start, end):
            return self._expand_outside(start, end)
        lo, hi = start.timestamp(), end.timestamp()
        first = bisect_right(self._max_ends, lo)
        last = bisect_left(self._starts, hi)
        return [self._block(i) for i in range(first, last) if self._ends[i] > lo]

    def _block(self, i: int) -> BusyBlock:
        built = self._built[i]
        if built is None:
            built = self._built[i] = BusyBlock(_utc(self._starts[i]), _utc(self._ends[i]), self._titles[i])
        return built

    def _expand_outside(self, start: datetime, end: datetime) -> list[BusyBlock]:
        if self._source is None:
            raise ValueError("this busy index was read from a cache and does not cover the time asked for")
        cal, zone, me = self._source
        raw, _ = _expand(cal, zone, me, start, end)
        raw.sort()
        return [BusyBlock(_utc(s), _utc(e), title) for s, e, title in raw]

    # Serialising: zlib-compressed JSON; starts as gaps from the previous start and titles as
    # indexes into a list of distinct titles, because a weekly series repeats its title a hundred
    # times. Measured: 33,000 blocks of weekly meetings take 33 kB.

    def to_bytes(self) -> bytes:
        titles = sorted(set(self._titles))
        number = {t: i for i, t in enumerate(titles)}
        # The first block may start before the horizon (a vacation already under way), so the gaps
        # count from the first start, not from the horizon.
        origin = self._starts[0] if self._starts else self.covered[0]
        flat: list[int] = []
        previous = origin
        for s, e, t in zip(self._starts, self._ends, self._titles, strict=True):
            flat += (s - previous, e - s, number[t])
            previous = s
        document = {
            "format": FORMAT_VERSION,
            "covered": list(self.covered),
            "origin": origin,
            "unreadable": self.unreadable_events,
            "limits": self.limits.to_json(),
            "titles": titles,
            "blocks": flat,
        }
        return zlib.compress(json.dumps(document, separators=(",", ":")).encode(), 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> BusyIndex:
        """Read what to_bytes() wrote; raise ValueError on anything else (a corrupt cache file)."""
        try:
            document = json.loads(zlib.decompress(data))
        except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"not a busy index: {error}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT_VERSION:
            raise ValueError("not a busy index of this version")
        covered, titles, flat = document.get("covered"), document.get("titles"), document.get("blocks")
        unreadable, origin = document.get("unreadable"), document.get("origin")
        if not (_ints(covered) and len(covered) == 2 and covered[0] <= covered[1]):
            raise ValueError("busy index has a bad horizon")
        if not (_ints(flat) and len(flat) % 3 == 0):
            raise ValueError("busy index has bad numbers")
        if not (isinstance(titles, list) and all(isinstance(t, str) for t in titles)):
            raise ValueError("busy index has bad titles")
        if not (type(unreadable) is int and unreadable >= 0 and type(origin) is int):
            raise ValueError("busy index has a bad count or origin")
        limits = Limits.from_json(document.get("limits"))
        blocks = _unpack(flat, origin, titles)
        return cls(blocks, covered=(covered[0], covered[1]), unreadable_events=unreadable, limits=limits)


def _ints(value: object) -> TypeGuard[list[int]]:
    return isinstance(value, list) and all(type(v) is int for v in value)


def _unpack(flat: list[int], origin: int, titles: list[str]) -> list[_Raw]:
    blocks: list[_Raw] = []
    start = origin
    for i in range(0, len(flat), 3):
        gap, length, title = flat[i], flat[i + 1], flat[i + 2]
        if gap < 0 or length <= 0 or not 0 <= title < len(titles):
            raise ValueError("busy index has a bad block")
        start += gap
        blocks.append((start, start + length, titles[title]))
    return blocks


def horizon(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """The span worth expanding when [start, end) is asked for: a month back, a good year ahead.

    Planning moves forward a week at a time, so a generous horizon lets the same index answer every
    query until the calendar itself changes.
    """
    return start - timedelta(days=31), max(end, start + timedelta(days=400))
