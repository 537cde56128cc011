"""Putting a draft on the schedule and taking it off: at a time the person chose or at the planning
engine's choice, through the policy gate, and what stays out on a network whatever the schedule says.
`Somedesk` calls these with itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from somedesk.app.planning import PLANNING_HORIZON_DAYS, next_choices, posts_counted
from somedesk.core.drafts import Publication, PublicationState
from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Moment, Network

if TYPE_CHECKING:
    from somedesk.app.services import Somedesk
    from somedesk.core.planning import Overrun
    from somedesk.core.planning_why import Why

# A time a few seconds in the past is "now" (the person typed it a moment ago), not a mistake.
PAST_TOLERANCE = timedelta(minutes=1)
CUSTOM_LABEL = "Chosen time"

# What unscheduling leaves alone: a published post is out, and one going out now finishes first.
_STAYS = (PublicationState.PUBLISHED, PublicationState.PUBLISHING)


@dataclass(frozen=True, slots=True)
class ScheduledItem:
    publication: Publication
    moment: Moment | None
    why: Why | None = None  # the engine's reasons (schedule --next); None for a time the person chose
    notes: tuple[Overrun, ...] = ()  # a time the person chose beyond a target or a gap says so


def schedule_at(
    app: Somedesk,
    draft_id: int,
    at: datetime,
    network: Network | None = None,
    mode: str | None = None,
    *,
    despite_warnings: bool = False,
    by_hand: bool = True,
) -> list[ScheduledItem]:
    """Schedule the draft (or one of its networks) at a time the person chose, through the policy
    gate (PolicyRefusal on a finding; `despite_warnings` accepts the warnings). Beyond a weekly
    target or a gap it is still scheduled, and its `notes` say so ("LinkedIn: 4 of 3 this week").
    `by_hand=False`: the time is one the planning engine proposed (Quick post, Plan my week)."""
    from somedesk.core.planning import overruns

    now = app.clock()
    if at < now - PAST_TOLERANCE:
        local = at.astimezone(app.config.routine.zone)
        raise InvalidInputError(
            f"{local:%a %d %b %H:%M} has already passed; pick a later time", code="past-time", when=local
        )
    _refuse_quiet_hours(app, at)
    publications = _publications_to_schedule(app, draft_id, network)
    app.gate.require(draft_id, despite_warnings=despite_warnings)
    moment = _moment_at(app, at)
    kind = moment.kind if moment else None
    label = moment.label if moment else CUSTOM_LABEL
    notes: dict[int, tuple[Overrun, ...]] = {}
    for publication in publications:
        others = posts_counted(app, exclude={publication.id})
        target = app.config.target_for(publication.network)
        zone = app.config.routine.zone
        notes[publication.id] = tuple(overruns(publication.network, at, others, target, zone))
        app.store.schedule(publication.id, at, kind, label, now, mode, by_hand=by_hand)
    return [ScheduledItem(p, moment, None, notes[p.id]) for p in _refreshed(app, draft_id, publications)]


def schedule_next(
    app: Somedesk,
    draft_id: int,
    network: Network | None = None,
    mode: str | None = None,
    *,
    despite_warnings: bool = False,
) -> list[ScheduledItem]:
    """Schedule each of the draft's networks at the planning engine's choice for it, through the
    policy gate (as `schedule_at`)."""
    now = app.clock()
    publications = _publications_to_schedule(app, draft_id, network)
    app.gate.require(draft_id, despite_warnings=despite_warnings)
    choices = next_choices(app, draft_id, [p.network for p in publications])
    for publication in publications:
        if publication.network not in choices:
            raise InvalidInputError(
                f"no free moment for {publication.network.display_name} in the next "
                f"{PLANNING_HORIZON_DAYS} days within your targets; use --at to pick a time",
                code="no-free-moment",
                network=publication.network,
                days=PLANNING_HORIZON_DAYS,
            )
    for publication in publications:
        moment = choices[publication.network].moment
        at = max(moment.start, now)
        app.store.schedule(publication.id, at, moment.kind, moment.label, now, mode)
    fresh = {p.id: p for p in _refreshed(app, draft_id, publications)}
    return [
        ScheduledItem(fresh[p.id], choices[p.network].moment, choices[p.network].why) for p in publications
    ]


def unschedule(app: Somedesk, draft_id: int, network: Network | None = None) -> list[Publication]:
    """Take the draft (or one network of it) off the schedule: what is not published goes back to
    the drafts; what is published stays so (see `published`), and so does a post going out now."""
    draft = app.store.draft(draft_id)
    left = [p for p in draft.publications if network is None or p.network is network]
    targets = [p for p in left if p.state not in (*_STAYS, PublicationState.DRAFT)]
    if not targets:
        why = "; ".join(stays_out(app, draft_id, network))
        if not why:
            raise InvalidInputError(f"draft {draft_id} is not scheduled", code="not-scheduled")
        raise InvalidInputError(f"draft {draft_id} is not scheduled; {why}")  # said as it is
    from somedesk.core.posts import part_numbers
    from somedesk.store.publishing import PublishingRecords

    records = PublishingRecords(app.store)
    for publication in targets:
        parts = records.parts(publication.id)
        if parts:
            # Part of the thread is out: taken off the schedule, it is no plain draft (that would hide
            # the post on the network) but waits for the person, saying what is out and how to finish.
            name = publication.network.display_name
            reason = (
                f"{part_numbers(sorted(parts))} already on {name} ({parts[min(parts)].url}); the rest is "
                f"off the schedule: publish it to post the rest as written"
            )
            app.store.hold_partly_posted(publication.id, reason, app.clock())
        else:
            app.store.unschedule(publication.id, app.clock())
    return _refreshed(app, draft_id, targets)


def stays_out(app: Somedesk, draft_id: int, network: Network | None = None) -> list[str]:
    """What is out on a network whatever the schedule says, one line each: a published post (with
    where), one going out right now, and the parts of a thread already posted."""
    from somedesk.core.posts import part_numbers
    from somedesk.store.publishing import PublishingRecords

    records = PublishingRecords(app.store)
    lines = []
    for publication in app.store.draft(draft_id).publications:
        if network not in (None, publication.network):
            continue
        name = publication.network.display_name
        if publication.state is PublicationState.PUBLISHED:
            url = f": {publication.url}" if publication.url else ""
            lines.append(f"it stays published on {name}{url}")
        elif publication.state is PublicationState.PUBLISHING:
            lines.append(f"it is being published on {name} right now")
        elif parts := records.parts(publication.id):
            lines.append(f"{part_numbers(sorted(parts))} stays on {name}: {parts[min(parts)].url}")
    return lines


def _publications_to_schedule(app: Somedesk, draft_id: int, network: Network | None) -> list[Publication]:
    from somedesk.core.posts import refuse_too_long  # text rules load on first use, not at start

    publications = app.store.publications_for(draft_id, network, app.clock())
    draft = app.store.draft(draft_id)
    for publication in publications:
        refuse_too_long(draft.id, draft.text, publication.network)
    return publications


def _refuse_quiet_hours(app: Somedesk, at: datetime) -> None:
    routine = app.config.routine
    if routine.quiet_hours is not None and routine.in_quiet_hours(at):
        local = at.astimezone(routine.zone)
        raise InvalidInputError(
            f"{local:%a %d %b %H:%M} is inside your quiet hours ({routine.quiet_hours}); "
            "pick a time outside them",
            code="quiet-hours",
            when=local,
            quiet=routine.quiet_hours,
        )


def _moment_at(app: Somedesk, at: datetime) -> Moment | None:
    found = app.moments(at - timedelta(hours=2), at + timedelta(hours=2)).moments
    return next((m for m in found if m.interval.contains(at)), None)


def _refreshed(app: Somedesk, draft_id: int, publications: Sequence[Publication]) -> list[Publication]:
    draft = app.store.draft(draft_id)
    wanted = {p.id for p in publications}
    return [p for p in draft.publications if p.id in wanted]
