"""`somedesk moments` and `review`: the week as text or JSON."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from somedesk.cli.common import app_for, date_arg, days_arg, iso_week_arg, print_json, report_calendar_trouble
from somedesk.core.routine import local_instant


def add_commands(commands: Any) -> None:
    moments = commands.add_parser("moments", help="your posting moments for some days")
    moments.add_argument(
        "--from", dest="first", type=date_arg, metavar="YYYY-MM-DD", help="first day (today)"
    )
    moments.add_argument("--days", type=days_arg, default=7, help="how many days (7)")
    moments.add_argument(
        "--calendar", action="append", default=[], metavar="FILE_OR_URL", help="add a calendar"
    )
    moments.add_argument("--json", action="store_true", help="print JSON")
    moments.set_defaults(handler=cmd_moments)

    review = commands.add_parser("review", help="a plain summary of a week: posts, moments, reminders")
    week = review.add_mutually_exclusive_group()
    week.add_argument("--week", type=iso_week_arg, metavar="YYYY-Www", help="an ISO week (this week)")
    week.add_argument(
        "--from", dest="first", type=date_arg, metavar="YYYY-MM-DD", help="seven days from this day"
    )
    review.add_argument("--json", action="store_true", help="print JSON")
    review.set_defaults(handler=cmd_review)


def cmd_moments(args: argparse.Namespace) -> int:
    from somedesk.cli import output

    app = app_for(args)
    first = args.first or app.today()
    result = app.moments_for_days(first, args.days, args.calendar)
    zone = app.config.routine.zone
    if args.json:
        print_json([output.moment_json(m, zone) for m in result.moments])
    else:
        print(output.moments_table(result.moments, zone, first, args.days))
    return report_calendar_trouble(result)


def cmd_review(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from somedesk.core.review import reminded_ids, review_json, review_text, review_week
    from somedesk.core.week_plan import week_bounds

    app = app_for(args)
    zone = app.config.routine.zone
    if args.first is not None:
        start = local_instant(args.first, datetime.min.time(), zone)
        end = local_instant(args.first + timedelta(days=7), datetime.min.time(), zone)
    else:
        start, end = week_bounds(args.week or app.today(), zone)
    items = app.queue()
    moments = app.moments(start, end)
    review = review_week(
        [p for p, _ in items],
        moments.moments,
        app.config.targets,
        reminded_ids(app.store.notices("reply")),
        start,
        end,
    )
    if args.json:
        print_json(review_json(review, zone))
    else:
        print(review_text(review, zone, {d.id: d.first_line for _, d in items}))
    return report_calendar_trouble(moments)
