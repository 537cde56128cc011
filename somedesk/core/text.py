"""The text rules of each network: X's weighted length and thread splitting, LinkedIn's length and
"little" text escaping, and the per-network length summary the CLI and GUI show."""

from __future__ import annotations

import importlib.resources
import re
import sys
import types
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network

X_LIMIT: Final = 280
LINKEDIN_LIMIT: Final = 3000
SANDBOX_LIMIT: Final = 3000
# A URL weighs 23 and a numbering suffix up to " (999/999)" 10 more: below this a part might not fit one.
MIN_THREAD_LIMIT: Final = 40

# ---------------------------------------------------------------------------------------------- X length


@dataclass(frozen=True, slots=True)
class WeightRange:
    """Code points start..end (inclusive, as in twitter-text's config) weigh `weight`."""

    start: int
    end: int
    weight: int


@dataclass(frozen=True, slots=True)
class TweetCountConfig:
    """twitter-text's counting parameters (config/v3.json, in snake case)."""

    max_weighted_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[WeightRange, ...]
    emoji_parsing: bool


X_COUNT_V3: Final = TweetCountConfig(
    max_weighted_length=X_LIMIT,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    ranges=(
        WeightRange(0, 4351, 100),
        WeightRange(8192, 8205, 100),
        WeightRange(8208, 8223, 100),
        WeightRange(8242, 8247, 100),
    ),
    emoji_parsing=True,
)

# X refuses a post holding any of these, whatever its length.
X_INVALID_CHARS: Final = frozenset("\ufffe\ufeff\uffff")


@dataclass(frozen=True, slots=True)
class TweetCount:
    """A text's weighted length; `valid` is X's verdict (0 < length <= max, no invalid character)."""

    weighted_length: int
    valid: bool
    has_invalid_chars: bool


