"""Calendar sources → busy time: read files, fetch private ICS links, keep last good copies and busy caches.

The rules of what is busy live in `somedesk.core.calendar`; this module only does the I/O around them
and turns every failure into one line a person can act on. A private calendar link carries a secret
token, so a link is only ever shown through `redact_source()`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from somedesk.core.busy_index import FORMAT_VERSION, BusyIndex, horizon
from somedesk.core.calendar import ParsedCalendar, parse_calendar
from somedesk.core.calendar_events import normalise_address
from somedesk.core.errors import CalendarError
from somedesk.core.model import BusyBlock
from somedesk.sources.atomicfile import write_atomic
from somedesk.sources.fetch import Unavailable, download, malformed_origin, origin
from somedesk.sources.localfile import NotARegularFileError, TooLargeError, read_regular_file
from somedesk.sources.paths import private_folder

log = logging.getLogger(__name__)

# A calendar is text, and reading one costs time and memory in proportion (measured: ~0.5 s and ~30 MB
# per MB, on a busy two-core machine): the README's budget of 5 s and 300 MB for any calendar puts the
# cap here, with room for a slower machine. 3 MB holds some 7,000 events with descriptions.
MAX_CALENDAR_BYTES = 3 * 1024 * 1024
_URL_SCHEMES = {"http": "http", "https": "https", "webcal": "https", "webcals": "https"}
_CALENDAR_SUFFIXES = (".ics", ".ical", ".ifb", ".vcs")
_INDEX_SUFFIX = ".busy"
_UNUSED_INDEX_DAYS = 30  # busy caches of calendar versions not used for this long are deleted

Parse = Callable[..., ParsedCalendar]


@dataclass
class CalendarLoad:
    """Busy time from every calendar that could be used, plus one line per thing to tell the person.

    `problems`: a calendar could not be used at all. `stale`: a calendar was used but may be out of
    date or incomplete (an old copy, or events that could not be read).
    """

    busy: list[BusyBlock] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


# Naming sources -------------------------------------------------------------------------------


def _is_url(source: str) -> bool:
    scheme, sep, _ = source.strip().partition("://")
    return bool(sep) and scheme.lower() in _URL_SCHEMES


def redact_source(source: str) -> str:
    """How a source is shown to people and in logs.

    Private ICS links carry their secret in the path or query, so a link shows only its scheme and
    host, then "/…", then the last path segment when that is a plain file name ("basic.ics").
    File paths are shown as given.
    """
    if not _is_url(source):
        return source
    start = origin(source)
    if start is None:
        return malformed_origin(source)
    shown = f"{start}/…"
    last = urlsplit(source.strip()).path.rstrip("/").rpartition("/")[2]
    return f"{shown}/{last}" if _is_plain_file_name(last) else shown


def _is_plain_file_name(segment: str) -> bool:
    """A short calendar file name such as "basic.ics", not a token that happens to end in .ics."""
    stem, dot, suffix = segment.rpartition(".")
    if not dot or f".{suffix.lower()}" not in _CALENDAR_SUFFIXES:
        return False
    digits = sum(c.isdigit() for c in stem)
    return 0 < len(stem) <= 24 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", stem) is not None and digits <= 4


def _https(url: str) -> str:
    scheme, _, rest = url.strip().partition("://")
    return f"{_URL_SCHEMES[scheme.lower()]}://{rest}"


def _resolve(source: str, base_dir: Path) -> Path:
    try:
        path = Path(source).expanduser()
    except RuntimeError:  # no home folder to expand "~" into: the path is used as written
        path = Path(source)
    return path if path.is_absolute() else base_dir / path


# Getting the bytes ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Content:
    """The bytes to use for one source and what to tell the person about them."""

    data: bytes
    stale: str | None = None  # a warning when these are an old copy
    fresh_url: str | None = None  # set when just downloaded: save as the last good copy once it parses


def _read_file(source: str, base_dir: Path) -> bytes:
    path = _resolve(source, base_dir)
    try:
        return read_regular_file(path, MAX_CALENDAR_BYTES)  # only a regular file, refused by size unread
    except NotARegularFileError:
        raise Unavailable(f"could not be read ({path} is not a regular file)") from None
    except TooLargeError as error:
        raise Unavailable(_too_large(error.size)) from None
    except FileNotFoundError:
        raise Unavailable(f"could not be read (there is no file at {path})") from None
    except IsADirectoryError:
        raise Unavailable(f"could not be read ({path} is a folder, not a calendar file)") from None
    except PermissionError:
        raise Unavailable(f"could not be read (no permission to read {path})") from None
    except OSError as error:
        raise Unavailable(f"could not be read ({error.strerror or 'the system refused'})") from None


def _too_large(size: int) -> str:
    limit = MAX_CALENDAR_BYTES // (1024 * 1024)
    return f"could not be used ({size / 1048576:.1f} MB is too large for a calendar; the limit is {limit} MB)"


def fetch_calendar(url: str, timeout: float) -> bytes:
    """Download a calendar, never taking much longer than `timeout`; raise Unavailable on failure."""
    downloaded = download(
        url,
        timeout=timeout,
        max_bytes=MAX_CALENDAR_BYTES,
        too_big="could not be used (the server sent far more than a calendar)",
        headers={"Accept": "text/calendar, */*;q=0.5"},
    )
    return downloaded.data or b""


def _age(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h ago"
    return f"{hours // 24} days ago"


class LastGoodCopies:
    """The last good copy of each calendar link, under `folder`, named by a hash of the link."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, url: str) -> Path:
        return self.folder / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.ics"

    def read(self, url: str) -> tuple[bytes, float] | None:
        """The copy and its age in seconds, or None."""
        path = self.path(url)
        try:
            return path.read_bytes(), max(0.0, time.time() - path.stat().st_mtime)
        except OSError:
            return None

    def keep(self, url: str, data: bytes) -> None:
        path = self.path(url)
        try:
            if path.read_bytes() == data:
                os.utime(path)  # the age shown later is "when we last heard from the server"
                return
        except OSError:
            pass
        _write_atomic(path, data)

    def stale_content(self, url: str, name: str, reason: str) -> _Content:
        """Fall back to the copy after `reason`; raise Unavailable when there is none."""
        copy = self.read(url)
        if copy is None:
            raise Unavailable(reason)
        data, age = copy
        return _Content(data, stale=f"{name}: {reason}; using the copy from {_age(age)}")


