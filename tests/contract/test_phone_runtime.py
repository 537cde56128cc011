"""The runtime and the phone: the server follows the runtime's checks within seconds, a post the desktop
publishes leaves no message behind, and a post the phone took over waits as "sent to your phone"."""

from __future__ import annotations

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
from somedesk.core.model import MomentKind, Network
from somedesk.core.phone_settings import PhoneSettings
from somedesk.core.routine import Routine
from somedesk.runtime.notify.base import LogNotifier
from somedesk.runtime.scheduler import Runtime
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from somedesk.store.phone import SENT_TO_PHONE
from tests.fakes.ntfy import FakeNtfy
from tests.fakes.server import FakeClock
from tests.keyrings import MemoryKeyring

TOPIC = "sd_runtime_K2m9"


class MovingClock(FakeClock):
    """Real time, plus whatever a test adds (a computer that slept through it)."""

    def __init__(self) -> None:
        super().__init__(0.0)
        self._offset = 0.0
        self._offset_lock = threading.Lock()

    def now(self) -> float:
        with self._offset_lock:
            return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        with self._offset_lock:
            self._offset += seconds


@pytest.fixture
def fake() -> Iterator[FakeNtfy]:
    with FakeNtfy(MovingClock()) as server:
        yield server


@pytest.fixture
def app(tmp_path: Path, fake: FakeNtfy, memory_keyring: MemoryKeyring) -> Iterator[Somedesk]:
    paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / "home")})
    paths.ensure()
    config = Config(
        routine=Routine(zone=ZoneInfo("UTC"), workdays=frozenset(range(7)), quiet_hours=None),
        publishing=PublishingSettings(reply_reminders=()),
        phone=PhoneSettings(server=fake.base_url),
    )
    made = Somedesk(
        paths, config, Store.open(paths.database), clock=lambda: datetime.fromtimestamp(fake.clock.now(), UTC)
    )
    made.phone.setup(TOPIC, None)
    yield made
    made.store.close()


@pytest.fixture
def runtime(app: Somedesk) -> Iterator[Runtime]:
    made = Runtime(app, LogNotifier(), watchdog_seconds=3600)
    yield made
    if made.scheduler.running:
        made.stop()


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def test_the_server_follows_the_runtime_within_seconds(
    app: Somedesk, runtime: Runtime, fake: FakeNtfy
) -> None:
    runtime.start()
    draft = app.add_draft("Lunch thought", [Network.SANDBOX])
    now = app.clock()
    app.store.schedule(draft.publications[0].id, now + timedelta(hours=2), MomentKind.LUNCH, "Lunch", now)
    started = time.monotonic()
    runtime.on_message("reconcile")  # what a CLI command or the GUI's change sends
    wait_for(lambda: len(fake.pending(TOPIC)) == 1)
    assert time.monotonic() - started < 3
    app.unschedule(draft.id)
    runtime.on_message("reconcile")
    wait_for(lambda: fake.pending(TOPIC) == [])


def test_a_post_the_desktop_publishes_never_reaches_the_phone(
    app: Somedesk, runtime: Runtime, fake: FakeNtfy
) -> None:
    draft = app.add_draft("On time from the desktop", [Network.SANDBOX])
    now = app.clock()
    app.store.schedule(draft.publications[0].id, now + timedelta(seconds=2), MomentKind.LUNCH, "Lunch", now)
    app.phone.sync()
    assert len(fake.pending(TOPIC)) == 1  # the dead man's switch, five minutes after
    runtime.start()
    wait_for(lambda: app.draft(draft.id).publications[0].state is PublicationState.PUBLISHED)
    wait_for(lambda: fake.pending(TOPIC) == [])
    fake.clock.advance(600)
    assert fake.delivered(TOPIC) == []


def test_after_the_phone_took_over_the_desktop_shows_sent_to_your_phone(
    app: Somedesk, runtime: Runtime, fake: FakeNtfy
) -> None:
    draft = app.add_draft("The computer slept", [Network.SANDBOX])
    now = app.clock()
    app.store.schedule(draft.publications[0].id, now + timedelta(minutes=30), MomentKind.LUNCH, "Lunch", now)
    app.phone.sync()  # what the CLI's change did; the runtime is not running
    fake.clock.advance(40 * 60)  # the laptop sleeps through the moment
    [delivered] = fake.delivered(TOPIC)
    assert delivered.message == "The computer slept"
    runtime.start()
    publication = app.draft(draft.id).publications[0]
    assert (publication.state, publication.reason_code) == (PublicationState.MISSED, SENT_TO_PHONE)
    assert not (app.paths.data_dir / "outbox.jsonl").exists()  # not published late by itself
    runtime.check()
    assert fake.deleted(TOPIC) == []  # the message stays on the phone while the post waits


def test_a_server_that_stops_answering_is_said_once_and_caught_up_later(
    app: Somedesk, fake: FakeNtfy
) -> None:
    events: list[str] = []
    runtime = Runtime(app, LogNotifier(), on_event=events.append, watchdog_seconds=3600)
    runtime.phone_syncer.first_backoff = runtime.phone_syncer.max_backoff = 0.2
    runtime.phone_syncer.settle = 0.05
    fake.close()
    runtime.start()
    try:
        draft = app.add_draft("While the server is away", [Network.SANDBOX])
        now = app.clock()
        app.store.schedule(draft.publications[0].id, now + timedelta(hours=2), MomentKind.LUNCH, "Lunch", now)
        runtime.on_message("reconcile")
        wait_for(lambda: any(e.startswith("The phone will be updated later: could not") for e in events))
        time.sleep(0.6)  # retries meanwhile say nothing more
        assert sum(e.startswith("The phone will be updated later") for e in events) == 1
        fake.start()
        wait_for(lambda: len(fake.pending(TOPIC)) == 1)
        wait_for(lambda: "Your phone is up to date again" in events)
    finally:
        runtime.stop()
