"""Content ideas from feeds: RSS and Atom served on 127.0.0.1 become ideas in a real store; conditional
GETs, duplicates, dismissed ideas, pruning and every failure as one line."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from somedesk.app.services import Somedesk
from somedesk.core.config import Config
from somedesk.core.errors import InvalidInputError, NotFoundError, UserError
from somedesk.core.ideas import KEEP_PER_FEED, FoundItem, IdeaState, plain_text, stable_guid
from somedesk.core.model import Network
from somedesk.core.routine import Routine
from somedesk.sources.feeds import NOT_A_FEED, FeedError, feed_name, fetch_feed
from somedesk.sources.paths import resolve_paths
from somedesk.store import Store
from tests.fakes.server import FakeServer, Reply, Request

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Newsroom</title><link>https://news.example.com/</link><description>Company news</description>
<item>
  <title>We opened an office in Tampere</title>
  <link>https://news.example.com/tampere</link>
  <guid isPermaLink="false">news-1</guid>
  <pubDate>Fri, 04 Dec 2026 08:30:00 +0200</pubDate>
  <description>&lt;p&gt;Our &lt;b&gt;new&lt;/b&gt; office&lt;script&gt;alert(1)&lt;/script&gt;
  opens &amp;amp; hires.&lt;/p&gt;</description>
</item>
<item>
  <title>Quarterly results</title>
  <link>https://news.example.com/q4</link>
  <pubDate>Mon, 30 Nov 2026 12:00:00 GMT</pubDate>
  <description>Plain words.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Engineering &lt;i&gt;blog&lt;/i&gt;</title>
  <id>urn:uuid:blog</id><updated>2026-12-06T10:00:00Z</updated>
  <entry>
    <title>How we test offline</title>
    <link rel="alternate" href="/posts/offline"/>
    <id>urn:uuid:post-7</id>
    <updated>2026-12-06T10:00:00+02:00</updated>
    <summary type="html">
      &lt;div&gt;Local &lt;a href="x"&gt;servers&lt;/a&gt;, real SQLite.&lt;/div&gt;</summary>
  </entry>
</feed>
"""

HTML_PAGE = "<!DOCTYPE html><html><head><title>Shop</title></head><body><p>Buy things</p></body></html>"


class FeedServer(FakeServer):
    """Serves /rss, /atom and /page; /rss answers 304 to the ETag it gave out when `honour_etag`."""

    ETAG = '"v1"'

    def __init__(self) -> None:
        super().__init__()
        self.rss = RSS
        self.honour_etag = True
        self.route("GET", "/rss", "rss", self._rss)
        self.route(
            "GET", "/atom", "atom", lambda _r, _m: Reply.text(200, ATOM, content_type="application/atom+xml")
        )
        self.route(
            "GET", "/page", "page", lambda _r, _m: Reply.text(200, HTML_PAGE, content_type="text/html")
        )

    def _rss(self, request: Request, _match: object) -> Reply:
        if self.honour_etag and request.header("If-None-Match") == self.ETAG:
            return Reply(304, b"", {"ETag": self.ETAG})
        reply = Reply.text(200, self.rss, content_type="application/rss+xml")
        reply.headers["ETag"] = self.ETAG
        return reply


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Somedesk]:
    paths = resolve_paths(env={"SOMEDESK_HOME": str(tmp_path / "home")})
    paths.ensure()
    somedesk = Somedesk(
        paths, Config(routine=Routine(zone=ZoneInfo("UTC"))), Store.open(paths.database), lambda: NOW
    )
    yield somedesk
    somedesk.store.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_rss_feed_becomes_ideas_with_titles_links_and_utc_dates(app: Somedesk, server: FeedServer):
    feed, count = app.ideas.add_feed(server.base_url + "/rss")
    assert (feed.title, count) == ("Newsroom", 2)
    ideas = app.ideas.new_ideas()
    assert [(i.title, i.link, i.feed_title) for i in ideas] == [
        ("We opened an office in Tampere", "https://news.example.com/tampere", "Newsroom"),
        ("Quarterly results", "https://news.example.com/q4", "Newsroom"),
    ]
    assert ideas[0].published_at == datetime(2026, 12, 4, 6, 30, tzinfo=UTC)
    assert ideas[0].guid == "news-1" and ideas[1].guid == "https://news.example.com/q4"
    # HTML is stripped (scripts with their text), entities decoded.
    assert ideas[0].summary == "Our new office opens & hires."


