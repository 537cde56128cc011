"""The store's side of content ideas: subscribed feeds, their entries as ideas, and what became of each.

Every change is one transaction. An entry is stored once per feed (UNIQUE feed_id, guid), so a
refresh only ever adds what is new, and a dismissed or drafted idea never comes back as new.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from somedesk.core.errors import InvalidInputError, NotFoundError, UserError
from somedesk.core.ideas import KEEP_PER_FEED, Feed, FoundItem, Idea, IdeaState
from somedesk.store.connection import LockedConnection
from somedesk.store.database import Store
from somedesk.store.rows import from_text, to_text

_IDEA_COLUMNS = "ideas.*, feeds.title AS feed_title"


class IdeaRecords:
    """Feeds and ideas over the same SQLite connection as `Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store.connection

    # Feeds ----------------------------------------------------------------------------------

    def add_feed(
        self,
        url: str,
        title: str,
        items: Sequence[FoundItem],
        now: datetime,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> tuple[Feed, int]:
        """Subscribe with the first fetch's entries, in one transaction; returns the feed and how many
        ideas it brought."""
        stamp = to_text(now)
        with self._store.transaction() as db:
            if db.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone() is not None:
                raise InvalidInputError(f"you already follow {title} (see: somedesk ideas feeds)")
            cursor = db.execute(
                "INSERT INTO feeds (url, title, added_at, checked_at, etag, last_modified) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (url, title, stamp, stamp, etag, last_modified),
            )
            feed_id = int(cursor.lastrowid or 0)
            added = self._insert_items(db, feed_id, items, stamp)
        return self.feed(feed_id), added

    def feed(self, feed_id: int) -> Feed:
        row = self._db.execute("SELECT * FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"there is no feed {feed_id} (see: somedesk ideas feeds)")
        return _feed_from(row)

    def feed_by_url(self, url: str) -> Feed | None:
        row = self._db.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return _feed_from(row) if row is not None else None

    def feeds(self) -> list[Feed]:
        return [_feed_from(r) for r in self._db.execute("SELECT * FROM feeds ORDER BY id")]

    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe; its ideas go too (drafts made from them stay)."""
        with self._store.transaction() as db:
            if db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount == 0:
                raise NotFoundError(f"there is no feed {feed_id} (see: somedesk ideas feeds)")

    def record_fetch(
        self,
        feed_id: int,
        items: Sequence[FoundItem] | None,
        now: datetime,
        *,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> int:
        """A successful check: new entries become ideas (None: the server said nothing changed), the
        validators are kept for the next conditional GET, old ideas are pruned. Returns how many are new."""
        stamp = to_text(now)
        with self._store.transaction() as db:
            db.execute(
                "UPDATE feeds SET checked_at = ?, last_error = NULL, title = COALESCE(?, title), "
                "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE id = ?",
                (stamp, title or None, etag, last_modified, feed_id),
            )
            if items is None:
                return 0
            added = self._insert_items(db, feed_id, items, stamp)
            self._prune(db, feed_id, {item.guid for item in items})
        return added

    def record_failure(self, feed_id: int, error: str, now: datetime) -> None:
        """A failed check: the ideas fetched before stay; the error is shown until a check succeeds."""
        with self._store.transaction() as db:
            db.execute(
                "UPDATE feeds SET checked_at = ?, last_error = ? WHERE id = ?", (to_text(now), error, feed_id)
            )

    # Ideas ----------------------------------------------------------------------------------

    def ideas(self, state: IdeaState = IdeaState.NEW) -> list[Idea]:
        """The ideas in `state`, newest first (by publication date, else when first seen)."""
        rows = self._db.execute(
            f"SELECT {_IDEA_COLUMNS} FROM ideas JOIN feeds ON feeds.id = ideas.feed_id "
            "WHERE ideas.state = ? ORDER BY COALESCE(ideas.published_at, ideas.found_at) DESC, ideas.id DESC",
            (state.value,),
        ).fetchall()
        return [_idea_from(r) for r in rows]

    def idea(self, idea_id: int) -> Idea:
        row = self._db.execute(
            f"SELECT {_IDEA_COLUMNS} FROM ideas JOIN feeds ON feeds.id = ideas.feed_id WHERE ideas.id = ?",
            (idea_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"there is no idea {idea_id} (see: somedesk ideas list)")
        return _idea_from(row)

    def mark_drafted(self, idea_id: int, draft_id: int) -> None:
        self._leave_new(idea_id, IdeaState.DRAFTED, draft_id)

    def dismiss(self, idea_id: int) -> None:
        self._leave_new(idea_id, IdeaState.DISMISSED, None)

    def _leave_new(self, idea_id: int, state: IdeaState, draft_id: int | None) -> None:
        with self._store.transaction() as db:
            row = db.execute("SELECT state, draft_id FROM ideas WHERE id = ?", (idea_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"there is no idea {idea_id} (see: somedesk ideas list)")
            if row["state"] != IdeaState.NEW.value:
                raise UserError(already(idea_id, IdeaState(row["state"]), row["draft_id"]))
            db.execute(
                "UPDATE ideas SET state = ?, draft_id = ? WHERE id = ?", (state.value, draft_id, idea_id)
            )

    # Helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _insert_items(db: LockedConnection, feed_id: int, items: Sequence[FoundItem], stamp: str) -> int:
        added = 0
        for item in items:
            cursor = db.execute(
                "INSERT OR IGNORE INTO ideas (feed_id, guid, title, link, summary, published_at, found_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    feed_id,
                    item.guid,
                    item.title,
                    item.link,
                    item.summary,
                    to_text(item.published_at) if item.published_at else None,
                    stamp,
                ),
            )
            added += cursor.rowcount
        return added

    @staticmethod
    def _prune(db: LockedConnection, feed_id: int, listed: set[str]) -> None:
        """Keep the newest KEEP_PER_FEED ideas of the feed, and every one the feed still lists, so a
        dismissed idea is never forgotten while it could be fetched again."""
        rows = db.execute(
            "SELECT id, guid FROM ideas WHERE feed_id = ? "
            "ORDER BY COALESCE(published_at, found_at) DESC, id DESC",
            (feed_id,),
        ).fetchall()
        stale = [(int(r["id"]),) for r in rows[KEEP_PER_FEED:] if r["guid"] not in listed]
        if stale:
            db.executemany("DELETE FROM ideas WHERE id = ?", stale)


def already(idea_id: int, state: IdeaState, draft_id: int | None) -> str:
    if state is IdeaState.DRAFTED:
        made = f" (draft {draft_id})" if draft_id is not None else ""
        return f"idea {idea_id} is already drafted{made}"
    return f"idea {idea_id} was dismissed"


def _feed_from(row: sqlite3.Row) -> Feed:
    return Feed(
        id=int(row["id"]),
        url=str(row["url"]),
        title=str(row["title"]),
        added_at=from_text(row["added_at"]),
        checked_at=from_text(row["checked_at"]) if row["checked_at"] else None,
        last_error=row["last_error"],
        etag=row["etag"],
        last_modified=row["last_modified"],
    )


def _idea_from(row: sqlite3.Row) -> Idea:
    return Idea(
        id=int(row["id"]),
        feed_id=int(row["feed_id"]),
        feed_title=str(row["feed_title"]),
        guid=str(row["guid"]),
        title=str(row["title"]),
        link=row["link"],
        summary=str(row["summary"]),
        published_at=from_text(row["published_at"]) if row["published_at"] else None,
        found_at=from_text(row["found_at"]),
        state=IdeaState(row["state"]),
        draft_id=row["draft_id"],
    )
