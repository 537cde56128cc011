"""The command line: a thin face over the services. It never imports Qt, so it stays fast and headless."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from somedesk import __version__
from somedesk.core.drafts import PublicationState
from somedesk.core.errors import InvalidInputError, UserError
from somedesk.core.model import Network
from somedesk.core.routine import local_instant

log = logging.getLogger("somedesk.cli")
NETWORK_CHOICES = [n.value for n in Network]
Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(list(sys.argv[1:] if argv is None else argv))
    handler: Handler = getattr(args, "handler", cmd_desktop)
    if args.self_test:
        handler = cmd_self_test
    if handler is not cmd_desktop:
        # Held off while the modules loaded (somedesk.entry). The desktop keeps it off until its tray
        # is up (gui/app.py); its overview without a display and its hand-over are over at once.
        gc.enable()
    try:
        return handler(args)
    except UserError as exc:
        print(f"somedesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("somedesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug: log the details, show one line, never a traceback
        log.exception("unexpected error")
        print(f"somedesk: unexpected error ({type(exc).__name__}); details are in the log", file=sys.stderr)
        return 70


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Starting the desktop app (no command) is the common case, and its start-up is measured:
    building the parsers of every command costs it ~8 ms, so the global options alone go first."""
    if not {"-h", "--help"} & set(argv):
        args, rest = build_parser(with_commands=False).parse_known_args(argv)
        if not rest:
            return args
    return build_parser().parse_args(argv)


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="somedesk", description="Post in the micro-moments of your week.")
    parser.add_argument("--config", type=Path, metavar="PATH", help="read this config file instead")
    parser.add_argument("--version", action="version", version=f"somedesk {__version__}")
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log every detail (debug level), and show the log on stderr as well as in its file",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check what works on this machine, a line each; exit 1 when something essential is broken",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help=argparse.SUPPRESS,  # benchmarks and smoke tests: start fully, one event-loop pass, exit
    )
    parser.add_argument(
        "--show",
        choices=["planner", "quick-post", "queue", "settings"],
        help="start the desktop app with this window open",
    )
    if not with_commands:
        return parser
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    today = commands.add_parser("today", help="today's and tomorrow's moments, and the queue")
    today.set_defaults(handler=cmd_overview)

    init = commands.add_parser("init", help="write a commented config.toml with the defaults")
    init.set_defaults(handler=cmd_init)

    moments = commands.add_parser("moments", help="your posting moments for some days")
    moments.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD", help="first day (today)")
    moments.add_argument("--days", type=_days, default=7, help="how many days (7)")
    moments.add_argument(
        "--calendar", action="append", default=[], metavar="FILE_OR_URL", help="add a calendar"
    )
    moments.add_argument("--json", action="store_true", help="print JSON")
    moments.set_defaults(handler=cmd_moments)

    _add_draft_commands(commands)

    schedule = commands.add_parser("schedule", help="put a draft on the schedule")
    schedule.add_argument("id", type=_draft_id)
    when = schedule.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", type=str, metavar="YYYY-MM-DDTHH:MM", help="a time (in your routine's zone)")
    when.add_argument("--next", action="store_true", help="the next best moment")
    schedule.add_argument("--network", choices=NETWORK_CHOICES)
    schedule.add_argument("--mode", choices=["auto", "remind"], help="publish at the moment, or remind you")
    schedule.add_argument("--json", action="store_true")
    schedule.set_defaults(handler=cmd_schedule)

    unschedule = commands.add_parser("unschedule", help="take a draft off the schedule")
    unschedule.add_argument("id", type=_draft_id)
    unschedule.add_argument("--network", choices=NETWORK_CHOICES)
    unschedule.set_defaults(handler=cmd_unschedule)

    queue = commands.add_parser("queue", help="what is scheduled")
    queue.add_argument("--json", action="store_true")
    queue.set_defaults(handler=cmd_queue)

    review = commands.add_parser("review", help="a plain summary of a week: posts, moments, reminders")
    week = review.add_mutually_exclusive_group()
    week.add_argument("--week", type=_iso_week, metavar="YYYY-Www", help="an ISO week (this week)")
    week.add_argument(
        "--from", dest="first", type=_date, metavar="YYYY-MM-DD", help="seven days from this day"
    )
    review.add_argument("--json", action="store_true", help="print JSON")
    review.set_defaults(handler=cmd_review)

    export = commands.add_parser(
        "export", help="the scheduled posts as a calendar file for your calendar app"
    )
    export.add_argument(
        "--ics", required=True, metavar="FILE", help='write an iCalendar file ("-" for standard output)'
    )
    export.set_defaults(handler=cmd_export)

    publish = commands.add_parser("publish", help="publish a draft now")
    publish.add_argument("id", type=_draft_id)
    publish.add_argument("--network", choices=NETWORK_CHOICES)
    publish.add_argument("--json", action="store_true")
    publish.add_argument(
        "--despite-warnings", action="store_true", help="publish even when the policy warns about the text"
    )
    publish.add_argument("--no-share", action="store_true", help="do not share this post to the team")
    publish.set_defaults(handler=cmd_publish)

    _add_account_commands(commands)
    _add_share_commands(commands)
    from somedesk.cli_ideas import add_idea_commands  # `somedesk ideas …` lives in its own module

    add_idea_commands(commands)

    run = commands.add_parser("run", help="publish and remind on time, without a window")
    run.set_defaults(handler=cmd_run)

    pause = commands.add_parser("pause", help="pause publishing (nothing scheduled is lost)")
    length = pause.add_mutually_exclusive_group()
    length.add_argument("--hours", type=_hours, metavar="N", help="for N hours")
    length.add_argument("--until-tomorrow", action="store_true", help="until tomorrow morning")
    pause.set_defaults(handler=cmd_pause)
    resume = commands.add_parser("resume", help="resume publishing")
    resume.set_defaults(handler=cmd_resume)

    menu = commands.add_parser(
        "launcher", help="add somedesk to your desktop's applications menu, or remove it"
    )
    menu_sub = menu.add_subparsers(title="launcher commands", metavar="ACTION", required=True)
    menu_sub.add_parser("add", help="add the entry and icon (for you alone)").set_defaults(
        handler=cmd_launcher_add
    )
    menu_sub.add_parser("remove", help="remove them again").set_defaults(handler=cmd_launcher_remove)

    check = commands.add_parser("check", help="check a text's length for each network, and the policy")
    check.add_argument("text", help='the text, or "-" to read it from standard input')
    check.add_argument("--network", action="append", choices=NETWORK_CHOICES)
    check.add_argument("--json", action="store_true")
    check.add_argument(
        "--lang", metavar="LANG", help="spell check in this language (en_US, fi, …); guessed when left out"
    )
    check.set_defaults(handler=cmd_check)
    return parser


def _add_draft_commands(commands: Any) -> None:
    drafts = commands.add_parser("drafts", help="keep drafts")
    sub = drafts.add_subparsers(title="drafts commands", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a draft")
    add.add_argument("text", help='the text, or "-" to read it from standard input')
    add.add_argument("--network", action="append", choices=NETWORK_CHOICES, default=[])
    add.add_argument(
        "--image", action="append", type=Path, default=[], metavar="PATH", help="attach an image"
    )
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_drafts_add)
    listing = sub.add_parser("list", help="list drafts")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_drafts_list)
    show = sub.add_parser("show", help="show one draft")
    show.add_argument("id", type=_draft_id)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_drafts_show)
    edit = sub.add_parser("edit", help="replace a draft's text")
    edit.add_argument("id", type=_draft_id)
    edit.add_argument("text", help='the new text, or "-" to read it from standard input')
    edit.set_defaults(handler=cmd_drafts_edit)
    delete = sub.add_parser("delete", help="delete a draft")
    delete.add_argument("id", type=_draft_id)
    delete.set_defaults(handler=cmd_drafts_delete)