def _content(source: str, base_dir: Path, copies: LastGoodCopies, timeout: float) -> _Content:
    if not _is_url(source):
        return _Content(_read_file(source, base_dir))
    url = _https(source)
    try:
        return _Content(fetch_calendar(url, timeout), fresh_url=url)
    except Unavailable as failure:
        return copies.stale_content(url, redact_source(source), failure.reason)


# Busy caches ----------------------------------------------------------------------------------


def _write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` in one step, so a crash or a second somedesk never sees half a file.

    A cache that cannot be written only costs time, so failures are logged, not raised.
    """
    try:
        private_folder(path.parent)
        write_atomic(path, data)
    except OSError as error:
        log.warning("cannot write the calendar cache in %s: %s", path.parent, error.strerror)


def cache_key(data: bytes, zone: ZoneInfo, me: Sequence[str]) -> str:
    """What a busy index depends on: the calendar's bytes, the zone, "me" and the rules' version."""
    digest = hashlib.sha256()
    for part in (
        f"somedesk-busy-{FORMAT_VERSION}",
        zone.key,
        "\n".join(sorted({normalise_address(m) for m in me if m.strip()})),
    ):
        digest.update(part.encode() + b"\0")
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


class _Indexes:
    """Busy indexes under `folder`, one file per cache key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, key: str, start: datetime, end: datetime) -> BusyIndex | None:
        """The cached index for `key` when it exists, reads cleanly and covers [start, end)."""
        path = self.folder / f"{key}{_INDEX_SUFFIX}"
        try:
            index = BusyIndex.from_bytes(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            log.info("ignoring an unreadable busy cache %s (%s)", path.name, error)
            return None
        if not index.covers(start, end):
            return None
        with suppress(OSError):
            os.utime(path)  # keeps it from being pruned while it is in use
        return index

    def store(self, key: str, index: BusyIndex) -> None:
        _write_atomic(self.folder / f"{key}{_INDEX_SUFFIX}", index.to_bytes())
        self._prune()

    def _prune(self) -> None:
        # Every edit of a calendar makes a new key; drop the indexes nobody has used for a while.
        cutoff = time.time() - _UNUSED_INDEX_DAYS * 86400
        for path in self.folder.glob(f"*{_INDEX_SUFFIX}"):
            with suppress(OSError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()


# Putting it together --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Request:
    """What every source is asked for, gathered so helpers take one argument, not eight."""

    zone: ZoneInfo
    me: Sequence[str]
    start: datetime
    end: datetime
    parse: Parse
    copies: LastGoodCopies
    indexes: _Indexes


def load_busy_time(
    sources: Sequence[str],
    *,
    base_dir: Path,
    cache_dir: Path,
    zone: ZoneInfo,
    me: Sequence[str],
    start: datetime,
    end: datetime,
    timeout: float = 10.0,
    parse: Parse = parse_calendar,
) -> CalendarLoad:
    """Busy time in [start, end) from every calendar source that can be used.

    `parse` is the function that parses a calendar, a seam for instrumentation and tests.
    One broken calendar never stops the others; each is named (redacted) in its own message.
    """
    request = _Request(
        zone, me, start, end, parse, LastGoodCopies(cache_dir / "copies"), _Indexes(cache_dir / "busy")
    )
    load = CalendarLoad()
    with ThreadPoolExecutor(max_workers=max(1, min(8, len(sources)))) as pool:
        # Links are fetched side by side, so five slow servers cost one timeout, not five.
        outcomes = list(pool.map(lambda s: _try_content(s, base_dir, request.copies, timeout), sources))
    for source, outcome in zip(sources, outcomes, strict=True):
        name = redact_source(source)
        if isinstance(outcome, str):
            load.problems.append(f"{name}: {outcome}")
            continue
        _add_busy(load, name, outcome, request)
    load.busy.sort(key=lambda b: (b.start, b.end))
    return load


def _try_content(source: str, base_dir: Path, copies: LastGoodCopies, timeout: float) -> _Content | str:
    try:
        return _content(source, base_dir, copies, timeout)
    except Unavailable as failure:
        return failure.reason


def _add_busy(load: CalendarLoad, name: str, content: _Content, request: _Request) -> None:
    try:
        index, content = _index_for(name, content, request)
    except CalendarError as error:
        load.problems.append(str(error))
        return
    if content.stale:
        load.stale.append(content.stale)
    if index.limits:
        load.stale.append(f"{name}: {index.limits.describe()}")
        log.warning("calendar %s: %s", name, index.limits.describe())
    if index.unreadable_events:
        count = index.unreadable_events
        events = "1 event" if count == 1 else f"{count} events"
        load.stale.append(f"{name}: {events} could not be read and {'is' if count == 1 else 'are'} left out")
    load.busy.extend(index.between(request.start, request.end))


def _index_for(name: str, content: _Content, request: _Request) -> tuple[BusyIndex, _Content]:
    """The busy index for `content`, from the cache or freshly built; falls back to the last good copy
    when a download turns out not to be a calendar (a login page, say)."""
    key = cache_key(content.data, request.zone, request.me)
    index = request.indexes.load(key, request.start, request.end)
    if index is None:
        try:
            cal = request.parse(content.data, name=name)
        except CalendarError as error:
            if content.fresh_url is None:
                raise
            reason = str(error).removeprefix(f"{name}: ")
            try:
                fallback = request.copies.stale_content(content.fresh_url, name, reason)
            except Unavailable:
                raise error from None
            return _index_for(name, fallback, request)
        first, last = horizon(request.start, request.end)
        index = BusyIndex.build(cal, zone=request.zone, me=request.me, start=first, end=last)
        request.indexes.store(key, index)
    if content.fresh_url is not None:
        request.copies.keep(content.fresh_url, content.data)
    return index, content
