"""Hostile input through the real command line: each case an outside review reproduced as an
"unexpected error" (exit 70), a traceback, or raw terminal escapes, now one clear line and exit 1 or 2.

Some need a real read-only or full file system. Tests run as root, and root ignores a chmod, so those
mount a tiny tmpfs inside a private mount namespace (`unshare -m`, nothing outside sees it); they are
skipped where that cannot be done (not root, no unshare)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from somedesk.desktop.instance import socket_path
from tests.e2e.conftest import Runner

REPO = Path(__file__).resolve().parents[2]


def run_bytes(home: Path, *args: str | bytes, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The CLI with arguments and standard input as raw bytes (what a shell passes on)."""
    env = {**os.environ, "SOMEDESK_HOME": str(home), "TZ": "Europe/Helsinki"}
    argv = [os.fsencode(sys.executable), b"-m", b"somedesk", *(os.fsencode(a) for a in args)]
    return subprocess.run(argv, input=stdin, capture_output=True, env=env, timeout=60, check=False)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr and "unexpected error" not in stderr, stderr
    assert 1 <= len(lines) <= 6, stderr  # argparse puts its usage (a few lines) before the one line
    assert lines[-1].startswith("somedesk"), stderr
    assert all(line.startswith(("usage:", " ")) for line in lines[:-1]), stderr
    return lines[-1]


def draft_texts(somedesk: Runner) -> list[str]:
    return [d["text"] for d in json.loads(somedesk("drafts", "list", "--json").stdout)]


# Text that is not UTF-8 ----------------------------------------------------------------------


def test_standard_input_that_is_not_utf8_is_refused_in_one_line(home: Path, somedesk: Runner):
    done = run_bytes(home, "drafts", "add", "-", stdin=b"caf\xe9 au lait\n")
    assert done.returncode == 1
    assert one_line(done.stderr.decode()) == (
        "somedesk: standard input is not UTF-8 text (byte 4 cannot be read); save it as UTF-8"
    )
    checked = run_bytes(home, "check", "-", stdin=b"\xff\xfe")
    assert checked.returncode == 1 and "not UTF-8" in one_line(checked.stderr.decode())
    assert draft_texts(somedesk) == []


@pytest.mark.parametrize(
    "args",
    [
        (b"drafts", b"add", b"caf\xe9"),
        (b"check", b"\xff caf\xe9"),
        (b"ideas", b"add", b"https://example.com/\xff"),
        (b"schedule", b"1", b"--at", b"2026-12-08T11:30\xe9"),
    ],
)
def test_arguments_that_are_not_utf8_are_a_usage_error(home: Path, somedesk: Runner, args: tuple[bytes, ...]):
    done = run_bytes(home, *args)
    assert done.returncode == 2
    assert one_line(done.stderr.decode(errors="replace")).endswith("is not UTF-8 text; write it in UTF-8")
    assert draft_texts(somedesk) == []


# Numbers and times out of range --------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("drafts", "show", "99999999999999999999999"),
        ("drafts", "delete", "99999999999999999999999"),
        ("schedule", "9223372036854775808", "--next"),
        ("publish", "1" * 400),
        ("ideas", "draft", "99999999999999999999999"),
        ("drafts", "show", "²"),  # str.isdigit() says yes; int() says no
        ("moments", "--from", "9999-12-30"),
        ("moments", "--from", "0001-01-01"),
        ("review", "--week", "9999-W52"),
        ("review", "--week", "0001-W01"),
        ("moments", "--days", "9" * 5000),
    ],
)
def test_ids_and_dates_beyond_any_real_one_are_a_usage_error(somedesk: Runner, args: tuple[str, ...]):
    done = somedesk(*args)
    assert done.returncode == 2, done.stderr
    one_line(done.stderr)


