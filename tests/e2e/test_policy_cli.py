"""The policy on the command line: `somedesk check` reports findings, and `somedesk publish` stops on
a block finding (the post is kept, the publication failed with the rule's message) and asks once on a
warning (refused without --despite-warnings). Real subprocesses, publishing to the Sandbox network."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import Runner

POLICY = """
[[rule]]
name = "customers"
terms = ["asiak*"]
severity = "block"
message = "Customer names only with the customer's permission"
"""


def with_policy(home: Path, policy: str = POLICY) -> None:
    (home / "config.toml").write_text('[policy]\nsource = "policy.toml"\n', encoding="utf-8")
    (home / "policy.toml").write_text(policy, encoding="utf-8")


def add_draft(somedesk: Runner, text: str) -> int:
    added = somedesk("drafts", "add", text, "--network", "sandbox", "--json")
    assert added.returncode == 0, added.stderr
    return int(json.loads(added.stdout)["id"])


def outbox(home: Path) -> list[str]:
    path = home / "outbox.jsonl"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_check_prints_findings_with_their_position_and_exits_1_on_a_block(somedesk: Runner, home: Path):
    with_policy(home)
    result = somedesk("check", "Kiitos!\nTapasimme asiakkaan.")
    assert result.returncode == 1
    assert "LinkedIn: 28 / 3,000 (ok)" in result.stdout
    assert (
        "block: words of rule “customers” at line 2, column 11 "
        "(Customer names only with the customer's permission)" in result.stdout
    )
    assert "asiakkaan" not in result.stdout  # where, never what


def test_check_with_only_warnings_exits_0(somedesk: Runner):
    result = somedesk("check", "Soita 040 123 4567")
    assert result.returncode == 0
    assert "warn: a phone number at line 1, column 7 (A phone number" in result.stdout
    assert "040" not in result.stdout


def test_check_json_has_lengths_and_findings(somedesk: Runner, home: Path):
    with_policy(home)
    result = somedesk("check", "asiakas 131052-308T", "--network", "x", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [r["network"] for r in report["lengths"]] == ["x"]
    assert report["findings"] == [
        {
            "start": 0,
            "end": 7,
            "severity": "block",
            "message": "Customer names only with the customer's permission",
            "rule": "customers",
            "line": 1,
            "column": 1,
        },
        {
            "start": 8,
            "end": 19,
            "severity": "block",
            "message": "A Finnish personal identity code: never share one",
            "rule": "builtin.personal_id",
            "line": 1,
            "column": 9,
        },
    ]


def test_a_malformed_policy_is_one_clear_line(somedesk: Runner, home: Path):
    with_policy(home, POLICY.replace('"block"', '"blocker"'))
    result = somedesk("check", "hello")
    assert result.returncode == 1
    assert result.stderr == (
        f"somedesk: {home / 'policy.toml'}, line 5: rule 1 ('customers'): severity 'blocker' is not "
        '"block" or "warn" — did you mean \'block\'?\n'
    )


def test_a_policy_address_must_be_https(somedesk: Runner, home: Path):
    (home / "config.toml").write_text('[policy]\nsource = "http://example.com/p.toml"\n', encoding="utf-8")
    result = somedesk("check", "hello")
    assert result.returncode == 1
    assert "policy.source: expected a file path or an https:// address" in result.stderr


def test_a_block_finding_stops_the_publish_and_keeps_the_post(somedesk: Runner, home: Path):
    with_policy(home)
    draft_id = add_draft(somedesk, "Kiitos asiakkaillemme!")
    result = somedesk("publish", str(draft_id))
    assert result.returncode == 1
    # The finding by its rule and position: the matched words are never repeated.
    assert result.stderr == (
        f"somedesk: draft {draft_id}: the policy blocks words of rule “customers” at line 1, column 8 "
        "(Customer names only with the customer's permission)\n"
    )
    assert "asiakkaillemme" not in result.stderr + result.stdout
    assert outbox(home) == []
    shown = json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)
    assert shown["text"] == "Kiitos asiakkaillemme!"
    assert shown["publications"][0]["state"] == "draft"
    # --despite-warnings does not go past a block.
    assert somedesk("publish", str(draft_id), "--despite-warnings").returncode == 1
    # Edited to pass the policy, it goes out.
    assert somedesk("drafts", "edit", str(draft_id), "Kiitos kaikille!").returncode == 0
    assert somedesk("publish", str(draft_id)).returncode == 0
    assert len(outbox(home)) == 1


def test_a_warning_asks_once_publish_refuses_without_despite_warnings(somedesk: Runner, home: Path):
    draft_id = add_draft(somedesk, "Soita 040 123 4567 tai 050 765 4321, tämä on sisäinen juttu")
    refused = somedesk("publish", str(draft_id))
    assert refused.returncode == 1
    assert refused.stderr == (
        f"somedesk: draft {draft_id}: the policy warns about a phone number at line 1, column 7 "
        "(A phone number: share one only if its owner agreed)\n"
        f"somedesk: draft {draft_id}: the policy warns about a phone number at line 1, column 24 "
        "(A phone number: share one only if its owner agreed)\n"
        f"somedesk: draft {draft_id}: the policy warns about a word marking it confidential or internal "
        "at line 1, column 46 (Marked confidential or internal: share it only if it may be public)\n"
        f"somedesk: draft {draft_id}: go ahead anyway with --despite-warnings\n"
    )
    assert "040" not in refused.stderr and "sisäinen" not in refused.stderr
    assert outbox(home) == []
    shown = json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)
    assert shown["publications"][0]["state"] == "draft"
    published = somedesk("publish", str(draft_id), "--despite-warnings")
    assert published.returncode == 0, published.stderr
    assert len(outbox(home)) == 1
