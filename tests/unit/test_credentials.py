"""`Secrets` against the in-memory test keyring: the API, refused backends, and errors turned into words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import cast

import keyring
import pytest
from keyring import errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from secretstorage.exceptions import LockedException, SecretServiceNotAvailableException

from somedesk.core.model import Network
from somedesk.networks.credentials import (
    NO_KEYRING_HELP,
    SERVICE,
    TEST_BACKENDS_VARIABLE,
    KeyringUnavailableError,
    SecretName,
    Secrets,
)
from tests.keyrings import FILE_VARIABLE, FileKeyring, MemoryKeyring


@pytest.fixture(autouse=True)
def _this_modules_backends_are_test_backends(monkeypatch: pytest.MonkeyPatch) -> None:
    # The broken and look-alike backends below are this module's: named as test backends, explicitly.
    monkeypatch.setenv(TEST_BACKENDS_VARIABLE, f"{os.environ[TEST_BACKENDS_VARIABLE]},{__name__}")


# The API ----------------------------------------------------------------------------------------------


def test_each_secret_round_trips(memory_keyring):
    secrets = Secrets(memory_keyring)
    for network in Network:
        for name in SecretName:
            secrets.set(network, name, f"{network}-{name}-ä🔑")
    for network in Network:
        for name in SecretName:
            assert secrets.get(network, name) == f"{network}-{name}-ä🔑"


def test_entries_are_under_service_somedesk_named_network_colon_name(memory_keyring):
    secrets = Secrets(memory_keyring)
    secrets.set(Network.X, SecretName.ACCESS_TOKEN, "a")
    secrets.set(Network.LINKEDIN, SecretName.CLIENT_SECRET, "c")

    assert memory_keyring.entries == {SERVICE: {"x:access_token": "a", "linkedin:client_secret": "c"}}
    assert SERVICE == "somedesk"


def test_a_missing_entry_reads_as_none(memory_keyring):
    assert Secrets(memory_keyring).get(Network.X, SecretName.REFRESH_TOKEN) is None


def test_setting_again_replaces(memory_keyring):
    secrets = Secrets(memory_keyring)
    secrets.set(Network.X, SecretName.REFRESH_TOKEN, "old")
    secrets.set(Network.X, SecretName.REFRESH_TOKEN, "new")
    assert secrets.get(Network.X, SecretName.REFRESH_TOKEN) == "new"


def test_delete_removes_one_entry_and_a_missing_one_is_fine(memory_keyring):
    secrets = Secrets(memory_keyring)
    secrets.set(Network.X, SecretName.ACCESS_TOKEN, "a")
    secrets.set(Network.X, SecretName.REFRESH_TOKEN, "r")

    secrets.delete(Network.X, SecretName.ACCESS_TOKEN)
    secrets.delete(Network.X, SecretName.ACCESS_TOKEN)
    secrets.delete(Network.LINKEDIN, SecretName.CLIENT_SECRET)

    assert memory_keyring.entries == {SERVICE: {"x:refresh_token": "r"}}


def test_delete_all_removes_only_that_network(memory_keyring):
    secrets = Secrets(memory_keyring)
    for name in SecretName:
        secrets.set(Network.X, name, "x")
        secrets.set(Network.LINKEDIN, name, "li")

    secrets.delete_all(Network.X)

    assert memory_keyring.entries == {SERVICE: {f"linkedin:{name}": "li" for name in SecretName}}


def test_without_a_backend_secrets_uses_the_process_keyring(memory_keyring):
    Secrets().set(Network.X, SecretName.ACCESS_TOKEN, "a")
    assert memory_keyring.entries == {SERVICE: {"x:access_token": "a"}}
    assert Secrets().backend() is memory_keyring


# Refused backends ---------------------------------------------------------------------------------


class _PlaintextLookalike:
    """Named like keyrings.alt's plain-file keyring (not installed here): refused by name, never called."""


