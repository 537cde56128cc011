"""A fake LinkedIn (OAuth, userinfo, Posts and Images APIs) on 127.0.0.1, after guide/api-contracts.md Part A.

One server plays every LinkedIn host with the production paths: `www.linkedin.com/oauth/v2/*`,
`api.linkedin.com/v2/userinfo`, `api.linkedin.com/rest/{posts,images}` and the image upload host
(`/dms-uploads/…`). Configure the client with `auth_base = api_base = fake.base_url`.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlsplit, urlunsplit

from tests.fakes.server import (
    FakeClock,
    IssuedToken,
    ProviderFake,
    Reply,
    Request,
    html_page,
    oauth_error,
    pkce_matches,
    with_query,
)

ACCESS_TOKEN_LIFETIME = 5_184_000  # 60 days (A1)
REFRESH_TOKEN_LIFETIME = 31_536_000  # 365 days from the first consent, not reset by refreshing (A1)
# Monthly versions, each active for about a year (A4); 202607 was the newest in Aug 2026.
DEFAULT_VERSIONS = frozenset({"202511", "202512"} | {f"2026{m:02d}" for m in range(1, 11)})
APP_SCOPES = frozenset({"openid", "profile", "email", "w_member_social"})  # the two self-serve products
RESERVED = frozenset("|{}@[]()<>#\\*_~")  # little-text reserved characters (A6)
_MENTION = re.compile(r"@\[([^\]]*)\]\(urn:li:(?:person|organization):[A-Za-z0-9_-]+\)")
_HASHTAG_TEMPLATE = re.compile(r"\{hashtag\|\\#\|(\w+)\}")
_HASHTAG = re.compile(r"#\w+")
_URN = re.compile(r"urn:li:(person|organization):[A-Za-z0-9_-]+")
_BAD_CODE = (
    "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code."
    " Or authorization code expired. Or external member binding exists"
)


@dataclass(frozen=True)
class LinkedInMember:
    sub: str = "kfW51gr4Ja"
    given_name: str = "Ada"
    family_name: str = "Lovelace"
    email: str = "ada@example.com"

    @property
    def urn(self) -> str:
        return f"urn:li:person:{self.sub}"


@dataclass
class LinkedInPost:
    urn: str
    author: str
    text: str  # the decoded little text LinkedIn shows (after any truncation)
    commentary: str  # exactly what the client sent
    truncated: bool
    visibility: str
    media: list[str]
    created_at: float


@dataclass
class LinkedInImage:
    urn: str
    owner: str
    upload_key: str
    data: bytes | None = None
    uploads: int = 0  # PUT requests received for it
    status: str = "WAITING_UPLOAD"


def decode_little_text(raw: str, *, truncate: bool) -> tuple[str, bool]:
    """What LinkedIn shows for `raw` little text, and whether it cut it at an unescaped reserved char."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        if raw[i] == "\\" and raw[i + 1 : i + 2] in RESERVED:
            out.append(raw[i + 1])
            i += 2
        elif element := _MENTION.match(raw, i):
            out.append(element.group(1))
            i = element.end()
        elif element := _HASHTAG_TEMPLATE.match(raw, i):
            out.append("#" + element.group(1))
            i = element.end()
        elif element := _HASHTAG.match(raw, i):
            out.append(element.group(0))
            i = element.end()
        elif raw[i] in RESERVED and truncate:
            return "".join(out), True
        else:
            out.append(raw[i])
            i += 1
    return "".join(out), False


def li_error(status: int, code: str | None, message: str, service_code: int | None = None) -> Reply:
    """The rest.li error body (A9): status, message, and code / serviceErrorCode when LinkedIn sends them."""
    body: dict[str, Any] = {"status": status, "message": message}
    if code is not None:
        body["code"] = code
    if service_code is not None:
        body["serviceErrorCode"] = service_code
    return Reply.json(status, body)


