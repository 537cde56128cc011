"""somedesk in the desktop's applications menu: its launcher entry and icon, for the person alone.

A Flatpak and a distribution package install both themselves; a PyInstaller bundle or a pip
install has no place to put them, so `somedesk launcher add` (or the Settings page) writes them
under $XDG_DATA_HOME (~/.local/share when unset): `applications/APP_ID.desktop`, whose Exec is
this very somedesk, and the icon as `icons/hicolor/scalable/apps/APP_ID.svg`. The entry is the one
packaging/linux ships (a test keeps the two the same), with the packaged `somedesk` command.

Entries also serve autostart.py, which writes the login entry: the quoting of Exec lines is here.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from somedesk import APP_ID
from somedesk.core.errors import UserError

FILE_NAME = f"{APP_ID}.desktop"
ICON_NAME = f"{APP_ID}.svg"
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")  # an Exec argument with one of these must be quoted
# The app icon's one source, shipped in the package beside the GUI (gui/icons.py draws it too).
ICON_SOURCE = Path(__file__).parent.parent / "gui" / "resources" / "somedesk.svg"


class LauncherUnsupportedError(UserError):
    """Adding a launcher entry is not done for this system, or not needed there."""


def freedesktop(platform: str | None = None) -> bool:
    """A system whose desktops follow the freedesktop.org entry, autostart and icon specs."""
    return (platform or sys.platform).startswith(("linux", "freebsd", "openbsd", "netbsd"))


def supported(env: Mapping[str, str] | None = None) -> bool:
    """Whether somedesk adds its own launcher here: not inside a Flatpak, which has its own."""
    return freedesktop() and not (os.environ if env is None else env).get("FLATPAK_ID")


def command(env: Mapping[str, str] | None = None) -> list[str]:
    """What starts this somedesk from the desktop, outside any sandbox.

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
        raise UserError("Cannot tell how somedesk was started, so no entry can start it.")
    return [script]


def with_home(arguments: Sequence[str], env: Mapping[str, str] | None = None) -> list[str]:
    """`arguments`, started on this instance's own data folder when SOMEDESK_HOME isolates it."""
    home = (os.environ if env is None else env).get("SOMEDESK_HOME")
    return ["env", f"SOMEDESK_HOME={home}", *arguments] if home else list(arguments)


def _exec_argument(argument: str) -> str:
    """One argument quoted as the Desktop Entry spec asks (then escaped as a string value)."""
    if argument and not _RESERVED.intersection(argument):
        quoted = argument
    else:
        quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in argument) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def exec_line(arguments: Sequence[str]) -> str:
    return " ".join(_exec_argument(a) for a in arguments)


def launcher_entry(arguments: Sequence[str]) -> str:
    """The applications-menu entry that starts `arguments`, with Quick post and Planner actions."""
    start = exec_line(arguments)
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=somedesk",
            "GenericName=Social Media Planner",
            "GenericName[fi]=Somejulkaisujen suunnittelija",
            "Comment=Post on LinkedIn and X in the micro-moments of your working week",
            "Comment[fi]=Julkaise LinkedInissä ja X:ssä työviikkosi pienissä väleissä",
            f"Exec={start} %u",  # %u: a somedesk://join link (the team file), or nothing
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Network;",
            "Keywords=LinkedIn;X;Twitter;social media;post;schedule;planner;calendar;",
            "Keywords[fi]=LinkedIn;X;Twitter;some;sosiaalinen media;julkaisu;ajastus;suunnittelu;kalenteri;",
            "StartupNotify=true",
            "StartupWMClass=Somedesk",
            "Actions=quick-post;planner;",
            "MimeType=x-scheme-handler/somedesk;",
            "",
            "[Desktop Action quick-post]",
            "Name=Quick post",
            "Name[fi]=Pikajulkaisu",
            f"Exec={start} --show quick-post",
            "",
            "[Desktop Action planner]",
            "Name=Planner",
            "Name[fi]=Suunnittelu",
            f"Exec={start} --show planner",
            "",
        ]
    )


