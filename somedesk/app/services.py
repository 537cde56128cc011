"""Use cases shared by the command line and (later) the GUI: drafts, moments and the schedule.

One `Somedesk` object is built per process by the composition root (`app.build`) and handed to
whichever face is running; nothing here knows about argparse or Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from somedesk.core.changes import Change
from somedesk.core.config import Config
from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.errors import InvalidInputError
from somedesk.core.model import BusyBlock, Moment, Network
from somedesk.core.routine import local_instant
from somedesk.sources.paths import Paths
from somedesk.store import Store

if TYPE_CHECKING:
    from somedesk.app.accounts import Accounts
    from somedesk.app.gate import Gate, Mark
    from somedesk.app.ideas import Ideas
    from somedesk.app.phone import Phone
    from somedesk.app.publishing import Publisher
    from somedesk.app.team import Team
    from somedesk.core.planning import Choice, Overrun, Scheduled, Why
    from somedesk.core.policy import Policy
    from somedesk.core.week_plan import Proposal
    from somedesk.networks.slack import Runner, ShareResult, TeamShare
    from somedesk.sources.policyfile import PolicyChecker

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
PLANNING_HORIZON_DAYS = 14
# A time a few seconds in the past is "now" (the person typed it a moment ago), not a mistake.
PAST_TOLERANCE = timedelta(minutes=1)
CUSTOM_LABEL = "Chosen time"
PAUSED_KEY = "paused_until"
PAUSED_FOREVER = "until-resumed"
MODES = ("auto", "remind")


# What unscheduling leaves alone: a published post is out, and one going out now finishes first.
_STAYS = (PublicationState.PUBLISHED, PublicationState.PUBLISHING)


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class MomentsResult:
    """Moments for a range, with what went wrong loading calendars (one line each)."""

    moments: list[Moment]
    problems: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    busy: list[BusyBlock] = field(default_factory=list)  # the calendars' busy time (the planner shows it)


@dataclass(frozen=True, slots=True)
class ScheduledItem:
    publication: Publication
    moment: Moment | None
    why: Why | None = None  # the engine's reasons (schedule --next); None for a time the person chose
    notes: tuple[Overrun, ...] = ()  # a time the person chose beyond a target or a gap says so


class Somedesk:
    """The application's use cases over one store, one config and one clock."""

    def __init__(self, paths: Paths, config: Config, store: Store, clock: Clock = system_clock) -> None:
        self.paths = paths
        self.config = config
        self.store = store
        self.clock = clock
        self._config_changed = False

    def today(self) -> date:
        return self.clock().astimezone(self.config.routine.zone).date()

    # Settings -----------------------------------------------------------------------------

    def change_config(self, changes: Mapping[str, object]) -> Config:
        """Write `changes` ({"routine.lunch": ["11:45", "12:15"]}) into config.toml, keeping the person's
        comments and layout, and use the new config from now on.

        Raises ConfigError with the CLI's one-line message when the result would not be a valid config;
        the file is then left as it was.
        """
        from somedesk.sources.configwriter import edit_config
        from somedesk.sources.systemzone import system_zone

        config = edit_config(self.paths.config_file, changes, fallback_zone=system_zone())
        self.use_config(config)
        return config

    def reload_config(self) -> None:
        """Read config.toml again (another process changed it). Raises ConfigError, keeping the
        config in use, when the file is not valid."""
        from somedesk.sources.configfile import load_config
        from somedesk.sources.systemzone import system_zone

        self.use_config(load_config(self.paths.config_file, system_zone()))

    def use_config(self, config: Config) -> None:
        self.config = config
        self._config_changed = True
        if "accounts" in self.__dict__:  # already built: it reads the networks' settings from its config
            self.accounts.config = config

    def take_changes(self) -> Change:
        """What changed since the last call, in this process: the store's writes and a new config.
        The GUI's bridge and the command line's message to a running somedesk carry it."""
        changes = self.store.take_changes()
        if self._config_changed:
            self._config_changed = False
            changes |= Change.CONFIG
        return changes

    # Moments ------------------------------------------------------------------------------

    def moments(self, start: datetime, end: datetime, extra_calendars: Sequence[str] = ()) -> MomentsResult:
        # Imported here: calendars bring icalendar and requests, which drafts and the queue never need.
        from somedesk.sources.calendars import load_busy_time

        routine = self.config.routine
        load = load_busy_time(
            [*self.config.calendars.sources, *extra_calendars],
            base_dir=self.config.base_dir,
            cache_dir=self.paths.cache / "calendars",
            zone=routine.zone,
            me=self.config.calendars.me,
            start=start,
            end=end,
        )
        from somedesk.core.moments import find_moments  # the engine loads when first asked

        found = find_moments(routine, load.busy, start, end)
        return MomentsResult(found, list(load.problems), list(load.stale), list(load.busy))

    def moments_for_days(self, first: date, days: int, extra_calendars: Sequence[str] = ()) -> MomentsResult:
        zone = self.config.routine.zone
        start = local_instant(first, datetime.min.time(), zone)
        end = local_instant(first + timedelta(days=days), datetime.min.time(), zone)
        return self.moments(start, end, extra_calendars)

    # Drafts -------------------------------------------------------------------------------

    def add_draft(self, text: str, networks: Sequence[Network], images: Sequence[Path] = ()) -> Draft:
        from somedesk.core.text import validate_text  # text rules load on first use, not at start

        validate_text(text)
        return self.store.add_draft(text, networks, self.clock(), self.keep_images(images, networks))

    @cached_property
    def accounts(self) -> Accounts:
        from somedesk.app.accounts import Accounts
        from somedesk.networks.base import Endpoints
        from somedesk.networks.credentials import Secrets
        from somedesk.store.publishing import PublishingRecords

        return Accounts(
            self.config,
            PublishingRecords(self.store),
            Secrets(),
            Endpoints.from_env(),
            self.paths.data_dir,
            self.clock,
        )

    @cached_property
    def policy_checker(self) -> PolicyChecker:
        """The policy as publishing sees it. A policy file is read for each post; a policy address is
        never waited on (issue 13): the copy at hand, refreshed in the background."""
        from somedesk.sources.policyfile import PolicyChecker

        return PolicyChecker(lambda: self.config, self.paths.cache)

    @cached_property
    def gate(self) -> Gate:
        """The policy gate every way of sending a draft goes through (app/gate.py)."""
        from somedesk.app.gate import Gate

        return Gate(self.store, self._load_policy)

    def _load_policy(self) -> Policy:
        """The policy the gate and the views' marks use: the publisher's own (policy_checker), so a
        policy file is read afresh (an edit applies at once) and a policy address is never waited on:
        the copy at hand, refreshed in the background (issue 13)."""
        load = self.policy_checker.policy()
        if load.warning:
            log.warning("policy: %s", load.warning)
        return load.policy

    def accept_warnings(self, draft_id: int) -> None:
        """The person chose to go past the policy's warnings on the draft's current text."""
        self.gate.accept(draft_id)

    def policy_marks(self, drafts: Sequence[Draft]) -> dict[int, Mark]:
        """How each draft's text stands with the policy (only drafts with a finding are listed); {} when
        the policy cannot be read (the gate still refuses them when they are sent)."""
        from somedesk.app.gate import Gate
        from somedesk.core.errors import UserError

        try:
            verdicts = Gate(self.store, self._load_policy).verdicts(drafts)
        except UserError as error:
            log.warning("policy marks: %s", error)
            return {}
        return {i: mark for i, v in verdicts.items() if (mark := v.mark) is not None}

    @cached_property
    def publisher(self) -> Publisher:
        from somedesk.app.publishing import Publisher
        from somedesk.core.due import quiet_end

        # The policy check (issue 6): a block finding stops a publish.
        check_policy = self.policy_checker
        # Sharing to the team's Slack after a publish, on a thread of its own, when [share] is on.
        share = self.team_share(on_result=lambda result: log.info("share: %s", result.line))
        return Publisher(
            self.store,
            self.accounts,
            self.clock,
            check_policy=check_policy,
            share=share,
            after_quiet=lambda at: quiet_end(at, self.config.routine) or at,
        )

    def team_share(
        self, *, on_result: Callable[[ShareResult], None], runner: Runner | None = None
    ) -> TeamShare:
        """The publisher's share hook; `[share]` and the webhook are read at each publish. The CLI passes
        its own `runner` (it shares after printing) and `on_result` (it prints the outcome)."""
        from somedesk.networks.credentials import SecretName
        from somedesk.networks.slack import TeamShare, in_background

        return TeamShare(
            lambda: self.config.share,
            lambda: self.accounts.secrets.get_app(SecretName.SLACK_WEBHOOK),
            runner=runner or in_background,
            on_result=on_result,
        )

    @cached_property
    def ideas(self) -> Ideas:
        """Content ideas from the person's feeds (issue 6); drafts are made through `add_draft`."""
        from somedesk.app.ideas import Ideas

        return Ideas(self.store, lambda text, networks: self.add_draft(text, networks), self.clock)

    @cached_property
    def phone(self) -> Phone:
        """Your phone in the loop (issue 15): the ntfy server holds reminders for the schedule."""
        from somedesk.app.phone import Phone
        from somedesk.networks.credentials import Secrets

        return Phone(self, Secrets())

    @cached_property
    def team(self) -> Team:
        """The team file (issue 16): join, update, show, leave."""
        from somedesk.app.team import Team

        return Team(self)

    def edit_draft(self, draft_id: int, text: str, *, despite_warnings: bool = False) -> Draft:
        """Replace the draft's text. A draft that is scheduled goes through the policy gate with its new
        text (its schedule stays only if the new words may go out); a waiting draft is checked when it
        is scheduled."""
        from somedesk.app.gate import check_text, refuse_blocked, warning_refusal
        from somedesk.core.text import validate_text  # text rules load on first use, not at start

        validate_text(text)
        draft = self.store.draft(draft_id)
        scheduled = any(p.state is PublicationState.SCHEDULED for p in draft.publications)
        if scheduled and text != draft.text:
            verdict = replace(check_text(text, self._load_policy()), draft_id=draft_id)
            refuse_blocked(verdict)
            if verdict.warned and not despite_warnings:
                raise warning_refusal(verdict)
            edited = self.store.edit_draft(draft_id, text, self.clock())
            if verdict.warned:
                self.store.accept_warnings(draft_id, text)
                edited = self.store.draft(draft_id)
            return edited
        return self.store.edit_draft(draft_id, text, self.clock())

    def delete_draft(self, draft_id: int) -> None:
        self.store.delete_draft(draft_id)

    def add_networks(self, draft_id: int, networks: Sequence[Network]) -> Draft:
        """Send the draft to each of `networks` too; the publications it already has stay as they are."""
        for network in networks:
            self.store.add_network(draft_id, network, self.clock())
        return self.store.draft(draft_id)

    def keep_images(self, images: Sequence[Path], networks: Sequence[Network]) -> list[Path]:
        """Check images for `networks` and copy them into the data folder, as `add_draft` does: the GUI
        calls it when an image is attached, so a bad one is refused at once; returns the copies."""
        from somedesk.sources.images import keep_images

        return keep_images(images, networks, self.paths.data_dir / "images")

    def draft(self, draft_id: int) -> Draft:
        return self.store.draft(draft_id)

    def drafts(self) -> list[Draft]:
        return self.store.drafts()

    def queue(self) -> list[tuple[Publication, Draft]]:
        return self.store.queue()

    def queue_between(self, start: datetime, end: datetime) -> list[tuple[Publication, Draft]]:
        """The queue's items whose time (when published, else when scheduled) is in [start, end)."""
        begins, ends = start.astimezone(UTC), end.astimezone(UTC)
        left_drafts = [s for s in PublicationState if s is not PublicationState.DRAFT]
        with self.store.snapshot():  # one moment: a draft deleted meanwhile is not half seen
            wanted = [
                p
                for p in self.store.publications_in(*left_drafts)
                if (when := p.when) is not None and begins <= when < ends
            ]
            drafts = {i: self.store.draft(i) for i in sorted({p.draft_id for p in wanted})}
        return [(p, drafts[p.draft_id]) for p in wanted]

    def effective_mode(self, publication: Publication) -> str:
        return publication.mode or self.config.publishing.mode_for(publication.network)

    # Pause -------------------------------------------------------------------------------

    def pause(self, until: datetime | None) -> None:
        """Pause publishing until `until` (None: until resumed). Nothing scheduled is lost."""
        self.store.set_setting(PAUSED_KEY, until.astimezone(UTC).isoformat() if until else PAUSED_FOREVER)

    def tomorrow_morning(self) -> datetime:
        """Where "until tomorrow" ends: when tomorrow's quiet hours end (midnight without them)."""
        routine = self.config.routine
        morning = routine.quiet_hours.end if routine.quiet_hours is not None else datetime.min.time()
        return local_instant(self.today() + timedelta(days=1), morning, routine.zone)

    def resume(self) -> None:
        self.store.set_setting(PAUSED_KEY, None)

    def paused_until(self) -> datetime | None:
        """When the pause ends (datetime.max for "until resumed"); None when not paused."""
        value = self.store.setting(PAUSED_KEY)
        if value is None:
            return None
        until = datetime.max.replace(tzinfo=UTC) if value == PAUSED_FOREVER else datetime.fromisoformat(value)
        return until if until > self.clock() else None

    # The schedule -------------------------------------------------------------------------

    def schedule_at(
        self,
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

        now = self.clock()
        if at < now - PAST_TOLERANCE:
            local = at.astimezone(self.config.routine.zone)
            raise InvalidInputError(
                f"{local:%a %d %b %H:%M} has already passed; pick a later time", code="past-time", when=local
            )
        self._refuse_quiet_hours(at)
        publications = self._publications_to_schedule(draft_id, network)
        self.gate.require(draft_id, despite_warnings=despite_warnings)
        moment = self._moment_at(at)
        kind = moment.kind if moment else None
        label = moment.label if moment else CUSTOM_LABEL
        notes: dict[int, tuple[Overrun, ...]] = {}
        for publication in publications:
            others = self.posts_counted(exclude={publication.id})
            target = self.config.target_for(publication.network)
            zone = self.config.routine.zone
            notes[publication.id] = tuple(overruns(publication.network, at, others, target, zone))
            self.store.schedule(publication.id, at, kind, label, now, mode, by_hand=by_hand)
        return [ScheduledItem(p, moment, None, notes[p.id]) for p in self._refreshed(draft_id, publications)]

    def schedule_next(
        self,
        draft_id: int,
        network: Network | None = None,
        mode: str | None = None,
        *,
        despite_warnings: bool = False,
    ) -> list[ScheduledItem]:
        """Schedule each of the draft's networks at the planning engine's choice for it, through the
        policy gate (as `schedule_at`)."""
        now = self.clock()
        publications = self._publications_to_schedule(draft_id, network)
        self.gate.require(draft_id, despite_warnings=despite_warnings)
        choices = self.next_choices(draft_id, [p.network for p in publications])
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
            self.store.schedule(publication.id, at, moment.kind, moment.label, now, mode)
        fresh = {p.id: p for p in self._refreshed(draft_id, publications)}
        return [
            ScheduledItem(fresh[p.id], choices[p.network].moment, choices[p.network].why)
            for p in publications
        ]

    # The planning engine ------------------------------------------------------------------

    def posts_counted(self, exclude: set[int] | None = None) -> list[Scheduled]:
        """The posts the engine's rules count (scheduled, under way or out), for targets, gaps, spread
        and queue order; `exclude` leaves out publications about to move."""
        from somedesk.core.planning import Scheduled

        counted = (PublicationState.SCHEDULED, PublicationState.PUBLISHING, PublicationState.PUBLISHED)
        return [
            Scheduled(p.network, when, p.draft_id, p.moment_kind, p.by_hand)
            for p in self.store.publications_in(*counted)
            if (when := p.when) is not None and p.id not in (exclude or set())
        ]

    def next_choices(
        self, draft_id: int | None, networks: Sequence[Network], moments: Sequence[Moment] | None = None
    ) -> dict[Network, Choice]:
        """The engine's next moment for each of the draft's `networks` (draft_id None: a new draft, as
        in Quick post), each choice counting for the next. Moments: the next PLANNING_HORIZON_DAYS'."""
        from somedesk.core.planning import Wanted, plan

        now = self.clock()
        found = (
            moments
            if moments is not None
            else self.moments(now, now + timedelta(days=PLANNING_HORIZON_DAYS)).moments
        )
        moving = set()
        if draft_id is not None:
            moving = {p.id for p in self.store.draft(draft_id).publications if p.network in networks}
        others = self.posts_counted(exclude=moving)
        newest = draft_id if draft_id is not None else self.store.next_draft_id()
        wanted = [Wanted(newest, n) for n in dict.fromkeys(networks)]
        return {c.network: c for c in plan(found, wanted, others, self.config.targets, now)}

    def ranked_moments(self, networks: Sequence[Network], moments: Sequence[Moment]) -> list[Moment]:
        """Quick post's offer for a new draft on `networks`: moments best first, by the engine's rules
        (the first is what `next_choices` picks). Several networks: the moments good for all of them."""
        from somedesk.core.planning import Wanted, rank

        now = self.clock()
        others = self.posts_counted()
        newest = self.store.next_draft_id()
        totals: dict[datetime, tuple[int, float, Moment]] = {}
        counts: dict[datetime, int] = {}
        chosen = list(dict.fromkeys(networks))
        for network in chosen:
            for choice in rank(moments, Wanted(newest, network), others, self.config.targets, now):
                start = choice.moment.start
                tier, cost, _ = totals.get(start, (0, 0.0, choice.moment))
                totals[start] = (tier + int(choice.same_day), cost + choice.cost, choice.moment)
                counts[start] = counts.get(start, 0) + 1
        fit = [v for start, v in totals.items() if counts[start] == len(chosen)]
        fit.sort(key=lambda v: (v[0], round(v[1] * 100), v[2].start))
        return [m for _, _, m in fit]

    def explain_moment(
        self, networks: Sequence[Network], moments: Sequence[Moment], moment: Moment
    ) -> list[str]:
        """Why the engine offers `moment` for a new draft on `networks` (Quick post's tooltip)."""
        from somedesk.core.planning import Wanted, rank

        now, others, newest = self.clock(), self.posts_counted(), self.store.next_draft_id()
        lines: list[str] = []
        for network in dict.fromkeys(networks):
            ranked = rank(moments, Wanted(newest, network), others, self.config.targets, now)
            chosen = next((c for c in ranked if c.moment.start == moment.start), None)
            if chosen is not None:
                lines += [f"{network.display_name}: {line}" for line in chosen.why.lines()]
        return lines

    def plan_proposals(
        self,
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
        return plan_week(moments, by_network, counted, self.config.targets, start, end, after=self.clock())

    def plan_week_proposals(self, monday: date) -> tuple[list[Proposal], dict[int, Mark]]:
        """Plan my week for the ISO week of `monday`, as the planner shows it (`somedesk plan`)."""
        from somedesk.core.week_plan import week_bounds

        start, end = week_bounds(monday, self.config.routine.zone)
        drafts = self.store.drafts()
        marks = self.policy_marks(drafts)
        moments = self.moments(start, end).moments
        return self.plan_proposals(drafts, moments, self.posts_counted(), start, end, marks), marks

    def unschedule(self, draft_id: int, network: Network | None = None) -> list[Publication]:
        """Take the draft (or one network of it) off the schedule: what is not published goes back to
        the drafts; what is published stays so (see `published`), and so does a post going out now."""
        draft = self.store.draft(draft_id)
        left = [p for p in draft.publications if network is None or p.network is network]
        targets = [p for p in left if p.state not in (*_STAYS, PublicationState.DRAFT)]
        if not targets:
            why = "; ".join(self.stays_out(draft_id, network))
            if not why:
                raise InvalidInputError(f"draft {draft_id} is not scheduled", code="not-scheduled")
            raise InvalidInputError(f"draft {draft_id} is not scheduled; {why}")  # said as it is
        for publication in targets:
            self.store.unschedule(publication.id, self.clock())
        return self._refreshed(draft_id, targets)

    def stays_out(self, draft_id: int, network: Network | None = None) -> list[str]:
        """What is out on a network whatever the schedule says, one line each: a published post (with
        where), one going out right now, and the parts of a thread already posted."""
        from somedesk.core.posts import part_numbers
        from somedesk.store.publishing import PublishingRecords

        records = PublishingRecords(self.store)
        lines = []
        for publication in self.store.draft(draft_id).publications:
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

    def _publications_to_schedule(self, draft_id: int, network: Network | None) -> list[Publication]:
        from somedesk.core.posts import refuse_too_long  # text rules load on first use, not at start

        publications = self.store.publications_for(draft_id, network, self.clock())
        draft = self.store.draft(draft_id)
        for publication in publications:
            refuse_too_long(draft.id, draft.text, publication.network)
        return publications

    def _refuse_quiet_hours(self, at: datetime) -> None:
        routine = self.config.routine
        if routine.quiet_hours is not None and routine.in_quiet_hours(at):
            local = at.astimezone(routine.zone)
            raise InvalidInputError(
                f"{local:%a %d %b %H:%M} is inside your quiet hours ({routine.quiet_hours}); "
                "pick a time outside them",
                code="quiet-hours",
                when=local,
                quiet=routine.quiet_hours,
            )

    def _moment_at(self, at: datetime) -> Moment | None:
        found = self.moments(at - timedelta(hours=2), at + timedelta(hours=2)).moments
        return next((m for m in found if m.interval.contains(at)), None)

    def _refreshed(self, draft_id: int, publications: Sequence[Publication]) -> list[Publication]:
        draft = self.store.draft(draft_id)
        wanted = {p.id for p in publications}
        return [p for p in draft.publications if p.id in wanted]
