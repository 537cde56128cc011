"""Replacing a file in one step, so that a reader (a desktop, a calendar app, a second somedesk) or a
crash only ever sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, mode: int | None = None, durable: bool = False) -> None:
    """Write `data` beside `path` and move it over `path` (os.replace: atomic on POSIX and Windows).

    The folder must exist. `mode` sets the new file's permissions (a temporary file starts at 0600);
    `durable` flushes it to the disk before the move, and the folder after it, for files whose loss
    would cost the person work.
    Raises OSError; the temporary file is gone either way.
    """
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        if mode is not None:
            temporary.chmod(mode)
        temporary.replace(path)  # os.replace: atomic on POSIX and Windows
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if durable:
        _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the moved file: until then a power cut can bring back the old
    file, or none, though the new one's bytes are on the disk. (POSIX; Windows has no such step.)"""
    if not hasattr(os, "O_DIRECTORY"):
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
