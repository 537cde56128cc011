"""How Quick post's "Post now" ended: the publications it sent are followed until the store has each
outcome (a refusal before the network was reached, e.g. no keyring, only comes as an activity line).

Its strings stay in the "QuickPostWindow" translation context (literal translate() calls, which
lupdate reads): they moved here from the window without losing a translation."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from PySide6.QtCore import QCoreApplication

from somedesk.core.drafts import PublicationState
from somedesk.core.errors import NotFoundError
from somedesk.gui.compose.networks import network_names
from somedesk.gui.context import GuiContext

_UNDECIDED = (PublicationState.DRAFT, PublicationState.PUBLISHING)  # "Post now" not over yet


class PostingWatch:
    """The publications posted now, whose outcome the window's status line follows."""

    def __init__(self, ctx: GuiContext) -> None:
        self._ctx = ctx
        self._posting: list[int] = []
        self._last_activity = ""

    @property
    def following(self) -> bool:
        return bool(self._posting)

    def start(self, posting: Sequence[int]) -> None:
        self._posting, self._last_activity = list(posting), ""

    def activity(self, line: str) -> None:
        self._last_activity = line

    def outcome(self) -> tuple[str, str] | None:
        """(what was posted, what was not and why, a line each) once every publication is decided
        or an activity line came; None while it is still on its way."""
        publications = []
        for publication_id in self._posting:
            with suppress(NotFoundError):
                publications.append(self._ctx.app.store.publication(publication_id))
        undecided = [p for p in publications if p.state in _UNDECIDED]
        if undecided and not self._last_activity:
            return None  # still on its way
        self._posting = []
        published = [p.network for p in publications if p.state is PublicationState.PUBLISHED]
        line = QCoreApplication.translate("QuickPostWindow", "Not posted to {network}: {reason}")
        problems = [
            line.format(network=p.network.display_name, reason=p.reason or "")
            for p in publications
            if p.state is not PublicationState.PUBLISHED and p not in undecided
        ]
        if undecided:
            problems.append(self._last_activity)
        done = (
            QCoreApplication.translate("QuickPostWindow", "Posted to {networks}.").format(
                networks=network_names(published)
            )
            if published
            else ""
        )
        return done, "\n".join(problems)
