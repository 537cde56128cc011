"""A line above the week for what just happened or what went wrong: shown in place, never a modal."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from somedesk.gui.planner.tones import palette_is_dark

INFO_SECONDS = 8
_STYLE = (
    "QFrame#messageBar {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
    " QLabel {{ color: {text}; }}"
)
# (light, dark): chosen by the palette's window lightness; each text colour reads at >= 4.5:1 on its fill.
_COLOURS = {
    "error": (
        {"background": "#fdecea", "border": "#e0a39c", "text": "#7f1d1d"},
        {"background": "#3c1f1d", "border": "#8c3b35", "text": "#f6c4be"},
    ),
    "info": (
        {"background": "#e8f1fb", "border": "#a9c5e8", "text": "#0d3c6e"},
        {"background": "#172a3f", "border": "#3d5f86", "text": "#c6ddf6"},
    ),
}


def message_style(kind: str, dark: bool) -> str:
    light_colours, dark_colours = _COLOURS[kind]
    return _STYLE.format(**(dark_colours if dark else light_colours))


class MessageBar(QFrame):
    """Hidden until there is something to say. Errors stay until closed or replaced; news fades."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.kind = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName(self.tr("Close message"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self._fade = QTimer(self, singleShot=True, interval=INFO_SECONDS * 1000)
        self._fade.timeout.connect(self.clear)
        self.setVisible(False)

    @property
    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def show_error(self, text: str) -> None:
        self._show("error", text)
        self._fade.stop()

    def show_info(self, text: str) -> None:
        self._show("info", text)
        self._fade.start()

    def clear(self) -> None:
        self.kind = ""
        self.label.clear()
        self.setVisible(False)

    def _show(self, kind: str, text: str) -> None:
        self.kind = kind
        self._restyle()
        self.label.setText(text)
        self.setVisible(True)

    def _restyle(self) -> None:
        # The window's palette, not the bar's own: a style sheet rewrites the palette of what it styles.
        style = message_style(self.kind, palette_is_dark(self.window().palette())) if self.kind else ""
        if style != self.styleSheet():
            self.setStyleSheet(style)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()  # a light or dark theme chosen while the planner is open
