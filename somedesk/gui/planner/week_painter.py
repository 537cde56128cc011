"""How the week grid looks: colours, fonts and the QPainter calls for each layer of a `WeekLayout`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from somedesk.core.drafts import PublicationState
from somedesk.core.model import MomentKind, Network
from somedesk.gui.labels import clock
from somedesk.gui.planner.week_layout import (
    BADGE_STEP,
    GUTTER_WIDTH,
    HEADER_HEIGHT,
    CardItem,
    GhostItem,
    Shade,
    WeekLayout,
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


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0..1) of the way towards `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def _translucent(colour: QColor, alpha: float) -> QColor:
    tinted = QColor(colour)
    tinted.setAlphaF(alpha)
    return tinted


@dataclass(frozen=True, slots=True)
class Style:
    """Colours follow the widget's palette (light or dark); the accents are fixed."""

    base: QColor
    text: QColor
    faint_text: QColor
    line: QColor
    shades: dict[Shade, QColor]
    hatch: QColor
    busy_fill: QColor
    busy_edge: QColor
    moments: dict[MomentKind, tuple[QColor, QColor, QColor]]  # fill, edge, label
    focus: QColor  # the keyboard focus ring: the palette's highlight, as every other focused control
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
        dark = base.lightnessF() < 0.5
        moments = {}
        for kind, accent in MOMENT_COLOURS.items():
            edge = QColor(accent)
            label = edge.lighter(150) if dark else edge.darker(150)
            moments[kind] = (mix(base, edge, 0.25 if dark else 0.18), edge, label)
        return cls(
            base=base,
            text=text,
            faint_text=mix(text, base, 0.45),
            line=mix(base, text, 0.12),
            shades={Shade.WORK: base, Shade.OFF: mix(base, text, 0.045), Shade.QUIET: mix(base, text, 0.1)},
            hatch=mix(base, text, 0.2),
            busy_fill=_translucent(QColor("#5b7bb0"), 0.22 if dark else 0.18),
            busy_edge=mix(base, QColor("#5b7bb0"), 0.6),
            moments=moments,
            focus=palette.color(QPalette.ColorRole.Highlight),
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
    painter: QPainter, layout: WeekLayout, style: Style, day_titles: Sequence[str], today: int | None
) -> None:
    """Everything that only changes with the data: painted once into the grid's cache."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    frame = layout.frame
    painter.fillRect(QRectF(0, 0, frame.width, max(frame.height, frame.bottom)), style.base)
    for band in layout.bands:
        painter.fillRect(band.rect, style.shades[band.shade])
        if band.shade is Shade.QUIET:
            painter.fillRect(band.rect, QBrush(style.hatch, Qt.BrushStyle.BDiagPattern))
    _paint_lines(painter, layout, style)
    _paint_header(painter, layout, style, day_titles, today)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(style.detail_font)
    quiet = [band.rect for band in layout.bands if band.shade is Shade.QUIET]
    for busy in layout.busy:
        painter.fillRect(busy.rect, style.busy_fill)  # translucent: work hours and quiet hours show through
        for quiet_rect in quiet:  # and the quiet hours keep their hatching, even under a day off
            if quiet_rect.intersects(busy.rect):
                hatch = QBrush(style.hatch, Qt.BrushStyle.BDiagPattern)
                painter.fillRect(quiet_rect.intersected(busy.rect), hatch)
        painter.fillRect(QRectF(busy.rect.left(), busy.rect.top(), 3, busy.rect.height()), style.busy_edge)
        if busy.shown_title:
            painter.setPen(style.faint_text)
            painter.drawText(busy.title_rect, _TOP_LEFT, busy.shown_title)
    for item in layout.moments:
        fill, edge, label = style.moments[item.moment.kind]
        painter.setPen(QPen(edge, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(item.rect, 3, 3)
        if item.label:
            painter.setPen(label)
            painter.drawText(item.label_rect, _LEFT_CENTRED_TOP, item.label)
    for card in layout.cards:
        paint_card(painter, card, style)
    for ghost in layout.ghosts:
        paint_ghost(painter, ghost, style)
    painter.setFont(style.badge_font)
    for chip in layout.overflows:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.faint_text)
        painter.drawRoundedRect(chip.rect, 8, 8)
        painter.setPen(style.base)
        painter.drawText(chip.rect, Qt.AlignmentFlag.AlignCenter, f"+{chip.count}")


_TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_LEFT_CENTRED_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine


def _paint_lines(painter: QPainter, layout: WeekLayout, style: Style) -> None:
    frame = layout.frame
    painter.setPen(QPen(style.line, 1))
    painter.setFont(style.detail_font)
    for hour in range(frame.first_hour, frame.last_hour + 1):
        y = frame.y_at(hour * 60)
        painter.setPen(QPen(style.line, 1))
        painter.drawLine(QPointF(GUTTER_WIDTH, y), QPointF(frame.width, y))
        if hour < frame.last_hour:
            painter.setPen(style.faint_text)
            painter.drawText(
                QRectF(0, y + 1, GUTTER_WIDTH - 6, 16), Qt.AlignmentFlag.AlignRight, clock(time(hour))
            )
    painter.setPen(QPen(style.line, 1))
    for index in range(8):
        x = frame.day_x(index)
        painter.drawLine(QPointF(x, 0), QPointF(x, frame.bottom))


def _paint_header(
    painter: QPainter, layout: WeekLayout, style: Style, day_titles: Sequence[str], today: int | None
) -> None:
    frame = layout.frame
    painter.fillRect(QRectF(0, 0, frame.width, HEADER_HEIGHT), style.shades[Shade.OFF])
    painter.setPen(QPen(style.line, 1))
    painter.drawLine(QPointF(0, HEADER_HEIGHT), QPointF(frame.width, HEADER_HEIGHT))
    for index, title in enumerate(day_titles):
        rect = QRectF(frame.day_x(index), 0, frame.day_width, HEADER_HEIGHT)
        font = QFont(style.header_font)
        font.setBold(index == today)
        font.setWeight(QFont.Weight.Bold if index == today else QFont.Weight.Normal)
        painter.setFont(font)
        painter.setPen(QColor(NOW_COLOUR) if index == today else style.text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, title)
        painter.setPen(QPen(style.line, 1))
        painter.drawLine(QPointF(rect.left(), 0), QPointF(rect.left(), HEADER_HEIGHT))


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
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(NETWORK_COLOURS[network]))
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(QColor("white"))
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, NETWORK_GLYPHS[network])


def paint_card(painter: QPainter, item: CardItem, style: Style) -> None:
    rect, card = item.rect, item.card
    colour = QColor(NETWORK_COLOURS[card.network])
    done = card.state is PublicationState.PUBLISHED
    painter.setPen(QPen(mix(style.base, colour, 0.5), 1))
    painter.setBrush(mix(style.base, colour, 0.07 if done else 0.14))
    painter.drawRoundedRect(rect, 4, 4)
    painter.fillRect(QRectF(rect.left(), rect.top() + 1, 3, rect.height() - 2), colour)
    networks = [c.network for c in item.cards]
    _paint_texts(painter, item, networks, item.title, item.detail, style, STATE_COLOURS.get(card.state))


def paint_ghost(painter: QPainter, item: GhostItem, style: Style) -> None:
    rect = item.rect
    colour = QColor(NETWORK_COLOURS[item.proposal.network])
    painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
    painter.setBrush(mix(style.base, colour, 0.04))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setOpacity(0.75)
    _paint_texts(painter, item, [item.proposal.network], item.title, item.detail, style, None)
    painter.setOpacity(1.0)
    for button, glyph, tint in ((item.accept_rect, "✓", "#2e7d32"), (item.reject_rect, "✕", "#c62828")):
        painter.setPen(QPen(QColor(tint), 1))
        painter.setBrush(style.base)
        painter.drawRoundedRect(button, 3, 3)
        painter.setFont(style.badge_font)
        painter.drawText(button, Qt.AlignmentFlag.AlignCenter, glyph)


def _paint_texts(
    painter: QPainter,
    item: CardItem | GhostItem,
    networks: Sequence[Network],
    title: str,
    detail: str,
    style: Style,
    detail_colour: str | None,
) -> None:
    """The badges and the two lines, in the boxes the layout gave them (which nothing else covers)."""
    rect = item.rect
    badge = QRectF(rect.left() + 6, rect.top() + 3, 14, 14)
    for network in networks:
        network_badge(painter, badge, network, style.badge_font)
        badge.translate(BADGE_STEP, 0)
    painter.setFont(style.title_font)
    painter.setPen(style.text)
    painter.drawText(item.title_rect, _LEFT_CENTRED, title)
    painter.setFont(style.detail_font)
    painter.setPen(QColor(detail_colour) if detail_colour else style.faint_text)
    painter.drawText(item.detail_rect, _LEFT_CENTRED, detail)


_LEFT_CENTRED = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
