"""What must happen now: pure decisions over the schedule table, and the other timed reminders.

The scheduler runtime calls these at each scheduled time, after the computer wakes and at start-up;
they read no clock and do no I/O, so the same `now` and table always give the same answer.

`decide` gives exactly one action per item, in the items' order. When several rules apply, the
first of these wins (each comment says why it sits where it does):

1. WAIT         the item's time has not come (nothing else matters yet; check again at its time).
2. HOLD_PAUSED  somedesk is paused: the person's explicit choice outranks every rule of the routine,
                and nothing is shown while paused. Check again when the pause ends (None: until
                resumed); the rules below then apply, so a paused item is never lost.
3. HOLD_QUIET   `now` is inside quiet hours: nothing may reach the person, and that includes the
                reconnect notice of HOLD_ACCOUNT and the choice a MISS asks for. Check again when the
                quiet stretch ends. Even an item that will clearly be late by then is held, not
                missed: the store would mark it missed at once and the runtime would notify at once,
                in the night. Its reason says "its moment will have passed by then", and at the quiet
                end the same rules give MISS (or PUBLISH/REMIND if it is still within grace).
4. HOLD_ACCOUNT the account must be reconnected: "post now" could not work either, so the post waits
                (architecture: an expired token never loses the queue). No check_again: the runtime
                decides again when the account is reconnected, and lateness is judged then.
5. MISS         more than `grace` late: the person chooses post now / next moment / back to drafts.
                In remind mode, an item whose reminder was shown and not answered says so (cause
                "unanswered"), never that somedesk was not running.
6. PUBLISH or REMIND (by the item's mode), at most `grace` late (exactly `grace` still counts).

Quiet hours are about the instant of acting (`now`), not the item's time: an item at 06:50 seen at
07:05 after quiet hours ending 07:00 is 15 minutes late and goes out; one seen at 06:55 is held
until 07:00 and goes out then.

All comparisons and subtractions are on UTC instants: Python compares and subtracts two datetimes
that share a tzinfo by wall clock, which is wrong across a DST switch. Messages show local times in
the routine's zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import MAXYEAR, UTC, datetime, timedelta
from enum import StrEnum

from somedesk.core.model import Network, require_aware
from somedesk.core.routine import Routine

DEFAULT_GRACE = timedelta(minutes=15)
# "Until resumed". Any pause ending in the last representable year counts as this, because such an
# instant cannot be converted to every zone without overflowing.
UNTIL_RESUMED = datetime.max.replace(tzinfo=UTC)
# Comments move on: a reply reminder more than this late (the computer slept) is dropped, and the
# next reminder for the same post, if any, comes at its own time.
REPLY_STALE_AFTER = timedelta(minutes=30)
TOKEN_REMINDER_DAYS: tuple[int, ...] = (7, 1)
# Only LinkedIn tokens run out under the person: X tokens are refreshed silently every two hours.
_EXPIRING_NETWORKS = frozenset({Network.LINKEDIN})
_REPLY_NETWORKS = frozenset({Network.LINKEDIN})
# Quiet hours that cover whole days back to back never end; look this far ahead, then check again.
_QUIET_LOOKAHEAD_DAYS = 8
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Mode(StrEnum):
    AUTO = "auto"
    REMIND = "remind"


class ActionKind(StrEnum):
    PUBLISH = "publish"
    REMIND = "remind"
    MISS = "miss"
    HOLD_QUIET = "hold-quiet"
    HOLD_PAUSED = "hold-paused"
    HOLD_ACCOUNT = "hold-account"
    WAIT = "wait"


@dataclass(frozen=True, slots=True)
class DueItem:
    """One scheduled publication as the store sees it; `label` is its moment's ("Lunch")."""

    publication_id: int
    network: Network
    at: datetime
    mode: Mode
    account_ready: bool
    label: str = ""
    # Remind mode: when the reminder for this time was shown (None: not yet). A reminder nobody
    # answered is why such an item goes past its grace while somedesk runs, not sleep.
    reminded_at: datetime | None = None

    def __post_init__(self) -> None:
        require_aware(self.at, "DueItem.at")
        if self.reminded_at is not None:
            require_aware(self.reminded_at, "DueItem.reminded_at")


@dataclass(frozen=True, slots=True)
class Action:
    """What to do with one item; `check_again` (UTC) is when to look at it again, None for never by itself."""

    kind: ActionKind
    publication_id: int
    reason: str
    check_again: datetime | None
    # for MISS: "paused", "quiet", "unanswered", "asleep-then-quiet" or "asleep" (the reason in a word)
    cause: str = ""


