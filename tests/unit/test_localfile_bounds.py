"""Files somedesk is pointed at (feeds, policies, calendars) are read only when they are regular files of
a sane size: /dev/zero, a named pipe or a huge file is refused at once with one line (issue 13)."""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from somedesk.core.errors import PolicyError
from somedesk.sources.feeds import FeedError, fetch_feed
from somedesk.sources.localfile import NotARegularFileError, TooLargeError, read_regular_file
from somedesk.sources.policyfile import load_policy


def at_once(call: Callable[[], object]) -> BaseException:
    """The exception `call` ends with, which must come within a second (a hang fails, not blocks)."""
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    began = time.monotonic()
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "still reading after 5 s"
    assert time.monotonic() - began < 1
    assert outcome, "read without complaint"
    return outcome[0]


@pytest.fixture
def pipe(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"abc")
    assert read_regular_file(tmp_path / "f", 3) == b"abc"


def test_devices_and_pipes_are_not_regular_files(pipe: Path) -> None:
    for path in (Path("/dev/zero"), pipe):
        assert isinstance(at_once(functools.partial(read_regular_file, path, 1024)), NotARegularFileError)


def test_a_huge_file_is_refused_by_its_size_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge"
    with huge.open("wb") as file:
        file.truncate(20 * 1024**3)  # sparse
    error = at_once(lambda: read_regular_file(huge, 1024))
    assert isinstance(error, TooLargeError) and error.size == 20 * 1024**3


def test_a_folder_is_a_folder(tmp_path: Path) -> None:
    assert isinstance(at_once(lambda: read_regular_file(tmp_path, 1024)), IsADirectoryError)


@pytest.mark.parametrize("device", ["/dev/zero", "pipe"])
def test_a_feed_file_that_is_a_device_or_pipe_is_one_line(pipe: Path, device: str) -> None:
    path = pipe if device == "pipe" else Path(device)
    error = at_once(lambda: fetch_feed(str(path)))
    assert isinstance(error, FeedError)
    assert str(error).endswith(": that is not a regular file (a device, pipe or socket)")


@pytest.mark.parametrize("device", ["/dev/zero", "pipe"])
def test_a_policy_file_that_is_a_device_or_pipe_is_one_line(pipe: Path, tmp_path: Path, device: str) -> None:
    path = pipe if device == "pipe" else Path(device)
    error = at_once(lambda: load_policy(str(path), base_dir=tmp_path, cache_dir=tmp_path / "cache"))
    assert isinstance(error, PolicyError)
    assert str(error) == f"{path}: not a regular file (a device, pipe or socket)"


@pytest.mark.parametrize("device", ["/dev/zero", "pipe"])
def test_a_team_file_that_is_a_device_or_pipe_is_one_line(pipe: Path, device: str) -> None:
    # `somedesk join /dev/zero` passed the size check (a device says 0 bytes), then read without end.
    from somedesk.core.errors import ConfigError
    from somedesk.sources.teamfile import load_team_file

    path = str(pipe if device == "pipe" else Path(device))
    error = at_once(lambda: load_team_file(path))
    assert isinstance(error, ConfigError)
    assert str(error) == f"{path}: not a regular file (a device, pipe or socket)"
