"""The runtime follows config.toml (issue 12, defect 9): a changed file is used at the next check,
including the one the command line's "reconcile" asks for; a bad edit keeps the last good settings."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.runtime.scheduler import Runtime
from tests.unit.test_runtime import RecordingNotifier, make_app, outbox_lines, wait_for

BASE = """
[routine]
timezone = "UTC"
workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
quiet_hours = QUIET

[publishing]
reply_reminders = []
"""


def config_text(quiet: str) -> str:
    return BASE.replace("QUIET", quiet)


def quiet_now() -> str:
    now = datetime.now(UTC)
    return f'["{now - timedelta(hours=1):%H:%M}", "{now + timedelta(hours=1):%H:%M}"]'


def test_quiet_hours_written_while_running_hold_a_post_at_the_next_reconcile(
    tmp_path, memory_keyring, caplog
):
    app = make_app(tmp_path / "home")
    runtime = Runtime(app, RecordingNotifier(), watchdog_seconds=3600)
    try:
        runtime.start()
        config = app.paths.config_file
        config.write_text(config_text(quiet_now()), encoding="utf-8")
        draft = app.add_draft("not in the new quiet hours", [Network.SANDBOX])
        now = app.clock()
        app.store.schedule(draft.publications[0].id, now, None, "Lunch", now)
        assert runtime.on_message("reconcile") == "ok"  # what `somedesk schedule` sends
        wait_for(lambda: app.config.routine.quiet_hours is not None)
        time.sleep(0.2)
        assert app.draft(draft.id).publications[0].state is PublicationState.SCHEDULED
        assert outbox_lines(app) == []

        with caplog.at_level(logging.WARNING, logger="somedesk"):
            config.write_text("[routine\nquiet_hours = ", encoding="utf-8")  # a half-saved edit
            runtime.check()
            runtime.check()
        # One line per edit, however often the runtime looks.
        assert sum("config not reloaded" in r.getMessage() for r in caplog.records) == 1
        assert app.config.routine.quiet_hours is not None  # the last good settings stay
        assert app.draft(draft.id).publications[0].state is PublicationState.SCHEDULED

        config.write_text(config_text("[]"), encoding="utf-8")
        runtime.check()
        assert app.draft(draft.id).publications[0].state is PublicationState.PUBLISHED
    finally:
        runtime.stop()
        app.store.close()
