"""How a publish attempt ends, and what it does when an answer was lost: the retry policy, how long
a network is trusted to refuse a duplicate, `Stop` (an outcome other than published), and finding
a post on X that was made although no answer said so (issue 12 #2)."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.networks.base import FindsOwnPosts, NetworkClient, PublishError

log = logging.getLogger(__name__)

# How long a network is trusted to refuse a duplicate. LinkedIn's window is reported as about ten
# minutes [unverified]; past it, re-sending after a crash could post twice, so we ask the person.
# The Sandbox refuses nothing, so after a crash there the person looks in the outbox.
DUPLICATE_TRUST = {
    Network.LINKEDIN: timedelta(minutes=9),
    Network.X: timedelta(hours=1),
    Network.SANDBOX: timedelta(0),
}


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Transient failures retry with exponential backoff and jitter, a bounded number of times."""

    tries: int = 4  # per part; a rate limit's wait counts as a try too, so no answer can hold it forever
    base_delay: float = 2.0
    max_delay: float = 60.0
    max_rate_limit_wait: float = 90.0  # a longer wait puts the post back on the schedule at the reset
    # When a rate limit names no reset time and the tries are spent: back on the schedule this much later.
    rate_limit_backoff: timedelta = timedelta(minutes=15)

    def delay(self, retry: int) -> float:
        ceiling = min(self.max_delay, self.base_delay * 2**retry)
        return random.uniform(ceiling / 2, ceiling)


class Stop(Exception):
    """Ends an attempt with an outcome other than published."""

    def __init__(
        self,
        state: PublicationState,
        outcome: str,
        reason: str,
        retry_at: datetime | None = None,
        *,
        in_doubt: bool = False,
    ) -> None:
        super().__init__(reason)
        self.state, self.outcome, self.reason, self.retry_at = state, outcome, reason, retry_at
        self.in_doubt = in_doubt  # the part being sent may be on the network: the next attempt resolves it


def find_lost_part(client: NetworkClient, text: str, reply_to: str | None, where: str) -> tuple[str, str]:
    """The network refused a part as a duplicate without naming the post (X), after a lost answer:
    it is there. Find it among the account's recent posts to record it, or say why it cannot be."""
    name = client.network.display_name
    if not isinstance(client, FindsOwnPosts):
        why = "but not where"
    else:
        try:
            found = client.find_own_post(text, reply_to=reply_to)
        except PublishError as error:
            why = f"but not where, and looking for it failed: {error}"
        else:
            if found is not None:
                log.info("a lost answer resolved: the part is %s", found.url)
                return found.remote_id, found.url
            why = "but it is not among your recent posts"
    raise Stop(
        PublicationState.NEEDS_ATTENTION,
        "duplicate",
        f"{name} says this was already posted{where}, {why}; check your profile",
        in_doubt=True,
    )


def look_after_last_try(
    client: NetworkClient, text: str, reply_to: str | None, stop: Stop
) -> tuple[str, str] | None:
    """The part, when X has it although no try was answered with it; None when it is not there (the
    failure stands). When it cannot be looked for, `stop` becomes needs-attention: the post may be
    on X, and only the person can tell (never a plain "failed")."""
    if not isinstance(client, FindsOwnPosts):
        return None  # LinkedIn names the post in its duplicate answer: the next publish resolves it
    try:
        found = client.find_own_post(text, reply_to=reply_to)
    except PublishError as error:
        why = f"looking for it failed: {error}"
    else:
        if found is None:
            return None
        log.info("a post whose answers were lost is there: %s", found.url)
        return found.remote_id, found.url
    name = client.network.display_name
    stop.state = PublicationState.NEEDS_ATTENTION
    stop.reason = f"{stop.reason}; it may be on {name} all the same ({why}): check your profile"
    return None
