"""Share to the team: the Slack webhook client and the publisher's share hook against a local fake webhook."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from somedesk.app.accounts import Accounts
from somedesk.app.publishing import Publisher
from somedesk.core.config import Config, ShareSettings
from somedesk.core.config_reader import parse_config
from somedesk.core.drafts import PublicationState
from somedesk.core.errors import ConfigError
from somedesk.core.model import Network
from somedesk.core.routine import Routine
from somedesk.networks.base import Endpoints
from somedesk.networks.credentials import SecretName, Secrets
from somedesk.networks.slack import ShareResult, SlackWebhook, TeamShare, check_webhook_url
from somedesk.store import Store
from somedesk.store.publishing import PublishingRecords
from tests.fakes.server import FakeServer, Reply, Request
from tests.keyrings import MemoryKeyring

HOOK_PATH = "/services/T0001/B0002/s3cretTokenXYZ"


class FakeWebhook(FakeServer):
    """Plays a Slack incoming webhook: 200 "ok" for a JSON body with text, 400 otherwise."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []
        self.route("POST", HOOK_PATH, "hook", self._hook)

    @property
    def url(self) -> str:
        return self.base_url + HOOK_PATH

    def _hook(self, request: Request, _match: object) -> Reply:
        body = request.json()
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            return Reply.text(400, "invalid_payload")
        self.messages.append(body["text"])
        return Reply.text(200, "ok")


@pytest.fixture
def hook() -> Iterator[FakeWebhook]:
    with FakeWebhook() as fake:
        yield fake


def _webhook(url: str, pauses: list[float]) -> SlackWebhook:
    return SlackWebhook(url, sleep=pauses.append, timeout=5)


def test_posts_the_text_and_reports_success(hook: FakeWebhook) -> None:
    pauses: list[float] = []
    result = _webhook(hook.url, pauses).send("hello team")
    assert result == ShareResult(True, "Shared to the team on Slack.")
    assert hook.messages == ["hello team"]
    assert hook.seen("hook")[0].headers["content-type"] == "application/json"
    assert pauses == []


def test_retries_a_server_error_then_succeeds(hook: FakeWebhook) -> None:
    pauses: list[float] = []
    hook.fail_next("hook", 500, "internal_error", times=2)
    result = _webhook(hook.url, pauses).send("hello")
    assert result.ok
    assert hook.count("hook") == 3
    assert hook.messages == ["hello"]
    assert pauses == [1.0, 2.0]  # backoff doubles


def test_gives_up_after_three_tries(hook: FakeWebhook) -> None:
    pauses: list[float] = []
    hook.fail_next("hook", 503, "service_unavailable", times=5)
    result = _webhook(hook.url, pauses).send("hello")
    assert not result.ok
    assert "after 3 tries" in result.line and "503" in result.line
    assert hook.count("hook") == 3
    assert len(pauses) == 2


@pytest.mark.parametrize(("status", "code"), [(404, "no_service"), (403, "invalid_token"), (400, "no_text")])
def test_a_refusal_is_permanent_without_retries(hook: FakeWebhook, status: int, code: str) -> None:
    pauses: list[float] = []
    hook.fail_next("hook", status, code)
    result = _webhook(hook.url, pauses).send("hello")
    assert not result.ok
    assert code in result.line and "\n" not in result.line
    assert hook.count("hook") == 1
    assert pauses == []


def test_429_retry_after_is_honoured(hook: FakeWebhook) -> None:
    pauses: list[float] = []
    hook.fail_next("hook", 429, "rate_limited", headers={"Retry-After": "3"})
    result = _webhook(hook.url, pauses).send("hello")
    assert result.ok
    assert pauses == [3.0]
    assert hook.count("hook") == 2


def test_429_with_too_long_a_wait_is_not_retried(hook: FakeWebhook) -> None:
    pauses: list[float] = []
    hook.fail_next("hook", 429, "rate_limited", headers={"Retry-After": "600"})
    result = _webhook(hook.url, pauses).send("hello")
    assert not result.ok and "600" in result.line
    assert pauses == [] and hook.count("hook") == 1


def test_no_answer_is_reported_without_the_address(caplog: pytest.LogCaptureFixture) -> None:
    with FakeWebhook() as gone:
        url = gone.url
    pauses: list[float] = []
    with caplog.at_level(logging.DEBUG):
        result = _webhook(url, pauses).send("hello")
    assert not result.ok and "could not be reached" in result.line
    assert len(pauses) == 2
    assert "s3cret" not in result.line and "s3cret" not in caplog.text


