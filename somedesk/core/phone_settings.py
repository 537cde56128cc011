"""The `[phone]` table of config.toml: which ntfy server, which moments remind on the phone, and how long
the desktop has before the phone takes over. Small and import-free so that reading the config stays fast.

The topic and the access token are secrets: they live in the keyring, never here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from somedesk.core.errors import ConfigError
from somedesk.core.model import MomentKind

DEFAULT_SERVER = "https://ntfy.sh"
DEFAULT_TAKEOVER_MINUTES = 5
PHONE_KEYS = frozenset({"server", "moments", "takeover_minutes"})
# https anywhere; plain http only to this machine (a local relay, or the tests' fake server), because the
# token and the drafts' text travel in every request.
_SERVER_RE = re.compile(r"^(https://[^\s/?#]+|http://(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)/?$")


@dataclass(frozen=True, slots=True)
class PhoneSettings:
    server: str = DEFAULT_SERVER
    moments: tuple[MomentKind, ...] = (MomentKind.COMMUTE,)
    takeover_minutes: int = DEFAULT_TAKEOVER_MINUTES


def server_problem(url: str) -> str | None:
    """What is wrong with a server address, in a few words; None when it can be used."""
    if _SERVER_RE.match(url.strip()) is None:
        return "expected the server's https:// address with no path, e.g. https://ntfy.sh"
    return None


def read_phone(table: Mapping[str, Any], where: Callable[[str], str]) -> PhoneSettings:
    """The `[phone]` table; `where("phone.server")` names the file and key in a message."""
    for key in table:
        if key not in PHONE_KEYS:
            expected = "expected server, moments or takeover_minutes"
            raise ConfigError(f"{where('phone')}: unknown key {f'phone.{key}'!r} ({expected})")
    server = table.get("server", DEFAULT_SERVER)
    problem = server_problem(server if isinstance(server, str) else "")
    if not isinstance(server, str) or problem is not None:
        raise ConfigError(f"{where('phone.server')}: {problem}")
    kinds = {k.value: k for k in MomentKind}
    moments = table.get("moments", ["commute"])
    if not isinstance(moments, list) or not all(isinstance(m, str) and m in kinds for m in moments):
        raise ConfigError(
            f"{where('phone.moments')}: expected a list of moment kinds from {', '.join(kinds)}"
        )
    minutes = table.get("takeover_minutes", DEFAULT_TAKEOVER_MINUTES)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 120:
        raise ConfigError(f"{where('phone.takeover_minutes')}: expected a whole number of minutes (1–120)")
    return PhoneSettings(server.strip().rstrip("/"), tuple(kinds[m] for m in moments), minutes)
