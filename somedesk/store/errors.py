"""What the store says when the database cannot be opened or written, in words the person can act on."""

from __future__ import annotations

import sqlite3

from somedesk.core.errors import UserError


class StoreError(UserError):
    """The database cannot be opened or used."""


# SQLite's words for a database it cannot write, and what the person can do about each.
_UNWRITABLE = {
    "database or disk is full": "the disk is full; free some space and try again",
    "disk I/O error": "the disk could not be written (an I/O error); free some space or check the disk",
    "attempt to write a readonly database": "the database is read-only; check the data folder's permissions",
    "unable to open database file": "the database file cannot be opened; check the data folder",
}


def unwritable(error: sqlite3.Error) -> str | None:
    """What to tell the person when `error` says the database cannot be written, else None (a bug)."""
    text = str(error)
    return next((advice for words, advice in _UNWRITABLE.items() if text.startswith(words)), None)
