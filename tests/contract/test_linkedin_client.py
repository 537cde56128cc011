"""The LinkedIn sign-in and client against the fake LinkedIn, over real sockets: what arrives at LinkedIn, and
how every answer (or missing answer) is classified for the publisher."""

from __future__ import annotations

import json
import logging
import re
import socket
import ssl
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError, ProtocolError
from urllib3.exceptions import SSLError as Urllib3SSLError

from somedesk.core.model import Network
from somedesk.networks.base import AccountError, Endpoints, FailureKind, PublishError
from somedesk.networks.linkedin import MAX_IMAGE_BYTES, LinkedInClient, connect_linkedin, next_utc_midnight
from somedesk.networks.loopback import SignInCancelled, SignInError
from tests.fakes import FakeLinkedIn
from tests.ports import redirect_port

VERSION = "202607"
MEMBER = "urn:li:person:kfW51gr4Ja"
SECRET = "li-client-secret"
RESERVED = "|{}@[]()<>#\\*_~"
RECONNECT = (
    "LinkedIn no longer accepts the sign-in; reconnect the account (somedesk accounts connect linkedin)"
)


# -- fixtures and helpers ------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redirect_uri() -> str:
    return f"http://127.0.0.1:{redirect_port()}/callback"


@pytest.fixture
def li(redirect_uri: str) -> Iterator[FakeLinkedIn]:
    with FakeLinkedIn(redirect_uris=[redirect_uri]) as fake:
        yield fake


@pytest.fixture
def endpoints(li: FakeLinkedIn) -> Endpoints:
    return Endpoints(linkedin_oauth_base=f"{li.auth_base}/oauth/v2", linkedin_api_base=li.api_base)


@pytest.fixture
def insecure_oauth(monkeypatch: pytest.MonkeyPatch) -> None:
    """oauthlib refuses http:// endpoints unless told; the fake is plain http on 127.0.0.1."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


BROWSER_THREAD = "test browser"  # the person's browser, not somedesk: its requests carry the code by design


class Browser:
    """Plays the person's browser: opens the authorize URL at the fake, which redirects to our receiver."""

    def __init__(self, *, visit: bool = True) -> None:
        self.visit = visit
        self.shown: list[str] = []
        self.opened: list[str] = []
        self.pages: list[requests.Response] = []
        self.errors: list[BaseException] = []
        self._threads: list[threading.Thread] = []

    def show(self, url: str) -> None:
        self.shown.append(url)

    def open(self, url: str) -> bool:
        self.opened.append(url)
        if self.visit:
            thread = threading.Thread(target=self._follow, args=(url,), name=BROWSER_THREAD)
            thread.start()
            self._threads.append(thread)
        return True

    def _follow(self, url: str) -> None:
        try:
            with requests.Session() as session:
                self.pages.append(session.get(url, timeout=5))
        except requests.RequestException as exc:
            self.errors.append(exc)

    def join(self) -> None:
        for thread in self._threads:
            thread.join(5)
        assert not self.errors


def connect(li: FakeLinkedIn, endpoints: Endpoints, redirect_uri: str, browser: Browser, **kw: Any):
    options: dict[str, Any] = {"client_id": li.client_id, "client_secret": SECRET, "timeout": 5.0} | kw
    try:
        return connect_linkedin(
            redirect_uri=redirect_uri,
            endpoints=endpoints,
            open_browser=browser.open,
            show_url=browser.show,
            **options,
        )
    finally:
        browser.join()


@pytest.fixture
def client(li: FakeLinkedIn, endpoints: Endpoints) -> Iterator[LinkedInClient]:
    with LinkedInClient(
        access_token=li.issue_token(), member_urn=MEMBER, api_version=VERSION, endpoints=endpoints, timeout=2
    ) as made:
        yield made


