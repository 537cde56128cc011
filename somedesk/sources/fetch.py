"""A bounded download for what somedesk reads from addresses: calendars, the policy, feeds.

Each of them may be a private address with a token in it, may hang, and may answer with far more than
it should. So a download here never takes much longer than its timeout (the read timeout bounds each
wait, an overall deadline the whole body), never reads more than its limit, and fails with one line
that never quotes the address (requests' own exceptions do). While it runs, urllib3's debug lines
("GET /calendar/private-<token>/basic.ics") keep the host only.

The overall deadline (at most MAX_DOWNLOAD_SECONDS, whatever the caller asks) covers everything after
the name lookup: connecting, the TLS handshake, the headers, every redirect and the body. requests'
timeouts bound each wait for a byte, so a server that trickles one byte a second would never trip
them; instead a timer shuts every socket of the download down at the deadline (through a duplicate
of each socket, made as it is connected), which ends whatever read is waiting.

Redirects are followed here, not by requests, so that each one can be judged first: never from https
to http, never to anything but http(s), and never from a public address to a loopback, private or
link-local one (`redirect_refusal`, with `is_private_ip` as the pure rule).

requests is imported on first use: nothing here is needed at start-up.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    import requests

MAX_DOWNLOAD_SECONDS = 30.0  # the README's budget: no download takes longer than this in all
MAX_REDIRECTS = 5
Resolve = Callable[[str], list[str]]  # a host name -> its addresses (a seam for tests; default: DNS)


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
    resolve: Resolve | None = None,
) -> Downloaded:
    """GET `url`; raise Unavailable with `too_big`, `status_reason(status)`, a refused redirect or a
    "could not be reached" reason. A 304 (when `headers` asked for one) is `Downloaded(None, …)`. Every
    request says it is somedesk (User-Agent) unless `headers` says otherwise. `timeout` bounds the whole
    download (at most MAX_DOWNLOAD_SECONDS); `resolve` looks host names up when a redirect is judged."""
    import requests
    import urllib3.exceptions

    timeout = min(timeout, MAX_DOWNLOAD_SECONDS)
    timed_out = f"could not be reached (timed out after {timeout:g} s)"
    sent = {"User-Agent": "somedesk", **(headers or {})}
    watchdog = _Watchdog(timeout)
    try:
        with redacted_network_logs(), watchdog, _session() as session:
            body = _follow(session, url, watchdog, sent, timeout, max_bytes, too_big, status_reason, resolve)
    except Unavailable:
        if watchdog.expired:
            raise Unavailable(timed_out) from None
        raise
    except requests.Timeout:
        raise Unavailable(timed_out) from None
    except requests.exceptions.SSLError:
        if watchdog.expired:
            raise Unavailable(timed_out) from None
        raise Unavailable("could not be reached (the secure connection failed)") from None
    except requests.ConnectionError as error:
        # A read timeout while streaming the body arrives as a ConnectionError wrapping urllib3's.
        if watchdog.expired or any(isinstance(arg, urllib3.exceptions.TimeoutError) for arg in error.args):
            raise Unavailable(timed_out) from None
        raise Unavailable("could not be reached (no connection to the server)") from None
    except requests.RequestException:
        if watchdog.expired:
            raise Unavailable(timed_out) from None
        raise Unavailable("could not be reached (the address does not work)") from None
    if watchdog.expired:  # the deadline cut a body that had no length: what came is not all of it
        raise Unavailable(timed_out)
    return body


def _follow(
    session: requests.Session,
    url: str,
    watchdog: _Watchdog,
    sent: Mapping[str, str],
    timeout: float,
    max_bytes: int,
    too_big: str,
    status_reason: Callable[[int], str],
    resolve: Resolve | None,
) -> Downloaded:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        with session.get(
            current, timeout=(timeout, timeout), stream=True, headers=sent, allow_redirects=False
        ) as response:
            if response.is_redirect:
                target = urljoin(current, response.headers.get("Location", ""))
                refusal = redirect_refusal(current, target, resolve or _resolve)
                if refusal is not None:
                    raise Unavailable(refusal)
                current = target
                continue
            if response.status_code == 304:
                return Downloaded(None, dict(response.headers))
            if response.status_code != 200:
                raise Unavailable(status_reason(response.status_code))
            body = _read_body(response, watchdog, max_bytes, too_big=too_big)
            return Downloaded(body, dict(response.headers))
    raise Unavailable(f"could not be reached (more than {MAX_REDIRECTS} redirects)")


def _read_body(response: requests.Response, watchdog: _Watchdog, max_bytes: int, *, too_big: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise Unavailable(too_big)
        if watchdog.expired:
            break  # download() says "timed out"
        chunks.append(chunk)
    return b"".join(chunks)


# The overall deadline ---------------------------------------------------------------------------

_watching = threading.local()  # the download running in this thread, for the connections it opens


class _Watchdog:
    """Shuts down every socket the download opened once `seconds` have passed.

    Each socket is duplicated as it connects: shutdown() acts on the connection, not the descriptor, so
    shutting the duplicate down ends a read blocked on the original, even once TLS has wrapped (and
    taken over) the original. The duplicates are closed when the download ends.
    """

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._seconds = seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer: threading.Timer | None = None

    def __enter__(self) -> _Watchdog:
        self._timer = threading.Timer(self._seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()
        _watching.current = self
        return self

    def __exit__(self, *exc: object) -> None:
        _watching.current = None
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            for duplicate in self._sockets:
                duplicate.close()
            self._sockets.clear()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            duplicate = sock.dup()
            self._sockets.append(duplicate)
            if self.expired:
                _shut(duplicate)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for duplicate in self._sockets:
                _shut(duplicate)


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watched(sock: socket.socket) -> socket.socket:
    watchdog: _Watchdog | None = getattr(_watching, "current", None)
    if watchdog is not None:
        watchdog.watch(sock)
    return sock


def _session() -> requests.Session:
    """A session whose connections report their sockets to the download's watchdog."""
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    # _new_conn is urllib3's one place where a connection's socket is made (1.x and 2.x alike).
    class WatchedHTTP(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return _watched(super()._new_conn())

    class WatchedHTTPS(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return _watched(super()._new_conn())

    class HTTPPool(HTTPConnectionPool):
        ConnectionCls = WatchedHTTP

    class HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = WatchedHTTPS

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}

        def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
            manager = super().proxy_manager_for(proxy, **proxy_kwargs)
            manager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}
            return manager

    session = requests.Session()
    adapter = Adapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


