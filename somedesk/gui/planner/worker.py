"""One background thread per window: store reads, calendar loads and scheduling stay off the GUI thread.

Jobs run one at a time in the order they were submitted, so "schedule, then reload" always reads
the new schedule. Outcomes come back to the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from somedesk.core.errors import UserError

log = logging.getLogger(__name__)
T = TypeVar("T")


class Worker(QObject):
    """Runs jobs on its own thread.

    Signals:
        delivered(object): internal; carries a job's outcome to the GUI thread.
        idle_changed(bool): True when the last submitted job has been delivered.
    """

    delivered = Signal(object)
    idle_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None
        self._pending = 0
        self.delivered.connect(self._deliver)

    @property
    def idle(self) -> bool:
        return self._pending == 0

    def submit(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None],
    ) -> None:
        """Run `job` on the worker thread; then `on_done(result)` or `on_error(message)` on the GUI thread.

        A UserError's message is passed as it is; anything else is logged and reported in general words.
        """
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planner")
        self._pending += 1
        if self._pending == 1:
            self.idle_changed.emit(False)

        generic = self.tr("Something went wrong; the details are in the log.")

        def run() -> None:
            outcome: Callable[[], None]
            try:
                outcome = partial(on_done, job())
            except UserError as error:
                outcome = partial(on_error, str(error))
            except Exception:
                log.exception("a planner job failed")
                outcome = partial(on_error, generic)
            with suppress(RuntimeError):  # the window is gone: nobody is waiting for this outcome
                self.delivered.emit(outcome)

        self._pool.submit(run)

    def shutdown(self) -> None:
        """Let the jobs already submitted finish in the background; a later submit starts a new thread."""
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None

    def _deliver(self, outcome: Callable[[], None]) -> None:
        try:
            outcome()
        finally:
            self._pending -= 1
            if self._pending == 0:
                self.idle_changed.emit(True)
