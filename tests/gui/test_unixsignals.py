"""SIGTERM and Ctrl+C (SIGINT) reach Qt: the desktop app, a real process, stops as its Quit does —
runtime stopped, the open window's place kept, exit status 0, no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from somedesk.desktop.instance import send
from somedesk.store import Store

ROOT = Path(__file__).resolve().parents[2]
CONFIG = """
[routine]
timezone = "UTC"

[publishing]
reply_reminders = []
"""


def start_app(home: Path) -> subprocess.Popen[str]:
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, "SOMEDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "somedesk", "--show", "queue"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The instance socket answers once the app listens (its window made, its loop about to run); the
    # log says when the runtime is up on its first pass: then it is running as on a desktop.
    log = home / "logs" / "somedesk.log"
    deadline = time.monotonic() + 30
    while send(home, "ping") is None or "runtime started" not in _text(log):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the app never got going"
        time.sleep(0.05)
    return process


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_quits_the_app_cleanly(tmp_path, number):
    home = tmp_path / "home"
    home.mkdir()
    process = start_app(home)
    try:
        process.send_signal(number)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    log = (home / "logs" / "somedesk.log").read_text(encoding="utf-8")
    assert f"signal {int(number)}: stopping" in log
    assert "runtime stopped" in log
    store = Store.open(home / "somedesk.db")
    try:
        assert store.setting("geometry.queue")  # aboutToQuit ran: the window's place was kept
    finally:
        store.close()
    assert not (home / "logs" / "crash.log").exists()  # a clean exit, not a crash
