"""Images for X posts: checked on disk before anything is sent (count, size, type), then uploaded one by one
with X's one-shot media upload, waiting a bounded time for any processing X reports."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import requests

from somedesk.networks.base import FailureKind, PublishError
from somedesk.networks.x_errors import one_line

MAX_IMAGES = 4
MAX_IMAGE_BYTES = 5 * 1024 * 1024
# Processing of a still image is quick when X reports it at all; past these bounds the publisher retries.
MAX_PROCESSING_WAIT = 60.0
MAX_STATUS_POLLS = 20
_POLL_BOUNDS = (1.0, 10.0)  # check_after_secs is taken, within these bounds
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
# The one-shot upload's optional `media_type` has no GIF value; X recognises a GIF from its bytes.
_DECLARED_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
_PERMANENT = FailureKind.PERMANENT


class Send(Protocol):
    """The client's way to call X: returns a 2xx answer or raises a classified PublishError."""

    def __call__(self, method: str, path: str, *, what: str, **kwargs: Any) -> requests.Response: ...


@dataclass(frozen=True, slots=True)
class Picture:
    name: str
    mime: str
    data: bytes = field(repr=False)


def load_images(paths: Sequence[Path]) -> list[Picture]:
    """Read and check every image before any request is made (PublishError PERMANENT when one cannot go)."""
    if len(paths) > MAX_IMAGES:
        raise PublishError(
            f"An X post can carry at most {MAX_IMAGES} images; this one has {len(paths)}.", _PERMANENT
        )
    pictures = []
    for path in paths:
        try:
            size = path.stat().st_size
            if size > MAX_IMAGE_BYTES:  # checked before reading a file that may be huge
                raise _too_big(path, size)
            data = path.read_bytes()
        except OSError as exc:
            raise PublishError(
                f"Cannot read the image {path.name}: {exc.strerror or exc}.", _PERMANENT
            ) from None
        if len(data) > MAX_IMAGE_BYTES:
            raise _too_big(path, len(data))
        mime = _sniff(data)
        if mime is None:
            raise PublishError(
                f"{path.name} is not a JPEG, PNG, GIF or WebP image, so X cannot take it.", _PERMANENT
            )
        pictures.append(Picture(path.name, mime, data))
    return pictures


def upload_image(send: Send, picture: Picture) -> str:
    """Upload one image (one-shot, multipart) and return its media id once X says it is ready."""
    what = f"the image {picture.name}"
    form = {"media_category": "tweet_image"}
    if picture.mime in _DECLARED_TYPES:
        form["media_type"] = picture.mime
    files = {"media": (picture.name, picture.data, picture.mime)}
    data = _media_data(send("POST", "/2/media/upload", what=what, data=form, files=files), what)
    media_id = data.get("id")
    if not isinstance(media_id, str) or not media_id.isdigit():
        raise PublishError(f"X's answer to {what} held no media id; try again later.", FailureKind.TRANSIENT)
    _wait_until_processed(send, media_id, data.get("processing_info"), what)
    return media_id


def _wait_until_processed(send: Send, media_id: str, info: object, what: str) -> None:
    waited, polls = 0.0, 0
    while isinstance(info, dict):
        state = info.get("state")
        if state == "succeeded":
            return
        if state == "failed":
            error = info.get("error")
            message = error.get("message") if isinstance(error, dict) else None
            reason = one_line(message) if isinstance(message, str) and message.strip() else "no reason given"
            raise PublishError(f"X could not process {what} ({reason}).", _PERMANENT)
        pause = _pause_for(info.get("check_after_secs"))
        if polls >= MAX_STATUS_POLLS or waited + pause > MAX_PROCESSING_WAIT:
            raise PublishError(
                f"X was still processing {what} after {waited:.0f} s; it can be tried again later.",
                FailureKind.TRANSIENT,
            )
        _sleep(pause)
        waited, polls = waited + pause, polls + 1
        params = {"command": "STATUS", "media_id": media_id}
        info = _media_data(send("GET", "/2/media/upload", what=what, params=params), what).get(
            "processing_info"
        )


def _pause_for(check_after: object) -> float:
    low, high = _POLL_BOUNDS
    if not isinstance(check_after, int | float) or isinstance(check_after, bool):
        return low
    return min(max(float(check_after), low), high)


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _media_data(response: requests.Response, what: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise PublishError(
            f"X's answer about {what} could not be read; try again later.", FailureKind.TRANSIENT
        )
    return data


def _sniff(data: bytes) -> str | None:
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in _SIGNATURES if data.startswith(magic)), None)


def _too_big(path: Path, size: int) -> PublishError:
    return PublishError(
        f"The image {path.name} is too large ({size:,} bytes); X takes images of up to 5 MB "
        f"({MAX_IMAGE_BYTES:,} bytes).",
        _PERMANENT,
    )
