"""`somedesk run`: the runtime without a window, for an always-on machine."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from types import FrameType

from somedesk.app.services import Somedesk
from somedesk.desktop.crashlog import CrashLog, crash_notice
from somedesk.desktop.instance import Instance
from somedesk.runtime.notify import LogNotifier, Notifier
from somedesk.runtime.scheduler import Runtime

log = logging.getLogger(__name__)


def choose_notifier() -> Notifier:
    """The desktop's notification service when there is one, else the log and the terminal."""
    try:
        from somedesk.runtime.notify.freedesktop import FreedesktopNotifier
    except ImportError:
        return LogNotifier(echo=_say)
    notifier = FreedesktopNotifier.connect()
    return notifier if notifier is not None else LogNotifier(echo=_say)


def _say(line: str) -> None:
    print(line, flush=True)


def run_headless(app: Somedesk) -> int:
    instance = Instance(app.paths.data_dir)
    instance.acquire()  # AlreadyRunningError (a UserError) stops a second one with a clear line
    crash_log = CrashLog(app.paths.logs)  # only now: the lock says no other run is writing it
    try:
        earlier = crash_log.start()
        if earlier is not None:
            log.warning("the last run stopped unexpectedly; its report is %s", earlier)
            print(crash_notice(earlier), file=sys.stderr, flush=True)
        return _run(app, instance)
    finally:
        crash_log.stop()
        instance.release()


def _run(app: Somedesk, instance: Instance) -> int:
    stop = threading.Event()

    def on_signal(number: int, _frame: FrameType | None) -> None:
        log.info("signal %s: stopping", number)
        stop.set()
        # A publish waiting out a rate limit (maybe the first check's, on this very thread) goes back
        # on the schedule now. On a thread of its own, and `app.publisher` looked up there too: the
        # handler may run while this thread is building (importing) the publisher, or in the wait's lock.
        threading.Thread(
            target=lambda: app.publisher.interrupt_waits(), name="stop-waits", daemon=True
        ).start()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    notifier = choose_notifier()
    runtime = Runtime(app, notifier, on_event=_say)
    started = False
    try:
        instance.listen(runtime.on_message)  # InstanceError (a UserError) when its socket cannot be made
        _say(f"somedesk is running for {app.paths.data_dir}; Ctrl+C stops it.")
        runtime.start()
        started = True
        log.info("runtime started")
        while not stop.wait(3600):
            pass
        _say("Stopping (a post under way is finished first)…")
    finally:
        if started:  # stopping a runtime that never started would hide why it did not
            runtime.stop()
        notifier.close()
        for number, handler in previous.items():
            signal.signal(number, handler)
    log.info("runtime stopped")
    print("Stopped.", file=sys.stdout, flush=True)
    return 0
