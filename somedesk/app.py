"""The composition root: builds the one set of services a process uses, from paths and config."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from somedesk.configfile import load_config
from somedesk.logredact import RedactingFilter
from somedesk.paths import Paths, resolve_paths
from somedesk.services import Clock, Somedesk, system_clock
from somedesk.store import Store
from somedesk.systemzone import system_zone

LOG_FILE = "somedesk.log"


def build(config_path: Path | None = None, clock: Clock = system_clock) -> Somedesk:
    paths = resolve_paths(config_path)
    config = load_config(paths.config_file, system_zone(), required=config_path is not None)
    paths.ensure()
    setup_logging(paths)
    return Somedesk(paths, config, Store.open(paths.database), clock)


def setup_logging(paths: Paths, verbose: bool = False) -> None:
    """A rotating log file in the data dir; secrets are never passed to the logger in the first place."""
    root = logging.getLogger("somedesk")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        paths.logs / LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
