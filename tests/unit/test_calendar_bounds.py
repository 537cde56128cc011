"""Calendar expansion is bounded (issue 13): a 211-byte `RRULE:FREQ=SECONDLY` once took 4 GB, a 50 MB
file 65 s and 1.65 GB. Any calendar now reads and expands in CALENDAR_SECONDS and a few hundred MB for
its horizon, and what was cut is said in one line naming the calendar."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.busy_index import BusyIndex, horizon
from somedesk.core.calendar import parse_calendar
from somedesk.core.calendar_limits import CALENDAR_SECONDS, MAX_OCCURRENCES_PER_EVENT
from somedesk.sources.calendars import MAX_CALENDAR_BYTES, CalendarLoad, load_busy_time

WEEK = (datetime(2026, 1, 5, tzinfo=UTC), datetime(2026, 1, 12, tzinfo=UTC))
UTC_ZONE = ZoneInfo("UTC")
BUDGET_MB = 300


def calendar(*rules: str, pad: str = "") -> bytes:
    """One event per rule (an empty rule: a single event), each an hour long from 2026-01-05 09:00Z."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//b//EN"]
    for number, rule in enumerate(rules):
        lines += ["BEGIN:VEVENT", f"UID:{number}@t", "DTSTAMP:20260101T000000Z"]
        lines += ["DTSTART:20260105T090000Z", "DTEND:20260105T100000Z", f"SUMMARY:e{number}{pad}"]
        lines += [f"RRULE:{rule}"] if rule else []
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def build(
    data: bytes, seconds: float = CALENDAR_SECONDS, *, measure: bool = False
) -> tuple[BusyIndex, float, int]:
    """The index over the horizon `moments` uses, the seconds it took and (`measure`: tracemalloc, which
    slows the work several times) the peak bytes allocated."""
    first, last = horizon(*WEEK)
    if measure:
        tracemalloc.start()
    began = time.monotonic()
    try:
        cal = parse_calendar(data, name="flood.ics")
        index = BusyIndex.build(cal, zone=UTC_ZONE, me=[], start=first, end=last, seconds=seconds)
        took = time.monotonic() - began
        peak = tracemalloc.get_traced_memory()[1] if measure else 0
    finally:
        if measure:
            tracemalloc.stop()
    return index, took, peak


def load(path: Path, tmp_path: Path) -> CalendarLoad:
    result = load_busy_time(
        [str(path)], base_dir=tmp_path, cache_dir=tmp_path / "cache", zone=UTC_ZONE, me=(),
        start=WEEK[0], end=WEEK[1],
    )  # fmt: skip
    for line in [*result.problems, *result.stale]:
        assert "\n" not in line
    return result


# Rules that repeat too often ----------------------------------------------------------------------


def test_the_reviews_211_byte_secondly_calendar_is_cut_at_once(tmp_path: Path) -> None:
    data = calendar("FREQ=SECONDLY", pad="x" * 2)
    assert len(data) == 211
    index, took, peak = build(data, measure=True)
    assert took < 1 and peak < 20 * 1024 * 1024
    assert len(index) == 0 and index.limits.too_frequent == 1
    (tmp_path / "flood.ics").write_bytes(data)
    result = load(tmp_path / "flood.ics", tmp_path)
    assert result.problems == [] and result.busy == []
    assert result.stale == [
        f"{tmp_path / 'flood.ics'}: cut short: left out 1 event repeating too often (more than once a "
        "minute, or too many times) (busy time may be missing)"
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MINUTELY",  # 600,000 in the horizon
        "FREQ=HOURLY;BYMINUTE=0,5,10,15,20,25,30,35,40,45,50,55;BYSECOND=0,30",  # sub-minute through BY parts
        "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))) + ";BYMINUTE=" + ",".join(map(str, range(60))),
    ],
)
def test_rules_that_would_step_the_expander_too_often_are_left_out_before_expanding(rule: str) -> None:
    index, took, _ = build(calendar("", rule))
    assert took < 1
    assert index.limits.too_frequent == 1
    assert len(index) == 1  # the single event next to it is kept


