"""The runtime: publishes and reminds at the right moments, and survives sleep, restarts and crashes.

APScheduler holds one job per scheduled publication (and one for the timed reminders), *derived*
from the store by `reconcile()`: on start, whenever the schedule changes, and after every check.
A job only wakes the runtime; what to do is decided from the store by `core/due.py`, so the
scheduler never holds a second truth.

Suspend does not advance the monotonic clocks timers sleep on, so a job due while the laptop slept
can fire late by the length of the sleep. A watchdog every minute therefore re-checks the table by
the wall clock (and notices schedule changes other processes committed).

The watchdog is a thread of its own that waits on the *monotonic* clock, not an APScheduler job:
APScheduler keeps its jobs' times on the wall clock and sleeps for "next job - now", so a wall-clock
step backwards put its own interval job (the old watchdog) minutes away, and a step forwards left
it asleep past jobs that had become due (issue 12: 946 s of nothing). Each tick compares how far the
wall clock and the monotonic clock moved; a difference (a step either way, or a suspend) is logged,
and every tick re-derives the jobs from the store and wakes APScheduler so that it measures its
wait again from the wall clock as it now is.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from somedesk.app.configwatch import ConfigWatch
from somedesk.app.phone import LATER, SyncResult
from somedesk.app.phonesync import PhoneSyncer
from somedesk.app.services import Somedesk
from somedesk.core.drafts import Publication, PublicationState, excerpt
from somedesk.core.due import (
    Action,
    ActionKind,
    DueItem,
    Mode,
    decide,
    next_wakeup,
)
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.runtime.notify.base import Note, Notifier
from somedesk.runtime.timedreminders import send_timed_reminders

log = logging.getLogger(__name__)
WATCHDOG_SECONDS = 60
# A tick whose wall-clock and monotonic spans differ by more than this saw the clock stepped (or a
# suspend): logged, so that a late post can be explained.
CLOCK_STEP_TOLERANCE = timedelta(seconds=5)
FIRING_MARGIN = timedelta(seconds=2)
SNOOZE = timedelta(minutes=10)


class Runtime:
    """Drives publishing and reminders for one data folder. Thread-safe; `check()` runs one at a time."""

    def __init__(
        self,
        app: Somedesk,
        notifier: Notifier,
        *,
        on_event: Callable[[str], None] = lambda _line: None,
        watchdog_seconds: float = WATCHDOG_SECONDS,
    ) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        self.app = app
        self.notifier = notifier
        self.on_event = on_event
        self.watchdog_seconds = watchdog_seconds
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._watchdog_thread: threading.Thread | None = None
        # config.toml is read again when it changes, before each check (issue 12): quiet hours
        # added while the runtime runs hold the next post.
        self.config_watch = ConfigWatch(app)
        self._data_version = -1
        self.scheduler = BackgroundScheduler(
            timezone=UTC,
            # A late job still runs (once): `decide` knows what lateness means.
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )
        # The phone (issue 15): synced after every check, off this thread, with retries; reads the inbox.
        self.phone_syncer = PhoneSyncer(lambda: self.app.phone, on_result=self._on_phone_result)
        self._phone_ok = True

    # Life cycle --------------------------------------------------------------------------

    def start(self) -> None:
        self.scheduler.start()
        self.recover()
        self.check()
        self.phone_syncer.start()
        self._watchdog_thread = threading.Thread(target=self._watch, name="somedesk-watchdog", daemon=True)
        self._watchdog_thread.start()

    def recover(self) -> None:
        """Posts left `publishing` by a crash: resolve each (the publisher decides whether re-sending
        is safe or the person must look) before anything else is sent."""
        with self._lock:
            self.config_watch.refresh()
            for publication in self.app.store.publications_in(PublicationState.PUBLISHING):
                log.info("resolving publication %s left mid-publish", publication.id)
                self._publish(publication)

    def _resolve_abandoned(self) -> None:
        """Posts another process left `publishing` when it died (a killed `somedesk publish`): resolved
        at the next check rather than at the runtime's next start, which may be days away (issue 12:
        never a post left `publishing`). Only those whose claim no living process holds
        (`Publisher.abandoned`); one that is claimed again meanwhile is left to its owner."""
        for publication in self.app.publisher.abandoned():
            log.info("resolving publication %s left mid-publish by a process that is gone", publication.id)
            try:
                self._publish(publication, owned_elsewhere_is_fine=True)
            except Exception:  # one post's trouble must never stop the check for every other one
                log.exception("resolving publication %s left mid-publish failed", publication.id)

    def stop(self) -> None:
        """Stop after any publish under way has finished: a post is never abandoned mid-state. A
        publish waiting between tries stops waiting and goes back on the schedule.

        Once `_stopping` is set no new check starts; taking `_lock` waits for the one under way
        (it may call into the scheduler, so the scheduler is shut down only after it).
        """
        self._stopping.set()
        self.app.publisher.interrupt_waits()  # a publish waiting to retry goes back on the schedule now
        with self._lock:
            pass
        if self._watchdog_thread is not None and self._watchdog_thread is not threading.current_thread():
            self._watchdog_thread.join(timeout=5)
        # APScheduler 3 races its own shutdown: a date job that fires while `shutdown()` marks the
        # scheduler stopped is then "not found" when the loop removes it, and its thread raises.
        # Removing every job first (which waits for a loop pass under way) leaves nothing to fire.
        self.scheduler.remove_all_jobs()
        self.scheduler.shutdown(wait=True)
        self.phone_syncer.stop()

    # The loop ----------------------------------------------------------------------------

    def _watch(self) -> None:
        """Tick every `watchdog_seconds` of monotonic time (Event.wait measures on it) until stopped."""
        wall, steady = self.app.clock(), time.monotonic()
        while not self._stopping.wait(self.watchdog_seconds):
            wall_now, steady_now = self.app.clock(), time.monotonic()
            step = (wall_now - wall) - timedelta(seconds=steady_now - steady)
            wall, steady = wall_now, steady_now
            try:
                self.watchdog(step)
            except Exception:  # the watchdog is the runtime's last resort: it must keep ticking
                log.exception("the watchdog's check failed")

    def watchdog(self, step: timedelta = timedelta(0)) -> None:
        """One tick: look at the table, then make APScheduler measure its wait again.

        `step` is how much further the wall clock moved than the monotonic clock since the last
        tick (negative: stepped back). Either way the jobs' wall-clock times stay right, but
        APScheduler may be asleep for a span it measured before the step; waking it fixes that.
        """
        if abs(step) > CLOCK_STEP_TOLERANCE:
            log.info(
                "the wall clock moved %+.0f s against the monotonic clock; re-deriving the jobs",
                step.total_seconds(),
            )
        self.check()
        if self.scheduler.running and not self._stopping.is_set():
            self.scheduler.wakeup()

    def check(self) -> None:
        """Look at the table now, act on what is due, then re-derive the jobs from the store."""
        with self._lock:
            if self._stopping.is_set():
                return
            self.config_watch.refresh()
            self._resolve_abandoned()  # a CLI publish killed mid-way while we run
            now = self.app.clock()
            self._phone_took_over(now)  # before deciding: those must not go out late on their own
            actions = self._act_on_publications(now)
            reminders_at = send_timed_reminders(self.app, self.notifier, now)
            # Waiting items have their own jobs; only holds (quiet hours, pause) need an extra wake-up.
            holds = [a for a in actions if a.kind in (ActionKind.HOLD_QUIET, ActionKind.HOLD_PAUSED)]
            self.reconcile(next_wakeup(holds), reminders_at, handled_until=now)
        self.phone_syncer.request()  # the server follows what this check (or a change) did

    def reconcile(
        self,
        hold_until: datetime | None = None,
        reminders_at: datetime | None = None,
        *,
        handled_until: datetime | None = None,
    ) -> None:
        """Make the scheduler's jobs exactly what the store says: one per scheduled publication.

        `handled_until` is the time of the check that just ran: publications due by then were
        acted on or held by it, so they get no job of their own. Giving one to an item that stays
        scheduled (held for quiet hours, waiting for its reminder's answer or an account) would
        fire at once, run a check that re-creates it, and spin; the `held` job and the watchdog
        are what wake them up again.
        """
        with self._lock:
            self._data_version = self.app.store.data_version()
            wanted: dict[str, datetime] = {}
            for publication, _draft in self.app.store.scheduled():
                at = publication.scheduled_at
                if at is not None and (handled_until is None or at > handled_until):
                    wanted[f"publication-{publication.id}"] = at
            if hold_until is not None and hold_until < datetime.max.replace(tzinfo=UTC):
                wanted["held"] = hold_until
            if reminders_at is not None:
                wanted["reminders"] = reminders_at
            self._sync_jobs(wanted)

    def _sync_jobs(self, wanted: dict[str, datetime]) -> None:
        """Make the date jobs match `wanted`, never touching a job that is firing.

        The scheduler's own thread removes a date job right after running it; if we removed or
        replaced it in between, that thread would raise JobLookupError and die, silently ending
        all scheduling. A job due within FIRING_MARGIN is therefore left to the scheduler: the
        check it runs re-derives the jobs anyway.
        """
        from apscheduler.jobstores.base import JobLookupError

        firing_until = datetime.now(UTC) + FIRING_MARGIN
        existing = {job.id: job for job in self.scheduler.get_jobs()}

        def firing(job_id: str) -> bool:
            job = existing.get(job_id)
            return job is not None and job.next_run_time is not None and job.next_run_time <= firing_until

        for job_id in existing.keys() - wanted.keys():
            if not firing(job_id):
                with suppress(JobLookupError):
                    self.scheduler.remove_job(job_id)
        for job_id, at in wanted.items():
            current = existing.get(job_id)
            if firing(job_id) or (current is not None and current.next_run_time == at):
                continue
            self.scheduler.add_job(self.check, "date", run_date=at, id=job_id, replace_existing=True)

    def on_message(self, message: str) -> str:
        """Messages from other processes through the instance socket."""
        # "changed:drafts,publications" from a command that changed the store; "reconcile" from an
        # older somedesk. Either way the table is read again: jobs are derived from it.
        if message == "reconcile" or message.startswith("changed:"):
            threading.Thread(target=self.check, name="reconcile", daemon=True).start()
            return "ok"
        return "unknown"

    def job_times(self) -> dict[str, datetime]:
        return {job.id: job.next_run_time for job in self.scheduler.get_jobs()}

    # The phone ---------------------------------------------------------------------------

    def _phone_took_over(self, now: datetime) -> None:
        """Posts whose reminder went to the phone while this computer was away wait as "sent to your
        phone" (I posted it / Post now / Next moment / Back to drafts) instead of going out late."""
        try:
            moved = self.app.phone.take_over(now)
        except Exception:  # the phone's trouble must never stop publishing
            log.exception("checking the phone's take-overs failed")
            return
        for publication in moved:
            self.on_event(
                f"Sent to your phone: draft {publication.draft_id} on {publication.network.display_name}"
            )

    def _on_phone_result(self, result: SyncResult) -> None:
        for draft in result.drafts:
            self.on_event(f"New draft from your phone: {excerpt(draft.text, 60)}")
        # Said once when the server stops answering (not at every retry), and once when it is back.
        if not result.ok and self._phone_ok:
            self.on_event(f"{LATER[0].upper()}{LATER[1:]}: {result.error}")
        elif result.ok and not self._phone_ok:
            self.on_event("Your phone is up to date again")
        self._phone_ok = result.ok

    # Publications ------------------------------------------------------------------------

    def _due_items(self) -> dict[int, tuple[DueItem, Publication, Any]]:
        ready = self._ready_networks()
        reminded = self.app.store.notice_times("remind")
        items = {}
        for publication, draft in self.app.store.scheduled():
            if publication.scheduled_at is None:
                continue
            item = DueItem(
                publication_id=publication.id,
                network=publication.network,
                at=publication.scheduled_at,
                mode=Mode(self.app.effective_mode(publication)),
                account_ready=publication.network in ready,
                label=publication.moment_label or "",
                reminded_at=reminded.get(publication.reminder_key),
            )
            items[publication.id] = (item, publication, draft)
        return items

    def _ready_networks(self) -> set[Network]:
        return {s.network for s in self.app.accounts.statuses() if s.state == "connected"}

    def _act_on_publications(self, now: datetime) -> list[Any]:
        items = self._due_items()
        routine = self.app.config.routine
        grace = timedelta(minutes=self.app.config.publishing.grace_minutes)
        actions = decide(
            now, [i for i, _, _ in items.values()], routine, grace=grace, paused_until=self.app.paused_until()
        )
        for action in actions:
            _item, publication, draft = items[action.publication_id]
            try:
                self._perform(action, publication, draft.text, now)
            except Exception:  # one item's trouble must never stop the others or the runtime
                log.exception("acting on publication %s failed", publication.id)
        return actions

    def _perform(self, action: Action, publication: Publication, text: str, now: datetime) -> None:
        kind, reason = action.kind, action.reason
        name = publication.network.display_name
        quoted = excerpt(text, 60)
        if kind is ActionKind.PUBLISH:
            self._publish(publication)
        elif kind is ActionKind.REMIND:
            if self.app.store.claim_notice("remind", publication.reminder_key, now):
                self.on_event(f"Reminder: {publication.moment_label or 'your moment'} for {name}")
                self.notifier.notify(
                    Note(
                        f"{publication.moment_label or 'Your moment'}: your {name} post is ready",
                        f"“{quoted}”",
                        (("post", "Post now"), ("snooze", "Snooze 10 min"), ("skip", "Skip")),
                        code="reminder",
                        resident=True,  # stays in the notification centre until answered
                        details={
                            "label": publication.moment_label,
                            "network": publication.network,
                            "text": quoted,
                        },
                    ),
                    partial(self._on_reminder_action, publication.id),
                )
        elif kind is ActionKind.MISS:
            reminded_at = self.app.store.notice_times("remind").get(publication.reminder_key)
            self.app.store.mark_missed(
                publication.id, reason, now, code=f"missed-{action.cause}" if action.cause else None
            )
            self.on_event(f"Missed: draft {publication.draft_id} on {name} — {reason}")
            self.notifier.notify(
                Note(
                    f"A {name} post missed its moment",
                    f"{reason}. “{quoted}”",
                    (("post", "Post now"), ("next", "Next moment"), ("drafts", "Back to drafts")),
                    code="missed",
                    resident=True,
                    details={
                        "network": publication.network,
                        "at": publication.scheduled_at,
                        "late": now - publication.scheduled_at if publication.scheduled_at else None,
                        "cause": action.cause,
                        "reminded_at": reminded_at,
                        "quiet": self.app.config.routine.quiet_hours,
                        "paused_until": self.app.paused_until(),
                        "zone": self.app.config.routine.zone,
                        "text": quoted,
                    },
                ),
                partial(self._on_missed_action, publication.id),
            )
        elif kind is ActionKind.HOLD_ACCOUNT:
            account = self.app.accounts.records.account(publication.network)
            ref = f"{publication.network.value}:{account.connected_at if account else 'none'}"
            if self.app.store.claim_notice("reconnect", ref, now):
                self.notifier.notify(
                    Note(
                        f"Posts wait for {name}",
                        f"{reason}. Reconnect: somedesk accounts connect {publication.network.value}",
                        urgent=True,
                        code="waiting-for-account",
                        details={"network": publication.network},
                    )
                )

    def _publish(self, publication: Publication, *, owned_elsewhere_is_fine: bool = False) -> None:
        try:
            result = self.app.publisher.publish(publication.id)
        except UserError as error:
            if owned_elsewhere_is_fine:
                log.debug("publication %s is being published elsewhere: %s", publication.id, error)
                return
            log.warning("publication %s not published: %s", publication.id, error)
            self.on_event(
                f"Not published: draft {publication.draft_id} on {publication.network.display_name}: {error}"
            )
            return
        name = result.network.display_name
        if result.state is PublicationState.PUBLISHED:
            self.on_event(f"Published on {name}: {result.url}")
        elif result.state is PublicationState.SCHEDULED:  # a rate limit: back on the schedule
            self.on_event(f"Waiting on {name}: {result.reason}")
        else:
            self.on_event(f"Not published on {name} ({result.state.value}): {result.reason}")
            self.notifier.notify(
                Note(
                    f"Your {name} post was not published",
                    result.reason or result.state.value,
                    urgent=True,
                    code="not-published",
                    details={"network": result.network, "reason": result.reason or result.state.value},
                )
            )

    # Reminder actions (called on the notifier's thread) --------------------------------

    def _on_reminder_action(self, publication_id: int, key: str) -> None:
        with self._lock:
            publication = self.app.store.publication(publication_id)
            now = self.app.clock()
            if key == "post":
                self._publish(publication)
            elif key == "snooze" and publication.state is PublicationState.SCHEDULED:
                self.app.store.schedule(
                    publication.id,
                    now + SNOOZE,
                    publication.moment_kind,
                    publication.moment_label or "",
                    now,
                    publication.mode,
                )
            elif key == "skip" and publication.state is PublicationState.SCHEDULED:
                self.app.store.unschedule(publication.id, now)
        self.check()

    def _on_missed_action(self, publication_id: int, key: str) -> None:
        with self._lock:
            publication = self.app.store.publication(publication_id)
            if key == "post":
                self._publish(publication)
            elif key == "next":
                self.app.schedule_next(publication.draft_id, publication.network, publication.mode)
            elif key == "drafts":
                self.app.store.unschedule(publication.id, self.app.clock())
        self.check()
