"""`somedesk run` follows config.toml while it runs (issue 12, defect 9): quiet hours added to the
file hold the next post, and an edit that does not parse keeps the last good settings, in one log line."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.e2e.conftest import Runner
from tests.e2e.test_run import CONFIG, in_seconds, running, state_of, wait_until

__all__ = ["running"]  # the fixture, shared with test_run.py


def add_sandbox_draft(somedesk: Runner, text: str) -> int:
    draft_id: int = json.loads(somedesk("drafts", "add", text, "--network", "sandbox", "--json").stdout)["id"]
    return draft_id


def quiet_around_now() -> str:
    now = datetime.now(UTC)
    start, end = now - timedelta(hours=1), now + timedelta(hours=1)
    window = f'quiet_hours = ["{start:%H:%M}", "{end:%H:%M}"]'
    return CONFIG.replace("quiet_hours = []", window)


def test_quiet_hours_added_while_running_hold_the_next_post(somedesk: Runner, home: Path, running):
    process = running()
    first = add_sandbox_draft(somedesk, "before the edit")
    second = add_sandbox_draft(somedesk, "after the edit")
    assert somedesk("schedule", str(first), "--at", in_seconds(3)).returncode == 0
    second_at = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=9)
    assert somedesk("schedule", str(second), "--at", second_at.isoformat()).returncode == 0

    config = home / "config.toml"
    config.write_text("[routine\ntimezone = ", encoding="utf-8")  # a half-saved edit
    wait_until(lambda: (home / "outbox.jsonl").exists())  # the last good settings still publish
    log = (home / "logs" / "somedesk.log").read_text(encoding="utf-8")
    assert log.count("config not reloaded") == 1, log

    config.write_text(quiet_around_now(), encoding="utf-8")
    assert datetime.now(UTC) < second_at, "too slow to test: the edit came after the post's time"
    time.sleep((second_at - datetime.now(UTC)).total_seconds() + 2)  # past the second post's time
    assert state_of(somedesk, first)["state"] == "published"
    held = state_of(somedesk, second)
    assert held["state"] == "scheduled", held  # the old runtime published it, ignoring the new quiet hours
    assert len((home / "outbox.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    log = (home / "logs" / "somedesk.log").read_text(encoding="utf-8")
    assert log.count("config not reloaded") == 1 and "config reloaded from" in log
    assert process.poll() is None
