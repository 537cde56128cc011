"""How the X client classifies what went wrong: an X answer (status, problem `type`, rate-limit headers) or a
network failure, turned into a `PublishError` whose kind tells the publisher what to do next."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError, ProxyError

from somedesk.networks.base import FailureKind, PublishError

RECONNECT = "X no longer accepts the sign-in; reconnect the account (somedesk accounts connect x)"
RATE_LIMIT_FALLBACK = timedelta(minutes=15)  # X's rate windows are 15 minutes long
# A reset that is already past (the computer's clock runs ahead of X's) must not make the publisher
# hammer X: wait at least this long.
RATE_LIMIT_FLOOR = timedelta(minutes=1)
_LIMIT_FAMILIES = ("x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour")
_DETAIL_MAX = 200


def failure_from_response(response: requests.Response, what: str) -> PublishError:
    """Classify a non-2xx answer from X. `what` names the thing being sent ("the post", "the image a.png")."""
    status = response.status_code
    problem = _problem(response)
    kind_of_problem = str(problem.get("type") or "")
    detail = _detail(problem, response)
    if status == 401:
        return PublishError(RECONNECT, FailureKind.AUTH)
    if status == 403:
        if "duplicate content" in detail.lower() or _is_type(kind_of_problem, "duplicate-content"):
            return PublishError(
                "X already has a post with exactly this text, so it was not posted again.",
                FailureKind.DUPLICATE,
            )
        if _is_type(kind_of_problem, "unsupported-authentication"):
            return PublishError(RECONNECT, FailureKind.AUTH)
        return PublishError(f"X refused {what}: {detail}", FailureKind.PERMANENT)
    if status == 429:
        if _is_type(kind_of_problem, "usage-capped"):
            return PublishError(
                f"X's usage cap for this app is reached ({detail}); posting to X waits until the cap resets.",
                FailureKind.USAGE_CAPPED,
            )
        retry_at = rate_limit_reset(response.headers)
        minutes = max(1, round((retry_at - datetime.now(UTC)).total_seconds() / 60))
        return PublishError(
            f"X's rate limit is reached; {what} can be sent again in about {minutes} min "
            f"(at {retry_at:%H:%M} UTC).",
            FailureKind.RATE_LIMITED,
            retry_at=retry_at,
        )
    if status >= 500 or status in (408, 425):
        return PublishError(
            f"X had a temporary problem with {what} (HTTP {status}); it can be tried again later.",
            FailureKind.TRANSIENT,
        )
    return PublishError(f"X refused {what}: {detail}", FailureKind.PERMANENT)


def failure_from_exception(exc: requests.RequestException, what: str, *, creates_post: bool) -> PublishError:
    """Classify a request that got no HTTP answer.

    Only a failure that provably happened before the request left the computer is TRANSIENT: the
    connection could not be made (refused, no route, DNS, connect timeout, proxy or certificate refused).
    Once connected, the request is written at once, so a read timeout, a reset or a closed connection
    means X may have received it and acted on it. For the request that creates a post that is
    UNKNOWN_OUTCOME, never TRANSIENT: retrying blindly could post it twice. (urllib3 drops a pooled
    connection the server has already closed before reusing it, so a "reset" here is rarely a stale
    keep-alive; when it is, UNKNOWN_OUTCOME is still the safe answer.) For any other request (an image
    upload, a status poll, a token renewal) an unanswered request creates no post, so it is TRANSIENT.
    """
    if _never_sent(exc):
        return PublishError(
            f"Could not reach X to send {what} ({_reason(exc)}); it can be tried again later.",
            FailureKind.TRANSIENT,
        )
    if creates_post:
        return PublishError(
            f"X did not answer after {what} was sent ({_reason(exc)}), so it may or may not be on X now.",
            FailureKind.UNKNOWN_OUTCOME,
        )
    return PublishError(
        f"X did not answer about {what} ({_reason(exc)}); it can be tried again later.",
        FailureKind.TRANSIENT,
    )


def rate_limit_reset(headers: Any, now: datetime | None = None) -> datetime:
    """When a 429 ends: the latest reset among the exhausted limits (15-minute window, per-user and per-app
    24-hour limits); the 15-minute reset when none says it is exhausted; else 15 minutes from now."""
    now = now or datetime.now(UTC)
    exhausted, window = [], None
    for family in _LIMIT_FAMILIES:
        reset = _epoch(headers.get(f"{family}-reset"))
        if reset is None:
            continue
        if family == "x-rate-limit":
            window = reset
        if (headers.get(f"{family}-remaining") or "").strip() == "0":
            exhausted.append(reset)
    reset_at = max(exhausted) if exhausted else window
    if reset_at is None:
        return now + RATE_LIMIT_FALLBACK
    return max(reset_at, now + RATE_LIMIT_FLOOR)


def one_line(text: str, limit: int = _DETAIL_MAX) -> str:
    """Server text made fit for a one-line message: whitespace collapsed, cut at `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _problem(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _detail(problem: dict[str, Any], response: requests.Response) -> str:
    """X's explanation: `detail` (or `title`), with the first of `errors[].message` when it says more."""
    detail = problem.get("detail") or problem.get("title")
    text = detail if isinstance(detail, str) and detail.strip() else f"HTTP {response.status_code}"
    errors = problem.get("errors")
    first = errors[0] if isinstance(errors, list) and errors else None
    message = first.get("message") if isinstance(first, dict) else None
    if isinstance(message, str) and message.strip() and message.strip() not in text:
        text = f"{text.rstrip('.')} ({message.strip().rstrip('.')})"
    return one_line(text.rstrip(".") + ".")


def _is_type(problem_type: str, name: str) -> bool:
    # X has used both https://api.x.com/2/problems/… and https://api.twitter.com/2/problems/…
    return problem_type.rstrip("/").endswith(f"/problems/{name}")


def _epoch(value: str | None) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(str(value).strip()), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _never_sent(exc: requests.RequestException) -> bool:
    if isinstance(exc, requests.ConnectTimeout | requests.exceptions.InvalidURL | requests.URLRequired):
        return True
    if isinstance(exc, requests.exceptions.MissingSchema | requests.exceptions.InvalidSchema):
        return True
    if isinstance(exc, requests.exceptions.ProxyError):
        return True  # the proxy refused or could not be reached: nothing was forwarded
    cause: object = exc.args[0] if exc.args else None
    if isinstance(cause, MaxRetryError):
        cause = cause.reason
    # NewConnectionError (refused, unreachable, DNS) is a ConnectTimeoutError in urllib3.
    if isinstance(cause, ConnectTimeoutError | ProxyError):
        return True
    return isinstance(exc, requests.exceptions.SSLError) and _certificate_refused(exc)


def _certificate_refused(exc: BaseException) -> bool:
    """A certificate check fails during the TLS handshake, before any byte of the request is written."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        item = pending.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        if isinstance(item, ssl.SSLCertVerificationError):
            return True
        seen.add(id(item))
        pending.extend([*item.args, item.__cause__, item.__context__, getattr(item, "reason", None)])
    return False


def _reason(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.ConnectTimeout):
        return "connecting timed out"
    if isinstance(exc, requests.ReadTimeout):
        return "timed out"
    if isinstance(exc, requests.exceptions.SSLError):
        return "the secure connection failed"
    cause: object = exc.args[0] if exc.args else None
    if isinstance(cause, MaxRetryError) and isinstance(cause.reason, NewConnectionError):
        return "no connection could be made"
    if isinstance(exc, requests.ConnectionError):
        return "the connection was cut"
    return type(exc).__name__
