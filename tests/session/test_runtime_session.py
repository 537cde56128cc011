"""The runtime with the real notification server: a remind-mode post shows in dunst, and the
"Post now" picked in dunst's own menu publishes it (issue 4, full-session level)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.app.services import Somedesk
from somedesk.core.config import Config, PublishingSettings
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.core.routine import Routine
from somedesk.runtime.notify.freedesktop import FreedesktopNotifier
from somedesk.runtime.scheduler import Runtime
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from tests.session.test_notifications import clear_dunst, dunst, in_history, pick, shown, wait_for

__all__ = ["dunst"]  # the fixture, shared with the notification tests

pytestmark = pytest.mark.session


def test_a_reminder_reaches_dunst_and_its_post_now_publishes(dunst: None, tmp_path: Path):
    paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / "home")})
    paths.ensure()
    # No workdays, so no commute or lunch moments: whatever the time of day the test runs, the post's
    # moment is the "Chosen time" the title below names (at 16:50 UTC it was the evening commute).
    routine = Routine(zone=ZoneInfo("UTC"), workdays=frozenset(), quiet_hours=None)
    config = Config(routine=routine, publishing=PublishingSettings(default_mode="remind", reply_reminders=()))
    app = Somedesk(paths, config, Store.open(paths.database))
    notifier = FreedesktopNotifier.connect()
    assert notifier is not None
    runtime = Runtime(app, notifier, watchdog_seconds=3600)
    try:
        draft = app.add_draft("Posting this one myself", [Network.SANDBOX])
        before = notifier.pending_ids()
        runtime.start()
        app.schedule_at(draft.id, app.clock() + timedelta(seconds=1))
        runtime.reconcile()
        title = "Chosen time: your Sandbox post is ready"
        record = shown(title)
        assert record["DUNST_BODY"] == "“Posting this one myself”"
        (notification_id,) = wait_for("the reminder's id", lambda: notifier.pending_ids() - before)
        assert app.draft(draft.id).publications[0].state is PublicationState.SCHEDULED  # remind: not yet
        pick(notification_id, "post")
        wait_for(
            "the post published by the picked action",
            lambda: app.draft(draft.id).publications[0].state is PublicationState.PUBLISHED,
        )
        assert len((paths.data_dir / "outbox.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    finally:
        runtime.stop()
        notifier.close()
        app.store.close()
    clear_dunst()  # dunst keeps a note on screen after an action; its history holds closed ones
    assert in_history(title)["body"] == "“Posting this one myself”"
