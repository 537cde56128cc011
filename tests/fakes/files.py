"""A file server on 127.0.0.1 whose answer per path a test sets: calendar links, policy files.

An answer is (status, body), or "hang" to hold the request until the test ends (for time-outs).
With a certificate and key it speaks https.
"""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class FileServer:
    def __init__(self, content_type: str, tls: tuple[Path, Path] | None = None) -> None:
        self.answers: dict[str, tuple[int, bytes] | str] = {}
        self.release = threading.Event()  # set at stop(), so a hanging answer ends
        self.requests = 0
        self.user_agents: list[str] = []  # each request's User-Agent, in order
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests += 1
                server.user_agents.append(self.headers.get("User-Agent", ""))
                answer = server.answers.get(self.path, (404, b"not here"))
                if answer == "hang":
                    server.release.wait(30)
                    return
                assert not isinstance(answer, str)
                status, body = answer
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    pass  # the client gave up (a time-out test): nothing to answer

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep the test output clean

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.port = self.httpd.server_address[1]
        # A short poll interval makes shutdown() quick.
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()
        self.running = True

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.running:
            self.release.set()
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join(5)
            self.running = False
