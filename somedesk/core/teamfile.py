"""The team file: one TOML file the communications team prepares once, which sets a person up
(`somedesk join`): the organisation's name, the policy, the newsroom feeds, the Slack webhook, the
LinkedIn and X apps and the phone-notification server.

Pure: it is handed the file's text, how messages name the file, and where the file came from (a
relative policy path is read beside it). Every problem is found, not only the first, each one line
naming the file and the dotted key, so the comms team fixes the file in one go. No message ever
quotes a value: the file holds secrets.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from somedesk.core.config_reader import read_config_data
from somedesk.core.errors import ConfigError, UserError

# The secrets a team file may carry; they go to the keyring, never into config.toml.
SLACK_WEBHOOK = "slack_webhook"
LINKEDIN_CLIENT_SECRET = "linkedin_client_secret"

_SECTIONS: Mapping[str, frozenset[str]] = {
    "organisation": frozenset({"name"}),
    "policy": frozenset({"source"}),
    "feeds": frozenset({"urls"}),
    "share": frozenset({"slack_webhook", "template"}),
    "networks": frozenset({"linkedin", "x"}),
    "phone": frozenset({"server"}),
}
_NETWORK_KEYS: Mapping[str, frozenset[str]] = {
    "linkedin": frozenset({"client_id", "client_secret", "redirect_uri", "api_version"}),
    "x": frozenset({"client_id", "redirect_uri"}),
}
# Settings copied into config.toml under the same dotted key.
_CONFIG_KEYS = ("client_id", "redirect_uri", "api_version")
MAX_NAME = 80
_WEB_RE = re.compile(r"^https?://[^\s/?#]+(/\S*)?$", re.IGNORECASE)
_HTTPS_RE = re.compile(r"^https://[^\s/?#]+(/\S*)?$", re.IGNORECASE)
# An https address, or plain http to this machine (a local relay, or the tests' fake webhook).
_WEBHOOK_RE = re.compile(r"^(https://[^\s/?#]+|http://(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)/\S*$")
_TOML_POSITION_RE = re.compile(r"^(?P<reason>.*?) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")


class TeamFileError(UserError):
    """The team file cannot be used; `problems` holds one line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class TeamFile:
    """What a valid team file says, ready to apply."""

    organisation: str = ""
    settings: Mapping[str, object] = field(default_factory=dict)  # dotted config key -> value
    secrets: Mapping[str, str] = field(default_factory=dict)  # SLACK_WEBHOOK, LINKEDIN_CLIENT_SECRET
    feeds: tuple[str, ...] = ()
    phone_server: str = ""