class FakeLinkedIn(ProviderFake):
    """LinkedIn for one app and one member. Switches (plain attributes, change them any time):

    - `authorize_mode`: "approve" (default) or "deny" (redirects with error=user_cancelled_authorize)
    - `pkce`: native-client PKCE mode (S256 challenge required, exchange by code_verifier, secret optional)
    - `refresh_tokens`: "MDP partner" mode: token answers carry refresh_token (+ refresh_token_expires_in)
    - `active_versions`: the LinkedIn-Version values accepted; anything else (or none) gets 426
    - `restli_id_encoded`: emit `x-restli-id` percent-encoded instead of the plain URN
    - `little_text`: "truncate" (default, as production) cuts the commentary at the first unescaped
      reserved character; "accept" keeps it
    - `duplicate_window`: seconds in which the same text by the same author is 422 DUPLICATE_POST (0: off)
    - `throttle()`: 429 without headers until the fake clock passes 00:00 UTC
    """

    post_route = "posts"
    access_lifetime = ACCESS_TOKEN_LIFETIME
    default_scopes = ("openid", "profile", "email", "w_member_social")

    def __init__(
        self,
        *,
        member: LinkedInMember | None = None,
        client_id: str = "li-client-id",
        client_secret: str = "li-client-secret",
        redirect_uris: Iterable[str] | None = None,
        clock: FakeClock | None = None,
    ) -> None:
        self.member = member or LinkedInMember()
        super().__init__(
            clock,
            subject=self.member.sub,
            token_prefix="li",
            client_id=client_id,
            client_secret=client_secret,
            redirect_uris=redirect_uris,
        )
        self.pkce = False
        self.refresh_tokens = False
        self.active_versions: frozenset[str] = DEFAULT_VERSIONS
        self.restli_id_encoded = False
        self.little_text: Literal["truncate", "accept"] = "truncate"
        self.duplicate_window = 600.0
        self.code_lifetime = 1800.0  # [U] the docs say about 30 minutes
        self.max_commentary = 3000
        self.throttled_until: float | None = None
        self.posts: list[LinkedInPost] = []
        self.images: dict[str, LinkedInImage] = {}
        self.route("GET", "/oauth/v2/authorization", "authorize", self._authorize)
        self.route("POST", "/oauth/v2/accessToken", "token", self._token)
        self.route("GET", "/v2/userinfo", "userinfo", self._userinfo)
        self.route("POST", "/rest/posts", "posts", self._create_post)
        self.route("POST", "/rest/images", "images", self._initialize_upload)
        self.route("GET", "/rest/images/(?P<urn>.+)", "image", self._get_image)
        self.route("PUT", "/dms-uploads/(?P<key>[^/]+)", "upload", self._upload)

    def throttle(self) -> None:
        """Answer /rest calls with 429 (no rate-limit headers) until the fake clock passes 00:00 UTC."""
        self.throttled_until = self.clock.next_utc_midnight()

    # -- OAuth -------------------------------------------------------------------------------------------
    def _registered(self, uri: str) -> bool:
        parts = urlsplit(uri)
        if not parts.scheme or not parts.netloc or "#" in uri:
            return False
        # Exact match (port and trailing slash count), but the query is ignored (A1).
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) in self.redirect_uris

    def _authorize(self, request: Request, _: re.Match[str]) -> Reply:
        q = request.query
        if q.get("client_id") != self.client_id:
            return html_page(400, "Invalid client", "The passed in client_id is invalid")
        redirect_uri = q.get("redirect_uri", "")
        if not self._registered(redirect_uri):  # an error page, never a redirect to an unknown URL
            return html_page(400, "Invalid redirect_uri", "redirect_uri does not match the registered value")
        state = {"state": q["state"]} if "state" in q else {}

        def back(**params: str) -> Reply:
            return Reply.redirect(with_query(redirect_uri, {**params, **state}))

        scopes = tuple(s for s in re.split(r"[ ,]+", q.get("scope", "")) if s)  # both separators work
        unknown = [s for s in scopes if s not in APP_SCOPES]
        if q.get("response_type") != "code" or not scopes:
            return back(
                error="invalid_request", error_description="response_type=code and scope are required"
            )
        if unknown:  # [U] the error name seen in the wild
            desc = f'Scope "{unknown[0]}" is not authorized for your application'
            return back(error="unauthorized_scope_error", error_description=desc)
        if self.pkce and (not q.get("code_challenge") or q.get("code_challenge_method") != "S256"):
            return back(error="invalid_request", error_description="PKCE code_challenge (S256) is required")
        if self.authorize_mode == "deny":
            desc = "The user cancelled the authorization"
            return back(error="user_cancelled_authorize", error_description=desc)
        code = self.tokens.new_code(self.code_lifetime, self.client_id, redirect_uri, scopes, q)
        return back(code=code.value)

    def _token(self, request: Request, _: re.Match[str]) -> Reply:
        form = self.token_form(request)
        if isinstance(form, Reply):
            return form
        secret_ok = form.get("client_secret") == self.client_secret
        if form.get("client_id") != self.client_id or not (
            secret_ok or (self.pkce and "client_secret" not in form)
        ):
            return oauth_error(401, "invalid_client", "Client authentication failed")  # [U] exact body
        if form.get("grant_type") == "authorization_code":
            code = self.tokens.redeem_code(form.get("code", ""))
            if (
                code is None
                or code.redirect_uri != form.get("redirect_uri")
                or (self.pkce and not pkce_matches(form.get("code_verifier", ""), code.challenge, "S256"))
            ):
                return oauth_error(400, "invalid_request", _BAD_CODE)
            refresh = None
            if self.refresh_tokens:
                refresh = self.tokens.issue("refresh", code.scopes, self.subject, REFRESH_TOKEN_LIFETIME)
            return self._token_reply(code.scopes, refresh)
        if form.get("grant_type") == "refresh_token" and self.refresh_tokens:
            old = self.tokens.check(form.get("refresh_token"), "refresh")
            if not isinstance(old, IssuedToken):
                return oauth_error(400, "invalid_request", "The refresh token is invalid, expired or revoked")
            return self._token_reply(old.scopes, old)  # [U] whether LinkedIn sends a new string
        return oauth_error(400, "unsupported_grant_type", "grant_type is not supported")

    def _token_reply(self, scopes: tuple[str, ...], refresh: IssuedToken | None) -> Reply:
        access = self.tokens.issue("access", scopes, self.subject, ACCESS_TOKEN_LIFETIME)
        body: dict[str, Any] = {"access_token": access.value, "expires_in": ACCESS_TOKEN_LIFETIME}
        body |= {"scope": ",".join(scopes), "token_type": "Bearer"}
        if "openid" in scopes:  # an unsigned stand-in for the OIDC id_token
            claims = {"iss": "https://www.linkedin.com/oauth", "aud": self.client_id, "sub": self.subject}
            parts = [json.dumps(p).encode() for p in ({"alg": "none"}, claims)]
            body["id_token"] = (
                ".".join(base64.urlsafe_b64encode(p).rstrip(b"=").decode() for p in parts) + "."
            )
        if refresh is not None and refresh.expires_at is not None:
            body["refresh_token"] = refresh.value
            body["refresh_token_expires_in"] = int(refresh.expires_at - self.clock.now())
        return Reply.json(200, body)

    # -- API ---------------------------------------------------------------------------------------------
    def _authenticate(self, request: Request) -> IssuedToken | Reply:
        checked = self.tokens.check(request.bearer())
        if isinstance(checked, IssuedToken):
            return checked
        if checked == "revoked":
            message = "The token used in the request has been revoked by the user"
            return li_error(401, "REVOKED_ACCESS_TOKEN", message, 65601)
        if checked == "expired":  # [U] code and number; clients must key on the 401 alone
            return li_error(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired", 65602)
        return li_error(401, None, "Invalid access token", 65600)

    def _rest_preamble(self, request: Request, resource: str) -> IssuedToken | Reply:
        """What every versioned /rest call checks (A4, A9): version, protocol, token, scope, daily quota."""
        version = request.header("LinkedIn-Version")
        if version not in self.active_versions:
            return li_error(426, "NONEXISTENT_VERSION", f"Requested version {version} is not active")
        if request.header("X-Restli-Protocol-Version") != "2.0.0":  # [U] the answer when it is missing
            return li_error(400, "ILLEGAL_ARGUMENT", "X-Restli-Protocol-Version 2.0.0 is required")
        token = self._authenticate(request)
        if isinstance(token, Reply):
            return token
        if "w_member_social" not in token.scopes:
            return li_error(
                403, "ACCESS_DENIED", f"Not enough permissions to access: {resource}.{version}", 100
            )
        if self.throttled_until is not None and self.clock.now() < self.throttled_until:
            message = "Resource level throttle limit for calls to this resource is reached."
            return li_error(429, "TOO_MANY_REQUESTS", message, 101)
        return token

    def _userinfo(self, request: Request, _: re.Match[str]) -> Reply:
        token = self._authenticate(request)
        if isinstance(token, Reply):
            return token
        if "openid" not in token.scopes:
            message = "Not enough permissions to access: userinfo.GET.NO_VERSION"
            return li_error(403, "ACCESS_DENIED", message, 100)
        m = self.member
        info: dict[str, Any] = {"sub": m.sub, "locale": {"country": "US", "language": "en"}}
        if "profile" in token.scopes:
            info |= {"name": f"{m.given_name} {m.family_name}", "given_name": m.given_name}
            info |= {"family_name": m.family_name, "picture": f"https://media.licdn.example/{m.sub}.jpg"}
        if "email" in token.scopes:
            info |= {"email": m.email, "email_verified": True}
        return Reply.json(200, info)

    def _create_post(self, request: Request, _: re.Match[str]) -> Reply:
        token = self._rest_preamble(request, "partnerApiPostsExternal.CREATE")
        if isinstance(token, Reply):
            return token
        body = request.json()
        if not isinstance(body, dict):
            return li_error(400, "ILLEGAL_ARGUMENT", "The request body is not a JSON object")
        author = body.get("author")
        if not isinstance(author, str) or not _URN.fullmatch(author):
            return li_error(400, "INVALID_URN_ID", f"Invalid author URN: {author}")
        if author != f"urn:li:person:{token.subject}":
            return li_error(403, "ACCESS_DENIED", f"Not enough permissions to post as {author}", 100)
        media, problem = self._post_media(body.get("content"), author)
        problem = _post_fields_problem(body) or problem
        if problem is not None:
            return li_error(400, "ILLEGAL_ARGUMENT", problem)  # [U] exact codes and texts
        commentary = body.get("commentary", "")
        text, truncated = decode_little_text(commentary, truncate=self.little_text == "truncate")
        if len(text) > self.max_commentary:  # [U] whether the escaped or the shown text is counted
            return li_error(400, "ILLEGAL_ARGUMENT", f"commentary is over {self.max_commentary} characters")
        now = self.clock.now()
        for old in self.posts:
            if old.author == author and old.text == text and now - old.created_at < self.duplicate_window:
                return _duplicate(old.urn)
        urn = f"urn:li:share:{7141138937766391808 + len(self.posts)}"
        post = LinkedInPost(urn, author, text, commentary, truncated, body["visibility"], media, now)
        self.posts.append(post)
        return Reply(201, b"", {"x-restli-id": quote(urn, safe="") if self.restli_id_encoded else urn})

    def _post_media(self, content: Any, author: str) -> tuple[list[str], str | None]:
        if content is None:
            return [], None
        if isinstance(content, dict) and isinstance(content.get("media"), dict):
            ids = [content["media"].get("id")]
        elif isinstance(content, dict) and isinstance(content.get("multiImage"), dict):
            images = content["multiImage"].get("images")
            ids = [i.get("id") if isinstance(i, dict) else None for i in images or []]
            if not 2 <= len(ids) <= 20:
                return [], "multiImage needs 2 to 20 images"
        else:
            return [], "content needs media or multiImage"
        for image_id in ids:
            image = self.images.get(image_id) if isinstance(image_id, str) else None
            if image is None or image.owner != author or image.status != "AVAILABLE":
                return [], f"Image {image_id} is unknown, not uploaded or not the author's"  # [U]
        return [str(i) for i in ids], None

    def _initialize_upload(self, request: Request, _: re.Match[str]) -> Reply:
        token = self._rest_preamble(request, "images.ACTION")
        if isinstance(token, Reply):
            return token
        if request.query.get("action") != "initializeUpload":
            return li_error(400, "ILLEGAL_ARGUMENT", "Unsupported action")
        body = request.json()
        owner = (body.get("initializeUploadRequest") or {}).get("owner") if isinstance(body, dict) else None
        if not isinstance(owner, str) or not _URN.fullmatch(owner):
            return li_error(400, "INVALID_URN_ID", f"Invalid owner URN: {owner}")
        if owner != f"urn:li:person:{token.subject}":
            return li_error(403, "ACCESS_DENIED", f"Not enough permissions to upload for {owner}", 100)
        n = len(self.images)
        image = LinkedInImage(f"urn:li:image:C4E10AQ{n:09d}", owner, f"image-{n}-{token.subject}")
        self.images[image.urn] = image
        expires = int((self.clock.now() + 3600) * 1000)
        upload_url = f"{self.base_url}/dms-uploads/{image.upload_key}"
        return Reply.json(
            200, {"value": {"uploadUrlExpiresAt": expires, "uploadUrl": upload_url, "image": image.urn}}
        )

    def _upload(self, request: Request, match: re.Match[str]) -> Reply:
        token = self._authenticate(request)  # images need the Bearer token on the upload too (A8)
        if isinstance(token, Reply):
            return token
        image = next((i for i in self.images.values() if i.upload_key == match["key"]), None)
        if image is None:
            return li_error(404, "NOT_FOUND", "Unknown upload URL")
        image.uploads += 1
        if image.data is not None or not request.body:  # [U] one PUT of the whole file
            return li_error(400, "ILLEGAL_ARGUMENT", "The upload is already complete, or empty")
        image.data, image.status = request.body, "AVAILABLE"
        return Reply(201)

    def _get_image(self, request: Request, match: re.Match[str]) -> Reply:
        token = self._rest_preamble(request, "images.GET")
        if isinstance(token, Reply):
            return token
        # Personal (w_member_social) tokens cannot read images back (A8 step 3).
        return li_error(403, "ACCESS_DENIED", "Not enough permissions to access: images.GET", 100)


def _post_fields_problem(body: dict[str, Any]) -> str | None:
    distribution = body.get("distribution")
    if body.get("lifecycleState") != "PUBLISHED":
        return "lifecycleState must be PUBLISHED"
    if body.get("visibility") not in {"PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"}:
        return "visibility is missing or invalid"
    if not isinstance(distribution, dict) or distribution.get("feedDistribution") not in {
        "MAIN_FEED",
        "NONE",
    }:
        return "distribution.feedDistribution is missing or invalid"
    if not isinstance(body.get("commentary", ""), str):
        return "commentary must be a string"
    if not body.get("commentary") and "content" not in body:
        return "a post needs commentary or content"
    return None


def _duplicate(urn: str) -> Reply:
    """The 422 LinkedIn answers for the same text again within about 10 minutes (A9, real body)."""
    prefix = "com.linkedin.content.common.exception.BadRequestResponseException"
    detail = {"description": "Duplicate post is detected", "input": {}, "code": "DUPLICATE_POST"}
    body = {"errorDetailType": "com.linkedin.common.error.BadRequest", "status": 422}
    body |= {
        "message": f"{prefix}: Content is a duplicate of {urn}",
        "errorDetails": {"inputErrors": [detail]},
    }
    return Reply.json(422, body)
