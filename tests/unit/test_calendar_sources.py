"""Calendar sources: files and private links served by a real HTTP server on 127.0.0.1, the last good
copy, the busy cache, and keeping the link's secret out of every message and log line."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.calendar import ParsedCalendar, parse_calendar
from somedesk.sources.calendars import CalendarLoad, cache_key, load_busy_time, redact_source
from tests.fakes.files import FileServer

DATA = Path(__file__).parents[1] / "data" / "ics"
HELSINKI = ZoneInfo("Europe/Helsinki")
TOKEN = "a8f3c0d9e7b64f21b0c5d3e9f8a7b6c5"
WEEK = (datetime(2026, 1, 5, tzinfo=UTC), datetime(2026, 1, 12, tzinfo=UTC))
GOOD = (DATA / "weekly_exdate_rdate.ics").read_bytes()
GOOD_TIMES = ["2026-01-05T08:00Z"]  # the first instance of the weekly sync, the one in WEEK


# A real server ---------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[FileServer]:
    running = FileServer("text/calendar")
    yield running
    running.stop()


SECRET_PATH = f"/calendar/ical/me%40example.com/private-{TOKEN}/basic.ics"


def secret_url(server: FileServer) -> str:
    return server.url(SECRET_PATH)


class CountingParse:
    """The real parser, counting its calls: proof that a cached calendar is not parsed again."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, data: bytes, *, name: str) -> ParsedCalendar:
        self.calls += 1
        return parse_calendar(data, name=name)


def load(
    sources: list[str],
    tmp_path: Path,
    *,
    parse: CountingParse | None = None,
    window: tuple[datetime, datetime] = WEEK,
    timeout: float = 5.0,
    zone: ZoneInfo = HELSINKI,
    me: tuple[str, ...] = (),
) -> CalendarLoad:
    result = load_busy_time(
        sources,
        base_dir=tmp_path,
        cache_dir=tmp_path / "cache",
        zone=zone,
        me=me,
        start=window[0],
        end=window[1],
        timeout=timeout,
        parse=parse or CountingParse(),
    )
    for line in [*result.problems, *result.stale]:
        assert "\n" not in line
        assert TOKEN not in line
    return result


def starts(result: CalendarLoad) -> list[str]:
    return [f"{b.start.astimezone(UTC):%Y-%m-%dT%H:%M}Z" for b in result.busy]


