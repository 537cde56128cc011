"""A line above the week for what just happened or what went wrong: shown in place, never a modal."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

INFO_SECONDS = 8
_STYLES = {
    "error": "QFrame#messageBar { background: #fdecea; border: 1px solid #e0a39c; border-radius: 4px; }"
    " QLabel { color: #7f1d1d; }",
    "info": "QFrame#messageBar { background: #e8f1fb; border: 1px solid #a9c5e8; border-radius: 4px; }"
    " QLabel { color: #0d3c6e; }",
}


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
            self.setStyleSheet(_STYLES[kind])
        self.kind = kind
        self.label.setText(text)
        self.setVisible(True)
