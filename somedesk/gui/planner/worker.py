"""One background thread per window: store reads, calendar loads and scheduling stay off the GUI thread.

Jobs run one at a time in the order they were submitted, so "schedule, then reload" always reads
the new schedule. Outcomes come back to the GUI thread through a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import count
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from somedesk.gui.background import run_job

T = TypeVar("T")


class Worker(QObject):
    """Runs jobs on its own thread.

    Signals:
        delivered(int, bool, object, object): internal; carries a job's outcome to the GUI thread.
        idle_changed(bool): True when the last submitted job has been delivered.
    """

    delivered = Signal(int, bool, object, object)
    idle_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None
        self._pending = 0
        self._keys = count()
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[str], None]]] = {}
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
        The callbacks stay on the GUI thread and the job is freed there (see `run_job`).
        """
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planner")
        self._pending += 1
        if self._pending == 1:
            self.idle_changed.emit(False)
        key = next(self._keys)
        self._callbacks[key] = (on_done, on_error)
        generic = self.tr("Something went wrong; the details are in the log.")
        self._pool.submit(run_job, self.delivered.emit, key, [job], generic)

    def shutdown(self) -> None:
        """Let the jobs already submitted finish in the background; a later submit starts a new thread."""
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None

    def _deliver(self, key: int, ok: bool, value: object, box: list[Any]) -> None:
        box.clear()
        on_done, on_error = self._callbacks.pop(key)
        try:
            if ok:
                on_done(value)
            else:
                on_error(str(value))
        finally:
            self._pending -= 1
            if self._pending == 0:
                self.idle_changed.emit(True)
