"""Who is publishing a post right now: a lock file per publication, held open while it is published.

A process id is not an owner. After a crash the same pid can belong to another process (pids are
reused, and in a container every first process is pid 1), and a post claimed by pid would look
"being published right now" until that unrelated process exited. An `flock` belongs to the open
file, so the kernel drops it when the process ends, however it ends (SIGKILL included).

`flock` (not `lockf`) because its locks belong to the open file description: two threads of one
process that each open the file exclude each other too (the runtime and Quick post's "Post now").
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from somedesk.core.errors import UserError
from somedesk.sources.paths import private_folder


class Claim:
    """A held claim; `release()` (or the process ending) gives it up."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is None:
            return
        # Removed while still locked, so no one can lock this file after us: a process that opened it
        # just before sees, once it has the lock, that the path no longer leads to it, and tries again.
        with contextlib.suppress(OSError):  # a leftover empty file is harmless: the next claim locks it
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> Claim:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def try_claim(folder: Path, name: str) -> Claim | None:
    """Claim `name` in `folder` without waiting; None when another process or thread holds it."""
    path = folder / f"{name}.lock"
    while True:
        try:
            private_folder(folder)  # 0700, as every folder somedesk makes
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            reason = exc.strerror or exc
            raise UserError(f"{path}: somedesk cannot mark the post as its own ({reason})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        if _same_file(fd, path):
            return Claim(path, fd)
        os.close(fd)  # the holder removed it between our open and our lock: claim the current file


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)
