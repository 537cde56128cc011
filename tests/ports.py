"""A port for the loopback sign-in's redirect in tests.

Below the kernel's ephemeral range, so that no outgoing connection (to a fake server, say) can be
using the port as its own when the receiver binds it: asking the kernel for a free port (bind to 0)
hands out exactly the ports it also gives outgoing connections, and CI once lost that race.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def _ephemeral_start() -> int:
    try:
        return int(_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default; other systems start higher (macOS 49152, Windows 49152)


def redirect_port() -> int:
    """A port nothing listens on, outside the ephemeral range."""
    high = _ephemeral_start()
    for _ in range(200):
        port = random.randrange(20000, high)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError(f"no free port between 20000 and {high}")
