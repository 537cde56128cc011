"""The planner's review panel: a plain summary of the shown week (`core/review.py`), no points, no streaks.

It follows the week model: whenever the shown week's posts or moments are (re)loaded, the review is
computed again on the planner's worker (it reads the reply reminders from the store; the summing itself
takes well under a millisecond), and only while the panel is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from somedesk.core.review import NetworkTally, WeekReview, reminded_ids, review_week
from somedesk.gui.planner.week_model import WeekModel, when_text
from somedesk.gui.planner.worker import Worker


class ReviewPanel(QFrame):
    """The week in a few friendly lines. `review` is what is shown (None while the week loads)."""

    def __init__(
        self, model: WeekModel, worker: Worker, failed: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.worker = worker
        self.failed = failed
        self.review: WeekReview | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Week in review"))
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.posts = self._line()
        self.moments = self._line()
        self.missed = self._line()
        self.replies = self._line()
        layout = QVBoxLayout(self)
        for label in (self.title, self.posts, self.moments, self.missed, self.replies):
            layout.addWidget(label)
        layout.addStretch(1)
        model.modelReset.connect(self.refresh)
        model.layers_changed.connect(self.refresh)

    def _line(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()  # a hidden panel does no work, so it catches up when shown
        super().showEvent(event)

    def refresh(self) -> None:
        model = self.model
        self.title.setText(self.tr("This week so far") if model.is_current else self.tr("That week"))
        if not self.isVisible():
            return
        if not (model.store_loaded and model.calendars_loaded):
            self.review = None
            self._show_loading()
            return
        monday = model.monday
        publications = [card.publication for card in model.cards]
        moments = list(model.moments)
        targets = dict(model.app.config.targets)
        start, end = model.bounds
        store = model.app.store

        def work() -> WeekReview:
            reminded = reminded_ids(store.notices("reply"))
            return review_week(publications, moments, targets, reminded, start, end)

        def done(review: WeekReview) -> None:
            if monday == self.model.monday:  # not for a week navigated away from meanwhile
                self.show_review(review)

        self.worker.run(work, done, self.failed)

    def _show_loading(self) -> None:
        self.posts.setText(self.tr("Reading the week…"))
        for label in (self.moments, self.missed, self.replies):
            label.clear()

    def show_review(self, review: WeekReview) -> None:
        self.review = review
        zone = self.model.routine.zone
        self.posts.setText("\n".join(self.tally_text(t) for t in review.networks) or self.tr("No posts."))
        self.moments.setText(
            self.tr("You posted in {used} of {total} moments.").format(
                used=len(review.moments_used), total=review.moments_total
            )
        )
        if review.missed:
            missed = [
                f"{when_text(p.scheduled_at, zone)} · {p.network.display_name}"
                for p in review.missed
                if p.scheduled_at is not None
            ]
            heading = self.tr("Missed: {count} — they wait in the Queue.").format(count=len(review.missed))
            self.missed.setText("\n".join([heading, *missed]))
        else:
            self.missed.setText(self.tr("Nothing missed."))
        if review.reminded:
            self.replies.setText(
                self.tr("Posts with a reply reminder: {count}").format(count=len(review.reminded))
            )
        else:
            self.replies.setText(self.tr("No reply reminders."))

    def tally_text(self, tally: NetworkTally) -> str:
        name = tally.network.display_name
        if tally.target is None:
            text = self.tr("{network}: {posted} posted").format(network=name, posted=tally.posted)
        else:
            text = self.tr("{network}: {posted} of {target} posted").format(
                network=name, posted=tally.posted, target=tally.target
            )
        if tally.still_scheduled:
            text += " " + self.tr("({count} more scheduled)").format(count=tally.still_scheduled)
        return text
