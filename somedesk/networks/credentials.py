"""Secrets in the OS keyring (service "somedesk"), and plain words when no keyring can be used.

Tokens and client secrets live here and nowhere else: never in SQLite, config, logs or messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from typing import TYPE_CHECKING

from somedesk.core.errors import UserError
from somedesk.core.model import Network

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "somedesk"

# The OS keyrings somedesk keeps secrets in. An allow-list, not a deny-list: keyring also loads
# third-party backends, and some are no keyring at all (fail, null), keep secrets in a plain file
# (keyrings.alt's PlaintextKeyring) or ask for a password on standard input (its EncryptedKeyring,
# which hangs `somedesk run` and cannot prompt from a desktop app).
_OS_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",  # GNOME Keyring, KeePassXC... (Secret Service)
        "keyring.backends.libsecret.Keyring",  # the same service, through libsecret
        "keyring.backends.kwallet.DBusKeyring",  # KDE Wallet
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",  # macOS Keychain
        "keyring.backends.Windows.WinVaultKeyring",  # Windows Credential Locker
    }
)
_CHAINER = "keyring.backends.chainer.ChainerBackend"
# Tests name the modules of their own backends here (tests/conftest.py), explicitly, for this process
# and its subprocesses; nothing else ever sets it.
TEST_BACKENDS_VARIABLE = "SOMEDESK_TEST_KEYRING_MODULES"

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
    PHONE_TOPIC = "phone_topic"  # app-wide: the ntfy topic works like a password
    PHONE_TOKEN = "phone_token"  # app-wide: the ntfy access token, when the server wants one


APP_PREFIX = "app"  # secrets that belong to the app rather than to one network ("app:slack_webhook")


class KeyringUnavailableError(UserError):
    """No keyring can be used; the message says what to do."""


class Secrets:
    """The person's secrets in the keyring, one entry per network and name ("x:refresh_token")."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._given = backend

    def backend(self) -> KeyringBackend:
        """The OS keyring to use, looked for at each use: none is remembered while it is refused, so
        "start your keyring, then try again" works without restarting somedesk."""
        backend = _usable(self._given if self._given is not None else _system_backend())
        if backend is None:
            raise KeyringUnavailableError(NO_KEYRING_HELP, code="no-keyring")
        return backend

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
        found = keyring.get_keyring()
        if _usable(found) is None:
            # keyring chose once, when this process first asked; the person may have started or
            # unlocked their keyring since.
            found = _detect_again() or found
        return found
    except (RuntimeError, ImportError, AttributeError, OSError) as exc:
        # Detection itself never raises; a backend named in PYTHON_KEYRING_BACKEND or keyringrc.cfg
        # does, when it cannot be imported or cannot run here (e.g. SecretService with no session bus).
        raise KeyringUnavailableError(
            f"the keyring named in PYTHON_KEYRING_BACKEND or keyringrc.cfg cannot be used here "
            f"({type(exc).__name__}): fix or remove that setting, or start and unlock gnome-keyring "
            "or KWallet in your desktop session"
        ) from None


def _qualified_name(backend: object) -> str:
    return _qualified_name_of(type(backend))


def _allowed(backend: object) -> bool:
    name = _qualified_name(backend)
    tests = [m for m in os.environ.get(TEST_BACKENDS_VARIABLE, "").split(",") if m]
    return name in _OS_BACKENDS or type(backend).__module__ in tests


def _usable(backend: KeyringBackend) -> KeyringBackend | None:
    """`backend` when it is an OS keyring; for keyring's chainer (several backends, each asked in
    turn) the best OS keyring it holds, so that a prompting or plain-file one is never asked."""
    if _qualified_name(backend) == _CHAINER:
        inner: list[KeyringBackend] = list(getattr(backend, "backends", []))
        allowed = [b for b in inner if _allowed(b)]
        return max(allowed, key=lambda b: b.priority) if allowed else None
    return backend if _allowed(backend) else None


def _detect_again() -> KeyringBackend | None:
    """keyring's own choice made afresh (its PYTHON_KEYRING_BACKEND or keyringrc.cfg first): its
    detection keeps the backends it found viable at the first use, so their viability is asked anew."""
    import keyring.core
    from keyring.backend import KeyringBackend

    named = keyring.core.load_env() or keyring.core.load_config()
    if named is not None:
        found: KeyringBackend | None = named
    else:
        viable = [c for c in KeyringBackend.get_viable_backends() if _qualified_name_of(c) in _OS_BACKENDS]
        made = []
        for kind in viable:
            with suppress(TypeError):  # one that needs arguments, as keyring's own detection skips
                made.append(kind())
        found = max(made, key=lambda b: b.priority, default=None)
    if found is not None and _usable(found) is not None:
        keyring.core.set_keyring(found)
        return found
    return None


def _qualified_name_of(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


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
