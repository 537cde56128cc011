"""Words and times the core hands over in English, shown in the person's language: moment labels
("Lunch", "Before “Weekly sync”") and clock times in their locale's style (11:30, or 11.30 in Finnish)."""

from __future__ import annotations

import re
from datetime import datetime, time, tzinfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from somedesk.app.scheduling import CUSTOM_LABEL
from somedesk.core.model import UNTITLED_LABEL, Moment, MomentKind

# The core's before-meeting label, `Before “title”`, with the title already shortened to fit.
_BEFORE = re.compile(r"^Before “(?P<title>.*)”$", re.DOTALL)


# A post whose text the policy flags is marked before its words, in the queue and on the planner's
# cards alike (app/gate.py's Mark values).
POLICY_SIGNS = {"blocked": "⛔ ", "warned": "⚠ ", "accepted": "⚠ "}


def _routine_names() -> dict[str, str]:
    """The labels core/moments.py gives the routine's moments, each in the person's language."""
    return {
        "Morning commute": QCoreApplication.translate("MomentLabel", "Morning commute"),
        "Evening commute": QCoreApplication.translate("MomentLabel", "Evening commute"),
        "Commute": QCoreApplication.translate("MomentLabel", "Commute"),
        "Lunch": QCoreApplication.translate("MomentLabel", "Lunch"),
        UNTITLED_LABEL: QCoreApplication.translate("MomentLabel", "Before a meeting"),
    }


def _before(title: str) -> str:
    return QCoreApplication.translate("MomentLabel", "Before “{title}”").format(title=title)


def moment_label(moment: Moment) -> str:
    """A moment's label from its kind (and, before a meeting, the meeting's title)."""
    names = _routine_names()
    if moment.kind is MomentKind.BEFORE_MEETING:
        if not moment.event:
            return names[UNTITLED_LABEL]
        shortened = _BEFORE.match(moment.label)
        return _before(shortened["title"] if shortened else moment.event)
    if moment.label in names:
        return names[moment.label]
    if moment.kind is MomentKind.LUNCH:
        return names["Lunch"]
    return names["Commute"]


def stored_label(label: str | None) -> str:
    """A post's moment as the store keeps it: the English label from when it was scheduled, or
    "Chosen time" for a time outside every moment."""
    if not label:
        return ""
    if label == CUSTOM_LABEL:
        return QCoreApplication.translate("MomentLabel", "Chosen time")
    names = _routine_names()
    if label in names:
        return names[label]
    before = _BEFORE.match(label)
    return _before(before["title"]) if before else label


def clock_format(locale: QLocale | None = None) -> str:
    """The locale's 24-hour clock as a QLocale format: "HH:mm", or "H.mm" in Finnish.

    A 12-hour locale (en_US) gets "HH:mm": the planner's grid and the routine are 24-hour.
    """
    shown = (locale or QLocale()).timeFormat(QLocale.FormatType.ShortFormat)
    return shown if shown and "h" not in shown and "s" not in shown else "HH:mm"


def clock(at: datetime | time) -> str:
    """A wall-clock time ("11:30", "11.30") in the default locale's style; `at` is already local."""
    return QLocale().toString(QTime(at.hour, at.minute), clock_format())


def local_text(instant: datetime, zone: tzinfo) -> str:
    """ "Mon 7 Dec 09:45" ("ma 7.12. 9.45") in `zone`, in the person's language."""
    local = instant.astimezone(zone)
    # The date's pattern is the translation's (QLocale format letters); the names are the locale's.
    # Its context stays "QueueModel", where it was first written, so that its translation is kept.
    pattern = QCoreApplication.translate("QueueModel", "ddd d MMM", "date format: Mon 7 Dec")
    return f"{QLocale().toString(QDate(local.year, local.month, local.day), pattern)} {clock(local)}"