def age_copies(tmp_path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    for copy in (tmp_path / "cache" / "copies").iterdir():
        os.utime(copy, (then, then))


# Links ----------------------------------------------------------------------------------------


def test_a_calendar_link_is_fetched_and_its_busy_time_used(server, tmp_path):
    server.answers[SECRET_PATH] = (200, GOOD)
    result = load([secret_url(server)], tmp_path)
    assert starts(result) == GOOD_TIMES
    assert result.problems == [] and result.stale == []
    assert server.user_agents == ["somedesk"]  # not python-requests: the server sees who asks


def test_a_server_error_without_a_copy_is_a_problem_naming_the_calendar(server, tmp_path):
    server.answers[SECRET_PATH] = (500, b"oops")
    result = load([secret_url(server)], tmp_path)
    assert result.busy == []
    assert result.problems == [
        f"http://127.0.0.1:{server.port}/…/basic.ics: could not be loaded (the server had a problem: 500)"
    ]


def test_a_hanging_server_times_out_instead_of_hanging(server, tmp_path):
    server.answers[SECRET_PATH] = "hang"
    began = time.monotonic()
    result = load([secret_url(server)], tmp_path, timeout=0.5)
    assert time.monotonic() - began < 5
    assert result.problems == [
        f"http://127.0.0.1:{server.port}/…/basic.ics: could not be reached (timed out after 0.5 s)"
    ]


def test_when_the_server_goes_away_the_last_good_copy_is_used_with_a_warning(server, tmp_path):
    server.answers[SECRET_PATH] = (200, GOOD)
    url = secret_url(server)
    assert starts(load([url], tmp_path)) == GOOD_TIMES
    server.stop()
    age_copies(tmp_path, hours=2)

    result = load([url], tmp_path)
    assert starts(result) == GOOD_TIMES
    assert result.problems == []
    assert result.stale == [
        f"http://127.0.0.1:{server.port}/…/basic.ics: could not be reached (no connection to the server);"
        " using the copy from 2 h ago"
    ]


def test_a_hanging_server_falls_back_to_the_copy(server, tmp_path):
    server.answers[SECRET_PATH] = (200, GOOD)
    load([secret_url(server)], tmp_path)
    server.answers[SECRET_PATH] = "hang"
    result = load([secret_url(server)], tmp_path, timeout=0.5)
    assert starts(result) == GOOD_TIMES
    assert result.stale == [
        f"http://127.0.0.1:{server.port}/…/basic.ics: could not be reached (timed out after 0.5 s);"
        " using the copy from just now"
    ]


def test_a_login_page_instead_of_a_calendar_does_not_replace_the_good_copy(server, tmp_path):
    server.answers[SECRET_PATH] = (200, GOOD)
    load([secret_url(server)], tmp_path)
    server.answers[SECRET_PATH] = (200, b"<!DOCTYPE html><html><body>Please sign in</body></html>")
    for _ in range(2):  # the second time proves the login page was not kept as the "good" copy
        result = load([secret_url(server)], tmp_path)
        assert starts(result) == GOOD_TIMES
        assert len(result.stale) == 1
        assert "it looks like a web page" in result.stale[0]
        assert result.stale[0].endswith("using the copy from just now")


def test_webcal_links_are_fetched_over_https(server, tmp_path):
    # The server speaks plain HTTP, so an HTTPS request to it fails the TLS handshake: proof that
    # webcal:// was turned into https://, not http://.
    server.answers[SECRET_PATH] = (200, GOOD)
    webcal = f"webcal://127.0.0.1:{server.port}{SECRET_PATH}"
    result = load([webcal], tmp_path)
    assert result.problems == [
        f"webcal://127.0.0.1:{server.port}/…/basic.ics: could not be reached (the secure connection failed)"
    ]


# Secrets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (
            f"https://calendar.google.com/calendar/ical/me%40example.com/private-{TOKEN}/basic.ics",
            "https://calendar.google.com/…/basic.ics",
        ),
        (
            f"https://outlook.office365.com/owa/calendar/{TOKEN}@example.com/{TOKEN}/calendar.ics",
            "https://outlook.office365.com/…/calendar.ics",
        ),
        (f"https://example.com/feed/{TOKEN}", "https://example.com/…"),
        (f"https://example.com/feed/{TOKEN}.ics", "https://example.com/…"),
        (f"https://example.com/export.ics?token={TOKEN}", "https://example.com/…/export.ics"),
        (f"https://user:{TOKEN}@example.com/cal.ics", "https://example.com/…/cal.ics"),
        (f"webcal://p42-caldav.icloud.com/published/2/{TOKEN}", "webcal://p42-caldav.icloud.com/…"),
        (f"HTTPS://Example.com:8443/{TOKEN}/work.ics", "https://example.com:8443/…/work.ics"),
        (f"https://example.com/{TOKEN}/20240101123456.ics", "https://example.com/…"),
        ("https://example.com", "https://example.com/…"),
        ("~/calendars/work.ics", "~/calendars/work.ics"),
        ("work.ics", "work.ics"),
        ("/home/maija/Work Calendar.ics", "/home/maija/Work Calendar.ics"),
    ],
)
def test_redaction_shows_host_and_a_plain_file_name_only(source, shown):
    assert redact_source(source) == shown
    if TOKEN in source:
        assert TOKEN not in redact_source(source)


