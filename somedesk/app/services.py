"""Use cases shared by the command line and (later) the GUI: drafts, moments and the schedule.

One `Somedesk` object is built per process by the composition root (`app.build`) and handed to
whichever face is running; nothing here knows about argparse or Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from somedesk.core.config import Config
from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.errors import InvalidInputError
from somedesk.core.model import BusyBlock, Moment, Network
from somedesk.core.routine import local_instant
from somedesk.sources.paths import Paths
from somedesk.store import Store

if TYPE_CHECKING:
    from somedesk.app.accounts import Accounts
    from somedesk.app.ideas import Ideas
    from somedesk.app.publishing import Publisher
    from somedesk.app.team import Team
    from somedesk.networks.slack import Runner, ShareResult, TeamShare

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
PLANNING_HORIZON_DAYS = 14
# A time a few seconds in the past is "now" (the person typed it a moment ago), not a mistake.
PAST_TOLERANCE = timedelta(minutes=1)
CUSTOM_LABEL = "Chosen time"
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


@dataclass(frozen=True, slots=True)
class ScheduledItem:
    publication: Publication
    moment: Moment | None


class Somedesk:
    """The application's use cases over one store, one config and one clock."""

    def __init__(self, paths: Paths, config: Config, store: Store, clock: Clock = system_clock) -> None:
        self.paths = paths
        self.config = config
        self.store = store
        self.clock = clock

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

    def use_config(self, config: Config) -> None:
        self.config = config
        if "accounts" in self.__dict__:  # already built: it reads the networks' settings from its config
            self.accounts.config = config

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
    def publisher(self) -> Publisher:
        from somedesk.app.publishing import Publisher
        from somedesk.core.due import quiet_end
        from somedesk.sources.policyfile import PolicyChecker

        # The policy check (issue 6): a block finding stops a publish; loaded afresh for each post.
        check_policy = PolicyChecker(lambda: self.config, self.paths.cache)
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
    def team(self) -> Team:
        """The team file (issue 16): join, update, show, leave."""
        from somedesk.app.team import Team

        return Team(self)

    def edit_draft(self, draft_id: int, text: str) -> Draft:
        from somedesk.core.text import validate_text  # text rules load on first use, not at start

        validate_text(text)
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
        self, draft_id: int, at: datetime, network: Network | None = None, mode: str | None = None
    ) -> list[ScheduledItem]:
        """Schedule the draft (or one of its networks) at a time the person chose."""
        now = self.clock()
        if at < now - PAST_TOLERANCE:
            local = at.astimezone(self.config.routine.zone)
            raise InvalidInputError(
                f"{local:%a %d %b %H:%M} has already passed; pick a later time", code="past-time", when=local
            )
        self._refuse_quiet_hours(at)
        publications = self._publications_to_schedule(draft_id, network)
        moment = self._moment_at(at)
        kind = moment.kind if moment else None
        label = moment.label if moment else CUSTOM_LABEL
        for publication in publications:
            self.store.schedule(publication.id, at, kind, label, now, mode)
        return [ScheduledItem(p, moment) for p in self._refreshed(draft_id, publications)]

    def schedule_next(
        self, draft_id: int, network: Network | None = None, mode: str | None = None
    ) -> list[ScheduledItem]:
        """Schedule each of the draft's networks at the engine's next best moment for it."""
        from somedesk.core.planning import Scheduled, next_best_moment

        now = self.clock()
        publications = self._publications_to_schedule(draft_id, network)
        found = self.moments(now, now + timedelta(days=PLANNING_HORIZON_DAYS)).moments
        chosen: list[tuple[Publication, Moment]] = []
        for publication in publications:
            others = [
                Scheduled(p.network, p.scheduled_at)
                for p, _ in self.store.scheduled()
                if p.id != publication.id and p.scheduled_at is not None
            ]
            target = self.config.target_for(publication.network)
            moment = next_best_moment(found, publication.network, now, others, target)
            if moment is None:
                raise InvalidInputError(
                    f"no free moment for {publication.network.display_name} in the next "
                    f"{PLANNING_HORIZON_DAYS} days within your targets; use --at to pick a time",
                    code="no-free-moment",
                    network=publication.network,
                    days=PLANNING_HORIZON_DAYS,
                )
            chosen.append((publication, moment))
        for publication, moment in chosen:
            at = max(moment.start, now)
            self.store.schedule(publication.id, at, moment.kind, moment.label, now, mode)
        fresh = {p.id: p for p in self._refreshed(draft_id, [p for p, _ in chosen])}
        return [ScheduledItem(fresh[p.id], m) for p, m in chosen]

    def unschedule(self, draft_id: int, network: Network | None = None) -> list[Publication]:
        draft = self.store.draft(draft_id)
        targets = [p for p in draft.publications if p.state is not PublicationState.DRAFT]
        if network is not None:
            targets = [p for p in targets if p.network is network]
        if not targets:
            raise InvalidInputError(f"draft {draft_id} is not scheduled", code="not-scheduled")
        for publication in targets:
            self.store.unschedule(publication.id, self.clock())
        return self._refreshed(draft_id, targets)

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
