"""Notifications through the desktop's notification server (org.freedesktop.Notifications) over D-Bus.

No Qt here: the headless runtime uses it too. D-Bus is spoken with jeepney, because PySide6's QtDBus
cannot send the uint32 `replaces_id` that `Notify` takes.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass
from html import escape
from typing import Any, Final

# jeepney has no type hints (no py.typed).
from jeepney import (  # type: ignore[import-untyped]
    DBusAddress,
    DBusErrorResponse,
    HeaderFields,
    MatchRule,
    Message,
    message_bus,
    new_method_call,
)
from jeepney.io.blocking import DBusConnection, open_dbus_connection  # type: ignore[import-untyped]
from jeepney.wrappers import unwrap_msg  # type: ignore[import-untyped]

from somedesk import APP_ID
from somedesk.desktop.launcher import icon_for_notifications
from somedesk.runtime.notify.base import ActionHandler, Note

log = logging.getLogger(__name__)

BUS_NAME: Final = "org.freedesktop.Notifications"
OBJECT_PATH: Final = "/org/freedesktop/Notifications"
INTERFACE: Final = "org.freedesktop.Notifications"

# The launcher entry's name without ".desktop": servers find the app's name, icon and settings by it.
DESKTOP_ENTRY: Final = APP_ID
URGENCY_NORMAL: Final = 1
URGENCY_CRITICAL: Final = 2

# Seconds. Connecting may D-Bus-activate the server (a daemon started on demand): that takes longer
# than showing a note on a server that runs.
START_TIMEOUT: Final = 10.0
CALL_TIMEOUT: Final = 5.0
# How long close() waits for an action handler that is still running.
HANDLER_JOIN_TIMEOUT: Final = 5.0
# A server that never sends NotificationClosed must not make the handler map grow without end.
MAX_HANDLERS: Final = 256

LISTENER_THREAD: Final = "somedesk-notification-actions"
RECEIVER_THREAD: Final = "somedesk-notifications-bus"

SIGNALS: Final = ("ActionInvoked", "NotificationClosed")

_SERVER = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)
_BUS = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus")
# What a D-Bus call can fail with: the server's error reply, no reply in time, the connection gone
# (OSError), a message jeepney cannot read or write (ValueError).
_CALL_ERRORS = (DBusErrorResponse, TimeoutError, OSError, ValueError)
_STOP: Final = object()


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """What GetServerInformation tells about the notification server, e.g. dunst 1.9.0, spec 1.2."""

    name: str
    vendor: str
    version: str
    spec_version: str


class FreedesktopNotifier:
    """A `Notifier` that shows notes through the desktop's notification server, actions included.

    One D-Bus connection carries both the calls and the signals: servers such as dunst send
    ActionInvoked and NotificationClosed only to the connection that called Notify. Two threads:
    the receiver reads that connection (replies go to the waiting caller, our signals to a queue),
    and the listener takes signals from the queue and calls the handlers — so a handler may show a
    note itself. `notify` may be called from any thread.

    Make one with `connect()`; `close()` it when done.
    """

    def __init__(self, connection: DBusConnection, app_name: str, capabilities: Sequence[str]) -> None:
        self.app_name = app_name
        self._connection = connection
        self._capabilities = tuple(capabilities)

        # Guards the handlers and `_closed`; held over a whole Notify call, so that a signal for the
        # new id finds its handler stored.
        self._lock = threading.Lock()
        self._handlers: dict[int, ActionHandler] = {}  # notification id -> handler, oldest first
        # Resident notes with actions: the server keeps them after an action, so we close one once
        # it is answered (a reminder stays in the notification centre until then, and not after).
        self._resident: set[int] = set()
        self._closed = False

        self._send_lock = threading.Lock()
        self._replies_lock = threading.Lock()
        self._replies: dict[int, Future[Message]] = {}  # serial of a call -> its reply, to come
        self._bus_gone = False
        self._closing = threading.Event()

        self._signal_rules = [_signal_rule(member) for member in SIGNALS]
        self._signals: queue.Queue[Any] = queue.Queue()
        self._receiver = threading.Thread(target=self._receive, name=RECEIVER_THREAD, daemon=True)
        self._listener = threading.Thread(target=self._listen, name=LISTENER_THREAD, daemon=True)
        self._receiver.start()
        self._listener.start()

    @classmethod
    def connect(
        cls, app_name: str = "somedesk", bus_address: str | None = None
    ) -> FreedesktopNotifier | None:
        """A notifier on the session bus (or `bus_address`), or None when no notification server is there.

        A server that D-Bus starts on demand counts as there. Never raises for a missing bus or server:
        it logs one line, and the caller shows notes some other way.
        """
        address = bus_address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        if not address:
            log.info("notifications go to the log: no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
            return None
        try:
            connection = open_dbus_connection(bus=address)
        except (OSError, ValueError, RuntimeError) as error:
            log.info("notifications go to the log: the session bus cannot be reached (%s)", _describe(error))
            return None
        try:
            capabilities = _start(connection)
        except _CALL_ERRORS as error:
            connection.close()
            log.info("notifications go to the log: %s", _describe(error))
            return None
        if capabilities is None:
            connection.close()
            log.info("notifications go to the log: no notification server (%s) on the session bus", BUS_NAME)
            return None
        log.debug("notification server found; capabilities: %s", ", ".join(capabilities))
        return cls(connection, app_name, capabilities)

    # The Notifier protocol -----------------------------------------------------------------------

    def notify(self, note: Note, on_action: ActionHandler | None = None) -> None:
        """Show `note`; `on_action(key)` runs on the listener thread when the person picks an action.

        Never raises: a note the server does not take goes to the log.
        """
        actions = self._actions(note)
        hints = notify_hints(note)
        # Plain text, unless the server reads markup: then "&" or "<" in a body would break it.
        body = escape(note.body, quote=False) if "body-markup" in self._capabilities else note.body
        message = new_method_call(
            _SERVER,
            "Notify",
            "susssasa{sv}i",
            (self.app_name, 0, icon_for_notifications(), note.title, body, actions, hints, -1),
        )
        with self._lock:
            if self._closed:
                log.info("notice (notifications closed): %s — %s", note.title, note.body)
                return
            try:
                (notification_id,) = self._call(message, CALL_TIMEOUT)
            except _CALL_ERRORS as error:
                log.warning(
                    "notice not shown by the notification server (%s): %s — %s",
                    _describe(error),
                    note.title,
                    note.body,
                )
                return
            if on_action is not None and actions:
                self._remember(notification_id, on_action)
                if note.resident:
                    self._resident.add(notification_id)

    def close(self) -> None:
        """Stop both threads and close the connection; notes after this go to the log. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._handlers.clear()
            self._resident.clear()
        self._signals.put(_STOP)
        if threading.current_thread() is not self._listener:  # a handler may close its notifier
            self._listener.join(HANDLER_JOIN_TIMEOUT)
            if self._listener.is_alive():
                log.warning(
                    "an action handler still runs after %s s; not waiting for it", HANDLER_JOIN_TIMEOUT
                )
        self._closing.set()
        # Wakes the receiver: its read returns at once, with end-of-stream. (OSError: the bus went away.)
        with suppress(OSError):
            self._connection.sock.shutdown(socket.SHUT_RDWR)
        self._receiver.join(CALL_TIMEOUT)
        self._connection.close()

    # Diagnostics ---------------------------------------------------------------------------------

    def capabilities(self) -> tuple[str, ...]:
        """What the server said it supports when we connected (e.g. "actions", "body-markup")."""
        return self._capabilities

    def server_info(self) -> ServerInfo | None:
        """Who the server is, or None when it does not answer."""
        try:
            name, vendor, version, spec_version = self._call(
                new_method_call(_SERVER, "GetServerInformation"), CALL_TIMEOUT
            )
        except _CALL_ERRORS as error:
            log.warning("the notification server did not say who it is (%s)", _describe(error))
            return None
        return ServerInfo(name, vendor, version, spec_version)

    def pending_ids(self) -> frozenset[int]:
        """Ids of the notes shown with actions, whose handler waits until the server closes them."""
        with self._lock:
            return frozenset(self._handlers)

    # Calls and the receiver thread -------------------------------------------------------------------

    def _call(self, message: Message, timeout: float) -> tuple[Any, ...]:
        reply: Future[Message] = Future()
        with self._replies_lock:
            if self._bus_gone:
                raise ConnectionError("the session bus connection has ended")
            serial = next(self._connection.outgoing_serial)
            self._replies[serial] = reply
        try:
            with self._send_lock:
                self._connection.send(message, serial=serial)
            return tuple(unwrap_msg(reply.result(timeout)))
        finally:
            with self._replies_lock:
                self._replies.pop(serial, None)

    def _receive(self) -> None:
        try:
            while True:
                message = self._connection.receive()
                try:
                    self._route(message)
                except Exception:  # one odd message must not end the receiving
                    log.exception("a D-Bus message could not be routed")
        except OSError as error:  # close() shut the socket, or the bus went away
            if not self._closing.is_set():
                log.warning("the session bus connection ended (%s): notices go to the log", _describe(error))
        except Exception:  # e.g. a message jeepney cannot parse: the stream cannot be trusted after it
            log.exception("reading the session bus failed: notices go to the log")
        finally:
            with self._replies_lock:
                self._bus_gone = True
                waiting, self._replies = self._replies, {}
            for reply in waiting.values():
                reply.set_exception(ConnectionError("the session bus connection ended"))

    def _route(self, message: Message) -> None:
        reply_to = message.header.fields.get(HeaderFields.reply_serial)
        if reply_to is not None:
            with self._replies_lock:
                reply = self._replies.get(reply_to)
            if reply is not None:
                reply.set_result(message)
        elif any(rule.matches(message) for rule in self._signal_rules):
            self._signals.put(message)

    # Signals and the listener thread ---------------------------------------------------------------

    def _listen(self) -> None:
        while True:
            message = self._signals.get()
            if message is _STOP:
                return
            try:
                self._dispatch(message)
            except Exception:  # a malformed signal must not stop the listener
                log.exception("a notification signal could not be handled")

    def _dispatch(self, message: Message) -> None:
        member = message.header.fields.get(HeaderFields.member)
        if member == "ActionInvoked":
            notification_id, key = message.body
            with self._lock:
                handler = self._handlers.get(notification_id)
            if handler is None:  # not ours, or closed already
                return
            try:
                handler(key)
            except Exception:  # one failing handler must not keep the next actions from arriving
                log.exception("the action %r of notification %s failed", key, notification_id)
            with self._lock:
                answered = notification_id in self._resident and not self._closed
            if answered:
                self._close_note(notification_id)
        elif member == "NotificationClosed":
            notification_id, _reason = message.body
            with self._lock:
                self._handlers.pop(notification_id, None)
                self._resident.discard(notification_id)

    def _close_note(self, notification_id: int) -> None:
        """Ask the server to take an answered resident note away (best effort)."""
        try:
            self._call(new_method_call(_SERVER, "CloseNotification", "u", (notification_id,)), CALL_TIMEOUT)
        except _CALL_ERRORS as error:
            log.info("an answered notification stays shown (%s)", _describe(error))

    def _actions(self, note: Note) -> list[str]:
        if "actions" not in self._capabilities:
            return []
        return [part for key, label in note.actions for part in (key, label)]

    def _remember(self, notification_id: int, handler: ActionHandler) -> None:
        # Called with the lock held.
        self._handlers[notification_id] = handler
        while len(self._handlers) > MAX_HANDLERS:
            forgotten = next(iter(self._handlers))
            del self._handlers[forgotten]
            self._resident.discard(forgotten)
            log.debug("forgot the actions of notification %s (too many open)", forgotten)


