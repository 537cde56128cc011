"""Which words of a post a spell checker should look at, and a cheap guess of the post's language.

Pure: the dictionaries live in `somedesk.sources.dictionaries`; the guess is handed their checking functions.
Offsets are Python string indices (code points), as everywhere in core.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from somedesk.core.text import _url_spans

# A letter, or a combining mark (a decomposed "ä" is "a" + U+0308 and is still one letter to a reader).
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f])"
_ALNUM = r"(?:[^\W_]|[\u0300-\u036f])"
# A word: letters and digits, joined inside by an apostrophe (don't, it’s), a hyphen (well-known,
# EU-maat) or a colon before a Finnish case ending (EU:n, X:ään). Digits are matched so that a word
# holding one ("3rd", "COVID-19") is seen whole and then skipped, rather than checked in pieces.
_WORD = re.compile(rf"{_ALNUM}+(?:['’\-‐:]{_ALNUM}+)*")
_HAS_LETTER = re.compile(_LETTER)
_DIGIT = re.compile(r"\d")
# An address with an @ and a dotted domain; a mention is an @ with no word before it, handled apart.
_EMAIL_BODY = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
_EMAIL = re.compile(_EMAIL_BODY)
# The same, anchored by the look-behind to where a run of address characters starts: tried at every
# letter of a long run with no "@", the search was quadratic (8,000 letters took 0.1-0.2 s, and words
# are looked for on every pause in typing). `_email_spans` uses both.
_EMAIL_AT_RUN_START = re.compile(rf"(?<![\w.+\-]){_EMAIL_BODY}")
# Any scheme://… the X grammar might not count as a link (http://localhost:8000/x, ftp://…): group 1,
# `\b[a-zA-Z][a-zA-Z0-9+.\-]*://\S+`. Tried at every letter of "a.a.a.…", that was quadratic too, so the
# look-behind anchors a match to where a run of scheme characters starts, and the possessive prefix
# steps over what cannot start a link (digits, signs, a letter after a letter or digit): group 1 then
# starts where `\b[a-zA-Z]…` first matched in the run, as before. A bare look-behind would differ
# ("-http://x", "_http://x").
_SCHEME_URL = re.compile(
    r"(?<![a-zA-Z0-9+.\-])(?:[0-9+.\-]|(?<=\w)[a-zA-Z])*+(\b[a-zA-Z][a-zA-Z0-9+.\-]*://\S+)"
)
_TAG_SIGNS: Final = frozenset("#@＃＠")

# The guess looks at this many words at most: a post's first sentences are enough to tell.
GUESS_WORDS: Final = 60
# With fewer words, or no clear winner, the guess gives the fallback (the UI's language).
MIN_GUESS_WORDS: Final = 3


@dataclass(frozen=True, slots=True)
class Word:
    """A word to check: text[start:end] as typed, and `text` NFC-normalized with ’ read as '."""

    start: int
    end: int
    text: str


def words_to_check(text: str) -> list[Word]:
    """The words of `text` a spell checker should look at, in order.

    Left out: hashtags, @mentions, links, e-mail addresses, numbers and words holding a digit, single
    letters, acronyms (API, EU:n) and names written with a capital inside (LinkedIn, iPhone), which
    no dictionary knows and the person spelled on purpose.
    """
    skipped = _skipped_spans(text)
    words = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        if _inside(skipped, start, end) or _is_tag(text, start) or not _worth_checking(match.group()):
            continue
        words.append(Word(start, end, normalize_word(match.group())))
    return words


def normalize_word(word: str) -> str:
    """A word as dictionaries take it: composed characters, the typographic apostrophe as '."""
    return unicodedata.normalize("NFC", word).replace("’", "'")


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    spans = _email_spans(text)
    spans += [m.span(1) for m in _SCHEME_URL.finditer(text)]
    spans += _url_spans(text)
    return spans


def _email_spans(text: str) -> list[tuple[int, int]]:
    """The spans `_EMAIL.finditer` gives, in linear time: a match starts where a run starts, or right
    where the previous match ended inside a run ("a@b.fi+c@d.fi" holds two)."""
    spans = []
    found = _EMAIL_AT_RUN_START.search(text)
    while found is not None:
        spans.append(found.span())
        found = _EMAIL.match(text, found.end()) or _EMAIL_AT_RUN_START.search(text, found.end())
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _is_tag(text: str, start: int) -> bool:
    # "#ketterä" and "@mikko" are names the person chose; "C#" is a word followed by a sign, not a tag.
    return start > 0 and text[start - 1] in _TAG_SIGNS


def _worth_checking(word: str) -> bool:
    if _DIGIT.search(word) or len(_HAS_LETTER.findall(word)) < 2:
        return False
    stem = re.split(r"[:'’]", word, maxsplit=1)[0]
    letters = [c for c in stem if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return False  # an acronym, with or without its Finnish ending (KPI, EU:ssa)
    # A capital after a small letter (LinkedIn, iPhone, PowerPoint) marks a brand or a product name.
    return not any(a.islower() and b.isupper() for a, b in pairwise(stem))


def guess_language(
    text: str, accepts: Mapping[str, Callable[[str], bool]], fallback: str | None
) -> str | None:
    """The language (a key of `accepts`) whose dictionary knows most of the text's words.

    A short text, or one two dictionaries know equally well, gets `fallback` (the UI's language) when
    it is one of them, else the first language of `accepts`. None when `accepts` is empty.
    """
    if not accepts:
        return None
    default = fallback if fallback in accepts else next(iter(accepts))
    words = [w.text for w in words_to_check(text)[:GUESS_WORDS]]
    if len(words) < MIN_GUESS_WORDS:
        return default
    known = Counter({language: sum(1 for w in words if check(w)) for language, check in accepts.items()})
    (best, best_count), *rest = known.most_common()
    if best_count == 0 or (rest and rest[0][1] == best_count):
        return default
    return best
