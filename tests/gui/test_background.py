"""The GUI's background worker: work runs off the GUI thread, outcomes come back on it, and an
outcome for a window deleted in the meantime is dropped rather than raised."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QLabel

from somedesk.core.errors import UserError
from somedesk.gui.background import Background


def test_the_work_runs_on_a_thread_and_the_outcome_on_the_gui_thread(qtbot):
    worker = Background()
    threads: list[str] = []
    results: list[int] = []

    def work() -> int:
        threads.append(threading.current_thread().name)
        return 42

    def done(value: int) -> None:
        threads.append(threading.current_thread().name)
        results.append(value)

    with qtbot.waitSignal(worker.idle, timeout=5000):
        worker.run(work, done, lambda _message: None, name="somedesk-test-work")
    assert results == [42] and threads == ["somedesk-test-work", threading.main_thread().name]


def test_a_user_error_becomes_its_one_line_message(qtbot):
    worker = Background()
    messages: list[str] = []

    def work() -> None:
        raise UserError("the calendar could not be read")

    with qtbot.waitSignal(worker.idle, timeout=5000):
        worker.run(work, lambda _value: None, messages.append)
    assert messages == ["the calendar could not be read"]


def test_an_outcome_for_a_deleted_window_is_dropped(qtbot):
    worker = Background()
    label = QLabel()
    release = threading.Event()

    def work() -> str:
        release.wait(5)
        return "done"

    worker.run(work, label.setText, lambda _message: None)
    shiboken6.delete(label)  # the window closed while the work ran
    with qtbot.waitSignal(worker.idle, timeout=5000):
        release.set()
    assert not worker.busy


def test_other_runtime_errors_in_a_callback_are_not_hidden(qtbot):
    worker = Background()
    failures: list[BaseException] = []

    def done(_value: object) -> None:
        raise RuntimeError("a real bug")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.excepthook", lambda _type, error, _tb: failures.append(error))
        with qtbot.waitSignal(worker.idle, timeout=5000):
            worker.run(lambda: 1, done, lambda _message: None)
    assert [str(f) for f in failures] == ["a real bug"]


def test_a_window_held_only_by_its_job_is_freed_on_the_gui_thread(qtbot):
    # Deleted on the worker thread, a window's timers would be stopped from the wrong thread, and
    # Qt may crash. The job is handed back and freed on the GUI thread.
    worker = Background()
    freed_on: list[str] = []
    release = threading.Event()
    window = QLabel()
    window.destroyed.connect(lambda: freed_on.append(threading.current_thread().name))

    def work(held: QLabel = window) -> str:
        release.wait(5)
        return held.text()

    worker.run(work, lambda _text: None, lambda _message: None, name="somedesk-test-work")
    del window, work  # only the job holds the window now
    with qtbot.waitSignal(worker.idle, timeout=5000):
        release.set()
    qtbot.waitUntil(lambda: not any(t.name == "somedesk-test-work" for t in threading.enumerate()))
    assert freed_on == [threading.main_thread().name]
