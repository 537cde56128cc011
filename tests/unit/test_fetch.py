"""Downloads (sources/fetch.py): an overall deadline however slowly a server trickles bytes, and redirects
judged before they are followed (issue 13). Every server is real, on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from somedesk.sources.fetch import Unavailable, download, host_is_private, is_private_ip, redirect_refusal
from tests.fakes.files import FileServer
from tests.fakes.trickle import TrickleServer
from tests.unit.test_policyfile import self_signed

DEADLINE = 2.0  # the download's budget in these tests; the product's is 10 s (at most 30 s)
SLACK = 1.5  # how much later than its deadline a download may end on a busy machine


def fetch(url: str, timeout: float = DEADLINE) -> tuple[str, float]:
    """The Unavailable reason a download ends with, and how long it took."""
    began = time.monotonic()
    with pytest.raises(Unavailable) as failure:
        download(url, timeout=timeout, max_bytes=10_000_000, too_big="too big")
    return failure.value.reason, time.monotonic() - began


@pytest.fixture
def tls(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    pytest.importorskip("cryptography")
    cert, key = self_signed(tmp_path_factory.mktemp("tls"))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    return cert, key


@pytest.fixture
def trickling() -> Iterator[list[TrickleServer]]:
    servers: list[TrickleServer] = []
    yield servers
    for server in servers:
        server.stop()


BODY_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nContent-Length: 100000\r\n\r\nBEGIN:VCALENDAR\r\n"
)


# The overall deadline ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "head"),
    [
        ("a body one byte a second", BODY_HEAD),
        ("a body without a length", b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nBEGIN:VCALENDAR\r\n"),
        ("headers one byte a second", b"HTTP/1.1 200 OK\r\n"),
    ],
)
def test_a_server_trickling_one_byte_a_second_is_cut_at_the_deadline(
    trickling: list[TrickleServer], case: str, head: bytes
) -> None:
    server = TrickleServer(head, b"X-Slow: " + b"x" * 1000 if "headers" in case else b"x" * 100_000)
    trickling.append(server)
    reason, took = fetch(server.url())
    assert reason == f"could not be reached (timed out after {DEADLINE:g} s)"
    assert DEADLINE - 0.1 <= took < DEADLINE + SLACK
    assert server.bytes_sent >= 1  # every byte came well within requests' per-read timeout


def test_the_deadline_holds_over_https(trickling: list[TrickleServer], tls: tuple[Path, Path]) -> None:
    # TLS takes the socket over; the deadline still ends the read waiting on it.
    server = TrickleServer(BODY_HEAD, b"x" * 100_000, tls=tls)
    trickling.append(server)
    reason, took = fetch(server.url())
    assert reason == f"could not be reached (timed out after {DEADLINE:g} s)"
    assert took < DEADLINE + SLACK


def test_a_quick_server_is_not_cut(trickling: list[TrickleServer]) -> None:
    body = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (len(body) + 5)
    server = TrickleServer(head + body, b"abcde", interval=0.05)
    trickling.append(server)
    downloaded = download(server.url(), timeout=DEADLINE, max_bytes=1000, too_big="too big")
    assert downloaded.data == body + b"abcde"


# Redirects --------------------------------------------------------------------------------------


@pytest.fixture
def plain() -> Iterator[FileServer]:
    server = FileServer("text/calendar")
    yield server
    server.stop()


def test_an_https_address_redirecting_to_http_on_127_0_0_1_is_refused(
    tls: tuple[Path, Path], plain: FileServer
) -> None:
    plain.answers["/internal/secrets"] = (200, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    # An https server (trusted through the test CA) whose only answer is the redirect.
    server = TrickleServer(
        b"HTTP/1.1 302 Found\r\nLocation: " + plain.url("/internal/secrets").encode() + b"\r\n"
        b"Content-Length: 0\r\n\r\n",
        b"",
        tls=tls,
    )
    try:
        reason, _ = fetch(server.url())
    finally:
        server.stop()
    assert reason == "could not be used (the server redirects from https to an insecure http address)"
    assert plain.requests == 0  # not a single request reached the internal address


def test_a_redirect_between_local_addresses_is_followed(plain: FileServer) -> None:
    body = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    plain.answers["/moved.ics"] = (200, body)
    server = TrickleServer(
        b"HTTP/1.1 301 Moved\r\nLocation: "
        + plain.url("/moved.ics").encode()
        + b"\r\nContent-Length: 0\r\n\r\n",
        b"",
    )
    try:
        downloaded = download(server.url(), timeout=DEADLINE, max_bytes=1000, too_big="too big")
    finally:
        server.stop()
    assert downloaded.data == body


def test_a_redirect_loop_ends_with_one_line(trickling: list[TrickleServer]) -> None:
    loop = TrickleServer(
        b"HTTP/1.1 302 Found\r\nLocation: /again\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", b""
    )
    trickling.append(loop)
    reason, _ = fetch(loop.url())
    assert reason == "could not be reached (more than 5 redirects)"
    assert loop.connections >= 6


# Which addresses are private: pure rules ------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.1.2.3",
        "10.0.0.5",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::7f00:1",
        "[::1]",
        "fe80::1%eth0",
    ],
)
def test_private_loopback_and_link_local_addresses_are_private(address: str) -> None:
    assert is_private_ip(address)


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "calendar"]
)
def test_public_addresses_and_names_are_not_private_ips(address: str) -> None:
    assert not is_private_ip(address)


DNS = {
    "calendar.example.com": ["93.184.216.34"],
    "cdn.example.net": ["2606:4700::1111"],
    "intranet.example.com": ["10.1.2.3"],
    "rebind.example.com": ["93.184.216.35", "127.0.0.1"],  # one private answer is enough to refuse
}


def resolve(host: str) -> list[str]:
    return DNS.get(host, [])


def test_a_name_is_private_when_any_of_its_addresses_is() -> None:
    assert host_is_private("intranet.example.com", resolve)
    assert host_is_private("rebind.example.com", resolve)
    assert host_is_private("LOCALHOST.", resolve) and host_is_private("app.localhost", resolve)
    assert not host_is_private("calendar.example.com", resolve)


@pytest.mark.parametrize(
    ("source", "target", "refused"),
    [
        ("https://calendar.example.com/a.ics", "https://cdn.example.net/a.ics", None),
        (
            "https://calendar.example.com/a.ics",
            "https://intranet.example.com/a.ics",
            "to a private or local one",
        ),
        ("https://calendar.example.com/a.ics", "https://10.0.0.1/a.ics", "to a private or local one"),
        ("https://calendar.example.com/a.ics", "https://[::1]:8080/a.ics", "to a private or local one"),
        (
            "https://calendar.example.com/a.ics",
            "https://rebind.example.com/a.ics",
            "to a private or local one",
        ),
        (
            "https://calendar.example.com/a.ics",
            "http://cdn.example.net/a.ics",
            "from https to an insecure http",
        ),
        ("https://calendar.example.com/a.ics", "file:///etc/passwd", "not http or https"),
        ("http://calendar.example.com/a.ics", "https://cdn.example.net/a.ics", None),  # an upgrade is fine
        ("https://intranet.example.com/a.ics", "https://10.0.0.9/a.ics", None),  # private to private
        ("https://127.0.0.1:8443/a.ics", "https://localhost/b.ics", None),
    ],
)
def test_redirects_are_judged_before_they_are_followed(source: str, target: str, refused: str | None) -> None:
    reason = redirect_refusal(source, target, resolve)
    if refused is None:
        assert reason is None
    else:
        assert reason is not None and refused in reason


# Each caller: calendars, feeds, the policy -------------------------------------------------------


def test_calendars_feeds_and_the_policy_all_end_at_their_deadline(
    trickling: list[TrickleServer], tls: tuple[Path, Path], tmp_path: Path
) -> None:
    from somedesk.core.errors import PolicyError
    from somedesk.sources.calendars import fetch_calendar
    from somedesk.sources.feeds import FeedError, fetch_feed
    from somedesk.sources.policyfile import load_policy

    server = TrickleServer(BODY_HEAD, b"x" * 100_000, tls=tls)
    trickling.append(server)
    timed_out = f"timed out after {DEADLINE:g} s"

    def calendar() -> None:
        fetch_calendar(server.url(), DEADLINE)

    def feed() -> None:
        fetch_feed(server.url("/feed.xml"), timeout=DEADLINE)

    def policy() -> None:
        load_policy(server.url("/policy.toml"), base_dir=tmp_path, cache_dir=tmp_path / "p", timeout=DEADLINE)

    for reader, error in ((calendar, Unavailable), (feed, FeedError), (policy, PolicyError)):
        began = time.monotonic()
        with pytest.raises(error) as failure:
            reader()
        assert time.monotonic() - began < DEADLINE + SLACK
        assert timed_out in str(failure.value)
