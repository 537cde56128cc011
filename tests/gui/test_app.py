"""The GUI's composition root: one app per data folder, and a second start hands over."""

from __future__ import annotations

import gc
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from somedesk.app.services import Somedesk
from somedesk.cli.main import main
from somedesk.core.errors import UserError
from somedesk.desktop.instance import Instance
from somedesk.gui.app import DesktopApp, run_gui
from somedesk.gui.planner.window import PlannerWindow
from somedesk.gui.queue import QueueWindow
from somedesk.store import Store
from tests.e2e.test_team_cli import team_server  # noqa: F401  (the fixture: a team file over https)
from tests.gui.conftest import settle_planner


def test_a_second_start_hands_over_to_the_running_app_without_its_store(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    monkeypatch.setenv("SOMEDESK_HOME", str(home))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    running = Instance(home)
    running.acquire()
    received: list[str] = []

    def on_message(message: str) -> str:
        received.append(message)
        return "ok"

    running.listen(on_message)
    try:
        assert main(["--show", "queue"]) == 0
    finally:
        running.release()
    assert received == ["show:queue"]
    assert capsys.readouterr().out == "somedesk is already running; brought its window up.\n"
    assert not (home / "somedesk.db").exists()  # the running one owns the store: this one never opened it


@contextmanager
def holding(app: Somedesk) -> Iterator[Instance]:
    """The data folder's lock, as `somedesk` (cli.cmd_desktop) takes it before run_gui."""
    instance = Instance(app.paths.data_dir)
    instance.acquire()
    try:
        yield instance
    finally:
        instance.release()


def _close_windows() -> None:
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()


def test_the_runtime_starts_on_its_own_thread_once_the_loop_runs_and_stops_on_exit(
    make_app, qapp, monkeypatch, capsys
):
    app = make_app()
    seen: list[str] = []
    in_loop = threading.Event()
    started = DesktopApp.start_runtime

    def start_runtime(self, notifier):
        seen.append(f"start on {threading.current_thread().name}, loop running: {in_loop.is_set()}")
        started(self, notifier)
        seen.append(f"check ran: {self.runtime is not None and self.runtime._data_version >= 0}")

    monkeypatch.setattr(DesktopApp, "start_runtime", start_runtime)
    monkeypatch.setattr(
        DesktopApp, "shutdown", lambda self: seen.append(f"stopped: {self.runtime.stop() is None}")
    )
    QTimer.singleShot(0, in_loop.set)  # queued before run_gui's own
    try:
        with holding(app) as instance:
            assert run_gui(app, instance, "queue", exit_when_ready=True) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
        _close_windows()
    assert seen == ["start on somedesk-runtime-start, loop running: True", "check ran: True", "stopped: True"]
    # The line bench/startup.py times: printed once the window is up, before the runtime starts.
    assert re.fullmatch(r"ready rss=\d+\n", capsys.readouterr().out)


def test_a_start_that_held_off_the_collector_turns_it_back_on_once_ready(make_app, qapp, capsys):
    app = make_app()
    gc.disable()  # as `somedesk` (cli.cmd_desktop) does for its start-up
    try:
        with holding(app) as instance:
            assert run_gui(app, instance, "queue", exit_when_ready=True) == 0
        assert gc.isenabled()
        assert gc.get_freeze_count() > 1000  # start-up's objects, never scanned again
    finally:
        gc.enable()
        gc.unfreeze()
        qapp.setQuitOnLastWindowClosed(True)
        _close_windows()
    assert capsys.readouterr().out.startswith("ready rss=")


def test_a_runtime_that_cannot_start_is_reported_as_before(make_app, qapp, monkeypatch):
    app = make_app()
    warned: list[str] = []

    def refuse(self, notifier):
        raise UserError("the runtime cannot start")

    monkeypatch.setattr(DesktopApp, "start_runtime", refuse)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    try:
        with holding(app) as instance:
            assert run_gui(app, instance, "queue") == 1
    finally:
        qapp.setQuitOnLastWindowClosed(True)
        _close_windows()
    assert warned == ["the runtime cannot start"]


def test_a_change_made_in_a_terminal_reaches_the_windows_that_show_it(make_app, qapp, qtbot):
    """`somedesk drafts add` in a terminal sends "changed:drafts" (cli/main.py); the open planner and
    queue show the new draft without polling, and a change they do not show reloads neither."""
    app = make_app()
    desktop = DesktopApp(qapp, app)
    try:
        desktop.open_window("planner")
        desktop.open_window("queue")
        planner, queue = desktop.windows["planner"], desktop.windows["queue"]
        assert isinstance(planner, PlannerWindow) and isinstance(queue, QueueWindow)
        settle_planner(planner, qtbot)
        terminal = Store.open(app.paths.database)  # the other process's own connection
        terminal.add_draft("Typed on the tram", [], datetime(2026, 12, 7, 7, 5, tzinfo=UTC))
        terminal.close()

        def in_queue() -> bool:
            return any(row.draft.text == "Typed on the tram" for row in queue.model.rows())

        assert desktop.on_message("changed:ideas") == "ok"  # neither window shows ideas' effects here
        settle_planner(planner, qtbot)
        assert not in_queue()
        assert "Typed on the tram" not in [d.text for d in planner.model.drafts]

        assert desktop.on_message("changed:drafts") == "ok"
        qtbot.waitUntil(lambda: "Typed on the tram" in [d.text for d in planner.model.drafts], timeout=5000)
        assert in_queue()
    finally:
        opened = desktop.windows.get("planner")
        if isinstance(opened, PlannerWindow):
            settle_planner(opened, qtbot)
        _close_windows()


def test_quitting_does_not_wait_behind_a_publish_waiting_to_retry(make_app, qapp):
    """Issue 12 #5: the first check may be waiting out a rate limit when the person quits."""
    app = make_app()
    desktop = DesktopApp(qapp, app)
    waiting = threading.Thread(target=lambda: app.publisher.sleep(60))  # the publisher's wait between tries
    waiting.start()
    desktop._starting = waiting  # as if the runtime's first check were in that wait
    began = time.monotonic()
    desktop.shutdown()
    assert time.monotonic() - began < 5 and not waiting.is_alive()


def test_the_daily_team_file_update_tells_the_windows_the_config_changed(
    make_app,
    qapp,
    qtbot,
    memory_keyring,
    team_server,  # noqa: F811  (the fixture imported above)
):
    """The app reads a team file joined from an https address again once a day (issue 16); what it
    changed reaches the windows and the runtime as a config change. (It emitted `changed` without
    the Change the bridge carries, which raised on the update's thread after the update was made.)"""
    from dataclasses import replace

    from somedesk.core.changes import Change
    from somedesk.sources.teamrecord import save_record

    team_server.files["/team.toml"] = b'[organisation]\nname = "Contoso"\n[share]\ntemplate = "{url}"\n'
    app = make_app()
    app.team.join(team_server.url("/team.toml"))
    record = app.team.record()
    assert record is not None
    save_record(app.paths.data_dir, replace(record, updated_at="2026-12-05T07:00:00+00:00"))  # 2 days ago
    team_server.files["/team.toml"] = (
        b'[organisation]\nname = "Contoso"\n[share]\ntemplate = "{network} {url}"\n'
    )
    desktop = DesktopApp(qapp, app)
    with qtbot.waitSignal(desktop.bridge.changed, timeout=10_000) as changed:
        desktop._update_team_file()
    assert changed.args is not None and changed.args[0] & Change.CONFIG
    assert app.config.share.template == "{network} {url}"
