"""Secrets in the OS keyring (service "somedesk"), and plain words when no keyring can be used.

Tokens and client secrets live here and nowhere else: never in SQLite, config, logs or messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from typing import TYPE_CHECKING

from somedesk.core.errors import UserError
from somedesk.core.model import Network

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "somedesk"

# Backends that are no keyring at all, or that keep secrets in a plain file: we refuse them rather
# than pretend the person's tokens are safe.
_REFUSED_BACKENDS = {
    "keyring.backends.fail.Keyring",
    "keyring.backends.null.Keyring",
    "keyrings.alt.file.PlaintextKeyring",
}

NO_KEYRING_HELP = (
    "no usable keyring to keep your sign-in safe: on Linux install and unlock gnome-keyring "
    "(or KWallet) in your desktop session, then try again"
)
LOCKED_HELP = "your keyring is locked: unlock it (e.g. log in to your desktop session) and try again"


class SecretName(StrEnum):
    ACCESS_TOKEN = "access_token"
    REFRESH_TOKEN = "refresh_token"
    CLIENT_SECRET = "client_secret"
    SLACK_WEBHOOK = "slack_webhook"  # app-wide (not per network): see Secrets.get_app


APP_PREFIX = "app"  # secrets that belong to the app rather than to one network ("app:slack_webhook")


class KeyringUnavailableError(UserError):
    """No keyring can be used; the message says what to do."""


class Secrets:
    """The person's secrets in the keyring, one entry per network and name ("x:refresh_token")."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    def backend(self) -> KeyringBackend:
        if self._backend is None:
            self._backend = _system_backend()
        name = _qualified_name(self._backend)
        if name in _REFUSED_BACKENDS or _only_refused(self._backend):
            raise KeyringUnavailableError(NO_KEYRING_HELP, code="no-keyring")
        return self._backend

    def get(self, network: Network, name: SecretName) -> str | None:
        return self._get(_username(network, name))

    def set(self, network: Network, name: SecretName, value: str) -> None:
        self._set(_username(network, name), value)

    def delete(self, network: Network, name: SecretName) -> None:
        """Remove the entry; an entry that is not there is already removed."""
        self._delete(_username(network, name))

    def delete_all(self, network: Network) -> None:
        for name in SecretName:  # app-wide secrets live under "app:", so they are left alone
            self.delete(network, name)

    # App-wide secrets (e.g. the team's Slack webhook address), one entry each: "app:slack_webhook".

    def get_app(self, name: SecretName) -> str | None:
        return self._get(_app_username(name))

    def set_app(self, name: SecretName, value: str) -> None:
        self._set(_app_username(name), value)

    def delete_app(self, name: SecretName) -> None:
        self._delete(_app_username(name))

    def _get(self, username: str) -> str | None:
        backend = self.backend()
        with _keyring_errors():
            return backend.get_password(SERVICE, username)

    def _set(self, username: str, value: str) -> None:
        backend = self.backend()
        with _keyring_errors():
            backend.set_password(SERVICE, username, value)

    def _delete(self, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        backend = self.backend()
        with _keyring_errors(), suppress(PasswordDeleteError):
            backend.delete_password(SERVICE, username)


def _username(network: Network, name: SecretName) -> str:
    return f"{network.value}:{name.value}"


def _app_username(name: SecretName) -> str:
    return f"{APP_PREFIX}:{name.value}"


def _system_backend() -> KeyringBackend:
    import keyring  # imported on first use: finding a backend talks to D-Bus

    try:
        return keyring.get_keyring()
    except (RuntimeError, ImportError, AttributeError, OSError) as exc:
        # Detection itself never raises; a backend named in PYTHON_KEYRING_BACKEND or keyringrc.cfg
        # does, when it cannot be imported or cannot run here (e.g. SecretService with no session bus).
        raise KeyringUnavailableError(
            f"the keyring named in PYTHON_KEYRING_BACKEND or keyringrc.cfg cannot be used here "
            f"({type(exc).__name__}): fix or remove that setting, or start and unlock gnome-keyring "
            "or KWallet in your desktop session"
        ) from None


def _qualified_name(backend: object) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _only_refused(backend: object) -> bool:
    # keyring's ChainerBackend wraps several; it is only as good as what it wraps.
    inner = getattr(backend, "backends", None)
    if inner is None or _qualified_name(backend) != "keyring.backends.chainer.ChainerBackend":
        return False
    return all(_qualified_name(b) in _REFUSED_BACKENDS for b in inner)


@contextmanager
def _keyring_errors() -> Iterator[None]:
    """Turn keyring's exceptions into one line the person can act on (never with a secret in it)."""
    from keyring import errors

    try:
        yield
    except errors.KeyringLocked:
        raise KeyringUnavailableError(LOCKED_HELP, code="keyring-locked") from None
    except errors.NoKeyringError:
        raise KeyringUnavailableError(NO_KEYRING_HELP, code="no-keyring") from None
    except Exception as exc:
        if not isinstance(exc, errors.KeyringError | OSError) and not _from_dbus_library(exc):
            raise
        if _from_dbus_library(exc) and type(exc).__name__ in _DBUS_LOCKED_ERRORS:
            raise KeyringUnavailableError(LOCKED_HELP, code="keyring-locked") from None
        raise KeyringUnavailableError(
            f"the keyring could not be used ({type(exc).__name__}); is gnome-keyring or KWallet running "
            "and unlocked?"
        ) from None


# The Linux backends let their D-Bus libraries' own exceptions through when the bus or the daemon goes
# away after the backend was chosen (secretstorage, its transport jeepney, dbus-python for KWallet).
# Matched by module so that none of them has to be importable here (and jeepney has no type hints).
_DBUS_LIBRARIES = {"secretstorage", "jeepney", "dbus"}
_DBUS_LOCKED_ERRORS = {"LockedException", "PromptDismissedException"}


def _from_dbus_library(exc: BaseException) -> bool:
    return type(exc).__module__.partition(".")[0] in _DBUS_LIBRARIES
