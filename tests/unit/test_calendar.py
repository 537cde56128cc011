"""Calendar → busy time: one test per rule, each asserting the exact instants that come out."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from somedesk.core.busy_index import BusyIndex, horizon
from somedesk.core.calendar import ParsedCalendar, busy_blocks, parse_calendar
from somedesk.core.errors import CalendarError

DATA = Path(__file__).parents[1] / "data" / "ics"
HELSINKI = ZoneInfo("Europe/Helsinki")
EARLY = datetime(2025, 1, 1, tzinfo=UTC)
LATE = datetime(2027, 1, 1, tzinfo=UTC)


def parsed(name: str) -> ParsedCalendar:
    return parse_calendar((DATA / name).read_bytes(), name=name)


def busy(
    name: str,
    *,
    zone: ZoneInfo = HELSINKI,
    me: tuple[str, ...] = (),
    start: datetime = EARLY,
    end: datetime = LATE,
) -> list[tuple[str, str, str]]:
    """The busy blocks of a fixture as ("start", "end", "title") with instants in UTC."""
    blocks = busy_blocks(parsed(name), zone=zone, me=me, start=start, end=end)
    for block in blocks:
        assert block.start.utcoffset() == timedelta(0)
    return [(f"{b.start:%Y-%m-%dT%H:%M}Z", f"{b.end:%Y-%m-%dT%H:%M}Z", b.title) for b in blocks]


# Time zones --------------------------------------------------------------------------------------


def test_dst_days_in_helsinki_keep_wall_clock_times_and_day_lengths():
    assert busy("dst_helsinki.ics") == [
        # 09:00 local is 07:00Z in winter (EET, +2) and 06:00Z in summer (EEST, +3).
        ("2026-03-23T07:00Z", "2026-03-23T08:00Z", "Monday planning (spring)"),
        # 29 March has 23 hours: local midnight to midnight is 22:00Z to 21:00Z.
        ("2026-03-28T22:00Z", "2026-03-29T21:00Z", "Away on the short day"),
        # 02:00 EET to 05:00 EEST is two real hours.
        ("2026-03-29T00:00Z", "2026-03-29T02:00Z", "Night shift across spring forward"),
        ("2026-03-30T06:00Z", "2026-03-30T07:00Z", "Monday planning (spring)"),
        ("2026-10-19T06:00Z", "2026-10-19T07:00Z", "Monday planning (autumn)"),
        # 25 October has 25 hours.
        ("2026-10-24T21:00Z", "2026-10-25T22:00Z", "Away on the long day"),
        # 02:00 EEST to 05:00 EET is four real hours.
        ("2026-10-24T23:00Z", "2026-10-25T03:00Z", "Night shift across fall back"),
        ("2026-10-26T07:00Z", "2026-10-26T08:00Z", "Monday planning (autumn)"),
    ]


def test_outlook_windows_zone_names_resolve_to_their_iana_zones():
    assert busy("windows_zone.ics") == [
        ("2026-01-12T07:00Z", "2026-01-12T08:00Z", "Steering group"),  # FLE, winter +2
        ("2026-06-01T06:00Z", "2026-06-01T07:00Z", "Steering group"),  # FLE, summer +3
        ("2026-06-01T07:00Z", "2026-06-01T07:30Z", "Call with Berlin"),  # W. Europe, summer +2
    ]


def test_a_zone_known_only_from_its_vtimezone_follows_its_own_rules():
    # Outlook writes "Customized Time Zone" with the rules inline; an unknown name with no
    # VTIMEZONE at all can only be read as floating time.
    found = busy("custom_zone.ics")
    assert found[0] == ("2026-01-12T07:00Z", "2026-01-12T08:00Z", "Custom zone winter")
    assert found[11] == ("2026-03-30T06:00Z", "2026-03-30T07:00Z", "Custom zone winter")  # after DST
    assert found[-1] == ("2026-06-01T06:00Z", "2026-06-01T07:00Z", "Unknown zone, no VTIMEZONE")
    assert len(found) == 13


def test_floating_times_are_wall_clock_in_the_routines_zone():
    assert busy("floating.ics") == [
        ("2026-03-23T07:00Z", "2026-03-23T07:15Z", "Floating stand-up"),
        ("2026-03-30T06:00Z", "2026-03-30T06:15Z", "Floating stand-up"),  # after the DST switch
    ]
    assert busy("floating.ics", zone=ZoneInfo("America/New_York")) == [
        ("2026-03-23T13:00Z", "2026-03-23T13:15Z", "Floating stand-up"),
        ("2026-03-30T13:00Z", "2026-03-30T13:15Z", "Floating stand-up"),
    ]


def test_utc_times_stay_utc_whatever_the_routines_zone():
    expected = [("2026-06-01T09:00Z", "2026-06-01T09:45Z", "Call in UTC")]
    assert busy("utc.ics") == expected
    assert busy("utc.ics", zone=ZoneInfo("Asia/Tokyo")) == expected


# Recurrence --------------------------------------------------------------------------------------


def test_weekly_recurrence_honours_exdate_and_rdate():
    assert busy("weekly_exdate_rdate.ics") == [
        ("2026-01-05T08:00Z", "2026-01-05T08:30Z", "Weekly sync"),
        # 12 January is excluded; 14 January 15:00 local is added.
        ("2026-01-14T13:00Z", "2026-01-14T13:30Z", "Weekly sync"),
        ("2026-01-19T08:00Z", "2026-01-19T08:30Z", "Weekly sync"),
        ("2026-01-26T08:00Z", "2026-01-26T08:30Z", "Weekly sync"),
    ]


def test_recurrence_id_overrides_move_shorten_and_cancel_instances():
    assert busy("recurrence_id.ics") == [
        ("2026-02-02T12:00Z", "2026-02-02T13:00Z", "Daily review"),
        ("2026-02-03T14:00Z", "2026-02-03T14:30Z", "Daily review (later, shorter)"),
        # 4 February is cancelled; 5 February moved to Saturday 7 February.
        ("2026-02-06T12:00Z", "2026-02-06T13:00Z", "Daily review"),
        ("2026-02-07T07:00Z", "2026-02-07T08:00Z", "Daily review (moved to Saturday)"),
    ]


# What counts as busy ---------------------------------------------------------------------------


@pytest.mark.parametrize("me", ["me@example.com", "mailto:ME@Example.com", "  Me@example.COM "])
def test_meetings_i_declined_do_not_block_whatever_form_my_address_takes(me):
    assert busy("declined.ics", me=(me,)) == [
        ("2026-03-02T10:00Z", "2026-03-02T11:00Z", "Accepted by me"),
        ("2026-03-02T12:00Z", "2026-03-02T13:00Z", "Declined by someone else"),
        # The series is accepted, but its 4 March instance was declined on its own.
        ("2026-03-03T08:00Z", "2026-03-03T08:30Z", "Series, one instance declined"),
    ]


def test_declines_count_only_for_my_addresses():
    titles = [title for _, _, title in busy("declined.ics", me=("someone.else@example.com",))]
    assert titles == [
        "Declined by me",
        "Accepted by me",
        "Declined by someone else",
        "Series, one instance declined",
        "Series, one instance declined",
    ]


def test_transparent_events_do_not_block():
    assert busy("transparent.ics") == [("2026-03-10T12:00Z", "2026-03-10T13:00Z", "Opaque meeting")]


def test_cancelled_events_do_not_block_but_tentative_ones_do():
    assert busy("cancelled.ics") == [("2026-03-11T10:00Z", "2026-03-11T11:00Z", "Maybe lunch")]


def test_microsoft_busy_status_free_and_working_elsewhere_do_not_block():
    assert busy("busystatus.ics") == [
        ("2026-03-16T10:00Z", "2026-03-16T11:00Z", "Out of office"),
        ("2026-03-16T11:00Z", "2026-03-16T12:00Z", "Busy"),
        ("2026-03-16T12:00Z", "2026-03-16T13:00Z", "Tentative"),
        # All-day OOF and BUSY block the whole local day; all-day FREE does not, even when it
        # also says OPAQUE, and neither does WORKINGELSEWHERE.
        ("2026-03-16T22:00Z", "2026-03-17T22:00Z", "All-day OOF"),
        ("2026-03-17T22:00Z", "2026-03-18T22:00Z", "All-day busy"),
    ]


def test_all_day_events_that_say_so_block_whole_local_days_with_exclusive_end():
    assert busy("allday_oof.ics") == [
        # 6–8 April: DTEND 9 April is the first day not blocked.
        ("2026-04-05T21:00Z", "2026-04-08T21:00Z", "Vacation"),
        ("2026-04-12T21:00Z", "2026-04-14T21:00Z", "Conference (explicitly opaque)"),
        ("2026-04-19T21:00Z", "2026-04-21T21:00Z", "Offsite (two days, by DURATION)"),
        ("2026-04-23T21:00Z", "2026-04-24T21:00Z", "Day off (no DTEND)"),
    ]


def test_all_day_events_block_the_days_of_the_routines_zone():
    assert busy("allday_oof.ics", zone=ZoneInfo("UTC"))[0] == (
        "2026-04-06T00:00Z",
        "2026-04-09T00:00Z",
        "Vacation",
    )


def test_birthdays_holidays_and_reminders_do_not_block():
    assert busy("allday_not_busy.ics") == []


def test_duration_gives_the_end():
    assert busy("duration.ics") == [
        ("2026-06-02T10:00Z", "2026-06-02T11:30Z", "Workshop"),
        ("2026-06-03T07:00Z", "2026-06-03T07:45Z", "Weekly 1:1"),
        ("2026-06-10T07:00Z", "2026-06-10T07:45Z", "Weekly 1:1"),
    ]


def test_without_dtend_a_timed_event_blocks_nothing_and_an_all_day_event_one_day():
    assert busy("no_dtend.ics") == [("2026-06-04T21:00Z", "2026-06-05T21:00Z", "Day off (no DTEND)")]


def test_titles_are_stripped_and_todos_and_journals_are_ignored():
    assert busy("titles_and_other_components.ics") == [
        ("2026-06-10T08:00Z", "2026-06-10T09:00Z", "Quarterly review"),
        ("2026-06-10T10:00Z", "2026-06-10T11:00Z", ""),
    ]


# The query range --------------------------------------------------------------------------------


def test_blocks_overlapping_the_range_are_returned_whole_and_touching_ones_not():
    start = datetime(2026, 1, 14, 13, 15, tzinfo=UTC)  # inside the RDATE instance
    end = datetime(2026, 1, 19, 8, 0, tzinfo=UTC)  # exactly when the next one starts
    assert busy("weekly_exdate_rdate.ics", start=start, end=end) == [
        ("2026-01-14T13:00Z", "2026-01-14T13:30Z", "Weekly sync"),
    ]


def test_the_range_may_be_given_in_any_zone():
    start = datetime(2026, 3, 28, tzinfo=ZoneInfo("America/Los_Angeles"))
    in_utc = busy("dst_helsinki.ics", start=start, end=start + timedelta(days=3))
    start_utc = start.astimezone(UTC)
    assert busy("dst_helsinki.ics", start=start_utc, end=start_utc + timedelta(days=3)) == in_utc
    assert [title for _, _, title in in_utc] == [
        "Away on the short day",
        "Night shift across spring forward",
        "Monday planning (spring)",
    ]


# Files that are not calendars ----------------------------------------------------------------


def test_a_malformed_file_is_one_line_naming_the_file_and_the_line():
    with pytest.raises(CalendarError) as caught:
        parsed("malformed.ics")
    assert str(caught.value) == "malformed.ics: not a calendar file (line 3: “This is not a calendar line”)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"\n  \n", "the file is empty"),
        (b"<!DOCTYPE html>\n<html><body>Sign in</body></html>\n", "it looks like a web page"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n", "the file is cut off"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maija\r\nEND:VCARD\r\n", "it holds a VCARD"),
        (bytes(range(256)) * 4, "not a calendar file (line 1:"),
        (b"Hello\nworld\n", "not a calendar file (line 1: “Hello”)"),
    ],
)
def test_things_that_are_not_calendars_say_why_in_one_line(data, reason):
    with pytest.raises(CalendarError) as caught:
        parse_calendar(data, name="work.ics")
    message = str(caught.value)
    assert message.startswith("work.ics: ")
    assert reason in message
    assert "\n" not in message and "\r" not in message
    assert len(message) < 200


def test_one_broken_event_is_left_out_and_counted_while_the_rest_is_used():
    data = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//somedesk//tests//EN
BEGIN:VEVENT
UID:good
DTSTART:20260601T090000Z
DTEND:20260601T100000Z
SUMMARY:Good
END:VEVENT
BEGIN:VEVENT
UID:no-start
DTEND:20260601T100000Z
END:VEVENT
BEGIN:VEVENT
UID:bad-date
DTSTART:2026-06-01
END:VEVENT
BEGIN:VEVENT
UID:bad-rule
DTSTART:20260601T110000Z
RRULE:FREQ=SOMETIMES
END:VEVENT
END:VCALENDAR
"""
    cal = parse_calendar(data, name="work.ics")
    index = BusyIndex.build(cal, zone=HELSINKI, me=(), start=EARLY, end=LATE)
    assert [b.title for b in index.between(EARLY, LATE)] == ["Good"]
    assert index.unreadable_events == 3


