"""`somedesk --self-test` end to end: a real subprocess, offscreen Qt, a temp SOMEDESK_HOME."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from tests.e2e.conftest import Result, Runner
from tests.keyrings import FILE_VARIABLE, FileKeyring

OFFSCREEN = {"QT_QPA_PLATFORM": "offscreen"}
CONFIG = """
[calendars]
sources = ["work.ics", "missing.ics"]
"""
WORK_ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//somedesk tests//EN
END:VCALENDAR
"""


def self_test(somedesk: Runner) -> Result:
    result = somedesk("--self-test", env=OFFSCREEN)
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    assert all(line.startswith(("ok: ", "warning: ", "problem: ")) for line in lines), result.stdout
    return result


def line(result: Result, topic: str) -> str:
    found = [text for text in result.stdout.splitlines() if text.partition(": ")[2].startswith(f"{topic}: ")]
    assert len(found) == 1, (topic, result.stdout)
    return found[0]


def test_everything_essential_works(somedesk: Runner, home: Path, file_keyring: FileKeyring) -> None:
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    (home / "work.ics").write_text(WORK_ICS, encoding="utf-8")
    assert somedesk("drafts", "add", "hello").returncode == 0  # a real database to check

    result = self_test(somedesk)

    assert result.returncode == 0, result.stdout
    assert "problem:" not in result.stdout
    assert line(result, "versions").startswith("ok: versions: somedesk ")
    assert "Python 3." in line(result, "versions") and "PySide6 6." in line(result, "versions")
    assert line(result, "qt platform").startswith("ok: qt platform: offscreen")
    assert line(result, "tray").startswith(("ok: tray", "warning: tray"))
    assert line(result, "notifications").startswith(("ok: notifications", "warning: notifications: none"))
    keyring = line(result, "keyring")
    assert (
        keyring.startswith("ok: keyring: tests.keyrings.FileKeyring") and "removed a test secret" in keyring
    )
    assert _somedesk_entries() == {}, "the test secret was left behind"
    assert line(result, "config") == f"ok: config: {home / 'config.toml'} reads fine"
    assert line(result, "data folder") == f"ok: data folder: {home}"
    assert line(result, "database").startswith(f"ok: database: {home / 'somedesk.db'}: integrity check ok")
    assert line(result, "calendar work.ics").startswith("ok: calendar work.ics: loads")
    assert line(result, "calendar missing.ics").startswith("warning: calendar missing.ics: could not be read")


def test_a_calendar_link_is_redacted(somedesk: Runner, home: Path, file_keyring: FileKeyring) -> None:
    secret = "s3cr3t-t0ken-abcdef0123456789"
    (home / "config.toml").write_text(
        f'[calendars]\nsources = ["https://127.0.0.1:9/private/{secret}/basic.ics"]\n', encoding="utf-8"
    )
    result = self_test(somedesk)
    assert secret not in result.stdout + result.stderr
    assert "warning: calendar https://127.0.0.1:9/…/basic.ics: " in result.stdout
    assert result.returncode == 0  # a calendar is not essential


def test_no_usable_keyring_is_a_problem(somedesk: Runner) -> None:
    result = self_test(somedesk)  # the tests' default: keyring's `fail` backend
    assert result.returncode != 0
    keyring = line(result, "keyring")
    assert keyring.startswith("problem: keyring: no usable keyring")
    assert "install and unlock gnome-keyring" in keyring


def test_a_corrupt_database_is_a_problem(somedesk: Runner, home: Path, file_keyring: FileKeyring) -> None:
    database = home / "somedesk.db"
    database.write_bytes(b"this is not a database, just some bytes " * 200)
    result = self_test(somedesk)
    assert result.returncode != 0
    problem = line(result, "database")
    assert problem.startswith(f"problem: database: {database}")
    assert "restore a backup" in problem
    assert database.read_bytes().startswith(b"this is not a database")  # examined, never changed


def test_a_damaged_database_page_is_a_problem(
    somedesk: Runner, home: Path, file_keyring: FileKeyring
) -> None:
    assert somedesk("drafts", "add", "hello").returncode == 0
    database = home / "somedesk.db"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    assert pages > 2
    data = bytearray(database.read_bytes())
    data[page_size * (pages - 1) : page_size * pages] = b"\xff" * page_size  # garble the last page
    database.write_bytes(bytes(data))
    result = self_test(somedesk)
    assert result.returncode != 0
    assert line(result, "database").startswith(f"problem: database: {database}")


def test_a_broken_config_is_a_problem(somedesk: Runner, home: Path, file_keyring: FileKeyring) -> None:
    (home / "config.toml").write_text("[routine\n", encoding="utf-8")
    result = self_test(somedesk)
    assert result.returncode != 0
    assert line(result, "config").startswith("problem: config: ")
    assert "somedesk init" in line(result, "config")


def test_without_a_display_it_goes_offscreen_by_itself(somedesk: Runner) -> None:
    # Both blanked: inside the test session DISPLAY points at Xvfb.
    result = somedesk("--self-test", env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""})
    assert "ok: qt platform: offscreen (no DISPLAY or WAYLAND_DISPLAY" in result.stdout, result.stdout


def _somedesk_entries() -> object:
    path = Path(os.environ[FILE_VARIABLE])
    return json.loads(path.read_text(encoding="utf-8")).get("somedesk", {}) if path.exists() else {}


def test_it_says_whether_somedesk_is_in_the_applications_menu(somedesk: Runner, tmp_path: Path) -> None:
    desktop = {
        **OFFSCREEN,
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_DATA_DIRS": str(tmp_path / "system"),
    }
    missing = line(somedesk("--self-test", env=desktop), "applications menu")
    assert missing.startswith("warning: applications menu: somedesk is not listed; add it with ")
    assert "`somedesk launcher add`" in missing
    assert somedesk("launcher", "add", env=desktop).returncode == 0
    entry = tmp_path / "share" / "applications" / "io.github.somedesk.Somedesk.desktop"
    assert (
        line(somedesk("--self-test", env=desktop), "applications menu")
        == f"ok: applications menu: listed ({entry})"
    )
