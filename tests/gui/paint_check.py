"""Checks over what the week grid painted (a `PaintRecord`): no words under another thing, no words
cut off by their own box or the grid's edges, and readable colours. Used by the layout tests and by
the HiDPI probe (which runs at 2x in its own process)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage

from somedesk.gui.planner.tones import contrast
from somedesk.gui.planner.week_layout import HEADER_HEIGHT
from somedesk.gui.planner.week_painter import Painted, PaintRecord

SLACK = 0.5  # antialiasing: rectangles that merely touch do not overlap


def overlap(a: QRectF, b: QRectF) -> bool:
    both = a.intersected(b)
    return both.width() > SLACK and both.height() > SLACK


def name(item: Painted) -> str:
    owner = item.owner
    if isinstance(owner, tuple):
        owner = owner[0] if not isinstance(owner[0], str) else owner
    kind = type(owner).__name__ if not isinstance(owner, tuple) else str(owner)
    what = f"{item.text!r}" if item.text else ("mark" if item.text == "" else "shape")
    r = item.rect
    return f"{kind} {what} at ({r.x():.0f},{r.y():.0f} {r.width():.0f}x{r.height():.0f})"


def key(owner: object) -> object:
    """Who painted it: the layout item itself, or ("day", 2), or (a proposal, "✓") for its button."""
    if isinstance(owner, tuple):
        return tuple(part if isinstance(part, str | int) else id(part) for part in owner)
    return id(owner)


def _same(a: object, b: object) -> bool:
    return key(a) == key(b)


def covered_words(record: PaintRecord) -> list[str]:
    """Every time something was painted over words (or a mark) that belong to something else."""
    problems = []
    items = record.items
    for index, under in enumerate(items):
        if not under.is_text:
            continue
        for over in items[index + 1 :]:
            if not _same(over.owner, under.owner) and overlap(over.rect, under.rect):
                problems.append(f"{name(over)} covers {name(under)}")
    return problems


def cut_words(record: PaintRecord, width: float, height: float) -> list[str]:
    """Words that run out of their own shape, into the headers (when not a header's) or off the grid."""
    problems = []
    shapes: dict[object, QRectF] = {}
    for item in record.items:
        if item.text is None:
            shapes.setdefault(key(item.owner), item.rect)
    for item in record.items:
        if not item.text:
            continue
        rect = item.rect
        box = shapes.get(key(item.owner))
        if box is not None and not box.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
            problems.append(f"{name(item)} runs out of its box {box}")
        is_header = isinstance(item.owner, tuple) and item.owner[:1] == ("day",)
        top = 0 if is_header else HEADER_HEIGHT
        if (
            rect.top() < top - SLACK
            or rect.bottom() > height + SLACK
            or rect.left() < -SLACK
            or rect.right() > width + SLACK
        ):
            problems.append(f"{name(item)} is cut by the grid's edge")
    return problems


def background(image: QImage, rect: QRectF, ratio: float) -> QColor:
    """The colour most of `rect`'s pixels have in `image` (words cover few of them): what it is on."""
    counts: dict[int, int] = {}
    left, top = int(rect.left() * ratio) + 1, int(rect.top() * ratio) + 1
    right, bottom = int(rect.right() * ratio) - 1, int(rect.bottom() * ratio) - 1
    for y in range(max(top, 0), min(bottom, image.height())):
        for x in range(max(left, 0), min(right, image.width())):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    return QColor.fromRgb(max(counts, key=lambda k: counts[k])) if counts else QColor()


def unreadable_words(record: PaintRecord, image: QImage, ratio: float, least: float) -> list[str]:
    """Words whose colour contrasts less than `least` with what is painted around them."""
    problems = []
    for item in record.items:
        if not item.text or item.colour is None:
            continue
        under = background(image, item.rect, ratio)
        if not under.isValid():
            continue
        ratio_found = contrast(item.colour, under)
        if ratio_found < least:
            colours = f"{item.colour.name()} on {under.name()}"
            problems.append(f"{name(item)}: {colours} contrasts {ratio_found:.2f} (< {least})")
    return problems
