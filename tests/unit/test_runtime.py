"""The runtime in real time, in-process: jobs derived from the store, on-time publishing, late
starts, quiet hours, pause, and reminders with actions."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.app.services import Somedesk
from somedesk.core.config import Config, PublishingSettings
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.core.routine import ClockWindow, Routine
from somedesk.runtime.notify.base import LogNotifier, Note
from somedesk.runtime.scheduler import Runtime
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from tests.keyrings import MemoryKeyring

UTC_ZONE = ZoneInfo("UTC")


class RecordingNotifier(LogNotifier):
    """A real notifier back-end (the log one) that also keeps each note's action handler."""

    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[Callable[[str], None] | None] = []

    def notify(self, note: Note, on_action: Callable[[str], None] | None = None) -> None:
        super().notify(note, on_action)
        self.handlers.append(on_action)


def make_app(home: Path, *, quiet: ClockWindow | None = None, mode: str = "auto") -> Somedesk:
    paths = resolve_paths(env={"SOMEDESK_HOME": str(home)})
    paths.ensure()
    routine = Routine(zone=UTC_ZONE, workdays=frozenset(range(7)), quiet_hours=quiet)
    config = Config(routine=routine, publishing=PublishingSettings(default_mode=mode, reply_reminders=()))
    return Somedesk(paths, config, Store.open(paths.database))


