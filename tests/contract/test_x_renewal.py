"""X token renewal is serialised across threads and processes (issue 12, defect 10).

X refresh tokens are single-use (the fake enforces it: a rotated token reads as revoked). When two
clients find the access token expired at once, only one may renew; the other must use the pair the
winner stored instead of spending the dead refresh token and ending "reconnect needed".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from somedesk.networks.base import Endpoints, PublishError
from somedesk.networks.x import XClient
from tests.contract.test_x_client import signed_in
from tests.fakes import FakeX
from tests.fakes.server import IssuedToken

REPO = Path(__file__).resolve().parents[2]
RENEWAL_DELAY = 1.5  # X takes its time answering the renewal: long enough for the other to want one too


def test_two_threads_renew_once_and_both_post(tmp_path: Path):
    with FakeX() as x:
        tokens = signed_in(x)
        x.expire_all()
        x.delay_next("token", RENEWAL_DELAY, times=2)
        results: dict[str, str] = {}

        def post(text: str) -> None:
            client = XClient(
                client_id=x.client_id,
                tokens=tokens,
                username="XDevelopers",
                endpoints=Endpoints(x_api_base=x.api_base),
                renewal_lock_file=tmp_path / "x-renewal.lock",
            )
            with client:
                try:
                    results[text] = client.post(text).remote_id
                except PublishError as error:
                    results[text] = f"error {error.kind.value}: {error}"

        threads = [threading.Thread(target=post, args=(text,)) for text in ("Quick post", "The runtime")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(results.values()) == sorted(t.id for t in x.tweets), results
        assert sorted(t.text for t in x.tweets) == ["Quick post", "The runtime"]
        assert x.count("token") == 1  # one renewal; the loser used the winner's pair
        assert len(tokens.saved) == 1 and tokens.access == tokens.saved[0][0]


def test_two_processes_renew_once_and_both_post(tmp_path: Path):
    with FakeX() as x:
        first = signed_in(x)
        keyring = tmp_path / "tokens.json"
        keyring.write_text(json.dumps({"access": first.access, "refresh": first.refresh}), encoding="utf-8")
        x.expire_all()
        x.delay_next("token", RENEWAL_DELAY, times=2)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
        children = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.contract.x_renewal_child",
                    x.api_base,
                    x.client_id,
                    str(keyring),
                    str(tmp_path / "x-renewal.lock"),
                    text,
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for text in ("From the command line", "From Quick post")
        ]
        outputs = [child.communicate(timeout=60) for child in children]
        lines = [out.strip() for out, _err in outputs]
        assert all(line.startswith("posted ") for line in lines), outputs  # neither "reconnect needed"
        assert sorted(t.text for t in x.tweets) == ["From Quick post", "From the command line"]
        assert x.count("token") == 1
        stored = json.loads(keyring.read_text(encoding="utf-8"))
        assert stored["access"] != first.access
        assert isinstance(x.tokens.check(stored["refresh"], "refresh"), IssuedToken)  # alive, not spent
