"""What a drag carries inside the planner: a draft from the drafts panel, or a card being moved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QMimeData

DRAFT_MIME = "application/x-somedesk-draft-id"
PUBLICATION_MIME = "application/x-somedesk-publication-id"

DragKind = Literal["draft", "publication"]


@dataclass(frozen=True, slots=True)
class Dragged:
    """A draft (one id) or a card (the ids of its publications: one draft, one or more networks)."""

    kind: DragKind
    ids: tuple[int, ...]


def draft_mime(draft_id: int) -> QMimeData:
    return _mime(DRAFT_MIME, [draft_id])


def publication_mime(publication_ids: Sequence[int]) -> QMimeData:
    return _mime(PUBLICATION_MIME, publication_ids)


def read_mime(mime: QMimeData | None) -> Dragged | None:
    """What a drop carries, or None when it is nothing of ours."""
    if mime is None:
        return None
    for kind, name in (("draft", DRAFT_MIME), ("publication", PUBLICATION_MIME)):
        if mime.hasFormat(name):
            parts = bytes(mime.data(name).data()).decode("ascii", "replace").split(",")
            if parts and all(p.isdigit() for p in parts):
                return Dragged(kind, tuple(int(p) for p in parts))  # type: ignore[arg-type]
    return None


def _mime(name: str, ids: Sequence[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(name, ",".join(str(i) for i in ids).encode("ascii"))
    return mime
