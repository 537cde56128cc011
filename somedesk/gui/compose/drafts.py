"""The one draft a Quick post window edits: its text autosaved while typing, then saved whole
(text, networks, images) when the person acts, and dropped when they empty it and close."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QObject

from somedesk.core.drafts import Draft
from somedesk.core.errors import NotFoundError, UserError
from somedesk.core.model import Network
from somedesk.core.text import X_INVALID_CHARS, is_blank
from somedesk.gui.compose.counters import count, number
from somedesk.gui.context import GuiContext


class DraftKeeper(QObject):
    """Knows which draft the window edits (none until the first words) and keeps it in the store."""

    def __init__(self, ctx: GuiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft_id: int | None = None
        self._saved_text = ""

    def forget(self) -> None:
        """Start on a new draft next time (the current one stays in the store as it is)."""
        self.draft_id, self._saved_text = None, ""

    def resume(self, draft: Draft) -> None:
        """Edit `draft` again (Quick post reopened on what was closed unsent)."""
        self.draft_id, self._saved_text = draft.id, draft.text

    def autosave(self, text: str, *, closing: bool = False) -> None:
        """Keep the text: the draft is created on the first words, and never holds an empty text.

        When the draft's words can no longer change (part of it is out), the text waits in the window;
        `closing`, it becomes a draft of its own, so it is never lost."""
        if is_blank(text) or (text == self._saved_text and self.draft_id is not None):
            return
        app = self.ctx.app
        try:
            if self.draft_id is not None:
                app.edit_draft(self.draft_id, text)
            else:
                self.draft_id = app.add_draft(text, []).id
                self.ctx.notify_changed()
        except NotFoundError:  # deleted elsewhere meanwhile (the CLI, the queue): the text needs a home
            self.draft_id = app.add_draft(text, []).id
        except UserError as error:
            if error.code not in ("posted-parts", "publishing-now"):
                raise
            # Part of it is out (or going out): the store keeps the words that went out. The text stays
            # in the window, and saving or posting it says why it cannot replace them.
            if not closing:
                return
            self.draft_id = app.add_draft(text, []).id
        self._saved_text = text

    def save(self, text: str, networks: Sequence[Network], images: Sequence[Path]) -> Draft:
        """Save the draft as it stands: the text, exactly these networks, and the images."""
        app = self.ctx.app
        draft = None
        if self.draft_id is not None:
            with suppress(NotFoundError):
                draft = app.draft(self.draft_id)
        if draft is not None and set(draft.networks) <= set(networks) and draft.images == tuple(images):
            if draft.text != text:
                app.edit_draft(draft.id, text)
            saved = app.add_networks(draft.id, networks)
        else:
            # Images to attach or a network to drop: a new draft replaces the autosaved one. It is
            # made before the old one goes, so a failure between the two never loses the text.
            saved = app.add_draft(text, networks, images)
            if draft is not None:
                app.delete_draft(draft.id)
        self.draft_id, self._saved_text = saved.id, text
        return saved

    def discard(self) -> None:
        """The person emptied the text: the autosaved draft goes too."""
        if self.draft_id is not None:
            with suppress(UserError):
                self.ctx.app.delete_draft(self.draft_id)
            self.ctx.notify_changed()
        self.forget()

    def problem(self, text: str, networks: Sequence[Network]) -> str | None:
        """Why the text cannot go out to `networks` as it is, in the person's words (None: it can)."""
        if is_blank(text):
            return self.tr("The post is empty: write something first.")
        if not networks:
            return self.tr("Choose where to post: tick LinkedIn, X or the Sandbox.")
        for network in networks:
            if network is Network.X:
                if not X_INVALID_CHARS.isdisjoint(unicodedata.normalize("NFC", text)):
                    return self.tr(
                        "X refuses this text: it holds an invisible character (U+FEFF, U+FFFE or U+FFFF)."
                    )
                continue  # a long text goes to X as a thread
            counted = count(text, network)  # cheap for every network but X
            if counted.refused:
                message = self.tr("Too long for {network}: {length} of {limit} characters. Shorten it.")
                return message.format(
                    network=network.display_name, length=number(counted.length), limit=number(counted.limit)
                )
        return None