def make_client(li: FakeLinkedIn, endpoints: Endpoints, **kw: Any) -> LinkedInClient:
    options: dict[str, Any] = {"access_token": li.issue_token(), "member_urn": MEMBER, "api_version": VERSION}
    return LinkedInClient(endpoints=endpoints, **(options | {"timeout": 2.0} | kw))


def failure(client: LinkedInClient, text: str = "Hello from somedesk", **kw: Any) -> PublishError:
    with pytest.raises(PublishError) as caught:
        client.post(text, **kw)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300  # one line for the person
    return caught.value


def png(path: Path, width: int = 2, height: int = 2, extra: int = 64) -> Path:
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I4sII", 13, b"IHDR", width, height)
    path.write_bytes(header + b"\x08\x02\x00\x00\x00" + bytes(extra))
    return path


def jpeg(path: Path, width: int, height: int) -> Path:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    path.write_bytes(b"\xff\xd8" + app0 + sof0 + b"\xff\xd9")
    return path


def file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def utc_midnights_around_now() -> set[datetime]:
    now = datetime.now(UTC)
    return {next_utc_midnight(now), next_utc_midnight(now + timedelta(seconds=5))}


# -- sign-in -------------------------------------------------------------------------------------------------
def test_sign_in_end_to_end(li, endpoints, redirect_uri, insecure_oauth):
    browser = Browser()
    before = datetime.now(UTC)
    account, token = connect(li, endpoints, redirect_uri, browser)

    assert account.network is Network.LINKEDIN
    assert (account.user_id, account.handle) == (MEMBER, "Ada Lovelace")
    assert account.expires_at is not None
    assert before + timedelta(days=60) <= account.expires_at <= datetime.now(UTC) + timedelta(days=60)
    assert li.tokens.check(token) is li.tokens.tokens[token]  # a live token of the fake
    # The URL was shown (for copy-paste) and opened; the browser ended on the receiver's thank-you page.
    assert browser.shown == browser.opened
    [page] = browser.pages
    assert page.status_code == 200
    assert page.url.startswith(redirect_uri + "?")
    query = {k: v[0] for k, v in parse_qs(urlsplit(browser.opened[0]).query).items()}
    assert query["scope"] == "openid profile w_member_social"
    assert (query["response_type"], query["redirect_uri"], query["client_id"]) == (
        "code",
        redirect_uri,
        li.client_id,
    )
    assert len(query["state"]) >= 32
    # The code exchange: credentials in the form body, never as Basic auth (LinkedIn refuses that).
    [exchange] = li.seen("token")
    form = {k: v[0] for k, v in parse_qs(exchange.body.decode()).items()}
    assert form["grant_type"] == "authorization_code"
    assert (form["client_id"], form["client_secret"], form["redirect_uri"]) == (
        li.client_id,
        SECRET,
        redirect_uri,
    )
    assert "authorization" not in exchange.headers
    assert li.seen("userinfo")[0].headers["authorization"] == f"Bearer {token}"


def test_a_lent_session_is_used_and_stays_open(li, endpoints, redirect_uri, insecure_oauth):
    with requests.Session() as session:
        session.headers["User-Agent"] = "somedesk-test"
        connect(li, endpoints, redirect_uri, Browser(), session=session)
        assert li.seen("userinfo")[0].headers["user-agent"] == "somedesk-test"
        assert session.get(f"{li.api_base}/v2/userinfo", timeout=5).status_code == 401  # still usable


@pytest.mark.parametrize(
    ("userinfo", "handle"),
    [
        ({"sub": "abc123", "given_name": "Grace", "family_name": "Hopper"}, "Grace Hopper"),
        ({"sub": "abc123", "locale": "en_US"}, "urn:li:person:abc123"),
    ],
)
def test_handle_falls_back_to_given_and_family_name_then_the_urn(
    li, endpoints, redirect_uri, insecure_oauth, userinfo, handle
):
    li.fail_next("userinfo", 200, userinfo)
    account, _ = connect(li, endpoints, redirect_uri, Browser())
    assert (account.user_id, account.handle) == ("urn:li:person:abc123", handle)


