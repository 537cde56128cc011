"""The team file's use cases: join (and update), show, leave.

One file from the communications team sets a person up. Joining checks the whole file first, then
checks that config.toml would still be valid and that the keyring can be used; only then does it change
anything: the secrets into the keyring, the settings into config.toml (tomlkit keeps the person's own
comments), the feeds followed. A setting the person chose themselves wins and is reported. What the
team file set is remembered (`sources/teamrecord.py`), so an update changes only that and leaving
removes only that — a value the person has since changed is theirs and stays.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.core.teamfile import LINKEDIN_CLIENT_SECRET, SLACK_WEBHOOK, TeamFile, parse_team_file
from somedesk.sources.teamfile import LoadedTeamFile, load_team_file, shown_source
from somedesk.sources.teamrecord import TeamRecord, fingerprint, forget_record, load_record, save_record

if TYPE_CHECKING:
    from somedesk.app.services import Somedesk
    from somedesk.networks.credentials import Secrets

log = logging.getLogger(__name__)
UPDATE_EVERY = timedelta(days=1)

# Where each secret is shown as being (the team file's own key).
SECRET_KEYS = {
    SLACK_WEBHOOK: "share.slack_webhook",
    LINKEDIN_CLIENT_SECRET: "networks.linkedin.client_secret",
}


class NotJoinedError(UserError):
    """`join --update`, `join --show` or `leave` without a team file joined."""


@dataclass(slots=True)
class TeamReport:
    """What one join, update or leave did, a line per setting (never a secret's value)."""

    organisation: str = ""
    source: str = ""  # as shown (an address's host only)
    unchanged: bool = False  # the server said the file has not changed (304)
    set: list[str] = field(default_factory=list)  # "policy.source", "share.slack_webhook (in your keyring)"
    kept: list[str] = field(default_factory=list)  # keys where the person's own value won
    removed: list[str] = field(default_factory=list)
    followed: list[str] = field(default_factory=list)  # feeds, as shown
    unfollowed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # feeds that could not be followed
    values: dict[str, object] = field(default_factory=dict)  # key -> value, for the settings set


class Team:
    """The team-file use cases over one Somedesk (its config file, keyring and feeds)."""

    def __init__(self, app: Somedesk, secrets: Secrets | None = None) -> None:
        self.app = app
        self._secrets = secrets

    @property
    def secrets(self) -> Secrets:
        return self._secrets if self._secrets is not None else self.app.accounts.secrets

    def record(self) -> TeamRecord | None:
        return load_record(self.app.paths.data_dir)

    def organisation(self) -> str:
        """The joined organisation's name ("" when none); never raises (Settings shows it)."""
        try:
            record = self.record()
        except UserError:
            return ""
        return record.organisation if record else ""

    # Join and update --------------------------------------------------------------------------

    def join(self, source: str) -> TeamReport:
        """Apply the team file at `source` (a path or an https address) and remember it."""
        previous = self.record()  # another team file joined before: what it set is this one's to change
        loaded = load_team_file(source)
        return self._apply(loaded, loaded.origin, previous)

    def update(self) -> TeamReport:
        """Apply the remembered team file again; a URL asks with its ETag (304: nothing to do)."""
        previous = self._joined()
        loaded = load_team_file(previous.source, etag=previous.etag)
        if loaded.text is None:
            now = self.app.clock().isoformat(timespec="seconds")
            save_record(self.app.paths.data_dir, replace(previous, etag=loaded.etag, updated_at=now))
            return TeamReport(previous.organisation, shown_source(previous.source), unchanged=True)
        return self._apply(loaded, previous.source, previous)

    def update_if_due(self) -> TeamReport | None:
        """The desktop app's daily update: a team file at an https address is read again (with its
        ETag) when the last update is a day old; None when nothing was due."""
        record = self.record()
        if record is None or "://" not in record.source:
            return None
        try:
            last = datetime.fromisoformat(record.updated_at)
        except ValueError:
            last = None
        if last is not None and self.app.clock() - last < UPDATE_EVERY:
            return None
        return self.update()

    def _joined(self) -> TeamRecord:
        record = self.record()
        if record is None:
            raise NotJoinedError("no team file joined yet: somedesk join PATH_OR_HTTPS_ADDRESS")
        return record

    def _apply(self, loaded: LoadedTeamFile, source: str, previous: TeamRecord | None) -> TeamReport:
        assert loaded.text is not None
        team = parse_team_file(loaded.text, name=loaded.name, origin=loaded.origin)
        report = TeamReport(team.organisation, shown_source(source))
        before = previous or TeamRecord(source)
        changes, settings = self._setting_changes(team, before, report)
        secret_plan = self._secret_plan(team, before, report)
        # Everything that can refuse is asked before anything changes: the config as it would become,
        # and the keyring (only when there is a secret to keep or remove).
        from somedesk.sources.configwriter import preview_config
        from somedesk.sources.systemzone import system_zone

        preview_config(self.app.paths.config_file, changes, fallback_zone=system_zone())
        for name, value in secret_plan.items():
            self._put_secret(name, value)
        if changes:
            self.app.change_config(changes)
        owned_secrets = {
            name: fingerprint(value)
            for name, value in team.secrets.items()
            if name in secret_plan or before.secrets.get(name) == fingerprint(value)
        }
        now = self.app.clock().isoformat(timespec="seconds")
        record = TeamRecord(
            source=source,
            organisation=team.organisation,
            etag=loaded.etag,
            settings=settings,
            secrets=owned_secrets,
            feeds=[f for f in before.feeds if f in team.feeds],
            phone_server=team.phone_server,
            joined_at=before.joined_at or now,
            updated_at=now,
        )
        save_record(self.app.paths.data_dir, record)
        feeds = self._follow_feeds(team, before, report)
        if feeds != record.feeds:
            save_record(self.app.paths.data_dir, replace(record, feeds=feeds))
        log.info(
            "team file applied: %d settings, %d secrets, %d feeds",
            len(settings),
            len(owned_secrets),
            len(feeds),
        )
        return report

    def _setting_changes(
        self, team: TeamFile, before: TeamRecord, report: TeamReport
    ) -> tuple[dict[str, object], dict[str, object]]:
        """The config changes to make, and the settings the team file owns afterwards."""
        from somedesk.sources.configwriter import REMOVE, read_value

        config_file = self.app.paths.config_file
        changes: dict[str, object] = {}
        owned: dict[str, object] = {}
        for key, value in team.settings.items():
            current = read_value(config_file, key)
            if current is None or (key in before.settings and current == before.settings[key]):
                owned[key] = value  # not set, or still what the team file set: the team's to change
                if current != value:
                    changes[key] = value
                    report.set.append(key)
                    report.values[key] = value
            elif current != value:
                report.kept.append(key)  # the person's own choice wins
        for key, value in before.settings.items():
            if key not in team.settings and read_value(config_file, key) == value:
                changes[key] = REMOVE
                report.removed.append(key)
        return changes, owned

    def _secret_plan(self, team: TeamFile, before: TeamRecord, report: TeamReport) -> dict[str, str | None]:
        """Secret name -> the value to keep in the keyring (None: remove it)."""
        plan: dict[str, str | None] = {}
        names = set(team.secrets) | set(before.secrets)
        if not names:
            return plan
        for name in sorted(names):
            current = self._get_secret(name)
            ours = current is None or fingerprint(current) == before.secrets.get(name)
            value = team.secrets.get(name)
            if value is None:
                if current is not None and ours:
                    plan[name] = None
                    report.removed.append(SECRET_KEYS[name])
            elif ours:
                if current != value:
                    plan[name] = value
                    report.set.append(f"{SECRET_KEYS[name]} (in your keyring)")
            elif current != value:
                report.kept.append(SECRET_KEYS[name])
        return plan

    def _get_secret(self, name: str) -> str | None:
        from somedesk.networks.credentials import SecretName

        if name == SLACK_WEBHOOK:
            return self.secrets.get_app(SecretName.SLACK_WEBHOOK)
        return self.secrets.get(Network.LINKEDIN, SecretName.CLIENT_SECRET)

    def _put_secret(self, name: str, value: str | None) -> None:
        from somedesk.networks.credentials import SecretName

        if name == SLACK_WEBHOOK:
            if value is None:
                self.secrets.delete_app(SecretName.SLACK_WEBHOOK)
            else:
                self.secrets.set_app(SecretName.SLACK_WEBHOOK, value)
        elif value is None:
            self.secrets.delete(Network.LINKEDIN, SecretName.CLIENT_SECRET)
        else:
            self.secrets.set(Network.LINKEDIN, SecretName.CLIENT_SECRET, value)

    def _follow_feeds(self, team: TeamFile, before: TeamRecord, report: TeamReport) -> list[str]:
        """Follow the team's feeds the person does not follow yet; unfollow those it no longer lists."""
        from somedesk.sources.feeds import feed_name

        ideas = self.app.ideas
        owned = [f for f in before.feeds if f in team.feeds]
        for url in team.feeds:
            if url in owned or ideas.records.feed_by_url(url) is not None:
                continue  # followed already (by the person: theirs, and it stays when they leave)
            try:
                ideas.add_feed(url)
            except UserError as error:
                report.problems.append(f"{error} (somedesk join --update tries again)")
                continue
            owned.append(url)
            report.followed.append(feed_name(url))
        for url in before.feeds:
            if url not in team.feeds and ideas.records.feed_by_url(url) is not None:
                ideas.remove_feed(url)
                report.unfollowed.append(feed_name(url))
        return owned

    # Leave ------------------------------------------------------------------------------------

    def leave(self) -> TeamReport:
        """Remove what the team file set (and the person has not changed since), and forget it."""
        from somedesk.sources.configwriter import REMOVE, read_value
        from somedesk.sources.feeds import feed_name

        record = self._joined()
        report = TeamReport(record.organisation, shown_source(record.source))
        config_file = self.app.paths.config_file
        changes: dict[str, object] = {}
        for key, value in record.settings.items():
            if read_value(config_file, key) == value:
                changes[key] = REMOVE
                report.removed.append(key)
            else:
                report.kept.append(key)
        plan: dict[str, str | None] = {}
        for name, mark in record.secrets.items():
            current = self._get_secret(name)
            if current is not None and fingerprint(current) == mark:
                plan[name] = None
                report.removed.append(SECRET_KEYS[name])
        from somedesk.sources.configwriter import preview_config
        from somedesk.sources.systemzone import system_zone

        preview_config(config_file, changes, fallback_zone=system_zone())
        for name in plan:
            self._put_secret(name, None)
        if changes:
            self.app.change_config(changes)
        for url in record.feeds:
            if self.app.ideas.records.feed_by_url(url) is not None:
                self.app.ideas.remove_feed(url)
                report.unfollowed.append(feed_name(url))
        forget_record(self.app.paths.data_dir)
        return report
