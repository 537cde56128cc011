"""Reading a small file a person named (a config, a calendar, a policy, a feed) without trusting it
to be one: `/dev/zero` never ends, a named pipe waits for a writer forever, and a 40 GB file is
not a calendar. Only a regular file is read, and no more of it than its kind can be.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotARegularFileError(OSError):
    """A device, a named pipe or a socket where a file was expected."""


class TooLargeError(OSError):
    """A regular file larger than its kind can be; `size`: what its stat (or the read) said, in bytes."""

    def __init__(self, path: Path, size: int) -> None:
        super().__init__(errno.EFBIG, "too large", str(path))
        self.size = size


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises what opening raises (FileNotFoundError, PermissionError, ...), IsADirectoryError,
    NotARegularFileError or TooLargeError: every one an OSError with its strerror and filename."""
    # O_NONBLOCK: a named pipe opens at once instead of waiting for a writer; it is then refused.
    # (Windows has neither the flag nor named pipes in its file system.)
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(
        path, os.O_RDONLY | nonblocking | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(status.st_mode):
            raise NotARegularFileError(errno.EINVAL, "not a regular file", str(path))
        if status.st_size > limit:
            raise TooLargeError(path, status.st_size)
        if nonblocking:
            os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # the file may grow while it is read
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLargeError(path, size)
        return b"".join(chunks)
    finally:
        os.close(descriptor)
