"""The schedule as an iCalendar file: one transparent event per posting moment, for the person's own calendar.

Events are TRANSPARENT (and "free" for Outlook), so a posting moment never makes the person look busy —
not to colleagues, and not to somedesk itself when the exported file is also one of its calendar sources.
icalendar is imported on first use: nothing that starts the app needs it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Moment
from somedesk.sources import atomicfile

if TYPE_CHECKING:
    from somedesk.app.services import Somedesk

HISTORY = timedelta(weeks=4)  # published posts this recent stay in the calendar, as history
DEFAULT_LENGTH = timedelta(minutes=10)  # when the moment a post was scheduled in is not known
MOMENT_MARGIN = timedelta(hours=6)  # moments are cut at the range asked for: ask for more than the posts
SUMMARY_WORDS = 40  # characters of the text in an event's title
UPCOMING = (PublicationState.SCHEDULED, PublicationState.PUBLISHING)
PRODID = "-//somedesk//posting moments//EN"


def exported(items: Sequence[tuple[Publication, Draft]], now: datetime) -> list[tuple[Publication, Draft]]:
    """What goes into the calendar: every scheduled post, and the posts published in the last weeks."""
    since = now - HISTORY
    chosen = [
        (p, d)
        for p, d in items
        if (p.state in UPCOMING and p.scheduled_at is not None)
        or (p.state is PublicationState.PUBLISHED and (at := p.when) is not None and at >= since)
    ]
    return sorted(chosen, key=lambda item: (item[0].when, item[0].id))


def uid(publication: Publication) -> str:
    # Stable per publication, so a re-import or a subscription updates an event instead of adding one.
    return f"publication-{publication.id}@somedesk"


def summary(publication: Publication, draft: Draft) -> str:
    words = " ".join(draft.first_line.split())
    if len(words) > SUMMARY_WORDS:
        words = words[: SUMMARY_WORDS + 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    published = " (published)" if publication.state is PublicationState.PUBLISHED else ""
    return f"{publication.network.display_name} post{published}: {words}"


# RFC 5545 TEXT has no control characters but tab (and newline, which icalendar writes as "\n"); a
# draft may hold some (pasted, or from a feed), and a calendar app or a terminal would act on them.
_NOT_ICS_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _ics_text(text: str) -> str:
    return _NOT_ICS_TEXT.sub("", text)


def _end(start: datetime, scheduled: datetime | None, moments: Sequence[Moment]) -> datetime:
    """Until the moment the post was scheduled in ends, when that moment is known and still ahead."""
    moment = next((m for m in moments if scheduled is not None and m.interval.contains(scheduled)), None)
    if moment is not None and moment.end > start:
        return moment.end.astimezone(UTC)
    return start + DEFAULT_LENGTH


def calendar_bytes(
    items: Sequence[tuple[Publication, Draft]], moments: Sequence[Moment], now: datetime
) -> bytes:
    """An iCalendar file with one VEVENT per item (see `exported` for which items)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "somedesk posts")
    stamp = now.astimezone(UTC)
    for publication, draft in items:
        at = publication.when
        if at is None:
            continue
        start = at.astimezone(UTC)
        published = publication.state is PublicationState.PUBLISHED
        event = Event()
        event.add("uid", uid(publication))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", _end(start, publication.scheduled_at, moments))
        event.add("summary", _ics_text(summary(publication, draft)))
        description = (
            draft.text if not (published and publication.url) else f"{draft.text}\n\n{publication.url}"
        )
        event.add("description", _ics_text(description))
        if published and publication.url:
            event.add("url", publication.url)
        event.add("transp", "TRANSPARENT")
        event.add("x-microsoft-cdo-busystatus", "FREE")
        event.add("status", "CONFIRMED" if published else "TENTATIVE")
        event.add(
            "categories",
            ["somedesk", publication.network.display_name, "Published" if published else "Scheduled"],
        )
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def export_schedule(app: Somedesk) -> tuple[bytes, int]:
    """The calendar of `app`'s schedule and how many posts it holds."""
    now = app.clock()
    items = exported(app.queue(), now)
    moments: list[Moment] = []
    scheduled = [p.scheduled_at for p, _ in items if p.scheduled_at is not None]
    if scheduled:
        # Only to know when each moment ends; a calendar that cannot be read just means 10-minute events.
        moments = app.moments(min(scheduled) - MOMENT_MARGIN, max(scheduled) + MOMENT_MARGIN).moments
    return calendar_bytes(items, moments, now), len(items)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` in one step, so a calendar app subscribed to it never reads half a file.

    The folder must exist (a typo in it should be told, not silently created).
    """
    folder = path.parent
    if not folder.is_dir():
        raise InvalidInputError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise InvalidInputError(f"cannot write {path}: it is a folder; give a file name such as posts.ics")
    try:
        atomicfile.write_atomic(path, data)
    except OSError as error:
        raise InvalidInputError(f"cannot write {path}: {error.strerror}") from None
