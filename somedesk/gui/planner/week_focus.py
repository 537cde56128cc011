"""The week grid's keyboard focus and what a screen reader hears.

The grid is one stop in the Tab chain; inside it a focus ring moves over the moments, cards,
proposals and "+N" chips in time order. This helper owns that ring: which thing has it (by key, so
it survives a relayout, and by place, so it lands near when the thing itself goes), the keys that
move it or act on it, and the accessible name that follows it. The grid owns one and hands it its
focus and key events; what the keys ask for goes out through the grid's signals, as a mouse does.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QScrollArea

from somedesk.gui.labels import clock, moment_label
from somedesk.gui.planner.week_layout import CardItem, GhostItem, MomentItem, OverflowItem, place
from somedesk.gui.planner.week_model import first_words
from somedesk.gui.planner.week_stops import FocusStop, StopKind, focus_stops, step_day, step_within_day

if TYPE_CHECKING:
    from somedesk.gui.planner.week_view import WeekGrid


class WeekFocus(QObject):
    """The focus ring inside a `WeekGrid` (see the grid's docstring for the keys)."""

    def __init__(self, grid: WeekGrid) -> None:
        super().__init__(grid)
        self._grid = grid
        self._plain_name = self.tr("Week")  # the name to say when nothing in the week has the focus
        grid.setAccessibleName(self._plain_name)
        grid.setAccessibleDescription(
            self.tr(
                "Arrow keys move between moments and posts: Left and Right change the day, Up and Down "
                "move within it. Enter edits a post or schedules the selected draft at a moment; the "
                "Menu key shows a post's actions; Delete unschedules it."
            )
        )
        self._stops: list[FocusStop] | None = None
        self._key: tuple[object, ...] | None = None
        self._place: tuple[int, float] = (0, 0.0)  # day and minutes, when the thing itself goes

    def forget_layout(self) -> None:
        """The grid's layout is being rebuilt: the stops are worked out again from the new one."""
        self._stops = None

    def layout_rebuilt(self) -> None:
        if self._key is not None:
            self.announce(self.focused(), moved=False)  # its words or place may have changed

    def stops(self) -> list[FocusStop]:
        """What the arrow keys reach, in time order (computed once per layout)."""
        if self._stops is None:
            self._stops = focus_stops(self._grid.week_layout)
        return self._stops

    def focused(self) -> FocusStop | None:
        """The thing with the keyboard focus; when it has gone (unscheduled, another week), the nearest
        thing to where it was."""
        if self._key is None:
            return None
        stops = self.stops()
        found = next((s for s in stops if s.key == self._key), None)
        if found is None and stops:
            day, minutes = self._place
            frame = self._grid.week_layout.frame
            found = min(
                stops, key=lambda s: (abs(s.day - day), abs(frame.minutes_at(s.rect.top()) - minutes))
            )
            self._remember(found)
        return found

    def stop_at(self, pos: QPointF) -> FocusStop | None:
        """The stop drawn topmost at `pos` (what a click there acts on)."""
        layout = self._grid.week_layout
        item = layout.overflow_at(pos) or layout.ghost_at(pos) or layout.card_at(pos) or layout.moment_at(pos)
        return next((s for s in self.stops() if s.item is item), None) if item is not None else None

    def _remember(self, stop: FocusStop) -> None:
        self._key = stop.key
        self._place = (stop.day, self._grid.week_layout.frame.minutes_at(stop.rect.top()))

    def move(self, stop: FocusStop, *, reveal: bool = True) -> None:
        if stop.key != self._key:
            self._remember(stop)
            self.announce(stop, moved=True)
        if reveal:
            self._reveal(stop.rect)
        self._grid.update()

    def _first(self) -> FocusStop | None:
        """Where the focus starts: the first thing from now on in the shown week, else its first thing."""
        stops = self.stops()
        layout = self._grid.week_layout
        day, minutes = place(self._grid.model.now(), layout.monday, layout.zone)
        now_y = layout.frame.y_at(minutes)
        upcoming = (s for s in stops if (s.day, s.rect.bottom()) >= (day, now_y))
        return next(upcoming, stops[0] if stops else None)

    def focus_in(self, event: QFocusEvent) -> None:
        stop = self.focused() or self._first()
        if stop is not None:
            # Scroll to it only when the keyboard brought the focus: a click must not move the week
            # away from under the pointer (the press then focuses what it hit).
            by_keys = event.reason() in _KEYBOARD_REASONS
            self.move(stop, reveal=by_keys)

    def key_press(self, event: QKeyEvent) -> bool:
        """Act on a key; False when it is not one of the grid's (the widget then passes it on)."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        stops = self.stops()
        stop = self.focused()
        if stop is None and key in _MOVES and (first := self._first()) is not None:
            self.move(first)
            return True
        if stop is None:
            return False
        index = stops.index(stop)
        plain = mods == Qt.KeyboardModifier.NoModifier
        target: int | None = None
        if plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            target = step_day(stops, index, -1 if key == Qt.Key.Key_Left else 1)
        elif plain and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            target = step_within_day(stops, index, -1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and mods in (_NONE, _CTRL):
            same = [i for i, s in enumerate(stops) if mods == _CTRL or s.day == stop.day]
            target = same[0] if key == Qt.Key.Key_Home else same[-1]
        elif plain and (key in _ACTIVATE or (key == Qt.Key.Key_F2 and stop.kind is StopKind.CARD)):
            self._activate(stop)  # F2 is "edit": only a card has something to edit
        elif (plain and key == Qt.Key.Key_Menu) or (
            key == Qt.Key.Key_F10 and mods == Qt.KeyboardModifier.ShiftModifier
        ):
            if QApplication.activePopupWidget() is None:
                self.open_menu(stop)
        elif plain and key == Qt.Key.Key_Delete:
            self._delete(stop)
        else:
            return False
        if target is not None:
            self.move(stops[target])
        return True

    def _menu_position(self, stop: FocusStop) -> QPoint:
        return self._grid.mapToGlobal(stop.rect.bottomLeft().toPoint() + QPoint(4, 2))

    def _activate(self, stop: FocusStop) -> None:
        grid, item = self._grid, stop.item
        if isinstance(item, CardItem):
            grid.card_activated.emit(list(item.cards))
        elif isinstance(item, MomentItem):
            grid.moment_activated.emit(grid.moment_target(item))
        else:
            self.open_menu(stop)  # a proposal's Accept/Reject, a chip's posts

    def open_menu(self, stop: FocusStop) -> None:
        grid, item, pos = self._grid, stop.item, self._menu_position(stop)
        if isinstance(item, CardItem):
            grid.card_menu_requested.emit(list(item.cards), pos)
        elif isinstance(item, GhostItem):
            grid.proposal_menu_requested.emit(item.proposal, pos)
        elif isinstance(item, OverflowItem):
            grid.overflow_requested.emit(list(item.cards), pos)

    def _delete(self, stop: FocusStop) -> None:
        grid, item = self._grid, stop.item
        if isinstance(item, CardItem) and all(c.movable for c in item.cards):
            grid.unschedule_requested.emit(list(item.cards))
        elif isinstance(item, GhostItem):
            grid.proposal_decided.emit(item.proposal, False)  # as its ✕ does
        else:
            QApplication.beep()  # published, being posted, a moment: nothing to take away

    def _reveal(self, rect: QRectF) -> None:
        """Scroll the planner's scroll area (when the grid is in one) so the focused thing shows."""
        grid = self._grid
        viewport = grid.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QScrollArea) and area.widget() is grid:
            centre = rect.center().toPoint()
            area.ensureVisible(centre.x(), centre.y(), int(rect.width() / 2) + 8, int(rect.height() / 2) + 8)

    def describe(self, stop: FocusStop) -> str:
        """What a screen reader says for a stop: "LinkedIn post, Tuesday 11:30, Scheduled: first words"."""
        zone = self._grid.week_layout.zone
        item = stop.item

        def day_and_time(at: datetime) -> str:
            local = at.astimezone(zone)
            day = QLocale().dayName(local.isoweekday(), QLocale.FormatType.LongFormat)
            return f"{day} {clock(local)}"

        if isinstance(item, CardItem):
            card = item.card
            return self.tr("{networks} post, {when}, {state}: {words}").format(
                networks=", ".join(c.network.display_name for c in item.cards),
                when=day_and_time(card.at),
                state=self._grid.state_names().get(card.state, card.state.value),
                words=first_words(card.draft.text),
            )
        if isinstance(item, GhostItem):
            proposal = item.proposal
            draft = self._grid.model.draft(proposal.draft_id)
            return self.tr("Proposed {network} post, {when}, {moment}: {words}").format(
                network=proposal.network.display_name,
                when=day_and_time(proposal.at),
                moment=moment_label(proposal.moment),
                words=first_words(draft.text if draft is not None else ""),
            )
        if isinstance(item, OverflowItem):
            return self.tr("More posts here: {count}").format(count=item.count)
        moment = item.moment
        return self.tr("{moment} moment, {when}–{end}").format(
            moment=moment_label(moment),
            when=day_and_time(moment.start),
            end=clock(moment.end.astimezone(zone)),
        )

    def announce(self, stop: FocusStop | None, *, moved: bool) -> None:
        grid = self._grid
        name = self.describe(stop) if stop is not None else self._plain_name
        if name != grid.accessibleName():
            grid.setAccessibleName(name)  # Qt tells assistive technology the name changed
        if moved and grid.hasFocus():
            # Focus stays on this one widget: a focus event makes a screen reader read the new name.
            QAccessible.updateAccessibility(QAccessibleEvent(grid, QAccessible.Event.Focus))


_NONE = Qt.KeyboardModifier.NoModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_KEYBOARD_REASONS = frozenset(
    {Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason}
)
_ACTIVATE = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
_MOVES = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down})