def xdg_home(variable: str, fallback: str, env: Mapping[str, str] | None = None) -> Path:
    """An XDG base folder (XDG_DATA_HOME, XDG_CONFIG_HOME), else `fallback` under the home folder."""
    value = (os.environ if env is None else env).get(variable) or ""
    # The spec: a relative (or empty) value is invalid and ignored.
    return Path(value) if value and Path(value).is_absolute() else Path.home() / fallback


def data_home(env: Mapping[str, str] | None = None) -> Path:
    return xdg_home("XDG_DATA_HOME", ".local/share", env)


def launcher_file(env: Mapping[str, str] | None = None) -> Path:
    return data_home(env) / "applications" / FILE_NAME


def icon_file(env: Mapping[str, str] | None = None) -> Path:
    return data_home(env) / "icons" / "hicolor" / "scalable" / "apps" / ICON_NAME


def is_installed() -> bool:
    return supported() and launcher_file().is_file()


def install() -> Path:
    """Write the entry and the icon (again, with the current command); returns the entry's path."""
    if not supported():
        raise LauncherUnsupportedError(
            "This somedesk is a Flatpak, which has its own menu entry."
            if os.environ.get("FLATPAK_ID")
            else "Adding somedesk to the applications menu is not supported yet on this system."
        )
    entry = launcher_file()
    try:
        svg = icon_svg()
    except OSError as error:
        raise UserError(f"Could not read somedesk's icon: {error.strerror or error}") from error
    write_file(icon_file(), svg)
    write_file(entry, launcher_entry(with_home(command())).encode())
    return entry


def remove() -> None:
    if supported():
        remove_file(launcher_file())
        remove_file(icon_file())


def entry_found(env: Mapping[str, str] | None = None) -> Path | None:
    """somedesk's launcher entry where the desktop looks for one (the person's own first), if any."""
    environ = os.environ if env is None else env
    for folder in _data_folders(environ):
        entry = folder / "applications" / FILE_NAME
        if entry.is_file():
            return entry
    return None


def icon_for_notifications(env: Mapping[str, str] | None = None) -> str:
    """The icon a notification server can show for somedesk: the theme name when an icon theme
    has it (a package, a Flatpak, or `somedesk launcher add`), else the packaged SVG's path."""
    environ = os.environ if env is None else env
    for folder in _data_folders(environ):
        hicolor = folder / "icons" / "hicolor"
        if (hicolor / "scalable" / "apps" / ICON_NAME).is_file() or any(hicolor.glob(f"*/apps/{APP_ID}.png")):
            return APP_ID
    return str(ICON_SOURCE) if ICON_SOURCE.is_file() else APP_ID


def icon_svg() -> bytes:
    """The app icon's SVG. Through importlib.resources only when the package is not plain files (a
    zipped install): importing it costs the desktop's start-up ~3 ms."""
    if ICON_SOURCE.is_file():
        return ICON_SOURCE.read_bytes()
    from importlib import resources

    return resources.files("somedesk.gui").joinpath("resources", ICON_SOURCE.name).read_bytes()


def _data_folders(env: Mapping[str, str]) -> list[Path]:
    """Where the desktop looks for entries and icons: the person's own folder, then the system's."""
    dirs = env.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return [data_home(env), *(Path(d) for d in dirs.split(":") if d and Path(d).is_absolute())]


def write_file(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all (a desktop may read it at any moment); a one-line UserError."""
    from somedesk.sources.atomicfile import write_atomic  # not at start-up: the tray imports this module

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, mode=0o644)  # as a plain write would make it: others' tools read it
    except OSError as error:
        raise UserError(f"Could not write {path}: {error.strerror or error}") from error


def remove_file(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise UserError(f"Could not remove {path}: {error.strerror or error}") from error
