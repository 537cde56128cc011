"""`somedesk join` and `somedesk leave`: the team file the communications team prepares (issue 16).

Addresses may carry a private token, so a team file's, a policy's or a feed's address is printed with
its host only; secrets are never printed, only where they went (the keyring).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from somedesk.cli.common import app_for, print_json


def add_commands(commands: Any) -> None:
    join = commands.add_parser(
        "join",
        help="set yourself up from your team's file (a path or an https:// address)",
        description="Apply the team file your communications team prepared: policy, feeds, Slack sharing, "
        "the LinkedIn and X apps. Settings you chose yourself win.",
    )
    join.add_argument("source", nargs="?", metavar="PATH_OR_URL", help="the team file")
    what = join.add_mutually_exclusive_group()
    what.add_argument("--update", action="store_true", help="apply the team file you joined again")
    what.add_argument("--show", action="store_true", help="say what the team file set")
    join.add_argument("--json", action="store_true", help="with --show: print JSON")
    join.set_defaults(handler=cmd_join)
    leave = commands.add_parser("leave", help="remove what the team file set (your own settings stay)")
    leave.set_defaults(handler=cmd_leave)


def cmd_join(args: argparse.Namespace) -> int:
    from somedesk.core.teamfile import TeamFileError

    if bool(args.source) == (args.update or args.show):
        return _usage("give the team file's path or https:// address, or --update or --show alone")
    if args.json and not args.show:
        return _usage("--json goes with --show")
    if args.source and args.source.lower().startswith("somedesk:"):
        from somedesk.core.teamfile import team_link_source

        args.source = team_link_source(args.source)  # `somedesk join somedesk://join?source=…`
    app = app_for(args)
    if args.show:
        return _show(app, as_json=args.json)
    try:
        report = app.team.update() if args.update else app.team.join(args.source)
    except TeamFileError as error:
        for line in error.problems:
            print(f"somedesk: {line}", file=sys.stderr)
        print("somedesk: nothing was changed", file=sys.stderr)
        return 1
    return _print_report(report, updating=args.update)


def cmd_leave(args: argparse.Namespace) -> int:
    report = app_for(args).team.leave()
    who = report.organisation or "the team file"
    print(f"Left {who}.")
    for key in report.removed:
        print(f"  removed {key}")
    for line in report.unfollowed:
        print(f"  stopped following {line}")
    for key in report.kept:
        print(f"  kept {key} (you changed it yourself)")
    return 0


def _usage(message: str) -> int:
    print(f"somedesk join: {message}", file=sys.stderr)
    return 2


def _shown_value(key: str, value: object) -> str:
    from somedesk.sources.teamfile import shown_source

    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return shown_source(text) if key == "policy.source" else text


def _print_report(report: Any, *, updating: bool) -> int:
    who = report.organisation or "your team"
    if report.unchanged:
        print(f"The team file of {who} has not changed.")
        return 0
    if updating:
        print(f"Updated from the team file of {who} ({report.source}).")
    else:
        print(f"Joined {who} ({report.source}).")
    for key in report.set:
        value = report.values.get(key)
        print(f"  set {key}" + ("" if value is None else f" = {_shown_value(key, value)}"))
    for key in report.removed:
        print(f"  removed {key} (no longer in the team file)")
    for line in report.followed:
        print(f"  following {line}")
    for line in report.unfollowed:
        print(f"  stopped following {line}")
    for key in report.kept:
        print(f"  kept your own {key} (the team file's is not used)")
    if not (report.set or report.removed or report.followed or report.unfollowed or report.kept):
        print("  nothing to change")
    for line in report.problems:
        print(f"somedesk: {line}", file=sys.stderr)
    return 1 if report.problems else 0


def _show(app: Any, *, as_json: bool) -> int:
    from somedesk.app.team import SECRET_KEYS
    from somedesk.sources.feeds import feed_name
    from somedesk.sources.teamfile import shown_source

    record = app.team.record()
    if record is None:
        if as_json:
            print_json(None)
        else:
            print("No team file joined. Your communications team's file sets you up: somedesk join FILE")
        return 0
    shown = {
        "organisation": record.organisation,
        "source": shown_source(record.source),
        "joined_at": record.joined_at,
        "updated_at": record.updated_at,
        "settings": {key: _json_value(key, value) for key, value in record.settings.items()},
        "secrets": [SECRET_KEYS[name] for name in record.secrets],
        "feeds": [feed_name(url) for url in record.feeds],
        "phone_server": record.phone_server or None,
    }
    if as_json:
        print_json(shown)
        return 0
    print(f"Organisation: {record.organisation or '(not named)'}")
    print(f"Team file: {shown['source']} (joined {record.joined_at}, updated {record.updated_at})")
    for key, value in record.settings.items():
        print(f"  {key} = {_shown_value(key, value)}")
    for key in shown["secrets"]:
        print(f"  {key}: in your keyring")
    for name in shown["feeds"]:
        print(f"  feed: {name}")
    if record.phone_server:
        print(f"  phone.server = {record.phone_server}")
    return 0


def _json_value(key: str, value: object) -> object:
    return _shown_value(key, value) if key == "policy.source" else value
