"""The phone's sync thread: `PhoneSyncer` runs `Phone.sync` off the caller's thread, coalescing bursts
of requests, retrying a failure with backoff and polling the inbox on a timer. The runtime owns one; the
use cases themselves (what a sync does) are in app/phone.py.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from somedesk.app.phone import Phone, SyncResult

log = logging.getLogger(__name__)


class PhoneSyncer:
    """Runs `Phone.sync` on a thread of its own: `request()` returns at once, so no face (and no GUI
    thread) ever waits for the server. Requests within `settle` seconds, or made while a sync runs, are
    coalesced into one sync.
    A failure worth retrying is retried with doubling backoff; the inbox is polled every `inbox_every`
    seconds (and at start)."""

    def __init__(
        self,
        phone: Callable[[], Phone],
        *,
        inbox_every: float = 180.0,
        settle: float = 1.5,
        first_backoff: float = 5.0,
        max_backoff: float = 120.0,
        on_result: Callable[[SyncResult], None] = lambda _result: None,
    ) -> None:
        self.phone = phone
        self.inbox_every = inbox_every
        # A burst of changes (Quick post saving as the person types) becomes one sync: ntfy.sh counts
        # every message against a daily quota.
        self.settle = settle
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        self.on_result = on_result
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._life = threading.Lock()  # start() and stop() from different threads
        self.syncs = 0  # how many syncs ran (for tests and the bench)

    def start(self) -> None:
        # Under the lock, and only once started, is the thread visible to stop(): the runtime may be
        # stopped from another thread while its first check (before this) still runs.
        with self._life:
            if self._thread is None and not self._stopping.is_set():
                thread = threading.Thread(target=self._run, name="phone-sync", daemon=True)
                thread.start()
                self._thread = thread

    def request(self) -> None:
        """Sync soon (now, unless a retry is waiting for its backoff)."""
        self._wake.set()

    def stop(self, timeout: float = 3.0) -> None:
        with self._life:
            self._stopping.set()
            self._wake.set()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        import time

        next_inbox = time.monotonic()  # the inbox is read at start
        retry_at: float | None = None
        backoff = 0.0
        while not self._stopping.is_set():
            now = time.monotonic()
            deadline = next_inbox if retry_at is None else min(next_inbox, retry_at)
            if retry_at is not None and now < retry_at:
                self._stopping.wait(max(0.0, deadline - now))  # backing off: a request waits for it
            else:
                self._wake.wait(max(0.0, deadline - now))
            if self._stopping.is_set():
                return
            now = time.monotonic()
            inbox = now >= next_inbox
            retry_due = retry_at is not None and now >= retry_at
            if not (self._wake.is_set() or inbox or retry_due):
                continue
            if self._wake.is_set() and self.settle > 0 and self._stopping.wait(self.settle):
                return
            self._wake.clear()
            try:
                result = self.phone().sync(inbox=inbox)
            except Exception as exc:  # a bug must not end the thread: the next request tries again
                # Only the type: the exception's text may hold the server address with the topic in it.
                log.error("phone sync failed unexpectedly (%s)", type(exc).__name__)
                result = SyncResult(error=f"unexpected error ({type(exc).__name__})", retry=False)
            self.syncs += 1
            if inbox:
                next_inbox = now + self.inbox_every
            if result.ok:
                retry_at, backoff = None, 0.0
            elif result.retry:
                backoff = min(self.max_backoff, backoff * 2 or self.first_backoff)
                retry_at = now + backoff
            else:
                retry_at = None  # the person must act (token, topic): the next change tries again
            self.on_result(result)


__all__ = ["PhoneSyncer"]
