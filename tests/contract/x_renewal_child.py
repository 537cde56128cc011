"""A separate process that posts once to X through the real XClient, for test_x_renewal.py.

Its tokens live in a JSON file that every child reads and writes (as the keyring is shared by every
somedesk process); it prints "posted <id>" or "error <kind>: <message>".

    python -m tests.contract.x_renewal_child API_BASE CLIENT_ID TOKENS_JSON LOCK_FILE TEXT
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from somedesk.networks.base import Endpoints, PublishError
from somedesk.networks.x import XClient


class FileTokens:
    """A TokenKeeper in a JSON file shared by processes (written whole and renamed into place)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str | None]:
        data: dict[str, str | None] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def access_token(self) -> str:
        return str(self._read()["access"])

    def refresh_token(self) -> str | None:
        return self._read()["refresh"]

    def save(self, access_token: str, refresh_token: str | None, expires_at: datetime | None) -> None:
        partial = self.path.with_name(self.path.name + f".{id(self)}.partial")
        partial.write_text(json.dumps({"access": access_token, "refresh": refresh_token}), encoding="utf-8")
        partial.replace(self.path)


def main(api_base: str, client_id: str, tokens: str, lock: str, text: str) -> int:
    client = XClient(
        client_id=client_id,
        tokens=FileTokens(Path(tokens)),
        username="XDevelopers",
        endpoints=Endpoints(x_api_base=api_base),
        renewal_lock_file=Path(lock),
    )
    with client:
        try:
            part = client.post(text)
        except PublishError as error:
            print(f"error {error.kind.value}: {error}", flush=True)
            return 1
    print(f"posted {part.remote_id}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
