"""SQLite, the one source of truth: drafts, the schedule and (later) every publish attempt."""

from somedesk.store.database import Store

__all__ = ["Store"]
