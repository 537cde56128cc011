"""The team file's rules (core/teamfile.py): what it sets, where secrets go, every problem at once."""

from __future__ import annotations

import pytest

from somedesk.core.teamfile import LINKEDIN_CLIENT_SECRET, SLACK_WEBHOOK, TeamFileError, parse_team_file

FULL = """
[organisation]
name = "Contoso"
[policy]
source = "rules/policy.toml"
[feeds]
urls = ["https://news.contoso.example/feed.xml", "https://news.contoso.example/feed.xml"]
[share]
slack_webhook = "https://hooks.slack.com/services/T000/B000/XXXX"
template = "New {network} post: {url}"
[networks.linkedin]
client_id = "86abc"
client_secret = "sec"
redirect_uri = "http://127.0.0.1:8765/callback"
[networks.x]
client_id = "c2Fm"
[phone]
server = "https://ntfy.contoso.example/"
"""


def test_a_full_file_splits_into_settings_secrets_and_feeds():
    team = parse_team_file(FULL, name="team.toml", origin="/srv/comms/team.toml")
    assert team.organisation == "Contoso"
    assert team.settings == {
        "policy.source": "/srv/comms/rules/policy.toml",
        "share.enabled": True,
        "share.template": "New {network} post: {url}",
        "networks.linkedin.client_id": "86abc",
        "networks.linkedin.redirect_uri": "http://127.0.0.1:8765/callback",
        "networks.x.client_id": "c2Fm",
    }
    assert team.secrets == {
        SLACK_WEBHOOK: "https://hooks.slack.com/services/T000/B000/XXXX",
        LINKEDIN_CLIENT_SECRET: "sec",
    }
    assert team.feeds == ("https://news.contoso.example/feed.xml",)
    assert team.phone_server == "https://ntfy.contoso.example"


def test_a_relative_policy_beside_an_https_team_file_is_an_https_address():
    team = parse_team_file(
        '[policy]\nsource = "policy.toml"\n', name="x", origin="https://intra.example/somedesk/team.toml?t=1"
    )
    assert team.settings == {"policy.source": "https://intra.example/somedesk/policy.toml"}


def test_every_section_is_optional():
    assert parse_team_file('[organisation]\nname = "A"\n', name="t", origin="/t.toml").settings == {}
    with pytest.raises(TeamFileError) as empty:
        parse_team_file("", name="t.toml", origin="/t.toml")
    assert empty.value.problems[0].startswith("t.toml: sets nothing")


def test_every_problem_is_listed_and_no_value_is_quoted():
    text = """
[organisation]
name = 3
[share]
slack_webhook = "ftp://secret-hook"
[networks.linkedin]
client_secret = "s3cret value"
client_idd = "x"
[phone]
server = "http://ntfy.example"
"""
    with pytest.raises(TeamFileError) as refused:
        parse_team_file(text, name="t.toml", origin="/t.toml")
    assert list(refused.value.problems) == [
        "t.toml: organisation.name: expected text in quotes",
        "t.toml: share.slack_webhook: expected a Slack incoming webhook's https://hooks.slack.com/services/… "
        "address",
        "t.toml: unknown key 'networks.linkedin.client_idd' — did you mean 'client_id'?",
        "t.toml: networks.linkedin.client_secret: comes with the app's client_id; add client_id",
        "t.toml: phone.server: expected an https:// address (e.g. https://ntfy.example.com)",
    ]
    assert "secret-hook" not in str(refused.value) and "s3cret" not in str(refused.value)


def test_a_somedesk_link_names_an_https_team_file():
    from somedesk.core.teamfile import team_link_source

    link = "somedesk://join?source=https%3A%2F%2Fintra.example.com%2Fsomedesk%2Fteam.toml%3Ft%3D1"
    assert team_link_source(link) == "https://intra.example.com/somedesk/team.toml?t=1"
    for bad in (
        "somedesk://join?source=%2Fetc%2Fpasswd",  # a file on this computer: never from a link
        "somedesk://join?source=http%3A%2F%2Fintra.example.com%2Fteam.toml",
        "somedesk://leave?source=https%3A%2F%2Fintra.example.com%2Fteam.toml",
        "https://intra.example.com/team.toml",
        "somedesk://join",
    ):
        with pytest.raises(TeamFileError):
            team_link_source(bad)


def test_a_link_on_the_command_line_opens_the_desktop_app():
    from somedesk.cli.desktop import cmd_desktop
    from somedesk.cli.main import parse_arguments

    args = parse_arguments(["somedesk://join?source=https%3A%2F%2Fintra.example.com%2Fteam.toml"])
    assert (
        args.open_link.startswith("somedesk://join") and getattr(args, "handler", cmd_desktop) is cmd_desktop
    )