def test_the_webhook_address_is_never_in_logs_or_messages(
    hook: FakeWebhook, caplog: pytest.LogCaptureFixture
) -> None:
    pauses: list[float] = []
    hook.fail_next("hook", 500, "oops", times=3)
    hook.fail_next("hook", 404, "no_service")
    with caplog.at_level(logging.DEBUG):
        lines = [_webhook(hook.url, pauses).send("a").line, _webhook(hook.url, pauses).send("b").line]
    assert "s3cret" not in caplog.text and HOOK_PATH not in caplog.text
    assert all("s3cret" not in line for line in lines)
    assert "s3cret" not in repr(_webhook(hook.url, pauses))


def test_a_non_webhook_address_is_refused_without_echoing_it() -> None:
    assert (
        check_webhook_url(" https://hooks.slack.com/services/T/B/x \n")
        == "https://hooks.slack.com/services/T/B/x"
    )
    for bad in ("file:///etc/passwd", "http://example.com/services/s3cret", "s3cret"):
        with pytest.raises(Exception) as raised:
            check_webhook_url(bad)
        assert "s3cret" not in str(raised.value)
    result = SlackWebhook("file:///etc/passwd", sleep=lambda _s: None).send("x")
    assert not result.ok


# The config ---------------------------------------------------------------------------------------------


def _parse(text: str) -> Config:
    return parse_config(text, name="config.toml", fallback_zone=UTC)  # type: ignore[arg-type]


def test_sharing_is_off_by_default() -> None:
    share = _parse("").share
    assert share == ShareSettings(enabled=False, template="New {network} post: {first_line} {url}")


def test_share_config_is_read_and_checked() -> None:
    share = _parse('[share]\nenabled = true\ntemplate = "{network}: {url}"\n').share
    assert share == ShareSettings(enabled=True, template="{network}: {url}")
    with pytest.raises(ConfigError, match=r"share.template: unknown placeholder \{title\}"):
        _parse('[share]\ntemplate = "{title} {url}"\n')
    with pytest.raises(ConfigError, match=r"share\.template: a stray"):
        _parse('[share]\ntemplate = "{url"\n')
    with pytest.raises(ConfigError, match=r"share\.enabled: expected true or false"):
        _parse('[share]\nenabled = "yes"\n')
    with pytest.raises(ConfigError, match=r"unknown key 'share\.webhook'"):
        _parse('[share]\nwebhook = "https://hooks.slack.com/services/x"\n')


# Sharing after a publish -------------------------------------------------------------------------------


class Setup:
    def __init__(self, tmp_path: Path, keyring: MemoryKeyring, hook: FakeWebhook) -> None:
        self.store = Store.open(tmp_path / "somedesk.db")
        self.secrets = Secrets(keyring)
        self.secrets.set_app(SecretName.SLACK_WEBHOOK, hook.url)
        self.settings = ShareSettings(enabled=True)
        self.jobs: list[Callable[[], None]] = []
        self.results: list[ShareResult] = []
        self.pauses: list[float] = []
        config = Config(routine=Routine(zone=UTC))  # type: ignore[arg-type]
        accounts = Accounts(
            config, PublishingRecords(self.store), self.secrets, Endpoints.from_env(), tmp_path, self.now
        )
        share = TeamShare(
            lambda: self.settings,
            lambda: self.secrets.get_app(SecretName.SLACK_WEBHOOK),
            runner=self.jobs.append,
            sleep=self.pauses.append,
            on_result=self.results.append,
        )
        self.publisher = Publisher(self.store, accounts, self.now, share=share)

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    def publish(
        self, text: str, *, share: bool = True, draft_share: bool | None = None
    ) -> tuple[int, PublicationState, str | None]:
        draft = self.store.add_draft(text, [Network.SANDBOX], self.now())
        self.store.set_draft_share(draft.id, draft_share)
        publication = draft.publication(Network.SANDBOX)
        assert publication is not None
        result = self.publisher.publish(publication.id, share=share)
        for job in self.jobs:
            job()
        self.jobs.clear()
        return publication.id, result.state, result.url


@pytest.fixture
def setup(tmp_path: Path, memory_keyring: MemoryKeyring, hook: FakeWebhook) -> Setup:
    return Setup(tmp_path, memory_keyring, hook)


def test_a_published_post_is_shared_with_the_template(setup: Setup, hook: FakeWebhook) -> None:
    _, state, url = setup.publish("\n  Launch day <3 & more\nsecond line")
    assert state is PublicationState.PUBLISHED
    assert hook.messages == [f"New Sandbox post: Launch day &lt;3 &amp; more {url}"]
    assert setup.results == [ShareResult(True, "Shared to the team on Slack.")]


