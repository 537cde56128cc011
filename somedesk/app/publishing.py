"""Publishing a publication: the persisted state machine that never posts twice and never loses a post.

    scheduled/draft/... --begin (committed)--> publishing --> published | failed | needs-attention

Each part (a whole LinkedIn post, one tweet of a thread) is recorded the moment it is created, so a
thread that failed half-way resumes at the failed part. An outcome that is unknown (no answer after
the request left, or a crash) is resolved by sending the same part again: both networks refuse a
duplicate, and that refusal means "it was published".
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from somedesk.app.accounts import Accounts
from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.core.policy import Finding
from somedesk.core.posts import parts_for, refuse_too_long
from somedesk.networks.base import AccountError, FailureKind, NetworkClient, PublishError
from somedesk.store import Store
from somedesk.store.publishing import Begun, PublishingRecords

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
CheckPolicy = Callable[[str], Sequence[Finding]]  # a post's text -> what the policy flags in it
# Called once a post is published (e.g. somedesk.networks.slack.TeamShare): must return at once.
ShareHook = Callable[[Publication, Draft], None]

# How long a network is trusted to refuse a duplicate. LinkedIn's window is reported as about ten
# minutes [unverified]; past it, re-sending after a crash could post twice, so we ask the person.
DUPLICATE_TRUST = {Network.LINKEDIN: timedelta(minutes=9), Network.X: timedelta(hours=1)}


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Transient failures retry with exponential backoff and jitter, a bounded number of times."""

    tries: int = 4
    base_delay: float = 2.0
    max_delay: float = 60.0
    max_rate_limit_wait: float = 90.0  # longer waits end the attempt as failed with the reset time

    def delay(self, retry: int) -> float:
        ceiling = min(self.max_delay, self.base_delay * 2**retry)
        return random.uniform(ceiling / 2, ceiling)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Stop(Exception):
    """Ends an attempt with an outcome other than published."""

    def __init__(
        self, state: PublicationState, outcome: str, reason: str, retry_at: datetime | None = None
    ) -> None:
        super().__init__(reason)
        self.state, self.outcome, self.reason, self.retry_at = state, outcome, reason, retry_at


