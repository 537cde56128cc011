"""`somedesk export --ics`: the schedule as a calendar file, to a file or standard output; bad paths say
why."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar

from tests.e2e.conftest import Runner


def _published_draft(somedesk: Runner) -> int:
    draft_id = json.loads(
        somedesk("drafts", "add", "Hello calendar", "--network", "sandbox", "--json").stdout
    )["id"]
    assert somedesk("publish", str(draft_id)).returncode == 0
    return int(draft_id)


def test_export_writes_a_file_and_standard_output(somedesk: Runner, tmp_path: Path):
    draft_id = _published_draft(somedesk)
    target = tmp_path / "posts.ics"
    written = somedesk("export", "--ics", str(target))
    assert written.returncode == 0, written.stderr
    assert written.stdout.strip() == f"Exported 1 post to {target}."
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Sandbox post (published): Hello calendar"
    assert str(event["transp"]) == "TRANSPARENT"
    assert str(event["uid"]) == f"publication-{draft_id}@somedesk"

    printed = somedesk("export", "--ics", "-")
    assert printed.returncode == 0 and printed.stderr == ""
    (same,) = Calendar.from_ical(printed.stdout).walk("VEVENT")
    assert same["uid"] == event["uid"] and same.decoded("dtstart") == event.decoded("dtstart")


def test_export_to_a_missing_folder_fails_in_one_line(somedesk: Runner, tmp_path: Path):
    missing = tmp_path / "no-such-folder" / "posts.ics"
    result = somedesk("export", "--ics", str(missing))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"somedesk: cannot write {missing}: the folder {missing.parent} does not exist\n"
    assert not missing.parent.exists()
    unwritable = somedesk("export", "--ics", "/sys/posts.ics")
    assert unwritable.returncode == 1
    assert unwritable.stderr == "somedesk: cannot write /sys/posts.ics: Permission denied\n"