def test_an_atom_feed_becomes_ideas_with_relative_links_resolved(app: Somedesk, server: FeedServer):
    feed, count = app.ideas.add_feed(server.base_url + "/atom")
    assert (feed.title, count) == ("Engineering blog", 1)
    (idea,) = app.ideas.new_ideas()
    assert idea.title == "How we test offline" and idea.link == server.base_url + "/posts/offline"
    assert idea.published_at == datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
    assert idea.summary == "Local servers, real SQLite."


def test_a_304_to_the_etag_means_nothing_new(app: Somedesk, server: FeedServer):
    app.ideas.add_feed(server.base_url + "/rss")
    server.rss = RSS.replace("news-1", "news-99")  # would be a new idea, if it were fetched
    report = app.ideas.refresh()
    assert (report.new, report.problems) == (0, [])
    assert server.seen("rss")[-1].headers["if-none-match"] == FeedServer.ETAG
    assert {r.headers["user-agent"] for r in server.seen("rss")} == {"somedesk"}
    assert len(app.ideas.new_ideas()) == 2
    assert app.ideas.feeds()[0].checked_at == NOW and app.ideas.feeds()[0].last_error is None


def test_the_same_entries_are_not_added_twice_and_new_ones_are(app: Somedesk, server: FeedServer):
    server.honour_etag = False
    app.ideas.add_feed(server.base_url + "/rss")
    assert app.ideas.refresh().new == 0
    server.rss = RSS.replace("<item>", "<item><title>Fresh</title><guid>news-2</guid></item><item>", 1)
    assert app.ideas.refresh().new == 1
    assert sorted(i.title for i in app.ideas.new_ideas()) == [
        "Fresh",
        "Quarterly results",
        "We opened an office in Tampere",
    ]


def test_dismissed_and_drafted_ideas_never_come_back(app: Somedesk, server: FeedServer):
    server.honour_etag = False
    app.ideas.add_feed(server.base_url + "/rss")
    first, second = app.ideas.new_ideas()
    assert app.ideas.dismiss(first.id).state is IdeaState.DISMISSED
    draft = app.ideas.draft(second.id, [Network.LINKEDIN])
    assert draft.text == "Quarterly results\n\nhttps://news.example.com/q4"
    assert draft.networks == (Network.LINKEDIN,)
    assert app.ideas.idea(second.id).draft_id == draft.id
    assert app.ideas.refresh().new == 0
    assert app.ideas.new_ideas() == []
    with pytest.raises(
        InvalidInputError, match=f"idea {second.id} is already drafted \\(draft {draft.id}\\)"
    ):
        app.ideas.draft(second.id)
    with pytest.raises(UserError, match="was dismissed"):
        app.ideas.dismiss(first.id)
    with pytest.raises(NotFoundError, match="there is no idea 999"):
        app.ideas.draft(999)