def test_a_file_with_two_calendars_uses_both():
    one = (DATA / "utc.ics").read_bytes()
    two = (DATA / "transparent.ics").read_bytes()
    cal = parse_calendar(one + two, name="both.ics")
    titles = [b.title for b in busy_blocks(cal, zone=HELSINKI, me=(), start=EARLY, end=LATE)]
    assert titles == ["Opaque meeting", "Call in UTC"]


# The busy index ----------------------------------------------------------------------------------


def generated_calendar(series: int = 40, one_offs: int = 300, seed: int = 7) -> bytes:
    """A realistic calendar: weekly meetings over two years, one-offs, moves, and a long vacation."""
    rnd = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//somedesk//generated//EN"]
    base = datetime(2025, 6, 2, 8)
    for i in range(series):
        start = base + timedelta(days=rnd.randrange(7), hours=rnd.randrange(9), minutes=rnd.choice([0, 30]))
        lines += _event(
            f"s{i}", f"Weekly {i}", start, rnd.choice([30, 45, 60]), "RRULE:FREQ=WEEKLY;COUNT=104"
        )
        moved = start + timedelta(weeks=rnd.randrange(1, 100))
        lines += _event(
            f"s{i}", f"Weekly {i} moved", moved + timedelta(hours=2), 30, f"RECURRENCE-ID:{_ics(moved)}"
        )
    for j in range(one_offs):
        start = base + timedelta(
            days=rnd.randrange(730), hours=rnd.randrange(10), minutes=rnd.choice([0, 15])
        )
        lines += _event(f"o{j}", f"One-off {j}", start, rnd.choice([15, 30, 60, 90]))
    lines += _event("vacation", "Vacation", datetime(2026, 7, 1), 21 * 24 * 60)
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines).encode()


