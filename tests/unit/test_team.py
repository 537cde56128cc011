"""The desktop app's daily team-file update (app/team.py: update_if_due): only for an https address,
and only once the last update is a day old."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.app.services import Somedesk
from somedesk.core.config import default_config
from somedesk.core.errors import ConfigError
from somedesk.sources.paths import resolve_paths
from somedesk.sources.teamrecord import TeamRecord, save_record
from somedesk.store import Store

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.fixture
def app(tmp_path: Path):
    paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / "home")})
    paths.ensure()
    somedesk = Somedesk(
        paths,
        default_config(ZoneInfo("UTC"), paths.config_file.parent),
        Store.open(paths.database),
        lambda: NOW,
    )
    yield somedesk
    somedesk.store.close()


def test_nothing_is_due_without_a_team_file_or_for_a_file_on_disk(app: Somedesk):
    assert app.team.update_if_due() is None
    save_record(app.paths.data_dir, TeamRecord("/srv/team.toml", updated_at="2026-01-01T00:00:00+00:00"))
    assert app.team.update_if_due() is None


def test_an_address_is_read_again_once_a_day(app: Somedesk):
    url = "https://127.0.0.1:9/team.toml"  # nobody listens: reading it again is what fails
    save_record(app.paths.data_dir, TeamRecord(url, updated_at="2026-12-06T12:30:00+00:00"))
    assert app.team.update_if_due() is None  # 23.5 hours ago
    save_record(app.paths.data_dir, TeamRecord(url, updated_at="2026-12-06T11:59:00+00:00"))
    with pytest.raises(ConfigError, match=r"^https://127\.0\.0\.1:9/…: could not be reached"):
        app.team.update_if_due()
