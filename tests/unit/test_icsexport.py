"""The schedule as an iCalendar file: events parse back, keep their UIDs, and never read as busy."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from somedesk.app.export import DEFAULT_LENGTH, export_schedule, write_atomic
from somedesk.app.services import Somedesk
from somedesk.core.config import CalendarSettings, Config, PublishingSettings
from somedesk.core.drafts import PublicationState
from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network
from somedesk.core.routine import Routine, local_instant
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from somedesk.store.publishing import PublishingRecords

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # Monday 09:00 in Helsinki
MONDAY = date(2026, 12, 7)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return local_instant(day, datetime.min.time().replace(hour=hour, minute=minute), HELSINKI)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Somedesk]:
    paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / "home")})
    paths.ensure()
    config = Config(routine=Routine(zone=HELSINKI), publishing=PublishingSettings(reply_reminders=()))
    services = Somedesk(paths, config, Store.open(paths.database), lambda: NOW)
    yield services
    services.store.close()


def publish(app: Somedesk, draft_id: int, at: datetime, url: str) -> None:
    """Record a publish the way the publisher does, at `at`."""
    records = PublishingRecords(app.store)
    (publication,) = app.draft(draft_id).publications
    begun = records.begin(publication.id, at, os.getpid(), lambda _pid: True)
    records.finish(publication.id, begun.attempt_id, PublicationState.PUBLISHED, at, outcome="ok", url=url)


def events(data: bytes) -> dict[str, Event]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT") if isinstance(e, Event)}


def test_scheduled_and_recent_published_posts_parse_back(app: Somedesk):
    lunch = app.add_draft("Lunch thoughts on shipping small things, often, and calmly", [Network.LINKEDIN])
    (scheduled,) = app.schedule_at(lunch.id, local(MONDAY, 11, 30))
    done = app.add_draft("We shipped it!\nMore below.", [Network.X])
    publish(app, done.id, NOW - timedelta(days=3), "https://x.com/me/status/1")
    old = app.add_draft("Long ago", [Network.X])
    publish(app, old.id, NOW - timedelta(weeks=6), "https://x.com/me/status/0")
    app.add_draft("Only a draft", [Network.LINKEDIN])

    data, count = export_schedule(app)
    calendar = Calendar.from_ical(data)
    assert count == 2
    assert str(calendar["prodid"]).startswith("-//somedesk") and str(calendar["version"]) == "2.0"
    found = events(data)
    assert set(found) == {
        f"publication-{scheduled.publication.id}@somedesk",
        f"publication-{done.publications[0].id}@somedesk",
    }

    event = found[f"publication-{scheduled.publication.id}@somedesk"]
    assert event.decoded("dtstart") == local(MONDAY, 11, 30)
    assert b"DTSTART:20261207T093000Z" in data  # in UTC, which every calendar app reads alike
    moment = next(
        m for m in app.moments_for_days(MONDAY, 1).moments if m.interval.contains(local(MONDAY, 11, 30))
    )
    assert event.decoded("dtend") == moment.end  # until the lunch moment ends
    assert str(event["transp"]) == "TRANSPARENT"
    assert str(event["summary"]) == "LinkedIn post: Lunch thoughts on shipping small things…"
    assert str(event["description"]) == lunch.text
    assert "Scheduled" in event.categories and event.decoded("dtstamp") == NOW

    posted = found[f"publication-{done.publications[0].id}@somedesk"]
    assert str(posted["summary"]) == "X post (published): We shipped it!"
    assert str(posted["description"]) == "We shipped it!\nMore below.\n\nhttps://x.com/me/status/1"
    assert posted.decoded("dtend") - posted.decoded("dtstart") == DEFAULT_LENGTH
    assert "Published" in posted.categories


def test_uids_stay_the_same_across_exports_and_a_moved_post_moves(app: Somedesk):
    draft = app.add_draft("Moving", [Network.LINKEDIN])
    app.schedule_at(draft.id, local(MONDAY, 11, 30))
    first = events(export_schedule(app)[0])
    app.schedule_at(draft.id, local(MONDAY, 16, 0))
    second = events(export_schedule(app)[0])
    assert set(first) == set(second)
    (uid,) = second
    assert second[uid].decoded("dtstart") == local(MONDAY, 16, 0)


def test_the_exported_file_as_a_calendar_source_blocks_no_moment(app: Somedesk, tmp_path: Path):
    for hour in (8, 11, 16):
        draft = app.add_draft(f"At {hour}", [Network.LINKEDIN, Network.X])
        app.schedule_at(draft.id, local(MONDAY + timedelta(days=1), hour, 30))
    before = app.moments_for_days(MONDAY, 7)
    exported = tmp_path / "posts.ics"
    write_atomic(exported, export_schedule(app)[0])
    app.use_config(dataclasses.replace(app.config, calendars=CalendarSettings(sources=(str(exported),))))

    after = app.moments_for_days(MONDAY, 7)
    assert after.problems == [] and after.busy == []
    assert [(m.start, m.end, m.kind) for m in after.moments] == [
        (m.start, m.end, m.kind) for m in before.moments
    ]


def test_writing_replaces_the_file_whole_and_bad_paths_say_why(tmp_path: Path):
    target = tmp_path / "posts.ics"
    target.write_bytes(b"old")
    write_atomic(target, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["posts.ics"]  # no temp file left behind

    with pytest.raises(InvalidInputError, match=r"the folder .*nowhere does not exist"):
        write_atomic(tmp_path / "nowhere" / "posts.ics", b"x")
    with pytest.raises(InvalidInputError, match="it is a folder"):
        write_atomic(tmp_path, b"x")
    # A folder nobody may create files in, not even root (who can write into a chmod-ed folder).
    with pytest.raises(InvalidInputError, match=re.escape("cannot write /sys/posts.ics: Permission denied")):
        write_atomic(Path("/sys/posts.ics"), b"x")