def _ics(moment: datetime) -> str:
    return f"{moment:%Y%m%dT%H%M%S}"


def _event(uid: str, title: str, start: datetime, minutes: int, *extra: str) -> list[str]:
    end = start + timedelta(minutes=minutes)
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20250101T000000Z",
        f"SUMMARY:{title}",
        f"DTSTART;TZID=Europe/Helsinki:{_ics(start)}",
        f"DTEND;TZID=Europe/Helsinki:{_ics(end)}",
        *extra,
        "END:VEVENT",
    ]


GENERATED = parse_calendar(generated_calendar(), name="generated.ics")
HORIZON = (datetime(2025, 6, 1, tzinfo=UTC), datetime(2027, 6, 1, tzinfo=UTC))
INDEX = BusyIndex.build(GENERATED, zone=HELSINKI, me=(), start=HORIZON[0], end=HORIZON[1])


@settings(max_examples=60, deadline=None)
@given(
    offset=st.integers(min_value=0, max_value=700 * 24 * 60),
    length=st.integers(min_value=0, max_value=40 * 24 * 60),
)
def test_the_index_answers_exactly_what_expanding_the_calendar_answers(offset, length):
    start = HORIZON[0] + timedelta(minutes=offset)
    end = start + timedelta(minutes=length)
    expected = busy_blocks(GENERATED, zone=HELSINKI, me=(), start=start, end=end)
    assert INDEX.between(start, end) == expected


