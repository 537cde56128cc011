"""Content ideas from the person's feeds: what a feed and an idea are, and the pure rules around them
(plain-text summaries, stable ids for entries, the text of a draft made from an idea)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from html.parser import HTMLParser

# Old ideas are forgotten beyond this many per feed, except those the feed still lists: a dismissed
# or drafted idea is remembered as long as it could come back.
KEEP_PER_FEED = 200
SUMMARY_CHARS = 280
TITLE_CHARS = 200


class IdeaState(StrEnum):
    NEW = "new"
    DRAFTED = "drafted"
    DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscribed RSS or Atom feed. `url` is an http(s) address or an absolute file path."""

    id: int
    url: str
    title: str
    added_at: datetime
    checked_at: datetime | None = None
    last_error: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FoundItem:
    """One entry of a fetched feed, before it is stored as an idea."""

    guid: str
    title: str
    link: str | None
    summary: str
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class Idea:
    id: int
    feed_id: int
    feed_title: str
    guid: str
    title: str
    link: str | None
    summary: str
    published_at: datetime | None
    found_at: datetime
    state: IdeaState = IdeaState.NEW
    draft_id: int | None = None

    @property
    def when(self) -> datetime:
        """When the idea appeared: its publication date, or when somedesk first saw it."""
        return self.published_at or self.found_at


def draft_text(idea: Idea) -> str:
    """The text of a draft made from an idea: its title, then its link on a line of its own."""
    return f"{idea.title}\n\n{idea.link}" if idea.link else idea.title


def stable_guid(entry_id: str | None, link: str | None, title: str) -> str:
    """The entry's own id, else its link, else a hash of its title (feeds without either exist)."""
    if entry_id and entry_id.strip():
        return entry_id.strip()
    link = (link or "").strip()
    if link:
        return link
    return "sha256:" + hashlib.sha256(f"{title.strip()}\n".encode()).hexdigest()[:32]


def safe_link(link: str | None) -> str | None:
    """Only web links go into a draft: a feed could carry javascript: or file: addresses."""
    if not link:
        return None
    link = link.strip()
    return link if re.match(r"(?i)https?://[^\s\x00-\x1f\x7f-\x9f]+$", link) else None


class _TextOnly(HTMLParser):
    _SKIPPED = frozenset({"script", "style"})
    _BREAKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skipping += 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED and self._skipping:
            self._skipping -= 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


# C0 but tab, newline and carriage return (layout, collapsed into spaces below), DEL and C1.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def plain_text(html: str, limit: int = SUMMARY_CHARS) -> str:
    """HTML as one line of plain text, cut at a word boundary with "…" when longer than `limit`."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    # Control characters go: a feed is written by anyone, and an ESC or BEL in a title would be a
    # terminal's command wherever the title is shown (`somedesk ideas list`, a notification, a draft).
    text = " ".join(_CONTROLS.sub("", "".join(parser.parts)).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:") + "…"
