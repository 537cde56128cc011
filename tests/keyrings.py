"""Keyring backends for somedesk's tests only: they keep secrets in memory or in a plain file.

Never use them for real secrets. Their priority is negative, so keyring's auto-detection (and its
chainer, which chains only positive priorities) never picks one: a test backend is used only when a
fixture installs it or a test names it in PYTHON_KEYRING_BACKEND.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError, PasswordSetError

# Where FileKeyring keeps its entries; set by the `file_keyring` fixture to a file in pytest's tmp dir.
FILE_VARIABLE = "SOMEDESK_TEST_KEYRING_FILE"

Entries = dict[str, dict[str, str]]  # service -> username -> password


class MemoryKeyring(KeyringBackend):
    """A real keyring backend whose entries live in this object: fast, private to one test."""

    @properties.classproperty
    def priority(cls) -> float:
        return -1

    def __init__(self) -> None:
        super().__init__()
        self.entries: Entries = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries.setdefault(service, {})[username] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[service][username]
        except KeyError:
            raise PasswordDeleteError("no such entry") from None


class FileKeyring(KeyringBackend):
    """A keyring backend in the JSON file named by $SOMEDESK_TEST_KEYRING_FILE, for subprocess tests.

    A program under test loads it with PYTHON_KEYRING_BACKEND=tests.keyrings.FileKeyring, and the test
    reads or seeds the same file. It exists only for tests: the `file_keyring` fixture puts the file in
    pytest's tmp dir, outside every somedesk data dir, and this class refuses a file inside
    $SOMEDESK_HOME so that secrets never land where somedesk keeps its own data.
    """

    @properties.classproperty
    def priority(cls) -> float:
        _file()  # not viable without its file (keyring turns the RuntimeError into "cannot load")
        return -1

    def get_password(self, service: str, username: str) -> str | None:
        return _read().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = _read()
        entries.setdefault(service, {})[username] = password
        _write(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = _read()
        try:
            del entries[service][username]
        except KeyError:
            raise PasswordDeleteError("no such entry") from None
        _write(entries)


class ReadOnlyKeyring(FileKeyring):
    """A FileKeyring that reads but refuses to store anything, as a keyring that locks, fills up or
    loses its daemon between a read and a write does. For subprocess tests, like FileKeyring."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("the keyring refused to store the entry")


def _file() -> Path:
    name = os.environ.get(FILE_VARIABLE, "")
    if not name:
        raise RuntimeError(f"tests.keyrings.FileKeyring needs {FILE_VARIABLE} set to a file path")
    path = Path(name).resolve()
    somedesk_home = os.environ.get("SOMEDESK_HOME", "")
    if somedesk_home and path.is_relative_to(Path(somedesk_home).resolve()):
        raise RuntimeError(f"{FILE_VARIABLE} must not be inside SOMEDESK_HOME ({somedesk_home})")
    return path


def _read() -> Entries:
    path = _file()
    if not path.exists():
        return {}
    entries: Entries = json.loads(path.read_text(encoding="utf-8"))
    return entries


def _write(entries: Entries) -> None:
    path = _file()
    # Written whole and renamed into place, so a reader in another process never sees half a file.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(path)


def use_memory_keyring() -> MemoryKeyring:
    """A MemoryKeyring for this whole process (benchmarks and screenshot scripts): named to
    somedesk's keyring allow-list as a test back-end, which it accepts only when named so."""
    import os

    import keyring

    from somedesk.networks.credentials import TEST_BACKENDS_VARIABLE

    os.environ[TEST_BACKENDS_VARIABLE] = __name__
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend
