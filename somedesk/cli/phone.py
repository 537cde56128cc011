"""`somedesk phone …`: your phone in the loop through an ntfy server (setup, test, status, off, sync,
topic, posted)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from somedesk.cli.common import app_for, draft_id_arg, nudge_runtime, print_json
from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network

PRIVACY = (
    "Privacy: the text of your scheduled posts goes to {server} (and only there) so that your phone "
    "can remind you while this computer sleeps; run your own ntfy server to keep it in-house."
)


def add_commands(commands: Any) -> None:
    phone = commands.add_parser("phone", help="reminders on your phone, and ideas from it (ntfy)")
    phone.set_defaults(phone_syncs_itself=True)  # cli/main.py: no second sync for its own writes
    sub = phone.add_subparsers(title="phone commands", metavar="ACTION", required=True)
    setup = sub.add_parser(
        "setup",
        help="choose the topic and access token (kept in your keyring); "
        "from standard input when piped: line 1 the topic, line 2 the token",
    )
    setup.add_argument("--server", metavar="URL", help="your ntfy server (default https://ntfy.sh)")
    setup.set_defaults(handler=cmd_phone_setup)
    test = sub.add_parser("test", help="send one message to your phone now")
    test.set_defaults(handler=cmd_phone_test)
    status = sub.add_parser("status", help="the server, what it holds for you, what is behind")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_phone_status)
    off = sub.add_parser("off", help="cancel every pending reminder on the server and remove the secrets")
    off.set_defaults(handler=cmd_phone_off)
    sync = sub.add_parser("sync", help="update the server to the schedule and take in the phone's ideas now")
    sync.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)  # the CLI's own background sync
    sync.set_defaults(handler=cmd_phone_sync)
    topic = sub.add_parser("topic", help="show the topic and the address to subscribe to in the ntfy app")
    topic.set_defaults(handler=cmd_phone_topic)
    posted = sub.add_parser("posted", help="“I posted it”: a post sent to your phone was posted from there")
    posted.add_argument("draft_id", type=draft_id_arg)
    posted.add_argument("--network", choices=[n.value for n in Network])
    posted.set_defaults(handler=cmd_phone_posted)


def _ask(prompt: str, *, hidden: bool = False) -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    if hidden:
        import getpass

        return getpass.getpass(prompt).strip()
    return input(prompt).strip()


def cmd_phone_setup(args: argparse.Namespace) -> int:
    app = app_for(args)
    server = args.server or app.config.phone.server
    print(PRIVACY.format(server=server.rstrip("/")), flush=True)
    topic = _ask("Topic (letters, digits, - and _; Enter makes a private one): ")
    token = _ask("Access token (not shown; Enter for none): ", hidden=True)
    topic = app.phone.setup(topic or None, token or None, args.server)
    print(f"Phone set up with {app.config.phone.server}.")
    print(
        f"In the ntfy app, subscribe to the topic {topic} on that server (or scan the QR code in Settings)."
    )
    print(f"Ideas you publish to {topic}-inbox become drafts here.")
    result = app.phone.sync()
    if not result.ok:
        print(f"somedesk: {result.error}; the phone will be updated later", file=sys.stderr)
    return 0


def cmd_phone_test(args: argparse.Namespace) -> int:
    app = app_for(args)
    app.phone.test()
    print("Sent a test message to your phone.")
    return 0


def cmd_phone_status(args: argparse.Namespace) -> int:
    app = app_for(args)
    status = app.phone.status()
    if args.json:
        print_json(status.as_json())
        return 0
    print(f"Server: {status.server}")
    if not status.set_up:
        print("Not set up: somedesk phone setup")
        return 0
    print(f"Reminders the server holds for you: {status.holding}")
    if status.behind:
        print(f"Not on the server yet: {status.behind} change{'s' if status.behind != 1 else ''}")
    if status.last_error:
        print(f"Last error ({status.last_error_at:%Y-%m-%d %H:%M} UTC): {status.last_error}")
    elif status.synced_at is not None:
        print(f"Up to date (last sync {status.synced_at:%Y-%m-%d %H:%M} UTC)")
    return 0


def cmd_phone_off(args: argparse.Namespace) -> int:
    app = app_for(args)
    cancelled = app.phone.off()
    print(
        f"Phone off: {cancelled} reminder{'s' if cancelled != 1 else ''} cancelled; topic and token removed."
    )
    return 0


def cmd_phone_sync(args: argparse.Namespace) -> int:
    app = app_for(args)
    if not app.phone.set_up:
        if args.quiet:
            return 0
        raise InvalidInputError("your phone is not set up yet: somedesk phone setup")
    result = app.phone.sync()
    if args.quiet:
        return 0 if result.ok else 1
    for draft in result.drafts:
        print(f"New draft {draft.id} from your phone: {draft.first_line[:60]}")
    if not result.ok:
        print(f"somedesk: {result.error}", file=sys.stderr)
        return 1
    print(f"Phone up to date: {result.sent} sent, {result.cancelled} cancelled.")
    return 0


def cmd_phone_topic(args: argparse.Namespace) -> int:
    app = app_for(args)
    if not app.phone.set_up:
        raise InvalidInputError("your phone is not set up yet: somedesk phone setup")
    print(app.phone.topic())
    print(app.phone.subscribe_url())
    return 0


def cmd_phone_posted(args: argparse.Namespace) -> int:
    app = app_for(args)
    draft = app.draft(args.draft_id)
    waiting = [p for p in draft.publications if p.state.value in ("scheduled", "missed")]
    if args.network:
        waiting = [p for p in waiting if p.network.value == args.network]
    if not waiting:
        raise InvalidInputError(f"draft {draft.id} has no post waiting for you")
    for publication in waiting:
        app.phone.posted_it(publication.id)
        print(f"Marked as posted from your phone: draft {draft.id} on {publication.network.display_name}.")
    nudge_runtime(app)
    return 0
