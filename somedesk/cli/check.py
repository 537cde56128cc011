"""`somedesk check TEXT`: length per network, the policy's findings and spelling advice."""

from __future__ import annotations

import argparse
from typing import Any

from somedesk.cli.common import NETWORK_CHOICES, print_json, read_text, report_policy_warning
from somedesk.core.model import Network


def add_commands(commands: Any) -> None:
    check = commands.add_parser("check", help="check a text's length for each network, and the policy")
    check.add_argument("text", help='the text, or "-" to read it from standard input')
    check.add_argument("--network", action="append", choices=NETWORK_CHOICES)
    check.add_argument("--json", action="store_true")
    check.add_argument(
        "--lang", metavar="LANG", help="spell check in this language (en_US, fi, …); guessed when left out"
    )
    check.set_defaults(handler=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from somedesk.cli import output
    from somedesk.core.policy import check, describe, position
    from somedesk.core.posts import measure_sent
    from somedesk.core.text import validate_text
    from somedesk.sources.configfile import load_config
    from somedesk.sources.paths import resolve_paths
    from somedesk.sources.policyfile import load_for_config
    from somedesk.sources.systemzone import system_zone

    text = read_text(args.text)
    validate_text(text)
    networks = [Network(n) for n in args.network] if args.network else [Network.LINKEDIN, Network.X]
    reports = [measure_sent(text, n) for n in networks]  # what would be sent, as Quick post counts it
    paths = resolve_paths(args.config)
    config = load_config(paths.config_file, system_zone(), required=args.config is not None)
    load = load_for_config(config, paths.cache)
    report_policy_warning(load.warning)
    findings = check(text, load.policy)
    spelling = _spell_report(text, config, paths, args.lang)
    if args.json:
        lengths = [
            {
                "network": r.network.value,
                "length": r.length,
                "limit": r.limit,
                "parts": r.parts,
                "ok": r.sendable,
            }
            for r in reports
        ]
        flagged = [
            {
                "start": f.start,
                "end": f.end,
                "severity": f.severity,
                "message": f.message,
                "rule": f.rule,
                "line": position(text, f.start)[0],
                "column": position(text, f.start)[1],
            }
            for f in findings
        ]
        spelled = spelling.as_json() if spelling is not None else None
        print_json({"lengths": lengths, "findings": flagged, "spelling": spelled})
    else:
        for report in reports:
            print(output.length_line(report))
        for f in findings:
            # Where, never what (issue 14): the words may be someone's identity code; the person has
            # the text in front of them, and `--json` gives each finding's offsets.
            print(f"{f.severity}: {describe(f, text)}")
        for spelling_line in spelling.lines() if spelling is not None else []:
            print(spelling_line)
    # Spelling is advice: it never changes the exit code.
    return 0 if all(r.sendable for r in reports) and not any(f.blocks for f in findings) else 1


def _spell_report(text: str, config: Any, paths: Any, language: str | None) -> Any:
    """The spelling advice for `check`; None when it is switched off and no --lang asks for it."""
    from somedesk.sources.dictionaries import Speller, spell_report

    if not config.spelling.enabled and language is None:
        return None
    return spell_report(text, Speller(paths.data_dir), language, config.ui.language)
