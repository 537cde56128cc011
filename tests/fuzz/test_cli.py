"""Fuzzing the command line: arguments and standard input, as a person or a script could send them.

Each run ends within its deadline with exit 0, 1 or 2; a refusal (1 or 2) is one line (after
argparse's usage) and changes nothing in the database; no traceback, and no raw control character
or undecodable byte reaches the terminal. Most examples run `main()` in this process (fast); a few
run the real `somedesk` with raw bytes and a memory limit.
"""

from __future__ import annotations

import io
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from somedesk.cli.main import main

COMMANDS = [
    ["drafts", "add"], ["drafts", "edit"], ["drafts", "show"], ["drafts", "delete"], ["drafts", "list"],
    ["schedule"], ["unschedule"], ["queue"], ["moments"], ["review"], ["today"], ["check"], ["pause"],
    ["resume"], ["ideas", "list"], ["ideas", "draft"], ["ideas", "dismiss"], ["ideas", "remove"],
    ["ideas", "feeds"], ["export", "--ics", "-"],
]  # fmt: skip
# Never --ics FILE, --image, --config or `ideas add`: those name files and addresses to write or read.
OPTIONS = [
    "--json", "--at", "--next", "--network", "linkedin", "x", "sandbox", "--mode", "auto", "remind",
    "--from", "--days", "--week", "--hours", "--until-tomorrow", "-", "--calendar", "--lang", "fi",
    "--despite-warnings", "--no-share", "1", "2", "3",
]  # fmt: skip
AWKWARD = [
    "99999999999999999999999", "9223372036854775808", "-1", "0", "²", "١٢", "1e9", "nan", "inf",
    "9999-12-31T23:59", "0001-01-01T00:00", "2026-13-45T25:61", "9999-12-31", "0001-01-01", "9999-W52",
    "0001-W01", "2026-W54", "evil\x1b]0;PWNED\x07", "\x1b[2J", "caf\udce9", "\x00", "\u202e", "\u2028",
    "\x9b2J",
    " ", "", "a" * 5000, "9" * 5000,
]  # fmt: skip
tokens = st.one_of(
    st.sampled_from(OPTIONS),
    st.sampled_from(AWKWARD),
    st.integers(-(10**30), 10**30).map(str),
    st.text(max_size=20),
)
arguments = st.tuples(st.sampled_from(COMMANDS), st.lists(tokens, max_size=5)).map(lambda c: [*c[0], *c[1]])
stdin_bytes = st.one_of(
    st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))
)

CONFIG = """
[routine]
timezone = "Europe/Helsinki"
quiet_hours = []
[publishing]
reply_reminders = []
"""
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>One</title><link>https://example.com/1</link><guid>1</guid></item></channel></rss>"""
# What must never reach the terminal raw: controls, line/paragraph separators, bidi overrides.
RAW_CONTROLS = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0), *range(0x2028, 0x202F)]} - {"\n", "\t"}