def test_sign_in_cancelled_in_the_browser(li, endpoints, redirect_uri, insecure_oauth):
    li.authorize_mode = "deny"
    browser = Browser()
    with pytest.raises(SignInError, match="cancelled in the browser"):
        connect(li, endpoints, redirect_uri, browser)
    assert browser.pages[0].status_code == 400  # the receiver told the browser too
    assert li.count("token") == 0


def test_sign_in_cancelled_from_somedesk(li, endpoints, redirect_uri, insecure_oauth):
    cancel = threading.Event()
    browser = Browser(visit=False)  # the person never finishes in the browser...
    presses_cancel = threading.Timer(0.1, cancel.set)  # ...and presses Cancel in somedesk
    presses_cancel.start()
    started = time.monotonic()
    with pytest.raises(SignInCancelled):
        connect(li, endpoints, redirect_uri, browser, cancel=cancel)
    presses_cancel.join()
    assert time.monotonic() - started < 2
    assert browser.opened and li.count("token") == 0


def test_wrong_client_secret(li, endpoints, redirect_uri, insecure_oauth):
    with pytest.raises(AccountError, match="client ID or client secret") as caught:
        connect(li, endpoints, redirect_uri, Browser(), client_secret="not-the-secret")
    assert "not-the-secret" not in str(caught.value)
    assert li.count("token") == 1


def test_code_refused_by_linkedin(li, endpoints, redirect_uri, insecure_oauth):
    li.code_lifetime = -1  # the code has expired before it is exchanged
    with pytest.raises(AccountError, match=r"invalid_request: Unable to retrieve access token.*redirect_uri"):
        connect(li, endpoints, redirect_uri, Browser())


def test_token_without_posting_permission_is_refused(li, endpoints, redirect_uri, insecure_oauth):
    answer = {"access_token": "tok-1234567890", "expires_in": 5184000, "scope": "openid,profile"}
    li.fail_next("token", 200, answer | {"token_type": "Bearer"})
    with pytest.raises(AccountError, match="Share on LinkedIn"):
        connect(li, endpoints, redirect_uri, Browser())
    assert li.count("userinfo") == 0


def test_extra_granted_scopes_are_fine(li, endpoints, redirect_uri, insecure_oauth):
    token = li.issue_token()
    answer = {"access_token": token, "expires_in": 3600, "scope": "email,openid,profile,w_member_social"}
    li.fail_next("token", 200, answer | {"token_type": "Bearer"})
    account, got = connect(li, endpoints, redirect_uri, Browser())
    assert got == token
    assert account.expires_at is not None
    assert account.expires_at < datetime.now(UTC) + timedelta(seconds=3601)


def test_sign_in_over_plain_http_is_refused_without_the_test_switch(li, endpoints, redirect_uri, monkeypatch):
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)
    browser = Browser()
    with pytest.raises(AccountError, match="does not use https"):
        connect(li, endpoints, redirect_uri, browser)
    assert browser.opened == []


# -- text posts ----------------------------------------------------------------------------------------------
def test_text_post_with_every_reserved_character_arrives_intact(li, client):
    text = f"All of them: {' '.join(RESERVED)} and together {RESERVED}. Lunch (finally) @ noon_ish ~ *bold*"
    posted = client.post(text)
    [post] = li.posts
    assert (post.text, post.truncated) == (text, False)
    assert (posted.remote_id, posted.url) == (post.urn, f"https://www.linkedin.com/feed/update/{post.urn}/")
    [seen] = li.seen("posts")
    assert seen.headers["authorization"] == f"Bearer {li.tokens.of_kind('access')[0].value}"
    assert seen.headers["linkedin-version"] == VERSION
    assert seen.headers["x-restli-protocol-version"] == "2.0.0"
    assert seen.headers["content-type"] == "application/json"
    assert post.visibility == "PUBLIC"


