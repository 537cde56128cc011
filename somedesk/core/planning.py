"""The one planning engine: which moment each waiting post goes to. `schedule --next`, Quick post's
Next moment (and its menu of the next three) and Plan my week all ask it, so they cannot disagree.

Hard rules (a moment breaking one is never the engine's choice):
- the moment scores above 0 for the network (0 is our no-posting-in-the-evening policy), starts at
  or after `after` (or is under way with at least `min_left_minutes` left: it is then trimmed to
  start at `after`, so posting "now" during lunch works) and within the horizon;
- it does not already hold a post of that network, and is at least the target's `min_gap_hours`
  from every post of that network;
- its ISO week (routine zone) still has room under the target's `per_week`;
- queue order: it starts after every post of that network the engine placed for an older draft
  (a post the person placed by hand, `--at` or a drop, does not hold newer drafts back).
A person may still place a post beyond a target or a gap by hand; `overruns` says so.

Among the moments left, a moment on a day that holds no post of the network always wins over one on
a day that does (posts spread over the week). Then the lowest cost wins, ties going to the earlier:
  cost = - score                      (the network's audience at that hour x the kind x free time after)
         + WAIT_PER_DAY x days from `after`          (a post is not pushed later for a small gain)
         + CROWDING x how much nearer than an even spread it is to another post of the network
         + SHARED_MOMENT if another network's post is in the same moment (LinkedIn and X apart)
         + REPEATED_KIND x posts of the same kind already that week (commute, lunch, before a meeting
           take turns instead of the single best slot every day).
Each choice carries its explanation (`Why`): the tooltip and `schedule --next --explain` show it.
`target=None` (the sandbox) skips the target's rules: the earliest moment that scores.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from somedesk.core.model import Moment, MomentKind, Network, Target, require_aware
from somedesk.core.planning_why import Cost, CostKind, PassedOver, Refusal, Rule, Why
from somedesk.core.scoring import engagement_prior

# A moment already under way still counts when this much of it is left (the routine's default minimum).
DEFAULT_MIN_LEFT_MINUTES = 5
DEFAULT_HORIZON_DAYS = 14
WAIT_PER_DAY = 0.2
CROWDING = 0.6
SHARED_MOMENT = 0.5
REPEATED_KIND = 0.15
# The working days an even spread divides a week's posts over (a week's posts are not meant for Sunday).
SPREAD_DAYS = 5.0

_IsoWeek = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Scheduled:
    """A post already planned (or out) on `network` at instant `at`: `draft_id` orders the queue,
    `kind` is its moment's kind, `by_hand` says the person placed it (it keeps no queue order)."""

    network: Network
    at: datetime
    draft_id: int | None = None
    kind: MomentKind | None = None
    by_hand: bool = False

    def __post_init__(self) -> None:
        require_aware(self.at, "Scheduled.at")


@dataclass(frozen=True, slots=True)
class Wanted:
    """A draft waiting for a moment on `network`."""

    draft_id: int
    network: Network


@dataclass(frozen=True, slots=True)
class Choice:
    """Post draft `draft_id` on `network` at `moment` (trimmed to now when it was under way)."""

    draft_id: int
    network: Network
    moment: Moment
    score: float
    cost: float
    why: Why
    same_day: bool = False  # on a day that already holds a post of the network (no other day was free)

    @property
    def at(self) -> datetime:
        return self.moment.start


@dataclass(frozen=True, slots=True)
class Overrun:
    """A post placed by hand beyond a rule the engine keeps: `kind` "week" (`count` posts of `limit`
    this week) or "gap" (`count` hours from another post of the network, `limit` the minimum)."""

    network: Network
    kind: str
    count: float
    limit: float

    @property
    def line(self) -> str:
        name = self.network.display_name
        if self.kind == "week":
            return f"{name}: {self.count:g} of {self.limit:g} this week"
        return f"{name}: {self.count:g} h from another {name} post (your gap is {self.limit:g} h)"