def test_a_feed_id_beyond_any_real_one_is_not_found(somedesk: Runner):
    done = somedesk("ideas", "remove", "99999999999999999999999")
    assert done.returncode == 1
    assert (
        one_line(done.stderr)
        == "somedesk: there is no feed 99999999999999999999999 (see: somedesk ideas feeds)"
    )


@pytest.mark.parametrize("at", ["9999-12-31T23:59", "0001-01-01T00:00", "9999-12-31T23:59+00:00"])
def test_schedule_at_the_ends_of_the_calendar_is_one_line(somedesk: Runner, at: str):
    assert somedesk("drafts", "add", "hello", "--network", "sandbox").returncode == 0
    done = somedesk("schedule", "1", "--at", at)
    assert done.returncode == 1
    assert one_line(done.stderr) == f"somedesk: {at!r} is too far from today; give one from 1971 to 9000"
    assert somedesk("queue").stdout.strip() == "Nothing scheduled."


# Files and folders that cannot be used -------------------------------------------------------


def test_a_config_nested_100000_deep_is_one_line(home: Path, somedesk: Runner):
    (home / "config.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    done = somedesk("moments")
    assert done.returncode == 1
    assert one_line(done.stderr) == f"somedesk: {home / 'config.toml'}: not valid TOML (nested too deeply)"


def test_a_policy_nested_100000_deep_is_one_line(home: Path, somedesk: Runner):
    (home / "policy.toml").write_text("[[rule]]\nterms = " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (home / "config.toml").write_text('[policy]\nsource = "policy.toml"\n', encoding="utf-8")
    done = somedesk("check", "hello")
    assert done.returncode == 1
    assert "not valid TOML (nested too deeply)" in one_line(done.stderr)


def test_init_where_a_file_stands_for_the_folder_is_one_line(tmp_path: Path, somedesk: Runner):
    # A real failure that holds for root too (a chmod would not): the folder is a file.
    (tmp_path / "taken").write_text("a file\n", encoding="utf-8")
    done = somedesk("--config", str(tmp_path / "taken" / "config.toml"), "init")
    assert done.returncode == 1
    assert one_line(done.stderr) == f"somedesk: {tmp_path / 'taken'} is a file, where a folder is needed"


def test_a_somedesk_home_that_is_a_file_is_one_line(tmp_path: Path, somedesk: Runner):
    (tmp_path / "home-file").write_text("", encoding="utf-8")
    env = {"SOMEDESK_HOME": str(tmp_path / "home-file")}
    for args in (("init",), ("drafts", "add", "hi"), ("moments",), ("queue",)):
        done = somedesk(*args, env=env)
        assert done.returncode == 1, args
        one_line(done.stderr)


def test_a_folder_where_the_instance_socket_goes_is_named_as_the_cause(home: Path, somedesk: Runner):
    taken = socket_path(home)
    taken.mkdir()
    try:
        done = somedesk("run", env={"DBUS_SESSION_BUS_ADDRESS": ""})
    finally:
        taken.rmdir()
    assert done.returncode == 1
    assert one_line(done.stderr) == (
        f"somedesk: cannot listen on {taken} (Is a directory); remove what is at that path, then start "
        "somedesk again"
    )


# A read-only or full disk (a tmpfs in a private mount namespace) -----------------------------


def _namespace_available() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt"],
        capture_output=True,
        check=False,
        timeout=10,
    )
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(
    not _namespace_available(), reason="needs root and unshare -m to mount a tmpfs"
)


def in_namespace(script: str, mountpoint: Path, options: str) -> subprocess.CompletedProcess[str]:
    """Run `script` (sh) with a tmpfs mounted at `mountpoint` that only this process tree sees."""
    env = {**os.environ, "TZ": "Europe/Helsinki", "SOMEDESK_HOME": str(mountpoint), "PY": sys.executable}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o {options} tmpfs '{mountpoint}' && {script}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@needs_mounts
def test_a_read_only_somedesk_home_is_one_line_each(tmp_path: Path):
    home = tmp_path / "ro"
    home.mkdir()
    done = in_namespace(
        'for c in "init" "drafts add hi" "moments" "queue" "ideas list"; do '
        '"$PY" -m somedesk $c; echo "rc=$?" >&2; done',
        home,
        "ro,size=64k",
    )
    codes = [line for line in done.stderr.splitlines() if line.startswith("rc=")]
    messages = [line for line in done.stderr.splitlines() if not line.startswith("rc=")]
    assert codes == ["rc=1"] * 5, done.stderr
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr
    assert all("Read-only file system" in m for m in messages) and len(messages) == 5, done.stderr
    assert messages[0] == f"somedesk: {home / 'config.toml'}: cannot be written (Read-only file system)"


@needs_mounts
def test_a_full_disk_on_drafts_add_saves_nothing_and_says_so(tmp_path: Path):
    home = tmp_path / "full"
    home.mkdir()
    done = in_namespace(
        '"$PY" -m somedesk init >/dev/null && "$PY" -m somedesk drafts add first >/dev/null && '
        # Fill the disk but ~200 KB (the database still opens), then add a 300 KB draft.
        'head -c 2m /dev/zero > "$SOMEDESK_HOME/filler" 2>/dev/null; rm "$SOMEDESK_HOME/filler"; '
        'head -c 760k /dev/zero > "$SOMEDESK_HOME/filler"; '
        'head -c 300000 /dev/zero | tr "\\0" x | "$PY" -m somedesk drafts add -; echo "rc=$?"; '
        '"$PY" -m somedesk drafts list --json',
        home,
        "size=1m",
    )
    assert "rc=1" in done.stdout, done.stdout + done.stderr
    assert (
        one_line(done.stderr)
        == "somedesk: nothing was saved: the disk is full; free some space and try again"
    )
    listed = json.loads(done.stdout.partition("rc=1")[2])
    assert [d["text"] for d in listed] == ["first"]


def test_a_log_on_a_full_disk_fails_quietly(home: Path, somedesk: Runner):
    # /dev/full answers every write with ENOSPC, as a full disk does.
    (home / "logs").mkdir()
    (home / "logs" / "somedesk.log").symlink_to("/dev/full")
    assert somedesk("drafts", "add", "hello", "--network", "sandbox").returncode == 0
    done = somedesk("publish", "1")  # logs "publication 1 published"
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout.startswith("Published on Sandbox")


# Terminal escapes ----------------------------------------------------------------------------

EVIL = "evil\x1b]0;PWNED\x07 \x1b[2J\x9b2J done"


def test_draft_text_is_shown_with_escapes_never_raw(somedesk: Runner):
    assert somedesk("drafts", "add", EVIL, "--network", "sandbox").returncode == 0
    assert somedesk("schedule", "1", "--next").returncode == 0
    for args in (("drafts", "list"), ("drafts", "show", "1"), ("queue",)):
        out = somedesk(*args).stdout
        assert "evil\\x1b]0;PWNED\\x07" in out, (args, out)
        assert not any(c in out for c in "\x1b\x07\x9b"), args
    listed = somedesk("drafts", "list", "--json").stdout
    assert not any(c in listed for c in "\x1b\x07\x9b")
    assert json.loads(listed)[0]["text"] == EVIL  # the JSON still carries the text as it is


def test_feed_titles_lose_their_control_characters_on_the_way_in(home: Path, somedesk: Runner):
    feed = home / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>evil&#27;]0;PWNED&#7;</title>'
        "<item><title>&#27;[2JCleared</title><link>https://example.com/a&#27;[2J</link>"
        "<guid>a</guid></item></channel></rss>",
        encoding="utf-8",
    )
    added = somedesk("ideas", "add", str(feed))
    listed = somedesk("ideas", "list", "--json")
    assert added.returncode == 0, added.stderr
    assert "\x1b" not in added.stdout + listed.stdout and "\x07" not in added.stdout
    assert "]0;PWNED" in added.stdout  # the title is kept, less its control characters
    ideas = json.loads(listed.stdout)
    assert [(i["title"], i["feed"], i["link"]) for i in ideas] == [("[2JCleared", "evil]0;PWNED", None)]


