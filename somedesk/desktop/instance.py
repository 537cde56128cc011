"""One somedesk per data folder: a file lock says who runs, a Unix socket lets others talk to it.

A second `somedesk run` finds the lock taken and stops with a clear message; a command that changes
the store or the config sends "changed:KINDS" (core/changes.py) over the socket, so the running one
re-derives its schedule and its windows reload what they show at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import socket
import tempfile
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

from somedesk.core.errors import UserError

log = logging.getLogger(__name__)
LOCK_NAME = "somedesk.lock"
_MAX_MESSAGE = 256


class AlreadyRunningError(UserError):
    """Another somedesk holds this data folder."""


class InstanceError(UserError):
    """The socket other processes reach this somedesk through cannot be made."""


def socket_path(data_dir: Path) -> Path:
    """A short per-folder socket path: Unix socket paths are limited to ~100 bytes.

    A CRC rather than hashlib: this runs at every start, and importing hashlib loads OpenSSL (~2 ms).
    The name only has to tell apart one person's few data folders; the lock itself is on the folder.
    """
    digest = f"{zlib.crc32(str(data_dir.resolve()).encode()):08x}"
    base = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir())
    return base / f"somedesk-{os.getuid()}-{digest}.sock"


class Instance:
    """The lock and the listening socket of the running somedesk for one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.lock_path = data_dir / LOCK_NAME
        self.socket_path = socket_path(data_dir)
        self._lock_file: int | None = None
        self._server: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def acquire(self) -> None:
        """Take the folder, or raise AlreadyRunningError naming the process that has it."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise AlreadyRunningError(
                f"somedesk is already running for {self.data_dir} (process {holder}); "
                "it publishes and reminds for this folder, so nothing more is needed"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_file = fd

    def listen(self, on_message: Callable[[str], str | None]) -> None:
        """Answer other processes' one-line messages on a thread; the reply is what on_message returns."""
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with contextlib.suppress(FileNotFoundError):
                self.socket_path.unlink()  # left by a crash: we hold the lock, so it is stale
            server.bind(str(self.socket_path))
            self.socket_path.chmod(0o600)
            server.listen(4)
        except OSError as error:
            # E.g. a folder made at the socket's path: say so, rather than fail later on a runtime
            # that never started.
            server.close()
            raise InstanceError(
                f"cannot listen on {self.socket_path} ({error.strerror or error}); "
                "remove what is at that path, then start somedesk again"
            ) from None
        self._server = server
        self._thread = threading.Thread(
            target=self._serve, args=(server, on_message), name="instance", daemon=True
        )
        self._thread.start()

    def _serve(self, server: socket.socket, on_message: Callable[[str], str | None]) -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return  # closed by release()
            with connection:
                connection.settimeout(2)
                try:
                    message = connection.recv(_MAX_MESSAGE).decode(errors="replace").strip()
                    reply = on_message(message) or "ok"
                    connection.sendall(reply.encode()[:_MAX_MESSAGE])
                except Exception:  # one bad client must never stop the listener
                    log.exception("instance message failed")

    def release(self) -> None:
        if self._server is not None:
            with contextlib.suppress(OSError):
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None
            with contextlib.suppress(FileNotFoundError):
                self.socket_path.unlink()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        if self._lock_file is not None:
            os.close(self._lock_file)
            self._lock_file = None


def send(data_dir: Path, message: str, timeout: float = 1.0) -> str | None:
    """Send one message to the running somedesk of `data_dir`; None when none is listening."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        try:
            client.connect(str(socket_path(data_dir)))
            client.sendall(message.encode())
            client.shutdown(socket.SHUT_WR)
            return client.recv(_MAX_MESSAGE).decode(errors="replace")
        except OSError:
            return None
