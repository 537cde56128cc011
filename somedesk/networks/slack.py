"""Share to the team: a published post's link, posted to the team's Slack incoming webhook.

The webhook address is a secret (anyone holding it can post to the channel): it lives in the keyring
and is never written to the config, a log line or a message. Sharing never raises into publishing and
never changes the post: a failure is retried a few times, then logged and reported as one line.

It speaks HTTP through requests, as the other clients do; the retries are urllib3's `Retry` (429 and
5xx, and no answer at all, with a doubling pause or the Retry-After Slack asks for), with the pause
taken through an injected `sleep` so tests need not wait.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Self
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import RequestHistory, Retry

from somedesk import __version__
from somedesk.core.config import DEFAULT_SHARE_TEMPLATE, ShareSettings
from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network

log = logging.getLogger(__name__)

TRIES = 3
BASE_DELAY = 1.0  # seconds before the second try; doubles for the third
MAX_RETRY_AFTER = 10.0  # a longer wait asked by Slack (429) ends the share as not sent
TIMEOUT = 5.0
FIRST_LINE_LIMIT = 200
NO_WEBHOOK = "no webhook is set up yet: somedesk share setup"
TEST_MESSAGE = "somedesk can share to this channel: published posts' links will appear here."

Sleep = Callable[[float], None]
Job = Callable[[], None]
Runner = Callable[[Job], None]

# An https address, or plain http to this machine (a local relay, or the tests' fake webhook).
_WEBHOOK_RE = re.compile(r"^(https://[^\s/?#]+|http://(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)/\S*$")


@dataclass(frozen=True, slots=True)
class ShareResult:
    """How one share went, as a line for a person (never with the webhook address in it)."""

    ok: bool
    line: str


def check_webhook_url(url: str) -> str:
    """The address, trimmed; InvalidInputError (without the address) when it cannot be a webhook."""
    url = url.strip()
    if not _WEBHOOK_RE.match(url):
        raise InvalidInputError(
            "that is not a webhook address: paste the whole https://hooks.slack.com/services/… address "
            "from your Slack app's Incoming Webhooks page"
        )
    return url


def first_line(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= FIRST_LINE_LIMIT else line[: FIRST_LINE_LIMIT - 1].rstrip() + "…"


def render(template: str, network: Network, text: str, url: str) -> str:
    """The message: the template with the network's name, the post's first line and its address."""
    # Slack reads &, < and > as markup: the post's own text is escaped, the link is left to unfurl.
    line = first_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return template.format(network=network.display_name, first_line=line, url=url)


class SlackWebhook:
    """One incoming webhook: `send` posts {"text": …} and answers a ShareResult; it never raises."""

    def __init__(
        self,
        url: str,
        *,
        tries: int = TRIES,
        base_delay: float = BASE_DELAY,
        max_retry_after: float = MAX_RETRY_AFTER,
        timeout: float = TIMEOUT,
        sleep: Sleep = time.sleep,
    ) -> None:
        self._url = url
        self.tries = tries
        self.base_delay = base_delay
        self.max_retry_after = max_retry_after
        self.timeout = timeout
        self.sleep = sleep

    def __repr__(self) -> str:  # never the address, even in a traceback's locals
        return "SlackWebhook(<redacted>)"

    def send(self, text: str) -> ShareResult:
        try:
            return self._send(text)
        except Exception as exc:  # a bug must not reach the publisher; the text of exc may hold the URL
            log.error("sharing to Slack failed unexpectedly (%s)", type(exc).__name__)
            return ShareResult(False, f"Not shared to the team: unexpected error ({type(exc).__name__})")

    def _send(self, text: str) -> ShareResult:
        if not _WEBHOOK_RE.match(self._url):  # e.g. a file:// address put in the keyring by hand
            return ShareResult(
                False, "Not shared to the team: the kept webhook address is not an https address"
            )
        body = json.dumps({"text": text}).encode()
        retry = _Retry(self.tries, self.base_delay, self.max_retry_after, self.sleep)
        with requests.Session() as session, _hidden(self._url):
            adapter = HTTPAdapter(max_retries=retry)
            session.mount("https://", adapter)
            session.mount("http://", adapter)  # only to this machine: _WEBHOOK_RE
            try:
                response = session.post(
                    self._url,
                    data=body,
                    headers={"Content-Type": "application/json", "User-Agent": f"somedesk/{__version__}"},
                    timeout=self.timeout,
                )
            except requests.RequestException as exc:
                # Only the type: the text of these exceptions names the webhook's address.
                problem = _describe(None, type(exc).__name__)
                log.warning("sharing to Slack gave up after %d tries: %s", self.tries, problem)
                return ShareResult(False, f"Not shared to the team after {self.tries} tries: {problem}")
            status, answer = response.status_code, _text(response.content)
            tried = _tries_made(response)
        if status == 200:
            return ShareResult(True, "Shared to the team on Slack.")
        problem = _describe(status, answer)
        if status != 429 and status < 500:
            log.warning("sharing to Slack refused: %s", problem)
            return ShareResult(False, f"Not shared to the team: {problem}")
        wait = _retry_after(response.headers.get("Retry-After"))
        if tried < self.tries and wait is not None and wait > self.max_retry_after:
            log.warning("sharing to Slack: asked to wait %.0f s; not retried", wait)
            return ShareResult(False, f"Not shared to the team: Slack asks to wait {wait:.0f} s")
        log.warning("sharing to Slack gave up after %d tries: %s", self.tries, problem)
        return ShareResult(False, f"Not shared to the team after {self.tries} tries: {problem}")


class _Retry(Retry):
    """urllib3's Retry as Slack's webhooks want it, for one POST: `tries` in all (no answer, 429 and
    5xx are tried again), a pause of `base_delay` doubling each time or the Retry-After asked for,
    and no retry at all when that wait is longer than `max_wait` (the share then ends as not sent).

    The pause goes through `pause` (time.sleep, or a recorder in tests). Every Retry that urllib3
    derives from this one (`new`) carries the three settings on.
    """

    def __init__(
        self,
        tries: int = TRIES,
        base_delay: float = BASE_DELAY,
        max_wait: float = MAX_RETRY_AFTER,
        pause: Sleep = time.sleep,
        **kw: Any,
    ) -> None:
        if not kw:  # the first one; urllib3's `new` passes every setting itself
            kw = {
                # Any failure counts against the one budget: no answer (refused, reset, a time-out
                # after the request left: a share lost is the likelier harm, one posted twice the
                # smaller), 429 or 5xx.
                "total": tries - 1,
                "allowed_methods": frozenset({"POST"}),  # POST is not in urllib3's idempotent default
                "status_forcelist": frozenset({429, *range(500, 600)}),
                "backoff_factor": base_delay,
                "raise_on_status": False,  # the last answer comes back, to be described
                "respect_retry_after_header": True,
            }
        super().__init__(**kw)
        self.base_delay = base_delay
        self.max_wait = max_wait
        self.pause = pause

    def new(self, **kw: Any) -> Self:
        retry = super().new(**kw)
        retry.base_delay, retry.max_wait, retry.pause = self.base_delay, self.max_wait, self.pause
        return retry

    def increment(self, *args: Any, **kw: Any) -> Self:
        response = kw.get("response")
        if response is not None:
            wait = _retry_after(response.headers.get("Retry-After"))
            if wait is not None and wait > self.max_wait:
                # Giving up here hands the answer back (raise_on_status is off): `_send` says why.
                raise MaxRetryError(kw.get("_pool"), kw.get("url") or "", None)  # type: ignore[arg-type]
        return super().increment(*args, **kw)

    def get_backoff_time(self) -> float:
        # base_delay after the first failure, then doubling (urllib3's own starts at 0).
        failures = len(self.history)
        return self.base_delay * 2 ** (failures - 1) if failures else 0.0

    def get_retry_after(self, response: Any) -> float | None:
        return _retry_after(response.headers.get("Retry-After"))  # a date or garbage: never raises

    def sleep(self, response: Any = None) -> None:
        wait = self.get_retry_after(response) if response is not None else None
        if wait is None:
            wait = self.get_backoff_time()
        why = _what_failed(self.history[-1]) if self.history else "no answer"
        log.info("sharing to Slack: %s; retrying in %.1f s", why, wait)
        self.pause(wait)


def _what_failed(attempt: RequestHistory) -> str:
    if attempt.status:
        return f"status {attempt.status}"
    return type(attempt.error).__name__ if attempt.error is not None else "no answer"


def _tries_made(response: requests.Response) -> int:
    retries = getattr(response.raw, "retries", None)
    return len(retries.history) + 1 if isinstance(retries, Retry) else 1


class _HideAddress(logging.Filter):
    """urllib3 logs each request's path at debug level, and a webhook's path is its secret: while a
    share runs, its address is blanked in what urllib3's loggers say."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: dict[str, int] = {}

    def add(self, secret: str) -> None:
        with self._lock:
            self._secrets[secret] = self._secrets.get(secret, 0) + 1

    def remove(self, secret: str) -> None:
        with self._lock:
            left = self._secrets.pop(secret, 1) - 1
            if left:
                self._secrets[secret] = left

    def filter(self, record: logging.LogRecord) -> bool:
        with self._lock:
            secrets = list(self._secrets)
        if not secrets:
            return True
        message = record.getMessage()
        cleaned = message
        for secret in secrets:
            cleaned = cleaned.replace(secret, "/<webhook>")
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_HIDE = _HideAddress()
for _name in ("urllib3.connectionpool", "urllib3.util.retry", "urllib3.connection"):
    logging.getLogger(_name).addFilter(_HIDE)