def count_tweet(text: str, config: TweetCountConfig = X_COUNT_V3) -> TweetCount:
    """Weigh `text` the way twitter-text's parseTweet does: NFC first, then URLs, emoji, characters."""
    normalized = unicodedata.normalize("NFC", text)
    atoms = _weighted_atoms(normalized, config)
    total = 0
    index = 0
    while index < len(normalized):
        atom = atoms.get(index)
        if atom is None:
            total += _char_weight(normalized[index], config)
            index += 1
        else:
            index, weight = atom
            total += weight
    # Real configs give weights that are multiples of `scale`; rounding up keeps any other on the safe side.
    length = -(-total // config.scale)
    invalid = not X_INVALID_CHARS.isdisjoint(normalized)
    return TweetCount(length, not invalid and 0 < length <= config.max_weighted_length, invalid)


def x_weighted_length(text: str) -> int:
    return count_tweet(text).weighted_length


def _weighted_atoms(text: str, config: TweetCountConfig) -> dict[int, tuple[int, int]]:
    """Start index -> (end index, weight) of each URL and, if parsed, each emoji sequence."""
    atoms: dict[int, tuple[int, int]] = {}
    if config.emoji_parsing:
        for start, end in _emoji_spans(text):
            atoms[start] = (end, config.default_weight)
    # URLs go last so they win where an emoji would start at the same index.
    for start, end in _url_spans(text):
        atoms[start] = (end, config.transformed_url_length * config.scale)
    return atoms


def _char_weight(char: str, config: TweetCountConfig) -> int:
    # One code point: an astral character falls outside every range, as its UTF-16 pair does in
    # twitter-text, so walking code points gives the same weights as walking UTF-16 units.
    code = ord(char)
    for weight_range in config.ranges:
        if weight_range.start <= code <= weight_range.end:
            return weight_range.weight
    return config.default_weight


def _emoji_spans(text: str) -> list[tuple[int, int]]:
    # The `emoji` package follows current Unicode emoji data, so ZWJ sequences newer than twitter-text's
    # own list (🧑‍💻, 🏳️‍⚧️, 🫱🏻‍🫲🏿) count as the 2 that X shows, not as their 5 to 9 pieces.
    # Imported here: its ~30 ms would otherwise land on every start of the CLI.
    import emoji

    return [(match["match_start"], match["match_end"]) for match in emoji.emoji_list(text)]


_DOT_LETTER = re.compile(r"\.[^\W\d_]")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each URL twitter-text finds in `text`.

    The extractor's regex is quadratic in the length of a run without whitespace (4,000 characters of
    unspaced Chinese took 0.8 s), so it is fed one whitespace-free token at a time, and only tokens
    holding a "." before a letter: every URL it accepts ends its domain in "." and a TLD, which starts
    with a letter, and no URL spans whitespace. Each token goes with the whitespace before it, which the
    regex takes as the URL's preceding character; without it, the token's own first character would be.
    """
    if _DOT_LETTER.search(text) is None:
        return []  # also keeps the slow first import out of link-free texts
    extract, tokens, dot_tld = _url_extractor()
    spans: list[tuple[int, int]] = []
    for token in tokens.finditer(text):
        if _DOT_LETTER.search(token.group()) is None or dot_tld.search(token.group()) is None:
            continue
        offset = max(token.start() - 1, 0)
        for url in extract(text[offset : token.end()]):
            spans.append((offset + int(url["indices"][0]), offset + int(url["indices"][1])))
    return spans


@cache
def _url_extractor() -> tuple[Callable[[str], list[dict[str, Any]]], re.Pattern[str], re.Pattern[str]]:
    """twitter-text-parser's URL extractor, which is twitter-text's URL grammar (TLD lists, punycode
    label limits, t.co rules) and passes its conformance vectors, and a regex for the runs between
    the characters that grammar counts as whitespace.

    Imported on first use because the import takes ~110-200 ms. The package reads one data file through
    `pkg_resources`, which setuptools deprecates (a warning on import) and dropped in 82, and which
    the package does not declare; a stand-in that serves just that file is put in place for the import.
    """
    if sys.modules.get("pkg_resources") is not None:
        from twitter_text.extract_urls import extract_urls_with_indices
    else:
        sys.modules["pkg_resources"] = _pkg_resources_stand_in()
        try:
            from twitter_text.extract_urls import extract_urls_with_indices
        finally:
            sys.modules.pop("pkg_resources")
    from twitter_text.regexp.spaces_group import spaces_group
    from twitter_text.regexp.valid_cctld import valid_cctld
    from twitter_text.regexp.valid_gtld import valid_gtld
    from twitter_text.regexp.valid_punycode import valid_punycode

    extract: Callable[[str], list[dict[str, Any]]] = extract_urls_with_indices
    # Every URL the grammar accepts has a "." and a valid TLD. Its domain regex backtracks badly over
    # long runs of labels that end in no TLD ("a.a.a.…": 3,000 characters took 11 s), so a token
    # without a "." + TLD is never handed to it.
    tld = "|".join(p.pattern for p in (valid_gtld, valid_cctld, valid_punycode))
    return extract, re.compile(f"[^{spaces_group}]+"), re.compile(rf"\.(?:{tld})", re.IGNORECASE)


def _pkg_resources_stand_in() -> types.ModuleType:
    def resource_string(anchor: str, name: str) -> bytes:
        # `anchor` is a module's __name__; its data file sits in the module's package.
        is_package = hasattr(sys.modules.get(anchor), "__path__")
        package = anchor if is_package else anchor.rpartition(".")[0]
        return importlib.resources.files(package).joinpath(name).read_bytes()

    module = types.ModuleType("pkg_resources", "somedesk's stand-in: resource_string only")
    module.__dict__["resource_string"] = resource_string
    return module


# -------------------------------------------------------------------------------------- LinkedIn


# The "little" text format's reserved characters (api-contracts A6): each must be backslash-escaped,
# or LinkedIn may silently cut the post at the first unescaped one.
LITTLE_RESERVED: Final = frozenset("|{}@[]()<>#\\*_~")
_LITTLE_ESCAPE = re.compile(r"\\([|{}@\[\]()<>#\\*_~])")
# A hashtag's word: letters and digits with at least one letter ("#1" stays text, "#2025goals" is a tag).
# The underscore is left out because escaping it inside the tag would end the tag there anyway.
_HASHTAG_WORD = re.compile(r"(?=[^\W_]*[^\W\d_])[^\W_]+")


def escape_little_text(text: str) -> str:
    """Escape `text` for the `commentary` field of LinkedIn's /rest/posts, keeping hashtags.

    Escaping every `#` (as postiz does) turns hashtags into plain text, so a `#` that starts a hashtag
    is left as it is: one at the start of the text or after whitespace, an opening bracket or a
    quote, followed by a word of letters and digits. A `#` after anything else — inside a URL
    (`/#anchor`, `page#top`), a word (`C#`) or an HTML entity — is escaped and reads as plain text.
    Mentions are not produced: `@` is always escaped.
    """
    escaped: list[str] = []
    for index, char in enumerate(text):
        if char in LITTLE_RESERVED and not _starts_hashtag(text, index):
            escaped.append("\\")
        escaped.append(char)
    return "".join(escaped)


def unescape_little_text(text: str) -> str:
    """The text a reader sees for an escaped commentary (the inverse of `escape_little_text`)."""
    return _LITTLE_ESCAPE.sub(r"\1", text)


def _starts_hashtag(text: str, index: int) -> bool:
    if text[index] != "#":
        return False
    before = text[index - 1] if index else " "
    at_word_start = before.isspace() or before in "\"'" or unicodedata.category(before) in {"Ps", "Pi", "Pf"}
    return at_word_start and _HASHTAG_WORD.match(text, index + 1) is not None


def linkedin_length(text: str) -> int:
    """Length of `text` as LinkedIn's 3,000-character limit may count it.

    How LinkedIn counts is not documented (api-contracts A5, [U]), so this is the largest plausible
    reading: UTF-16 code units (never fewer than code points; an emoji is 2 or more) of the escaped
    text actually sent, backslashes included.
    """
    return len(escape_little_text(text).encode("utf-16-le")) // 2


# ------------------------------------------------------------------------------------ X threads

# How good a place to cut is: END > PARAGRAPH > SENTENCE (or line break) > WORD > CHAR; NEVER inside
# a URL, an emoji sequence, a character and its combining marks, or a run of whitespace.
_NEVER, _CHAR, _WORD, _SENTENCE, _PARAGRAPH, _END = -1, 0, 1, 2, 3, 4
_WHITESPACE_RUN = re.compile(r"\s+")
# A sentence ends at . ! ? … (and any closing quotes or brackets) before whitespace, or at a CJK stop.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|[。！？]+[」』）]*")
_ZWJ: Final = "\u200d"


def split_thread(text: str, limit: int = X_LIMIT, *, numbered: bool = False) -> list[str]:
    """Split `text` into posts of at most `limit` weighted characters each, stripped of outer space.

    A text that fits is one post. Otherwise cuts go at the last paragraph break that fits, else the last
    sentence end or line break, else the last space, and only a word too long for a post is cut inside,
    never within a URL or an emoji sequence. Numbering is off by default — X already shows a thread's
    posts as one — and with `numbered` each post ends in " (i/n)", counted in its length.
    """
    validate_text(text)
    bad = sorted(X_INVALID_CHARS.intersection(text))
    if bad:
        raise InvalidInputError(f"The text holds a hidden character X does not accept (U+{ord(bad[0]):04X}).")
    if limit < MIN_THREAD_LIMIT:
        raise ValueError(f"a thread limit must be at least {MIN_THREAD_LIMIT}, got {limit}")
    return _thread_parts(text.strip(), limit, numbered)


def _thread_parts(body: str, limit: int, numbered: bool) -> list[str]:
    if x_weighted_length(body) <= limit:
        return [body]
    if not numbered:
        return _split(body, limit, suffix="")
    # The suffix's width depends on the number of parts: reserve room for the widest "(99/99)" of
    # each digit count until the parts found need no wider one.
    digits = 1
    while True:
        widest = 10**digits - 1
        parts = _split(body, limit, suffix=_numbering(widest, widest))
        if len(str(len(parts))) <= digits:
            return [part + _numbering(number, len(parts)) for number, part in enumerate(parts, 1)]
        digits += 1


def _numbering(number: int, total: int) -> str:
    return f" ({number}/{total})"


def _split(body: str, limit: int, suffix: str) -> list[str]:
    """Cut a stripped `body` into parts that each weigh at most `limit` with `suffix` appended."""
    levels = _cut_levels(body)
    cuts = [position for position, level in enumerate(levels) if level > _NEVER]
    parts: list[str] = []
    start = 0
    while start < len(body):

        def fits(end: int, start: int = start) -> bool:
            return x_weighted_length(body[start:end].rstrip() + suffix) <= limit

        first = bisect_right(cuts, start)
        farthest = _farthest_fitting(cuts, first, fits)
        if farthest is None:
            end = _forced_cut(start, cuts[first], fits)
        else:
            end = _best_cut(cuts, levels, first, farthest, fits)
        parts.append(body[start:end].rstrip())
        start = _skip_whitespace(body, end)
    return parts


def _cut_levels(body: str) -> list[int]:
    """levels[p] rates a cut just before body[p] (levels[len] is the end of the text)."""
    levels = [_CHAR if _is_cluster_boundary(body, position) else _NEVER for position in range(len(body))]
    levels.append(_END)
    levels[0] = _NEVER
    for run in _WHITESPACE_RUN.finditer(body):
        newlines = run.group().count("\n")
        levels[run.start()] = _PARAGRAPH if newlines >= 2 else _SENTENCE if newlines else _WORD
        for inside in range(run.start() + 1, run.end() + 1):
            levels[inside] = _NEVER  # same cut as at the run's start once parts are stripped
    for stop in _SENTENCE_END.finditer(body):
        if levels[stop.end()] > _NEVER:
            levels[stop.end()] = max(levels[stop.end()], _SENTENCE)
    for start, end in [*_url_spans(body), *_emoji_spans(body)]:
        for inside in range(start + 1, end):
            levels[inside] = _NEVER
    return levels


def _is_cluster_boundary(body: str, position: int) -> bool:
    # Enough of a grapheme boundary for cutting: emoji sequences are excluded separately.
    if position == 0:
        return True
    char, before = body[position], body[position - 1]
    joined = char == _ZWJ or before == _ZWJ or (before == "\r" and char == "\n")
    skin_tone = 0x1F3FB <= ord(char) <= 0x1F3FF
    return not (joined or skin_tone or unicodedata.category(char).startswith("M"))


def _farthest_fitting(cuts: list[int], first: int, fits: Callable[[int], bool]) -> int | None:
    """Index of the farthest cut from cuts[first:] that fits, or None if not even the first does.

    Gallops then bisects, so only a few texts are weighed per part. Weight grows with the text,
    except where a cut could change what counts as a URL; a cut chosen here was weighed and fits.
    """
    if first >= len(cuts) or not fits(cuts[first]):
        return None
    good, beyond, step = first, len(cuts), 1
    while good + step < beyond:
        if fits(cuts[good + step]):
            good += step
            step *= 2
        else:
            beyond = good + step
    while beyond - good > 1:
        middle = (good + beyond) // 2
        if fits(cuts[middle]):
            good = middle
        else:
            beyond = middle
    return good


def _best_cut(
    cuts: list[int], levels: list[int], first: int, farthest: int, fits: Callable[[int], bool]
) -> int:
    """The last cut of the best level among those that fit (a paragraph break beats a fuller part)."""
    best = max(range(first, farthest + 1), key=lambda index: (levels[cuts[index]], index))
    return cuts[best] if fits(cuts[best]) else cuts[farthest]


def _forced_cut(start: int, next_cut: int, fits: Callable[[int], bool]) -> int:
    # Only a character with more combining marks than a post holds gets here: cut between code points.
    end = start + 1
    while end + 1 < next_cut and fits(end + 1):
        end += 1
    return end


def _skip_whitespace(body: str, position: int) -> int:
    while position < len(body) and body[position].isspace():
        position += 1
    return position


# ------------------------------------------------------------------------------------ summary

_LIMITS: Final[Mapping[Network, int]] = {
    Network.X: X_LIMIT,
    Network.LINKEDIN: LINKEDIN_LIMIT,
    Network.SANDBOX: SANDBOX_LIMIT,
}


@dataclass(frozen=True, slots=True)
class LengthReport:
    """How long a text is for one network. `parts` is the number of thread posts on X, else 1."""

    network: Network
    length: int
    limit: int
    parts: int
    has_invalid_chars: bool = False  # X only: a character X refuses whatever the length

    @property
    def ok(self) -> bool:
        """Whether the text goes out as one post (on X: one tweet, not a thread)."""
        return 0 < self.length <= self.limit and not self.has_invalid_chars

    @property
    def sendable(self) -> bool:
        """Whether the network takes it: on X a text too long for one post goes out as a thread, so
        only an invisible character X refuses makes it "too long" there (Quick post agrees)."""
        if self.length <= 0 or self.has_invalid_chars:
            return False
        return self.length <= self.limit or (self.network is Network.X and self.parts > 1)


def measure(text: str, network: Network) -> LengthReport:
    limit = _LIMITS[network]
    if network is not Network.X:
        # The sandbox stands in for LinkedIn, so it counts like LinkedIn.
        return LengthReport(network, linkedin_length(text), limit, parts=1)
    count = count_tweet(text)
    fits = count.weighted_length <= limit or is_blank(text)
    parts = 1 if fits else len(_thread_parts(text.strip(), limit, numbered=False))
    return LengthReport(network, count.weighted_length, limit, parts, count.has_invalid_chars)


def is_blank(text: str) -> bool:
    """Nothing a reader would see: only whitespace and invisible format characters (ZWSP, BOM, …)."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def validate_text(text: str) -> None:
    if is_blank(text):
        raise InvalidInputError("The post is empty: write some text first.")
