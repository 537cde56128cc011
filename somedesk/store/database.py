"""The SQLite store: opening, migrating, and the draft/publication queries the services need.

Every public method runs in its own transaction and commits before it returns, so a process
killed right after a command never loses what that command reported.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from somedesk.core.changes import Change
from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.errors import InvalidInputError, NotFoundError, UserError
from somedesk.core.model import MomentKind, Network
from somedesk.store.connection import LockedConnection
from somedesk.store.errors import StoreError, unwritable
from somedesk.store.migrations import MIGRATIONS
from somedesk.store.posted_parts import refuse_changing_what_is_posted
from somedesk.store.rows import chunks, from_text, publication_from, text_fingerprint, to_text

BUSY_TIMEOUT_MS = 5000
PRIVATE = 0o700  # the database's folder; its files are 0600


def _make_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would use the umask's 0644), and close off
    one an older somedesk made. SQLite gives its -wal and -shm files the database file's mode."""
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for file in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        with suppress(FileNotFoundError):
            # Only a regular file itself: never what a symlink points at (a device, another's file).
            status = os.lstat(file)
            if stat.S_ISREG(status.st_mode) and status.st_mode & 0o077:
                file.chmod(0o600)


# What can be taken off the schedule: what waits for its moment or for the person, never a post going
# out or out already.
_OFF_THE_SCHEDULE_FROM = (
    PublicationState.SCHEDULED,
    PublicationState.MISSED,
    PublicationState.FAILED,
    PublicationState.NEEDS_ATTENTION,
)