def test_body_is_the_posts_api_shape(li, client):
    client.post("Hello")
    body = li.seen("posts")[0]
    sent = json.loads(body.body)
    assert sent == {
        "author": MEMBER,
        "commentary": "Hello",
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }


def test_hashtags_stay_hashtags(li, client):
    text = "Shipping #python and #qt6 today (finally)! C# and page#top stay text, # alone too"
    client.post(text)
    [post] = li.posts
    assert post.text == text
    assert "#python" in post.commentary and "\\#python" not in post.commentary
    assert "C\\#" in post.commentary and "page\\#top" in post.commentary


def test_percent_encoded_x_restli_id_is_decoded(li, client):
    li.restli_id_encoded = True
    posted = client.post("Encoded id")
    assert posted.remote_id == li.posts[0].urn
    assert posted.url == f"https://www.linkedin.com/feed/update/{li.posts[0].urn}/"


def test_location_header_is_the_fallback_for_the_id(li, client):
    li.fail_next("posts", 201, headers={"Location": "/rest/posts/urn%3Ali%3Ashare%3A7000000000000000001"})
    assert client.post("Located").remote_id == "urn:li:share:7000000000000000001"


def test_created_without_any_id_is_an_unknown_outcome(li, client):
    li.fail_next("posts", 201)
    assert failure(client).kind is FailureKind.UNKNOWN_OUTCOME


def test_reply_to_is_not_a_linkedin_thing(li, client):
    with pytest.raises(ValueError, match="X only"):
        client.post("A reply", reply_to="urn:li:share:1")
    assert li.received == []


def test_empty_and_too_long_posts_are_refused_before_sending(li, client):
    assert failure(client, "   ").kind is FailureKind.PERMANENT
    error = failure(client, "a" * 2990 + "(" * 11)  # 3001 once escaped
    assert error.kind is FailureKind.PERMANENT
    assert "3,000" in str(error)
    assert li.received == []


# -- images --------------------------------------------------------------------------------------------------
def test_post_with_one_image(li, client, tmp_path):
    image = png(tmp_path / "cat.png")
    client.post("A cat", images=[image])
    [post] = li.posts
    [urn] = post.media
    assert li.images[urn].data == image.read_bytes()
    assert li.images[urn].uploads == 1
    init = li.seen("images")[0]
    assert init.query == {"action": "initializeUpload"}
    assert json.loads(init.body) == {"initializeUploadRequest": {"owner": MEMBER}}
    upload = li.seen("upload")[0]
    assert upload.headers["authorization"].startswith("Bearer ")
    assert upload.headers["content-type"] == "image/png"
    assert json.loads(li.seen("posts")[0].body)["content"] == {"media": {"id": urn}}


def test_post_with_two_images(li, client, tmp_path):
    images = [png(tmp_path / "one.png"), jpeg(tmp_path / "two.jpg", 1200, 627)]
    client.post("Two pictures", images=images)
    [post] = li.posts
    assert len(post.media) == 2
    assert [li.images[urn].data for urn in post.media] == [p.read_bytes() for p in images]
    content = json.loads(li.seen("posts")[0].body)["content"]
    assert content == {"multiImage": {"images": [{"id": urn} for urn in post.media]}}
    assert li.seen("upload")[1].headers["content-type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda d: file(d / "notes.png", b"just text, not a picture"), "JPEG, PNG or GIF"),
        (lambda d: file(d / "anim.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 "), "JPEG, PNG or GIF"),
        (lambda d: png(d / "huge.png", extra=MAX_IMAGE_BYTES), "MB"),
        (lambda d: png(d / "wide.png", width=10_000, height=4_000), "pixels"),
        (lambda d: jpeg(d / "wide.jpg", 8_000, 6_000), "pixels"),
        (lambda d: d / "missing.png", "Cannot read"),
    ],
)
def test_bad_images_are_refused_before_any_request(li, client, tmp_path, make, says):
    good = png(tmp_path / "good.png")
    bad = make(tmp_path)
    error = failure(client, images=[good, bad])
    assert error.kind is FailureKind.PERMANENT
    assert says in str(error) and bad.name in str(error)
    assert li.received == []


