"""`decide` and the timed reminders on hand-built clocks: grace, quiet hours, pause, accounts, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import product
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from somedesk.core.due import (
    UNTIL_RESUMED,
    Action,
    ActionKind,
    DueItem,
    Mode,
    decide,
    next_reminder_time,
    next_token_reminder_time,
    next_wakeup,
    reply_reminders,
    token_expiry_reminders,
)
from somedesk.core.model import Network
from somedesk.core.routine import ClockWindow, Routine, local_instant

HEL = ZoneInfo("Europe/Helsinki")
ROUTINE = Routine(HEL)  # quiet hours 19:00–07:00
GRACE = timedelta(minutes=15)
LI = Network.LINKEDIN
MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)


def hel(day: date, hour: int, minute: int = 0, *, fold: int = 0) -> datetime:
    """An aware instant in UTC from a Helsinki wall-clock time (fold picks the repeated hour)."""
    return datetime.combine(day, time(hour, minute), tzinfo=HEL).replace(fold=fold).astimezone(UTC)


WED = date(2026, 6, 10)  # an ordinary summer Wednesday (UTC+3)
THU = WED + timedelta(days=1)
LUNCH = hel(WED, 11, 30)


def item(
    at: datetime,
    *,
    pid: int = 1,
    network: Network = LI,
    mode: Mode = Mode.AUTO,
    ready: bool = True,
    label: str = "Lunch",
) -> DueItem:
    return DueItem(pid, network, at, mode, ready, label)


def one(
    now: datetime,
    due: DueItem,
    routine: Routine = ROUTINE,
    *,
    grace: timedelta = GRACE,
    paused_until: datetime | None = None,
) -> Action:
    actions = decide(now, [due], routine, grace=grace, paused_until=paused_until)
    assert len(actions) == 1
    return actions[0]


# --- Grace: on time, a little late, much too late ----------------------------------------------------------


def test_on_time_is_published() -> None:
    assert one(LUNCH, item(LUNCH)) == Action(
        ActionKind.PUBLISH, 1, "LinkedIn post for Lunch (11:30): publishing now", None
    )


def test_ten_minutes_late_is_published_and_says_so() -> None:
    action = one(LUNCH + 10 * MIN, item(LUNCH))
    assert action.kind is ActionKind.PUBLISH
    assert action.reason == "LinkedIn post for Lunch (11:30): publishing now, 10 min late"
    assert action.check_again is None


def test_three_hours_late_is_missed_with_when_how_late_and_why() -> None:
    assert one(LUNCH + 3 * HOUR, item(LUNCH)) == Action(
        ActionKind.MISS,
        1,
        "LinkedIn post for Lunch (11:30): the moment passed 3 h ago "
        "while somedesk was not running or the computer slept",
        None,
        cause="asleep",
    )


@pytest.mark.parametrize(
    ("late", "kind"),
    [
        (GRACE - timedelta(microseconds=1), ActionKind.PUBLISH),
        (GRACE, ActionKind.PUBLISH),  # "at most grace late" includes exactly grace
        (GRACE + timedelta(microseconds=1), ActionKind.MISS),
    ],
)
def test_grace_boundary(late: timedelta, kind: ActionKind) -> None:
    assert one(LUNCH + late, item(LUNCH)).kind is kind


def test_zero_grace_misses_anything_late() -> None:
    assert one(LUNCH, item(LUNCH), grace=timedelta(0)).kind is ActionKind.PUBLISH
    action = one(LUNCH + timedelta(seconds=20), item(LUNCH), grace=timedelta(0))
    assert action.kind is ActionKind.MISS
    assert "passed less than a minute ago" in action.reason


def test_future_item_waits_until_its_time() -> None:
    assert one(LUNCH - 2 * HOUR, item(LUNCH)) == Action(
        ActionKind.WAIT, 1, "LinkedIn post for Lunch (11:30): due in 2 h", LUNCH
    )


def test_item_without_label_names_network_and_time() -> None:
    action = one(LUNCH, item(LUNCH, network=Network.X, label=""))
    assert action.reason == "X post (11:30): publishing now"


def test_miss_long_ago_names_the_day() -> None:
    friday = hel(date(2026, 6, 5), 11, 30)
    action = one(LUNCH, item(friday))
    assert action.reason.startswith("LinkedIn post for Lunch (Fri 5 Jun 11:30): the moment passed 5 days ago")


# --- Remind mode -------------------------------------------------------------------------------------------


def test_remind_mode_reminds_on_time_and_within_grace() -> None:
    assert one(LUNCH, item(LUNCH, mode=Mode.REMIND)) == Action(
        ActionKind.REMIND, 1, "LinkedIn post for Lunch (11:30): time to post", None
    )
    late = one(LUNCH + 12 * MIN, item(LUNCH, mode=Mode.REMIND))
    assert late.kind is ActionKind.REMIND
    assert late.reason.endswith("time to post, 12 min late")


def test_remind_mode_too_late_is_missed() -> None:
    assert one(LUNCH + 3 * HOUR, item(LUNCH, mode=Mode.REMIND)).kind is ActionKind.MISS


# --- Quiet hours -------------------------------------------------------------------------------------------


def test_evening_item_seen_in_quiet_hours_is_held_until_morning_then_missed() -> None:
    evening = hel(WED, 18, 55)
    held = one(hel(WED, 19, 5), item(evening, label="Evening commute"))
    assert held == Action(
        ActionKind.HOLD_QUIET,
        1,
        "LinkedIn post for Evening commute (18:55): held for quiet hours until tomorrow 07:00; "
        "its moment will have passed by then, and you will choose what to do with it",
        hel(THU, 7, 0),
    )
    # Not missed in the night (that would notify in quiet hours): missed when they end.
    assert held.check_again is not None
    missed = one(held.check_again, item(evening, label="Evening commute"))
    assert missed == Action(
        ActionKind.MISS,
        1,
        "LinkedIn post for Evening commute (yesterday 18:55): the moment passed 12 h 5 min ago "
        "while somedesk was not running or the computer slept, then quiet hours (19:00–07:00) began",
        None,
        cause="asleep-then-quiet",
    )


def test_item_just_before_quiet_end_goes_out_when_quiet_ends() -> None:
    early = hel(THU, 6, 50)
    held = one(hel(THU, 6, 55), item(early, label="Morning commute"))
    assert held.kind is ActionKind.HOLD_QUIET
    assert held.check_again == hel(THU, 7, 0)
    assert held.reason.endswith("held for quiet hours until 07:00; it can still go out then")
    assert (
        one(hel(THU, 7, 0), item(early)).reason
        == "LinkedIn post for Lunch (06:50): publishing now, 10 min late"
    )


def test_remind_item_held_in_quiet_hours_says_the_reminder_can_still_come() -> None:
    held = one(hel(THU, 6, 55), item(hel(THU, 6, 50), mode=Mode.REMIND))
    assert held.reason.endswith("you can still be reminded then")
    assert one(hel(THU, 7, 0), item(hel(THU, 6, 50), mode=Mode.REMIND)).kind is ActionKind.REMIND


def test_item_due_inside_quiet_hours_is_held_then_missed_with_that_reason() -> None:
    night = hel(WED, 23, 0)
    held = one(night, item(night, label=""))
    assert (held.kind, held.check_again) == (ActionKind.HOLD_QUIET, hel(THU, 7, 0))
    missed = one(hel(THU, 7, 0), item(night, label=""))
    assert missed.reason == (
        "LinkedIn post (yesterday 23:00): the moment passed 8 h ago during quiet hours (19:00–07:00)"
    )
    assert missed.cause == "quiet"


def test_item_whose_time_was_in_quiet_hours_goes_out_after_them_within_grace() -> None:
    # Quiet hours are about the instant of acting: 07:05 is outside them and 15 min is within grace.
    assert one(hel(THU, 7, 5), item(hel(THU, 6, 50))).kind is ActionKind.PUBLISH


def test_quiet_hours_that_wrap_midnight() -> None:
    routine = Routine(HEL, quiet_hours=ClockWindow(time(22, 0), time(6, 0)))
    after_midnight = one(hel(THU, 2, 0), item(hel(THU, 1, 59)), routine)
    assert (after_midnight.kind, after_midnight.check_again) == (ActionKind.HOLD_QUIET, hel(THU, 6, 0))
    assert "until 06:00;" in after_midnight.reason
    before_midnight = one(hel(WED, 23, 30), item(hel(WED, 23, 0)), routine)
    assert (before_midnight.kind, before_midnight.check_again) == (ActionKind.HOLD_QUIET, hel(THU, 6, 0))
    assert "until tomorrow 06:00;" in before_midnight.reason
    assert one(hel(THU, 6, 0), item(hel(THU, 5, 50)), routine).kind is ActionKind.PUBLISH


def test_quiet_hours_within_a_day() -> None:
    routine = Routine(HEL, quiet_hours=ClockWindow(time(12, 0), time(13, 0)))
    held = one(hel(WED, 12, 10), item(hel(WED, 12, 10)), routine)
    assert (held.kind, held.check_again) == (ActionKind.HOLD_QUIET, hel(WED, 13, 0))
    assert one(hel(WED, 23, 0), item(hel(WED, 23, 0)), routine).kind is ActionKind.PUBLISH


def test_no_quiet_hours_publishes_at_night() -> None:
    routine = Routine(HEL, quiet_hours=None)
    assert one(hel(WED, 23, 0), item(hel(WED, 23, 0)), routine).kind is ActionKind.PUBLISH


def test_back_to_back_quiet_days_are_one_stretch() -> None:
    # A whole-day window never ends: wake up a week on, not every midnight of it.
    routine = Routine(HEL, quiet_hours=ClockWindow(time(7, 0), time(7, 0)))
    held = one(LUNCH, item(LUNCH), routine)
    assert held.kind is ActionKind.HOLD_QUIET
    assert held.check_again is not None
    assert held.check_again >= LUNCH + timedelta(days=7)


# --- DST: Europe/Helsinki goes back on 2026-10-25 and forward on 2026-03-29 --------------------------------

AUTUMN_SWITCH = date(2026, 10, 25)  # 04:00 EEST -> 03:00 EET; 03:00-04:00 happens twice
SPRING_SWITCH = date(2026, 3, 29)  # 03:00 EET -> 04:00 EEST; 03:00-04:00 does not exist


def test_quiet_end_on_the_autumn_switch_night_is_local_seven() -> None:
    for fold in (0, 1):  # either 03:30, before or after the clocks went back
        held = one(hel(AUTUMN_SWITCH, 3, 30, fold=fold), item(hel(AUTUMN_SWITCH, 3, 0)))
        assert held.check_again == datetime(2026, 10, 25, 5, 0, tzinfo=UTC)  # 07:00 EET


def test_quiet_end_on_the_spring_switch_night_is_local_seven() -> None:
    held = one(hel(SPRING_SWITCH, 2, 30), item(hel(SPRING_SWITCH, 2, 0)))
    assert held.check_again == datetime(2026, 3, 29, 4, 0, tzinfo=UTC)  # 07:00 EEST


@pytest.mark.parametrize(
    ("monday", "utc_hour"),
    [(date(2026, 10, 26), 5), (date(2026, 3, 30), 4)],  # EET (+2) after autumn, EEST (+3) after spring
)
def test_commute_at_0740_on_the_monday_after_a_switch(monday: date, utc_hour: int) -> None:
    at = local_instant(monday, time(7, 40), HEL)
    assert at == datetime(monday.year, monday.month, monday.day, utc_hour, 40, tzinfo=UTC)
    commute = item(at.astimezone(UTC), label="Morning commute")
    assert one(at - MIN, commute).check_again == at
    assert one(at, commute).reason == "LinkedIn post for Morning commute (07:40): publishing now"
    assert one(at + GRACE, commute).kind is ActionKind.PUBLISH
    assert one(at + GRACE + MIN, commute).kind is ActionKind.MISS


def test_laptop_asleep_through_the_autumn_switch_night() -> None:
    # Wall clocks say 12 h 40 min between Saturday 18:50 and Sunday 07:30; an hour more really passed.
    saturday_evening = hel(AUTUMN_SWITCH - timedelta(days=1), 18, 50)
    missed = one(hel(AUTUMN_SWITCH, 7, 30), item(saturday_evening, label="Evening commute"))
    assert missed.reason == (
        "LinkedIn post for Evening commute (yesterday 18:50): the moment passed 13 h 40 min ago "
        "while somedesk was not running or the computer slept, then quiet hours (19:00–07:00) began"
    )
    # Asleep from Friday to Monday: Monday's commute still goes out, Friday's is missed.
    monday = AUTUMN_SWITCH + timedelta(days=1)
    woke = hel(monday, 7, 45)
    actions = decide(
        woke,
        [
            item(hel(monday, 7, 40), pid=2),
            item(hel(date(2026, 10, 23), 16, 50), pid=1, label="Evening commute"),
        ],
        ROUTINE,
        grace=GRACE,
        paused_until=None,
    )
    assert [(a.publication_id, a.kind) for a in actions] == [(2, ActionKind.PUBLISH), (1, ActionKind.MISS)]
    assert "(Fri 23 Oct 16:50): the moment passed 2 days 15 h ago" in actions[1].reason  # wall clock: 14 h


def test_laptop_asleep_through_the_spring_switch_night() -> None:
    saturday_evening = hel(SPRING_SWITCH - timedelta(days=1), 18, 50)
    missed = one(hel(SPRING_SWITCH, 7, 30), item(saturday_evening))
    assert "the moment passed 11 h 40 min ago" in missed.reason  # wall clocks say 12 h 40 min


def test_same_tzinfo_is_compared_as_instants_not_wall_clocks() -> None:
    # Both datetimes carry Helsinki's tzinfo, where Python compares and subtracts by wall clock.
    routine = Routine(HEL, quiet_hours=None)
    first_330 = datetime(2026, 10, 25, 3, 30, tzinfo=HEL, fold=1)  # 01:30 UTC
    first_350 = datetime(2026, 10, 25, 3, 50, tzinfo=HEL, fold=0)  # 00:50 UTC, 40 min *before*
    waiting = one(first_350, item(first_330), routine)
    assert (waiting.kind, waiting.check_again) == (ActionKind.WAIT, datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    at = datetime(2026, 10, 25, 3, 10, tzinfo=HEL, fold=0)  # 00:10 UTC
    now = datetime(2026, 10, 25, 3, 20, tzinfo=HEL, fold=1)  # 01:20 UTC: 70 min, not 10
    missed = one(now, item(at), routine)
    assert missed.kind is ActionKind.MISS
    assert "passed 1 h 10 min ago" in missed.reason


# --- Pause -------------------------------------------------------------------------------------------------


def test_paused_for_an_hour_holds_then_misses_after_resume() -> None:
    held = one(LUNCH, item(LUNCH), paused_until=LUNCH + HOUR)
    assert held == Action(
        ActionKind.HOLD_PAUSED,
        1,
        "LinkedIn post for Lunch (11:30): held: somedesk is paused until 12:30",
        LUNCH + HOUR,
    )
    resumed = one(LUNCH + HOUR, item(LUNCH), paused_until=LUNCH + HOUR)
    assert resumed.reason == (
        "LinkedIn post for Lunch (11:30): the moment passed 1 h ago while somedesk was paused until 12:30"
    )
    assert resumed.cause == "paused"
    # The runtime may also forget the pause on resume: still missed, never lost.
    assert one(LUNCH + HOUR, item(LUNCH)).kind is ActionKind.MISS


def test_short_pause_ends_within_grace_and_the_post_goes_out() -> None:
    assert one(LUNCH + 10 * MIN, item(LUNCH), paused_until=LUNCH + 10 * MIN).kind is ActionKind.PUBLISH


def test_paused_until_tomorrow() -> None:
    tomorrow = hel(THU, 9, 0)
    held = one(LUNCH, item(LUNCH), paused_until=tomorrow)
    assert (held.kind, held.check_again) == (ActionKind.HOLD_PAUSED, tomorrow)
    assert held.reason.endswith("paused until tomorrow 09:00")


@pytest.mark.parametrize(
    "until_resumed",
    [
        UNTIL_RESUMED,
        datetime.max.replace(tzinfo=HEL),
        datetime.max.replace(tzinfo=ZoneInfo("America/New_York")),  # would overflow if converted
    ],
)
def test_paused_until_resumed_has_no_check_again(until_resumed: datetime) -> None:
    held = one(LUNCH, item(LUNCH), paused_until=until_resumed)
    assert held == Action(
        ActionKind.HOLD_PAUSED,
        1,
        "LinkedIn post for Lunch (11:30): held: somedesk is paused until you resume it",
        None,
    )


def test_future_item_waits_even_while_paused() -> None:
    assert one(LUNCH - HOUR, item(LUNCH), paused_until=UNTIL_RESUMED).check_again == LUNCH


# --- Accounts ----------------------------------------------------------------------------------------------


def test_account_needing_reconnect_holds_without_check_again() -> None:
    assert one(LUNCH, item(LUNCH, ready=False)) == Action(
        ActionKind.HOLD_ACCOUNT,
        1,
        "LinkedIn post for Lunch (11:30): waits until you reconnect LinkedIn",
        None,
    )
    # Posts wait however long it takes; after reconnecting, lateness is judged as usual.
    assert one(LUNCH + 3 * HOUR, item(LUNCH, ready=False)).kind is ActionKind.HOLD_ACCOUNT
    assert one(LUNCH + 3 * HOUR, item(LUNCH, ready=True)).kind is ActionKind.MISS


# --- Precedence: WAIT > HOLD_PAUSED > HOLD_QUIET > HOLD_ACCOUNT > MISS > PUBLISH/REMIND ----------------


def _expected(paused: bool, quiet: bool, ready: bool, late: bool) -> ActionKind:
    if paused:
        return ActionKind.HOLD_PAUSED
    if quiet:
        return ActionKind.HOLD_QUIET
    if not ready:
        return ActionKind.HOLD_ACCOUNT
    return ActionKind.MISS if late else ActionKind.PUBLISH


@pytest.mark.parametrize(("paused", "quiet", "ready", "late"), list(product([False, True], repeat=4)))
def test_precedence(paused: bool, quiet: bool, ready: bool, late: bool) -> None:
    now = hel(WED, 20, 0) if quiet else hel(WED, 15, 0)
    at = now - (3 * HOUR if late else 5 * MIN)
    action = one(now, item(at, ready=ready), paused_until=now + HOUR if paused else None)
    assert action.kind is _expected(paused, quiet, ready, late)


def test_future_item_waits_whatever_else_applies() -> None:
    now = hel(WED, 20, 0)
    action = one(now, item(now + MIN, ready=False), paused_until=UNTIL_RESUMED)
    assert (action.kind, action.check_again) == (ActionKind.WAIT, now + MIN)


# --- Several items, next_wakeup, bad input -----------------------------------------------------------------


def test_several_items_keep_their_order() -> None:
    items = [
        item(LUNCH + HOUR, pid=5),
        item(LUNCH - 3 * HOUR, pid=3, label="Morning commute"),
        item(LUNCH, pid=9, mode=Mode.REMIND),
        item(LUNCH - 5 * MIN, pid=1, network=Network.X, ready=False),
        item(LUNCH + 30 * MIN, pid=2),
    ]
    actions = decide(LUNCH, items, ROUTINE, grace=GRACE, paused_until=None)
    assert [(a.publication_id, a.kind) for a in actions] == [
        (5, ActionKind.WAIT),
        (3, ActionKind.MISS),
        (9, ActionKind.REMIND),
        (1, ActionKind.HOLD_ACCOUNT),
        (2, ActionKind.WAIT),
    ]
    assert next_wakeup(actions) == LUNCH + 30 * MIN
    assert decide(LUNCH, [], ROUTINE, grace=GRACE, paused_until=None) == []


def test_next_wakeup_compares_instants_and_ignores_none() -> None:
    assert next_wakeup([]) is None
    assert next_wakeup([Action(ActionKind.PUBLISH, 1, "", None)]) is None
    later_local = datetime(2026, 10, 25, 3, 30, tzinfo=HEL, fold=0)  # 00:30 UTC
    earlier_local = datetime(2026, 10, 25, 3, 10, tzinfo=HEL, fold=1)  # 01:10 UTC
    actions = [Action(ActionKind.WAIT, 1, "", earlier_local), Action(ActionKind.WAIT, 2, "", later_local)]
    assert next_wakeup(actions) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_naive_times_and_negative_grace_are_refused() -> None:
    with pytest.raises(ValueError, match="now must be timezone-aware"):
        decide(datetime(2026, 6, 10, 12, 0), [], ROUTINE, grace=GRACE, paused_until=None)
    with pytest.raises(ValueError, match=r"DueItem\.at"):
        item(datetime(2026, 6, 10, 12, 0))
    with pytest.raises(ValueError, match="paused_until"):
        decide(LUNCH, [], ROUTINE, grace=GRACE, paused_until=datetime(2026, 6, 10, 12, 0))
    with pytest.raises(ValueError, match="grace"):
        decide(LUNCH, [], ROUTINE, grace=-MIN, paused_until=None)


# --- Reply reminders ---------------------------------------------------------------------------------------

OFFSETS = (20 * MIN, 60 * MIN)
NOON = hel(WED, 12, 0)


def replies(
    now: datetime,
    published: list[tuple[int, Network, datetime]] | None = None,
    *,
    offsets: tuple[timedelta, ...] = OFFSETS,
    sent: frozenset[tuple[int, int]] = frozenset(),
) -> list[tuple[int, int]]:
    posts = [(1, LI, NOON)] if published is None else published
    return reply_reminders(now, posts, ROUTINE, offsets=offsets, already_sent=sent)


def test_reply_reminders_at_plus_20_and_plus_60() -> None:
    assert replies(NOON + 19 * MIN) == []
    assert replies(NOON + 20 * MIN) == [(1, 0)]
    assert replies(NOON + 20 * MIN, sent=frozenset({(1, 0)})) == []
    assert replies(NOON + 60 * MIN, sent=frozenset({(1, 0)})) == [(1, 1)]
    assert replies(NOON + 60 * MIN, sent=frozenset({(1, 0), (1, 1)})) == []


def test_reply_reminders_only_for_linkedin_and_off_when_no_offsets() -> None:
    assert replies(NOON + 20 * MIN, [(1, Network.X, NOON), (2, Network.SANDBOX, NOON)]) == []
    assert replies(NOON + 20 * MIN, offsets=()) == []


def test_stale_reply_reminder_is_skipped() -> None:
    assert replies(NOON + 50 * MIN) == [(1, 0)]  # exactly 30 min late still counts
    assert replies(NOON + 50 * MIN + timedelta(seconds=1)) == []


def test_after_a_long_sleep_only_the_freshest_reminder_is_shown() -> None:
    assert replies(NOON + 65 * MIN) == [(1, 1)]
    close = (20 * MIN, 25 * MIN)
    assert replies(NOON + 26 * MIN, offsets=close) == [(1, 1)]
    assert replies(NOON + 26 * MIN, offsets=close, sent=frozenset({(1, 1)})) == []  # +20 is not revived


def test_reply_reminders_in_quiet_hours_are_skipped_not_postponed() -> None:
    evening = hel(WED, 18, 30)
    posts = [(7, LI, evening)]
    assert replies(hel(WED, 18, 50), posts) == [(7, 0)]
    assert replies(hel(WED, 19, 30), posts, sent=frozenset({(7, 0)})) == []
    assert replies(hel(THU, 7, 0), posts, sent=frozenset({(7, 0)})) == []
    # Its time is outside quiet hours but the computer woke inside them: skipped too.
    assert replies(hel(WED, 19, 2), [(8, LI, hel(WED, 18, 35))]) == []
    assert (
        next_reminder_time(hel(WED, 18, 51), posts, ROUTINE, offsets=OFFSETS, already_sent={(7, 0)}) is None
    )


def test_reply_reminders_for_several_posts_keep_their_order() -> None:
    posts = [(4, LI, NOON), (2, Network.X, NOON), (3, LI, NOON - 40 * MIN)]
    assert replies(NOON + 20 * MIN, posts) == [(4, 0), (3, 1)]


def test_next_reminder_time() -> None:
    def next_at(now: datetime, sent: set[tuple[int, int]]) -> datetime | None:
        return next_reminder_time(now, [(1, LI, NOON)], ROUTINE, offsets=OFFSETS, already_sent=sent)

    assert next_at(NOON + 5 * MIN, set()) == NOON + 20 * MIN
    assert next_at(NOON + 20 * MIN, set()) == NOON + 60 * MIN  # strictly after now
    assert next_at(NOON + 5 * MIN, {(1, 0)}) == NOON + 60 * MIN
    assert next_at(NOON + 5 * MIN, {(1, 0), (1, 1)}) is None
    assert next_reminder_time(NOON, [(1, LI, NOON)], ROUTINE, offsets=(), already_sent=set()) is None


def test_negative_reply_offsets_are_refused() -> None:
    with pytest.raises(ValueError, match="offsets"):
        replies(NOON, offsets=(-MIN,))


# --- Token expiry reminders --------------------------------------------------------------------------------

EXPIRES = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def expiry(now: datetime, sent: frozenset[tuple[Network, int]] = frozenset()) -> list[tuple[Network, int]]:
    return token_expiry_reminders(now, [(LI, EXPIRES)], already_sent=sent)


def test_token_reminders_seven_days_and_one_day_before() -> None:
    assert expiry(EXPIRES - 8 * DAY) == []
    assert expiry(EXPIRES - 7 * DAY) == [(LI, 7)]
    assert expiry(EXPIRES - 2 * DAY, frozenset({(LI, 7)})) == []
    assert expiry(EXPIRES - DAY, frozenset({(LI, 7)})) == [(LI, 1)]
    assert expiry(EXPIRES - DAY + HOUR, frozenset({(LI, 7), (LI, 1)})) == []


def test_first_run_three_days_before_gives_the_seven_day_one_now_and_the_one_day_one_later() -> None:
    now = EXPIRES - 3 * DAY
    assert expiry(now) == [(LI, 7)]
    assert next_token_reminder_time(now, [(LI, EXPIRES)], already_sent={(LI, 7)}) == EXPIRES - DAY


def test_when_both_are_past_only_the_one_day_reminder_is_shown() -> None:
    assert expiry(EXPIRES - 12 * HOUR) == [(LI, 1)]


def test_no_token_reminder_after_expiry_or_for_x() -> None:
    assert expiry(EXPIRES) == []
    assert token_expiry_reminders(EXPIRES - DAY, [(Network.X, EXPIRES)], already_sent=frozenset()) == []


def test_next_token_reminder_time() -> None:
    assert (
        next_token_reminder_time(EXPIRES - 10 * DAY, [(LI, EXPIRES)], already_sent=set()) == EXPIRES - 7 * DAY
    )
    assert next_token_reminder_time(EXPIRES - 12 * HOUR, [(LI, EXPIRES)], already_sent=set()) is None
    assert next_token_reminder_time(EXPIRES - 10 * DAY, [(Network.X, EXPIRES)], already_sent=set()) is None


def test_token_reminders_wait_for_the_end_of_quiet_hours_when_given_the_routine() -> None:
    late_expiry = hel(date(2026, 7, 1), 23, 0)  # so the 7-day reminder falls at 23:00, in quiet hours
    seven_before = late_expiry - 7 * DAY
    evening = hel(date(2026, 6, 24), 22, 0)
    morning = hel(date(2026, 6, 25), 7, 0)

    def due(now: datetime) -> list[tuple[Network, int]]:
        return token_expiry_reminders(now, [(LI, late_expiry)], already_sent=set(), routine=ROUTINE)

    def next_at(now: datetime) -> datetime | None:
        return next_token_reminder_time(now, [(LI, late_expiry)], already_sent=set(), routine=ROUTINE)

    assert token_expiry_reminders(seven_before, [(LI, late_expiry)], already_sent=set()) == [(LI, 7)]
    assert due(seven_before) == []  # postponed, not skipped
    assert next_at(evening) == morning
    assert next_at(seven_before + 30 * MIN) == morning
    assert due(morning) == [(LI, 7)]
    # The 1-day reminder falls at 23:00 too: it comes the next morning, still before expiry.
    assert next_at(morning) == hel(date(2026, 7, 1), 7, 0)
    assert due(hel(date(2026, 7, 1), 7, 0)) == [(LI, 1)]


# --- Properties over random routines, clocks and tables ----------------------------------------------------

ZONES = [ZoneInfo(n) for n in ("Europe/Helsinki", "America/New_York", "Australia/Lord_Howe", "UTC")]
DST_DAYS = [date(2026, 3, 8), date(2026, 3, 29), date(2026, 4, 5), date(2026, 10, 25), date(2026, 11, 1)]
clock_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 10, 15, 30, 45, 59]))
routines = st.builds(
    Routine,
    zone=st.sampled_from(ZONES),
    quiet_hours=st.one_of(st.none(), st.builds(ClockWindow, clock_times, clock_times)),
)
nows = st.builds(
    lambda day, minutes: datetime.combine(day, time(0), tzinfo=UTC) + timedelta(minutes=minutes),
    st.sampled_from([*DST_DAYS, date(2026, 6, 10)]),
    st.integers(-36 * 60, 60 * 60),
)
minutes = st.integers(-3 * 24 * 60, 24 * 60).map(lambda m: timedelta(minutes=m))
graces = st.integers(0, 120).map(lambda m: timedelta(minutes=m))
pauses = st.one_of(st.none(), st.just(UNTIL_RESUMED), minutes)


def _items(now: datetime) -> st.SearchStrategy[list[DueItem]]:
    one_item = st.builds(
        DueItem,
        st.integers(1, 10**6),
        st.sampled_from(list(Network)),
        minutes.map(lambda delta: now + delta),
        st.sampled_from(list(Mode)),
        st.booleans(),
        st.sampled_from(["", "Lunch"]),
    )
    return st.lists(one_item, max_size=6)


def _pause_at(now: datetime, pause: timedelta | datetime | None) -> datetime | None:
    return now + pause if isinstance(pause, timedelta) else pause


@settings(max_examples=300, deadline=None)
@given(data=st.data(), now=nows, routine=routines, grace=graces, pause=pauses)
def test_decide_never_acts_when_it_must_not(
    data: st.DataObject, now: datetime, routine: Routine, grace: timedelta, pause: timedelta | datetime | None
) -> None:
    items = data.draw(_items(now))
    paused_until = _pause_at(now, pause)
    paused = paused_until is not None and paused_until > now
    actions = decide(now, items, routine, grace=grace, paused_until=paused_until)
    assert [a.publication_id for a in actions] == [i.publication_id for i in items]
    for due, action in zip(items, actions, strict=True):
        late = now - due.at
        if action.kind in (ActionKind.PUBLISH, ActionKind.REMIND, ActionKind.MISS):
            # Each of these reaches the person: never in quiet hours, never while paused.
            assert not routine.in_quiet_hours(now)
            assert not paused
            assert due.account_ready
        if action.kind in (ActionKind.PUBLISH, ActionKind.REMIND):
            assert timedelta(0) <= late <= grace
            assert (action.kind is ActionKind.REMIND) == (due.mode is Mode.REMIND)
        if action.kind is ActionKind.MISS:
            assert late > grace
        assert (action.kind is ActionKind.WAIT) == (due.at > now)
        if action.kind is ActionKind.HOLD_ACCOUNT:
            assert not due.account_ready
        # Progress: the runtime is never asked to look again at or before now.
        assert action.check_again is None or action.check_again > now


@settings(max_examples=300, deadline=None)
@given(data=st.data(), now=nows, routine=routines, grace=graces, pause=pauses)
def test_following_check_again_reaches_an_outcome_outside_quiet_hours(
    data: st.DataObject, now: datetime, routine: Routine, grace: timedelta, pause: timedelta | datetime | None
) -> None:
    items = data.draw(_items(now).filter(bool))
    paused_until = _pause_at(now, pause)
    clock: datetime | None = now
    steps = 0
    while clock is not None and steps < 6:
        action = one(clock, items[0], routine, grace=grace, paused_until=paused_until)
        if action.kind in (ActionKind.PUBLISH, ActionKind.REMIND, ActionKind.MISS, ActionKind.HOLD_ACCOUNT):
            assert not routine.in_quiet_hours(clock)
        clock, steps = action.check_again, steps + 1
    # WAIT, then a pause, then quiet hours, then the outcome: unless quiet hours never end.
    always_quiet = routine.quiet_hours is not None and routine.quiet_hours.start == routine.quiet_hours.end
    assert clock is None or always_quiet
    assert steps <= 4 or always_quiet


# --- Remind mode: a reminder shown and not answered ---------------------------------------------------------


def test_an_unanswered_reminder_says_so_instead_of_blaming_sleep() -> None:
    # Issue 12, defect 8: somedesk ran and asked at 11:30; the person did not answer.
    due = DueItem(1, LI, LUNCH, Mode.REMIND, True, "Lunch", reminded_at=LUNCH + MIN)
    action = one(LUNCH + 40 * MIN, due)
    assert action == Action(
        ActionKind.MISS,
        1,
        "LinkedIn post for Lunch (11:30): you did not answer the reminder at 11:31; "
        "the moment passed 40 min ago",
        None,
        cause="unanswered",
    )
    assert "not running" not in action.reason


def test_a_reminder_never_shown_is_still_missed_for_sleep() -> None:
    due = DueItem(1, LI, LUNCH, Mode.REMIND, True, "Lunch")
    assert one(LUNCH + 40 * MIN, due).cause == "asleep"
