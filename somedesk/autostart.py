"""Start somedesk when the person logs in.

On Linux (and other freedesktop systems) this is a desktop entry in `$XDG_CONFIG_HOME/autostart`
(~/.config/autostart when unset), which GNOME, KDE and the others start at login. Other systems are
not supported yet: enabling says so instead of doing nothing.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from somedesk.core.errors import UserError

APP_ID = "io.github.somedesk.Somedesk"
FILE_NAME = f"{APP_ID}.desktop"
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")  # an Exec argument with one of these must be quoted


class AutostartUnsupportedError(UserError):
    """Starting at login is not done for this system (yet)."""


def supported(platform: str | None = None) -> bool:
    return (platform or sys.platform).startswith(("linux", "freebsd", "openbsd", "netbsd"))


def _require_support() -> None:
    if not supported():
        raise AutostartUnsupportedError(
            "Starting somedesk when you log in is not supported yet on this system."
        )


def autostart_file(env: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if env is None else env
    config = environ.get("XDG_CONFIG_HOME") or ""
    # The spec: a relative (or empty) XDG_CONFIG_HOME is invalid and ignored.
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "autostart" / FILE_NAME


def command(env: Mapping[str, str] | None = None) -> list[str]:
    """What starts this somedesk at login, from outside any sandbox.

    Inside a Flatpak, the host starts it with `flatpak run` (the sandbox's Python is not the host's);
    a PyInstaller bundle is its own program; otherwise this Python with `-m somedesk`, else the
    `somedesk` script on PATH.
    """
    flatpak_id = (os.environ if env is None else env).get("FLATPAK_ID")
    if flatpak_id:
        return ["flatpak", "run", flatpak_id]
    if getattr(sys, "frozen", False):
        return [sys.executable]
    if sys.executable:
        return [sys.executable, "-m", "somedesk"]
    script = shutil.which("somedesk")
    if script is None:
        raise UserError("Cannot tell how somedesk was started, so it cannot be started at login.")
    return [script]


def _exec_argument(argument: str) -> str:
    """One argument quoted as the Desktop Entry spec asks (then escaped as a string value)."""
    if argument and not _RESERVED.intersection(argument):
        quoted = argument
    else:
        quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in argument) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def exec_line(arguments: Sequence[str]) -> str:
    return " ".join(_exec_argument(a) for a in arguments)


def desktop_entry(arguments: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    environ = os.environ if env is None else env
    home = environ.get("SOMEDESK_HOME")
    if home:
        # An isolated instance starts on its own data folder.
        arguments = ["env", f"SOMEDESK_HOME={home}", *arguments]
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=somedesk",
            "Comment=Post in the micro-moments of your week",
            f"Exec={exec_line(arguments)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def is_enabled() -> bool:
    if not supported():
        return False
    return autostart_file().is_file()


def enable() -> Path:
    """Write the autostart entry (again, with the current command); returns its path."""
    _require_support()
    path = autostart_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(desktop_entry(command()), encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        raise UserError(f"Could not write {path}: {error.strerror or error}") from error
    return path


def disable() -> None:
    _require_support()
    path = autostart_file()
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise UserError(f"Could not remove {path}: {error.strerror or error}") from error


def set_enabled(on: bool) -> None:
    if on:
        enable()
    else:
        disable()
