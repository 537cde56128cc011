"""Plumbing shared by the fake LinkedIn and X servers: a real HTTP server on 127.0.0.1, a clock tests move,
scripted faults per route, request recording, and the OAuth bookkeeping (codes, tokens, PKCE) they share."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal, Self
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

FaultBody = bytes | str | Mapping[str, Any] | None


class FakeClock:
    """Wall-clock seconds (epoch) that only move when a test moves them; starts at the real time."""

    def __init__(self, start: float | None = None) -> None:
        self._now = time.time() if start is None else start
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds

    def next_utc_midnight(self) -> float:
        today = dt.datetime.fromtimestamp(self.now(), dt.UTC).date()
        return dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), dt.UTC).timestamp()

    def advance_past_utc_midnight(self) -> None:
        """Move to one second after the next 00:00 UTC (when LinkedIn's daily quotas reset)."""
        target = self.next_utc_midnight() + 1
        with self._lock:
            self._now = max(self._now, target)


@dataclass
class Reply:
    """What a fake route answers."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, obj: Any, *, content_type: str = "application/json") -> Reply:
        return cls(status, json.dumps(obj).encode(), {"Content-Type": content_type})

    @classmethod
    def text(cls, status: int, text: str, *, content_type: str = "text/plain; charset=utf-8") -> Reply:
        return cls(status, text.encode(), {"Content-Type": content_type})

    @classmethod
    def redirect(cls, location: str) -> Reply:
        return cls(302, b"", {"Location": location, "Cache-Control": "no-store"})


@dataclass(frozen=True)
class Request:
    """One request as a route handler sees it (query: first value of each parameter)."""

    method: str
    path: str
    query: dict[str, str]
    headers: Message
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def json(self) -> Any:
        """The JSON body, or None when it is not JSON at all."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def form(self) -> dict[str, str] | None:
        """The x-www-form-urlencoded body, or None for another content type."""
        if (self.header("Content-Type") or "").split(";")[0].strip() != "application/x-www-form-urlencoded":
            return None
        return dict(parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True))

    def multipart(self) -> dict[str, bytes] | None:
        """The multipart/form-data fields (raw bytes), or None for another content type."""
        ctype = self.header("Content-Type") or ""
        found = re.match(r'multipart/form-data;.*boundary="?([^";]+)"?', ctype, re.IGNORECASE)
        if found is None:
            return None
        fields: dict[str, bytes] = {}
        for chunk in self.body.split(b"--" + found.group(1).encode())[1:]:
            if chunk.startswith(b"--"):
                break
            head, _, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
            name = re.search(rb'name="([^"]*)"', head)
            if name is not None:
                fields[name.group(1).decode()] = content.removesuffix(b"\r\n")
        return fields

    def bearer(self) -> str | None:
        scheme, _, value = (self.header("Authorization") or "").partition(" ")
        return value.strip() if scheme.lower() == "bearer" and value.strip() else None

    def basic(self) -> tuple[str, str] | None:
        scheme, _, value = (self.header("Authorization") or "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, sep, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
        except ValueError:
            return None
        return (user, password) if sep else None


@dataclass(frozen=True)
class Seen:
    """A request a fake received, kept for assertions (headers lower-cased)."""

    route: str
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class _Fault:
    reply: Reply | None  # None: the real answer, only delayed
    delay: float
    after_effect: bool  # the real handler runs first (its effects happen); then `reply` replaces its answer


Handler = Callable[[Request, "re.Match[str]"], Reply]


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins every handler thread: nothing outlives the fake
    block_on_close = True

    def __init__(self, fake: FakeServer) -> None:
        self.fake = fake
        self.open_connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # skips HTTPServer's reverse DNS lookup of the host
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.connections_lock:
            self.open_connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.open_connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):  # a client that hung up (e.g. after its timeout) is no crash
            self.fake.crashes.append(traceback.format_exc())

    def drop_open_connections(self) -> None:
        """Wake handler threads parked on keep-alive connections so server_close() can join them."""
        with self.connections_lock:
            for conn in self.open_connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stall between them
    server: _HTTPServer

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            parts = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(parts)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _serve(self) -> None:
        reply = self.server.fake.dispatch(self.command, self.path, self.headers, self._read_body())
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class FakeServer:
    """A real HTTP server on 127.0.0.1 (port 0) serving registered routes from a background thread.

    Use as a context manager; `base_url` is known once it is entered. Every route has a short name used to
    script faults (`fail_next`, `delay_next`) and to look at what was received (`count`, `seen`).
    """

    def __init__(self, clock: FakeClock | None = None) -> None:
        self.clock = clock or FakeClock()
        self.lock = threading.RLock()  # handlers run one at a time: state changes need no further locking
        self.received: list[Seen] = []
        self.crashes: list[str] = []
        self._routes: list[tuple[str, re.Pattern[str], str, Handler]] = []
        self._faults: dict[str, deque[_Fault]] = defaultdict(deque)
        self._closing = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------------------
    def start(self) -> Self:
        self._httpd = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, name=type(self).__name__
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._httpd is None:
            return
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.drop_open_connections()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
        if exc_type is None and self.crashes:
            raise AssertionError(f"{type(self).__name__} crashed while serving:\n" + "\n".join(self.crashes))

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the fake server is not running; use it as a context manager")
        return f"http://127.0.0.1:{self._httpd.server_port}"

    # -- scripting ---------------------------------------------------------------------------------------
    def route(self, method: str, pattern: str, name: str, handler: Handler) -> None:
        self._routes.append((method, re.compile(pattern), name, handler))

    def fail_next(
        self,
        route: str,
        status: int,
        body: FaultBody = None,
        *,
        headers: Mapping[str, str] | None = None,
        times: int = 1,
        delay: float = 0.0,
        after_effect: bool = False,
    ) -> None:
        """Answer the next `times` requests to `route` with this response instead of the real one.

        `body`: a mapping is sent as JSON, a str as text/plain (override with a Content-Type header).
        `after_effect=True`: the real handler still runs first, so e.g. the post *is* created and the client
        sees only the failure (the "created, then 504" case).
        """
        reply = Reply(status, b"", {})
        if isinstance(body, Mapping):
            reply = Reply.json(status, dict(body))
        elif isinstance(body, str):
            reply = Reply.text(status, body)
        elif isinstance(body, bytes):
            reply = Reply(status, body, {"Content-Type": "application/octet-stream"})
        reply.headers.update(headers or {})
        self._add_faults(route, _Fault(reply, delay, after_effect), times)

    def delay_next(self, route: str, seconds: float, *, times: int = 1) -> None:
        """Handle the next `times` requests to `route` at once (their effects happen) but send the answer
        only after `seconds`: a client with a shorter timeout sees a timeout for a post that exists."""
        self._add_faults(route, _Fault(None, seconds, False), times)

    def _add_faults(self, route: str, fault: _Fault, times: int) -> None:
        if route not in {name for _, _, name, _ in self._routes}:
            raise ValueError(f"unknown route {route!r}")
        with self.lock:
            self._faults[route].extend([fault] * times)

    def count(self, route: str) -> int:
        """How many requests `route` received (scripted failures included)."""
        return len(self.seen(route))

    def seen(self, route: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.received if s.route == route]

    # -- serving -----------------------------------------------------------------------------------------
    def dispatch(self, method: str, raw_path: str, headers: Message, body: bytes) -> Reply:
        url = urlsplit(raw_path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        request = Request(method, url.path, query, headers, body)
        for route_method, pattern, name, handler in self._routes:
            match = pattern.fullmatch(url.path)
            if match is not None and route_method == method:
                return self._run(name, handler, request, match)
        known_path = any(p.fullmatch(url.path) for _, p, _, _ in self._routes)
        return Reply.text(405 if known_path else 404, "Method Not Allowed" if known_path else "Not Found")

    def _run(self, name: str, handler: Handler, request: Request, match: re.Match[str]) -> Reply:
        seen_headers = {k.lower(): v for k, v in request.headers.items()}
        with self.lock:
            self.received.append(
                Seen(name, request.method, request.path, request.query, seen_headers, request.body)
            )
            fault = self._faults[name].popleft() if self._faults[name] else None
        if fault is not None and fault.reply is not None and not fault.after_effect:
            self._closing.wait(fault.delay)
            return fault.reply
        try:
            with self.lock:
                reply = handler(request, match)
        except Exception:
            self.crashes.append(traceback.format_exc())
            return Reply.text(500, "fake server crashed (see the test's failure)")
        if fault is not None:  # the request had its effect; now the scripted (or late) answer
            self._closing.wait(fault.delay)
            reply = fault.reply or reply
        return reply


# -- OAuth bookkeeping ---------------------------------------------------------------------------------------
TokenProblem = Literal["missing", "unknown", "expired", "revoked"]


@dataclass
class IssuedToken:
    value: str
    kind: Literal["access", "refresh"]
    scopes: tuple[str, ...]
    subject: str  # the member / user the token acts for
    issued_at: float
    expires_at: float | None
    revoked: bool = False
    rotated: bool = False  # a refresh token already exchanged (single use)


@dataclass
class AuthCode:
    value: str
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    expires_at: float
    challenge: str | None = None
    challenge_method: str | None = None
    used: bool = False


class TokenStore:
    """Codes and tokens a fake issued, checked against the fake's clock."""

    def __init__(self, clock: FakeClock, prefix: str) -> None:
        self.clock = clock
        self.prefix = prefix
        self.codes: dict[str, AuthCode] = {}
        self.tokens: dict[str, IssuedToken] = {}

    def new_code(
        self,
        lifetime: float,
        client_id: str,
        redirect_uri: str,
        scopes: tuple[str, ...],
        query: Mapping[str, str],
    ) -> AuthCode:
        """A code for an approved authorize request (`query`: its parameters, for the PKCE challenge)."""
        code = AuthCode(
            secrets.token_urlsafe(24),
            client_id,
            redirect_uri,
            scopes,
            self.clock.now() + lifetime,
            query.get("code_challenge"),
            query.get("code_challenge_method"),
        )
        self.codes[code.value] = code
        return code

    def redeem_code(self, value: str) -> AuthCode | None:
        """The code if it is known, unused and unexpired; it is spent either way."""
        code = self.codes.get(value)
        if code is None or code.used:
            return None
        code.used = True
        return code if self.clock.now() < code.expires_at else None

    def issue(
        self, kind: Literal["access", "refresh"], scopes: Iterable[str], subject: str, lifetime: float | None
    ) -> IssuedToken:
        now = self.clock.now()
        value = f"{self.prefix}-{kind}-{secrets.token_urlsafe(24)}"
        token = IssuedToken(
            value, kind, tuple(scopes), subject, now, None if lifetime is None else now + lifetime
        )
        self.tokens[value] = token
        return token

    def check(
        self, value: str | None, kind: Literal["access", "refresh"] = "access"
    ) -> IssuedToken | TokenProblem:
        if not value:
            return "missing"
        token = self.tokens.get(value)
        if token is None or token.kind != kind:
            return "unknown"
        if token.revoked:
            return "revoked"
        if token.expires_at is not None and self.clock.now() >= token.expires_at:
            return "expired"
        return token

    def of_kind(self, kind: Literal["access", "refresh"]) -> list[IssuedToken]:
        return [t for t in self.tokens.values() if t.kind == kind]

    def expire_all(self) -> None:
        """Every access token issued so far is past its expiry (refresh tokens keep working)."""
        for token in self.of_kind("access"):
            token.expires_at = self.clock.now() - 1

    def revoke_all(self) -> None:
        for token in self.tokens.values():
            token.revoked = True


def pkce_matches(verifier: str, challenge: str | None, method: str | None) -> bool:
    """RFC 7636 check of a code_verifier against the challenge sent to the authorize endpoint."""
    if challenge is None:
        return False
    if method == "plain":
        return hmac.compare_digest(verifier, challenge)
    digest = hashlib.sha256(verifier.encode()).digest()
    return hmac.compare_digest(base64.urlsafe_b64encode(digest).rstrip(b"=").decode(), challenge)


def pkce_pair() -> tuple[str, str]:
    """A fresh S256 (code_verifier, code_challenge) pair, made the way a client makes it (for tests)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def with_query(url: str, params: Mapping[str, str]) -> str:
    """`url` with `params` added to its query (keeping what it already had)."""
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(params)) if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def html_page(status: int, title: str, text: str) -> Reply:
    """The page a browser shows for an authorize request the provider refuses to redirect."""
    body = f"<!doctype html><title>{title}</title><h1>{title}</h1><p>{text}</p>"
    return Reply.text(status, body, content_type="text/html; charset=utf-8")


@dataclass
class RateWindow:
    """A fixed window counter (limit requests per `window` seconds), the way X reports its limits."""

    limit: int
    window: float
    started: float = 0.0
    used: int = 0

    def hit(self, now: float) -> bool:
        if now >= self.started + self.window:
            self.started, self.used = now, 0
        if self.used >= self.limit:
            return False
        self.used += 1
        return True

    @property
    def reset(self) -> int:
        return int(self.started + self.window)

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


DEFAULT_REDIRECT_URI = "http://127.0.0.1:8765/callback"


def oauth_error(status: int, error: str, description: str) -> Reply:
    return Reply.json(status, {"error": error, "error_description": description})


class ProviderFake(FakeServer):
    """A FakeServer for one OAuth app and one person: the token store and the test controls both fakes share.

    `authorize_mode`: "approve" (default: the browser page approves at once) or "deny" (the person refuses).
    """

    post_route = "posts"
    access_lifetime = 3600.0
    default_scopes: tuple[str, ...] = ()

    def __init__(
        self,
        clock: FakeClock | None,
        *,
        subject: str,
        token_prefix: str,
        client_id: str,
        client_secret: str | None,
        redirect_uris: Iterable[str] | None,
    ) -> None:
        super().__init__(clock)
        self.subject = subject
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uris = list(redirect_uris or [DEFAULT_REDIRECT_URI])
        self.authorize_mode: Literal["approve", "deny"] = "approve"
        self.tokens = TokenStore(self.clock, token_prefix)

    @property
    def auth_base(self) -> str:
        return self.base_url

    @property
    def api_base(self) -> str:
        return self.base_url

    def register_redirect_uri(self, uri: str) -> None:
        self.redirect_uris.append(uri)

    def expire_all(self) -> None:
        self.tokens.expire_all()

    def revoke_all(self) -> None:
        self.tokens.revoke_all()

    def issue_token(self, scopes: Iterable[str] | None = None) -> str:
        """An access token for the person without the browser flow (default: the scopes the app asks for)."""
        scopes = self.default_scopes if scopes is None else scopes
        return self.tokens.issue("access", scopes, self.subject, self.access_lifetime).value

    def create_then_fail(self, status: int = 504, body: str = "Gateway Timeout") -> None:
        """The next post is created, but the client is told `status`: its outcome looks unknown to it."""
        self.fail_next(self.post_route, status, body, after_effect=True)

    def token_form(self, request: Request) -> dict[str, str] | Reply:
        form = request.form()
        if form is None:
            return oauth_error(400, "invalid_request", "Content-Type must be x-www-form-urlencoded")
        return form
