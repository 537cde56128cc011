"""What the command groups share: the composition root, argument types, printing, the runtime nudge.

Every `cli/` module may import this one; none of them imports another group's module.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from somedesk.core.changes import Change
from somedesk.core.model import Network

NETWORK_CHOICES = [n.value for n in Network]
Handler = Callable[[argparse.Namespace], int]


# Argument types: argparse turns their ValueError/ArgumentTypeError into a one-line usage error.

# Dates and times are kept this far from the ends of Python's calendar (years 1 and 9999): a week, a
# horizon or a zone's offset added to either end overflows, and no post is planned outside them.
EARLIEST = date(1971, 1, 1)
LATEST = date(9000, 12, 31)
RANGE = f"give one from {EARLIEST.year} to {LATEST.year}"
# Ids are SQLite integers (at most 2**63 - 1); a longer number can name nothing, so it is refused
# here rather than overflowing in the store. ASCII digits only: str.isdigit() also accepts "²".
_MAX_ID_DIGITS = 18


def date_arg(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None
    return in_range(day, value, argparse.ArgumentTypeError)


def in_range(day: date, value: str, error: type[Exception]) -> date:
    if not EARLIEST <= day <= LATEST:
        raise error(f"{value!r} is too far from today; {RANGE}")
    return day


def id_arg(value: str, what: str, listing: str) -> int:
    """A positive id written in ASCII digits, small enough to be a database id."""
    if not (value.isascii() and value.isdigit() and len(value) <= _MAX_ID_DIGITS):
        raise argparse.ArgumentTypeError(f"{value!r} is not {what} (a number, see: {listing})")
    return int(value)


def days_arg(value: str) -> int:
    if not (value.isascii() and value.isdigit() and len(value) < 4 and 1 <= int(value) <= 366):
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of days from 1 to 366")
    return int(value)


def seconds_arg(value: str) -> float:
    if not (value.isascii() and value.isdigit() and len(value) < 5 and 1 <= int(value) <= 3600):
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of seconds from 1 to 3600")
    return float(value)


def hours_arg(value: str) -> float:
    try:
        hours = float(value)
    except ValueError:
        hours = -1
    if not 0 < hours <= 24 * 14:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of hours from 0 to 336")
    return hours


def draft_id_arg(value: str) -> int:
    return id_arg(value, "a draft id", "somedesk drafts list")


def iso_week_arg(value: str) -> date:
    """The Monday of an ISO week written as YYYY-Www (2026-W23)."""
    year, _, week = value.upper().partition("-W")
    try:
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a week; write it as YYYY-Www (2026-W23)"
        ) from None
    return in_range(monday, value, argparse.ArgumentTypeError)


def read_text(value: str) -> str:
    """The text argument, or standard input for "-", as UTF-8 text (the only encoding a post has)."""
    if value != "-":
        return value  # the parser refused arguments that are not UTF-8 (cli/main.py)
    return _decoded(_limited(sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)))


def read_line() -> str:
    """One line of standard input (a piped secret or address), as UTF-8 text without its line end."""
    return _decoded(_limited(sys.stdin.buffer.readline(MAX_STDIN_BYTES + 1))).rstrip("\r\n")


# Standard input may be /dev/zero or a runaway pipe: no post, secret or address is near 1 MB.
MAX_STDIN_BYTES = 1_000_000


def _limited(data: bytes) -> bytes:
    if len(data) > MAX_STDIN_BYTES:
        from somedesk.core.errors import InvalidInputError

        raise InvalidInputError("standard input is longer than any post (over 1 MB)")
    return data


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from somedesk.core.errors import InvalidInputError

        raise InvalidInputError(
            f"standard input is not UTF-8 text (byte {exc.start + 1} cannot be read); save it as UTF-8"
        ) from None


def print_json(value: object) -> None:
    import json  # here: the desktop's start-up never needs it
    import re

    # JSON escapes the C0 controls itself; DEL and the C1 ones (U+009B is CSI on some terminals) it
    # leaves raw, and they can only be inside strings, where \u escapes keep the JSON what it was.
    text = re.sub(
        "[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, indent=2)
    )
    print(text)


def app_for(args: argparse.Namespace) -> Any:
    from somedesk.app.build import build  # the composition root; `--version`/`--help` need none of it

    app = build(args.config, verbose=args.verbose)
    args.built_app = app  # main() tells a running somedesk what the command changed
    return app


PHONE_WAIT = 1.0  # seconds a command waits for the phone's background sync before saying "later"


def nudge_runtime(app: Any, *, phone: bool = True) -> None:
    """Tell a running somedesk (the app or `somedesk run`) what this process changed so far, so its
    schedule and its windows follow at once; nothing is sent when nothing changed or none runs.
    `phone`: also bring the phone's reminders up to date (not from `phone …` itself, which syncs
    on its own: a sync that started another sync for its own writes would never end)."""
    changes = app.take_changes()
    if changes:
        from somedesk.desktop.instance import send

        answered = send(app.paths.data_dir, f"changed:{changes.names()}")
        if phone and changes & (Change.DRAFTS | Change.PUBLICATIONS):  # its messages carry both
            update_phone(app, runtime_answered=answered is not None)


def update_phone(app: Any, *, runtime_answered: bool) -> None:
    """The phone follows every schedule change (issue 15). A running runtime syncs it on its own thread;
    otherwise a detached `somedesk phone sync` does, and this command waits at most PHONE_WAIT for it.
    Either way the change itself is already saved: a server that is down only delays the phone."""
    from somedesk.app.phone import LATER
    from somedesk.store.phone import ENABLED, LAST_ERROR

    if app.store.setting(ENABLED) != "1":
        return
    if runtime_answered:
        if app.store.setting(LAST_ERROR):
            print(f"somedesk: {LATER}", file=sys.stderr)
        return
    import subprocess

    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "somedesk"]
    config = ["--config", str(app.paths.config_file)] if app.paths.config_file.exists() else []
    try:
        child = subprocess.Popen(
            [*program, *config, "phone", "sync", "--quiet"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # it finishes its sync even when this terminal closes
        )
        code: int | None = child.wait(PHONE_WAIT)
    except subprocess.TimeoutExpired:
        code = None
    except OSError:
        code = None
    if code != 0:
        print(f"somedesk: {LATER}", file=sys.stderr)


def report_calendar_trouble(result: Any) -> int:
    for line in result.stale:
        print(f"somedesk: warning: {line}", file=sys.stderr)
    for line in result.problems:
        print(f"somedesk: {line}", file=sys.stderr)
    # The moments above were computed without the broken calendar, so they may be wrong: say so.
    return 1 if result.problems else 0


def report_policy_warning(warning: str | None) -> None:
    if warning:
        print(f"somedesk: warning: {warning}", file=sys.stderr)
