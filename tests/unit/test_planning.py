"""Choosing the next best moment: horizon, under-way moments, gaps, weekly targets and the choice rule."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.model import Moment, MomentKind, Network, Target
from somedesk.core.planning import Scheduled, next_best_moment

HELSINKI = ZoneInfo("Europe/Helsinki")
LI, X, SANDBOX = Network.LINKEDIN, Network.X, Network.SANDBOX
# 2026-06-01 is a Monday (ISO week 23); 2026-06-08 the Monday after.


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def moment(start: str, end: str, linkedin: float, x: float = 0.5) -> Moment:
    scores = {LI: linkedin, X: x}
    return Moment(at(start), at(end), MomentKind.LUNCH, "Lunch", max(scores.values()), scores)


WEEK = [
    moment("2026-06-01T07:45", "2026-06-01T08:15", linkedin=0.50),
    moment("2026-06-01T11:30", "2026-06-01T12:00", linkedin=0.80),
    moment("2026-06-01T16:45", "2026-06-01T17:15", linkedin=0.40),
    moment("2026-06-02T07:45", "2026-06-02T08:15", linkedin=0.60),
    moment("2026-06-02T11:30", "2026-06-02T12:00", linkedin=0.95),
    moment("2026-06-03T11:30", "2026-06-03T12:00", linkedin=0.95),
    moment("2026-06-08T07:45", "2026-06-08T08:15", linkedin=0.55),
    moment("2026-06-08T11:30", "2026-06-08T12:00", linkedin=0.70),
]
GENEROUS = Target(per_week=5, min_gap_hours=0)


def starts(result: Moment | None) -> str | None:
    return None if result is None else result.start.isoformat()


def test_best_of_the_first_day_not_a_better_later_day() -> None:
    # Tuesday's 0.95 is not worth a day's wait over Monday's 0.80.
    result = next_best_moment(WEEK, LI, at("2026-06-01T06:00"), [], GENEROUS)
    assert starts(result) == "2026-06-01T11:30:00+03:00"


def test_an_earlier_moment_within_the_tolerance_wins() -> None:
    moments = [
        moment("2026-06-01T07:45", "2026-06-01T08:15", linkedin=0.77),
        moment("2026-06-01T11:30", "2026-06-01T12:00", linkedin=0.80),
    ]
    assert starts(next_best_moment(moments, LI, at("2026-06-01T06:00"), [], GENEROUS)) == (
        "2026-06-01T07:45:00+03:00"
    )


def test_moments_before_after_are_ignored() -> None:
    result = next_best_moment(WEEK, LI, at("2026-06-01T12:00"), [], GENEROUS)
    assert starts(result) == "2026-06-01T16:45:00+03:00"


def test_a_moment_under_way_counts_trimmed_to_now() -> None:
    result = next_best_moment(WEEK, LI, at("2026-06-01T11:40"), [], GENEROUS)
    assert result is not None
    assert (result.start, result.end) == (at("2026-06-01T11:40"), at("2026-06-01T12:00"))
    assert result.start.tzinfo is HELSINKI
    assert result.label == "Lunch"


def test_a_moment_nearly_over_does_not_count() -> None:
    result = next_best_moment(WEEK, LI, at("2026-06-01T11:57"), [], GENEROUS)
    assert starts(result) == "2026-06-01T16:45:00+03:00"
    result = next_best_moment(WEEK, LI, at("2026-06-01T11:57"), [], GENEROUS, min_left_minutes=2)
    assert starts(result) == "2026-06-01T11:57:00+03:00"


def test_gap_to_an_earlier_post_of_the_same_network() -> None:
    scheduled = [Scheduled(LI, at("2026-06-01T07:45"))]
    target = Target(per_week=5, min_gap_hours=20)
    # Monday's later moments are within 20 hours; Tuesday 07:45 is 24 hours on, and 11:30 is best.
    result = next_best_moment(WEEK, LI, at("2026-06-01T06:00"), scheduled, target)
    assert starts(result) == "2026-06-02T11:30:00+03:00"


def test_gap_to_a_later_post_counts_too() -> None:
    scheduled = [Scheduled(LI, at("2026-06-01T13:00"))]
    target = Target(per_week=5, min_gap_hours=2)
    # 11:30 is 90 minutes before the 13:00 post; 16:45 is far enough after it.
    result = next_best_moment(WEEK, LI, at("2026-06-01T10:00"), scheduled, target)
    assert starts(result) == "2026-06-01T16:45:00+03:00"


def test_posts_on_another_network_do_not_block() -> None:
    scheduled = [Scheduled(X, at("2026-06-01T11:30"))]
    result = next_best_moment(WEEK, LI, at("2026-06-01T06:00"), scheduled, Target(3, 20))
    assert starts(result) == "2026-06-01T11:30:00+03:00"


def test_gap_is_measured_in_real_hours_across_dst() -> None:
    # Clocks go forward on Sunday 2026-03-29: Saturday 12:00 +02:00 to Sunday 11:30 +03:00 is 22.5 hours.
    scheduled = [Scheduled(LI, at("2026-03-28T12:00"))]
    moments = [
        moment("2026-03-29T11:30", "2026-03-29T12:00", linkedin=0.9),
        moment("2026-03-29T12:30", "2026-03-29T13:00", linkedin=0.3),
    ]
    result = next_best_moment(moments, LI, at("2026-03-29T00:00"), scheduled, Target(5, 23))
    assert starts(result) == "2026-03-29T12:30:00+03:00"


def test_a_full_week_rolls_over_to_the_next() -> None:
    scheduled = [Scheduled(LI, at("2026-06-01T08:00")), Scheduled(LI, at("2026-06-03T11:30"))]
    result = next_best_moment(
        WEEK, LI, at("2026-06-01T09:00"), scheduled, Target(per_week=2, min_gap_hours=0)
    )
    assert starts(result) == "2026-06-08T11:30:00+03:00"


def test_weeks_are_iso_weeks_in_the_routine_zone() -> None:
    # Monday 2026-06-08 01:00 in Helsinki is still Sunday 22:00 in UTC: it counts for the new week.
    scheduled = [Scheduled(LI, at("2026-06-08T01:00").astimezone(UTC))]
    moments = [moment("2026-06-05T11:30", "2026-06-05T12:00", 0.6), *WEEK[-2:]]
    result = next_best_moment(moments, LI, at("2026-06-05T06:00"), scheduled, Target(1, 0))
    assert starts(result) == "2026-06-05T11:30:00+03:00"
    assert next_best_moment(WEEK[-2:], LI, at("2026-06-05T06:00"), scheduled, Target(1, 0)) is None


def test_no_target_means_simply_the_next_moment() -> None:
    result = next_best_moment(WEEK, SANDBOX, at("2026-06-01T06:00"), [], None)
    assert starts(result) == "2026-06-01T07:45:00+03:00"


def test_no_target_still_skips_a_moment_already_holding_a_post() -> None:
    scheduled = [Scheduled(SANDBOX, at("2026-06-01T07:50"))]
    result = next_best_moment(WEEK, SANDBOX, at("2026-06-01T06:00"), scheduled, None)
    assert starts(result) == "2026-06-01T11:30:00+03:00"


def test_zero_scores_are_never_chosen() -> None:
    evening = moment("2026-06-01T19:30", "2026-06-01T20:00", linkedin=0.0, x=0.0)
    assert next_best_moment([evening], LI, at("2026-06-01T06:00"), [], GENEROUS) is None
    assert next_best_moment([evening], SANDBOX, at("2026-06-01T06:00"), [], None) is None


def test_beyond_the_horizon_is_none() -> None:
    assert next_best_moment(WEEK, LI, at("2026-05-20T06:00"), [], GENEROUS, horizon_days=7) is None
    result = next_best_moment(WEEK, LI, at("2026-05-20T06:00"), [], GENEROUS, horizon_days=14)
    assert starts(result) == "2026-06-01T11:30:00+03:00"


@pytest.mark.parametrize(
    "target",
    [Target(per_week=0, min_gap_hours=0), Target(per_week=5, min_gap_hours=24 * 30)],
)
def test_none_when_nothing_is_eligible(target: Target) -> None:
    scheduled = [Scheduled(LI, at("2026-06-01T06:00"))]
    assert next_best_moment(WEEK, LI, at("2026-06-01T06:00"), scheduled, target) is None
    assert next_best_moment([], LI, at("2026-06-01T06:00"), [], target) is None


def test_the_choice_does_not_depend_on_input_order() -> None:
    scheduled = [Scheduled(LI, at("2026-06-01T07:45")), Scheduled(X, at("2026-06-02T11:30"))]
    target = Target(per_week=3, min_gap_hours=20)
    expected = next_best_moment(WEEK, LI, at("2026-06-01T06:00"), scheduled, target)
    shuffled = list(WEEK)
    for seed in range(20):
        random.Random(seed).shuffle(shuffled)
        assert next_best_moment(shuffled, LI, at("2026-06-01T06:00"), scheduled, target) == expected


def test_naive_after_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_best_moment(WEEK, LI, datetime(2026, 6, 1, 6), [], GENEROUS)
