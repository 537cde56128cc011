"""In a Flatpak, "Start at login" asks the XDG Background portal. A bus of the test's own (dbus-daemon)
carries a small fake portal that answers RequestBackground as xdg-desktop-portal does: the request
handle, then a Response signal on it. The client code is the real one."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from jeepney import (  # type: ignore[import-untyped]
    DBusAddress,
    HeaderFields,
    MessageType,
    message_bus,
    new_method_return,
    new_signal,
)
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from jeepney.wrappers import unwrap_msg  # type: ignore[import-untyped]

from somedesk.desktop import autostart
from somedesk.desktop.portal import (
    BUS_NAME,
    INTERFACE,
    REASON,
    REQUEST_INTERFACE,
    PortalError,
    request_background,
    request_path,
)
from tests.dbus import private_bus

pytestmark = pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon")
BOUND = 10.0


@dataclass
class FakePortal:
    response: int = 0  # 0 granted, 1 declined by the person, 2 other
    grant_autostart: bool = True
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (handle, options)


@contextmanager
def fake_portal(address: str, portal: FakePortal) -> Iterator[FakePortal]:
    with open_dbus_connection(address) as server:
        (owned,) = unwrap_msg(server.send_and_get_reply(message_bus.RequestName(BUS_NAME), timeout=BOUND))
        assert owned == 1

        def serve() -> None:
            try:
                while True:
                    call = server.receive()
                    fields = call.header.fields
                    if call.header.message_type is not MessageType.method_call:
                        continue
                    if fields.get(HeaderFields.interface) != INTERFACE:
                        continue
                    _parent, options = call.body
                    handle = request_path(fields[HeaderFields.sender], options["handle_token"][1])
                    portal.requests.append((handle, {k: v[1] for k, v in options.items()}))
                    server.send(new_method_return(call, "o", (handle,)))
                    granted = portal.grant_autostart and options["autostart"][1]
                    results = {"background": ("b", True), "autostart": ("b", granted)}
                    signal = new_signal(
                        DBusAddress(handle, interface=REQUEST_INTERFACE),
                        "Response",
                        "ua{sv}",
                        (portal.response, results),
                    )
                    server.send(signal)
            except OSError:
                return

        thread = threading.Thread(target=serve)
        thread.start()
        try:
            yield portal
        finally:
            server.sock.shutdown(socket.SHUT_RDWR)
            thread.join(BOUND)


def test_the_portal_is_asked_with_the_command_and_a_reason(tmp_path: Path):
    with private_bus(tmp_path) as address, fake_portal(address, FakePortal()) as portal:
        request_background(True, ["somedesk"], bus_address=address, timeout=BOUND)
    [(handle, options)] = portal.requests
    assert handle.endswith("/" + options["handle_token"])
    assert options == {
        "handle_token": options["handle_token"],
        "reason": REASON,
        "autostart": True,
        "commandline": ["somedesk"],
        "dbus-activatable": False,
    }


@pytest.mark.parametrize(
    ("portal", "says"),
    [
        (FakePortal(response=1), "was not allowed (the request was declined)"),
        (FakePortal(response=2), "could not do this"),
        (FakePortal(grant_autostart=False), "the desktop did not allow starting somedesk at login"),
    ],
)
def test_a_refusal_is_one_line(tmp_path: Path, portal: FakePortal, says: str):
    with private_bus(tmp_path) as address, fake_portal(address, portal), pytest.raises(PortalError) as raised:
        request_background(True, ["somedesk"], bus_address=address, timeout=BOUND)
    assert says in str(raised.value) and "\n" not in str(raised.value)


def test_no_portal_on_the_bus_or_no_bus_is_one_line(tmp_path: Path):
    with private_bus(tmp_path) as address, pytest.raises(PortalError, match="ServiceUnknown"):
        request_background(True, ["somedesk"], bus_address=address, timeout=BOUND)
    with pytest.raises(PortalError, match="cannot be reached"):
        request_background(True, ["somedesk"], bus_address=f"unix:path={tmp_path}/no-bus", timeout=BOUND)


def test_start_at_login_in_a_flatpak_goes_through_the_portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FLATPAK_ID", "fi.somedesk.Somedesk")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SOMEDESK_HOME", raising=False)
    with private_bus(tmp_path) as address, fake_portal(address, FakePortal()) as portal:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        assert autostart.in_flatpak()
        autostart.enable()
        assert autostart.is_enabled()
        autostart.disable()
        assert not autostart.is_enabled()
    assert [(o["autostart"], o["commandline"]) for _, o in portal.requests] == [
        (True, ["somedesk"]),
        (False, ["somedesk"]),
    ]


def test_a_declined_request_in_a_flatpak_leaves_it_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FLATPAK_ID", "fi.somedesk.Somedesk")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    with private_bus(tmp_path) as address, fake_portal(address, FakePortal(response=1)):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        with pytest.raises(PortalError):
            autostart.enable()
    assert not autostart.is_enabled()


def test_outside_a_flatpak_no_portal_is_asked(tmp_path: Path):
    assert not autostart.in_flatpak({}, info=tmp_path / "no-flatpak-info")
    assert autostart.in_flatpak({"FLATPAK_ID": "x"}, info=tmp_path / "no-flatpak-info")
    (tmp_path / ".flatpak-info").write_text("[Application]\n", encoding="utf-8")
    assert autostart.in_flatpak({}, info=tmp_path / ".flatpak-info")
    assert autostart.portal_commandline({"SOMEDESK_HOME": "/h"}) == ["env", "SOMEDESK_HOME=/h", "somedesk"]
