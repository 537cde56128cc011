"""Your phone in the loop: which messages the ntfy server should hold for the schedule, and what they say.

Pure rules (no clock, no I/O). For every scheduled post due within the server's reach (ntfy keeps
scheduled messages up to three days ahead) the server holds one message, keyed by the publication's
sequence id:

- a post in remind mode at a moment of a kind in `[phone] moments` is a reminder delivered *at the
  moment*: on the commute the laptop is in a bag;
- every other scheduled post gets a *dead man's switch* delivered `takeover_minutes` after its moment.
  The desktop cancels it when it publishes the post or shows its own reminder; if the computer slept,
  crashed or was closed, nobody cancels it and the phone takes over.

`plan` compares that with what the server holds (as the store remembers it) and says what to send,
replace or cancel: one live message per publication, none for anything published.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from urllib.parse import quote

from somedesk.core.model import MomentKind, Network
from somedesk.core.phone_settings import PhoneSettings
from somedesk.core.routine import Routine

# ntfy.sh keeps a scheduled message at most three days ahead and refuses one less than 10 s ahead.
SERVER_REACH = timedelta(days=3) - timedelta(minutes=2)
MIN_AHEAD = timedelta(seconds=15)
INBOX_SUFFIX = "-inbox"
TOPIC_MAX = 64 - len(INBOX_SUFFIX)  # the inbox twin must fit ntfy's 64 characters too
COMPOSERS = {
    Network.X: "https://x.com/intent/post?text=",
    Network.LINKEDIN: "https://www.linkedin.com/feed/?shareActive=true&text=",
}


class MessageKind(StrEnum):
    AT_MOMENT = "moment"  # a reminder at the moment itself
    TAKEOVER = "takeover"  # the dead man's switch, after the moment


@dataclass(frozen=True, slots=True)
class PhoneItem:
    """A scheduled publication as the phone rules see it."""

    publication_id: int
    network: Network
    at: datetime
    mode: str  # "auto" or "remind"
    moment_kind: MomentKind | None
    label: str
    text: str
    reminded: bool = False  # the desktop has shown its own reminder for this time


@dataclass(frozen=True, slots=True)
class Button:
    kind: str  # "view" (opens `value`) or "copy" (copies `value`)
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Wanted:
    """A message the server should hold for one publication."""

    publication_id: int
    kind: MessageKind
    deliver_at: datetime
    title: str
    body: str
    buttons: tuple[Button, ...]

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything the phone would show changes (so the message is replaced)."""
        parts = [self.kind, self.deliver_at.astimezone(UTC).isoformat(), self.title, self.body]
        parts += [f"{b.kind}|{b.label}|{b.value}" for b in self.buttons]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Held:
    """A message the store remembers the server holds (or has delivered)."""

    publication_id: int
    sequence_id: str
    kind: MessageKind
    deliver_at: datetime
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Plan:
    send: tuple[Wanted, ...]  # new or changed: published under the publication's sequence id
    cancel: tuple[Held, ...]  # DELETE by sequence id, then forgotten


def sequence_id(prefix: str, publication_id: int) -> str:
    """The publication's key on the server; `prefix` is this installation's (so two databases sharing a
    topic never touch each other's messages)."""
    return f"{prefix}-p{publication_id}"


def message_kind(item: PhoneItem, settings: PhoneSettings) -> MessageKind:
    if item.mode == "remind" and item.moment_kind is not None and item.moment_kind in settings.moments:
        return MessageKind.AT_MOMENT
    return MessageKind.TAKEOVER


def deliver_at(item: PhoneItem, settings: PhoneSettings) -> datetime:
    if message_kind(item, settings) is MessageKind.AT_MOMENT:
        return item.at
    return item.at + timedelta(minutes=settings.takeover_minutes)