@dataclass(slots=True)
class _Post:
    at: datetime  # UTC
    draft_id: int | None
    kind: MomentKind | None
    by_hand: bool


@dataclass(slots=True)
class _State:
    """The posts so far (existing and chosen), indexed the ways the rules ask about them."""

    zone: tzinfo
    by_network: dict[Network, list[_Post]] = field(default_factory=lambda: defaultdict(list))
    per_week: Counter[tuple[Network, _IsoWeek]] = field(default_factory=Counter)
    days: set[tuple[Network, date]] = field(default_factory=set)
    kinds: Counter[tuple[_IsoWeek, MomentKind]] = field(default_factory=Counter)

    def add(self, network: Network, post: _Post) -> None:
        self.by_network[network].append(post)
        self.per_week[network, _iso_week(post.at, self.zone)] += 1
        self.days.add((network, _local_day(post.at, self.zone)))
        if post.kind is not None:
            self.kinds[_iso_week(post.at, self.zone), post.kind] += 1

    def others_in(self, network: Network, start: datetime, end: datetime) -> list[Network]:
        return [
            other
            for other, posts in self.by_network.items()
            if other is not network and any(start <= p.at < end for p in posts)
        ]


@dataclass(frozen=True, slots=True)
class _Candidate:
    moment: Moment  # trimmed to start at `after` when it was under way
    start: datetime  # UTC
    end: datetime  # UTC
    score: float


def plan(
    moments: Sequence[Moment],
    wanted: Sequence[Wanted],
    scheduled: Sequence[Scheduled],
    targets: Mapping[Network, Target],
    after: datetime,
    *,
    until: datetime | None = None,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    min_left_minutes: int = DEFAULT_MIN_LEFT_MINUTES,
) -> list[Choice]:
    """A moment for each of `wanted`, in the order given (oldest draft first): each choice counts for
    the ones after it. A wanted post with no eligible moment gets none. `until` ends the range (a
    week's end for Plan my week); a network without a target is planned only when it is the sandbox."""
    require_aware(after, "after")
    now = after.astimezone(UTC)
    end = now + timedelta(days=horizon_days)
    if until is not None:
        require_aware(until, "until")
        end = min(end, until.astimezone(UTC))
    zone = moments[0].start.tzinfo or UTC if moments else UTC  # Moment guarantees one aware zone
    state = _State(zone)
    for s in scheduled:
        state.add(s.network, _Post(s.at.astimezone(UTC), s.draft_id, s.kind, s.by_hand))
    ordered = sorted(moments, key=_order)
    min_left = timedelta(minutes=min_left_minutes)
    choices: list[Choice] = []
    candidates: dict[Network, list[_Candidate]] = {}
    # Posts only ever add up, so a network with no eligible moment for one draft has none for the
    # newer ones after it either (their queue order starts no earlier): they are not looked at again.
    exhausted: dict[Network, int] = {}  # network -> the draft that found nothing
    for item in wanted:
        network = item.network
        target = targets.get(network)
        if item.draft_id >= exhausted.get(network, item.draft_id + 1) or (
            target is None and network is not Network.SANDBOX
        ):
            continue
        if network not in candidates:
            candidates[network] = [
                c
                for m in ordered
                if (c := _candidate(m, network, now, min_left)) is not None and c.start < end
            ]
        ranked = _rank(candidates[network], item, target, state, now)
        if not ranked:
            exhausted[network] = min(item.draft_id, exhausted.get(network, item.draft_id))
            continue
        choice = ranked[0]
        choices.append(choice)
        state.add(
            network, _Post(choice.moment.start.astimezone(UTC), item.draft_id, choice.moment.kind, False)
        )
    return choices


