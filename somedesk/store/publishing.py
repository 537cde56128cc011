"""The store's side of publishing: attempts, created parts, outcomes and accounts' metadata.

The state machine's moves are single transactions here, so two processes can never both move
the same publication to `publishing`, and every move is committed before the network is asked.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from somedesk.core.accounts import Account, AccountState, Attempt
from somedesk.core.drafts import Publication, PublicationState
from somedesk.core.errors import NotFoundError, UserError
from somedesk.core.model import Network
from somedesk.store.connection import LockedConnection
from somedesk.store.database import Store
from somedesk.store.rows import from_text, publication_from, to_text

# States from which "publish" may start a new attempt.
PUBLISHABLE = (
    PublicationState.DRAFT,
    PublicationState.SCHEDULED,
    PublicationState.FAILED,
    PublicationState.MISSED,
    PublicationState.NEEDS_ATTENTION,
)


@dataclass(frozen=True, slots=True)
class Begun:
    """A publication moved to `publishing`, with its new attempt.

    `interrupted` is the earlier attempt that never finished (a crash mid-request), if any: its
    outcome is unknown and must be resolved before anything is posted again.
    """

    publication: Publication
    attempt_id: int
    interrupted: Attempt | None


@dataclass(frozen=True, slots=True)
class PostedRecord:
    part: int
    remote_id: str
    url: str
    text: str | None = None  # what was sent; None for parts recorded before somedesk kept it


class PublishingRecords:
    """Attempts, parts and accounts over the same SQLite connection as `Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store.connection

    # The state machine ------------------------------------------------------------------------

    def begin(self, publication_id: int, now: datetime, pid: int, alive: Callable[[int], bool]) -> Begun:
        """Move to `publishing` and open an attempt, in one transaction.

        A publication already `publishing` whose open attempt is still alive (`alive(pid)`) is being
        published right now; otherwise it was abandoned by a crash and its attempt is closed as
        interrupted, in doubt. The publisher calls this holding the publication's claim, which proves
        no one else is publishing it, so it passes an `alive` that says no: a pid is not an owner.
        """
        with self._store.transaction() as db:
            publication = self._publication(db, publication_id)
            interrupted: Attempt | None = None
            if publication.state is PublicationState.PUBLISHED:
                raise UserError(f"it is already published: {publication.url}")
            if publication.state is PublicationState.PUBLISHING:
                last = self._last_attempt(db, publication_id)
                if last is not None and last.finished_at is None and last.pid and alive(last.pid):
                    raise UserError("it is being published right now")
                interrupted = last if last is not None and last.finished_at is None else None
                if interrupted is not None:
                    self._close_attempt(
                        db, interrupted.id, now, "interrupted", "the app stopped mid-request", in_doubt=True
                    )
            elif publication.state not in PUBLISHABLE:
                raise UserError(f"it is {publication.state.value}")
            stamp = to_text(now)
            db.execute(
                "UPDATE publications SET state = ?, updated_at = ?, reason = NULL, reason_code = NULL "
                "WHERE id = ?",
                (PublicationState.PUBLISHING.value, stamp, publication_id),
            )
            cursor = db.execute(
                "INSERT INTO attempts (publication_id, started_at, pid) VALUES (?, ?, ?)",
                (publication_id, stamp, pid),
            )
            attempt_id = int(cursor.lastrowid or 0)
        return Begun(self._store.publication(publication_id), attempt_id, interrupted)

    def record_part(
        self,
        publication_id: int,
        part: int,
        remote_id: str,
        url: str,
        now: datetime,
        text: str | None = None,
    ) -> None:
        """Keep a created part, with the `text` it was sent with (what a resumed thread must continue)."""
        with self._store.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO post_parts (publication_id, part, remote_id, url, posted_at, text) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (publication_id, part, remote_id, url, to_text(now), text),
            )

    def parts(self, publication_id: int) -> dict[int, PostedRecord]:
        rows = self._db.execute(
            "SELECT part, remote_id, url, text FROM post_parts WHERE publication_id = ? ORDER BY part",
            (publication_id,),
        ).fetchall()
        return {
            int(r["part"]): PostedRecord(int(r["part"]), r["remote_id"], r["url"], r["text"]) for r in rows
        }

    def finish(
        self,
        publication_id: int,
        attempt_id: int,
        state: PublicationState,
        now: datetime,
        *,
        outcome: str,
        url: str | None = None,
        reason: str | None = None,
        scheduled_at: datetime | None = None,
        in_doubt: bool = False,
    ) -> Publication:
        """Close the attempt and move the publication to its outcome, in one transaction.

        `scheduled_at` puts it back on the schedule at that time (a rate limit's reset). Unless it
        was published, the outcome ("auth", "rate-limited", …) is kept as the reason's code. `in_doubt`:
        the next part may be on the network already (see `Attempt.in_doubt`).
        """
        reason_code = None if state is PublicationState.PUBLISHED else outcome
        stamp = to_text(now)
        with self._store.transaction() as db:
            self._close_attempt(db, attempt_id, now, outcome, reason, in_doubt=in_doubt)
            db.execute(
                "UPDATE publications SET state = ?, updated_at = ?, url = COALESCE(?, url), reason = ?, "
                "reason_code = ?, scheduled_at = COALESCE(?, scheduled_at), "
                "published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END WHERE id = ?",
                (
                    state.value,
                    stamp,
                    url,
                    reason,
                    reason_code,
                    to_text(scheduled_at) if scheduled_at else None,
                    state.value,
                    stamp,
                    publication_id,
                ),
            )
        return self._store.publication(publication_id)

    def attempts(self, publication_id: int) -> list[Attempt]:
        rows = self._db.execute(
            "SELECT * FROM attempts WHERE publication_id = ? ORDER BY id", (publication_id,)
        ).fetchall()
        return [_attempt_from(r) for r in rows]

    def _publication(self, db: LockedConnection, publication_id: int) -> Publication:
        row = db.execute("SELECT * FROM publications WHERE id = ?", (publication_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"there is no publication {publication_id}")
        return publication_from(row)

    def _last_attempt(self, db: LockedConnection, publication_id: int) -> Attempt | None:
        row = db.execute(
            "SELECT * FROM attempts WHERE publication_id = ? ORDER BY id DESC LIMIT 1", (publication_id,)
        ).fetchone()
        return _attempt_from(row) if row is not None else None

    @staticmethod
    def _close_attempt(
        db: LockedConnection,
        attempt_id: int,
        now: datetime,
        outcome: str,
        detail: str | None,
        *,
        in_doubt: bool = False,
    ) -> None:
        db.execute(
            "UPDATE attempts SET finished_at = ?, outcome = ?, detail = ?, in_doubt = ? WHERE id = ?",
            (to_text(now), outcome, detail, int(in_doubt), attempt_id),
        )

    # Accounts -------------------------------------------------------------------------------

    def save_account(self, account: Account, now: datetime) -> None:
        with self._store.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO accounts "
                "(network, handle, user_id, expires_at, state, connected_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    account.network.value,
                    account.handle,
                    account.user_id,
                    to_text(account.expires_at) if account.expires_at else None,
                    account.state.value,
                    to_text(account.connected_at),
                    to_text(now),
                ),
            )

    def account(self, network: Network) -> Account | None:
        row = self._db.execute("SELECT * FROM accounts WHERE network = ?", (network.value,)).fetchone()
        return _account_from(row) if row is not None else None

    def accounts(self) -> list[Account]:
        return [_account_from(r) for r in self._db.execute("SELECT * FROM accounts ORDER BY network")]

    def set_account_state(self, network: Network, state: AccountState, now: datetime) -> None:
        with self._store.transaction() as db:
            db.execute(
                "UPDATE accounts SET state = ?, updated_at = ? WHERE network = ?",
                (state.value, to_text(now), network.value),
            )

    def set_expiry(self, network: Network, expires_at: datetime | None, now: datetime) -> None:
        with self._store.transaction() as db:
            db.execute(
                "UPDATE accounts SET expires_at = ?, updated_at = ? WHERE network = ?",
                (to_text(expires_at) if expires_at else None, to_text(now), network.value),
            )

    def delete_account(self, network: Network) -> None:
        with self._store.transaction() as db:
            db.execute("DELETE FROM accounts WHERE network = ?", (network.value,))


def _attempt_from(row: sqlite3.Row) -> Attempt:
    return Attempt(
        id=int(row["id"]),
        publication_id=int(row["publication_id"]),
        started_at=from_text(row["started_at"]),
        finished_at=from_text(row["finished_at"]) if row["finished_at"] else None,
        outcome=row["outcome"],
        detail=row["detail"],
        pid=row["pid"],
        in_doubt=bool(row["in_doubt"]),
    )


def _account_from(row: sqlite3.Row) -> Account:
    return Account(
        network=Network(row["network"]),
        handle=row["handle"],
        user_id=row["user_id"],
        expires_at=from_text(row["expires_at"]) if row["expires_at"] else None,
        state=AccountState(row["state"]),
        connected_at=from_text(row["connected_at"]),
    )