@dataclass(frozen=True, slots=True)
class _Now:
    """Everything about `now` that is the same for every item, worked out once."""

    now: datetime  # UTC
    routine: Routine
    grace: timedelta
    paused: bool
    pause_end: datetime | None  # UTC; while paused None means until resumed, else the last known end
    quiet_end: datetime | None  # UTC end of the quiet stretch `now` is in, None outside quiet hours


def decide(
    now: datetime,
    items: Sequence[DueItem],
    routine: Routine,
    *,
    grace: timedelta,
    paused_until: datetime | None,
) -> list[Action]:
    """One action per item, in the items' order (precedence in the module docstring)."""
    require_aware(now, "now")
    if grace < timedelta(0):
        raise ValueError(f"grace must not be negative, got {grace}")
    now_utc = now.astimezone(UTC)
    paused, pause_end = _pause(now_utc, paused_until)
    context = _Now(now_utc, routine, grace, paused, pause_end, quiet_end(now_utc, routine))
    return [_decide_one(item, context) for item in items]


def next_wakeup(actions: Iterable[Action]) -> datetime | None:
    """The earliest `check_again` (UTC), or None when no action asks to be looked at again."""
    times = [a.check_again.astimezone(UTC) for a in actions if a.check_again is not None]
    return min(times, default=None)


def _decide_one(item: DueItem, ctx: _Now) -> Action:
    at = item.at.astimezone(UTC)
    if at > ctx.now:
        return _act(ActionKind.WAIT, item, ctx, f"due in {_duration(at - ctx.now)}", at)
    if ctx.paused:
        until = "you resume it" if ctx.pause_end is None else _clock(ctx.pause_end, ctx)
        text = f"held: somedesk is paused until {until}"
        return _act(ActionKind.HOLD_PAUSED, item, ctx, text, ctx.pause_end)
    if ctx.quiet_end is not None:
        text = _quiet_hold_text(item, at, ctx.quiet_end, ctx)
        return _act(ActionKind.HOLD_QUIET, item, ctx, text, ctx.quiet_end)
    if not item.account_ready:
        text = f"waits until you reconnect {item.network.display_name}"
        return _act(ActionKind.HOLD_ACCOUNT, item, ctx, text)
    late = ctx.now - at
    if late > ctx.grace:
        if item.mode is Mode.REMIND and item.reminded_at is not None:
            # somedesk ran and asked; the person did not answer. Saying "not running or asleep"
            # here would be false.
            asked = _clock(item.reminded_at.astimezone(UTC), ctx)
            text = f"you did not answer the reminder at {asked}; the moment passed {_duration(late)} ago"
            return _act(ActionKind.MISS, item, ctx, text, cause="unanswered")
        cause, why = _miss_cause(at, ctx)
        return _act(ActionKind.MISS, item, ctx, f"the moment passed {_duration(late)} ago {why}", cause=cause)
    if item.mode is Mode.REMIND:
        return _act(ActionKind.REMIND, item, ctx, "time to post" + _late_text(late))
    return _act(ActionKind.PUBLISH, item, ctx, "publishing now" + _late_text(late))


def _pause(now: datetime, paused_until: datetime | None) -> tuple[bool, datetime | None]:
    """(paused now?, the pause's end in UTC); a pause until resumed has no end."""
    if paused_until is None:
        return False, None
    require_aware(paused_until, "paused_until")
    if paused_until.year == MAXYEAR:
        return True, None
    end = paused_until.astimezone(UTC)
    return end > now, end


def quiet_end(now: datetime, routine: Routine) -> datetime | None:
    """The end (UTC) of the quiet stretch containing `now`, or None if `now` is not in quiet hours.

    Back-to-back or overlapping quiet intervals (a 24-hour window, or one made 25 hours long by the
    autumn DST switch) are merged, so the runtime is not woken at an end that is still quiet.
    """
    day = now.astimezone(routine.zone).date()
    end: datetime | None = None
    for quiet in routine.quiet_intervals(day, day + timedelta(days=_QUIET_LOOKAHEAD_DAYS)):
        start, stop = quiet.start.astimezone(UTC), quiet.end.astimezone(UTC)
        if end is None:
            if start <= now < stop:
                end = stop
        elif start <= end:
            end = max(end, stop)
        else:
            break
    return end


# --- Messages: one line each, local times in the routine's zone -----------------------------------------


def _act(
    kind: ActionKind, item: DueItem, ctx: _Now, text: str, again: datetime | None = None, cause: str = ""
) -> Action:
    return Action(kind, item.publication_id, f"{_subject(item, ctx)}: {text}", again, cause)


