"""Start somedesk when the person logs in.

On Linux (and other freedesktop systems) this is a desktop entry in `$XDG_CONFIG_HOME/autostart`
(~/.config/autostart when unset), which GNOME, KDE and the others start at login. Other systems are
not supported yet: enabling says so instead of doing nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from somedesk import APP_ID
from somedesk.core.errors import UserError
from somedesk.desktop.launcher import (
    FILE_NAME,
    command,
    exec_line,
    freedesktop,
    remove_file,
    with_home,
    write_file,
    xdg_home,
)


class AutostartUnsupportedError(UserError):
    """Starting at login is not done for this system (yet)."""


def supported(platform: str | None = None) -> bool:
    return freedesktop(platform)


def _require_support() -> None:
    if not supported():
        raise AutostartUnsupportedError(
            "Starting somedesk when you log in is not supported yet on this system."
        )


def autostart_file(env: Mapping[str, str] | None = None) -> Path:
    return xdg_home("XDG_CONFIG_HOME", ".config", env) / "autostart" / FILE_NAME


def desktop_entry(arguments: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=somedesk",
            "Comment=Post in the micro-moments of your week",
            f"Exec={exec_line(with_home(arguments, env))}",
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
    write_file(path, desktop_entry(command()).encode())
    return path


def disable() -> None:
    _require_support()
    remove_file(autostart_file())
