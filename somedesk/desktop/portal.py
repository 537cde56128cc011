"""The XDG desktop portal's Background interface: how a Flatpak asks to be started at login.

Inside a Flatpak, ~/.config/autostart is the sandbox's own folder, which no desktop reads; the
portal (org.freedesktop.portal.Desktop on the session bus) writes the entry on the host, after the
desktop has asked the person when it wants to. The answer comes as a Response signal on a request
object whose path is known before the call (from its handle_token), so the signal is subscribed to
first and never missed.

D-Bus is spoken with jeepney, as for notifications (runtime/notify/freedesktop.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from somedesk.core.errors import UserError

BUS_NAME = "org.freedesktop.portal.Desktop"
OBJECT_PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.Background"
REQUEST_INTERFACE = "org.freedesktop.portal.Request"
REASON = "Start somedesk when you log in, to publish and remind on time"
# The desktop may ask the person first (GNOME does, once): give them time to answer.
ANSWER_TIMEOUT = 120.0
CALL_TIMEOUT = 10.0


class PortalError(UserError):
    """The Background portal could not be asked, or did not allow what was asked."""


def request_path(unique_name: str, token: str) -> str:
    """The request object the portal will answer on: the caller's unique name without its ":" and
    with "." as "_", then the token (the portal's documented rule)."""
    sender = unique_name.lstrip(":").replace(".", "_")
    return f"{OBJECT_PATH}/request/{sender}/{token}"


def background_options(autostart: bool, commandline: Sequence[str], token: str) -> dict[str, tuple[str, Any]]:
    """RequestBackground's a{sv} options, each value as jeepney writes a variant: (signature, value)."""
    return {
        "handle_token": ("s", token),
        "reason": ("s", REASON),
        "autostart": ("b", autostart),
        "commandline": ("as", list(commandline)),
        "dbus-activatable": ("b", False),
    }


def request_background(
    autostart: bool,
    commandline: Sequence[str],
    *,
    bus_address: str = "SESSION",
    timeout: float = ANSWER_TIMEOUT,
) -> None:
    """Ask the portal to start `commandline` (run inside the sandbox) at login, or to stop doing so.

    Raises PortalError with a line for the person when the portal cannot be reached, the person
    says no, or the desktop does not allow it."""
    # jeepney has no type hints (no py.typed).
    from jeepney import DBusAddress, MatchRule, message_bus, new_method_call  # type: ignore[import-untyped]
    from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg  # type: ignore[import-untyped]

    token = f"somedesk{secrets.token_hex(8)}"
    portal = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)
    try:
        with open_dbus_connection(bus=bus_address) as connection:
            handle = request_path(connection.unique_name, token)
            rule = MatchRule(type="signal", interface=REQUEST_INTERFACE, member="Response", path=handle)
            unwrap_msg(connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT))
            with connection.filter(rule) as answers:
                call = new_method_call(
                    portal,
                    "RequestBackground",
                    "sa{sv}",
                    ("", background_options(autostart, commandline, token)),
                )
                unwrap_msg(connection.send_and_get_reply(call, timeout=CALL_TIMEOUT))
                answer = connection.recv_until_filtered(answers, timeout=timeout)
    except DBusErrorResponse as error:
        raise PortalError(f"the desktop's background portal refused the request ({error.name})") from None
    except TimeoutError:
        raise PortalError("the desktop's background portal did not answer in time") from None
    except (OSError, ValueError, KeyError) as error:  # no session bus, a bus address jeepney cannot read
        raise PortalError(
            f"the desktop's background portal cannot be reached ({type(error).__name__}); "
            "is xdg-desktop-portal running?"
        ) from None
    response, results = answer.body
    if response == 1:
        raise PortalError("starting somedesk at login was not allowed (the request was declined)")
    if response != 0:
        raise PortalError("the desktop's background portal could not do this")
    granted = results.get("autostart", ("b", False))[1]
    if autostart and not granted:
        raise PortalError("the desktop did not allow starting somedesk at login")