def _subject(item: DueItem, ctx: _Now) -> str:
    when = _clock(item.at, ctx)
    moment = f" for {item.label}" if item.label else ""
    return f"{item.network.display_name} post{moment} ({when})"


def _quiet_hold_text(item: DueItem, at: datetime, quiet_end: datetime, ctx: _Now) -> str:
    held = f"held for quiet hours until {_clock(quiet_end, ctx)}"
    if quiet_end - at > ctx.grace:
        return f"{held}; its moment will have passed by then, and you will choose what to do with it"
    if item.mode is Mode.REMIND:
        return f"{held}; you can still be reminded then"
    return f"{held}; it can still go out then"


def _miss_cause(at: datetime, ctx: _Now) -> tuple[str, str]:
    """Why the grace window [at, at + grace] went by, as best the table and the routine can tell:
    the cause in a word (for a translated message) and in English words."""
    deadline = at + ctx.grace
    if ctx.pause_end is not None and at < ctx.pause_end and deadline < ctx.pause_end <= ctx.now:
        return "paused", f"while somedesk was paused until {_clock(ctx.pause_end, ctx)}"
    window = ctx.routine.quiet_hours
    day = at.astimezone(ctx.routine.zone).date()
    for quiet in (q.utc() for q in ctx.routine.quiet_intervals(day, day + timedelta(days=1))):
        if quiet.start <= at < quiet.end and quiet.end > deadline:
            return "quiet", f"during quiet hours ({window})"
        if at < quiet.start <= deadline:
            return (
                "asleep-then-quiet",
                f"while somedesk was not running or the computer slept, then quiet hours ({window}) began",
            )
    return "asleep", "while somedesk was not running or the computer slept"


def _late_text(late: timedelta) -> str:
    return f", {_duration(late)} late" if late >= timedelta(minutes=1) else ""


def _clock(instant: datetime, ctx: _Now) -> str:
    """`11:30` today, `tomorrow 07:00`, `yesterday 18:55`, else `Sat 24 Oct 11:30` (English, any locale)."""
    zone = ctx.routine.zone
    local = instant.astimezone(zone)
    days = (local.date() - ctx.now.astimezone(zone).date()).days
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if days == 0:
        return clock
    if days == 1:
        return f"tomorrow {clock}"
    if days == -1:
        return f"yesterday {clock}"
    return f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {clock}"


