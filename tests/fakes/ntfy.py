"""A fake ntfy server (docs.ntfy.sh/publish, /subscribe/api) on 127.0.0.1, http or https.

The parts somedesk uses, as ntfy documents them:
- publishing: POST/PUT /<topic> or /<topic>/<sequence_id> with the message as the body and headers
  (Title, Tags, Priority, Actions as the simple format or a JSON array, RFC 2047 encoded words);
- scheduled delivery: At/X-At/Delay/X-Delay/In/X-In as a Unix timestamp or a duration ("30m", "2 days");
  at least 10 seconds and at most 3 days ahead by default, else 400 with ntfy's codes 40005/40006;
- updating (ntfy 2.16+): a message published with the sequence id of a scheduled one that has not gone
  out replaces it (the old one is never delivered); DELETE /<topic>/<sequence_id> cancels a scheduled
  one, or tells subscribers to remove a delivered one (a "message_delete" event);
- access control: tokens (Authorization: Bearer tk_…) with per-topic rights; an unknown token is 401,
  a token (or anonymous) without the right is 403, as ntfy answers;
- polling: GET /<topic>/json?poll=1&since=<id|unix time|all>, newline-delimited JSON, oldest first
  (`scheduled=1` includes messages not delivered yet);
- `copy` buttons only when `supports_copy` (older servers refuse unknown button types with 40018).

A message is delivered when the fake's clock reaches its time; tests move the clock. `close()` then
`start()` again brings the same server (same port, same messages) back: the server was down.
"""

from __future__ import annotations

import json
import re
import secrets
import ssl
import threading
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any, Self

from tests.fakes.server import FakeClock, FakeServer, Reply, Request, _HTTPServer

MIN_DELAY = 10.0
MAX_DELAY = 3 * 24 * 3600.0
_TOPIC = r"[-_A-Za-z0-9]{1,64}"
_DURATION = re.compile(
    r"^(\d+)\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hour|hours|d|day|days)$"
)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_BUTTONS = {"view", "broadcast", "http"}


@dataclass
class Held:
    """One message the fake holds."""

    id: str
    topic: str
    time: float  # when it is (or was) delivered
    message: str
    title: str = ""
    sequence_id: str | None = None
    actions: list[dict[str, Any]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    event: str = "message"  # or "message_delete"
    removed: bool = False  # replaced or cancelled before delivery: never delivered

    def as_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": self.id,
            "time": int(self.time),
            "event": self.event,
            "topic": self.topic,
        }
        if self.event == "message":
            item |= {"message": self.message, "expires": int(self.time) + 43200}
            if self.title:
                item["title"] = self.title
            if self.actions:
                item["actions"] = self.actions
            if self.tags:
                item["tags"] = self.tags
        if self.sequence_id:
            item["sequence_id"] = self.sequence_id
        return item


def _error(status: int, code: int, text: str) -> Reply:
    return Reply.json(status, {"code": code, "http": status, "error": text})