@pytest.fixture
def started(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[Callable[..., tuple[Somedesk, Runtime, RecordingNotifier]]]:
    runtimes: list[Runtime] = []

    def start(**kwargs: object) -> tuple[Somedesk, Runtime, RecordingNotifier]:
        app = make_app(tmp_path / f"home{len(runtimes)}", **kwargs)  # type: ignore[arg-type]
        notifier = RecordingNotifier()
        runtime = Runtime(app, notifier, watchdog_seconds=3600)
        runtimes.append(runtime)
        return app, runtime, notifier

    yield start
    for runtime in runtimes:
        if runtime.scheduler.running:
            runtime.stop()
        runtime.app.store.close()


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def outbox_lines(app: Somedesk) -> list[str]:
    path = app.paths.data_dir / "outbox.jsonl"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_a_post_scheduled_two_seconds_ahead_is_published_exactly_once(started):
    app, runtime, _ = started()
    draft = app.add_draft("on time", [Network.SANDBOX])
    runtime.start()
    app.schedule_at(draft.id, app.clock() + timedelta(seconds=2))
    runtime.reconcile()
    assert set(runtime.job_times()) == {f"publication-{draft.publications[0].id}"}
    wait_for(lambda: app.draft(draft.id).publications[0].state is PublicationState.PUBLISHED)
    runtime.check()  # a second look never posts again
    assert len(outbox_lines(app)) == 1
    assert runtime.job_times() == {}


def test_jobs_follow_the_store(started):
    app, runtime, _ = started()
    first = app.add_draft("one", [Network.SANDBOX])
    second = app.add_draft("two", [Network.SANDBOX])
    soon = app.clock() + timedelta(hours=1)
    app.schedule_at(first.id, soon)
    app.schedule_at(second.id, soon + timedelta(minutes=30))
    runtime.start()
    soon = soon.replace(microsecond=0)  # the store keeps whole seconds
    assert runtime.job_times() == {
        f"publication-{first.publications[0].id}": soon,
        f"publication-{second.publications[0].id}": soon + timedelta(minutes=30),
    }
    app.unschedule(first.id)
    runtime.reconcile()
    assert set(runtime.job_times()) == {f"publication-{second.publications[0].id}"}


def test_a_late_start_publishes_within_grace_and_misses_beyond(started):
    app, runtime, notifier = started()
    recent = app.add_draft("ten minutes late", [Network.SANDBOX])
    old = app.add_draft("three hours late", [Network.SANDBOX])
    now = app.clock()
    app.store.schedule(recent.publications[0].id, now - timedelta(minutes=10), None, "Lunch", now)
    app.store.schedule(old.publications[0].id, now - timedelta(hours=3), None, "Morning commute", now)
    runtime.start()
    assert app.draft(recent.id).publications[0].state is PublicationState.PUBLISHED
    missed = app.draft(old.id).publications[0]
    assert missed.state is PublicationState.MISSED
    assert "passed 3 h ago" in (missed.reason or "")
    [note] = [n for n in notifier.shown if "missed its moment" in n.title]
    assert [key for key, _ in note.actions] == ["post", "next", "drafts"]
    assert len(outbox_lines(app)) == 1


def test_missed_actions_post_now_and_back_to_drafts(started):
    app, runtime, notifier = started()
    first = app.add_draft("post me anyway", [Network.SANDBOX])
    second = app.add_draft("keep me", [Network.SANDBOX])
    now = app.clock()
    for draft in (first, second):
        app.store.schedule(draft.publications[0].id, now - timedelta(hours=3), None, "Lunch", now)
    runtime.start()
    post_handler, drafts_handler = notifier.handlers[-2:]
    assert post_handler is not None and drafts_handler is not None
    post_handler("post")
    drafts_handler("drafts")
    assert app.draft(first.id).publications[0].state is PublicationState.PUBLISHED
    assert app.draft(second.id).publications[0].state is PublicationState.DRAFT


def test_nothing_goes_out_in_quiet_hours(started):
    # Quiet hours around "now", whatever time the test runs.
    now = datetime.now(UTC)
    quiet = ClockWindow(
        (now - timedelta(hours=1)).time().replace(microsecond=0),
        (now + timedelta(hours=2)).time().replace(microsecond=0),
    )
    app, runtime, notifier = started(quiet=quiet)
    draft = app.add_draft("not in the evening", [Network.SANDBOX])
    app.store.schedule(draft.publications[0].id, now - timedelta(minutes=1), None, "Lunch", now)
    runtime.start()
    assert app.draft(draft.id).publications[0].state is PublicationState.SCHEDULED
    assert outbox_lines(app) == [] and notifier.shown == []
    held = runtime.job_times()["held"]
    assert timedelta(hours=1, minutes=50) < held - now <= timedelta(hours=2, seconds=1)


@pytest.mark.parametrize("mode", ["auto", "remind"])
def test_an_overdue_item_that_stays_scheduled_does_not_spin(started, mode):
    # Held by quiet hours (auto) or waiting for the reminder's answer (remind): the item stays
    # `scheduled` with a time in the past. It must get no job of its own, or each check would
    # re-create a job that fires at once and runs the next check: a busy loop.
    from apscheduler.events import EVENT_JOB_EXECUTED

    now = datetime.now(UTC)
    quiet = None
    if mode == "auto":
        quiet = ClockWindow(
            (now - timedelta(hours=1)).time().replace(microsecond=0),
            (now + timedelta(hours=2)).time().replace(microsecond=0),
        )
    app, runtime, _ = started(quiet=quiet, mode=mode)
    draft = app.add_draft("waiting", [Network.SANDBOX])
    app.store.schedule(draft.publications[0].id, now - timedelta(minutes=1), None, "Lunch", now)
    runs: list[str] = []
    runtime.scheduler.add_listener(lambda event: runs.append(event.job_id), EVENT_JOB_EXECUTED)
    runtime.start()
    time.sleep(0.5)
    assert f"publication-{draft.publications[0].id}" not in runtime.job_times()
    assert len(runs) <= 1, runs
    assert app.draft(draft.id).publications[0].state is PublicationState.SCHEDULED


def test_pause_holds_and_resume_publishes(started):
    app, runtime, _ = started()
    draft = app.add_draft("after the pause", [Network.SANDBOX])
    app.pause(app.clock() + timedelta(hours=1))
    now = app.clock()
    app.store.schedule(draft.publications[0].id, now - timedelta(minutes=2), None, "Lunch", now)
    runtime.start()
    assert app.draft(draft.id).publications[0].state is PublicationState.SCHEDULED
    assert "held" in runtime.job_times()
    app.resume()
    runtime.check()
    assert app.draft(draft.id).publications[0].state is PublicationState.PUBLISHED


def test_remind_mode_notifies_once_and_its_actions_work(started):
    app, runtime, notifier = started(mode="remind")
    draft = app.add_draft("I post this myself", [Network.SANDBOX])
    snoozed = app.add_draft("later please", [Network.SANDBOX])
    now = app.clock()
    for d in (draft, snoozed):
        app.store.schedule(d.publications[0].id, now - timedelta(minutes=1), None, "Lunch", now)
    runtime.start()
    runtime.check()
    reminders = [n for n in notifier.shown if n.title.startswith("Lunch: your Sandbox post is ready")]
    assert len(reminders) == 2  # once each, however often the runtime looks
    assert [key for key, _ in reminders[0].actions] == ["post", "snooze", "skip"]
    assert outbox_lines(app) == []
    post, snooze = notifier.handlers[0], notifier.handlers[1]
    assert post is not None and snooze is not None
    post("post")
    snooze("snooze")
    assert app.draft(draft.id).publications[0].state is PublicationState.PUBLISHED
    later = app.draft(snoozed.id).publications[0]
    assert later.state is PublicationState.SCHEDULED and later.scheduled_at is not None
    assert timedelta(minutes=9) < later.scheduled_at - app.clock() <= timedelta(minutes=10)


def test_a_post_waiting_for_its_account_notifies_once(started):
    app, runtime, notifier = started()
    draft = app.add_draft("for LinkedIn", [Network.LINKEDIN])
    now = app.clock()
    app.store.schedule(draft.publications[0].id, now - timedelta(minutes=1), None, "Lunch", now)
    runtime.start()
    runtime.check()
    waits = [n for n in notifier.shown if n.title == "Posts wait for LinkedIn"]
    assert len(waits) == 1 and waits[0].urgent
    assert app.draft(draft.id).publications[0].state is PublicationState.SCHEDULED


def test_stop_waits_for_a_publish_under_way(started, monkeypatch):
    app, runtime, _ = started()
    draft = app.add_draft("slow network", [Network.SANDBOX])
    from somedesk.networks import sandbox

    original = sandbox.SandboxClient.post

    def slow_post(self, text, **kwargs):  # the network takes its time; stop() must wait for it
        time.sleep(1.0)
        return original(self, text, **kwargs)

    monkeypatch.setattr(sandbox.SandboxClient, "post", slow_post)
    runtime.start()
    app.schedule_at(draft.id, app.clock() + timedelta(seconds=1))
    runtime.reconcile()
    wait_for(lambda: app.draft(draft.id).publications[0].state is PublicationState.PUBLISHING)
    runtime.stop()
    assert app.draft(draft.id).publications[0].state is PublicationState.PUBLISHED


def test_a_post_two_seconds_ahead_reaches_the_fake_x_exactly_once(tmp_path, memory_keyring, monkeypatch):
    from somedesk.core.accounts import Account, AccountState
    from somedesk.core.config import NetworkSettings
    from somedesk.networks.credentials import SecretName, Secrets
    from somedesk.store.publishing import PublishingRecords
    from tests.fakes.x import FakeX

    with FakeX() as x:
        monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
        monkeypatch.setenv("SOMEDESK_X_API_BASE", x.base_url)
        monkeypatch.setenv("SOMEDESK_X_AUTHORIZE_URL", f"{x.base_url}/i/oauth2/authorize")
        paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / "home")})
        paths.ensure()
        routine = Routine(zone=UTC_ZONE, workdays=frozenset(range(7)), quiet_hours=None)
        config = Config(
            routine=routine,
            publishing=PublishingSettings(reply_reminders=()),
            networks={Network.X: NetworkSettings(client_id=x.client_id)},
        )
        app = Somedesk(paths, config, Store.open(paths.database))
        now = app.clock()
        PublishingRecords(app.store).save_account(
            Account(
                Network.X, "@XDevelopers", x.user.id, now + timedelta(hours=2), AccountState.CONNECTED, now
            ),
            now,
        )
        Secrets(memory_keyring).set(Network.X, SecretName.ACCESS_TOKEN, x.issue_token())
        runtime = Runtime(app, RecordingNotifier(), watchdog_seconds=3600)
        try:
            draft = app.add_draft("scheduled for X", [Network.X])
            runtime.start()
            app.schedule_at(draft.id, app.clock() + timedelta(seconds=2))
            runtime.reconcile()
            wait_for(lambda: app.draft(draft.id).publications[0].state is PublicationState.PUBLISHED)
            runtime.check()
            assert x.count("tweets") == 1 and [t.text for t in x.tweets] == ["scheduled for X"]
        finally:
            runtime.stop()
            app.store.close()


