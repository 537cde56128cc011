"""`somedesk phone …` and the schedule commands' phone updates, through the real CLI in subprocesses against
the fake ntfy server."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import Runner
from tests.fakes.ntfy import FakeNtfy
from tests.keyrings import FILE_VARIABLE, FileKeyring

TOPIC = "sd_cli_Wq7mX2pz"


@pytest.fixture
def fake(home: Path, file_keyring: FileKeyring) -> Iterator[FakeNtfy]:
    with FakeNtfy() as server:
        (home / "config.toml").write_text(
            '# my config\n[routine]\ntimezone = "Europe/Helsinki"\nquiet_hours = []\n', encoding="utf-8"
        )
        yield server


def keyring_entries() -> dict[str, str]:
    entries: dict[str, dict[str, str]] = json.loads(
        Path(os.environ[FILE_VARIABLE]).read_text(encoding="utf-8")
    )
    return entries.get("somedesk", {})


def wait_for(condition: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def in_hours(hours: float) -> str:
    return (datetime.now(ZoneInfo("Europe/Helsinki")) + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def test_setup_schedule_down_and_back_status_and_off(somedesk: Runner, home: Path, fake: FakeNtfy) -> None:
    setup = somedesk("phone", "setup", "--server", fake.base_url, stdin=f"{TOPIC}\n\n")
    assert setup.returncode == 0, setup.stderr
    assert f"goes to {fake.base_url} (and only there)" in setup.stdout
    assert TOPIC in setup.stdout  # shown once, to subscribe
    config = (home / "config.toml").read_text(encoding="utf-8")
    assert (
        config.startswith("# my config") and f'server = "{fake.base_url}"' in config and TOPIC not in config
    )
    assert keyring_entries()["app:phone_topic"] == TOPIC and "app:phone_token" not in keyring_entries()

    added = somedesk("drafts", "add", "Tram thought", "--network", "x")
    assert added.returncode == 0
    scheduled = somedesk("schedule", "1", "--at", in_hours(3), "--mode", "remind")
    assert scheduled.returncode == 0, scheduled.stderr
    wait_for(lambda: len(fake.pending(TOPIC)) == 1)  # the command's background sync
    assert fake.pending(TOPIC)[0].message == "Tram thought"

    fake.close()
    moved = somedesk("schedule", "1", "--at", in_hours(4))
    assert moved.returncode == 0  # the change is made ...
    assert "somedesk: the phone will be updated later" in moved.stderr  # ... and says the phone waits
    status = somedesk("phone", "status", "--json")
    report = json.loads(status.stdout)
    assert report["behind"] == 1 and "did not answer" in report["last_error"]
    assert TOPIC not in status.stdout
    failed = somedesk("phone", "test")
    assert failed.returncode == 1 and failed.stderr.startswith("somedesk: could not send to your phone")

    fake.start()
    synced = somedesk("phone", "sync")
    assert synced.returncode == 0, synced.stderr
    [held] = fake.pending(TOPIC)
    assert round(held.time - time.time()) in range(4 * 3600 - 60, 4 * 3600 + 400)
    text = somedesk("phone", "status").stdout
    assert "Reminders the server holds for you: 1" in text and "Up to date" in text

    off = somedesk("phone", "off")
    assert off.returncode == 0 and "1 reminder cancelled" in off.stdout
    assert fake.pending(TOPIC) == [] and "app:phone_topic" not in keyring_entries()
    assert "Not set up" in somedesk("phone", "status").stdout


def test_ideas_from_the_phone_become_drafts(somedesk: Runner, fake: FakeNtfy) -> None:
    assert somedesk("phone", "setup", "--server", fake.base_url, stdin=f"{TOPIC}\n\n").returncode == 0
    fake.post_from_phone(TOPIC + "-inbox", "An idea from the tram")
    first = somedesk("phone", "sync")
    assert "New draft 1 from your phone: An idea from the tram" in first.stdout
    assert "New draft" not in somedesk("phone", "sync").stdout
    listing = somedesk("drafts", "list").stdout
    assert "An idea from the tram" in listing


def test_bad_input_is_one_line(somedesk: Runner, fake: FakeNtfy) -> None:
    bad = somedesk("phone", "setup", "--server", fake.base_url, stdin="not a topic!\n\n")
    assert bad.returncode == 1 and bad.stderr.strip().count("\n") == 0 and "1–58 letters" in bad.stderr
    unset = somedesk("phone", "test")
    assert unset.returncode == 1 and "somedesk phone setup" in unset.stderr
    usage = somedesk("phone", "posted", "abc")
    assert usage.returncode == 2


def test_publishing_from_the_command_line_cancels_the_phone_reminder(
    somedesk: Runner, fake: FakeNtfy
) -> None:
    assert somedesk("phone", "setup", "--server", fake.base_url, stdin=f"{TOPIC}\n\n").returncode == 0
    assert somedesk("drafts", "add", "Out now", "--network", "sandbox").returncode == 0
    assert somedesk("schedule", "1", "--at", in_hours(3)).returncode == 0
    wait_for(lambda: len(fake.pending(TOPIC)) == 1)
    published = somedesk("publish", "1")
    assert published.returncode == 0, published.stderr
    wait_for(lambda: fake.pending(TOPIC) == [])
    assert fake.count("delete") == 1
