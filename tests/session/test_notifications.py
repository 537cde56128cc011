"""`FreedesktopNotifier` against a real notification server: dunst in scripts/session.sh's session.

What dunst received is read from dunst itself: its history (the D-Bus call `dunstctl history` makes)
and the record its per-notification script keeps. Actions are picked in dunst's own context menu
(`dunstctl context`, or `dunstctl action` for a note with one action), so ActionInvoked comes from
dunst as when a person picks one.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from jeepney import (  # type: ignore[import-untyped]
    DBusAddress,
    HeaderFields,
    MessageType,
    message_bus,
    new_method_call,
    new_method_return,
)
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from jeepney.wrappers import unwrap_msg  # type: ignore[import-untyped]

from somedesk import APP_ID
from somedesk.desktop import launcher
from somedesk.runtime.notify import Note, Notifier
from somedesk.runtime.notify.freedesktop import (
    BUS_NAME,
    LISTENER_THREAD,
    RECEIVER_THREAD,
    FreedesktopNotifier,
    ServerInfo,
)
from tests.dbus import private_bus

pytestmark = pytest.mark.session

T = TypeVar("T")

LOGGER = "somedesk.runtime.notify.freedesktop"
# Anything dunst does for a test happens within this many seconds, or it does not happen.
BOUND = 5.0
DUNST_CMD = DBusAddress(
    "/org/freedesktop/Notifications",
    bus_name="org.freedesktop.Notifications",
    interface="org.dunstproject.cmd0",
)
READY_ACTIONS = (("post", "Post now"), ("snooze", "Snooze 10 min"), ("skip", "Skip"))


# Reading dunst -------------------------------------------------------------------------------------


def wait_for(what: str, probe: Callable[[], T | None], bound: float = BOUND) -> T:
    deadline = time.monotonic() + bound
    while not (value := probe()):
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {bound} s")
        time.sleep(0.02)
    return value


def dunstctl(*args: str) -> str:
    done = subprocess.run(["dunstctl", *args], capture_output=True, text=True, timeout=BOUND, check=True)
    return done.stdout


def history() -> list[dict[str, Any]]:
    """dunst's history (notifications it has closed), through the D-Bus call `dunstctl history` makes.

    `dunstctl history` itself needs busctl, i.e. systemd, which the session does not install.
    """
    with open_dbus_connection() as connection:
        reply = connection.send_and_get_reply(
            new_method_call(DUNST_CMD, "NotificationListHistory"), timeout=BOUND
        )
    (entries,) = unwrap_msg(reply)
    return [{key: value for key, (_signature, value) in entry.items()} for entry in entries]


def in_history(title: str) -> dict[str, Any]:
    return wait_for(
        f"{title!r} in dunst's history", lambda: next((e for e in history() if e["summary"] == title), None)
    )


def seen() -> list[dict[str, str]]:
    """What dunst's script saw of each notification it showed (scripts/session.sh, dunst-record)."""
    records = []
    for file in Path(os.environ["SOMEDESK_DUNST_SEEN"]).iterdir():
        if file.suffix != ".new":
            fields = file.read_bytes().decode().split("\0")
            records.append(dict(field.split("=", 1) for field in fields if field))
    return records


def shown(title: str) -> dict[str, str]:
    """Waits until dunst shows the note titled `title` and returns what it saw of it."""
    return wait_for(
        f"dunst showing {title!r}", lambda: next((r for r in seen() if r["DUNST_SUMMARY"] == title), None)
    )


def pick(notification_id: int, key: str) -> None:
    """Picks an action of a notification in dunst's context menu, as a person would.

    dunst refuses to open a menu while an earlier one is still closing: asked again until it opens.
    """
    choice = Path(os.environ["SOMEDESK_DUNST_MENU_CHOICE"])
    choice.write_text(f"[{notification_id},{key}]")
    deadline = time.monotonic() + BOUND
    while choice.exists():
        if time.monotonic() > deadline:
            pytest.fail(
                f"dunst's menu did not pick {key!r} of notification {notification_id} within {BOUND} s"
            )
        dunstctl("context")
        retry = time.monotonic() + 0.5
        while choice.exists() and time.monotonic() < retry:
            time.sleep(0.02)


def clear_dunst() -> None:
    """Closes every notification; a note an open menu holds is closed once the menu is."""
    deadline = time.monotonic() + BOUND
    while True:
        dunstctl("close-all")
        if dunstctl("count", "displayed").strip() == "0" and dunstctl("count", "waiting").strip() == "0":
            return
        if time.monotonic() > deadline:
            pytest.fail(f"dunst still shows notifications after {BOUND} s of close-all")
        time.sleep(0.05)


