"""Spell check with the system's dictionaries (hunspell for English, Voikko for Finnish) through
pyenchant, and "my words", the person's own word list in the data folder.

Enchant is imported and the dictionaries are loaded on first use, once per process, under a lock, so
the GUI can load them off its thread. Without pyenchant, libenchant or an English or Finnish
dictionary, spell check is unavailable: it says what to install and finds nothing, never fails.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Final, Literal

from somedesk.core.spelling import guess_language, normalize_word, words_to_check
from somedesk.sources.atomicfile import write_atomic
from somedesk.sources.paths import PRIVATE_FILE, private_folder

log = logging.getLogger(__name__)

MY_WORDS_FILE: Final = "my-words.txt"
MAX_SUGGESTIONS: Final = 5
Problem = Literal["", "no-library", "no-dictionary"]
PROBLEMS: Final[Mapping[str, str]] = {
    "no-library": (
        "the Enchant library is missing "
        "(on Debian or Ubuntu install libenchant-2-2 and hunspell-en-us, and voikko-fi "
        "libenchant-2-voikko for Finnish)"
    ),
    "no-dictionary": (
        "no English or Finnish dictionary is installed "
        "(on Debian or Ubuntu install hunspell-en-us for English, voikko-fi libenchant-2-voikko for Finnish)"
    ),
}
_REGIONS: Final = {"US": "US", "GB": "UK", "AU": "Australia", "CA": "Canada", "NZ": "New Zealand"}


@dataclass(frozen=True, slots=True)
class Language:
    """A dictionary's tag as enchant names it ("en_US", "fi") and its name in its own language."""

    tag: str
    name: str


@dataclass(frozen=True, slots=True)
class Availability:
    """The dictionaries found, or why there are none (`problem`, with `message` saying what to install)."""

    languages: tuple[Language, ...]
    problem: Problem = ""

    @property
    def available(self) -> bool:
        return bool(self.languages)

    @property
    def reason(self) -> str:
        """What is missing and what to install, in a few words ("" when spell check works)."""
        return PROBLEMS.get(self.problem, "")

    @property
    def message(self) -> str:
        return f"Spell check is unavailable: {self.reason}." if self.problem else ""

    def tags(self) -> list[str]:
        return [language.tag for language in self.languages]


@dataclass(frozen=True, slots=True)
class Misspelling:
    """text[start:end] (code points) is `word`, which no dictionary of the language nor my words know."""

    start: int
    end: int
    word: str


def language_name(tag: str) -> str:
    """ "English (US)", "Suomi": each language in its own name, as the Language settings show them."""
    base, _, region = tag.partition("_")
    if base == "fi":
        return "Suomi"
    return f"English ({_REGIONS.get(region, region)})" if region else "English"


def wanted(tag: str) -> bool:
    """The languages somedesk speaks: English (any region) and Finnish."""
    return tag.partition("_")[0] in ("en", "fi")


# Enchant, loaded once -------------------------------------------------------------------------


class _Dictionaries:
    """The enchant dictionaries of this process. Enchant's dictionaries are not safe to use from two
    threads at once, so every call into them holds `lock`."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._loaded: tuple[dict[str, Any], Problem] | None = None

    def get(self) -> tuple[dict[str, Any], Problem]:
        with self.lock:
            if self._loaded is None:
                self._loaded = _load_enchant()
            return self._loaded


def _load_enchant() -> tuple[dict[str, Any], Problem]:
    try:
        # Imported here: loading libenchant and its providers costs start-up time nobody typing needs.
        import enchant  # type: ignore[import-untyped]
    # pyenchant raises ImportError without libenchant, OSError when it cannot be loaded, and an
    # AssertionError when PYENCHANT_LIBRARY_PATH names no file.
    except (ImportError, OSError, AssertionError) as error:
        log.info("spell check unavailable: %s", error)
        return {}, "no-library"
    try:
        broker = enchant.Broker()
        tags = sorted({tag for tag in broker.list_languages() if wanted(tag)})
        dictionaries = {tag: broker.request_dict(tag) for tag in tags}
    except (enchant.errors.Error, OSError) as error:
        log.warning("spell check: the dictionaries could not be loaded: %s", error)
        return {}, "no-dictionary"
    return dictionaries, "" if dictionaries else "no-dictionary"


_DICTIONARIES = _Dictionaries()


# My words -------------------------------------------------------------------------------------


class MyWords:
    """The person's own words: a UTF-8 text file, one word a line, for every language.

    One object per file in a process (see `my_words`), so a word added in Quick post is known to the
    Settings page at once.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._words: list[str] | None = None
        self._folded: set[str] = set()

    def words(self) -> list[str]:
        with self._lock:
            return sorted(self._read(), key=str.casefold)

    def __contains__(self, word: str) -> bool:
        return self.contains_normalized(normalize_word(word))

    def contains_normalized(self, word: str) -> bool:
        """`word in self` for a word already through `normalize_word`."""
        with self._lock:
            self._read()
            return word in self._folded or word.casefold() in self._folded

    def add(self, word: str) -> None:
        word = normalize_word(word.strip())
        with self._lock:
            words = self._read()
            if word and word not in words:
                self._write([*words, word])

    def remove(self, word: str) -> None:
        with self._lock:
            words = self._read()
            if word in words:
                self._write([w for w in words if w != word])

    def _read(self) -> list[str]:
        if self._words is None:
            try:
                lines = self.path.read_text(encoding="utf-8").splitlines()
            except FileNotFoundError:
                lines = []
            except (OSError, UnicodeDecodeError) as error:
                # Unreadable is treated as empty for checking, but never written over (see _write).
                log.warning("my words: %s cannot be read: %s", self.path, error)
                lines = []
            self._set([normalize_word(line.strip()) for line in lines if line.strip()])
        assert self._words is not None
        return self._words

    def _set(self, words: list[str]) -> None:
        self._words = list(dict.fromkeys(words))
        # A word added in lower case is also fine capitalized; one added capitalized only so.
        self._folded = set(self._words) | {w.casefold() for w in self._words if w == w.casefold()}

    def _write(self, words: list[str]) -> None:
        # Written to a temporary file and moved over: a crash mid-write never empties the list.
        private_folder(self.path.parent)
        write_atomic(self.path, "".join(f"{w}\n" for w in words).encode("utf-8"), mode=PRIVATE_FILE)
        self._set(words)


