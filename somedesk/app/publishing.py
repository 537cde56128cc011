"""Publishing a publication: the persisted state machine that never posts twice and never loses a post.

    scheduled/draft/... --begin (committed)--> publishing --> published | failed | needs-attention

Each part (a whole LinkedIn post, one tweet of a thread) is recorded the moment it is created, with
its text, so a thread that failed half-way resumes at the failed part, after the words it started
with. An outcome that is unknown (no answer after the request left, or a crash) is resolved by
sending the same part again: both networks refuse a duplicate, and that refusal means "it was
published" (LinkedIn names the post; X's is found among the person's recent posts). A publish holds
a claim that dies with its process (desktop/claims.py), and ends, whatever happens, in a state with
a reason. docs/architecture.md, "Publishing: ownership and recovery", says why each piece is there.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from somedesk.app.accounts import Accounts
from somedesk.app.attempts import DUPLICATE_TRUST, RetryPolicy, Stop, find_lost_part, look_after_last_try
from somedesk.app.gate import Verdict
from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.core.policy import Finding
from somedesk.core.posts import part_numbers, parts_for, refuse_too_long
from somedesk.desktop.claims import try_claim
from somedesk.networks.base import AccountError, FailureKind, NetworkClient, PublishError
from somedesk.store import Store
from somedesk.store.publishing import Begun, PublishingRecords

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
CheckPolicy = Callable[[str], Sequence[Finding]]  # a post's text -> what the policy flags in it
# Called once a post is published (e.g. somedesk.networks.slack.TeamShare): must return at once.
ShareHook = Callable[[Publication, Draft], None]


class Publisher:
    def __init__(
        self,
        store: Store,
        accounts: Accounts,
        clock: Clock,
        *,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] | None = None,
        check_policy: CheckPolicy | None = None,
        share: ShareHook | None = None,
        after_quiet: Callable[[datetime], datetime] = lambda at: at,
        claims: Path | None = None,
    ) -> None:
        self.store = store
        self.records = PublishingRecords(store)
        self.accounts = accounts
        self.clock = clock
        self.policy = policy or RetryPolicy()
        # Waits between tries end early when `interrupt_waits()` is called (the runtime stopping):
        # an Event's wait, never time.sleep, so stop() never hangs behind a rate limit.
        self._interrupted = threading.Event()
        self.sleep = sleep or self._interruptible_sleep
        self.check_policy = check_policy
        self.share = share
        self.after_quiet = after_quiet  # moves a time inside quiet hours to their end
        # Where a publish holds its claim (desktop/claims.py): the data folder, beside the database.
        self.claims = claims or (store.folder or Path(tempfile.gettempdir())) / "claims"

    def interrupt_waits(self) -> None:
        """End every wait between tries now, and any later one at once: the post waiting goes back on
        the schedule. For the end of the process (the runtime's stop, the app quitting): it is not
        undone."""
        self._interrupted.set()

    def _interruptible_sleep(self, seconds: float) -> None:
        self._interrupted.wait(seconds)

    def _wait(self, seconds: float) -> bool:
        """Wait before the next try; False when the wait was interrupted (then there is no next try)."""
        if self._interrupted.is_set():
            return False
        self.sleep(seconds)
        return not self._interrupted.is_set()

    def abandoned(self) -> list[Publication]:
        """Posts left `publishing` by a process that is gone: no one holds their claim. (A post is
        `publishing` only while its claim is held, from `begin` until its outcome is stored.)"""
        left = []
        for publication in self.store.publications_in(PublicationState.PUBLISHING):
            claim = try_claim(self.claims, f"publication-{publication.id}")
            if claim is not None:
                claim.release()
                left.append(publication)
        return left

    def publish_draft(
        self, draft_id: int, network: Network | None = None, *, share: bool = True
    ) -> list[Publication]:
        """Publish now to each of the draft's networks (or one); one failing never undoes another.

        Of a partly published draft, only what is not published yet goes (all published: "already
        published", as for one network)."""
        publications = self.store.publications_for(draft_id, network, self.clock())
        waiting = [p for p in publications if p.state is not PublicationState.PUBLISHED]
        return [self.publish(p.id, share=share) for p in waiting or publications]

    def publish(self, publication_id: int, *, share: bool = True) -> Publication:
        """Publish one publication; `share=False` skips sharing it to the team (`--no-share`)."""
        publication = self.store.publication(publication_id)
        draft = self.store.draft(publication.draft_id)
        refuse_too_long(draft.id, draft.text, publication.network)
        where = f"draft {draft.id} on {publication.network.display_name}"
        # Held until the outcome is stored; it dies with this process, so a crash never leaves an
        # owner behind (a pid can be reused, or be 1 in every container).
        claim = try_claim(self.claims, f"publication-{publication_id}")
        if claim is None:
            raise UserError(f"{where}: it is being published right now", code="publishing-now")
        with claim:
            try:
                # Holding the claim proves no one else is publishing it: an open attempt is a crash's.
                begun = self.records.begin(publication_id, self.clock(), os.getpid(), lambda _pid: False)
            except UserError as exc:
                raise UserError(f"{where}: {exc}") from None
            published = self._attempt(begun, draft)
        if published.state is PublicationState.PUBLISHED and share and self.share is not None:
            self._share(published, draft)
        return published

    def _attempt(self, begun: Begun, draft: Draft) -> Publication:
        """Send it and store the outcome; whatever goes wrong, the post ends in a state with a reason."""
        publication = begun.publication
        publication_id = publication.id
        doubtful: int | None = None
        try:
            doubtful = self._doubtful_part(begun)
            self._refuse_blocked(begun, draft, doubtful is not None)
            url = self._send(begun, draft, doubtful)
        except Stop as stop:
            if stop.state is PublicationState.NEEDS_ATTENTION and stop.outcome == "auth":
                self.accounts.mark_reconnect_needed(publication.network)
            log.info("publication %s ended %s: %s", publication_id, stop.state.value, stop.reason)
            # A part in doubt at the start stays in doubt until it is found or sent: whatever ended
            # this attempt (a policy, a sign-in), the next one must still resolve it.
            unresolved = doubtful is not None and doubtful not in self.records.parts(publication_id)
            return self.records.finish(
                publication_id,
                begun.attempt_id,
                stop.state,
                self.clock(),
                outcome=stop.outcome,
                reason=stop.reason,
                scheduled_at=stop.retry_at,
                in_doubt=stop.in_doubt or unresolved,
            )
        except Exception as exc:
            # A bug, or the disk refusing to record a created part: never leave it `publishing`. A
            # part may have gone out, so the person looks before publishing again.
            log.exception("publication %s stopped by an unexpected error", publication_id)
            name = publication.network.display_name
            return self.records.finish(
                publication_id,
                begun.attempt_id,
                PublicationState.NEEDS_ATTENTION,
                self.clock(),
                outcome="error",
                reason=f"somedesk stopped publishing this on an unexpected error ({_described(exc)}); "
                f"check {name}, then publish again if it is not there",
                in_doubt=True,
            )
        except BaseException:
            # An interrupt (Ctrl+C, SystemExit): the attempt stays open and the claim dies with the
            # process, so the next start resolves it as a crash.
            log.exception("publication %s interrupted", publication_id)
            raise
        log.info("publication %s published", publication_id)
        return self.records.finish(
            publication_id,
            begun.attempt_id,
            PublicationState.PUBLISHED,
            self.clock(),
            outcome="published",
            url=url,
        )

    def _share(self, publication: Publication, draft: Draft) -> None:
        """Hand the published post to the share hook; whatever happens there, the post stays published."""
        assert self.share is not None
        try:
            self.share(publication, draft)
        except Exception:
            log.exception("sharing publication %s failed", publication.id)

    def _refuse_blocked(self, begun: Begun, draft: Draft, in_doubt: bool) -> None:
        """The policy gate at the moment of sending: a `block` finding stops the publish before anything
        is sent (the draft stays), and so does a `warn` finding the person has not gone past (they
        decide in the queue). Reasons name each finding by rule and position, never by its words."""
        if self.check_policy is None:
            return
        try:
            findings = list(self.check_policy(draft.text))
        except UserError as exc:  # the policy cannot be read: publishing unchecked is not an option
            raise Stop(PublicationState.FAILED, "policy", f"the policy could not be checked: {exc}") from None
        verdict = Verdict(draft.id, draft.text, tuple(findings), draft.warnings_accepted)  # the gate's rule
        blocked = verdict.blocked
        if not blocked:
            if not verdict.passes:
                described = "; ".join(dict.fromkeys(verdict.lines()))
                reason = f"the policy warns about {described}; post it anyway only if you are sure"
                raise Stop(PublicationState.NEEDS_ATTENTION, "policy", reason)
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
        reason = "the policy blocks " + "; ".join(dict.fromkeys(verdict.lines(blocked)))
        if in_doubt:  # an earlier attempt may have posted it before the policy changed
            network = begun.publication.network.display_name
            reason = f"{reason}; somedesk stopped while posting this earlier, so check {network} too"
            raise Stop(PublicationState.NEEDS_ATTENTION, "policy", reason)
        raise Stop(PublicationState.FAILED, "policy", reason)

    def _send(self, begun: Begun, draft: Draft, doubtful: int | None) -> str:
        publication = begun.publication
        network = publication.network
        try:
            client = self.accounts.client(network)
        except AccountError as exc:
            raise Stop(PublicationState.NEEDS_ATTENTION, "auth", str(exc)) from None
        except UserError as exc:  # e.g. no usable keyring: the person must act, retrying cannot help
            raise Stop(PublicationState.NEEDS_ATTENTION, "account", str(exc)) from None
        with closing(client):
            return self._send_parts(client, begun, draft, doubtful)

    def _send_parts(self, client: NetworkClient, begun: Begun, draft: Draft, doubtful: int | None) -> str:
        """Send the parts not yet created, each replying to the one before, and record each at once.

        A thread resumes after its created parts, which must still be the draft's first parts word for
        word (the store refuses an edit that changes them; this guards what slipped past, e.g. parts of
        an older somedesk): the rest of another text is never hung under them.
        """
        publication = begun.publication
        network = publication.network
        parts = parts_for(draft.text, network)
        done = self.records.parts(publication.id)
        self._refuse_an_old_crash(begun, network)
        uncertain = doubtful
        changed = [
            i for i, r in done.items() if i >= len(parts) or (r.text is not None and r.text != parts[i])
        ]
        if changed:
            raise Stop(
                PublicationState.NEEDS_ATTENTION,
                "posted-parts",
                f"{part_numbers(sorted(done))} of this thread went out on {network.display_name} with other "
                f"words than the draft has now ({part_numbers(changed)} differs), and a thread is never "
                "finished with other words: put them back, or start a new post",
                in_doubt=uncertain is not None,
            )
        for index, text in enumerate(parts):
            if index in done:
                continue
            reply_to = done[index - 1].remote_id if index > 0 else None
            images = draft.images if index == 0 else ()
            remote_id, url = self._send_part(
                client, text, images, reply_to, index, uncertain == index, len(parts)
            )
            self.records.record_part(publication.id, index, remote_id, url, self.clock(), text)
            done = self.records.parts(publication.id)
        return done[0].url

    def _doubtful_part(self, begun: Begun) -> int | None:
        """The first part not recorded, when it may exist all the same: after a crash, or after an
        attempt that ended in doubt (no answer, an unexpected error). A duplicate refusal of that part
        then means "it is there", and it is looked for instead of being reported as a failure."""
        done = self.records.parts(begun.publication.id)
        first_missing = next(i for i in range(len(done) + 1) if i not in done)
        if begun.interrupted is not None:
            return first_missing
        previous = [a for a in self.records.attempts(begun.publication.id) if a.id != begun.attempt_id]
        return first_missing if previous and previous[-1].in_doubt else None

    def _refuse_an_old_crash(self, begun: Begun, network: Network) -> None:
        """Past the network's duplicate window, re-sending after a crash could post twice: ask."""
        if begun.interrupted is None:
            return
        age = self.clock() - begun.interrupted.started_at
        if age >= DUPLICATE_TRUST.get(network, timedelta(0)):
            started = begun.interrupted.started_at.astimezone().strftime("%a %d %b %H:%M")
            raise Stop(
                PublicationState.NEEDS_ATTENTION,
                "unknown",
                f"somedesk stopped while posting this at {started}, so it may already be on "
                f"{network.display_name}: check your profile, then publish again only if it is not there",
                in_doubt=True,
            )

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
                # A 5xx can come after the post was made, and no answer may mean it was: from here on a
                # duplicate refusal of this part means "it is there".
                uncertain = uncertain or error.kind in (FailureKind.UNKNOWN_OUTCOME, FailureKind.TRANSIENT)
                try:
                    if error.kind is FailureKind.DUPLICATE and uncertain and not error.existing_id:
                        return find_lost_part(client, text, reply_to, where)
                    resolved = self._handle(error, client, uncertain, where, retry)
                except Stop as stop:
                    if uncertain and stop.state is PublicationState.FAILED:
                        # Out of tries after answers that may have come after the post was made (a 503
                        # on a create): before saying "failed", look whether it is there after all.
                        found = look_after_last_try(client, text, reply_to, stop)
                        if found is not None:
                            return found
                    stop.in_doubt = stop.in_doubt or uncertain
                    raise
                if resolved is not None:
                    return resolved
                retry += 1

    def _handle(
        self, error: PublishError, client: NetworkClient, uncertain: bool, where: str, retry: int
    ) -> tuple[str, str] | None:
        """Decide what one failure means: a result, a wait before the next try, or the end (Stop)."""
        name = client.network.display_name
        if error.kind is FailureKind.DUPLICATE:
            if not uncertain:
                raise Stop(
                    PublicationState.FAILED,
                    "duplicate",
                    f"{name} refuses the same text twice{where}; edit the draft and publish again",
                )
            if error.existing_id:
                return error.existing_id, client.url_for(error.existing_id)
            raise Stop(  # not reached: `_send_part` looks for a post the refusal does not name
                PublicationState.NEEDS_ATTENTION,
                "duplicate",
                f"{name} says this was already posted{where}, but not where; check your profile",
                in_doubt=True,
            )
        if error.kind is FailureKind.AUTH:
            raise Stop(PublicationState.NEEDS_ATTENTION, "auth", str(error))
        if error.kind in (FailureKind.PERMANENT, FailureKind.USAGE_CAPPED):
            raise Stop(PublicationState.FAILED, error.kind.value, f"{error}{where}")
        if error.kind is FailureKind.RATE_LIMITED:
            self._wait_for_rate_limit(error, name, where, retry)
            return None
        if retry + 1 >= self.policy.tries:
            what = "no answer came" if error.kind is FailureKind.UNKNOWN_OUTCOME else str(error)
            state = (
                PublicationState.NEEDS_ATTENTION
                if error.kind is FailureKind.UNKNOWN_OUTCOME
                else PublicationState.FAILED
            )
            raise Stop(
                state,
                error.kind.value,
                f"{name} could not be reached after {self.policy.tries} tries{where} ({what}); "
                "try again later",
            )
        if not self._wait(self.policy.delay(retry)):
            raise Stop(
                PublicationState.SCHEDULED,
                "stopped",
                f"somedesk stopped before it could try {name} again{where}; "
                "it goes out when somedesk runs again",
                retry_at=self.clock(),
            )
        return None

    def _wait_for_rate_limit(self, error: PublishError, name: str, where: str, retry: int) -> None:
        """Wait for a short rate limit, or put the post back on the schedule.

        Every rate limit counts as a try: a network answering "wait a little" forever (or with no reset
        time at all) must not hold the post, and the runtime with it, for ever.
        """
        now = self.clock()
        wait = (error.retry_at - now).total_seconds() if error.retry_at else self.policy.max_delay
        exhausted = retry + 1 >= self.policy.tries
        if wait <= self.policy.max_rate_limit_wait and not exhausted and self._wait(max(0.0, wait)):
            return
        if error.retry_at is not None and error.retry_at > now:
            reset = error.retry_at
        elif exhausted:
            reset = now + self.policy.rate_limit_backoff
        else:  # interrupted while waiting
            reset = now + timedelta(seconds=max(0.0, wait))
        # Back on the schedule at the network's reset time, or when quiet hours end if it falls
        # in them (LinkedIn's 00:00 UTC is the middle of a Finnish night: rescheduled there, the
        # post would be held until morning and then missed for being hours late). The runtime
        # sends it then; the created parts of a thread are kept, so it resumes where it stopped.
        retry_at = self.after_quiet(reset)
        until = retry_at.astimezone().strftime("%a %d %b %H:%M")
        raise Stop(
            PublicationState.SCHEDULED,
            "rate-limited",
            f"{name} asks us to wait until {until}{where}; it goes out then",
            retry_at=retry_at,
        )


def _described(exc: Exception) -> str:
    """An unexpected error in a few words for the stored reason: its type and first line, cut short."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"