def test_more_than_twenty_images_are_refused(li, client, tmp_path):
    images = [png(tmp_path / f"{n}.png") for n in range(21)]
    assert failure(client, images=images).kind is FailureKind.PERMANENT
    assert li.received == []


def test_an_image_upload_timeout_is_transient_and_posts_nothing(li, endpoints, tmp_path):
    li.delay_next("upload", 1.0)
    with make_client(li, endpoints, timeout=0.2) as client:
        error = failure(client, images=[png(tmp_path / "cat.png")])
    assert error.kind is FailureKind.TRANSIENT
    assert li.count("posts") == 0


@pytest.mark.parametrize(
    "value",
    [
        {"uploadUrl": "http://uploads.elsewhere.example/up", "image": "urn:li:image:C4E10AQ000000001"},
        {"image": "urn:li:image:C4E10AQ000000001"},
        "not an object",
    ],
)
def test_an_upload_address_not_https_or_no_address_is_refused(li, client, tmp_path, value):
    li.fail_next("images", 200, {"value": value})
    error = failure(client, images=[png(tmp_path / "cat.png")])
    assert error.kind is FailureKind.PERMANENT
    assert "cat.png" in str(error)
    assert li.count("upload") == 0 and li.count("posts") == 0  # the token went nowhere else


def test_an_image_refused_by_linkedin_names_the_image(li, client, tmp_path):
    li.fail_next("images", 400, {"status": 400, "code": "ILLEGAL_ARGUMENT", "message": "Bad owner"})
    error = failure(client, images=[png(tmp_path / "cat.png")])
    assert error.kind is FailureKind.PERMANENT
    assert str(error) == "LinkedIn refused the image cat.png (HTTP 400 ILLEGAL_ARGUMENT: Bad owner)."


# -- classification of LinkedIn's answers --------------------------------------------------------------------
def test_duplicate_names_the_existing_post(li, client):
    first = client.post("Same words twice")
    error = failure(client, "Same words twice")
    assert error.kind is FailureKind.DUPLICATE
    assert error.existing_id == first.remote_id
    assert first.remote_id in str(error)


@pytest.mark.parametrize("status", [502, 504])
def test_created_then_a_gateway_error_is_an_unknown_outcome(li, client, status):
    # A 502/504 comes from a gateway in front of LinkedIn's service: the gateway lost the service's answer,
    # so it tells nothing about whether the post was made. Here it was made (the fake creates, then fails),
    # which is why this is UNKNOWN_OUTCOME, not TRANSIENT: a blind retry could post twice.
    li.create_then_fail(status)
    error = failure(client, "Made, but the answer was lost")
    assert error.kind is FailureKind.UNKNOWN_OUTCOME
    assert "may have been published" in str(error)
    assert len(li.posts) == 1
    # What the publisher can do about it on LinkedIn: a retry within ~10 minutes is answered "duplicate"
    # with the URN of the post that was made, and nothing is posted twice.
    retry = failure(client, "Made, but the answer was lost")
    assert (retry.kind, retry.existing_id) == (FailureKind.DUPLICATE, li.posts[0].urn)
    assert len(li.posts) == 1


def test_read_timeout_after_sending_is_an_unknown_outcome(li, endpoints):
    li.delay_next("posts", 1.0)  # LinkedIn creates the post but answers too late
    started = time.monotonic()
    with make_client(li, endpoints, timeout=0.2) as client:
        error = failure(client, "Slow answer")
    assert time.monotonic() - started < 0.9
    assert error.kind is FailureKind.UNKNOWN_OUTCOME
    assert "0.2 seconds" in str(error)
    assert len(li.posts) == 1
    assert li.count("posts") == 1  # never retried inside the client


