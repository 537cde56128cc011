"""Benchmark: the micro-moment engine on a realistic ~5,000-event calendar. Prints numbers; asserts nothing.

    .venv/bin/python bench/moments.py [--runs N]

It generates a calendar (weekly meetings over two years, with exceptions, plus one-off meetings),
then measures, as medians over N runs:
  parse        parsing the .ics bytes (icalendar)
  index        expanding recurrences once over the planning horizon (the cached BusyIndex)
  week, year   moments for one week / one year from the index (what `somedesk moments` does)
  baseline     one week by expanding the recurrences for that week alone, no index: what the
               index saves on every query
  cold, warm   the whole calendar path (file -> busy time) on a first run and on a second run over
               the unchanged file, which must hit the content-hash cache and not parse
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from somedesk.core.busy_index import BusyIndex, horizon
from somedesk.core.calendar import busy_blocks, parse_calendar
from somedesk.core.moments import find_moments
from somedesk.core.routine import Routine
from somedesk.sources.calendars import load_busy_time

ZONE = ZoneInfo("Europe/Helsinki")
FIRST_DAY = date(2026, 1, 5)
YEARS = 2
WEEKLY_SERIES = 44
ONE_OFFS = 420


def generate_calendar(
    seed: int = 7, series: int = WEEKLY_SERIES, one_offs: int = ONE_OFFS
) -> tuple[bytes, int]:
    """A person's two busy years: weekly series (some with EXDATEs and moved instances) and one-offs."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//somedesk bench//EN"]
    until = FIRST_DAY + timedelta(days=365 * YEARS)
    instances = 0
    for n in range(series):
        day = FIRST_DAY + timedelta(days=rng.randrange(5))
        start = datetime(
            day.year, day.month, day.day, rng.choice([8, 9, 10, 11, 13, 14, 15]), rng.choice([0, 30])
        )
        minutes = rng.choice([15, 30, 45, 60, 90])
        moved = start + timedelta(weeks=5, hours=1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:series-{n}@bench",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART;TZID=Europe/Helsinki:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Helsinki:{start + timedelta(minutes=minutes):%Y%m%dT%H%M%S}",
            f"RRULE:FREQ=WEEKLY;UNTIL={until:%Y%m%d}T235959Z",
            f"EXDATE;TZID=Europe/Helsinki:{start + timedelta(weeks=3):%Y%m%dT%H%M%S}",
            f"SUMMARY:Weekly meeting {n}",
            "END:VEVENT",
            # One instance moved by an hour (RECURRENCE-ID override).
            "BEGIN:VEVENT",
            f"UID:series-{n}@bench",
            "DTSTAMP:20260101T000000Z",
            f"RECURRENCE-ID;TZID=Europe/Helsinki:{start + timedelta(weeks=5):%Y%m%dT%H%M%S}",
            f"DTSTART;TZID=Europe/Helsinki:{moved:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Helsinki:{moved + timedelta(minutes=minutes):%Y%m%dT%H%M%S}",
            f"SUMMARY:Weekly meeting {n} (moved)",
            "END:VEVENT",
        ]
        instances += (until - day).days // 7
    for n in range(one_offs):
        day = FIRST_DAY + timedelta(days=rng.randrange(365 * YEARS))
        start = datetime(day.year, day.month, day.day, rng.randrange(8, 17), rng.choice([0, 15, 30, 45]))
        lines += [
            "BEGIN:VEVENT",
            f"UID:one-off-{n}@bench",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART;TZID=Europe/Helsinki:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Helsinki:{start + timedelta(minutes=rng.choice([30, 60])):%Y%m%dT%H%M%S}",
            f"SUMMARY:Meeting {n}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode(), instances + one_offs


def median_ms(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--series", type=int, default=WEEKLY_SERIES, help="weekly meetings")
    parser.add_argument("--one-offs", type=int, default=ONE_OFFS, help="single meetings")
    args = parser.parse_args()
    runs = args.runs

    data, events = generate_calendar(series=args.series, one_offs=args.one_offs)
    routine = Routine(zone=ZONE)
    week_start = datetime(2026, 10, 19, tzinfo=ZONE)  # the week before the October DST switch, and it
    week_end = week_start + timedelta(days=7)  # ... runs into it
    year_start, year_end = datetime(2026, 1, 1, tzinfo=ZONE), datetime(2027, 1, 1, tzinfo=ZONE)
    h_start, h_end = horizon(year_start, year_end)

    parse_ms = median_ms(lambda: parse_calendar(data, name="bench.ics"), runs)
    calendar = parse_calendar(data, name="bench.ics")
    index_ms = median_ms(
        lambda: BusyIndex.build(calendar, zone=ZONE, me=[], start=h_start, end=h_end), max(3, runs // 2)
    )
    index = BusyIndex.build(calendar, zone=ZONE, me=[], start=h_start, end=h_end)
    week_ms = median_ms(
        lambda: find_moments(routine, index.between(week_start, week_end), week_start, week_end), runs * 5
    )
    year_ms = median_ms(
        lambda: find_moments(routine, index.between(year_start, year_end), year_start, year_end), runs
    )
    baseline_ms = median_ms(
        lambda: find_moments(
            routine,
            busy_blocks(calendar, zone=ZONE, me=[], start=week_start, end=week_end),
            week_start,
            week_end,
        ),
        runs,
    )
    moments_in_year = len(find_moments(routine, index.between(year_start, year_end), year_start, year_end))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "work.ics").write_bytes(data)

        def whole_path(cache: Path) -> object:
            return load_busy_time(
                ["work.ics"],
                base_dir=folder,
                cache_dir=cache,
                zone=ZONE,
                me=[],
                start=week_start,
                end=week_end,
            )

        cold = []
        for n in range(max(3, runs // 2)):
            began = time.perf_counter()
            whole_path(folder / f"cache-{n}")
            cold.append((time.perf_counter() - began) * 1000)
        cold_ms = statistics.median(cold)
        warm_ms = median_ms(lambda: whole_path(folder / "cache-0"), runs)

    print(
        f"calendar: {len(data) / 1024:.0f} KiB, {args.series} weekly series + {args.one_offs} one-offs "
        f"= {events:,} events over {YEARS} years; {len(index):,} busy blocks in the horizon"
    )
    print(f"python {sys.version.split()[0]}, {datetime.now(UTC):%Y-%m-%d}, median of {runs} runs")
    rows = [
        ("parse .ics", parse_ms, ""),
        ("index (expand horizon once)", index_ms, ""),
        ("one week from the index", week_ms, "goal <= 20 ms"),
        ("one year from the index", year_ms, f"goal <= 1000 ms; {moments_in_year} moments"),
        ("baseline: one week, no index", baseline_ms, f"{baseline_ms / week_ms:.0f}x the indexed week"),
        ("first run, file -> busy time", cold_ms, "parse + index + write cache"),
        ("second run, unchanged file", warm_ms, f"content-hash cache; {cold_ms / warm_ms:.0f}x faster"),
    ]
    for name, value, note in rows:
        print(f"  {name:<32} {value:9.1f} ms   {note}")


if __name__ == "__main__":
    main()