def notify_hints(note: Note) -> dict[str, tuple[str, object]]:
    """The `Notify` hints for `note`, as D-Bus (signature, value) pairs.

    A resident note stays in the notification centre after an action or a timeout (the spec's
    "resident" hint; a server that does not know it ignores it, as the spec asks), so a reminder
    nobody has answered yet can still be found there.
    """
    hints: dict[str, tuple[str, object]] = {
        "urgency": ("y", URGENCY_CRITICAL if note.urgent else URGENCY_NORMAL),
        "desktop-entry": ("s", DESKTOP_ENTRY),
    }
    if note.resident:
        hints["resident"] = ("b", True)
    return hints


def _start(connection: DBusConnection) -> tuple[str, ...] | None:
    """Subscribe to the server's signals and ask for its capabilities; None when there is no server.

    NameHasOwner and ListActivatableNames start nothing; GetCapabilities, which would start a server,
    is sent only when there is one or D-Bus can start one.
    """

    def call(message: Message, timeout: float = CALL_TIMEOUT) -> tuple[Any, ...]:
        return tuple(unwrap_msg(connection.send_and_get_reply(message, timeout=timeout)))

    (owned,) = call(new_method_call(_BUS, "NameHasOwner", "s", (BUS_NAME,)))
    if not owned:
        (activatable,) = call(new_method_call(_BUS, "ListActivatableNames"))
        if BUS_NAME not in activatable:
            return None
    # Matched on the bus by well-known name, so that signals of a restarted server still reach us.
    for member in SIGNALS:
        call(message_bus.AddMatch(_signal_rule(member, sender=BUS_NAME)))
    (capabilities,) = call(new_method_call(_SERVER, "GetCapabilities"), START_TIMEOUT)
    return tuple(capabilities)


def _signal_rule(member: str, sender: str | None = None) -> Any:
    return MatchRule(type="signal", sender=sender, interface=INTERFACE, path=OBJECT_PATH, member=member)


def _describe(error: BaseException) -> str:
    if isinstance(error, DBusErrorResponse):
        detail = error.data[0] if error.data and isinstance(error.data[0], str) else ""
        return f"{error.name}: {detail}" if detail else str(error.name)
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