# Files that are not files --------------------------------------------------------------------


@pytest.fixture
def pipe(tmp_path: Path) -> Path:
    path = tmp_path / "named-pipe"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("special", ["/dev/zero", "pipe"])
def test_a_device_or_a_named_pipe_is_refused_unread_wherever_a_file_is_named(
    home: Path, somedesk: Runner, pipe: Path, special: str
):
    # /dev/zero never ends (it was read into memory until the machine ran out); a named pipe
    # waits for a writer forever. Each must be refused at once, in one line.
    path = str(pipe) if special == "pipe" else special
    config = somedesk("--config", path, "moments")
    assert (
        config.returncode == 1
        and one_line(config.stderr) == f"somedesk: {path}: cannot be read (not a regular file)"
    )
    calendar = somedesk("moments", "--days", "1", "--calendar", path)
    assert calendar.returncode == 1 and "not a regular file" in one_line(calendar.stderr)
    feed = somedesk("ideas", "add", path)
    assert feed.returncode == 1 and "not a regular file" in one_line(feed.stderr)
    (home / "config.toml").write_text(f'[policy]\nsource = "{path}"\n', encoding="utf-8")
    policy = somedesk("check", "hello")
    assert policy.returncode == 1 and "not a regular file" in one_line(policy.stderr)


