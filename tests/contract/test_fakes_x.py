"""The fake X holds the contract of api-contracts.md Part B / D (X): driven over real HTTP with `requests`."""

from __future__ import annotations

import base64
import threading
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from requests_oauthlib import OAuth2Session

from tests.fakes import FakeX, pkce_pair

REDIRECT = "http://127.0.0.1:8765/callback"
SCOPES = "tweet.read tweet.write users.read media.write offline.access"
TIMEOUT = 5


@pytest.fixture
def x():
    with FakeX() as fake:
        yield fake


@pytest.fixture
def http():
    with requests.Session() as session:
        yield session


def authorize(x: FakeX, http: requests.Session, **overrides: str) -> requests.Response:
    """Play the browser on the authorize page, without following the redirect."""
    params = {"response_type": "code", "client_id": x.client_id, "redirect_uri": REDIRECT, "scope": SCOPES}
    params |= {"state": "st4te", "code_challenge": "challenge", "code_challenge_method": "plain"}
    params = {k: v for k, v in (params | overrides).items() if v is not None}
    return http.get(
        f"{x.auth_base}/i/oauth2/authorize?{urlencode(params)}", allow_redirects=False, timeout=TIMEOUT
    )


def redirected(response: requests.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["Location"]
    assert location.startswith(REDIRECT + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def sign_in(x: FakeX, http: requests.Session, scope: str = SCOPES) -> dict[str, Any]:
    verifier, challenge = pkce_pair()
    code = redirected(authorize(x, http, scope=scope, code_challenge=challenge, code_challenge_method="S256"))
    form = {"grant_type": "authorization_code", "code": code["code"], "client_id": x.client_id}
    form |= {"redirect_uri": REDIRECT, "code_verifier": verifier}
    response = http.post(f"{x.api_base}/2/oauth2/token", data=form, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    token: dict[str, Any] = response.json()
    return token


def token_request(x: FakeX, http: requests.Session, **form: str) -> requests.Response:
    return http.post(f"{x.api_base}/2/oauth2/token", data={"client_id": x.client_id, **form}, timeout=TIMEOUT)


def api(
    x: FakeX, http: requests.Session, method: str, path: str, token: str, **kwargs: Any
) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"}
    return http.request(method, f"{x.api_base}{path}", headers=headers, timeout=TIMEOUT, **kwargs)


def tweet(x: FakeX, http: requests.Session, token: str, body: dict[str, Any]) -> requests.Response:
    return api(x, http, "POST", "/2/tweets", token, json=body)


# -- D1/D2: authorization code + PKCE ------------------------------------------------------------------------
def test_pkce_sign_in_gives_a_two_hour_bearer_token_and_a_refresh_token(x, http):
    token = sign_in(x, http)
    assert token["token_type"] == "bearer"
    assert token["expires_in"] == 7200
    assert token["scope"] == SCOPES
    assert token["access_token"] and token["refresh_token"]
    assert [t.value for t in x.tokens.of_kind("access")] == [token["access_token"]]


def test_no_refresh_token_without_offline_access(x, http):
    token = sign_in(x, http, scope="tweet.read users.read")
    assert "refresh_token" not in token


def test_authorize_echoes_state_and_plain_challenge_works(x, http):
    query = redirected(authorize(x, http, code_challenge="plain-verifier-plain-verifier-plain-verifier"))
    assert query["state"] == "st4te"
    form = {"grant_type": "authorization_code", "code": query["code"], "redirect_uri": REDIRECT}
    response = token_request(x, http, code_verifier="plain-verifier-plain-verifier-plain-verifier", **form)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "redirect_uri",
    ["http://localhost:8765/callback", "http://127.0.0.1:8766/callback", "http://127.0.0.1:8765/callback/"],
)
def test_authorize_refuses_unregistered_redirects_with_a_page_not_a_redirect(x, http, redirect_uri):
    response = authorize(x, http, redirect_uri=redirect_uri)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "text/html" in response.headers["Content-Type"]


@pytest.mark.parametrize(
    ("override", "error"),
    [
        ({"code_challenge": None}, "invalid_request"),
        ({"code_challenge_method": "S512"}, "invalid_request"),
        ({"response_type": "token"}, "invalid_request"),
        ({"scope": "tweet.read tweet.fly"}, "invalid_scope"),
    ],
)
def test_authorize_errors_go_back_to_the_app_with_state(x, http, override, error):
    query = redirected(authorize(x, http, **override))
    assert query == {"error": error, "error_description": query["error_description"], "state": "st4te"}


def test_deny_mode_redirects_with_access_denied(x, http):
    x.authorize_mode = "deny"
    assert redirected(authorize(x, http)) == {"error": "access_denied", "state": "st4te"}


def test_code_exchange_failures(x, http):
    verifier, challenge = pkce_pair()

    def fresh_code() -> str:
        return redirected(authorize(x, http, code_challenge=challenge, code_challenge_method="S256"))["code"]

    good = {"grant_type": "authorization_code", "redirect_uri": REDIRECT, "code_verifier": verifier}
    wrong_verifier = token_request(x, http, **(good | {"code": fresh_code(), "code_verifier": "nope" * 12}))
    wrong_redirect = token_request(x, http, **(good | {"code": fresh_code(), "redirect_uri": REDIRECT + "/"}))
    code = fresh_code()
    assert token_request(x, http, **good, code=code).status_code == 200
    reused = token_request(x, http, **good, code=code)
    late_code = fresh_code()
    x.clock.advance(31)  # codes live 30 seconds
    expired = token_request(x, http, **good, code=late_code)
    for response in (wrong_verifier, wrong_redirect, reused, expired):
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_request"
        assert response.json()["error_description"] == "Value passed for the authorization code was invalid."


def test_public_client_must_send_client_id_in_the_body(x, http):
    form = {"grant_type": "authorization_code", "code": "whatever", "redirect_uri": REDIRECT}
    response = http.post(f"{x.api_base}/2/oauth2/token", data=form, timeout=TIMEOUT)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_confidential_client_needs_basic_auth(http):
    with FakeX(client_secret="s3cret") as x:
        verifier, challenge = pkce_pair()
        query = redirected(authorize(x, http, code_challenge=challenge, code_challenge_method="S256"))
        form = {"grant_type": "authorization_code", "code": query["code"], "redirect_uri": REDIRECT}
        form["code_verifier"] = verifier
        missing = token_request(x, http, **form)
        assert missing.status_code == 401
        assert missing.json() == {
            "error": "unauthorized_client",
            "error_description": "Missing valid authorization header",
        }
        url = f"{x.api_base}/2/oauth2/token"
        ok = http.post(url, data=form, auth=(x.client_id, "s3cret"), timeout=TIMEOUT)
        assert ok.status_code == 200


def test_token_endpoint_wants_a_form_body(x, http):
    response = http.post(
        f"{x.api_base}/2/oauth2/token", json={"grant_type": "refresh_token"}, timeout=TIMEOUT
    )
    assert response.status_code == 400


# -- D3/D4: expiry, refresh rotation, revoke --------------------------------------------------------------
def test_expired_token_gets_problem_json_401_then_a_refresh_fixes_it(x, http):
    token = sign_in(x, http)
    x.expire_all()
    expired = api(x, http, "GET", "/2/users/me", token["access_token"])
    assert expired.status_code == 401
    assert expired.headers["Content-Type"] == "application/problem+json"
    assert expired.json() == {
        "title": "Unauthorized",
        "type": "about:blank",
        "status": 401,
        "detail": "Unauthorized",
    }
    refreshed = token_request(x, http, grant_type="refresh_token", refresh_token=token["refresh_token"])
    assert refreshed.status_code == 200
    assert api(x, http, "GET", "/2/users/me", refreshed.json()["access_token"]).status_code == 200


def test_the_clock_expires_access_tokens_after_two_hours(x, http):
    token = sign_in(x, http)["access_token"]
    x.clock.advance(7199)
    assert api(x, http, "GET", "/2/users/me", token).status_code == 200
    x.clock.advance(1)
    assert api(x, http, "GET", "/2/users/me", token).status_code == 401


def test_refresh_rotates_and_an_old_refresh_token_fails(x, http):
    first = sign_in(x, http)
    second = token_request(x, http, grant_type="refresh_token", refresh_token=first["refresh_token"]).json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    reused = token_request(x, http, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert reused.status_code == 400
    assert reused.json() == {
        "error": "invalid_request",
        "error_description": "Value passed for the token was invalid.",
    }
    third = token_request(x, http, grant_type="refresh_token", refresh_token=second["refresh_token"])
    assert third.status_code == 200


def test_concurrent_refreshes_with_the_same_token_have_one_winner(x):
    with requests.Session() as http:
        refresh_token = sign_in(x, http)["refresh_token"]
    statuses: list[int] = []
    barrier = threading.Barrier(4)

    def refresh() -> None:
        barrier.wait()
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": x.client_id}
        statuses.append(requests.post(f"{x.api_base}/2/oauth2/token", data=form, timeout=TIMEOUT).status_code)

    threads = [threading.Thread(target=refresh) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 400, 400, 400]


def test_revoke_ends_a_token(x, http):
    token = sign_in(x, http)["access_token"]
    form = {"token": token, "client_id": x.client_id, "token_type_hint": "access_token"}
    response = http.post(f"{x.api_base}/2/oauth2/revoke", data=form, timeout=TIMEOUT)
    assert response.json() == {"revoked": True}
    assert api(x, http, "GET", "/2/users/me", token).status_code == 401


# -- D5: users/me --------------------------------------------------------------------------------------------
def test_users_me(x, http):
    token = sign_in(x, http)["access_token"]
    response = api(x, http, "GET", "/2/users/me", token, params={"user.fields": "profile_image_url"})
    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["id"], data["name"], data["username"]) == ("2244994945", "X Dev", "XDevelopers")
    assert "profile_image_url" in data
    assert int(response.headers["x-rate-limit-limit"]) == 75


def test_users_me_needs_users_read(x, http):
    response = api(x, http, "GET", "/2/users/me", x.issue_token(["tweet.read"]))
    assert response.status_code == 403


# -- D6/D7/D10: posting -------------------------------------------------------------------------------------
def test_post_and_thread(x, http):
    token = x.issue_token()
    first = tweet(x, http, token, {"text": "Part one"})
    assert first.status_code == 201
    first_id = first.json()["data"]["id"]
    assert first.json()["data"]["text"] == "Part one"
    second = tweet(x, http, token, {"text": "Part two", "reply": {"in_reply_to_tweet_id": first_id}})
    assert second.status_code == 201
    assert [(t.text, t.reply_to) for t in x.tweets] == [("Part one", None), ("Part two", first_id)]
    assert x.count("tweets") == 2


def test_reply_to_a_post_that_does_not_exist_is_refused(x, http):
    response = tweet(x, http, x.issue_token(), {"text": "Hi", "reply": {"in_reply_to_tweet_id": "1"}})
    assert response.status_code == 400
    assert x.tweets == []


def test_duplicate_text_is_403(x, http):
    token = x.issue_token()
    assert tweet(x, http, token, {"text": "Same words"}).status_code == 201
    again = tweet(x, http, token, {"text": "Same words"})
    assert again.status_code == 403
    assert again.json()["detail"] == "You are not allowed to create a Tweet with duplicate content."
    assert len(x.tweets) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"text": "Hi", "visibility": "PUBLIC"},  # closed schema
        {"text": "Hi", "reply": {"in_reply_to_tweet_id": "1", "extra": True}},
        {"text": "x" * 281},
        {"text": "漢" * 141},  # CJK weighs 2: 282
        {"text": ""},
        {"text": "Hi", "media": {"media_ids": ["1", "2", "3", "4", "5"]}},
        {"text": "Hi", "media": {"media_ids": ["1880028106020515840"]}},  # not uploaded
        {"text": 12},
    ],
)
def test_invalid_posts_are_400_invalid_request(x, http, body):
    response = tweet(x, http, x.issue_token(), body)
    assert response.status_code == 400
    problem = response.json()
    assert problem["type"] == "https://api.x.com/2/problems/invalid-request"
    assert problem["title"] == "Invalid Request"
    assert problem["errors"][0]["message"]
    assert x.tweets == []


