"""The real X client (`somedesk.networks.x`) against the fake X on 127.0.0.1: PKCE sign-in through the
loopback receiver, posts, threads, images, token renewal, and the classification the publisher relies on."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import socket
import ssl
import struct
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
import requests
from requests.adapters import BaseAdapter
from urllib3 import HTTPConnectionPool
from urllib3.connection import HTTPConnection
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.exceptions import SSLError as Urllib3SSLError

from somedesk.core.model import Network
from somedesk.networks import x_media
from somedesk.networks.base import AccountError, Endpoints, FailureKind, NetworkClient, PublishError
from somedesk.networks.loopback import SignInError
from somedesk.networks.x import XClient, connect_x, revoke_x
from tests.fakes import FakeX

TIMEOUT = 5.0
SCOPES = "tweet.read tweet.write users.read offline.access media.write"
RECONNECT = "X no longer accepts the sign-in; reconnect the account (somedesk accounts connect x)"
FIRST_MEDIA_ID = "1880028106020515840"  # the fake numbers media from here
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
WEBP = b"RIFF\x24\0\0\0WEBPVP8 " + b"\0" * 32
GIF = b"GIF89a" + b"\0" * 32


class MemoryTokens:
    """A TokenKeeper in memory; `on_save` lets a test see what else had happened when the pair was saved."""

    def __init__(self, access: str, refresh: str | None) -> None:
        self.access, self.refresh = access, refresh
        self.saved: list[tuple[str, str | None, datetime | None]] = []
        self.on_save: Callable[[], None] = lambda: None

    def access_token(self) -> str:
        return self.access

    def refresh_token(self) -> str | None:
        return self.refresh

    def save(self, access_token: str, refresh_token: str | None, expires_at: datetime | None) -> None:
        self.saved.append((access_token, refresh_token, expires_at))
        self.access, self.refresh = access_token, refresh_token
        self.on_save()


class Browser:
    """Plays the person's browser, in its own thread as a real one would be: it opens the authorize page,
    then follows X's redirect to somedesk's loopback receiver. Its thread is named "browser" so the log
    check can leave its records out (the browser is not somedesk, and its URL carries the code)."""

    def __init__(self, x: FakeX, before_redirect: Callable[[], None] = lambda: None) -> None:
        self.x = x
        self.before_redirect = before_redirect
        self.opened: list[str] = []
        self.pages: list[requests.Response] = []
        self.errors: list[BaseException] = []
        self._threads: list[threading.Thread] = []

    def __call__(self, url: str) -> None:
        self.opened.append(url)
        thread = threading.Thread(target=self._visit, args=(url,), name="browser")
        self._threads.append(thread)
        thread.start()

    def _visit(self, url: str) -> None:
        try:
            # The receiver listens on a free port in tests; register it as the app's callback URL.
            self.x.register_redirect_uri(parse_qs(urlsplit(url).query)["redirect_uri"][0])
            with requests.Session() as http:
                page = http.get(url, allow_redirects=False, timeout=TIMEOUT)
                self.before_redirect()
                if page.status_code == 302:
                    page = http.get(page.headers["Location"], timeout=TIMEOUT)
                self.pages.append(page)
        except BaseException as exc:
            self.errors.append(exc)

    def join(self) -> None:
        for thread in self._threads:
            thread.join(TIMEOUT)


@pytest.fixture
def x() -> Iterator[FakeX]:
    with FakeX() as fake:
        yield fake


@pytest.fixture
def insecure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the fake speaks plain HTTP on 127.0.0.1


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    pauses: list[float] = []
    monkeypatch.setattr(x_media, "_sleep", pauses.append)
    return pauses


def endpoints(x: FakeX) -> Endpoints:
    return Endpoints(x_authorize_url=f"{x.auth_base}/i/oauth2/authorize", x_api_base=x.api_base)


def signed_in(x: FakeX) -> MemoryTokens:
    """The tokens a finished sign-in leaves in the keyring (issued by the fake without the browser)."""
    refresh = x.tokens.issue("refresh", x.default_scopes, x.subject, None).value
    return MemoryTokens(x.issue_token(), refresh)


def client(x: FakeX, tokens: MemoryTokens, **kwargs: Any) -> XClient:
    return XClient(
        client_id=x.client_id, tokens=tokens, username="XDevelopers", endpoints=endpoints(x), **kwargs
    )


def sign_in(x: FakeX, browser: Browser, shown: list[str] | None = None) -> tuple[Any, str, str | None]:
    try:
        return connect_x(
            client_id=x.client_id,
            redirect_uri="http://127.0.0.1:0/callback",
            endpoints=endpoints(x),
            open_browser=browser,
            show_url=(shown if shown is not None else []).append,
            timeout=TIMEOUT,
        )
    finally:
        browser.join()


def publish_error(call: Callable[[], object]) -> PublishError:
    with pytest.raises(PublishError) as caught:
        call()
    return caught.value


def bearer_of(seen: Any) -> str:
    return str(seen.headers["authorization"]).removeprefix("Bearer ")


# -- sign-in ------------------------------------------------------------------------------------------------
def test_pkce_sign_in_end_to_end(x, insecure):
    shown: list[str] = []
    browser = Browser(x)
    before = datetime.now(UTC)
    account, access, refresh = sign_in(x, browser, shown)

    assert shown == browser.opened  # shown first (for copying), then opened, the same address
    query = dict(parse_qsl(urlsplit(shown[0]).query))
    assert shown[0].startswith(f"{x.auth_base}/i/oauth2/authorize?")
    assert query["response_type"] == "code"
    assert query["client_id"] == x.client_id
    assert query["scope"] == SCOPES
    assert query["code_challenge_method"] == "S256"
    assert query["state"]
    assert urlsplit(query["redirect_uri"]).hostname == "127.0.0.1"
    assert browser.errors == []
    assert browser.pages[0].status_code == 200  # the browser landed on the receiver's "signed in" page

    (exchange,) = x.seen("token")
    form = dict(parse_qsl(exchange.body.decode()))
    assert form["grant_type"] == "authorization_code"
    assert form["client_id"] == x.client_id  # a public client: the id in the body, no secret, no Basic header
    assert form["redirect_uri"] == query["redirect_uri"]
    assert "authorization" not in exchange.headers and "client_secret" not in form
    challenge = base64.urlsafe_b64encode(hashlib.sha256(form["code_verifier"].encode()).digest())
    assert challenge.rstrip(b"=").decode() == query["code_challenge"]

    assert (account.network, account.handle, account.user_id) == (Network.X, "@XDevelopers", "2244994945")
    assert before + timedelta(hours=2) <= account.expires_at <= datetime.now(UTC) + timedelta(hours=2)
    assert x.tokens.tokens[access].kind == "access"
    assert refresh is not None and x.tokens.tokens[refresh].kind == "refresh"
    assert bearer_of(x.seen("users_me")[0]) == access


def test_denied_sign_in_is_one_clear_line(x, insecure):
    x.authorize_mode = "deny"
    with pytest.raises(SignInError) as caught:
        sign_in(x, Browser(x))
    assert str(caught.value) == "The sign-in was cancelled in the browser, so the account was not connected."
    assert x.count("token") == 0


def test_a_code_used_after_30_seconds_is_refused(x, insecure):
    browser = Browser(x, before_redirect=lambda: x.clock.advance(31))
    with pytest.raises(AccountError) as caught:
        sign_in(x, browser)
    message = str(caught.value)
    assert "did not accept the sign-in" in message and "30 seconds" in message
    assert "\n" not in message
    assert x.count("users_me") == 0


def test_an_account_x_cannot_name_is_not_kept(x, insecure):
    x.fail_next("users_me", 503, {"title": "Service Unavailable"})
    with pytest.raises(AccountError, match=r"did not say which account signed in \(HTTP 503\)"):
        sign_in(x, Browser(x))
    assert all(token.revoked for token in x.tokens.tokens.values())  # its grant was let go, not orphaned


def test_sign_in_refuses_plain_http_unless_told(x, monkeypatch):
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)
    browser = Browser(x)
    with pytest.raises(AccountError, match="does not use https"):
        sign_in(x, browser)
    assert browser.opened == []


def test_revoke_ends_the_token_and_never_raises(x):
    tokens = signed_in(x)
    assert revoke_x(client_id=x.client_id, token=tokens.access, endpoints=endpoints(x)) is True
    form = dict(parse_qsl(x.seen("revoke")[0].body.decode()))
    assert form == {"token": tokens.access, "client_id": x.client_id, "token_type_hint": "access_token"}
    after = requests.get(f"{x.api_base}/2/users/me", headers={"Authorization": f"Bearer {tokens.access}"})
    assert after.status_code == 401
    nowhere = Endpoints(x_api_base=f"http://127.0.0.1:{closed_port()}")
    assert revoke_x(client_id=x.client_id, token="t", endpoints=nowhere, timeout=1) is False


# -- posting ------------------------------------------------------------------------------------------------
def test_text_post(x):
    with client(x, signed_in(x)) as xc:
        publisher_sees: NetworkClient = xc
        part = publisher_sees.post("Hello from somedesk")
    post_id = x.tweets[0].id
    assert part.remote_id == post_id
    assert part.url == f"https://x.com/XDevelopers/status/{post_id}" == xc.url_for(post_id)
    assert x.seen("tweets")[0].body == b'{"text": "Hello from somedesk"}'  # the closed schema: nothing else


def test_thread_posted_part_by_part(x):
    with client(x, signed_in(x)) as xc:
        first = xc.post("Part one")
        second = xc.post("Part two", reply_to=first.remote_id)
        third = xc.post("Part three", reply_to=second.remote_id)
    assert [(t.id, t.text, t.reply_to) for t in x.tweets] == [
        (first.remote_id, "Part one", None),
        (second.remote_id, "Part two", first.remote_id),
        (third.remote_id, "Part three", second.remote_id),
    ]
    last = x.seen("tweets")[2].body
    assert (
        last
        == f'{{"text": "Part three", "reply": {{"in_reply_to_tweet_id": "{second.remote_id}"}}}}'.encode()
    )


def test_image_post_one_shot(x, tmp_path):
    images = [tmp_path / "a.png", tmp_path / "b.jpg", tmp_path / "c.webp", tmp_path / "d.gif"]
    for path, data in zip(images, (PNG, JPEG, WEBP, GIF), strict=True):
        path.write_bytes(data)
    with client(x, signed_in(x)) as xc:
        part = xc.post("Four pictures", images=images)
    uploads = x.seen("media_upload")
    assert len(uploads) == 4
    assert all(b'name="media_category"\r\n\r\ntweet_image' in u.body for u in uploads)
    assert [m.data for m in x.media.values()] == [PNG, JPEG, WEBP, GIF]
    (tweet,) = x.tweets
    assert tweet.id == part.remote_id
    assert tweet.media_ids == list(x.media)


def test_image_only_post_sends_no_text(x, tmp_path):
    (tmp_path / "a.png").write_bytes(PNG)
    with client(x, signed_in(x)) as xc:
        xc.post("", images=[tmp_path / "a.png"])
    assert x.seen("tweets")[0].body == f'{{"media": {{"media_ids": ["{FIRST_MEDIA_ID}"]}}}}'.encode()


def processing(state: str, check_after: int | None = None, **extra: Any) -> dict[str, Any]:
    info: dict[str, Any] = {"state": state, **extra}
    if check_after is not None:
        info["check_after_secs"] = check_after
    return {"data": {"id": FIRST_MEDIA_ID, "media_key": f"3_{FIRST_MEDIA_ID}", "processing_info": info}}


def test_image_post_waits_for_processing(x, tmp_path, no_sleep):
    (tmp_path / "a.png").write_bytes(PNG)
    x.fail_next("media_upload", 200, processing("pending", 2), after_effect=True)  # stored; "pending"
    x.fail_next("media_status", 200, processing("in_progress", 3, progress_percent=50))
    x.fail_next("media_status", 200, processing("succeeded", progress_percent=100))
    with client(x, signed_in(x)) as xc:
        xc.post("Processed", images=[tmp_path / "a.png"])
    assert no_sleep == [2.0, 3.0]  # waited as X said before each poll
    polls = x.seen("media_status")
    assert [p.query for p in polls] == [{"command": "STATUS", "media_id": FIRST_MEDIA_ID}] * 2
    assert x.tweets[0].media_ids == [FIRST_MEDIA_ID]


def test_failed_processing_is_permanent(x, tmp_path, no_sleep):
    (tmp_path / "a.png").write_bytes(PNG)
    x.fail_next("media_upload", 200, processing("pending", 1), after_effect=True)
    x.fail_next("media_status", 200, processing("failed", error={"message": "Unsupported image"}))
    with client(x, signed_in(x)) as xc:
        error = publish_error(lambda: xc.post("Broken", images=[tmp_path / "a.png"]))
    assert error.kind is FailureKind.PERMANENT
    assert str(error) == "X could not process the image a.png (Unsupported image)."
    assert x.tweets == []


def test_processing_wait_is_bounded(x, tmp_path, no_sleep):
    (tmp_path / "a.png").write_bytes(PNG)
    x.fail_next("media_upload", 200, processing("pending", 10), after_effect=True)
    x.fail_next("media_status", 200, processing("in_progress", 10), times=50)
    with client(x, signed_in(x)) as xc:
        error = publish_error(lambda: xc.post("Slow", images=[tmp_path / "a.png"]))
    assert error.kind is FailureKind.TRANSIENT
    assert sum(no_sleep) <= x_media.MAX_PROCESSING_WAIT
    assert x.count("media_status") == len(no_sleep) <= x_media.MAX_STATUS_POLLS
    assert x.tweets == []


@pytest.mark.parametrize(
    ("files", "text", "expected"),
    [
        ({f"{i}.png": PNG for i in range(5)}, "Five", "at most 4 images; this one has 5"),
        ({"big.jpg": 5 * 1024 * 1024 + 1}, "Big", "big.jpg is too large (5,242,881 bytes)"),
        ({"notes.png": b"just some text"}, "Text", "notes.png is not a JPEG, PNG, GIF or WebP image"),
        ({"empty.gif": b""}, "Empty", "empty.gif is not a JPEG, PNG, GIF or WebP image"),
        ({}, "x" * 281, "The text is 281 characters as X counts them; X takes at most 280."),
        ({}, "漢" * 141, "The text is 282 characters as X counts them"),
        ({}, "  ", "There is nothing to post"),
        ({"a.png": PNG}, "Hidden \ufeff char", "hidden character"),
    ],
)
def test_refused_before_any_request(x, tmp_path, files, text, expected):
    paths = []
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, int):
            with path.open("wb") as sparse:
                sparse.truncate(content)
        else:
            path.write_bytes(content)
        paths.append(path)
    with client(x, signed_in(x)) as xc:
        error = publish_error(lambda: xc.post(text, images=paths))
    assert error.kind is FailureKind.PERMANENT
    assert expected in str(error)
    assert x.received == []


def test_a_missing_image_file_is_refused_before_any_request(x, tmp_path):
    with client(x, signed_in(x)) as xc:
        error = publish_error(lambda: xc.post("Gone", images=[tmp_path / "gone.png"]))
    assert error.kind is FailureKind.PERMANENT
    assert str(error).startswith("Cannot read the image gone.png")
    assert x.received == []


# -- token renewal ------------------------------------------------------------------------------------------
def test_expired_token_is_renewed_and_saved_before_the_retry(x):
    tokens = signed_in(x)
    old_access, old_refresh = tokens.access, tokens.refresh
    tweets_seen_at_save: list[int] = []
    tokens.on_save = lambda: tweets_seen_at_save.append(x.count("tweets"))
    x.expire_all()
    before = datetime.now(UTC)
    with client(x, tokens) as xc:
        part = xc.post("After two hours")

    assert tweets_seen_at_save == [1]  # the pair was saved after the refused try, before the retry arrived
    ((access, refresh, expires_at),) = tokens.saved
    assert expires_at is not None
    assert access != old_access and refresh != old_refresh
    assert x.tokens.tokens[old_refresh].rotated
    assert before + timedelta(hours=2) <= expires_at <= datetime.now(UTC) + timedelta(hours=2)
    refused, retried = x.seen("tweets")
    assert (bearer_of(refused), bearer_of(retried)) == (old_access, access)
    form = dict(parse_qsl(x.seen("token")[0].body.decode()))
    assert form == {"grant_type": "refresh_token", "refresh_token": old_refresh, "client_id": x.client_id}
    assert part.remote_id == x.tweets[0].id


def test_renewal_during_an_image_upload_serves_the_whole_post(x, tmp_path):
    (tmp_path / "a.png").write_bytes(PNG)
    tokens = signed_in(x)
    x.expire_all()
    with client(x, tokens) as xc:
        xc.post("Picture", images=[tmp_path / "a.png"])
    assert x.count("token") == 1 and x.count("media_upload") == 2 and x.count("tweets") == 1
    assert bearer_of(x.seen("tweets")[0]) == tokens.access


def test_refused_renewal_asks_to_reconnect(x):
    tokens = signed_in(x)
    rotated = requests.post(
        f"{x.api_base}/2/oauth2/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens.refresh, "client_id": x.client_id},
        timeout=TIMEOUT,
    )
    assert rotated.status_code == 200  # someone renewed already: the stored refresh token is spent
    x.expire_all()
    with client(x, tokens) as xc:
        error = publish_error(lambda: xc.post("Too late"))
    assert (error.kind, str(error)) == (FailureKind.AUTH, RECONNECT)
    assert tokens.saved == []
    assert x.count("tweets") == 1


def test_a_second_401_after_renewal_asks_to_reconnect(x):
    tokens = signed_in(x)
    x.fail_next("tweets", 401, {"title": "Unauthorized", "detail": "Unauthorized"}, times=2)
    with client(x, tokens) as xc:
        error = publish_error(lambda: xc.post("Refused twice"))
    assert (error.kind, str(error)) == (FailureKind.AUTH, RECONNECT)
    assert len(tokens.saved) == 1 and x.count("tweets") == 2


def test_401_without_a_refresh_token_asks_to_reconnect(x):
    tokens = MemoryTokens(x.issue_token(), None)
    x.expire_all()
    with client(x, tokens) as xc:
        error = publish_error(lambda: xc.post("No refresh"))
    assert (error.kind, str(error)) == (FailureKind.AUTH, RECONNECT)
    assert x.count("token") == 0


def test_a_damaged_stored_token_is_not_sent_nor_repeated(x):
    tokens = MemoryTokens("x-access-abc\ndef", None)
    with client(x, tokens) as xc:
        error = publish_error(lambda: xc.post("Hi"))
    assert error.kind is FailureKind.AUTH
    assert "abc" not in str(error)
    assert x.received == []


# -- classification -----------------------------------------------------------------------------------------
def test_duplicate(x):
    with client(x, signed_in(x)) as xc:
        xc.post("Same words")
        error = publish_error(lambda: xc.post("Same words"))
    assert error.kind is FailureKind.DUPLICATE
    assert len(x.tweets) == 1


def test_other_403_is_permanent_with_x_detail(x):
    x.fail_next(
        "tweets", 403, {"title": "Forbidden", "detail": "You are not permitted to perform this action."}
    )
    with client(x, signed_in(x)) as xc:
        error = publish_error(lambda: xc.post("Policy"))
    assert error.kind is FailureKind.PERMANENT
    assert str(error) == "X refused the post: You are not permitted to perform this action."


def test_400_is_permanent_with_the_detail(x):
    with client(x, signed_in(x)) as xc:
        error = publish_error(lambda: xc.post("Reply to nothing", reply_to="1"))
    assert error.kind is FailureKind.PERMANENT
    assert str(error) == (
        "X refused the post: One or more parameters to your request was invalid "
        "(The post you are replying to does not exist)."
    )


def test_429_with_reset_is_rate_limited_until_the_reset(x):
    x.set_rate_limit("tweets", 1)
    with client(x, signed_in(x)) as xc:
        xc.post("One")
        error = publish_error(lambda: xc.post("Two"))
    assert error.kind is FailureKind.RATE_LIMITED
    # The fake's clock stands still: its 15-minute window opened at "now" with the first post.
    assert error.retry_at == datetime.fromtimestamp(int(x.clock.now() + 900), UTC)
    assert "rate limit" in str(error)


def test_429_of_the_24_hour_limit_waits_for_its_reset(x):
    x.user_24h_limit = 1
    with client(x, signed_in(x)) as xc:
        xc.post("One")
        error = publish_error(lambda: xc.post("Two"))
    assert error.kind is FailureKind.RATE_LIMITED
    assert error.retry_at is not None
    assert error.retry_at > datetime.now(UTC) + timedelta(hours=23)


def test_429_without_headers_waits_15_minutes(x):
    x.fail_next("tweets", 429, {"title": "Too Many Requests", "detail": "Too Many Requests"})
    before = datetime.now(UTC)
    with client(x, signed_in(x)) as xc:
        error = publish_error(lambda: xc.post("Hi"))
    assert error.kind is FailureKind.RATE_LIMITED
    assert error.retry_at is not None
    assert before + timedelta(minutes=15) <= error.retry_at <= datetime.now(UTC) + timedelta(minutes=15)


@pytest.mark.parametrize("host", ["https://api.x.com", "https://api.twitter.com"])
def test_usage_capped_on_both_problem_hosts(x, host):
    x.problem_host = host
    x.usage_capped = True
    with client(x, signed_in(x)) as xc:
        error = publish_error(lambda: xc.post("Hi"))
    assert error.kind is FailureKind.USAGE_CAPPED
    assert error.retry_at is None
    assert "Usage cap exceeded: Monthly product cap" in str(error)


@pytest.mark.parametrize("host", ["https://api.x.com", "https://api.twitter.com"])
def test_invalid_request_on_both_problem_hosts(x, host):
    x.problem_host = host
    x.fail_next("tweets", 400, {"type": f"{host}/2/problems/invalid-request", "detail": "Bad."})
    with client(x, signed_in(x)) as xc:
        assert publish_error(lambda: xc.post("Hi")).kind is FailureKind.PERMANENT


def test_503_is_transient(x):
    x.fail_next("tweets", 503, {"title": "Service Unavailable"})
    with client(x, signed_in(x)) as xc:
        error = publish_error(lambda: xc.post("Hi"))
    assert error.kind is FailureKind.TRANSIENT
    assert "HTTP 503" in str(error)
    assert x.count("tweets") == 1  # the client does not retry by itself


def test_read_timeout_after_the_post_left_is_unknown_outcome(x):
    x.delay_next("tweets", 5.0)  # handled at once (the post exists), answered too late
    with client(x, signed_in(x), timeout=0.3) as xc:
        error = publish_error(lambda: xc.post("Late answer"))
    assert error.kind is FailureKind.UNKNOWN_OUTCOME
    assert [t.text for t in x.tweets] == ["Late answer"]


def test_read_timeout_on_an_image_upload_is_transient(x, tmp_path):
    (tmp_path / "a.png").write_bytes(PNG)
    x.delay_next("media_upload", 5.0)
    with client(x, signed_in(x), timeout=0.3) as xc:
        error = publish_error(lambda: xc.post("Picture", images=[tmp_path / "a.png"]))
    assert error.kind is FailureKind.TRANSIENT  # no post can exist: it was never asked for
    assert x.count("tweets") == 0


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_refused_connection_is_transient(x):
    tokens = signed_in(x)
    nowhere = Endpoints(x_api_base=f"http://127.0.0.1:{closed_port()}")
    with XClient(client_id="id", tokens=tokens, username="XDevelopers", endpoints=nowhere, timeout=1) as xc:
        error = publish_error(lambda: xc.post("Hi"))
    assert error.kind is FailureKind.TRANSIENT


@contextlib.contextmanager
def hang_up_after_the_request() -> Iterator[str]:
    """A server that reads the request, then resets the connection instead of answering."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(TIMEOUT)
    got: list[bytes] = []

    def serve() -> None:
        with contextlib.suppress(OSError), listener.accept()[0] as conn:
            got.append(conn.recv(65536))
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        thread.join(TIMEOUT)
        listener.close()
        assert got and got[0].startswith(b"POST /2/tweets ")


