"""The command line end to end: a real subprocess, a real database, real calendar files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.e2e.conftest import Runner

HELSINKI = ZoneInfo("Europe/Helsinki")

CONFIG = """
[routine]
timezone = "Europe/Helsinki"
workdays = ["mon", "tue", "wed", "thu", "fri"]
work_hours = ["08:30", "16:30"]
lunch = ["11:30", "12:00"]
commutes = [["07:40", "08:10"], ["16:40", "17:10"]]
quiet_hours = ["19:00", "07:00"]

[routine.days.fri]
commutes = []

[calendars]
sources = ["work.ics"]
me = ["jari@example.com"]
"""

WORK_ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//somedesk tests//EN
BEGIN:VEVENT
UID:sync@example.com
DTSTAMP:20261101T000000Z
DTSTART;TZID=Europe/Helsinki:20261207T100000
DTEND;TZID=Europe/Helsinki:20261207T110000
RRULE:FREQ=WEEKLY;BYDAY=MO,WE
SUMMARY:Weekly sync
END:VEVENT
END:VCALENDAR
"""


def write_config(home: Path, ics: str = WORK_ICS) -> None:
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    (home / "work.ics").write_text(ics, encoding="utf-8")


def next_weekday(weekday: int) -> date:
    """The next such weekday at least two days ahead, so 'future' holds for the whole test."""
    day = datetime.now(HELSINKI).date() + timedelta(days=2)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def test_init_writes_a_commented_config_once(somedesk: Runner, home: Path):
    first = somedesk("init")
    assert first.returncode == 0 and "Wrote" in first.stdout
    text = (home / "config.toml").read_text(encoding="utf-8")
    assert 'timezone = "Europe/Helsinki"' in text and "#" in text
    (home / "config.toml").write_text(text + "\n# my own note\n", encoding="utf-8")
    second = somedesk("init")
    assert second.returncode == 0 and "left it unchanged" in second.stdout
    assert (home / "config.toml").read_text(encoding="utf-8").endswith("# my own note\n")


def test_moments_json_for_a_week(somedesk: Runner, home: Path):
    write_config(home)
    result = somedesk("moments", "--from", "2026-12-07", "--days", "7", "--json")
    assert result.returncode == 0, result.stderr
    moments = json.loads(result.stdout)
    starts = [m["start"] for m in moments]
    assert starts == sorted(starts)
    assert {m["kind"] for m in moments} == {"commute", "lunch", "before-meeting"}
    for moment in moments:
        assert set(moment) >= {"start", "end", "kind", "label", "score"}
        assert moment["start"].endswith("+02:00") and 0 <= moment["score"] <= 1
        assert date.fromisoformat(moment["start"][:10]).weekday() < 5
    monday = [m for m in moments if m["start"].startswith("2026-12-07")]
    assert monday[0] == {**monday[0], "start": "2026-12-07T07:40:00+02:00", "kind": "commute"}
    before = [m for m in monday if m["kind"] == "before-meeting"]
    assert before and before[0]["label"] == "Before “Weekly sync”"
    assert (
        before[0]["start"] == "2026-12-07T09:50:00+02:00" and before[0]["end"] == "2026-12-07T10:00:00+02:00"
    )
    friday = [m for m in moments if m["start"].startswith("2026-12-11")]
    assert [m["kind"] for m in friday] == ["lunch"]  # the Friday override has no commutes


def test_moments_table_is_grouped_by_day(somedesk: Runner, home: Path):
    write_config(home)
    result = somedesk("moments", "--from", "2026-12-12", "--days", "3")
    assert result.returncode == 0
    assert "Sat 12 Dec 2026" in result.stdout and "(no moments)" in result.stdout
    assert "Mon 14 Dec 2026" in result.stdout and "07:40–08:10  Morning commute" in result.stdout


def test_extra_calendar_on_the_command_line(somedesk: Runner, home: Path, tmp_path: Path):
    write_config(home)
    extra = tmp_path / "extra.ics"
    extra.write_text(
        WORK_ICS.replace("20261207T100000", "20261207T114000")
        .replace("20261207T110000", "20261207T130000")
        .replace("sync@example.com", "lunch-meeting@example.com")
        .replace("Weekly sync", "Client lunch"),
        encoding="utf-8",
    )
    result = somedesk("moments", "--from", "2026-12-07", "--days", "1", "--json", "--calendar", str(extra))
    lunch = [m for m in json.loads(result.stdout) if m["kind"] == "lunch"]
    assert lunch == [] or all(m["end"] <= "2026-12-07T11:40:00+02:00" for m in lunch)


