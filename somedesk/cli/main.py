"""The command line: a thin face over the services. It never imports Qt, so it stays fast and headless.

`main` parses the arguments (`cli/parser.py`), runs the command's handler from its group's module, and
turns every error into one line and an exit code.
"""

from __future__ import annotations

import argparse
import errno
import gc
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO, cast

from somedesk.cli.common import Handler, nudge_runtime
from somedesk.cli.desktop import cmd_desktop, cmd_run, cmd_self_test
from somedesk.cli.parser import build_parser
from somedesk.cli.terminal import EscapingStream
from somedesk.core.errors import UserError

log = logging.getLogger("somedesk.cli")
_SURROGATES = re.compile("[\ud800-\udfff]")


def main(argv: Sequence[str] | None = None) -> int:
    # Everything printed shows control characters as escapes (cli/terminal.py), argparse's usage
    # errors too: they quote the argument they refuse.
    streams = sys.stdout, sys.stderr
    if sys.stdout is not None:  # None in a windowed bundle (no console at all)
        sys.stdout = cast(TextIO, EscapingStream(sys.stdout))
    if sys.stderr is not None:
        sys.stderr = cast(TextIO, EscapingStream(sys.stderr))
    try:
        args = parse_arguments(list(sys.argv[1:] if argv is None else argv))
        handler: Handler = getattr(args, "handler", cmd_desktop)
        if args.self_test:
            handler = cmd_self_test
        if handler is not cmd_desktop:
            # Held off while the modules loaded (somedesk.entry). The desktop keeps it off until its
            # tray is up (gui/app.py); its overview without a display and its hand-over are over at once.
            gc.enable()
        return run(handler, args)
    finally:
        sys.stdout, sys.stderr = streams


def run(handler: Handler, args: argparse.Namespace) -> int:
    """The command's exit code, with every error turned into one line on stderr."""
    try:
        return handler(args)
    except UserError as exc:
        # One line per line the message means (the policy gate: one per finding); a carriage return a
        # quoted text carried never moves the cursor back over it.
        for line in str(exc).replace(chr(13), "").splitlines() or [""]:
            print(f"somedesk: {line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("somedesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno is not None:
            # The machine, not somedesk: a full disk, a read-only or missing folder. (An OSError
            # without an errno is a library's, e.g. requests', whose text may hold an address.)
            print(f"somedesk: {_described(exc)}", file=sys.stderr)
            return 1
        # A bug: log the details, show one line, never a traceback.
        print(f"somedesk: unexpected error ({type(exc).__name__}); {_logged(exc, args)}", file=sys.stderr)
        return 70
    finally:
        _tell_running(args, handler)


def _tell_running(args: argparse.Namespace, handler: Handler) -> None:
    """A command changed the store or the config (even one that failed half-way): the running
    somedesk reloads what it shows. The desktop app and `run` are the running one themselves."""
    app = getattr(args, "built_app", None)
    if app is None or handler in (cmd_desktop, cmd_run):
        return
    try:
        nudge_runtime(app, phone=not getattr(args, "phone_syncs_itself", False))
    except Exception:  # telling is a courtesy: it never changes a command's outcome
        log.debug("could not tell the running somedesk", exc_info=True)


def _described(error: OSError) -> str:
    """An OSError as one line: what failed and where (`[Errno 28] …` and a traceback say neither)."""
    where = Path(os.fsdecode(error.filename)) if error.filename is not None else None
    if error.errno in (errno.ENOSPC, errno.EDQUOT):  # the folder says where; a temporary file would not
        folder = f" in {where.parent}" if where is not None else ""
        return f"nothing was saved{folder}: the disk is full; free some space and try again"
    if where is None:
        return str(error.strerror or error)
    if error.errno in (errno.EEXIST, errno.ENOTDIR) and where.exists() and not where.is_dir():
        return f"{where} is a file, where a folder is needed"
    return f"{error.strerror or error}: {where}"


def _logged(error: Exception, args: argparse.Namespace) -> str:
    """Log `error`'s details and say where, or that no log could be written, and why.

    A command fails before it has a log when the failure comes first (or it needs none, as `check`);
    one is made now. Logging fails quietly (app/build.py): a traceback on the screen is worse."""
    from somedesk.app.build import file_log, setup_logging
    from somedesk.sources.paths import resolve_paths

    handler = file_log()
    if handler is None:
        try:
            paths = resolve_paths(args.config)
            paths.ensure()
            setup_logging(paths, getattr(args, "verbose", False))
        except (OSError, ValueError) as exc:
            logging.getLogger("somedesk").addHandler(logging.NullHandler())  # never logging's stderr
            return f"no log could be written ({_described(exc) if isinstance(exc, OSError) else exc})"
        handler = file_log()
    assert handler is not None
    handler.failure = None
    log.error("unexpected error", exc_info=error)
    if handler.failure is not None:
        return f"no log could be written ({handler.failure})"
    return f"details are in the log ({handler.path})"


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Starting the desktop app (no command) is the common case, and its start-up is measured:
    building the parsers of every command costs it ~8 ms, so the global options alone go first."""
    if len(argv) == 1 and argv[0].lower().startswith("somedesk:"):
        # A somedesk:// link, from the launcher entry's URL handler: the desktop app opens it.
        argv = ["--open-link", argv[0]]
    if not {"-h", "--help"} & set(argv):
        parser = build_parser(with_commands=False)
        try:
            args, rest = parser.parse_known_args(argv)
        except argparse.ArgumentError:  # e.g. `join --show`: a command's option, not the global one
            rest = argv
        if not rest:
            return _utf8_only(parser, args)
    parser = build_parser()
    return _utf8_only(parser, parser.parse_args(argv))


def _utf8_only(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    """Refuse text arguments that are not UTF-8 (Python keeps their bytes as lone surrogates, which
    no post, database or terminal can take). Paths (`--config`, `--image`) may be any bytes."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and _SURROGATES.search(v) for v in values):
            parser.exit(2, f"somedesk: the {name} given is not UTF-8 text; write it in UTF-8\n")
    return args
