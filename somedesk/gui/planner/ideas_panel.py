"""The ideas panel below the drafts: new items from the person's feeds, each a click from a draft.

Feeds are fetched on the planner's worker thread when the panel is first shown and when the person
presses Refresh; there is no timer (idle costs nothing). A feed that fails is named in a line in place
while the ideas fetched before stay listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from somedesk.core.ideas import Feed, Idea
from somedesk.gui.context import GuiContext
from somedesk.gui.planner.tones import tone
from somedesk.gui.planner.worker import Worker

MAX_SHOWN = 50  # the newest; more would only make the panel slower to build, never more useful
_PROBLEM_COLOURS = ("#7f1d1d", "#f6a59c")  # on a light window, on a dark one (both >= 4.5:1)


def problem_style(widget: QWidget) -> str:
    return f"color: {tone(widget.palette(), *_PROBLEM_COLOURS)};"


@dataclass(frozen=True, slots=True)
class IdeasSnapshot:
    """What the panel shows, read on the worker thread."""

    feeds: list[Feed]
    ideas: list[Idea]


class IdeaRow(QFrame):
    """One idea: its title, feed and age, and what to do with it."""

    def __init__(
        self, idea: Idea, age: str, draft: Callable[[int], None], dismiss: Callable[[int], None]
    ) -> None:
        super().__init__()
        self.idea = idea
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(idea.title)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel(f"{idea.feed_title} · {age}")
        self.meta.setWordWrap(True)
        tip = "\n\n".join(part for part in (idea.summary, idea.link or "") if part)
        self.setToolTip(tip)
        self.draft_button = QPushButton(self.tr("Draft from this"))
        self.draft_button.setAccessibleName(self.tr("Draft from this: {title}").format(title=idea.title))
        self.draft_button.clicked.connect(lambda: draft(idea.id))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss: {title}").format(title=idea.title))
        self.dismiss_button.clicked.connect(lambda: dismiss(idea.id))
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(buttons)


class IdeasPanel(QWidget):
    """New ideas, a Refresh button, a line for feeds that failed, and a way to follow a feed."""

    def __init__(self, ctx: GuiContext, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.rows: list[IdeaRow] = []
        self._started = False
        self._shown: tuple[int, ...] | None = None
        self._build()

    def _build(self) -> None:
        self.heading = QLabel(self.tr("Ideas from your feeds"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh ideas"))
        self.refresh_button.setToolTip(self.tr("Check your feeds for new items"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(problem_style(self))
        self.problem.setAccessibleName(self.tr("Feed problems"))
        self.problem.setVisible(False)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        # Without ideas the list is hidden and the hint takes its room: its words stay at the top.
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.list_widget)
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setAccessibleName(self.tr("New ideas"))

        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("Feed address (https://…)"))
        self.address.setAccessibleName(self.tr("Feed address"))
        self.address.returnPressed.connect(self.add_feed)
        self.add_button = QPushButton(self.tr("Add feed…"))
        self.add_button.setAccessibleName(self.tr("Add feed"))
        self.add_button.clicked.connect(self.add_feed)
        add_row = QHBoxLayout()
        add_row.addWidget(self.address, 1)
        add_row.addWidget(self.add_button)
        self.add_message = QLabel()
        self.add_message.setWordWrap(True)
        self.add_message.setAccessibleName(self.tr("Add feed result"))
        self.add_message.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.add_message)
        self._show(IdeasSnapshot([], []))

    def sizeHint(self) -> QSize:
        return QSize(240, 300)

    # Loading --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a light or dark theme chosen meanwhile
            self.problem.setStyleSheet(problem_style(self))
            if self.add_message.styleSheet():
                self.add_message.setStyleSheet(problem_style(self))

    def showEvent(self, event: QShowEvent) -> None:
        if not self._started:  # the planner's first show: fetch once; later only when asked
            self._started = True
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Fetch every feed on the worker thread, then show what the store holds."""
        ideas = self.ctx.app.ideas

        def job() -> IdeasSnapshot:
            ideas.refresh()  # each feed that fails keeps its reason as its last_error, shown below
            return IdeasSnapshot(ideas.feeds(), ideas.new_ideas())

        self.refresh_button.setEnabled(False)
        self.worker.run(job, self._refreshed, self._failed)

    def reload(self) -> None:
        """Show what the store holds, fetching nothing."""
        ideas = self.ctx.app.ideas
        self.worker.run(lambda: IdeasSnapshot(ideas.feeds(), ideas.new_ideas()), self._show, self._failed)

    def _refreshed(self, snapshot: IdeasSnapshot) -> None:
        self.refresh_button.setEnabled(True)
        self._show(snapshot)

    def _failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        self._show_problems([message])

    def _show(self, snapshot: IdeasSnapshot) -> None:
        # A feed's last error stays in the store until a check succeeds, so it is shown after a restart too.
        problems = [f.last_error for f in snapshot.feeds if f.last_error]
        self._show_problems(
            [self.tr("{problem} — showing what was fetched before").format(problem=p) for p in problems]
        )
        if not snapshot.feeds:
            self.hint.setText(
                self.tr("Follow your company's newsroom or blog: paste its feed address below.")
            )
        elif not snapshot.ideas:
            self.hint.setText(self.tr("No new ideas. Refresh to look again."))
        self.hint.setVisible(not snapshot.ideas)
        self.scroller.setVisible(bool(snapshot.ideas))
        self._show_ideas(snapshot.ideas[:MAX_SHOWN])

    def _show_problems(self, lines: list[str]) -> None:
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))

    def _show_ideas(self, ideas: list[Idea]) -> None:
        key = tuple(i.id for i in ideas)  # an idea's id also fixes its feed
        if key == self._shown:
            return  # nothing changed: keep the rows (and the keyboard focus in them)
        self._shown = key
        for row in self.rows:
            row.deleteLater()
        now = self.ctx.app.clock()
        self.rows = [IdeaRow(idea, self._age(idea, now), self.draft, self.dismiss) for idea in ideas]
        for position, row in enumerate(self.rows):
            self.list_layout.insertWidget(position, row)

    def _age(self, idea: Idea, now: datetime) -> str:
        minutes = max(0, int((now - idea.when).total_seconds() // 60))
        if minutes < 60:
            return self.tr("{n} min ago").format(n=minutes)
        if minutes < 48 * 60:
            return self.tr("{n} h ago").format(n=minutes // 60)
        return self.tr("{n} d ago").format(n=minutes // (24 * 60))

    # Actions --------------------------------------------------------------------------------

    def draft(self, idea_id: int) -> None:
        """A draft with the idea's title and link; the drafts panel shows it after the store change."""
        ideas = self.ctx.app.ideas
        self._set_row_enabled(idea_id, False)
        self.worker.run(lambda: ideas.draft(idea_id), lambda _draft: self._changed(), self._failed)

    def dismiss(self, idea_id: int) -> None:
        ideas = self.ctx.app.ideas
        self._set_row_enabled(idea_id, False)
        self.worker.run(lambda: ideas.dismiss(idea_id), lambda _idea: self.reload(), self._failed)

    def _changed(self) -> None:
        self.ctx.notify_changed()
        self.reload()

    def _set_row_enabled(self, idea_id: int, enabled: bool) -> None:
        for row in self.rows:
            if row.idea.id == idea_id:
                row.setEnabled(enabled)

    def add_feed(self) -> None:
        address = self.address.text().strip()
        if not address:
            self._say_added(self.tr("Paste the address of an RSS or Atom feed first."), error=True)
            return
        ideas = self.ctx.app.ideas

        def job() -> tuple[Feed, int, IdeasSnapshot]:
            feed, count = ideas.add_feed(address)
            return feed, count, IdeasSnapshot(ideas.feeds(), ideas.new_ideas())

        self.add_button.setEnabled(False)
        self._say_added(self.tr("Checking the feed…"), error=False)
        self.worker.run(job, self._added, self._add_failed)

    def _added(self, added: tuple[Feed, int, IdeasSnapshot]) -> None:
        feed, count, snapshot = added
        self.add_button.setEnabled(True)
        self.address.clear()
        self._say_added(
            self.tr("Following {feed}: %n idea(s).", "", count).format(feed=feed.title), error=False
        )
        self._show(snapshot)

    def _add_failed(self, message: str) -> None:
        self.add_button.setEnabled(True)
        self._say_added(message, error=True)

    def _say_added(self, text: str, *, error: bool) -> None:
        self.add_message.setText(text)
        self.add_message.setStyleSheet(problem_style(self) if error else "")
        self.add_message.setVisible(True)