def test_the_share_runs_on_the_runner_not_inside_publish(setup: Setup, hook: FakeWebhook) -> None:
    draft = setup.store.add_draft("quiet", [Network.SANDBOX], setup.now())
    publication = draft.publication(Network.SANDBOX)
    assert publication is not None
    setup.publisher.publish(publication.id)
    assert len(setup.jobs) == 1 and hook.messages == []  # queued for the runner (a thread in the app)


def test_sharing_off_or_no_share_posts_nothing(setup: Setup, hook: FakeWebhook) -> None:
    setup.settings = ShareSettings()  # the default: off
    assert setup.publish("one")[1] is PublicationState.PUBLISHED
    setup.settings = ShareSettings(enabled=True)
    assert setup.publish("two", share=False)[1] is PublicationState.PUBLISHED
    assert hook.messages == [] and hook.count("hook") == 0


def test_the_drafts_own_choice_wins_over_the_config(setup: Setup, hook: FakeWebhook) -> None:
    # Quick post's per-post toggle: on with sharing off in the config, off with it on.
    setup.settings = ShareSettings()
    assert setup.publish("mine to share", draft_share=True)[1] is PublicationState.PUBLISHED
    setup.settings = ShareSettings(enabled=True)
    assert setup.publish("not this one", draft_share=False)[1] is PublicationState.PUBLISHED
    assert setup.publish("as configured")[1] is PublicationState.PUBLISHED
    assert [m.split(": ")[1].rsplit(" ", 1)[0] for m in hook.messages] == ["mine to share", "as configured"]


def test_a_failing_slack_never_touches_the_post(setup: Setup, hook: FakeWebhook) -> None:
    hook.fail_next("hook", 500, "down", times=3)
    publication_id, state, url = setup.publish("still out")
    assert state is PublicationState.PUBLISHED
    stored = setup.store.publication(publication_id)
    assert stored.state is PublicationState.PUBLISHED and stored.url == url
    assert hook.count("hook") == 3 and not setup.results[0].ok


def test_a_share_hook_that_raises_never_reaches_the_publisher(setup: Setup) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    setup.publisher.share = broken
    assert setup.publish("fine")[1] is PublicationState.PUBLISHED


def test_no_webhook_set_up_is_one_line(setup: Setup, hook: FakeWebhook) -> None:
    setup.secrets.delete_app(SecretName.SLACK_WEBHOOK)
    assert setup.publish("post")[1] is PublicationState.PUBLISHED
    assert setup.results == [
        ShareResult(False, "Not shared to the team: no webhook is set up yet: somedesk share setup")
    ]
    assert hook.count("hook") == 0


def test_the_webhook_is_an_app_wide_keyring_entry(memory_keyring: MemoryKeyring) -> None:
    secrets = Secrets(memory_keyring)
    secrets.set_app(SecretName.SLACK_WEBHOOK, "https://hooks.slack.com/services/T/B/x")
    assert memory_keyring.entries["somedesk"] == {
        "app:slack_webhook": "https://hooks.slack.com/services/T/B/x"
    }
    secrets.delete_all(Network.X)  # disconnecting a network leaves the team's webhook alone
    assert secrets.get_app(SecretName.SLACK_WEBHOOK) == "https://hooks.slack.com/services/T/B/x"
    secrets.delete_app(SecretName.SLACK_WEBHOOK)
    assert secrets.get_app(SecretName.SLACK_WEBHOOK) is None


# Retries through requests and urllib3's Retry ---------------------------------------------------------


def test_a_time_out_is_tried_again_after_a_pause(hook: FakeWebhook) -> None:
    # The fake takes the message at once but answers late: the client's read times out, and the
    # share is sent again (posted twice rather than lost, as before the move to requests).
    pauses: list[float] = []
    hook.delay_next("hook", 2.0)
    result = SlackWebhook(hook.url, sleep=pauses.append, timeout=0.3).send("hello")
    assert result == ShareResult(True, "Shared to the team on Slack.")
    assert hook.count("hook") == 2 and pauses == [1.0]
    assert all(s.headers["user-agent"].startswith("somedesk/") for s in hook.seen("hook"))


def test_a_retry_after_date_is_honoured(hook: FakeWebhook) -> None:
    pauses: list[float] = []
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=6), usegmt=True)
    hook.fail_next("hook", 503, "busy", headers={"Retry-After": when})
    assert _webhook(hook.url, pauses).send("hello").ok
    assert len(pauses) == 1 and 3.0 < pauses[0] <= 6.0
    assert hook.count("hook") == 2


def test_an_unreadable_retry_after_falls_back_to_the_backoff(hook: FakeWebhook) -> None:
    pauses: list[float] = []
    hook.fail_next("hook", 429, "rate_limited", headers={"Retry-After": "soon"}, times=2)
    assert _webhook(hook.url, pauses).send("hello").ok
    assert pauses == [1.0, 2.0] and hook.count("hook") == 3
