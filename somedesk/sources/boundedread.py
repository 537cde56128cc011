"""Reading a file somedesk was pointed at (a calendar, a feed, a policy) without being held by it.

A path may name /dev/zero (endless), a named pipe (open() waits for a writer), or a file far larger
than what it claims to be. So the file is opened without blocking, must be a regular file by the open
file's own stat (the path cannot be swapped in between), is refused by its size before a byte is read,
and the read takes at most the limit, should the file grow meanwhile.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """A device, pipe or socket: nothing to read a document from."""


class TooLarge(OSError):
    """Over the caller's limit; `size` is what the file's stat (or the read) said, in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The file's bytes. Raises NotRegularFile, TooLarge, IsADirectoryError, or the OSError of opening or
    reading it (FileNotFoundError, PermissionError, …)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path} is not a regular file")
        if info.st_size > max_bytes:
            raise TooLarge(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise TooLarge(len(data))
    return data
