"""Start somedesk when the person logs in.

On Linux (and other freedesktop systems) this is a desktop entry in `$XDG_CONFIG_HOME/autostart`
(~/.config/autostart when unset), which GNOME, KDE and the others start at login. Other systems are
not supported yet: enabling says so instead of doing nothing.

Inside a Flatpak that folder is the sandbox's own, which no desktop reads: the XDG Background portal
is asked instead (desktop/portal.py), and the entry in the sandbox stays only as the record of what
was asked, for `is_enabled` (the host's folder cannot be seen from inside).
"""

from __future__ import annotations

import os
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


def in_flatpak(env: Mapping[str, str] | None = None, info: Path = Path("/.flatpak-info")) -> bool:
    return bool((os.environ if env is None else env).get("FLATPAK_ID")) or info.exists()


def portal_commandline(env: Mapping[str, str] | None = None) -> list[str]:
    """What the portal runs inside the sandbox at login: the Flatpak's own `somedesk`."""
    return with_home(["somedesk"], env)


def enable() -> Path:
    """Write the autostart entry (again, with the current command); returns its path. In a Flatpak,
    ask the Background portal first (a PortalError when it cannot or will not)."""
    _require_support()
    if in_flatpak():
        from somedesk.desktop.portal import request_background

        request_background(True, portal_commandline())
    path = autostart_file()
    write_file(path, desktop_entry(command()).encode())
    return path


def disable() -> None:
    _require_support()
    if in_flatpak():
        from somedesk.desktop.portal import request_background

        request_background(False, portal_commandline())
    remove_file(autostart_file())
