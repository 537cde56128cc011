"""A dark palette: the planner's message bar takes its colours from the palette (it was a light pink or
light blue box with dark text, whatever the palette). The week's own colours in a dark palette are
checked in test_planner_layout.py (every text against what it is drawn on)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from somedesk.gui.planner.message_bar import MessageBar
from tests.gui.palettes import dark_palette


def test_the_message_bar_is_dark_on_a_dark_palette(qtbot):
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.setPalette(dark_palette())
    bar.resize(400, 40)
    bar.show()
    for show in (bar.show_error, bar.show_info):
        show("Something happened")
        image = bar.grab().toImage()
        ratio = image.devicePixelRatio()
        fill = image.pixelColor(int(200 * ratio), int(3 * ratio))
        assert fill.lightnessF() < 0.35, fill.name()
        text = QColor(bar.label.palette().color(bar.label.foregroundRole()))
        assert text.lightnessF() > 0.7, text.name()
