"""`somedesk plan` (Plan my week from the command line) through the policy gate, `schedule --next
--explain`, the note of a time placed by hand beyond the rhythm, and the queue's state column.
Real subprocesses; weeks far ahead so that "now" never matters."""

from __future__ import annotations

import json

from tests.e2e.conftest import Runner

WEEK = "2099-W02"  # Monday 2099-01-05


def add(somedesk: Runner, text: str, network: str) -> int:
    added = somedesk("drafts", "add", text, "--network", network, "--json")
    assert added.returncode == 0, added.stderr
    return int(json.loads(added.stdout)["id"])


def states(somedesk: Runner) -> dict[int, str]:
    drafts = json.loads(somedesk("drafts", "list", "--json").stdout)
    return {int(d["id"]): d["publications"][0]["state"] for d in drafts}


def test_plan_never_proposes_a_blocked_draft_marks_a_warned_one_and_applies_through_the_gate(
    somedesk: Runner,
):
    blocked = add(somedesk, "Tunnus 131052-308T", "linkedin")
    warned = add(somedesk, "Soita 040 123 4567", "x")
    fine_li = add(somedesk, "Ajatuksia pienistä askelista", "linkedin")
    fine_x = add(somedesk, "Lyhyt ketju DST-bugeista", "x")
    shown = somedesk("plan", "--week", WEEK, "--json")
    assert shown.returncode == 0, shown.stderr
    proposals = json.loads(shown.stdout)
    by_draft = {p["draft"]: p for p in proposals}
    assert blocked not in by_draft
    assert {warned, fine_li, fine_x} <= set(by_draft)
    assert by_draft[warned]["policy"] == "warned" and by_draft[fine_x]["policy"] is None
    assert all(p["at"].startswith("2099-01-") for p in proposals)
    assert by_draft[fine_li]["why"][0].startswith(f"{by_draft[fine_li]['kind']} moment, score ")
    text = somedesk("plan", "--week", WEEK)
    assert "(the policy warns about its words)" in text.stdout and "131052" not in text.stdout
    # Nothing was scheduled by looking.
    assert set(states(somedesk).values()) == {"draft"}

    applied = somedesk("plan", "--week", WEEK, "--apply")
    assert applied.returncode == 1
    assert (
        f"somedesk: draft {warned}: the policy warns about a phone number at line 1, column 7"
        in applied.stderr
    )
    assert "040" not in applied.stderr
    assert states(somedesk) == {blocked: "draft", warned: "draft", fine_li: "scheduled", fine_x: "scheduled"}
    anyway = somedesk("plan", "--week", WEEK, "--apply", "--despite-warnings")
    assert anyway.returncode == 0, anyway.stderr
    assert states(somedesk)[warned] == "scheduled" and states(somedesk)[blocked] == "draft"


def test_plan_spreads_a_networks_posts_over_the_week_in_queue_order(somedesk: Runner):
    drafts = [add(somedesk, f"X post {n}", "x") for n in range(5)]
    proposals = json.loads(somedesk("plan", "--week", WEEK, "--json").stdout)
    assert [p["draft"] for p in proposals] == drafts  # by time: oldest draft first
    assert len({p["at"][:10] for p in proposals}) == 5  # five different days
    assert len({p["kind"] for p in proposals}) > 1  # not the same lunch every day


def test_a_bad_week_is_one_line_and_exit_2(somedesk: Runner):
    result = somedesk("plan", "--week", "2099-53")
    assert result.returncode == 2
    assert "is not a week; write it as YYYY-Www, e.g. 2026-W50" in result.stderr


def test_schedule_next_explains_its_choice(somedesk: Runner):
    draft = add(somedesk, "Hello", "linkedin")
    result = somedesk("schedule", str(draft), "--next", "--explain")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Scheduled draft {draft} for LinkedIn at ")
    assert (
        lines[1].startswith("  why: ")
        and " moment, score " in lines[1]
        and "free minutes for replies" in lines[1]
    )


def test_a_time_placed_by_hand_beyond_the_target_is_allowed_and_said(somedesk: Runner):
    for day in (5, 6, 7):
        draft = add(somedesk, f"LinkedIn {day}", "linkedin")
        assert somedesk("schedule", str(draft), "--at", f"2099-01-0{day}T11:30").returncode == 0
    fourth = add(somedesk, "LinkedIn 4", "linkedin")
    result = somedesk("schedule", str(fourth), "--at", "2099-01-08T11:30")
    assert result.returncode == 0, result.stderr
    assert "Note: LinkedIn: 4 of 3 this week." in result.stdout
    assert "Note: LinkedIn: 24 h from another LinkedIn post (your gap is 20 h)." not in result.stdout
    close = add(somedesk, "LinkedIn 5", "linkedin")
    result = somedesk("schedule", str(close), "--at", "2099-01-08T16:45")
    assert "Note: LinkedIn: 5 of 3 this week." in result.stdout
    assert "Note: LinkedIn: 5.2 h from another LinkedIn post (your gap is 20 h)." in result.stdout


def test_the_queue_has_a_state_column(somedesk: Runner):
    draft = add(somedesk, "Going out soon", "x")
    assert somedesk("schedule", str(draft), "--at", "2099-01-05T11:30").returncode == 0
    [line] = somedesk("queue").stdout.splitlines()
    assert line.split()[:6] == ["Mon", "05", "Jan", "11:30", "X", "scheduled"]


def test_schedule_next_on_seven_drafts_keeps_queue_order_and_one_x_post_a_day(somedesk: Runner):
    """The issue's fresh data folder: three X posts bunched on one Tuesday, the third draft first."""
    drafts = [add(somedesk, f"X post {n}", "x") for n in range(7)]
    for draft in drafts:
        result = somedesk("schedule", str(draft), "--next")
        assert result.returncode == 0, result.stderr
    queue = json.loads(somedesk("queue", "--json").stdout)
    at = {item["draft"]: item["at"] for item in queue}
    times = [at[d] for d in drafts]
    assert times == sorted(times)  # the older draft goes out first
    assert len({t[:10] for t in times}) == 7  # never two X posts on one day: free days were left