@contextmanager
def hang_up_after_the_request() -> Iterator[tuple[str, list[bytes]]]:
    """A server that reads one whole request, then closes the connection without answering."""
    received: list[bytes] = []
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length: *(\d+)", head)[1])  # type: ignore[index]
            while len(body) < length:
                body += conn.recv(65536)
            received.append(body)

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}", received
    finally:
        thread.join(5)
        server.close()


def test_connection_closed_after_sending_is_an_unknown_outcome():
    with hang_up_after_the_request() as (base, received):
        client = LinkedInClient(
            access_token="t0ken",
            member_urn=MEMBER,
            api_version=VERSION,
            endpoints=Endpoints(linkedin_api_base=base),
        )
        with client:
            error = failure(client, "Sent, then silence")
    assert received and b"Sent, then silence" in received[0]
    assert error.kind is FailureKind.UNKNOWN_OUTCOME


def test_connection_refused_is_transient():
    closed = f"http://127.0.0.1:{free_port()}"
    with LinkedInClient(
        access_token="t0ken",
        member_urn=MEMBER,
        api_version=VERSION,
        endpoints=Endpoints(linkedin_api_base=closed),
    ) as client:
        error = failure(client)
    assert error.kind is FailureKind.TRANSIENT
    assert "not sent" in str(error)


