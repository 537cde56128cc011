"""Feed I/O: fetch an RSS or Atom feed (a web address or a file), parse it with feedparser, and turn its
entries into `FoundItem`s. Every failure becomes a `FeedError` with one line a person can act on.

Feed addresses may carry a private token, so an address is only ever shown through `feed_name()`.
requests and feedparser are imported on first use: nothing here is needed at start-up.
"""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from somedesk.core.errors import UserError
from somedesk.core.ideas import TITLE_CHARS, FoundItem, plain_text, safe_link, stable_guid
from somedesk.sources.localfile import NotARegularFileError, TooLargeError, read_regular_file

MAX_FEED_BYTES = 10 * 1024 * 1024  # a feed is text; anything bigger is not one worth reading
TIMEOUT_SECONDS = 15.0
NOT_A_FEED = "this address is not an RSS or Atom feed"
_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


class FeedError(UserError):
    """A feed could not be fetched or read; the message names it (without its secret) and says why."""


@dataclass(frozen=True, slots=True)
class FetchedFeed:
    """One fetch. `not_modified`: the server said nothing changed since the validators we sent."""

    title: str = ""
    items: list[FoundItem] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def is_web_address(source: str) -> bool:
    return re.match(r"(?i)https?://", source.strip()) is not None


def feed_name(source: str) -> str:
    """How an address is shown to people and in logs: scheme and host, then "/…" and the last path
    segment only when it is a plain file name ("feed.xml", "rss"). Never the query. Paths as given."""
    if not is_web_address(source):
        return source
    from somedesk.sources.fetch import malformed_origin, origin

    shown = origin(source)
    if shown is None:
        return malformed_origin(source)
    parts = urlsplit(source.strip())
    last = parts.path.rstrip("/").rpartition("/")[2]
    if not last:
        return shown + ("/…" if parts.path.strip("/") or parts.query else "")
    plain = re.fullmatch(r"[A-Za-z][A-Za-z_-]{0,23}(\.[A-Za-z]{2,5})?", last) is not None
    return f"{shown}/…/{last}" if plain else f"{shown}/…"


def fetch_feed(
    source: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT_SECONDS,
    name: str | None = None,
) -> FetchedFeed:
    """Fetch and parse a feed; `name` (the feed's title, when known) starts every error message."""
    shown = name or feed_name(source)
    url = source.strip() if is_web_address(source) else None
    try:
        if url is not None:
            data, headers = _download(url, etag, last_modified, timeout)
            if data is None:
                return FetchedFeed(etag=etag, last_modified=last_modified, not_modified=True)
        else:
            data, headers = _read_file(Path(source)), {}
        return _parse(data, headers, url)
    except FeedError as error:
        raise FeedError(f"{shown}: {error}") from None


# Getting the bytes ----------------------------------------------------------------------------


def _read_file(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_FEED_BYTES)  # a named pipe or /dev/zero must not hold `ideas`
    except TooLargeError:
        raise FeedError("the file is too large to be a feed") from None
    except NotARegularFileError:
        raise FeedError("that is not a regular file (a device, pipe or socket)") from None
    except FileNotFoundError:
        raise FeedError("there is no such file") from None
    except IsADirectoryError:
        raise FeedError("that is a folder, not a feed file") from None
    except PermissionError:
        raise FeedError("no permission to read the file") from None
    except OSError as error:
        raise FeedError(f"the file could not be read ({error.strerror or 'the system refused'})") from None


def _download(
    url: str, etag: str | None, last_modified: str | None, timeout: float
) -> tuple[bytes | None, dict[str, str]]:
    """The body and headers, or (None, headers) for 304 Not Modified."""
    from somedesk.sources.fetch import Unavailable, download

    headers = {"Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        downloaded = download(
            url,
            timeout=timeout,
            max_bytes=MAX_FEED_BYTES,
            too_big="the server sent far more than a feed",
            headers=headers,
            status_reason=_status_reason,
        )
    except Unavailable as failure:
        raise FeedError(failure.reason) from None
    return downloaded.data, dict(downloaded.headers)


def _status_reason(status: int) -> str:
    if status in (401, 403):
        return f"the server refused access ({status}); the address may have changed or need a new token"
    if status in (404, 410):
        return f"the server does not know this address ({status}); has it moved?"
    if status == 429:
        return "the server asks to wait before fetching again (429)"
    if 500 <= status < 600:
        return f"the server had a problem ({status}); try again later"
    return f"the server answered {status}"


# Reading the feed ------------------------------------------------------------------------------


def _parse(data: bytes, headers: dict[str, str], url: str | None) -> FetchedFeed:
    import feedparser  # type: ignore[import-untyped]  # no stubs or py.typed

    # Bytes, never a string: given a string, feedparser would treat it as an address and fetch it.
    response_headers = {k.lower(): v for k, v in headers.items()}
    if url is not None:
        response_headers.setdefault("content-location", url)  # the base for relative links
    parsed = feedparser.parse(data, response_headers=response_headers)
    # .get: feedparser raises AttributeError for a missing "version" (an empty file has none).
    if not parsed.get("entries") and (parsed.get("bozo") or not parsed.get("version")):
        raise FeedError(NOT_A_FEED)
    items = [item for entry in parsed.entries if (item := _item(entry)) is not None]
    title = plain_text(str(parsed.feed.get("title") or ""), TITLE_CHARS)
    etag = response_headers.get("etag")
    last_modified = response_headers.get("last-modified")
    return FetchedFeed(title=title, items=items, etag=etag, last_modified=last_modified)


def _item(entry: Any) -> FoundItem | None:
    link = safe_link(entry.get("link"))
    summary = plain_text(str(entry.get("summary") or ""))
    title = plain_text(str(entry.get("title") or ""), TITLE_CHARS) or plain_text(summary, 80)
    if not title and not link:
        return None  # nothing to draft from
    return FoundItem(
        guid=stable_guid(entry.get("id"), entry.get("link"), title),
        title=title or link or "",
        link=link,
        summary=summary,
        published_at=_instant(entry.get("published_parsed") or _updated(entry)),
    )


def _updated(entry: Any) -> time.struct_time | None:
    # Asked with `in` first: feedparser's .get("updated_parsed") falls back to "published_parsed"
    # with a DeprecationWarning when an entry has a published date it could not read.
    return entry.get("updated_parsed") if "updated_parsed" in entry else None


def _instant(parsed: time.struct_time | None) -> datetime | None:
    # feedparser normalises dates to UTC struct_times; timegm reads one as UTC.
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
