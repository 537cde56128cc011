"""Reading a policy file: its TOML text into a `Policy`, or a PolicyError naming the file, the line and
the rule. The file's format is described in `somedesk.core.policy`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import Any

import regex

from somedesk.core.config_reader import describe_toml_error, did_you_mean
from somedesk.core.errors import PolicyError
from somedesk.core.policy import BUILTINS, PATTERN_TIME_BUDGET, SEVERITIES, Policy, Rule
from somedesk.core.policy_matching import pattern_regex, term_source

_TOP_KEYS = frozenset({"rule", "builtin", "tips", "examples"})
_RULE_KEYS = frozenset({"name", "terms", "pattern", "severity", "message", "tips"})
_HEADER = re.compile(r"^\s*\[(?P<double>\[)?\s*(?P<name>[^\]]*?)\s*\]")
Scope = int | str | None


def parse_policy(text: str, *, name: str) -> Policy:
    """Parse a policy file's text; `name` is how messages refer to the file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(describe_toml_error(name, exc)) from None
    except RecursionError:  # tomllib recurses per nested array or table: [[[[… 100,000 deep
        raise PolicyError(f"{name}: not valid TOML (nested too deeply)") from None
    return _Reader(name, text).policy(data)


class _Reader:
    """Reads the parsed tables, naming the file, the line where it can be found, and the rule."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = text.splitlines()

    def fail(self, what: str, key: str | None, scope: Scope = None) -> PolicyError:
        line = self.line_of(key, scope)
        return PolicyError(f"{self.name}, line {line}: {what}" if line else f"{self.name}: {what}")

    def line_of(self, key: str | None, scope: Scope) -> int | None:
        """The line of `key` in `scope` (None: the top of the file; a number: that [[rule]]; "builtin"),
        or of the scope's header when `key` is None. Only for messages: None when unsure."""
        wanted = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=") if key else None
        top_header = re.compile(rf"^\s*\[\[?\s*{re.escape(key)}\s*[\].]") if key else None
        current: Scope = None
        rules = 0
        for number, line in enumerate(self.lines, 1):
            if (header := _HEADER.match(line)) is not None:
                if scope is None and top_header is not None and top_header.match(line):
                    return number
                if header["double"] and header["name"] == "rule":
                    rules += 1
                    current = rules
                else:
                    current = header["name"]
                if key is None and current == scope:
                    return number
            elif wanted is not None and current == scope and wanted.match(line):
                return number
        return None

    def policy(self, data: Mapping[str, Any]) -> Policy:
        for key in data:
            if key not in _TOP_KEYS:
                hint = did_you_mean(key, _TOP_KEYS)
                raise self.fail(f"unknown key {key!r}{hint}", key)
        raw_rules = data.get("rule", [])
        if isinstance(raw_rules, dict):
            raise self.fail("write each rule as [[rule]] (two brackets), not [rule]", "rule")
        if not isinstance(raw_rules, list) or not all(isinstance(r, dict) for r in raw_rules):
            raise self.fail("expected rules written as [[rule]] tables", "rule")
        rules: list[Rule] = []
        for number, raw in enumerate(raw_rules, 1):
            rule = self.rule(raw, number)
            if any(r.name == rule.name for r in rules):
                raise self.fail(f"rule {number}: the name {rule.name!r} is already taken", "name", number)
            rules.append(rule)
        return Policy(
            rules=tuple(rules),
            builtins=self.builtins(data.get("builtin", {})),
            tips=self.strings(data, "tips", "tips"),
            examples=self.strings(data, "examples", "examples"),
        )

    def rule(self, raw: Mapping[str, Any], number: int) -> Rule:
        label = f"rule {number}" + (f" ({raw['name']!r})" if isinstance(raw.get("name"), str) else "")
        for key in raw:
            if key == "examples":
                raise self.fail(
                    f"{label}: examples belong at the top of the file, before the first [[rule]]", key, number
                )
            if key not in _RULE_KEYS:
                raise self.fail(f"{label}: unknown key {key!r}{did_you_mean(key, _RULE_KEYS)}", key, number)
        name = raw.get("name", f"rule {number}")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(f"{label}: name: expected text in quotes", "name", number)
        terms = self.strings(raw, "terms", f"{label}: terms", number)
        for term in terms:
            try:
                term_source(term)
            except ValueError:
                raise self.fail(
                    f"{label}: the term {term!r} has a * inside a word; a * may only start or end one "
                    '(e.g. "asiak*")',
                    "terms",
                    number,
                ) from None
        pattern = self.pattern(raw, label, number)
        if not terms and not pattern:
            raise self.fail(f"{label}: give terms = [...] or a pattern = '...' to look for", None, number)
        return Rule(
            name=name.strip(),
            severity=self.severity(raw, label, number),
            message=self.message(raw, label, number),
            terms=terms,
            pattern=pattern,
            tips=self.strings(raw, "tips", f"{label}: tips", number),
        )

    def pattern(self, raw: Mapping[str, Any], label: str, number: int) -> str:
        pattern = raw.get("pattern", "")
        if not isinstance(pattern, str):
            raise self.fail(f"{label}: pattern: expected a regular expression in quotes", "pattern", number)
        if not pattern:
            return ""
        try:
            compiled = pattern_regex(pattern)
        except (re.error, regex.error) as exc:
            # regex's error has re's msg and pos too, but its stubs do not say so.
            pos, msg = getattr(exc, "pos", None), getattr(exc, "msg", str(exc))
            where = f" at position {pos}" if pos is not None else ""
            raise self.fail(
                f"{label}: the pattern {pattern!r} is not a valid regular expression ({msg}{where})",
                "pattern",
                number,
            ) from None
        if compiled.search("", timeout=PATTERN_TIME_BUDGET) is not None:
            raise self.fail(
                f"{label}: the pattern {pattern!r} matches empty text; make it need at least one character",
                "pattern",
                number,
            )
        return pattern

    def severity(self, raw: Mapping[str, Any], label: str, number: int) -> str:
        if "severity" not in raw:
            raise self.fail(
                f'{label}: severity is missing: "block" stops publishing, "warn" asks first', None, number
            )
        value = raw["severity"]
        if value not in SEVERITIES:
            hint = did_you_mean(value, SEVERITIES) if isinstance(value, str) else ""
            raise self.fail(f'{label}: severity {value!r} is not "block" or "warn"{hint}', "severity", number)
        return str(value)

    def message(self, raw: Mapping[str, Any], label: str, number: int) -> str:
        value = raw.get("message")
        if not isinstance(value, str) or not value.strip():
            raise self.fail(
                f"{label}: message is missing: say why, e.g. \"Customer names only with the customer's "
                'permission"',
                "message" if "message" in raw else None,
                number,
            )
        return " ".join(value.split())  # one line, however the file wraps it

    def strings(self, table: Mapping[str, Any], key: str, where: str, scope: Scope = None) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"{where}: expected a list of non-empty texts in quotes", key, scope)
        return tuple(v.strip() for v in value)

    def builtins(self, table: object) -> dict[str, str]:
        if not isinstance(table, dict):
            raise self.fail("builtin: expected a table ([builtin])", "builtin")
        chosen = {n: b.severity for n, b in BUILTINS.items()}
        for key, value in table.items():
            if key not in BUILTINS:
                raise self.fail(f"builtin: unknown rule {key!r}{did_you_mean(key, BUILTINS)}", key, "builtin")
            if value is False:
                del chosen[key]
            elif value in SEVERITIES:
                chosen[key] = str(value)
            elif value is not True:
                raise self.fail(
                    f'builtin.{key}: expected true, false, "block" or "warn" (not {value!r})', key, "builtin"
                )
        return chosen
