"""Signing in to X from the desktop (OAuth 2.0 authorization code with PKCE, as a public "Native App" client,
with the browser coming back to a loopback receiver), renewing the two-hour token, and revoking on disconnect.

Tokens are handed to the caller and never written anywhere here, nor put in a message or a log record.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from oauthlib.oauth2 import InsecureTransportError, OAuth2Error
from requests_oauthlib import OAuth2Session

from somedesk.core.model import Network
from somedesk.networks.base import AccountError, ConnectedAccount, Endpoints, FailureKind, PublishError
from somedesk.networks.loopback import DEFAULT_TIMEOUT, LoopbackReceiver, SignInCancelled, cancelled_by
from somedesk.networks.oauthlogs import keep_oauth_library_logs_quiet
from somedesk.networks.x_errors import RECONNECT, failure_from_exception, failure_from_response, one_line

SCOPES = ("tweet.read", "tweet.write", "users.read", "offline.access", "media.write")
_NEEDED_SCOPES = frozenset({"tweet.read", "tweet.write", "users.read"})
HTTP_TIMEOUT = 30.0
REVOKE_TIMEOUT = 10.0
# RFC 6750 b64token. Checked before a token goes into a header: requests puts a header value it refuses
# (say, a token with a stray newline) into its exception message.
_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
_DAMAGED = "The X sign-in somedesk holds is damaged; reconnect the account (somedesk accounts connect x)"


@dataclass(frozen=True, slots=True)
class XTokens:
    """What X's token endpoint gave (the secrets are left out of the repr)."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)
    expires_at: datetime | None


