"""The notifier interface the runtime speaks, and the fallback that only writes to the log.

A notification may carry actions ("Post now", "Snooze 10 min"); when the person picks one, the
back-end calls `on_action` with the action's key, on a thread of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger(__name__)

ActionHandler = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Note:
    """One notification, in English. `code` and `details` say what it is about, so that the desktop
    app can say it in the person's language (gui/notes.py); the action keys never change."""

    title: str
    body: str
    actions: tuple[tuple[str, str], ...] = ()  # (key, label) pairs, in the order shown
    urgent: bool = False
    # Kept in the notification centre after it is shown (freedesktop's "resident" hint), for a
    # note that waits for an answer: a reminder, a missed post.
    resident: bool = False
    code: str | None = None
    details: Mapping[str, object] = field(default_factory=dict, hash=False)  # a note stays hashable


KEPT_NOTES = 50  # LogNotifier.shown


class Notifier(Protocol):
    def notify(self, note: Note, on_action: ActionHandler | None = None) -> None: ...

    def close(self) -> None: ...


class LogNotifier:
    """No notification server: the note goes to the log (and `echo`, e.g. the terminal of `somedesk run`).

    Nothing is lost: whatever needs a decision stays in the queue with its state and reason, and
    the next window or `somedesk queue` shows it.
    """

    def __init__(self, echo: Callable[[str], None] | None = None) -> None:
        self.echo = echo
        self.shown: list[Note] = []

    def notify(self, note: Note, on_action: ActionHandler | None = None) -> None:
        self.shown.append(note)
        # `somedesk run` notifies for weeks on end: only the latest few are kept (tests read them).
        del self.shown[:-KEPT_NOTES]
        log.info("notice: %s — %s", note.title, note.body)
        if self.echo is not None:
            self.echo(f"{note.title}: {note.body}")

    def close(self) -> None:
        return None
