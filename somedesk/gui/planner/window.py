"""The planner window: navigation, Plan my week, the rhythm bar, the drafts panel and the week grid,
wired to the week model, the worker and the actions."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from somedesk.core.changes import Change
from somedesk.gui.context import GuiContext
from somedesk.gui.geometry import remember_geometry
from somedesk.gui.planner.actions import PlannerActions
from somedesk.gui.planner.drafts_panel import DraftsModel, DraftsPanel
from somedesk.gui.planner.ideas_panel import IdeasPanel
from somedesk.gui.planner.message_bar import MessageBar
from somedesk.gui.planner.review_panel import ReviewPanel
from somedesk.gui.planner.rhythm_bar import RhythmBar
from somedesk.gui.planner.week_data import CalendarPart, WeekLoader
from somedesk.gui.planner.week_model import WeekModel, day_title
from somedesk.gui.planner.week_view import WeekGrid
from somedesk.gui.planner.worker import Worker

# What the planner shows: the week's posts and the drafts (their text), the routine and calendars
# (the config), the Ideas panel. Accounts are not shown here.
_SHOWN = Change.CONFIG | Change.DRAFTS | Change.PUBLICATIONS | Change.IDEAS
REVIEW_WIDTH = 280  # the review panel's width when it opens, when there is room
REVIEW_MIN_WIDTH = 220  # ... and the least it gets: its lines wrap, they stay readable
SIDE_MIN_WIDTH = 200  # the drafts and ideas beside the week give up width down to this


class PlannerWindow(QWidget):
    """The weekly planner. Reloads when the store changes (`ctx.bridge.changed`)."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Planner — somedesk"))
        self.model = WeekModel(ctx.app, self)
        self.drafts_model = DraftsModel(self)
        self.worker = Worker(self)
        self.loader = WeekLoader(ctx.app)
        self.messages = MessageBar()
        self.grid = WeekGrid(self.model)
        self.commands = PlannerActions(ctx, self.model, self.worker, self.messages, self)
        self.rhythm = RhythmBar(self.model)
        self.review_panel = ReviewPanel(self.model, self.worker, self.messages.show_error)
        self.review_panel.setVisible(False)  # shown with the top bar's Review button
        self.drafts_panel = DraftsPanel(self.drafts_model, lambda: ctx.open_window("quick-post"))
        self.ideas_panel = IdeasPanel(ctx, self.worker)  # below the drafts; fetches on first show
        self._build()
        self._connect()
        self._reload_soon = QTimer(self, singleShot=True, interval=0)  # one reload per burst of changes
        self._reload_soon.timeout.connect(self._reload_changed)
        self._pending = Change.NONE  # what changed since the planner last read it
        self._shown_problems: tuple[str, ...] = ()
        self.resize(1240, 780)
        remember_geometry(self, ctx, "planner")
        self.reload(drafts=True)

    def _build(self) -> None:
        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.previous_button.setShortcut(QKeySequence("Alt+Left"))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setShortcut(QKeySequence("Alt+Home"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.previous_button.setAccessibleName(self.tr("Previous week"))
        self.today_button.setAccessibleName(self.tr("This week"))
        self.next_button.setAccessibleName(self.tr("Next week"))
        self.week_label = QLabel()
        font = self.week_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.week_label.setFont(font)
        self.plan_button = QPushButton(self.tr("Plan my week"))
        self.plan_button.setToolTip(self.tr("Propose moments for your waiting drafts, within your targets"))
        self.plan_button.setAccessibleDescription(self.plan_button.toolTip())
        top = QHBoxLayout()
        for button in (self.previous_button, self.today_button, self.next_button):
            top.addWidget(button)
        top.addSpacing(12)
        top.addWidget(self.week_label, 1)
        self.review_button = QPushButton(self.tr("Review"))
        self.review_button.setCheckable(True)
        self.review_button.setToolTip(self.tr("A plain summary of the shown week"))
        self.review_button.setAccessibleDescription(self.review_button.toolTip())
        top.addWidget(self.review_button)
        top.addWidget(self.plan_button)

        self.proposals_bar = QFrame()
        self.proposals_label = QLabel()
        self.accept_all_button = QPushButton(self.tr("Accept all"))
        self.reject_all_button = QPushButton(self.tr("Reject all"))
        row = QHBoxLayout(self.proposals_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.proposals_label, 1)
        row.addWidget(self.accept_all_button)
        row.addWidget(self.reject_all_button)
        self.proposals_bar.setVisible(False)

        self.scroller = QScrollArea()
        self.scroller.setWidget(self.grid)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        # One Tab stop for the week: the grid takes the focus and scrolls what it focuses into view.
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.side = side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.drafts_panel)
        side.addWidget(self.ideas_panel)
        side.setSizes([460, 320])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(side)
        splitter.addWidget(self.scroller)
        splitter.addWidget(self.review_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([250, 990])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        # The window sets its own minimum once: a layout that re-derives it whenever a bar shows or
        # hides makes Qt warn on platforms that cannot take size hints (offscreen, in tests).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(720, 480)
        layout.addLayout(top)
        layout.addWidget(self.messages)
        layout.addWidget(self.proposals_bar)
        layout.addWidget(self.rhythm)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.previous_button.clicked.connect(lambda: self.show_week(self.model.monday - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.show_week(self.model.monday + timedelta(days=7)))
        self.today_button.clicked.connect(lambda: self.show_week(self.ctx.app.today()))
        self.plan_button.clicked.connect(self.commands.plan)
        self.review_button.toggled.connect(self._show_review)
        self.accept_all_button.clicked.connect(lambda: self.commands.accept(self.model.proposals))
        self.reject_all_button.clicked.connect(lambda: self.commands.reject(self.model.proposals))
        self.grid.dropped.connect(self.commands.drop)
        self.grid.card_menu_requested.connect(self.commands.show_card_menu)
        self.grid.card_activated.connect(self.commands.edit)
        self.grid.proposal_decided.connect(self.commands.decide)
        self.grid.proposal_menu_requested.connect(self.commands.show_proposal_menu)
        self.grid.overflow_requested.connect(self.commands.show_overflow)
        self.grid.unschedule_requested.connect(self.commands.unschedule)  # Delete: the menu's own code
        self.grid.moment_activated.connect(
            lambda target: self.commands.schedule_selected(self.drafts_panel.selected_draft_id(), target)
        )
        self.model.week_changed.connect(self._show_week_title)
        self.model.drafts_changed.connect(lambda: self.drafts_model.set_drafts(self.model.drafts))
        self.model.layers_changed.connect(self._show_proposals)
        self.ctx.bridge.changed.connect(self._changed)
        self.ctx.bridge.activity.connect(self.messages.show_info)
        self._show_week_title()

    def _show_review(self, shown: bool) -> None:
        """Show or hide the review beside the week, never squeezing the week's days below a readable
        width. Its room comes from the week's spare width, then from the drafts beside it (down to
        SIDE_MIN_WIDTH), then from a wider window (as far as the screen has room), and last from the
        review itself (down to REVIEW_MIN_WIDTH); if that is still not enough the week scrolls sideways
        (the grid's minimum). A splitter rather than a dock or a window of its own: the review speaks
        of the week beside it, and its width is the person's to change."""
        self.review_panel.setVisible(shown)
        sizes = self.splitter.sizes()
        if not shown or sizes[2] >= REVIEW_MIN_WIDTH:
            return
        week_min = self.grid.minimumSizeHint().width() + self.scroller.verticalScrollBar().sizeHint().width()
        missing = REVIEW_WIDTH - sizes[2]
        from_week = min(missing, max(0, sizes[1] - week_min))
        missing -= from_week
        side_min = max(SIDE_MIN_WIDTH, self.side.minimumSizeHint().width())
        from_side = min(missing, max(0, sizes[0] - side_min))
        missing -= from_side
        grown = 0
        screen = self.screen()
        if missing > 0 and screen is not None and not self.isMaximized() and not self.isFullScreen():
            room = screen.availableGeometry().right() - self.frameGeometry().right()
            grown = min(missing, max(0, room))
            if grown:
                self.resize(self.width() + grown, self.height())
            missing -= grown
        review = max(REVIEW_MIN_WIDTH, REVIEW_WIDTH - missing)
        side = sizes[0] - from_side
        # What is left is the week's (below its minimum only when nothing else could give: it scrolls).
        self.splitter.setSizes([side, sum(sizes) + grown - side - review, review])

    @property
    def busy(self) -> bool:
        """Still loading or saving (tests and the benchmark wait for it to settle)."""
        return self.worker.busy or self._reload_soon.isActive()

    # Navigation --------------------------------------------------------------------------

    def show_week(self, day: date) -> None:
        if self.model.monday == day - timedelta(days=day.weekday()):
            return
        self.model.show_week(day)
        self.reload()

    def _show_week_title(self) -> None:
        monday = self.model.monday
        sunday = monday + timedelta(days=6)
        number = monday.isocalendar().week
        self.week_label.setText(
            self.tr("Week {number} · {first} – {last} {year}").format(
                number=number, first=day_title(monday), last=day_title(sunday), year=sunday.year
            )
        )
        self.today_button.setEnabled(not self.model.is_current)

    # Loading -----------------------------------------------------------------------------

    def reload(self, *, drafts: bool = False, fresh_calendars: bool = False, calendars: bool = True) -> None:
        """Read the shown week again: its posts first (quick), then the calendars, then the drafts."""
        monday = self.model.monday
        loader, failed = self.loader, self.messages.show_error
        self.worker.run(lambda: loader.store_part(monday), self.model.apply_store, failed)
        if calendars:
            self.worker.run(
                lambda: loader.calendar_part(monday, fresh=fresh_calendars), self._calendars_loaded, failed
            )
        if drafts:
            self.worker.run(loader.waiting_drafts, self.model.apply_drafts, failed)

    def _changed(self, what: Change) -> None:
        self._pending |= what & _SHOWN
        if self._pending and self.isVisible():
            self._reload_soon.start()
        # else read again when shown: a closed planner does no work

    def _reload_changed(self) -> None:
        """Read again only what the changes touched: a new config (routine, calendars) the whole
        week; drafts or the schedule the week's posts (and the drafts list); ideas the Ideas panel."""
        what, self._pending = self._pending, Change.NONE
        if what & (Change.CONFIG | Change.DRAFTS | Change.PUBLICATIONS):
            self.reload(
                drafts=bool(what & (Change.CONFIG | Change.DRAFTS)), calendars=bool(what & Change.CONFIG)
            )
        if what & Change.IDEAS and self.ideas_panel.isVisible():
            self.ideas_panel.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._pending:
            self._reload_soon.start()
        super().showEvent(event)

    def _calendars_loaded(self, part: CalendarPart) -> None:
        self.model.apply_calendars(part)
        problems = tuple(part.problems)
        if problems and problems != self._shown_problems and part.monday == self.model.monday:
            self.messages.show_info("\n".join(problems))
        self._shown_problems = problems

    def _show_proposals(self) -> None:
        count = len(self.model.proposals)
        self.proposals_bar.setVisible(count > 0)
        self.proposals_label.setText(
            self.tr(
                "%n proposed post(s) for this week: accept or reject each with ✓ / ✕, or all at once.",
                "",
                count,
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.worker.shutdown()
        super().closeEvent(event)
