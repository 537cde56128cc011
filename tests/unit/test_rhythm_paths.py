"""The three ways to pick a moment agree on a real data folder: `schedule --next` (Somedesk.schedule_next),
Quick post's Next moment (Somedesk.ranked_moments, its first) and Plan my week / `somedesk plan`
(Somedesk.plan_week_proposals), for the same posts already there and the same waiting draft. And the
views' policy marks do not fetch a policy address on every reload."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.app.gate import Mark
from somedesk.app.planning import PLANNING_HORIZON_DAYS
from somedesk.app.services import Somedesk
from somedesk.core.config import Config, PolicySettings, PublishingSettings
from somedesk.core.model import Network
from somedesk.core.routine import Routine, local_instant
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from tests.fakes.files import FileServer
from tests.unit.test_policyfile import POLICY, SECRET_PATH, server  # noqa: F401 (the https fixture)

HELSINKI = ZoneInfo("Europe/Helsinki")
MONDAY_9 = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Somedesk]:
    paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / "home")})
    paths.ensure()
    config = Config(routine=Routine(zone=HELSINKI), publishing=PublishingSettings(reply_reminders=()))
    somedesk = Somedesk(paths, config, Store.open(paths.database), lambda: MONDAY_9)
    yield somedesk
    somedesk.store.close()


def at(day: int, hour: int, minute: int) -> datetime:
    return local_instant(MONDAY_9.date() + timedelta(days=day), time(hour, minute), HELSINKI)


@pytest.mark.parametrize("network", [Network.LINKEDIN, Network.X])
@pytest.mark.parametrize(
    "already",
    [
        [],
        [(Network.LINKEDIN, at(0, 11, 30), False), (Network.X, at(1, 11, 30), False)],
        [
            (Network.X, at(0, 11, 30), True),
            (Network.X, at(2, 7, 45), False),
            (Network.LINKEDIN, at(3, 11, 30), True),
        ],
    ],
)
def test_schedule_next_quick_post_and_plan_my_week_agree(
    app: Somedesk, network: Network, already: list[tuple[Network, datetime, bool]]
) -> None:
    for n, (where, when, by_hand) in enumerate(already):
        draft = app.add_draft(f"Already there {n}", [where])
        app.schedule_at(draft.id, when, by_hand=by_hand)
    waiting = app.add_draft("Waiting", [network])
    now = app.clock()
    found = app.moments(now, now + timedelta(days=PLANNING_HORIZON_DAYS)).moments
    quick_post = app.ranked_moments([network], found)[0]
    proposals, _ = app.plan_week_proposals(now.astimezone(HELSINKI).date())
    [proposal] = [p for p in proposals if p.draft_id == waiting.id]
    [item] = app.schedule_next(waiting.id)
    assert item.publication.scheduled_at == quick_post.start.astimezone(UTC) == proposal.at.astimezone(UTC)


def test_neither_the_views_marks_nor_the_gate_download_a_policy_address_on_every_check(
    app: Somedesk,
    server: FileServer,  # noqa: F811 (the fixture imported above)
) -> None:
    """A window reloads after every change and the gate checks every path: neither downloads the policy
    each time. Both use the publisher's copy at hand, refreshed in the background (issue 13)."""
    server.answers[SECRET_PATH] = (200, POLICY)
    app.config = replace(app.config, policy=PolicySettings(source=server.url(SECRET_PATH)))
    draft = app.add_draft("Tapasimme asiakkaan", [Network.LINKEDIN])
    assert app.policy_marks([draft]) == {draft.id: Mark.BLOCKED}
    assert app.policy_marks(app.drafts()) == {draft.id: Mark.BLOCKED}
    assert len(server.user_agents) == 1
    assert app.gate.verdict(draft.id).blocked
    assert len(server.user_agents) == 1
