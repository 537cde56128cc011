"""`somedesk accounts …` and `somedesk share …`: the networks' sign-ins and the team's Slack webhook."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from somedesk.cli.common import app_for, nudge_runtime, print_json, read_line, seconds_arg
from somedesk.core.errors import UserError
from somedesk.core.model import Network


def add_commands(commands: Any) -> None:
    _add_account_commands(commands)
    _add_share_commands(commands)


def _add_account_commands(commands: Any) -> None:
    accounts = commands.add_parser("accounts", help="connect your LinkedIn and X accounts")
    sub = accounts.add_subparsers(title="accounts commands", metavar="ACTION", required=True)
    connect = sub.add_parser("connect", help="sign in with your browser")
    connect.add_argument("network", choices=["linkedin", "x"])
    connect.add_argument("--no-browser", action="store_true", help="only print the sign-in address")
    connect.add_argument("--timeout", type=seconds_arg, default=300, help="give up after SECONDS (300)")
    connect.set_defaults(handler=cmd_accounts_connect)
    listing = sub.add_parser("list", help="accounts and their state")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_accounts_list)
    disconnect = sub.add_parser("disconnect", help="forget an account and remove its keys")
    disconnect.add_argument("network", choices=["linkedin", "x"])
    disconnect.set_defaults(handler=cmd_accounts_disconnect)


def _add_share_commands(commands: Any) -> None:
    share = commands.add_parser("share", help="share published posts to the team's Slack")
    sub = share.add_subparsers(title="share commands", metavar="ACTION", required=True)
    setup = sub.add_parser("setup", help="keep the Slack webhook address in your keyring (read from stdin)")
    setup.set_defaults(handler=cmd_share_setup)
    test = sub.add_parser("test", help="post a test message to the webhook")
    test.set_defaults(handler=cmd_share_test)
    forget = sub.add_parser("forget", help="remove the webhook address from your keyring")
    forget.set_defaults(handler=cmd_share_forget)


def cmd_accounts_connect(args: argparse.Namespace) -> int:
    import getpass
    import webbrowser

    from somedesk.app.accounts import SignInUi

    def ask_secret(prompt: str) -> str:
        # Hidden when typed; one line from standard input when piped (scripts, tests).
        return getpass.getpass(prompt) if sys.stdin.isatty() else read_line().strip()

    def show_url(url: str) -> None:
        print("Sign in with your browser. If it does not open, copy this address into it:", flush=True)
        print(url, flush=True)

    ui = SignInUi(ask_secret, (lambda _url: None) if args.no_browser else webbrowser.open, show_url)
    app = app_for(args)
    account = app.accounts.connect(Network(args.network), ui, timeout=args.timeout)
    print(f"Connected {account.network.display_name} as {account.handle}.")
    nudge_runtime(app)  # posts that waited for this account can go now
    return 0


def cmd_accounts_list(args: argparse.Namespace) -> int:
    from somedesk.cli import output

    app = app_for(args)
    zone = app.config.routine.zone
    statuses = app.accounts.statuses()
    if args.json:
        print_json([output.account_json(s, zone) for s in statuses])
    else:
        print(output.accounts_table(statuses, zone))
    return 0


def cmd_accounts_disconnect(args: argparse.Namespace) -> int:
    network = Network(args.network)
    existed = app_for(args).accounts.disconnect(network)
    print(
        f"Disconnected {network.display_name}." if existed else f"{network.display_name} was not connected."
    )
    return 0


def cmd_share_setup(args: argparse.Namespace) -> int:
    import getpass

    from somedesk.networks.credentials import SecretName, Secrets
    from somedesk.networks.slack import check_webhook_url

    app = app_for(args)
    if sys.stdin.isatty():
        url = getpass.getpass("Slack incoming webhook address (not shown): ")
    else:
        url = read_line()
    Secrets().set_app(SecretName.SLACK_WEBHOOK, check_webhook_url(url))
    print("Kept the webhook address in your keyring. Try it: somedesk share test")
    if not app.config.share.enabled:
        print("Sharing is off: set [share] enabled = true in your config.toml to share each published post.")
    return 0


def cmd_share_test(args: argparse.Namespace) -> int:
    from somedesk.networks.credentials import SecretName, Secrets
    from somedesk.networks.slack import TEST_MESSAGE, SlackWebhook

    url = Secrets().get_app(SecretName.SLACK_WEBHOOK)
    if not url:
        raise UserError("no Slack webhook is set up yet: somedesk share setup")
    result = SlackWebhook(url).send(TEST_MESSAGE)
    print(result.line, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def cmd_share_forget(args: argparse.Namespace) -> int:
    from somedesk.networks.credentials import SecretName, Secrets

    Secrets().delete_app(SecretName.SLACK_WEBHOOK)
    print("Removed the Slack webhook address from your keyring.")
    return 0
