"""`somedesk join` / `join --update` / `join --show` / `leave` through the real command line: a team file
from disk and from an https server on 127.0.0.1 (a test certificate, ETags), secrets only in the keyring,
the person's own settings and comments kept, and bad files refused with nothing changed."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.e2e.conftest import Runner
from tests.keyrings import FileKeyring
from tests.unit.test_policyfile import self_signed

WEBHOOK = "https://hooks.slack.com/services/T000/B000/s3cretWebhook"
CLIENT_SECRET = "Li-s3cret-9f8e7d"
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Contoso news</title>
<item><title>New office</title><link>https://news.example.com/office</link><guid>n1</guid></item>
</channel></rss>
"""
OWN_CONFIG = """\
# My own settings: keep this comment.
[routine]
timezone = "Europe/Helsinki"   # where I live
lunch = ["11:00", "11:30"]

[networks.x]
client_id = "my-own-x-app"
"""


class TeamServer:
    """An https server with a team file (served with an ETag, 304 when it matches), a policy and a feed."""

    def __init__(self, cert: Path, key: Path) -> None:
        self.files: dict[str, bytes] = {}
        self.if_none_match: list[str | None] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.partition("?")[0]
                body = server.files.get(path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = f'"{abs(hash(body))}"'
                if path.endswith("team.toml"):
                    server.if_none_match.append(self.headers.get("If-None-Match"))
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                kind = "application/rss+xml" if path.endswith(".xml") else "application/toml"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def team_server(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TeamServer]:
    pytest.importorskip("cryptography")
    cert, key = self_signed(tmp_path_factory.mktemp("tls"))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))  # the subprocess trusts our test certificate
    server = TeamServer(cert, key)
    yield server
    server.stop()


def team_file(feed: str, *, template: str = "New {network} post by a colleague: {first_line} {url}") -> str:
    return f"""\
[organisation]
name = "Contoso"

[policy]
source = "policy.toml"

[feeds]
urls = ["{feed}"]

[share]
slack_webhook = "{WEBHOOK}"
template = "{template}"

[networks.linkedin]
client_id = "86teamapp"
client_secret = "{CLIENT_SECRET}"

[networks.x]
client_id = "team-x-app"

[phone]
server = "https://ntfy.contoso.example"
"""


POLICY = b'[[rule]]\nterms = ["asiak*"]\nseverity = "block"\nmessage = "Customer names need permission"\n'


def all_files_text(folder: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace")
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".db"
    )


def test_join_show_and_leave_from_a_file(
    somedesk: Runner, home: Path, tmp_path: Path, file_keyring: FileKeyring, team_server: TeamServer
):
    team_server.files["/feed.xml"] = RSS.encode()
    (home / "config.toml").write_text(OWN_CONFIG, encoding="utf-8")
    folder = tmp_path / "comms"
    folder.mkdir()
    (folder / "policy.toml").write_bytes(POLICY)
    (folder / "team.toml").write_text(team_file(team_server.url("/feed.xml?key=tok3n")), encoding="utf-8")

    joined = somedesk("join", str(folder / "team.toml"))
    assert joined.returncode == 0, joined.stderr
    lines = joined.stdout.splitlines()
    assert lines[0] == f"Joined Contoso ({folder / 'team.toml'})."
    assert f"  set policy.source = {folder / 'policy.toml'}" in lines
    assert "  set networks.linkedin.client_id = 86teamapp" in lines
    assert "  set share.slack_webhook (in your keyring)" in lines
    assert "  set networks.linkedin.client_secret (in your keyring)" in lines
    assert "  kept your own networks.x.client_id (the team file's is not used)" in lines
    assert f"  following {team_server.url('')}/…/feed.xml" in lines
    assert "tok3n" not in joined.stdout

    config = (home / "config.toml").read_text(encoding="utf-8")
    assert config.startswith(OWN_CONFIG.split("[networks.x]")[0])  # comments and my lunch, byte for byte
    assert 'client_id = "my-own-x-app"' in config and "team-x-app" not in config
    # Secrets only in the keyring: not in config.toml, team.json, the log or anywhere in the data folder.
    entries = file_keyring_entries(file_keyring)
    assert entries["app:slack_webhook"] == WEBHOOK
    assert entries["linkedin:client_secret"] == CLIENT_SECRET
    everything = all_files_text(home)
    assert WEBHOOK not in everything and CLIENT_SECRET not in everything and "s3cret" not in everything

    # The policy took effect: `check` blocks what the team's rule blocks.
    assert somedesk("check", "Visited asiakas today").returncode == 1
    feeds = json.loads(somedesk("ideas", "feeds", "--json").stdout)
    assert [f["title"] for f in feeds] == ["Contoso news"]

    shown = json.loads(somedesk("join", "--show", "--json").stdout)
    assert shown["organisation"] == "Contoso"
    assert shown["settings"]["share.template"] == "New {network} post by a colleague: {first_line} {url}"
    assert shown["settings"]["share.enabled"] is True
    assert "networks.x.client_id" not in shown["settings"]  # mine, not the team's
    assert sorted(shown["secrets"]) == ["networks.linkedin.client_secret", "share.slack_webhook"]
    assert shown["phone_server"] == "https://ntfy.contoso.example"
    text = somedesk("join", "--show").stdout
    assert text.startswith("Organisation: Contoso\n") and WEBHOOK not in text

    # Disconnecting LinkedIn forgets the sign-in, not the organisation's app secret.
    assert somedesk("accounts", "disconnect", "linkedin").returncode == 0
    assert file_keyring_entries(file_keyring)["linkedin:client_secret"] == CLIENT_SECRET

    # Applying the same file again changes nothing.
    again = somedesk("join", "--update")
    assert again.returncode == 0 and "  set " not in again.stdout

    left = somedesk("leave")
    assert left.returncode == 0, left.stderr
    assert left.stdout.startswith("Left Contoso.")
    assert (home / "config.toml").read_text(encoding="utf-8") == OWN_CONFIG  # exactly as before
    assert file_keyring_entries(file_keyring) == {}
    assert json.loads(somedesk("ideas", "feeds", "--json").stdout) == []
    assert somedesk("join", "--show", "--json").stdout.strip() == "null"
    assert not (home / "team.json").exists()