def _add_account_commands(commands: Any) -> None:
    accounts = commands.add_parser("accounts", help="connect your LinkedIn and X accounts")
    sub = accounts.add_subparsers(title="accounts commands", metavar="ACTION", required=True)
    connect = sub.add_parser("connect", help="sign in with your browser")
    connect.add_argument("network", choices=["linkedin", "x"])
    connect.add_argument("--no-browser", action="store_true", help="only print the sign-in address")
    connect.add_argument("--timeout", type=_seconds, default=300, help="give up after SECONDS (300)")
    connect.set_defaults(handler=cmd_accounts_connect)
    listing = sub.add_parser("list", help="accounts and their state")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_accounts_list)
    disconnect = sub.add_parser("disconnect", help="forget an account and remove its keys")
    disconnect.add_argument("network", choices=["linkedin", "x"])
    disconnect.set_defaults(handler=cmd_accounts_disconnect)


def _add_share_commands(commands: Any) -> None:
    share = commands.add_parser("share", help="share published posts to the team's Slack")
    sub = share.add_subparsers(title="share commands", metavar="ACTION", required=True)
    setup = sub.add_parser("setup", help="keep the Slack webhook address in your keyring (read from stdin)")
    setup.set_defaults(handler=cmd_share_setup)
    test = sub.add_parser("test", help="post a test message to the webhook")
    test.set_defaults(handler=cmd_share_test)
    forget = sub.add_parser("forget", help="remove the webhook address from your keyring")
    forget.set_defaults(handler=cmd_share_forget)