@contextmanager
def _hidden(url: str) -> Iterator[None]:
    """Blank this webhook's path (and query) in urllib3's log lines while the block runs."""
    parts = urlsplit(url)
    secret = parts.path + (f"?{parts.query}" if parts.query else "")
    if secret in ("", "/"):
        yield
        return
    _HIDE.add(secret)
    try:
        yield
    finally:
        _HIDE.remove(secret)


def _text(raw: bytes) -> str:
    return " ".join(raw[:200].decode("utf-8", "replace").split())


def _describe(status: int | None, answer: str) -> str:
    if status is None:
        return f"Slack could not be reached ({answer})"
    meaning = {
        404: "the webhook no longer exists; set it up again with: somedesk share setup",
        403: "Slack refused the webhook; set it up again with: somedesk share setup",
        410: "the channel is archived or gone; set up a new webhook with: somedesk share setup",
        429: "Slack asks to slow down",
    }.get(status)
    # Slack's answers are short codes ("no_service", "invalid_token"); they name nothing secret.
    code = re.sub(r"[^\w .-]", "", answer)[:60]
    detail = f"{status} {code}".strip()
    return f"{meaning} ({detail})" if meaning else f"Slack answered {detail}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def in_background(job: Job) -> None:
    """Run a share on its own thread, so publishing never waits for Slack.

    Not a daemon: a command that exits right after publishing still gets its share out (bounded by
    the tries and timeouts above)."""
    threading.Thread(target=job, name="somedesk-share", daemon=False).start()


