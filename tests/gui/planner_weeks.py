"""Realistic weeks for the planner's layout tests: an all-day out-of-office, 15-minute stand-ups, a long
workshop, several posts and Plan my week's proposals (the week of Monday 2026-12-07, Helsinki)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from somedesk.core.config import CalendarSettings
from somedesk.core.model import Network
from somedesk.core.routine import local_instant
from somedesk.gui.context import GuiContext

from .conftest import HELSINKI

MONDAY = date(2026, 12, 7)

_EVENT = """BEGIN:VEVENT
UID:{uid}@somedesk.test
DTSTAMP:20261201T000000Z
SUMMARY:{title}
{extra}DTSTART{start}
DTEND{end}
END:VEVENT
"""


def _timed(day: int, hour: int, minute: int) -> str:
    moment = datetime.combine(MONDAY + timedelta(days=day), time(hour, minute))
    return f";TZID=Europe/Helsinki:{moment:%Y%m%dT%H%M%S}"


def _all_day(day: int) -> str:
    return f";VALUE=DATE:{MONDAY + timedelta(days=day):%Y%m%d}"


def busy_calendar() -> str:
    """Monday out of office all day; a 15-minute stand-up at 09:00 Tuesday to Friday; a workshop on
    Wednesday 10:00-15:30; a 1:1 on Thursday 13:00-13:30 and a long review on Friday 12:30-14:30."""
    events = [
        _EVENT.format(
            uid="ooo",
            title="Out of office: customer visit in Tampere",
            extra="X-MICROSOFT-CDO-BUSYSTATUS:OOF\nTRANSP:OPAQUE\n",
            start=_all_day(0),
            end=_all_day(1),
        ),
        _EVENT.format(
            uid="workshop",
            title="Workshop: planning the spring campaign",
            extra="",
            start=_timed(2, 10, 0),
            end=_timed(2, 15, 30),
        ),
        _EVENT.format(
            uid="one", title="1:1 with Anna", extra="", start=_timed(3, 13, 0), end=_timed(3, 13, 30)
        ),
        _EVENT.format(
            uid="review", title="Quarterly review", extra="", start=_timed(4, 12, 30), end=_timed(4, 14, 30)
        ),
    ]
    events += [
        _EVENT.format(
            uid=f"standup{day}", title="Stand-up", extra="", start=_timed(day, 9, 0), end=_timed(day, 9, 15)
        )
        for day in range(1, 5)
    ]
    return (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//somedesk//tests//EN\n" + "".join(events) + "END:VCALENDAR\n"
    )


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return local_instant(MONDAY + timedelta(days=day), time(hour, minute), HELSINKI)


# (text, networks, day, hour, minute): posts at the stand-ups, in the workshop, two at the same time.
POSTS = [
    ("What a customer visit teaches you about your own product", [Network.LINKEDIN], 1, 9, 0),
    ("Why we start every morning with fifteen minutes together", [Network.X], 1, 9, 5),
    ("Workshop notes: three ideas for the spring campaign", [Network.LINKEDIN, Network.X], 2, 10, 0),
    ("A thread on planning a campaign in one afternoon", [Network.X], 2, 13, 0),
    ("We are hiring a communications trainee for spring", [Network.LINKEDIN], 3, 11, 30),
    ("Friday reminder: celebrate the small wins", [Network.X], 4, 16, 45),
]
WAITING = [
    "When a customer says thank you, pass it on to the whole team",
    "Three lessons from our customer day in Tampere",
    "Idea: a short video from the office sauna?",
]


def fill_busy_week(ctx: GuiContext, folder: Path) -> None:
    """The calendar above as the config's only calendar, the posts scheduled and the drafts waiting."""
    calendar = folder / "work.ics"
    calendar.write_text(busy_calendar(), encoding="utf-8")
    ctx.app.config = replace(ctx.app.config, calendars=CalendarSettings(sources=(str(calendar),)))
    for text, networks, day, hour, minute in POSTS:
        draft = ctx.app.add_draft(text, networks)
        ctx.app.schedule_at(draft.id, local(day, hour, minute))
    for n, text in enumerate(WAITING):
        ctx.app.add_draft(text, [Network.LINKEDIN] if n % 2 else [Network.X])
