"""The Sandbox network: built in, always connected, posts to a local file so anyone can try the flow."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from somedesk.core.model import Network
from somedesk.networks.base import PostedPart

OUTBOX = "outbox.jsonl"


class SandboxClient:
    """Appends each post as one JSON line to `outbox.jsonl` in the data dir."""

    network = Network.SANDBOX

    def __init__(self, data_dir: Path) -> None:
        self.outbox = data_dir / OUTBOX

    def post(self, text: str, *, images: Sequence[Path] = (), reply_to: str | None = None) -> PostedPart:
        post_id = uuid.uuid4().hex[:16]
        record = {
            "id": post_id,
            "text": text,
            "images": [str(p) for p in images],
            "reply_to": reply_to,
            "posted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        self.outbox.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # The outbox holds what was posted, drafts' text: the person's alone (0600) whatever the umask.
        descriptor = os.open(self.outbox, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())  # a post reported as made is on disk
        return PostedPart(post_id, self.url_for(post_id))

    def close(self) -> None:
        """Nothing to release: every post opens and closes the outbox."""

    def url_for(self, remote_id: str) -> str:
        return f"{self.outbox.resolve().as_uri()}#{remote_id}"
