"""The composition root: builds the one set of services a process uses, from paths and config."""

from __future__ import annotations

import logging
from pathlib import Path

from somedesk.app.services import Clock, Somedesk, system_clock
from somedesk.sources.configfile import load_config
from somedesk.sources.paths import Paths, resolve_paths
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
    handler's lock around emit(), so the file is made once even when threads log at one moment."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            self._file = _open_log(self.path)
        self._file.handle(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _open_log(path: Path) -> logging.Handler:
    import logging.handlers

    file = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_LOG_BYTES, backupCount=KEPT_LOGS, encoding="utf-8", delay=True
    )
    return _redacted(file, LOG_FORMAT)


def _redacted(handler: logging.Handler, form: str) -> logging.Handler:
    from somedesk.desktop.logredact import RedactingFilter

    handler.setFormatter(logging.Formatter(form))
    handler.addFilter(RedactingFilter())
    return handler
