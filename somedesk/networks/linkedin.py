"""Publishing to LinkedIn through the Posts and Images APIs: one post (text, up to 20 images) per call, and
every way that can fail classified into the PublishError the publisher acts on (api-contracts.md Part A)."""

from __future__ import annotations

import logging
import re
import ssl
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError
from urllib3.exceptions import SSLError as Urllib3SSLError

from somedesk.core.model import Network
from somedesk.core.text import LINKEDIN_LIMIT, escape_little_text, linkedin_length
from somedesk.networks.base import ClosedOnExit, Endpoints, FailureKind, PostedPart, PublishError
from somedesk.networks.linkedin_auth import RECONNECT_COMMAND, connect_linkedin

__all__ = ["MAX_IMAGES", "MAX_IMAGE_BYTES", "LinkedInClient", "connect_linkedin", "next_utc_midnight"]

MAX_IMAGES = 20  # multiImage takes 2 to 20 (A8)
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # [S] not in LinkedIn's docs; the cap posting services document
MAX_IMAGE_PIXELS = 36_152_320  # [S] A8
_IMAGE_TYPES = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}
_DUPLICATE_OF = re.compile(r"duplicate of (urn:li:[A-Za-z]+:[A-Za-z0-9_-]+)")
_AUTH_GONE = f"LinkedIn no longer accepts the sign-in; reconnect the account ({RECONNECT_COMMAND})"
# Requests that never reached a socket: somedesk's own setup (a bad SOMEDESK_LINKEDIN_API_BASE, say).
_NOT_SENDABLE = (
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
    requests.exceptions.InvalidHeader,
    requests.exceptions.URLRequired,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Image:
    name: str
    data: bytes
    content_type: str


class LinkedInClient(ClosedOnExit):
    """Posts as one LinkedIn member. One call is one request per step: it never retries (the publisher does).

    Close it (or use it as a context manager) unless you passed your own `session`.
    """

    network = Network.LINKEDIN

    def __init__(
        self,
        *,
        access_token: str,
        member_urn: str,
        api_version: str,
        endpoints: Endpoints,
        session: requests.Session | None = None,
        timeout: float = 30,
    ) -> None:
        self._token = access_token
        self._member_urn = member_urn
        self._api_version = api_version
        self._api = endpoints.linkedin_api_base
        self._own_session = session is None
        self._session = session or requests.Session()
        self._timeout = timeout

    def close(self) -> None:
        if self._own_session:
            self._session.close()

    def post(self, text: str, *, images: Sequence[Path] = (), reply_to: str | None = None) -> PostedPart:
        """Publish `text` (escaped as little text) with `images`; raise PublishError when it did not work."""
        if reply_to is not None:
            raise ValueError("LinkedIn has no threads: reply_to is for X only")
        if len(images) > MAX_IMAGES:
            raise PublishError(
                f"LinkedIn takes at most {MAX_IMAGES} images in a post.", FailureKind.PERMANENT
            )
        if not text.strip() and not images:
            raise PublishError("The post is empty: LinkedIn needs text or an image.", FailureKind.PERMANENT)
        if linkedin_length(text) > LINKEDIN_LIMIT:
            raise PublishError(
                f"The post is longer than LinkedIn's {LINKEDIN_LIMIT:,} characters; shorten it.",
                FailureKind.PERMANENT,
            )
        checked = [_read_image(path) for path in images]  # every image is checked before anything is sent
        body: dict[str, Any] = {
            "author": self._member_urn,
            "commentary": escape_little_text(text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        image_urns = [self._upload(image) for image in checked]
        if len(image_urns) == 1:
            body["content"] = {"media": {"id": image_urns[0]}}
        elif image_urns:
            body["content"] = {"multiImage": {"images": [{"id": urn} for urn in image_urns]}}
        response = self._send("POST", f"{self._api}/rest/posts", "the post", creating=True, json=body)
        if not 200 <= response.status_code < 300:
            raise _failure(response, "the post", self._api_version, creating=True)
        urn = _created_urn(response)
        if urn is None:
            raise PublishError(
                "LinkedIn took the post but did not say which post it made, so it may have been published.",
                FailureKind.UNKNOWN_OUTCOME,
            )
        log.info("LinkedIn post created: %s", urn)
        return PostedPart(urn, self.url_for(urn))

    def url_for(self, remote_id: str) -> str:
        return f"https://www.linkedin.com/feed/update/{remote_id}/"

    # -- images (A8) -------------------------------------------------------------------------------------
    def _upload(self, image: _Image) -> str:
        """Register the image with LinkedIn, PUT its bytes in one piece; return its `urn:li:image:…`."""
        what = f"the image {image.name}"
        response = self._send(
            "POST",
            f"{self._api}/rest/images",
            what,
            params={"action": "initializeUpload"},
            json={"initializeUploadRequest": {"owner": self._member_urn}},
        )
        if not 200 <= response.status_code < 300:
            raise _failure(response, what, self._api_version, creating=False)
        value = _json(response).get("value")
        upload_url = value.get("uploadUrl") if isinstance(value, dict) else None
        image_urn = value.get("image") if isinstance(value, dict) else None
        if not isinstance(upload_url, str) or not isinstance(image_urn, str) or not image_urn:
            raise PublishError(
                f"LinkedIn's answer about {what} was not understood, so it was not uploaded.",
                FailureKind.PERMANENT,
            )
        if not self._may_send_token_to(upload_url):
            raise PublishError(
                f"LinkedIn gave an upload address for {what} that is not https, so it was not uploaded.",
                FailureKind.PERMANENT,
            )
        headers = {"Authorization": f"Bearer {self._token}", "Content-Type": image.content_type}
        response = self._send("PUT", upload_url, what, data=image.data, headers=headers)
        if not 200 <= response.status_code < 300:
            raise _failure(response, what, self._api_version, creating=False)
        return image_urn

    def _may_send_token_to(self, url: str) -> bool:
        target, api = urlsplit(url), urlsplit(self._api)
        return target.scheme == "https" or (target.scheme, target.netloc) == (api.scheme, api.netloc)

    # -- HTTP --------------------------------------------------------------------------------------------
    def _send(
        self, method: str, url: str, what: str, *, creating: bool = False, **kwargs: Any
    ) -> requests.Response:
        """One request, no redirects followed; a transport failure becomes a PublishError. `creating`: this
        request creates the post (so a lost answer leaves its outcome unknown)."""
        kwargs.setdefault("headers", self._rest_headers())
        try:
            return self._session.request(method, url, timeout=self._timeout, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            # The message never carries `exc`: its text can hold the upload URL or a header value.
            log.info("LinkedIn %s for %s failed: %s", method, what, type(exc).__name__)
            raise _transport_failure(exc, what, self._timeout, creating=creating) from None

    def _rest_headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self._token}",
            "LinkedIn-Version": self._api_version,
            "X-Restli-Protocol-Version": "2.0.0",
            "Content-Type": "application/json",
        }


# -- classification ------------------------------------------------------------------------------------------
def _failure(response: requests.Response, what: str, api_version: str, *, creating: bool) -> PublishError:
    """The PublishError for a non-2xx answer. `creating`: the answer is to the post itself (not an image)."""
    status = response.status_code
    body = _json(response)
    code = body.get("code") if isinstance(body.get("code"), str) else None
    detail = _detail(response, body)
    log.info("LinkedIn answered HTTP %s (%s) for %s", status, code or "-", what)
    if status == 401:
        return PublishError(_AUTH_GONE, FailureKind.AUTH)
    if status == 403 and (code == "ACCESS_DENIED" or body.get("serviceErrorCode") == 100):
        # The token lacks w_member_social, or belongs to another member than the account: a new sign-in
        # asks for the scope and reads the member again.
        return PublishError(
            f"LinkedIn does not let this sign-in post for the account ({detail}); reconnect the account "
            f"({RECONNECT_COMMAND})",
            FailureKind.AUTH,
        )
    if status == 426 or code == "NONEXISTENT_VERSION":
        return PublishError(
            f"LinkedIn no longer supports API version {api_version}: set [networks.linkedin] api_version "
            "in config.toml to a current version (YYYYMM, a month within the last year).",
            FailureKind.PERMANENT,
        )
    if status == 429:
        # LinkedIn's quotas are daily and reset at 00:00 UTC; it sends no header saying when (A9).
        retry_at = next_utc_midnight(datetime.now(UTC))
        return PublishError(
            f"LinkedIn's daily request limit is reached; posting works again after "
            f"{retry_at:%Y-%m-%d %H:%M} UTC.",
            FailureKind.RATE_LIMITED,
            retry_at=retry_at,
        )
    if creating and status in (409, 422):
        found = _DUPLICATE_OF.search(str(body.get("message", "")))
        if found is not None or "DUPLICATE_POST" in response.text:
            existing = found.group(1) if found else None
            return PublishError(
                f"LinkedIn already has this post{f' ({existing})' if existing else ''}.",
                FailureKind.DUPLICATE,
                existing_id=existing,
            )
    if creating and status in (502, 504):
        # A gateway answered that LinkedIn's service behind it failed or timed out: it says nothing about
        # whether the post was created, exactly like our own read timeout one hop further.
        return PublishError(
            f"LinkedIn's gateway lost the answer to the post ({detail}), so it may have been published.",
            FailureKind.UNKNOWN_OUTCOME,
        )
    if status >= 500:
        return PublishError(
            f"LinkedIn could not take {what} right now ({detail}); try again later.", FailureKind.TRANSIENT
        )
    return PublishError(f"LinkedIn refused {what} ({detail}).", FailureKind.PERMANENT)


def _transport_failure(
    exc: requests.RequestException, what: str, timeout: float, *, creating: bool
) -> PublishError:
    if isinstance(exc, _NOT_SENDABLE):
        return PublishError(
            f"somedesk could not send {what} to LinkedIn ({type(exc).__name__}); check "
            "SOMEDESK_LINKEDIN_API_BASE if you set it.",
            FailureKind.PERMANENT,
        )
    if _never_left(exc):
        return PublishError(
            f"Could not reach LinkedIn, so {what} was not sent; check your connection.", FailureKind.TRANSIENT
        )
    if not creating:  # an image sent twice is only an unused image: no post can exist yet
        return PublishError(
            f"The connection to LinkedIn broke while sending {what}; try again later.", FailureKind.TRANSIENT
        )
    if isinstance(exc, requests.Timeout):
        return PublishError(
            f"LinkedIn did not answer within {timeout:g} seconds after the post was sent, so it may have "
            "been published.",
            FailureKind.UNKNOWN_OUTCOME,
        )
    return PublishError(
        "The connection to LinkedIn broke after the post was sent, so it may have been published.",
        FailureKind.UNKNOWN_OUTCOME,
    )


def _never_left(exc: requests.RequestException) -> bool:
    """True only when the request surely never reached LinkedIn: no connection was made (refused, no route,
    DNS, connect timeout, proxy) or TLS refused LinkedIn's certificate. Anything else (read timeout, reset,
    broken answer) may have happened after LinkedIn got the request."""
    if isinstance(exc, requests.ConnectTimeout | requests.exceptions.ProxyError):
        return True
    cause = exc.args[0] if exc.args else None
    if not isinstance(cause, MaxRetryError):  # read errors come unwrapped (urllib3 does not retry reads)
        return False
    reason = cause.reason
    if isinstance(reason, ConnectTimeoutError):  # NewConnectionError and NameResolutionError are subclasses
        return True
    return isinstance(reason, Urllib3SSLError) and any(
        isinstance(arg, ssl.SSLCertVerificationError) for arg in reason.args
    )


def next_utc_midnight(now: datetime) -> datetime:
    """The next 00:00 UTC after `now` (when LinkedIn's daily quotas reset)."""
    return datetime.combine(now.astimezone(UTC).date() + timedelta(days=1), time(), UTC)


def _created_urn(response: requests.Response) -> str | None:
    """The new post's URN from `x-restli-id` (possibly percent-encoded, A5), else from `Location`."""
    raw = response.headers.get("x-restli-id") or urlsplit(response.headers.get("Location", "")).path
    urn = unquote(raw.rsplit("/", 1)[-1]).strip()
    return urn if re.fullmatch(r"urn:li:[A-Za-z]+:[A-Za-z0-9_-]+", urn) else None


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _detail(response: requests.Response, body: dict[str, Any]) -> str:
    """“HTTP 400 ILLEGAL_ARGUMENT: LinkedIn's message”, on one line and not too long."""
    code, message = body.get("code"), body.get("message")
    parts = [f"HTTP {response.status_code}"]
    if isinstance(code, str) and code:
        parts.append(code)
    text = " ".join(parts)
    if isinstance(message, str) and message.strip():
        text += ": " + " ".join(message.split())
    elif response.reason:
        text += f" {response.reason}"
    return text if len(text) <= 240 else text[:239] + "…"


# -- image checks (before anything is sent) ------------------------------------------------------------------
def _read_image(path: Path) -> _Image:
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise PublishError(
                f"The image {name} is over the {MAX_IMAGE_BYTES // 1_048_576} MB LinkedIn takes for an image "
                f"({size:,} bytes); make it smaller.",
                FailureKind.PERMANENT,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise PublishError(
            f"Cannot read the image {name} ({exc.strerror or type(exc).__name__}).", FailureKind.PERMANENT
        ) from None
    content_type = next((kind for magic, kind in _IMAGE_TYPES.items() if data.startswith(magic)), None)
    if content_type is None:
        raise PublishError(
            f"The image {name} is not a JPEG, PNG or GIF file, the only kinds LinkedIn takes.",
            FailureKind.PERMANENT,
        )
    pixels = _pixel_count(data, content_type)
    if pixels is not None and pixels >= MAX_IMAGE_PIXELS:
        raise PublishError(
            f"The image {name} has {pixels:,} pixels; LinkedIn takes fewer than {MAX_IMAGE_PIXELS:,}.",
            FailureKind.PERMANENT,
        )
    return _Image(name, data, content_type)


def _pixel_count(data: bytes, content_type: str) -> int | None:
    """Width × height from the file's header, or None when it cannot be read (LinkedIn then judges)."""
    try:
        if content_type == "image/png":
            width, height = struct.unpack(">II", data[16:24])
        elif content_type == "image/gif":
            width, height = struct.unpack("<HH", data[6:10])
        else:
            return _jpeg_pixel_count(data)
    except struct.error:
        return None
    return int(width) * int(height)


def _jpeg_pixel_count(data: bytes) -> int | None:
    index = 2  # after the SOI marker
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a start-of-frame segment
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width) * int(height)
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        index += 2 + length
    return None
