"""Content ideas, the use cases: follow a feed, refresh, list, draft from an idea, dismiss, unfollow.

Shared by the command line and the planner through `Somedesk.ideas`. Fetching happens in
`feeds.py` (imported on first use); the store keeps feeds and ideas.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from somedesk.core.drafts import Draft
from somedesk.core.errors import InvalidInputError, NotFoundError
from somedesk.core.ideas import Feed, Idea, IdeaState, draft_text
from somedesk.core.model import Network
from somedesk.store import Store
from somedesk.store.ideas import IdeaRecords, already

log = logging.getLogger(__name__)
AddDraft = Callable[[str, Sequence[Network]], Draft]


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What a refresh found: how many ideas are new, and one line per feed that could not be checked."""

    new: int = 0
    problems: list[str] = field(default_factory=list)


class Ideas:
    """The ideas use cases over the store; `add_draft` is the services' (it checks the text)."""

    def __init__(self, store: Store, add_draft: AddDraft, clock: Callable[[], datetime]) -> None:
        self.records = IdeaRecords(store)
        self._add_draft = add_draft
        self._clock = clock

    # Feeds ----------------------------------------------------------------------------------

    def add_feed(self, address: str) -> tuple[Feed, int]:
        """Fetch the address once to check it is a feed, then follow it; returns it and its idea count."""
        from somedesk.sources.feeds import feed_name, fetch_feed

        source = normalise_address(address)
        if (known := self.records.feed_by_url(source)) is not None:
            raise InvalidInputError(f"you already follow {known.title} (see: somedesk ideas feeds)")
        fetched = fetch_feed(source)
        title = fetched.title or feed_name(source)
        log.info("following the feed %s", feed_name(source))
        return self.records.add_feed(
            source,
            title,
            fetched.items,
            self._clock(),
            etag=fetched.etag,
            last_modified=fetched.last_modified,
        )

    def feeds(self) -> list[Feed]:
        return self.records.feeds()

    def find_feed(self, address_or_id: str) -> Feed:
        """A followed feed by its id (as `ideas feeds` lists it) or by its address."""
        text = address_or_id.strip()
        if text.isascii() and text.isdigit():
            if len(text) > 18:  # beyond SQLite's integers: no feed has it
                raise NotFoundError(f"there is no feed {text} (see: somedesk ideas feeds)")
            return self.records.feed(int(text))
        feed = self.records.feed_by_url(normalise_address(text)) if text else None
        if feed is None:
            raise NotFoundError("you do not follow that feed (see: somedesk ideas feeds)")
        return feed

    def remove_feed(self, address_or_id: str) -> Feed:
        feed = self.find_feed(address_or_id)
        self.records.remove_feed(feed.id)
        return feed

    def refresh(self) -> RefreshReport:
        """Check every feed (at once, each with its own time-out); a feed that fails keeps what was
        fetched before, and says why in its own line."""
        from somedesk.sources.feeds import FeedError, FetchedFeed, fetch_feed

        feeds = self.records.feeds()
        if not feeds:
            return RefreshReport()

        def check(feed: Feed) -> FetchedFeed | str:
            try:
                return fetch_feed(feed.url, etag=feed.etag, last_modified=feed.last_modified, name=feed.title)
            except FeedError as error:
                return str(error)

        with ThreadPoolExecutor(max_workers=min(8, len(feeds)), thread_name_prefix="feeds") as pool:
            outcomes = list(pool.map(check, feeds))
        new, problems = 0, []
        now = self._clock()
        for feed, outcome in zip(feeds, outcomes, strict=True):
            if isinstance(outcome, str):
                self.records.record_failure(feed.id, outcome, now)
                problems.append(outcome)
                continue
            items = None if outcome.not_modified else outcome.items
            new += self.records.record_fetch(
                feed.id,
                items,
                now,
                title=outcome.title,
                etag=outcome.etag,
                last_modified=outcome.last_modified,
            )
        return RefreshReport(new, problems)

    # Ideas ----------------------------------------------------------------------------------

    def new_ideas(self) -> list[Idea]:
        """The ideas not yet drafted or dismissed, newest first."""
        return self.records.ideas(IdeaState.NEW)

    def idea(self, idea_id: int) -> Idea:
        return self.records.idea(idea_id)

    def draft(self, idea_id: int, networks: Sequence[Network] = ()) -> Draft:
        """A draft with the idea's title and link; the idea is then drafted and leaves the list."""
        idea = self.records.idea(idea_id)
        if idea.state is not IdeaState.NEW:
            raise InvalidInputError(already(idea.id, idea.state, idea.draft_id))
        draft = self._add_draft(draft_text(idea), networks)
        self.records.mark_drafted(idea.id, draft.id)
        return draft

    def dismiss(self, idea_id: int) -> Idea:
        self.records.dismiss(idea_id)
        return self.records.idea(idea_id)


def normalise_address(address: str) -> str:
    """A web address as given (trimmed); a file path (or file:// address) made absolute."""
    from somedesk.sources.feeds import is_web_address

    text = address.strip()
    if not text:
        raise InvalidInputError("give the address of an RSS or Atom feed")
    if is_web_address(text):
        return text
    if "://" in text and not text.lower().startswith("file://"):
        raise InvalidInputError("a feed address starts with https:// or http:// (or is a file)")
    path = Path(text[len("file://") :] if text.lower().startswith("file://") else text)
    if not path.expanduser().exists() and re.match(r"[\w-]+(\.[\w-]+)+(/|$)", text):
        raise InvalidInputError("write the whole address, with https:// in front")
    try:
        return str(path.expanduser().resolve())
    except (RuntimeError, OSError):
        return str(path.absolute())
