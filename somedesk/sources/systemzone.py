"""The machine's IANA time zone, used when the config names none."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def system_zone() -> ZoneInfo:
    """TZ, then /etc/timezone, then the /etc/localtime link; UTC when none names a known zone."""
    for name in _candidates():
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: TZ too long for a file name
            continue
    return ZoneInfo("UTC")


def _candidates() -> list[str]:
    names: list[str] = []
    tz = os.environ.get("TZ", "").lstrip(":").strip()
    if tz:
        names.append(tz)
    with contextlib.suppress(OSError):
        names.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    return [n for n in names if n]
