"""The planning engine's use cases: which posts count, the next moment for a draft, Quick post's
ranked offer and its reasons, and Plan my week's proposals. `Somedesk` calls these with itself (its
store, config, clock and calendars); the rules themselves live in core/planning.py and core/week_plan.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from somedesk.core.drafts import Draft, PublicationState
from somedesk.core.model import Moment, Network

if TYPE_CHECKING:
    from somedesk.app.gate import Mark
    from somedesk.app.services import Somedesk
    from somedesk.core.planning import Choice, Scheduled
    from somedesk.core.planning_why import Why
    from somedesk.core.week_plan import Proposal

PLANNING_HORIZON_DAYS = 14


def posts_counted(app: Somedesk, exclude: set[int] | None = None) -> list[Scheduled]:
    """The posts the engine's rules count (scheduled, under way or out), for targets, gaps, spread
    and queue order; `exclude` leaves out publications about to move."""
    from somedesk.core.planning import Scheduled

    counted = (PublicationState.SCHEDULED, PublicationState.PUBLISHING, PublicationState.PUBLISHED)
    return [
        Scheduled(p.network, when, p.draft_id, p.moment_kind, p.by_hand)
        for p in app.store.publications_in(*counted)
        if (when := p.when) is not None and p.id not in (exclude or set())
    ]


def next_choices(
    app: Somedesk, draft_id: int | None, networks: Sequence[Network], moments: Sequence[Moment] | None = None
) -> dict[Network, Choice]:
    """The engine's next moment for each of the draft's `networks` (draft_id None: a new draft, as
    in Quick post), each choice counting for the next. Moments: the next PLANNING_HORIZON_DAYS'."""
    from somedesk.core.planning import Wanted, plan

    now = app.clock()
    found = (
        moments
        if moments is not None
        else app.moments(now, now + timedelta(days=PLANNING_HORIZON_DAYS)).moments
    )
    moving = set()
    if draft_id is not None:
        moving = {p.id for p in app.store.draft(draft_id).publications if p.network in networks}
    others = posts_counted(app, exclude=moving)
    newest = draft_id if draft_id is not None else app.store.next_draft_id()
    wanted = [Wanted(newest, n) for n in dict.fromkeys(networks)]
    return {c.network: c for c in plan(found, wanted, others, app.config.targets, now)}


def ranked_moments(app: Somedesk, networks: Sequence[Network], moments: Sequence[Moment]) -> list[Moment]:
    """Quick post's offer for a new draft on `networks`: moments best first, by the engine's rules
    (the first is what `next_choices` picks). Several networks: the moments good for all of them."""
    from somedesk.core.planning import Wanted, rank

    now = app.clock()
    others = posts_counted(app)
    newest = app.store.next_draft_id()
    totals: dict[datetime, tuple[int, float, Moment]] = {}
    counts: dict[datetime, int] = {}
    chosen = list(dict.fromkeys(networks))
    for network in chosen:
        for choice in rank(moments, Wanted(newest, network), others, app.config.targets, now):
            start = choice.moment.start
            tier, cost, _ = totals.get(start, (0, 0.0, choice.moment))
            totals[start] = (tier + int(choice.same_day), cost + choice.cost, choice.moment)
            counts[start] = counts.get(start, 0) + 1
    fit = [v for start, v in totals.items() if counts[start] == len(chosen)]
    fit.sort(key=lambda v: (v[0], round(v[1] * 100), v[2].start))
    return [m for _, _, m in fit]


def explain_moment(
    app: Somedesk, networks: Sequence[Network], moments: Sequence[Moment], moment: Moment
) -> list[tuple[Network, Why]]:
    """Why the engine offers `moment` for a new draft on each of `networks` (Quick post's tooltip
    says it in the person's language)."""
    from somedesk.core.planning import Wanted, rank

    now, others, newest = app.clock(), posts_counted(app), app.store.next_draft_id()
    found: list[tuple[Network, Why]] = []
    for network in dict.fromkeys(networks):
        ranked = rank(moments, Wanted(newest, network), others, app.config.targets, now)
        chosen = next((c for c in ranked if c.moment.start == moment.start), None)
        if chosen is not None:
            found.append((network, chosen.why))
    return found


def plan_proposals(
    app: Somedesk,
    drafts: Sequence[Draft],
    moments: Sequence[Moment],
    counted: Sequence[Scheduled],
    start: datetime,
    end: datetime,
    marks: Mapping[int, Mark],
) -> list[Proposal]:
    """Plan my week's proposals for the waiting `drafts` (oldest first) in [start, end): never a
    draft the policy blocks (`marks`, from `policy_marks`)."""
    from somedesk.app.gate import Mark
    from somedesk.core.week_plan import plan_week

    by_network: dict[Network, list[int]] = {}
    for draft in sorted(drafts, key=lambda d: d.id):
        if marks.get(draft.id) is Mark.BLOCKED:
            continue
        for publication in draft.publications:
            if publication.state is PublicationState.DRAFT:
                by_network.setdefault(publication.network, []).append(draft.id)
    return plan_week(moments, by_network, counted, app.config.targets, start, end, after=app.clock())


def plan_week_proposals(app: Somedesk, monday: date) -> tuple[list[Proposal], dict[int, Mark]]:
    """Plan my week for the ISO week of `monday`, as the planner shows it (`somedesk plan`)."""
    from somedesk.core.week_plan import week_bounds

    start, end = week_bounds(monday, app.config.routine.zone)
    drafts = app.store.drafts()
    marks = app.policy_marks(drafts)
    moments = app.moments(start, end).moments
    return plan_proposals(app, drafts, moments, posts_counted(app), start, end, marks), marks
