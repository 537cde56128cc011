"""Writing config.toml back: the person's comments, blank lines and order survive; the result is checked
with the CLI's own rules and messages before it replaces the file, in one atomic step."""

from __future__ import annotations

import difflib
import os
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.config import Config
from somedesk.core.config_reader import parse_config
from somedesk.core.errors import ConfigError
from somedesk.core.routine import ClockWindow
from somedesk.sources.configfile import load_config, starter_config
from somedesk.sources.configwriter import REMOVE, edit_config, edited_text, read_value

HELSINKI = ZoneInfo("Europe/Helsinki")

# A file as a person leaves it: comments everywhere, odd spacing, a table out of order, dotted keys.
COMMENTED = """\
# my somedesk setup — edited by hand, please keep my notes!

[routine]
timezone = "Europe/Helsinki"   # home
workdays = ["mon", "tue", "wed", "thu", "fri"]

work_hours = ["08:30", "16:30"]
lunch = ["11:30", "12:00"]     # the canteen opens 11:30
  # commutes: the 07:45 bus and back
commutes = [
    ["07:45", "08:15"],
    ["16:45", "17:15"],
]

[targets.linkedin]   # careful with LinkedIn
per_week = 3
min_gap_hours = 20


[routine.days.fri]   # remote Fridays
commutes = []

[calendars]
sources = ["work.ics"]
me = ["me@example.com"]
"""


def diff(before: str, after: str) -> list[str]:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_round_trip_keeps_every_byte():
    assert edited_text(COMMENTED, {}) == COMMENTED
    starter = starter_config("Europe/Helsinki")
    assert edited_text(starter, {}) == starter


def test_changing_lunch_changes_only_that_line_and_keeps_its_comment():
    after = edited_text(COMMENTED, {"routine.lunch": ["11:45", "12:15"]})
    assert diff(COMMENTED, after) == [
        '-lunch = ["11:30", "12:00"]     # the canteen opens 11:30',
        '+lunch = ["11:45", "12:15"]     # the canteen opens 11:30',
    ]


def test_changes_inside_out_of_order_tables_and_multiline_arrays():
    after = edited_text(
        COMMENTED,
        {"routine.days.fri.lunch": [], "targets.linkedin.per_week": 4, "routine.workdays": ["mon", "tue"]},
    )
    assert diff(COMMENTED, after) == [
        '-workdays = ["mon", "tue", "wed", "thu", "fri"]',
        '+workdays = ["mon", "tue"]',
        "-per_week = 3",
        "+per_week = 4",
        "+lunch = []",
    ]
    assert after.index("lunch = []") > after.index("[routine.days.fri]")


def test_adds_missing_tables_laid_out_as_a_person_would():
    starter = starter_config("Europe/Helsinki")
    after = edited_text(
        starter,
        {
            "routine.days.fri.commutes": [],
            "publishing.grace_minutes": 20,
            "targets.x.per_week": 7,
            "networks.x.client_id": "abc",
        },
    )
    assert "\n\n[routine.days.fri]\ncommutes = []\n\n[calendars]\n" in after
    assert after.endswith('\n\n[publishing]\ngrace_minutes = 20\n\n[networks.x]\nclient_id = "abc"\n')
    assert "\n\n\n" not in after
    # The starter's commented-out example stays where it was, untouched.
    assert "# [routine.days.fri]\n# commutes = []\n" in after
    assert edited_text("", {"routine.lunch": ["11:00", "11:30"], "targets.linkedin.per_week": 2}) == (
        '[routine]\nlunch = ["11:00", "11:30"]\n\n[targets.linkedin]\nper_week = 2\n'
    )


def test_edits_inline_tables_and_dotted_keys_in_their_own_style():
    text = 'targets = { x = { per_week = 5 } }\nroutine.lunch = ["11:00", "11:30"]\n'
    after = edited_text(text, {"targets.x.per_week": 6, "routine.lunch": []})
    assert after == "targets = { x = { per_week = 6 } }\nroutine.lunch = []\n"