def test_a_broken_calendar_is_named_and_the_others_still_count(somedesk: Runner, home: Path, tmp_path: Path):
    write_config(home)
    broken = tmp_path / "broken.ics"
    broken.write_text("this is not a calendar\n", encoding="utf-8")
    result = somedesk("moments", "--from", "2026-12-07", "--days", "1", "--json", "--calendar", str(broken))
    assert result.returncode == 1
    assert "broken.ics" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    moments = json.loads(result.stdout)
    assert any(m["label"] == "Before “Weekly sync”" for m in moments)  # work.ics still used


def test_malformed_config_is_one_line_and_non_zero(somedesk: Runner, home: Path):
    (home / "config.toml").write_text('[routine]\nlunch = ["25:00", "12:00"]\n', encoding="utf-8")
    result = somedesk("moments")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "25:00" in result.stderr


def test_config_option_reads_another_file(somedesk: Runner, home: Path, tmp_path: Path):
    other = tmp_path / "other.toml"
    other.write_text('[routine]\ntimezone = "America/New_York"\n', encoding="utf-8")
    result = somedesk("--config", str(other), "moments", "--from", "2026-12-07", "--days", "1", "--json")
    assert json.loads(result.stdout)[0]["start"] == "2026-12-07T07:45:00-05:00"
    missing = somedesk("--config", str(tmp_path / "nope.toml"), "queue")
    assert missing.returncode == 1 and "no such config file" in missing.stderr


def test_drafts_lifecycle(somedesk: Runner, home: Path):
    added = somedesk("drafts", "add", "Launch day! 🚀", "--network", "linkedin", "--network", "x", "--json")
    assert added.returncode == 0
    draft_id = json.loads(added.stdout)["id"]
    listed = json.loads(somedesk("drafts", "list", "--json").stdout)
    assert [d["id"] for d in listed] == [draft_id] and listed[0]["networks"] == ["linkedin", "x"]
    assert somedesk("drafts", "edit", str(draft_id), "Launch day, take two").returncode == 0
    shown = json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)
    assert shown["text"] == "Launch day, take two"
    assert [p["state"] for p in shown["publications"]] == ["draft", "draft"]
    assert "Launch day, take two" in somedesk("drafts", "show", str(draft_id)).stdout
    assert somedesk("drafts", "delete", str(draft_id)).returncode == 0
    gone = somedesk("drafts", "show", str(draft_id))
    assert gone.returncode == 1 and f"there is no draft {draft_id}" in gone.stderr


def test_draft_text_from_standard_input(somedesk: Runner):
    added = somedesk("drafts", "add", "-", "--json", stdin="Line one\nLine two\n")
    shown = json.loads(somedesk("drafts", "show", str(json.loads(added.stdout)["id"]), "--json").stdout)
    assert shown["text"] == "Line one\nLine two\n"


def test_bad_input_is_one_line_and_non_zero(somedesk: Runner):
    empty = somedesk("drafts", "add", "   ")
    assert empty.returncode == 1 and empty.stderr.count("\n") == 1
    unknown = somedesk("drafts", "delete", "42")
    assert unknown.returncode == 1 and "there is no draft 42" in unknown.stderr
    not_a_number = somedesk("drafts", "show", "abc")
    assert not_a_number.returncode == 2 and "is not a draft id" in not_a_number.stderr
    bad_date = somedesk("moments", "--from", "2026-13-01")
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr


def test_schedule_at_a_moment_and_see_it_in_the_queue(somedesk: Runner, home: Path):
    write_config(home)
    tuesday = next_weekday(1)
    draft_id = json.loads(somedesk("drafts", "add", "Hello", "--network", "linkedin", "--json").stdout)["id"]
    result = somedesk("schedule", str(draft_id), "--at", f"{tuesday}T11:35")
    assert result.returncode == 0, result.stderr
    assert "(Lunch)" in result.stdout
    queue = json.loads(somedesk("queue", "--json").stdout)
    assert len(queue) == 1
    assert (
        queue[0]["at"]
        == datetime.combine(tuesday, datetime.min.time().replace(hour=11, minute=35), HELSINKI).isoformat()
    )
    assert queue[0]["label"] == "Lunch" and queue[0]["state"] == "scheduled" and queue[0]["draft"] == draft_id
    assert "Lunch" in somedesk("queue").stdout


def test_schedule_refuses_quiet_hours_and_the_past(somedesk: Runner, home: Path):
    write_config(home)
    draft_id = json.loads(somedesk("drafts", "add", "Hello", "--network", "x", "--json").stdout)["id"]
    evening = somedesk("schedule", str(draft_id), "--at", f"{next_weekday(2)}T21:00")
    assert evening.returncode == 1 and "quiet hours (19:00–07:00)" in evening.stderr
    past = somedesk("schedule", str(draft_id), "--at", "2020-01-07T11:30")
    assert past.returncode == 1 and "already passed" in past.stderr
    garbage = somedesk("schedule", str(draft_id), "--at", "tomorrow-ish")
    assert garbage.returncode == 1 and "is not a time" in garbage.stderr
    assert json.loads(somedesk("queue", "--json").stdout) == []


