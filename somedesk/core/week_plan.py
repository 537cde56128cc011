"""Plan my week: which waiting drafts could go to which of a week's moments, within each network's targets.

The rules, per network that has a target (the sandbox has none and is never planned):
- the week has room for `per_week` posts, and what is already scheduled or published in it counts;
- a proposed moment is at least `min_gap_hours` from every other post of that network, whether it was
  already there (also just outside the week) or proposed here, and never holds one already;
- a moment that scores 0 for the network (our no-posting-in-the-evening policy), starts before
  `after` or lies outside the week is never proposed;
- the best-scoring moments are taken first, greedily (ties: the earlier one); drafts are handed out in
  the order given (oldest first), each draft at most once per network.
The result is sorted best score first, then by time, network and draft, so the same input always
gives the same plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from somedesk.core.model import Moment, Network, Target, require_aware
from somedesk.core.planning import Scheduled
from somedesk.core.routine import local_instant


@dataclass(frozen=True, slots=True)
class Proposal:
    """Post draft `draft_id` on `network` at `moment`'s start; `score` is the moment's for that network."""

    draft_id: int
    network: Network
    moment: Moment
    score: float

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
    """Proposals for the week [week_start, week_end), best score first (see the module's rules)."""
    require_aware(week_start, "week_start")
    require_aware(week_end, "week_end")
    if after is not None:
        require_aware(after, "after")
    start, end = week_start.astimezone(UTC), week_end.astimezone(UTC)
    earliest = max(start, after.astimezone(UTC)) if after is not None else start
    in_week = sorted(
        (m for m in moments if earliest <= m.start.astimezone(UTC) < end),
        key=_order,
    )
    proposals: list[Proposal] = []
    for network in sorted(drafts_by_network, key=lambda n: n.value):
        target = targets.get(network)
        if target is None:
            continue
        drafts = list(dict.fromkeys(drafts_by_network[network]))
        proposals.extend(_plan_network(network, target, in_week, drafts, scheduled, start, end))
    proposals.sort(key=lambda p: (-p.score, p.at.astimezone(UTC), p.network.value, p.draft_id))
    return proposals


def _plan_network(
    network: Network,
    target: Target,
    moments: Sequence[Moment],
    drafts: Sequence[int],
    scheduled: Iterable[Scheduled],
    start: datetime,
    end: datetime,
) -> list[Proposal]:
    posts = [s.at.astimezone(UTC) for s in scheduled if s.network is network]
    room = target.per_week - sum(1 for at in posts if start <= at < end)
    gap = timedelta(hours=target.min_gap_hours)
    # Best first; `sorted` is stable, so equal scores keep the moments' time order.
    candidates = sorted(
        (m for m in moments if m.score_for(network) > 0), key=lambda m: -_hundredths(m.score_for(network))
    )
    chosen: list[Proposal] = []
    waiting = iter(drafts)
    for moment in candidates:
        if len(chosen) >= room:
            break
        if _too_close(moment, posts, gap):
            continue
        draft_id = next(waiting, None)
        if draft_id is None:
            break
        chosen.append(Proposal(draft_id, network, moment, moment.score_for(network)))
        posts.append(moment.start.astimezone(UTC))
    return chosen


def _too_close(moment: Moment, posts: Sequence[datetime], gap: timedelta) -> bool:
    begins, ends = moment.start.astimezone(UTC), moment.end.astimezone(UTC)
    return any(begins <= at < ends or abs(begins - at) < gap for at in posts)


def _hundredths(score: float) -> int:
    # Scores carry 2 decimals; comparing whole hundredths keeps float noise from reordering them.
    return round(score * 100)


def _order(moment: Moment) -> tuple[datetime, datetime, str, str]:
    return moment.start.astimezone(UTC), moment.end.astimezone(UTC), moment.kind.value, moment.label
