"""`somedesk --self-test`: what works on this machine, one plain-words line each.

Every line starts with "ok", "warning" or "problem". A problem is something essential that is broken
(the config, the data folder, the database, the keyring, Qt); the exit status is then 1, and the line
says what to do. Qt is imported only when the self-test runs, and only through `somedesk.gui.probe`.
"""

from __future__ import annotations

import logging
import os
import platform
import sqlite3
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from somedesk import __version__

if TYPE_CHECKING:
    from somedesk.core.config import Config
    from somedesk.sources.paths import Paths

log = logging.getLogger(__name__)
log.addHandler(
    logging.NullHandler()
)  # a failed check is logged to the log file, never printed with its traceback

Level = Literal["ok", "warning", "problem"]
CALENDAR_DAYS = 7


@dataclass(frozen=True, slots=True)
class Check:
    level: Level
    topic: str
    text: str

    def line(self) -> str:
        return f"{self.level}: {self.topic}: {self.text}"


def run_self_test(config_path: Path | None = None, out: Callable[[str], None] = print) -> int:
    """Run every check, printing each line as it is known; 0 when nothing essential is broken."""
    from somedesk.app.build import setup_logging
    from somedesk.sources.paths import resolve_paths

    paths = resolve_paths(config_path)
    with suppress(OSError):  # an unwritable data folder is reported by its own check
        paths.ensure()
        setup_logging(paths)
    problems = 0
    for check in _checks(paths, required_config=config_path is not None):
        out(check.line())
        problems += check.level == "problem"
    return 1 if problems else 0


def _checks(paths: Paths, *, required_config: bool) -> Iterator[Check]:
    yield from _guarded("qt", _qt_checks)
    yield from _guarded("notifications", _notification_check)
    yield from _guarded("applications menu", _menu_check)
    yield from _guarded("keyring", _keyring_check)
    config: Config | None = None
    try:
        check, config = _config_check(paths, required=required_config)
    except Exception as exc:
        check = _failed("config", exc)
    yield check
    yield from _guarded("data folder", lambda: _data_check(paths))
    yield from _guarded("database", lambda: _database_check(paths.database))
    yield from _guarded("spelling", _spelling_check, level="warning")  # a convenience: never a problem
    if config is not None:
        loaded = config
        yield from _guarded("calendars", lambda: _calendar_checks(loaded, paths))


def _guarded(
    topic: str, checks: Callable[[], Iterator[Check] | Check], level: Level = "problem"
) -> Iterator[Check]:
    """A check that fails in a way nobody foresaw is a line (a problem unless told), never a traceback."""
    try:
        result = checks()
        yield from [result] if isinstance(result, Check) else list(result)
    except Exception as exc:
        yield _failed(topic, exc, level)


def _failed(topic: str, exc: Exception, level: Level = "problem") -> Check:
    from somedesk.app.build import file_log

    failed = f"the check itself failed ({type(exc).__name__})"
    handler = file_log()
    if handler is None:  # no data folder to log in: logging would print a traceback instead
        return Check(level, topic, f"{failed}; no log could be written")
    handler.failure = None
    log.error("self-test: the %s check failed", topic, exc_info=exc)
    if handler.failure is not None:
        return Check(level, topic, f"{failed}; no log could be written ({handler.failure})")
    return Check(level, topic, f"{failed}; details are in the log")


# Qt -------------------------------------------------------------------------------------------


def _no_display() -> bool:
    """True on X11/Wayland systems with neither display; Windows and macOS always have one."""
    if sys.platform in ("win32", "darwin"):
        return False
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY"))


