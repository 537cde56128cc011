"""Editors for the routine's wall-clock pieces: one window ("08:30–16:30", maybe switched off), a list of
windows (commutes), and one day's plan made of them."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from somedesk.core.routine import ClockWindow, DayPlan
from somedesk.gui.labels import clock_format


def to_qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


def time_edit(parent: QWidget) -> QTimeEdit:
    edit = QTimeEdit(parent)
    edit.setDisplayFormat(clock_format())  # 08:30, or 8.30 in Finnish
    return edit


class WindowEdit(QWidget):
    """A start–end pair of times; `optional` adds a checkbox that switches the window off."""

    def __init__(self, parent: QWidget | None = None, *, optional: str = "") -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(optional, self) if optional else None
        self.start = time_edit(self)
        self.end = time_edit(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.enabled is not None:
            layout.addWidget(self.enabled)
            self.enabled.toggled.connect(self._sync)
        layout.addWidget(self.start)
        layout.addWidget(QLabel("–", self))
        layout.addWidget(self.end)
        layout.addStretch(1)

    def name_times(self, what: str) -> None:
        """Name the two times for a screen reader ("Lunch start"): the form's label is the row's, and
        the "–" between them says nothing."""
        self.start.setAccessibleName(self.tr("{what} start").format(what=what))
        self.end.setAccessibleName(self.tr("{what} end").format(what=what))

    def value(self) -> ClockWindow | None:
        if self.enabled is not None and not self.enabled.isChecked():
            return None
        return ClockWindow(from_qtime(self.start.time()), from_qtime(self.end.time()))

    def set_value(self, window: ClockWindow | None, fallback: ClockWindow | None = None) -> None:
        """Show `window`; when it is off, the times show `fallback` for the person to switch on."""
        shown = window or fallback
        if shown is not None:
            self.start.setTime(to_qtime(shown.start))
            self.end.setTime(to_qtime(shown.end))
        if self.enabled is not None:
            self.enabled.setChecked(window is not None)
        self._sync()

    def _sync(self) -> None:
        on = self.enabled is None or self.enabled.isChecked()
        self.start.setEnabled(on)
        self.end.setEnabled(on)


class WindowListEdit(QWidget):
    """Any number of windows (the commutes), each with a Remove button, and an Add button."""

    def __init__(
        self, add_text: str, new_window: ClockWindow, parent: QWidget | None = None, *, item_name: str = ""
    ) -> None:
        super().__init__(parent)
        self._new_window = new_window
        self._item_name = item_name  # what each window is called by a screen reader ("Commute")
        self._rows: list[tuple[QWidget, WindowEdit, QPushButton]] = []
        self._list = QVBoxLayout()
        self._list.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(add_text, self)
        self.add_button.clicked.connect(lambda: self.add(self._new_window))
        self.none_label = QLabel(self.tr("None"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.none_label)
        layout.addLayout(self._list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add(self, window: ClockWindow) -> WindowEdit:
        row = QWidget(self)
        edit = WindowEdit(row)
        edit.set_value(window)
        if self._item_name:
            edit.name_times(self._item_name)
        remove = QPushButton(self.tr("Remove"), row)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(edit)
        line.addWidget(remove)
        line.addStretch(1)
        self._list.addWidget(row)
        self._rows.append((row, edit, remove))
        remove.clicked.connect(lambda: self._remove(row))
        self.none_label.setVisible(False)
        return edit

    def _remove(self, row: QWidget) -> None:
        self._rows = [entry for entry in self._rows if entry[0] is not row]
        self._list.removeWidget(row)
        row.deleteLater()
        self.none_label.setVisible(not self._rows)

    def editors(self) -> list[WindowEdit]:
        return [edit for _, edit, _ in self._rows]

    def remove_buttons(self) -> list[QPushButton]:
        return [remove for _, _, remove in self._rows]

    def value(self) -> tuple[ClockWindow, ...]:
        return tuple(w for _, edit, _ in self._rows if (w := edit.value()) is not None)

    def set_value(self, windows: tuple[ClockWindow, ...]) -> None:
        for row, _, _ in list(self._rows):
            self._remove(row)
        for window in windows:
            self.add(window)


class DayPlanEdit(QWidget):
    """One day: work hours and lunch (each may be off) and the commutes."""

    def __init__(self, defaults: DayPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._defaults = defaults
        self.work_hours = WindowEdit(self, optional=self.tr("Working"))
        self.lunch = WindowEdit(self, optional=self.tr("Lunch break"))
        first_commute = defaults.commutes[0] if defaults.commutes else ClockWindow(time(7, 45), time(8, 15))
        self.commutes = WindowListEdit(
            self.tr("Add a commute"), first_commute, self, item_name=self.tr("Commute")
        )
        self.work_hours.name_times(self.tr("Work hours"))
        self.lunch.name_times(self.tr("Lunch"))
        # The same width for both switches, so the times line up under each other.
        switches = [e.enabled for e in (self.work_hours, self.lunch) if e.enabled is not None]
        width = max(box.sizeHint().width() for box in switches)
        for box in switches:
            box.setMinimumWidth(width)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Work hours"), self.work_hours)
        form.addRow(self.tr("Lunch"), self.lunch)
        form.addRow(self.tr("Commutes"), self.commutes)

    def value(self) -> DayPlan:
        return DayPlan(self.work_hours.value(), self.lunch.value(), self.commutes.value())

    def set_value(self, plan: DayPlan) -> None:
        self.work_hours.set_value(plan.work_hours, self._defaults.work_hours)
        self.lunch.set_value(plan.lunch, self._defaults.lunch)
        self.commutes.set_value(plan.commutes)
