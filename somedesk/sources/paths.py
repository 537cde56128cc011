"""Where somedesk keeps its files: SOMEDESK_HOME isolates an instance, else the platform's user dirs."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "somedesk"
# Drafts, the log and caches are the person's alone, whatever the umask (022 makes them world-readable).
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


@dataclass(frozen=True, slots=True)
class Paths:
    config_file: Path
    data_dir: Path
    database: Path
    logs: Path
    cache: Path

    def ensure(self) -> None:
        """Create the folders somedesk writes to (never the config file itself), each 0700.

        A folder made by an older somedesk (0755 under umask 022) is closed off too. Raises OSError
        when one cannot be made (a read-only disk, a file in the way)."""
        for folder in (self.data_dir, self.logs, self.cache):
            private_folder(folder)


def private_folder(folder: Path) -> None:
    """Make `folder` and its missing parents 0700 (mkdir's `parents` would make those by the umask),
    and close off `folder` when an older somedesk made it 0755."""
    missing = [folder, *(p for p in folder.parents if not p.exists())]
    for each in reversed(missing):
        each.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
    status = os.lstat(folder)
    # Only a folder of our own, itself (never through a symlink) and never a shared one (sticky, as
    # /tmp): SOMEDESK_HOME may name any folder. POSIX only: Windows has no such modes.
    ours = hasattr(os, "getuid") and status.st_uid == os.getuid()
    if ours and stat.S_ISDIR(status.st_mode) and status.st_mode & 0o077 and not status.st_mode & stat.S_ISVTX:
        folder.chmod(PRIVATE_FOLDER)


def resolve_paths(config_override: Path | None = None, env: Mapping[str, str] | None = None) -> Paths:
    """The paths for this run; `--config PATH` replaces only the config file."""
    env = os.environ if env is None else env
    home = env.get("SOMEDESK_HOME", "").strip()
    if home:
        root = Path(home).expanduser()
        paths = Paths(
            config_file=root / "config.toml",
            data_dir=root,
            database=root / "somedesk.db",
            logs=root / "logs",
            cache=root / "cache",
        )
    else:
        import platformdirs  # imported here: the SOMEDESK_HOME path needs none of it

        data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        paths = Paths(
            config_file=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml",
            data_dir=data,
            database=data / "somedesk.db",
            logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        )
    if config_override is not None:
        paths = Paths(config_override.expanduser(), paths.data_dir, paths.database, paths.logs, paths.cache)
    return paths