def parse_team_file(text: str, *, name: str, origin: str) -> TeamFile:
    """Check the whole file; raise TeamFileError listing every problem, or return what it sets.

    `origin` is the file's path or https address: a relative policy path is resolved against it.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TeamFileError([_toml_problem(name, exc)]) from None
    return _Reader(name, origin).read(data)


def _toml_problem(name: str, exc: tomllib.TOMLDecodeError) -> str:
    match = _TOML_POSITION_RE.match(str(exc))
    if match is None:
        return f"{name}: not valid TOML"
    reason = match["reason"][:1].lower() + match["reason"][1:]
    return f"{name}, line {match['line']}, column {match['col']}: not valid TOML ({reason})"


def _did_you_mean(word: str, choices: frozenset[str]) -> str:
    import difflib  # only a mistake needs it

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" — did you mean {close[0]!r}?" if close else ""


class _Reader:
    def __init__(self, name: str, origin: str) -> None:
        self.name = name
        self.origin = origin
        self.problems: list[str] = []
        self.settings: dict[str, object] = {}
        self.secrets: dict[str, str] = {}

    def problem(self, key: str, what: str) -> None:
        self.problems.append(f"{self.name}: {key}: {what}")

    def read(self, data: Mapping[str, Any]) -> TeamFile:
        sections = {key: self.section(data, key) for key in data}
        if not data:
            self.problems.append(f"{self.name}: sets nothing (expected [organisation], [policy], [feeds] …)")
        organisation = self.organisation(sections.get("organisation") or {})
        self.policy(sections.get("policy") or {})
        feeds = self.feeds(sections.get("feeds") or {})
        self.share(sections.get("share") or {})
        self.networks(sections.get("networks") or {})
        phone = self.phone(sections.get("phone") or {})
        if self.problems:
            raise TeamFileError(self.problems)
        return TeamFile(organisation, dict(self.settings), dict(self.secrets), feeds, phone)

    def section(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
        if key not in _SECTIONS:
            self.problems.append(
                f"{self.name}: unknown section [{key}]{_did_you_mean(key, frozenset(_SECTIONS))}"
            )
            return None
        table = data[key]
        if not isinstance(table, dict):
            self.problem(key, f"expected a table ([{key}])")
            return None
        for inner in table:
            if inner not in _SECTIONS[key]:
                hint = _did_you_mean(inner, _SECTIONS[key])
                self.problems.append(f"{self.name}: unknown key '{key}.{inner}'{hint}")
        return table

    def text(self, table: Mapping[str, Any], key: str, where: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(where, "expected text in quotes")
            return None
        return value.strip()

    def check_as_config(self, dotted: str, value: object) -> bool:
        """Check one setting with the config file's own rules (and messages, naming this file)."""
        *tables, last = dotted.split(".")
        fragment: dict[str, Any] = {last: value}
        for table in reversed(tables):
            fragment = {table: fragment}
        try:
            read_config_data(fragment, name=self.name, fallback_zone=ZoneInfo("UTC"))
        except ConfigError as error:
            self.problems.append(str(error))
            return False
        return True

    def organisation(self, table: Mapping[str, Any]) -> str:
        name = self.text(table, "name", "organisation.name") or ""
        if len(name) > MAX_NAME or "\n" in name:
            self.problem("organisation.name", f"expected one line of at most {MAX_NAME} characters")
            return ""
        return name

    def policy(self, table: Mapping[str, Any]) -> None:
        source = self.text(table, "source", "policy.source")
        if source is None:
            return
        if "://" not in source:
            source = self.beside_origin(source)
        if self.check_as_config("policy.source", source):
            self.settings["policy.source"] = source

    def beside_origin(self, path: str) -> str:
        """A relative path in the file means "beside the team file", wherever that is."""
        if "://" in self.origin:
            return urljoin(self.origin, path)
        if PurePath(path).is_absolute() or path.startswith("~"):
            return path
        return str(PurePath(self.origin).parent / path)

    def feeds(self, table: Mapping[str, Any]) -> tuple[str, ...]:
        urls = table.get("urls")
        if urls is None:
            return ()
        if not isinstance(urls, list):
            self.problem("feeds.urls", 'expected a list of addresses, e.g. ["https://news.example.com/feed"]')
            return ()
        found: list[str] = []
        for i, url in enumerate(urls):
            if not isinstance(url, str) or not _WEB_RE.match(url.strip()):
                self.problem(f"feeds.urls[{i}]", "expected the https:// address of an RSS or Atom feed")
            elif url.strip() not in found:
                found.append(url.strip())
        return tuple(found)

    def share(self, table: Mapping[str, Any]) -> None:
        webhook = self.text(table, "slack_webhook", "share.slack_webhook")
        if webhook is not None:
            if _WEBHOOK_RE.match(webhook):
                self.secrets[SLACK_WEBHOOK] = webhook
                self.settings["share.enabled"] = True  # the team gave a channel: sharing is on
            else:
                self.problem(
                    "share.slack_webhook",
                    "expected a Slack incoming webhook's https://hooks.slack.com/services/… address",
                )
        template = table.get("template")
        if template is not None and self.check_as_config("share.template", template):
            self.settings["share.template"] = str(template).strip()

    def networks(self, table: Mapping[str, Any]) -> None:
        for network in _NETWORK_KEYS:
            if network not in table:
                continue
            prefix = f"networks.{network}"
            sub = table[network]
            if not isinstance(sub, dict):
                self.problem(prefix, f"expected a table ([{prefix}])")
                continue
            for key in sub:
                if key not in _NETWORK_KEYS[network]:
                    hint = (
                        " (X apps sign in without a secret)"
                        if key == "client_secret"
                        else _did_you_mean(key, _NETWORK_KEYS[network])
                    )
                    self.problems.append(f"{self.name}: unknown key '{prefix}.{key}'{hint}")
            for key in _CONFIG_KEYS:
                if key in sub and self.check_as_config(f"{prefix}.{key}", sub[key]):
                    self.settings[f"{prefix}.{key}"] = str(sub[key]).strip()
            secret = self.text(sub, "client_secret", f"{prefix}.client_secret")
            if secret is not None and network == "linkedin":
                if "client_id" not in sub:
                    self.problem(f"{prefix}.client_secret", "comes with the app's client_id; add client_id")
                elif re.search(r"\s", secret):
                    self.problem(f"{prefix}.client_secret", "expected the secret without spaces")
                else:
                    self.secrets[LINKEDIN_CLIENT_SECRET] = secret

    def phone(self, table: Mapping[str, Any]) -> str:
        server = self.text(table, "server", "phone.server")
        if server is None:
            return ""
        if not _HTTPS_RE.match(server):
            self.problem("phone.server", "expected an https:// address (e.g. https://ntfy.example.com)")
            return ""
        return server.rstrip("/")


LINK_SCHEME = "somedesk"


def team_link_source(link: str) -> str:
    """The team file a "somedesk://join?source=https%3A%2F%2F…" link names (its launcher entry hands
    such links to somedesk); TeamFileError when the link is not one. Only an https address: a link on
    a web page must not point somedesk at a file on this computer."""
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(link.strip())
    sources = parse_qs(parts.query).get("source", [])
    where = (parts.netloc or parts.path).strip("/")
    if parts.scheme.lower() != LINK_SCHEME or where != "join" or len(sources) != 1:
        raise TeamFileError(["not a somedesk link: expected somedesk://join?source=https://…"])
    source = sources[0].strip()
    if not _HTTPS_RE.match(source):
        raise TeamFileError(["a somedesk link names a team file by its https:// address only"])
    return source
