"""Starting somedesk: the desktop app (no command), the overview without a display (`today`), `run`
without a window, `init`, the self-test and `launcher add|remove`."""

from __future__ import annotations

import argparse
from typing import Any

from somedesk.cli.common import app_for, report_calendar_trouble
from somedesk.core.errors import UserError


def add_commands(commands: Any) -> None:
    today = commands.add_parser("today", help="today's and tomorrow's moments, and the queue")
    today.set_defaults(handler=cmd_overview)

    init = commands.add_parser("init", help="write a commented config.toml with the defaults")
    init.set_defaults(handler=cmd_init)

    run = commands.add_parser("run", help="publish and remind on time, without a window")
    run.set_defaults(handler=cmd_run)

    menu = commands.add_parser(
        "launcher", help="add somedesk to your desktop's applications menu, or remove it"
    )
    menu_sub = menu.add_subparsers(title="launcher commands", metavar="ACTION", required=True)
    menu_sub.add_parser("add", help="add the entry and icon (for you alone)").set_defaults(
        handler=cmd_launcher_add
    )
    menu_sub.add_parser("remove", help="remove them again").set_defaults(handler=cmd_launcher_remove)


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
    from somedesk.desktop.instance import AlreadyRunningError, Instance, send
    from somedesk.sources.paths import resolve_paths

    join = None
    if args.open_link:
        from somedesk.core.teamfile import team_link_source

        join = team_link_source(args.open_link)  # the app asks before it joins
    instance = Instance(resolve_paths(args.config).data_dir)
    try:
        instance.acquire()
    except AlreadyRunningError:
        # Hand over to the running one, which brings its window up: no Qt and no store needed here.
        message = f"join:{join}" if join else f"show:{args.show or 'planner'}"
        if send(instance.data_dir, message) is None:
            raise
        print("somedesk is already running; brought its window up.")
        return 0
    from somedesk.desktop.crashlog import CrashLog

    # Only now, holding the lock: a start that hands over must not take the running app's file.
    crash_log = CrashLog(resolve_paths(args.config).logs)
    try:
        earlier = crash_log.start()
        # Everything that needs no Qt is imported (and built) before Qt is: PySide6 hooks `import` and
        # reads the source of each module imported after it, looking for `from __feature__`. The ~60
        # modules of the services cost the start ~12 ms more when they come after it.
        app = app_for(args)
        from somedesk.gui.app import run_gui

        return run_gui(
            app, instance, args.show, exit_when_ready=args.exit_when_ready, crash_report=earlier, join=join
        )
    finally:
        crash_log.stop()
        instance.release()


def cmd_run(args: argparse.Namespace) -> int:
    from somedesk.runtime.headless import run_headless

    return run_headless(app_for(args))


def cmd_init(args: argparse.Namespace) -> int:
    from somedesk.sources.configfile import write_starter_config
    from somedesk.sources.paths import resolve_paths
    from somedesk.sources.systemzone import system_zone

    path = resolve_paths(args.config).config_file
    if write_starter_config(path, system_zone().key):
        print(f"Wrote {path}. Edit it to describe your week, then try: somedesk moments")
    else:
        print(f"{path} already exists; left it unchanged.")
    return 0


def cmd_self_test(args: argparse.Namespace) -> int:
    from somedesk.cli.selftest import run_self_test  # imports Qt only now, and only through somedesk.gui

    return run_self_test(args.config)


def cmd_launcher_add(args: argparse.Namespace) -> int:
    from somedesk.desktop import launcher

    path = launcher.install()
    print(f"Added somedesk to your applications menu ({path}).")
    return 0


def cmd_launcher_remove(args: argparse.Namespace) -> int:
    from somedesk.desktop import launcher

    existed = launcher.launcher_file().is_file()
    launcher.remove()
    print(
        "Removed somedesk from your applications menu."
        if existed
        else "somedesk was not in your applications menu."
    )
    return 0


def cmd_overview(args: argparse.Namespace) -> int:
    from somedesk.cli import output

    app = app_for(args)
    zone = app.config.routine.zone
    today = app.today()
    result = app.moments_for_days(today, 2)
    now = app.clock()
    upcoming = [m for m in result.moments if m.end > now]
    print(output.moments_table(upcoming, zone, today, 2))
    print()
    print("Queue")
    print(output.queue_table(app.queue(), zone))
    return report_calendar_trouble(result)
