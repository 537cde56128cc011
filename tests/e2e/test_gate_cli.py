"""The policy gate on every command-line path that sends a draft: `schedule --next`, `schedule --at`,
`publish`, `drafts edit` of a scheduled draft and `plan --apply`. A `block` finding refuses with exit 1
and one line per finding, named by rule and position (never the words); a `warn` finding refuses
until `--despite-warnings`, and that choice is kept on the draft until its text changes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import Result, Runner

IDENTITY_CODE = "131052-308T"
BLOCKED = f"Hei!\nTapasimme eilen, tunnus {IDENTITY_CODE}"
BLOCK_LINE = (
    "the policy blocks a Finnish personal identity code at line 2, column 25 "
    "(A Finnish personal identity code: never share one)"
)
WARNED = "Soita 040 123 4567"
WARN_LINE = (
    "the policy warns about a phone number at line 1, column 7 "
    "(A phone number: share one only if its owner agreed)"
)


def add_draft(somedesk: Runner, text: str, network: str = "linkedin") -> int:
    added = somedesk("drafts", "add", text, "--network", network, "--json")
    assert added.returncode == 0, added.stderr
    return int(json.loads(added.stdout)["id"])


def state(somedesk: Runner, draft_id: int) -> str:
    shown = json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)
    return str(shown["publications"][0]["state"])


def assert_blocked(result: Result, draft_id: int) -> None:
    assert result.returncode == 1
    assert result.stderr == f"somedesk: draft {draft_id}: {BLOCK_LINE}\n"
    assert IDENTITY_CODE not in result.stdout + result.stderr


def assert_warned(result: Result, draft_id: int) -> None:
    assert result.returncode == 1
    assert result.stderr == (
        f"somedesk: draft {draft_id}: {WARN_LINE}\n"
        f"somedesk: draft {draft_id}: go ahead anyway with --despite-warnings\n"
    )
    assert "040" not in result.stderr


def test_schedule_next_refuses_a_blocked_draft(somedesk: Runner):
    draft_id = add_draft(somedesk, BLOCKED)
    assert_blocked(somedesk("schedule", str(draft_id), "--next"), draft_id)
    assert_blocked(somedesk("schedule", str(draft_id), "--next", "--despite-warnings"), draft_id)
    assert state(somedesk, draft_id) == "draft"


def test_schedule_at_refuses_a_blocked_draft(somedesk: Runner):
    draft_id = add_draft(somedesk, BLOCKED)
    assert_blocked(somedesk("schedule", str(draft_id), "--at", "2099-01-05T11:30"), draft_id)
    assert state(somedesk, draft_id) == "draft"


def test_schedule_asks_once_about_a_warning_and_keeps_the_answer_until_the_text_changes(somedesk: Runner):
    draft_id = add_draft(somedesk, WARNED)
    assert_warned(somedesk("schedule", str(draft_id), "--at", "2099-01-05T11:30"), draft_id)
    assert state(somedesk, draft_id) == "draft"
    accepted = somedesk("schedule", str(draft_id), "--at", "2099-01-05T11:30", "--despite-warnings")
    assert accepted.returncode == 0, accepted.stderr
    assert state(somedesk, draft_id) == "scheduled"
    # Asked once: moving it again needs no flag while the text is the same.
    moved = somedesk("schedule", str(draft_id), "--next")
    assert moved.returncode == 0, moved.stderr
    # New words with a warning of their own: asked again (the schedule stays as it was).
    edited = somedesk("drafts", "edit", str(draft_id), "Soita 050 765 4321")
    assert edited.returncode == 1
    assert "the policy warns about a phone number at line 1, column 7" in edited.stderr
    assert json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)["text"] == WARNED
    assert (
        somedesk("drafts", "edit", str(draft_id), "Soita 050 765 4321", "--despite-warnings").returncode == 0
    )
    assert somedesk("schedule", str(draft_id), "--next").returncode == 0


def test_a_warning_accepted_once_is_asked_again_after_the_text_changed(somedesk: Runner):
    draft_id = add_draft(somedesk, WARNED)
    assert somedesk("schedule", str(draft_id), "--next", "--despite-warnings").returncode == 0
    assert somedesk("unschedule", str(draft_id)).returncode == 0
    assert somedesk("drafts", "edit", str(draft_id), WARNED + " tänään").returncode == 0  # waiting: free
    assert_warned(somedesk("schedule", str(draft_id), "--next"), draft_id)


def test_editing_a_scheduled_draft_to_blocked_words_is_refused_and_keeps_the_old_text(somedesk: Runner):
    draft_id = add_draft(somedesk, "Hei kaikki")
    assert somedesk("schedule", str(draft_id), "--next").returncode == 0
    edited = somedesk("drafts", "edit", str(draft_id), BLOCKED)
    assert_blocked(edited, draft_id)
    shown = json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)
    assert shown["text"] == "Hei kaikki" and shown["publications"][0]["state"] == "scheduled"


def test_publish_refuses_a_blocked_draft_before_anything_is_sent(somedesk: Runner, home: Path):
    draft_id = add_draft(somedesk, BLOCKED, network="sandbox")
    assert_blocked(somedesk("publish", str(draft_id)), draft_id)
    assert not (home / "outbox.jsonl").exists()
    assert state(somedesk, draft_id) == "draft"
