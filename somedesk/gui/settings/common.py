"""What the Settings pages share: a message line shown in place, background work that reports back on
the GUI thread, and the page kind whose fields live in config.toml (Apply writes them, Revert reloads)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from somedesk.core.config import Config
from somedesk.core.errors import UserError
from somedesk.gui.context import GuiContext
from somedesk.gui.messages import user_message

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #b45309;"


class Message(QLabel):
    """One line (or a few) of feedback where the person is looking: errors in red, never a traceback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.is_error = False

    def error(self, text: str) -> None:
        self.is_error = True
        self.setStyleSheet(ERROR_STYLE)
        self.setText(text)

    def info(self, text: str) -> None:
        self.is_error = False
        self.setStyleSheet("")
        self.setText(text)


class Page(QWidget):
    """A Settings page: a scrolling body, then a message line and the page's buttons."""

    title = ""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.body = QVBoxLayout()
        inner = QWidget()
        inner.setLayout(self.body)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Pages are laid out to the window's width (their notes wrap); only a tall page scrolls.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.message = Message(self)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.message)
        outer.addLayout(self.buttons)

    def heading(self, text: str) -> QLabel:
        if self.body.count():
            self.body.addSpacing(10)
        label = QLabel(f"<b>{text}</b>", self)
        self.body.addWidget(label)
        return label

    def form(self) -> QFormLayout:
        """A label–field form added to the body; fields keep their natural width, as in most dialogs."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.body.addLayout(form)
        return form

    def note(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        label.setPalette(palette)
        self.body.addWidget(label)
        return label


class ConfigPage(Page):
    """A page whose fields are config.toml values: Apply writes only what changed, Revert reloads.

    Subclasses fill their fields in `load` and say what changed in `changes` (dotted key -> value, as
    configwriter takes them); the file is validated with the CLI's rules, and a mistake is shown here.

    Signals:
        saved: the config file was written and the app uses the new config.
    """

    saved = Signal()

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setDefault(True)
        self.revert_button.clicked.connect(self.revert)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.addWidget(self.revert_button)
        self.buttons.addWidget(self.apply_button)

    def load(self, config: Config) -> None:
        raise NotImplementedError

    def changes(self, config: Config) -> Mapping[str, object]:
        raise NotImplementedError

    def revert(self) -> None:
        self.load(self.ctx.app.config)
        self.message.info("")

    def apply(self) -> bool:
        """Write what changed; True when the file (and the app) now hold what the page shows."""
        try:
            changes = self.changes(self.ctx.app.config)
        except UserError as error:
            self.message.error(user_message(error))
            return False
        if not changes:
            self.message.info(self.tr("Nothing changed."))
            return True
        try:
            config = self.ctx.app.change_config(changes)
        except UserError as error:
            self.message.error(user_message(error))
            return False
        self.load(config)
        self.message.info(self.tr("Saved to {path}").format(path=self.ctx.app.paths.config_file))
        self.ctx.notify_changed()  # the runtime and the other windows follow the new settings
        self.saved.emit()
        return True