class Store:
    """Drafts and their publications in one SQLite file (WAL, shared by the CLI and the GUI)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = LockedConnection(connection)

    @classmethod
    def open(cls, path: Path) -> Store:
        try:
            path.parent.mkdir(mode=PRIVATE, parents=True, exist_ok=True)
            _make_private(path)
            # Shared by the runtime's worker threads and (later) the GUI thread; writes are serialised
            # by `transaction()`'s lock, and SQLite itself is built serialised (threadsafety 3).
            connection = sqlite3.connect(
                path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            connection.row_factory = sqlite3.Row
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA foreign_keys = ON")
            store = cls(connection)
            store._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: the database cannot be opened ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{path}: the database cannot be created ({exc.strerror or exc})") from None
        return store

    def close(self) -> None:
        self._db.close()

    def take_changes(self) -> Change:
        """What this process wrote since the last call, as the kinds of change views care about."""
        return self._db.take_changes()

    @property
    def folder(self) -> Path | None:
        """The folder of the database file (the data folder); None for a database in memory."""
        row = self._db.execute("PRAGMA database_list").fetchone()
        return Path(row["file"]).parent if row is not None and row["file"] else None

    @property
    def connection(self) -> LockedConnection:
        """For the store's sibling modules (store/publishing.py); nothing outside store/ uses it."""
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[LockedConnection]:
        # IMMEDIATE takes the write lock up front, so two processes never both read-then-write; the
        # thread lock keeps another thread's statements out of this transaction.
        with self._db.lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    # After a full disk SQLite may have rolled back already; the first error is the one
                    # to tell.
                    with suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                problem = unwritable(exc)
                if problem is None:
                    raise
                with suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise StoreError(f"nothing was saved: {problem}") from None

    @contextmanager
    def snapshot(self) -> Iterator[LockedConnection]:
        """Several reads that must agree (publications, then their drafts): one read transaction, so
        they all see the database as one moment left it, whatever another process commits meanwhile
        (WAL gives a reader a fixed snapshot from its first read to its end). Inside a transaction
        already, that one holds."""
        with self._db.lock:
            if self._db.in_transaction:
                yield self._db
                return
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
                self._db.execute("COMMIT")  # nothing was written: this only ends the snapshot

    def _migrate(self) -> None:
        with self.transaction() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"the database was written by a newer somedesk (schema {version}); please update somedesk"
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # Drafts ---------------------------------------------------------------------------------

    def add_draft(
        self, text: str, networks: Iterable[Network], now: datetime, images: Sequence[Path] = ()
    ) -> Draft:
        stamp = to_text(now)
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO drafts (text, created_at, updated_at) VALUES (?, ?, ?)", (text, stamp, stamp)
            )
            draft_id = int(cursor.lastrowid or 0)
            for network in dict.fromkeys(networks):
                self._insert_publication(db, draft_id, network, stamp)
            db.executemany(
                "INSERT INTO draft_images (draft_id, position, path) VALUES (?, ?, ?)",
                [(draft_id, position, str(path)) for position, path in enumerate(images)],
            )
        return self.draft(draft_id)

    def next_draft_id(self) -> int:
        """More than every draft's id so far: what the planning engine calls a draft newer than all."""
        return int(self._db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM drafts").fetchone()[0])

    def draft(self, draft_id: int) -> Draft:
        with self.snapshot():
            row = self._db.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                raise _no_draft(draft_id)
            return self._draft_from(row, self._publications_of([draft_id]).get(draft_id, ()))

    def drafts(self) -> list[Draft]:
        with self.snapshot():
            rows = self._db.execute("SELECT * FROM drafts ORDER BY id").fetchall()
            pubs = self._publications_of([int(r["id"]) for r in rows])
            return [self._draft_from(r, pubs.get(int(r["id"]), ())) for r in rows]

    def edit_draft(self, draft_id: int, text: str, now: datetime) -> Draft:
        """Replace the draft's text, unless that would change what is already on a network.

        Checked in the same transaction as the change, so a publish cannot slip in between.
        """
        with self.transaction() as db:
            row = db.execute("SELECT text FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                raise _no_draft(draft_id)
            refuse_changing_what_is_posted(db, draft_id, str(row["text"]), text)
            # A changed text forgets the warnings the person went past: they were about other words.
            db.execute(
                "UPDATE drafts SET warnings_accepted = CASE WHEN text = ? THEN warnings_accepted END, "
                "text = ?, updated_at = ? WHERE id = ?",
                (text, text, to_text(now), draft_id),
            )
        return self.draft(draft_id)

    def set_draft_share(self, draft_id: int, share: bool | None) -> None:
        """Whether this draft is shared to the team once published (None: as the config says)."""
        self._update_draft(draft_id, "share", None if share is None else int(share))

    def accept_warnings(self, draft_id: int, text: str) -> None:
        """The person chose to go past the policy's warnings about `text` (the draft's current text)."""
        self._update_draft(draft_id, "warnings_accepted", text_fingerprint(text))

    def set_draft_language(self, draft_id: int, language: str | None) -> None:
        """The draft's spelling language (None: detect it from the text)."""
        self._update_draft(draft_id, "language", language)

    def _update_draft(self, draft_id: int, column: str, value: object) -> None:
        with self.transaction() as db:
            cursor = db.execute(f"UPDATE drafts SET {column} = ? WHERE id = ?", (value, draft_id))
            if cursor.rowcount == 0:
                raise _no_draft(draft_id)

    def delete_draft(self, draft_id: int) -> None:
        with self.transaction() as db:
            busy = db.execute(
                "SELECT 1 FROM publications WHERE draft_id = ? AND state = ?",
                (draft_id, PublicationState.PUBLISHING.value),
            ).fetchone()
            if busy is not None:
                raise UserError(
                    f"draft {draft_id} is being published right now; try again in a moment",
                    code="publishing-now",
                )
            if db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)).rowcount == 0:
                raise _no_draft(draft_id)

    # Publications ---------------------------------------------------------------------------

    def add_network(self, draft_id: int, network: Network, now: datetime) -> None:
        with self.transaction() as db:
            exists = db.execute(
                "SELECT 1 FROM publications WHERE draft_id = ? AND network = ?", (draft_id, network.value)
            ).fetchone()
            if exists is None:
                self._insert_publication(db, draft_id, network, to_text(now))

    def publications_for(self, draft_id: int, network: Network | None, now: datetime) -> list[Publication]:
        """The draft's publications, or its one for `network` (added when the draft lacks it)."""
        draft = self.draft(draft_id)
        if network is not None and draft.publication(network) is None:
            self.add_network(draft_id, network, now)
            draft = self.draft(draft_id)
        publications = [p for p in draft.publications if network is None or p.network is network]
        if not publications:
            raise InvalidInputError(
                f"draft {draft_id} has no network yet; add --network linkedin, x or sandbox",
                code="no-network",
            )
        return publications

    def schedule(
        self,
        publication_id: int,
        at: datetime,
        kind: MomentKind | None,
        label: str,
        now: datetime,
        mode: str | None = None,
        *,
        by_hand: bool = False,
    ) -> None:
        """Put a publication on the schedule; only drafts and not-yet-sent items can move. `by_hand`:
        the person chose the time (it keeps no queue order); else the planning engine did."""
        movable = (
            PublicationState.DRAFT,
            PublicationState.SCHEDULED,
            PublicationState.MISSED,
            PublicationState.FAILED,
            PublicationState.NEEDS_ATTENTION,
        )
        self._set_state(
            publication_id,
            PublicationState.SCHEDULED,
            movable,
            now,
            scheduled_at=to_text(at),
            moment_kind=kind.value if kind else None,
            moment_label=label,
            reason=None,
            reason_code=None,
            mode=mode,
            by_hand=int(by_hand),
        )

    def unschedule(self, publication_id: int, now: datetime) -> None:
        self._set_state(
            publication_id,
            PublicationState.DRAFT,
            _OFF_THE_SCHEDULE_FROM,
            now,
            scheduled_at=None,
            moment_kind=None,
            moment_label=None,
            reason=None,
            reason_code=None,
        )

    def hold_partly_posted(self, publication_id: int, reason: str, now: datetime) -> None:
        """Off the schedule, but a thread partly on its network: needs-attention with `reason` (what is
        out, and that publishing posts the rest), never a draft that would hide the post."""
        self._set_state(
            publication_id,
            PublicationState.NEEDS_ATTENTION,
            _OFF_THE_SCHEDULE_FROM,
            now,
            scheduled_at=None,
            moment_kind=None,
            moment_label=None,
            reason=reason,
            reason_code="partly-posted",
        )

    def mark_missed(self, publication_id: int, reason: str, now: datetime, code: str | None = None) -> None:
        """The moment passed while nobody could post: kept, with the reason, for the person to decide."""
        self._set_state(
            publication_id,
            PublicationState.MISSED,
            (PublicationState.SCHEDULED,),
            now,
            reason=reason,
            reason_code=code,
        )

    def _set_state(
        self,
        publication_id: int,
        state: PublicationState,
        allowed_from: Sequence[PublicationState],
        now: datetime,
        **columns: Any,
    ) -> None:
        assignments = ", ".join(f"{name} = ?" for name in columns)
        placeholders = ", ".join("?" for _ in allowed_from)
        with self.transaction() as db:
            row = db.execute("SELECT state FROM publications WHERE id = ?", (publication_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"there is no publication {publication_id}")
            cursor = db.execute(
                f"UPDATE publications SET state = ?, updated_at = ?, {assignments} "
                f"WHERE id = ? AND state IN ({placeholders})",
                (
                    state.value,
                    to_text(now),
                    *columns.values(),
                    publication_id,
                    *(s.value for s in allowed_from),
                ),
            )
            if cursor.rowcount == 0:
                raise UserError(f"it is already {row['state']}, so it cannot be {state.value} now")

    def publication(self, publication_id: int) -> Publication:
        row = self._db.execute("SELECT * FROM publications WHERE id = ?", (publication_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"there is no publication {publication_id}")
        return publication_from(row)

    def publications_in(self, *states: PublicationState) -> list[Publication]:
        marks = ", ".join("?" for _ in states)
        rows = self._db.execute(
            f"SELECT * FROM publications WHERE state IN ({marks}) ORDER BY scheduled_at, id",
            tuple(s.value for s in states),
        ).fetchall()
        return [publication_from(r) for r in rows]

    def queue(self) -> list[tuple[Publication, Draft]]:
        """Every publication that has left the drafts: waiting, under way, done or needing a decision."""
        with self.snapshot():  # a draft deleted between the two reads must not be half seen
            rows = self._db.execute(
                "SELECT * FROM publications WHERE state != ? "
                "ORDER BY COALESCE(scheduled_at, published_at, updated_at), id",
                (PublicationState.DRAFT.value,),
            ).fetchall()
            publications = [publication_from(r) for r in rows]
            drafts = {d.id: d for d in self._drafts_by_id(sorted({p.draft_id for p in publications}))}
        return [(p, drafts[p.draft_id]) for p in publications]

    def data_version(self) -> int:
        """Changes when another connection (another process) commits: a cheap "did anything change"."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    # Settings and notices ----------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))

    def claim_notice(self, kind: str, ref: str, now: datetime) -> bool:
        """Record that a notice is shown; False if it already was (so it is shown once, ever)."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO notices (kind, ref, sent_at) VALUES (?, ?, ?)",
                (kind, ref, to_text(now)),
            )
            return cursor.rowcount == 1

    def notices(self, kind: str) -> set[str]:
        return {str(r["ref"]) for r in self._db.execute("SELECT ref FROM notices WHERE kind = ?", (kind,))}

    def notice_times(self, kind: str) -> dict[str, datetime]:
        """Each notice of `kind` with when it was shown (the runtime says when a reminder was asked)."""
        rows = self._db.execute("SELECT ref, sent_at FROM notices WHERE kind = ?", (kind,))
        return {str(r["ref"]): from_text(str(r["sent_at"])) for r in rows}

    def scheduled(self) -> list[tuple[Publication, Draft]]:
        """Every scheduled publication with its draft, soonest first."""
        with self.snapshot():  # as in `queue`
            rows = self._db.execute(
                "SELECT * FROM publications WHERE state = ? ORDER BY scheduled_at, id",
                (PublicationState.SCHEDULED.value,),
            ).fetchall()
            publications = [publication_from(r) for r in rows]
            drafts = {d.id: d for d in self._drafts_by_id(sorted({p.draft_id for p in publications}))}
        return [(p, drafts[p.draft_id]) for p in publications]

    def _drafts_by_id(self, draft_ids: Sequence[int]) -> list[Draft]:
        pubs = self._publications_of(draft_ids)
        drafts: list[Draft] = []
        for chunk in chunks(draft_ids):
            marks = ", ".join("?" for _ in chunk)
            rows = self._db.execute(f"SELECT * FROM drafts WHERE id IN ({marks})", tuple(chunk)).fetchall()
            drafts.extend(self._draft_from(r, pubs.get(int(r["id"]), ())) for r in rows)
        return drafts

    def _insert_publication(self, db: LockedConnection, draft_id: int, network: Network, stamp: str) -> None:
        db.execute(
            "INSERT INTO publications (draft_id, network, state, updated_at) VALUES (?, ?, ?, ?)",
            (draft_id, network.value, PublicationState.DRAFT.value, stamp),
        )

    def _publications_of(self, draft_ids: Sequence[int]) -> dict[int, tuple[Publication, ...]]:
        if not draft_ids:
            return {}
        grouped: dict[int, list[Publication]] = {}
        for chunk in chunks(draft_ids):
            marks = ", ".join("?" for _ in chunk)
            for row in self._db.execute(
                f"SELECT * FROM publications WHERE draft_id IN ({marks}) ORDER BY id", tuple(chunk)
            ):
                grouped.setdefault(int(row["draft_id"]), []).append(publication_from(row))
        return {k: tuple(v) for k, v in grouped.items()}

    def _draft_from(self, row: sqlite3.Row, publications: Sequence[Publication]) -> Draft:
        images = self._db.execute(
            "SELECT path FROM draft_images WHERE draft_id = ? ORDER BY position", (int(row["id"]),)
        ).fetchall()
        return Draft(
            id=int(row["id"]),
            text=str(row["text"]),
            created_at=from_text(row["created_at"]),
            updated_at=from_text(row["updated_at"]),
            publications=tuple(publications),
            images=tuple(Path(r["path"]) for r in images),
            share=None if row["share"] is None else bool(row["share"]),
            language=row["language"],
            # Hashed only where something was accepted: most drafts never were, and every read builds them.
            warnings_accepted=row["warnings_accepted"] is not None
            and row["warnings_accepted"] == text_fingerprint(str(row["text"])),
        )


def _no_draft(draft_id: int) -> NotFoundError:
    return NotFoundError(f"there is no draft {draft_id} (see: somedesk drafts list)", code="no-draft")
