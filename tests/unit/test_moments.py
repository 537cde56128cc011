"""The micro-moment engine, one rule per test, with exact expected instants."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from somedesk.core.model import BusyBlock, Moment, MomentKind, Network
from somedesk.core.moments import find_moments, meeting_label
from somedesk.core.routine import DEFAULT_DAY, DEFAULT_QUIET, ClockWindow, DayPlan, Routine

HELSINKI = ZoneInfo("Europe/Helsinki")
# 2026-06-01 is a Monday; 2026-06-05 a Friday; 2026-06-06 a Saturday.
MONDAY = "2026-06-01"


def at(day: str, clock: str, zone: ZoneInfo = HELSINKI) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=zone)


def window(start: str, end: str) -> ClockWindow:
    return ClockWindow(time.fromisoformat(start), time.fromisoformat(end))


def busy(day: str, start: str, end: str, title: str = "") -> BusyBlock:
    return BusyBlock(at(day, start), at(day, end), title)


def whole_day(routine: Routine, day: str, blocks: list[BusyBlock] | None = None) -> list[Moment]:
    start = at(day, "00:00")
    return find_moments(routine, blocks or [], start, start + timedelta(days=1))


def spans(moments: list[Moment]) -> list[tuple[str, str, str]]:
    """(start, end, label) with full ISO offsets, so a wrong offset fails loudly."""
    return [(m.start.isoformat(), m.end.isoformat(), m.label) for m in moments]


WORK_HOURS = window("08:30", "16:30")


def only_day(
    *,
    work_hours: ClockWindow | None = WORK_HOURS,
    lunch: ClockWindow | None = None,
    commutes: tuple[ClockWindow, ...] = (),
    quiet_hours: ClockWindow | None = DEFAULT_QUIET,
) -> Routine:
    """A routine whose every weekday follows one plan: only what a test names is there."""
    return Routine(zone=HELSINKI, default_day=DayPlan(work_hours, lunch, commutes), quiet_hours=quiet_hours)


ROUTINE = Routine(zone=HELSINKI)


def test_commute_and_lunch_on_a_workday() -> None:
    assert spans(whole_day(ROUTINE, MONDAY)) == [
        ("2026-06-01T07:45:00+03:00", "2026-06-01T08:15:00+03:00", "Morning commute"),
        ("2026-06-01T11:30:00+03:00", "2026-06-01T12:00:00+03:00", "Lunch"),
        ("2026-06-01T16:45:00+03:00", "2026-06-01T17:15:00+03:00", "Evening commute"),
    ]
    assert [m.kind for m in whole_day(ROUTINE, MONDAY)] == [
        MomentKind.COMMUTE,
        MomentKind.LUNCH,
        MomentKind.COMMUTE,
    ]


def test_moments_carry_the_routine_zone_and_scores_per_publishing_network() -> None:
    for moment in whole_day(ROUTINE, MONDAY):
        assert moment.start.tzinfo is HELSINKI and moment.end.tzinfo is HELSINKI
        assert set(moment.scores) == {Network.LINKEDIN, Network.X}
        assert moment.score == max(moment.scores.values())
        assert moment.event is None


def test_no_moments_on_saturday() -> None:
    assert whole_day(ROUTINE, "2026-06-06") == []


def test_a_weekday_override_without_commutes_keeps_lunch() -> None:
    routine = Routine(
        zone=HELSINKI,
        day_overrides={4: DayPlan(work_hours=DEFAULT_DAY.work_hours, lunch=DEFAULT_DAY.lunch, commutes=())},
    )
    assert spans(whole_day(routine, "2026-06-05")) == [
        ("2026-06-05T11:30:00+03:00", "2026-06-05T12:00:00+03:00", "Lunch"),
    ]
    # The other weekdays keep the default plan.
    assert len(whole_day(routine, "2026-06-04")) == 3


def test_commute_labels_when_two_fall_in_one_half_of_the_day() -> None:
    routine = only_day(
        work_hours=None,
        commutes=(window("07:00", "07:30"), window("09:00", "09:30"), window("17:00", "17:20")),
    )
    assert [m.label for m in whole_day(routine, MONDAY)] == ["Commute", "Commute", "Evening commute"]


def test_quiet_hours_cut_an_early_commute() -> None:
    routine = only_day(commutes=(window("06:30", "07:15"),), quiet_hours=window("19:00", "07:00"))
    assert spans(whole_day(routine, MONDAY)) == [
        ("2026-06-01T07:00:00+03:00", "2026-06-01T07:15:00+03:00", "Morning commute"),
    ]


def test_quiet_hours_wrapping_midnight_from_the_day_before() -> None:
    # Quiet 22:00-06:00 starts on Sunday evening and still holds on Monday morning.
    routine = only_day(
        commutes=(window("05:30", "06:30"), window("21:30", "22:30")), quiet_hours=window("22:00", "06:00")
    )
    assert spans(whole_day(routine, MONDAY)) == [
        ("2026-06-01T06:00:00+03:00", "2026-06-01T06:30:00+03:00", "Morning commute"),
        ("2026-06-01T21:30:00+03:00", "2026-06-01T22:00:00+03:00", "Evening commute"),
    ]


def test_a_window_wholly_in_quiet_hours_gives_nothing() -> None:
    routine = only_day(commutes=(window("19:30", "20:00"),))
    assert whole_day(routine, MONDAY) == []


def test_busy_time_cuts_lunch_into_parts_and_drops_short_parts() -> None:
    routine = only_day(lunch=window("11:30", "12:30"))
    blocks = [busy(MONDAY, "11:40", "11:50", "Call"), busy(MONDAY, "12:10", "12:27", "Call")]
    # 11:30-11:40 and 11:50-12:10 stay; 12:27-12:30 is 3 minutes, under the 5-minute minimum. The
    # before-meeting windows of both calls lie inside lunch, which takes precedence.
    assert spans(whole_day(routine, MONDAY, blocks)) == [
        ("2026-06-01T11:30:00+03:00", "2026-06-01T11:40:00+03:00", "Lunch"),
        ("2026-06-01T11:50:00+03:00", "2026-06-01T12:10:00+03:00", "Lunch"),
    ]


def test_before_meeting_only_for_meetings_starting_inside_work_hours() -> None:
    routine = only_day(quiet_hours=None)
    blocks = [
        busy(MONDAY, "08:00", "08:20", "Too early"),
        busy(MONDAY, "08:30", "09:00", "Stand-up"),
        busy(MONDAY, "16:29", "16:45", "Last call"),
        busy(MONDAY, "16:30", "17:00", "After hours"),
    ]
    moments = whole_day(routine, MONDAY, blocks)
    assert spans(moments) == [
        # 08:20-08:30 before the stand-up (08:30 is inside work hours even though the window is not).
        ("2026-06-01T08:20:00+03:00", "2026-06-01T08:30:00+03:00", "Before “Stand-up”"),
        ("2026-06-01T16:19:00+03:00", "2026-06-01T16:29:00+03:00", "Before “Last call”"),
    ]
    assert [m.event for m in moments] == ["Stand-up", "Last call"]
    assert {m.kind for m in moments} == {MomentKind.BEFORE_MEETING}


def test_before_meeting_without_work_hours_gives_nothing() -> None:
    routine = only_day(work_hours=None)
    assert whole_day(routine, MONDAY, [busy(MONDAY, "10:00", "11:00", "Sync")]) == []


def test_before_meeting_blocked_by_an_earlier_meeting() -> None:
    routine = only_day()
    blocks = [busy(MONDAY, "09:00", "09:58", "Planning"), busy(MONDAY, "10:00", "10:30", "Review")]
    # Only 2 free minutes before the review: dropped.
    assert spans(whole_day(routine, MONDAY, blocks)) == [
        ("2026-06-01T08:50:00+03:00", "2026-06-01T09:00:00+03:00", "Before “Planning”"),
    ]
    blocks = [busy(MONDAY, "09:00", "09:55", "Planning"), busy(MONDAY, "10:00", "10:30", "Review")]
    assert spans(whole_day(routine, MONDAY, blocks))[1] == (
        "2026-06-01T09:55:00+03:00",
        "2026-06-01T10:00:00+03:00",
        "Before “Review”",
    )


def test_back_to_back_meetings_give_one_moment_before_the_first() -> None:
    routine = only_day()
    blocks = [busy(MONDAY, "13:00", "14:00", "One"), busy(MONDAY, "14:00", "15:00", "Two")]
    assert spans(whole_day(routine, MONDAY, blocks)) == [
        ("2026-06-01T12:50:00+03:00", "2026-06-01T13:00:00+03:00", "Before “One”"),
    ]


def test_overlapping_meeting_windows_never_give_overlapping_moments() -> None:
    routine = only_day()
    blocks = [busy(MONDAY, "10:00", "10:01", "A"), busy(MONDAY, "10:05", "10:30", "B")]
    # B's window 09:55-10:05 overlaps A's 09:50-10:00; the earlier one wins and B keeps 10:01-10:05,
    # which is under 5 minutes.
    assert spans(whole_day(routine, MONDAY, blocks)) == [
        ("2026-06-01T09:50:00+03:00", "2026-06-01T10:00:00+03:00", "Before “A”"),
    ]


def test_lunch_takes_precedence_over_a_before_meeting_window() -> None:
    routine = only_day(lunch=window("11:30", "12:00"))
    # A meeting at 12:05: lunch stays whole, the before-meeting moment keeps the 5 minutes after it.
    assert spans(whole_day(routine, MONDAY, [busy(MONDAY, "12:05", "13:00", "Sync")])) == [
        ("2026-06-01T11:30:00+03:00", "2026-06-01T12:00:00+03:00", "Lunch"),
        ("2026-06-01T12:00:00+03:00", "2026-06-01T12:05:00+03:00", "Before “Sync”"),
    ]
    # A meeting at 12:00: its window lies inside lunch, so there is only lunch.
    assert spans(whole_day(routine, MONDAY, [busy(MONDAY, "12:00", "13:00", "Sync")])) == [
        ("2026-06-01T11:30:00+03:00", "2026-06-01T12:00:00+03:00", "Lunch"),
    ]


def test_a_commute_cut_by_a_meeting_keeps_its_free_part() -> None:
    blocks = [busy(MONDAY, "08:00", "09:00", "Breakfast meeting")]
    moments = whole_day(ROUTINE, MONDAY, blocks)
    assert spans(moments)[0] == ("2026-06-01T07:45:00+03:00", "2026-06-01T08:00:00+03:00", "Morning commute")


def test_a_multi_day_block_that_started_before_the_range_blocks_it() -> None:
    trip = BusyBlock(at("2026-05-30", "06:00"), at("2026-06-03", "12:00"), "Conference trip")
    after_trip = BusyBlock(at("2026-06-03", "14:00"), at("2026-06-03", "15:00"), "Debrief")
    moments = find_moments(ROUTINE, [trip, after_trip], at(MONDAY, "00:00"), at("2026-06-04", "00:00"))
    assert spans(moments) == [
        ("2026-06-03T13:50:00+03:00", "2026-06-03T14:00:00+03:00", "Before “Debrief”"),
        ("2026-06-03T16:45:00+03:00", "2026-06-03T17:15:00+03:00", "Evening commute"),
    ]


@pytest.mark.parametrize(
    ("day", "offset"),
    [
        ("2026-03-27", "+02:00"),  # Friday before the spring switch (Sunday 2026-03-29)
        ("2026-03-30", "+03:00"),  # Monday after it
        ("2026-10-23", "+03:00"),  # Friday before the autumn switch (Sunday 2026-10-25)
        ("2026-10-26", "+02:00"),  # Monday after it
    ],
)
def test_wall_clock_windows_keep_their_local_time_across_dst(day: str, offset: str) -> None:
    routine = Routine(zone=HELSINKI, default_day=DayPlan(None, None, (window("07:40", "08:10"),)))
    assert spans(whole_day(routine, day)) == [
        (f"{day}T07:40:00{offset}", f"{day}T08:10:00{offset}", "Morning commute"),
    ]


def test_a_week_across_the_spring_switch_has_right_instants() -> None:
    routine = Routine(zone=HELSINKI, default_day=DayPlan(None, None, (window("07:40", "08:10"),)))
    moments = find_moments(routine, [], at("2026-03-23", "00:00"), at("2026-03-31", "00:00"))
    utc_starts = [m.start.astimezone(UTC).strftime("%m-%d %H:%M") for m in moments]
    assert utc_starts == [
        "03-23 05:40",
        "03-24 05:40",
        "03-25 05:40",
        "03-26 05:40",
        "03-27 05:40",
        "03-30 04:40",
    ]


def test_the_dst_day_itself_with_quiet_hours_spanning_the_switch() -> None:
    # Every day is a workday; quiet 19:00-07:00 spans the night the clocks go forward.
    routine = Routine(
        zone=HELSINKI,
        workdays=frozenset(range(7)),
        default_day=DayPlan(None, None, (window("06:30", "07:15"),)),
    )
    for day, offset in (("2026-03-29", "+03:00"), ("2026-10-25", "+02:00")):
        assert spans(whole_day(routine, day)) == [
            (f"{day}T07:00:00{offset}", f"{day}T07:15:00{offset}", "Morning commute"),
        ]


def test_moments_are_clipped_to_the_range() -> None:
    moments = find_moments(ROUTINE, [], at(MONDAY, "07:55"), at(MONDAY, "11:45"))
    assert spans(moments) == [
        ("2026-06-01T07:55:00+03:00", "2026-06-01T08:15:00+03:00", "Morning commute"),
        ("2026-06-01T11:30:00+03:00", "2026-06-01T11:45:00+03:00", "Lunch"),
    ]


def test_a_clipped_part_shorter_than_the_minimum_is_dropped() -> None:
    assert find_moments(ROUTINE, [], at(MONDAY, "08:12"), at(MONDAY, "11:33")) == []


def test_a_meeting_just_after_the_range_still_gives_its_clipped_window() -> None:
    routine = only_day()
    moments = find_moments(
        routine, [busy(MONDAY, "10:10", "11:00", "Sync")], at(MONDAY, "09:00"), at(MONDAY, "10:05")
    )
    assert spans(moments) == [("2026-06-01T10:00:00+03:00", "2026-06-01T10:05:00+03:00", "Before “Sync”")]


def test_a_range_given_in_another_zone_means_the_same_instants() -> None:
    start = at(MONDAY, "00:00").astimezone(UTC)
    assert find_moments(ROUTINE, [], start, start + timedelta(days=1)) == whole_day(ROUTINE, MONDAY)


def test_an_empty_or_reversed_range_gives_nothing() -> None:
    assert find_moments(ROUTINE, [], at(MONDAY, "12:00"), at(MONDAY, "12:00")) == []
    assert find_moments(ROUTINE, [], at(MONDAY, "12:00"), at(MONDAY, "08:00")) == []


def test_naive_range_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        find_moments(ROUTINE, [], datetime(2026, 6, 1), at(MONDAY, "12:00"))


def test_untitled_and_long_meeting_labels() -> None:
    assert meeting_label("") == "Before a meeting"
    assert meeting_label("  Weekly\n sync ") == "Before “Weekly sync”"
    long = "Quarterly business review with the regional sales leadership team"
    label = meeting_label(long)
    assert label == "Before “Quarterly business review with the…”"
    assert len(label) <= len("Before “”") + 40
    # One endless word is cut mid-word rather than emptied.
    assert meeting_label("x" * 60) == "Before “" + "x" * 39 + "…”"


def test_an_untitled_meeting_has_no_event() -> None:
    moments = whole_day(only_day(), MONDAY, [busy(MONDAY, "10:00", "11:00")])
    assert [(m.label, m.event) for m in moments] == [("Before a meeting", None)]
