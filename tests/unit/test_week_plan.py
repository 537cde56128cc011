"""Plan my week (the planning engine over one week): targets and gaps, what is already there, spread
over the days in queue order, no double use, determinism."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from somedesk.core.model import Moment, MomentKind, Network, Target
from somedesk.core.planning import Scheduled
from somedesk.core.week_plan import Proposal, plan_week, week_bounds, week_monday

HELSINKI = ZoneInfo("Europe/Helsinki")
LI, X, SANDBOX = Network.LINKEDIN, Network.X, Network.SANDBOX
# 2026-06-01 is a Monday; the week runs to Monday 2026-06-08 00:00.
START, END = week_bounds(date(2026, 6, 3), HELSINKI)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def moment(start: str, linkedin: float, x: float = 0.5, minutes: int = 30) -> Moment:
    begins = at(start)
    scores = {LI: linkedin, X: x}
    return Moment(
        begins, begins + timedelta(minutes=minutes), MomentKind.LUNCH, "Lunch", max(scores.values()), scores
    )


WEEK = [
    moment("2026-06-01T07:45", linkedin=0.50),
    moment("2026-06-01T11:30", linkedin=0.80),
    moment("2026-06-01T16:45", linkedin=0.40),
    moment("2026-06-02T07:45", linkedin=0.60),
    moment("2026-06-02T11:30", linkedin=0.95),
    moment("2026-06-03T11:30", linkedin=0.90),
    moment("2026-06-04T11:30", linkedin=0.85),
    moment("2026-06-05T11:30", linkedin=0.30),
]


def plan(
    moments: list[Moment] = WEEK,
    drafts: dict[Network, list[int]] | None = None,
    scheduled: list[Scheduled] | None = None,
    targets: dict[Network, Target] | None = None,
    after: datetime | None = None,
) -> list[Proposal]:
    return plan_week(
        moments,
        drafts if drafts is not None else {LI: [1, 2, 3, 4, 5, 6, 7, 8]},
        scheduled or [],
        targets if targets is not None else {LI: Target(per_week=3, min_gap_hours=0)},
        START,
        END,
        after=after,
    )


def times(proposals: list[Proposal]) -> list[str]:
    return [f"{p.at:%a %H:%M}" for p in proposals]


def test_week_bounds_are_local_midnights_of_the_iso_week() -> None:
    assert (at("2026-06-01T00:00"), at("2026-06-08T00:00")) == (START, END)
    assert week_monday(date(2026, 6, 7)) == date(2026, 6, 1)


def test_a_dst_week_is_one_hour_short_and_still_starts_at_local_midnight() -> None:
    # Finland moves its clocks forward on Sunday 2026-03-29.
    start, end = week_bounds(date(2026, 3, 29), HELSINKI)
    assert (start.hour, end.hour) == (0, 0)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=167)


def test_per_week_is_respected_and_posts_spread_over_days_in_queue_order() -> None:
    proposals = plan()
    assert len(proposals) == 3
    assert [p.draft_id for p in proposals] == [1, 2, 3]  # by time: the oldest draft first
    assert len({p.at.date() for p in proposals}) == 3
    # Friday's 0.30 is never worth it while better days are free.
    assert "Fri 11:30" not in times(proposals)


def test_drafts_are_handed_out_oldest_first_and_each_once() -> None:
    proposals = plan(drafts={LI: [7, 3, 7, 9]})
    assert [p.draft_id for p in proposals] == [3, 7, 9]
    assert len({(p.draft_id, p.network) for p in proposals}) == len(proposals)


def test_fewer_drafts_than_room_proposes_only_those() -> None:
    assert [p.draft_id for p in plan(drafts={LI: [4]})] == [4]
    assert plan(drafts={LI: []}) == []


def test_min_gap_is_kept_between_proposals() -> None:
    proposals = plan(targets={LI: Target(per_week=5, min_gap_hours=30)})
    chosen = sorted(p.at.astimezone(UTC) for p in proposals)
    assert all(b - a >= timedelta(hours=30) for a, b in pairwise(chosen))
    assert len(proposals) == 3  # Mon, Tue/Wed and Thu/Fri lunches are 30 h apart at best


def test_what_is_already_scheduled_counts_against_the_week_and_the_gap() -> None:
    already = [Scheduled(LI, at("2026-06-03T09:00")), Scheduled(X, at("2026-06-02T11:30"))]
    proposals = plan(scheduled=already, targets={LI: Target(per_week=3, min_gap_hours=4)})
    # One LinkedIn post is there: room for two; Wed 11:30 is within 4 h of it; Tue 11:30 holds X.
    assert len(proposals) == 2
    assert "Wed 11:30" not in times(proposals) and "Tue 11:30" not in times(proposals)


def test_a_moment_already_holding_a_post_is_skipped() -> None:
    proposals = plan(scheduled=[Scheduled(LI, at("2026-06-02T11:40"))], targets={LI: Target(5, 0)})
    assert "Tue 11:30" not in times(proposals)


def test_posts_just_outside_the_week_still_keep_their_gap() -> None:
    before = [Scheduled(LI, at("2026-05-31T18:00"))]  # Sunday evening of the week before
    proposals = plan(scheduled=before, targets={LI: Target(per_week=8, min_gap_hours=15)})
    assert "Mon 07:45" not in times(proposals)
    # ... but they do not use the week's room.
    assert len(plan(scheduled=before, targets={LI: Target(per_week=3, min_gap_hours=0)})) == 3


def test_a_full_week_gets_no_proposals() -> None:
    full = [Scheduled(LI, at(f"2026-06-0{d}T09:00")) for d in (1, 2, 3)]
    assert plan(scheduled=full) == []


def test_zero_scores_past_moments_and_other_weeks_are_never_proposed() -> None:
    moments = [
        moment("2026-06-01T19:30", linkedin=0.0),
        moment("2026-06-02T11:30", linkedin=0.9),
        moment("2026-06-09T11:30", linkedin=1.0),  # next week
        moment("2026-05-29T11:30", linkedin=1.0),  # last week
    ]
    assert times(plan(moments=moments, targets={LI: Target(5, 0)})) == ["Tue 11:30"]
    assert plan(moments=moments, after=at("2026-06-02T12:00")) == []


def test_networks_plan_independently_and_networks_without_a_target_are_skipped() -> None:
    proposals = plan(
        drafts={LI: [1, 2], X: [1, 3], SANDBOX: [5]},
        targets={LI: Target(1, 0), X: Target(2, 0)},
    )
    by_network = {n: [p.draft_id for p in proposals if p.network is n] for n in (LI, X, SANDBOX)}
    assert by_network == {LI: [1], X: [1, 3], SANDBOX: []}
    assert [p.at for p in proposals] == sorted(p.at for p in proposals)


def test_the_plan_is_deterministic_whatever_the_input_order() -> None:
    targets = {LI: Target(4, 20), X: Target(3, 0)}
    drafts = {LI: [1, 2, 3, 4], X: [5, 6, 7]}
    expected = plan(drafts=drafts, targets=targets)
    rng = random.Random(3)
    for _ in range(20):
        shuffled = WEEK[:]
        rng.shuffle(shuffled)
        assert plan(moments=shuffled, drafts=dict(reversed(drafts.items())), targets=targets) == expected


def test_equal_scores_take_the_earlier_moment() -> None:
    moments = [moment("2026-06-03T11:30", linkedin=0.8), moment("2026-06-02T11:30", linkedin=0.8)]
    assert times(plan(moments=moments, targets={LI: Target(1, 0)})) == ["Tue 11:30"]
