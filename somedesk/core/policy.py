"""The social-media policy: what a post must not say (`block`) or should make you think twice about
(`warn`), each with the reason, plus tips and good examples for the compose window.

Pure: `parse_policy` (in `policy_reader`) is handed the file's text and name, `check` a post's text. The
file is TOML:

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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from somedesk.core import policy_builtins as builtins
from somedesk.core.policy_matching import (
    BaseForms,
    BaseFormTokens,
    NormalizedText,
    Span,
    pattern_regex,
    plain_words,
    terms_regex,
)

BLOCK = "block"
WARN = "warn"
SEVERITIES = (BLOCK, WARN)
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
        return any(plain_words(t) for r in self.rules for t in r.terms)

    def with_base_forms(self, base_forms: BaseForms | None) -> Policy:
        return replace(self, base_forms=base_forms)

    def tips_for(self, finding: Finding) -> tuple[str, ...]:
        return next((r.tips for r in self.rules if r.name == finding.rule), ())


# Checking -------------------------------------------------------------------------------------


def check(text: str, policy: Policy) -> list[Finding]:
    """Everything `policy` flags in `text`, sorted by position."""
    view = NormalizedText.of(text)
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
        "confidential": lambda: _spans(terms_regex(CONFIDENTIAL_TERMS), text),
    }
    for name, severity in on.items():
        yield finders[name](), severity, BUILTINS[name].message, f"builtin.{name}"
    tokens = (
        BaseFormTokens(text, policy.base_forms) if policy.base_forms and policy.wants_base_forms else None
    )
    budget_ends = time.monotonic() + PATTERN_TIME_BUDGET
    for rule in policy.rules:
        spans: list[Span] = []
        if rule.terms:
            spans += _spans(terms_regex(rule.terms), text)
            if tokens is not None:
                spans += tokens.matches(rule.terms)
        if rule.pattern:
            left = max(_LEAST_PATTERN_TIME, budget_ends - time.monotonic())
            try:
                spans += [m.span() for m in pattern_regex(rule.pattern).finditer(text, timeout=left)]
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
