"""The GUI tests' dark palette, which scripts/screenshots.py draws its dark pictures with too."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def dark_palette() -> QPalette:
    """A dark desktop theme's palette (as GNOME's or KDE's dark themes give Qt): the GUI tests' and
    scripts/screenshots.py's one dark palette."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#18191b"),
        (QPalette.ColorRole.AlternateBase, "#25262a"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#2b2c30"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Mid, "#3c3d41"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
        (QPalette.ColorRole.Highlight, "#8ab4f8"),
        (QPalette.ColorRole.HighlightedText, "#202124"),
        (QPalette.ColorRole.ToolTipBase, "#2b2c30"),
        (QPalette.ColorRole.ToolTipText, "#e8eaed"),
    ):
        palette.setColor(role, QColor(colour))
    return palette