def desired(
    now: datetime,
    items: Iterable[PhoneItem],
    settings: PhoneSettings,
    *,
    routine: Routine | None = None,
    paused_until: datetime | None = None,
) -> dict[int, Wanted]:
    """The messages the server should hold now, by publication id.

    None for: a post whose time falls in a pause or in quiet hours (the desktop holds it, and the phone
    must not buzz in the night either); a dead man's switch when the desktop already reminded; one the
    server cannot take (less than MIN_AHEAD or more than SERVER_REACH ahead: later syncs bring it in).
    """
    wanted: dict[int, Wanted] = {}
    for item in items:
        kind = message_kind(item, settings)
        when = deliver_at(item, settings)
        if paused_until is not None and item.at < paused_until:
            continue
        if routine is not None and routine.quiet_hours is not None and routine.in_quiet_hours(item.at):
            continue
        if kind is MessageKind.TAKEOVER and item.reminded:
            continue
        if not now + MIN_AHEAD <= when <= now + SERVER_REACH:
            continue
        title, body, buttons = compose(item, kind)
        wanted[item.publication_id] = Wanted(item.publication_id, kind, when, title, body, buttons)
    return wanted


def plan(now: datetime, wanted: Mapping[int, Wanted], held: Iterable[Held], waiting: Set[int]) -> Plan:
    """What to send and cancel so the server holds `wanted` and nothing else it should not.

    `waiting`: publications the person still has to act on (scheduled, or sent to the phone). A message
    already delivered for one of them stays on the phone (it may be the one they act on); one for a post
    that was published, sent back to drafts or deleted is removed from the phone.
    """
    held_by_id = {h.publication_id: h for h in held}
    send = tuple(w for pid, w in sorted(wanted.items()) if _changed(held_by_id.get(pid), w))
    cancel: list[Held] = []
    for pid, message in sorted(held_by_id.items()):
        if pid in wanted:
            continue
        if message.deliver_at > now or pid not in waiting:
            cancel.append(message)
    return Plan(send, tuple(cancel))


def _changed(held: Held | None, wanted: Wanted) -> bool:
    # Sent under the same sequence id, a changed message replaces the held one, delivered or not.
    return held is None or held.fingerprint != wanted.fingerprint


def taken_over(
    now: datetime, items: Iterable[PhoneItem], held: Iterable[Held], settings: PhoneSettings
) -> list[int]:
    """Publications the phone took over: still scheduled, `takeover_minutes` past their moment with no
    reminder from the desktop, and the server has delivered their message for this very time. The
    desktop must not publish them late on its own: they wait as "sent to your phone"."""
    held_by_id = {h.publication_id: h for h in held}
    found = []
    for item in items:
        message = held_by_id.get(item.publication_id)
        if message is None or item.reminded:
            continue
        if message.deliver_at != deliver_at(item, settings) or message.deliver_at > now:
            continue
        if now >= item.at + timedelta(minutes=settings.takeover_minutes):
            found.append(item.publication_id)
    return found


# What the message says ----------------------------------------------------------------------------


def compose(item: PhoneItem, kind: MessageKind) -> tuple[str, str, tuple[Button, ...]]:
    """(title, body, buttons): the post's text (a thread's first part, saying how many follow) and the
    buttons that open the network's own composer with it filled in, and copy it."""
    from somedesk.core.posts import parts_for  # the text rules load when a message is made

    name = item.network.display_name
    parts = parts_for(item.text, item.network) or [""]
    first = parts[0]
    body = first
    if len(parts) > 1:
        more = len(parts) - 1
        body += f"\n\n(+{more} more part{'s' if more > 1 else ''} in the thread)"
    label = item.label or "Your moment"
    if kind is MessageKind.AT_MOMENT:
        title = f"{label}: your {name} post is ready"
    else:
        title = f"Post it from your phone: your {name} post did not go out ({label})"
    buttons: list[Button] = []
    if (url := composer_url(item.network, first)) is not None:
        buttons.append(Button("view", f"Open {name}", url))
    buttons.append(Button("copy", "Copy text", first))
    return title, body, tuple(buttons)


def composer_url(network: Network, text: str) -> str | None:
    """The network's own "new post" page with `text` filled in (None: the network has none)."""
    base = COMPOSERS.get(network)
    return None if base is None else base + quote(text, safe="")


def valid_topic(topic: str) -> bool:
    return 1 <= len(topic) <= TOPIC_MAX and all(c.isascii() and (c.isalnum() or c in "-_") for c in topic)


def inbox_topic(topic: str) -> str:
    return topic + INBOX_SUFFIX
