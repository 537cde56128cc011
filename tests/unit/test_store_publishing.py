"""The store's side of the publish state machine: one transaction per move, crashes detectable."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from somedesk.core.accounts import Account, AccountState
from somedesk.core.drafts import PublicationState
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.store import Store
from somedesk.store.migrations import MIGRATIONS
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


def test_an_edit_is_refused_while_the_draft_is_being_published(store: Store):
    records = PublishingRecords(store)
    draft = store.add_draft("post", [Network.X], NOW)
    records.begin(draft.publications[0].id, NOW, 1, lambda _pid: False)
    with pytest.raises(UserError, match="being published right now") as refused:
        store.edit_draft(draft.id, "other words", NOW)
    assert refused.value.code == "publishing-now" and store.draft(draft.id).text == "post"


def test_parts_keep_the_words_they_were_sent_with_and_a_published_draft_stays_editable(store: Store):
    records = PublishingRecords(store)
    draft = store.add_draft("A.\n---\nB.", [Network.X, Network.LINKEDIN], NOW)
    x, linkedin = (p.id for p in draft.publications)
    begun = records.begin(x, NOW, 1, lambda _pid: False)
    records.record_part(x, 0, "1", "https://x.com/me/status/1", NOW, "A.")
    records.record_part(x, 1, "2", "https://x.com/me/status/2", NOW, "B.")
    records.finish(x, begun.attempt_id, PublicationState.PUBLISHED, NOW, outcome="published", url="u")
    assert [(r.part, r.text) for r in records.parts(x).values()] == [(0, "A."), (1, "B.")]
    # The X thread is complete: the words for the other networks may still change.
    assert store.edit_draft(draft.id, "A, for LinkedIn.", NOW).text == "A, for LinkedIn."
    # A LinkedIn post whose part exists but whose outcome was never stored (a crash between the two).
    begun = records.begin(linkedin, NOW, 1, lambda _pid: False)
    records.record_part(
        linkedin, 0, "urn:li:share:1", "https://www.linkedin.com/feed/update/1/", NOW, "A, for LinkedIn."
    )
    records.finish(linkedin, begun.attempt_id, PublicationState.FAILED, NOW, outcome="x", reason="?")
    with pytest.raises(
        UserError,
        match=r"it is already on LinkedIn \(https://www.linkedin.com/feed/update/1/\), so this edit cannot",
    ):
        store.edit_draft(draft.id, "Something else", NOW)


def test_an_attempt_can_end_in_doubt_and_an_interrupted_one_always_does(store: Store):
    records = PublishingRecords(store)
    pid = publication_id(store)
    first = records.begin(pid, NOW, 1, lambda _pid: False)
    records.finish(pid, first.attempt_id, PublicationState.NEEDS_ATTENTION, NOW, outcome="e", in_doubt=True)
    second = records.begin(pid, NOW, 1, lambda _pid: False)
    records.begin(pid, NOW, 2, lambda _pid: False)  # `second` was left open by a crash
    assert [a.in_doubt for a in records.attempts(pid)] == [True, True, False]
    assert records.attempts(pid)[1].id == second.attempt_id


def test_parts_recorded_before_migration_7_are_held_to_the_text_they_were_posted_from(tmp_path: Path):
    path = tmp_path / "somedesk.db"
    raw = sqlite3.connect(path)
    for script in MIGRATIONS[:6]:
        raw.executescript(script)
    raw.execute("PRAGMA user_version = 6")
    stamp = NOW.isoformat()
    raw.execute(
        "INSERT INTO drafts (id, text, created_at, updated_at) VALUES (1, ?, ?, ?)",
        ("A.\n---\nB.", stamp, stamp),
    )
    raw.execute(
        "INSERT INTO publications (id, draft_id, network, state, updated_at) VALUES (1, 1, 'x', 'failed', ?)",
        (stamp,),
    )
    raw.execute(
        "INSERT INTO post_parts (publication_id, part, remote_id, url, posted_at) "
        "VALUES (1, 0, '9', 'u9', ?)",
        (stamp,),
    )
    raw.commit()
    raw.close()
    store = Store.open(path)
    assert [(r.part, r.text) for r in PublishingRecords(store).parts(1).values()] == [(0, None)]
    with pytest.raises(UserError, match="part 1 is already on X"):
        store.edit_draft(1, "A, changed.\n---\nB.", NOW)
    assert store.edit_draft(1, "A.\n---\nB, changed.", NOW).text == "A.\n---\nB, changed."
    store.close()


def test_a_single_post_whose_answer_was_lost_keeps_its_words(store: Store):
    records = PublishingRecords(store)
    draft = store.add_draft("Sent, then silence", [Network.X], NOW)
    pid = draft.publications[0].id
    begun = records.begin(pid, NOW, 1, lambda _pid: False)
    records.finish(pid, begun.attempt_id, PublicationState.NEEDS_ATTENTION, NOW, outcome="u", in_doubt=True)
    with pytest.raises(UserError) as refused:
        store.edit_draft(draft.id, "Other words", NOW)
    assert str(refused.value) == (
        f"draft {draft.id}: it may already be on X (its answer was lost), so this edit cannot change it; "
        f"post it as written (somedesk publish {draft.id} --network x) "
        "or start a new post with the new words (somedesk drafts add)"
    )
