"""The tray for real: on the session's X display with a tray host (trayer), through the xcb platform.

Each check runs in a child process, because the test process's QApplication is offscreen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.session

PROBE = r"""
import json, sys
from datetime import UTC, datetime
from pathlib import Path
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from PySide6.QtCore import QTimer
from somedesk.core.config import Config
from somedesk.core.routine import Routine
from somedesk.gui.context import Bridge, GuiContext
from somedesk.gui.tray import Tray
from somedesk.sources.paths import resolve_paths
from somedesk.app.services import Somedesk
from somedesk.store import Store
from zoneinfo import ZoneInfo

qt = QApplication(sys.argv[:1])
paths = resolve_paths(env={"SOMEDESK_HOME": sys.argv[1]})
paths.ensure()
app = Somedesk(paths, Config(routine=Routine(zone=ZoneInfo("Europe/Helsinki"))), Store.open(paths.database))
opened = []
tray = Tray(GuiContext(app, Bridge(), open_window=opened.append), qt.quit)
report = {"platform": qt.platformName(), "available": QSystemTrayIcon.isSystemTrayAvailable()}
tray.show()

def finish():
    report["visible"] = tray.icon.isVisible()
    report["menu"] = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)  # what a click on the icon sends
    report["opened"] = opened
    print(json.dumps(report))
    qt.quit()

QTimer.singleShot(500, finish)
qt.exec()
app.store.close()
"""


def test_the_tray_icon_is_shown_with_its_menu_and_a_click_opens_quick_post(
    desktop_session: Path, tmp_path: Path
):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "home")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb" and report["available"] is True and report["visible"] is True
    assert report["menu"][0] == "Quick post…" and report["menu"][-1] == "Quit"
    assert {"Planner", "Queue", "Pause publishing", "Settings"} <= set(report["menu"])
    assert report["opened"] == ["quick-post"]


def test_the_app_starts_in_the_tray_and_exits_cleanly(desktop_session: Path, tmp_path: Path):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "SOMEDESK_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-m", "somedesk", "--exit-when-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


# What the desktop's start must not wait for: each loads when first used (a sign-in, a calendar, a
# feed, the spell checker, the keyring, a log line), the runtime's APScheduler after the tray is up.
LOADED_LATER = {
    "requests",
    "oauthlib",
    "requests_oauthlib",
    "icalendar",
    "recurring_ical_events",
    "feedparser",
    "enchant",
    "keyring",
    "apscheduler",
    "asyncio",
    "ssl",
    "json",
    "hashlib",
    "logging.handlers",
    "somedesk.core.moments",
    "somedesk.gui.planner",
}


def test_the_tray_is_up_before_any_heavy_import(desktop_session: Path, tmp_path: Path):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "SOMEDESK_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        # -X importtime writes each import to stderr as it happens; with stdout on the same pipe, the
        # "ready" line falls exactly between what the start imported and what came after.
        [sys.executable, "-X", "importtime", "-m", "somedesk", "--exit-when-ready"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    lines = done.stdout.splitlines()
    ready = next(n for n, line in enumerate(lines) if line.startswith("ready rss="))

    def imported(part: list[str]) -> set[str]:
        return {line.rsplit("|", 1)[1].strip() for line in part if line.startswith("import time:")}

    before, after = imported(lines[:ready]), imported(lines[ready:])
    assert "somedesk.gui.tray" in before
    assert not before & LOADED_LATER, sorted(before & LOADED_LATER)
    assert {"apscheduler", "somedesk.runtime.scheduler"} <= after  # the runtime did start, after the tray