def unique(title: str) -> str:
    return f"{title} {uuid.uuid4().hex[:8]}"


class Picks:
    """An action handler that remembers each key it got and on which thread."""

    def __init__(self) -> None:
        self.calls: queue.Queue[tuple[str, threading.Thread]] = queue.Queue()

    def __call__(self, key: str) -> None:
        self.calls.put((key, threading.current_thread()))

    def next(self) -> tuple[str, threading.Thread]:
        try:
            return self.calls.get(timeout=BOUND)
        except queue.Empty:
            pytest.fail(f"no action reached the handler within {BOUND} s")


@pytest.fixture
def dunst(desktop_session: Path) -> Iterator[None]:
    if "SOMEDESK_DUNST_SEEN" not in os.environ:
        pytest.fail("this session has no dunst: scripts/session.sh starts one", pytrace=False)
    for name in ("SOMEDESK_DUNST_MENU_CHOICE", "SOMEDESK_DUNST_MENU_OFFERED"):
        Path(os.environ[name]).unlink(missing_ok=True)
    clear_dunst()
    yield
    clear_dunst()


@pytest.fixture
def notifier(dunst: None) -> Iterator[FreedesktopNotifier]:
    notifier = FreedesktopNotifier.connect()
    assert notifier is not None
    yield notifier
    notifier.close()


def show(notifier: FreedesktopNotifier, note: Note, handler: Callable[[str], None] | None = None) -> int:
    """`notify`, then the id the server gave the note (new among the ids with a handler)."""
    before = notifier.pending_ids()
    notifier.notify(note, handler)
    shown(note.title)
    if handler is None:
        return -1
    (notification_id,) = notifier.pending_ids() - before
    return notification_id


# A note reaches dunst -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("urgent", "urgency", "timeout_us"),
    [(False, "NORMAL", 10_000_000), (True, "CRITICAL", 0)],
    ids=["normal", "urgent"],
)
def test_a_note_reaches_dunst_with_its_text_and_urgency(notifier, urgent, urgency, timeout_us):
    title = unique("Coffee break: your LinkedIn post is ready")
    body = "“Five things I learned…” & <more> — ünïcödé 🎉\nsecond line"
    notifier.notify(Note(title, body, urgent=urgent))

    record = shown(title)
    assert record["DUNST_URGENCY"] == urgency
    assert record["DUNST_APP_NAME"] == "somedesk"
    assert record["DUNST_DESKTOP_ENTRY"] == APP_ID
    # No icon theme has somedesk's icon in this session, so the note names the packaged SVG itself.
    assert record["ICON"] == launcher.icon_for_notifications() and record["ICON"].endswith("/somedesk.svg")
    assert record["DUNST_BODY"] == body

    clear_dunst()
    entry = in_history(title)
    assert (entry["summary"], entry["body"], entry["appname"]) == (title, body, "somedesk")
    assert entry["timeout"] == timeout_us  # urgent: stays up until dismissed


@pytest.mark.skipif(shutil.which("busctl") is None, reason="`dunstctl history` needs busctl (systemd)")
def test_dunstctl_history_json_shows_the_note(notifier):
    title = unique("Time to answer comments")
    notifier.notify(Note(title, "Your LinkedIn post went out 30 minutes ago."))
    shown(title)
    clear_dunst()
    in_history(title)

    (entries,) = json.loads(dunstctl("history"))["data"]
    delivered = {entry["summary"]["data"]: entry["body"]["data"] for entry in entries}
    assert delivered[title] == "Your LinkedIn post went out 30 minutes ago."


def test_the_server_says_who_it_is(notifier):
    info = notifier.server_info()
    assert isinstance(info, ServerInfo)
    assert (info.name, info.vendor, info.spec_version) == ("dunst", "knopwob", "1.2")
    assert info.version.startswith("1.")
    notifier_as_protocol: Notifier = notifier  # what the runtime takes (checked by mypy)
    assert notifier_as_protocol is notifier


# Actions -------------------------------------------------------------------------------------------


def test_actions_are_advertised_and_sent_as_key_label_pairs(notifier):
    assert "actions" in notifier.capabilities()
    title = unique("Lunch: your X post is ready")
    notification_id = show(notifier, Note(title, "“Ship it”", READY_ACTIONS), Picks())

    dunstctl("context")  # nothing chosen: the menu shows what it offers and closes
    offered_file = Path(os.environ["SOMEDESK_DUNST_MENU_OFFERED"])
    offered = wait_for("dunst's menu", lambda: offered_file.read_text() if offered_file.is_file() else None)
    assert sorted(offered.splitlines()) == sorted(
        f"#{label} ({title}) [{notification_id},{key}]" for key, label in READY_ACTIONS
    )


