"""The week grid: one widget that paints the whole week and takes drops, drags, clicks and keys.

It never calls the services: it says what the person did through signals, and the planner's
actions decide. The layout is computed once per data change or resize and the static picture is
cached in a pixmap, so a repaint is one blit plus the drag hint, the now line and the focus ring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from somedesk.core.drafts import PublicationState
from somedesk.core.model import Moment
from somedesk.gui.labels import clock, moment_label
from somedesk.gui.planner.mime import publication_mime, read_mime
from somedesk.gui.planner.week_build import build_layout
from somedesk.gui.planner.week_focus import WeekFocus
from somedesk.gui.planner.week_lanes import readable_day_width
from somedesk.gui.planner.week_layout import (
    CARD_HEIGHT,
    GUTTER_WIDTH,
    HEADER_HEIGHT,
    MIN_HOUR_HEIGHT,
    CardItem,
    Frame,
    MomentItem,
    Texts,
    WeekLayout,
    hours_to_show,
    place,
)
from somedesk.gui.planner.week_model import WeekModel, card_tooltip, day_title, first_words
from somedesk.gui.planner.week_painter import (
    NOW_COLOUR,
    PaintRecord,
    Style,
    paint_card,
    paint_focus_ring,
    paint_week,
)
from somedesk.gui.planner.week_stops import FocusStop
from somedesk.gui.planning_text import why_lines


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
        self.focus = WeekFocus(self)  # the keyboard focus ring and the accessible name that follows it
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
        self.focus.forget_layout()
        self._cache = None
        self.update()

    @property
    def week_layout(self) -> WeekLayout:
        if self._layout is None:
            self._layout = self._build()
            self.focus.layout_rebuilt()
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
        drafts = {d.id: d.text for d in model.drafts}
        texts = Texts(
            self.state_names(), self.tr("Proposed"), drafts, {i: m.value for i, m in model.marks.items()}
        )
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

    def state_names(self) -> dict[PublicationState, str]:
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
        """Seven readable days: in a narrower window the week scrolls sideways rather than squeezing
        its days to "Th…" and "+1" (the scroll area respects this)."""
        return QSize(
            int(GUTTER_WIDTH + 7 * self.readable_day_width()), int(HEADER_HEIGHT + 15 * MIN_HOUR_HEIGHT)
        )

    def readable_day_width(self) -> float:
        style = self._current_style()
        return readable_day_width(style.title_metrics, QFontMetricsF(style.header_font))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.relayout()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._style = None
            self.relayout()
            self.updateGeometry()  # the readable width follows the font
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

    def _render(self, record: PaintRecord | None = None) -> QPixmap:
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
            record,
        )
        painter.end()
        return pixmap

    def render_recorded(self) -> tuple[QPixmap, PaintRecord]:
        """The week painted as the cache is, with a record of what went where (the layout tests')."""
        record = PaintRecord()
        return self._render(record), record

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
            return self.moment_target(item)
        under = layout.instant_at(pos)
        if under is None:
            return None
        return DropTarget(under, None, self.model.routine.in_quiet_hours(under))

    def moment_target(self, item: MomentItem) -> DropTarget:
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
            self.focus.move(clicked, reveal=False)  # the keys carry on from what was clicked
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        chip = layout.overflow_at(pos)  # first: a chip sits on the card it folds beside
        if chip is not None:
            self.overflow_requested.emit(list(chip.cards), event.globalPosition().toPoint())
            return
        ghost = layout.ghost_at(pos)
        if ghost is not None:
            if ghost.accept_rect.contains(pos):
                self.proposal_decided.emit(ghost.proposal, True)
            elif ghost.reject_rect.contains(pos):
                self.proposal_decided.emit(ghost.proposal, False)
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
                self.focus.open_menu(stop)
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

    # Keyboard (the focus ring lives in `WeekFocus`) ------------------------------------------

    def focus_stops(self) -> list[FocusStop]:
        """What the arrow keys reach, in time order."""
        return self.focus.stops()

    def focused_stop(self) -> FocusStop | None:
        """The thing with the keyboard focus (or the nearest to where it was)."""
        return self.focus.focused()

    def stop_at(self, pos: QPointF) -> FocusStop | None:
        """The stop drawn topmost at `pos` (what a click there acts on)."""
        return self.focus.stop_at(pos)

    def describe(self, stop: FocusStop) -> str:
        """What a screen reader says for a stop."""
        return self.focus.describe(stop)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focus.focus_in(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()  # the ring is only shown while the grid has the focus

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.focus.key_press(event):
            event.accept()
        else:
            super().keyPressEvent(event)

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
        if (chip := layout.overflow_at(pos)) is not None:
            lines = [
                f"{clock(c.at)} · {c.network.display_name} · {first_words(c.draft.text, 6)}"
                for c in chip.cards
            ]
            if chip.proposals:
                lines.append(self.tr("%n more proposed", "", chip.proposals))
            return "\n".join(lines)
        if (ghost := layout.ghost_at(pos)) is not None:
            at = ghost.proposal.at.astimezone(layout.zone)
            proposed = self.tr("Proposed for {network} at {time} ({moment}). ✓ accepts, ✕ rejects.").format(
                network=ghost.proposal.network.display_name,
                time=f"{QLocale().dayName(at.isoweekday(), QLocale.FormatType.ShortFormat)} {clock(at)}",
                moment=moment_label(ghost.proposal.moment),
            )
            why = ghost.proposal.why  # the planning engine's reasons (as `schedule --next --explain`)
            return "\n".join([proposed, *(why_lines(why) if why is not None else [])])
        if (item := layout.card_at(pos)) is not None:
            tip = card_tooltip(item.cards, item.full_detail or item.detail)
            # The meetings the card sits on: their titles may have had no room left beside it.
            during = [b.title for b in layout.busy if b.title and b.rect.intersects(item.rect)]
            if during:
                tip += "\n" + self.tr("In your calendar: {titles}").format(titles=", ".join(during))
            return tip
        if (moment := layout.moment_at(pos)) is not None:
            m = moment.moment
            start, end = clock(m.start.astimezone(layout.zone)), clock(m.end.astimezone(layout.zone))
            return f"{moment_label(m)}: {start}–{end}"
        busy = next((b for b in reversed(layout.busy) if b.rect.contains(pos)), None)
        return busy.title if busy is not None else ""

    # For tests and the benchmark ---------------------------------------------------------

    def position_of(self, instant: datetime) -> QPoint:
        """The point in the grid at `instant`, in the middle of its day's column."""
        return self.week_layout.point_for(instant).toPoint()

    def card_items(self) -> list[CardItem]:
        return list(self.week_layout.cards)
