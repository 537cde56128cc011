"""A bounded download for what somedesk reads from addresses: calendars, the policy, feeds.

Each of them may be a private address with a token in it, may hang, and may answer with far more than
it should. So a download here never takes much longer than its timeout (the read timeout bounds each
wait, an overall deadline the whole body), never reads more than its limit, and fails with one line
that never quotes the address (requests' own exceptions do). While it runs, urllib3's debug lines
("GET /calendar/private-<token>/basic.ics") keep the host only.

requests is imported on first use: nothing here is needed at start-up.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import requests


class Unavailable(Exception):
    """An address gave no usable bytes; `reason` is the part of a message after "<name>: "."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Downloaded:
    """The body (None for 304 Not Modified) and the response's headers."""

    data: bytes | None
    headers: Mapping[str, str] = field(default_factory=dict)


def loaded_status_reason(status: int) -> str:
    """Why an answer other than 200 gave nothing, for a calendar or a policy ("could not be loaded …")."""
    if status in (401, 403):
        return f"could not be loaded (the server refused access: {status}; the link may have been reset)"
    if status in (404, 410):
        return f"could not be loaded (the server does not know this link: {status}; has it changed?)"
    if status == 429:
        return "could not be loaded (the server asks us to slow down: 429)"
    if status >= 500:
        return f"could not be loaded (the server had a problem: {status})"
    return f"could not be loaded (the server answered {status})"


def download(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    too_big: str,
    headers: Mapping[str, str] | None = None,
    status_reason: Callable[[int], str] = loaded_status_reason,
) -> Downloaded:
    """GET `url`; raise Unavailable with `too_big`, `status_reason(status)` or a "could not be reached"
    reason. A 304 (when `headers` asked for one) is `Downloaded(None, …)`. Every request says it is
    somedesk (User-Agent) unless `headers` says otherwise."""
    import requests
    import urllib3.exceptions

    timed_out = f"could not be reached (timed out after {timeout:g} s)"
    deadline = time.monotonic() + timeout
    sent = {"User-Agent": "somedesk", **(headers or {})}
    try:
        with (
            redacted_network_logs(),
            requests.get(url, timeout=(timeout, timeout), stream=True, headers=sent) as response,
        ):
            if response.status_code == 304:
                return Downloaded(None, dict(response.headers))
            if response.status_code != 200:
                raise Unavailable(status_reason(response.status_code))
            body = _read_body(response, deadline, max_bytes, too_big=too_big, timed_out=timed_out)
            return Downloaded(body, dict(response.headers))
    except requests.Timeout:
        raise Unavailable(timed_out) from None
    except requests.exceptions.SSLError:
        raise Unavailable("could not be reached (the secure connection failed)") from None
    except requests.ConnectionError as error:
        # A read timeout while streaming the body arrives as a ConnectionError wrapping urllib3's.
        if any(isinstance(arg, urllib3.exceptions.TimeoutError) for arg in error.args):
            raise Unavailable(timed_out) from None
        raise Unavailable("could not be reached (no connection to the server)") from None
    except requests.RequestException:
        raise Unavailable("could not be reached (the address does not work)") from None


def _read_body(
    response: requests.Response, deadline: float, max_bytes: int, *, too_big: str, timed_out: str
) -> bytes:
    # The read timeout bounds each wait, not the whole body: a server that trickles bytes would
    # otherwise hold us forever, hence the overall deadline.
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise Unavailable(too_big)
        if time.monotonic() > deadline:
            raise Unavailable(timed_out)
        chunks.append(chunk)
    return b"".join(chunks)


def origin(address: str) -> str | None:
    """An address's "scheme://host[:port]" (never its path or query), or None when its host or port
    cannot be read; what callers show of a private address (calendars.redact_source, feeds.feed_name)."""
    try:
        parts = urlsplit(address.strip())
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a malformed port or bracketed host: show nothing of it
        return None
    return f"{parts.scheme.lower()}://{host}{port}"


def malformed_origin(address: str) -> str:
    """What is shown of an address whose host or port cannot be read: its scheme only."""
    return f"{address.strip().partition('://')[0].lower()}://?/…"


# Keeping secrets out of logs --------------------------------------------------------------------

_URL_IN_TEXT = re.compile(r"\b((?:https?|webcals?)://[^/\s\"'<>]+)[^\s\"'<>]*", re.IGNORECASE)
_PATH_IN_TEXT = re.compile(r"(?<![\w/:.%-])/[^\s\"'<>)]+")
_URLLIB3_LOGGERS = ("urllib3.connectionpool", "urllib3.poolmanager", "urllib3.util.retry", "urllib3.response")


class _RedactPaths(logging.Filter):
    """urllib3 logs each request line ("GET /calendar/private-<token>/basic.ics"): keep the host only."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            return True
        redacted = _PATH_IN_TEXT.sub("/…", _URL_IN_TEXT.sub(r"\1/…", text))
        if redacted != text:
            record.msg, record.args = redacted, ()
        return True


@contextmanager
def redacted_network_logs() -> Iterator[None]:
    """While addresses are fetched, redact URL paths in urllib3's (debug) log records."""
    redact = _RedactPaths()
    loggers = [logging.getLogger(name) for name in _URLLIB3_LOGGERS]
    for logger in loggers:
        logger.addFilter(redact)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(redact)