def test_an_action_picked_in_dunsts_menu_reaches_the_handler_on_its_own_thread(notifier):
    picks = Picks()
    notification_id = show(notifier, Note(unique("Standup over"), "“Ship it”", READY_ACTIONS), picks)

    pick(notification_id, "snooze")

    key, thread = picks.next()
    assert key == "snooze"
    assert thread is not threading.main_thread()
    assert thread.name == LISTENER_THREAD
    assert notification_id in notifier.pending_ids()  # picking does not close the note in dunst


def test_a_resident_reminder_is_closed_once_it_is_answered(notifier):
    # Issue 12: a reminder stays in the notification centre (resident) until answered, then goes.
    picks = Picks()
    note = Note(unique("Lunch: your X post is ready"), "“Ship it”", READY_ACTIONS, resident=True)
    notification_id = show(notifier, note, picks)

    pick(notification_id, "snooze")

    assert picks.next()[0] == "snooze"
    wait_for("the answered note closed", lambda: notification_id not in notifier.pending_ids() or None)


def test_dunstctl_action_invokes_the_only_action(notifier):
    picks = Picks()
    show(
        notifier,
        Note(unique("A LinkedIn post missed its moment"), "quiet hours", (("post", "Post now"),)),
        picks,
    )

    dunstctl("action", "0")

    assert picks.next()[0] == "post"


def test_each_note_keeps_its_own_handler(notifier):
    first, second = Picks(), Picks()
    first_id = show(notifier, Note(unique("first"), "one", READY_ACTIONS), first)
    second_id = show(notifier, Note(unique("second"), "two", READY_ACTIONS), second)

    pick(second_id, "skip")
    assert second.next()[0] == "skip"
    pick(first_id, "post")
    assert first.next()[0] == "post"
    assert first.calls.empty() and second.calls.empty()


def test_closing_a_note_forgets_its_handler(notifier):
    notification_id = show(notifier, Note(unique("closed"), "by the person", READY_ACTIONS), Picks())
    assert notification_id in notifier.pending_ids()

    dunstctl("close-all")  # dunst sends NotificationClosed

    wait_for("the id forgotten", lambda: notification_id not in notifier.pending_ids())


def test_a_failing_handler_is_logged_and_the_next_action_still_arrives(notifier, caplog):
    def broken(key: str) -> None:
        raise RuntimeError(f"handler broke on {key}")

    caplog.set_level(logging.ERROR, logger=LOGGER)
    show(notifier, Note(unique("broken"), "handler", (("post", "Post now"),)), broken)
    dunstctl("action", "0")
    record = wait_for("the failure logged", lambda: next(iter(caplog.records), None))
    assert record.exc_info is not None
    assert "handler broke on post" in str(record.exc_info[1])
    assert "'post'" in record.getMessage()

    clear_dunst()
    picks = Picks()
    show(notifier, Note(unique("working"), "handler", (("post", "Post now"),)), picks)
    dunstctl("action", "0")
    assert picks.next()[0] == "post"


def test_notes_from_many_threads_each_keep_their_handler(notifier):
    titles = [unique(f"from thread {i}") for i in range(8)]
    start = threading.Barrier(len(titles))

    def send(title: str) -> None:
        start.wait()
        notifier.notify(Note(title, "at once", (("post", "Post now"),)), Picks())

    senders = [threading.Thread(target=send, args=(title,)) for title in titles]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(BOUND)

    assert len(notifier.pending_ids()) == len(titles)
    assert {shown(title)["DUNST_ID"] for title in titles} == {str(i) for i in notifier.pending_ids()}


# Closing -------------------------------------------------------------------------------------------


def open_fds() -> int:
    return sum(1 for _ in Path("/proc/self/fd").iterdir())


def test_close_stops_its_threads_promptly_and_is_idempotent(dunst, caplog):
    fds = open_fds()
    before = set(threading.enumerate())
    notifier = FreedesktopNotifier.connect()
    assert notifier is not None
    show(notifier, Note(unique("closing"), "soon", READY_ACTIONS), Picks())
    assert {t.name for t in set(threading.enumerate()) - before} == {LISTENER_THREAD, RECEIVER_THREAD}

    started = time.monotonic()
    notifier.close()
    assert time.monotonic() - started < 1
    assert set(threading.enumerate()) - before == set()
    assert open_fds() == fds

    notifier.close()
    caplog.set_level(logging.INFO, logger=LOGGER)
    notifier.notify(Note("after close", "goes to the log"))
    assert "after close — goes to the log" in caplog.text
    assert notifier.pending_ids() == frozenset()


