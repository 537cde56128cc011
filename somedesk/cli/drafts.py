"""`somedesk drafts …`: add, list, show, edit and delete drafts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from somedesk.cli.common import NETWORK_CHOICES, app_for, draft_id_arg, nudge_runtime, print_json, read_text
from somedesk.core.model import Network


def add_commands(commands: Any) -> None:
    drafts = commands.add_parser("drafts", help="keep drafts")
    sub = drafts.add_subparsers(title="drafts commands", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a draft")
    add.add_argument("text", help='the text, or "-" to read it from standard input')
    add.add_argument("--network", action="append", choices=NETWORK_CHOICES, default=[])
    add.add_argument(
        "--image", action="append", type=Path, default=[], metavar="PATH", help="attach an image"
    )
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_drafts_add)
    listing = sub.add_parser("list", help="list drafts")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_drafts_list)
    show = sub.add_parser("show", help="show one draft")
    show.add_argument("id", type=draft_id_arg)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_drafts_show)
    edit = sub.add_parser("edit", help="replace a draft's text")
    edit.add_argument("id", type=draft_id_arg)
    edit.add_argument("text", help='the new text, or "-" to read it from standard input')
    edit.add_argument(
        "--despite-warnings",
        action="store_true",
        help="keep a scheduled draft's schedule even when the policy warns about the new text",
    )
    edit.set_defaults(handler=cmd_drafts_edit)
    delete = sub.add_parser("delete", help="delete a draft")
    delete.add_argument("id", type=draft_id_arg)
    delete.set_defaults(handler=cmd_drafts_delete)


def cmd_drafts_add(args: argparse.Namespace) -> int:
    app = app_for(args)
    draft = app.add_draft(read_text(args.text), [Network(n) for n in args.network], args.image)
    if args.json:
        print_json({"id": draft.id})
    else:
        networks = ", ".join(n.display_name for n in draft.networks) or "no network yet"
        print(f"Added draft {draft.id} ({networks}).")
    return 0


def cmd_drafts_list(args: argparse.Namespace) -> int:
    from somedesk.cli import output

    app = app_for(args)
    zone = app.config.routine.zone
    drafts = app.drafts()
    if args.json:
        print_json([output.draft_json(d, zone) for d in drafts])
    else:
        print(output.drafts_table(drafts, zone))
    return 0


def cmd_drafts_show(args: argparse.Namespace) -> int:
    from somedesk.cli import output

    app = app_for(args)
    zone = app.config.routine.zone
    draft = app.draft(args.id)
    if args.json:
        print_json(output.draft_json(draft, zone))
    else:
        print(output.draft_details(draft, zone))
    return 0


def cmd_drafts_edit(args: argparse.Namespace) -> int:
    app = app_for(args)
    draft = app.edit_draft(args.id, read_text(args.text), despite_warnings=args.despite_warnings)
    print(f"Updated draft {draft.id}.")
    nudge_runtime(app)  # a scheduled post's new text reaches the phone too
    return 0


def cmd_drafts_delete(args: argparse.Namespace) -> int:
    app = app_for(args)
    app.delete_draft(args.id)
    print(f"Deleted draft {args.id}.")
    nudge_runtime(app)  # its phone reminder is cancelled
    return 0
