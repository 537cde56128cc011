"""The planner's ideas panel, offscreen: a feed served on 127.0.0.1 becomes rows; Draft from this makes a
draft with the link (the drafts panel shows it); Dismiss hides one; a failing feed is named in place."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from somedesk.gui.context import GuiContext
from somedesk.gui.planner import PlannerWindow
from tests.fakes.server import FakeServer, Reply
from tests.gui.conftest import settle_planner

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Newsroom</title>
{extra}
<item><title>Office in Tampere</title><link>https://news.example.com/tampere</link><guid>n1</guid>
  <pubDate>Sun, 06 Dec 2026 07:00:00 GMT</pubDate>
  <description>&lt;p&gt;New office&lt;/p&gt;</description></item>
<item><title>Quarterly results</title><link>https://news.example.com/q4</link><guid>n2</guid>
  <pubDate>Thu, 03 Dec 2026 07:00:00 GMT</pubDate></item>
</channel></rss>
"""
FRESH = "<item><title>Hiring in Oulu</title><link>https://news.example.com/oulu</link><guid>n3</guid></item>"


class Newsroom(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.extra = ""
        self.route("GET", "/feed.xml", "feed", lambda _r, _m: Reply.text(200, RSS.format(extra=self.extra)))


@pytest.fixture
def newsroom() -> Iterator[Newsroom]:
    with Newsroom() as server:
        yield server


def titles(window: PlannerWindow) -> list[str]:
    return [row.title.text() for row in window.ideas_panel.rows]


def test_the_panel_lists_a_served_feed_and_refresh_brings_new_items(
    ctx: GuiContext, newsroom: Newsroom, open_planner, qtbot
):
    ctx.app.ideas.add_feed(newsroom.base_url + "/feed.xml")
    window = open_planner()
    panel = window.ideas_panel
    assert titles(window) == ["Office in Tampere", "Quarterly results"]
    assert [row.meta.text() for row in panel.rows] == ["Newsroom · 24 h ago", "Newsroom · 4 d ago"]
    assert panel.rows[0].toolTip() == "New office\n\nhttps://news.example.com/tampere"
    assert newsroom.count("feed") == 2  # once to follow it, once on the planner's first show
    assert not panel.problem.isVisibleTo(window) and not panel.hint.isVisibleTo(window)

    newsroom.extra = FRESH
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    settle_planner(window, qtbot)
    assert titles(window)[0] == "Hiring in Oulu" and len(titles(window)) == 3
    window.hide()
    window.show()
    settle_planner(window, qtbot)
    assert newsroom.count("feed") == 3  # showing again fetches nothing: only Refresh does


def test_draft_from_this_makes_a_draft_with_the_link_and_the_idea_leaves(
    ctx: GuiContext, newsroom: Newsroom, open_planner, qtbot
):
    ctx.app.ideas.add_feed(newsroom.base_url + "/feed.xml")
    window = open_planner()
    panel = window.ideas_panel
    assert panel.rows[0].draft_button.accessibleName() == "Draft from this: Office in Tampere"
    qtbot.mouseClick(panel.rows[0].draft_button, Qt.MouseButton.LeftButton)
    settle_planner(window, qtbot)
    (draft,) = ctx.app.drafts()
    assert draft.text == "Office in Tampere\n\nhttps://news.example.com/tampere"
    assert titles(window) == ["Quarterly results"]
    qtbot.waitUntil(lambda: [d.id for d in window.drafts_model.drafts] == [draft.id], timeout=5000)

    qtbot.mouseClick(panel.rows[0].dismiss_button, Qt.MouseButton.LeftButton)
    settle_planner(window, qtbot)
    assert titles(window) == [] and panel.hint.isVisibleTo(window)
    assert panel.hint.text() == "No new ideas. Refresh to look again."
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    settle_planner(window, qtbot)
    assert titles(window) == []  # neither comes back


def test_a_feed_that_cannot_be_reached_is_named_in_place_and_its_ideas_stay(
    ctx: GuiContext, newsroom: Newsroom, open_planner, qtbot
):
    ctx.app.ideas.add_feed(newsroom.base_url + "/feed.xml")
    newsroom.close()
    window = open_planner()
    panel = window.ideas_panel
    assert panel.problem.isVisibleTo(window)
    assert panel.problem.text() == (
        "Newsroom: could not be reached (no connection to the server) — showing what was fetched before"
    )
    assert titles(window) == ["Office in Tampere", "Quarterly results"]


def test_with_no_feed_the_panel_says_how_to_add_one_and_checks_the_address(
    ctx: GuiContext, newsroom: Newsroom, open_planner, qtbot
):
    window = open_planner()
    panel = window.ideas_panel
    assert panel.hint.isVisibleTo(window) and "paste its feed address" in panel.hint.text()
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.add_message.text() == "Paste the address of an RSS or Atom feed first."

    panel.address.setText(newsroom.base_url + "/nothing-here")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    settle_planner(window, qtbot)
    assert panel.add_message.text().startswith(
        newsroom.base_url + "/…/nothing-here: the server does not know"
    )
    assert ctx.app.ideas.feeds() == [] and panel.address.text().endswith("/nothing-here")

    panel.address.setText(newsroom.base_url + "/feed.xml")
    qtbot.keyClick(panel.address, Qt.Key.Key_Return)
    settle_planner(window, qtbot)
    assert panel.add_message.text() == "Following Newsroom: 2 ideas."
    assert titles(window) == ["Office in Tampere", "Quarterly results"] and panel.address.text() == ""
    assert not panel.hint.isVisibleTo(window)
