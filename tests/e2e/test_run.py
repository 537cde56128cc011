"""`somedesk run` as a real process: one per data folder, clean stops, schedule changes picked up
at once, and a SIGKILL in the middle of a request that still ends with exactly one post."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from somedesk.core.accounts import Account, AccountState
from somedesk.core.model import Network
from somedesk.networks.credentials import SecretName, Secrets
from somedesk.store import Store
from somedesk.store.publishing import PublishingRecords
from tests.e2e.conftest import Runner
from tests.fakes.linkedin import FakeLinkedIn
from tests.keyrings import FileKeyring

CONFIG = """
[routine]
timezone = "UTC"
workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
quiet_hours = []

[publishing]
reply_reminders = []
"""


@pytest.fixture
def running(home: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    processes: list[subprocess.Popen[str]] = []
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")

    def start(extra_env: dict[str, str] | None = None, *options: str) -> subprocess.Popen[str]:
        env = {**os.environ, "SOMEDESK_HOME": str(home), **(extra_env or {})}
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # notes go to the terminal, not a desktop
        process = subprocess.Popen(
            [sys.executable, "-m", "somedesk", *options, "run"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        assert process.stdout is not None
        first_line = process.stdout.readline()  # printed once the lock is held and the runtime started
        assert "somedesk is running for" in first_line or process.poll() is not None, first_line
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def wait_until(condition: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def state_of(somedesk: Runner, draft_id: int) -> dict[str, object]:
    publications: list[dict[str, object]] = json.loads(
        somedesk("drafts", "show", str(draft_id), "--json").stdout
    )["publications"]
    return publications[0]


def in_seconds(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="seconds")


def test_run_publishes_on_time_and_stops_cleanly(somedesk: Runner, home: Path, running):
    process = running()
    draft_id = json.loads(
        somedesk("drafts", "add", "from the runtime", "--network", "sandbox", "--json").stdout
    )["id"]
    assert somedesk("schedule", str(draft_id), "--at", in_seconds(2)).returncode == 0  # nudges the runtime
    wait_until(lambda: state_of(somedesk, draft_id)["state"] == "published")
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert "Published on Sandbox: file://" in out and out.rstrip().endswith("Stopped.")
    assert len((home / "outbox.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_a_second_run_on_the_same_folder_refuses(somedesk: Runner, home: Path, running):
    first = running()
    second = somedesk("run")
    assert second.returncode == 1
    assert "somedesk is already running for" in second.stderr and second.stderr.count("\n") == 1
    assert first.poll() is None


def test_verbose_shows_the_log_on_stderr_and_the_log_file_keeps_it(home: Path, running):
    quiet = running()
    quiet.send_signal(signal.SIGTERM)
    _out, quiet_err = quiet.communicate(timeout=15)
    loud = running(None, "--verbose")
    loud.send_signal(signal.SIGTERM)
    _out, loud_err = loud.communicate(timeout=15)
    assert quiet.returncode == loud.returncode == 0
    assert quiet_err == ""
    assert "INFO somedesk.runtime.headless: runtime started" in loud_err.splitlines()
    assert "notifications go to the log: no session bus" in loud_err
    log = (home / "logs" / "somedesk.log").read_text(encoding="utf-8")
    assert log.count("runtime started") == 2 and log.count("runtime stopped") == 2


def seed_linkedin(home: Path, linkedin: FakeLinkedIn, secrets: Secrets) -> None:
    (home / "config.toml").write_text(
        CONFIG + f'\n[networks.linkedin]\nclient_id = "{linkedin.client_id}"\n', encoding="utf-8"
    )
    store = Store.open(home / "somedesk.db")
    now = datetime.now(UTC)
    PublishingRecords(store).save_account(
        Account(
            Network.LINKEDIN,
            "Ada Lovelace",
            linkedin.member.urn,
            now + timedelta(days=60),
            AccountState.CONNECTED,
            now,
        ),
        now,
    )
    store.close()
    secrets.set(Network.LINKEDIN, SecretName.ACCESS_TOKEN, linkedin.issue_token())


def test_sigkill_mid_request_still_ends_with_exactly_one_post(
    somedesk: Runner, home: Path, running, file_keyring: FileKeyring
):
    with FakeLinkedIn() as linkedin:
        seed_linkedin(home, linkedin, Secrets(file_keyring))
        env = {
            "OAUTHLIB_INSECURE_TRANSPORT": "1",
            "SOMEDESK_LINKEDIN_API_BASE": linkedin.base_url,
            "SOMEDESK_LINKEDIN_OAUTH_BASE": f"{linkedin.base_url}/oauth/v2",
        }
        draft_id = json.loads(
            somedesk("drafts", "add", "Killed mid-request (really)", "--network", "linkedin", "--json").stdout
        )["id"]
        linkedin.delay_next("posts", 20)  # the post is created; the answer never comes in time
        first = running(env)
        somedesk("schedule", str(draft_id), "--at", in_seconds(1), env=env)
        wait_until(lambda: linkedin.count("posts") == 1)
        first.kill()  # SIGKILL while the request is held open
        first.wait(timeout=10)
        assert state_of(somedesk, draft_id)["state"] == "publishing"

        second = running(env)
        wait_until(lambda: state_of(somedesk, draft_id)["state"] != "publishing")
        publication = state_of(somedesk, draft_id)
        assert publication["state"] == "published", publication
        assert len(linkedin.posts) == 1  # the re-send was refused as a duplicate, naming the post
        assert publication["url"] == f"https://www.linkedin.com/feed/update/{linkedin.posts[0].urn}/"
        second.send_signal(signal.SIGINT)
        second.communicate(timeout=15)
        assert second.returncode == 0
