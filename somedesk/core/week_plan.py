"""Plan my week: which waiting drafts go to which of a week's moments. The choosing is the one planning
engine's (core/planning.py), so Plan my week, `somedesk plan`, `schedule --next` and Quick post's
Next moment follow the same rules; here is only what a week adds: its bounds, and proposals that
start no earlier than `after` and end with the week.

Drafts are handed to the engine oldest first, so the queue's order is kept per network. The result
is sorted by time, then network and draft, so the same input always gives the same plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from somedesk.core.model import Moment, Network, Target, require_aware
from somedesk.core.planning import Scheduled, Wanted, plan
from somedesk.core.planning_why import Why
from somedesk.core.routine import local_instant


@dataclass(frozen=True, slots=True)
class Proposal:
    """Post draft `draft_id` on `network` at `moment`'s start; `score` is the moment's for that network,
    `why` the engine's explanation."""

    draft_id: int
    network: Network
    moment: Moment
    score: float
    why: Why | None = None

    @property
    def at(self) -> datetime:
        return self.moment.start


def week_monday(day: date) -> date:
    """The Monday of the ISO week that holds `day`."""
    return day - timedelta(days=day.weekday())


def week_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The ISO week holding `day` as [Monday 00:00, next Monday 00:00) local instants in `zone`.

    A week that crosses a DST switch is 167 or 169 hours long; its days still start at local midnight.
    """
    monday = week_monday(day)
    midnight = time(0, 0)
    return local_instant(monday, midnight, zone), local_instant(monday + timedelta(days=7), midnight, zone)


def plan_week(
    moments: Sequence[Moment],
    drafts_by_network: Mapping[Network, Sequence[int]],
    scheduled: Sequence[Scheduled],
    targets: Mapping[Network, Target],
    week_start: datetime,
    week_end: datetime,
    *,
    after: datetime | None = None,
) -> list[Proposal]:
    """Proposals for the week [week_start, week_end): each network's drafts in the order given (oldest
    first); a network without a target (the sandbox) is never planned."""
    require_aware(week_start, "week_start")
    require_aware(week_end, "week_end")
    if after is not None:
        require_aware(after, "after")
    start, end = week_start.astimezone(UTC), week_end.astimezone(UTC)
    earliest = max(start, after.astimezone(UTC)) if after is not None else start
    # A moment under way counts as it does for `schedule --next` (trimmed to start now).
    in_week = [m for m in moments if m.end.astimezone(UTC) > earliest and m.start.astimezone(UTC) < end]
    wanted = sorted(
        (
            Wanted(draft_id, network)
            for network, drafts in drafts_by_network.items()
            if network in targets
            for draft_id in dict.fromkeys(drafts)
        ),
        key=lambda w: (w.draft_id, w.network.value),
    )
    days = (end - earliest).days + 2
    choices = plan(in_week, wanted, scheduled, targets, earliest, until=end, horizon_days=days)
    proposals = [Proposal(c.draft_id, c.network, c.moment, c.score, c.why) for c in choices]
    proposals.sort(key=lambda p: (p.at.astimezone(UTC), p.network.value, p.draft_id))
    return proposals
