"""`somedesk ideas …`: content ideas from feeds on the command line.

Feed addresses may carry a private token, so they are printed only through `feeds.feed_name()`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from somedesk.cli.common import NETWORK_CHOICES, app_for, id_arg, print_json
from somedesk.core.ideas import Feed, Idea
from somedesk.core.model import Network

NO_FEEDS = "No feeds yet. Follow your newsroom: somedesk ideas add URL"


def add_commands(commands: Any) -> None:
    ideas = commands.add_parser("ideas", help="content ideas from your company's news or blog feeds")
    sub = ideas.add_subparsers(title="ideas commands", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="follow an RSS or Atom feed (a web address or a file)")
    add.add_argument("address", metavar="URL", help="the feed's address")
    add.set_defaults(handler=cmd_ideas_add)
    listing = sub.add_parser("list", help="new ideas, newest first")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_ideas_list)
    refresh = sub.add_parser("refresh", help="check every feed for new ideas")
    refresh.set_defaults(handler=cmd_ideas_refresh)
    draft = sub.add_parser("draft", help="make a draft with an idea's title and link")
    draft.add_argument("id", type=_idea_id)
    draft.add_argument("--network", action="append", choices=NETWORK_CHOICES, default=[])
    draft.add_argument("--json", action="store_true", help="print JSON")
    draft.set_defaults(handler=cmd_ideas_draft)
    dismiss = sub.add_parser("dismiss", help="hide an idea for good")
    dismiss.add_argument("id", type=_idea_id)
    dismiss.set_defaults(handler=cmd_ideas_dismiss)
    feeds = sub.add_parser("feeds", help="the feeds you follow, when each was checked and any error")
    feeds.add_argument("--json", action="store_true", help="print JSON")
    feeds.set_defaults(handler=cmd_ideas_feeds)
    remove = sub.add_parser("remove", help="stop following a feed (its ideas go too)")
    remove.add_argument("feed", metavar="URL_OR_ID", help="the feed's address or its id in `ideas feeds`")
    remove.set_defaults(handler=cmd_ideas_remove)


def _idea_id(value: str) -> int:
    return id_arg(value, "an idea id", "somedesk ideas list")


def _local(instant: datetime | None, zone: ZoneInfo) -> str | None:
    return instant.astimezone(zone).isoformat(timespec="minutes") if instant else None


def _ideas_count(count: int) -> str:
    return "1 idea" if count == 1 else f"{count} ideas"


# Commands --------------------------------------------------------------------------------------


def cmd_ideas_add(args: argparse.Namespace) -> int:
    feed, count = app_for(args).ideas.add_feed(args.address)
    print(f"Following {feed.title}: {_ideas_count(count)}. See them: somedesk ideas list")
    return 0


def cmd_ideas_list(args: argparse.Namespace) -> int:
    app = app_for(args)
    zone = app.config.routine.zone
    ideas = app.ideas.new_ideas()
    if args.json:
        print_json([_idea_json(i, zone) for i in ideas])
    elif not ideas:
        follows = bool(app.ideas.feeds())
        print("No new ideas." if follows else NO_FEEDS)
    else:
        for idea in ideas:
            print(
                f"{idea.id:>4}  {idea.when.astimezone(zone):%d %b}  {idea.feed_title[:16]:<16}  {idea.title}"
            )
            if idea.link:
                print(f"{'':>6}{idea.link}")
    return 0


def cmd_ideas_refresh(args: argparse.Namespace) -> int:
    report = app_for(args).ideas.refresh()
    print(f"{_ideas_count(report.new).capitalize()} new." if report.new else "Nothing new.")
    for problem in report.problems:
        print(f"somedesk: {problem}; keeping what was fetched before", file=sys.stderr)
    return 1 if report.problems else 0


def cmd_ideas_draft(args: argparse.Namespace) -> int:
    app = app_for(args)
    draft = app.ideas.draft(args.id, [Network(n) for n in args.network])
    if args.json:
        print_json({"id": draft.id, "idea": args.id})
    else:
        networks = ", ".join(n.display_name for n in draft.networks) or "no network yet"
        print(f"Added draft {draft.id} from idea {args.id} ({networks}).")
    return 0


def cmd_ideas_dismiss(args: argparse.Namespace) -> int:
    app_for(args).ideas.dismiss(args.id)
    print(f"Dismissed idea {args.id}.")
    return 0


def cmd_ideas_feeds(args: argparse.Namespace) -> int:
    from somedesk.sources.feeds import feed_name

    app = app_for(args)
    zone = app.config.routine.zone
    feeds = app.ideas.feeds()
    if args.json:
        print_json([_feed_json(f, zone) for f in feeds])
    elif not feeds:
        print(NO_FEEDS)
    else:
        for feed in feeds:
            checked = f"{feed.checked_at.astimezone(zone):%a %d %b %H:%M}" if feed.checked_at else "never"
            print(f"{feed.id:>4}  {feed.title}  {feed_name(feed.url)}  checked {checked}")
            if feed.last_error:
                print(f"{'':>6}last check failed: {feed.last_error}")
    return 0


def cmd_ideas_remove(args: argparse.Namespace) -> int:
    feed = app_for(args).ideas.remove_feed(args.feed)
    print(f"Stopped following {feed.title}.")
    return 0


def _idea_json(idea: Idea, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "id": idea.id,
        "feed": idea.feed_title,
        "feed_id": idea.feed_id,
        "title": idea.title,
        "link": idea.link,
        "summary": idea.summary,
        "published_at": _local(idea.published_at, zone),
        "found_at": _local(idea.found_at, zone),
    }


def _feed_json(feed: Feed, zone: ZoneInfo) -> dict[str, Any]:
    from somedesk.sources.feeds import feed_name

    return {
        "id": feed.id,
        "title": feed.title,
        "address": feed_name(feed.url),
        "checked_at": _local(feed.checked_at, zone),
        "last_error": feed.last_error,
    }