def test_weighted_length_counts_urls_as_23_and_allows_exactly_280(x, http):
    token = x.issue_token()
    assert tweet(x, http, token, {"text": "x" * 280}).status_code == 201
    assert tweet(x, http, token, {"text": "漢" * 140}).status_code == 201
    assert tweet(x, http, token, {"text": "y" * 256 + " https://example.com/" + "z" * 500}).status_code == 201
    assert tweet(x, http, token, {"text": "w" * 257 + " https://example.com/z"}).status_code == 400


def test_posting_needs_tweet_write(x, http):
    response = tweet(x, http, x.issue_token(["tweet.read", "users.read"]), {"text": "Hi"})
    assert response.status_code == 403


# -- D8/D9: limits, transient failures, unknown outcome -----------------------------------------------------
def test_rate_limit_429_with_reset_then_ok_after_the_reset(x, http):
    token = x.issue_token()
    x.set_rate_limit("tweets", 2)
    start = x.clock.now()
    ok = tweet(x, http, token, {"text": "one"})
    assert ok.headers["x-rate-limit-remaining"] == "1"
    assert tweet(x, http, token, {"text": "two"}).status_code == 201
    limited = tweet(x, http, token, {"text": "three"})
    assert limited.status_code == 429
    assert limited.json()["title"] == "Too Many Requests"
    assert limited.headers["x-rate-limit-limit"] == "2"
    assert limited.headers["x-rate-limit-remaining"] == "0"
    reset = int(limited.headers["x-rate-limit-reset"])
    assert reset == int(start + 900)
    x.clock.advance(reset - x.clock.now() + 1)
    assert tweet(x, http, token, {"text": "three"}).status_code == 201


