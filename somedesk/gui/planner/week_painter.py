"""How the week grid looks: colours, fonts and the QPainter calls for each layer of a `WeekLayout`.

Every colour comes from the widget's palette or is a fixed accent mixed with it, and every colour
text is drawn in is checked against what it is drawn on (`tones.legible`), so a dark palette reads as
well as a light one. The layers go bottom to top: the day's shading, busy time, the quiet hours'
hatching (over busy time: nothing is posted then, meeting or not), the hour lines, busy titles,
moments, cards and proposals, chips, and the day headers last. A `PaintRecord` passed in collects
what was drawn where, in that order (the layout tests check that nothing covers another's words).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import time

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from somedesk.core.drafts import PublicationState
from somedesk.core.model import MomentKind, Network
from somedesk.gui.labels import clock
from somedesk.gui.planner.tones import is_dark, legible, mix
from somedesk.gui.planner.week_layout import (
    BADGE_STEP,
    GUTTER_WIDTH,
    HEADER_HEIGHT,
    CardItem,
    GhostItem,
    Shade,
    WeekLayout,
    detail_row,
    title_row,
)

NETWORK_COLOURS = {Network.LINKEDIN: "#0a66c2", Network.X: "#1d2126", Network.SANDBOX: "#7a5af8"}
NETWORK_GLYPHS = {Network.LINKEDIN: "in", Network.X: "X", Network.SANDBOX: "S"}
# The accent of each kind of moment: green for lunch, teal for commutes, amber before meetings. Its
# fill and label colour are mixed with the palette, so a dark palette gets dark moments too.
MOMENT_COLOURS = {
    MomentKind.LUNCH: "#3f9f5a",
    MomentKind.COMMUTE: "#2a9d8f",
    MomentKind.BEFORE_MEETING: "#d98e04",
}
STATE_COLOURS = {
    PublicationState.PUBLISHED: "#2e7d32",
    PublicationState.FAILED: "#c62828",
    PublicationState.NEEDS_ATTENTION: "#c62828",
    PublicationState.MISSED: "#b25e00",
}
NOW_COLOUR = "#e53935"
BUSY_ACCENT = "#5b7bb0"
ACCEPT_COLOUR, REJECT_COLOUR = "#2e7d32", "#c62828"


@dataclass(frozen=True, slots=True)
class Painted:
    """One thing drawn: a shape (`text` None), a run of text (its drawn extent), or a mark whose
    meaning must stay in sight (the quiet hours' hatching, `text` "")."""

    owner: object  # the layout item it belongs to, or ("day", index) for a header
    rect: QRectF
    text: str | None = None
    colour: QColor | None = None  # a text's pen

    @property
    def is_text(self) -> bool:
        return self.text is not None


@dataclass(slots=True)
class PaintRecord:
    """What `paint_week` drew, bottom layer first."""

    items: list[Painted] = field(default_factory=list)

    def shape(self, owner: object, rect: QRectF) -> None:
        self.items.append(Painted(owner, QRectF(rect)))

    def mark(self, owner: object, rect: QRectF) -> None:
        self.items.append(Painted(owner, QRectF(rect), ""))


@dataclass(frozen=True, slots=True)
class Style:
    """Colours follow the widget's palette (light or dark); the accents are fixed hues mixed with it."""

    base: QColor
    text: QColor
    faint_text: QColor
    line: QColor
    shades: dict[Shade, QColor]
    hatch: QColor
    busy_fill: QColor
    busy_edge: QColor
    busy_text: QColor
    header_text: QColor
    today_text: QColor
    hour_text: QColor
    chip_fill: QColor
    chip_text: QColor
    moments: dict[MomentKind, tuple[QColor, QColor, QColor]]  # fill, edge, label
    focus: QColor  # the keyboard focus ring: the palette's highlight, as every other focused control
    dark: bool
    title_font: QFont
    detail_font: QFont
    header_font: QFont
    badge_font: QFont

    @classmethod
    def of(cls, widget: QWidget) -> Style:
        palette = widget.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        title = QFont(widget.font())
        detail = QFont(widget.font())
        detail.setPointSizeF(max(6.5, title.pointSizeF() * 0.85))
        header = QFont(title)
        header.setBold(True)
        badge = QFont(detail)
        badge.setBold(True)
        dark = is_dark(base)
        moments = {}
        for kind, accent in MOMENT_COLOURS.items():
            edge = QColor(accent)
            fill = mix(base, edge, 0.25 if dark else 0.18)
            label = legible(edge.lighter(150) if dark else edge.darker(150), fill)
            moments[kind] = (fill, edge, label)
        faint = mix(text, base, 0.45)
        off = mix(base, text, 0.045)
        busy_fill = mix(base, QColor(BUSY_ACCENT), 0.18)
        chip_fill = mix(base, text, 0.6)
        return cls(
            base=base,
            text=text,
            faint_text=faint,
            line=mix(base, text, 0.12),
            shades={Shade.WORK: base, Shade.OFF: off, Shade.QUIET: mix(base, text, 0.1)},
            hatch=mix(base, text, 0.2),
            busy_fill=busy_fill,
            busy_edge=mix(base, QColor(BUSY_ACCENT), 0.6),
            busy_text=legible(faint, busy_fill),
            header_text=legible(text, off),
            today_text=legible(QColor(NOW_COLOUR), off),
            hour_text=legible(faint, base),
            chip_fill=chip_fill,
            chip_text=legible(base, chip_fill),
            moments=moments,
            focus=palette.color(QPalette.ColorRole.Highlight),
            dark=dark,
            title_font=title,
            detail_font=detail,
            header_font=header,
            badge_font=badge,
        )

    @property
    def title_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.title_font)

    @property
    def detail_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.detail_font)