class Publisher:
    def __init__(
        self,
        store: Store,
        accounts: Accounts,
        clock: Clock,
        *,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        check_policy: CheckPolicy | None = None,
        share: ShareHook | None = None,
        after_quiet: Callable[[datetime], datetime] = lambda at: at,
    ) -> None:
        self.store = store
        self.records = PublishingRecords(store)
        self.accounts = accounts
        self.clock = clock
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self.check_policy = check_policy
        self.share = share
        self.after_quiet = after_quiet  # moves a time inside quiet hours to their end

    def publish_draft(
        self, draft_id: int, network: Network | None = None, *, share: bool = True
    ) -> list[Publication]:
        """Publish now to each of the draft's networks (or one); one failing never undoes another."""
        return [
            self.publish(p.id, share=share)
            for p in self.store.publications_for(draft_id, network, self.clock())
        ]

    def publish(self, publication_id: int, *, share: bool = True) -> Publication:
        """Publish one publication; `share=False` skips sharing it to the team (`--no-share`)."""
        publication = self.store.publication(publication_id)
        draft = self.store.draft(publication.draft_id)
        refuse_too_long(draft.id, draft.text, publication.network)
        try:
            begun = self.records.begin(publication_id, self.clock(), os.getpid(), process_alive)
        except UserError as exc:
            raise UserError(f"draft {draft.id} on {publication.network.display_name}: {exc}") from None
        try:
            self._refuse_blocked(begun, draft)
            url = self._send(begun, draft)
        except _Stop as stop:
            if stop.state is PublicationState.NEEDS_ATTENTION and stop.outcome == "auth":
                self.accounts.mark_reconnect_needed(publication.network)
            log.info("publication %s ended %s: %s", publication_id, stop.state.value, stop.reason)
            return self.records.finish(
                publication_id,
                begun.attempt_id,
                stop.state,
                self.clock(),
                outcome=stop.outcome,
                reason=stop.reason,
                scheduled_at=stop.retry_at,
            )
        except BaseException:
            # A bug or an interrupt: the attempt stays open, so the next start resolves it.
            log.exception("publication %s interrupted", publication_id)
            raise
        log.info("publication %s published", publication_id)
        published = self.records.finish(
            publication_id,
            begun.attempt_id,
            PublicationState.PUBLISHED,
            self.clock(),
            outcome="published",
            url=url,
        )
        if share and self.share is not None:
            self._share(published, draft)
        return published

    def _share(self, publication: Publication, draft: Draft) -> None:
        """Hand the published post to the share hook; whatever happens there, the post stays published."""
        assert self.share is not None
        try:
            self.share(publication, draft)
        except Exception:
            log.exception("sharing publication %s failed", publication.id)

    def _refuse_blocked(self, begun: Begun, draft: Draft) -> None:
        """A `block` finding of the policy stops the publish before anything is sent (the draft stays)."""
        if self.check_policy is None:
            return
        try:
            blocked = [f for f in self.check_policy(draft.text) if f.blocks]
        except UserError as exc:  # the policy cannot be read: publishing unchecked is not an option
            raise _Stop(
                PublicationState.FAILED, "policy", f"the policy could not be checked: {exc}"
            ) from None
        if not blocked:
            return
        # The reason is stored, logged and shown in notifications: it names where each finding is,
        # never the text found (a personal identity code, a customer's name).
        for f in blocked:
            log.info(
                "publication %s: policy rule %r blocks characters %d–%d",
                begun.publication.id,
                f.rule,
                f.start + 1,
                f.end,
            )
        reason = "; ".join(dict.fromkeys(f"{f.message} (characters {f.start + 1}–{f.end})" for f in blocked))
        if begun.interrupted is not None:  # an earlier attempt may have posted it before the policy changed
            network = begun.publication.network.display_name
            reason = f"{reason}; somedesk stopped while posting this earlier, so check {network} too"
            raise _Stop(PublicationState.NEEDS_ATTENTION, "policy", reason)
        raise _Stop(PublicationState.FAILED, "policy", reason)

    def _send(self, begun: Begun, draft: Draft) -> str:
        publication = begun.publication
        network = publication.network
        try:
            client = self.accounts.client(network)
        except AccountError as exc:
            raise _Stop(PublicationState.NEEDS_ATTENTION, "auth", str(exc)) from None
        except UserError as exc:  # e.g. no usable keyring: the person must act, retrying cannot help
            raise _Stop(PublicationState.NEEDS_ATTENTION, "account", str(exc)) from None
        with closing(client):
            return self._send_parts(client, begun, draft)

    def _send_parts(self, client: NetworkClient, begun: Begun, draft: Draft) -> str:
        publication = begun.publication
        network = publication.network
        parts = parts_for(draft.text, network)
        done = self.records.parts(publication.id)
        uncertain = self._uncertain_part(begun, done, network)
        for index, text in enumerate(parts):
            if index in done:
                continue
            reply_to = done[index - 1].remote_id if index > 0 else None
            images = draft.images if index == 0 else ()
            remote_id, url = self._send_part(
                client, text, images, reply_to, index, uncertain == index, len(parts)
            )
            self.records.record_part(publication.id, index, remote_id, url, self.clock())
            done = self.records.parts(publication.id)
        return done[0].url

    def _uncertain_part(self, begun: Begun, done: Mapping[int, object], network: Network) -> int | None:
        """After a crash, the first unrecorded part may or may not exist: decide whether to resolve it."""
        if begun.interrupted is None:
            return None
        age = self.clock() - begun.interrupted.started_at
        if age > DUPLICATE_TRUST[network]:
            started = begun.interrupted.started_at.astimezone().strftime("%a %d %b %H:%M")
            raise _Stop(
                PublicationState.NEEDS_ATTENTION,
                "unknown",
                f"somedesk stopped while posting this at {started}, so it may already be on "
                f"{network.display_name}: check your profile, then publish again only if it is not there",
            )
        return next(i for i in range(len(done) + 1) if i not in done)

    def _send_part(
        self,
        client: NetworkClient,
        text: str,
        images: Sequence[Path],
        reply_to: str | None,
        index: int,
        uncertain: bool,
        total: int,
    ) -> tuple[str, str]:
        """Send one part, retrying what may be retried; returns (remote id, url)."""
        retry = 0
        while True:
            try:
                posted = client.post(text, images=images, reply_to=reply_to)
                return posted.remote_id, posted.url
            except PublishError as error:
                where = f" (part {index + 1} of {total})" if total > 1 else ""
                resolved = self._handle(error, client, uncertain, where, retry)
                if resolved is not None:
                    return resolved
                uncertain = uncertain or error.kind in (FailureKind.UNKNOWN_OUTCOME, FailureKind.TRANSIENT)
                retry += 1

    def _handle(
        self, error: PublishError, client: NetworkClient, uncertain: bool, where: str, retry: int
    ) -> tuple[str, str] | None:
        """Decide what one failure means: a result, a wait before the next try, or the end (_Stop)."""
        name = client.network.display_name
        if error.kind is FailureKind.DUPLICATE:
            if not uncertain:
                raise _Stop(
                    PublicationState.FAILED,
                    "duplicate",
                    f"{name} refuses the same text twice{where}; edit the draft and publish again",
                )
            if error.existing_id:
                return error.existing_id, client.url_for(error.existing_id)
            raise _Stop(
                PublicationState.NEEDS_ATTENTION,
                "duplicate",
                f"{name} says this was already posted{where}, but not where; check your profile",
            )
        if error.kind is FailureKind.AUTH:
            raise _Stop(PublicationState.NEEDS_ATTENTION, "auth", str(error))
        if error.kind in (FailureKind.PERMANENT, FailureKind.USAGE_CAPPED):
            raise _Stop(PublicationState.FAILED, error.kind.value, f"{error}{where}")
        if error.kind is FailureKind.RATE_LIMITED:
            self._wait_for_rate_limit(error, name, where)
            return None
        if retry + 1 >= self.policy.tries:
            what = "no answer came" if error.kind is FailureKind.UNKNOWN_OUTCOME else str(error)
            state = (
                PublicationState.NEEDS_ATTENTION
                if error.kind is FailureKind.UNKNOWN_OUTCOME
                else PublicationState.FAILED
            )
            raise _Stop(
                state,
                error.kind.value,
                f"{name} could not be reached after {self.policy.tries} tries{where} ({what}); "
                "try again later",
            )
        self.sleep(self.policy.delay(retry))
        return None

    def _wait_for_rate_limit(self, error: PublishError, name: str, where: str) -> None:
        wait = (error.retry_at - self.clock()).total_seconds() if error.retry_at else self.policy.max_delay
        if wait > self.policy.max_rate_limit_wait:
            if error.retry_at is None:
                raise _Stop(
                    PublicationState.FAILED, "rate-limited", f"{name} asks us to wait{where}; try later"
                )
            # Back on the schedule at the network's reset time, or when quiet hours end if it falls
            # in them (LinkedIn's 00:00 UTC is the middle of a Finnish night: rescheduled there, the
            # post would be held until morning and then missed for being hours late). The runtime
            # sends it then; the created parts of a thread are kept, so it resumes where it stopped.
            retry_at = self.after_quiet(error.retry_at)
            until = retry_at.astimezone().strftime("%a %d %b %H:%M")
            raise _Stop(
                PublicationState.SCHEDULED,
                "rate-limited",
                f"{name} asks us to wait until {until}{where}; it goes out then",
                retry_at=retry_at,
            )
        self.sleep(max(0.0, wait))