def _qt_checks() -> Iterator[Check]:
    python = f"Python {platform.python_version()}"
    offscreen_note = ""
    if _no_display() and os.environ.get("QT_QPA_PLATFORM") not in ("offscreen", "minimal"):
        # Without this Qt would abort the process when it finds no display to connect to.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        offscreen_note = " (no DISPLAY or WAYLAND_DISPLAY, so the self-test uses offscreen)"
    try:
        from somedesk.gui.probe import probe_qt

        qt = probe_qt()
    except ImportError as exc:
        yield Check("ok", "versions", f"somedesk {__version__}, {python}, Qt not found")
        yield Check(
            "problem",
            "qt",
            f"PySide6 cannot be imported ({exc}): the desktop app cannot start; reinstall somedesk "
            "(the command line still works)",
        )
        return
    yield Check(
        "ok",
        "versions",
        f"somedesk {__version__}, {python}, Qt {qt.qt_version} (PySide6 {qt.pyside_version})",
    )
    if qt.platform in ("offscreen", "minimal"):
        reason = offscreen_note or " (set by QT_QPA_PLATFORM)"
        yield Check("ok", "qt platform", f"{qt.platform}{reason}; windows are not shown on a screen")
    else:
        yield Check("ok", "qt platform", qt.platform)
    if qt.tray_available:
        yield Check("ok", "tray", "a system tray is available")
    else:
        yield Check(
            "warning",
            "tray",
            "no system tray here: somedesk opens as a window instead; on GNOME install the "
            "AppIndicator extension to get a tray icon",
        )


# Notifications ----------------------------------------------------------------------------------


def _notification_check() -> Check:
    from somedesk.runtime.notify.freedesktop import FreedesktopNotifier

    fallback = "reminders are shown by somedesk itself (tray message or log)"
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return Check("warning", "notifications", f"none (no D-Bus session bus); {fallback}")
    notifier = FreedesktopNotifier.connect()
    if notifier is None:
        return Check("warning", "notifications", f"none (no notification server answers); {fallback}")
    try:
        info = notifier.server_info()
        capabilities = notifier.capabilities()
    finally:
        notifier.close()
    who = (
        f"{info.name} {info.version} (spec {info.spec_version})"
        if info
        else "a server that does not say its name"
    )
    level: Level = "ok" if "actions" in capabilities else "warning"
    extra = "" if level == "ok" else "; it shows no buttons, so reminders cannot offer Post now / Snooze"
    listed = ", ".join(capabilities) or "none"
    return Check(level, "notifications", f"{who}; capabilities: {listed}{extra}")


def _menu_check() -> Iterator[Check]:
    """Whether the person can start somedesk from the desktop's applications menu."""
    from somedesk.desktop import launcher

    if not launcher.freedesktop():
        return
    found = launcher.entry_found()
    if found is not None:
        yield Check("ok", "applications menu", f"listed ({found})")
    else:
        how = "Settings → Publishing → Show somedesk in the applications menu, or `somedesk launcher add`"
        yield Check("warning", "applications menu", f"somedesk is not listed; add it with {how}")


# Keyring ----------------------------------------------------------------------------------------


def _keyring_check() -> Check:
    from somedesk.networks.credentials import SERVICE, KeyringUnavailableError, Secrets

    try:
        backend = Secrets().backend()
    except KeyringUnavailableError as exc:
        return Check("problem", "keyring", str(exc))
    kind = type(backend)
    name = f"{kind.__module__}.{kind.__qualname__}"
    username = f"self-test-{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    try:
        backend.set_password(SERVICE, username, value)
        read = backend.get_password(SERVICE, username)
        backend.delete_password(SERVICE, username)
        left = backend.get_password(SERVICE, username)
    except Exception as exc:  # a locked keyring, a daemon gone away: one line, with what to do
        with suppress(Exception):
            backend.delete_password(SERVICE, username)  # never leave the test secret behind
        return Check(
            "problem",
            "keyring",
            f"{name} could not store and remove a test secret ({type(exc).__name__}): start and unlock "
            "gnome-keyring or KWallet in your desktop session (log in again), then run this again",
        )
    if read != value or left is not None:
        return Check(
            "problem",
            "keyring",
            f"{name} did not give back or remove the test secret: it cannot be trusted with your "
            "sign-in; use gnome-keyring or KWallet",
        )
    return Check("ok", "keyring", f"{name}; stored, read and removed a test secret")


# Config, paths and the database -----------------------------------------------------------------


