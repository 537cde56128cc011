"""The SQLite store: migrations, drafts, the schedule, and sharing the file between processes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from somedesk.core.drafts import PublicationState
from somedesk.core.errors import NotFoundError, UserError
from somedesk.core.model import MomentKind, Network
from somedesk.store import Store
from somedesk.store.errors import StoreError
from somedesk.store.migrations import MIGRATIONS

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path):
    opened = Store.open(tmp_path / "somedesk.db")
    yield opened
    opened.close()


def test_a_new_database_is_migrated_and_in_wal_mode(tmp_path: Path):
    store = Store.open(tmp_path / "db.sqlite")
    assert store.schema_version == len(MIGRATIONS)
    store.close()
    raw = sqlite3.connect(tmp_path / "db.sqlite")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_a_database_from_a_newer_somedesk_is_refused(tmp_path: Path):
    raw = sqlite3.connect(tmp_path / "db.sqlite")
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer somedesk"):
        Store.open(tmp_path / "db.sqlite")


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path):
    (tmp_path / "db.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot be opened"):
        Store.open(tmp_path / "db.sqlite")


def test_drafts_round_trip_with_their_networks(store: Store):
    draft = store.add_draft("Hello 👋 world", [Network.LINKEDIN, Network.X, Network.LINKEDIN], NOW)
    assert draft.text == "Hello 👋 world"
    assert draft.networks == (Network.LINKEDIN, Network.X)
    assert all(p.state is PublicationState.DRAFT for p in draft.publications)
    assert store.draft(draft.id) == draft
    assert [d.id for d in store.drafts()] == [draft.id]


def test_edit_and_delete(store: Store):
    draft = store.add_draft("first", [], NOW)
    edited = store.edit_draft(draft.id, "second", NOW + timedelta(minutes=5))
    assert edited.text == "second" and edited.updated_at == NOW + timedelta(minutes=5)
    assert edited.created_at == NOW
    store.delete_draft(draft.id)
    with pytest.raises(NotFoundError, match="there is no draft"):
        store.draft(draft.id)
    with pytest.raises(NotFoundError):
        store.delete_draft(draft.id)
    with pytest.raises(NotFoundError):
        store.edit_draft(999, "x", NOW)


def test_schedule_and_unschedule(store: Store):
    draft = store.add_draft("post", [Network.LINKEDIN], NOW)
    publication = draft.publications[0]
    at = NOW + timedelta(hours=2)
    store.schedule(publication.id, at, MomentKind.LUNCH, "Lunch", NOW)
    [(scheduled, its_draft)] = store.scheduled()
    assert scheduled.state is PublicationState.SCHEDULED
    assert scheduled.scheduled_at == at and scheduled.moment_label == "Lunch"
    assert scheduled.moment_kind is MomentKind.LUNCH
    assert its_draft.id == draft.id
    store.unschedule(publication.id, NOW)
    assert store.scheduled() == []
    assert store.draft(draft.id).publications[0].state is PublicationState.DRAFT
    with pytest.raises(UserError, match="already draft"):
        store.unschedule(publication.id, NOW)


def test_queue_is_ordered_by_time(store: Store):
    times = [NOW + timedelta(hours=h) for h in (5, 1, 3)]
    for index, at in enumerate(times):
        draft = store.add_draft(f"post {index}", [Network.X], NOW)
        store.schedule(draft.publications[0].id, at, None, "Chosen time", NOW)
    assert [p.scheduled_at for p, _ in store.scheduled()] == sorted(times)


def test_a_draft_being_published_cannot_be_deleted(store: Store, tmp_path: Path):
    draft = store.add_draft("post", [Network.X], NOW)
    raw = sqlite3.connect(tmp_path / "somedesk.db")
    raw.execute("UPDATE publications SET state = 'publishing'")
    raw.commit()
    raw.close()
    with pytest.raises(UserError, match="being published"):
        store.delete_draft(draft.id)
    assert store.draft(draft.id).text == "post"


def test_a_killed_process_keeps_what_it_reported(tmp_path: Path):
    """The draft is committed before add_draft returns: a hard kill right after keeps it."""
    db = tmp_path / "somedesk.db"
    code = (
        "import os, sys\n"
        "from datetime import UTC, datetime\n"
        "from pathlib import Path\n"
        "from somedesk.store import Store\n"
        f"s = Store.open(Path({str(db)!r}))\n"
        "d = s.add_draft('survives', [], datetime.now(UTC))\n"
        "print(d.id, flush=True)\n"
        "os._exit(9)\n"  # no close, no atexit: as if killed
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 9
    store = Store.open(db)
    assert store.draft(int(result.stdout.strip())).text == "survives"
    store.close()


def test_two_connections_share_the_file(tmp_path: Path):
    first = Store.open(tmp_path / "db.sqlite")
    second = Store.open(tmp_path / "db.sqlite")
    draft = first.add_draft("from the CLI", [], NOW)
    assert second.draft(draft.id).text == "from the CLI"
    first.close()
    second.close()


def test_a_drafts_share_and_language_choices_are_kept(tmp_path: Path):
    store = Store.open(tmp_path / "somedesk.db")
    draft = store.add_draft("hei", [Network.SANDBOX], NOW)
    assert (draft.share, draft.language) == (None, None)
    store.set_draft_share(draft.id, False)
    store.set_draft_language(draft.id, "fi")
    assert (store.draft(draft.id).share, store.draft(draft.id).language) == (False, "fi")
    store.set_draft_share(draft.id, None)
    assert store.draft(draft.id).share is None
    with pytest.raises(NotFoundError):
        store.set_draft_language(999, "en_US")


def test_accepted_warnings_stay_with_the_text_they_were_accepted_for(store):
    draft = store.add_draft("Soita 040 123 4567", [Network.X], NOW)
    assert not draft.warnings_accepted
    store.accept_warnings(draft.id, draft.text)
    assert store.draft(draft.id).warnings_accepted
    store.edit_draft(draft.id, "Soita 040 123 4567", NOW)  # saved again, same words
    assert store.draft(draft.id).warnings_accepted
    store.edit_draft(draft.id, "Soita 050 765 4321", NOW)
    assert not store.draft(draft.id).warnings_accepted
    store.accept_warnings(draft.id, "Soita 040 123 4567")  # an answer about other words
    assert not store.draft(draft.id).warnings_accepted


def test_a_post_placed_by_hand_is_remembered_as_such(store):
    draft = store.add_draft("Hello", [Network.LINKEDIN, Network.X], NOW)
    linkedin, x = draft.publications
    store.schedule(linkedin.id, NOW + timedelta(hours=3), MomentKind.LUNCH, "Lunch", NOW, by_hand=True)
    store.schedule(x.id, NOW + timedelta(hours=3), MomentKind.LUNCH, "Lunch", NOW)
    assert [p.by_hand for p in store.draft(draft.id).publications] == [True, False]
    store.schedule(linkedin.id, NOW + timedelta(hours=5), None, "Chosen time", NOW)  # moved by the engine
    assert not store.publication(linkedin.id).by_hand


def _deleting_between_reads(path: Path, draft_id: int, first_read: str) -> Store:
    """A store whose connection lets another process delete `draft_id` right after `first_read` ran:
    the trace callback fires as each statement starts, so the delete lands between the two reads."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    other = Store.open(path)
    state = {"seen_first": False, "deleted": False}

    def trace(statement: str) -> None:
        if state["seen_first"] and not state["deleted"] and statement.startswith("SELECT"):
            state["deleted"] = True
            other.delete_draft(draft_id)  # another connection: as another process would
        if statement.startswith(first_read):
            state["seen_first"] = True

    connection.set_trace_callback(trace)
    return Store(connection)


