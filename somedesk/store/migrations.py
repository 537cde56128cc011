"""Schema migrations, applied in order; `PRAGMA user_version` records how many have run."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: drafts and one publication per (draft, network). Instants are UTC ISO-8601 text, which
    # sorts correctly as text.
    """
    CREATE TABLE drafts (
        id          INTEGER PRIMARY KEY,
        text        TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE TABLE publications (
        id            INTEGER PRIMARY KEY,
        draft_id      INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        network       TEXT NOT NULL,
        state         TEXT NOT NULL DEFAULT 'draft',
        scheduled_at  TEXT,
        moment_kind   TEXT,
        moment_label  TEXT,
        url           TEXT,
        reason        TEXT,
        updated_at    TEXT NOT NULL,
        UNIQUE (draft_id, network)
    );
    CREATE INDEX publications_by_time ON publications (state, scheduled_at);
    """,
)
