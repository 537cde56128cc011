"""The system-tray icon and its menu: Quick post, the next moment, windows, pause, quit."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from somedesk.core.changes import Change
from somedesk.gui.context import GuiContext
from somedesk.gui.icons import app_icon

log = logging.getLogger(__name__)
STARTUP_DELAY_MS = 1500


class Tray(QObject):
    """Owns the QSystemTrayIcon; activating the icon opens Quick post.

    Signals:
        next_ready(str): the "Next: …" line, computed on a worker thread (moments may read calendars).
    """

    next_ready = Signal(str)

    def __init__(self, ctx: GuiContext, quit_app: Callable[[], None]) -> None:
        super().__init__()
        self.ctx = ctx
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setToolTip("somedesk")
        self.menu = QMenu()
        self.next_line = QAction("", self.menu)
        self.next_line.setEnabled(False)
        self._build_menu(quit_app)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.next_ready.connect(self.next_line.setText)
        ctx.bridge.changed.connect(self._changed)
        ctx.bridge.confirmed.connect(self.confirm)
        self.icon.messageClicked.connect(self._message_clicked)
        self.undo: Callable[[], None] | None = None  # what clicking the last confirmation undoes
        self.last_message = ""
        # Later, not at start-up: finding moments loads the calendar code, which would slow the start.
        self.next_line.setText(self.tr("Next: looking…"))
        self.resume_action.setEnabled(self.ctx.app.paused_until() is not None)
        QTimer.singleShot(STARTUP_DELAY_MS, self, self.refresh)

    def _build_menu(self, quit_app: Callable[[], None]) -> None:
        self.menu.addAction(self.tr("Quick post…"), lambda: self.ctx.open_window("quick-post"))
        self.menu.addAction(self.next_line)
        self.menu.addSeparator()
        self.menu.addAction(self.tr("Planner"), lambda: self.ctx.open_window("planner"))
        self.menu.addAction(self.tr("Queue"), lambda: self.ctx.open_window("queue"))
        pause = self.menu.addMenu(self.tr("Pause publishing"))
        pause.addAction(self.tr("For 1 hour"), lambda: self._pause(timedelta(hours=1)))
        pause.addAction(self.tr("Until tomorrow"), self._pause_until_tomorrow)
        pause.addAction(self.tr("Until I resume"), lambda: self._pause(None))
        self.resume_action = pause.addAction(self.tr("Resume"), self._resume)
        self.menu.addAction(self.tr("Settings"), lambda: self.ctx.open_window("settings"))
        self.menu.addSeparator()
        self.menu.addAction(self.tr("Quit"), quit_app)

    def show(self) -> None:
        self.icon.show()

    def _changed(self, what: Change) -> None:
        # "Next: Lunch 11:30 · 2 drafts ready" and Resume: the schedule, the drafts and the routine.
        if what & (Change.DRAFTS | Change.PUBLICATIONS | Change.CONFIG):
            self.refresh()

    def refresh(self) -> None:
        try:
            self.resume_action.setEnabled(self.ctx.app.paused_until() is not None)
        except Exception:  # e.g. the store already closed at shutdown: the tray is a convenience
            log.exception("tray refresh failed")
            return
        threading.Thread(target=self._compute_next, name="tray-next", daemon=True).start()

    def _compute_next(self) -> None:
        try:
            self.next_ready.emit(self.next_moment_text())
        except Exception:  # the tray line is a convenience: never let it take the app down
            log.exception("could not work out the next moment")

    def next_moment_text(self) -> str:
        from somedesk.gui.labels import clock, moment_label  # not at start-up: the line comes later

        app = self.ctx.app
        now = app.clock()
        found = app.moments(now, now + timedelta(days=7)).moments
        upcoming = next((m for m in found if m.end > now), None)
        ready = sum(1 for d in app.drafts() if all(p.state.value == "draft" for p in d.publications))
        if upcoming is None:
            return self.tr("No moment in the next 7 days")
        when = upcoming.start.astimezone(app.config.routine.zone)
        weekday = QLocale().dayName(when.isoweekday(), QLocale.FormatType.ShortFormat)
        day = "" if when.date() == app.today() else f"{weekday} "
        return self.tr("Next: {label} {day}{time} · %n draft(s) ready", "", ready).format(
            label=moment_label(upcoming), day=day, time=clock(when)
        )

    def confirm(self, line: str, undo: Callable[[], None] | None) -> None:
        """Say where a post went once its window has closed ("Scheduled for Tue 07:45 (Morning
        commute)"); clicking the message undoes it when it can be undone."""
        self.undo = undo
        text = line if undo is None else self.tr("{line} — click to undo").format(line=line)
        self.last_message = text
        if QSystemTrayIcon.supportsMessages():
            self.icon.showMessage("somedesk", text, QSystemTrayIcon.MessageIcon.Information, 6000)

    def _message_clicked(self) -> None:
        undo, self.undo = self.undo, None
        if undo is not None:
            undo()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.ctx.open_window("quick-post")

    def _pause(self, length: timedelta | None) -> None:
        self.ctx.app.pause(self.ctx.app.clock() + length if length else None)
        self.ctx.notify_changed()

    def _pause_until_tomorrow(self) -> None:
        self.ctx.app.pause(self.ctx.app.tomorrow_morning())
        self.ctx.notify_changed()

    def _resume(self) -> None:
        self.ctx.app.resume()
        self.ctx.notify_changed()


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()
