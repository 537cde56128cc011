"""Quick post's "Share to the team on Slack": one post's own choice, kept on its draft.

Shown only when a Slack webhook is set up. Reading the keyring can block (a Secret Service waking up or
asking to unlock), so it is read on the window's background worker. The box starts as `[share] enabled`
says; once the person changes it, the choice is stored on the draft (`Draft.share`), which the publisher's
share hook honours — for Post now and for a post scheduled to go out later alike.
"""

from __future__ import annotations

import logging
from contextlib import suppress

from PySide6.QtWidgets import QCheckBox, QWidget

from somedesk.core.drafts import Draft
from somedesk.core.errors import NotFoundError
from somedesk.gui.background import Background
from somedesk.gui.compose.drafts import DraftKeeper
from somedesk.gui.context import GuiContext

log = logging.getLogger(__name__)


class ShareToggle(QCheckBox):
    """The box, and the draft it belongs to. `chosen` is the person's choice (None: the config's)."""

    def __init__(
        self, ctx: GuiContext, worker: Background, draft: DraftKeeper, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setText(self.tr("Share to the team on Slack"))
        self.setToolTip(self.tr("Once it is published, post its link to your team's Slack channel."))
        self.ctx = ctx
        self.worker = worker
        self.draft = draft
        self.chosen: bool | None = None
        self._draft_id: int | None = None
        self.setVisible(False)  # until the keyring says a webhook is set up
        self.clicked.connect(self._clicked)
        self.reset()

    def start(self) -> None:
        """Show the box when a webhook is set up (read off the GUI thread)."""
        from somedesk.networks.credentials import SecretName

        secrets = self.ctx.app.accounts.secrets
        self.worker.run(
            lambda: bool(secrets.get_app(SecretName.SLACK_WEBHOOK)),
            self.setVisible,
            self._unreadable,
            name="somedesk-share-webhook",
        )
        self.follow_draft()

    def _unreadable(self, message: str) -> None:
        log.info("not offering to share: the webhook could not be read (%s)", message)
        self.setVisible(False)

    def reset(self) -> None:
        """A fresh post: the config's default again."""
        self.chosen, self._draft_id = None, None
        self.setChecked(self.ctx.app.config.share.enabled)

    def _clicked(self, on: bool) -> None:
        self.chosen = on
        self.follow_draft()
        if self.draft.draft_id is not None:
            self._store(self.draft.draft_id)

    def follow_draft(self) -> None:
        """Another draft in the window brings its own choice; a new one takes what was chosen before it."""
        draft_id = self.draft.draft_id
        if draft_id == self._draft_id:
            return
        previous, self._draft_id = self._draft_id, draft_id
        if draft_id is None or (previous is None and self.chosen is not None):
            return
        with suppress(NotFoundError):
            share = self.ctx.app.store.draft(draft_id).share
            if share is not None:
                self.chosen = share
                self.setChecked(share)

    def draft_saved(self, draft: Draft) -> None:
        """Saving may put the text in a new draft (images, a network dropped): the choice goes with it."""
        self._draft_id = draft.id
        if self.chosen is not None and draft.share != self.chosen:
            self._store(draft.id)

    def _store(self, draft_id: int) -> None:
        with suppress(NotFoundError):  # deleted elsewhere meanwhile: the next save stores it again
            self.ctx.app.store.set_draft_share(draft_id, self.chosen)