def test_an_event_repeating_every_15_minutes_keeps_its_first_occurrences() -> None:
    # ~41,000 in the horizon. A generous deadline: this is about the cap, not the clock (a loaded
    # machine must not turn it into a cut for time).
    index, _, _ = build(calendar("FREQ=MINUTELY;INTERVAL=15"), seconds=60)
    assert len(index) == MAX_OCCURRENCES_PER_EVENT and index.limits.capped == 1
    assert "kept the first 20,000 occurrences of 1 event" in index.limits.describe()


def test_a_rule_no_date_can_match_stops_at_the_deadline_keeping_what_came_before() -> None:
    # dateutil looks for 30 February until the year 9999: minutes, in a loop that never yields.
    index, took, _ = build(calendar("FREQ=WEEKLY", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"), seconds=1.0)
    assert took < 2.5
    assert index.limits.out_of_time
    assert len(index) > 50  # the weekly meeting before it, over the whole horizon


def test_what_was_cut_is_kept_with_the_cached_index(tmp_path: Path) -> None:
    index, _, _ = build(calendar("FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=15"))
    again = BusyIndex.from_bytes(index.to_bytes())
    assert again.limits == index.limits and again.limits.describe() == index.limits.describe()


# Size ---------------------------------------------------------------------------------------------

_MEASURE = """
import sys, time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo
from somedesk.core.busy_index import BusyIndex, horizon
from somedesk.core.calendar import parse_calendar
data = open(sys.argv[1], "rb").read()
began = time.monotonic()
cal = parse_calendar(data, name="big.ics")
first, last = horizon(datetime(2026, 1, 5, tzinfo=UTC), datetime(2026, 1, 12, tzinfo=UTC))
index = BusyIndex.build(cal, zone=ZoneInfo("Europe/Helsinki"), me=[], start=first, end=last)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking process (a pytest run of
# hundreds of MB), while VmHWM is this program's own peak.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(time.monotonic() - began, peak / 1024, len(index))
"""


def big_calendar(size: int) -> bytes:
    """Single events with long descriptions, as an export of years of meetings looks, up to `size` bytes."""
    events: list[str] = []
    number, total = 0, 80
    while True:
        day, hour = 1 + number % 28, 8 + number % 9
        event = (
            f"BEGIN:VEVENT\r\nUID:event-{number}@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART:2026{1 + number // 28 % 12:02d}{day:02d}T{hour:02d}0000Z\r\n"
            f"DTEND:2026{1 + number // 28 % 12:02d}{day:02d}T{hour + 1:02d}0000Z\r\n"
            f"SUMMARY:Meeting {number} about the quarterly planning\r\n"
            f"DESCRIPTION:{'Agenda item and notes ' * 10}\r\nEND:VEVENT\r\n"
        )
        if total + len(event) > size:
            break
        events.append(event)
        total += len(event)
        number += 1
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//big//EN\r\n" + "".join(events) + "END:VCALENDAR\r\n"
    ).encode()


def test_a_calendar_at_the_size_limit_reads_and_expands_within_budget(tmp_path: Path) -> None:
    path = tmp_path / "big.ics"
    path.write_bytes(big_calendar(MAX_CALENDAR_BYTES))
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, timeout=120, check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )  # fmt: skip
    seconds, megabytes, blocks = done.stdout.split()
    size = MAX_CALENDAR_BYTES / 1048576
    print(
        f"{size:.0f} MB calendar: {float(seconds):.2f} s, {float(megabytes):.0f} MB peak RSS, {blocks} blocks"
    )
    assert float(megabytes) < BUDGET_MB
    # The deadline holds expanding to the budget; reading is bounded by the size alone, so a loaded
    # machine (nine engineers' tests on two cores) gets slack here, not in the README's number.
    assert float(seconds) < 3 * CALENDAR_SECONDS
    assert int(blocks) > 0


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB that the refusal must not read
    began = time.monotonic()
    result = load(huge, tmp_path)
    assert time.monotonic() - began < 1
    assert result.problems == [
        f"{huge}: could not be used (50.0 MB is too large for a calendar; the limit is 3 MB)"
    ]


def test_dev_zero_and_a_named_pipe_are_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.ics"
    os.mkfifo(pipe)
    for path in (Path("/dev/zero"), pipe):
        began = time.monotonic()
        result = load(path, tmp_path)
        assert time.monotonic() - began < 1
        assert result.problems == [f"{path}: could not be read ({path} is not a regular file)"]