def test_the_secret_is_in_no_message_and_no_log_line(server, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    server.answers[SECRET_PATH] = (200, GOOD)
    load([secret_url(server)], tmp_path)
    server.answers[SECRET_PATH] = (500, b"")
    load([secret_url(server)], tmp_path)
    server.answers[SECRET_PATH] = "hang"
    load([secret_url(server)], tmp_path, timeout=0.3)
    server.stop()
    load([secret_url(server)], tmp_path)  # load() itself checks every message
    logged = [record.getMessage() for record in caplog.records]
    assert any('"GET /…' in line for line in logged), "urllib3 should have logged its requests, redacted"
    assert not [line for line in logged if TOKEN in line]


# Files and the busy cache ---------------------------------------------------------------------


def write(tmp_path: Path, relative: str, data: bytes) -> Path:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_relative_paths_resolve_against_the_config_folder(tmp_path):
    write(tmp_path, "calendars/work.ics", GOOD)
    assert starts(load(["calendars/work.ics"], tmp_path)) == GOOD_TIMES


def test_home_folder_paths_expand(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    write(tmp_path, "home/work.ics", GOOD)
    assert starts(load(["~/work.ics"], tmp_path)) == GOOD_TIMES


def test_a_missing_file_is_a_problem_that_says_where_it_was_looked_for(tmp_path):
    result = load(["nowhere.ics"], tmp_path)
    assert result.problems == [
        f"nowhere.ics: could not be read (there is no file at {tmp_path / 'nowhere.ics'})"
    ]


def test_a_broken_calendar_never_stops_the_others(server, tmp_path):
    write(tmp_path, "good.ics", GOOD)
    write(tmp_path, "broken.ics", (DATA / "malformed.ics").read_bytes())
    write(tmp_path, "folder.ics/keep", b"")
    server.answers["/down.ics"] = (503, b"")
    sources = ["broken.ics", "missing.ics", "folder.ics", server.url("/down.ics"), "good.ics"]
    result = load(sources, tmp_path)
    assert starts(result) == GOOD_TIMES
    assert [line.partition(":")[0] for line in result.problems[:3]] == [
        "broken.ics",
        "missing.ics",
        "folder.ics",
    ]
    assert result.problems[0] == "broken.ics: not a calendar file (line 3: “This is not a calendar line”)"
    assert result.problems[3].endswith("/down.ics: could not be loaded (the server had a problem: 503)")
    assert len(result.problems) == 4


def test_busy_time_from_several_calendars_is_merged_in_order(tmp_path):
    write(tmp_path, "a.ics", GOOD)
    write(tmp_path, "b.ics", (DATA / "recurrence_id.ics").read_bytes())
    result = load(["b.ics", "a.ics"], tmp_path, window=(WEEK[0], WEEK[0] + timedelta(days=40)))
    instants = [b.start for b in result.busy]
    assert instants == sorted(instants)
    assert len(result.busy) == 8


def test_a_second_run_over_an_unchanged_calendar_does_not_parse_it(server, tmp_path):
    write(tmp_path, "work.ics", GOOD)
    server.answers[SECRET_PATH] = (200, (DATA / "recurrence_id.ics").read_bytes())
    sources = ["work.ics", secret_url(server)]
    window = (WEEK[0], WEEK[0] + timedelta(days=40))
    parse = CountingParse()
    first = load(sources, tmp_path, parse=parse, window=window)
    assert parse.calls == 2
    second = load(sources, tmp_path, parse=parse, window=window)
    assert parse.calls == 2
    assert second.busy == first.busy
    # A later week inside the cached horizon is still answered from the cache.
    load(sources, tmp_path, parse=parse, window=(WEEK[0] + timedelta(days=90), WEEK[1] + timedelta(days=90)))
    assert parse.calls == 2


@pytest.mark.parametrize(
    "change",
    [
        {"data": GOOD + b"\r\n"},
        {"zone": ZoneInfo("Europe/Berlin")},
        {"me": ("me@example.com",)},
        {"window": (datetime(2031, 1, 1, tzinfo=UTC), datetime(2031, 1, 8, tzinfo=UTC))},
    ],
    ids=["content", "zone", "me", "range-outside-the-cache"],
)
def test_what_the_cache_depends_on_makes_it_parse_again(tmp_path, change):
    path = write(tmp_path, "work.ics", GOOD)
    parse = CountingParse()
    load(["work.ics"], tmp_path, parse=parse)
    if "data" in change:
        path.write_bytes(change["data"])
    options = {k: v for k, v in change.items() if k != "data"}
    load(["work.ics"], tmp_path, parse=parse, **options)
    assert parse.calls == 2


def test_the_cache_is_keyed_by_a_hash_of_content_zone_and_me(tmp_path):
    write(tmp_path, "work.ics", GOOD)
    load(["work.ics"], tmp_path)
    key = cache_key(GOOD, HELSINKI, ())
    assert [p.name for p in (tmp_path / "cache" / "busy").iterdir()] == [f"{key}.busy"]
    assert cache_key(GOOD, HELSINKI, ("mailto:Me@x.com", "b@x.com")) == cache_key(
        GOOD, HELSINKI, ("b@x.com", "me@x.com")
    )


def test_a_corrupt_cache_file_is_ignored_and_rewritten(tmp_path):
    write(tmp_path, "work.ics", GOOD)
    load(["work.ics"], tmp_path)
    (cached,) = (tmp_path / "cache" / "busy").iterdir()
    good_cache = cached.read_bytes()
    for damage in (b"", b"not a cache", good_cache[: len(good_cache) // 2]):
        cached.write_bytes(damage)
        parse = CountingParse()
        result = load(["work.ics"], tmp_path, parse=parse)
        assert starts(result) == GOOD_TIMES and result.problems == []
        assert parse.calls == 1
        assert cached.read_bytes() == good_cache


def test_cache_writes_leave_no_temporary_files(server, tmp_path):
    write(tmp_path, "work.ics", GOOD)
    server.answers[SECRET_PATH] = (200, GOOD)
    load(["work.ics", secret_url(server)], tmp_path)
    leftovers = [p for p in (tmp_path / "cache").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_cache_folder_that_cannot_be_written_costs_time_not_busy_time(tmp_path):
    write(tmp_path, "work.ics", GOOD)
    (tmp_path / "cache").write_bytes(b"a file where the cache folder should be")
    result = load(["work.ics"], tmp_path)
    assert starts(result) == GOOD_TIMES and result.problems == []


def test_events_that_could_not_be_read_are_a_warning(tmp_path):
    broken = GOOD.replace(
        b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART:2026-01-06\r\nEND:VEVENT\r\nEND:VCALENDAR"
    )
    write(tmp_path, "work.ics", broken)
    for _ in range(2):  # also when the busy time comes from the cache
        result = load(["work.ics"], tmp_path)
        assert starts(result) == GOOD_TIMES
        assert result.stale == ["work.ics: 1 event could not be read and is left out"]
