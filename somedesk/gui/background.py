"""Runs slow work (counting a long thread, reading calendars, the network, the keyring) off the GUI
thread and hands the outcome back to the GUI thread, so the windows never wait for it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from somedesk.core.errors import UserError

log = logging.getLogger(__name__)
T = TypeVar("T")


class Background(QObject):
    """Each `run()` gets a short-lived thread; its callback runs on the GUI thread (a queued signal).

    Signals:
        idle: every job handed to `run()` has delivered its outcome.
    """

    idle = Signal()
    _finished = Signal(object, object)  # (callback, argument), emitted from the job's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = 0
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self.running > 0

    def run(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[str], None],
        name: str = "somedesk-gui-work",
    ) -> None:
        """Call `work()` on a thread, then `done(result)`, or `failed(message)` with a one-line message."""
        self.running += 1
        unexpected = self.tr("Something went wrong; the details are in somedesk's log.")

        def job() -> None:
            outcome: tuple[Callable[[Any], None], object]
            try:
                outcome = (done, work())
            except UserError as error:
                outcome = (failed, str(error))
            except Exception:
                log.exception("background work failed")
                outcome = (failed, unexpected)
            # The window may be gone by now (closed and deleted): then nobody is waiting for this.
            with suppress(RuntimeError):
                self._finished.emit(*outcome)

        threading.Thread(target=job, name=name, daemon=True).start()

    def _deliver(self, callback: Callable[[object], None], argument: object) -> None:
        self.running -= 1
        try:
            callback(argument)
        finally:
            if self.running == 0:
                self.idle.emit()
