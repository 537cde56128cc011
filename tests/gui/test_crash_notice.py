"""When the last run crashed, the desktop app says so once it is up, without blocking, in the
person's language, naming the report (desktop/crashlog.py sets it aside)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from somedesk.desktop.crashlog import CRASH_FILE
from somedesk.gui.errors import ErrorReporter

ROOT = Path(__file__).resolve().parents[2]


def test_the_notice_names_the_report_and_does_not_block(qtbot):
    reporter = ErrorReporter()
    report = Path("/home/me/.local/state/somedesk/log/crash-20261207-081500.log")
    reporter.crashed_last_time(report)
    qtbot.waitUntil(lambda: len(reporter.boxes) == 1)
    [box] = reporter.boxes
    assert not box.isModal() and box.isVisible()
    assert box.text() == f"somedesk stopped unexpectedly last time. The report is in {report}"
    box.close()


def test_the_notice_in_finnish(qtbot, finnish):
    reporter = ErrorReporter()
    reporter.crashed_last_time(Path("/tmp/crash-1.log"))
    qtbot.waitUntil(lambda: len(reporter.boxes) == 1)
    assert (
        reporter.boxes[0].text()
        == "somedesk pysähtyi viime kerralla odottamatta. Raportti on tiedostossa /tmp/crash-1.log"
    )
    reporter.boxes[0].close()


# Run in a child process: the whole start as `somedesk` makes it (the crash file set aside by the
# command line, the notice on the app's first pass), with a watcher that reads what is shown.
STARTING = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from somedesk.cli.main import main

qt = QApplication(sys.argv[:1])
seen = []

def look():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible() and widget.text() not in seen:
            seen.append(widget.text())
            widget.close()

watcher = QTimer(interval=0)
watcher.timeout.connect(look)
watcher.start()
code = main(["--exit-when-ready"])
for text in seen:
    print("shown:", text)
sys.exit(code)
"""


def test_the_app_shows_it_once_it_is_up(tmp_path):
    home = tmp_path / "home"
    logs = home / "logs"
    logs.mkdir(parents=True)
    (logs / CRASH_FILE).write_text("Fatal Python error: Aborted\n\nCurrent thread 0x1:\n", encoding="utf-8")
    env = {**os.environ, "SOMEDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(
        [sys.executable, "-c", STARTING], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    [report] = logs.glob("crash-*.log")
    assert report.read_text(encoding="utf-8").startswith("Fatal Python error: Aborted")
    shown = [line for line in done.stdout.splitlines() if line.startswith("shown:")]
    assert shown == [f"shown: somedesk stopped unexpectedly last time. The report is in {report}"]
    log = (logs / "somedesk.log").read_text(encoding="utf-8")
    assert f"the last run stopped unexpectedly; its report is {report}" in log
    assert not (logs / CRASH_FILE).exists()  # a clean exit leaves none


def test_a_clean_start_shows_nothing(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "SOMEDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(
        [sys.executable, "-c", STARTING], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "shown:" not in done.stdout
    assert list((home / "logs").glob("crash*")) == []
