"""Reading the config file: its text in, a `Config` out, or one clear line for every mistake.

Every key is known, so a misspelt key is an error with a "did you mean" hint rather than a silently
ignored setting; messages name the file and the dotted key (or line and column for TOML syntax).
Pure: it is handed the file's text and name; reading the file is the caller's job.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from somedesk.core.config import (
    DEFAULT_LINKEDIN_API_VERSION,
    DEFAULT_REDIRECT_URI,
    DEFAULT_SHARE_TEMPLATE,
    DEFAULT_TARGETS,
    LANGUAGES,
    CalendarSettings,
    Config,
    NetworkSettings,
    PolicySettings,
    PublishingSettings,
    ShareSettings,
    SpellingSettings,
    UiSettings,
    share_template_problem,
)
from somedesk.core.errors import ConfigError
from somedesk.core.model import Network, Target
from somedesk.core.phone_settings import read_phone
from somedesk.core.routine import DEFAULT_DAY, DEFAULT_QUIET, WEEKDAY_NAMES, ClockWindow, DayPlan, Routine

# The allowed keys, section by section: users and docs depend on this exact shape.
_DAY_KEYS = frozenset({"work_hours", "lunch", "commutes"})
_ROUTINE_KEYS = frozenset(
    {
        "timezone",
        "workdays",
        "work_hours",
        "lunch",
        "commutes",
        "quiet_hours",
        "before_meeting_minutes",
        "min_moment_minutes",
        "days",
    }
)
_CALENDAR_KEYS = frozenset({"sources", "me"})
_TARGET_KEYS = frozenset({"per_week", "min_gap_hours"})
_TOP_KEYS = frozenset(
    {"routine", "calendars", "targets", "networks", "publishing", "ui", "policy", "share", "spelling"}
) | {"phone"}  # [phone]: core/phone_settings.py
_SPELLING_KEYS = frozenset({"enabled"})
_UI_KEYS = frozenset({"language"})
_PUBLISHING_KEYS = frozenset({"default_mode", "grace_minutes", "reply_reminders", "linkedin", "x", "sandbox"})
_MODES = ("auto", "remind")
_NETWORK_KEYS = {
    Network.LINKEDIN.value: frozenset({"client_id", "redirect_uri", "api_version"}),
    Network.X.value: frozenset({"client_id", "redirect_uri"}),
}
_API_VERSION_RE = re.compile(r"^20\d{2}(0[1-9]|1[0-2])$")
_TARGET_NETWORKS = (Network.LINKEDIN.value, Network.X.value)
_SHARE_KEYS = frozenset({"enabled", "template"})

_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
_TOML_POSITION_RE = re.compile(r"^(?P<reason>.*?) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def parse_config(text: str, *, name: str, fallback_zone: ZoneInfo, base_dir: Path = Path()) -> Config:
    """Parse the config file's text; `name` is how messages refer to the file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(describe_toml_error(name, exc)) from None
    except RecursionError:  # tomllib recurses per nested array or table: [[[[… 100,000 deep
        raise ConfigError(f"{name}: not valid TOML (nested too deeply)") from None
    return _Reader(name).config(data, fallback_zone, base_dir)


def read_config_data(data: Mapping[str, Any], *, name: str, fallback_zone: ZoneInfo) -> Config:
    """Check already-parsed TOML data as a config (the team file checks its settings with this)."""
    return _Reader(name).config(data, fallback_zone, Path())


def describe_toml_error(name: str, exc: tomllib.TOMLDecodeError) -> str:
    match = _TOML_POSITION_RE.match(str(exc))
    if match is None:
        return f"{name}: not valid TOML: {exc}"
    reason = match["reason"][:1].lower() + match["reason"][1:]
    return f"{name}, line {match['line']}, column {match['col']}: not valid TOML ({reason})"


def parse_clock(value: object, where: str) -> time:
    """A wall-clock time written "HH:MM" (00:00–23:59)."""
    if not isinstance(value, str) or (match := _TIME_RE.match(value.strip())) is None:
        raise ConfigError(f'{where}: {value!r} is not a time of day; write it as "HH:MM", e.g. "07:45"')
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ConfigError(f'{where}: "{value}" is not a time of day (hours 00–23, minutes 00–59)')
    return time(hour, minute)


