"""The planning engine: horizon, under-way moments, gaps, weekly targets, and the choice by cost (score
against waiting, crowding, a shared moment and a repeated kind), each with its explanation."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.model import Moment, MomentKind, Network, Target
from somedesk.core.planning import (
    Scheduled,
    Wanted,
    next_best_moment,
    overruns,
    plan,
    rank,
)
from somedesk.core.planning_why import CostKind, Rule

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


def test_an_earlier_moment_wins_when_the_later_one_gains_less_than_the_wait() -> None:
    moments = [
        moment("2026-06-01T07:45", "2026-06-01T08:15", linkedin=0.77),
        moment("2026-06-01T11:30", "2026-06-01T12:00", linkedin=0.80),
    ]
    # 3.75 hours' more wait costs 0.03: the later moment gains only 0.03 - less than nothing.
    assert starts(next_best_moment(moments, LI, at("2026-06-01T06:00"), [], GENEROUS)) == (
        "2026-06-01T07:45:00+03:00"
    )


def test_moments_before_after_are_ignored_and_a_much_better_next_day_is_worth_the_wait() -> None:
    # Monday 16:45 scores 0.40; Tuesday lunch 0.95 is worth the 23.5 hours (0.20) of waiting.
    result = next_best_moment(WEEK, LI, at("2026-06-01T12:00"), [], GENEROUS)
    assert starts(result) == "2026-06-02T11:30:00+03:00"
    # Without Tuesday, the rest of Monday is next.
    monday_afternoon = [
        m for m in WEEK if m.start >= at("2026-06-01T12:00") and m.start < at("2026-06-02T00:00")
    ]
    result = next_best_moment(monday_afternoon, LI, at("2026-06-01T12:00"), [], GENEROUS)
    assert starts(result) == "2026-06-01T16:45:00+03:00"


def test_a_moment_under_way_counts_trimmed_to_now() -> None:
    result = next_best_moment(WEEK, LI, at("2026-06-01T11:40"), [], GENEROUS)
    assert result is not None
    assert (result.start, result.end) == (at("2026-06-01T11:40"), at("2026-06-01T12:00"))
    assert result.start.tzinfo is HELSINKI
    assert result.label == "Lunch"


def test_a_moment_nearly_over_does_not_count() -> None:
    result = next_best_moment(WEEK, LI, at("2026-06-01T11:57"), [], GENEROUS)
    assert starts(result) == "2026-06-02T11:30:00+03:00"
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
    # 11:30 is 90 minutes before the 13:00 post: never chosen, though it scores best that day.
    monday = [m for m in WEEK if m.start < at("2026-06-02T00:00")]
    result = next_best_moment(monday, LI, at("2026-06-01T10:00"), scheduled, target)
    assert starts(result) == "2026-06-01T16:45:00+03:00"


def test_posts_on_another_network_do_not_block_but_linkedin_and_x_stay_apart_when_they_can() -> None:
    scheduled = [Scheduled(X, at("2026-06-01T11:30"))]
    # Monday lunch holds X: the same moment costs 0.5, so Tuesday's equally good lunch is taken.
    result = next_best_moment(WEEK, LI, at("2026-06-01T06:00"), scheduled, Target(3, 20))
    assert starts(result) == "2026-06-02T11:30:00+03:00"
    # When that moment is the only one, X being there does not stop LinkedIn.
    only = [WEEK[1]]
    assert starts(next_best_moment(only, LI, at("2026-06-01T06:00"), scheduled, Target(3, 20))) == (
        "2026-06-01T11:30:00+03:00"
    )


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


# The engine's own rules: spread, queue order, kinds, explanations, overruns ---------------------


def week_of_lunches_and_commutes() -> list[Moment]:
    """Monday to Friday: morning commute 07:45, lunch 11:30 (the best), evening commute 16:45."""
    found = []
    for day in range(1, 6):
        for start, kind, li, x in (
            ("07:45", MomentKind.COMMUTE, 0.55, 0.55),
            ("11:30", MomentKind.LUNCH, 0.95, 1.0),
            ("16:45", MomentKind.COMMUTE, 0.45, 0.7),
        ):
            begins = at(f"2026-06-0{day}T{start}")
            scores = {LI: li, X: x}
            found.append(Moment(begins, begins + timedelta(minutes=30), kind, kind.value, max(li, x), scores))
    return found


def test_a_networks_posts_go_on_different_days_in_queue_order() -> None:
    wanted = [Wanted(i, X) for i in range(1, 6)]
    choices = plan(week_of_lunches_and_commutes(), wanted, [], {X: Target(5, 0)}, at("2026-06-01T06:00"))
    assert [c.draft_id for c in choices] == [1, 2, 3, 4, 5]
    assert [c.at for c in choices] == sorted(c.at for c in choices)  # the older draft goes first
    assert len({c.at.date() for c in choices}) == 5  # one a day, though lunch is best every day


def test_kinds_take_turns_rather_than_lunch_every_day() -> None:
    wanted = [Wanted(i, X) for i in range(1, 6)]
    choices = plan(week_of_lunches_and_commutes(), wanted, [], {X: Target(5, 0)}, at("2026-06-01T06:00"))
    kinds = Counter(c.moment.kind for c in choices)
    assert kinds[MomentKind.COMMUTE] >= 1 and kinds[MomentKind.LUNCH] >= 1


def test_linkedin_and_x_are_not_put_in_the_same_moment_when_another_is_free() -> None:
    wanted = [Wanted(1, LI), Wanted(1, X), Wanted(2, LI), Wanted(2, X), Wanted(3, LI), Wanted(3, X)]
    targets = {LI: Target(3, 20), X: Target(5, 3)}
    choices = plan(week_of_lunches_and_commutes(), wanted, [], targets, at("2026-06-01T06:00"))
    assert len(choices) == 6
    assert len({c.at for c in choices}) == 6


def test_an_older_draft_placed_by_the_engine_goes_first_but_one_placed_by_hand_does_not_hold_others() -> None:
    moments = week_of_lunches_and_commutes()
    later = [Scheduled(X, at("2026-06-04T11:30"), draft_id=1)]
    [choice] = plan(moments, [Wanted(2, X)], later, {X: Target(5, 0)}, at("2026-06-01T06:00"))
    assert choice.at > at("2026-06-04T11:30")
    assert Rule.QUEUE in {passed.refusal.rule for passed in choice.why.avoided}
    assert any(line.endswith("(an older draft goes first)") for line in choice.why.lines())
    by_hand = [Scheduled(X, at("2026-06-04T11:30"), draft_id=1, by_hand=True)]
    [choice] = plan(moments, [Wanted(2, X)], by_hand, {X: Target(5, 0)}, at("2026-06-01T06:00"))
    assert choice.at < at("2026-06-04T11:30")


def test_the_explanation_says_the_kind_the_audience_the_free_minutes_and_what_was_passed_over() -> None:
    scheduled = [Scheduled(LI, at("2026-06-01T11:30"), draft_id=1)]
    [choice] = plan(
        week_of_lunches_and_commutes(),
        [Wanted(2, LI)],
        scheduled,
        {LI: Target(3, 20)},
        at("2026-06-01T06:00"),
    )
    lines = choice.why.lines()
    assert lines[0].startswith(f"{choice.moment.kind.value} moment, score {choice.score:.2f} (audience ")
    assert "30 free minutes for replies" in lines[0]
    assert any("under 20 h from another LinkedIn post" in line for line in lines)


def test_the_explanation_is_data_the_gui_can_say_in_another_language() -> None:
    """The costs and the moments passed over carry their numbers, not English sentences; the English
    lines (`schedule --next --explain`) are made from them."""
    scheduled = [Scheduled(LI, at("2026-06-01T11:30"), draft_id=1), Scheduled(X, at("2026-06-02T07:45"))]
    [choice] = plan(
        week_of_lunches_and_commutes(),
        [Wanted(2, LI)],
        scheduled,
        {LI: Target(3, 20)},
        at("2026-06-01T06:00"),
    )
    why = choice.why
    gap = next(p for p in why.avoided if p.refusal.rule is Rule.GAP)
    assert gap.refusal.network is LI and gap.refusal.hours == 20
    assert gap.at.utcoffset() == timedelta(hours=3)  # the routine's zone, as the lines say it
    assert f"passed over {gap.at:%a %d %b %H:%M} (under 20 h from another LinkedIn post)" in why.lines()
    waiting = next(c for c in why.costs if c.kind is CostKind.WAITING)
    assert waiting.days == (choice.at - at("2026-06-01T06:00")).total_seconds() / 86400
    assert f"cost +{waiting.amount:.2f}: {waiting.days:.1f} days of waiting" in why.lines()
    ranked = rank(
        week_of_lunches_and_commutes(), Wanted(2, LI), scheduled, {LI: Target(3, 20)}, at("2026-06-01T06:00")
    )
    crowding = next(c for r in ranked for c in r.why.costs if c.kind is CostKind.CROWDING)
    assert crowding.network is LI and crowding.spacing == 5 / 3 and 0 < crowding.days < crowding.spacing


def test_a_time_placed_by_hand_beyond_the_target_or_the_gap_says_so() -> None:
    posts = [Scheduled(LI, at(f"2026-06-0{d}T11:30")) for d in (1, 2, 3)]
    found = overruns(LI, at("2026-06-03T16:45"), posts, Target(3, 20), HELSINKI)
    assert [o.line for o in found] == [
        "LinkedIn: 4 of 3 this week",
        "LinkedIn: 5.2 h from another LinkedIn post (your gap is 20 h)",
    ]
    assert overruns(LI, at("2026-06-08T11:30"), posts, Target(3, 20), HELSINKI) == []
