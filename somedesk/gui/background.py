"""Runs slow work (counting a long thread, reading calendars, the network, the keyring) off the GUI
thread and hands the outcome back to the GUI thread, so the windows never wait for it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import suppress
from itertools import count
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from somedesk.core.errors import UserError
from somedesk.gui.messages import user_message

log = logging.getLogger(__name__)
T = TypeVar("T")


def run_job(
    deliver: Callable[[int, bool, object, list[Any]], None], key: int, box: list[Any], unexpected: str
) -> None:
    """Run the callable in `box` (on a worker thread) and hand the outcome and the box to `deliver`.

    Why the box: a job often holds a window (a lambda over `self`). Were the worker thread to drop
    the last reference to a window, Python would delete the window there, off the GUI thread ("Timers
    cannot be stopped from another thread", then a crash). So the worker never keeps the job: the
    GUI thread empties the box, and the job (with whatever it holds) is freed there. The outcome's
    callbacks never leave the GUI thread at all.
    """
    ok: bool
    value: object
    try:
        ok, value = True, box[0]()
    except UserError as error:
        ok, value = False, user_message(error)
    except Exception:
        log.exception("background work failed")
        ok, value = False, unexpected
    # The window may be gone by now (closed and deleted): then nobody is waiting for this.
    with suppress(RuntimeError):
        deliver(key, ok, value, box)


class Background(QObject):
    """Each `run()` gets a short-lived thread; its callback runs on the GUI thread (a queued signal).

    Signals:
        idle: every job handed to `run()` has delivered its outcome.
    """

    idle = Signal()
    _finished = Signal(int, bool, object, object)  # (key, ok, value, box), emitted from the job's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = 0
        self._keys = count()
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[str], None]]] = {}
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
        key = next(self._keys)
        self._callbacks[key] = (done, failed)
        unexpected = self.tr("Something went wrong; the details are in somedesk's log.")
        self._start(run_job, (self._finished.emit, key, [work], unexpected), name)

    def _start(self, job: Callable[..., None], args: tuple[Any, ...], name: str) -> None:
        """Start `job(*args)`: here on a short-lived thread of its own; a subclass may queue it."""
        threading.Thread(target=job, args=args, name=name, daemon=True).start()

    def _deliver(self, key: int, ok: bool, value: object, box: list[Any]) -> None:
        box.clear()  # the job is freed here, on the GUI thread
        self.running -= 1
        done, failed = self._callbacks.pop(key)
        try:
            if ok:
                done(value)
            else:
                failed(str(value))
        except RuntimeError as error:
            # The window this was for is being deleted (closed while the work ran): its widgets are
            # gone, and nobody waits for the outcome any more. Anything else is a real error.
            if "already deleted" not in str(error):
                raise
            log.debug("a background outcome arrived for a deleted window: %s", error)
        finally:
            if self.running == 0:
                self.idle.emit()
