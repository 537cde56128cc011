"""`accounts connect` and the keyring (issue 12, defect 12): with no usable keyring nothing is started,
and tokens obtained that cannot be kept are revoked, not left alive at X."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Runner
from tests.fakes.x import FakeX
from tests.keyrings import FILE_VARIABLE
from tests.ports import redirect_port

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def x(home: Path) -> Iterator[FakeX]:
    with FakeX() as fake:
        redirect = f"http://127.0.0.1:{redirect_port()}/callback"
        fake.register_redirect_uri(redirect)
        (home / "config.toml").write_text(
            f'[networks.x]\nclient_id = "{fake.client_id}"\nredirect_uri = "{redirect}"\n', encoding="utf-8"
        )
        yield fake


def x_env(x: FakeX, opened: Path) -> dict[str, str]:
    browser = f"{sys.executable} {REPO / 'tests' / 'browser.py'}"
    return {
        # The test browser, behind a shell that first notes that the browser was opened at all.
        "BROWSER": f"sh -c 'echo opened >> {opened}; exec {browser} \"$0\"' %s",
        "OAUTHLIB_INSECURE_TRANSPORT": "1",
        "SOMEDESK_X_AUTHORIZE_URL": f"{x.base_url}/i/oauth2/authorize",
        "SOMEDESK_X_API_BASE": x.base_url,
    }


def test_no_usable_keyring_is_said_before_the_browser_opens(somedesk: Runner, home: Path, x: FakeX, tmp_path):
    # The test suite's default keyring is keyring's `fail` back-end: none at all.
    opened = tmp_path / "opened"
    result = somedesk("accounts", "connect", "x", env=x_env(x, opened))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "keyring" in result.stderr, result.stderr
    assert "Sign in with your browser" not in result.stdout
    assert not opened.exists()
    assert x.count("authorize") == 0 and x.count("token") == 0  # nothing was signed in, nothing to revoke


def test_tokens_that_cannot_be_kept_are_revoked(somedesk: Runner, home: Path, x: FakeX, tmp_path):
    keyring_file = tmp_path / "keyring" / "keyring.json"
    keyring_file.parent.mkdir()
    env = {
        **x_env(x, tmp_path / "opened"),
        "PYTHON_KEYRING_BACKEND": "tests.keyrings.ReadOnlyKeyring",
        FILE_VARIABLE: str(keyring_file),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    result = somedesk("accounts", "connect", "x", env=env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "could not keep the sign-in" in result.stderr and "revoked" in result.stderr
    issued = x.tokens.of_kind("access") + x.tokens.of_kind("refresh")
    assert len(issued) == 2 and all(token.revoked for token in issued)  # nothing X issued stays alive
    assert x.count("revoke") == 2
    for token in issued:  # and no token reached a message
        assert token.value not in result.stderr + result.stdout
    listed = somedesk("accounts", "list", env=env)
    assert "@XDevelopers" not in listed.stdout  # not recorded as connected
