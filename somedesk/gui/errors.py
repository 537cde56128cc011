"""Unhandled exceptions in the desktop app: logged in full, shown as a small non-blocking message,
and the app keeps running (a bug in one window must not take the tray and the runtime with it)."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox  # at first use: creating its type costs the start ~2 ms

log = logging.getLogger(__name__)


class ErrorReporter(QObject):
    """Installs itself as sys.excepthook and threading.excepthook while the app runs.

    Signals:
        problem(str): one line for the person; emitted from any thread, shown on the GUI thread.
    """

    problem = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.boxes: list[QMessageBox] = []
        self.problem.connect(self._show)
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _hook(self, kind: type[BaseException], value: BaseException, traceback: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, value, traceback)
            return
        log.error("unhandled exception", exc_info=(kind, value, traceback))
        # The type only: an exception's text may carry data the person did not choose to show.
        self.problem.emit(
            self.tr(
                "Something went wrong ({error}). somedesk keeps running; the details are in its log."
            ).format(error=kind.__name__)
        )

    def crashed_last_time(self, report: Path) -> None:
        """The last run died of a fatal error (desktop/crashlog.py): say so, and where its report is."""
        self.problem.emit(
            self.tr("somedesk stopped unexpectedly last time. The report is in {path}").format(path=report)
        )

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "somedesk", text)
        box.setModal(False)  # never blocks the app: the person closes it when they like
        box.finished.connect(lambda _result, b=box: self.boxes.remove(b) if b in self.boxes else None)
        self.boxes.append(box)
        box.show()
