"""A crash leaves a trace: a real segmentation fault writes the stacks into crash.log, the next start
sets that report aside and says where it is, and a clean exit leaves nothing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from somedesk.desktop.crashlog import CRASH_FILE, KEPT_REPORTS, CrashLog, crash_notice

ROOT = Path(__file__).resolve().parents[2]

CRASHING = """
import faulthandler, sys
from pathlib import Path
from somedesk.desktop.crashlog import CrashLog

CrashLog(Path(sys.argv[1])).start()
print("started", flush=True)
faulthandler._sigsegv()  # a real SIGSEGV, as a bug in Qt or a C extension would make
"""


def crash_in_a_subprocess(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CRASHING), str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_segfault_is_written_down_and_the_next_start_reports_it_once(tmp_path):
    logs = tmp_path / "logs"
    crashed = crash_in_a_subprocess(logs)
    assert crashed.stdout == "started\n"
    assert crashed.returncode == -signal.SIGSEGV
    trace = (logs / CRASH_FILE).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in trace
    assert "<string>" in trace  # the Python stack of the thread that crashed

    next_start = CrashLog(logs)
    report = next_start.start()
    try:
        assert report is not None and report.parent == logs and report.name.startswith("crash-")
        assert report.read_text(encoding="utf-8") == trace  # moved aside whole
        assert (logs / CRASH_FILE).stat().st_size == 0  # this run's, empty while it runs
    finally:
        next_start.stop()
    assert crash_notice(report) == f"somedesk stopped unexpectedly last time; the report is in {report}"

    third = CrashLog(logs)
    assert third.start() is None  # reported once, not at every start
    third.stop()


def test_a_clean_exit_leaves_no_report(tmp_path):
    run = CrashLog(tmp_path)
    assert run.start() is None
    assert (tmp_path / CRASH_FILE).exists()
    run.stop()
    assert list(tmp_path.iterdir()) == []
    again = CrashLog(tmp_path)
    assert again.start() is None
    again.stop()


def test_an_empty_crash_file_from_a_kill_is_not_a_crash(tmp_path):
    (tmp_path / CRASH_FILE).write_text("", encoding="utf-8")  # SIGKILL or power off: no trace written
    run = CrashLog(tmp_path)
    assert run.start() is None
    run.stop()
    assert list(tmp_path.glob("crash-*.log")) == []


def test_only_the_latest_reports_are_kept(tmp_path):
    for n in range(KEPT_REPORTS + 2):
        old = tmp_path / f"crash-2026010{n}-000000.log"
        old.write_text("Fatal Python error\n", encoding="utf-8")
        os.utime(old, (1_700_000_000 + n, 1_700_000_000 + n))
    (tmp_path / CRASH_FILE).write_text("Fatal Python error: Aborted\n", encoding="utf-8")
    run = CrashLog(tmp_path)
    report = run.start()
    run.stop()
    kept = sorted(p.name for p in tmp_path.glob("crash-*.log"))
    assert report is not None and report.name in kept
    assert len(kept) == KEPT_REPORTS
    assert "crash-20260100-000000.log" not in kept and "crash-20260101-000000.log" not in kept


def test_a_folder_that_cannot_be_written_does_not_stop_the_start(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")  # the log "folder" is a file: nothing can go in it
    run = CrashLog(blocked)
    assert run.start() is None
    run.stop()
