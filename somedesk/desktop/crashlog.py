"""A crash leaves a trace: Python's fault handler writes into a file in the log folder.

A segmentation fault, an abort (Qt's qFatal) or a bus error kills the process before any Python
code of ours could log it; `faulthandler` still writes every thread's stack into an open file from
its signal handler. While somedesk runs that file is `crash.log`: it stays empty unless the process
dies that way, and a clean exit removes it. The next start finds it non-empty, moves it aside to
`crash-<when>.log` (so a report is never overwritten nor reported twice) and says where it is.

Only the process that holds the data folder's lock (the desktop app or `somedesk run`) may do
this: a second start that hands over must not take the running one's file away. The report holds
file names, line numbers and function names, never values, so it carries no secret.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

CRASH_FILE = "crash.log"
log = logging.getLogger(__name__)
KEPT_REPORTS = 5  # older crash-*.log files are removed: a crash loop must not fill the disk


class CrashLog:
    """The fault handler's file for one run: `start()` at start-up, `stop()` at a clean exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / CRASH_FILE
        self._file: TextIO | None = None
        self._was_enabled = False

    def start(self) -> Path | None:
        """Turn the fault handler on into a fresh crash file; return where the last run's report went
        when the last run crashed (None otherwise)."""
        earlier: Path | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            earlier = self._set_aside()
            self._file = self.path.open("w", encoding="utf-8")
        except OSError as error:
            # A trace is worth having, not worth refusing to start over: run without one.
            log.warning("no crash report this run: %s", error)
            return earlier
        self._was_enabled = faulthandler.is_enabled()
        faulthandler.enable(self._file, all_threads=True)
        return earlier

    def stop(self) -> None:
        """A clean exit: the fault handler off and the (empty) crash file gone."""
        if self._file is None:
            return
        faulthandler.disable()
        if self._was_enabled and sys.__stderr__ is not None:
            faulthandler.enable(sys.__stderr__)  # as it was (e.g. `python -X faulthandler`, pytest)
        self._file.close()
        self._file = None
        try:
            if self.path.stat().st_size == 0:
                self.path.unlink()
        except OSError:
            pass  # already gone; nothing to report either way

    def _set_aside(self) -> Path | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        if stat.st_size == 0:
            return None  # killed outright (SIGKILL, power off) or an old clean run: nothing to show
        when = datetime.fromtimestamp(stat.st_mtime, UTC).strftime("%Y%m%d-%H%M%S")
        report = self._free_name(f"crash-{when}")
        self.path.replace(report)
        self._prune()
        return report

    def _free_name(self, stem: str) -> Path:
        report = self.folder / f"{stem}.log"
        number = 1
        while report.exists():
            number += 1
            report = self.folder / f"{stem}-{number}.log"
        return report

    def _prune(self) -> None:
        reports = sorted(self.folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in reports[KEPT_REPORTS:]:
            old.unlink(missing_ok=True)


def crash_notice(report: Path) -> str:
    """The line a start says when the last run crashed (the command line's wording)."""
    return f"somedesk stopped unexpectedly last time; the report is in {report}"
