"""Share to the team: a published post's link, posted to the team's Slack incoming webhook.

The webhook address is a secret (anyone holding it can post to the channel): it lives in the keyring
and is never written to the config, a log line or a message. Sharing never raises into publishing and
never changes the post: a failure is retried a few times, then logged and reported as one line.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

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
        problem = "no answer"
        for attempt in range(self.tries):
            status, answer, wait = self._post_once(body)
            if status == 200:
                return ShareResult(True, "Shared to the team on Slack.")
            problem = _describe(status, answer)
            if status is not None and status != 429 and status < 500:
                log.warning("sharing to Slack refused: %s", problem)
                return ShareResult(False, f"Not shared to the team: {problem}")
            if attempt + 1 >= self.tries:
                break
            if wait is None:
                wait = self.base_delay * 2**attempt
            elif wait > self.max_retry_after:
                log.warning("sharing to Slack: asked to wait %.0f s; not retried", wait)
                return ShareResult(False, f"Not shared to the team: Slack asks to wait {wait:.0f} s")
            log.info("sharing to Slack: %s; retrying in %.1f s", problem, wait)
            self.sleep(wait)
        log.warning("sharing to Slack gave up after %d tries: %s", self.tries, problem)
        return ShareResult(False, f"Not shared to the team after {self.tries} tries: {problem}")

    def _post_once(self, body: bytes) -> tuple[int | None, str, float | None]:
        """(status or None when no answer came, the answer's text, a Retry-After wait in seconds)."""
        request = urllib.request.Request(
            self._url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "User-Agent": f"somedesk/{__version__}"},
        )
        try:
            with urllib.request.urlopen(
                request, timeout=self.timeout
            ) as response:  # the scheme is checked in _send
                return response.status, _text(response.read()), None
        except urllib.error.HTTPError as error:
            with error:
                answer = _text(error.read())
                return error.code, answer, _retry_after(error.headers.get("Retry-After"))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            # Only the type: the text of these exceptions can name the webhook's address.
            return None, type(exc).__name__, None


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
