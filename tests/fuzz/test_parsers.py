"""Fuzzing every reader of outside text in-process: config, policy, ICS and feed bytes.

Whatever they are handed, each readers ends in bounded time (Hypothesis' deadline) with a result or
the one UserError kind it documents — never another exception. Kept fast for CI: modest example
counts; the issue's reproductions are fixed @example()s, run every time.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from somedesk.core.calendar import busy_blocks, parse_calendar
from somedesk.core.config_reader import parse_config
from somedesk.core.errors import CalendarError, ConfigError, PolicyError
from somedesk.core.policy import check
from somedesk.core.policy_reader import parse_policy
from somedesk.sources.feeds import FeedError, fetch_feed

HELSINKI = ZoneInfo("Europe/Helsinki")
FUZZ = settings(max_examples=60, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])
CONTROL = "\x00\x07\x1b\x7f\x9b\u202e\ud800"

# Text that is nearly TOML: its punctuation, keys somedesk reads, values of each type, and noise.
_TOML_PIECES = st.sampled_from(
    [
        "[",
        "]",
        "[[",
        "]]",
        "=",
        '"',
        "'",
        '"""',
        "\n",
        " ",
        "#",
        ",",
        "{",
        "}",
        ".",
        "-",
        ":",
        "routine",
        "timezone",
        "workdays",
        "work_hours",
        "lunch",
        "commutes",
        "quiet_hours",
        "calendars",
        "sources",
        "me",
        "policy",
        "source",
        "publishing",
        "targets",
        "linkedin",
        "x",
        "rule",
        "terms",
        "severity",
        "block",
        "warn",
        "message",
        "builtin",
        "personal_id",
        "tips",
        '"08:30"',
        '"25:99"',
        '"Europe/Helsinki"',
        '"Mars/Olympus"',
        "true",
        "1e999",
        "-0",
        "9" * 30,
        '"mon"',
        "2026-12-07T10:00:00",
        "inf",
        "nan",
    ]
)
toml_like = st.one_of(
    st.lists(_TOML_PIECES, max_size=60).map("".join),
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(list("[]{}=\"',\n.#ab1") + list(CONTROL)), max_size=300),
)
DEEP_ARRAY = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"
DEEP_TABLE = "a = " + "{b = " * 20_000 + "1" + "}" * 20_000 + "\n"


@FUZZ
@given(text=toml_like)
@example(text=DEEP_ARRAY)
@example(text=DEEP_TABLE)
@example(text='[routine]\ntimezone = "' + "A" * 100_000 + '"\n')
@example(text='[routine]\nwork_hours = ["08:30", "08:30"]\n')
@example(text="\x00\x1b]0;PWNED\x07")
def test_a_config_is_read_or_refused_with_a_config_error(text: str):
    try:
        parse_config(text, name="config.toml", fallback_zone=HELSINKI)
    except ConfigError as error:
        assert "\n" not in str(error).strip()


@FUZZ
@given(text=toml_like, post=st.text(max_size=200))
@example(text=DEEP_ARRAY, post="")
@example(
    text='[[rule]]\nterms = ["' + "a" * 10_000 + '"]\nseverity = "block"\nmessage = "m"\n', post="a" * 5000
)
@example(text='[[rule]]\nterms = ["*"]\nseverity = "warn"\nmessage = "m"\n', post="Kiitos " * 500)
@example(text="", post="131052-308T " * 200 + "a@b.fi " * 200)
def test_a_policy_is_read_or_refused_and_checks_any_post(text: str, post: str):
    try:
        policy = parse_policy(text, name="policy.toml")
    except PolicyError as error:
        assert "\n" not in str(error).strip()
        return
    for finding in check(post, policy):
        assert post[finding.start : finding.end] == finding.text


