"""What changed, in kinds a view cares about (as Anki's OpChanges): drafts, publications, accounts,
ideas, config. The store says which kinds its writes touched; windows reload only what they show,
and a change made in another process (a command in a terminal) arrives as the same flags."""

from __future__ import annotations

import re
from enum import Flag, auto
from functools import lru_cache


class Change(Flag):
    NONE = 0
    DRAFTS = auto()
    PUBLICATIONS = auto()  # the schedule: publications, their attempts and parts, holds and notices
    ACCOUNTS = auto()
    IDEAS = auto()
    CONFIG = auto()

    @classmethod
    def everything(cls) -> Change:
        return cls.DRAFTS | cls.PUBLICATIONS | cls.ACCOUNTS | cls.IDEAS | cls.CONFIG

    def names(self) -> str:
        """ "drafts,publications": the wire form of the single-instance socket's "changed:" message."""
        return ",".join(str(kind.name).lower() for kind in Change if kind and kind in self)

    @classmethod
    def parse(cls, text: str) -> Change:
        """The flags named in `text`; unknown names are ignored (a newer somedesk may send more)."""
        result = cls.NONE
        for name in text.split(","):
            member = cls.__members__.get(name.strip().upper())
            if member is not None:
                result |= member
        return result


# Each table of the store, by the kind of change a write to it is.
TABLE_CHANGES = {
    "drafts": Change.DRAFTS,
    "draft_images": Change.DRAFTS,
    "publications": Change.PUBLICATIONS,
    "attempts": Change.PUBLICATIONS,
    "post_parts": Change.PUBLICATIONS,
    "notices": Change.PUBLICATIONS,
    "settings": Change.PUBLICATIONS,  # holds: pause and resume
    "accounts": Change.ACCOUNTS,
    "feeds": Change.IDEAS,
    "ideas": Change.IDEAS,
    "phone_messages": Change.PUBLICATIONS,  # what the phone's server holds for each post
    "phone_inbox": Change.NONE,  # how far the inbox was read; the drafts it made say DRAFTS
}

_WRITE = re.compile(
    r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[\"`]?(\w+)",
    re.IGNORECASE,
)


@lru_cache(maxsize=512)
def change_of_statement(sql: str) -> Change:
    """The kind of change an SQL statement makes: NONE for reads; everything for a write to a table
    this map does not know yet (a new migration's), so no view misses it."""
    match = _WRITE.match(sql)
    if match is None:
        return Change.NONE
    return TABLE_CHANGES.get(match.group(1).lower(), Change.everything())
