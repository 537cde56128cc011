"""A fake X (OAuth 2.0 + PKCE, users/me, Posts, a user's posts, media upload) on 127.0.0.1, after
api-contracts.md Part B and E1.

One server plays `x.com` (`/i/oauth2/authorize`) and `api.x.com` (`/2/…`) with the production paths: configure
the client with `auth_base = api_base = fake.base_url`.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from twitter_text import parse_tweet

from tests.fakes.server import (
    FakeClock,
    IssuedToken,
    ProviderFake,
    RateWindow,
    Reply,
    Request,
    html_page,
    oauth_error,
    pkce_matches,
    with_query,
)

ACCESS_TOKEN_LIFETIME = 7200  # two hours (B1)
CODE_LIFETIME = 30.0  # seconds (B1)
_SCOPES = (
    "tweet.read tweet.write tweet.moderate.write users.read follows.read follows.write offline.access"
    " space.read mute.read mute.write like.read like.write list.read list.write block.read block.write"
    " bookmark.read bookmark.write media.write"
)
KNOWN_SCOPES = frozenset(_SCOPES.split())
_POST_FIELDS = (
    "text reply media quote_tweet_id poll reply_settings community_id share_with_followers made_with_ai"
    " paid_partnership nullcast geo card_uri edit_options for_super_followers_only direct_message_deep_link"
)
POST_FIELDS = frozenset(_POST_FIELDS.split())  # the request schema is closed (additionalProperties: false)
REPLY_FIELDS = frozenset({"in_reply_to_tweet_id", "exclude_reply_user_ids", "auto_populate_reply_metadata"})
MEDIA_FIELDS = frozenset({"media_ids", "tagged_user_ids"})
MB = 1024 * 1024
SIZE_LIMITS = {"tweet_image": 5 * MB, "dm_image": 5 * MB, "subtitles": 5 * MB, "tweet_gif": 15 * MB}
SIZE_LIMITS |= {"dm_gif": 15 * MB, "tweet_video": 512 * MB, "dm_video": 512 * MB, "amplify_video": 512 * MB}
# Requests per user per 15 minutes (B2, B3, B4).
RATE_LIMITS = {"users_me": 75, "tweets": 100, "media_upload": 500, "media_status": 1000, "user_tweets": 900}
RATE_LIMITS |= {"media_initialize": 1875, "media_append": 1875, "media_finalize": 1875}
_ID = re.compile(r"[0-9]{1,19}")
_BAD_CODE = "Value passed for the authorization code was invalid."
_DUPLICATE = "You are not allowed to create a Tweet with duplicate content."
_URL = re.compile(r"https?://\S+")
_NOT_ENROLLED = (
    "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a"
    " Twitter developer App that is attached to a Project. You can create a project via the developer portal."
)


@dataclass(frozen=True)
class XUser:
    id: str = "2244994945"
    name: str = "X Dev"
    username: str = "XDevelopers"


@dataclass
class XPost:
    id: str
    text: str
    author_id: str
    reply_to: str | None
    media_ids: list[str]
    created_at: float


@dataclass
class XMedia:
    id: str
    owner: str
    category: str
    media_type: str
    total_bytes: int
    segments: dict[int, bytes] = field(default_factory=dict)
    state: Literal["uploading", "pending", "in_progress", "succeeded", "failed"] = "uploading"
    polls_left: int = 0
    processed: bool = False  # videos and GIFs go through processing after finalize

    @property
    def data(self) -> bytes:
        return b"".join(self.segments[i] for i in sorted(self.segments))

    @property
    def media_key(self) -> str:
        kind = "13" if "video" in self.category else "16" if "gif" in self.category else "3"
        return f"{kind}_{self.id}"


ApiHandler = Callable[[Request, re.Match[str], IssuedToken], Reply]


class FakeX(ProviderFake):
    """X for one app and one user. Switches (plain attributes, change them any time):

    - `authorize_mode`: "approve" (default) or "deny" (redirects with error=access_denied)
    - `client_secret`: None = public client (client_id in the body); set = confidential (Basic header)
    - `problem_host`: "https://api.x.com" (default) or "https://api.twitter.com" in problem `type` URLs
    - `usage_capped`: POST /2/tweets answers 429 usage-capped (not to be retried blindly)
    - `user_24h_limit`: also count posts per 24 h and send `x-user-limit-24hour-*` headers
    - `processing_polls`: STATUS polls a finalized video/GIF needs before `succeeded`; `processing_fails`
    - `reads_forbidden`: `GET /2/users/:id/tweets` answers 403 client-forbidden (a plan without reads, E1)
    - `set_rate_limit(route, limit, window)`; every API answer carries `x-rate-limit-*` headers
    """

    post_route = "tweets"
    access_lifetime = ACCESS_TOKEN_LIFETIME
    default_scopes = ("tweet.read", "tweet.write", "users.read", "media.write", "offline.access")

    def __init__(
        self,
        *,
        user: XUser | None = None,
        client_id: str = "x-client-id",
        client_secret: str | None = None,
        redirect_uris: Iterable[str] | None = None,
        clock: FakeClock | None = None,
    ) -> None:
        self.user = user or XUser()
        super().__init__(
            clock,
            subject=self.user.id,
            token_prefix="x",
            client_id=client_id,
            client_secret=client_secret,
            redirect_uris=redirect_uris,
        )
        self.problem_host = "https://api.x.com"
        self.usage_capped = False
        self.user_24h_limit: int | None = None
        self.processing_polls = 1
        self.processing_fails = False
        self.reads_forbidden = False
        self.tweets: list[XPost] = []
        self.media: dict[str, XMedia] = {}
        self._limits = {name: (limit, 900.0) for name, limit in RATE_LIMITS.items()}
        self._windows: dict[tuple[str, str], RateWindow] = {}
        self.route("GET", "/i/oauth2/authorize", "authorize", self._authorize)
        self.route("POST", "/2/oauth2/token", "token", self._token)
        self.route("POST", "/2/oauth2/revoke", "revoke", self._revoke)
        write = ("media.write",)
        self._api("GET", "/2/users/me", "users_me", ("users.read", "tweet.read"), self._users_me)
        self._api("POST", "/2/tweets", "tweets", ("tweet.write", "tweet.read", "users.read"), self._post)
        reads = ("tweet.read", "users.read")
        self._api("GET", r"/2/users/(?P<id>\d+)/tweets", "user_tweets", reads, self._user_tweets)
        self._api("POST", "/2/media/upload", "media_upload", write, self._upload_one_shot)
        self._api("GET", "/2/media/upload", "media_status", write, self._status)
        self._api("POST", "/2/media/upload/initialize", "media_initialize", write, self._initialize)
        self._api("POST", r"/2/media/upload/(?P<id>\d+)/append", "media_append", write, self._append)
        self._api("POST", r"/2/media/upload/(?P<id>\d+)/finalize", "media_finalize", write, self._finalize)

    def set_rate_limit(self, route: str, limit: int, window: float = 900.0) -> None:
        """`limit` requests per user per `window` seconds on `route` (its windows restart now)."""
        self._limits[route] = (limit, window)
        self._windows = {key: w for key, w in self._windows.items() if key[0] != route}

    def problem(self, status: int, title: str, detail: str, kind: str | None = None, **extra: Any) -> Reply:
        """A problem+json answer; `kind` becomes `{problem_host}/2/problems/{kind}`, else `about:blank`."""
        kind_url = f"{self.problem_host}/2/problems/{kind}" if kind else "about:blank"
        body = {"title": title, "detail": detail, "type": kind_url, "status": status, **extra}
        return Reply.json(status, body, content_type="application/problem+json")

    def invalid(self, message: str, parameter: str = "body", value: Any = None) -> Reply:
        error = {"parameters": {parameter: [value]}, "message": message}
        detail = "One or more parameters to your request was invalid."
        return self.problem(400, "Invalid Request", detail, "invalid-request", errors=[error])

    # -- OAuth -------------------------------------------------------------------------------------------
    def _authorize(self, request: Request, _: re.Match[str]) -> Reply:
        q = request.query
        if q.get("client_id") != self.client_id or q.get("redirect_uri") not in self.redirect_uris:
            # An error page: X never redirects to a callback URL that is not registered (exact match).
            return html_page(400, "Something went wrong", "You weren't able to give access to the App.")
        redirect_uri, state = q["redirect_uri"], q.get("state", "")

        def back(**params: str) -> Reply:
            return Reply.redirect(with_query(redirect_uri, {**params, "state": state}))

        scopes = tuple(q.get("scope", "").split(" "))
        if q.get("response_type") != "code" or not state or len(state) > 500:
            return back(error="invalid_request", error_description="response_type=code and state needed")
        if not set(scopes) <= KNOWN_SCOPES:  # [U] exact error
            return back(error="invalid_scope", error_description="Unknown scope requested")
        if not q.get("code_challenge") or q.get("code_challenge_method") not in ("S256", "plain"):
            return back(error="invalid_request", error_description="code_challenge (S256, plain) needed")
        if self.authorize_mode == "deny":
            return back(error="access_denied")
        code = self.tokens.new_code(CODE_LIFETIME, self.client_id, redirect_uri, scopes, q)
        return back(code=code.value)

    def _client_problem(self, request: Request, form: dict[str, str]) -> Reply | None:
        if self.client_secret is not None:
            if request.basic() != (self.client_id, self.client_secret):
                return oauth_error(401, "unauthorized_client", "Missing valid authorization header")
        elif form.get("client_id") != self.client_id:  # [U] text
            return oauth_error(400, "invalid_request", "Missing required parameter [client_id].")
        return None

    def _token(self, request: Request, _: re.Match[str]) -> Reply:
        form = self.token_form(request)
        if isinstance(form, Reply):
            return form
        if problem := self._client_problem(request, form):
            return problem
        if form.get("grant_type") == "authorization_code":
            code = self.tokens.redeem_code(form.get("code", ""))
            if (
                code is None
                or code.redirect_uri != form.get("redirect_uri")
                or not pkce_matches(form.get("code_verifier", ""), code.challenge, code.challenge_method)
            ):
                return oauth_error(400, "invalid_request", _BAD_CODE)
            return self._token_reply(code.scopes)
        if form.get("grant_type") == "refresh_token":
            old = self.tokens.check(form.get("refresh_token"), "refresh")
            if not isinstance(old, IssuedToken):  # single use: a rotated token reads as revoked
                return oauth_error(400, "invalid_request", "Value passed for the token was invalid.")
            old.revoked = old.rotated = True
            return self._token_reply(old.scopes)
        return oauth_error(400, "invalid_request", "Unsupported grant_type")

    def _token_reply(self, scopes: tuple[str, ...]) -> Reply:
        access = self.tokens.issue("access", scopes, self.subject, ACCESS_TOKEN_LIFETIME)
        body = {"token_type": "bearer", "expires_in": ACCESS_TOKEN_LIFETIME, "access_token": access.value}
        body["scope"] = " ".join(scopes)
        if "offline.access" in scopes:  # [U] refresh-token lifetime
            body["refresh_token"] = self.tokens.issue("refresh", scopes, self.subject, None).value
        return Reply.json(200, body)

    def _revoke(self, request: Request, _: re.Match[str]) -> Reply:
        form = self.token_form(request)
        if isinstance(form, Reply):
            return form
        if problem := self._client_problem(request, form):
            return problem
        token = self.tokens.tokens.get(form.get("token", ""))
        if token is not None:
            token.revoked = True
        return Reply.json(200, {"revoked": True})

    # -- API ---------------------------------------------------------------------------------------------
    def _api(self, method: str, path: str, name: str, scopes: tuple[str, ...], fn: ApiHandler) -> None:
        """Register an API route behind the bearer, scope and rate-limit checks every X endpoint makes."""

        def guarded(request: Request, match: re.Match[str]) -> Reply:
            token = self.tokens.check(request.bearer())
            if not isinstance(token, IssuedToken):
                return self.problem(401, "Unauthorized", "Unauthorized")
            if not set(scopes) <= set(token.scopes):  # [U] exact body for a missing scope
                return self.problem(403, "Forbidden", "Forbidden")
            headers, allowed = self._count(name, token.subject)
            if name == "tweets" and self.usage_capped:
                detail = "Usage cap exceeded: Monthly product cap"
                extra = {"period": "Monthly", "scope": "Product"}
                reply = self.problem(429, "UsageCapExceeded", detail, "usage-capped", **extra)
            elif not allowed:
                reply = self.problem(429, "Too Many Requests", "Too Many Requests")
            else:
                reply = fn(request, match, token)
            reply.headers.update(headers)
            return reply

        self.route(method, path, name, guarded)

    def _count(self, name: str, subject: str) -> tuple[dict[str, str], bool]:
        """Count a request in its rate windows: the `x-rate-limit-*` headers, and whether it may pass."""
        now, (limit, seconds) = self.clock.now(), self._limits[name]
        window = self._windows.setdefault((name, subject), RateWindow(limit, seconds))
        allowed = window.hit(now)
        headers = {"x-rate-limit-limit": str(limit), "x-rate-limit-remaining": str(window.remaining)}
        headers["x-rate-limit-reset"] = str(window.reset)
        if name == "tweets" and self.user_24h_limit is not None:
            key = ("tweets-24h", subject)
            daily = self._windows.setdefault(key, RateWindow(self.user_24h_limit, 86400.0))
            allowed = daily.hit(now) and allowed
            headers["x-user-limit-24hour-limit"] = str(daily.limit)
            headers["x-user-limit-24hour-remaining"] = str(daily.remaining)
            headers["x-user-limit-24hour-reset"] = str(daily.reset)
        return headers, allowed

    def _users_me(self, request: Request, _: re.Match[str], token: IssuedToken) -> Reply:
        data: dict[str, Any] = {"id": self.user.id, "name": self.user.name, "username": self.user.username}
        extra = {"profile_image_url": "https://pbs.twimg.example/me.jpg", "verified": False}
        data |= {f: extra[f] for f in request.query.get("user.fields", "").split(",") if f in extra}
        return Reply.json(200, {"data": data})

    def _post(self, request: Request, _: re.Match[str], token: IssuedToken) -> Reply:
        body = request.json()
        if not isinstance(body, dict):
            return self.invalid("The request body is not a JSON object")
        for name in body:
            if name not in POST_FIELDS:
                return self.invalid(f"The `{name}` field is not allowed in this request", name, body[name])
        text, reply, media = body.get("text"), body.get("reply"), body.get("media")
        if text is not None and not isinstance(text, str):
            return self.invalid("`text` must be a string", "text", text)
        reply_to = None
        if reply is not None:
            reply_to = reply.get("in_reply_to_tweet_id") if isinstance(reply, dict) else None
            if not isinstance(reply, dict) or not set(reply) <= REPLY_FIELDS:
                return self.invalid("`reply` has unknown fields", "reply", reply)
            if not isinstance(reply_to, str) or not _ID.fullmatch(reply_to):
                return self.invalid("`in_reply_to_tweet_id` must be a post id", "reply", reply_to)
            if not any(t.id == reply_to for t in self.tweets):  # [U] exact status/body
                return self.invalid("The post you are replying to does not exist", "reply", reply_to)
        media_ids: list[str] = []
        if media is not None:
            problem = self._media_problem(media, token)
            if problem is not None:
                return problem
            media_ids = media["media_ids"]
            if {"quote_tweet_id", "poll", "card_uri"} & set(body):
                return self.invalid("media cannot go with quote_tweet_id, poll or card_uri", "media")
        if not text and not media_ids:
            return self.invalid("A post needs text or media", "text")
        if text and not parse_tweet(text).valid:  # [U] exact status/body for over-long text
            return self.invalid("The text is over 280 weighted characters", "text", text)
        if text and any(t.author_id == token.subject and t.text == text for t in self.tweets):
            duplicate = {"detail": _DUPLICATE, "type": "about:blank", "title": "Forbidden", "status": 403}
            return Reply.json(403, duplicate)  # seen with application/json, not problem+json (B3)
        post_id = str(1346889436626259968 + len(self.tweets))
        self.tweets.append(XPost(post_id, text or "", token.subject, reply_to, media_ids, self.clock.now()))
        data = {"id": post_id, "text": text or "", "edit_history_tweet_ids": [post_id]}
        return Reply.json(201, {"data": data})

    def _user_tweets(self, request: Request, match: re.Match[str], token: IssuedToken) -> Reply:
        """A user's posts, newest first (E1). As X does: `&`, `<`, `>` come back HTML-escaped and every
        link as a t.co link; `referenced_tweets` only when asked for in `tweet.fields`."""
        if self.reads_forbidden:
            extra = {
                "reason": "client-not-enrolled",
                "required_enrollment": "Appropriate Level of API Access",
            }
            extra |= {"client_id": self.client_id, "registration_url": "https://developer.x.com/"}
            return self.problem(403, "Client Forbidden", _NOT_ENROLLED, "client-forbidden", **extra)
        query = request.query
        count = query.get("max_results", "10")
        if not count.isdigit() or not 5 <= int(count) <= 100:
            return self.invalid("`max_results` must be a number from 5 to 100", "max_results", count)
        fields = set(query.get("tweet.fields", "").split(","))
        excluded = set(query.get("exclude", "").split(","))
        posts = [t for t in reversed(self.tweets) if t.author_id == match["id"]]
        if "replies" in excluded:
            posts = [t for t in posts if t.reply_to is None]
        if since := query.get("since_id"):
            posts = [t for t in posts if int(t.id) > int(since)]
        posts = posts[: int(count)]
        if not posts:
            return Reply.json(200, {"meta": {"result_count": 0}})
        data = []
        for post in posts:
            text = _URL.sub(f"https://t.co/{post.id[-10:]}", post.text)
            item: dict[str, Any] = {"id": post.id, "text": html.escape(text, quote=False)}
            item["edit_history_tweet_ids"] = [post.id]
            if "referenced_tweets" in fields and post.reply_to is not None:
                item["referenced_tweets"] = [{"type": "replied_to", "id": post.reply_to}]
            if "created_at" in fields:
                item["created_at"] = _rfc3339(post.created_at)
            data.append(item)
        meta = {"result_count": len(data), "newest_id": data[0]["id"], "oldest_id": data[-1]["id"]}
        return Reply.json(200, {"data": data, "meta": meta})

    def _media_problem(self, media: Any, token: IssuedToken) -> Reply | None:
        if not isinstance(media, dict) or not set(media) <= MEDIA_FIELDS:
            return self.invalid("`media` has unknown fields", "media", media)
        ids = media.get("media_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 4:
            return self.invalid("`media_ids` must hold 1 to 4 ids", "media.media_ids", ids)
        for media_id in ids:
            item = self.media.get(media_id) if isinstance(media_id, str) else None
            if item is None or item.owner != token.subject or item.state != "succeeded":
                return self.invalid("Your media IDs are invalid.", "media.media_ids", media_id)
        return None

    # -- media upload ------------------------------------------------------------------------------------
    def _media_data(self, item: XMedia) -> dict[str, Any]:
        data: dict[str, Any] = {"id": item.id, "media_key": item.media_key, "size": item.total_bytes}
        data["expires_after_secs"] = 86400
        if item.category.endswith("image"):
            data["image"] = {"image_type": item.media_type}
        if item.state == "failed":
            error = {"code": 1, "name": "InvalidMedia", "message": "Unsupported video format"}
            data["processing_info"] = {"state": "failed", "error": error}
        elif item.state in ("pending", "in_progress"):
            progress = 0 if item.state == "pending" else 50
            info = {"state": item.state, "check_after_secs": 1, "progress_percent": progress}
            data["processing_info"] = info
        elif item.processed:
            data["processing_info"] = {"state": "succeeded", "progress_percent": 100}
        return data

    def _new_media(self, token: IssuedToken, fields: dict[str, Any]) -> XMedia | Reply:
        category, total = fields.get("media_category"), fields.get("total_bytes")
        if category not in SIZE_LIMITS:
            return self.invalid("`media_category` is missing or unknown", "media_category", category)
        if not isinstance(total, int) or total <= 0:
            return self.invalid("`total_bytes` must be a positive number", "total_bytes", total)
        if total > SIZE_LIMITS[category]:
            return self.invalid(f"File size exceeds {SIZE_LIMITS[category]} bytes.", "total_bytes", total)
        default = "video/mp4" if "video" in category else "image/gif" if "gif" in category else "image/jpeg"
        media_type = fields["media_type"] if isinstance(fields.get("media_type"), str) else default
        item = XMedia(str(1880028106020515840 + len(self.media)), token.subject, category, media_type, total)
        self.media[item.id] = item
        return item

    def _own_media(self, media_id: str | None, token: IssuedToken) -> XMedia | Reply:
        item = self.media.get(media_id or "")
        if item is None or item.owner != token.subject:  # [U] maybe 404 in production
            return self.invalid("Unknown media id", "media_id", media_id)
        return item

    def _finish(self, item: XMedia) -> Reply:
        if item.state != "uploading":
            return self.invalid("The upload is already finalized", "media_id", item.id)
        if sum(len(s) for s in item.segments.values()) != item.total_bytes:
            return self.invalid("Segments do not add up to provided total file size.", "media_id", item.id)
        item.processed = "video" in item.category or "gif" in item.category
        item.state, item.polls_left = (
            ("pending", self.processing_polls) if item.processed else ("succeeded", 0)
        )
        return Reply.json(200, {"data": self._media_data(item)})

    def _upload_one_shot(self, request: Request, _: re.Match[str], token: IssuedToken) -> Reply:
        form = request.multipart()
        if form is not None:
            fields: dict[str, Any] = {k: v.decode("utf-8", "replace") for k, v in form.items()}
            data = form.get("media")
        else:  # JSON with the file base64-encoded
            fields = request.json() if isinstance(request.json(), dict) else {}
            try:
                data = base64.b64decode(fields.get("media", ""), validate=True) or None
            except (binascii.Error, TypeError, ValueError):
                data = None
        if not data:
            return self.invalid("`media` is required", "media")
        item = self._new_media(token, {**fields, "total_bytes": len(data)})
        if isinstance(item, Reply):
            return item
        item.segments[0] = data
        return self._finish(item)

    def _initialize(self, request: Request, _: re.Match[str], token: IssuedToken) -> Reply:
        body = request.json()
        item = self._new_media(token, body if isinstance(body, dict) else {})
        if isinstance(item, Reply):
            return item
        data = {"id": item.id, "media_key": item.media_key, "expires_after_secs": 86400}
        return Reply.json(200, {"data": data})

    def _append(self, request: Request, match: re.Match[str], token: IssuedToken) -> Reply:
        item = self._own_media(match["id"], token)
        if isinstance(item, Reply):
            return item
        form = request.multipart() or {}
        index, data = form.get("segment_index", b"").decode(), form.get("media")
        if item.state != "uploading" or not index.isdigit() or int(index) > 999 or data is None:
            return self.invalid("append needs segment_index 0-999 and media", "segment_index", index)
        item.segments[int(index)] = data
        return Reply.json(200, {"data": {"expires_at": int(self.clock.now()) + 86400}})

    def _finalize(self, request: Request, match: re.Match[str], token: IssuedToken) -> Reply:
        item = self._own_media(match["id"], token)
        return item if isinstance(item, Reply) else self._finish(item)

    def _status(self, request: Request, _: re.Match[str], token: IssuedToken) -> Reply:
        if request.query.get("command") != "STATUS":
            return self.invalid("`command` must be STATUS", "command", request.query.get("command"))
        item = self._own_media(request.query.get("media_id"), token)
        if isinstance(item, Reply):
            return item
        if item.state == "uploading":
            return self.invalid("Finalize the upload first", "media_id", item.id)
        if item.state in ("pending", "in_progress"):  # each poll moves processing on by one step
            item.polls_left -= 1
            done: Literal["failed", "succeeded"] = "failed" if self.processing_fails else "succeeded"
            item.state = done if item.polls_left <= 0 else "in_progress"
        return Reply.json(200, {"data": self._media_data(item)})


def _rfc3339(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
