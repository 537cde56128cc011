"""A server on 127.0.0.1 that answers one byte at a time, slowly: the hostile server of issue 13, which
kept `moments --calendar URL` running past 150 s because every byte came before the read timeout.

`head` is sent first (at full speed), then `trickle` one byte every `interval` seconds, for as long as
the client listens or until stop(). With a certificate and key it speaks https.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from pathlib import Path


class TrickleServer:
    def __init__(
        self, head: bytes, trickle: bytes, *, interval: float = 1.0, tls: tuple[Path, Path] | None = None
    ) -> None:
        self.head, self.trickle, self.interval = head, trickle, interval
        self.stopping = threading.Event()
        self.connections = 0
        self.bytes_sent = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._context: ssl.SSLContext | None = None
        if tls is not None:
            self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._context.load_cert_chain(*tls)
        self.port = self._listener.getsockname()[1]
        self.scheme = "https" if tls else "http"
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def url(self, path: str = "/calendar.ics") -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError), contextlib.ExitStack() as closing:
            closing.enter_context(connection)
            connection.settimeout(5)
            if self._context is not None:
                connection = closing.enter_context(self._context.wrap_socket(connection, server_side=True))
            connection.recv(65536)  # the request: its contents do not matter
            connection.sendall(self.head)
            for byte in self.trickle:
                if self.stopping.wait(self.interval):
                    return
                connection.sendall(bytes([byte]))
                self.bytes_sent += 1

    def stop(self) -> None:
        self.stopping.set()
        self._listener.close()
        self._accepting.join(5)
        for thread in self._threads:
            thread.join(5)
