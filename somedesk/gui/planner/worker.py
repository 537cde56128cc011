"""One background thread per window: store reads, calendar loads and scheduling stay off the GUI thread.

Jobs run one at a time in the order they were submitted, so "schedule, then reload" always reads
the new schedule. Outcomes come back to the GUI thread as for any `Background` work.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject

from somedesk.gui.background import Background


class Worker(Background):
    """`Background` work on one thread of the window's own, one job at a time in submission order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None

    def _start(self, job: Callable[..., None], args: tuple[Any, ...], name: str) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planner")
        self._pool.submit(job, *args)

    def shutdown(self) -> None:
        """Let the jobs already submitted finish in the background; a later job starts a new thread."""
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None
