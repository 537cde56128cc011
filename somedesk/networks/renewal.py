"""One token renewal at a time, across the threads of a process and across processes.

X's refresh tokens are single-use: two renewals that read the same refresh token race, and the
loser's is refused, which reads as "reconnect needed" although the winner holds a perfectly good new
pair. Quick post runs outside the runtime's lock and the command line is another process, so
renewal takes an exclusive lock: a process-wide mutex plus `flock` on a file in the data folder
(given by the composition root; networks never know where the store lives). The lock dies with
its process, so a crash never leaves it held. Inside it the caller reads the keyring again: if
another holder renewed meanwhile, its token is used instead of spending the refresh token again.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from somedesk.networks.base import FailureKind, PublishError

# A renewal is one HTTP request with a 30 s time-out; a holder slower than this is stuck.
LOCK_WAIT_SECONDS = 90.0
_POLL_SECONDS = 0.05
_IN_PROCESS = threading.Lock()


@contextmanager
def renewal_lock(path: Path | None, *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the renewal lock (`path`: the lock file; None: this process's threads only).

    Raises a TRANSIENT PublishError when another holder keeps it longer than `wait` seconds.
    """
    if not _IN_PROCESS.acquire(timeout=wait):
        raise PublishError(_BUSY, FailureKind.TRANSIENT)
    try:
        if path is None:
            yield
            return
        with _file_lock(path, wait):
            yield
    finally:
        _IN_PROCESS.release()


@contextmanager
def _file_lock(path: Path, wait: float) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not POSIX: the in-process lock is what there is
        yield
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        raise PublishError(
            f"somedesk could not open its lock file {path.name} ({exc.strerror or exc})",
            FailureKind.TRANSIENT,
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise PublishError(_BUSY, FailureKind.TRANSIENT) from None
                time.sleep(_POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


_BUSY = "another somedesk is renewing the X sign-in and has not finished; try again in a minute"