def test_stop_does_not_wait_behind_a_rate_limit(tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch):
    """Issue 12 #5: a publish waiting out a rate limit held the runtime's lock, so stop() hung."""
    from somedesk.core.accounts import Account, AccountState
    from somedesk.core.config import NetworkSettings
    from somedesk.networks.credentials import SecretName, Secrets
    from tests.fakes.x import FakeX

    with FakeX() as x:
        monkeypatch.setenv("SOMEDESK_X_API_BASE", x.base_url)
        paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / "home")})
        paths.ensure()
        config = Config(
            # No quiet hours: the post is due whatever the time of day the test runs at.
            routine=Routine(zone=UTC_ZONE, workdays=frozenset(range(7)), quiet_hours=None),
            publishing=PublishingSettings(default_mode="auto", reply_reminders=()),
            networks={Network.X: NetworkSettings(client_id=x.client_id)},
        )
        app = Somedesk(paths, config, Store.open(paths.database))
        now = app.clock()
        account = Account(
            Network.X, "@XDevelopers", x.user.id, now + timedelta(hours=2), AccountState.CONNECTED, now
        )
        app.accounts.records.save_account(account, now)
        Secrets(memory_keyring).set(Network.X, SecretName.ACCESS_TOKEN, x.issue_token())
        reset = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(time.time()) + 80)}
        x.fail_next("tweets", 429, {"title": "Too Many Requests", "status": 429}, headers=reset, times=5)
        draft = app.add_draft("waits for X", [Network.X])
        app.store.schedule(draft.publications[0].id, now, None, "Lunch", now)
        runtime = Runtime(app, RecordingNotifier(), watchdog_seconds=3600)
        starter = threading.Thread(target=runtime.start)  # the first check publishes, then waits 80 s
        starter.start()
        wait_for(lambda: x.count("tweets") == 1)
        time.sleep(0.2)
        began = time.monotonic()
        runtime.stop()
        starter.join(timeout=10)
        assert time.monotonic() - began < 5 and not starter.is_alive()
        publication = app.draft(draft.id).publications[0]
        assert publication.state is PublicationState.SCHEDULED and publication.reason_code == "rate-limited"
        assert x.tweets == []
        app.store.close()