class FakeNtfy(FakeServer):
    """`tokens`: token -> topics it may read and write. `anonymous`: may anyone without a token use
    every topic (ntfy.sh's default)? A token not in `tokens` is refused with 401."""

    def __init__(
        self,
        clock: FakeClock | None = None,
        *,
        tls: tuple[Path, Path] | None = None,
        anonymous: bool = True,
        supports_copy: bool = True,
        max_delay: float = MAX_DELAY,
    ) -> None:
        super().__init__(clock)
        self.tls = tls
        self.anonymous = anonymous
        self.supports_copy = supports_copy
        self.max_delay = max_delay
        self.tokens: dict[str, set[str]] = {}
        self.held: list[Held] = []
        self.port = 0
        self._stop_lock = threading.Lock()
        self.route("POST", rf"/(?P<topic>{_TOPIC})(?:/(?P<seq>{_TOPIC}))?", "publish", self._publish)
        self.route("PUT", rf"/(?P<topic>{_TOPIC})(?:/(?P<seq>{_TOPIC}))?", "publish-put", self._publish)
        self.route("DELETE", rf"/(?P<topic>{_TOPIC})/(?P<seq>{_TOPIC})", "delete", self._delete)
        self.route("GET", rf"/(?P<topic>{_TOPIC})/json", "poll", self._poll)

    # -- lifecycle: a fixed port once started, so that a restart is the same server coming back -------------
    def start(self) -> Self:
        httpd = _FixedPortServer(self, self.port)
        if self.tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            httpd.socket = context.wrap_socket(httpd.socket, server_side=True, do_handshake_on_connect=False)
        self.port = httpd.server_port
        self._closing.clear()
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, name="FakeNtfy"
        )
        self._thread.start()
        return self

    @property
    def base_url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    # -- test helpers ------------------------------------------------------------------------------
    def add_token(self, *topics: str) -> str:
        token = "tk_" + secrets.token_hex(14)
        self.tokens[token] = set(topics)
        return token

    def pending(self, topic: str) -> list[Held]:
        """Scheduled messages not delivered yet (what the server still holds for later), by time."""
        now = self.clock.now()
        found = [
            h
            for h in self.held
            if h.topic == topic and h.event == "message" and not h.removed and h.time > now
        ]
        return sorted(found, key=lambda h: h.time)

    def delivered(self, topic: str) -> list[Held]:
        """Messages that reached subscribers by now, in order of delivery."""
        now = self.clock.now()
        found = [
            h
            for h in self.held
            if h.topic == topic and h.event == "message" and not h.removed and h.time <= now
        ]
        return sorted(found, key=lambda h: h.time)

    def deleted(self, topic: str) -> list[str]:
        """Sequence ids subscribers were told to remove."""
        return [h.sequence_id or "" for h in self.held if h.topic == topic and h.event == "message_delete"]

    def post_from_phone(self, topic: str, text: str, title: str = "") -> Held:
        """What the ntfy app's publish box (or Android's share sheet) does: a message delivered now."""
        with self.lock:
            held = Held(self._new_id(), topic, self.clock.now(), text, title)
            self.held.append(held)
            return held

    # -- routes ------------------------------------------------------------------------------------
    def _access(self, request: Request, topic: str) -> Reply | None:
        token = request.bearer()
        if token is None:
            return None if self.anonymous else _error(403, 40301, "forbidden")
        if token not in self.tokens:
            return _error(401, 40101, "unauthorized")
        return None if topic in self.tokens[token] else _error(403, 40301, "forbidden")

    def _publish(self, request: Request, match: re.Match[str]) -> Reply:
        topic, seq = match["topic"], match["seq"]
        if (refused := self._access(request, topic)) is not None:
            return refused
        now = self.clock.now()
        when = now
        delay = _first(request, "X-Delay", "Delay", "X-At", "At", "X-In", "In")
        if delay is not None:
            at = _parse_delay(delay, now)
            if at is None:
                return _error(400, 40004, "invalid delay parameter: unable to parse delay")
            if at - now < MIN_DELAY:
                return _error(400, 40005, "invalid delay parameter: too small, please refer to the docs")
            if at - now > self.max_delay:
                return _error(400, 40006, "invalid delay parameter: too large, please refer to the docs")
            when = at
        actions = _parse_actions(_first(request, "X-Actions", "Actions", "Action"), self.supports_copy)
        if isinstance(actions, Reply):
            return actions
        try:
            body = request.body.decode("utf-8")
        except UnicodeDecodeError:
            return _error(400, 40000, "invalid request: message is not UTF-8")
        title = _decoded(_first(request, "X-Title", "Title", "ti", "t") or "")
        tags = [t.strip() for t in (_first(request, "X-Tags", "Tags", "ta") or "").split(",") if t.strip()]
        if seq:
            # ntfy 2.16+: the same sequence id replaces a scheduled message that has not gone out.
            for held in self.held:
                if held.topic == topic and held.sequence_id == seq and held.time > now:
                    held.removed = True
        held = Held(self._new_id(), topic, when, body, title, seq, actions, tags)
        self.held.append(held)
        return Reply.json(200, held.as_json())

    def _delete(self, request: Request, match: re.Match[str]) -> Reply:
        topic, seq = match["topic"], match["seq"]
        if (refused := self._access(request, topic)) is not None:
            return refused
        now = self.clock.now()
        for held in self.held:
            if held.topic == topic and held.sequence_id == seq and held.time > now:
                held.removed = True  # cancelled: never delivered
        event = Held(self._new_id(), topic, now, "", sequence_id=seq, event="message_delete")
        self.held.append(event)
        return Reply.json(200, event.as_json())

    def _poll(self, request: Request, match: re.Match[str]) -> Reply:
        topic = match["topic"]
        if (refused := self._access(request, topic)) is not None:
            return refused
        if request.query.get("poll") not in ("1", "true", "yes"):
            return _error(400, 40000, "the fake answers only poll=1 (no streaming)")
        now = self.clock.now()
        scheduled = request.query.get("scheduled", request.query.get("sched")) in ("1", "true", "yes")
        items = [h for h in self.held if h.topic == topic and not h.removed and (scheduled or h.time <= now)]
        since = request.query.get("since", "all")
        if since == "all":
            pass
        elif since.isdigit():
            items = [h for h in items if h.time >= int(since)]
        else:
            ids = [h.id for h in items]
            if since in ids:  # an id the cache no longer knows gives everything, as ntfy does
                items = items[ids.index(since) + 1 :]
        body = "".join(json.dumps(h.as_json()) + "\n" for h in sorted(items, key=lambda h: h.time))
        return Reply(200, body.encode(), {"Content-Type": "application/x-ndjson; charset=utf-8"})

    def _new_id(self) -> str:
        return secrets.token_urlsafe(9)[:12]


