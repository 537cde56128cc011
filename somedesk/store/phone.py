"""The store's side of the phone: what the ntfy server holds for each publication, the inbox's messages
already made drafts, and the sync's state (settings rows; the topic and token live in the keyring)."""

from __future__ import annotations

from datetime import datetime

from somedesk.core.drafts import Draft, PublicationState
from somedesk.core.phone import Held, MessageKind
from somedesk.store.database import Store
from somedesk.store.rows import from_text, to_text

# Settings rows (never a secret).
ENABLED = "phone.enabled"  # "1" once set up: the faces know without asking the keyring
PREFIX = "phone.prefix"  # this installation's part of every sequence id
INBOX_SINCE = "phone.inbox_since"  # the id of the last inbox message made a draft
LAST_ERROR = "phone.last_error"  # the last sync's failure, one line; absent when the last sync worked
LAST_ERROR_AT = "phone.last_error_at"
SYNCED_AT = "phone.synced_at"
NO_COPY = "phone.no_copy"  # "1": the server refused copy buttons once; do not offer them again
SENT_TO_PHONE = "sent-to-phone"  # a publication's reason_code when the phone took over


class PhoneRecords:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._db = store.connection

    # What the server holds ----------------------------------------------------------------------

    def held(self) -> list[Held]:
        rows = self._db.execute("SELECT * FROM phone_messages ORDER BY publication_id").fetchall()
        return [
            Held(
                int(r["publication_id"]),
                str(r["sequence_id"]),
                MessageKind(r["kind"]),
                from_text(r["deliver_at"]),
                str(r["fingerprint"]),
            )
            for r in rows
        ]

    def remember(self, held: Held, now: datetime) -> None:
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO phone_messages (publication_id, sequence_id, kind, deliver_at, "
                "fingerprint, sent_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    held.publication_id,
                    held.sequence_id,
                    held.kind.value,
                    to_text(held.deliver_at),
                    held.fingerprint,
                    to_text(now),
                ),
            )

    def forget(self, publication_id: int) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM phone_messages WHERE publication_id = ?", (publication_id,))

    def forget_all(self) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM phone_messages")

    # The inbox -------------------------------------------------------------------------------

    def take_inbox_message(self, message_id: str, text: str, now: datetime) -> Draft | None:
        """Make the message a draft with no network yet, once: None when it already was one. The draft,
        the message's record and the inbox position are one transaction."""
        stamp = to_text(now)
        with self.store.transaction() as db:
            seen = db.execute("SELECT 1 FROM phone_inbox WHERE message_id = ?", (message_id,)).fetchone()
            db.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (INBOX_SINCE, message_id)
            )
            if seen is not None:
                return None
            cursor = db.execute(
                "INSERT INTO drafts (text, created_at, updated_at) VALUES (?, ?, ?)", (text, stamp, stamp)
            )
            draft_id = int(cursor.lastrowid or 0)
            db.execute(
                "INSERT INTO phone_inbox (message_id, draft_id, received_at) VALUES (?, ?, ?)",
                (message_id, draft_id, stamp),
            )
        return self.store.draft(draft_id)

    def skip_inbox_message(self, message_id: str) -> None:
        """Remember a message that makes no draft (empty), so it is not looked at again."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO phone_inbox (message_id, draft_id, received_at) VALUES (?, NULL, '')",
                (message_id,),
            )
            db.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (INBOX_SINCE, message_id)
            )

    # The phone took over ------------------------------------------------------------------------

    def mark_sent_to_phone(self, publication_id: int, reason: str, now: datetime) -> None:
        self.store.mark_missed(publication_id, reason, now, code=SENT_TO_PHONE)

    def mark_posted_from_phone(self, publication_id: int, now: datetime) -> bool:
        """The person posted it themselves (from the phone): published now, with no link. False when the
        publication is not waiting any more (published already, or back in the drafts)."""
        waiting = (PublicationState.SCHEDULED.value, PublicationState.MISSED.value)
        with self.store.transaction() as db:
            cursor = db.execute(
                "UPDATE publications SET state = ?, published_at = ?, updated_at = ?, reason = ?, "
                "reason_code = ? WHERE id = ? AND state IN (?, ?)",
                (
                    PublicationState.PUBLISHED.value,
                    to_text(now),
                    to_text(now),
                    "Posted from your phone",
                    "posted-from-phone",
                    publication_id,
                    *waiting,
                ),
            )
            return cursor.rowcount == 1
