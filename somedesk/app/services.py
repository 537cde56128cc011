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

from somedesk.app import planning, scheduling
from somedesk.app.scheduling import ScheduledItem
from somedesk.core.changes import Change
from somedesk.core.config import Config
from somedesk.core.drafts import Draft, Publication, PublicationState
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
    from somedesk.core.planning import Scheduled
    from somedesk.core.planning_why import Why
    from somedesk.core.policy import Policy
    from somedesk.core.week_plan import Proposal
    from somedesk.networks.slack import Runner, ShareResult, TeamShare
    from somedesk.sources.policyfile import PolicyChecker

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
PAUSED_KEY = "paused_until"
PAUSED_FOREVER = "until-resumed"
MODES = ("auto", "remind")


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class MomentsResult:
    """Moments for a range, with what went wrong loading calendars (one line each)."""

    moments: list[Moment]
    problems: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    busy: list[BusyBlock] = field(default_factory=list)  # the calendars' busy time (the planner shows it)


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
        from somedesk.core.errors import UserError

        try:
            verdicts = self.gate.verdicts(drafts)
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

    # The schedule (app/scheduling.py) ----------------------------------------------------

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
        gate; see `scheduling.schedule_at`."""
        return scheduling.schedule_at(
            self, draft_id, at, network, mode, despite_warnings=despite_warnings, by_hand=by_hand
        )

    def schedule_next(
        self,
        draft_id: int,
        network: Network | None = None,
        mode: str | None = None,
        *,
        despite_warnings: bool = False,
    ) -> list[ScheduledItem]:
        """Schedule each of the draft's networks at the planning engine's choice for it, through the
        policy gate; see `scheduling.schedule_next`."""
        return scheduling.schedule_next(self, draft_id, network, mode, despite_warnings=despite_warnings)

    def unschedule(self, draft_id: int, network: Network | None = None) -> list[Publication]:
        """Take the draft (or one network of it) off the schedule; see `scheduling.unschedule`."""
        return scheduling.unschedule(self, draft_id, network)

    def stays_out(self, draft_id: int, network: Network | None = None) -> list[str]:
        """What is out on a network whatever the schedule says, one line each."""
        return scheduling.stays_out(self, draft_id, network)

    # The planning engine (app/planning.py) ------------------------------------------------

    def posts_counted(self, exclude: set[int] | None = None) -> list[Scheduled]:
        """The posts the engine's rules count; `exclude` leaves out publications about to move."""
        return planning.posts_counted(self, exclude)

    def ranked_moments(self, networks: Sequence[Network], moments: Sequence[Moment]) -> list[Moment]:
        """Quick post's offer for a new draft on `networks`: moments best first."""
        return planning.ranked_moments(self, networks, moments)

    def explain_moment(
        self, networks: Sequence[Network], moments: Sequence[Moment], moment: Moment
    ) -> list[tuple[Network, Why]]:
        """Why the engine offers `moment` for a new draft on each of `networks` (Quick post's tooltip)."""
        return planning.explain_moment(self, networks, moments, moment)

    def plan_proposals(
        self,
        drafts: Sequence[Draft],
        moments: Sequence[Moment],
        counted: Sequence[Scheduled],
        start: datetime,
        end: datetime,
        marks: Mapping[int, Mark],
    ) -> list[Proposal]:
        """Plan my week's proposals for the waiting `drafts` in [start, end), never a blocked one."""
        return planning.plan_proposals(self, drafts, moments, counted, start, end, marks)

    def plan_week_proposals(self, monday: date) -> tuple[list[Proposal], dict[int, Mark]]:
        """Plan my week for the ISO week of `monday`, as the planner shows it (`somedesk plan`)."""
        return planning.plan_week_proposals(self, monday)
