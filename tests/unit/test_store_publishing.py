"""The store's side of the publish state machine: one transaction per move, crashes detectable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from somedesk.core.accounts import Account, AccountState
from somedesk.core.drafts import PublicationState
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.store import Store
from somedesk.store.publishing import PublishingRecords

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path):
    opened = Store.open(tmp_path / "somedesk.db")
    yield opened
    opened.close()


def publication_id(store: Store, network: Network = Network.X) -> int:
    return store.add_draft("post", [network], NOW).publications[0].id


def test_begin_moves_to_publishing_and_opens_an_attempt(store: Store):
    records = PublishingRecords(store)
    pid = publication_id(store)
    begun = records.begin(pid, NOW, 4242, lambda _pid: True)
    assert begun.publication.state is PublicationState.PUBLISHING and begun.interrupted is None
    [attempt] = records.attempts(pid)
    assert attempt.id == begun.attempt_id and attempt.pid == 4242 and attempt.finished_at is None


def test_a_live_attempt_blocks_a_second_publisher(store: Store):
    records = PublishingRecords(store)
    pid = publication_id(store)
    records.begin(pid, NOW, 4242, lambda _pid: True)
    with pytest.raises(UserError, match="being published right now"):
        records.begin(pid, NOW, 4343, lambda _pid: True)


def test_an_attempt_left_by_a_dead_process_is_reported_as_interrupted(store: Store):
    records = PublishingRecords(store)
    pid = publication_id(store)
    first = records.begin(pid, NOW, 4242, lambda _pid: True)
    second = records.begin(pid, NOW + timedelta(minutes=1), 4343, lambda _pid: False)
    assert second.interrupted is not None and second.interrupted.id == first.attempt_id
    attempts = records.attempts(pid)
    assert attempts[0].outcome == "interrupted" and attempts[0].finished_at is not None
    assert attempts[1].finished_at is None


def test_finish_records_the_outcome_and_published_cannot_restart(store: Store):
    records = PublishingRecords(store)
    pid = publication_id(store)
    begun = records.begin(pid, NOW, 1, lambda _pid: True)
    records.record_part(pid, 0, "123", "https://x.com/me/status/123", NOW)
    done = records.finish(
        pid,
        begun.attempt_id,
        PublicationState.PUBLISHED,
        NOW,
        outcome="published",
        url="https://x.com/me/status/123",
    )
    assert done.state is PublicationState.PUBLISHED and done.published_at == NOW
    assert done.url == "https://x.com/me/status/123"
    assert records.parts(pid)[0].remote_id == "123"
    with pytest.raises(UserError, match="already published"):
        records.begin(pid, NOW, 2, lambda _pid: False)


def test_failed_can_be_retried_and_keeps_created_parts(store: Store):
    records = PublishingRecords(store)
    pid = publication_id(store)
    begun = records.begin(pid, NOW, 1, lambda _pid: True)
    records.record_part(pid, 0, "1", "u1", NOW)
    records.finish(pid, begun.attempt_id, PublicationState.FAILED, NOW, outcome="transient", reason="503")
    assert store.publication(pid).reason == "503"
    again = records.begin(pid, NOW, 1, lambda _pid: True)
    assert again.publication.reason is None
    assert list(records.parts(pid)) == [0]


def test_accounts_metadata_round_trip(store: Store):
    records = PublishingRecords(store)
    account = Account(
        Network.LINKEDIN, "Jari", "urn:li:person:abc", NOW + timedelta(days=60), AccountState.CONNECTED, NOW
    )
    records.save_account(account, NOW)
    assert records.account(Network.LINKEDIN) == account
    records.set_account_state(Network.LINKEDIN, AccountState.RECONNECT_NEEDED, NOW)
    records.set_expiry(Network.LINKEDIN, None, NOW)
    changed = records.account(Network.LINKEDIN)
    assert (
        changed is not None and changed.state is AccountState.RECONNECT_NEEDED and changed.expires_at is None
    )
    records.delete_account(Network.LINKEDIN)
    assert records.accounts() == []


def test_the_v1_database_is_migrated_in_place(tmp_path: Path):
    import sqlite3

    from somedesk.store.migrations import MIGRATIONS

    raw = sqlite3.connect(tmp_path / "old.db")
    raw.executescript(MIGRATIONS[0])
    raw.execute(
        "INSERT INTO drafts (text, created_at, updated_at) VALUES ('kept', '2026-01-01T00:00:00+00:00', "
        "'2026-01-01T00:00:00+00:00')"
    )
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    store = Store.open(tmp_path / "old.db")
    assert store.schema_version == len(MIGRATIONS)
    assert store.draft(1).text == "kept" and store.draft(1).images == ()
    store.close()
