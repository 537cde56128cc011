"""What `somedesk join` set, remembered in the data folder (team.json) so that `join --update` changes
only that and `somedesk leave` removes exactly that.

Secrets are never written here: a secret the team file put in the keyring is remembered by a short
fingerprint, so a secret the person later replaced with their own is recognised and left alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from somedesk.core.errors import ConfigError
from somedesk.sources.atomicfile import write_atomic

RECORD_FILE = "team.json"
_VERSION = 1


@dataclass(frozen=True, slots=True)
class TeamRecord:
    source: str  # the path or address given to `join`
    organisation: str = ""
    etag: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # dotted config key -> the value the team set
    secrets: dict[str, str] = field(default_factory=dict)  # secret name -> fingerprint of what was set
    feeds: list[str] = field(default_factory=list)  # feeds followed because of the team file
    phone_server: str = ""
    joined_at: str = ""  # ISO instants
    updated_at: str = ""


def fingerprint(secret: str) -> str:
    """Enough of a SHA-256 to tell two secrets apart; nothing to recover the secret from."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()[:16]


def record_path(data_dir: Path) -> Path:
    return data_dir / RECORD_FILE


def load_record(data_dir: Path) -> TeamRecord | None:
    """The record, or None when no team file was joined."""
    path = record_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: cannot be read ({error}); join the team file again") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != _VERSION
        or not isinstance(data.get("source"), str)
    ):
        raise ConfigError(f"{path}: not a record somedesk understands; join the team file again")
    known = set(TeamRecord.__dataclass_fields__)
    return TeamRecord(**{key: value for key, value in data.items() if key in known})


def save_record(data_dir: Path, record: TeamRecord) -> None:
    data = {"version": _VERSION, **asdict(record)}
    data_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(record_path(data_dir), text.encode("utf-8"), mode=0o600, durable=True)
    except OSError as error:
        raise ConfigError(f"{record_path(data_dir)}: cannot be written ({error.strerror or error})") from None


def forget_record(data_dir: Path) -> None:
    record_path(data_dir).unlink(missing_ok=True)
