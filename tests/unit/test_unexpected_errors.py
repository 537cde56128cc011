"""An unexpected error says where its details went — or that no log could be written, and why —
and logging never puts a traceback on the person's screen, whatever the disk does."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from somedesk.app.build import RotatingLog
from somedesk.cli.main import _logged


@pytest.fixture(autouse=True)
def _fresh_log() -> Iterator[None]:
    root = logging.getLogger("somedesk")
    before, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def boom() -> RuntimeError:
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        return error


ARGS = argparse.Namespace(config=None, verbose=False)


def test_the_details_are_in_the_log_when_it_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOMEDESK_HOME", str(tmp_path))
    log = tmp_path / "logs" / "somedesk.log"
    assert _logged(boom(), ARGS) == f"details are in the log ({log})"
    written = log.read_text(encoding="utf-8")
    assert "unexpected error" in written and "RuntimeError: boom" in written


def test_a_log_on_a_full_disk_is_not_pointed_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("SOMEDESK_HOME", str(tmp_path))
    (tmp_path / "logs").mkdir()
    log = tmp_path / "logs" / "somedesk.log"
    log.symlink_to("/dev/full")  # every write fails with ENOSPC, as on a full disk
    assert _logged(boom(), ARGS) == f"no log could be written (No space left on device: {log})"
    assert capsys.readouterr().err == ""  # logging's own "--- Logging error ---" traceback stays off


def test_no_log_folder_is_said_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    (tmp_path / "home").write_text("a file where the folder goes\n", encoding="utf-8")
    monkeypatch.setenv("SOMEDESK_HOME", str(tmp_path / "home"))
    assert (
        _logged(boom(), ARGS)
        == f"no log could be written ({tmp_path / 'home'} is a file, where a folder is needed)"
    )
    assert capsys.readouterr().err == ""


def test_the_log_handler_recovers_once_the_disk_has_room(tmp_path: Path):
    target = tmp_path / "somedesk.log"
    target.symlink_to("/dev/full")
    handler = RotatingLog(target)
    logger = logging.getLogger("somedesk.test-recovery")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.error("lost")
        assert handler.failure is not None
        target.unlink()  # room again: the next record opens the file afresh
        handler.failure = None
        logger.error("kept")
        assert handler.failure is None
        assert target.read_text(encoding="utf-8").endswith("kept\n")
        assert target.stat().st_mode & 0o777 == 0o600
    finally:
        logger.removeHandler(handler)
        handler.close()


def test_a_self_test_check_that_fails_says_whether_it_was_logged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    from somedesk.app.build import setup_logging
    from somedesk.cli.selftest import _failed
    from somedesk.sources.paths import resolve_paths

    # No log (the data folder could not be made): said so, and nothing on stderr.
    assert (
        _failed("spelling", boom()).text == "the check itself failed (RuntimeError); no log could be written"
    )
    assert capsys.readouterr().err == ""
    paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path)})
    paths.ensure()
    (paths.logs / "somedesk.log").symlink_to("/dev/full")
    setup_logging(paths)
    assert _failed("spelling", boom()).text == (
        "the check itself failed (RuntimeError); no log could be written "
        f"(No space left on device: {paths.logs / 'somedesk.log'})"
    )
    assert capsys.readouterr().err == ""


def test_a_library_error_is_never_shown_with_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    # requests' errors are OSErrors without an errno, and their text holds the address asked for
    # (a private calendar link's token): shown as a bug (exit 70), the text only in the redacted log.
    import requests

    from somedesk.cli.main import run

    monkeypatch.setenv("SOMEDESK_HOME", str(tmp_path))

    def fails(_args: argparse.Namespace) -> int:
        raise requests.ConnectionError("HTTPSConnectionPool(host='cal.example.com'): /private?token=S3CRET")

    assert run(fails, ARGS) == 70
    err = capsys.readouterr().err
    assert "S3CRET" not in err and err.startswith("somedesk: unexpected error (ConnectionError)")
    assert "S3CRET" not in (tmp_path / "logs" / "somedesk.log").read_text(encoding="utf-8")


def test_a_full_disk_without_a_file_name_is_one_plain_line(capsys: pytest.CaptureFixture[str]):
    import errno

    from somedesk.cli.main import run

    def fails(_args: argparse.Namespace) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    assert run(fails, ARGS) == 1
    assert (
        capsys.readouterr().err
        == "somedesk: nothing was saved: the disk is full; free some space and try again\n"
    )
