"""Files replaced in one step: the new content or the old, and never a temporary file left behind."""

from __future__ import annotations

import stat

import pytest

from somedesk.sources.atomicfile import write_atomic


def test_writes_a_new_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "posts.ics"
    write_atomic(target, b"BEGIN:VCALENDAR\r\n")
    assert target.read_bytes() == b"BEGIN:VCALENDAR\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["posts.ics"]


def test_replaces_an_existing_file_whole(tmp_path):
    target = tmp_path / "words.txt"
    target.write_bytes(b"old\n" * 1000)
    write_atomic(target, b"new\n", durable=True)
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["words.txt"]


def test_mode_sets_the_new_files_permissions(tmp_path):
    target = tmp_path / "config.toml"
    write_atomic(target, b"x = 1\n", mode=0o640)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failed_move_keeps_the_old_content_and_removes_the_temporary_file(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "inside").write_text("keeps the folder non-empty")
    with pytest.raises(OSError):
        write_atomic(target, b"data")  # a file cannot replace a folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert (target / "inside").read_text() == "keeps the folder non-empty"


def test_a_missing_folder_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no such folder" / "file", b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_durable_write_flushes_the_file_and_then_its_folder(tmp_path, monkeypatch):
    # os.fsync is the operating system's; it is watched (and still called) to see what was flushed.
    import os

    flushed: list[tuple[bool, int]] = []
    real_fsync = os.fsync

    def watched(descriptor: int) -> None:
        status = os.fstat(descriptor)
        flushed.append((stat.S_ISDIR(status.st_mode), status.st_ino))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", watched)
    target = tmp_path / "somedesk.toml"
    write_atomic(target, b"x = 1\n", durable=True)
    assert flushed == [(False, target.stat().st_ino), (True, tmp_path.stat().st_ino)]
    flushed.clear()
    write_atomic(target, b"x = 2\n")  # not durable: nothing flushed
    assert flushed == []