def parse_zone(value: object, where: str) -> ZoneInfo:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f'{where}: expected an IANA time zone name such as "Europe/Helsinki"')
    try:
        return ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file name
        import zoneinfo  # only on this error path: listing all zones reads the tz database

        hint = did_you_mean(value, zoneinfo.available_timezones()) if len(value) < 100 else ""
        shown = value if len(value) < 100 else f"{value[:60]}…"
        raise ConfigError(f"{where}: unknown time zone {shown!r}{hint}") from None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only a mistake in the config needs it, never a start-up

    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {o.lower(): o for o in options}
        close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return f" — did you mean {close[0]!r}?" if close else ""


class _Reader:
    """Reads the parsed TOML tables, naming the file and dotted key in every message."""

    def __init__(self, name: str) -> None:
        self.name = name

    def where(self, key: str) -> str:
        return f"{self.name}: {key}"

    def check_keys(self, table: Mapping[str, Any], allowed: frozenset[str], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                dotted = f"{prefix}.{key}" if prefix else key
                hint = did_you_mean(key, allowed)
                raise ConfigError(f"{self.name}: unknown key {dotted!r}{hint}")

    def table(self, data: Mapping[str, Any], key: str, prefix: str) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            dotted = f"{prefix}.{key}" if prefix else key
            raise ConfigError(f"{self.where(dotted)}: expected a table ([{dotted}])")
        return value

    def config(self, data: Mapping[str, Any], fallback_zone: ZoneInfo, base_dir: Path) -> Config:
        self.check_keys(data, _TOP_KEYS, "")
        routine = self.routine(self.table(data, "routine", ""), fallback_zone)
        calendars = self.calendars(self.table(data, "calendars", ""))
        targets = self.targets(self.table(data, "targets", ""))
        networks = self.networks(self.table(data, "networks", ""))
        publishing = self.publishing(self.table(data, "publishing", ""))
        ui = self.ui(self.table(data, "ui", ""))
        policy = self.policy(self.table(data, "policy", ""))
        share = self.share(self.table(data, "share", ""))
        spelling = self.spelling(self.table(data, "spelling", ""))
        phone = read_phone(self.table(data, "phone", ""), self.where)
        return Config(
            ui=ui,
            routine=routine,
            calendars=calendars,
            targets=targets,
            base_dir=base_dir,
            networks=networks,
            publishing=publishing,
            policy=policy,
            share=share,
            spelling=spelling,
            phone=phone,
        )

    def routine(self, table: Mapping[str, Any], fallback_zone: ZoneInfo) -> Routine:
        self.check_keys(table, _ROUTINE_KEYS, "routine")
        zone = (
            parse_zone(table["timezone"], self.where("routine.timezone"))
            if "timezone" in table
            else (fallback_zone)
        )
        workdays = self.workdays(table.get("workdays", list(WEEKDAY_NAMES[:5])))
        default_day = self.day_plan(table, DEFAULT_DAY, "routine")
        overrides = self.day_overrides(self.table(table, "days", "routine"), default_day)
        quiet = self.quiet_hours(
            table.get("quiet_hours", [f"{DEFAULT_QUIET.start:%H:%M}", f"{DEFAULT_QUIET.end:%H:%M}"])
        )
        return Routine(
            zone=zone,
            workdays=workdays,
            default_day=default_day,
            day_overrides=overrides,
            quiet_hours=quiet,
            before_meeting_minutes=self.minutes(table, "before_meeting_minutes", 10, "routine"),
            min_moment_minutes=self.minutes(table, "min_moment_minutes", 5, "routine"),
        )

    def workdays(self, value: object) -> frozenset[int]:
        where = self.where("routine.workdays")
        if not isinstance(value, list):
            raise ConfigError(f'{where}: expected a list of day names, e.g. ["mon", "tue", "wed"]')
        days: set[int] = set()
        for item in value:
            name = item.strip().lower()[:3] if isinstance(item, str) else ""
            if name not in WEEKDAY_NAMES:
                raise ConfigError(f"{where}: {item!r} is not a day; use mon, tue, wed, thu, fri, sat, sun")
            days.add(WEEKDAY_NAMES.index(name))
        return frozenset(days)

    def window(self, value: object, key: str, *, may_wrap: bool = False) -> ClockWindow:
        where = self.where(key)
        if not isinstance(value, list) or len(value) != 2:
            raise ConfigError(f'{where}: expected ["start", "end"], e.g. ["08:30", "16:30"]')
        start, end = parse_clock(value[0], where), parse_clock(value[1], where)
        if not may_wrap and end <= start:
            raise ConfigError(f"{where}: ends ({end:%H:%M}) before it starts ({start:%H:%M})")
        if start == end:
            raise ConfigError(f"{where}: starts and ends at the same time ({start:%H:%M})")
        return ClockWindow(start, end)

    def optional_window(self, table: Mapping[str, Any], key: str, prefix: str) -> ClockWindow | None:
        value = table[key]
        # An empty list switches the window off for that day (e.g. no lunch on Fridays).
        return None if value == [] else self.window(value, f"{prefix}.{key}")

    def commutes(self, value: object, key: str) -> tuple[ClockWindow, ...]:
        if not isinstance(value, list):
            raise ConfigError(f'{self.where(key)}: expected a list of windows, e.g. [["07:40", "08:10"]]')
        return tuple(self.window(item, f"{key}[{i}]") for i, item in enumerate(value))

    def day_plan(self, table: Mapping[str, Any], base: DayPlan, prefix: str) -> DayPlan:
        return DayPlan(
            work_hours=self.optional_window(table, "work_hours", prefix)
            if "work_hours" in table
            else base.work_hours,
            lunch=self.optional_window(table, "lunch", prefix) if "lunch" in table else base.lunch,
            commutes=self.commutes(table["commutes"], f"{prefix}.commutes")
            if "commutes" in table
            else base.commutes,
        )

    def day_overrides(self, table: Mapping[str, Any], default_day: DayPlan) -> dict[int, DayPlan]:
        overrides: dict[int, DayPlan] = {}
        for key in table:
            if key not in WEEKDAY_NAMES:
                hint = did_you_mean(key, frozenset(WEEKDAY_NAMES))
                raise ConfigError(f"{self.name}: unknown day 'routine.days.{key}'{hint}")
            day_table = self.table(table, key, "routine.days")
            self.check_keys(day_table, _DAY_KEYS, f"routine.days.{key}")
            overrides[WEEKDAY_NAMES.index(key)] = self.day_plan(day_table, default_day, f"routine.days.{key}")
        return overrides

    def quiet_hours(self, value: object) -> ClockWindow | None:
        if value == []:
            return None
        return self.window(value, "routine.quiet_hours", may_wrap=True)

    def minutes(self, table: Mapping[str, Any], key: str, default: int, prefix: str) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 240:
            raise ConfigError(f"{self.where(f'{prefix}.{key}')}: expected a whole number of minutes (0–240)")
        return value

    def calendars(self, table: Mapping[str, Any]) -> CalendarSettings:
        self.check_keys(table, _CALENDAR_KEYS, "calendars")
        return CalendarSettings(
            sources=self.strings(table.get("sources", []), "calendars.sources"),
            me=self.strings(table.get("me", []), "calendars.me"),
        )

    def strings(self, value: object, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{self.where(key)}: expected a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def targets(self, table: Mapping[str, Any]) -> dict[Network, Target]:
        self.check_keys(table, frozenset(_TARGET_NETWORKS), "targets")
        targets = dict(DEFAULT_TARGETS)
        for key in table:
            network = Network(key)
            sub = self.table(table, key, "targets")
            self.check_keys(sub, _TARGET_KEYS, f"targets.{key}")
            base = DEFAULT_TARGETS[network]
            targets[network] = Target(
                per_week=self.count(sub, "per_week", base.per_week, f"targets.{key}"),
                min_gap_hours=self.hours(sub, "min_gap_hours", base.min_gap_hours, f"targets.{key}"),
            )
        return targets

    def count(self, table: Mapping[str, Any], key: str, default: int, prefix: str) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise ConfigError(f"{self.where(f'{prefix}.{key}')}: expected a whole number from 0 to 100")
        return value

    def hours(self, table: Mapping[str, Any], key: str, default: float, prefix: str) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 24 * 14:
            raise ConfigError(f"{self.where(f'{prefix}.{key}')}: expected a number of hours from 0 to 336")
        return float(value)

    def networks(self, table: Mapping[str, Any]) -> dict[Network, NetworkSettings]:
        self.check_keys(table, frozenset(_NETWORK_KEYS), "networks")
        settings: dict[Network, NetworkSettings] = {}
        for key in table:
            prefix = f"networks.{key}"
            sub = self.table(table, key, "networks")
            self.check_keys(sub, _NETWORK_KEYS[key], prefix)
            settings[Network(key)] = NetworkSettings(
                client_id=self.text(sub, "client_id", "", prefix),
                redirect_uri=self.redirect_uri(sub, prefix),
                api_version=self.api_version(sub, prefix),
            )
        return settings

    def text(self, table: Mapping[str, Any], key: str, default: str, prefix: str) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise ConfigError(f"{self.where(f'{prefix}.{key}')}: expected text in quotes")
        return value.strip()

    def flag(self, table: Mapping[str, Any], key: str, default: bool, prefix: str) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise ConfigError(f"{self.where(f'{prefix}.{key}')}: expected true or false")
        return value

    def redirect_uri(self, table: Mapping[str, Any], prefix: str) -> str:
        value = self.text(table, "redirect_uri", DEFAULT_REDIRECT_URI, prefix)
        # The sign-in answer comes back to a receiver bound to 127.0.0.1 only ("localhost" may resolve
        # to ::1 in the browser and miss it), never to a public address.
        if not re.match(r"^http://127\.0\.0\.1:\d{1,5}(/\S*)?$", value):
            raise ConfigError(
                f"{self.where(f'{prefix}.redirect_uri')}: expected a loopback address such as "
                f'"{DEFAULT_REDIRECT_URI}" (the same one registered with your app)'
            )
        return value

    def api_version(self, table: Mapping[str, Any], prefix: str) -> str:
        value = self.text(table, "api_version", DEFAULT_LINKEDIN_API_VERSION, prefix)
        if not _API_VERSION_RE.match(value):
            raise ConfigError(
                f'{self.where(f"{prefix}.api_version")}: expected a version "YYYYMM", e.g. "202610"'
            )
        return value

    def publishing(self, table: Mapping[str, Any]) -> PublishingSettings:
        self.check_keys(table, _PUBLISHING_KEYS, "publishing")
        by_network: dict[Network, str] = {}
        for network in Network:
            if network.value in table:
                sub = self.table(table, network.value, "publishing")
                self.check_keys(sub, frozenset({"default_mode"}), f"publishing.{network.value}")
                if "default_mode" in sub:
                    by_network[network] = self.mode(
                        sub["default_mode"], f"publishing.{network.value}.default_mode"
                    )
        reminders = table.get("reply_reminders", [20, 60])
        if not isinstance(reminders, list) or not all(
            isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 24 * 60 for m in reminders
        ):
            raise ConfigError(
                f"{self.where('publishing.reply_reminders')}: expected minutes after a post, e.g. [20, 60] "
                "(or [] for none)"
            )
        return PublishingSettings(
            default_mode=self.mode(table.get("default_mode", "auto"), "publishing.default_mode"),
            mode_by_network=by_network,
            grace_minutes=self.minutes(table, "grace_minutes", 15, "publishing"),
            reply_reminders=tuple(sorted(set(reminders))),
        )

    def mode(self, value: object, key: str) -> str:
        if value not in _MODES:
            raise ConfigError(f'{self.where(key)}: expected "auto" (publish at the moment) or "remind"')
        return str(value)

    def ui(self, table: Mapping[str, Any]) -> UiSettings:
        self.check_keys(table, _UI_KEYS, "ui")
        language = table.get("language", "system")
        if language not in LANGUAGES:
            raise ConfigError(
                f'{self.where("ui.language")}: expected "system", "en" (English) or "fi" (Suomi)'
            )
        return UiSettings(language=str(language))

    def policy(self, table: Mapping[str, Any]) -> PolicySettings:
        self.check_keys(table, frozenset({"source", "builtin"}), "policy")
        source = self.text(table, "source", "", "policy")
        scheme, sep, _ = source.partition("://")
        if sep and scheme.lower() != "https":
            raise ConfigError(
                f"{self.where('policy.source')}: expected a file path or an https:// address "
                "(a policy is only fetched over a secure connection)"
            )
        return PolicySettings(source=source, builtin=self.flag(table, "builtin", True, "policy"))

    def share(self, table: Mapping[str, Any]) -> ShareSettings:
        self.check_keys(table, _SHARE_KEYS, "share")
        enabled = self.flag(table, "enabled", False, "share")
        template = self.text(table, "template", DEFAULT_SHARE_TEMPLATE, "share")
        if not template:
            raise ConfigError(f"{self.where('share.template')}: expected text in quotes")
        problem = share_template_problem(template)  # spaces around it change no placeholder
        if problem:
            raise ConfigError(f"{self.where('share.template')}: {problem}")
        return ShareSettings(enabled=enabled, template=template)

    def spelling(self, table: Mapping[str, Any]) -> SpellingSettings:
        self.check_keys(table, _SPELLING_KEYS, "spelling")
        return SpellingSettings(enabled=self.flag(table, "enabled", True, "spelling"))
