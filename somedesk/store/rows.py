"""How the store writes values into its rows and reads them back: instants as text, a publication from
its row, a text's fingerprint, and ids in chunks SQLite can bind. Shared by store/database.py and its
sibling stores (publishing, ideas, phone)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from somedesk.core.drafts import Publication, PublicationState
from somedesk.core.model import MomentKind, Network


def to_text(instant: datetime) -> str:
    """How the store writes an instant: UTC, to the second, ISO 8601."""
    return instant.astimezone(UTC).isoformat(timespec="seconds")


def from_text(value: str) -> datetime:
    """An instant the store wrote (`to_text`), back as an aware UTC datetime."""
    return datetime.fromisoformat(value).astimezone(UTC)


def text_fingerprint(text: str) -> str:
    """What is kept of a text whose warnings were accepted: enough to know it is unchanged."""
    import hashlib  # here: the desktop's start reads drafts before its tray is up, and needs no hash

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def publication_from(row: sqlite3.Row) -> Publication:
    """A publication from its row in `publications`."""
    return Publication(
        id=int(row["id"]),
        draft_id=int(row["draft_id"]),
        network=Network(row["network"]),
        state=PublicationState(row["state"]),
        scheduled_at=from_text(row["scheduled_at"]) if row["scheduled_at"] else None,
        moment_kind=MomentKind(row["moment_kind"]) if row["moment_kind"] else None,
        moment_label=row["moment_label"],
        url=row["url"],
        reason=row["reason"],
        published_at=from_text(row["published_at"]) if row["published_at"] else None,
        mode=row["mode"],
        reason_code=row["reason_code"],
        by_hand=bool(row["by_hand"]),
    )


def chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    """`ids` in pieces small enough for one `IN (...)`: SQLite limits the number of bound parameters
    in one statement."""
    for offset in range(0, len(ids), size):
        yield ids[offset : offset + size]
