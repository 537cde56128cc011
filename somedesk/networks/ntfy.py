"""The ntfy client (docs.ntfy.sh): scheduled messages keyed by a sequence id, their replacement and
cancellation, and polling the inbox topic.

ntfy is the person's phone in the loop: a server keeps scheduled messages and delivers them at their time
whether or not this computer is awake. This module speaks HTTP and classifies failures; what the server
should hold is decided in `core/phone.py` and `app/phone.py`.

The topic works like a password (anyone who knows it can read and write it) and the token is one: neither
appears in a message, a log line or this object's repr.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.header import Header
from typing import Any, Literal

import requests

from somedesk import __version__
from somedesk.core.errors import UserError

log = logging.getLogger(__name__)

TIMEOUT = 5.0
TOPIC_RE = re.compile(r"^[-_A-Za-z0-9]{1,64}$")
SEQUENCE_RE = re.compile(r"^[-_A-Za-z0-9]{1,64}$")
# ntfy's own error codes (server/errors.go) that say more than the HTTP status.
_DELAY_TOO_SMALL = 40005
_DELAY_TOO_LARGE = 40006
_ACTIONS_INVALID = 40018

FailureKind = Literal["unavailable", "auth", "rate-limited", "too-far", "too-soon", "bad-request", "no-copy"]


class PhoneError(UserError):
    """A call to the ntfy server failed; `kind` says what the caller can do about it."""

    def __init__(self, message: str, kind: FailureKind, *, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status

    @property
    def retry(self) -> bool:
        """Will the same request work later without the person doing anything?"""
        return self.kind in ("unavailable", "rate-limited")


@dataclass(frozen=True, slots=True)
class Action:
    """A button on the notification: `view` opens `value` (a URL), `copy` copies `value` (text)."""

    kind: Literal["view", "copy"]
    label: str
    value: str

    def as_json(self) -> dict[str, Any]:
        key = "url" if self.kind == "view" else "value"
        return {"action": self.kind, "label": self.label, key: self.value}


@dataclass(frozen=True, slots=True)
class PhoneMessage:
    """One notification: delivered at `deliver_at` (None: now)."""

    title: str
    body: str
    deliver_at: datetime | None = None
    actions: tuple[Action, ...] = ()
    tags: tuple[str, ...] = ()
    priority: int | None = None

    def without_copy(self) -> PhoneMessage:
        kept = tuple(a for a in self.actions if a.kind != "copy")
        return PhoneMessage(self.title, self.body, self.deliver_at, kept, self.tags, self.priority)


@dataclass(frozen=True, slots=True)
class InboxMessage:
    """A message someone published to the inbox topic (from the ntfy app or a share sheet)."""

    id: str
    time: datetime
    text: str


@dataclass
class NtfyClient:
    """One topic on one ntfy server. `copy_supported` turns False after a server refused a copy button."""

    server: str
    topic: str = field(repr=False)
    token: str | None = field(default=None, repr=False)
    timeout: float = TIMEOUT
    session: requests.Session = field(default_factory=requests.Session, repr=False)
    copy_supported: bool = True

    def __post_init__(self) -> None:
        self.server = self.server.rstrip("/")
        if not TOPIC_RE.match(self.topic):
            raise PhoneError("the phone topic may hold only letters, digits, - and _ (1–64)", "bad-request")

    def close(self) -> None:
        self.session.close()

    # Publishing --------------------------------------------------------------------------------

    def publish(self, message: PhoneMessage, sequence_id: str | None = None) -> str:
        """Send `message` (scheduled when it has a time); with `sequence_id`, it replaces an earlier
        message with that id (a scheduled one that has not gone out yet is never delivered). Returns
        the server's message id."""
        if sequence_id is not None and not SEQUENCE_RE.match(sequence_id):
            raise ValueError(f"not a sequence id: {sequence_id!r}")
        if not self.copy_supported:
            message = message.without_copy()
        try:
            return self._publish_once(message, sequence_id)
        except PhoneError as error:
            if error.kind != "no-copy" or not any(a.kind == "copy" for a in message.actions):
                raise
        # An older server (or app) knows only view/broadcast/http buttons: send it without the copy one.
        log.info("the phone server refused a copy button; sending without it")
        self.copy_supported = False
        return self._publish_once(message.without_copy(), sequence_id)

    def _publish_once(self, message: PhoneMessage, sequence_id: str | None) -> str:
        headers = {"Title": _header_text(message.title), "Content-Type": "text/plain; charset=utf-8"}
        if message.deliver_at is not None:
            headers["At"] = str(int(message.deliver_at.timestamp()))
        if message.actions:
            # ntfy takes the buttons as a JSON array in the header too; \u escapes keep it ASCII.
            headers["Actions"] = json.dumps([a.as_json() for a in message.actions], ensure_ascii=True)
        if message.tags:
            headers["Tags"] = ",".join(message.tags)
        if message.priority is not None:
            headers["Priority"] = str(message.priority)
        path = f"/{self.topic}" + (f"/{sequence_id}" if sequence_id else "")
        response = self._call("POST", path, "send to your phone", headers, message.body.encode("utf-8"))
        answer = _json(response)
        return str(answer.get("id", "")) if isinstance(answer, dict) else ""

    def cancel(self, sequence_id: str) -> None:
        """Cancel the scheduled message with this sequence id (or remove a delivered one from the phone).
        One the server no longer knows is already gone."""
        if not SEQUENCE_RE.match(sequence_id):
            raise ValueError(f"not a sequence id: {sequence_id!r}")
        try:
            self._call("DELETE", f"/{self.topic}/{sequence_id}", "cancel a phone reminder", {}, None)
        except PhoneError as error:
            if error.status != 404:
                raise

    # The inbox ---------------------------------------------------------------------------------

    def poll(self, topic: str, since: str | None) -> list[InboxMessage]:
        """The messages published to `topic` after the message `since` (all cached ones when None),
        oldest first."""
        if not TOPIC_RE.match(topic):
            raise PhoneError("the inbox topic may hold only letters, digits, - and _ (1–64)", "bad-request")
        query = f"poll=1&since={since or 'all'}"
        response = self._call("GET", f"/{topic}/json?{query}", "read your phone's inbox", {}, None)
        found = [m for m in _messages(response.text) if m is not None]
        return sorted(found, key=lambda m: m.time)

    # HTTP ------------------------------------------------------------------------------------

    def _call(
        self, method: str, path: str, what: str, headers: dict[str, str], body: bytes | None
    ) -> requests.Response:
        headers = {**headers, "User-Agent": f"somedesk/{__version__}"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.session.request(
                method,
                self.server + path,
                headers=headers,
                data=body,
                timeout=self.timeout,
                allow_redirects=False,  # a redirect would carry the token elsewhere
            )
        except requests.RequestException as exc:
            # The exception's text holds the URL, and with it the topic: only its type is said.
            raise PhoneError(
                f"could not {what}: the server {self.server} did not answer ({type(exc).__name__})",
                "unavailable",
            ) from None
        if 200 <= response.status_code < 300:
            return response
        raise _failure(response, what, self.server)


def _failure(response: requests.Response, what: str, server: str) -> PhoneError:
    status = response.status_code
    answer = _json(response)
    code = answer.get("code") if isinstance(answer, dict) else None
    error = answer.get("error") if isinstance(answer, dict) else None
    said = _no_topic(error) if isinstance(error, str) else ""
    if status == 401:
        return PhoneError(
            f"could not {what}: {server} wants an access token (check it in phone setup)",
            "auth",
            status=status,
        )
    if status == 403:
        return PhoneError(
            f"could not {what}: {server} refused this token for the topic (check it in phone setup)",
            "auth",
            status=status,
        )
    if status == 429:
        return PhoneError(
            f"could not {what}: {server} asks to slow down (too many requests)", "rate-limited", status=status
        )
    if status >= 500:
        return PhoneError(
            f"could not {what}: {server} has trouble (HTTP {status})", "unavailable", status=status
        )
    if code == _DELAY_TOO_LARGE:
        return PhoneError(
            f"could not {what}: that is further ahead than {server} keeps messages", "too-far", status=status
        )
    if code == _DELAY_TOO_SMALL:
        return PhoneError(f"could not {what}: that is too soon to schedule", "too-soon", status=status)
    if code == _ACTIONS_INVALID:
        return PhoneError(
            f"could not {what}: {server} refused the buttons ({said})", "no-copy", status=status
        )
    detail = f" ({said})" if said else ""
    return PhoneError(
        f"could not {what}: {server} refused it, HTTP {status}{detail}", "bad-request", status=status
    )


def _no_topic(text: str) -> str:
    # A server's message may quote the request; keep a line short and free of topic-like paths.
    return re.sub(r"/[-_A-Za-z0-9]+", "/…", text)[:120]


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _messages(text: str) -> Iterator[InboxMessage | None]:
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        yield _inbox_message(item)


def _inbox_message(item: Any) -> InboxMessage | None:
    if not isinstance(item, dict) or item.get("event") != "message":
        return None  # "open", "keepalive", "message_delete", "message_clear"
    message_id, when = item.get("id"), item.get("time")
    if not isinstance(message_id, str) or not isinstance(when, int | float):
        return None
    body, title = item.get("message"), item.get("title")
    parts = [str(p).strip() for p in (title, body) if isinstance(p, str)]
    text = "\n".join(part for part in parts if part)
    return InboxMessage(message_id, datetime.fromtimestamp(when, UTC), text)


def _header_text(text: str) -> str:
    """Header values are ASCII on the wire; ntfy decodes RFC 2047 encoded words (=?UTF-8?B?…?=)."""
    flat = " ".join(text.split())
    if flat.isascii():
        return flat
    return Header(flat, "utf-8").encode(maxlinelen=10_000)