def test_a_post_left_publishing_by_a_killed_process_is_resolved_while_the_runtime_runs(started):
    """Issue 12 #3: a `publish` SIGKILLed mid-way (its pid may even live on) while the runtime runs:
    the next check resolves it, not only the next start."""
    app, runtime, _ = started()
    runtime.start()
    draft = app.add_draft("left mid-publish", [Network.SANDBOX])
    [publication] = draft.publications
    app.publisher.records.begin(publication.id, app.clock(), os.getpid(), lambda _pid: False)
    runtime.check()
    # Resolved, not left `publishing`: the Sandbox refuses no duplicate, so the person looks.
    resolved = app.draft(draft.id).publications[0]
    assert resolved.state is PublicationState.NEEDS_ATTENTION
    assert "may already be on Sandbox" in (resolved.reason or "")
    assert outbox_lines(app) == []


def test_an_unanswered_reminder_is_missed_as_unanswered_and_stays_resident(tmp_path, memory_keyring):
    # Issue 12, defect 8: the runtime ran the whole time and reminded; nobody answered. The missed
    # note and the stored reason say that, not "somedesk was not running or the computer slept".
    app = make_app(tmp_path / "home", mode="remind")
    start = datetime(2026, 6, 10, 11, 30, tzinfo=UTC)
    now = [start]
    app.clock = lambda: now[0]
    notifier = RecordingNotifier()
    runtime = Runtime(app, notifier, watchdog_seconds=3600)
    try:
        draft = app.add_draft("I post this myself", [Network.SANDBOX])
        app.store.schedule(draft.publications[0].id, start, None, "Lunch", start)
        runtime.check()
        [reminder] = notifier.shown
        assert reminder.code == "reminder" and reminder.resident
        now[0] = start + timedelta(minutes=40)
        runtime.check()
        missed = app.draft(draft.id).publications[0]
        assert missed.state is PublicationState.MISSED
        assert missed.reason_code == "missed-unanswered"
        assert "you did not answer the reminder at 11:30" in (missed.reason or "")
        assert "not running" not in (missed.reason or "")
        [note] = [n for n in notifier.shown if n.code == "missed"]
        assert note.resident and "did not answer the reminder at 11:30" in note.body
        assert note.details["reminded_at"] == start
        assert outbox_lines(app) == []
    finally:
        runtime.scheduler.remove_all_jobs()
        app.store.close()


