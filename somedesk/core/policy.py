"""The social-media policy: what a post must not say (`block`) or should make you think twice about
(`warn`), each with the reason, plus tips and good examples for the compose window.

Pure: `parse_policy` is handed the file's text and name, `check` a post's text. The file is TOML:

    tips = ["Share what you learned, not what you sold"]     # optional, before the first [[rule]]
    examples = ["Three things our team learned shipping …"]  # optional, good posts to learn from

    [[rule]]
    name = "customers"                   # optional; findings name it (default "rule 1", "rule 2", …)
    terms = ["asiak*", "customer name"]  # whole words, any case; see below
    severity = "block"                   # "block" stops publishing, "warn" asks first
    message = "Customer names only with the customer's permission"
    tips = ["Ask the account manager first"]  # optional, shown with this rule's findings

    [[rule]]
    pattern = '\\b\\d{2}\\.\\d{2}\\.\\d{4}\\b'  # a regular expression (Python syntax), any case
    severity = "warn"
    message = "A date: is the launch public yet?"

    [builtin]                            # every built-in rule is on unless switched off
    email = false                        # off; true = on; "block"/"warn" = on with that severity

Terms: a term matches whole words only, in any case; the words of a phrase may be separated by any
whitespace. A `*` at the end of a word matches any ending (`asiak*`: asiakas, asiakkaan, asiakkaille;
Finnish consonant gradation keeps stems like this one intact, but not all: write the shortest stem
all forms share), a `*` at its start any beginning (`*asiak*` also finds yritysasiakas). Where Finnish
base forms are available (`Policy.base_forms`, from Voikko), a term written without `*` in its base
form also matches the words whose base form it is (`asiakas`: asiakkaille).

A rule may have terms, a pattern or both. Terms and patterns apply to the whole text, links,
hashtags and mentions included: a customer's name in a link or a hashtag is still their name.

Built-in rules (severity in brackets, changeable in [builtin]): `email` e-mail addresses, also in
mailto: links [warn]; `phone` phone numbers in international (+358 40 123 4567, 00358 …) and Finnish
(040 123 4567, (09) 123 4567) forms, but not inside links, whose digits are ids [warn];
`personal_id` Finnish personal identity codes with a valid check character and date, all century
signs (+ - A and, since 2023, B–F and U–Y) [block]; `iban` IBANs of the registry's countries with a
valid mod-97 check [block]; `confidential` the words confidential*, luottamukselli*, sisäinen,
sisäis*, "internal only" and "internal use only" [warn].

Texts are compared in Unicode NFC, so a decomposed "ä" matches too; offsets are always into the text
as handed in.

Patterns run with a time bound: a pattern such as `(a|aa)+$` backtracks without end on some texts, and a
policy file comes from someone else. Patterns are checked as Python `re` syntax when the file is read,
but matched with the `regex` module, whose `timeout=` stops a search that runs too long. All of a
policy's patterns share PATTERN_TIME_BUDGET seconds per text; a pattern stopped by it becomes one
finding at the start of the text, with the rule's severity (a block rule that could not be checked
still blocks) and a message saying the pattern took too long.
"""

from __future__ import annotations

import re
import time
import tomllib
import unicodedata
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import regex

from somedesk.core import policy_builtins as builtins
from somedesk.core.config_reader import describe_toml_error, did_you_mean
from somedesk.core.errors import PolicyError

