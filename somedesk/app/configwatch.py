"""Following config.toml while a long-running process (the runtime) uses it.

The runtime lives for days; a person edits config.toml in the meantime (quiet hours for tonight)
and expects the next post to obey it. `ConfigWatch.refresh()` is cheap (one stat) and is called
before each of the runtime's checks: when the file's modification time, size or inode changed, it
is read again and the services use it from then on. An edit that does not parse keeps the last
good config and logs one line (once per edit), so a half-saved file never stops publishing or
loosens a rule that was in force.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from somedesk.app.services import Somedesk
from somedesk.core.errors import ConfigError

log = logging.getLogger(__name__)

Signature = tuple[int, int, int] | None  # (mtime_ns, size, inode); None: no file


def signature(path: Path) -> Signature:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class ConfigWatch:
    """Reloads `app`'s config when its file changes; thread-safe."""

    def __init__(self, app: Somedesk) -> None:
        self.app = app
        self.path = app.paths.config_file
        self._lock = threading.Lock()
        self._seen = signature(self.path)  # what the app's config was read from (or no file)

    def refresh(self) -> bool:
        """Read the file again if it changed since last seen; True when a new config is in use."""
        with self._lock:
            now = signature(self.path)
            if now == self._seen:
                return False
            self._seen = now
            if now is None:
                log.warning("%s was removed; keeping the settings in use", self.path)
                return False
            try:
                self.app.reload_config()
            except ConfigError as exc:
                log.warning("config not reloaded, the last good settings stay in use: %s", exc)
                return False
            log.info("config reloaded from %s", self.path)
            return True
