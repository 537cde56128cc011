"""A private D-Bus session bus for tests that must not touch the desktop session's own bus."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def private_bus(folder: Path, *, activatable: str | None = None) -> Iterator[str]:
    """A session bus of our own with nobody on it, yielding its address; `activatable`: the Exec of a
    notification server the bus starts on demand."""
    services = folder / "services"
    services.mkdir()
    if activatable is not None:
        (services / "notifications.service").write_text(
            f"[D-BUS Service]\nName=org.freedesktop.Notifications\nExec={activatable}\n"
        )
    config = folder / "bus.conf"
    config.write_text(
        f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
    )
    with subprocess.Popen(
        ["dbus-daemon", "--nofork", "--print-address=1", f"--config-file={config}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as daemon:
        try:
            assert daemon.stdout is not None
            yield daemon.stdout.readline().strip()
        finally:
            daemon.terminate()
