"""The loopback receiver of the browser sign-in: a one-shot HTTP server on 127.0.0.1 that takes the OAuth
redirect (`?code=…&state=…`), checks it, and thanks the person in their browser tab."""

from __future__ import annotations

import contextlib
import errno
import hmac
import html
import logging
import os
import secrets
import socket
import socketserver
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

from somedesk.core.errors import UserError

log = logging.getLogger(__name__)
LOOPBACK_HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 300.0
_CANCELLED_IN_BROWSER = {"access_denied", "user_cancelled_authorize", "user_cancelled_login"}
_ADDRESS_IN_USE = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}
_NO_PERMISSION = {errno.EACCES, getattr(errno, "WSAEACCES", errno.EACCES)}
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} · somedesk</title>
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:34rem;margin:5rem auto;padding:0 1rem;color:#222}}
h1{{font-size:1.5rem}}</style></head>
<body><h1>{title}</h1><p>{message}</p></body></html>
"""
_CLOSE_TAB = "You can close this tab and return to somedesk."
_NOT_THIS_SIGN_IN = (
    "This answer does not belong to the sign-in somedesk is waiting for (its state does not match), so it "
    "was ignored. If you are signing in, finish in the tab somedesk opened; somedesk is still waiting."
)


class SignInError(UserError):
    """The browser sign-in did not give somedesk an authorization code."""


class SignInCancelled(SignInError):
    """The sign-in was cancelled from somedesk itself (its Cancel button) before the browser came back."""


@dataclass(frozen=True)
class _Outcome:
    code: str | None = None
    error: SignInError | None = None


class LoopbackReceiver:
    """Receives the one OAuth redirect the browser sends to `http://127.0.0.1:{port}{path}`.

    Start it (or enter it as a context manager) before opening the browser, put `redirect_uri` and `state`
    in the authorize URL, then call `wait()` — from a worker thread, never the GUI thread. `cancel()` may be
    called from any thread. Port 0 in the given redirect URI picks a free port; `redirect_uri` then tells it.
    Requests to other paths (a favicon, a stray tab) get 404 and do not end the wait. Nor does a request to
    the callback path without this sign-in's `state` (a forged or stale redirect, another program guessing
    the port, an `error=` without state): it is answered and ignored, and the wait goes on for the real one.
    """

    def __init__(
        self, redirect_uri: str, *, state: str | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        parts = urlsplit(redirect_uri)
        try:
            port = parts.port
        except ValueError:
            port = None
        if parts.scheme != "http" or parts.hostname != LOOPBACK_HOST or port is None or parts.fragment:
            raise SignInError(
                f"The sign-in redirect address “{redirect_uri}” cannot be used: it must look like "
                f"http://{LOOPBACK_HOST}:PORT/path."
            )
        self.callback_path = parts.path or "/"
        self.state = state or secrets.token_urlsafe(32)
        self.timeout = timeout
        self._port = port
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._outcome: _Outcome | None = None
        self._server: _CallbackServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def redirect_uri(self) -> str:
        """The redirect URI to send to the provider (with the real port once started)."""
        if self._port == 0:
            raise RuntimeError("the receiver picks its port when started; start() it first")
        return f"http://{LOOPBACK_HOST}:{self._port}{self.callback_path}"

    def start(self) -> Self:
        """Listen on 127.0.0.1 (only) and serve from a background thread."""
        if self._server is not None:
            return self
        try:
            self._server = _CallbackServer((LOOPBACK_HOST, self._port), self)
        except OSError as exc:
            raise _listen_error(exc, self._port) from exc
        self._port = self._server.server_port
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="sign-in receiver"
        )
        self._thread.start()
        return self

    def wait(self) -> str:
        """Block until the browser comes back; return the authorization code.

        Raises SignInError when the answer is refused or reports an error, or nothing came in time;
        SignInCancelled when `cancel()` (or `close()`) was called.
        """
        if self._server is None:
            raise RuntimeError("start() the receiver before waiting for the browser")
        if not self._done.wait(self.timeout):
            message = f"Sign-in timed out: the browser did not come back within {_duration(self.timeout)}."
            self._settle(_Outcome(error=SignInError(message + " Please try again.")))
            self._done.wait()  # the browser's answer may have won just now: let its page go out first
        outcome = self._outcome
        assert outcome is not None  # _done is only set once an outcome stands
        if outcome.error is not None:
            raise outcome.error
        assert outcome.code is not None
        return outcome.code

    def cancel(self) -> None:
        """Stop waiting (thread-safe): `wait()` raises SignInCancelled, unless the code already came."""
        self._settle(_Outcome(error=SignInCancelled("Sign-in was cancelled.")))

    def close(self) -> None:
        """Stop listening and release the port; a `wait()` still running ends as cancelled."""
        self.cancel()
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.drop_open_connections()
        server.server_close()
        if thread is not None:
            thread.join()
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _answer_callback(self, query: str) -> _Outcome | None:
        """Judge the browser's redirect; the handler settles it (first one wins) once its page is sent.
        None: the request does not carry this sign-in's state, so it cannot end the sign-in either way."""
        params = parse_qs(query, keep_blank_values=True)

        def first(name: str) -> str | None:
            return params[name][0] if params.get(name) else None

        state, error, code = first("state"), first("error"), first("code")
        if state is None or not hmac.compare_digest(state.encode(), self.state.encode()):
            log.info("ignored a sign-in callback without this sign-in's state")
            return None
        if error is not None:
            return _Outcome(error=_provider_error(error, first("error_description")))
        if not code:
            problem = SignInError("The browser came back without an authorization code. Please try again.")
            return _Outcome(error=problem)
        return _Outcome(code=code)

    def _claim(self, outcome: _Outcome) -> _Outcome:
        """Record the outcome unless one already stands; return the one that stands. The waiter is not
        released yet: the browser's answer first sends its page (see `_CallbackHandler.do_GET`)."""
        with self._lock:
            if self._outcome is None:
                self._outcome = outcome
            return self._outcome

    def _release(self) -> None:
        self._done.set()

    def _settle(self, outcome: _Outcome) -> None:
        """Record the outcome and release the waiter — unless another outcome already stands, in which
        case whoever claimed it releases the waiter."""
        if self._claim(outcome) is outcome:
            self._release()