class Raising(requests.adapters.BaseAdapter):
    """A transport that fails the way urllib3/requests do, for the failures a socket test cannot stage."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def send(self, *args: Any, **kwargs: Any) -> requests.Response:
        raise self.error

    def close(self) -> None:
        pass


def _max_retry(reason: Exception) -> MaxRetryError:
    return MaxRetryError(None, "/rest/posts", reason)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (
            requests.ConnectTimeout(_max_retry(ConnectTimeoutError("connect timed out"))),
            FailureKind.TRANSIENT,
        ),
        (requests.ConnectionError(_max_retry(NewConnectionError(None, "refused"))), FailureKind.TRANSIENT),  # type: ignore[arg-type]
        (requests.exceptions.ProxyError("cannot connect to proxy"), FailureKind.TRANSIENT),
        (
            requests.exceptions.SSLError(
                _max_retry(Urllib3SSLError(ssl.SSLCertVerificationError("bad cert")))
            ),
            FailureKind.TRANSIENT,
        ),
        (
            requests.exceptions.SSLError(_max_retry(Urllib3SSLError("record layer failure"))),
            FailureKind.UNKNOWN_OUTCOME,
        ),
        (requests.ReadTimeout("read timed out"), FailureKind.UNKNOWN_OUTCOME),
        (
            requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError())),
            FailureKind.UNKNOWN_OUTCOME,
        ),
        (requests.exceptions.ChunkedEncodingError("broken answer"), FailureKind.UNKNOWN_OUTCOME),
        (requests.exceptions.InvalidURL("bad base"), FailureKind.PERMANENT),
    ],
)
def test_transport_failures_of_the_post_itself(error, kind):
    with requests.Session() as session:
        session.mount("https://", Raising(error))
        client = LinkedInClient(
            access_token="t0ken",
            member_urn=MEMBER,
            api_version=VERSION,
            endpoints=Endpoints(),
            session=session,
        )
        assert failure(client).kind is kind


def test_401_is_auth(li, client):
    li.expire_all()
    error = failure(client)
    assert (error.kind, str(error)) == (FailureKind.AUTH, RECONNECT)


def test_unknown_token_is_auth(li, endpoints):
    with make_client(li, endpoints, access_token="made-up") as client:
        assert failure(client).kind is FailureKind.AUTH


def test_missing_posting_permission_asks_to_reconnect(li, endpoints):
    with make_client(li, endpoints, access_token=li.issue_token(["openid", "profile"])) as client:
        error = failure(client)
    assert error.kind is FailureKind.AUTH
    assert "reconnect the account (somedesk accounts connect linkedin)" in str(error)


def test_other_403_is_permanent(li, client):
    li.fail_next("posts", 403, {"status": 403, "code": "FORBIDDEN", "message": "Member is restricted"})
    error = failure(client)
    assert error.kind is FailureKind.PERMANENT
    assert "Member is restricted" in str(error)


def test_426_asks_for_a_current_api_version(li, endpoints):
    with make_client(li, endpoints, api_version="202301") as client:
        error = failure(client)
    assert error.kind is FailureKind.PERMANENT
    assert "[networks.linkedin] api_version" in str(error) and "202301" in str(error)
    assert "config.toml" in str(error) and "YYYYMM" in str(error)
    assert li.posts == []


def test_429_waits_for_the_next_utc_midnight(li, client):
    li.throttle()
    expected = utc_midnights_around_now()
    error = failure(client)
    assert error.kind is FailureKind.RATE_LIMITED
    assert error.retry_at in expected
    assert error.retry_at is not None and error.retry_at.tzinfo is not None
    assert "UTC" in str(error)


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_transient(li, client, status):
    li.fail_next("posts", status, "Service Unavailable")
    error = failure(client)
    assert error.kind is FailureKind.TRANSIENT
    assert f"HTTP {status}" in str(error)
    assert li.posts == []
    assert client.post("Hello from somedesk").remote_id == li.posts[0].urn  # the publisher's retry works


def test_other_4xx_is_permanent_with_linkedins_message(li, client):
    li.fail_next("posts", 400, {"status": 400, "code": "ILLEGAL_ARGUMENT", "message": "Something\nis off"})
    error = failure(client)
    assert error.kind is FailureKind.PERMANENT
    assert str(error) == "LinkedIn refused the post (HTTP 400 ILLEGAL_ARGUMENT: Something is off)."


def test_a_redirect_is_not_followed(li, client):
    li.fail_next("posts", 302, headers={"Location": "https://elsewhere.example/rest/posts"})
    assert failure(client).kind is FailureKind.PERMANENT
    assert li.count("posts") == 1


# -- secrets stay out of messages and logs -------------------------------------------------------------------
def test_no_token_secret_or_code_in_any_message_or_log_record(
    li, endpoints, redirect_uri, insecure_oauth, caplog, tmp_path
):
    caplog.set_level(logging.DEBUG)
    messages: list[str] = []
    account, token = connect(li, endpoints, redirect_uri, Browser())
    with pytest.raises(AccountError) as wrong:
        connect(li, endpoints, redirect_uri, Browser(), client_secret="wrong-secret-value")
    messages.append(str(wrong.value))
    with make_client(li, endpoints, access_token=token, member_urn=account.user_id, timeout=0.5) as client:
        client.post("Hello (with a picture)", images=[png(tmp_path / "cat.png")])
        messages.append(str(failure(client, "Hello (with a picture)")))  # duplicate
        li.delay_next("posts", 1.0)  # a read timeout
        messages.append(str(failure(client, "slow")))
        li.revoke_all()
        messages.append(str(failure(client, "revoked")))

    secrets = {SECRET, "wrong-secret-value", *li.tokens.tokens, *li.tokens.codes}
    assert len(secrets) >= 5  # two client secrets, at least one token and two codes
    ours = [r for r in caplog.records if r.threadName != BROWSER_THREAD]
    logged = [record.getMessage() for record in ours]
    assert any(r.name.startswith("urllib3") for r in caplog.records)  # debug logging really was on
    assert not [
        r for r in caplog.records if r.name.startswith("requests_oauthlib") and r.levelno <= logging.DEBUG
    ]
    for text in messages + logged:
        assert not [s for s in secrets if s in text], text
        assert "Bearer" not in text and "client_secret" not in text
