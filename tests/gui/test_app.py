"""The GUI's composition root: one app per data folder, and a second start hands over."""

from __future__ import annotations

from somedesk.gui.app import run_gui
from somedesk.scheduling.instance import Instance


def test_a_second_start_hands_over_to_the_running_app(make_app, qtbot):
    app = make_app()
    running = Instance(app.paths.data_dir)
    running.acquire()
    received: list[str] = []

    def on_message(message: str) -> str:
        received.append(message)
        return "ok"

    running.listen(on_message)
    try:
        assert run_gui(app, "queue") == 0
    finally:
        running.release()
    assert received == ["show:queue"]
