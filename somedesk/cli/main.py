"""The command line: a thin face over the services. It never imports Qt, so it stays fast and headless.

`main` parses the arguments (`cli/parser.py`), runs the command's handler from its group's module, and
turns every error into one line and an exit code.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence

from somedesk.cli.common import Handler
from somedesk.cli.desktop import cmd_desktop, cmd_self_test
from somedesk.cli.parser import build_parser
from somedesk.core.errors import UserError

log = logging.getLogger("somedesk.cli")


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
    if len(argv) == 1 and argv[0].lower().startswith("somedesk:"):
        # A somedesk:// link, from the launcher entry's URL handler: the desktop app opens it.
        argv = ["--open-link", argv[0]]
    if not {"-h", "--help"} & set(argv):
        try:
            args, rest = build_parser(with_commands=False).parse_known_args(argv)
        except argparse.ArgumentError:  # e.g. `join --show`: a command's option, not the global one
            rest = argv
        if not rest:
            return args
    return build_parser().parse_args(argv)
