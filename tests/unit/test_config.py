"""The config file's shape, defaults and one-line messages for every mistake."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.config_reader import parse_config
from somedesk.core.errors import ConfigError
from somedesk.core.model import Network, Target
from somedesk.core.routine import ClockWindow
from somedesk.sources.configfile import load_config, starter_config, write_starter_config

UTC_ZONE = ZoneInfo("UTC")

ISSUE_EXAMPLE = """
[routine]
timezone = "Europe/Helsinki"                 # IANA name
workdays = ["mon", "tue", "wed", "thu", "fri"]
work_hours = ["08:30", "16:30"]
lunch = ["11:30", "12:00"]
commutes = [["07:40", "08:10"], ["16:40", "17:10"]]
quiet_hours = ["19:00", "07:00"]             # may wrap past midnight
before_meeting_minutes = 10
min_moment_minutes = 5

[routine.days.fri]                           # optional per-weekday override of work_hours, lunch, commutes
commutes = []

[calendars]
sources = ["work.ics", "https://calendar.example.com/private-abc/basic.ics"]
me = ["jari@example.com"]

[targets.linkedin]
per_week = 3
min_gap_hours = 20

[targets.x]
per_week = 5
min_gap_hours = 3
"""


def parse(text: str):
    return parse_config(text, name="config.toml", fallback_zone=UTC_ZONE)


def error_of(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        parse(text)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_the_documented_example_parses_exactly():
    config = parse(ISSUE_EXAMPLE)
    routine = config.routine
    assert routine.zone == ZoneInfo("Europe/Helsinki")
    assert routine.workdays == frozenset({0, 1, 2, 3, 4})
    assert routine.default_day.work_hours == ClockWindow(time(8, 30), time(16, 30))
    assert routine.default_day.lunch == ClockWindow(time(11, 30), time(12))
    assert routine.default_day.commutes == (
        ClockWindow(time(7, 40), time(8, 10)),
        ClockWindow(time(16, 40), time(17, 10)),
    )
    assert routine.quiet_hours == ClockWindow(time(19), time(7))
    assert routine.quiet_hours.wraps
    assert routine.before_meeting_minutes == 10 and routine.min_moment_minutes == 5
    friday = routine.day_overrides[4]
    assert friday.commutes == () and friday.lunch == routine.default_day.lunch
    assert config.calendars.sources[1].startswith("https://")
    assert config.calendars.me == ("jari@example.com",)
    assert config.targets[Network.LINKEDIN] == Target(per_week=3, min_gap_hours=20)
    assert config.targets[Network.X] == Target(per_week=5, min_gap_hours=3)


def test_no_config_gives_the_documented_defaults(tmp_path: Path):
    config = load_config(tmp_path / "missing.toml", ZoneInfo("Europe/Helsinki"))
    day = config.routine.default_day
    assert config.routine.zone == ZoneInfo("Europe/Helsinki")
    assert day.work_hours == ClockWindow(time(8, 30), time(16, 30))
    assert day.lunch == ClockWindow(time(11, 30), time(12))
    assert day.commutes == (ClockWindow(time(7, 45), time(8, 15)), ClockWindow(time(16, 45), time(17, 15)))
    assert config.routine.quiet_hours == ClockWindow(time(19), time(7))
    assert config.routine.workdays == frozenset(range(5))


def test_required_config_that_is_missing_is_an_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.toml", UTC_ZONE, required=True)


def test_malformed_toml_names_file_line_and_column():
    message = error_of('[routine]\nlunch = ["11:30", "12:00"\nwork_hours = 3\n')
    assert message.startswith("config.toml, line 3, column")
    assert "not valid TOML" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[routine]\nlunh = ["11:30", "12:00"]', "unknown key 'routine.lunh' — did you mean 'lunch'?"),
        ("[routin]\n", "unknown key 'routin' — did you mean 'routine'?"),
        ("[calendars]\nsorces = []", "did you mean 'sources'?"),
        ("[targets.linkedn]\nper_week = 1", "unknown key 'targets.linkedn' — did you mean 'linkedin'?"),
        ("[routine.days.fry]\ncommutes = []", "unknown day 'routine.days.fry' — did you mean 'fri'?"),
        ("[routine.days.fri]\nquiet_hours = []", "unknown key 'routine.days.fri.quiet_hours'"),
    ],
)
def test_unknown_keys_get_a_did_you_mean_hint(text: str, expected: str):
    assert expected in error_of(text)


@pytest.mark.parametrize("bad", ["25:00", "12:60", "7.30", "noon", "24:00"])
def test_impossible_times_are_refused(bad: str):
    message = error_of(f'[routine]\nlunch = ["{bad}", "12:00"]')
    assert "routine.lunch" in message and bad in message and "time of day" in message


def test_unknown_time_zone_suggests_the_right_one():
    message = error_of('[routine]\ntimezone = "Europe/Helsinky"')
    expected = "unknown time zone 'Europe/Helsinky' — did you mean 'Europe/Helsinki'?"
    assert message == f"config.toml: routine.timezone: {expected}"


def test_windows_must_not_run_backwards_except_quiet_hours():
    assert "ends (08:00) before it starts (09:00)" in error_of('[routine]\nwork_hours = ["09:00", "08:00"]')
    config = parse('[routine]\nquiet_hours = ["22:30", "06:15"]')
    assert config.routine.quiet_hours == ClockWindow(time(22, 30), time(6, 15))


def test_empty_lists_switch_windows_off():
    config = parse("[routine]\nlunch = []\nquiet_hours = []\ncommutes = []")
    assert config.routine.default_day.lunch is None
    assert config.routine.quiet_hours is None
    assert config.routine.default_day.commutes == ()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[routine]\nworkdays = ["monday", "funday"]', "'funday' is not a day"),
        ("[routine]\nworkdays = 5", "expected a list of day names"),
        ("[routine]\nbefore_meeting_minutes = -1", "whole number of minutes"),
        ('[routine]\nmin_moment_minutes = "5"', "whole number of minutes"),
        ("[targets.x]\nper_week = 2.5", "whole number from 0 to 100"),
        ("[targets.x]\nmin_gap_hours = -3", "number of hours"),
        ('[calendars]\nsources = "work.ics"', "expected a list of non-empty strings"),
        ("routine = 3", "expected a table"),
        ('[routine]\ncommutes = ["07:00", "08:00"]', "routine.commutes[0]"),
    ],
)
def test_wrong_types_and_ranges_are_explained(text: str, fragment: str):
    assert fragment in error_of(text)


def test_full_day_names_are_accepted_for_workdays():
    config = parse('[routine]\nworkdays = ["Monday", "wednesday", "sun"]')
    assert config.routine.workdays == frozenset({0, 2, 6})


def test_starter_config_parses_to_the_defaults_and_keeps_comments(tmp_path: Path):
    path = tmp_path / "config.toml"
    assert write_starter_config(path, "Europe/Helsinki")
    text = path.read_text(encoding="utf-8")
    assert text == starter_config("Europe/Helsinki")
    assert "# evenings off" in text
    config = load_config(path, UTC_ZONE)
    assert config.routine.zone == ZoneInfo("Europe/Helsinki")
    assert config.routine.default_day.commutes[0] == ClockWindow(time(7, 45), time(8, 15))
    assert config.base_dir == tmp_path


def test_starter_config_never_overwrites(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text("# mine\n", encoding="utf-8")
    assert not write_starter_config(path, "UTC")
    assert path.read_text(encoding="utf-8") == "# mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]  # no temp file left behind


def test_non_utf8_config_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_bytes(b"[routine]\ntimezone = '\xff'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path, UTC_ZONE)


def test_publishing_settings_and_per_network_mode():
    config = parse(
        '[publishing]\ndefault_mode = "auto"\ngrace_minutes = 30\nreply_reminders = [60, 20]\n'
        '[publishing.linkedin]\ndefault_mode = "remind"\n'
    )
    assert config.publishing.mode_for(Network.LINKEDIN) == "remind"
    assert config.publishing.mode_for(Network.X) == "auto"
    assert config.publishing.grace_minutes == 30 and config.publishing.reply_reminders == (20, 60)
    assert parse("").publishing.reply_reminders == (20, 60)
    assert parse("[publishing]\nreply_reminders = []").publishing.reply_reminders == ()
    assert 'expected "auto"' in error_of('[publishing]\ndefault_mode = "sometimes"')
    assert "did you mean 'grace_minutes'" in error_of("[publishing]\ngrace_minute = 3")
    assert "reply_reminders" in error_of('[publishing]\nreply_reminders = ["20"]')


def test_network_settings_are_checked():
    config = parse('[networks.linkedin]\nclient_id = "abc"\napi_version = "202609"')
    assert config.network_settings(Network.LINKEDIN).client_id == "abc"
    assert config.network_settings(Network.LINKEDIN).api_version == "202609"
    assert config.network_settings(Network.X).redirect_uri == "http://127.0.0.1:8765/callback"
    assert "loopback address" in error_of('[networks.x]\nredirect_uri = "https://example.com/cb"')
    assert "YYYYMM" in error_of('[networks.linkedin]\napi_version = "2026-10"')
    assert "did you mean 'client_id'" in error_of('[networks.x]\nclient = "abc"')


def test_ui_language():
    assert parse("").ui.language == "system"
    assert parse('[ui]\nlanguage = "fi"').ui.language == "fi"
    assert 'expected "system", "en" (English) or "fi" (Suomi)' in error_of('[ui]\nlanguage = "sv"')
