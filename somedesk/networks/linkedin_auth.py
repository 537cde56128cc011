"""Connecting a LinkedIn account: the browser sign-in (OAuth 2.0 code flow to a loopback redirect), the code
exchange and who signed in. The access token goes back to the caller for the keyring; nothing here keeps,
logs or shows a secret."""

from __future__ import annotations

import json
import logging
import re
import threading
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from oauthlib.oauth2 import InsecureTransportError, OAuth2Error
from requests_oauthlib import OAuth2Session

from somedesk.core.model import Network
from somedesk.networks.base import AccountError, ConnectedAccount, Endpoints
from somedesk.networks.loopback import DEFAULT_TIMEOUT, LoopbackReceiver, SignInCancelled, cancelled_by
from somedesk.networks.oauthlogs import keep_oauth_library_logs_quiet

SCOPES = ("openid", "profile", "w_member_social")  # who signed in, their name, posting as them (A2)
POSTING_SCOPE = "w_member_social"
TOKEN_LIFETIME = timedelta(days=60)  # LinkedIn's default, used when the answer leaves out expires_in (A1)
HTTP_TIMEOUT = 30.0
RECONNECT_COMMAND = "somedesk accounts connect linkedin"
_CREDENTIALS_HELP = (
    "check [networks.linkedin] client_id in config.toml and the client secret you gave somedesk, "
    "then connect again"
)

log = logging.getLogger(__name__)