def test_24_hour_user_limit_headers(x, http):
    x.user_24h_limit = 1
    token = x.issue_token()
    first = tweet(x, http, token, {"text": "one"})
    assert first.headers["x-user-limit-24hour-limit"] == "1"
    assert first.headers["x-user-limit-24hour-remaining"] == "0"
    assert tweet(x, http, token, {"text": "two"}).status_code == 429


def test_usage_capped_429_is_told_apart_by_its_type(x, http):
    x.usage_capped = True
    response = tweet(x, http, x.issue_token(), {"text": "Hi"})
    assert response.status_code == 429
    assert response.json()["type"].endswith("/2/problems/usage-capped")
    assert response.json()["period"] == "Monthly"


def test_problem_type_host_switch(x, http):
    x.problem_host = "https://api.twitter.com"
    x.usage_capped = True
    capped = tweet(x, http, x.issue_token(), {"text": "Hi"})
    assert capped.json()["type"] == "https://api.twitter.com/2/problems/usage-capped"
    x.usage_capped = False
    invalid = tweet(x, http, x.issue_token(), {"text": ""})
    assert invalid.json()["type"] == "https://api.twitter.com/2/problems/invalid-request"


def test_transient_5xx_then_success(x, http):
    x.fail_next("tweets", 503, {"title": "Service Unavailable"}, times=2)
    token = x.issue_token()
    assert tweet(x, http, token, {"text": "Hi"}).status_code == 503
    assert tweet(x, http, token, {"text": "Hi"}).status_code == 503
    assert tweet(x, http, token, {"text": "Hi"}).status_code == 201
    assert len(x.tweets) == 1
    assert x.count("tweets") == 3