def test_old_ideas_are_pruned_but_what_the_feed_still_lists_is_kept(app: Somedesk):
    records = app.ideas.records

    def item(n: int) -> FoundItem:
        return FoundItem(
            f"g{n}",
            f"Item {n}",
            None,
            "",
            datetime(2026, 1, 1, tzinfo=UTC).replace(day=1 + n % 28, month=1 + n // 28 % 12),
        )

    many = [item(n) for n in range(KEEP_PER_FEED + 20)]
    feed, added = records.add_feed("/tmp/feed.xml", "Many", many, NOW)
    assert added == KEEP_PER_FEED + 20
    records.dismiss(records.ideas()[-1].id)  # the oldest: still listed by the feed below, so remembered
    oldest_guid = records.ideas(IdeaState.DISMISSED)[0].guid
    records.record_fetch(feed.id, [item(9999), *(i for i in many if i.guid == oldest_guid)], NOW)
    kept = records.ideas() + records.ideas(IdeaState.DISMISSED)
    assert len(kept) == KEEP_PER_FEED + 1
    assert oldest_guid in {i.guid for i in kept}
    records.record_fetch(feed.id, [item(9999)], NOW)
    assert len(records.ideas()) + len(records.ideas(IdeaState.DISMISSED)) == KEEP_PER_FEED


def test_a_local_file_is_a_feed_too(app: Somedesk, tmp_path: Path):
    path = tmp_path / "news.xml"
    path.write_text(RSS, encoding="utf-8")
    feed, count = app.ideas.add_feed(f"file://{path}")
    assert (feed.url, count) == (str(path), 2)
    path.write_text(RSS.replace("news-1", "news-3"), encoding="utf-8")
    assert app.ideas.refresh().new == 1


def test_a_page_that_is_no_feed_a_404_and_an_unreachable_port_are_one_line_each(
    app: Somedesk, server: FeedServer
):
    with pytest.raises(FeedError) as page:
        app.ideas.add_feed(server.base_url + "/page?token=s3cret")
    assert str(page.value) == f"{server.base_url}/…/page: {NOT_A_FEED}"
    with pytest.raises(FeedError) as missing:
        fetch_feed(server.base_url + "/gone/feed.xml?key=s3cret")
    assert str(missing.value).startswith(
        f"{server.base_url}/…/feed.xml: the server does not know this address (404)"
    )
    port = free_port()
    with pytest.raises(FeedError) as closed:
        fetch_feed(f"http://127.0.0.1:{port}/private/abc123def456?token=s3cret", timeout=3)
    assert (
        str(closed.value) == f"http://127.0.0.1:{port}/…: could not be reached (no connection to the server)"
    )
    for error in (page.value, missing.value, closed.value):
        assert "\n" not in str(error) and "s3cret" not in str(error)
    assert app.ideas.feeds() == []


def test_a_feed_that_fails_keeps_its_ideas_and_says_why(app: Somedesk, server: FeedServer):
    app.ideas.add_feed(server.base_url + "/rss")
    server.fail_next("rss", 503)
    report = app.ideas.refresh()
    assert report.problems == ["Newsroom: the server had a problem (503); try again later"]
    assert len(app.ideas.new_ideas()) == 2
    assert app.ideas.feeds()[0].last_error == report.problems[0]
    assert app.ideas.refresh().problems == [] and app.ideas.feeds()[0].last_error is None


def test_following_twice_and_removing_by_id_or_address(app: Somedesk, server: FeedServer):
    url = server.base_url + "/rss"
    feed, _ = app.ideas.add_feed(url)
    with pytest.raises(InvalidInputError, match="you already follow Newsroom"):
        app.ideas.add_feed(url + "  ")
    assert app.ideas.remove_feed(str(feed.id)).title == "Newsroom"
    assert app.ideas.new_ideas() == []
    app.ideas.add_feed(url)
    app.ideas.remove_feed(url)
    with pytest.raises(NotFoundError):
        app.ideas.remove_feed(url)
    with pytest.raises(InvalidInputError, match="https:// in front"):
        app.ideas.add_feed("news.example.com/feed")
    with pytest.raises(InvalidInputError, match="starts with https://"):
        app.ideas.add_feed("ftp://news.example.com/feed")


def test_addresses_are_shown_without_their_secrets():
    assert feed_name("https://news.example.com/feed.xml?token=abc") == "https://news.example.com/…/feed.xml"
    assert feed_name("https://news.example.com/u/9f8e7d6c5b4a/rss") == "https://news.example.com/…/rss"
    assert feed_name("https://news.example.com/feeds/9f8e7d6c5b4a") == "https://news.example.com/…"
    assert feed_name("https://news.example.com/?key=abc") == "https://news.example.com/…"
    assert feed_name("https://news.example.com") == "https://news.example.com"
    assert feed_name("/home/me/feed.xml") == "/home/me/feed.xml"


def test_plain_text_and_stable_ids():
    assert plain_text("<p>One</p><p>two &lt;b&gt; three</p>") == "One two <b> three"
    assert plain_text("a " * 400, 20).endswith("…") and len(plain_text("a " * 400, 20)) <= 20
    assert (
        stable_guid(None, None, "Title") == stable_guid("", "  ", "Title") != stable_guid(None, None, "Other")
    )


def test_the_network_log_never_holds_a_feeds_token(server: FeedServer, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.DEBUG, logger="urllib3"):
        fetch_feed(server.base_url + "/rss?token=s3cret")
    assert any(r.name.startswith("urllib3") and "GET /…" in r.getMessage() for r in caplog.records)
    assert "s3cret" not in caplog.text
