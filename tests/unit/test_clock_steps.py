"""The runtime survives wall-clock steps both ways (issue 12, defect 6).

APScheduler and the runtime read the system's wall clock through `datetime.now`; here that clock is
played by `SteppedWall`, which the test steps back and forth like `date -s` or an NTP correction
would. Everything else is real: the APScheduler runtime, its threads, the store, the Sandbox.
Timers still wait on the real monotonic clock, as they do in production.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

import apscheduler.schedulers.base
import pytest

import somedesk.runtime.scheduler
from somedesk.app.services import Somedesk
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.runtime.scheduler import Runtime
from tests.keyrings import MemoryKeyring
from tests.unit.test_runtime import RecordingNotifier, make_app, outbox_lines

REAL_DATETIME = datetime
STEP = timedelta(seconds=946)  # the step the review saw: ~16 minutes


class SteppedWall:
    """The system's wall clock, which the test can step; `offset` is how far it is from the truth."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self, tz: tzinfo | None = None) -> datetime:
        return REAL_DATETIME.now(tz) + self.offset

    def utc(self) -> datetime:
        return self.now(UTC)


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> SteppedWall:
    clock = SteppedWall()

    class SystemDatetime(REAL_DATETIME):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
            return clock.now(tz)

    # Whoever asks the system for the time gets the stepped clock.
    monkeypatch.setattr(apscheduler.schedulers.base, "datetime", SystemDatetime)
    monkeypatch.setattr(somedesk.runtime.scheduler, "datetime", SystemDatetime)
    return clock


@pytest.fixture
def runtime_on(
    tmp_path: Path, memory_keyring: MemoryKeyring, wall: SteppedWall
) -> Iterator[Callable[[], tuple[Somedesk, Runtime]]]:
    made: list[tuple[Somedesk, Runtime]] = []

    def make() -> tuple[Somedesk, Runtime]:
        app = make_app(tmp_path / "home")
        app.clock = wall.utc
        runtime = Runtime(app, RecordingNotifier(), watchdog_seconds=0.3)
        made.append((app, runtime))
        return app, runtime

    yield make
    for app, runtime in made:
        runtime.stop()
        app.store.close()


def state_of(app: Somedesk, draft_id: int) -> PublicationState:
    return app.draft(draft_id).publications[0].state


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_a_post_goes_out_soon_after_the_clock_is_stepped_back_and_restored(runtime_on, wall):
    app, runtime = runtime_on()
    draft = app.add_draft("after the step", [Network.SANDBOX])
    runtime.start()
    due = wall.utc() + timedelta(seconds=2)
    app.store.schedule(draft.publications[0].id, due, None, "Lunch", wall.utc())
    runtime.reconcile()
    wall.offset = -STEP  # stepped back: by the wall clock the post is not due for ~16 minutes
    time.sleep(2.5)
    assert state_of(app, draft.id) is PublicationState.SCHEDULED
    wall.offset = timedelta(0)  # restored: the post is due now
    # The old runtime slept ~946 s here (APScheduler's wait, and its interval watchdog, were
    # measured on the stepped wall clock).
    assert wait_until(lambda: state_of(app, draft.id) is PublicationState.PUBLISHED, 3)
    assert len(outbox_lines(app)) == 1


def test_after_a_step_back_another_process_s_schedule_is_still_noticed(runtime_on, wall):
    app, runtime = runtime_on()
    draft = app.add_draft("from the command line", [Network.SANDBOX])
    runtime.start()
    time.sleep(0.5)  # the watchdog has ticked by the true clock
    wall.offset = -STEP
    # Another process schedules it for now (by the stepped clock) and does not message the runtime:
    # only the watchdog can see it.
    now = wall.utc()
    app.store.schedule(draft.publications[0].id, now, None, "Lunch", now)
    assert wait_until(lambda: state_of(app, draft.id) is PublicationState.PUBLISHED, 3)


def test_a_forward_step_wakes_the_runtime_for_what_became_due(runtime_on, wall):
    app, runtime = runtime_on()
    draft = app.add_draft("an hour ahead", [Network.SANDBOX])
    runtime.start()
    now = wall.utc()
    app.store.schedule(draft.publications[0].id, now + timedelta(minutes=10), None, "Lunch", now)
    runtime.reconcile()
    time.sleep(0.5)
    wall.offset = timedelta(minutes=10, seconds=1)  # stepped forward past the post's time
    assert wait_until(lambda: state_of(app, draft.id) is PublicationState.PUBLISHED, 3)
