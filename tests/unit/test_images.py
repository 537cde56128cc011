"""Attaching images: only regular files, refused by size before a byte is read (issue 13)."""

from __future__ import annotations

import os
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network
from somedesk.sources.images import keep_images

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _refusal(path: Path, networks: list[Network], folder: Path) -> tuple[str, float, int]:
    """keep_images' one-line refusal, how long it took and its peak memory; fails the test on a hang."""
    outcome: list[object] = []

    def run() -> None:
        try:
            keep_images([path], networks, folder)
        except InvalidInputError as error:
            outcome.append(error)
        else:
            outcome.append("accepted")

    tracemalloc.start()
    began = time.monotonic()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(5)
    took = time.monotonic() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not worker.is_alive(), f"keep_images({path}) still running after 5 s"
    assert isinstance(outcome[0], InvalidInputError), outcome
    return str(outcome[0]), took, peak


def test_a_regular_image_is_kept(tmp_path: Path) -> None:
    image = tmp_path / "a.png"
    image.write_bytes(PNG)
    [kept] = keep_images([image], [Network.X], tmp_path / "images")
    assert kept.read_bytes() == PNG


def test_dev_zero_is_refused_at_once_without_reading(tmp_path: Path) -> None:
    message, took, peak = _refusal(Path("/dev/zero"), [Network.X], tmp_path / "images")
    assert message == "/dev/zero: not an image file (a device, pipe or socket); attach a regular file"
    assert took < 1 and peak < 1024 * 1024
    assert not (tmp_path / "images").exists()


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.png"
    os.mkfifo(pipe)
    message, took, _ = _refusal(pipe, [Network.LINKEDIN], tmp_path / "images")
    assert message == f"{pipe}: not an image file (a device, pipe or socket); attach a regular file"
    assert took < 1


def test_a_huge_file_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.png"
    with huge.open("wb") as file:
        file.write(PNG)
        file.truncate(8 * 1024**3)  # sparse: 8 GB that the refusal must not read
    message, took, peak = _refusal(huge, [Network.LINKEDIN], tmp_path / "images")
    assert message == "huge.png: 8192.0 MB is over LinkedIn's 20 MB per image"
    assert took < 1 and peak < 1024 * 1024


@pytest.mark.parametrize(("network", "limit"), [(Network.X, 5), (Network.LINKEDIN, 20)])
def test_each_networks_own_limit_applies(tmp_path: Path, network: Network, limit: int) -> None:
    image = tmp_path / "big.png"
    with image.open("wb") as file:
        file.write(PNG)
        file.truncate(limit * 1024 * 1024 + 1)
    message, _, _ = _refusal(image, [network], tmp_path / "images")
    assert message.startswith("big.png: ") and f"{network.display_name}'s {limit} MB" in message
    image.write_bytes(PNG)  # and at the limit's side of the line, the same image is fine
    assert keep_images([image], [network], tmp_path / "images")


def test_the_strictest_chosen_network_decides(tmp_path: Path) -> None:
    image = tmp_path / "six.png"
    with image.open("wb") as file:
        file.write(PNG)
        file.truncate(6 * 1024 * 1024)
    message, _, _ = _refusal(image, [Network.LINKEDIN, Network.X], tmp_path / "images")
    assert "X's 5 MB" in message


def test_a_folder_is_refused(tmp_path: Path) -> None:
    message, _, _ = _refusal(tmp_path, [Network.X], tmp_path / "images")
    assert message == f"{tmp_path}: is a folder, not an image"