def rank(
    moments: Sequence[Moment],
    item: Wanted,
    scheduled: Sequence[Scheduled],
    targets: Mapping[Network, Target],
    after: datetime,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    min_left_minutes: int = DEFAULT_MIN_LEFT_MINUTES,
) -> list[Choice]:
    """Every eligible moment for one wanted post, best first: the first is what `plan` chooses
    (Quick post's menu offers the first few)."""
    require_aware(after, "after")
    now = after.astimezone(UTC)
    zone = moments[0].start.tzinfo or UTC if moments else UTC
    state = _State(zone)
    for s in scheduled:
        state.add(s.network, _Post(s.at.astimezone(UTC), s.draft_id, s.kind, s.by_hand))
    target = targets.get(item.network)
    if target is None and item.network is not Network.SANDBOX:
        return []
    end = now + timedelta(days=horizon_days)
    min_left = timedelta(minutes=min_left_minutes)
    candidates = [
        c
        for m in sorted(moments, key=_order)
        if (c := _candidate(m, item.network, now, min_left)) is not None and c.start < end
    ]
    return _rank(candidates, item, target, state, now)


def next_best_moment(
    moments: Sequence[Moment],
    network: Network,
    after: datetime,
    scheduled: Sequence[Scheduled],
    target: Target | None,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    min_left_minutes: int = DEFAULT_MIN_LEFT_MINUTES,
) -> Moment | None:
    """The moment to post on `network` next (a draft newer than every post), or None."""
    targets = {network: target} if target is not None else {}
    newest = max((s.draft_id or 0 for s in scheduled), default=0) + 1
    found = plan(
        moments,
        [Wanted(newest, network)],
        scheduled,
        targets,
        after,
        horizon_days=horizon_days,
        min_left_minutes=min_left_minutes,
    )
    return found[0].moment if found else None


def overruns(
    network: Network, at: datetime, scheduled: Sequence[Scheduled], target: Target | None, zone: tzinfo
) -> list[Overrun]:
    """What a post placed by hand at `at` goes beyond ("LinkedIn: 4 of 3 this week"); `scheduled` are
    the network's other posts."""
    if target is None:
        return []
    require_aware(at, "at")
    at = at.astimezone(UTC)
    posts = [s.at.astimezone(UTC) for s in scheduled if s.network is network]
    found: list[Overrun] = []
    week = _iso_week(at, zone)
    count = 1 + sum(1 for p in posts if _iso_week(p, zone) == week)
    if count > target.per_week:
        found.append(Overrun(network, "week", count, target.per_week))
    if posts:
        nearest = min(abs(p - at) for p in posts)
        if nearest < timedelta(hours=target.min_gap_hours):
            found.append(
                Overrun(network, "gap", round(nearest.total_seconds() / 3600, 1), target.min_gap_hours)
            )
    return found


# The rules ----------------------------------------------------------------------------------


def _rank(
    candidates: Sequence[_Candidate], item: Wanted, target: Target | None, state: _State, now: datetime
) -> list[Choice]:
    network = item.network
    posts = state.by_network.get(network, [])
    if target is not None and target.per_week <= 0:
        return []
    gap = timedelta(hours=target.min_gap_hours) if target is not None else timedelta(0)
    # Queue order: after every engine-placed post of an older draft on this network.
    queue_floor = max(
        (p.at for p in posts if not p.by_hand and p.draft_id is not None and p.draft_id < item.draft_id),
        default=None,
    )
    scored: list[tuple[tuple[int, int, datetime], Choice]] = []
    passed: list[tuple[float, datetime, PassedOver]] = []
    for c in candidates:
        refusal = _refusal(c, posts, gap, target, state, network, queue_floor)
        if refusal is not None:
            at = c.start.astimezone(state.zone)
            passed.append((c.score, c.start, PassedOver(at, c.moment.label, c.moment.kind, refusal)))
            continue
        costs = _costs(c, posts, target, state, network, now) if target is not None else ()
        cost = -c.score + sum(k.amount for k in costs) if target is not None else 0.0
        taken_day = target is not None and (network, _local_day(c.start, state.zone)) in state.days
        # The sandbox takes the earliest moment that scores; the others the lowest cost, in
        # hundredths so float noise cannot reorder two moments.
        key = (int(taken_day), round(cost * 100) if target is not None else 0, c.start)
        why = _why(c, network, costs)
        choice = Choice(item.draft_id, network, c.moment, c.score, round(cost, 2), why, taken_day)
        scored.append((key, choice))
    scored.sort(key=lambda pair: pair[0])
    if not scored:
        return []
    best = scored[0][1]
    # What was passed over: the best-scoring moments before the chosen one that a rule ruled out.
    earlier = [(score, what) for score, start, what in passed if start < best.moment.start.astimezone(UTC)]
    avoided = tuple(what for _, what in sorted(earlier, key=lambda p: -p[0]))[:3]
    first = replace(best, why=replace(best.why, avoided=avoided))
    return [first, *(choice for _, choice in scored[1:])]


