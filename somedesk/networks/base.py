"""What every network client offers the publisher, and how a client says what went wrong.

Clients speak HTTP and nothing else: they never touch the store. The publisher (`publishing.py`)
owns the state machine and decides, from a `PublishError.kind`, whether to retry, wait, resolve a
duplicate or stop and tell the person.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from somedesk.core.errors import UserError
from somedesk.core.model import Network


class FailureKind(StrEnum):
    TRANSIENT = "transient"  # 5xx, or a connection that failed before the request left: retry later
    RATE_LIMITED = "rate-limited"  # 429 with a known reset time (`retry_at`): wait for it
    USAGE_CAPPED = "usage-capped"  # a daily/monthly cap: do not retry blindly
    AUTH = "auth"  # expired or revoked token, refresh refused: the account needs reconnecting
    DUPLICATE = "duplicate"  # the network already has this post: it *was* published
    PERMANENT = "permanent"  # the request itself is wrong (too long, bad image, policy): the person fixes it
    UNKNOWN_OUTCOME = "unknown-outcome"  # the request left and no answer came back: it may exist


class PublishError(UserError):
    """A failed network call, classified; the message is written for the person."""

    def __init__(
        self,
        message: str,
        kind: FailureKind,
        *,
        retry_at: datetime | None = None,
        existing_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.retry_at = retry_at
        self.existing_id = existing_id  # for DUPLICATE, when the network names the existing post


class AccountError(UserError):
    """Connecting, refreshing or using an account failed in a way the person must act on."""


@dataclass(frozen=True, slots=True)
class PostedPart:
    """One created post (a whole LinkedIn post, or one tweet of a thread)."""

    remote_id: str
    url: str


@dataclass(frozen=True, slots=True)
class ConnectedAccount:
    """What a successful sign-in yields besides the secrets (which go to the keyring)."""

    network: Network
    handle: str  # a name to show: "Jari Virtanen" on LinkedIn, "@jari" on X
    user_id: str  # LinkedIn member URN (urn:li:person:…), X user id
    expires_at: datetime | None  # when the access token expires (LinkedIn: ~60 days; X: 2 h)


class ClosedOnExit:
    """`with client:` closes the client (its HTTP session) however the block ends."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class NetworkClient(Protocol):
    """A signed-in client for one account."""

    network: Network

    def post(self, text: str, *, images: Sequence[Path] = (), reply_to: str | None = None) -> PostedPart:
        """Create one post; `reply_to` (X only) makes it the next part of a thread."""
        ...

    def url_for(self, remote_id: str) -> str:
        """The public URL of a post this account made."""
        ...

    def close(self) -> None:
        """Release the client's HTTP connections."""
        ...


@runtime_checkable
class FindsOwnPosts(Protocol):
    """A client that can look for a post among the account's own recent ones (X: its duplicate refusal
    names no post, so a post whose answer was lost is found this way)."""

    def find_own_post(self, text: str, *, reply_to: str | None = None) -> PostedPart | None:
        """The account's recent post with this text (replying to `reply_to`, or to nothing); None when
        there is none. Raises PublishError when the network will not show the posts."""
        ...


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Where the networks live; tests and proxies point them elsewhere with environment variables."""

    linkedin_oauth_base: str = "https://www.linkedin.com/oauth/v2"
    linkedin_api_base: str = "https://api.linkedin.com"
    x_authorize_url: str = "https://x.com/i/oauth2/authorize"
    x_api_base: str = "https://api.x.com"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Endpoints:
        env = os.environ if env is None else env
        defaults = cls()

        def pick(name: str, default: str) -> str:
            return env.get(name, "").strip().rstrip("/") or default

        return cls(
            linkedin_oauth_base=pick("SOMEDESK_LINKEDIN_OAUTH_BASE", defaults.linkedin_oauth_base),
            linkedin_api_base=pick("SOMEDESK_LINKEDIN_API_BASE", defaults.linkedin_api_base),
            x_authorize_url=pick("SOMEDESK_X_AUTHORIZE_URL", defaults.x_authorize_url),
            x_api_base=pick("SOMEDESK_X_API_BASE", defaults.x_api_base),
        )


class TokenKeeper(Protocol):
    """Where a client reads its account's tokens and writes refreshed ones.

    `save` must make the new tokens durable (keyring first, then metadata) before it returns, so a
    rotated refresh token is never lost between the refresh and its first use.
    """

    def access_token(self) -> str: ...

    def refresh_token(self) -> str | None: ...

    def save(self, access_token: str, refresh_token: str | None, expires_at: datetime | None) -> None: ...
