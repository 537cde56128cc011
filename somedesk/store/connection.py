"""One SQLite connection shared by threads, one statement at a time.

The runtime's workers, the GUI thread and helper threads all use the store. SQLite is built
serialised, but two threads interleaving statements on one connection can still see each other's
open transactions, and closing it while another thread reads crashes the process. Every statement
here runs under one lock and returns its rows already fetched, so no cursor outlives the lock.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from somedesk.core.changes import Change, change_of_statement


class Result:
    """The fetched rows of one statement, plus what a cursor would report."""

    def __init__(self, rows: list[sqlite3.Row], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Any]:
        return self._rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


class LockedConnection:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self.lock = threading.RLock()
        self.closed = False
        self._changes = Change.NONE  # what the writes since the last take_changes() touched

    def take_changes(self) -> Change:
        """The kinds of change written since the last call (a rolled-back write still counts: a
        view that reloads for nothing is harmless, one that misses a change is not)."""
        with self.lock:
            changes, self._changes = self._changes, Change.NONE
            return changes

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Result:
        with self.lock:
            if self.closed:
                raise sqlite3.ProgrammingError("the store is closed")
            cursor = self._connection.execute(sql, parameters)
            if cursor.rowcount > 0:  # a write that wrote something (reads say -1)
                self._changes |= change_of_statement(sql)
            rows = cursor.fetchall()
            return Result(rows, cursor.rowcount, cursor.lastrowid)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.lock:
            cursor = self._connection.executemany(sql, rows)
            if cursor.rowcount > 0:
                self._changes |= change_of_statement(sql)

    @property
    def in_transaction(self) -> bool:
        return self._connection.in_transaction

    def close(self) -> None:
        with self.lock:
            self.closed = True
            self._connection.close()
