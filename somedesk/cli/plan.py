"""`somedesk plan`: Plan my week from the command line, the same proposals the planner shows (the one
planning engine, core/planning.py); `--apply` schedules them through the policy gate."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from typing import Any

from somedesk.cli.common import app_for, nudge_runtime, print_json

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def week_arg(value: str) -> date:
    """ "2026-W50" -> the Monday of that ISO week."""
    match = _WEEK.match(value.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a week; write it as YYYY-Www, e.g. 2026-W50")
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: {match[1]} has no week {int(match[2])}") from None


def add_commands(commands: Any) -> None:
    plan = commands.add_parser("plan", help="propose moments for the waiting drafts of a week (Plan my week)")
    plan.add_argument("--week", type=week_arg, metavar="YYYY-Www", help="an ISO week (default: this week)")
    plan.add_argument("--apply", action="store_true", help="schedule the proposals")
    plan.add_argument(
        "--despite-warnings",
        action="store_true",
        help="with --apply: schedule drafts the policy warns about too",
    )
    plan.add_argument("--json", action="store_true")
    plan.set_defaults(handler=cmd_plan)


def cmd_plan(args: argparse.Namespace) -> int:
    from somedesk.app.gate import Mark, PolicyRefusal
    from somedesk.core.week_plan import week_monday

    app = app_for(args)
    zone = app.config.routine.zone
    monday = week_monday(args.week or app.today())
    proposals, marks = app.plan_week_proposals(monday)
    applied: dict[tuple[int, str], str] = {}
    problems: list[str] = []
    if args.apply:
        for p in proposals:
            try:
                app.schedule_at(
                    p.draft_id, p.at, p.network, despite_warnings=args.despite_warnings, by_hand=False
                )
            except PolicyRefusal as refusal:
                applied[p.draft_id, p.network.value] = "refused"
                problems += str(refusal).splitlines()
            else:
                applied[p.draft_id, p.network.value] = "scheduled"
        if any(v == "scheduled" for v in applied.values()):
            nudge_runtime(app)
    if args.json:
        print_json(
            [
                {
                    "draft": p.draft_id,
                    "network": p.network.value,
                    "at": p.at.astimezone(zone).isoformat(),
                    "kind": p.moment.kind.value,
                    "label": p.moment.label,
                    "score": p.score,
                    "policy": marks[p.draft_id].value if p.draft_id in marks else None,
                    "why": p.why.lines() if p.why is not None else [],
                    **({"applied": applied[p.draft_id, p.network.value]} if args.apply else {}),
                }
                for p in proposals
            ]
        )
    else:
        year, week, _ = monday.isocalendar()
        if not proposals:
            print(f"Nothing to propose for {year}-W{week:02d}: no draft waits for a network with room left.")
        for p in proposals:
            warned = "  (the policy warns about its words)" if marks.get(p.draft_id) is Mark.WARNED else ""
            done = f"  [{applied[p.draft_id, p.network.value]}]" if args.apply else ""
            print(
                f"{p.at.astimezone(zone):%a %d %b %H:%M}  {p.network.display_name:<9} {p.moment.label:<24} "
                f"#{p.draft_id}{warned}{done}"
            )
    for line in problems:  # a draft the policy warns about is refused without --despite-warnings
        print(f"somedesk: {line}", file=sys.stderr)
    return 1 if problems else 0
