"""Everything somedesk keeps is the person's alone: under umask 022 (which makes new files 0644 and
folders 0755) every folder it makes is 0700 and every file 0600 — the database and its -wal/-shm, the
log, the calendar and policy caches, kept images, the sandbox outbox, my words."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_sandbox_publish import PNG
from tests.fakes.files import FileServer
from tests.unit.test_policyfile import self_signed

ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//somedesk tests//EN
BEGIN:VEVENT
UID:a@example.com
DTSTAMP:20261101T000000Z
DTSTART:20261207T100000Z
DTEND:20261207T110000Z
SUMMARY:Sync
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    pytest.importorskip("cryptography")
    return self_signed(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def files(tls: tuple[Path, Path]) -> Iterator[FileServer]:
    server = FileServer("text/plain", tls)  # a policy is only fetched over https
    server.answers["/work.ics"] = (200, ICS)
    rule = b'[[rule]]\nname = "secret"\nterms = ["project x"]\nseverity = "warn"\nmessage = "not yet"\n'
    server.answers["/policy.toml"] = (200, rule)
    yield server
    server.stop()


def test_every_file_and_folder_somedesk_makes_is_private_under_umask_022(
    tmp_path: Path, files: FileServer, tls: tuple[Path, Path]
):
    home = tmp_path / "home"  # made by somedesk itself
    outside = tmp_path / "inputs"
    outside.mkdir()
    (outside / "photo.png").write_bytes(PNG)
    env = {
        **os.environ,
        "SOMEDESK_HOME": str(home),
        "TZ": "Europe/Helsinki",
        "REQUESTS_CA_BUNDLE": str(tls[0]),
    }
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)

    def run(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "somedesk", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            preexec_fn=lambda: os.umask(0o022),  # the point of the test
        )
        assert done.returncode == 0, (args, done.stderr)

    run("init")
    with (home / "config.toml").open("a", encoding="utf-8") as config:
        config.write(f'\n[policy]\nsource = "{files.url("/policy.toml")}"\n')
    run("drafts", "add", "hello", "--network", "sandbox", "--image", str(outside / "photo.png"))
    run("publish", "1")  # the outbox, a log line, the policy's cached copy
    run("moments", "--from", "2026-12-07", "--days", "1", "--calendar", files.url("/work.ics"))
    run("check", "Kiitos asiakkaille")  # spelling, the policy

    made = [home, *home.rglob("*")]
    names = {p.relative_to(home).as_posix() for p in made}
    # The walk saw what this test means to check (so it cannot pass by finding nothing).
    assert {"somedesk.db", "logs/somedesk.log", "outbox.jsonl", "config.toml"} <= names, names
    assert any(n.startswith("cache/") for n in names) and any(n.startswith("images/") for n in names), names
    wrong = {
        p.relative_to(home).as_posix() or ".": oct(stat.S_IMODE(p.lstat().st_mode))
        for p in made
        if stat.S_IMODE(p.lstat().st_mode) != (0o700 if p.is_dir() else 0o600)
    }
    assert wrong == {}


def test_modes_are_never_changed_through_a_symlink_or_on_a_shared_folder(tmp_path: Path):
    # Making files private must not reach beyond them: a symlinked database or log points at a file
    # that is someone else's business (a device, as root, was changed this way), and SOMEDESK_HOME may
    # name a shared folder such as /tmp.
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in ("db", "log"):
        (elsewhere / name).write_bytes(b"")
        (elsewhere / name).chmod(0o644)
    (shared / "logs").mkdir(mode=0o700)
    (shared / "somedesk.db").symlink_to(elsewhere / "db")
    (shared / "logs" / "somedesk.log").symlink_to(elsewhere / "log")
    env = {**os.environ, "SOMEDESK_HOME": str(shared), "TZ": "Europe/Helsinki"}
    for args in (("drafts", "add", "x", "--network", "sandbox"), ("publish", "1")):
        subprocess.run(
            [sys.executable, "-m", "somedesk", *args], env=env, capture_output=True, timeout=60, check=False
        )
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((elsewhere / "db").stat().st_mode) == 0o644
    assert stat.S_IMODE((elsewhere / "log").stat().st_mode) == 0o644
