"""An unhandled exception in the desktop app is logged, shown without blocking, and survived."""

from __future__ import annotations

import logging
import sys
import threading

from somedesk.gui.errors import ErrorReporter


def test_an_unhandled_exception_is_logged_and_shown_without_blocking(qtbot, caplog):
    reporter = ErrorReporter()
    reporter.install()
    try:
        with caplog.at_level(logging.ERROR, logger="somedesk.gui.errors"):
            try:
                raise ValueError("secret-ish detail")
            except ValueError:
                sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: len(reporter.boxes) == 1)
        [box] = reporter.boxes
        assert not box.isModal() and box.isVisible()
        assert box.text() == (
            "Something went wrong (ValueError). somedesk keeps running; the details are in its log."
        )
        assert "secret-ish detail" not in box.text()
        assert "secret-ish detail" in caplog.text  # the full story is in the log
        box.close()
        qtbot.waitUntil(lambda: reporter.boxes == [])
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter._hook


def test_an_exception_on_a_worker_thread_reaches_the_gui_thread(qtbot, caplog):
    reporter = ErrorReporter()
    reporter.install()
    try:
        with caplog.at_level(logging.ERROR, logger="somedesk.gui.errors"):

            def work() -> None:
                raise RuntimeError("from a worker")

            thread = threading.Thread(target=work)
            thread.start()
            thread.join()
            qtbot.waitUntil(lambda: len(reporter.boxes) == 1)
        assert "RuntimeError" in reporter.boxes[0].text()
        reporter.boxes[0].close()
    finally:
        reporter.uninstall()