_PlaintextLookalike.__module__ = "keyrings.alt.file"
_PlaintextLookalike.__qualname__ = "PlaintextKeyring"


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), cast(KeyringBackend, _PlaintextLookalike())],
    ids=["fail", "null", "plaintext-file"],
)
def test_a_keyring_that_keeps_nothing_safe_is_refused(backend):
    secrets = Secrets(backend)
    for use in (
        lambda: secrets.get(Network.X, SecretName.ACCESS_TOKEN),
        lambda: secrets.set(Network.X, SecretName.ACCESS_TOKEN, "s3cret"),
        lambda: secrets.delete(Network.X, SecretName.ACCESS_TOKEN),
    ):
        with pytest.raises(KeyringUnavailableError) as raised:
            use()
        assert str(raised.value) == NO_KEYRING_HELP


@pytest.mark.parametrize(
    "inner",
    [[], [fail.Keyring()], [fail.Keyring(), null.Keyring()]],
    ids=["nothing", "fail", "fail-and-null"],
)
def test_a_chainer_of_refused_backends_is_refused(monkeypatch, inner):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", inner)
    with pytest.raises(KeyringUnavailableError, match="no usable keyring"):
        Secrets(chainer.ChainerBackend()).get(Network.X, SecretName.ACCESS_TOKEN)


def test_a_chainer_with_a_usable_backend_is_used(monkeypatch, memory_keyring):
    # What a chainer holds in real life: only backends of positive priority, so never `fail`.
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [memory_keyring, MemoryKeyring()])
    secrets = Secrets(chainer.ChainerBackend())
    secrets.set(Network.X, SecretName.ACCESS_TOKEN, "a")
    assert secrets.get(Network.X, SecretName.ACCESS_TOKEN) == "a"


def test_a_keyring_that_cannot_even_load_is_refused_in_words(monkeypatch):
    def cannot_load() -> KeyringBackend:
        raise ModuleNotFoundError("No module named 'nope'")

    monkeypatch.setattr(keyring, "get_keyring", cannot_load)
    with pytest.raises(KeyringUnavailableError, match=r"PYTHON_KEYRING_BACKEND or keyringrc\.cfg"):
        Secrets().get(Network.X, SecretName.ACCESS_TOKEN)


# Errors in words ---------------------------------------------------------------------------------


class _BrokenKeyring(MemoryKeyring):
    """Raises `error` from every operation."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


class _JeepneyLikeError(Exception):
    """Stands for jeepney's DBusErrorResponse, which escapes secretstorage for some D-Bus errors."""


_JeepneyLikeError.__module__ = "jeepney.wrappers"


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (errors.KeyringLocked("Failed to unlock the collection!"), "your keyring is locked"),
        (LockedException("Item is locked!"), "your keyring is locked"),
        (errors.NoKeyringError("no backend"), NO_KEYRING_HELP),
        (errors.InitError("Failed to create the collection"), "could not be used (InitError)"),
        (errors.KeyringError("boom"), "could not be used (KeyringError)"),
        (SecretServiceNotAvailableException("gone"), "could not be used (SecretServiceNotAvailable"),
        (FileNotFoundError(2, "No such file or directory"), "could not be used (FileNotFoundError)"),
        (ConnectionResetError(104, "reset"), "could not be used (ConnectionResetError)"),
        (_JeepneyLikeError("org.freedesktop.DBus.Error.AccessDenied"), "could not be used"),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else None,
)
def test_keyring_failures_become_one_line_for_the_person(error, says):
    secrets = Secrets(_BrokenKeyring(error))
    for use in (
        lambda: secrets.get(Network.X, SecretName.ACCESS_TOKEN),
        lambda: secrets.set(Network.X, SecretName.ACCESS_TOKEN, "s3cret-value"),
        lambda: secrets.delete(Network.X, SecretName.ACCESS_TOKEN),
    ):
        with pytest.raises(KeyringUnavailableError) as raised:
            use()
        message = str(raised.value)
        assert says in message
        assert "\n" not in message
        assert "s3cret-value" not in message
        assert raised.value.__suppress_context__


def test_a_bug_is_not_dressed_up_as_a_keyring_problem():
    secrets = Secrets(_BrokenKeyring(ValueError("a bug")))
    with pytest.raises(ValueError, match="a bug"):
        secrets.get(Network.X, SecretName.ACCESS_TOKEN)


# The guard and the file keyring ------------------------------------------------------------------------