def _config_check(paths: Paths, *, required: bool) -> tuple[Check, Config | None]:
    from somedesk.core.errors import UserError
    from somedesk.sources.configfile import load_config
    from somedesk.sources.systemzone import system_zone

    path = paths.config_file
    try:
        config = load_config(path, system_zone(), required=required)
    except UserError as exc:
        advice = "fix it, or move the file away and run `somedesk init` for a fresh one"
        return Check("problem", "config", f"{exc}; {advice}"), None
    if path.exists():
        return Check("ok", "config", f"{path} reads fine"), config
    missing = "is not there: the defaults are used (`somedesk init` writes one)"
    return Check("ok", "config", f"{path} {missing}"), config


def _data_check(paths: Paths) -> Iterator[Check]:
    try:
        paths.ensure()
    except OSError as exc:
        yield Check(
            "problem",
            "data folder",
            f"{paths.data_dir} cannot be created ({exc.strerror or exc}): make it writable for you, "
            "or point SOMEDESK_HOME at a folder that is",
        )
        return
    if not os.access(paths.data_dir, os.W_OK):
        yield Check("problem", "data folder", f"{paths.data_dir} is not writable: make it writable for you")
        return
    yield Check("ok", "data folder", str(paths.data_dir))
    yield Check("ok", "logs", str(paths.logs))


def _database_check(path: Path) -> Check:
    from somedesk.store.migrations import MIGRATIONS

    if not path.exists():
        return Check("ok", "database", f"{path} is not there yet: it is created on first use")
    advice = (
        f"quit somedesk, move {path} aside (keep it: it holds your drafts) and restore a backup, "
        "or start afresh: somedesk creates a new empty database"
    )
    try:
        # Read-only: the self-test never changes the database it examines.
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return Check("problem", "database", f"{path} cannot be read ({exc}): {advice}")
    if rows != ["ok"]:
        found = "; ".join(rows[:3]) + ("; …" if len(rows) > 3 else "")
        return Check("problem", "database", f"{path} is damaged (integrity check: {found}): {advice}")
    if version > len(MIGRATIONS):
        return Check(
            "problem",
            "database",
            f"{path} was written by a newer somedesk (schema {version}): update somedesk",
        )
    return Check("ok", "database", f"{path}: integrity check ok (schema {version})")


# Calendars ----------------------------------------------------------------------------------------


def _calendar_checks(config: Config, paths: Paths) -> Iterator[Check]:
    from somedesk.sources.calendars import load_busy_time, redact_source

    sources = list(config.calendars.sources)
    if not sources:
        yield Check("ok", "calendars", "none configured")
        return
    start = datetime.now(UTC)
    for source in sources:
        name = redact_source(source)
        load = load_busy_time(
            [source],
            base_dir=config.base_dir,
            cache_dir=paths.cache / "calendars",
            zone=config.routine.zone,
            me=config.calendars.me,
            start=start,
            end=start + timedelta(days=CALENDAR_DAYS),
        )
        if load.problems:
            for line in load.problems:
                yield Check(
                    "warning", f"calendar {name}", f"{_after_name(line, name)}; moments are found without it"
                )
        elif load.stale:
            for line in load.stale:
                yield Check("warning", f"calendar {name}", _after_name(line, name))
        else:
            yield Check(
                "ok",
                f"calendar {name}",
                f"loads ({len(load.busy)} busy blocks in the next {CALENDAR_DAYS} days)",
            )


def _after_name(line: str, name: str) -> str:
    prefix = f"{name}: "
    return line[len(prefix) :] if line.startswith(prefix) else line


# Spelling -------------------------------------------------------------------------------------


def _spelling_check() -> Check:
    """Spell check is a convenience: at worst a warning, never a problem."""
    from somedesk.sources.dictionaries import Speller

    availability = Speller(Path()).load()
    if not availability.available:
        return Check("warning", "spelling", f"unavailable: {availability.reason}")
    names = ", ".join(f"{language.name} ({language.tag})" for language in availability.languages)
    return Check("ok", "spelling", names)