def _duration(span: timedelta) -> str:
    """`3 h`, `3 h 10 min`, `25 min`, `2 days 1 h`; whole minutes, rounded down."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} day{'s' if days > 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{minutes} min"


# --- Reminders to answer comments after a LinkedIn post goes out -----------------------------------------


def reply_reminders(
    now: datetime,
    published: Sequence[tuple[int, Network, datetime]],
    routine: Routine,
    *,
    offsets: Sequence[timedelta],
    already_sent: AbstractSet[tuple[int, int]],
    stale_after: timedelta = REPLY_STALE_AFTER,
) -> list[tuple[int, int]]:
    """(publication_id, offset_index) reminders to show now, in the order of `published`.

    `published` holds (publication_id, network, published_at); a reminder is due at
    published_at + offsets[i]. It is shown only if it is not yet sent, at most `stale_after` late,
    neither its time nor `now` is in quiet hours (skipped, never postponed into the night or the
    morning), and no later reminder of the same post is due too: after a long sleep the person gets
    one reminder per post, the freshest, and the earlier ones are never shown.
    """
    require_aware(now, "now")
    _check_offsets(offsets)
    now_utc = now.astimezone(UTC)
    if not offsets or routine.in_quiet_hours(now_utc):
        return []
    result: list[tuple[int, int]] = []
    for publication_id, index, due in _latest_due_replies(now_utc, published, offsets):
        fresh = now_utc - due <= stale_after
        if fresh and (publication_id, index) not in already_sent and not routine.in_quiet_hours(due):
            result.append((publication_id, index))
    return result


def next_reminder_time(
    now: datetime,
    published: Sequence[tuple[int, Network, datetime]],
    routine: Routine,
    *,
    offsets: Sequence[timedelta],
    already_sent: AbstractSet[tuple[int, int]],
) -> datetime | None:
    """The earliest time after `now` (UTC) at which `reply_reminders` has something to show, or None."""
    require_aware(now, "now")
    _check_offsets(offsets)
    now_utc = now.astimezone(UTC)
    times = [
        due
        for publication_id, index, due in _reply_times(published, offsets)
        if due > now_utc and (publication_id, index) not in already_sent and not routine.in_quiet_hours(due)
    ]
    return min(times, default=None)


def _check_offsets(offsets: Sequence[timedelta]) -> None:
    if any(offset < timedelta(0) for offset in offsets):
        raise ValueError(f"reply reminder offsets must not be negative, got {list(offsets)}")


def _reply_times(
    published: Sequence[tuple[int, Network, datetime]], offsets: Sequence[timedelta]
) -> Iterator[tuple[int, int, datetime]]:
    """(publication_id, offset_index, due in UTC) for every reply reminder of every LinkedIn post."""
    for publication_id, network, published_at in published:
        require_aware(published_at, "published_at")
        if network in _REPLY_NETWORKS:
            base = published_at.astimezone(UTC)
            for index, offset in enumerate(offsets):
                yield publication_id, index, base + offset


def _latest_due_replies(
    now: datetime, published: Sequence[tuple[int, Network, datetime]], offsets: Sequence[timedelta]
) -> Iterator[tuple[int, int, datetime]]:
    """Per post, the reply reminder whose time came last (not after `now`); it supersedes earlier ones."""
    latest: dict[int, tuple[int, int, datetime]] = {}
    for publication_id, index, due in _reply_times(published, offsets):
        kept = latest.get(publication_id)
        if due <= now and (kept is None or due >= kept[2]):
            latest[publication_id] = (publication_id, index, due)
    yield from latest.values()


# --- Reminders ahead of a sign-in running out ------------------------------------------------------------


def token_expiry_reminders(
    now: datetime,
    expiries: Sequence[tuple[Network, datetime]],
    *,
    already_sent: AbstractSet[tuple[Network, int]],
    days: Sequence[int] = TOKEN_REMINDER_DAYS,
    routine: Routine | None = None,
) -> list[tuple[Network, int]]:
    """(network, days) reminders to show now: the one closest to expiry whose time has come, if unsent.

    First run 3 days before expiry: the 7-day reminder is due at once, the 1-day one later. First
    run 12 hours before: only the 1-day one (the 7-day one would say less, later than it should).
    Nothing once the token has expired: the account then shows "reconnect" and waiting posts say so
    (HOLD_ACCOUNT), which is more useful than a reminder about the past. Given the `routine`, nothing
    in quiet hours: unlike a reply reminder, a sign-in warning is still true in the morning, so it
    is postponed, not skipped.
    """
    require_aware(now, "now")
    now_utc = now.astimezone(UTC)
    if routine is not None and routine.in_quiet_hours(now_utc):
        return []
    result: list[tuple[Network, int]] = []
    for network, expires_at in expiries:
        threshold = _token_threshold(now_utc, network, expires_at, days)
        reminder = (network, threshold) if threshold is not None else None
        if reminder is not None and reminder not in already_sent and reminder not in result:
            result.append(reminder)
    return result


def next_token_reminder_time(
    now: datetime,
    expiries: Sequence[tuple[Network, datetime]],
    *,
    already_sent: AbstractSet[tuple[Network, int]],
    days: Sequence[int] = TOKEN_REMINDER_DAYS,
    routine: Routine | None = None,
) -> datetime | None:
    """The earliest time after `now` (UTC) at which `token_expiry_reminders` has something new, or None."""
    require_aware(now, "now")
    now_utc = now.astimezone(UTC)
    times: list[datetime] = []
    for network, expires_at in expiries:
        require_aware(expires_at, "expires_at")
        if network in _EXPIRING_NETWORKS:
            expires = expires_at.astimezone(UTC)
            reminders = (expires - timedelta(days=d) for d in days if (network, d) not in already_sent)
            times.extend(t for t in reminders if t > now_utc)
    if routine is None:
        return min(times, default=None)
    quiet_until = quiet_end(now_utc, routine)
    if quiet_until is not None and token_expiry_reminders(
        now_utc, expiries, already_sent=already_sent, days=days
    ):
        times.append(quiet_until)  # due now, held by quiet hours
    # A reminder whose time falls in quiet hours comes when they end.
    return min((quiet_end(t, routine) or t for t in times), default=None)


def _token_threshold(
    now: datetime, network: Network, expires_at: datetime, days: Sequence[int]
) -> int | None:
    """The passed reminder (days before expiry) closest to expiry; None if none has passed or it expired."""
    require_aware(expires_at, "expires_at")
    expires = expires_at.astimezone(UTC)
    if network not in _EXPIRING_NETWORKS or now >= expires:
        return None
    return min((d for d in days if expires - timedelta(days=d) <= now), default=None)
