"""Real-world calendars that once broke a well-known recurrence library (tests/data/real-calendars,
copied from ../shared/data/calendars with their licence).

Outside evidence: each one loads, or says in one line why not; busy time is never backwards; the
index agrees with expanding the calendar directly; the whole set loads quickly.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.busy_index import BusyIndex
from somedesk.core.calendar import ParsedCalendar, busy_blocks, parse_calendar
from somedesk.core.errors import CalendarError

CALENDARS = Path(__file__).parents[1] / "data" / "real-calendars"
FILES = sorted(CALENDARS.glob("*.ics"))
ZONES = [ZoneInfo("Europe/Helsinki"), ZoneInfo("America/Chicago")]
FIRST, LAST = datetime(2000, 1, 1, tzinfo=UTC), datetime(2035, 1, 1, tzinfo=UTC)


def test_the_calendars_are_there():
    assert len(FILES) >= 12, f"expected the real-world calendars in {CALENDARS}"


def parse_or_none(path: Path) -> ParsedCalendar | None:
    """The parsed calendar, or None after checking that the refusal is one line naming the file."""
    try:
        return parse_calendar(path.read_bytes(), name=path.name)
    except CalendarError as error:
        message = str(error)
        assert message.startswith(f"{path.name}: ")
        assert "\n" not in message and len(message) < 200
        return None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_loads_or_says_why_and_busy_time_is_never_backwards(path, zone):
    cal = parse_or_none(path)
    if cal is None:
        return
    index = BusyIndex.build(cal, zone=zone, me=["me@example.com"], start=FIRST, end=LAST)
    blocks = index.between(FIRST, LAST)
    assert all(b.start < b.end for b in blocks)
    assert all(b.start.utcoffset() == timedelta(0) for b in blocks)
    assert [b.start for b in blocks] == sorted(b.start for b in blocks)
    restored = BusyIndex.from_bytes(index.to_bytes())
    assert restored.between(FIRST, LAST) == blocks


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_index_agrees_with_direct_expansion_week_by_week(path):
    cal = parse_or_none(path)
    if cal is None:
        return
    zone = ZONES[0]
    index = BusyIndex.build(cal, zone=zone, me=(), start=FIRST, end=LAST)
    starts = [b.start for b in index.between(FIRST, LAST)]
    # The weeks around the first, the middle and the last busy block, where the data is.
    for anchor in {starts[0], starts[len(starts) // 2], starts[-1]} if starts else set():
        week = (anchor - timedelta(days=3), anchor + timedelta(days=4))
        assert index.between(*week) == busy_blocks(cal, zone=zone, me=(), start=week[0], end=week[1])


def test_the_whole_set_loads_in_reasonable_time():
    began = time.perf_counter()
    for path in FILES:
        cal = parse_or_none(path)
        if cal is not None:
            BusyIndex.build(cal, zone=ZONES[0], me=(), start=FIRST, end=LAST)
    # About 1.5 s on the 2-core development machine; the bound leaves room for a slow CI runner.
    assert time.perf_counter() - began < 20


def test_a_dst_calendar_agrees_with_the_recurrence_librarys_own_expectation():
    # issue 48: three meetings between 10:00 and 15:00 Chicago time on 11 December 2020.
    cal = parse_or_none(CALENDARS / "issue_48_dst.ics")
    assert cal is not None
    chicago = ZoneInfo("America/Chicago")
    start = datetime(2020, 12, 11, 10, tzinfo=chicago)
    found = busy_blocks(cal, zone=chicago, me=(), start=start, end=start + timedelta(hours=5))
    assert [(f"{b.start.astimezone(chicago):%H:%M}", b.title) for b in found] == [
        ("10:15", "Event#2"),
        ("12:30", "Event#3"),
        ("14:15", "Event#4"),
    ]


def test_events_without_an_end_block_nothing_and_the_others_keep_their_seconds():
    cal = parse_or_none(CALENDARS / "discourse_no_dtend.ics")
    assert cal is not None
    found = busy_blocks(cal, zone=ZONES[0], me=(), start=FIRST, end=LAST)
    # "2019-01-17 openLab" has neither DTEND nor DURATION, so it is a point in time.
    assert [(f"{b.start:%Y-%m-%dT%H:%M:%S}Z", f"{b.end:%H:%M:%S}Z") for b in found] == [
        ("2019-02-28T14:00:14Z", "17:30:14Z"),
        ("2019-03-01T17:00:35Z", "20:00:35Z"),
        ("2019-05-11T11:00:21Z", "18:00:21Z"),
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_moment_overlaps_what_the_calendar_marks_busy(path):
    """The data README's promise: whatever the calendar, moments stay out of its busy time."""
    from somedesk.core.moments import find_moments
    from somedesk.core.routine import Routine

    cal = parse_or_none(path)
    if cal is None:
        return
    zone = ZONES[0]
    index = BusyIndex.build(cal, zone=zone, me=(), start=FIRST, end=LAST)
    blocks = index.between(FIRST, LAST)
    routine = Routine(
        zone=zone, workdays=frozenset(range(7)), before_meeting_minutes=30, min_moment_minutes=1
    )
    for anchor in {blocks[0].start, blocks[len(blocks) // 2].start} if blocks else set():
        start, end = anchor - timedelta(days=7), anchor + timedelta(days=21)
        busy = index.between(start, end)
        moments = find_moments(routine, busy, start, end)
        assert moments  # four weeks of seven workdays always leave some commute or lunch free
        for moment in moments:
            assert not any(moment.interval.overlaps(b.interval) for b in busy), (moment, path.name)
