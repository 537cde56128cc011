"""The notifier of last resort in the GUI: a tray balloon (no action buttons; a click opens the queue)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from somedesk.runtime.notify.base import ActionHandler, Note


class TrayNotifier(QObject):
    """Shows notes as tray messages. Safe to call from any thread: the message is shown on the GUI thread."""

    _show = Signal(str, str, bool)

    def __init__(self, icon: QSystemTrayIcon, on_click: Callable[[], None]) -> None:
        super().__init__()
        self.icon = icon
        self._show.connect(self._show_now)
        icon.messageClicked.connect(on_click)

    def notify(self, note: Note, on_action: ActionHandler | None = None) -> None:
        # Tray balloons have no buttons: what needs a decision waits in the queue window.
        self._show.emit(note.title, note.body, note.urgent)

    def _show_now(self, title: str, body: str, urgent: bool) -> None:
        kind = QSystemTrayIcon.MessageIcon.Warning if urgent else QSystemTrayIcon.MessageIcon.Information
        self.icon.showMessage(title, body, kind, 10_000)

    def close(self) -> None:
        return None
