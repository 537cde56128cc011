"""Colours that stay readable on the palette in use, light or dark (WCAG 2 contrast ratios).

The planner's accents (networks, moment kinds, states) are fixed hues; what is drawn with them is
mixed with the palette, and every colour text is drawn in is checked against what it is drawn on, so
a dark palette gets light text and a light palette dark text without a hard-coded pair for each."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

READABLE = 4.5  # WCAG 2 AA for normal text


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0..1) of the way towards `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def luminance(colour: QColor) -> float:
    """Relative luminance (sRGB), 0 for black and 1 for white."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The contrast ratio of two colours, 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_dark(colour: QColor) -> bool:
    return luminance(colour) < 0.18  # darker than mid grey: light text reads better on it


def legible(text: QColor, background: QColor, ratio: float = READABLE) -> QColor:
    """`text`, moved towards white on a dark background or black on a light one just far enough to
    reach `ratio` against `background` (unchanged when it already does)."""
    if contrast(text, background) >= ratio:
        return text
    target = QColor("white") if is_dark(background) else QColor("black")
    for step in range(1, 11):
        moved = mix(text, target, step / 10)
        if contrast(moved, background) >= ratio:
            return moved
    return target


def palette_is_dark(palette: QPalette) -> bool:
    """A dark theme: its window colour is darker than mid grey."""
    return is_dark(palette.color(QPalette.ColorRole.Window))


def tone(palette: QPalette, light: str, dark: str) -> str:
    """One of a light/dark pair of colours (a style sheet's), by the palette's window lightness."""
    return dark if palette_is_dark(palette) else light