class _FixedPortServer(_HTTPServer):
    """The fakes' server, bound to `port` (0: any) so that a restarted fake comes back at its address."""

    def __init__(self, fake: FakeServer, port: int) -> None:
        self.fake = fake
        self.open_connections = set()
        self.connections_lock = threading.Lock()
        from http.server import ThreadingHTTPServer

        from tests.fakes.server import _Handler

        ThreadingHTTPServer.__init__(self, ("127.0.0.1", port), _Handler)


def _first(request: Request, *names: str) -> str | None:
    for name in names:
        value = request.header(name)
        if value is not None:
            return value
    return None


def _decoded(value: str) -> str:
    return str(make_header(decode_header(value))) if "=?" in value else value


def _parse_delay(value: str, now: float) -> float | None:
    value = value.strip().lower()
    if value.isdigit():
        return float(value)  # a Unix timestamp
    found = _DURATION.match(value)
    if found is None:
        return None
    return now + int(found[1]) * _UNIT[found[2][0]]


def _parse_actions(value: str | None, supports_copy: bool) -> list[dict[str, Any]] | Reply:
    if value is None or not value.strip():
        return []
    allowed = _BUTTONS | ({"copy"} if supports_copy else set())
    invalid = _error(400, 40018, "invalid request: actions invalid")
    if value.strip().startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            return invalid
    else:  # the simple format: "view, Open, https://…; http, …"
        items = []
        for chunk in value.split(";"):
            fields = [f.strip() for f in chunk.split(",")]
            if len(fields) < 3:
                return invalid
            key = "value" if fields[0] == "copy" else "url"
            items.append({"action": fields[0], "label": fields[1], key: fields[2]})
    if not isinstance(items, list) or len(items) > 3:
        return invalid
    for item in items:
        if not isinstance(item, dict) or item.get("action") not in allowed or not item.get("label"):
            return invalid
        needed = "value" if item["action"] == "copy" else "url"
        if not isinstance(item.get(needed), str) or not item[needed]:
            return invalid
    return items
