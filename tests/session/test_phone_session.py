"""Your phone in the loop, in the desktop session (issue 15): the topic in the real keyring, a remind post at
a commute moment and an auto post at lunch, the runtime stopped before their moments; the phone gets
both at the right instants, and the desktop started after shows them as "sent to your phone"."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from keyring.backend import KeyringBackend

from somedesk.app.services import Somedesk
from somedesk.core.config import Config, PublishingSettings
from somedesk.core.drafts import PublicationState
from somedesk.core.model import MomentKind, Network
from somedesk.core.phone_settings import PhoneSettings
from somedesk.core.routine import Routine
from somedesk.gui.context import Bridge, GuiContext
from somedesk.gui.queue import QueueWindow
from somedesk.gui.queue_model import Column
from somedesk.networks.credentials import SecretName
from somedesk.runtime.notify.base import LogNotifier
from somedesk.runtime.scheduler import Runtime
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from tests.fakes.ntfy import FakeNtfy
from tests.fakes.server import FakeClock

pytestmark = pytest.mark.session

TOPIC = "sd_session_Pq4v8"


class MovingClock(FakeClock):
    """Real time plus what the test adds: the laptop asleep in a bag for a few hours."""

    def __init__(self) -> None:
        super().__init__(0.0)
        self._offset = 0.0
        self._guard = threading.Lock()

    def now(self) -> float:
        with self._guard:
            return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        with self._guard:
            self._offset += seconds


def wait_for(condition: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


@pytest.fixture
def fake() -> Iterator[FakeNtfy]:
    with FakeNtfy(MovingClock()) as server:
        yield server


def test_commute_and_lunch_reach_the_phone_and_the_desktop_says_so(
    real_keyring: KeyringBackend, fake: FakeNtfy, tmp_path: Path, qtbot
) -> None:
    paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / "home")})
    paths.ensure()
    config = Config(
        routine=Routine(zone=ZoneInfo("UTC"), workdays=frozenset(range(7)), quiet_hours=None),
        publishing=PublishingSettings(reply_reminders=()),
        phone=PhoneSettings(server=fake.base_url),
    )

    def clock() -> datetime:
        return datetime.fromtimestamp(fake.clock.now(), UTC)

    app = Somedesk(paths, config, Store.open(paths.database), clock)
    try:
        app.phone.setup(TOPIC, None)
        assert app.phone.secrets.get_app(SecretName.PHONE_TOPIC) == TOPIC  # in the session's Secret Service
        now = clock().replace(microsecond=0)
        commute_at, lunch_at = now + timedelta(minutes=40), now + timedelta(hours=3)
        commute = app.add_draft("Thought on the morning tram", [Network.SANDBOX])
        lunch = app.add_draft("Lunch-time post", [Network.SANDBOX])
        app.store.schedule(
            commute.publications[0].id, commute_at, MomentKind.COMMUTE, "Morning commute", now, "remind"
        )
        app.store.schedule(lunch.publications[0].id, lunch_at, MomentKind.LUNCH, "Lunch", now, "auto")

        desktop = Runtime(app, LogNotifier(), watchdog_seconds=3600)
        desktop.start()  # the desktop puts both on the server ...
        wait_for(lambda: len(fake.pending(TOPIC)) == 2)
        desktop.stop()  # ... and then the lid closes before either moment

        fake.clock.advance(4 * 3600)
        delivered = fake.delivered(TOPIC)
        assert [(h.message, h.time) for h in delivered] == [
            ("Thought on the morning tram", commute_at.timestamp()),  # at the commute itself
            ("Lunch-time post", (lunch_at + timedelta(minutes=5)).timestamp()),  # the dead man's switch
        ]
        assert delivered[0].actions[0]["action"] == "copy"  # the sandbox has no composer to open

        started = Runtime(app, LogNotifier(), watchdog_seconds=3600)
        started.start()  # the desktop comes back
        try:
            window = QueueWindow(GuiContext(app, Bridge()))
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            states = {
                str(window.proxy.index(r, Column.TEXT).data()): str(
                    window.proxy.index(r, Column.STATE).data()
                )
                for r in range(window.proxy.rowCount())
            }
            assert states == {
                "Thought on the morning tram": "Sent to your phone",
                "Lunch-time post": "Sent to your phone",
            }
            for draft in (commute, lunch):
                assert app.draft(draft.id).publications[0].state is PublicationState.MISSED
            assert not (paths.data_dir / "outbox.jsonl").exists()  # nothing went out late on its own
        finally:
            started.stop()
        app.phone.off()
        assert app.phone.secrets.get_app(SecretName.PHONE_TOPIC) is None
    finally:
        app.store.close()
