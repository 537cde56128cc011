"""Connecting, listing and disconnecting accounts, and building a signed-in client for publishing.

Secrets go to the keyring (`networks/credentials.py`); what is shown (handle, expiry, state) goes to
SQLite. The Sandbox account is built in and always connected.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from somedesk.core.accounts import Account, AccountState
from somedesk.core.config import Config
from somedesk.core.errors import ConfigError, UserError
from somedesk.core.model import Network
from somedesk.networks.base import AccountError, ConnectedAccount, Endpoints, NetworkClient
from somedesk.networks.credentials import SecretName, Secrets
from somedesk.store.publishing import PublishingRecords

Clock = Callable[[], datetime]
SIGN_IN_TIMEOUT = 300.0
NOT_CONNECTED = "not connected"
# In the data folder: one X token renewal at a time across Quick post, the runtime and the CLI.
X_RENEWAL_LOCK = "x-renewal.lock"


@dataclass(frozen=True, slots=True)
class AccountStatus:
    network: Network
    state: str  # "connected", "reconnect-needed" or "not connected"
    handle: str = ""
    expires_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SignInUi:
    """How a face takes part in a browser sign-in."""

    ask_secret: Callable[[str], str]  # prompt -> the secret typed (hidden)
    open_browser: Callable[[str], object]
    show_url: Callable[[str], None]


class KeyringTokens:
    """The `TokenKeeper` for one account: tokens in the keyring, their expiry in SQLite."""

    def __init__(self, network: Network, secrets: Secrets, records: PublishingRecords, clock: Clock) -> None:
        self.network = network
        self._secrets = secrets
        self._records = records
        self._clock = clock

    def access_token(self) -> str:
        token = self._secrets.get(self.network, SecretName.ACCESS_TOKEN)
        if not token:
            raise AccountError(_reconnect_message(self.network, "its sign-in is missing from the keyring"))
        return token

    def refresh_token(self) -> str | None:
        return self._secrets.get(self.network, SecretName.REFRESH_TOKEN)

    def save(self, access_token: str, refresh_token: str | None, expires_at: datetime | None) -> None:
        # The refresh token first: once rotated, the old one is dead, so the new one must be safe
        # before anything else can fail.
        if refresh_token:
            self._secrets.set(self.network, SecretName.REFRESH_TOKEN, refresh_token)
        self._secrets.set(self.network, SecretName.ACCESS_TOKEN, access_token)
        self._records.set_expiry(self.network, expires_at, self._clock())


def _reconnect_message(network: Network, why: str) -> str:
    return f"{network.display_name} needs reconnecting ({why}): somedesk accounts connect {network.value}"


class Accounts:
    def __init__(
        self,
        config: Config,
        records: PublishingRecords,
        secrets: Secrets,
        endpoints: Endpoints,
        data_dir: Path,
        clock: Clock,
    ) -> None:
        self.config = config
        self.records = records
        self.secrets = secrets
        self.endpoints = endpoints
        self.data_dir = data_dir
        self.clock = clock

    def statuses(self) -> list[AccountStatus]:
        known = {a.network: a for a in self.records.accounts()}
        result = []
        for network in (Network.LINKEDIN, Network.X):
            account = known.get(network)
            if account is None:
                result.append(AccountStatus(network, NOT_CONNECTED))
            else:
                state = self._effective_state(account)
                result.append(AccountStatus(network, state.value, account.handle, account.expires_at))
        result.append(AccountStatus(Network.SANDBOX, AccountState.CONNECTED.value, "Sandbox (outbox.jsonl)"))
        return result

    def _effective_state(self, account: Account) -> AccountState:
        # LinkedIn self-serve apps get no refresh token: past its expiry the account must reconnect.
        expired = (
            account.network is Network.LINKEDIN
            and account.expires_at is not None
            and account.expires_at <= self.clock()
        )
        return AccountState.RECONNECT_NEEDED if expired else account.state

    def connect(
        self,
        network: Network,
        ui: SignInUi,
        timeout: float = SIGN_IN_TIMEOUT,
        cancel: threading.Event | None = None,
    ) -> Account:
        """Sign in to `network` in the browser and keep the account; setting `cancel` (from any thread,
        e.g. the GUI's Cancel) ends the wait for the browser with SignInCancelled."""
        if network is Network.SANDBOX:
            raise AccountError("the Sandbox is built in and always connected")
        settings = self.config.network_settings(network)
        if not settings.client_id:
            raise ConfigError(
                f"set [networks.{network.value}] client_id in your config.toml first "
                f"(the README's 'Connecting {network.display_name}' explains where to find it)"
            )
        # Before the browser opens: a sign-in that cannot be kept must not be started (issue 12).
        self._require_keyring(network)
        if network is Network.LINKEDIN:
            connected = self._connect_linkedin(ui, timeout, cancel)
        else:
            connected = self._connect_x(ui, timeout, cancel)
        account = Account(
            network=network,
            handle=connected.handle,
            user_id=connected.user_id,
            expires_at=connected.expires_at,
            state=AccountState.CONNECTED,
            connected_at=self.clock(),
        )
        self.records.save_account(account, self.clock())
        return account

    def _require_keyring(self, network: Network) -> None:
        """Raise the keyring's one-line UserError unless it can be read now (a locked or missing
        keyring fails here; reading may ask the desktop to unlock it, which is the moment to)."""
        self.secrets.get(network, SecretName.ACCESS_TOKEN)

    def _connect_linkedin(
        self, ui: SignInUi, timeout: float, cancel: threading.Event | None
    ) -> ConnectedAccount:
        from somedesk.networks.linkedin import connect_linkedin

        settings = self.config.network_settings(Network.LINKEDIN)
        stored = self.secrets.get(Network.LINKEDIN, SecretName.CLIENT_SECRET)
        client_secret = stored or ui.ask_secret("LinkedIn client secret (from your app's Auth tab): ").strip()
        if not client_secret:
            raise AccountError("no client secret given; LinkedIn needs your app's client secret to sign in")
        connected, access_token = connect_linkedin(
            client_id=settings.client_id,
            client_secret=client_secret,
            redirect_uri=settings.redirect_uri,
            endpoints=self.endpoints,
            open_browser=ui.open_browser,
            show_url=ui.show_url,
            timeout=timeout,
            cancel=cancel,
        )
        try:
            # Kept only once it has worked, so a mistyped secret is asked for again next time.
            self.secrets.set(Network.LINKEDIN, SecretName.CLIENT_SECRET, client_secret)
            self.secrets.set(Network.LINKEDIN, SecretName.ACCESS_TOKEN, access_token)
        except UserError as exc:
            # LinkedIn's self-serve apps have no revoke endpoint: the token ends by itself.
            raise UserError(
                f"LinkedIn signed you in, but somedesk could not keep the sign-in ({exc}); nothing was "
                "saved, and the unused sign-in ends by itself"
            ) from None
        return connected

    def _connect_x(self, ui: SignInUi, timeout: float, cancel: threading.Event | None) -> ConnectedAccount:
        from somedesk.networks.x import connect_x

        settings = self.config.network_settings(Network.X)
        connected, access_token, refresh_token = connect_x(
            client_id=settings.client_id,
            redirect_uri=settings.redirect_uri,
            endpoints=self.endpoints,
            open_browser=ui.open_browser,
            show_url=ui.show_url,
            timeout=timeout,
            cancel=cancel,
        )
        try:
            self.secrets.delete(Network.X, SecretName.REFRESH_TOKEN)
            if refresh_token:
                self.secrets.set(Network.X, SecretName.REFRESH_TOKEN, refresh_token)
            self.secrets.set(Network.X, SecretName.ACCESS_TOKEN, access_token)
        except UserError as exc:
            # Tokens X issued that nobody keeps must not stay alive: revoke them (refresh first:
            # it could mint new access tokens).
            ended = self._revoke_x_tokens(settings.client_id, refresh_token, access_token)
            after = (
                "the sign-in X gave was revoked"
                if ended
                else "revoke somedesk at x.com (Settings, Security, Connected apps)"
            )
            raise UserError(
                f"X signed you in, but somedesk could not keep the sign-in ({exc}); {after}"
            ) from None
        return connected

    def _revoke_x_tokens(self, client_id: str, refresh_token: str | None, access_token: str) -> bool:
        from somedesk.networks.x import revoke_x

        ended = True
        if refresh_token:
            ended = revoke_x(
                client_id=client_id,
                token=refresh_token,
                endpoints=self.endpoints,
                token_type_hint="refresh_token",
            )
        return revoke_x(client_id=client_id, token=access_token, endpoints=self.endpoints) and ended

    def disconnect(self, network: Network) -> bool:
        """Forget the account: revoke on X (best effort), remove its keyring entries and metadata."""
        if network is Network.SANDBOX:
            raise AccountError("the Sandbox is built in and cannot be disconnected")
        if network is Network.X:
            self._revoke_x()
        team_secret = self._team_client_secret(network)
        self.secrets.delete_all(network)
        if team_secret:
            # The organisation's app secret (from the team file) belongs to the app, not to this
            # sign-in: connecting again must not ask the person for a secret they were never given.
            self.secrets.set(network, SecretName.CLIENT_SECRET, team_secret)
        existed = self.records.account(network) is not None
        self.records.delete_account(network)
        return existed

    def _team_client_secret(self, network: Network) -> str | None:
        """The LinkedIn client secret the team file put in the keyring (unchanged since), else None."""
        from somedesk.core.teamfile import LINKEDIN_CLIENT_SECRET
        from somedesk.sources.teamrecord import fingerprint, load_record

        if network is not Network.LINKEDIN:
            return None
        try:
            record = load_record(self.data_dir)
        except ConfigError:
            return None
        mark = record.secrets.get(LINKEDIN_CLIENT_SECRET) if record else None
        current = self.secrets.get(network, SecretName.CLIENT_SECRET) if mark else None
        return current if current and fingerprint(current) == mark else None

    def _revoke_x(self) -> None:
        from somedesk.networks.x import revoke_x

        client_id = self.config.network_settings(Network.X).client_id
        if not client_id:
            return
        # Both tokens: a refresh token left alive could mint new access tokens after "disconnect".
        for name, hint in (
            (SecretName.REFRESH_TOKEN, "refresh_token"),
            (SecretName.ACCESS_TOKEN, "access_token"),
        ):
            token = self.secrets.get(Network.X, name)
            if token:
                revoke_x(client_id=client_id, token=token, endpoints=self.endpoints, token_type_hint=hint)

    def mark_reconnect_needed(self, network: Network) -> None:
        if network is not Network.SANDBOX:
            self.records.set_account_state(network, AccountState.RECONNECT_NEEDED, self.clock())

    def expiring_within(self, days: int) -> list[Account]:
        """LinkedIn accounts whose 60-day sign-in ends within `days` (for the reminders)."""
        limit = self.clock() + timedelta(days=days)
        return [
            a
            for a in self.records.accounts()
            if a.network is Network.LINKEDIN and a.expires_at is not None and a.expires_at <= limit
        ]

    def client(self, network: Network) -> NetworkClient:
        """A signed-in client, or AccountError saying what the person must do."""
        if network is Network.SANDBOX:
            from somedesk.networks.sandbox import SandboxClient

            return SandboxClient(self.data_dir)
        account = self.records.account(network)
        if account is None:
            raise AccountError(
                f"{network.display_name} is not connected: somedesk accounts connect {network.value}"
            )
        if self._effective_state(account) is AccountState.RECONNECT_NEEDED:
            raise AccountError(_reconnect_message(network, "its sign-in has ended"))
        tokens = KeyringTokens(network, self.secrets, self.records, self.clock)
        settings = self.config.network_settings(network)
        if network is Network.LINKEDIN:
            from somedesk.networks.linkedin import LinkedInClient

            return LinkedInClient(
                access_token=tokens.access_token(),
                member_urn=account.user_id,
                api_version=settings.api_version,
                endpoints=self.endpoints,
            )
        from somedesk.networks.x import XClient

        tokens.access_token()  # fail now, with what to do, if the keyring cannot give the sign-in
        return XClient(
            client_id=settings.client_id,
            tokens=tokens,
            username=account.handle.lstrip("@"),
            endpoints=self.endpoints,
            user_id=account.user_id,
            renewal_lock_file=self.data_dir / X_RENEWAL_LOCK,
        )
