"""`somedesk run` as a real process: a fatal signal leaves a report in the log folder, the next start
says so in one line on stderr, and a clean stop leaves none (the desktop app's notice:
tests/gui/test_crash_notice.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from somedesk.desktop.crashlog import CRASH_FILE

CONFIG = """
[routine]
timezone = "UTC"

[publishing]
reply_reminders = []
"""


def start_run(home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "SOMEDESK_HOME": str(home)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # notes go to the terminal, not a desktop
    process = subprocess.Popen(
        [sys.executable, "-m", "somedesk", "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # printed once the lock is held and the crash file open
    assert "somedesk is running for" in line, (line, process.stderr.read() if process.stderr else "")
    return process


def test_a_crashed_run_is_reported_by_the_next_and_a_clean_stop_leaves_nothing(home: Path):
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    logs = home / "logs"

    first = start_run(home)
    first.send_signal(signal.SIGSEGV)  # as a fault in a C extension would: faulthandler writes it down
    _, err = first.communicate(timeout=30)
    assert first.returncode == -signal.SIGSEGV
    assert "Fatal Python error: Segmentation fault" in (logs / CRASH_FILE).read_text(encoding="utf-8")

    second = start_run(home)
    second.send_signal(signal.SIGINT)
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    [report] = logs.glob("crash-*.log")
    assert err == f"somedesk stopped unexpectedly last time; the report is in {report}\n"
    assert "Fatal Python error: Segmentation fault" in report.read_text(encoding="utf-8")
    assert "Traceback" not in out + err
    assert not (logs / CRASH_FILE).exists()  # the clean stop took its empty file away

    third = start_run(home)
    third.send_signal(signal.SIGTERM)
    out, err = third.communicate(timeout=30)
    assert third.returncode == 0 and err == ""  # reported once only
    assert list(logs.glob("crash-*.log")) == [report]
