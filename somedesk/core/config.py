"""The config file's shape as settings: each section's type, its defaults, and the whole `Config`.

Reading and checking the file's text is `core/config_reader.py`'s job (`parse_config`).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from somedesk.core.model import Network, Target
from somedesk.core.phone_settings import PhoneSettings
from somedesk.core.routine import Routine

DEFAULT_TARGETS: Mapping[Network, Target] = {
    Network.LINKEDIN: Target(per_week=3, min_gap_hours=20),
    Network.X: Target(per_week=5, min_gap_hours=3),
}
LANGUAGES = ("system", "en", "fi")
# A LinkedIn-Version a few months old: versions are monthly and stay active for about a year.
DEFAULT_LINKEDIN_API_VERSION = "202610"
DEFAULT_REDIRECT_URI = "http://127.0.0.1:8765/callback"
# Sharing a published post's link to the team's Slack (the webhook address lives in the keyring).
SHARE_PLACEHOLDERS = ("network", "first_line", "url")
DEFAULT_SHARE_TEMPLATE = "New {network} post: {first_line} {url}"


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    sources: tuple[str, ...] = ()
    me: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NetworkSettings:
    """The person's own developer app for a network (LinkedIn and X need one each)."""

    client_id: str = ""
    redirect_uri: str = DEFAULT_REDIRECT_URI
    api_version: str = DEFAULT_LINKEDIN_API_VERSION  # LinkedIn only


@dataclass(frozen=True, slots=True)
class PublishingSettings:
    """How scheduled posts go out: published at the moment (`auto`) or a reminder (`remind`)."""

    default_mode: str = "auto"
    mode_by_network: Mapping[Network, str] = field(default_factory=dict)
    grace_minutes: int = 15
    reply_reminders: tuple[int, ...] = (20, 60)  # minutes after a LinkedIn post; () = off

    def mode_for(self, network: Network) -> str:
        return self.mode_by_network.get(network, self.default_mode)


@dataclass(frozen=True, slots=True)
class UiSettings:
    """The desktop app's own settings."""

    language: str = "system"  # "system" follows the desktop's locale; "en" or "fi" pick one


@dataclass(frozen=True, slots=True)
class PolicySettings:
    """The social-media policy file: a path (relative to the config file's folder) or an https address."""

    source: str = ""  # "" = the built-in rules only
    builtin: bool = True  # false: the built-in checks for personal data are not used


@dataclass(frozen=True, slots=True)
class ShareSettings:
    """Post each published post's link to the team's Slack incoming webhook (off unless switched on)."""

    enabled: bool = False
    template: str = DEFAULT_SHARE_TEMPLATE


@dataclass(frozen=True, slots=True)
class SpellingSettings:
    """Spell check in Quick post and `somedesk check` (on wherever a dictionary is installed)."""

    enabled: bool = True


@dataclass(frozen=True, slots=True)
class Config:
    """Everything the config file says, with defaults filled in.

    `base_dir` is the folder relative calendar paths resolve against (the config file's folder).
    """

    routine: Routine
    calendars: CalendarSettings = CalendarSettings()
    targets: Mapping[Network, Target] = field(default_factory=lambda: dict(DEFAULT_TARGETS))
    base_dir: Path = Path()
    networks: Mapping[Network, NetworkSettings] = field(default_factory=dict)
    publishing: PublishingSettings = PublishingSettings()
    ui: UiSettings = UiSettings()
    policy: PolicySettings = PolicySettings()
    share: ShareSettings = ShareSettings()
    spelling: SpellingSettings = SpellingSettings()
    phone: PhoneSettings = field(default_factory=PhoneSettings)  # core/phone_settings.py

    def target_for(self, network: Network) -> Target | None:
        return self.targets.get(network)

    def network_settings(self, network: Network) -> NetworkSettings:
        return self.networks.get(network, NetworkSettings())


def default_config(zone: ZoneInfo, base_dir: Path = Path()) -> Config:
    return Config(routine=Routine(zone=zone), base_dir=base_dir)


def share_template_problem(template: str) -> str | None:
    """What is wrong with a share message template, in a few words; None when it is fine."""
    allowed = ", ".join(f"{{{name}}}" for name in SHARE_PLACEHOLDERS)
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(template)]
    except ValueError:
        return f"a stray {{ or }} (write {{{{ or }}}} for a brace itself); placeholders are {allowed}"
    for name, spec, conversion in fields:
        if name is None:
            continue
        if name not in SHARE_PLACEHOLDERS:
            shown = "{}" if not name else f"{{{name}}}"
            return f"unknown placeholder {shown}; use {allowed}"
        if spec or conversion:
            return f"write the placeholder {{{name}}} plainly (no ! or : after the name)"
    return None
