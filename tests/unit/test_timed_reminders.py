"""The timed reminders through the runtime's check: "time to answer comments" after a LinkedIn post
went out, "your sign-in ends" before a token expires, each shown once, and the next reply reminder
kept as the runtime's `reminders` job."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.app.services import Somedesk
from somedesk.core.accounts import Account, AccountState
from somedesk.core.config import Config, PublishingSettings
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.core.routine import Routine
from somedesk.runtime.notify.base import LogNotifier
from somedesk.runtime.scheduler import Runtime
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from somedesk.store.publishing import PublishingRecords
from tests.keyrings import MemoryKeyring

URL = "https://www.linkedin.com/feed/update/urn:li:share:7001"


@pytest.fixture
def app(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Somedesk]:
    paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path)})
    paths.ensure()
    routine = Routine(zone=ZoneInfo("UTC"), workdays=frozenset(range(7)), quiet_hours=None)
    config = Config(routine=routine, publishing=PublishingSettings(reply_reminders=(20, 60)))
    somedesk = Somedesk(paths, config, Store.open(paths.database))
    yield somedesk
    somedesk.store.close()


def published_on_linkedin(app: Somedesk, minutes_ago: int) -> int:
    """A LinkedIn post that went out `minutes_ago`, recorded as the publisher records one."""
    now = app.clock()
    at = now - timedelta(minutes=minutes_ago)
    publication_id = app.add_draft("Our spring release is out", [Network.LINKEDIN]).publications[0].id
    app.store.schedule(publication_id, at, None, "Lunch", at)
    records = PublishingRecords(app.store)
    begun = records.begin(publication_id, at, os.getpid(), lambda _pid: False)
    records.finish(
        publication_id, begun.attempt_id, PublicationState.PUBLISHED, at, outcome="published", url=URL
    )
    return publication_id


def test_reply_and_sign_in_reminders_are_shown_once_and_the_next_one_gets_a_job(app: Somedesk) -> None:
    publication_id = published_on_linkedin(app, minutes_ago=25)
    now = app.clock()
    expires = now + timedelta(days=3)
    app.accounts.records.save_account(
        Account(Network.LINKEDIN, "me", "u1", expires, AccountState.CONNECTED, now - timedelta(days=57)), now
    )
    notifier = LogNotifier()
    runtime = Runtime(app, notifier, watchdog_seconds=3600)
    runtime.start()
    try:
        runtime.check()  # a second look shows nothing again: the store's notices remember both
        by_code = {note.code: note for note in notifier.shown}
        assert sorted(note.code or "" for note in notifier.shown) == ["reply-window", "sign-in-ends"]
        reply = by_code["reply-window"]
        assert reply.title == "Time to answer comments"
        assert reply.body == f"Your LinkedIn post went out 20 minutes ago. {URL}"
        assert reply.details == {"minutes": 20, "url": URL}
        expiry = by_code["sign-in-ends"]
        assert expiry.title == "Your LinkedIn sign-in ends in 7 days"
        assert expiry.details == {"network": Network.LINKEDIN, "days": 7}
        # The 60-minute reminder is 35 minutes away: the runtime keeps a job to wake up for it.
        published_at = app.store.publication(publication_id).published_at
        assert published_at is not None
        assert runtime.job_times()["reminders"] == published_at + timedelta(minutes=60)
    finally:
        runtime.stop()