def test_the_index_finds_a_long_block_that_started_weeks_before_the_query():
    start = datetime(2026, 7, 18, 23, tzinfo=UTC)  # a Sunday night, when nothing else happens
    found = INDEX.between(start, start + timedelta(minutes=1))
    assert [b.title for b in found] == ["Vacation"]


def test_queries_outside_the_horizon_expand_on_demand():
    index = BusyIndex.build(
        GENERATED, zone=HELSINKI, me=(), start=HORIZON[0], end=HORIZON[0] + timedelta(days=7)
    )
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC)
    assert not index.covers(start, end)
    assert index.between(start, end) == busy_blocks(GENERATED, zone=HELSINKI, me=(), start=start, end=end)


def test_the_index_survives_serialisation():
    restored = BusyIndex.from_bytes(INDEX.to_bytes())
    assert restored.covered == INDEX.covered
    assert len(restored) == len(INDEX)
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    assert restored.between(start, end) == INDEX.between(start, end)


def test_an_index_whose_horizon_starts_during_a_block_survives_serialisation():
    start = datetime(2026, 7, 10, tzinfo=UTC)  # in the middle of the three-week vacation
    index = BusyIndex.build(GENERATED, zone=HELSINKI, me=(), start=start, end=start + timedelta(days=30))
    assert index.between(start, start + timedelta(hours=1))[0].title == "Vacation"
    restored = BusyIndex.from_bytes(index.to_bytes())
    assert restored.between(start, start + timedelta(days=30)) == index.between(
        start, start + timedelta(days=30)
    )