def connect_linkedin(
    *,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    endpoints: Endpoints,
    open_browser: Callable[[str], object],
    show_url: Callable[[str], None],
    timeout: float = DEFAULT_TIMEOUT,
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> tuple[ConnectedAccount, str]:
    """Sign the person in through their browser; return the account and its access token.

    Blocks until the browser comes back (at most `timeout` seconds): call it from a worker thread. `show_url`
    gets the sign-in address first (for copy-paste), then `open_browser` (e.g. `webbrowser.open`) opens it.
    Setting `cancel` ends the wait with SignInCancelled. `session`, if given, lends its transport (adapters,
    proxies, TLS settings) and stays open. Raises SignInError (browser side) or AccountError (LinkedIn side).
    """
    if not client_id.strip():
        raise AccountError("No LinkedIn client ID is set: add [networks.linkedin] client_id to config.toml.")
    if not client_secret:
        raise AccountError("No LinkedIn client secret is known: give somedesk your app's client secret.")
    keep_oauth_library_logs_quiet()
    http = session or requests.Session()
    try:
        # The receiver stays open until the end so the browser surely gets its “Signed in” page.
        with (
            LoopbackReceiver(redirect_uri, timeout=timeout) as receiver,
            cancelled_by(cancel, receiver),
            _oauth_session(client_id, receiver, http) as oauth,
        ):
            code = _browser_sign_in(oauth, receiver, endpoints, open_browser, show_url)
            if cancel is not None and cancel.is_set():  # Cancel pressed just as the browser came back
                raise SignInCancelled("Sign-in was cancelled.")
            token = _exchange_code(oauth, client_secret, code, endpoints)
            access_token = token.get("access_token")
            if not isinstance(access_token, str) or not access_token:
                raise AccountError("LinkedIn's answer to the sign-in held no access token; please try again.")
            member_urn, handle = _who_signed_in(http, endpoints, access_token)
    finally:
        if session is None:
            http.close()
    log.info("Connected LinkedIn account %s", member_urn)
    account = ConnectedAccount(Network.LINKEDIN, handle, member_urn, _expires_at(token.get("expires_in")))
    return account, access_token


@contextmanager
def _oauth_session(
    client_id: str, receiver: LoopbackReceiver, http: requests.Session
) -> Iterator[OAuth2Session]:
    """An OAuth2Session for this sign-in that sends through `http`'s transport (adapters, proxies, TLS)."""
    oauth = OAuth2Session(
        client_id, redirect_uri=receiver.redirect_uri, scope=list(SCOPES), state=receiver.state
    )
    for prefix, adapter in http.adapters.items():
        oauth.mount(prefix, adapter)
    oauth.proxies, oauth.verify, oauth.cert, oauth.trust_env = (
        http.proxies,
        http.verify,
        http.cert,
        http.trust_env,
    )
    try:
        yield oauth
    finally:
        oauth.adapters.clear()  # they are `http`'s: its owner closes them
        oauth.close()


def _browser_sign_in(
    oauth: OAuth2Session,
    receiver: LoopbackReceiver,
    endpoints: Endpoints,
    open_browser: Callable[[str], object],
    show_url: Callable[[str], None],
) -> str:
    """Send the person to LinkedIn's consent page and wait for the code the browser brings back."""
    try:
        url, _ = oauth.authorization_url(f"{endpoints.linkedin_oauth_base}/authorization")
    except InsecureTransportError:
        raise AccountError(_not_https(endpoints)) from None
    show_url(url)
    try:
        open_browser(url)
    except (webbrowser.Error, OSError):
        log.info("No browser could be opened; the sign-in address was shown instead")
    return receiver.wait()


def _exchange_code(
    oauth: OAuth2Session, client_secret: str, code: str, endpoints: Endpoints
) -> dict[str, Any]:
    """Trade the code for the token answer (a dict with access_token and expires_in)."""
    oauth.register_compliance_hook("access_token_response", _TokenAnswerCheck((client_secret, code)))
    try:
        # LinkedIn takes client_id and client_secret only in the form body (A1). With include_client_id=True
        # requests-oauthlib builds no Basic auth header and puts both in the body instead.
        token = oauth.fetch_token(
            f"{endpoints.linkedin_oauth_base}/accessToken",
            code=code,
            client_secret=client_secret,
            include_client_id=True,
            timeout=HTTP_TIMEOUT,
        )
    except InsecureTransportError:
        raise AccountError(_not_https(endpoints)) from None
    except requests.RequestException as exc:
        log.info("LinkedIn code exchange failed: %s", type(exc).__name__)
        raise AccountError(
            "Could not reach LinkedIn to finish the sign-in; check your connection and connect again."
        ) from None
    except (OAuth2Error, Warning) as exc:  # a 200 answer oauthlib could not use (Warning: changed scope)
        log.info("LinkedIn token answer refused by oauthlib: %s", type(exc).__name__)
        raise AccountError("LinkedIn's answer to the sign-in was not understood; please try again.") from None
    return dict(token)


class _TokenAnswerCheck:
    """The token answer hook: turns LinkedIn's refusals into AccountError and checks the granted scopes."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        self._secrets = secrets

    def __call__(self, response: requests.Response) -> requests.Response:
        if response.status_code != 200:
            raise self._refusal(response)
        try:
            body = response.json()
        except ValueError:
            return response  # oauthlib finds no token in it: reported as not understood
        if isinstance(body, dict) and isinstance(body.get("scope"), str):
            granted = set(re.split(r"[\s,]+", body.pop("scope"))) - {""}
            if POSTING_SCOPE not in granted:
                raise AccountError(
                    "LinkedIn did not grant somedesk permission to post (w_member_social): add the product "
                    "“Share on LinkedIn” to your LinkedIn app, then connect again."
                )
            # LinkedIn lists scopes with commas and may add ones granted before (email); oauthlib would take
            # either for a changed scope and refuse the token. The scope is checked above, so it goes.
            response._content = json.dumps(body).encode()
        return response

    def _refusal(self, response: requests.Response) -> AccountError:
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        error = str(body.get("error", "")) if isinstance(body, dict) else ""
        description = str(body.get("error_description", "")) if isinstance(body, dict) else ""
        if status == 401 or error in {"invalid_client", "unauthorized_client"}:
            return AccountError(
                f"LinkedIn refused the app's client ID or client secret: {_CREDENTIALS_HELP}."
            )
        if status >= 500:
            return AccountError(f"LinkedIn could not finish the sign-in (HTTP {status}); try again later.")
        detail = self._scrub(f"{error}: {description}" if description else error or f"HTTP {status}")
        return AccountError(
            f"LinkedIn would not finish the sign-in ({detail}). Connect again; if it keeps failing, check "
            "that redirect_uri in config.toml is exactly the redirect URL registered with your LinkedIn app."
        )

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "…")
        text = " ".join(text.split())
        return text if len(text) <= 240 else text[:239] + "…"


def _who_signed_in(http: requests.Session, endpoints: Endpoints, access_token: str) -> tuple[str, str]:
    """The member URN (`urn:li:person:{sub}`) and a name to show, from the OpenID userinfo (A3)."""
    try:
        response = http.get(
            f"{endpoints.linkedin_api_base}/v2/userinfo",
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=HTTP_TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        log.info("LinkedIn userinfo failed: %s", type(exc).__name__)
        raise AccountError(
            "Could not reach LinkedIn to learn who signed in; check your connection and connect again."
        ) from None
    if response.status_code == 403:
        raise AccountError(
            "LinkedIn did not tell somedesk who signed in: add the product “Sign In with LinkedIn using "
            "OpenID Connect” to your LinkedIn app, then connect again."
        )
    try:
        info = response.json() if response.status_code == 200 else None
    except ValueError:
        info = None
    sub = info.get("sub") if isinstance(info, dict) else None
    if not isinstance(info, dict) or not isinstance(sub, str) or not sub.strip():
        raise AccountError(
            f"LinkedIn did not tell somedesk who signed in (HTTP {response.status_code}); connect again."
        )
    urn = f"urn:li:person:{sub.strip()}"
    return urn, _display_name(info) or urn


def _display_name(info: dict[str, Any]) -> str:
    name = info.get("name")
    if isinstance(name, str) and name.strip():
        return " ".join(name.split())
    parts = [info.get("given_name"), info.get("family_name")]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def _expires_at(expires_in: object) -> datetime:
    lifetime = TOKEN_LIFETIME
    if isinstance(expires_in, int | float | str):
        try:
            seconds = float(expires_in)
        except ValueError:
            seconds = 0
        if 0 < seconds < 10 * 365 * 86400:  # anything else is not a lifetime: LinkedIn's default holds
            lifetime = timedelta(seconds=seconds)
    return datetime.now(UTC) + lifetime


def _not_https(endpoints: Endpoints) -> str:
    return (
        f"The LinkedIn sign-in address {endpoints.linkedin_oauth_base} does not use https, so somedesk will "
        "not send your sign-in there; check SOMEDESK_LINKEDIN_OAUTH_BASE."
    )