def paint_week(
    painter: QPainter,
    layout: WeekLayout,
    style: Style,
    day_titles: Sequence[str],
    today: int | None,
    record: PaintRecord | None = None,
) -> None:
    """Everything that only changes with the data: painted once into the grid's cache."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    frame = layout.frame
    painter.fillRect(QRectF(0, 0, frame.width, max(frame.height, frame.bottom)), style.base)
    painter.save()
    # Below the headers only: nothing the week holds may reach into them.
    painter.setClipRect(QRectF(0, HEADER_HEIGHT, frame.width, max(frame.height, frame.bottom)))
    for band in layout.bands:
        painter.fillRect(band.rect, style.shades[band.shade])
    for busy in layout.busy:
        painter.fillRect(busy.rect, style.busy_fill)
        painter.fillRect(QRectF(busy.rect.left(), busy.rect.top(), 3, busy.rect.height()), style.busy_edge)
        if record is not None:
            record.shape(busy, busy.rect)
    for band in layout.bands:
        if band.shade is Shade.QUIET:
            painter.fillRect(band.rect, QBrush(style.hatch, Qt.BrushStyle.BDiagPattern))
            if record is not None:
                record.mark(band, band.rect)
    _paint_lines(painter, layout, style, record)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(style.detail_font)
    painter.setPen(style.busy_text)
    line = style.detail_metrics.height()
    for busy in layout.busy:
        for n, text in enumerate(busy.lines):
            row = QRectF(
                busy.title_rect.left(), busy.title_rect.top() + n * line, busy.title_rect.width(), line
            )
            _text(painter, row, _TOP_LEFT, text, busy, record)
    for item in layout.moments:
        fill, edge, label = style.moments[item.moment.kind]
        painter.setPen(QPen(edge, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(item.rect, 3, 3)
        if record is not None:
            record.shape(item, item.rect)
        painter.setPen(label)
        _text(painter, item.rect.adjusted(5, 0, -3, 0), _LEFT_CENTRED_TOP, item.label, item, record)
    for card in layout.cards:
        paint_card(painter, card, style, record)
    for ghost in layout.ghosts:
        paint_ghost(painter, ghost, style, record)
    painter.setFont(style.badge_font)
    for chip in layout.overflows:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.chip_fill)
        painter.drawRoundedRect(chip.rect, 8, 8)
        if record is not None:
            record.shape(chip, chip.rect)
        painter.setPen(style.chip_text)
        _text(painter, chip.rect, Qt.AlignmentFlag.AlignCenter, f"+{chip.count}", chip, record)
    painter.restore()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    _paint_header(painter, layout, style, day_titles, today, record)


_TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine
_LEFT_CENTRED_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine
_LEFT_CENTRED = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine


def _text(
    painter: QPainter,
    box: QRectF,
    flags: Qt.AlignmentFlag | Qt.TextFlag,
    text: str,
    owner: object,
    record: PaintRecord | None,
) -> None:
    """Draw `text` in `box`; when recording, note where its letters went and in which colour."""
    if not text:
        return
    painter.drawText(box, flags, text)
    if record is not None:
        drawn = painter.boundingRect(box, flags, text)
        record.items.append(Painted(owner, drawn, text, QColor(painter.pen().color())))


def _paint_lines(painter: QPainter, layout: WeekLayout, style: Style, record: PaintRecord | None) -> None:
    frame = layout.frame
    painter.setFont(style.detail_font)
    for hour in range(frame.first_hour, frame.last_hour + 1):
        y = frame.y_at(hour * 60)
        painter.setPen(QPen(style.line, 1))
        painter.drawLine(QPointF(GUTTER_WIDTH, y), QPointF(frame.width, y))
        if hour < frame.last_hour:
            painter.setPen(style.hour_text)
            box = QRectF(0, y + 1, GUTTER_WIDTH - 6, 16)
            _text(painter, box, Qt.AlignmentFlag.AlignRight, clock(time(hour)), ("hour", hour), record)
    painter.setPen(QPen(style.line, 1))
    for index in range(8):
        x = frame.day_x(index)
        painter.drawLine(QPointF(x, HEADER_HEIGHT), QPointF(x, frame.bottom))


def _paint_header(
    painter: QPainter,
    layout: WeekLayout,
    style: Style,
    day_titles: Sequence[str],
    today: int | None,
    record: PaintRecord | None,
) -> None:
    frame = layout.frame
    painter.fillRect(QRectF(0, 0, frame.width, HEADER_HEIGHT), style.shades[Shade.OFF])
    painter.setPen(QPen(style.line, 1))
    painter.drawLine(QPointF(0, HEADER_HEIGHT), QPointF(frame.width, HEADER_HEIGHT))
    for index, title in enumerate(day_titles):
        rect = QRectF(frame.day_x(index), 0, frame.day_width, HEADER_HEIGHT)
        if record is not None:
            record.shape(("day", index), rect)
        font = QFont(style.header_font)
        font.setBold(index == today)
        font.setWeight(QFont.Weight.Bold if index == today else QFont.Weight.Normal)
        painter.setFont(font)
        painter.setPen(style.today_text if index == today else style.header_text)
        _text(
            painter, rect.adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignCenter, title, ("day", index), record
        )
        painter.setPen(QPen(style.line, 1))
        painter.drawLine(QPointF(rect.left(), 0), QPointF(rect.left(), HEADER_HEIGHT))
    painter.drawLine(QPointF(frame.day_x(7), 0), QPointF(frame.day_x(7), HEADER_HEIGHT))


def paint_focus_ring(painter: QPainter, rect: QRectF, style: Style) -> None:
    """The keyboard focus around `rect`: a thick ring in the highlight colour with a thin ring of the base
    colour inside it, so it stands out against the card's own edge in light and dark palettes alike."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(style.focus, 2.5))
    painter.drawRoundedRect(rect.adjusted(-2.5, -2.5, 2.5, 2.5), 5, 5)
    painter.setPen(QPen(style.base, 1))
    painter.drawRoundedRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5), 4, 4)
    painter.restore()


