"""Images attached to drafts: checked before anything is uploaded, and copied into the data dir
so a draft never loses its image when the original file is moved or deleted.

An image path may name anything: /dev/zero (endless), a named pipe (blocks until someone writes), a
huge file. So a path is opened without blocking, must be a regular file, and its size (from the open
file's stat) is checked against every chosen network's limit before one byte of it is read; the read
itself never takes more than that limit, should the file grow meanwhile.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network
from somedesk.core.posts import IMAGE_RULES, check_image_size, check_images, sniff_image_type
from somedesk.sources.atomicfile import write_atomic
from somedesk.sources.paths import private_folder

_SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}


def keep_images(paths: Sequence[Path], networks: Sequence[Network], folder: Path) -> list[Path]:
    """Validate the images for every network the draft goes to, then copy them; returns the copies."""
    if not paths:
        return []
    chosen = list(networks) or [Network.SANDBOX]
    loaded = [_read(path, chosen) for path in paths]
    facts = [
        (path.name, len(data), sniff_image_type(data[:16])) for path, data in zip(paths, loaded, strict=True)
    ]
    for network in chosen:
        check_images(facts, network)
    private_folder(folder)
    return [_store(data, kind or "", folder) for data, (_, _, kind) in zip(loaded, facts, strict=True)]


def _read(path: Path, networks: Sequence[Network]) -> bytes:
    """The file's bytes, after it has proved to be a regular file within every network's size limit."""
    try:
        # O_NONBLOCK: opening a named pipe would otherwise wait for a writer; a regular file ignores it.
        fd = os.open(
            path.expanduser(), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        )
    except FileNotFoundError:
        raise InvalidInputError(f"{path}: no such image file") from None
    except IsADirectoryError:
        raise InvalidInputError(f"{path}: is a folder, not an image") from None
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        # The open file's stat, not the path's: the path could be swapped for a pipe in between.
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInputError(f"{path}: is a folder, not an image")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInputError(
                f"{path}: not an image file (a device, pipe or socket); attach a regular file"
            )
        for network in networks:
            check_image_size(path.name, info.st_size, network)
        limit = min(IMAGE_RULES[network].max_bytes for network in networks)
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(limit + 1)
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    for network in networks:  # grown since its stat: the bytes read say so
        check_image_size(path.name, len(data), network)
    return data


def _store(data: bytes, kind: str, folder: Path) -> Path:
    # Named by content: the same image attached twice is stored once.
    target = folder / f"{hashlib.sha256(data).hexdigest()}{_SUFFIX.get(kind, '')}"
    if not target.exists():
        write_atomic(target, data, durable=True)
    return target
