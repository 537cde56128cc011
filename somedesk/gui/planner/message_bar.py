"""A line above the week for what just happened or what went wrong: shown in place, never a modal."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

INFO_SECONDS = 8
# The accent of each kind; the bar's fill and edge are mixed from it and the palette's base, and the
# text keeps the palette's own colour, so the bar reads in a light palette and a dark one alike.
_ACCENTS = {"error": QColor("#d32f2f"), "info": QColor("#1e6fd9")}


def _mix(a: QColor, b: QColor, amount: float) -> str:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    ).name()


def bar_style(kind: str, palette: QPalette) -> str:
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    accent = _ACCENTS[kind]
    return (
        f"QFrame#messageBar {{ background: {_mix(base, accent, 0.16)}; "
        f"border: 1px solid {_mix(base, accent, 0.55)}; border-radius: 4px; }}"
        f" QLabel {{ color: {text.name()}; }}"
    )


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
        if kind != self.kind:
            self.setStyleSheet(bar_style(kind, self.palette()))
        self.kind = kind
        self.label.setText(text)
        self.setVisible(True)
