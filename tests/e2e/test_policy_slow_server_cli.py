"""`somedesk publish` never waits on the policy's server (issue 13): with the policy address answering
one byte a second, a publish uses the copy `somedesk check` kept, and is done at once (before: 90 s)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Runner
from tests.fakes.trickle import TrickleServer
from tests.unit.test_policyfile import self_signed

POLICY = b"""
[[rule]]
name = "customers"
terms = ["asiak*"]
severity = "block"
message = "Customer names only with the customer's permission"
"""


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TrickleServer, Path]]:
    pytest.importorskip("cryptography")
    cert, key = self_signed(tmp_path_factory.mktemp("tls"))
    head = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(POLICY), POLICY)
    running = TrickleServer(head, b"", interval=0.0, tls=(cert, key))
    yield running, cert
    running.stop()


def test_publish_uses_the_kept_copy_while_the_policy_server_trickles(
    somedesk: Runner, home: Path, server: tuple[TrickleServer, Path]
) -> None:
    policy_server, cert = server
    trust = {"REQUESTS_CA_BUNDLE": str(cert)}
    address = policy_server.url("/team/policy.toml")
    (home / "config.toml").write_text(f'[policy]\nsource = "{address}"\n', encoding="utf-8")
    checked = somedesk("check", "Kiitos asiakkaillemme!", env=trust)  # fetches and keeps the policy
    assert checked.returncode == 1 and "Customer names only" in checked.stdout
    # From now on the server answers one byte a second.
    policy_server.head = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
    policy_server.trickle, policy_server.interval = b"#" * 100_000, 1.0

    added = somedesk("drafts", "add", "Kiitos asiakkaillemme!", "--network", "sandbox", "--json", env=trust)
    draft_id = json.loads(added.stdout)["id"]
    began = time.monotonic()
    result = somedesk("publish", str(draft_id), env=trust)
    took = time.monotonic() - began
    assert result.returncode == 1
    assert "Customer names only with the customer's permission" in result.stderr
    assert took < 5  # a subprocess start and a publish; the policy download alone would take 10 s
    assert not (home / "outbox.jsonl").exists()