@contextmanager
def _environment(home: Path) -> Iterator[None]:
    saved = os.environ.get("SOMEDESK_HOME"), os.environ.get("TZ")
    os.environ["SOMEDESK_HOME"], os.environ["TZ"] = str(home), "Europe/Helsinki"
    try:
        yield
    finally:
        for name, value in zip(("SOMEDESK_HOME", "TZ"), saved, strict=True):
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_in_process(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """`main(argv)` with this standard input; its exit code, stdout and stderr."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")  # as a UTF-8 terminal
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code if isinstance(stop.code, int) else 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    texts = []
    for stream in (out, err):
        stream.flush()
        texts.append(stream.buffer.getvalue().decode("utf-8"))
    return code, texts[0], texts[1]


def database_state(home: Path) -> list[str]:
    with sqlite3.connect(f"file:{home / 'somedesk.db'}?mode=ro", uri=True) as db:
        return list(db.iterdump())


@pytest.fixture(scope="module")
def home() -> Iterator[Path]:
    import logging

    with tempfile.TemporaryDirectory() as folder, _environment(Path(folder)):
        root = Path(folder)
        (root / "config.toml").write_text(CONFIG, encoding="utf-8")
        (root / "feed.xml").write_bytes(FEED)
        before = list(logging.getLogger("somedesk").handlers)
        for setup in (
            ["drafts", "add", "first", "--network", "sandbox"],
            ["drafts", "add", "second", "--network", "linkedin"],
            ["schedule", "1", "--next"],
            ["ideas", "add", str(root / "feed.xml")],
        ):
            assert run_in_process(setup)[0] == 0, setup
        yield root
        for handler in logging.getLogger("somedesk").handlers[:]:
            if handler not in before:
                logging.getLogger("somedesk").removeHandler(handler)
                handler.close()


def check_outcome(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in out + err and "unexpected error" not in err, err
    assert not RAW_CONTROLS & set(out + err), (out, err)
    if code:
        lines = err.strip().splitlines()
        assert 1 <= len(lines) <= 6 and lines[-1].startswith("somedesk"), err
        assert all(line.startswith(("usage:", " ")) for line in lines[:-1]), err


@settings(
    max_examples=80,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=arguments, stdin=stdin_bytes)
@example(argv=["drafts", "show", "99999999999999999999999"], stdin=b"")
@example(argv=["schedule", "2", "--at", "9999-12-31T23:59"], stdin=b"")
@example(argv=["schedule", "2", "--at", "0001-01-01T00:00"], stdin=b"")
@example(argv=["drafts", "add", "-"], stdin=b"caf\xe9\n")
@example(argv=["drafts", "add", "caf\udce9"], stdin=b"")
@example(argv=["check", "-"], stdin=b"\xff\xfe\x00")
@example(argv=["drafts", "edit", "1", "evil\x1b]0;PWNED\x07"], stdin=b"")
@example(argv=["ideas", "remove", "99999999999999999999999"], stdin=b"")
@example(argv=["moments", "--from", "9999-12-30"], stdin=b"")
@example(argv=["review", "--week", "0001-W01"], stdin=b"")
def test_any_arguments_and_input_end_in_0_1_or_2_and_a_refusal_changes_nothing(
    home: Path, argv: list[str], stdin: bytes
):
    before = database_state(home)
    code, out, err = run_in_process(argv, stdin)
    if argv[0] == "export":
        out = out.replace("\r\n", "\n")  # iCalendar's line ends
    check_outcome(code, out, err)
    if code in (1, 2):
        assert database_state(home) == before, (argv, err)


# The real program, with raw bytes, under a memory limit -------------------------------------------

MEMORY_LIMIT = 1 << 30  # 1 GiB of address space: the CLI needs well under 200 MB


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


raw_arguments = st.lists(
    st.one_of(
        st.sampled_from([b"drafts", b"add", b"check", b"-", b"show", b"1"]),
        st.binary(min_size=1, max_size=20),
    ),
    max_size=4,
).filter(lambda args: b"\x00" not in b"".join(args))  # exec() cannot pass a NUL


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=raw_arguments, stdin=st.binary(max_size=200))
@example(args=[b"drafts", b"add", b"caf\xe9"], stdin=b"")
@example(args=[b"check", b"-"], stdin=b"\xc3\x28 invalid")
def test_the_real_program_with_raw_bytes(home: Path, args: list[bytes], stdin: bytes):
    env = {**os.environ, "SOMEDESK_HOME": str(home), "TZ": "Europe/Helsinki"}
    if not args or args[0] not in (b"drafts", b"check"):
        args = [b"check", *args]  # never the desktop app (no command), `run` or `init`
    before = database_state(home)
    done = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"somedesk", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
        preexec_fn=_limited,  # the memory bound
    )
    check_outcome(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8", "replace"))
    if done.returncode:
        assert database_state(home) == before


# Well-formed configs with any values, through the commands that plan with them ---------------------

_CLOCKS = st.sampled_from(
    ["00:00", "07:40", "08:30", "11:30", "12:00", "16:30", "19:00", "23:59", "24:00", "7:5", ""]
)
_WINDOW: st.SearchStrategy[list[str]] = st.one_of(
    st.just([]), st.lists(_CLOCKS, min_size=2, max_size=2), st.lists(_CLOCKS, max_size=3)
)
_NUMBER = st.one_of(
    st.integers(-(10**20), 10**20),
    st.sampled_from([0, 1, 5, 240, 241, -1]),
    st.floats(allow_nan=True),
    st.text(max_size=3),
)


def _toml(value: object) -> str:
    import json
    import math

    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)


@st.composite
def configs(draw: st.DrawFn) -> str:
    routine = {
        "timezone": draw(
            st.sampled_from(
                ["Europe/Helsinki", "UTC", "Pacific/Kiritimati", "America/St_Johns", "Etc/GMT+12"]
            )
        ),
        "workdays": draw(
            st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun", "xyz"]), max_size=8)
        ),
        "work_hours": draw(_WINDOW),
        "lunch": draw(_WINDOW),
        "commutes": draw(st.lists(_WINDOW, max_size=3)),
        "quiet_hours": draw(_WINDOW),
        "before_meeting_minutes": draw(_NUMBER),
        "min_moment_minutes": draw(_NUMBER),
    }
    chosen = draw(st.sets(st.sampled_from(sorted(routine))))
    lines = ["[routine]", *(f"{k} = {_toml(v)}" for k, v in routine.items() if k in chosen)]
    for network in draw(st.sets(st.sampled_from(["linkedin", "x", "mastodon"]))):
        lines += [
            f"[targets.{network}]",
            f"per_week = {_toml(draw(_NUMBER))}",
            f"min_gap_hours = {_toml(draw(_NUMBER))}",
        ]
    return "\n".join(lines) + "\n"


@settings(
    max_examples=40,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    config=configs(),
    command=st.sampled_from(
        [["moments", "--days", "14"], ["today"], ["review"], ["schedule", "1", "--next"]]
    ),
)
@example(
    config='[routine]\ntimezone = "Pacific/Kiritimati"\nworkdays = ["mon","tue","wed","thu","fri","sat"]\n'
    'work_hours = ["00:00", "23:59"]\nquiet_hours = []\nmin_moment_minutes = 0\n',
    command=["moments", "--days", "14"],
)
@example(
    config="[targets.x]\nper_week = 100000000000000000000\nmin_gap_hours = 0\n",
    command=["schedule", "1", "--next"],
)
def test_any_well_formed_config_plans_or_is_refused_in_one_line(home: Path, config: str, command: list[str]):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_text(config, encoding="utf-8")
        before = database_state(home)
        code, out, err = run_in_process(["--config", str(path), *command])
        check_outcome(code, out, err)
        if code:
            assert database_state(home) == before