def test_connection_reset_after_the_post_left_is_unknown_outcome():
    with hang_up_after_the_request() as base:
        tokens = MemoryTokens("x-access-token", None)
        endpoints_ = Endpoints(x_api_base=base)
        with XClient(client_id="id", tokens=tokens, username="u", endpoints=endpoints_, timeout=2) as xc:
            error = publish_error(lambda: xc.post("Hi"))
    assert error.kind is FailureKind.UNKNOWN_OUTCOME


class Raising(BaseAdapter):
    """A transport that fails the way urllib3 and requests report a given network failure."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def send(self, request: Any, *args: Any, **kwargs: Any) -> requests.Response:
        raise self.error

    def close(self) -> None:
        pass


URL = "/2/tweets"
POOL = HTTPConnectionPool("127.0.0.1")  # never connects: only named in the errors below
REFUSED = NewConnectionError(HTTPConnection("127.0.0.1"), "Connection refused")
CERTIFICATE = Urllib3SSLError(ssl.SSLCertVerificationError(1, "certificate verify failed"))
# What requests raises for each failure (as urllib3 wraps it), and whether the request had left by then.
NETWORK_FAILURES: dict[str, tuple[requests.RequestException, bool]] = {
    "connect timeout": (requests.ConnectTimeout(MaxRetryError(POOL, URL, ConnectTimeoutError("t"))), False),
    "refused": (requests.ConnectionError(MaxRetryError(POOL, URL, REFUSED)), False),
    "proxy refused": (requests.exceptions.ProxyError("proxy"), False),
    "certificate refused": (requests.exceptions.SSLError(MaxRetryError(POOL, URL, CERTIFICATE)), False),
    "read timeout": (requests.ReadTimeout(ReadTimeoutError(POOL, URL, "Read timed out.")), True),
    "reset": (
        requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError(104))),
        True,
    ),
    "cut body": (requests.exceptions.ChunkedEncodingError(ProtocolError("Connection broken")), True),
    "TLS broke while reading": (requests.exceptions.SSLError(Urllib3SSLError("bad record mac")), True),
}


@pytest.mark.parametrize("name", NETWORK_FAILURES)
@pytest.mark.parametrize("with_image", [False, True])
def test_network_failures_are_transient_unless_the_post_may_exist(x, tmp_path, name, with_image):
    error, after_sending = NETWORK_FAILURES[name]
    (tmp_path / "a.png").write_bytes(PNG)
    with requests.Session() as session:
        session.mount("http://", Raising(error))
        with client(x, signed_in(x), session=session) as xc:
            images = [tmp_path / "a.png"] if with_image else []
            failure = publish_error(lambda: xc.post("Hi", images=images))
    # Only the request that creates the post can leave an unknown outcome; an upload that got no
    # answer created nothing anyone sees.
    unknown = after_sending and not with_image
    assert failure.kind is (FailureKind.UNKNOWN_OUTCOME if unknown else FailureKind.TRANSIENT)
    assert "\n" not in str(failure)


# -- secrets ------------------------------------------------------------------------------------------------
def chain(error: BaseException | None) -> list[str]:
    texts = []
    while error is not None:
        texts.append(f"{error!s} {error!r}")
        error = error.__cause__ or error.__context__
    return texts


def test_no_token_code_or_verifier_reaches_a_message_or_a_log_record(x, insecure, caplog):
    caplog.set_level(logging.DEBUG)
    messages: list[str] = []
    _, access, refresh = sign_in(x, Browser(x))
    tokens = MemoryTokens(access, refresh)
    spent_refresh = refresh
    x.expire_all()
    with client(x, tokens) as xc:
        xc.post("Renewed on the way")  # 401, renewal, retry
    x.delay_next("tweets", 5.0)
    with client(x, tokens, timeout=0.3) as xc:
        messages += chain(publish_error(lambda: xc.post("Late")))
    x.expire_all()
    with client(x, MemoryTokens(tokens.access, spent_refresh)) as xc:
        messages += chain(publish_error(lambda: xc.post("Spent refresh token")))
    with pytest.raises(AccountError) as late_code:
        sign_in(x, Browser(x, before_redirect=lambda: x.clock.advance(31)))
    messages += chain(late_code.value)

    verifiers = {dict(parse_qsl(s.body.decode())).get("code_verifier") for s in x.seen("token")}
    secrets = (set(x.tokens.tokens) | set(x.tokens.codes) | verifiers) - {None, ""}
    assert len(secrets) >= 8
    records = [r for r in caplog.records if r.threadName != "browser"]  # the browser is not somedesk
    assert any("/2/oauth2/token" in r.getMessage() for r in records)  # DEBUG logging really was on
    formatter = logging.Formatter()
    texts = messages + [r.getMessage() + formatter.formatException(r.exc_info) for r in records if r.exc_info]
    texts += [r.getMessage() for r in records]
    leaks = [(secret, text) for secret in secrets for text in texts if secret in text]
    assert leaks == []


# -- cancelling a sign-in from somedesk (issue 13: through cancel(), not a request to the receiver) ----


def test_sign_in_cancelled_from_somedesk_ends_the_wait_at_once(x, insecure):
    from somedesk.networks.loopback import SignInCancelled

    cancel = threading.Event()
    opened: list[str] = []  # the person never finishes in the browser...
    presses_cancel = threading.Timer(0.1, cancel.set)  # ...and presses Cancel in somedesk
    presses_cancel.start()
    started = datetime.now(UTC)
    with pytest.raises(SignInCancelled):
        connect_x(
            client_id=x.client_id,
            redirect_uri="http://127.0.0.1:0/callback",
            endpoints=endpoints(x),
            open_browser=opened.append,
            show_url=lambda url: None,
            timeout=TIMEOUT,
            cancel=cancel,
        )
    presses_cancel.join()
    assert (datetime.now(UTC) - started).total_seconds() < 2
    assert opened and x.count("token") == 0


# -- finding a post whose answer was lost (E1) --------------------------------------------------------------
def test_find_own_post_matches_the_text_as_x_gives_it_back(x):
    with client(x, signed_in(x), user_id=x.user.id) as xc:
        first = xc.post("Q&A <today>: https://example.com/launch")
        second = xc.post("Part two", reply_to=first.remote_id)
        assert xc.find_own_post("Q&A <today>: https://example.com/launch") == first
        assert xc.find_own_post("Part two", reply_to=first.remote_id) == second
        assert xc.find_own_post("Part two") is None  # the same words, but not as that reply
        assert xc.find_own_post("Never posted") is None
    seen = x.seen("user_tweets")[0]
    assert seen.path == f"/2/users/{x.user.id}/tweets"
    assert seen.query == {"max_results": "100", "tweet.fields": "referenced_tweets"}  # replies included


def test_find_own_post_asks_who_the_account_is_when_it_does_not_know(x):
    with client(x, signed_in(x)) as xc:
        posted = xc.post("Hello")
        assert xc.find_own_post("Hello") == posted
    assert x.count("users_me") == 1


def test_find_own_post_on_a_plan_without_reads_says_so(x):
    x.reads_forbidden = True
    with client(x, signed_in(x), user_id=x.user.id) as xc:
        error = publish_error(lambda: xc.find_own_post("Hello"))
    assert error.kind is FailureKind.PERMANENT and "your X plan has no reads" in str(error)