def _refusal(
    c: _Candidate,
    posts: Sequence[_Post],
    gap: timedelta,
    target: Target | None,
    state: _State,
    network: Network,
    queue_floor: datetime | None,
) -> Refusal | None:
    """Why a moment is not eligible (a hard rule), or None."""
    if any(c.start <= p.at < c.end for p in posts):
        return Refusal(Rule.TAKEN, network)
    if any(abs(c.start - p.at) < gap for p in posts):
        return Refusal(Rule.GAP, network, hours=gap.total_seconds() / 3600)
    if target is not None and state.per_week[network, _iso_week(c.start, state.zone)] >= target.per_week:
        return Refusal(Rule.WEEK_FULL, network, per_week=target.per_week)
    if queue_floor is not None and c.start <= queue_floor:
        return Refusal(Rule.QUEUE, network)
    return None


def _costs(
    c: _Candidate, posts: Sequence[_Post], target: Target, state: _State, network: Network, now: datetime
) -> tuple[Cost, ...]:
    costs: list[Cost] = []
    days = (c.start - now).total_seconds() / 86400
    if days > 0:
        costs.append(Cost(CostKind.WAITING, WAIT_PER_DAY * days, days=days))
    spacing = SPREAD_DAYS / max(target.per_week, 1)
    if posts:
        nearest = min(abs(c.start - p.at).total_seconds() / 86400 for p in posts)
        if nearest < spacing:
            amount = round(CROWDING * (1 - nearest / spacing), 2)
            costs.append(Cost(CostKind.CROWDING, amount, days=nearest, spacing=spacing, network=network))
    others = state.others_in(network, c.start, c.end)
    if others:
        costs.append(Cost(CostKind.SHARED, SHARED_MOMENT, networks=tuple(others)))
    same_kind = state.kinds[_iso_week(c.start, state.zone), c.moment.kind]
    if same_kind:
        costs.append(
            Cost(CostKind.REPEATED, REPEATED_KIND * same_kind, count=same_kind, moment_kind=c.moment.kind)
        )
    return tuple(costs)


def _why(c: _Candidate, network: Network, costs: tuple[Cost, ...]) -> Why:
    audience = engagement_prior(network, c.moment.start) if network is not Network.SANDBOX else c.score
    free = int((c.end - c.start).total_seconds() // 60)
    return Why(c.moment.kind, c.score, audience, free, costs)


def _candidate(moment: Moment, network: Network, now: datetime, min_left: timedelta) -> _Candidate | None:
    start, end = moment.start.astimezone(UTC), moment.end.astimezone(UTC)
    score = moment.score_for(network)
    if score <= 0 or end <= now:
        return None
    if start < now:
        if end - now < min_left:
            return None
        start = now
        moment = replace(moment, start=now.astimezone(moment.start.tzinfo))
    return _Candidate(moment, start, end, score)


def _order(moment: Moment) -> tuple[datetime, datetime, str, str]:
    # Total order independent of the input's order, so the choice is deterministic.
    return moment.start.astimezone(UTC), moment.end.astimezone(UTC), moment.kind.value, moment.label


def _iso_week(instant: datetime, zone: tzinfo) -> _IsoWeek:
    year, week, _ = instant.astimezone(zone).isocalendar()
    return year, week


def _local_day(instant: datetime, zone: tzinfo) -> date:
    return instant.astimezone(zone).date()
