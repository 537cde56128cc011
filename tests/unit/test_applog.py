"""The log file: opened at its first record, redacted, kept to four files of at most 1 MB."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from somedesk.app.build import KEPT_LOGS, MAX_LOG_BYTES, RotatingLog


def record(message: str, *args: object, level: int = logging.INFO) -> logging.LogRecord:
    return logging.LogRecord("somedesk.test", level, __file__, 1, message, args, None)


def test_the_file_is_made_at_the_first_record_formatted_and_redacted(tmp_path: Path):
    log = RotatingLog(tmp_path / "somedesk.log")
    try:
        assert not (tmp_path / "somedesk.log").exists()
        log.handle(record("token answer: %s", "Authorization: Bearer abcdefgh12345678"))
        log.handle(record("second line", level=logging.WARNING))
        log.flush()
        lines = (tmp_path / "somedesk.log").read_text(encoding="utf-8").splitlines()
    finally:
        log.close()
    assert len(lines) == 2
    assert lines[0].endswith(" INFO somedesk.test: token answer: Authorization: Bearer [redacted]")
    assert "abcdefgh12345678" not in "\n".join(lines)
    assert lines[1].endswith(" WARNING somedesk.test: second line")


def test_it_rotates_at_1_mb_and_keeps_three_old_files(tmp_path: Path):
    log = RotatingLog(tmp_path / "somedesk.log")
    line = "x" * 1000
    try:
        for _ in range(5 * MAX_LOG_BYTES // len(line)):
            log.handle(record(line))
    finally:
        log.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["somedesk.log", *(f"somedesk.log.{n}" for n in range(1, KEPT_LOGS + 1))]
    assert all(p.stat().st_size <= MAX_LOG_BYTES for p in tmp_path.iterdir())


PROBE = """
import logging, sys
from somedesk.app.build import build
build()
print("before:", "logging.handlers" in sys.modules, "somedesk.desktop.logredact" in sys.modules)
logging.getLogger("somedesk.probe").info("hello from the probe")
print("after:", "logging.handlers" in sys.modules, "somedesk.desktop.logredact" in sys.modules)
"""


def test_a_start_that_logs_nothing_never_loads_the_log_machinery(tmp_path: Path):
    env = {**os.environ, "SOMEDESK_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["before: False False", "after: True True"]
    assert "hello from the probe" in (tmp_path / "logs" / "somedesk.log").read_text(encoding="utf-8")