BLOCK = "block"
WARN = "warn"
SEVERITIES = (BLOCK, WARN)
BaseForms = Callable[[str], Collection[str]]
Span = tuple[int, int]
PATTERN_TIME_BUDGET = 0.5  # seconds all patterns together may take on one text (compose checks as you type)
_LEAST_PATTERN_TIME = 0.02  # what a pattern still gets once the budget is spent: it may finish quickly


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One thing the policy flags: `text` is `post[start:end]` (character offsets into the post)."""

    start: int
    end: int
    text: str
    severity: str
    message: str
    rule: str  # the rule's name; built-in rules are "builtin.email" and so on

    @property
    def blocks(self) -> bool:
        return self.severity == BLOCK


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    severity: str
    message: str
    terms: tuple[str, ...] = ()
    pattern: str = ""
    tips: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Builtin:
    name: str
    severity: str
    message: str


BUILTINS: Mapping[str, Builtin] = {
    b.name: b
    for b in (
        Builtin("email", WARN, "An e-mail address: share one only if its owner agreed"),
        Builtin("phone", WARN, "A phone number: share one only if its owner agreed"),
        Builtin("personal_id", BLOCK, "A Finnish personal identity code: never share one"),
        Builtin("iban", BLOCK, "A bank account number (IBAN): never share one in a post"),
        Builtin("confidential", WARN, "Marked confidential or internal: share it only if it may be public"),
    )
}
CONFIDENTIAL_TERMS = (
    "confidential*",
    "luottamukselli*",  # luottamuksellinen, -sta, -sesti, -suus
    "sisäinen",
    "sisäis*",  # sisäisen, sisäistä, sisäisesti; not sisäilma (indoor air)
    "internal only",
    "internal use only",
)


@dataclass(frozen=True, slots=True)
class Policy:
    """The rules a post is checked against. The default is the built-in rules alone."""

    rules: tuple[Rule, ...] = ()
    builtins: Mapping[str, str] = field(default_factory=lambda: {n: b.severity for n, b in BUILTINS.items()})
    tips: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    base_forms: BaseForms | None = None  # word -> its base forms (Finnish, from Voikko) where available

    @property
    def wants_base_forms(self) -> bool:
        """Whether some term could match more with base forms (one written without `*`)."""
        return any(_plain_words(t) for r in self.rules for t in r.terms)

    def with_base_forms(self, base_forms: BaseForms | None) -> Policy:
        return replace(self, base_forms=base_forms)

    def tips_for(self, finding: Finding) -> tuple[str, ...]:
        return next((r.tips for r in self.rules if r.name == finding.rule), ())


# Checking -------------------------------------------------------------------------------------


def check(text: str, policy: Policy) -> list[Finding]:
    """Everything `policy` flags in `text`, sorted by position."""
    view = _Normalized.of(text)
    findings: set[Finding] = set()
    for spans, severity, message, rule in _matches(view.text, policy):
        if spans is None:  # its pattern was stopped: the text is not known to be clear of it
            findings.add(Finding(0, 0, "", severity, _too_slow(rule), rule))
            continue
        for start, end in spans:
            if end > start:
                first, last = view.original(start, end)
                findings.add(Finding(first, last, text[first:last], severity, message, rule))
    return sorted(findings)


def _too_slow(rule: str) -> str:
    return (
        f"The pattern of rule “{rule}” took too long on this text and was stopped, so the text could not "
        "be checked against it; simplify the pattern (nested repeats such as (a|aa)+ can run forever)"
    )


def _matches(text: str, policy: Policy) -> Iterator[tuple[Iterable[Span] | None, str, str, str]]:
    """Per rule: its spans in `text` (None when its pattern ran out of time), its severity, its message
    and its name."""
    on = policy.builtins
    ids = builtins.find_personal_ids(text) if "personal_id" in on else []
    ibans = builtins.find_ibans(text) if "iban" in on else []
    finders: dict[str, Callable[[], Iterable[Span]]] = {
        "personal_id": lambda: ids,
        "iban": lambda: ibans,
        "email": lambda: builtins.find_emails(text),
        # A link's digits are ids, and an identity code or IBAN says more than "a phone number".
        "phone": lambda: builtins.find_phones(text, [*builtins.find_links(text), *ids, *ibans]),
        "confidential": lambda: _spans(_terms_regex(CONFIDENTIAL_TERMS), text),
    }
    for name, severity in on.items():
        yield finders[name](), severity, BUILTINS[name].message, f"builtin.{name}"
    tokens = _Tokens(text, policy.base_forms) if policy.base_forms and policy.wants_base_forms else None
    budget_ends = time.monotonic() + PATTERN_TIME_BUDGET
    for rule in policy.rules:
        spans: list[Span] = []
        if rule.terms:
            spans += _spans(_terms_regex(rule.terms), text)
            if tokens is not None:
                spans += tokens.matches(rule.terms)
        if rule.pattern:
            left = max(_LEAST_PATTERN_TIME, budget_ends - time.monotonic())
            try:
                spans += [m.span() for m in _pattern_regex(rule.pattern).finditer(text, timeout=left)]
            except TimeoutError:
                yield None, rule.severity, rule.message, rule.name
                continue
        yield spans, rule.severity, rule.message, rule.name


def _spans(regex: re.Pattern[str], text: str) -> list[Span]:
    return [m.span() for m in regex.finditer(text)]


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset` in `text`, as a person counts them."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# Describing ----------------------------------------------------------------------------------

# What each built-in rule finds, as a noun phrase: a finding is told by its rule and its position,
# never by the words it matched (they are what must not be shown, logged or sent in a notification).
_BUILTIN_NOUNS = {
    "builtin.email": "an e-mail address",
    "builtin.phone": "a phone number",
    "builtin.personal_id": "a Finnish personal identity code",
    "builtin.iban": "a bank account number (IBAN)",
    "builtin.confidential": "a word marking it confidential or internal",
}


def what_it_is(finding: Finding) -> str:
    """ "a Finnish personal identity code"; for a rule of the person's policy, "words of rule “customers”"."""
    return _BUILTIN_NOUNS.get(finding.rule) or f"words of rule “{finding.rule}”"


