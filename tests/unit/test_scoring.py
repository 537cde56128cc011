"""Moment scores: the orderings that matter for choosing when to post."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.model import BusyBlock, MomentKind, Network
from somedesk.core.moments import find_moments
from somedesk.core.routine import Routine
from somedesk.core.scoring import (
    FOLLOW_UP_MINUTES,
    PUBLISHING_NETWORKS,
    best_score,
    engagement_prior,
    score_for_network,
    score_moment,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
FREE = FOLLOW_UP_MINUTES  # the whole follow-up half hour is free


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def linkedin(kind: MomentKind, start: str, free: float = FREE) -> float:
    return score_for_network(Network.LINKEDIN, kind, at(start), free)


def test_linkedin_tuesday_late_morning_beats_friday_late_afternoon() -> None:
    # 2026-06-02 is a Tuesday, 2026-06-05 a Friday.
    assert linkedin(MomentKind.LUNCH, "2026-06-02T10:00") > linkedin(MomentKind.LUNCH, "2026-06-05T16:00")
    assert linkedin(MomentKind.LUNCH, "2026-06-02T10:00") == 1.0


def test_linkedin_midweek_beats_friday_at_the_same_hour() -> None:
    assert linkedin(MomentKind.COMMUTE, "2026-06-03T09:00") > linkedin(MomentKind.COMMUTE, "2026-06-05T09:00")


@pytest.mark.parametrize("clock", ["19:00", "21:30", "23:59", "00:00", "03:00", "05:59"])
@pytest.mark.parametrize("network", PUBLISHING_NETWORKS)
def test_evenings_and_nights_score_zero(network: Network, clock: str) -> None:
    assert score_for_network(network, MomentKind.COMMUTE, at(f"2026-06-02T{clock}"), FREE) == 0.0


def test_x_peaks_mid_morning_and_at_lunchtime() -> None:
    def x(clock: str) -> float:
        return score_for_network(Network.X, MomentKind.LUNCH, at(f"2026-06-03T{clock}"), FREE)

    assert x("10:00") > x("07:00")
    assert x("12:00") > x("15:00")
    assert x("12:00") > x("17:30")


def test_time_to_answer_comments_lifts_linkedin_only() -> None:
    start = "2026-06-03T10:00"
    assert linkedin(MomentKind.BEFORE_MEETING, start, free=FREE) > linkedin(
        MomentKind.BEFORE_MEETING, start, free=10
    )
    x_scores = {
        score_for_network(Network.X, MomentKind.BEFORE_MEETING, at(start), free) for free in (0, 10, FREE)
    }
    assert len(x_scores) == 1


def test_before_meeting_ranks_below_lunch_and_commute_at_the_same_time() -> None:
    start = "2026-06-03T11:00"
    assert linkedin(MomentKind.BEFORE_MEETING, start) < linkedin(MomentKind.LUNCH, start)
    assert linkedin(MomentKind.BEFORE_MEETING, start) < linkedin(MomentKind.COMMUTE, start)


def test_a_moment_followed_at_once_by_a_meeting_scores_lower_on_linkedin() -> None:
    routine = Routine(zone=HELSINKI)
    day = at("2026-06-03T00:00")
    free = find_moments(routine, [], day, day + timedelta(days=1))
    meeting = BusyBlock(at("2026-06-03T11:40"), at("2026-06-03T12:40"), "Steering group")
    squeezed = find_moments(routine, [meeting], day, day + timedelta(days=1))
    free_lunch = next(m for m in free if m.kind is MomentKind.LUNCH)
    squeezed_lunch = next(m for m in squeezed if m.kind is MomentKind.LUNCH)
    assert free_lunch.start == squeezed_lunch.start
    assert free_lunch.score_for(Network.LINKEDIN) > squeezed_lunch.score_for(Network.LINKEDIN)
    assert free_lunch.score_for(Network.X) == squeezed_lunch.score_for(Network.X)


def test_quiet_hours_right_after_a_moment_count_as_no_time_to_answer() -> None:
    assert linkedin(MomentKind.COMMUTE, "2026-06-03T18:45", free=15) < linkedin(
        MomentKind.COMMUTE, "2026-06-03T18:45", free=FREE
    )


def test_scores_are_rounded_bounded_and_deterministic() -> None:
    start = at("2026-06-01T08:00")
    for minutes in range(0, 24 * 60 * 7, 25):
        for kind in MomentKind:
            instant = start + timedelta(minutes=minutes)
            scores = score_moment(kind, instant, free_follow_up_minutes=minutes % 40)
            assert scores == score_moment(kind, instant, free_follow_up_minutes=minutes % 40)
            assert set(scores) == set(PUBLISHING_NETWORKS)
            for value in scores.values():
                assert 0.0 <= value <= 1.0
                assert value == round(value, 2)


def test_best_score_is_the_max_over_networks() -> None:
    assert best_score({Network.LINKEDIN: 0.4, Network.X: 0.7}) == 0.7
    assert best_score({}) == 0.0


def test_priors_cover_every_hour_and_weekday() -> None:
    monday = at("2026-06-01T00:00")
    for network in PUBLISHING_NETWORKS:
        for hours in range(24 * 7):
            assert 0.0 <= engagement_prior(network, monday + timedelta(hours=hours)) <= 1.0