# Argument types: argparse turns their ValueError/ArgumentTypeError into a one-line usage error.


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _days(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 366:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of days from 1 to 366")
    return int(value)


def _seconds(value: str) -> float:
    if not value.isdigit() or not 1 <= int(value) <= 3600:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of seconds from 1 to 3600")
    return float(value)


def _hours(value: str) -> float:
    try:
        hours = float(value)
    except ValueError:
        hours = -1
    if not 0 < hours <= 24 * 14:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of hours from 0 to 336")
    return hours


def _draft_id(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a draft id (a number, see: somedesk drafts list)")
    return int(value)


def _text(value: str) -> str:
    return sys.stdin.read() if value == "-" else value


def _print_json(value: object) -> None:
    import json  # here: the desktop's start-up never needs it

    print(json.dumps(value, ensure_ascii=False, indent=2))


# Commands ------------------------------------------------------------------------------------


def _app(args: argparse.Namespace) -> Any:
    from somedesk.app import build  # the composition root; `--version`/`--help` need none of it

    return build(args.config, verbose=args.verbose)


def cmd_self_test(args: argparse.Namespace) -> int:
    from somedesk.selftest import run_self_test  # imports Qt only now, and only through somedesk.gui

    return run_self_test(args.config)


def cmd_init(args: argparse.Namespace) -> int:
    from somedesk.configfile import write_starter_config
    from somedesk.paths import resolve_paths
    from somedesk.systemzone import system_zone

    path = resolve_paths(args.config).config_file
    if write_starter_config(path, system_zone().key):
        print(f"Wrote {path}. Edit it to describe your week, then try: somedesk moments")
    else:
        print(f"{path} already exists; left it unchanged.")
    return 0


def cmd_moments(args: argparse.Namespace) -> int:
    from somedesk import output

    app = _app(args)
    first = args.first or app.today()
    result = app.moments_for_days(first, args.days, args.calendar)
    zone = app.config.routine.zone
    if args.json:
        _print_json([output.moment_json(m, zone) for m in result.moments])
    else:
        print(output.moments_table(result.moments, zone, first, args.days))
    return _report_calendar_trouble(result)


def _report_calendar_trouble(result: Any) -> int:
    for line in result.stale:
        print(f"somedesk: warning: {line}", file=sys.stderr)
    for line in result.problems:
        print(f"somedesk: {line}", file=sys.stderr)
    # The moments above were computed without the broken calendar, so they may be wrong: say so.
    return 1 if result.problems else 0


def cmd_desktop(args: argparse.Namespace) -> int:
    """No command: the desktop app; without any display, the text overview instead."""
    import os

    has_display = any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY")) or (
        os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal")
    )
    if not has_display:
        if args.show:
            raise UserError("no display to show a window on (is DISPLAY or WAYLAND_DISPLAY set?)")
        return cmd_overview(args)
    from somedesk.paths import resolve_paths
    from somedesk.scheduling.instance import AlreadyRunningError, Instance, send

    instance = Instance(resolve_paths(args.config).data_dir)
    try:
        instance.acquire()
    except AlreadyRunningError:
        # Hand over to the running one, which brings its window up: no Qt and no store needed here.
        if send(instance.data_dir, f"show:{args.show or 'planner'}") is None:
            raise
        print("somedesk is already running; brought its window up.")
        return 0
    try:
        # Everything that needs no Qt is imported (and built) before Qt is: PySide6 hooks `import` and
        # reads the source of each module imported after it, looking for `from __feature__`. The ~60
        # modules of the services cost the start ~12 ms more when they come after it.
        app = _app(args)
        from somedesk.gui.app import run_gui

        return run_gui(app, instance, args.show, exit_when_ready=args.exit_when_ready)
    finally:
        instance.release()


def cmd_overview(args: argparse.Namespace) -> int:
    from somedesk import output

    app = _app(args)
    zone = app.config.routine.zone
    today = app.today()
    result = app.moments_for_days(today, 2)
    now = app.clock()
    upcoming = [m for m in result.moments if m.end > now]
    print(output.moments_table(upcoming, zone, today, 2))
    print()
    print("Queue")
    print(output.queue_table(app.queue(), zone))
    return _report_calendar_trouble(result)


def cmd_drafts_add(args: argparse.Namespace) -> int:
    app = _app(args)
    draft = app.add_draft(_text(args.text), [Network(n) for n in args.network], args.image)
    if args.json:
        _print_json({"id": draft.id})
    else:
        networks = ", ".join(n.display_name for n in draft.networks) or "no network yet"
        print(f"Added draft {draft.id} ({networks}).")
    return 0


def cmd_drafts_list(args: argparse.Namespace) -> int:
    from somedesk import output

    app = _app(args)
    zone = app.config.routine.zone
    drafts = app.drafts()
    if args.json:
        _print_json([output.draft_json(d, zone) for d in drafts])
    else:
        print(output.drafts_table(drafts, zone))
    return 0


def cmd_drafts_show(args: argparse.Namespace) -> int:
    from somedesk import output

    app = _app(args)
    zone = app.config.routine.zone
    draft = app.draft(args.id)
    if args.json:
        _print_json(output.draft_json(draft, zone))
    else:
        print(output.draft_details(draft, zone))
    return 0


def cmd_drafts_edit(args: argparse.Namespace) -> int:
    draft = _app(args).edit_draft(args.id, _text(args.text))
    print(f"Updated draft {draft.id}.")
    return 0


def cmd_drafts_delete(args: argparse.Namespace) -> int:
    _app(args).delete_draft(args.id)
    print(f"Deleted draft {args.id}.")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from somedesk import output

    app = _app(args)
    zone = app.config.routine.zone
    network = Network(args.network) if args.network else None
    if args.next:
        items = app.schedule_next(args.id, network, args.mode)
    else:
        items = app.schedule_at(args.id, _parse_at(args.at, zone), network, args.mode)
    _nudge_runtime(app)
    if args.json:
        _print_json([output.publication_json(i.publication, zone) for i in items])
        return 0
    for item in items:
        p = item.publication
        when = f"{p.scheduled_at.astimezone(zone):%a %d %b %H:%M}" if p.scheduled_at else "?"
        print(f"Scheduled draft {p.draft_id} for {p.network.display_name} at {when} ({p.moment_label}).")
    return 0


def _parse_at(value: str, zone: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"{value!r} is not a time; write it as YYYY-MM-DDTHH:MM, e.g. 2026-12-08T11:30"
        ) from None
    if parsed.tzinfo is None:
        return local_instant(parsed.date(), parsed.time(), zone)
    return parsed


def cmd_unschedule(args: argparse.Namespace) -> int:
    network = Network(args.network) if args.network else None
    app = _app(args)
    for p in app.unschedule(args.id, network):
        print(f"Draft {p.draft_id} is no longer scheduled for {p.network.display_name}.")
    _nudge_runtime(app)
    return 0


def _nudge_runtime(app: Any) -> None:
    """Tell a running `somedesk run` (or the app) that the schedule changed; harmless when none runs."""
    from somedesk.scheduling.instance import send

    send(app.paths.data_dir, "reconcile")


def cmd_run(args: argparse.Namespace) -> int:
    from somedesk.scheduling.headless import run_headless

    return run_headless(_app(args))


def cmd_pause(args: argparse.Namespace) -> int:
    from datetime import timedelta

    app = _app(args)
    zone = app.config.routine.zone
    if args.hours:
        until = app.clock() + timedelta(hours=args.hours)
    elif args.until_tomorrow:
        until = app.tomorrow_morning()
    else:
        until = None
    app.pause(until)
    _nudge_runtime(app)
    print(
        f"Publishing paused until {until.astimezone(zone):%a %d %b %H:%M}."
        if until
        else "Publishing paused until you resume it (somedesk resume)."
    )
    return 0


def cmd_resume(args: argparse.Namespace) -> int:
    app = _app(args)
    app.resume()
    _nudge_runtime(app)
    print("Publishing resumed.")
    return 0


def cmd_queue(args: argparse.Namespace) -> int:
    from somedesk import output

    app = _app(args)
    zone = app.config.routine.zone
    items = app.queue()
    if args.json:
        _print_json(output.queue_json(items, zone))
    else:
        print(output.queue_table(items, zone))
    return 0


def _iso_week(value: str) -> date:
    """The Monday of an ISO week written as YYYY-Www (2026-W23)."""
    year, _, week = value.upper().partition("-W")
    try:
        return date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a week; write it as YYYY-Www (2026-W23)"
        ) from None


