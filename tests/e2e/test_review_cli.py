"""`somedesk review`: the week's sandbox posts show up in the plain summary and its JSON."""

from __future__ import annotations

import json

from tests.e2e.conftest import Runner


def test_review_counts_the_weeks_published_posts(somedesk: Runner):
    for text in ("first", "second"):
        draft_id = json.loads(somedesk("drafts", "add", text, "--network", "sandbox", "--json").stdout)["id"]
        assert somedesk("publish", str(draft_id)).returncode == 0
    summary = somedesk("review")
    assert summary.returncode == 0, summary.stderr
    assert "  LinkedIn: 0 of 3" in summary.stdout and "  Sandbox: 2" in summary.stdout
    data = json.loads(somedesk("review", "--json").stdout)
    assert {n["network"]: n["posted"] for n in data["networks"]} == {"linkedin": 0, "x": 0, "sandbox": 2}
    assert data["moments"]["missed"] == [] and data["reply_reminders"] == []
    other = json.loads(somedesk("review", "--week", "2020-W01", "--json").stdout)
    assert other["start"].startswith("2019-12-30") and "sandbox" not in [
        n["network"] for n in other["networks"]
    ]
    bad = somedesk("review", "--week", "last week")
    assert bad.returncode == 2 and "YYYY-Www" in bad.stderr