def test_a_handler_may_close_its_notifier(dunst):
    before = set(threading.enumerate())
    notifier = FreedesktopNotifier.connect()
    assert notifier is not None
    (listener,) = (t for t in set(threading.enumerate()) - before if t.name == LISTENER_THREAD)
    closed = threading.Event()

    def close_on_action(key: str) -> None:
        notifier.close()
        closed.set()

    show(notifier, Note(unique("close from handler"), "…", (("post", "Post now"),)), close_on_action)
    dunstctl("action", "0")

    assert closed.wait(BOUND)
    listener.join(BOUND)
    assert set(threading.enumerate()) - before == set()


# No notification server ----------------------------------------------------------------------------


def test_no_server_on_the_bus_gives_none_and_one_log_line(desktop_session, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    with private_bus(tmp_path) as address:
        assert FreedesktopNotifier.connect(bus_address=address) is None
    (record,) = caplog.records
    assert record.getMessage() == (
        "notifications go to the log: "
        "no notification server (org.freedesktop.Notifications) on the session bus"
    )


def test_a_server_that_fails_to_start_gives_none(desktop_session, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    started = time.monotonic()
    with private_bus(tmp_path, activatable="/bin/false") as address:
        assert FreedesktopNotifier.connect(bus_address=address) is None
    assert time.monotonic() - started < BOUND
    (record,) = caplog.records
    assert "org.freedesktop.DBus.Error.Spawn" in record.getMessage()


@pytest.mark.parametrize("address", ["unix:path={tmp}/no-bus-here", "nonsense", "tcp:host=localhost,port=1"])
def test_no_bus_at_that_address_gives_none(desktop_session, tmp_path, caplog, address):
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert FreedesktopNotifier.connect(bus_address=address.format(tmp=tmp_path)) is None
    (record,) = caplog.records
    assert record.getMessage().startswith("notifications go to the log: the session bus cannot be reached")


def test_no_session_bus_at_all_gives_none(desktop_session, monkeypatch, caplog):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert FreedesktopNotifier.connect() is None
    assert "DBUS_SESSION_BUS_ADDRESS is not set" in caplog.text


def test_the_bus_going_away_is_one_log_line_and_notes_go_to_the_log(desktop_session, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    with private_bus(tmp_path) as address, fake_server(address):
        notifier = FreedesktopNotifier.connect(bus_address=address)
        assert notifier is not None
        notifier.notify(Note("shown", "by the fake server", (("post", "Post now"),)), Picks())
        assert notifier.pending_ids() == {7}
    # The bus is gone now. No traceback (pytest would turn an unhandled thread exception into an error).
    wait_for("the end logged", lambda: "the session bus connection ended" in caplog.text)
    notifier.notify(Note("after", "the bus went away"))
    notifier.close()
    assert "after — the bus went away" in caplog.text


@contextmanager
def fake_server(address: str) -> Iterator[None]:
    """Owns org.freedesktop.Notifications on the bus at `address`: says "actions", gives every note id 7."""
    with open_dbus_connection(address) as server:
        (owned,) = unwrap_msg(server.send_and_get_reply(message_bus.RequestName(BUS_NAME), timeout=BOUND))
        assert owned == 1  # primary owner

        def serve() -> None:
            replies = {"GetCapabilities": ("as", (["actions", "body"],)), "Notify": ("u", (7,))}
            try:
                while True:
                    call = server.receive()
                    member = call.header.fields.get(HeaderFields.member)
                    if call.header.message_type is MessageType.method_call and member in replies:
                        server.send(new_method_return(call, *replies[member]))
            except OSError:  # the bus went away
                return

        thread = threading.Thread(target=serve)
        thread.start()
        try:
            yield
        finally:
            server.sock.shutdown(socket.SHUT_RDWR)
            thread.join(BOUND)


CHOOSE = """
from somedesk.runtime.headless import choose_notifier
notifier = choose_notifier()
print(type(notifier).__name__)
notifier.close()
"""


def test_the_headless_runtime_picks_dunst_or_else_the_log(dunst, tmp_path):
    def chosen(**env: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", CHOOSE],
            env=os.environ | env,
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
        return done.stdout.strip()

    assert chosen() == "FreedesktopNotifier"
    with private_bus(tmp_path) as address:
        assert chosen(DBUS_SESSION_BUS_ADDRESS=address) == "LogNotifier"
