"""`somedesk schedule`, `unschedule`, `queue`, `publish`, `export`, `pause` and `resume`: the schedule."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from somedesk.cli.common import (
    NETWORK_CHOICES,
    app_for,
    draft_id_arg,
    hours_arg,
    in_range,
    nudge_runtime,
    print_json,
)
from somedesk.core.drafts import PublicationState
from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network
from somedesk.core.routine import local_instant


def add_commands(commands: Any) -> None:
    schedule = commands.add_parser("schedule", help="put a draft on the schedule")
    schedule.add_argument("id", type=draft_id_arg)
    when = schedule.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", type=str, metavar="YYYY-MM-DDTHH:MM", help="a time (in your routine's zone)")
    when.add_argument("--next", action="store_true", help="the next best moment")
    schedule.add_argument("--network", choices=NETWORK_CHOICES)
    schedule.add_argument("--mode", choices=["auto", "remind"], help="publish at the moment, or remind you")
    schedule.add_argument("--json", action="store_true")
    schedule.add_argument(
        "--despite-warnings", action="store_true", help="schedule even when the policy warns about the text"
    )
    schedule.add_argument("--explain", action="store_true", help="with --next: say why this moment")
    schedule.set_defaults(handler=cmd_schedule)

    unschedule = commands.add_parser("unschedule", help="take a draft off the schedule")
    unschedule.add_argument("id", type=draft_id_arg)
    unschedule.add_argument("--network", choices=NETWORK_CHOICES)
    unschedule.set_defaults(handler=cmd_unschedule)

    queue = commands.add_parser("queue", help="what is scheduled")
    queue.add_argument("--json", action="store_true")
    queue.set_defaults(handler=cmd_queue)

    export = commands.add_parser(
        "export", help="the scheduled posts as a calendar file for your calendar app"
    )
    export.add_argument(
        "--ics", required=True, metavar="FILE", help='write an iCalendar file ("-" for standard output)'
    )
    export.set_defaults(handler=cmd_export)

    publish = commands.add_parser("publish", help="publish a draft now")
    publish.add_argument("id", type=draft_id_arg)
    publish.add_argument("--network", choices=NETWORK_CHOICES)
    publish.add_argument("--json", action="store_true")
    publish.add_argument(
        "--despite-warnings", action="store_true", help="publish even when the policy warns about the text"
    )
    publish.add_argument("--no-share", action="store_true", help="do not share this post to the team")
    publish.set_defaults(handler=cmd_publish)

    pause = commands.add_parser("pause", help="pause publishing (nothing scheduled is lost)")
    length = pause.add_mutually_exclusive_group()
    length.add_argument("--hours", type=hours_arg, metavar="N", help="for N hours")
    length.add_argument("--until-tomorrow", action="store_true", help="until tomorrow morning")
    pause.set_defaults(handler=cmd_pause)
    resume = commands.add_parser("resume", help="resume publishing")
    resume.set_defaults(handler=cmd_resume)


def cmd_schedule(args: argparse.Namespace) -> int:
    from somedesk.cli import output

    app = app_for(args)
    zone = app.config.routine.zone
    network = Network(args.network) if args.network else None
    if args.next:
        items = app.schedule_next(args.id, network, args.mode, despite_warnings=args.despite_warnings)
    else:
        at = _parse_at(args.at, zone)
        items = app.schedule_at(args.id, at, network, args.mode, despite_warnings=args.despite_warnings)
    nudge_runtime(app)
    if args.json:
        print_json(
            [
                {
                    **output.publication_json(i.publication, zone),
                    "notes": [n.line for n in i.notes],
                    **({"why": i.why.lines() if i.why else []} if args.explain else {}),
                }
                for i in items
            ]
        )
        return 0
    for item in items:
        p = item.publication
        when = f"{p.scheduled_at.astimezone(zone):%a %d %b %H:%M}" if p.scheduled_at else "?"
        print(f"Scheduled draft {p.draft_id} for {p.network.display_name} at {when} ({p.moment_label}).")
        for note in item.notes:  # placed by hand beyond the rhythm: allowed, and said
            print(f"Note: {note.line}.")
        if args.explain and item.why is not None:
            for line in item.why.lines():
                print(f"  why: {line}")
    return 0


def _parse_at(value: str, zone: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"{value!r} is not a time; write it as YYYY-MM-DDTHH:MM, e.g. 2026-12-08T11:30"
        ) from None
    in_range(parsed.date(), value, InvalidInputError)  # 9999-12-31T23:59 overflows in a zone
    if parsed.tzinfo is None:
        return local_instant(parsed.date(), parsed.time(), zone)
    return parsed


def cmd_unschedule(args: argparse.Namespace) -> int:
    network = Network(args.network) if args.network else None
    app = app_for(args)
    for p in app.unschedule(args.id, network):
        print(f"Draft {p.draft_id} is no longer scheduled for {p.network.display_name}.")
    for line in app.stays_out(args.id, network):
        print(f"Draft {args.id}: {line}.")
    nudge_runtime(app)
    return 0


def cmd_queue(args: argparse.Namespace) -> int:
    from somedesk.cli import output

    app = app_for(args)
    zone = app.config.routine.zone
    items = app.queue()
    if args.json:
        print_json(output.queue_json(items, zone))
    else:
        print(output.queue_table(items, zone))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from somedesk.app.export import export_schedule, write_atomic

    data, count = export_schedule(app_for(args))
    if args.ics == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    path = Path(args.ics).expanduser()
    write_atomic(path, data)
    print(f"Exported {count} post{'' if count == 1 else 's'} to {path}.")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from somedesk.cli import output

    app = app_for(args)
    network = Network(args.network) if args.network else None
    app.gate.require(args.id, despite_warnings=args.despite_warnings)  # a finding refuses, one line each
    shares: list[Callable[[], None]] = []  # shared after the results are printed, not before
    if not args.no_share:
        app.publisher.share = app.team_share(runner=shares.append, on_result=_share_report(args.json))
    results = app.publisher.publish_draft(args.id, network, share=not args.no_share)
    nudge_runtime(app)  # a published post's phone reminder is cancelled
    zone = app.config.routine.zone
    if args.json:
        print_json([output.publication_json(p, zone) for p in results])
    else:
        for p in results:
            if p.state is PublicationState.PUBLISHED:
                print(f"Published on {p.network.display_name}: {p.url}")
            else:
                print(
                    f"Not published on {p.network.display_name} ({p.state.value}): {p.reason}",
                    file=sys.stderr,
                )
    for share in shares:
        share()
    return 0 if all(p.state is PublicationState.PUBLISHED for p in results) else 1


def _share_report(quiet: bool) -> Callable[[Any], None]:
    """How `publish` tells a share's outcome; a failed share never changes the exit code: the post is out."""

    def report(result: Any) -> None:
        if not result.ok:
            print(f"somedesk: warning: {result.line}", file=sys.stderr)
        elif not quiet:
            print(result.line)

    return report


def cmd_pause(args: argparse.Namespace) -> int:
    from datetime import timedelta

    app = app_for(args)
    zone = app.config.routine.zone
    if args.hours:
        until = app.clock() + timedelta(hours=args.hours)
    elif args.until_tomorrow:
        until = app.tomorrow_morning()
    else:
        until = None
    app.pause(until)
    nudge_runtime(app)
    print(
        f"Publishing paused until {until.astimezone(zone):%a %d %b %H:%M}."
        if until
        else "Publishing paused until you resume it (somedesk resume)."
    )
    return 0


def cmd_resume(args: argparse.Namespace) -> int:
    app = app_for(args)
    app.resume()
    nudge_runtime(app)
    print("Publishing resumed.")
    return 0