def cmd_review(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from somedesk.core.review import reminded_ids, review_json, review_text, review_week
    from somedesk.core.week_plan import week_bounds

    app = _app(args)
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
        _print_json(review_json(review, zone))
    else:
        print(review_text(review, zone, {d.id: d.first_line for _, d in items}))
    return _report_calendar_trouble(moments)


def cmd_export(args: argparse.Namespace) -> int:
    from somedesk.icsexport import export_schedule, write_atomic

    data, count = export_schedule(_app(args))
    if args.ics == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    path = Path(args.ics).expanduser()
    write_atomic(path, data)
    print(f"Exported {count} post{'' if count == 1 else 's'} to {path}.")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from somedesk import output

    app = _app(args)
    network = Network(args.network) if args.network else None
    if not args.despite_warnings:
        _refuse_policy_warnings(app, args.id)
    shares: list[Callable[[], None]] = []  # shared after the results are printed, not before
    if not args.no_share:
        app.publisher.share = app.team_share(runner=shares.append, on_result=_share_report(args.json))
    results = app.publisher.publish_draft(args.id, network, share=not args.no_share)
    zone = app.config.routine.zone
    if args.json:
        _print_json([output.publication_json(p, zone) for p in results])
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


def cmd_share_setup(args: argparse.Namespace) -> int:
    import getpass

    from somedesk.networks.credentials import SecretName, Secrets
    from somedesk.networks.slack import check_webhook_url

    app = _app(args)
    if sys.stdin.isatty():
        url = getpass.getpass("Slack incoming webhook address (not shown): ")
    else:
        url = sys.stdin.readline()
    Secrets().set_app(SecretName.SLACK_WEBHOOK, check_webhook_url(url))
    print("Kept the webhook address in your keyring. Try it: somedesk share test")
    if not app.config.share.enabled:
        print("Sharing is off: set [share] enabled = true in your config.toml to share each published post.")
    return 0


def cmd_share_test(args: argparse.Namespace) -> int:
    from somedesk.networks.credentials import SecretName, Secrets
    from somedesk.networks.slack import TEST_MESSAGE, SlackWebhook

    url = Secrets().get_app(SecretName.SLACK_WEBHOOK)
    if not url:
        raise UserError("no Slack webhook is set up yet: somedesk share setup")
    result = SlackWebhook(url).send(TEST_MESSAGE)
    print(result.line, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def cmd_share_forget(args: argparse.Namespace) -> int:
    from somedesk.networks.credentials import SecretName, Secrets

    Secrets().delete_app(SecretName.SLACK_WEBHOOK)
    print("Removed the Slack webhook address from your keyring.")
    return 0


def cmd_accounts_connect(args: argparse.Namespace) -> int:
    import getpass
    import webbrowser

    from somedesk.accounts import SignInUi

    def ask_secret(prompt: str) -> str:
        # Hidden when typed; one line from standard input when piped (scripts, tests).
        return getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline().strip()

    def show_url(url: str) -> None:
        print("Sign in with your browser. If it does not open, copy this address into it:", flush=True)
        print(url, flush=True)

    ui = SignInUi(ask_secret, (lambda _url: None) if args.no_browser else webbrowser.open, show_url)
    app = _app(args)
    account = app.accounts.connect(Network(args.network), ui, timeout=args.timeout)
    print(f"Connected {account.network.display_name} as {account.handle}.")
    _nudge_runtime(app)  # posts that waited for this account can go now
    return 0


def cmd_launcher_add(args: argparse.Namespace) -> int:
    from somedesk import launcher

    path = launcher.install()
    print(f"Added somedesk to your applications menu ({path}).")
    return 0


def cmd_launcher_remove(args: argparse.Namespace) -> int:
    from somedesk import launcher

    existed = launcher.launcher_file().is_file()
    launcher.remove()
    print(
        "Removed somedesk from your applications menu."
        if existed
        else "somedesk was not in your applications menu."
    )
    return 0


def cmd_accounts_list(args: argparse.Namespace) -> int:
    from somedesk import output

    app = _app(args)
    zone = app.config.routine.zone
    statuses = app.accounts.statuses()
    if args.json:
        _print_json([output.account_json(s, zone) for s in statuses])
    else:
        print(output.accounts_table(statuses, zone))
    return 0


def cmd_accounts_disconnect(args: argparse.Namespace) -> int:
    network = Network(args.network)
    existed = _app(args).accounts.disconnect(network)
    print(
        f"Disconnected {network.display_name}." if existed else f"{network.display_name} was not connected."
    )
    return 0


def _refuse_policy_warnings(app: Any, draft_id: int) -> None:
    """ "Post now" asks once on a `warn` finding: here, by refusing without --despite-warnings.
    A `block` finding is the publisher's to act on (the publication fails with the rule's message)."""
    from somedesk.core.policy import check
    from somedesk.policyfile import load_for_config

    load = load_for_config(app.config, app.paths.cache)
    _report_policy_warning(load.warning)
    findings = check(app.draft(draft_id).text, load.policy)
    if findings and not any(f.blocks for f in findings):
        raise InvalidInputError(
            f"draft {draft_id}: the policy warns about {_listed(findings)}; "
            "publish anyway with --despite-warnings"
        )


def _listed(findings: Sequence[Any]) -> str:
    """“a”, “b” — why; “c” — why: the findings grouped by their message, on one line."""
    texts: dict[str, list[str]] = {}
    for finding in findings:
        shown = texts.setdefault(finding.message, [])
        quoted = f"“{' '.join(finding.text.split())}”"
        if quoted not in shown:
            shown.append(quoted)
    return "; ".join(f"{', '.join(shown)} — {message}" for message, shown in texts.items())


def _report_policy_warning(warning: str | None) -> None:
    if warning:
        print(f"somedesk: warning: {warning}", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from somedesk import output
    from somedesk.configfile import load_config
    from somedesk.core.policy import check, position
    from somedesk.core.text import measure, validate_text
    from somedesk.paths import resolve_paths
    from somedesk.policyfile import load_for_config
    from somedesk.systemzone import system_zone

    text = _text(args.text)
    validate_text(text)
    networks = [Network(n) for n in args.network] if args.network else [Network.LINKEDIN, Network.X]
    reports = [measure(text, n) for n in networks]
    paths = resolve_paths(args.config)
    config = load_config(paths.config_file, system_zone(), required=args.config is not None)
    load = load_for_config(config, paths.cache)
    _report_policy_warning(load.warning)
    findings = check(text, load.policy)
    spelling = _spell_report(text, config, paths, args.lang)
    if args.json:
        lengths = [
            {"network": r.network.value, "length": r.length, "limit": r.limit, "parts": r.parts, "ok": r.ok}
            for r in reports
        ]
        flagged = [
            {
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "severity": f.severity,
                "message": f.message,
                "rule": f.rule,
                "line": position(text, f.start)[0],
                "column": position(text, f.start)[1],
            }
            for f in findings
        ]
        spelled = spelling.as_json() if spelling is not None else None
        _print_json({"lengths": lengths, "findings": flagged, "spelling": spelled})
    else:
        for report in reports:
            print(output.length_line(report))
        for f in findings:
            line, column = position(text, f.start)
            print(f"{f.severity}: “{' '.join(f.text.split())}” (line {line}, column {column}) — {f.message}")
        for spelling_line in spelling.lines() if spelling is not None else []:
            print(spelling_line)
    # Spelling is advice: it never changes the exit code.
    return 0 if all(r.ok for r in reports) and not any(f.blocks for f in findings) else 1


def _spell_report(text: str, config: Any, paths: Any, language: str | None) -> Any:
    """The spelling advice for `check`; None when it is switched off and no --lang asks for it."""
    from somedesk.spelling import Speller, spell_report

    if not config.spelling.enabled and language is None:
        return None
    return spell_report(text, Speller(paths.data_dir), language, config.ui.language)