@contextlib.contextmanager
def cancelled_by(cancel: threading.Event | None, receiver: LoopbackReceiver) -> Iterator[None]:
    """While inside, setting `cancel` (from any thread, e.g. the GUI's Cancel) cancels the receiver's wait:
    the way a face ends a sign-in, rather than sending the receiver a request of its own."""
    if cancel is None:
        yield
        return
    finished = threading.Event()

    def watch() -> None:
        while not finished.is_set():
            if cancel.wait(0.05):
                receiver.cancel()
                return

    watcher = threading.Thread(target=watch, name="sign-in cancel watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        finished.set()
        watcher.join()


def _provider_error(error: str, description: str | None) -> SignInError:
    if error in _CANCELLED_IN_BROWSER:
        return SignInError("The sign-in was cancelled in the browser, so the account was not connected.")
    detail = " ".join(f"{error}: {description}".split() if description else error.split())[:200]
    return SignInError(f"The sign-in page refused to connect the account ({detail}).")


def _listen_error(exc: OSError, port: int) -> SignInError:
    where = f"port {port} on {LOOPBACK_HOST}"
    if exc.errno in _ADDRESS_IN_USE:
        return SignInError(
            f"Cannot receive the sign-in: {where} is already in use by another program. "
            "Close that program or choose another port, then try again."
        )
    if exc.errno in _NO_PERMISSION:
        return SignInError(f"Cannot receive the sign-in: somedesk may not listen on {where}.")
    return SignInError(f"Cannot receive the sign-in on {where}: {exc.strerror or exc}.")


def _duration(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} second{'s' if seconds != 1 else ''}"


def _page(title: str, message: str) -> bytes:
    return _PAGE.format(title=html.escape(title), message=html.escape(message)).encode()


class _CallbackServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins every handler thread
    block_on_close = True
    # On POSIX, rebinding a fixed port right after the last sign-in needs SO_REUSEADDR (it still refuses a
    # port someone listens on); on Windows the same flag would let two programs share the port.
    allow_reuse_address = os.name != "nt"

    def __init__(self, address: tuple[str, int], receiver: LoopbackReceiver) -> None:
        self.receiver = receiver
        self._connections: set[Any] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _CallbackHandler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # no reverse DNS lookup of the host, unlike HTTPServer
        self.server_name, self.server_port = LOOPBACK_HOST, self.socket.getsockname()[1]

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """socketserver's default prints a traceback to stderr. A browser that closed its tab or
        connection before its page was written is normal, and the sign-in's outcome stands anyway."""
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            log.info("the browser left before the sign-in page was sent (%s)", error.strerror or error)
        else:
            log.error("the sign-in receiver failed on a request", exc_info=error)

    def drop_open_connections(self) -> None:
        """Unblock handler threads still reading (browsers open spare connections) so they can be joined."""
        with self._connections_lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)


class _CallbackHandler(BaseHTTPRequestHandler):
    server: _CallbackServer
    timeout = 10.0  # an idle spare connection from the browser must not hold a thread for long
    server_version = "somedesk"
    sys_version = ""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != self.server.receiver.callback_path:
            self._send(404, "text/plain; charset=utf-8", b"Not found")
            return
        receiver = self.server.receiver
        answer = receiver._answer_callback(url.query)
        if answer is None:
            self._send(400, "text/html; charset=utf-8", _page("Not this sign-in", _NOT_THIS_SIGN_IN))
            return
        # The first answer (or a cancel) wins, and it is claimed before the page is written, so the page
        # and `wait()` always tell the same ending; a later visit is shown how the sign-in ended.
        outcome = receiver._claim(answer)
        try:
            if outcome.error is None:
                self._send(200, "text/html; charset=utf-8", _page("Signed in", _CLOSE_TAB))
            else:
                page = _page("Sign-in did not complete", f"{outcome.error} {_CLOSE_TAB}")
                self._send(400, "text/html; charset=utf-8", page)
            with contextlib.suppress(OSError):
                self.wfile.flush()
        finally:
            # Released only once the page is out: the waiter then closes the receiver, which would cut a
            # page still being written (the browser would show a broken connection instead).
            receiver._release()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")  # the URL carried the code
        self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the request line carries the authorization code, which must not reach any log."""