READ_IN_A_SUBPROCESS = """
import sys
from somedesk.core.model import Network
from somedesk.networks.credentials import KeyringUnavailableError, SecretName, Secrets
try:
    secrets = Secrets()
    print(secrets.get(Network.X, SecretName.ACCESS_TOKEN))
    secrets.set(Network.X, SecretName.REFRESH_TOKEN, "from-the-subprocess")
except KeyringUnavailableError as exc:
    sys.exit(str(exc))
"""


def run_subprocess() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", READ_IN_A_SUBPROCESS],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_a_keyring_fixture_no_keyring_is_usable():
    assert isinstance(keyring.get_keyring(), fail.Keyring)
    assert os.environ["PYTHON_KEYRING_BACKEND"] == "keyring.backends.fail.Keyring"
    with pytest.raises(KeyringUnavailableError):
        Secrets().get(Network.X, SecretName.ACCESS_TOKEN)

    done = run_subprocess()
    assert (done.returncode, done.stderr) == (1, NO_KEYRING_HELP + "\n")


def test_the_file_keyring_is_shared_with_subprocesses(file_keyring, tmp_path):
    Secrets().set(Network.X, SecretName.ACCESS_TOKEN, "seeded-by-the-test ä")

    done = run_subprocess()

    assert (done.returncode, done.stdout, done.stderr) == (0, "seeded-by-the-test ä\n", "")
    assert file_keyring.get_password(SERVICE, "x:refresh_token") == "from-the-subprocess"
    assert not (tmp_path / "home").exists()  # the keyring file is not in the test's own folders


def test_the_file_keyring_refuses_a_file_inside_somedesk_home(file_keyring, monkeypatch):
    monkeypatch.setenv("SOMEDESK_HOME", str(Path(os.environ[FILE_VARIABLE]).parent))
    with pytest.raises(RuntimeError, match="must not be inside SOMEDESK_HOME"):
        FileKeyring().get_password(SERVICE, "x:access_token")


def test_test_keyrings_are_never_picked_automatically():
    assert MemoryKeyring.priority < 0
    assert FileKeyring not in set(KeyringBackend.get_viable_backends())  # no file named here


# Only OS keyrings, looked for again while none is usable ----------------------------------------------


class _PromptingLookalike(KeyringBackend):
    """Named like keyrings.alt's EncryptedKeyring, which asks for a password on standard input."""

    # Negative, as every test keyring's: defined at collection, it is one of keyring's known backends
    # for the whole run, and a positive one made auto-detection in the session tests pick a chainer
    # instead of the real Secret Service. (The chainer below is given its backends in order.)
    priority = -5

    def get_password(self, service: str, username: str) -> str | None:
        raise AssertionError("a prompting keyring was asked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("a prompting keyring was asked")

    def delete_password(self, service: str, username: str) -> None:
        raise AssertionError("a prompting keyring was asked")


_PromptingLookalike.__module__ = "keyrings.alt.file"
_PromptingLookalike.__qualname__ = "EncryptedKeyring"


def test_a_keyring_that_prompts_on_standard_input_is_refused():
    with pytest.raises(KeyringUnavailableError, match="no usable keyring"):
        Secrets(_PromptingLookalike()).get(Network.X, SecretName.ACCESS_TOKEN)


def test_a_chainer_asks_only_its_os_keyring(monkeypatch, memory_keyring):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [_PromptingLookalike(), memory_keyring])
    secrets = Secrets(chainer.ChainerBackend())
    secrets.set(Network.X, SecretName.ACCESS_TOKEN, "a")
    assert secrets.get(Network.X, SecretName.ACCESS_TOKEN) == "a"
    assert memory_keyring.entries == {SERVICE: {"x:access_token": "a"}}


def test_a_keyring_started_after_the_first_try_is_used_without_a_restart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    secrets = Secrets()  # as the services hold one for the whole process
    with pytest.raises(KeyringUnavailableError):
        secrets.get(Network.X, SecretName.ACCESS_TOKEN)  # no keyring yet: keyring picked `fail`
    # The person starts their keyring; here the keyring PYTHON_KEYRING_BACKEND names becomes usable.
    monkeypatch.setenv(FILE_VARIABLE, str(tmp_path / "keyring.json"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.keyrings.FileKeyring")
    secrets.set(Network.X, SecretName.ACCESS_TOKEN, "after")
    assert secrets.get(Network.X, SecretName.ACCESS_TOKEN) == "after"
    assert isinstance(keyring.get_keyring(), FileKeyring)
