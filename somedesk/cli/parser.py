"""The command line's parser: the global options, then each command group's own commands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from somedesk import __version__


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage error stays one line: it quotes what it refuses, which may hold
    a newline (the rest would read as a line of its own)."""

    def error(self, message: str) -> NoReturn:
        super().error(message.replace("\r", "\\r").replace("\n", "\\n"))


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    # Without the commands, a command's own option of the same name (`join --show`) must not end the
    # run as a usage error: main.parse_arguments then builds the whole parser instead.
    parser = Parser(
        prog="somedesk", description="Post in the micro-moments of your week.", exit_on_error=with_commands
    )
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
    parser.add_argument("--open-link", metavar="LINK", help=argparse.SUPPRESS)  # a somedesk:// link
    if not with_commands:
        return parser
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    # Each group's module is imported only here: the desktop's start needs none of them.
    from somedesk.cli import accounts, check, desktop, drafts, ideas, join, moments, phone, plan, schedule

    for group in (moments, desktop, drafts, schedule, plan, accounts, ideas, join, check, phone):
        group.add_commands(commands)
    return parser
