"""SIGINT (Ctrl+C in the terminal) and SIGTERM (logout, `kill`, systemd) stop the desktop app cleanly.

While Qt's event loop runs, Python gets no chance to run a signal handler: the C-level handler only
notes the signal, and the Python one would wait for the next Python callback, which may be never
(Ctrl+C did nothing; SIGTERM killed the process outright, runtime, geometry and all). So the
interpreter is told to write each signal's number into one end of a socket pair
(`signal.set_wakeup_fd`), and a QSocketNotifier on the other end wakes the event loop, which emits
`received` on the GUI thread. The app then quits through its normal path.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)
STOPPING = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)


class SignalWatcher(QObject):
    """Delivers the signals in `numbers` to the GUI thread while installed (main thread only).

    Signals:
        received(int): a signal's number, emitted on the GUI thread.
    """

    received = Signal(int)

    def __init__(self, numbers: tuple[int, ...] = STOPPING, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._numbers = numbers
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)  # the interpreter's write must never block a signal handler
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)
        self._previous_fd: int | None = None
        self._previous: dict[int, _Handler] = {}

    def install(self) -> None:
        try:
            self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        except ValueError:  # not the main thread (only the main thread may): signals stay as they were
            log.warning("signals are not watched: the app does not run on the main thread")
            return
        for number in self._numbers:
            # A Python handler must be set for the wakeup byte to be written; the byte is the news.
            self._previous[number] = signal.signal(number, _noted)

    def uninstall(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        self._previous.clear()
        if self._previous_fd is not None:
            signal.set_wakeup_fd(self._previous_fd)
            self._previous_fd = None
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def _readable(self) -> None:
        try:
            data = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            if number in self._numbers:
                log.info("signal %s: stopping", number)
                self.received.emit(number)


_Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def _noted(_number: int, _frame: FrameType | None) -> None:
    """The Python-level handler: nothing to do here, the wakeup byte carries the signal."""