# Redirects --------------------------------------------------------------------------------------

# 64:ff9b::/96 carries IPv4 addresses through NAT64 (64:ff9b::7f00:1 is 127.0.0.1 behind it).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_private_ip(address: str) -> bool:
    """Whether an IP address is not on the public internet: loopback, private (10/8, 192.168/16, fc00::/7
    …), link-local (169.254/16, fe80::/10), shared (100.64/10), unspecified, reserved or multicast — also
    when written as an IPv4-mapped or NAT64 IPv6 address. Pure; anything that is not an IP is False."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]").partition("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return not ip.is_global or ip.is_multicast


def host_is_private(host: str, resolve: Resolve) -> bool:
    """Whether a host (an IP or a name, looked up with `resolve`) is, or may be, a private address: a name
    is private when any of its addresses is. localhost is private without asking."""
    host = host.strip().strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        return any(is_private_ip(address) for address in resolve(host))
    return is_private_ip(host)


def redirect_refusal(source: str, target: str, resolve: Resolve) -> str | None:
    """Why a redirect from `source` to `target` is not followed (the reason for Unavailable), or None."""
    try:
        source_parts, target_parts = urlsplit(source), urlsplit(target)
        source_host, target_host = source_parts.hostname or "", target_parts.hostname or ""
    except ValueError:
        return "could not be used (the server redirects to an address that does not work)"
    if target_parts.scheme.lower() not in ("http", "https") or not target_host:
        return "could not be used (the server redirects to an address that is not http or https)"
    if source_parts.scheme.lower() == "https" and target_parts.scheme.lower() == "http":
        return "could not be used (the server redirects from https to an insecure http address)"
    if host_is_private(target_host, resolve) and not host_is_private(source_host, resolve):
        return "could not be used (the server redirects from a public address to a private or local one)"
    return None


def _resolve(host: str) -> list[str]:
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []  # a name that does not resolve is not followed anywhere: the request itself fails
    return [str(info[4][0]) for info in found]


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