def connect_x(
    *,
    client_id: str,
    redirect_uri: str,
    endpoints: Endpoints,
    open_browser: Callable[[str], object],
    show_url: Callable[[str], None],
    timeout: float = DEFAULT_TIMEOUT,
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> tuple[ConnectedAccount, str, str | None]:
    """Sign the person in to X in their browser; return the account, its access token and refresh token.

    `show_url` gets the sign-in address first (to print or show for copying), then `open_browser` opens it;
    `timeout` bounds the wait for the browser to come back. `session` carries the API call that names the
    account (the token exchange goes through requests-oauthlib's own session). Raises SignInError when the
    browser does not bring a code back (denied, timed out, cancelled) and AccountError when X refuses.
    Setting `cancel` (from any thread) ends the wait with SignInCancelled.
    """
    if not client_id.strip():
        raise AccountError("X needs your app's client ID: set [networks.x] client_id in config.toml")
    keep_oauth_library_logs_quiet()
    http = session or requests.Session()
    try:
        # The receiver stays up until the end so the browser surely gets its "signed in" page.
        with (
            LoopbackReceiver(redirect_uri, timeout=timeout) as receiver,
            cancelled_by(cancel, receiver),
        ):
            tokens = _sign_in(client_id, receiver, endpoints, open_browser, show_url, cancel)
            try:
                account = _who_signed_in(http, endpoints, tokens)
            except AccountError:
                # An account we cannot name is not kept: let go of its grant rather than orphan it.
                for token, hint in (
                    (tokens.refresh_token, "refresh_token"),
                    (tokens.access_token, "access_token"),
                ):
                    if token:
                        revoke_x(
                            client_id=client_id,
                            token=token,
                            endpoints=endpoints,
                            token_type_hint=hint,
                            session=http,
                        )
                raise
    finally:
        if session is None:
            http.close()
    return account, tokens.access_token, tokens.refresh_token


def revoke_x(
    *,
    client_id: str,
    token: str,
    endpoints: Endpoints,
    token_type_hint: str = "access_token",
    session: requests.Session | None = None,
    timeout: float = REVOKE_TIMEOUT,
) -> bool:
    """Ask X to end `token` (an access or refresh token, per `token_type_hint`). Best effort: True when X
    confirmed, False on any refusal or network failure; it never raises for those."""
    form = {"token": token, "client_id": client_id, "token_type_hint": token_type_hint}
    http = session or requests.Session()
    try:
        response = http.post(
            f"{_api_base(endpoints)}/2/oauth2/revoke", data=form, timeout=timeout, allow_redirects=False
        )
        response.close()
        return response.status_code == 200
    except requests.RequestException:
        return False
    finally:
        if session is None:
            http.close()


def renew_x_tokens(
    http: requests.Session, *, client_id: str, refresh_token: str, endpoints: Endpoints, timeout: float
) -> XTokens:
    """Trade the refresh token for a new pair. X rotates refresh tokens: the old one is dead once this
    succeeds, so the caller must store the new pair before anything else. Raises PublishError (AUTH when
    X refuses the refresh token)."""
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
    what = "the sign-in renewal"
    try:
        response = http.post(
            f"{_api_base(endpoints)}/2/oauth2/token",
            data=form,
            headers={"Accept": "application/json"},
            timeout=timeout,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        raise failure_from_exception(exc, what, creates_post=False) from exc
    if response.status_code in (400, 401):  # invalid_request / invalid_grant: revoked or already used
        raise PublishError(RECONNECT, FailureKind.AUTH)
    if not response.ok:
        raise failure_from_response(response, what)
    try:
        body = response.json()
    except ValueError:
        body = None
    tokens = _tokens_from(body if isinstance(body, Mapping) else {}, refresh_token)
    if tokens is None:
        raise PublishError("X's answer to the sign-in renewal held no usable token.", FailureKind.TRANSIENT)
    return tokens


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for `token`, refused (without repeating it) when it cannot be one."""
    if not _TOKEN.fullmatch(token):
        raise PublishError(_DAMAGED, FailureKind.AUTH)
    return {"Authorization": f"Bearer {token}"}


def _sign_in(
    client_id: str,
    receiver: LoopbackReceiver,
    endpoints: Endpoints,
    open_browser: Callable[[str], object],
    show_url: Callable[[str], None],
    cancel: threading.Event | None = None,
) -> XTokens:
    token_url = f"{_api_base(endpoints)}/2/oauth2/token"
    oauth = OAuth2Session(client_id, redirect_uri=receiver.redirect_uri, scope=list(SCOPES), pkce="S256")
    with oauth:
        try:
            url, _ = oauth.authorization_url(endpoints.x_authorize_url, state=receiver.state)
        except InsecureTransportError:
            raise AccountError(_insecure(endpoints.x_authorize_url)) from None
        show_url(url)
        # A browser that cannot be opened is no failure: the person has the address to open by hand.
        with contextlib.suppress(Exception):
            open_browser(url)
        code = receiver.wait()  # checks `state`; SignInError when denied, timed out or cancelled
        if cancel is not None and cancel.is_set():  # Cancel pressed just as the browser came back
            raise SignInCancelled("Sign-in was cancelled.")
        # oauthlib raises a bare Warning when the granted scopes differ; the check below says it plainly.
        oauth.scope = None
        oauth.register_compliance_hook("access_token_response", _refuse_server_trouble)
        try:
            token = oauth.fetch_token(token_url, code=code, include_client_id=True, timeout=HTTP_TIMEOUT)
        except InsecureTransportError:
            raise AccountError(_insecure(token_url)) from None
        except OAuth2Error as exc:
            raise AccountError(_refused(exc)) from None
        except requests.RequestException as exc:
            raise AccountError(f"Could not reach X to finish the sign-in ({type(exc).__name__}).") from None
    granted = token.get("scope")  # oauthlib gives it as a list
    missing = _NEEDED_SCOPES - set(granted) if isinstance(granted, list) else set()
    if missing:
        needed = ", ".join(sorted(missing))
        raise AccountError(f"X did not grant somedesk the permissions it needs ({needed}); please try again.")
    tokens = _tokens_from(token, None)
    if tokens is None:
        raise AccountError("X's answer to the sign-in held no usable token; please try again.")
    return tokens


def _refuse_server_trouble(response: requests.Response) -> requests.Response:
    if response.status_code >= 500 or response.status_code == 429:
        raise AccountError(
            f"X could not finish the sign-in just now (HTTP {response.status_code}); try again."
        )
    return response


def _refused(exc: OAuth2Error) -> str:
    error = one_line(str(exc.error or "refused"), 60)
    description = one_line(str(exc.description or ""), 160)
    why = f"{error}: {description}" if description else error
    if exc.error in ("invalid_request", "invalid_grant"):
        return f"X did not accept the sign-in ({why}); its code lasts only 30 seconds, so please try again."
    return f"X did not accept the sign-in ({why})."


def _who_signed_in(http: requests.Session, endpoints: Endpoints, tokens: XTokens) -> ConnectedAccount:
    try:
        headers = bearer(tokens.access_token)
    except PublishError:
        raise AccountError("X's answer to the sign-in held no usable token; please try again.") from None
    try:
        response = http.get(
            f"{_api_base(endpoints)}/2/users/me", headers=headers, timeout=HTTP_TIMEOUT, allow_redirects=False
        )
    except requests.RequestException as exc:
        raise AccountError(
            f"Could not reach X to learn which account signed in ({type(exc).__name__})."
        ) from None
    if response.status_code != 200:
        raise AccountError(
            f"X did not say which account signed in (HTTP {response.status_code}); please try again."
        )
    try:
        body = response.json()
    except ValueError:
        body = None
    data = body.get("data") if isinstance(body, dict) else None
    user_id = data.get("id") if isinstance(data, dict) else None
    username = data.get("username") if isinstance(data, dict) else None
    if not isinstance(user_id, str) or not isinstance(username, str) or not user_id or not username:
        raise AccountError("X's answer did not say which account signed in; please try again.")
    return ConnectedAccount(Network.X, f"@{username}", user_id, tokens.expires_at)


def _tokens_from(body: Mapping[str, Any], old_refresh_token: str | None) -> XTokens | None:
    access, refresh, lifetime = body.get("access_token"), body.get("refresh_token"), body.get("expires_in")
    if not isinstance(access, str) or not access:
        return None
    if not isinstance(refresh, str) or not refresh:
        refresh = old_refresh_token  # X sends a new one on every refresh; keep the old if it ever does not
    expires_at = None
    if isinstance(lifetime, int | float) and not isinstance(lifetime, bool) and lifetime > 0:
        expires_at = datetime.now(UTC) + timedelta(seconds=lifetime)
    return XTokens(access, refresh, expires_at)


def _insecure(url: str) -> str:
    return (
        f"The X sign-in address {url} does not use https, so somedesk will not sign in there "
        "(for a local test server, set OAUTHLIB_INSECURE_TRANSPORT=1)."
    )


def _api_base(endpoints: Endpoints) -> str:
    return endpoints.x_api_base.rstrip("/")
