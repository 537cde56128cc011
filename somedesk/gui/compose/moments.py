"""Quick post's "Next moment" button and its drop-down of the next three moments.

Finding moments reads the calendars, which may download them, so it runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton, QWidget

from somedesk.app.planning import PLANNING_HORIZON_DAYS
from somedesk.app.services import MomentsResult, Somedesk
from somedesk.core.model import Moment, Network
from somedesk.gui.background import Background
from somedesk.gui.compose.counters import ORDER, locale
from somedesk.gui.labels import clock, moment_label
from somedesk.gui.planning_text import why_lines

SHOWN = 3
MIN_LEFT = timedelta(minutes=5)  # a moment under way still counts with this much of it left


class MomentPicker(QWidget):
    """The button takes the first moment; the arrow next to it offers the next three.

    Signals:
        picked(Moment): the person chose a moment.
        changed: the moments on offer changed (found, or the networks changed).
    """

    picked = Signal(object)
    changed = Signal()

    def __init__(self, app: Somedesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.found: list[Moment] | None = None  # None: still being found
        self.problems: list[str] = []
        self._networks: list[Network] = []
        self._ranked: list[Moment] = []  # the engine's order for the chosen networks (see upcoming)
        self._worker = Background(self)
        self.button = QPushButton(self.tr("Next moment"), self)
        self.button.clicked.connect(self._pick_first)
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._render)  # a window left open: moments that passed drop out
        self.more = QToolButton(self)
        self.more.setMenu(self.menu)
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setText("▾")
        self.more.setStyleSheet("QToolButton::menu-indicator { image: none; }")  # the ▾ says it already
        self.more.setToolTip(self.tr("Choose one of the next moments"))
        self.more.setAccessibleName(self.more.toolTip())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.button)
        layout.addWidget(self.more)
        self._render()

    @property
    def loading(self) -> bool:
        return self.found is None or self._worker.running > 0

    def load(self) -> None:
        """Find the moments of the next two weeks again (each time the window opens)."""
        app, now = self.app, self.app.clock()
        self.found = None
        self._render()
        self._worker.run(
            lambda: app.moments(now, now + timedelta(days=PLANNING_HORIZON_DAYS)),
            self._found,
            lambda message: self._found(MomentsResult([], [message])),
        )

    def show_for(self, networks: Sequence[Network]) -> None:
        self._networks = list(networks)
        self._render()

    def upcoming(self) -> list[Moment]:
        """The planning engine's best moments for the chosen networks, best first: the first is the
        one `schedule --next` and Plan my week would choose (same rules: targets, gaps, spread, queue
        order). With no network chosen yet, the next moments that suit any network. Ranked when the
        moments or the networks change (`_render`); a moment that has passed since drops out."""
        now = self.app.clock()
        return [m for m in self._ranked if m.end - now >= MIN_LEFT][:SHOWN]

    def _rank(self) -> list[Moment]:
        now = self.app.clock()
        left = [m for m in self.found or [] if m.end - now >= MIN_LEFT]
        if self._networks:
            return self.app.ranked_moments(self._networks, left)
        return [m for m in left if _suits(m, list(ORDER))]

    def text(self, moment: Moment) -> str:
        """ "Lunch · Mon 11:30" ("Lounas · ma 11.30"), in the person's language."""
        when = moment.start.astimezone(self.app.config.routine.zone)
        day = locale().dayName(when.isoweekday(), QLocale.FormatType.ShortFormat)
        return self.tr("{moment} · {day} {time}").format(
            moment=moment_label(moment), day=day, time=clock(when)
        )

    def set_busy(self, busy: bool) -> None:
        self.setEnabled(not busy)

    def _found(self, result: MomentsResult) -> None:
        self.found = list(result.moments)
        self.problems = list(result.problems)
        self._render()

    def _pick_first(self) -> None:
        upcoming = self.upcoming()
        if upcoming:
            self.picked.emit(upcoming[0])

    def _picker(self, moment: Moment) -> Callable[[], None]:
        return lambda: self.picked.emit(moment)

    def _render(self) -> None:
        self._ranked = self._rank()
        upcoming = self.upcoming()
        self.menu.clear()
        for moment in upcoming:
            self.menu.addAction(self.text(moment), self._picker(moment))
        for problem in self.problems:
            self.menu.addAction(problem).setEnabled(False)
        self.button.setEnabled(bool(upcoming))
        self.more.setEnabled(bool(upcoming or self.problems))
        self.button.setDefault(bool(upcoming))
        if self.found is None:
            self.button.setToolTip(self.tr("Finding your next moments…"))
        elif upcoming:
            tip = self.tr("Schedule it for {moment}.").format(moment=self.text(upcoming[0]))
            if self._networks:  # why this moment: the planning engine's reasons, as --explain says them
                now = self.app.clock()
                left = [m for m in self.found or [] if m.end - now >= MIN_LEFT]
                why = self.app.explain_moment(self._networks, left, upcoming[0])
                lines = [f"{n.display_name}: {line}" for n, w in why for line in why_lines(w)]
                tip = "\n".join([tip, *lines])
            self.button.setToolTip(tip)
        else:
            tip = self.tr("No free moment in the next {days} days.").format(days=PLANNING_HORIZON_DAYS)
            self.button.setToolTip(tip)
        self.changed.emit()


def _suits(moment: Moment, networks: Sequence[Network]) -> bool:
    # A score of 0 is the no-posting-in-the-evening policy for that network.
    return any(moment.score_for(n) > 0 for n in networks)