class TeamShare:
    """The publisher's share hook: after a post is published, share its link if sharing is on.

    The draft's own choice (Quick post's toggle) wins over `[share] enabled`, which is its default.
    """

    def __init__(
        self,
        settings: Callable[[], ShareSettings],
        webhook_url: Callable[[], str | None],
        *,
        runner: Runner = in_background,
        sleep: Sleep = time.sleep,
        on_result: Callable[[ShareResult], None] = lambda _result: None,
    ) -> None:
        self.settings = settings
        self.webhook_url = webhook_url
        self.runner = runner
        self.sleep = sleep
        self.on_result = on_result

    def __call__(self, publication: Publication, draft: Draft) -> None:
        if publication.state is not PublicationState.PUBLISHED or not publication.url:
            return
        settings = self.settings()
        if not (settings.enabled if draft.share is None else draft.share):
            return
        try:
            message = render(settings.template, publication.network, draft.text, publication.url)
        except (KeyError, IndexError, ValueError):  # the config checks it; a hand-built one may not be
            message = render(DEFAULT_SHARE_TEMPLATE, publication.network, draft.text, publication.url)

        def job() -> None:
            self.send(message)

        self.runner(job)

    def send(self, message: str) -> ShareResult:
        """Post one message now (on the caller's thread); never raises."""
        try:
            url = self.webhook_url()
        except Exception as exc:  # e.g. a locked keyring: its message says what to do, never a secret
            log.warning("sharing to Slack: the webhook address could not be read (%s)", exc)
            result = ShareResult(False, f"Not shared to the team: {exc}")
        else:
            if not url:
                log.warning("sharing to Slack is on but no webhook is set up")
                result = ShareResult(False, f"Not shared to the team: {NO_WEBHOOK}")
            else:
                result = SlackWebhook(url, sleep=self.sleep).send(message)
        if result.ok:
            log.info("shared to the team on Slack")
        try:
            self.on_result(result)
        except Exception:
            log.exception("reporting a share's result failed")
        return result
