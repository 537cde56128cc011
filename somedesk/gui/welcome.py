"""The first start: a short welcome that says what somedesk does and offers the four ways in — your
week, your calendar, your accounts (or the Sandbox, to try things safely), or the team file your
communications team prepared, which sets up most of it at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from somedesk.app.team import TeamReport
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.geometry import remember_geometry

WELCOMED_KEY = "welcomed"  # a store setting: set once the welcome was closed, so it shows only once


def should_welcome(ctx: GuiContext) -> bool:
    """A first start: no config file of the person's own and the welcome never closed."""
    app = ctx.app
    return not app.paths.config_file.exists() and app.store.setting(WELCOMED_KEY) is None


class WelcomeWindow(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Welcome — somedesk"))
        self.background = Background(self)
        title = QLabel(self.tr("Welcome to somedesk"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "somedesk finds the small free moments of your week — the commute, the walk to lunch, the "
                "minutes before a meeting — and posts what you wrote then, or reminds you."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        self.team_button = self._step(
            layout,
            self.tr("I have a team file…"),
            self.tr("Your communications team's file sets up the policy, news feeds, Slack and the apps."),
        )
        self.week_button = self._step(
            layout,
            self.tr("Your week…"),
            self.tr("Work hours, lunch and commutes: when a moment to post can come."),
        )
        self.calendar_button = self._step(
            layout,
            self.tr("Your calendar…"),
            self.tr("So meetings are busy time, and the minutes before them a moment."),
        )
        self.accounts_button = self._step(
            layout,
            self.tr("Your accounts…"),
            self.tr(
                "Connect LinkedIn and X — or try everything with the Sandbox first: nothing leaves your "
                "computer."
            ),
        )
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.start_button = QPushButton(self.tr("Open my week"), self)
        self.start_button.setDefault(True)
        self.later_button = QPushButton(self.tr("Later"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)
        self.team_button.clicked.connect(self.ask_team_file)
        self.week_button.clicked.connect(lambda: self._open("settings:routine"))
        self.calendar_button.clicked.connect(lambda: self._open("settings:calendars"))
        self.accounts_button.clicked.connect(lambda: self._open("settings:accounts"))
        self.start_button.clicked.connect(self.start)
        self.later_button.clicked.connect(self.close)
        self.resize(560, 460)
        remember_geometry(self, ctx, "welcome")

    def _step(self, layout: QVBoxLayout, button_text: str, note: str) -> QPushButton:
        button = QPushButton(button_text, self)
        button.setMinimumWidth(180)
        label = QLabel(note, self)
        label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(label, 1)
        layout.addLayout(row)
        return button

    def _open(self, name: str) -> None:
        self.ctx.open_window(name)

    def start(self) -> None:
        self.ctx.open_window("planner")
        self.close()

    # The team file ------------------------------------------------------------------------------

    def ask_team_file(self) -> None:
        source, ok = QInputDialog.getText(
            self,
            self.tr("Join a team file"),
            self.tr("The team file your communications team gave you: a file path or an https:// address"),
        )
        if ok and source.strip():
            self.join(source.strip())

    def join(self, source: str) -> None:
        team = self.ctx.app.team
        self.team_button.setEnabled(False)
        self.result.setText(self.tr("Reading the team file…"))
        self.background.run(lambda: team.join(source), self._joined, self._not_joined)

    def _joined(self, report: TeamReport) -> None:
        self.team_button.setEnabled(True)
        who = report.organisation or self.tr("your team")
        lines = [
            self.tr("You are set up by {name}. Connect your accounts to start posting.").format(name=who)
        ]
        lines += report.problems
        self.result.setText("\n".join(lines))
        self.ctx.notify_changed()

    def _not_joined(self, message: str) -> None:
        self.team_button.setEnabled(True)
        self.result.setText(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.app.store.set_setting(WELCOMED_KEY, "yes")
        super().closeEvent(event)