@pytest.mark.parametrize(
    "read, first_read",
    [
        ("queue", "SELECT * FROM publications WHERE state !="),
        ("scheduled", "SELECT * FROM publications WHERE state ="),
    ],
)
def test_a_draft_deleted_between_two_reads_is_never_half_seen(tmp_path: Path, read: str, first_read: str):
    path = tmp_path / "somedesk.db"
    setup = Store.open(path)
    kept = setup.add_draft("kept", [Network.LINKEDIN], NOW)
    gone = setup.add_draft("deleted meanwhile", [Network.X], NOW)
    for draft in (kept, gone):
        setup.schedule(draft.publications[0].id, NOW + timedelta(hours=1), None, "Chosen time", NOW)
    setup.close()
    store = _deleting_between_reads(path, gone.id, first_read)
    items = getattr(store, read)()  # KeyError before: the publications were read, then the draft vanished
    assert [d.text for _p, d in items] == ["kept", "deleted meanwhile"]  # the moment before the delete
    assert [d.text for _p, d in getattr(store, read)()] == ["kept"]  # and the next read sees it gone


def test_a_full_database_saves_nothing_and_says_so(tmp_path: Path):
    # SQLite's own "database or disk is full" (SQLITE_FULL), without needing a full disk: the
    # database may not grow by a page. The e2e test fills a real tmpfs where it can mount one.
    store = Store.open(tmp_path / "somedesk.db")
    now = datetime(2026, 12, 7, tzinfo=UTC)
    store.add_draft("kept", [Network.SANDBOX], now)
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as raised:
        store.add_draft("x" * 200_000, [Network.SANDBOX], now)
    assert str(raised.value) == "nothing was saved: the disk is full; free some space and try again"
    assert [d.text for d in store.drafts()] == ["kept"]
    store.add_draft("small", [], now)  # the store still works
    store.close()