def test_remove_takes_a_table_and_the_tables_it_leaves_empty():
    after = edited_text(COMMENTED, {"routine.days.fri": REMOVE})
    assert "[routine.days.fri]" not in after and "remote Fridays" not in after
    assert load_text(after).routine.day_overrides == {}
    assert edited_text(COMMENTED, {"publishing.linkedin.default_mode": REMOVE}) == COMMENTED


def load_text(text: str) -> Config:
    return parse_config(text, name="config.toml", fallback_zone=HELSINKI)


def test_edit_config_writes_and_returns_the_new_config(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    path.chmod(0o640)
    config = edit_config(path, {"routine.lunch": ["11:45", "12:15"]}, fallback_zone=HELSINKI)
    assert config.routine.default_day.lunch == ClockWindow(time(11, 45), time(12, 15))
    assert config.base_dir == tmp_path
    assert path.read_text(encoding="utf-8") == COMMENTED.replace('"11:30", "12:00"', '"11:45", "12:15"')
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]  # no temporary file left behind
    assert load_config(path, HELSINKI) == config  # what the CLI reads from it now


def test_refuses_an_invalid_value_with_the_clis_message_and_leaves_the_file_untouched(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    before = path.stat()
    with pytest.raises(ConfigError) as refused:
        edit_config(path, {"routine.lunch": ["12:00", "11:00"]}, fallback_zone=HELSINKI)
    assert str(refused.value) == f"{path}: routine.lunch: ends (11:00) before it starts (12:00)"
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_ino == before.st_ino
    # The very message the CLI prints for that file.
    path.write_text(COMMENTED.replace('"11:30", "12:00"', '"12:00", "11:00"'), encoding="utf-8")
    with pytest.raises(ConfigError) as cli:
        load_config(path, HELSINKI)
    assert str(cli.value) == str(refused.value)


def test_a_file_already_broken_by_hand_is_reported_as_the_cli_would(tmp_path: Path):
    path = tmp_path / "config.toml"
    broken = COMMENTED.replace("per_week = 3", "per_wek = 3")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        edit_config(path, {"routine.lunch": ["11:45", "12:15"]}, fallback_zone=HELSINKI)
    assert str(refused.value) == f"{path}: unknown key 'targets.linkedin.per_wek' — did you mean 'per_week'?"
    assert path.read_text(encoding="utf-8") == broken


def test_writes_atomically_through_a_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    inode = path.stat().st_ino
    edit_config(path, {"targets.linkedin.per_week": 4}, fallback_zone=HELSINKI)
    assert path.stat().st_ino != inode  # replaced in one rename, never rewritten in place

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    written = path.read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cannot be written \(No space left on device\)"):
        edit_config(path, {"targets.linkedin.per_week": 5}, fallback_zone=HELSINKI)
    assert path.read_text(encoding="utf-8") == written
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]


def test_creates_the_file_when_there_is_none_and_keeps_a_symlink_a_symlink(tmp_path: Path):
    path = tmp_path / "new" / "config.toml"
    edit_config(path, {"routine.timezone": "Europe/Helsinki"}, fallback_zone=HELSINKI)
    assert path.read_text(encoding="utf-8") == '[routine]\ntimezone = "Europe/Helsinki"\n'

    real = tmp_path / "dotfiles" / "somedesk.toml"
    real.parent.mkdir()
    real.write_text(COMMENTED, encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    edit_config(link, {"targets.linkedin.per_week": 4}, fallback_zone=HELSINKI)
    assert link.is_symlink()
    assert "per_week = 4" in real.read_text(encoding="utf-8")


def test_nothing_is_written_when_nothing_changes(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    inode = path.stat().st_ino
    edit_config(path, {"routine.lunch": ["11:30", "12:00"]}, fallback_zone=HELSINKI)
    assert path.stat().st_ino == inode


def test_read_value(tmp_path: Path):
    path = tmp_path / "config.toml"
    assert read_value(path, "ui.language", "system") == "system"
    path.write_text('[ui]\nlanguage = "fi"\n', encoding="utf-8")
    assert read_value(path, "ui.language", "system") == "fi"
    assert read_value(path, "ui.missing", 1) == 1
    path.write_text("[ui\n", encoding="utf-8")
    assert read_value(path, "ui.language", "system") == "system"