def test_a_publish_left_by_a_killed_process_is_resolved_at_the_next_check(started, monkeypatch):
    # Issue 12: never a post left `publishing`. A `somedesk publish` killed mid-request used to stay
    # `publishing` until the runtime's next start, which may be days away.
    import subprocess
    import sys

    from somedesk.core.accounts import Account, AccountState
    from somedesk.networks.credentials import SecretName
    from somedesk.store.publishing import PublishingRecords
    from tests.fakes.linkedin import FakeLinkedIn

    with FakeLinkedIn() as linkedin:
        monkeypatch.setenv("SOMEDESK_LINKEDIN_API_BASE", linkedin.base_url)
        app, runtime, _ = started()
        now = app.clock()
        records = PublishingRecords(app.store)
        records.save_account(
            Account(
                Network.LINKEDIN,
                "Ada",
                linkedin.member.urn,
                now + timedelta(days=60),
                AccountState.CONNECTED,
                now,
            ),
            now,
        )
        app.accounts.secrets.set(Network.LINKEDIN, SecretName.ACCESS_TOKEN, linkedin.issue_token())
        killed = app.add_draft("the command line was killed", [Network.LINKEDIN])
        busy = app.add_draft("another process is on it", [Network.LINKEDIN])
        runtime.start()
        gone = subprocess.Popen(["true"])
        gone.wait()
        records.begin(killed.publications[0].id, app.clock(), gone.pid, lambda _pid: False)
        busy_id = busy.publications[0].id
        # The other process holds the post's claim (app/publishing.py), as a running publish does.
        alive = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys, time; from pathlib import Path; from somedesk.desktop.claims import try_claim; "
                f"claim = try_claim(Path(sys.argv[1]), 'publication-{busy_id}'); "
                "print('held' if claim else 'refused', flush=True); time.sleep(60)",
                str(app.publisher.claims),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert alive.stdout is not None and alive.stdout.readline().strip() == "held"
            records.begin(busy_id, app.clock(), alive.pid, lambda _pid: False)
            runtime.check()
            assert app.draft(killed.id).publications[0].state is PublicationState.PUBLISHED
            assert app.draft(busy.id).publications[0].state is PublicationState.PUBLISHING  # its owner runs
        finally:
            alive.kill()  # SIGKILL: no clean-up runs, the kernel drops the claim
            alive.communicate()
        runtime.check()
        assert app.draft(busy.id).publications[0].state is PublicationState.PUBLISHED
        assert sorted(p.text for p in linkedin.posts) == [
            "another process is on it",
            "the command line was killed",
        ]


def test_an_orphan_that_cannot_be_resolved_never_stops_the_check(started):
    # Whatever resolving one abandoned publish raises (today an interrupted Sandbox publish raises
    # KeyError in the publisher), every other post still goes out at its time.
    import subprocess

    from somedesk.store.publishing import PublishingRecords

    app, runtime, _ = started()
    orphan = app.add_draft("left by a killed process", [Network.SANDBOX])
    due = app.add_draft("due now", [Network.SANDBOX])
    gone = subprocess.Popen(["true"])
    gone.wait()
    PublishingRecords(app.store).begin(orphan.publications[0].id, app.clock(), gone.pid, lambda _pid: False)
    now = app.clock()
    app.store.schedule(due.publications[0].id, now, None, "Lunch", now)
    runtime.check()
    assert app.draft(due.id).publications[0].state is PublicationState.PUBLISHED
