"""The busy index: a calendar's busy blocks expanded once over a horizon, answering range queries fast,
and serialised compactly for the cache (sources.calendars).
"""

from __future__ import annotations

import json
import math
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from somedesk.core.calendar import ParsedCalendar, RawBlock, expand_busy, normalise_me, utc_instant
from somedesk.core.calendar_limits import CALENDAR_SECONDS, Limits, is_int_list
from somedesk.core.model import BusyBlock

# Bump whenever the busy rules or the serialised index change, so stale caches are never reused.
FORMAT_VERSION = 2


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
        blocks: Sequence[RawBlock],
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
        mine = normalise_me(me)
        limits = Limits()
        raw, broken = expand_busy(cal, zone, mine, start, end, limits, seconds)
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
            built = self._built[i] = BusyBlock(
                utc_instant(self._starts[i]), utc_instant(self._ends[i]), self._titles[i]
            )
        return built

    def _expand_outside(self, start: datetime, end: datetime) -> list[BusyBlock]:
        if self._source is None:
            raise ValueError("this busy index was read from a cache and does not cover the time asked for")
        cal, zone, me = self._source
        raw, _ = expand_busy(cal, zone, me, start, end)
        raw.sort()
        return [BusyBlock(utc_instant(s), utc_instant(e), title) for s, e, title in raw]

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
        if not (is_int_list(covered) and len(covered) == 2 and covered[0] <= covered[1]):
            raise ValueError("busy index has a bad horizon")
        if not (is_int_list(flat) and len(flat) % 3 == 0):
            raise ValueError("busy index has bad numbers")
        if not (isinstance(titles, list) and all(isinstance(t, str) for t in titles)):
            raise ValueError("busy index has bad titles")
        if not (type(unreadable) is int and unreadable >= 0 and type(origin) is int):
            raise ValueError("busy index has a bad count or origin")
        limits = Limits.from_json(document.get("limits"))
        blocks = _unpack(flat, origin, titles)
        return cls(blocks, covered=(covered[0], covered[1]), unreadable_events=unreadable, limits=limits)


def _unpack(flat: list[int], origin: int, titles: list[str]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
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