def test_join_from_https_then_update_with_etag(
    somedesk: Runner, home: Path, file_keyring: FileKeyring, team_server: TeamServer
):
    team_server.files["/feed.xml"] = RSS.encode()
    team_server.files["/somedesk/policy.toml"] = POLICY
    team_server.files["/somedesk/team.toml"] = team_file(team_server.url("/feed.xml")).encode()
    url = team_server.url("/somedesk/team.toml?token=t0ken")

    joined = somedesk("join", url)
    assert joined.returncode == 0, joined.stderr
    assert joined.stdout.splitlines()[0] == f"Joined Contoso ({team_server.url('')}/…)."
    assert "t0ken" not in joined.stdout
    # The relative policy path is read beside the team file: an https address on the same server.
    assert f'source = "{team_server.url("/somedesk/policy.toml")}"' in (home / "config.toml").read_text()

    # The same file named by a somedesk:// link (as a web page would hand it over) is the same file.
    from urllib.parse import quote

    linked = somedesk("join", "somedesk://join?source=" + quote(url, safe=""))
    assert linked.returncode == 0, linked.stderr
    assert "  set " not in linked.stdout

    unchanged = somedesk("join", "--update")
    assert unchanged.returncode == 0, unchanged.stderr
    assert unchanged.stdout.strip() == "The team file of Contoso has not changed."
    assert team_server.if_none_match[0] is None and team_server.if_none_match[-1] is not None

    # The person turns sharing off themselves; then the comms team edits the file.
    config = (home / "config.toml").read_text().replace("enabled = true", "enabled = false")
    (home / "config.toml").write_text(config)
    edited = team_file(team_server.url("/feed.xml"), template="{network}: {url}").replace(
        '[feeds]\nurls = ["' + team_server.url("/feed.xml") + '"]\n', ""
    )
    team_server.files["/somedesk/team.toml"] = edited.encode()
    updated = somedesk("join", "--update")
    assert updated.returncode == 0, updated.stderr
    assert "  set share.template = {network}: {url}" in updated.stdout.splitlines()
    assert "  kept your own share.enabled (the team file's is not used)" in updated.stdout.splitlines()
    assert f"  stopped following {team_server.url('')}/…/feed.xml" in updated.stdout.splitlines()
    assert 'template = "{network}: {url}"' in (home / "config.toml").read_text()
    assert json.loads(somedesk("ideas", "feeds", "--json").stdout) == []

    # Leaving keeps what the person changed themselves (sharing off: theirs since the update).
    left = somedesk("leave")
    assert left.returncode == 0 and "share.enabled" not in left.stdout
    after = (home / "config.toml").read_text()
    assert "enabled = false" in after and "template" not in after and "86teamapp" not in after


