"""The composition root: builds the one set of services a process uses, from paths and config."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
from pathlib import Path
from typing import Any

from somedesk.app.services import Clock, Somedesk, system_clock
from somedesk.sources.configfile import load_config
from somedesk.sources.paths import PRIVATE_FILE, Paths, resolve_paths
from somedesk.sources.systemzone import system_zone
from somedesk.store import Store

LOG_FILE = "somedesk.log"
MAX_LOG_BYTES = 1_000_000
KEPT_LOGS = 3  # besides the current file
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def build(config_path: Path | None = None, clock: Clock = system_clock, *, verbose: bool = False) -> Somedesk:
    paths = resolve_paths(config_path)
    config = load_config(paths.config_file, system_zone(), required=config_path is not None)
    paths.ensure()
    setup_logging(paths, verbose)
    return Somedesk(paths, config, Store.open(paths.database), clock)


def setup_logging(paths: Paths, verbose: bool = False) -> None:
    """A rotating log file in the data dir; with `verbose`, every detail, on stderr too.

    Secrets are never passed to the logger in the first place; both outputs redact what slips in."""
    root = logging.getLogger("somedesk")
    if any(isinstance(h, RotatingLog) for h in root.handlers):
        return
    root.addHandler(RotatingLog(paths.logs / LOG_FILE))
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if verbose:
        root.addHandler(_redacted(logging.StreamHandler(), "%(levelname)s %(name)s: %(message)s"))


class RotatingLog(logging.Handler):
    """The log file, kept to four files of at most 1 MB and redacted, opened at its first record.

    It hands each record to a logging.handlers.RotatingFileHandler made then: that module brings
    pickle and queue, and the redaction and format patterns are compiled when first used, ~4 ms of
    the desktop's start-up that a start logging nothing never needs. Handler.handle() holds this
    handler's lock around emit(), so the file is made once even when threads log at one moment.

    A log that cannot be written (a full disk, a read-only folder) fails quietly: logging's own
    handleError would print a traceback on the person's terminal. `failure` says why, so an
    "unexpected error" line never points at a log that is not there. The files are the person's
    alone (0600): they hold draft ids, feed names and error details."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None
        self.failure: str | None = None  # why the last record could not be written

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                self._file = _open_log(self.path, self)
            self._file.handle(record)
        except Exception as exc:  # the inner handler reports its own through failed()
            self.failed(exc)

    def failed(self, error: BaseException | None) -> None:
        if isinstance(error, OSError):
            self.failure = f"{error.strerror or error}: {error.filename or self.path}"
        else:
            self.failure = f"{type(error).__name__}: {self.path}"

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed(sys.exc_info()[1])

    def flush(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
        super().close()


def file_log() -> RotatingLog | None:
    """The log file handler of this process, once `setup_logging` made one."""
    return next((h for h in logging.getLogger("somedesk").handlers if isinstance(h, RotatingLog)), None)


def _open_log(path: Path, owner: RotatingLog) -> logging.Handler:
    import logging.handlers

    class LogFile(logging.handlers.RotatingFileHandler):
        def _open(self) -> Any:
            # Made 0600 whatever the umask, and an older 0644 log is closed off too.
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
            # Only the log file itself: never what a symlink points at (a device, another's file).
            # Windows has no fchmod (nor these modes).
            if hasattr(os, "fchmod") and stat.S_ISREG(os.lstat(self.baseFilename).st_mode):
                os.fchmod(fd, PRIVATE_FILE)
            return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)

        def handleError(self, record: logging.LogRecord) -> None:
            owner.failed(sys.exc_info()[1])
            if self.stream is not None:  # a stream a write failed on: opened afresh next time
                with contextlib.suppress(Exception):
                    self.stream.close()
                self.stream = None

    file = LogFile(path, maxBytes=MAX_LOG_BYTES, backupCount=KEPT_LOGS, encoding="utf-8", delay=True)
    return _redacted(file, LOG_FORMAT)


def _redacted(handler: logging.Handler, form: str) -> logging.Handler:
    from somedesk.desktop.logredact import RedactingFilter

    handler.setFormatter(logging.Formatter(form))
    handler.addFilter(RedactingFilter())
    return handler
