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
    # 2: publishing. Accounts' non-secret metadata (tokens live in the keyring), every publish
    # attempt (written before the request leaves), each created part of a post (so a thread
    # resumes at the part that failed), and a draft's images (copied into the data dir).
    """
    CREATE TABLE accounts (
        network       TEXT PRIMARY KEY,
        handle        TEXT NOT NULL,
        user_id       TEXT NOT NULL,
        expires_at    TEXT,
        state         TEXT NOT NULL,
        connected_at  TEXT NOT NULL,
        updated_at    TEXT NOT NULL
    );
    CREATE TABLE attempts (
        id              INTEGER PRIMARY KEY,
        publication_id  INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
        started_at      TEXT NOT NULL,
        finished_at     TEXT,
        outcome         TEXT,
        detail          TEXT,
        pid             INTEGER
    );
    CREATE INDEX attempts_by_publication ON attempts (publication_id, id);
    CREATE TABLE post_parts (
        publication_id  INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
        part            INTEGER NOT NULL,
        remote_id       TEXT NOT NULL,
        url             TEXT NOT NULL,
        posted_at       TEXT NOT NULL,
        PRIMARY KEY (publication_id, part)
    );
    CREATE TABLE draft_images (
        draft_id  INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,
        path      TEXT NOT NULL,
        PRIMARY KEY (draft_id, position)
    );
    ALTER TABLE publications ADD COLUMN published_at TEXT;
    """,
    # 3: the runtime. A publication's mode ('auto' or 'remind'; NULL follows the config), small
    # app-wide settings (publishing paused until …), and the reminders already shown, so a restart
    # never shows one twice.
    """
    ALTER TABLE publications ADD COLUMN mode TEXT;
    CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    );
    CREATE TABLE notices (
        kind     TEXT NOT NULL,
        ref      TEXT NOT NULL,
        sent_at  TEXT NOT NULL,
        PRIMARY KEY (kind, ref)
    );
    """,
    # 4: per-draft choices made in Quick post. `share`: 1 share to the team once published, 0 don't,
    # NULL follow [share] enabled. `language`: the spelling language ('en_US', 'fi', …), NULL detect.
    """
    ALTER TABLE drafts ADD COLUMN share INTEGER;
    ALTER TABLE drafts ADD COLUMN language TEXT;
    """,
    # 5: content ideas. Subscribed feeds (with the validators of the last fetch, for conditional GETs,
    # and the last error) and their entries as ideas. A dismissed or drafted idea keeps its row, so the
    # same entry never comes back as new; `draft_id` is no foreign key: deleting the draft keeps it so.
    """
    CREATE TABLE feeds (
        id             INTEGER PRIMARY KEY,
        url            TEXT NOT NULL UNIQUE,
        title          TEXT NOT NULL,
        added_at       TEXT NOT NULL,
        checked_at     TEXT,
        last_error     TEXT,
        etag           TEXT,
        last_modified  TEXT
    );
    CREATE TABLE ideas (
        id            INTEGER PRIMARY KEY,
        feed_id       INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid          TEXT NOT NULL,
        title         TEXT NOT NULL,
        link          TEXT,
        summary       TEXT NOT NULL DEFAULT '',
        published_at  TEXT,
        found_at      TEXT NOT NULL,
        state         TEXT NOT NULL DEFAULT 'new',
        draft_id      INTEGER,
        UNIQUE (feed_id, guid)
    );
    CREATE INDEX ideas_by_state ON ideas (state, feed_id);
    """,
    # 6: what a stored reason is about, in a word ("missed-asleep", "missed-quiet", …; NULL: no code),
    # so that the queue can say it in the person's language; the English reason stays beside it.
    """
    ALTER TABLE publications ADD COLUMN reason_code TEXT;
    """,
    # 7: your phone in the loop (ntfy). What the server holds for each publication (its sequence id, kind,
    # delivery time and a fingerprint of what it says), so a sync sends only what changed; no foreign key:
    # a deleted draft's message must still be cancelled. And the inbox's messages already made drafts, so
    # that none becomes a draft twice.
    """
    CREATE TABLE phone_messages (
        publication_id  INTEGER PRIMARY KEY,
        sequence_id     TEXT NOT NULL,
        kind            TEXT NOT NULL,
        deliver_at      TEXT NOT NULL,
        fingerprint     TEXT NOT NULL,
        sent_at         TEXT NOT NULL
    );
    CREATE TABLE phone_inbox (
        message_id   TEXT PRIMARY KEY,
        draft_id     INTEGER,
        received_at  TEXT NOT NULL
    );
    """,
    # 8: the policy gate. `warnings_accepted` holds a hash of the text whose `warn` findings the person
    # chose to go past; it no longer matches (and is cleared) once the text changes, so they are asked
    # again about new words. `by_hand`: 1 when the person placed the post at a time of their choosing
    # (`--at`, a drop), 0 when the planning engine chose it; only the engine's choices keep queue order.
    """
    ALTER TABLE drafts ADD COLUMN warnings_accepted TEXT;
    ALTER TABLE publications ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0;
    """,
    # 9: publishing that is never wrong (issue 12). The text each created part was sent with, so a
    # thread is only ever finished after the words it started with (NULL: recorded before this); and
    # whether an attempt ended with its next part perhaps on the network, so the next one resolves it.
    """
    ALTER TABLE post_parts ADD COLUMN text TEXT;
    ALTER TABLE attempts ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
    """,
)
