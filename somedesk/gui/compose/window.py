"""The Quick post window: write, see the counts, pick networks and images, then post now, at the next
moment, or keep it as a draft. What is typed is autosaved as one draft, so it is never lost.

Its parts live next to it: counters (lengths, thread preview), moments (the Next
moment button), widgets (network toggles, images), drafts (the draft it edits),
policy (the social-media policy's live check), networks (the networks remembered and why one
cannot be ticked), posting ("Post now"'s outcome), scheduling (at a moment, through the gate).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from somedesk.core.changes import Change
from somedesk.core.drafts import Draft, PublicationState
from somedesk.core.errors import NotFoundError, UserError
from somedesk.core.model import Moment, Network
from somedesk.core.text import is_blank
from somedesk.gui.background import Background
from somedesk.gui.compose.counters import WARNING_RED, Counters
from somedesk.gui.compose.drafts import DraftKeeper
from somedesk.gui.compose.examples import ExamplesButton
from somedesk.gui.compose.moments import MomentPicker
from somedesk.gui.compose.networks import (
    network_names,
    remember_networks,
    remembered_networks,
    unavailable_text,
)
from somedesk.gui.compose.policy import PolicyWatch
from somedesk.gui.compose.posting import PostingWatch
from somedesk.gui.compose.scheduling import MomentScheduler, scheduled_line
from somedesk.gui.compose.share import ShareToggle
from somedesk.gui.compose.spelling import SpellCheck
from somedesk.gui.compose.widgets import ImageStrip, NetworkToggles, note
from somedesk.gui.context import GuiContext
from somedesk.gui.geometry import remember_geometry
from somedesk.gui.messages import user_message
from somedesk.sources.policyfile import load_for_config

AUTOSAVE_MS = 1000  # a crash loses at most about this much typing
UNSENT_KEY = "quick_post.unsent"  # the draft closed without being sent: reopening brings it back


class QuickPostWindow(QWidget):
    """Edits one draft at a time: closing keeps the text (or drops an emptied draft), and reopening
    brings back what was closed unsent; after posting, scheduling or saving it starts fresh."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft = DraftKeeper(ctx, self)
        self.worker = Background(self)
        self._fresh = True  # the next show picks the remembered networks
        self._busy = False
        self._default_pending = False  # Ctrl+Enter came before the moments were known
        self._image_error = False
        self._posting_watch = PostingWatch(ctx)  # "Post now"'s outcome, for the status line
        self._scheduler = MomentScheduler(ctx, self.worker, self._scheduled, self._not_scheduled)
        self.setWindowTitle(self.tr("Quick post"))
        self.resize(600, 440)
        remember_geometry(self, ctx, "quick-post")
        self._build()
        self._connect()
        self._refresh_accounts()

    @property
    def draft_id(self) -> int | None:
        return self.draft.draft_id

    def _build(self) -> None:
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText(
            self.tr("What would you like to share? (On X, a line with just --- starts the next post.)")
        )
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(self.tr("Post text"))
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 5 + 12)
        self.counters = Counters(self)
        self.policy_line = note(self, None)
        self.legend = note(self, self.palette().color(QPalette.ColorRole.PlaceholderText))
        self.legend.hide()
        self.policy = PolicyWatch(self.editor, self.policy_line, self.worker, self.legend)
        self.examples = ExamplesButton(self.policy, self.editor, self)
        self.spelling = SpellCheck(self.editor, self.worker, self.ctx, self.draft)
        self.toggles = NetworkToggles(self)
        self.share = ShareToggle(self.ctx, self.worker, self.draft, self)
        self.toggles.setAccessibleName(self.tr("Networks to post to"))
        # Why LinkedIn or X cannot be ticked, on the window (not only in a tooltip), with the way out.
        self.unavailable = note(self, self.palette().color(QPalette.ColorRole.PlaceholderText))
        self.unavailable.setTextFormat(Qt.TextFormat.RichText)
        self.unavailable.linkActivated.connect(lambda _link: self.ctx.open_window("settings:accounts"))
        self.attach_button = QPushButton(self.tr("Attach image…"), self)
        self.images = ImageStrip(self)
        self.images.setAccessibleName(self.tr("Attached images"))
        self.error = note(self, WARNING_RED)
        self.status = note(self, None)
        self.post_button = QPushButton(self.tr("Post now"), self)
        self.save_button = QPushButton(self.tr("Save draft"), self)
        self.moments = MomentPicker(self.ctx.app, self)
        self.hint = note(self, self.palette().color(QPalette.ColorRole.PlaceholderText))
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)

        choices = QHBoxLayout()
        choices.addWidget(self.toggles, 1)
        choices.addWidget(self.share)
        choices.addWidget(self.attach_button)
        actions = QHBoxLayout()
        actions.addWidget(self.post_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.moments)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.counters)
        policy_row = QHBoxLayout()
        policy_row.addWidget(self.policy_line, 1)
        policy_row.addWidget(self.examples, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(policy_row)
        layout.addWidget(self.legend)
        layout.addLayout(choices)
        layout.addWidget(self.unavailable)
        layout.addWidget(self.images)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(self.hint)

    def _connect(self) -> None:
        self.editor.textChanged.connect(self._text_changed)
        self.toggles.changed.connect(self._networks_chosen)
        self.images.changed.connect(self._check_images)
        self.attach_button.clicked.connect(self.choose_images)
        self.post_button.clicked.connect(self.post_now)
        self.save_button.clicked.connect(self.save_draft)
        self.moments.picked.connect(self.schedule_at)
        self.moments.changed.connect(self._show_default)
        self.autosave_timer.timeout.connect(self.autosave)
        # The policy's tip joins the hint; and since each check follows a pause in typing, the hint
        # also drops a moment that has passed meanwhile (upcoming() reads the clock): not `loaded`.
        self.policy.checked.connect(self._show_default)
        self.spelling.failed.connect(self._show_error)
        self.ctx.bridge.changed.connect(self._store_changed)
        self.ctx.bridge.activity.connect(self._activity)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.run_default)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        qt = QCoreApplication.instance()
        if qt is not None:
            qt.aboutToQuit.connect(self.autosave)  # quitting from the tray keeps the last second too

    # Showing what is going on -------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_accounts()
        if self._fresh:
            self._restore_unsent()
        self._fresh = False
        self.moments.load()
        app = self.ctx.app
        self.policy.load(lambda: load_for_config(app.config, app.paths.cache))
        self.spelling.start()
        self.share.start()
        self.editor.setFocus()

    def _refresh_accounts(self) -> None:
        self.toggles.set_accounts(self.ctx.app.accounts.statuses())
        if self._fresh:
            self.toggles.choose(remembered_networks(self.ctx, self.toggles.usable()))
        self._show_unavailable()
        self._networks_changed()

    def _show_unavailable(self) -> None:
        text = unavailable_text(*self.toggles.unavailable())
        if text:
            self.unavailable.setText(text)
        self.unavailable.setVisible(bool(text))

    def _restore_unsent(self) -> None:
        """Bring back the draft that was closed unsent, unless it has gone out or gone meanwhile."""
        store = self.ctx.app.store
        value = store.setting(UNSENT_KEY)
        if not value or not value.isdigit() or not is_blank(self.editor.toPlainText()):
            return
        try:
            draft = self.ctx.app.draft(int(value))
        except NotFoundError:
            draft = None
        if draft is None or any(p.state is not PublicationState.DRAFT for p in draft.publications):
            store.set_setting(UNSENT_KEY, None)  # scheduled from the planner, posted or deleted since
            return
        self.draft.resume(draft)
        self.editor.setPlainText(draft.text)
        self.autosave_timer.stop()
        self.images.set_images([(path.name, path) for path in draft.images])
        usable = [n for n in draft.networks if n in self.toggles.usable()]
        if usable:
            self.toggles.choose(usable)
        self._networks_changed()

    def _networks_chosen(self) -> None:
        chosen = self.toggles.chosen()
        remember_networks(self.ctx, chosen)
        self._networks_changed()
        self._check_images()

    def _networks_changed(self) -> None:
        self.counters.show_for(self.editor.toPlainText(), self.toggles.chosen())
        self.moments.show_for(self.toggles.chosen())

    def _text_changed(self) -> None:
        self.counters.show_for(self.editor.toPlainText(), self.toggles.chosen())
        self.policy.text_changed()
        # Not restarted on each key: while typing goes on, it still saves every second.
        if not self.autosave_timer.isActive():
            self.autosave_timer.start()
        if self.error.text() and not self._image_error:
            self._show_error("")  # it was about the text, which is changing now

    def _show_default(self) -> None:
        """Ctrl+Enter takes the next moment when there is one, else saves a draft; the hint says which."""
        upcoming = self.moments.upcoming()
        self.save_button.setDefault(not upcoming)
        if upcoming:
            hint = self.tr("Ctrl+Enter schedules it for {moment}. Esc closes; your text is kept.")
            hint = hint.format(moment=self.moments.text(upcoming[0]))
        elif self.moments.loading:
            hint = self.tr("Ctrl+Enter schedules it for your next moment. Esc closes; your text is kept.")
        else:
            hint = self.tr("Ctrl+Enter saves it as a draft. Esc closes; your text is kept.")
        if self.policy.tip:
            hint += "\n" + self.tr("Tip: {tip}").format(tip=self.policy.tip)
        self.hint.setText(hint)
        self.hint.setVisible(True)
        if self._default_pending and not self.moments.loading:
            self._default_pending = False
            self.run_default()

    def _show_error(self, message: str, about_images: bool = False) -> None:
        self._image_error = about_images and bool(message)
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _show_status(self, message: str) -> None:
        self.status.setText(message)
        self.status.setVisible(bool(message))

    # Images -------------------------------------------------------------------------------

    def choose_images(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach images"),
            str(Path.home()),
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp)"),
        )
        if names:
            self.attach_images([Path(name) for name in names])

    def attach_images(self, paths: Sequence[Path]) -> bool:
        """Checked with the same rules as the command line; a refusal is shown in the window."""
        current = self.images.images()
        try:
            kept = self.ctx.app.keep_images([*(k for _, k in current), *paths], self.toggles.chosen())
        except UserError as error:
            self._show_error(user_message(error), about_images=True)
            return False
        self.images.set_images([*current, *zip((p.name for p in paths), kept[len(current) :], strict=True)])
        self._show_error("")
        return True

    def _check_images(self) -> None:
        """After the networks or images changed: are the images still fine for every network?"""
        try:
            if self.images.paths():
                self.ctx.app.keep_images(self.images.paths(), self.toggles.chosen())
        except UserError as error:
            self._show_error(user_message(error), about_images=True)
        else:
            self._show_error("")

    # Actions ------------------------------------------------------------------------------

    def autosave(self) -> None:
        self.autosave_timer.stop()
        self.draft.autosave(self.editor.toPlainText())

    def _save(self, networks: Sequence[Network]) -> Draft:
        self.autosave_timer.stop()
        saved = self.draft.save(self.editor.toPlainText(), networks, self.images.paths())
        self.spelling.draft_saved(saved)  # a draft saved anew keeps its spelling language
        self.share.draft_saved(saved)  # and its choice to share to the team
        return saved

    def _commit(self, networks: Sequence[Network], anyway: str | None = None) -> Draft | None:
        """Save it for sending to `networks`, or say in the window why it cannot go.

        When it is about to go out, `anyway` says how to go ahead despite the policy: the policy's
        check comes first and may refuse it with that line."""
        problem = self.policy.refusal(anyway) if anyway is not None else None
        if problem is None:
            problem = self.draft.problem(self.editor.toPlainText(), networks)
        if problem is None:
            try:
                return self._save(networks)
            except UserError as error:
                problem = user_message(error)
        self._show_error(problem)
        return None

    def run_default(self) -> None:
        """Ctrl+Enter: the next moment when there is one, else keep it as a draft."""
        if self._busy:
            return
        if self.moments.loading:
            self._default_pending = True  # done as soon as the moments are known
        elif self.moments.upcoming():
            self.schedule_at(self.moments.upcoming()[0])
        else:
            self.save_draft()

    def post_now(self) -> None:
        networks = self.toggles.chosen()
        draft = self._commit(networks, self.tr("Post anyway? Press Post now again to post it."))
        if draft is None:
            return
        if self.policy.confirmed(draft.text):
            self.ctx.app.accept_warnings(draft.id)  # asked once here: the publisher's gate lets it go
        posting = [p.id for p in draft.publications if p.network in networks]
        self._start_fresh()
        self._posting_watch.start(posting)
        self._show_status(self.tr("Posting to {networks}…").format(networks=network_names(networks)))
        for publication_id in posting:
            self.ctx.publish_now(publication_id)  # on a worker thread; the outcome arrives as `changed`

    def schedule_at(self, moment: Moment) -> None:
        """Schedule it on each chosen network at `moment` (from its start, or now if under way)."""
        networks = self.toggles.chosen()
        if self._busy:
            return
        if moment.end <= self.ctx.app.clock():
            self._show_error(self.tr("That moment has passed: choose another one."))
            self.moments.load()
            return
        draft = self._commit(networks, self.tr("Schedule it anyway? Press Next moment again to schedule it."))
        if draft is None:
            return
        at = max(moment.start, self.ctx.app.clock())
        confirmed = self.policy.confirmed(draft.text)  # the window's own "anyway" on these words
        self._set_busy(True)
        self._show_status(self.tr("Scheduling it for {moment}…").format(moment=self.moments.text(moment)))
        self._scheduler.run(draft, networks, moment, at, confirmed)  # off the GUI thread

    def _scheduled(self, draft_id: int, moment: Moment, at: datetime) -> None:
        self._set_busy(False)
        self.ctx.notify_changed()
        line = scheduled_line(at, self.ctx.app.config.routine.zone, moment)
        self.ctx.bridge.confirmed.emit(line, lambda: self.undo_schedule(draft_id))
        if self.isVisible():
            self._start_fresh()
            self.close()

    def undo_schedule(self, draft_id: int) -> None:
        """The tray's Undo: the post goes back to being a draft, open in Quick post again."""
        try:
            self.ctx.app.unschedule(draft_id)
        except UserError as error:  # published meanwhile, or deleted: say so where the person looks
            self.ctx.bridge.activity.emit(user_message(error))
            return
        self.ctx.notify_changed()
        if self.isVisible() and not is_blank(self.editor.toPlainText()):
            return  # writing something else now: the draft waits in the planner
        self.ctx.app.store.set_setting(UNSENT_KEY, str(draft_id))
        self._fresh = True
        self.ctx.open_window("quick-post")

    def _not_scheduled(self, message: str) -> None:
        self._set_busy(False)
        self._show_status("")
        self._show_error(message)
        if not self.isVisible():  # closed meanwhile: the text is kept; say why it is not scheduled
            self.ctx.bridge.activity.emit(message)

    def save_draft(self) -> None:
        if is_blank(self.editor.toPlainText()):
            self._show_error(self.tr("The post is empty: write something first."))
            return
        try:
            self._save(self.toggles.chosen())
        except UserError as error:
            self._show_error(user_message(error))
            return
        self.ctx.notify_changed()
        self.ctx.bridge.confirmed.emit(self.tr("Saved as a draft: it waits in the planner."), None)
        self._start_fresh()
        self.close()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.editor.setReadOnly(busy)  # what is scheduled is what was shown
        for widget in (self.toggles, self.attach_button, self.images, self.post_button, self.save_button):
            widget.setEnabled(not busy)
        self.moments.set_busy(busy)

    def _start_fresh(self) -> None:
        self.ctx.app.store.set_setting(UNSENT_KEY, None)
        self.draft.forget()
        self._fresh = True
        self.editor.clear()
        self.autosave_timer.stop()
        self.images.set_images([])
        self.share.reset()
        self.counters.open_preview(False)
        self._show_error("")
        self._show_status("")

    # Outcomes and closing -----------------------------------------------------------------

    def _activity(self, line: str) -> None:
        self._posting_watch.activity(line)

    def _store_changed(self, what: Change) -> None:
        if what & (Change.ACCOUNTS | Change.CONFIG):
            self._refresh_accounts()
        if what & (Change.PUBLICATIONS | Change.CONFIG) and self.isVisible() and not self.moments.loading:
            self.moments.show_for(self.toggles.chosen())  # ranked again: a post elsewhere counts
        if self._posting_watch.following:
            self._follow_posting()

    def _follow_posting(self) -> None:
        """Say how "Post now" ended, once it has (see `PostingWatch`)."""
        outcome = self._posting_watch.outcome()
        if outcome is not None:
            done, problems = outcome
            self._show_status(done)
            self._show_error(problems)

    def closeEvent(self, event: QCloseEvent) -> None:
        kept = self._keep_or_discard()
        self._start_fresh()
        if kept is not None:
            self.ctx.app.store.set_setting(UNSENT_KEY, str(kept))  # reopening brings it back
        super().closeEvent(event)

    def _keep_or_discard(self) -> int | None:
        """Closing keeps what was typed (with its networks and images) and drops an emptied draft;
        the id of the draft kept, if any."""
        if is_blank(self.editor.toPlainText()):
            self.draft.discard()
            return None
        try:
            self._save(self.toggles.chosen())
        except UserError as error:
            # An image the networks refuse, or words that would change a part already out: the text
            # is what must never be lost.
            self.autosave_timer.stop()
            self.draft.autosave(self.editor.toPlainText(), closing=True)
            line = self.tr("Quick post kept your text as a draft, without its images: {reason}")
            self.ctx.bridge.activity.emit(line.format(reason=error))
        self.ctx.notify_changed()
        return self.draft.draft_id