def describe(finding: Finding, text: str) -> str:
    """ "a Finnish personal identity code at line 2, column 14 (A Finnish personal identity code: never
    share one)": the rule and the position in `text`, without the matched words."""
    line, column = position(text, finding.start)
    return f"{what_it_is(finding)} at line {line}, column {column} ({finding.message})"


class _Normalized:
    """The text in NFC, with a map from its offsets back to the text as handed in."""

    def __init__(self, text: str, starts: list[int] | None, ends: list[int] | None) -> None:
        self.text, self._starts, self._ends = text, starts, ends

    @classmethod
    def of(cls, text: str) -> _Normalized:
        if unicodedata.is_normalized("NFC", text):
            return cls(text, None, None)
        # NFC composes within a run of a starter and the marks after it: normalise run by run.
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        run_start = 0
        for index in range(1, len(text) + 1):
            if index == len(text) or unicodedata.combining(text[index]) == 0:
                piece = unicodedata.normalize("NFC", text[run_start:index])
                pieces.append(piece)
                starts.extend([run_start] * len(piece))
                ends.extend([index] * len(piece))
                run_start = index
        normalized = "".join(pieces)
        if normalized != unicodedata.normalize("NFC", text):  # a rare script composes across runs
            return cls(text, None, None)
        return cls(normalized, starts, ends)

    def original(self, start: int, end: int) -> Span:
        if self._starts is None or self._ends is None:
            return start, end
        return self._starts[start], self._ends[end - 1]


_WORD = re.compile(r"\w+")


def _plain_words(term: str) -> tuple[str, ...]:
    """The words of a term that base forms can match (no `*`, only word characters), else ()."""
    words = term.split()
    return tuple(words) if words and all(_WORD.fullmatch(w) for w in words) else ()


class _Tokens:
    """The text's words with their base forms, for matching terms written in base form."""

    def __init__(self, text: str, base_forms: BaseForms) -> None:
        self.text = text
        self.words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        self.forms = [
            frozenset({w.casefold(), *(f.casefold() for f in base_forms(w))}) for *_, w in self.words
        ]

    def matches(self, terms: Collection[str]) -> Iterator[Span]:
        for term in terms:
            words = [w.casefold() for w in _plain_words(unicodedata.normalize("NFC", term))]
            if not words:
                continue
            for first in range(len(self.words) - len(words) + 1):
                last = first + len(words) - 1
                if all(w in self.forms[first + i] for i, w in enumerate(words)) and self._adjacent(
                    first, last
                ):
                    yield self.words[first][0], self.words[last][1]

    def _adjacent(self, first: int, last: int) -> bool:
        """Whether words first..last are separated by whitespace only (a phrase, not a sentence)."""
        return all(self.text[self.words[i][1] : self.words[i + 1][0]].isspace() for i in range(first, last))


def _term_source(term: str) -> str:
    parts = []
    for word in unicodedata.normalize("NFC", term).split():
        stem = word.strip("*")
        if not stem or "*" in stem:
            raise ValueError(word)
        lead = r"\w*" if word.startswith("*") else ""
        trail = r"\w*" if word.endswith("*") else ""
        parts.append(f"{lead}{re.escape(stem)}{trail}")
    if not parts:
        raise ValueError(term)
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


@lru_cache(maxsize=256)
def _terms_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "customer name" wins over "customer" where both match.
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(f"(?:{_term_source(t)})" for t in ordered), re.IGNORECASE)


@lru_cache(maxsize=256)
def _pattern_regex(pattern: str) -> regex.Pattern[str]:
    """The pattern as the `regex` module runs it (VERSION0: Python `re`'s behaviour), for its timeout."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "possible nested set" and the like: the pattern still works
        re.compile(pattern, re.IGNORECASE)  # the syntax the file promises (and its error messages)
        return regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)


# Parsing --------------------------------------------------------------------------------------

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
                _term_source(term)
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
            compiled = _pattern_regex(pattern)
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