def test_an_index_read_back_cannot_answer_outside_its_horizon():
    restored = BusyIndex.from_bytes(INDEX.to_bytes())
    with pytest.raises(ValueError, match="does not cover"):
        restored.between(datetime(2030, 1, 1, tzinfo=UTC), datetime(2030, 1, 2, tzinfo=UTC))


@pytest.mark.parametrize(
    "data",
    [b"", b"garbage", INDEX.to_bytes()[:-10], b"x\x9c" + INDEX.to_bytes()[2:40]],
)
def test_a_damaged_index_is_a_value_error(data):
    with pytest.raises(ValueError):
        BusyIndex.from_bytes(data)


def test_an_index_with_impossible_content_is_a_value_error():
    import json
    import zlib

    from somedesk.core.busy_index import FORMAT_VERSION

    document = {
        "format": FORMAT_VERSION,
        "covered": [0, 10],
        "origin": 0,
        "unreadable": 0,
        "limits": [0, 0, 0, 0],
        "titles": ["a"],
        "blocks": [0, 5, 3],
    }
    with pytest.raises(ValueError, match="bad block"):
        BusyIndex.from_bytes(zlib.compress(json.dumps(document).encode()))
    document["format"] = 999
    with pytest.raises(ValueError, match="version"):
        BusyIndex.from_bytes(zlib.compress(json.dumps(document).encode()))


def test_the_horizon_reaches_back_a_month_and_ahead_over_a_year():
    start = datetime(2026, 3, 2, tzinfo=UTC)
    first, last = horizon(start, start + timedelta(days=7))
    assert first == start - timedelta(days=31)
    assert last == start + timedelta(days=400)
    far = start + timedelta(days=900)
    assert horizon(start, far)[1] == far


# Damaged files ---------------------------------------------------------------------------------

FIXTURES = sorted(DATA.glob("*.ics"))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_damaged_calendars_load_or_fail_in_one_line_and_nothing_else(data):
    """Delete, repeat, cut, extend or swap a few lines of a fixture: never a traceback."""
    lines = data.draw(st.sampled_from(FIXTURES)).read_bytes().splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        j = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "repeat", "cut", "extend", "swap"]))
        if action == "delete":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[j])
        elif action == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        elif action == "extend":
            lines[i] += data.draw(st.sampled_from([b"X", b";", b":", b"T", b"Z", b"0", b"\xff"]))
        else:
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            break
    try:
        cal = parse_calendar(b"\r\n".join(lines), name="work.ics")
    except CalendarError as error:
        assert str(error).startswith("work.ics: ") and "\n" not in str(error)
        return
    for block in busy_blocks(cal, zone=HELSINKI, me=("me@example.com",), start=EARLY, end=LATE):
        assert block.start < block.end


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        # A property given twice arrives as a list: only that event is lost.
        (b"DTSTART:20260601T090000Z\r\nDTSTART:20260601T093000Z", "left out"),
        (b"DTSTART;TZID=Europe:20260601T090000", "a time zone that does not exist"),
    ],
)
def test_libraries_tripping_over_a_damaged_event_become_our_errors(damage, expected):
    good = b"BEGIN:VEVENT\r\nUID:good\r\nDTSTART:20260602T090000Z\r\nDTEND:20260602T100000Z\r\nEND:VEVENT\r\n"
    bad = b"BEGIN:VEVENT\r\nUID:bad\r\n" + damage + b"\r\nDTEND:20260601T100000Z\r\nEND:VEVENT\r\n"
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + good + bad + b"END:VCALENDAR\r\n"
    try:
        cal = parse_calendar(data, name="work.ics")
    except CalendarError as error:
        assert expected in str(error)
        return
    assert expected == "left out"
    assert cal.unreadable_events == 1
    assert len(busy_blocks(cal, zone=HELSINKI, me=(), start=EARLY, end=LATE)) == 1


def test_an_impossible_x_wr_timezone_is_one_line():
    data = (DATA / "utc.ics").read_bytes().replace(b"VERSION:2.0", b"VERSION:2.0\nX-WR-TIMEZONE:Europe")
    with pytest.raises(
        CalendarError, match=r"^utc\.ics: cannot be used \(it names a time zone that does not exist\)$"
    ):
        parse_calendar(data, name="utc.ics")