def test_created_then_504_leaves_the_post_and_a_retry_is_a_duplicate(x, http):
    x.create_then_fail()
    token = x.issue_token()
    assert tweet(x, http, token, {"text": "Hi"}).status_code == 504
    assert [t.text for t in x.tweets] == ["Hi"]
    assert tweet(x, http, token, {"text": "Hi"}).status_code == 403


def test_a_late_answer_makes_the_client_time_out_though_the_post_exists(x, http):
    x.delay_next("tweets", 5.0)  # the fake cuts the wait short when it closes
    headers = {"Authorization": f"Bearer {x.issue_token()}"}
    with pytest.raises(requests.ReadTimeout):
        http.post(f"{x.api_base}/2/tweets", json={"text": "Hi"}, headers=headers, timeout=0.2)
    assert [t.text for t in x.tweets] == ["Hi"]


# -- D11: media ----------------------------------------------------------------------------------------------
def test_one_shot_image_upload_then_post_with_it(x, http):
    token = x.issue_token()
    files = {"media": ("a.png", b"\x89PNG fake bytes", "image/png")}
    response = api(
        x, http, "POST", "/2/media/upload", token, files=files, data={"media_category": "tweet_image"}
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["media_key"] == f"3_{data['id']}"
    assert data["size"] == len(b"\x89PNG fake bytes")
    assert "processing_info" not in data
    assert x.media[data["id"]].data == b"\x89PNG fake bytes"
    posted = tweet(x, http, token, {"text": "With a picture", "media": {"media_ids": [data["id"]]}})
    assert posted.status_code == 201
    assert x.tweets[0].media_ids == [data["id"]]


def test_one_shot_upload_as_json_base64(x, http):
    body = {
        "media": base64.b64encode(b"GIF89a").decode(),
        "media_category": "tweet_image",
        "media_type": "image/png",
    }
    response = api(x, http, "POST", "/2/media/upload", x.issue_token(), json=body)
    assert response.status_code == 200
    assert response.json()["data"]["image"] == {"image_type": "image/png"}


def test_image_over_5_mb_is_refused(x, http):
    files = {"media": ("big.jpg", b"\0" * (5 * 1024 * 1024 + 1), "image/jpeg")}
    data = {"media_category": "tweet_image"}
    response = api(x, http, "POST", "/2/media/upload", x.issue_token(), files=files, data=data)
    assert response.status_code == 400
    assert x.media == {}


def test_chunked_video_upload_is_processed_before_it_can_be_posted(x, http):
    x.processing_polls = 2
    token = x.issue_token()
    video = b"0123456789" * 300
    init = api(x, http, "POST", "/2/media/upload/initialize", token, json={
        "media_type": "video/mp4", "total_bytes": len(video), "media_category": "tweet_video",
    })  # fmt: skip
    media_id = init.json()["data"]["id"]
    assert init.json()["data"]["media_key"] == f"13_{media_id}"
    for index, start in enumerate(range(0, len(video), 1024)):
        files = {"media": ("chunk", video[start : start + 1024], "application/octet-stream")}
        appended = api(x, http, "POST", f"/2/media/upload/{media_id}/append", token, files=files,
                       data={"segment_index": str(index)})  # fmt: skip
        assert appended.status_code == 200
        assert "expires_at" in appended.json()["data"]
    final = api(x, http, "POST", f"/2/media/upload/{media_id}/finalize", token)
    assert final.json()["data"]["processing_info"]["state"] == "pending"
    assert final.json()["data"]["processing_info"]["check_after_secs"] >= 1
    assert tweet(x, http, token, {"text": "Too early", "media": {"media_ids": [media_id]}}).status_code == 400
    states = []
    for _ in range(2):
        status = api(
            x, http, "GET", "/2/media/upload", token, params={"command": "STATUS", "media_id": media_id}
        )
        states.append(status.json()["data"]["processing_info"]["state"])
    assert states == ["in_progress", "succeeded"]
    assert x.media[media_id].data == video
    assert tweet(x, http, token, {"text": "Watch", "media": {"media_ids": [media_id]}}).status_code == 201


def test_failed_processing_and_short_uploads(x, http):
    x.processing_fails = True
    token = x.issue_token()
    body = {"media_type": "video/mp4", "total_bytes": 4, "media_category": "tweet_video"}
    media_id = api(x, http, "POST", "/2/media/upload/initialize", token, json=body).json()["data"]["id"]
    files = {"media": ("chunk", b"abc", "application/octet-stream")}
    api(
        x, http, "POST", f"/2/media/upload/{media_id}/append", token, files=files, data={"segment_index": "0"}
    )
    short = api(x, http, "POST", f"/2/media/upload/{media_id}/finalize", token)
    assert short.status_code == 400
    files = {"media": ("chunk", b"d", "application/octet-stream")}
    api(
        x, http, "POST", f"/2/media/upload/{media_id}/append", token, files=files, data={"segment_index": "1"}
    )
    assert api(x, http, "POST", f"/2/media/upload/{media_id}/finalize", token).status_code == 200
    status = api(x, http, "GET", "/2/media/upload", token, params={"command": "STATUS", "media_id": media_id})
    assert status.json()["data"]["processing_info"]["state"] == "failed"


def test_media_needs_media_write(x, http):
    files = {"media": ("a.png", b"png", "image/png")}
    token = x.issue_token(["tweet.read", "tweet.write", "users.read"])
    response = api(
        x, http, "POST", "/2/media/upload", token, files=files, data={"media_category": "tweet_image"}
    )
    assert response.status_code == 403


# -- the real OAuth library against the fake ---------------------------------------------------------------
def test_requests_oauthlib_pkce_flow_and_refresh(x, monkeypatch):
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the fake speaks plain HTTP on 127.0.0.1
    with OAuth2Session(x.client_id, redirect_uri=REDIRECT, scope=SCOPES.split(), pkce="S256") as oauth:
        url, state = oauth.authorization_url(f"{x.auth_base}/i/oauth2/authorize")
        assert "code_challenge_method=S256" in url
        with requests.Session() as browser:
            callback = browser.get(url, allow_redirects=False, timeout=TIMEOUT).headers["Location"]
        token = oauth.fetch_token(
            f"{x.api_base}/2/oauth2/token",
            authorization_response=callback,
            include_client_id=True,
            timeout=TIMEOUT,
        )
        assert token["token_type"] == "bearer"
        assert set(token["scope"]) == set(SCOPES.split())
        assert (
            oauth.get(f"{x.api_base}/2/users/me", timeout=TIMEOUT).json()["data"]["username"] == "XDevelopers"
        )
        refreshed = oauth.refresh_token(
            f"{x.api_base}/2/oauth2/token", client_id=x.client_id, timeout=TIMEOUT
        )
        assert refreshed["refresh_token"] != token["refresh_token"]
        posted = oauth.post(
            f"{x.api_base}/2/tweets", json={"text": "Sent by requests-oauthlib"}, timeout=TIMEOUT
        )
        assert posted.status_code == 201
    assert state and x.tweets[0].text == "Sent by requests-oauthlib"


# -- E1: the person's own recent posts ------------------------------------------------------------------
def test_user_tweets_newest_first_as_x_gives_them_back(x, http):
    token = x.issue_token()
    first = tweet(x, http, token, {"text": "Q&A <today>: https://example.com/a"}).json()["data"]["id"]
    second = tweet(x, http, token, {"text": "Part two", "reply": {"in_reply_to_tweet_id": first}})
    second_id = second.json()["data"]["id"]
    params = {"max_results": "5", "tweet.fields": "referenced_tweets,created_at"}
    response = api(x, http, "GET", f"/2/users/{x.user.id}/tweets", token, params=params)
    assert response.status_code == 200 and int(response.headers["x-rate-limit-limit"]) == 900
    body = response.json()
    assert [item["id"] for item in body["data"]] == [second_id, first]
    newest, oldest = body["data"]
    assert newest["referenced_tweets"] == [{"type": "replied_to", "id": first}]
    assert "referenced_tweets" not in oldest  # not a reply
    assert oldest["text"].startswith("Q&amp;A &lt;today&gt;: https://t.co/")  # escaped, links shortened
    assert body["meta"] == {"result_count": 2, "newest_id": second_id, "oldest_id": first}
    plain = api(x, http, "GET", f"/2/users/{x.user.id}/tweets", token, params={"exclude": "replies"}).json()
    assert [item["id"] for item in plain["data"]] == [first] and "referenced_tweets" not in plain["data"][0]


def test_user_tweets_without_posts_has_no_data(x, http):
    response = api(x, http, "GET", f"/2/users/{x.user.id}/tweets", x.issue_token())
    assert response.status_code == 200 and response.json() == {"meta": {"result_count": 0}}


def test_user_tweets_checks_max_results_and_scopes(x, http):
    token = x.issue_token()
    path = f"/2/users/{x.user.id}/tweets"
    assert api(x, http, "GET", path, token, params={"max_results": "4"}).status_code == 400
    assert api(x, http, "GET", path, token, params={"max_results": "101"}).status_code == 400
    assert api(x, http, "GET", path, x.issue_token(["users.read"])).status_code == 403


def test_user_tweets_on_a_plan_without_reads_is_403_client_forbidden(x, http):
    x.reads_forbidden = True
    response = api(x, http, "GET", f"/2/users/{x.user.id}/tweets", x.issue_token())
    assert response.status_code == 403
    problem = response.json()
    assert problem["type"].endswith("/2/problems/client-forbidden")
    assert problem["reason"] == "client-not-enrolled" and problem["title"] == "Client Forbidden"