_MY_WORDS: dict[Path, MyWords] = {}
_MY_WORDS_LOCK = threading.Lock()


def my_words(data_dir: Path) -> MyWords:
    """The word list kept in `data_dir`, shared by everything in this process that checks spelling."""
    path = (data_dir / MY_WORDS_FILE).resolve()
    with _MY_WORDS_LOCK:
        return _MY_WORDS.setdefault(path, MyWords(path))


# Checking -------------------------------------------------------------------------------------


class Speller:
    """Checks texts in the available languages, knowing my words. Cheap to make; `load()` is the slow
    part (once per process) and may run on any thread."""

    def __init__(self, data_dir: Path) -> None:
        self.my_words = my_words(data_dir)

    def load(self) -> Availability:
        dictionaries, problem = _DICTIONARIES.get()
        languages = tuple(Language(tag, language_name(tag)) for tag in dictionaries)
        return Availability(languages, problem)

    def accepts(self, word: str, language: str) -> bool:
        """Whether `word` is spelled right in `language` (a word of my words always is). A hyphenated
        word is right when the dictionary knows it whole or knows each of its parts."""
        # Normalized once: the parts of a normalized word, split at its hyphens, are normalized too.
        word = normalize_word(word)
        if self.my_words.contains_normalized(word):
            return True
        dictionary = self._dictionary(language)
        if dictionary is None:
            return True
        with _DICTIONARIES.lock:
            if dictionary.check(word):
                return True
            parts = word.split("-")
            return len(parts) > 1 and all(
                p and (self.my_words.contains_normalized(p) or dictionary.check(p)) for p in parts
            )

    def check(self, text: str, language: str) -> list[Misspelling]:
        """The words of `text` not spelled right in `language` (none when it is not available)."""
        if self._dictionary(language) is None:
            return []
        return [
            Misspelling(w.start, w.end, text[w.start : w.end])
            for w in words_to_check(text)
            if not self.accepts(w.text, language)
        ]

    def suggest(self, word: str, language: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """The dictionary's best guesses at what `word` should be, best first."""
        dictionary = self._dictionary(language)
        if dictionary is None:
            return []
        word = normalize_word(word)
        with _DICTIONARIES.lock:
            found: list[str] = dictionary.suggest(word)
        return [s for s in dict.fromkeys(found) if s != word][:limit]

    def detect(self, text: str, fallback: str | None) -> str | None:
        """The language the text seems to be written in, among the available ones (None: none)."""
        checkers: dict[str, Callable[[str], bool]] = {
            tag: partial(self._dictionary_accepts, language=tag) for tag in self.load().tags()
        }
        return guess_language(text, checkers, fallback)

    def _dictionary_accepts(self, word: str, language: str) -> bool:
        # My words are left out of the guess: they are the same in every language.
        dictionary = self._dictionary(language)
        with _DICTIONARIES.lock:
            return dictionary is not None and bool(dictionary.check(word))

    def _dictionary(self, language: str) -> Any:
        return _DICTIONARIES.get()[0].get(language)


def ui_fallback(ui_language: str, available: list[str], env: Mapping[str, str] | None = None) -> str | None:
    """The spelling language that goes with the UI's ("system", "en" or "fi"), among `available`."""
    if ui_language == "system":
        env = os.environ if env is None else env
        locale = next((env[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
        ui_language = "fi" if locale.startswith("fi") else "en"
    matching = [tag for tag in available if tag.partition("_")[0] == ui_language]
    preferred = [tag for tag in matching if tag in ("en_US", "fi")]
    return next(iter(preferred or matching), None)


# `somedesk check` -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpellReport:
    """What `somedesk check` says about spelling: advice only, it never changes the exit code."""

    language: str | None
    misspellings: tuple[tuple[Misspelling, tuple[str, ...]], ...] = ()
    problem: str = ""  # why nothing was checked

    def lines(self) -> list[str]:
        if self.problem:
            return [f"spelling: {self.problem}"]
        return [
            f'spelling: "{m.word}" → {", ".join(suggestions) or "(no suggestions)"}'
            for m, suggestions in self.misspellings
        ]

    def as_json(self) -> dict[str, object]:
        return {
            "language": self.language,
            "problem": self.problem or None,
            "misspellings": [
                {"start": m.start, "end": m.end, "word": m.word, "suggestions": list(suggestions)}
                for m, suggestions in self.misspellings
            ],
        }


def spell_report(text: str, speller: Speller, language: str | None, ui_language: str) -> SpellReport:
    """Check `text` in `language` (None: the language it seems to be in)."""
    availability = speller.load()
    if not availability.available:
        return SpellReport(None, problem=f"unavailable: {availability.reason}")
    if language is not None and language not in availability.tags():
        found = ", ".join(availability.tags())
        return SpellReport(None, problem=f"no {language} dictionary is installed (found: {found})")
    chosen = language or speller.detect(text, ui_fallback(ui_language, availability.tags()))
    assert chosen is not None  # there are dictionaries, so detect always picks one of them
    found_words = tuple((m, tuple(speller.suggest(m.word, chosen))) for m in speller.check(text, chosen))
    return SpellReport(chosen, found_words)
