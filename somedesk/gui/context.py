"""What every window is handed: the services, the runtime bridge and a way to open other windows.

One `GuiContext` is built by `gui/app.py` (the GUI's composition root) and passed to each window;
no window reaches for a global.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from somedesk.app.services import Somedesk


class Bridge(QObject):
    """Carries what happens on worker threads (the runtime, sign-ins) into the GUI thread.

    Signals (emitted from any thread; connected slots run on the GUI thread, queued):
        changed: the store changed (a publish, a reminder action, an edit elsewhere): views reload.
        activity(str): a line of what the runtime did ("Published on X: …").
        runtime_started: the runtime (started on a thread of its own) has run its first check.
        runtime_failed(object): the runtime could not start; the exception.
        confirmed(str, object): a window that closed after an action says where the post went (the
            tray shows it); the object is a callable that undoes it, or None.
    """

    changed = Signal()
    activity = Signal(str)
    runtime_started = Signal()
    runtime_failed = Signal(object)
    confirmed = Signal(str, object)


@dataclass
class GuiContext:
    app: Somedesk
    bridge: Bridge
    open_window: Callable[[str], None] = field(default=lambda _name: None)
    publish_now: Callable[[int], None] = field(default=lambda _id: None)

    def notify_changed(self) -> None:
        """After the GUI changed the schedule: views reload and the runtime re-derives its jobs."""
        self.bridge.changed.emit()
