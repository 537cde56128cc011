"""Images attached to drafts: checked before anything is uploaded, and copied into the data dir
so a draft never loses its image when the original file is moved or deleted."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network
from somedesk.core.posts import check_images, sniff_image_type
from somedesk.sources.atomicfile import write_atomic
from somedesk.sources.paths import private_folder

_SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}


def keep_images(paths: Sequence[Path], networks: Sequence[Network], folder: Path) -> list[Path]:
    """Validate the images for every network the draft goes to, then copy them; returns the copies."""
    if not paths:
        return []
    loaded = [_read(path) for path in paths]
    facts = [
        (path.name, len(data), sniff_image_type(data[:16])) for path, data in zip(paths, loaded, strict=True)
    ]
    for network in networks or [Network.SANDBOX]:
        check_images(facts, network)
    private_folder(folder)
    return [_store(data, kind or "", folder) for data, (_, _, kind) in zip(loaded, facts, strict=True)]


def _read(path: Path) -> bytes:
    try:
        return path.expanduser().read_bytes()
    except FileNotFoundError:
        raise InvalidInputError(f"{path}: no such image file") from None
    except IsADirectoryError:
        raise InvalidInputError(f"{path}: is a folder, not an image") from None
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _store(data: bytes, kind: str, folder: Path) -> Path:
    # Named by content: the same image attached twice is stored once.
    target = folder / f"{hashlib.sha256(data).hexdigest()}{_SUFFIX.get(kind, '')}"
    if not target.exists():
        write_atomic(target, data, durable=True)
    return target
