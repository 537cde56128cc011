"""Connecting real-shaped accounts from the command line against the fake networks, end to end,
and proving that no token or secret ever lands on disk outside the keyring."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Runner
from tests.fakes.linkedin import FakeLinkedIn
from tests.fakes.x import FakeX
from tests.keyrings import FILE_VARIABLE, FileKeyring
from tests.ports import redirect_port

BROWSER = f"{sys.executable} {Path(__file__).resolve().parents[1] / 'browser.py'} %s"


@pytest.fixture
def fakes(home: Path, file_keyring: FileKeyring) -> Iterator[tuple[FakeX, FakeLinkedIn]]:
    with FakeX() as x, FakeLinkedIn() as linkedin:
        redirect = f"http://127.0.0.1:{redirect_port()}/callback"
        x.register_redirect_uri(redirect)
        linkedin.register_redirect_uri(redirect)
        (home / "config.toml").write_text(
            f"""
[networks.linkedin]
client_id = "{linkedin.client_id}"
redirect_uri = "{redirect}"

[networks.x]
client_id = "{x.client_id}"
redirect_uri = "{redirect}"
""",
            encoding="utf-8",
        )
        yield x, linkedin


def keyring_entries() -> dict[str, str]:
    """What the test keyring holds for somedesk, read from its file as another process would."""
    entries: dict[str, dict[str, str]] = json.loads(
        Path(os.environ[FILE_VARIABLE]).read_text(encoding="utf-8")
    )
    return entries.get("somedesk", {})


def fake_env(x: FakeX, linkedin: FakeLinkedIn) -> dict[str, str]:
    return {
        "BROWSER": BROWSER,
        "OAUTHLIB_INSECURE_TRANSPORT": "1",  # the fakes speak plain HTTP on 127.0.0.1
        "SOMEDESK_LINKEDIN_OAUTH_BASE": f"{linkedin.base_url}/oauth/v2",
        "SOMEDESK_LINKEDIN_API_BASE": linkedin.base_url,
        "SOMEDESK_X_AUTHORIZE_URL": f"{x.base_url}/i/oauth2/authorize",
        "SOMEDESK_X_API_BASE": x.base_url,
    }


def test_connect_publish_disconnect_and_no_secret_on_disk(
    somedesk: Runner, home: Path, fakes: tuple[FakeX, FakeLinkedIn], file_keyring: FileKeyring
):
    x, linkedin = fakes
    env = fake_env(x, linkedin)
    connected_x = somedesk("accounts", "connect", "x", env=env)
    assert connected_x.returncode == 0, connected_x.stderr
    assert "Connected X as @XDevelopers." in connected_x.stdout
    assert f"{x.base_url}/i/oauth2/authorize?" in connected_x.stdout  # printed for copy-paste
    connected_li = somedesk("accounts", "connect", "linkedin", env=env, stdin=f"{linkedin.client_secret}\n")
    assert connected_li.returncode == 0, connected_li.stderr
    assert "Connected LinkedIn as Ada Lovelace." in connected_li.stdout

    accounts = {a["network"]: a for a in json.loads(somedesk("accounts", "list", "--json", env=env).stdout)}
    assert accounts["x"]["state"] == "connected" and accounts["x"]["handle"] == "@XDevelopers"
    assert accounts["linkedin"]["state"] == "connected" and accounts["linkedin"]["expires_at"]

    draft = json.loads(
        somedesk(
            "drafts",
            "add",
            "Hello from somedesk (for real)",
            "--network",
            "x",
            "--network",
            "linkedin",
            "--json",
        ).stdout
    )["id"]
    published = somedesk("publish", str(draft), env=env)
    assert published.returncode == 0, published.stderr
    assert f"https://x.com/XDevelopers/status/{x.tweets[0].id}" in published.stdout
    assert f"https://www.linkedin.com/feed/update/{linkedin.posts[0].urn}/" in published.stdout
    assert linkedin.posts[0].text == "Hello from somedesk (for real)"

    secrets = [t.value for t in x.tokens.of_kind("access") + x.tokens.of_kind("refresh")]
    secrets += [t.value for t in linkedin.tokens.of_kind("access")] + [str(linkedin.client_secret)]
    assert len(secrets) >= 4
    stored = keyring_entries()
    assert set(secrets) & set(stored.values())  # they are in the keyring...
    for path in home.rglob("*"):  # ...and nowhere in the data dir, config, logs or database
        if path.is_file():
            data = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in data, f"a secret leaked into {path.relative_to(home)}"

    gone = somedesk("accounts", "disconnect", "x", env=env)
    assert gone.returncode == 0 and "Disconnected X." in gone.stdout
    assert sorted(keyring_entries()) == ["linkedin:access_token", "linkedin:client_secret"]
    assert x.count("revoke") >= 1


def test_a_sign_in_nobody_finishes_times_out_with_a_clear_message(
    somedesk: Runner, home: Path, fakes: tuple[FakeX, FakeLinkedIn]
):
    x, linkedin = fakes
    env = {**fake_env(x, linkedin), "BROWSER": "true %s"}
    result = somedesk("accounts", "connect", "x", "--timeout", "1", env=env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "sign-in" in result.stderr.lower()
