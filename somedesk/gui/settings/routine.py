"""The Routine page: time zone, workdays, the usual day, weekdays that differ, quiet hours and the
engine's two minute settings — all `[routine]` in config.toml."""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QSpinBox,
    QWidget,
)

from somedesk.core.config import Config
from somedesk.core.routine import DEFAULT_DAY, DEFAULT_QUIET, WEEKDAY_NAMES, DayPlan
from somedesk.gui.context import GuiContext
from somedesk.gui.settings.common import ConfigPage
from somedesk.gui.settings.widgets import DayPlanEdit, WindowEdit
from somedesk.sources.configwriter import REMOVE, window_value, windows_value

_PLAN_KEYS = ("work_hours", "lunch", "commutes")


def _plan_value(plan: DayPlan, key: str) -> object:
    return windows_value(plan.commutes) if key == "commutes" else window_value(getattr(plan, key))


def day_name(weekday: int) -> str:
    """Monday, tiistai, … in the person's language (QLocale counts from Monday = 1).

    The standalone name: Finnish writes "maanantai" in a list, "maanantaina" in a date."""
    return QLocale().standaloneDayName(weekday + 1, QLocale.FormatType.LongFormat)


class RoutinePage(ConfigPage):
    """The person's week as the micro-moment engine reads it."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Routine")
        self._overrides: dict[int, DayPlan | None] = {}
        self._shown_day = 0

        self.heading(self.tr("Your week"))
        week = self.form()
        self.zone = QComboBox(self)
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(sorted(zoneinfo.available_timezones()))
        completer = self.zone.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        week.addRow(self.tr("Time zone"), self.zone)
        days = QHBoxLayout()
        self.workdays: list[QCheckBox] = []
        for weekday in range(7):
            box = QCheckBox(QLocale().dayName(weekday + 1, QLocale.FormatType.ShortFormat), self)
            self.workdays.append(box)
            days.addWidget(box)
        days.addStretch(1)
        week.addRow(self.tr("Workdays"), days)
        self.quiet = WindowEdit(self, optional=self.tr("Evenings off"))
        week.addRow(self.tr("Quiet hours"), self.quiet)
        self.quiet.name_times(self.tr("Quiet hours"))
        self.note(self.tr("Nothing is suggested or posted in quiet hours; they may wrap past midnight."))

        self.heading(self.tr("A usual workday"))
        self.usual = DayPlanEdit(DEFAULT_DAY, self)
        self.body.addWidget(self.usual)

        self.heading(self.tr("Days that differ"))
        pick = QHBoxLayout()
        self.day = QComboBox(self)
        self.day.addItems([day_name(d) for d in range(7)])
        self.day.setAccessibleName(self.tr("Weekday that differs"))  # under a heading, not a label
        self.differs = QCheckBox(self.tr("differs from a usual workday"), self)
        pick.addWidget(self.day)
        pick.addWidget(self.differs)
        pick.addStretch(1)
        self.body.addLayout(pick)
        self.override = DayPlanEdit(DEFAULT_DAY, self)
        self.body.addWidget(self.override)
        self.day.currentIndexChanged.connect(self._show_day)
        self.differs.toggled.connect(self._differs_toggled)

        self.heading(self.tr("Moments"))
        minutes = self.form()
        self.before_meeting = self._minutes_box()
        self.min_moment = self._minutes_box()
        minutes.addRow(self.tr("Before a meeting"), self.before_meeting)
        minutes.addRow(self.tr("Shortest moment worth suggesting"), self.min_moment)
        self.body.addStretch(1)
        self.load(ctx.app.config)

    def _minutes_box(self) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(0, 240)
        box.setSuffix(self.tr(" min"))
        return box

    # Loading and comparing -----------------------------------------------------------------

    def load(self, config: Config) -> None:
        routine = config.routine
        self.zone.setCurrentText(routine.zone.key)
        for weekday, box in enumerate(self.workdays):
            box.setChecked(weekday in routine.workdays)
        self.quiet.set_value(routine.quiet_hours, DEFAULT_QUIET)
        self.usual.set_value(routine.default_day)
        self._overrides = {d: routine.day_overrides.get(d) for d in range(7)}
        self._shown_day = self.day.currentIndex()
        self._fill_override()
        self.before_meeting.setValue(routine.before_meeting_minutes)
        self.min_moment.setValue(routine.min_moment_minutes)

    def _fill_override(self) -> None:
        plan = self._overrides[self._shown_day]
        self.differs.blockSignals(True)
        self.differs.setChecked(plan is not None)
        self.differs.blockSignals(False)
        self.override.set_value(plan or self.usual.value())
        self.override.setEnabled(plan is not None)

    def _keep_override(self) -> None:
        """Remember the weekday on screen before another is shown (or the page is applied)."""
        self._overrides[self._shown_day] = self.override.value() if self.differs.isChecked() else None

    def _show_day(self, weekday: int) -> None:
        self._keep_override()
        self._shown_day = weekday
        self._fill_override()

    def _differs_toggled(self, on: bool) -> None:
        if on:
            self.override.set_value(self.usual.value())
        self.override.setEnabled(on)
        self._keep_override()

    def show_weekday(self, weekday: int) -> None:
        self.day.setCurrentIndex(weekday)

    def changes(self, config: Config) -> Mapping[str, object]:
        self._keep_override()
        routine = config.routine
        changes: dict[str, object] = {}
        zone = self.zone.currentText().strip()
        if zone != routine.zone.key:
            changes["routine.timezone"] = zone
        workdays = frozenset(d for d, box in enumerate(self.workdays) if box.isChecked())
        if workdays != routine.workdays:
            changes["routine.workdays"] = [WEEKDAY_NAMES[d] for d in sorted(workdays)]
        usual = self.usual.value()
        for key in _PLAN_KEYS:
            if _plan_value(usual, key) != _plan_value(routine.default_day, key):
                changes[f"routine.{key}"] = _plan_value(usual, key)
        if self.quiet.value() != routine.quiet_hours:
            changes["routine.quiet_hours"] = window_value(self.quiet.value())
        for value, key, old in (
            (self.before_meeting.value(), "before_meeting_minutes", routine.before_meeting_minutes),
            (self.min_moment.value(), "min_moment_minutes", routine.min_moment_minutes),
        ):
            if value != old:
                changes[f"routine.{key}"] = value
        for weekday in range(7):
            changes.update(self._override_changes(weekday, config))
        return changes

    def _override_changes(self, weekday: int, config: Config) -> dict[str, object]:
        name = WEEKDAY_NAMES[weekday]
        old = config.routine.day_overrides.get(weekday)
        new = self._overrides[weekday]
        if new is None:
            return {f"routine.days.{name}": REMOVE} if old is not None else {}
        # Only what differs from what the day is now: keys the file leaves out keep following the
        # usual day, as the person wrote it.
        current = old or config.routine.default_day
        return {
            f"routine.days.{name}.{key}": _plan_value(new, key)
            for key in _PLAN_KEYS
            if _plan_value(new, key) != _plan_value(current, key)
        }
