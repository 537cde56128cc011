"""Desktop notifications: one small interface, back-ends chosen at run time."""

from somedesk.runtime.notify.base import LogNotifier, Note, Notifier

__all__ = ["LogNotifier", "Note", "Notifier"]
