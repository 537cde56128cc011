"""The week grid: one widget that paints the whole week and takes drops, drags, clicks and keys.

It never calls the services: it says what the person did through signals, and the planner's
actions decide. The layout is computed once per data change or resize and the static picture is
cached in a pixmap, so a repaint is one blit plus the drag hint, the now line and the focus ring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QScrollArea, QToolTip, QWidget

from somedesk.core.drafts import PublicationState
from somedesk.core.model import Moment
from somedesk.gui.labels import clock, moment_label
from somedesk.gui.planner.mime import publication_mime, read_mime
from somedesk.gui.planner.week_layout import (
    CARD_HEIGHT,
    GUTTER_WIDTH,
    HEADER_HEIGHT,
    MIN_DAY_WIDTH,
    MIN_HOUR_HEIGHT,
    CardItem,
    FocusStop,
    Frame,
    GhostItem,
    MomentItem,
    OverflowItem,
    StopKind,
    Texts,
    WeekLayout,
    build_layout,
    focus_stops,
    hours_to_show,
    place,
    step_day,
    step_within_day,
)
from somedesk.gui.planner.week_model import Card, WeekModel, day_title, first_words
from somedesk.gui.planner.week_painter import NOW_COLOUR, Style, paint_card, paint_focus_ring, paint_week


@dataclass(frozen=True, slots=True)
class DropTarget:
    """Where a drop at some point would land: `at`, snapped to `moment` when over one."""

    at: datetime
    moment: Moment | None
    quiet: bool


class WeekGrid(QWidget):
    """Days × hours, painted in one widget.

    Keyboard: the grid is one stop in the Tab chain; inside it a focus ring moves over the moments,
    cards, proposals and "+N" chips in time order. Left/Right go to the nearest thing in time on the
    previous/next day that has any, Up/Down to the previous/next thing on the same day, Home/End to the
    day's first/last and Ctrl+Home/Ctrl+End to the week's. Enter (or F2) edits a card, opens a
    proposal's or a chip's menu, and on a moment schedules the draft selected in the drafts panel
    there. The Menu key or Shift+F10 opens the menu a right-click opens; Delete unschedules a card or
    rejects a proposal. The accessible name follows the focus, so a screen reader says what it is on.

    Signals:
        dropped(object, object): a draft or card (`Dragged`) was dropped; the `DropTarget`.
        card_menu_requested(object, QPoint): a card's context menu (its Cards, global position).
        card_activated(object): a card was double-clicked (its Cards).
        proposal_decided(object, bool): a proposal's ✓ (True) or ✕ (False) was clicked.
        proposal_menu_requested(object, QPoint): a proposal's context menu.
        overflow_requested(object, QPoint): a "+N" chip was clicked (its cards, global position).
        unschedule_requested(object): Delete on a card that can still be unscheduled (its Cards).
        moment_activated(object): Enter on a moment (a `DropTarget` there, as a drop would make).
    """

    dropped = Signal(object, object)
    card_menu_requested = Signal(object, QPoint)
    card_activated = Signal(object)
    proposal_decided = Signal(object, bool)
    proposal_menu_requested = Signal(object, QPoint)
    overflow_requested = Signal(object, QPoint)
    unschedule_requested = Signal(object)
    moment_activated = Signal(object)

    def __init__(self, model: WeekModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._plain_name = self.tr("Week")  # the name to say when nothing in the week has the focus
        self.setAccessibleName(self._plain_name)
        self.setAccessibleDescription(
            self.tr(
                "Arrow keys move between moments and posts: Left and Right change the day, Up and Down "
                "move within it. Enter edits a post or schedules the selected draft at a moment; the "
                "Menu key shows a post's actions; Delete unschedules it."
            )
        )
        self._stops: list[FocusStop] | None = None
        self._focus_key: tuple[object, ...] | None = None
        self._focus_place: tuple[int, float] = (0, 0.0)  # day and minutes, when the thing itself goes
        self._layout: WeekLayout | None = None
        self._cache: QPixmap | None = None
        self._hint: tuple[QRectF, bool] | None = None
        self._press: tuple[QPointF, CardItem] | None = None
        self._style: Style | None = None
        model.modelReset.connect(self.relayout)
        model.layers_changed.connect(self.relayout)
        self._clock = QTimer(self, interval=60_000)
        self._clock.timeout.connect(self.update)
        self._clock.start()
        self.paints = 0  # how many times the grid painted (the benchmark reads it)

    # Layout ------------------------------------------------------------------------------

    def relayout(self) -> None:
        self._layout = None
        self._stops = None
        self._cache = None
        self.update()

    @property
    def week_layout(self) -> WeekLayout:
        if self._layout is None:
            self._layout = self._build()
            if self._focus_key is not None:
                self._announce(self.focused_stop(), moved=False)  # its words or place may have changed
        return self._layout

    def _build(self) -> WeekLayout:
        model = self.model
        zone = model.routine.zone
        style = self._current_style()
        first, last = hours_to_show(
            [
                *(c.at for c in model.cards),
                *(p.at for p in model.proposals),
                *(m.start for m in model.moments),
            ],
            zone,
        )
        frame = Frame(float(self.width()), float(self.height()), first, last)
        texts = Texts(self._state_names(), self.tr("Proposed"), {d.id: d.text for d in model.drafts})
        return build_layout(
            frame,
            model.monday,
            model.routine,
            model.cards,
            model.moments if model.calendars_loaded else [],
            model.busy,
            model.proposals,
            texts,
            style.title_metrics,
            style.detail_metrics,
        )

    def _current_style(self) -> Style:
        if self._style is None:
            self._style = Style.of(self)
        return self._style

    def _state_names(self) -> dict[PublicationState, str]:
        return {
            PublicationState.SCHEDULED: self.tr("Scheduled"),
            PublicationState.PUBLISHING: self.tr("Posting…"),
            PublicationState.PUBLISHED: self.tr("✓ Published"),
            PublicationState.FAILED: self.tr("Failed"),
            PublicationState.MISSED: self.tr("Missed"),
            PublicationState.NEEDS_ATTENTION: self.tr("Needs attention"),
        }

    def day_titles(self) -> list[str]:
        return [day_title(d) for d in self.model.days]

    def sizeHint(self) -> QSize:
        return QSize(int(GUTTER_WIDTH + 7 * 130), int(HEADER_HEIGHT + 15 * 44))

    def minimumSizeHint(self) -> QSize:
        # Never narrower than a readable day: the planner's scroll area scrolls instead (Review open).
        return QSize(int(GUTTER_WIDTH + 7 * MIN_DAY_WIDTH), int(HEADER_HEIGHT + 15 * MIN_HOUR_HEIGHT))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.relayout()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._style = None
            self.relayout()
        super().changeEvent(event)

    # Painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        if self._cache is None or self._cache.size() != self.size() * self.devicePixelRatioF():
            self._cache = self._render()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        self._paint_now(painter)
        if self.hasFocus() and (stop := self.focused_stop()) is not None:
            paint_focus_ring(painter, stop.rect, self._current_style())
        if self._hint is not None:
            rect, ok = self._hint
            colour = QColor("#2e7d32" if ok else NOW_COLOUR)
            painter.setPen(QPen(colour, 2))
            fill = QColor(colour)
            fill.setAlphaF(0.15)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 3, 3)
        painter.end()

    def _render(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        painter = QPainter(pixmap)
        model = self.model
        today = (model.app.today() - model.monday).days
        paint_week(
            painter,
            self.week_layout,
            self._current_style(),
            self.day_titles(),
            today if 0 <= today < 7 else None,
        )
        painter.end()
        return pixmap

    def _paint_now(self, painter: QPainter) -> None:
        layout = self.week_layout
        day, minutes = place(self.model.now(), layout.monday, layout.zone)
        if not 0 <= day < 7 or not layout.frame.first_hour * 60 <= minutes <= layout.frame.last_hour * 60:
            return
        y = layout.frame.y_at(minutes)
        x = layout.frame.day_x(day)
        painter.setPen(QPen(QColor(NOW_COLOUR), 2))
        painter.drawLine(QPointF(x, y), QPointF(x + layout.frame.day_width, y))
        painter.setBrush(QColor(NOW_COLOUR))
        painter.drawEllipse(QPointF(x + 1, y), 3.5, 3.5)

    # Drops -------------------------------------------------------------------------------

    def target_at(self, pos: QPointF) -> DropTarget | None:
        """Where a drop at `pos` lands: the moment under it (from now on, if under way) or that time."""
        layout = self.week_layout
        item = layout.moment_at(pos)
        if item is not None:
            return self._moment_target(item)
        under = layout.instant_at(pos)
        if under is None:
            return None
        return DropTarget(under, None, self.model.routine.in_quiet_hours(under))

    def _moment_target(self, item: MomentItem) -> DropTarget:
        moment, now = item.moment, self.model.now()
        at = max(moment.start, now) if moment.interval.contains(now) else moment.start
        return DropTarget(at, moment, self.model.routine.in_quiet_hours(at))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if read_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self.target_at(event.position())
        if read_mime(event.mimeData()) is None or target is None:
            self._set_hint(None)
            event.ignore()
            return
        self._set_hint(self._hint_rect(event.position(), target), not target.quiet)
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_hint(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hint(None)
        dragged = read_mime(event.mimeData())
        target = self.target_at(event.position())
        if dragged is None or target is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(dragged, target)

    def _hint_rect(self, pos: QPointF, target: DropTarget) -> QRectF:
        layout = self.week_layout
        item = layout.moment_at(pos)
        if item is not None:
            return item.rect
        day, minutes = place(target.at, layout.monday, layout.zone)
        top = layout.frame.y_at(minutes)
        return QRectF(layout.frame.day_x(day) + 2, top, layout.frame.day_width - 4, CARD_HEIGHT)

    def _set_hint(self, rect: QRectF | None, ok: bool = True) -> None:
        hint = None if rect is None else (rect, ok)
        if hint != self._hint:
            self._hint = hint
            self.update()

    # Mouse -------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        layout = self.week_layout
        clicked = self.stop_at(pos)
        if clicked is not None:
            self._move_focus(clicked, reveal=False)  # the keys carry on from what was clicked
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        ghost = layout.ghost_at(pos)
        if ghost is not None:
            if ghost.accept_rect.contains(pos):
                self.proposal_decided.emit(ghost.proposal, True)
            elif ghost.reject_rect.contains(pos):
                self.proposal_decided.emit(ghost.proposal, False)
            return
        chip = layout.overflow_at(pos)
        if chip is not None:
            self.overflow_requested.emit(list(chip.cards), event.globalPosition().toPoint())
            return
        card = layout.card_at(pos)
        self._press = (pos, card) if card is not None and card.card.movable else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        start, item = self._press
        if (event.position() - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        self.start_card_drag(item, event.position() - item.rect.topLeft())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.week_layout.card_at(event.position())
        if item is not None:
            self.card_activated.emit(list(item.cards))

    def start_card_drag(self, item: CardItem, hot_spot: QPointF) -> None:
        drag = QDrag(self)
        drag.setMimeData(publication_mime([c.publication.id for c in item.cards]))
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap((item.rect.size() * ratio).toSize())
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(-item.rect.topLeft())
        paint_card(painter, item, self._current_style())
        painter.end()
        drag.setPixmap(pixmap)
        drag.setHotSpot(hot_spot.toPoint())
        drag.exec(Qt.DropAction.MoveAction)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            # X11 and Windows send the Menu key as a key press *and* as this event: the key press may
            # have opened the menu already.
            if QApplication.activePopupWidget() is None and (stop := self.focused_stop()) is not None:
                self._open_menu(stop)
            return
        pos = QPointF(event.pos())
        layout = self.week_layout
        ghost = layout.ghost_at(pos)
        if ghost is not None:
            self.proposal_menu_requested.emit(ghost.proposal, event.globalPos())
            return
        item = layout.card_at(pos)
        if item is not None:
            self.card_menu_requested.emit(list(item.cards), event.globalPos())

    # Keyboard ----------------------------------------------------------------------------

    def focus_stops(self) -> list[FocusStop]:
        """What the arrow keys reach, in time order (computed once per layout)."""
        if self._stops is None:
            self._stops = focus_stops(self.week_layout)
        return self._stops

    def focused_stop(self) -> FocusStop | None:
        """The thing with the keyboard focus; when it has gone (unscheduled, another week), the nearest
        thing to where it was."""
        if self._focus_key is None:
            return None
        stops = self.focus_stops()
        found = next((s for s in stops if s.key == self._focus_key), None)
        if found is None and stops:
            day, minutes = self._focus_place
            frame = self.week_layout.frame
            found = min(
                stops, key=lambda s: (abs(s.day - day), abs(frame.minutes_at(s.rect.top()) - minutes))
            )
            self._remember(found)
        return found

    def stop_at(self, pos: QPointF) -> FocusStop | None:
        """The stop drawn topmost at `pos` (what a click there acts on)."""
        layout = self.week_layout
        item = layout.ghost_at(pos) or layout.overflow_at(pos) or layout.card_at(pos) or layout.moment_at(pos)
        return next((s for s in self.focus_stops() if s.item is item), None) if item is not None else None

    def _remember(self, stop: FocusStop) -> None:
        self._focus_key = stop.key
        self._focus_place = (stop.day, self.week_layout.frame.minutes_at(stop.rect.top()))

    def _move_focus(self, stop: FocusStop, *, reveal: bool = True) -> None:
        if stop.key != self._focus_key:
            self._remember(stop)
            self._announce(stop, moved=True)
        if reveal:
            self._reveal(stop.rect)
        self.update()

    def _first_stop(self) -> FocusStop | None:
        """Where the focus starts: the first thing from now on in the shown week, else its first thing."""
        stops = self.focus_stops()
        layout = self.week_layout
        day, minutes = place(self.model.now(), layout.monday, layout.zone)
        now_y = layout.frame.y_at(minutes)
        upcoming = (s for s in stops if (s.day, s.rect.bottom()) >= (day, now_y))
        return next(upcoming, stops[0] if stops else None)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        stop = self.focused_stop() or self._first_stop()
        if stop is not None:
            # Scroll to it only when the keyboard brought the focus: a click must not move the week
            # away from under the pointer (the press then focuses what it hit).
            by_keys = event.reason() in _KEYBOARD_REASONS
            self._move_focus(stop, reveal=by_keys)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()  # the ring is only shown while the grid has the focus

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        stops = self.focus_stops()
        stop = self.focused_stop()
        if stop is None and key in _MOVES and (first := self._first_stop()) is not None:
            self._move_focus(first)
            return
        if stop is None:
            super().keyPressEvent(event)
            return
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
                self._open_menu(stop)
        elif plain and key == Qt.Key.Key_Delete:
            self._delete(stop)
        else:
            super().keyPressEvent(event)
            return
        if target is not None:
            self._move_focus(stops[target])
        event.accept()

    def _menu_position(self, stop: FocusStop) -> QPoint:
        return self.mapToGlobal(stop.rect.bottomLeft().toPoint() + QPoint(4, 2))

    def _activate(self, stop: FocusStop) -> None:
        item = stop.item
        if isinstance(item, CardItem):
            self.card_activated.emit(list(item.cards))
        elif isinstance(item, MomentItem):
            self.moment_activated.emit(self._moment_target(item))
        else:
            self._open_menu(stop)  # a proposal's Accept/Reject, a chip's posts

    def _open_menu(self, stop: FocusStop) -> None:
        item, pos = stop.item, self._menu_position(stop)
        if isinstance(item, CardItem):
            self.card_menu_requested.emit(list(item.cards), pos)
        elif isinstance(item, GhostItem):
            self.proposal_menu_requested.emit(item.proposal, pos)
        elif isinstance(item, OverflowItem):
            self.overflow_requested.emit(list(item.cards), pos)

    def _delete(self, stop: FocusStop) -> None:
        item = stop.item
        if isinstance(item, CardItem) and all(c.movable for c in item.cards):
            self.unschedule_requested.emit(list(item.cards))
        elif isinstance(item, GhostItem):
            self.proposal_decided.emit(item.proposal, False)  # as its ✕ does
        else:
            QApplication.beep()  # published, being posted, a moment: nothing to take away

    def _reveal(self, rect: QRectF) -> None:
        """Scroll the planner's scroll area (when the grid is in one) so the focused thing shows."""
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QScrollArea) and area.widget() is self:
            centre = rect.center().toPoint()
            area.ensureVisible(centre.x(), centre.y(), int(rect.width() / 2) + 8, int(rect.height() / 2) + 8)

    def describe(self, stop: FocusStop) -> str:
        """What a screen reader says for a stop: "LinkedIn post, Tuesday 11:30, Scheduled: first words"."""
        zone = self.week_layout.zone
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
                state=self._state_names().get(card.state, card.state.value),
                words=first_words(card.draft.text),
            )
        if isinstance(item, GhostItem):
            proposal = item.proposal
            draft = self.model.draft(proposal.draft_id)
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

    def _announce(self, stop: FocusStop | None, *, moved: bool) -> None:
        name = self.describe(stop) if stop is not None else self._plain_name
        if name != self.accessibleName():
            self.setAccessibleName(name)  # Qt tells assistive technology the name changed
        if moved and self.hasFocus():
            # Focus stays on this one widget: a focus event makes a screen reader read the new name.
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Focus))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPointF) -> str:
        layout = self.week_layout
        if (ghost := layout.ghost_at(pos)) is not None:
            at = ghost.proposal.at.astimezone(layout.zone)
            return self.tr("Proposed for {network} at {time} ({moment}). ✓ accepts, ✕ rejects.").format(
                network=ghost.proposal.network.display_name,
                time=f"{QLocale().dayName(at.isoweekday(), QLocale.FormatType.ShortFormat)} {clock(at)}",
                moment=moment_label(ghost.proposal.moment),
            )
        if (item := layout.card_at(pos)) is not None:
            return _card_tooltip(item.cards, item.full_detail or item.detail)
        if (moment := layout.moment_at(pos)) is not None:
            m = moment.moment
            start, end = clock(m.start.astimezone(layout.zone)), clock(m.end.astimezone(layout.zone))
            return f"{moment_label(m)}: {start}–{end}"
        busy = next((b for b in layout.busy if b.rect.contains(pos)), None)
        return busy.title if busy is not None else ""

    # For tests and the benchmark ---------------------------------------------------------

    def position_of(self, instant: datetime) -> QPoint:
        """The point in the grid at `instant`, in the middle of its day's column."""
        return self.week_layout.point_for(instant).toPoint()

    def card_items(self) -> list[CardItem]:
        return list(self.week_layout.cards)


_NONE = Qt.KeyboardModifier.NoModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_KEYBOARD_REASONS = frozenset(
    {Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason}
)
_ACTIVATE = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
_MOVES = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down})


def _card_tooltip(cards: Sequence[Card], detail: str) -> str:
    networks = ", ".join(c.network.display_name for c in cards)
    lines = [f"{networks} · {detail}", cards[0].draft.text[:400]]
    lines.extend(c.publication.reason for c in cards if c.publication.reason)
    return "\n".join(lines)
