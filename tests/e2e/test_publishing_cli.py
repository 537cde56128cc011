"""The command line over a draft that is partly out: what `drafts edit` and `unschedule` say (issue 12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from somedesk.core.drafts import PublicationState
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from somedesk.store.publishing import PublishingRecords
from tests.e2e.conftest import Runner
from tests.e2e.test_accounts_cli import fake_env, fakes  # noqa: F401  (fakes: a fixture)
from tests.fakes.linkedin import FakeLinkedIn
from tests.fakes.x import FakeX

THREAD = "One.\n---\nTwo.\n---\nThree."


def _store(home: Path) -> Store:
    return Store.open(resolve_paths(env={"SOMEDESK_HOME": str(home)}).database)


def _part_one_out(home: Path, publication_id: int) -> None:
    """Part 1 of the X thread is on X and the rest failed: what a failure half-way leaves."""
    now = datetime.now(UTC)
    store = _store(home)
    records = PublishingRecords(store)
    begun = records.begin(publication_id, now, 1, lambda _pid: False)
    records.record_part(
        publication_id, 0, "1346889436626259968", "https://x.com/me/status/1346889436626259968", now, "One."
    )
    records.finish(
        publication_id, begun.attempt_id, PublicationState.FAILED, now, outcome="transient", reason="503"
    )
    store.close()


def test_drafts_edit_refuses_to_change_a_posted_part_in_one_line(somedesk: Runner, home: Path):
    added = json.loads(somedesk("drafts", "add", THREAD, "--network", "x", "--json").stdout)
    draft = json.loads(somedesk("drafts", "show", str(added["id"]), "--json").stdout)
    _part_one_out(home, draft["publications"][0]["id"])
    refused = somedesk("drafts", "edit", str(added["id"]), "Uno.\n---\nDos.")
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert "part 1 is already on X (https://x.com/me/status/1346889436626259968)" in refused.stderr
    assert f"post the rest as written (somedesk publish {added['id']} --network x)" in refused.stderr
    assert "start a new post" in refused.stderr
    assert json.loads(somedesk("drafts", "show", str(added["id"]), "--json").stdout)["text"] == THREAD
    kept = somedesk("drafts", "edit", str(added["id"]), "One.\n---\nTwo, better.")  # only what is not out
    assert kept.returncode == 0, kept.stderr


def test_unschedule_a_partly_published_draft_takes_off_the_rest_and_says_what_stays(
    somedesk: Runner, home: Path
):
    added = json.loads(
        somedesk("drafts", "add", "Both", "--network", "linkedin", "--network", "x", "--json").stdout
    )
    draft_id = added["id"]
    now = datetime.now(UTC)
    store = _store(home)
    linkedin, x = store.draft(draft_id).publications
    records = PublishingRecords(store)
    begun = records.begin(linkedin.id, now, 1, lambda _pid: False)
    url = "https://www.linkedin.com/feed/update/urn:li:share:7/"
    records.finish(
        linkedin.id, begun.attempt_id, PublicationState.PUBLISHED, now, outcome="published", url=url
    )
    store.schedule(x.id, now + timedelta(days=1), None, "Chosen time", now)
    store.close()

    done = somedesk("unschedule", str(draft_id))
    # Before: exit 1, "it is already published, so it cannot be draft now", and X stayed scheduled.
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Draft {draft_id} is no longer scheduled for X.",
        f"Draft {draft_id}: it stays published on LinkedIn: {url}.",
    ]
    states = {
        p["network"]: p["state"]
        for p in json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)["publications"]
    }
    assert states == {"linkedin": "published", "x": "draft"}
    again = somedesk("unschedule", str(draft_id), "--network", "linkedin")
    assert again.returncode == 1 and len(again.stderr.strip().splitlines()) == 1
    assert f"draft {draft_id} is not scheduled; it stays published on LinkedIn: {url}" in again.stderr


def test_unschedule_a_half_posted_thread_says_which_parts_stay_out(somedesk: Runner, home: Path):
    added = json.loads(somedesk("drafts", "add", THREAD, "--network", "x", "--json").stdout)
    draft = json.loads(somedesk("drafts", "show", str(added["id"]), "--json").stdout)
    _part_one_out(home, draft["publications"][0]["id"])  # failed after part 1
    done = somedesk("unschedule", str(added["id"]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Draft {added['id']} is no longer scheduled for X.",
        f"Draft {added['id']}: part 1 stays on X: https://x.com/me/status/1346889436626259968.",
    ]
    # Not a plain draft, which would hide the post on X (the chaos test's "hidden-post"): it waits
    # for the person, saying what is out and how to finish it.
    [publication] = json.loads(somedesk("drafts", "show", str(added["id"]), "--json").stdout)["publications"]
    assert publication["state"] == "needs-attention"
    assert publication["reason"] == (
        "part 1 already on X (https://x.com/me/status/1346889436626259968); the rest is off the "
        "schedule: publish it to post the rest as written"
    )


def test_a_publish_killed_in_its_retry_wait_is_found_on_x_by_the_next_publish(
    somedesk: Runner,
    home: Path,
    fakes: tuple[FakeX, FakeLinkedIn],  # noqa: F811  (the fixture imported above)
):
    """Issue 12 #2 and #3 with a real SIGKILL: X made the post and answered 503; the process was killed
    while it waited to try again. The next `publish` finds the post instead of saying 'not where'."""
    x, linkedin = fakes
    env = fake_env(x, linkedin)
    assert somedesk("accounts", "connect", "x", env=env).returncode == 0
    draft_id = json.loads(somedesk("drafts", "add", "Killed mid-wait", "--network", "x", "--json").stdout)[
        "id"
    ]
    x.create_then_fail(503)
    publishing = subprocess.Popen(
        [sys.executable, "-m", "somedesk", "publish", str(draft_id)],
        env={**os.environ, "SOMEDESK_HOME": str(home), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while x.count("tweets") == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    publishing.kill()  # in its 1-2 s wait before the next try (or just before): no clean-up runs
    publishing.communicate()
    assert len(x.tweets) == 1
    store = _store(home)
    assert store.draft(draft_id).publications[0].state is PublicationState.PUBLISHING
    store.close()

    again = somedesk("publish", str(draft_id), env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"Published on X: https://x.com/XDevelopers/status/{x.tweets[0].id}"
    assert len(x.tweets) == 1 and x.count("user_tweets") == 1


def test_somedesk_run_stops_at_once_on_sigterm_while_a_post_waits_out_a_rate_limit(
    somedesk: Runner,
    home: Path,
    fakes: tuple[FakeX, FakeLinkedIn],  # noqa: F811  (the fixture imported above)
):
    """Issue 12 #5: the wait held the runtime, so SIGTERM took as long as X's rate limit."""
    x, linkedin = fakes
    env = fake_env(x, linkedin)
    # No quiet hours: the post is due whatever the time of day the test runs at.
    config = home / "config.toml"
    routine = "\n[routine]\nquiet_hours = []\n"
    config.write_text(config.read_text(encoding="utf-8") + routine, encoding="utf-8")
    assert somedesk("accounts", "connect", "x", env=env).returncode == 0
    draft_id = json.loads(somedesk("drafts", "add", "Due now", "--network", "x", "--json").stdout)["id"]
    store = _store(home)
    now = datetime.now(UTC)
    store.schedule(store.draft(draft_id).publications[0].id, now, None, "Chosen time", now)
    store.close()
    reset = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(time.time()) + 80)}
    x.fail_next("tweets", 429, {"title": "Too Many Requests", "status": 429}, headers=reset, times=5)
    running = subprocess.Popen(
        [sys.executable, "-m", "somedesk", "run"],
        env={**os.environ, "SOMEDESK_HOME": str(home), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while x.count("tweets") == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # in its 80 s wait now
        began = time.monotonic()
        running.terminate()
        out, err = running.communicate(timeout=30)
    finally:
        running.kill()
    assert time.monotonic() - began < 10, "stopping waited for X's rate limit"
    assert running.returncode == 0 and "Stopped." in out, err
    assert "Traceback" not in err
    store = _store(home)
    publication = store.draft(draft_id).publications[0]
    store.close()
    assert publication.state is PublicationState.SCHEDULED and publication.reason_code == "rate-limited"
    assert x.tweets == []