def test_a_config_larger_than_any_real_one_is_refused_unread(home: Path, somedesk: Runner):
    (home / "config.toml").write_bytes(b"# " + b"x" * 2_000_000 + b"\n")
    done = somedesk("moments")
    assert done.returncode == 1
    assert (
        one_line(done.stderr)
        == f"somedesk: {home / 'config.toml'}: too large to be a config file (over 1 MB)"
    )


def test_a_piped_secret_or_address_that_is_not_utf8_is_one_line(home: Path):
    done = run_bytes(home, "share", "setup", stdin=b"https://hooks.slack.com/services/\xff\n")
    assert done.returncode == 1
    assert one_line(done.stderr.decode()) == (
        "somedesk: standard input is not UTF-8 text (byte 34 cannot be read); save it as UTF-8"
    )


@needs_mounts
def test_a_full_disk_when_an_image_is_kept_says_so_in_one_line(tmp_path: Path):
    home = tmp_path / "full"
    home.mkdir()
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(400_000))  # larger than the room left
    done = in_namespace(
        '"$PY" -m somedesk init >/dev/null && "$PY" -m somedesk drafts add first >/dev/null && '
        'head -c 2m /dev/zero > "$SOMEDESK_HOME/filler" 2>/dev/null; rm "$SOMEDESK_HOME/filler"; '
        'head -c 760k /dev/zero > "$SOMEDESK_HOME/filler"; '
        f'"$PY" -m somedesk drafts add pic --network sandbox --image "{image}"; echo "rc=$?"',
        home,
        "size=1m",
    )
    assert "rc=1" in done.stdout, done.stdout + done.stderr
    line = one_line(done.stderr)
    assert "the disk is full" in line and ".tmp" not in line, line


@pytest.mark.parametrize("args", [("drafts", "add", "-"), ("check", "-"), ("share", "setup")])
def test_endless_standard_input_is_refused_after_a_megabyte(
    home: Path, somedesk: Runner, args: tuple[str, ...]
):
    # /dev/zero as standard input was read into memory without end.
    env = {**os.environ, "SOMEDESK_HOME": str(home), "TZ": "Europe/Helsinki"}
    with Path("/dev/zero").open("rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "somedesk", *args],
            stdin=zero,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)),
        )
    assert done.returncode == 1
    assert one_line(done.stderr) == "somedesk: standard input is longer than any post (over 1 MB)"
    assert draft_texts(somedesk) == []
