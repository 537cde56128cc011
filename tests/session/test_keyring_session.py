"""`Secrets` against the real Secret Service (gnome-keyring) of scripts/session.sh's throwaway session.

Also what a person sees when the keyring cannot be used: no session bus, a locked keyring, the `fail`
backend. Those run in a subprocess, as the app would, so each one finds its keyring afresh.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
import secretstorage
from keyring.backend import KeyringBackend
from keyring.backends import fail
from secretstorage.collection import Collection
from secretstorage.util import DBusAddressWrapper, format_secret, open_session

from somedesk.core.model import Network
from somedesk.networks.credentials import SERVICE, KeyringUnavailableError, SecretName, Secrets

pytestmark = pytest.mark.session

# A keyring operation that takes longer than this is hanging (e.g. waiting on an unlock prompt).
BOUND = 20

LONG = "".join(chr(0x20 + i % 0x5F) for i in range(50_000)) + "ää🔑"


@pytest.fixture
def secrets(real_keyring: KeyringBackend) -> Iterator[Secrets]:
    secrets = Secrets()
    yield secrets
    for network in Network:
        secrets.delete_all(network)


@contextmanager
def default_collection() -> Iterator[Collection]:
    with closing(secretstorage.dbus_init()) as connection:
        yield secretstorage.get_default_collection(connection)


def stored() -> dict[tuple[str, str], str]:
    """What the Secret Service holds: (service, username) -> secret, read past keyring and Secrets."""
    with default_collection() as collection:
        return {
            (attributes["service"], attributes["username"]): item.get_secret().decode()
            for item in collection.get_all_items()
            if (attributes := item.get_attributes()).keys() >= {"service", "username"}
        }


@pytest.mark.parametrize(
    "value",
    [
        "ya29.a0AfB_byC-token_with.dots-and_dashes~",
        "pässwörd – 秘密 – 🔑 – Ελληνικά",
        " spaces, a tab\tand a\nnewline ",
        LONG,
    ],
    ids=["ascii", "non-ascii", "whitespace", "50k-chars"],
)
def test_each_secret_round_trips_through_the_real_keyring(secrets, value):
    for name in SecretName:
        secrets.set(Network.X, name, value + name)
    for name in SecretName:
        assert secrets.get(Network.X, name) == value + name


def test_entries_are_under_service_somedesk_one_per_network_and_name(secrets):
    secrets.set(Network.X, SecretName.ACCESS_TOKEN, "x-access")
    secrets.set(Network.X, SecretName.REFRESH_TOKEN, "x-refresh")
    secrets.set(Network.LINKEDIN, SecretName.CLIENT_SECRET, "li-client")

    assert SERVICE == "somedesk"
    assert stored() == {
        ("somedesk", "x:access_token"): "x-access",
        ("somedesk", "x:refresh_token"): "x-refresh",
        ("somedesk", "linkedin:client_secret"): "li-client",
    }


def test_setting_again_replaces_the_entry(secrets):
    secrets.set(Network.X, SecretName.REFRESH_TOKEN, "first")
    secrets.set(Network.X, SecretName.REFRESH_TOKEN, "second")

    assert secrets.get(Network.X, SecretName.REFRESH_TOKEN) == "second"
    assert list(stored().values()).count("second") == 1
    assert "first" not in stored().values()


def test_delete_and_delete_all(secrets):
    for name in SecretName:
        secrets.set(Network.X, name, f"x-{name}")
        secrets.set(Network.LINKEDIN, name, f"li-{name}")

    secrets.delete(Network.X, SecretName.ACCESS_TOKEN)
    assert secrets.get(Network.X, SecretName.ACCESS_TOKEN) is None
    assert secrets.get(Network.X, SecretName.REFRESH_TOKEN) == "x-refresh_token"
    secrets.delete(Network.X, SecretName.ACCESS_TOKEN)  # already gone: nothing to do

    secrets.delete_all(Network.X)
    assert all(secrets.get(Network.X, name) is None for name in SecretName)
    assert set(stored()) == {("somedesk", f"linkedin:{name}") for name in SecretName}


def test_a_missing_entry_reads_as_none(secrets):
    assert secrets.get(Network.SANDBOX, SecretName.CLIENT_SECRET) is None


def test_the_bus_going_away_after_the_keyring_was_found(secrets, monkeypatch, tmp_path):
    secrets.set(Network.X, SecretName.ACCESS_TOKEN, "kept")
    with monkeypatch.context() as patch:
        patch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'gone'}")
        with pytest.raises(KeyringUnavailableError, match=r"could not be used \(FileNotFoundError\)"):
            secrets.get(Network.X, SecretName.ACCESS_TOKEN)
    assert secrets.get(Network.X, SecretName.ACCESS_TOKEN) == "kept"


def test_the_fail_backend_is_refused_even_in_a_working_session(real_keyring):
    with pytest.raises(KeyringUnavailableError, match="no usable keyring"):
        Secrets(fail.Keyring()).get(Network.X, SecretName.ACCESS_TOKEN)


# What a person sees ---------------------------------------------------------------------------------

# What the app does at its edge: the message, alone, on stderr, and a non-zero exit. `write` stores a
# secret and reads it back; `read` only reads.
USE_THE_KEYRING = """
import sys
from somedesk.core.model import Network
from somedesk.networks.credentials import KeyringUnavailableError, SecretName, Secrets

