"""Publishing to X: `XClient` posts text, images and thread parts through the X API v2 with the account's
OAuth 2.0 user token, renewing the token once when X answers 401. Sign-in and revoking live in `x_auth`,
images in `x_media`, the classification of failures in `x_errors`."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import requests

from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.core.text import X_LIMIT, count_tweet
from somedesk.networks.base import (
    AccountError,
    ClosedOnExit,
    Endpoints,
    FailureKind,
    PostedPart,
    PublishError,
    TokenKeeper,
)
from somedesk.networks.renewal import renewal_lock
from somedesk.networks.x_auth import bearer, connect_x, renew_x_tokens, revoke_x
from somedesk.networks.x_errors import RECONNECT, failure_from_exception, failure_from_response
from somedesk.networks.x_media import load_images, upload_image

__all__ = ["XClient", "connect_x", "revoke_x"]

API_TIMEOUT = 30.0
_POST_ID = re.compile(r"[0-9]{1,19}")
_T = TypeVar("_T")


class XClient(ClosedOnExit):
    """One signed-in X account, implementing `NetworkClient`.

    Every failure is a `PublishError` whose kind the publisher acts on; the client itself never retries,
    except that a 401 is answered once per `post` by renewing the token (saved through the `TokenKeeper`
    before the request is sent again). Close it (or use it as a context manager) unless `session` was given.
    """

    network: Network = Network.X

    def __init__(
        self,
        *,
        client_id: str,
        tokens: TokenKeeper,
        username: str,
        endpoints: Endpoints,
        session: requests.Session | None = None,
        timeout: float = API_TIMEOUT,
        user_id: str = "",
        renewal_lock_file: Path | None = None,
    ) -> None:
        self._client_id = client_id
        self._tokens = tokens
        self._username = username.strip().lstrip("@")
        self._user_id = user_id  # the account's X id, for reading its own posts (asked for when empty)
        self._endpoints = endpoints
        self._api_base = endpoints.x_api_base.rstrip("/")
        self._http = session or requests.Session()
        self._owns_http = session is None
        self._timeout = timeout
        # Serialises renewals with other clients and processes (networks/renewal.py); the
        # composition root puts it in the data folder.
        self._renewal_lock_file = renewal_lock_file
        self._access: str | None = None
        self._renewed = False

    def post(self, text: str, *, images: Sequence[Path] = (), reply_to: str | None = None) -> PostedPart:
        """Create one post; with `reply_to` (the previous part's id) it continues a thread.

        The text and images are checked before anything is sent; images are uploaded first, then the post.
        """
        body: dict[str, Any] = {}
        if text.strip():
            body["text"] = _checked_text(text)
        elif not images:
            raise PublishError(
                "There is nothing to post: the text is empty and there are no images.", _PERMANENT
            )
        if reply_to is not None:
            if not _POST_ID.fullmatch(reply_to):
                raise PublishError(f"“{reply_to[:40]}” is not an X post id to reply to.", _PERMANENT)
            body["reply"] = {"in_reply_to_tweet_id": reply_to}
        pictures = load_images(images)
        # Read the token afresh for each post (another client may have renewed it), and renew at most once.
        self._access, self._renewed = None, False
        media_ids = [upload_image(self._send, picture) for picture in pictures]
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        response = self._send("POST", "/2/tweets", what="the post", json=body, creates_post=True)
        post_id = _created_id(response)
        return PostedPart(post_id, self.url_for(post_id))

    def find_own_post(self, text: str, *, reply_to: str | None = None) -> PostedPart | None:
        """The account's recent post with `text` (as a reply to `reply_to`, or to nothing), or None.

        For a lost answer that met X's duplicate refusal, which names no post (api-contracts E1). X gives
        the text back HTML-escaped and with every link as a t.co link, so texts are compared with links
        set aside. A plan without reads answers 403: a PublishError saying so.
        """
        self._access, self._renewed = None, False
        what = "your recent posts"
        user_id = self._user_id or self._own_id()
        params = {"max_results": "100", "tweet.fields": "referenced_tweets"}
        path = f"/2/users/{user_id}/tweets"
        response = self._request("GET", path, self._token(), what, False, {"params": params})
        if response.status_code == 401 and not self._renewed:
            response.close()
            response = self._request("GET", path, self._renew(), what, False, {"params": params})
        if response.status_code == 403:
            response.close()
            raise PublishError(
                "X does not let somedesk read your recent posts (your X plan has no reads)",
                FailureKind.PERMANENT,
            )
        if not 200 <= response.status_code < 300:
            raise failure_from_response(response, what)
        wanted = _comparable(text)
        for item in _listed(response):
            if _comparable(str(item.get("text", ""))) == wanted and _replied_to(item) == reply_to:
                post_id = str(item.get("id", ""))
                if _POST_ID.fullmatch(post_id):
                    return PostedPart(post_id, self.url_for(post_id))
        return None

    def _own_id(self) -> str:
        response = self._send("GET", "/2/users/me", what="your account")
        data = _json(response).get("data")
        user_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(user_id, str) or not user_id:
            raise PublishError("X did not say which account this is.", FailureKind.TRANSIENT)
        self._user_id = user_id
        return user_id

    def url_for(self, remote_id: str) -> str:
        if not self._username:
            return f"https://x.com/i/web/status/{remote_id}"
        return f"https://x.com/{self._username}/status/{remote_id}"

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    # -- calling X -----------------------------------------------------------------------------------------
    def _send(
        self, method: str, path: str, *, what: str, creates_post: bool = False, **kwargs: Any
    ) -> requests.Response:
        """Call X; a 2xx answer comes back, anything else is raised as a classified PublishError."""
        response = self._request(method, path, self._token(), what, creates_post, kwargs)
        if response.status_code == 401 and not self._renewed:
            response.close()
            response = self._request(method, path, self._renew(), what, creates_post, kwargs)
        if not 200 <= response.status_code < 300:
            raise failure_from_response(response, what)
        return response

    def _request(
        self, method: str, path: str, token: str, what: str, creates_post: bool, kwargs: dict[str, Any]
    ) -> requests.Response:
        try:
            return self._http.request(
                method,
                f"{self._api_base}{path}",
                headers=bearer(token),
                timeout=self._timeout,
                allow_redirects=False,  # an API answer never redirects; a redirect would drop the token
                **kwargs,
            )
        except requests.RequestException as exc:
            raise failure_from_exception(exc, what, creates_post=creates_post) from exc

    def _token(self) -> str:
        if self._access is None:
            self._access = _from_keeper(self._tokens.access_token)
        return self._access

    def _renew(self) -> str:
        """Trade the refresh token for a new pair and make the keeper store it before it is used.

        Under the renewal lock, and only if the keeper still holds the token X refused: when another
        client or process renewed while this one waited, its new token is used as it is (X's refresh
        tokens are single-use, so renewing again would spend a dead one and ask to reconnect).
        """
        self._renewed = True
        refused = self._access
        with renewal_lock(self._renewal_lock_file):
            current = _from_keeper(self._tokens.access_token)
            if refused is not None and current != refused:
                self._access = current
                return current
            return self._renew_locked()

    def _renew_locked(self) -> str:
        refresh_token = _from_keeper(self._tokens.refresh_token)
        if not refresh_token:
            raise PublishError(RECONNECT, FailureKind.AUTH)
        tokens = renew_x_tokens(
            self._http,
            client_id=self._client_id,
            refresh_token=refresh_token,
            endpoints=self._endpoints,
            timeout=self._timeout,
        )
        try:
            self._tokens.save(tokens.access_token, tokens.refresh_token, tokens.expires_at)
        except UserError as exc:
            # The old refresh token is spent: without the new one stored, the account must reconnect.
            message = f"X renewed the sign-in but somedesk could not store it ({exc}); {_RECONNECT_HINT}"
            raise PublishError(message, FailureKind.AUTH) from None
        self._access = tokens.access_token
        return tokens.access_token


_PERMANENT = FailureKind.PERMANENT
_RECONNECT_HINT = "reconnect the account (somedesk accounts connect x)"


def _from_keeper(read: Callable[[], _T]) -> _T:
    """A token from the keeper; its failures become PublishErrors the publisher understands."""
    try:
        return read()
    except AccountError as exc:  # the sign-in is missing: only reconnecting helps
        raise PublishError(str(exc), FailureKind.AUTH) from None
    except UserError as exc:  # e.g. a locked keyring: it may be unlocked by the next try
        raise PublishError(str(exc), FailureKind.TRANSIENT) from None


def _checked_text(text: str) -> str:
    count = count_tweet(text)
    if count.has_invalid_chars:
        raise PublishError(
            "The text holds a hidden character X does not accept (U+FEFF, U+FFFE or U+FFFF).", _PERMANENT
        )
    if not count.valid:
        raise PublishError(
            f"The text is {count.weighted_length} characters as X counts them; X takes at most {X_LIMIT}.",
            _PERMANENT,
        )
    return text


def _created_id(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        body = None
    data = body.get("data") if isinstance(body, dict) else None
    post_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(post_id, str) or not _POST_ID.fullmatch(post_id):
        raise PublishError(
            "X answered that the post was made but did not say its id, so it may be on X now.",
            FailureKind.UNKNOWN_OUTCOME,
        )
    return post_id


_LINK = re.compile(r"https?://\S+")


def _comparable(text: str) -> str:
    """A post's text as X's and ours can be compared: unescaped, links set aside, spaces collapsed."""
    return " ".join(_LINK.sub(" ", html.unescape(text)).split())


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _listed(response: requests.Response) -> list[dict[str, Any]]:
    data = _json(response).get("data")
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def _replied_to(item: dict[str, Any]) -> str | None:
    for reference in item.get("referenced_tweets") or ():
        if isinstance(reference, dict) and reference.get("type") == "replied_to":
            return str(reference.get("id"))
    return None
