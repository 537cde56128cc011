"""Typed change events: which kinds a store write touches, and their wire form between processes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from somedesk.core.changes import TABLE_CHANGES, Change, change_of_statement
from somedesk.core.model import Network
from somedesk.store import Store
from somedesk.store.migrations import MIGRATIONS


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("INSERT INTO drafts (text) VALUES (?)", Change.DRAFTS),
        ("  update publications SET state = ?", Change.PUBLICATIONS),
        ("INSERT OR REPLACE INTO accounts VALUES (?)", Change.ACCOUNTS),
        ("INSERT OR IGNORE INTO ideas (x) VALUES (?)", Change.IDEAS),
        ("DELETE FROM feeds WHERE id = ?", Change.IDEAS),
        ("REPLACE INTO settings VALUES (?, ?)", Change.PUBLICATIONS),
        ("SELECT * FROM drafts", Change.NONE),
        ("PRAGMA user_version", Change.NONE),
        ("BEGIN IMMEDIATE", Change.NONE),
    ],
)
def test_a_statement_names_the_kind_of_change_it_makes(sql: str, expected: Change) -> None:
    assert change_of_statement(sql) == expected


def test_a_write_to_a_table_it_does_not_know_changes_everything() -> None:
    # A future migration's table: better a view that reloads for nothing than one that misses it.
    assert change_of_statement("INSERT INTO plans_of_a_later_somedesk VALUES (1)") == Change.everything()


def test_every_table_of_the_store_has_a_kind() -> None:
    created = {
        word.split("(")[0].strip()
        for migration in MIGRATIONS
        for word in str(migration).split("CREATE TABLE ")[1:]
    }
    assert created and created <= set(TABLE_CHANGES), created - set(TABLE_CHANGES)


def test_the_wire_form_round_trips_and_ignores_unknown_names() -> None:
    both = Change.DRAFTS | Change.CONFIG
    assert both.names() == "drafts,config"
    assert Change.parse(both.names()) == both
    assert Change.parse("ideas, phone,,") == Change.IDEAS  # a newer somedesk may say more
    assert Change.NONE.names() == ""


def test_the_store_reports_what_its_writes_touched_once(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "somedesk.db")
    try:
        store.take_changes()  # the migrations' own writes
        assert store.take_changes() == Change.NONE
        draft = store.add_draft("Hello", [Network.LINKEDIN], datetime(2026, 12, 7, 9, tzinfo=UTC))
        assert store.take_changes() == Change.DRAFTS | Change.PUBLICATIONS
        assert store.take_changes() == Change.NONE  # taken: said once
        store.draft(draft.id)
        assert store.take_changes() == Change.NONE  # reads change nothing
    finally:
        store.close()
