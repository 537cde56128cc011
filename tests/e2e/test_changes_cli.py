"""A command that changes the store tells the running somedesk what it changed, and nothing else."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from somedesk.desktop.instance import Instance
from tests.e2e.conftest import Runner


@pytest.fixture
def running(home: Path) -> Iterator[list[str]]:
    """A running somedesk's socket on the data folder, recording the messages it is sent."""
    instance = Instance(home)
    instance.acquire()
    received: list[str] = []
    arrived = threading.Event()

    def on_message(message: str) -> str:
        received.append(message)
        arrived.set()
        return "ok"

    instance.listen(on_message)
    try:
        yield received
    finally:
        instance.release()


def test_adding_a_draft_says_drafts_changed(somedesk: Runner, running: list[str]) -> None:
    assert somedesk("drafts", "add", "An idea from the terminal").returncode == 0
    assert running == ["changed:drafts"]


def test_scheduling_says_the_schedule_changed(somedesk: Runner, running: list[str]) -> None:
    assert somedesk("drafts", "add", "Off it goes", "--network", "sandbox").returncode == 0
    assert somedesk("schedule", "1", "--next").returncode == 0
    assert somedesk("unschedule", "1").returncode == 0
    assert running == ["changed:drafts,publications", "changed:publications", "changed:publications"]


def test_reading_sends_nothing(somedesk: Runner, running: list[str]) -> None:
    assert somedesk("drafts", "list").returncode == 0
    assert somedesk("queue").returncode == 0
    assert running == []


def test_a_refused_command_that_changed_nothing_sends_nothing(somedesk: Runner, running: list[str]) -> None:
    result = somedesk("drafts", "delete", "42")
    assert result.returncode == 1
    assert running == []
