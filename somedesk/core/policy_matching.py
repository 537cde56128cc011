"""How the policy's terms and patterns meet a post's text: the text in NFC with offsets mapped back,
its words with their base forms (for terms written in base form), and the compiled, cached regular
expressions for terms and patterns. The matching rules themselves are described in `somedesk.core.policy`.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Callable, Collection, Iterator
from functools import lru_cache

import regex

BaseForms = Callable[[str], Collection[str]]
Span = tuple[int, int]


class NormalizedText:
    """The text in NFC, with a map from its offsets back to the text as handed in."""

    def __init__(self, text: str, starts: list[int] | None, ends: list[int] | None) -> None:
        self.text, self._starts, self._ends = text, starts, ends

    @classmethod
    def of(cls, text: str) -> NormalizedText:
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


def plain_words(term: str) -> tuple[str, ...]:
    """The words of a term that base forms can match (no `*`, only word characters), else ()."""
    words = term.split()
    return tuple(words) if words and all(_WORD.fullmatch(w) for w in words) else ()


class BaseFormTokens:
    """The text's words with their base forms, for matching terms written in base form."""

    def __init__(self, text: str, base_forms: BaseForms) -> None:
        self.text = text
        self.words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        self.forms = [
            frozenset({w.casefold(), *(f.casefold() for f in base_forms(w))}) for *_, w in self.words
        ]

    def matches(self, terms: Collection[str]) -> Iterator[Span]:
        for term in terms:
            words = [w.casefold() for w in plain_words(unicodedata.normalize("NFC", term))]
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


def term_source(term: str) -> str:
    """The regular expression source of one term (whole words, `*` at a word's ends); ValueError for a
    term with a `*` inside a word, or none at all (the reader turns that into the file's error)."""
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
def terms_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled regular expression for a rule's terms, any case (cached: compose checks as you type)."""
    # Longest first, so "customer name" wins over "customer" where both match.
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(f"(?:{term_source(t)})" for t in ordered), re.IGNORECASE)


@lru_cache(maxsize=256)
def pattern_regex(pattern: str) -> regex.Pattern[str]:
    """The pattern as the `regex` module runs it (VERSION0: Python `re`'s behaviour), for its timeout."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "possible nested set" and the like: the pattern still works
        re.compile(pattern, re.IGNORECASE)  # the syntax the file promises (and its error messages)
        return regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)
