"""Fixtures for every test: keyrings that keep tests away from the developer's real one.

No test touches the real keyring by accident: before each test the process's keyring is keyring's
`fail` backend, and PYTHON_KEYRING_BACKEND names it for any subprocess, so code under test that reaches
for a keyring gets somedesk's "no usable keyring" error. A test that wants one asks for it:

- `memory_keyring`: an in-memory backend installed as the process's keyring (unit tests);
- `file_keyring`: a file-backed backend that subprocesses load too (see tests/keyrings.py);
- `real_keyring`: the Secret Service of the throwaway session that scripts/session.sh starts
  (scripts/test.sh runs pytest in it when dbus and gnome-keyring are installed).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from somedesk.networks.credentials import TEST_BACKENDS_VARIABLE
from tests.keyrings import FILE_VARIABLE, FileKeyring, MemoryKeyring

REPO = Path(__file__).resolve().parent.parent
GUARD_BACKEND = "keyring.backends.fail.Keyring"
SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"


def pytest_configure(config: pytest.Config) -> None:
    # Before collection too: anything that reaches for a keyring while modules import gets none.
    os.environ["PYTHON_KEYRING_BACKEND"] = GUARD_BACKEND
    # somedesk uses only OS keyrings; this names the tests' own backends (tests/keyrings.py) as usable,
    # for this process and every subprocess it starts.
    os.environ[TEST_BACKENDS_VARIABLE] = "tests.keyrings"
    keyring.set_keyring(fail.Keyring())


@pytest.fixture(autouse=True)
def _no_real_keyring(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "real_keyring" in request.fixturenames:
        return
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", GUARD_BACKEND)
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    """A fresh in-memory keyring, also what `keyring.get_keyring()` (so `Secrets()`) returns."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def file_keyring(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> FileKeyring:
    """A keyring in a JSON file that this process and its subprocesses share.

    Subprocesses started with os.environ load it through PYTHON_KEYRING_BACKEND; the file is in a
    tmp dir of its own, never inside a SOMEDESK_HOME.
    """
    path = tmp_path_factory.mktemp("test-keyring") / "keyring.json"
    monkeypatch.setenv(FILE_VARIABLE, str(path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.keyrings.FileKeyring")
    # The subprocess must be able to import `tests.keyrings` whatever its working directory.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    backend = FileKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def desktop_session() -> Path:
    """The throwaway session of scripts/session.sh (its folder); skips without it, or fails in CI."""
    if os.environ.get("SOMEDESK_TEST_SESSION") != "1":
        message = (
            "needs the desktop test session: run it through scripts/session.sh (scripts/test.sh does "
            "when the Debian packages in scripts/lib.sh SESSION_PACKAGES are installed)"
        )
        if os.environ.get("SOMEDESK_REQUIRE_SESSION") == "1":
            pytest.fail(f"SOMEDESK_REQUIRE_SESSION=1 and this test {message}", pytrace=False)
        pytest.skip(message)
    # Session tests write and delete entries of service "somedesk": only ever in the throwaway keyring.
    folder = Path(os.environ.get("SOMEDESK_SESSION_DIR", "/nonexistent"))
    if not (folder.is_dir() and Path.home().is_relative_to(folder)):
        pytest.fail(
            "SOMEDESK_TEST_SESSION=1 but this is not scripts/session.sh's throwaway session: refusing to "
            "use what may be your real keyring",
            pytrace=False,
        )
    return folder


@pytest.fixture
def real_keyring(desktop_session: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyringBackend]:
    """The keyring that auto-detection picks in the session: the real Secret Service."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    keyring.core.init_backend()
    backend = keyring.get_keyring()
    kind = type(backend)
    assert f"{kind.__module__}.{kind.__qualname__}" == SECRET_SERVICE_BACKEND, backend
    yield backend
    keyring.set_keyring(fail.Keyring())