# ICS: lines as a calendar is made of, in any order, with values both sane and hostile.
_ICS_LINES = st.sampled_from(
    [
        "BEGIN:VCALENDAR",
        "END:VCALENDAR",
        "BEGIN:VEVENT",
        "END:VEVENT",
        "VERSION:2.0",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
        "TZID:Europe/Helsinki",
        "UID:a@example.com",
        "DTSTART:20261207T100000Z",
        "DTEND:20261207T110000Z",
        "DTSTART;TZID=Europe/Helsinki:20261208T090000",
        "DTSTART;VALUE=DATE:20261209",
        "DTEND:19700101T000000Z",
        "DTSTART:99991231T235959Z",
        "DTSTART:00010101T000000Z",
        "DTSTART;TZID=Nowhere/Else:20261207T100000",
        "DURATION:PT1H",
        "DURATION:-P9999999W",
        "RRULE:FREQ=DAILY;COUNT=40",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=30",
        "RRULE:FREQ=HOURLY;INTERVAL=5;UNTIL=20261231T000000Z",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12",
        "RRULE:FREQ=NOPE",
        "RRULE:;;;",
        "EXDATE:20261208T100000Z",
        "RECURRENCE-ID:20261208T100000Z",
        "STATUS:CANCELLED",
        "TRANSP:TRANSPARENT",
        "SUMMARY:\x1b]0;PWNED\x07",
        "SUMMARY:" + "x" * 5000,
        "ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com",
        " folded continuation",
        "\x00",
        "",
    ]
)
ics_like = st.one_of(
    st.lists(_ICS_LINES, max_size=40).map(lambda lines: "\r\n".join(lines).encode("utf-8", "surrogatepass")),
    st.binary(max_size=400),
)
_WEEK = datetime(2026, 12, 7, tzinfo=UTC)


@FUZZ
@given(data=ics_like)
@example(data=b"BEGIN:VCALENDAR\r\n" * 5000)
@example(data=("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + "SUMMARY:" + "\\," * 50_000 + "\r\n").encode())
@example(data=b"\xff\xfe\x00B\x00E\x00G\x00I\x00N")
@example(
    data=b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e\r\nDTSTART:20261208T100000Z\r\n"
    b"DTEND:20261208T110000Z\r\nSUMMARY:evil\x1b]0;PWNED\x07 \x1b[2J\\nnext\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)
def test_ics_bytes_are_read_or_refused_with_a_calendar_error(data: bytes):
    try:
        parsed = parse_calendar(data, name="fuzz.ics")
    except CalendarError as error:
        assert str(error).startswith("fuzz.ics") and "\n" not in str(error)
        return
    for block in busy_blocks(
        parsed, zone=HELSINKI, me=["me@example.com"], start=_WEEK, end=_WEEK + timedelta(days=7)
    ):
        assert block.start <= block.end
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in block.title), block.title


# Feeds: bytes read as a local file, through the same reader (its size cap included) as a download.
_FEED_PIECES = st.sampled_from(
    [
        '<?xml version="1.0"?>',
        '<rss version="2.0">',
        "</rss>",
        "<channel>",
        "</channel>",
        "<item>",
        "</item>",
        "<title>",
        "</title>",
        "<link>",
        "</link>",
        "<guid>",
        "</guid>",
        "<description>",
        "</description>",
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "</feed>",
        "<entry>",
        "</entry>",
        "&#27;]0;PWNED&#7;",
        "&#x9b;2J",
        "\x1b[2J",
        "javascript:alert(1)",
        "https://example.com/a",
        "<![CDATA[<script>x</script>]]>",
        '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
        "&a;",
        "&amp;",
        "text",
        "<pubDate>Mon, 30 Nov 2026 12:00:00 GMT</pubDate>",
        "<pubDate>99999</pubDate>",
    ]
)
feed_like = st.one_of(
    st.lists(_FEED_PIECES, max_size=50).map(lambda parts: "".join(parts).encode()),
    st.binary(max_size=400),
)
EVIL_FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>evil&#27;]0;PWNED&#7;</title>'
    b"<item><title>&#27;[2J\xc2\x9b2J Cleared</title><link>https://example.com/&#27;</link></item>"
    b"</channel></rss>"
)


@FUZZ
@given(data=feed_like)
@example(data=EVIL_FEED)
@example(
    data=b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "'
    + b"a" * 1000
    + b'">'
    + b"".join(
        b'<!ENTITY a%d "&a%d;&a%d;">' % (i, i - 1, i - 1) if i else b'<!ENTITY a0 "&a;&a;">'
        for i in range(12)
    )
    + b']><rss version="2.0"><channel><title>&a11;</title></channel></rss>'
)
def test_feed_bytes_are_read_or_refused_and_never_carry_control_characters(data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.xml"
        path.write_bytes(data)
        try:
            fetched = fetch_feed(str(path))
        except FeedError as error:
            assert "\n" not in str(error)
            return
    shown = [fetched.title, *(t for i in fetched.items for t in (i.title, i.summary, i.link or ""))]
    for text in shown:
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text), text
    assert all(i.link is None or i.link.startswith(("http://", "https://")) for i in fetched.items)
