"""`somedesk ideas …` through the real command line: follow a feed served on 127.0.0.1, list its ideas,
draft from one, dismiss another, see the feeds and unfollow."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import Runner
from tests.fakes.server import FakeServer, Reply

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Newsroom</title>
<item><title>Office in Tampere</title><link>https://news.example.com/tampere</link><guid>n1</guid>
  <pubDate>Fri, 04 Dec 2026 08:30:00 GMT</pubDate>
  <description>&lt;p&gt;New &lt;b&gt;office&lt;/b&gt;&lt;/p&gt;</description></item>
<item><title>Quarterly results</title><link>https://news.example.com/q4</link><guid>n2</guid>
  <pubDate>Mon, 30 Nov 2026 12:00:00 GMT</pubDate></item>
</channel></rss>
"""


@pytest.fixture
def newsroom() -> Iterator[FakeServer]:
    with FakeServer() as server:
        server.route(
            "GET",
            "/feed.xml",
            "feed",
            lambda _r, _m: Reply.text(200, RSS, content_type="application/rss+xml"),
        )
        server.route(
            "GET",
            "/",
            "page",
            lambda _r, _m: Reply.text(200, "<html><body>hi</body></html>", content_type="text/html"),
        )
        yield server


def test_follow_list_draft_and_dismiss(somedesk: Runner, newsroom: FakeServer):
    url = newsroom.base_url + "/feed.xml?token=s3cret"
    added = somedesk("ideas", "add", url)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Following Newsroom: 2 ideas.")

    ideas = json.loads(somedesk("ideas", "list", "--json").stdout)
    assert [(i["title"], i["link"], i["feed"], i["summary"]) for i in ideas] == [
        ("Office in Tampere", "https://news.example.com/tampere", "Newsroom", "New office"),
        ("Quarterly results", "https://news.example.com/q4", "Newsroom", ""),
    ]
    tampere, results = ideas[0]["id"], ideas[1]["id"]
    assert "Office in Tampere" in somedesk("ideas", "list").stdout

    made = somedesk("ideas", "draft", str(tampere), "--network", "linkedin", "--json")
    assert made.returncode == 0, made.stderr
    draft_id = json.loads(made.stdout)["id"]
    draft = json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)
    assert draft["text"] == "Office in Tampere\n\nhttps://news.example.com/tampere"
    assert draft["networks"] == ["linkedin"]

    again = somedesk("ideas", "draft", str(tampere))
    assert again.returncode == 1 and again.stderr.strip() == (
        f"somedesk: idea {tampere} is already drafted (draft {draft_id})"
    )
    assert somedesk("ideas", "dismiss", str(results)).stdout.strip() == f"Dismissed idea {results}."
    assert json.loads(somedesk("ideas", "list", "--json").stdout) == []

    refreshed = somedesk("ideas", "refresh")  # neither comes back
    assert (refreshed.returncode, refreshed.stdout.strip()) == (0, "Nothing new.")
    assert somedesk("ideas", "list").stdout.strip() == "No new ideas."

    feeds = somedesk("ideas", "feeds")
    assert "Newsroom" in feeds.stdout and f"{newsroom.base_url}/…/feed.xml" in feeds.stdout
    assert "s3cret" not in feeds.stdout
    assert somedesk("ideas", "remove", url).stdout.strip() == "Stopped following Newsroom."
    assert somedesk("ideas", "feeds").stdout.startswith("No feeds yet.")


def test_bad_addresses_and_ids_are_one_line_errors(somedesk: Runner, newsroom: FakeServer):
    page = somedesk("ideas", "add", newsroom.base_url + "/?key=s3cret")
    assert page.returncode == 1
    assert page.stderr == f"somedesk: {newsroom.base_url}/…: this address is not an RSS or Atom feed\n"
    missing = somedesk("ideas", "add", newsroom.base_url + "/old/rss")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "(404)" in missing.stderr
    assert (
        somedesk("ideas", "draft", "7").stderr.strip()
        == "somedesk: there is no idea 7 (see: somedesk ideas list)"
    )
    assert somedesk("ideas", "dismiss", "seven").returncode == 2
    assert somedesk("ideas", "remove", "3").returncode == 1
    assert somedesk("ideas", "list").stdout.startswith("No feeds yet.")
