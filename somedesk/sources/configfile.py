"""Reading the config file from disk and writing the commented starter file (`somedesk init`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from somedesk.core.config import Config, default_config
from somedesk.core.config_reader import parse_config
from somedesk.core.errors import ConfigError
from somedesk.sources.localfile import TooLargeError, read_regular_file

MAX_CONFIG_BYTES = 1_000_000  # a config is a few kB; /dev/zero or a huge file is refused unread


def load_config(path: Path, fallback_zone: ZoneInfo, *, required: bool = False) -> Config:
    """The config at `path`, or the defaults when there is none (unless `required`, as with --config)."""
    try:
        raw = read_regular_file(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        if required:
            raise ConfigError(f"{path}: no such config file") from None
        return default_config(fallback_zone, base_dir=path.parent)
    except TooLargeError:
        raise ConfigError(f"{path}: too large to be a config file (over 1 MB)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return parse_config(text, name=str(path), fallback_zone=fallback_zone, base_dir=path.parent)


def starter_config(zone_name: str) -> str:
    """The commented config `somedesk init` writes: the defaults, spelled out so people can edit them."""
    return f"""\
# somedesk configuration. Times are wall-clock "HH:MM" in the time zone below.
# Every key is explained in the README, section "Configuration".

[routine]
timezone = "{zone_name}"                  # IANA name, e.g. "Europe/Helsinki"
workdays = ["mon", "tue", "wed", "thu", "fri"]
work_hours = ["08:30", "16:30"]
lunch = ["11:30", "12:00"]                 # "on the way to lunch" is a good moment
commutes = [["07:45", "08:15"], ["16:45", "17:15"]]
quiet_hours = ["19:00", "07:00"]           # evenings off: nothing suggested or posted; may wrap midnight
before_meeting_minutes = 10                # the free minutes before a meeting are a moment
min_moment_minutes = 5                     # shorter free windows are not worth suggesting

# A weekday can differ from the rest, e.g. working from home on Fridays:
# [routine.days.fri]
# commutes = []

[calendars]
# .ics files (relative to this file) or the private ICS address your calendar gives out.
sources = []
# Your attendee addresses, so meetings you declined don't count as busy.
me = []

[targets.linkedin]
per_week = 3
min_gap_hours = 20

[targets.x]
per_week = 5
min_gap_hours = 3

[spelling]
enabled = true                             # underline misspellings in Quick post (English, Finnish)
"""


def write_starter_config(path: Path, zone_name: str) -> bool:
    """Write the starter config unless a file is already there; True when written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
    except OSError as exc:  # a read-only folder: named as the config, not as a temporary file
        raise ConfigError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(starter_config(zone_name))
        # os.link fails if the target exists, so an existing config is never replaced, even in a race.
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError as exc:  # a full disk
        raise ConfigError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return True
