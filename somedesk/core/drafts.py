"""Drafts and their publications: one draft's text, and one publication per network it goes to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from somedesk.core.model import MomentKind, Network


class PublicationState(StrEnum):
    """The publish state machine (architecture.md): draft -> scheduled -> publishing -> an outcome."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    MISSED = "missed"
    NEEDS_ATTENTION = "needs-attention"


@dataclass(frozen=True, slots=True)
class Publication:
    """One draft going to one network. `scheduled_at` is an aware UTC instant when scheduled."""

    id: int
    draft_id: int
    network: Network
    state: PublicationState
    scheduled_at: datetime | None = None
    moment_kind: MomentKind | None = None
    moment_label: str | None = None
    url: str | None = None
    reason: str | None = None
    published_at: datetime | None = None
    mode: str | None = None  # "auto" or "remind"; None follows the config's default
    reason_code: str | None = None  # what `reason` is about, in a word (e.g. "missed-asleep")
    by_hand: bool = False  # the person chose its time (`--at`, a drop), not the planning engine

    @property
    def when(self) -> datetime | None:
        """When the post goes (or went) out: the publish time once published, else the scheduled time."""
        return self.published_at or self.scheduled_at

    @property
    def reminder_key(self) -> str:
        """The key of its reminder notice: one reminder per publication and time (a snooze, or a new
        time, asks again). The runtime records it; the phone reads it."""
        return f"{self.id}@{self.scheduled_at}"


@dataclass(frozen=True, slots=True)
class Draft:
    id: int
    text: str
    created_at: datetime
    updated_at: datetime
    publications: tuple[Publication, ...] = ()
    images: tuple[Path, ...] = ()
    share: bool | None = None  # share to the team once published; None follows the config
    language: str | None = None  # the spelling language; None: detect it from the text
    warnings_accepted: bool = False  # the person chose to go past the policy's warnings on this text

    @property
    def networks(self) -> tuple[Network, ...]:
        return tuple(p.network for p in self.publications)

    def publication(self, network: Network) -> Publication | None:
        return next((p for p in self.publications if p.network is network), None)

    @property
    def first_line(self) -> str:
        return self.text.strip().splitlines()[0] if self.text.strip() else ""


def excerpt(text: str, width: int = 48) -> str:
    """The draft's text on one line, cut to `width` characters with an ellipsis: for lists and notes."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
