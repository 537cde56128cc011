"""The plumbing both fakes share: scripted answers, recording, clean shutdown, the clock."""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading

import pytest
import requests

from tests.fakes import FakeClock, FakeLinkedIn, FakeX, Reply
from tests.fakes.server import Request

TIMEOUT = 5


@pytest.fixture
def http():
    with requests.Session() as session:
        yield session


def test_fail_next_scripts_status_body_and_headers_for_n_requests(http):
    with FakeX() as x:
        x.fail_next("users_me", 503, {"title": "Service Unavailable"}, headers={"Retry-After": "1"}, times=2)
        url, auth = f"{x.api_base}/2/users/me", {"Authorization": f"Bearer {x.issue_token()}"}
        answers = [http.get(url, headers=auth, timeout=TIMEOUT) for _ in range(3)]
        assert [a.status_code for a in answers] == [503, 503, 200]
        assert answers[0].json() == {"title": "Service Unavailable"}
        assert answers[0].headers["Retry-After"] == "1"
        assert x.count("users_me") == 3


def test_scripting_an_unknown_route_is_a_test_bug():
    with FakeLinkedIn() as li, pytest.raises(ValueError, match="unknown route"):
        li.fail_next("tweets", 500)


def test_unknown_paths_and_methods(http):
    with FakeLinkedIn() as li:
        assert http.get(f"{li.base_url}/nope", timeout=TIMEOUT).status_code == 404
        assert http.get(f"{li.base_url}/rest/posts", timeout=TIMEOUT).status_code == 405
        assert li.received == []


def test_requests_are_recorded_with_lowercase_headers(http):
    with FakeLinkedIn() as li:
        http.post(f"{li.api_base}/rest/posts?x=1", json={"a": 1}, headers={"LinkedIn-Version": "202607"})
        [seen] = li.seen("posts")
        assert (seen.method, seen.path, seen.query, seen.body) == (
            "POST",
            "/rest/posts",
            {"x": "1"},
            b'{"a": 1}',
        )
        assert seen.headers["linkedin-version"] == "202607"


def test_chunked_request_bodies_are_read(http):
    with FakeX() as x:
        token = x.issue_token()
        body = (part for part in [b'{"text": ', b'"chunked"}'])
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        response = http.post(f"{x.api_base}/2/tweets", data=body, headers=headers, timeout=TIMEOUT)
        assert response.status_code == 201
        assert x.tweets[0].text == "chunked"


def test_a_crash_in_a_fake_fails_the_test_that_hit_it(http):
    def boom(request: Request, match: re.Match[str]) -> Reply:
        raise ZeroDivisionError("a bug in the fake")

    fake = FakeX()
    fake.route("GET", "/boom", "boom", boom)
    with pytest.raises(AssertionError, match="ZeroDivisionError"), fake:
        assert http.get(f"{fake.base_url}/boom", timeout=TIMEOUT).status_code == 500


def test_close_does_not_wait_for_idle_keep_alive_connections_and_frees_everything():
    before = threading.active_count()
    session = requests.Session()
    with FakeX() as x:
        port = int(x.base_url.rsplit(":", 1)[1])
        session.get(f"{x.api_base}/2/users/me", timeout=TIMEOUT)  # leaves a kept-alive connection open
        assert threading.active_count() > before
    session.close()
    assert threading.active_count() == before
    with socket.create_server(("127.0.0.1", port)):  # the port is free again
        pass


def test_base_url_needs_a_running_server():
    with pytest.raises(RuntimeError):
        _ = FakeX().base_url


def test_clock_moves_only_when_told():
    clock = FakeClock(start=1_800_000_000.0)
    assert clock.now() == 1_800_000_000.0
    clock.advance(60)
    assert clock.now() == 1_800_000_060.0
    clock.advance_past_utc_midnight()
    moved = dt.datetime.fromtimestamp(clock.now(), dt.UTC)
    assert (moved.hour, moved.minute, moved.second) == (0, 0, 1)


def test_fakes_can_share_one_clock(http):
    clock = FakeClock()
    with FakeX(clock=clock) as x, FakeLinkedIn(clock=clock) as li:
        tokens = x.issue_token(), li.issue_token()
        clock.advance(7200)
        expired = http.get(f"{x.api_base}/2/users/me", headers={"Authorization": f"Bearer {tokens[0]}"})
        fresh = http.get(f"{li.api_base}/v2/userinfo", headers={"Authorization": f"Bearer {tokens[1]}"})
        assert (expired.status_code, fresh.status_code) == (401, 200)
