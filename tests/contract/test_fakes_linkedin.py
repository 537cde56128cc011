"""The fake LinkedIn holds the contract of api-contracts.md Part A and D, over real HTTP with `requests`."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from tests.fakes import FakeLinkedIn, pkce_pair

REDIRECT = "http://127.0.0.1:8765/callback"
SCOPES = "openid profile email w_member_social"
VERSION = "202607"
TIMEOUT = 5
AUTHOR = "urn:li:person:kfW51gr4Ja"


@pytest.fixture
def li():
    with FakeLinkedIn() as fake:
        yield fake


@pytest.fixture
def http():
    with requests.Session() as session:
        yield session


def authorize(li: FakeLinkedIn, http: requests.Session, **overrides: str | None) -> requests.Response:
    params = {"response_type": "code", "client_id": li.client_id, "redirect_uri": REDIRECT, "scope": SCOPES}
    params["state"] = "st4te"
    params = {k: v for k, v in (params | overrides).items() if v is not None}
    url = f"{li.auth_base}/oauth/v2/authorization?{urlencode(params)}"
    return http.get(url, allow_redirects=False, timeout=TIMEOUT)


def redirected(response: requests.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    assert response.headers["Location"].startswith(REDIRECT + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["Location"]).query).items()}


def exchange(li: FakeLinkedIn, http: requests.Session, code: str, **extra: str) -> requests.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    form |= {"client_id": li.client_id, "client_secret": "li-client-secret"} | extra
    form = {k: v for k, v in form.items() if v != "<omit>"}
    return http.post(f"{li.auth_base}/oauth/v2/accessToken", data=form, timeout=TIMEOUT)


def rest_headers(token: str, version: str | None = VERSION, restli: str | None = "2.0.0") -> dict[str, str]:
    headers = {"LinkedIn-Version": version, "X-Restli-Protocol-Version": restli}
    return {"Authorization": f"Bearer {token}"} | {k: v for k, v in headers.items() if v is not None}


def post_body(commentary: str = "Hello from somedesk", **changes: Any) -> dict[str, Any]:
    body = {
        "author": AUTHOR,
        "commentary": commentary,
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    return body | changes


def create_post(
    li: FakeLinkedIn,
    http: requests.Session,
    token: str,
    body: dict[str, Any] | None = None,
    **headers: str | None,
) -> requests.Response:
    url, sent = f"{li.api_base}/rest/posts", rest_headers(token, **headers)
    return http.post(url, json=body or post_body(), headers=sent, timeout=TIMEOUT)


# -- D1/D2: OAuth --------------------------------------------------------------------------------------------
def test_sign_in_gives_a_60_day_token_without_refresh_token(li, http):
    query = redirected(authorize(li, http))
    assert query["state"] == "st4te"
    response = exchange(li, http, query["code"])
    assert response.status_code == 200
    token = response.json()
    assert token["expires_in"] == 5184000
    assert token["scope"] == "openid,profile,email,w_member_social"
    assert token["token_type"] == "Bearer"
    assert token["id_token"].count(".") == 2
    assert "refresh_token" not in token


def test_comma_separated_scopes_are_accepted_too(li, http):
    query = redirected(authorize(li, http, scope="openid,w_member_social"))
    assert exchange(li, http, query["code"]).json()["scope"] == "openid,w_member_social"


def test_partner_mode_gives_refresh_tokens_whose_ttl_does_not_reset(li, http):
    li.refresh_tokens = True
    token = exchange(li, http, redirected(authorize(li, http))["code"]).json()
    assert token["refresh_token_expires_in"] == 31536000
    li.clock.advance(86400)
    form = {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]}
    form |= {"client_id": li.client_id, "client_secret": "li-client-secret"}
    refreshed = http.post(f"{li.auth_base}/oauth/v2/accessToken", data=form, timeout=TIMEOUT).json()
    assert refreshed["access_token"] != token["access_token"]
    assert refreshed["refresh_token_expires_in"] == 31536000 - 86400


@pytest.mark.parametrize(
    "redirect_uri",
    ["http://127.0.0.1:8765/callback/", "http://127.0.0.1:8766/callback", "http://127.0.0.1:8765/callback#x"],
)
def test_unregistered_redirects_get_an_error_page(li, http, redirect_uri):
    response = authorize(li, http, redirect_uri=redirect_uri)
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_query_of_the_redirect_uri_is_ignored_when_matching(li, http):
    response = authorize(li, http, redirect_uri=REDIRECT + "?from=somedesk")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["Location"]).query)["from"] == ["somedesk"]


def test_deny_mode_and_authorize_errors(li, http):
    assert redirected(authorize(li, http, scope="r_liteprofile"))["error"] == "unauthorized_scope_error"
    assert redirected(authorize(li, http, response_type="token"))["error"] == "invalid_request"
    li.authorize_mode = "deny"
    query = redirected(authorize(li, http))
    assert query["error"] == "user_cancelled_authorize"
    assert query["state"] == "st4te"
    assert "code" not in query


def test_code_exchange_failures(li, http):
    wrong_code = exchange(li, http, "not-a-code")
    wrong_redirect = exchange(li, http, redirected(authorize(li, http))["code"], redirect_uri=REDIRECT + "/")
    code = redirected(authorize(li, http))["code"]
    assert exchange(li, http, code).status_code == 200
    reused = exchange(li, http, code)
    late = redirected(authorize(li, http))["code"]
    li.clock.advance(1801)
    expired = exchange(li, http, late)
    for response in (wrong_code, wrong_redirect, reused, expired):
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_request"
        assert response.json()["error_description"].startswith("Unable to retrieve access token")
    bad_secret = exchange(li, http, redirected(authorize(li, http))["code"], client_secret="guess")
    assert bad_secret.status_code == 401


def test_pkce_mode_exchanges_by_verifier_without_secret(li, http):
    li.pkce = True
    assert redirected(authorize(li, http))["error"] == "invalid_request"  # no challenge
    verifier, challenge = pkce_pair()
    code = redirected(authorize(li, http, code_challenge=challenge, code_challenge_method="S256"))["code"]
    assert exchange(li, http, code, client_secret="<omit>", code_verifier="wrong" * 10).status_code == 400
    code = redirected(authorize(li, http, code_challenge=challenge, code_challenge_method="S256"))["code"]
    assert exchange(li, http, code, client_secret="<omit>", code_verifier=verifier).status_code == 200


# -- D3: userinfo --------------------------------------------------------------------------------------------
def test_userinfo_gives_sub_and_a_locale_object(li, http):
    token = li.issue_token()
    response = http.get(
        f"{li.api_base}/v2/userinfo", headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
    )
    assert response.status_code == 200
    info = response.json()
    assert info["sub"] == "kfW51gr4Ja"
    assert info["locale"] == {"country": "US", "language": "en"}
    assert info["name"] == "Ada Lovelace"
    assert info["email_verified"] is True


def test_userinfo_needs_openid(li, http):
    token = li.issue_token(["w_member_social"])
    response = http.get(
        f"{li.api_base}/v2/userinfo", headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
    )
    assert response.status_code == 403
    assert response.json()["code"] == "ACCESS_DENIED"


# -- D4/D5: posts --------------------------------------------------------------------------------------------
def test_text_post_is_201_with_an_empty_body_and_the_urn_in_x_restli_id(li, http):
    response = create_post(li, http, li.issue_token())
    assert response.status_code == 201
    assert response.content == b""
    assert re.fullmatch(r"urn:li:share:\d{19}", response.headers["x-restli-id"])
    [post] = li.posts
    assert (post.urn, post.author, post.text) == (
        response.headers["x-restli-id"],
        AUTHOR,
        "Hello from somedesk",
    )
    assert li.seen("posts")[0].headers["linkedin-version"] == VERSION


def test_x_restli_id_can_come_percent_encoded(li, http):
    li.restli_id_encoded = True
    response = create_post(li, http, li.issue_token())
    assert response.headers["x-restli-id"].startswith("urn%3Ali%3Ashare%3A")


@pytest.mark.parametrize("version", [None, "202301", "2026-07", ""])
def test_missing_or_inactive_version_is_426(li, http, version):
    response = create_post(li, http, li.issue_token(), version=version)
    assert response.status_code == 426
    assert response.json()["code"] == "NONEXISTENT_VERSION"
    assert li.posts == []


def test_restli_protocol_header_is_required(li, http):
    assert create_post(li, http, li.issue_token(), restli=None).status_code == 400
    assert li.posts == []


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"author": "urn:li:person:someoneElse"}, 403, "ACCESS_DENIED"),
        ({"author": "kfW51gr4Ja"}, 400, "INVALID_URN_ID"),
        ({"lifecycleState": "DRAFT"}, 400, None),
        ({"visibility": "EVERYONE"}, 400, None),
        ({"distribution": {}}, 400, None),
        ({"commentary": "a" * 3001}, 400, None),
        ({"content": {"media": {"id": "urn:li:image:nope"}}}, 400, None),
    ],
)
def test_invalid_posts(li, http, changes, status, code):
    response = create_post(li, http, li.issue_token(), post_body(**changes))
    assert response.status_code == status
    assert response.json()["status"] == status
    if code:
        assert response.json()["code"] == code
    assert li.posts == []


def test_3000_characters_are_fine(li, http):
    assert create_post(li, http, li.issue_token(), post_body("a" * 3000)).status_code == 201


def test_unescaped_reserved_character_silently_truncates(li, http):
    response = create_post(li, http, li.issue_token(), post_body("Lunch (finally) at noon"))
    assert response.status_code == 201
    assert li.posts[0].text == "Lunch "
    assert li.posts[0].truncated


def test_escaped_text_mentions_and_hashtags_are_decoded(li, http):
    commentary = r"Lunch \(finally\) \@ noon \#1 with @[Ada](urn:li:person:abc) #python {hashtag|\#|qt}"
    assert create_post(li, http, li.issue_token(), post_body(commentary)).status_code == 201
    assert li.posts[0].text == "Lunch (finally) @ noon #1 with Ada #python #qt"
    assert not li.posts[0].truncated


def test_accept_mode_keeps_unescaped_characters(li, http):
    li.little_text = "accept"
    create_post(li, http, li.issue_token(), post_body("Lunch (finally)"))
    assert li.posts[0].text == "Lunch (finally)"


# -- D6/D7: tokens and scopes --------------------------------------------------------------------------------
def test_expired_revoked_and_unknown_tokens_are_401(li, http):
    token = li.issue_token()
    li.clock.advance(5184000)
    expired = create_post(li, http, token)
    assert (expired.status_code, expired.json()["serviceErrorCode"]) == (401, 65602)
    token = li.issue_token()
    li.revoke_all()
    revoked = create_post(li, http, token)
    assert (revoked.status_code, revoked.json()["code"]) == (401, "REVOKED_ACCESS_TOKEN")
    unknown = create_post(li, http, "made-up")
    assert unknown.json() == {"status": 401, "message": "Invalid access token", "serviceErrorCode": 65600}


def test_expire_all(li, http):
    token = li.issue_token()
    li.expire_all()
    assert create_post(li, http, token).status_code == 401


def test_posting_needs_w_member_social(li, http):
    response = create_post(li, http, li.issue_token(["openid", "profile"]))
    assert response.status_code == 403
    assert response.json()["code"] == "ACCESS_DENIED"


# -- D8/D9/D10: duplicates, throttling, transient failures ------------------------------------------------
def test_same_text_within_ten_minutes_is_422_duplicate_post(li, http):
    token = li.issue_token()
    first = create_post(li, http, token)
    li.clock.advance(599)
    duplicate = create_post(li, http, token)
    assert duplicate.status_code == 422
    body = duplicate.json()
    assert body["errorDetails"]["inputErrors"][0]["code"] == "DUPLICATE_POST"
    assert body["message"].endswith(f"Content is a duplicate of {first.headers['x-restli-id']}")
    li.clock.advance(2)
    assert create_post(li, http, token).status_code == 201


def test_throttle_is_429_without_headers_until_midnight_utc(li, http):
    token = li.issue_token()
    li.throttle()
    throttled = create_post(li, http, token)
    assert throttled.status_code == 429
    assert not [
        h for h in throttled.headers if h.lower().startswith(("x-ratelimit", "x-rate-limit", "retry-after"))
    ]
    li.clock.advance(1)
    assert create_post(li, http, token).status_code == 429
    li.clock.advance_past_utc_midnight()
    assert create_post(li, http, token).status_code == 201


def test_service_unavailable_then_created(li, http):
    li.fail_next("posts", 503, "Service Unavailable")
    token = li.issue_token()
    failed = create_post(li, http, token)
    assert (failed.status_code, failed.text) == (503, "Service Unavailable")
    assert li.posts == []
    assert create_post(li, http, token).status_code == 201
    assert li.count("posts") == 2


def test_created_then_504_and_a_retry_is_told_it_is_a_duplicate(li, http):
    li.create_then_fail()
    token = li.issue_token()
    assert create_post(li, http, token).status_code == 504
    assert len(li.posts) == 1
    retry = create_post(li, http, token)
    assert retry.status_code == 422
    assert li.posts[0].urn in retry.json()["message"]


# -- D11: images ---------------------------------------------------------------------------------------------
def upload_image(li: FakeLinkedIn, http: requests.Session, token: str, data: bytes = b"\x89PNG...") -> str:
    body = {"initializeUploadRequest": {"owner": AUTHOR}}
    url = f"{li.api_base}/rest/images?action=initializeUpload"
    init = http.post(url, json=body, headers=rest_headers(token), timeout=TIMEOUT)
    assert init.status_code == 200
    value = init.json()["value"]
    assert value["uploadUrlExpiresAt"] > li.clock.now() * 1000
    put = http.put(
        value["uploadUrl"], data=data, headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
    )
    assert put.status_code == 201
    return str(value["image"])


def test_image_post(li, http):
    token = li.issue_token()
    image = upload_image(li, http, token)
    assert li.images[image].data == b"\x89PNG..."
    response = create_post(li, http, token, post_body(content={"media": {"id": image, "altText": "A cat"}}))
    assert response.status_code == 201
    assert li.posts[0].media == [image]


def test_multi_image_post_needs_two_to_twenty(li, http):
    token = li.issue_token()
    images = [upload_image(li, http, token) for _ in range(3)]
    one = post_body("one", content={"multiImage": {"images": [{"id": images[0]}]}})
    assert create_post(li, http, token, one).status_code == 400
    three = post_body("three", content={"multiImage": {"images": [{"id": i} for i in images]}})
    assert create_post(li, http, token, three).status_code == 201


def test_upload_needs_the_bearer_token_and_is_one_put(li, http):
    token = li.issue_token()
    body = {"initializeUploadRequest": {"owner": AUTHOR}}
    url = f"{li.api_base}/rest/images?action=initializeUpload"
    value = http.post(url, json=body, headers=rest_headers(token), timeout=TIMEOUT).json()["value"]
    assert http.put(value["uploadUrl"], data=b"img", timeout=TIMEOUT).status_code == 401
    auth = {"Authorization": f"Bearer {token}"}
    assert http.put(value["uploadUrl"], data=b"img", headers=auth, timeout=TIMEOUT).status_code == 201
    assert http.put(value["uploadUrl"], data=b"img", headers=auth, timeout=TIMEOUT).status_code == 400
    assert li.images[value["image"]].uploads == 2  # the unauthorized PUT never reached the upload


def test_a_not_yet_uploaded_image_cannot_be_posted(li, http):
    token = li.issue_token()
    body = {"initializeUploadRequest": {"owner": AUTHOR}}
    url = f"{li.api_base}/rest/images?action=initializeUpload"
    image = http.post(url, json=body, headers=rest_headers(token), timeout=TIMEOUT).json()["value"]["image"]
    assert create_post(li, http, token, post_body(content={"media": {"id": image}})).status_code == 400


def test_personal_tokens_cannot_read_images_back(li, http):
    token = li.issue_token()
    image = upload_image(li, http, token)
    response = http.get(f"{li.api_base}/rest/images/{image}", headers=rest_headers(token), timeout=TIMEOUT)
    assert response.status_code == 403