def test_schedule_next_picks_a_future_moment_for_each_network(somedesk: Runner, home: Path):
    write_config(home)
    draft_id = json.loads(
        somedesk("drafts", "add", "Hello", "--network", "linkedin", "--network", "x", "--json").stdout
    )["id"]
    result = somedesk("schedule", str(draft_id), "--next", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert {i["network"] for i in items} == {"linkedin", "x"}
    now = datetime.now(HELSINKI)
    for item in items:
        at = datetime.fromisoformat(item["at"])
        assert at >= now - timedelta(minutes=1)
        assert 7 <= at.hour < 19 and at.weekday() < 5
        assert item["kind"] in {"commute", "lunch", "before-meeting"}


def test_schedule_a_draft_without_network_asks_for_one(somedesk: Runner, home: Path):
    write_config(home)
    draft_id = json.loads(somedesk("drafts", "add", "Hello", "--json").stdout)["id"]
    result = somedesk("schedule", str(draft_id), "--next")
    assert result.returncode == 1 and "--network" in result.stderr
    assert somedesk("schedule", str(draft_id), "--next", "--network", "x").returncode == 0


def test_unschedule(somedesk: Runner, home: Path):
    write_config(home)
    draft_id = json.loads(somedesk("drafts", "add", "Hello", "--network", "x", "--json").stdout)["id"]
    scheduled = somedesk("schedule", str(draft_id), "--at", f"{next_weekday(3)}T11:40")
    assert scheduled.returncode == 0, scheduled.stderr
    unscheduled = somedesk("unschedule", str(draft_id))
    assert unscheduled.returncode == 0, unscheduled.stderr
    assert json.loads(somedesk("queue", "--json").stdout) == []
    again = somedesk("unschedule", str(draft_id))
    assert again.returncode == 1 and "not scheduled" in again.stderr


def test_check_reports_lengths_and_exits_1_when_over(somedesk: Runner):
    ok = somedesk("check", "Hi http://test.co")
    assert ok.returncode == 0
    assert "X: 26 / 280" in ok.stdout and "LinkedIn: 17 / 3,000" in ok.stdout
    # Over one X post is a thread, not "too long": check says what Quick post and the publisher do.
    thread = somedesk("check", "あ" * 160, "--network", "x", "--json")
    assert thread.returncode == 0
    [length] = json.loads(thread.stdout)["lengths"]
    assert length == {**length, "length": 320, "parts": 2, "ok": True}
    shown = somedesk("check", "あ" * 160, "--network", "x")
    assert shown.returncode == 0 and "X: 320 / 280 (ok, 2 posts as a thread)" in shown.stdout
    long_linkedin = somedesk("check", "a" * 3001, "--network", "linkedin")
    assert long_linkedin.returncode == 1 and "too long" in long_linkedin.stdout


def test_no_arguments_shows_today_tomorrow_and_the_queue(somedesk: Runner, home: Path):
    write_config(home)
    result = somedesk("today")
    assert result.returncode == 0, result.stderr
    today = datetime.now(HELSINKI).date()
    assert f"{today:%a} {today.day} {today:%b %Y}" in result.stdout
    assert "Queue" in result.stdout


def test_the_command_line_never_imports_qt(home: Path):
    write_config(home)
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['somedesk', 'moments', '--from', '2026-12-07', '--days', '1']\n"
        "try:\n    runpy.run_module('somedesk', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NO-QT')\n"
    )
    env = {**os.environ, "SOMEDESK_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, env=env)
    assert done.stdout.strip().endswith("NO-QT"), done.stderr


def test_no_command_without_a_display_shows_the_overview(somedesk: Runner, home: Path):
    write_config(home)
    result = somedesk(env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""})
    assert result.returncode == 0, result.stderr
    assert "Queue" in result.stdout
    window = somedesk("--show", "planner", env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""})
    assert window.returncode == 1 and "no display" in window.stderr


GC_PROBE = """
import gc, sys
collections = []
gc.callbacks.append(lambda phase, info: collections.append(phase))
sys.argv = ["somedesk", *sys.argv[1:]]
from somedesk.entry import main
code = main()
print(code, gc.isenabled(), len(collections) > 0)
"""


def test_a_command_runs_with_the_garbage_collector_that_start_up_held_off(home: Path):
    write_config(home)
    env = {**os.environ, "SOMEDESK_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", GC_PROBE, "moments", "--from", "2026-12-07", "--days", "14"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.splitlines()[-1] == "0 True True", done.stderr
