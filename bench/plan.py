"""Benchmark: Plan my week with the one planning engine, on a ~5,000-event calendar and 200 waiting
drafts. Prints numbers against a baseline measured in the same run, and fails (exit 1) over the goal.

    .venv/bin/python bench/plan.py [--runs N] [--drafts 200]

The calendar is bench/moments.py's: two years of weekly series with exceptions plus one-offs, about
5,000 events. Measured, as medians over N runs:
  baseline     the week's moments from the calendar's index: what the planner already does to show
               the week, before anyone presses Plan my week
  plan week    Plan my week as the planner runs it: the week's moments plus plan_week for every
               waiting draft (half LinkedIn, half X, a fifth on both) with the posts already there
               (goal: <= 200 ms)
  plan year    Plan my week for each of the year's 52 weeks in turn, each week's proposals counting
               as scheduled for the next (the engine's rules across week edges)
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.moments import generate_calendar, median_ms
from somedesk.core.busy_index import BusyIndex, horizon
from somedesk.core.calendar import parse_calendar
from somedesk.core.config import DEFAULT_TARGETS
from somedesk.core.model import Moment, Network
from somedesk.core.moments import find_moments
from somedesk.core.planning import Scheduled
from somedesk.core.routine import Routine
from somedesk.core.week_plan import Proposal, plan_week, week_bounds

ZONE = ZoneInfo("Europe/Helsinki")
GOAL_MS = 200.0
FIRST_MONDAY = date(2026, 1, 5)


def waiting(drafts: int) -> dict[Network, list[int]]:
    """Draft ids by network, oldest first: even ids on LinkedIn, odd on X, every fifth on both."""
    by_network: dict[Network, list[int]] = {Network.LINKEDIN: [], Network.X: []}
    for draft_id in range(1, drafts + 1):
        by_network[Network.LINKEDIN if draft_id % 2 == 0 else Network.X].append(draft_id)
        if draft_id % 5 == 0:
            other = Network.X if draft_id % 2 == 0 else Network.LINKEDIN
            by_network[other].append(draft_id)
    return {n: sorted(ids) for n, ids in by_network.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--drafts", type=int, default=200)
    args = parser.parse_args()

    data, events = generate_calendar()
    calendar = parse_calendar(data, name="bench.ics")
    routine = Routine(zone=ZONE)
    year_start = datetime(2026, 1, 1, tzinfo=ZONE)
    h_start, h_end = horizon(year_start, year_start + timedelta(days=366))
    index = BusyIndex.build(calendar, zone=ZONE, me=[], start=h_start, end=h_end)
    targets = dict(DEFAULT_TARGETS)
    drafts = waiting(args.drafts)
    week_start, week_end = week_bounds(date(2026, 10, 19), ZONE)  # runs into the October DST switch
    # Posts already there: last week's and two this week, as a person's planner would have.
    already = [
        Scheduled(Network.LINKEDIN, week_start - timedelta(days=3, hours=-11), 1000),
        Scheduled(Network.X, week_start + timedelta(days=1, hours=11, minutes=30), 1001),
        Scheduled(Network.LINKEDIN, week_start + timedelta(days=2, hours=7, minutes=45), 1002, by_hand=True),
    ]

    def week_moments() -> list[Moment]:
        return find_moments(routine, index.between(week_start, week_end), week_start, week_end)

    def plan_one_week() -> list[Proposal]:
        return plan_week(week_moments(), drafts, already, targets, week_start, week_end)

    def plan_year() -> int:
        counted: list[Scheduled] = []
        left = {n: list(ids) for n, ids in drafts.items()}
        proposed = 0
        for week in range(52):
            start, end = week_bounds(FIRST_MONDAY + timedelta(weeks=week), ZONE)
            moments = find_moments(routine, index.between(start, end), start, end)
            proposals = plan_week(moments, left, counted, targets, start, end)
            for p in proposals:
                counted.append(Scheduled(p.network, p.at, p.draft_id, p.moment.kind))
                left[p.network].remove(p.draft_id)
            proposed += len(proposals)
        return proposed

    baseline_ms = median_ms(week_moments, args.runs * 3)
    week_ms = median_ms(plan_one_week, args.runs * 3)
    year_ms = median_ms(plan_year, max(3, args.runs // 2))
    proposals = plan_one_week()
    proposed_in_year = plan_year()
    wanted = sum(len(ids) for ids in drafts.values())

    print(
        f"calendar: {events:,} events, {len(index):,} busy blocks in the year; {args.drafts} drafts waiting "
        f"({wanted} draft-network pairs); targets "
        + ", ".join(
            f"{n.display_name} {t.per_week}/week, gap {t.min_gap_hours:g} h" for n, t in targets.items()
        )
    )
    print(f"python {sys.version.split()[0]}, {datetime.now(UTC):%Y-%m-%d}, median of {args.runs} runs")
    rows = [
        ("baseline: the week's moments", baseline_ms, f"{len(week_moments())} moments"),
        (
            "Plan my week (one week)",
            week_ms,
            f"goal <= {GOAL_MS:.0f} ms; {len(proposals)} proposals; "
            f"{week_ms / baseline_ms:.1f}x the baseline",
        ),
        (
            "Plan my week, 52 weeks in turn",
            year_ms,
            f"{proposed_in_year} proposals; {year_ms / 52:.1f} ms a week",
        ),
    ]
    for name, value, note in rows:
        print(f"  {name:<32} {value:9.1f} ms   {note}")
    if week_ms > GOAL_MS:
        print(f"FAIL: Plan my week took {week_ms:.1f} ms, over the {GOAL_MS:.0f} ms goal", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
