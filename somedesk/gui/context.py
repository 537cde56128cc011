"""What every window is handed: the services, the runtime bridge and a way to open other windows.

One `GuiContext` is built by `gui/app.py` (the GUI's composition root) and passed to each window;
no window reaches for a global.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from somedesk.app.services import Somedesk
from somedesk.core.changes import Change


class Bridge(QObject):
    """Carries what happens on worker threads (the runtime, sign-ins) into the GUI thread.

    Signals (emitted from any thread; connected slots run on the GUI thread, queued):
        changed(Change): what changed (core/changes.py) — in this process (a window, the runtime) or
            in another (a command in a terminal, through the instance socket): each view reloads
            only what it shows.
        activity(str): a line of what the runtime did ("Published on X: …").
        runtime_started: the runtime (started on a thread of its own) has run its first check.
        runtime_failed(object): the runtime could not start; the exception.
        confirmed(str, object): a window that closed after an action says where the post went (the
            tray shows it); the object is a callable that undoes it, or None.
    """

    changed = Signal(object)  # Change
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

    def notify_changed(self, also: Change = Change.NONE) -> None:
        """After the GUI changed something: the views that show it reload and the runtime re-derives
        its jobs. What the store wrote is known; `also` adds what it cannot see."""
        changes = self.app.take_changes() | also
        if changes:
            self.bridge.changed.emit(changes)