def test_a_bad_team_file_is_refused_with_every_problem_and_nothing_changed(
    somedesk: Runner, home: Path, tmp_path: Path, file_keyring: FileKeyring
):
    (home / "config.toml").write_text(OWN_CONFIG, encoding="utf-8")
    bad = tmp_path / "team.toml"
    bad.write_text(
        f"""\
[organisation]
name = "Contoso"
[policy]
source = "http://intranet.example.com/policy.toml"
[feeds]
urls = ["news.example.com/feed"]
[share]
slack_webhook = "{WEBHOOK}"
template = "{{author}} posted {{url}}"
[networks.linkedin]
client_id = "86teamapp"
client_secret = "{CLIENT_SECRET}"
redirect_uri = "https://example.com/callback"
[networks.x]
client_secret = "nope"
[phones]
server = "https://ntfy.example.com"
""",
        encoding="utf-8",
    )
    result = somedesk("join", str(bad))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    name = str(bad)
    assert lines == [
        f"somedesk: {name}: unknown section [phones] — did you mean 'phone'?",
        f"somedesk: {name}: policy.source: expected a file path or an https:// address "
        "(a policy is only fetched over a secure connection)",
        f"somedesk: {name}: feeds.urls[0]: expected the https:// address of an RSS or Atom feed",
        f"somedesk: {name}: share.template: unknown placeholder {{author}}; "
        "use {network}, {first_line}, {url}",
        f"somedesk: {name}: networks.linkedin.redirect_uri: expected a loopback address such as "
        '"http://127.0.0.1:8765/callback" (the same one registered with your app)',
        f"somedesk: {name}: unknown key 'networks.x.client_secret' (X apps sign in without a secret)",
        "somedesk: nothing was changed",
    ]
    assert WEBHOOK not in result.stderr and CLIENT_SECRET not in result.stderr
    assert (home / "config.toml").read_text(encoding="utf-8") == OWN_CONFIG
    assert file_keyring_entries(file_keyring) == {}
    assert not (home / "team.json").exists()

    broken = tmp_path / "broken.toml"
    broken.write_text('[organisation]\nname = "Contoso\n', encoding="utf-8")
    syntax = somedesk("join", str(broken))
    assert syntax.returncode == 1
    assert syntax.stderr.splitlines()[0].startswith(f"somedesk: {broken}, line 2, column ")


def test_no_keyring_means_nothing_changed(somedesk: Runner, home: Path, tmp_path: Path):
    (home / "config.toml").write_text(OWN_CONFIG, encoding="utf-8")
    team = tmp_path / "team.toml"
    team.write_text(
        f'[organisation]\nname = "Contoso"\n[share]\nslack_webhook = "{WEBHOOK}"\n', encoding="utf-8"
    )
    result = somedesk("join", str(team))  # the tests' guard keyring: none usable
    assert result.returncode == 1
    assert result.stderr.startswith("somedesk: no usable keyring") and result.stderr.count("\n") == 1
    assert (home / "config.toml").read_text(encoding="utf-8") == OWN_CONFIG
    assert not (home / "team.json").exists()


def test_usage_and_not_joined(somedesk: Runner, tmp_path: Path):
    assert somedesk("join").returncode == 2
    assert somedesk("join", "x.toml", "--update").returncode == 2
    assert somedesk("join", "--json").returncode == 2
    update = somedesk("join", "--update")
    assert (update.returncode, update.stderr) == (
        1,
        "somedesk: no team file joined yet: somedesk join PATH_OR_HTTPS_ADDRESS\n",
    )
    assert somedesk("leave").returncode == 1
    assert somedesk("join", "--show").stdout.startswith("No team file joined.")
    missing = somedesk("join", str(tmp_path / "nope.toml"))
    assert (missing.returncode, missing.stderr) == (
        1,
        f"somedesk: {tmp_path / 'nope.toml'}: there is no such file\n",
    )
    plain = somedesk("join", "http://127.0.0.1:9/team.toml")
    assert plain.returncode == 1 and "only fetched over a secure connection" in plain.stderr


def file_keyring_entries(keyring: FileKeyring) -> dict[str, str]:
    from tests.keyrings import _read

    return dict(_read().get("somedesk", {}))


def test_a_feed_that_cannot_be_reached_is_reported_and_the_rest_applied(
    somedesk: Runner, home: Path, tmp_path: Path, team_server: TeamServer
):
    team = tmp_path / "team.toml"
    feed = team_server.url("/late/feed.xml")
    team.write_text(
        '[organisation]\nname = "Contoso"\n[share]\ntemplate = "{network}: {url}"\n'
        f'[feeds]\nurls = ["{feed}"]\n',
        encoding="utf-8",
    )
    joined = somedesk("join", str(team))
    assert joined.returncode == 1
    assert "  set share.template = {network}: {url}" in joined.stdout.splitlines()
    (line,) = joined.stderr.splitlines()
    assert line.startswith(f"somedesk: {team_server.url('')}/…/feed.xml: ") and line.endswith(
        "(somedesk join --update tries again)"
    )
    assert json.loads(somedesk("join", "--show", "--json").stdout)["feeds"] == []
    team_server.files["/late/feed.xml"] = RSS.encode()
    again = somedesk("join", "--update")
    assert again.returncode == 0, again.stderr
    assert f"  following {team_server.url('')}/…/feed.xml" in again.stdout.splitlines()
    assert json.loads(somedesk("join", "--show", "--json").stdout)["feeds"] == [
        f"{team_server.url('')}/…/feed.xml"
    ]