def network_badge(painter: QPainter, rect: QRectF, network: Network, font: QFont) -> None:
    """A network's badge: its brand colour with its glyph in white (both fixed: a logo, not a theme)."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(NETWORK_COLOURS[network]))
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(QColor("white"))
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, NETWORK_GLYPHS[network])


def card_fill(style: Style, network: Network, done: bool = False) -> QColor:
    return mix(style.base, QColor(NETWORK_COLOURS[network]), 0.07 if done else (0.2 if style.dark else 0.14))


def paint_card(painter: QPainter, item: CardItem, style: Style, record: PaintRecord | None = None) -> None:
    rect, card = item.rect, item.card
    colour = QColor(NETWORK_COLOURS[card.network])
    fill = card_fill(style, card.network, card.state is PublicationState.PUBLISHED)
    edge = mix(style.base, colour, 0.5)
    painter.setPen(QPen(legible(edge, style.base, 1.5) if style.dark else edge, 1))
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, 4, 4)
    painter.fillRect(QRectF(rect.left(), rect.top() + 1, 3, rect.height() - 2), colour)
    if record is not None:
        record.shape(item, rect)
    networks = [c.network for c in item.cards]
    state = STATE_COLOURS.get(card.state)
    detail_colour = legible(QColor(state), fill) if state else legible(style.faint_text, fill)
    _paint_texts(painter, item, networks, item.title, item.detail, style, fill, detail_colour, record)


def paint_ghost(painter: QPainter, item: GhostItem, style: Style, record: PaintRecord | None = None) -> None:
    rect = item.rect
    colour = QColor(NETWORK_COLOURS[item.proposal.network])
    fill = mix(style.base, colour, 0.04)
    painter.setPen(QPen(legible(colour, style.base, 3.0), 1.2, Qt.PenStyle.DashLine))
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, 4, 4)
    if record is not None:
        record.shape(item, rect)
    # Fainter than a card's words (a proposal is not a post yet), but as readable.
    faint = legible(mix(style.text, style.base, 0.3), fill)
    detail = legible(style.faint_text, fill)
    _paint_texts(
        painter, item, [item.proposal.network], item.title, item.detail, style, fill, detail, record, faint
    )
    for button, glyph, tint in (
        (item.accept_rect, "✓", ACCEPT_COLOUR),
        (item.reject_rect, "✕", REJECT_COLOUR),
    ):
        painter.setPen(QPen(legible(QColor(tint), style.base), 1))
        painter.setBrush(style.base)
        painter.drawRoundedRect(button, 3, 3)
        if record is not None:
            record.shape((item, glyph), button)
        painter.setFont(style.badge_font)
        _text(painter, button, Qt.AlignmentFlag.AlignCenter, glyph, (item, glyph), record)


def _paint_texts(
    painter: QPainter,
    item: CardItem | GhostItem,
    networks: Sequence[Network],
    title: str,
    detail: str,
    style: Style,
    fill: QColor,
    detail_colour: QColor,
    record: PaintRecord | None,
    title_colour: QColor | None = None,
) -> None:
    rect = item.rect
    badge = QRectF(rect.left() + 6, rect.top() + 2, 14, 14)
    for network in networks:
        network_badge(painter, badge, network, style.badge_font)
        badge.translate(BADGE_STEP, 0)
    painter.setFont(style.title_font)
    painter.setPen(title_colour or legible(style.text, fill))
    _text(painter, title_row(rect, badge.left() - 1), _LEFT_CENTRED, title, item, record)
    painter.setFont(style.detail_font)
    painter.setPen(detail_colour)
    _text(painter, detail_row(rect), _LEFT_CENTRED, detail, item, record)
