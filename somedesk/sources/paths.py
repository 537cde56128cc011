"""Where somedesk keeps its files: SOMEDESK_HOME isolates an instance, else the platform's user dirs."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "somedesk"


@dataclass(frozen=True, slots=True)
class Paths:
    config_file: Path
    data_dir: Path
    database: Path
    logs: Path
    cache: Path

    def ensure(self) -> None:
        """Create the folders somedesk writes to (never the config file itself)."""
        for folder in (self.data_dir, self.logs, self.cache):
            folder.mkdir(parents=True, exist_ok=True)


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