try:
    if sys.argv[1] == "write":
        Secrets().set(Network.X, SecretName.ACCESS_TOKEN, "s3cret-value")
    print(Secrets().get(Network.X, SecretName.ACCESS_TOKEN))
except KeyringUnavailableError as exc:
    print(exc, file=sys.stderr)
    sys.exit(3)
"""


def use_the_keyring(how: str = "write", **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"} | env
    try:
        return subprocess.run(
            [sys.executable, "-c", USE_THE_KEYRING, how],
            env=full_env,
            capture_output=True,
            text=True,
            timeout=BOUND,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the keyring did not answer within {BOUND} s (waiting on an unlock prompt?)")


def assert_one_line_refusal(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 3, done
    assert "Traceback" not in done.stderr
    assert "s3cret-value" not in done.stderr + done.stdout
    assert done.stderr.count("\n") == 1, done.stderr
    for word in words:
        assert word in done.stderr


def test_the_subprocess_check_itself_works_in_the_session(desktop_session):
    done = use_the_keyring()
    assert (done.returncode, done.stdout, done.stderr) == (0, "s3cret-value\n", "")


def test_no_session_bus_at_all_says_what_to_do(desktop_session, tmp_path):
    done = use_the_keyring(DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus-here'}")
    assert_one_line_refusal(done, "no usable keyring", "gnome-keyring", "unlock")


def test_no_session_bus_with_secret_service_named_explicitly(desktop_session, tmp_path):
    done = use_the_keyring(
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus-here'}",
        PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring",
    )
    assert_one_line_refusal(done, "PYTHON_KEYRING_BACKEND", "gnome-keyring")


def test_the_fail_backend_is_refused(desktop_session):
    done = use_the_keyring(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert_one_line_refusal(done, "no usable keyring")


@pytest.mark.parametrize("how", ["read", "write"])
def test_a_locked_keyring_says_locked_and_does_not_hang(secrets, how):
    secrets.set(Network.X, SecretName.ACCESS_TOKEN, "kept")
    with default_collection() as collection:
        collection.lock()
        assert collection.is_locked()
    try:
        # keyring asks for an unlock prompt; with no display in the session the prompter cannot start
        # and gnome-keyring dismisses the prompt. With a display, the prompt would wait for a person.
        done = use_the_keyring(how)
    finally:
        unlock_default_collection()

    assert_one_line_refusal(done, "locked", "unlock")
    assert secrets.get(Network.X, SecretName.ACCESS_TOKEN) == "kept"


def unlock_default_collection() -> None:
    """Unlock with the session's password, the way a login does (no prompt): gnome-keyring's own API."""
    password = os.environ["SOMEDESK_SESSION_KEYRING_PASSWORD"].encode()
    with closing(secretstorage.dbus_init()) as connection:
        service = DBusAddressWrapper("/org/freedesktop/secrets", "org.freedesktop.Secret.Service", connection)
        (path,) = service.call("ReadAlias", "s", "default")
        secret = format_secret(open_session(connection), password, "text/plain")
        internal = DBusAddressWrapper(
            "/org/freedesktop/secrets",
            "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
            connection,
        )
        internal.call("UnlockWithMasterPassword", "o(oayays)", path, secret)
        assert not secretstorage.get_default_collection(connection).is_locked()


def test_session_is_throwaway(desktop_session: Path):
    assert Path.home().is_relative_to(desktop_session)
    assert (desktop_session / "home" / ".local" / "share" / "keyrings").is_dir()
