"""The text rules: LinkedIn length and escaping, X counting beyond the vectors, thread splits, measure()."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import emoji
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network
from somedesk.core.text import (  # _url_*: the URL finder's speed-up is checked against the plain one
    LITTLE_RESERVED,
    X_INVALID_CHARS,
    _url_extractor,
    _url_spans,
    count_tweet,
    escape_little_text,
    is_blank,
    linkedin_length,
    measure,
    split_thread,
    unescape_little_text,
    validate_text,
    x_weighted_length,
)

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
URLS = ["https://example.com/a/long/path?q=1&b=2", "example.org", "http://t.co/abc123", "www.python.org/doc"]

# ------------------------------------------------------------------------------------- X counting


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("🧑\u200d💻", 2),  # Emoji 12.1 ZWJ sequence, newer than twitter-text-parser's emoji list
        ("🏳️\u200d⚧️", 2),
        ("🫱🏻\u200d🫲🏿", 2),
        ("🫶🏽", 2),
        ("🇫🇮", 2),
        ("1️⃣", 2),
        (FAMILY, 2),
        ("e\u0301", 1),  # NFC composes it to é
        ("a\r\nb", 4),  # every character counts; twitter-text's JS does not fold line endings
        ("see example.com", 27),
    ],
)
def test_x_weighs_current_emoji_and_urls(text: str, length: int) -> None:
    assert x_weighted_length(text) == length


url_pieces = ["example.com", "https://", "http://t.co/abc", "www.", ".org", "/path", "?q=1", ":8080"]
url_pieces += ["xn--p1ai"]
url_pieces += ["a", "Z", "9", "故", ".", ".рф", "-", "_", "@", "#", "(", ")", "é", "😷", "\u202a", "\x1c"]
url_pieces += [" ", "\n", "\xa0", "\u3000"]


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(url_pieces), max_size=40).map("".join))
def test_finding_urls_token_by_token_matches_the_whole_text(text: str) -> None:
    # Fed whole, twitter-text's regex is quadratic in unspaced runs; fed per token, it must agree.
    extract, _, _ = _url_extractor()
    whole = [(url["indices"][0], url["indices"][1]) for url in extract(text)]
    assert _url_spans(text) == whole


def test_urls_are_found_without_pkg_resources() -> None:
    # setuptools 82 dropped pkg_resources, which twitter-text-parser imports; 67.5-81 warn on it.
    code = textwrap.dedent(
        """
        import sys, importlib.abc

        class NoPkgResources(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name == "pkg_resources":
                    raise ImportError(name)

        sys.meta_path.insert(0, NoPkgResources())
        from somedesk.core.text import x_weighted_length
        print(x_weighted_length("Hi http://test.co"), "pkg_resources" in sys.modules)
        """
    )
    command = [sys.executable, "-W", "error", "-c", code]
    run = subprocess.run(command, capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["26", "False"]


def test_x_refuses_invalid_characters_whatever_the_length() -> None:
    count = count_tweet("hi\ufeff")
    assert count.has_invalid_chars
    assert not count.valid


# ------------------------------------------------------------------------------------- LinkedIn


def test_reserved_set_is_the_documented_one() -> None:
    assert frozenset("|{}@[]()<>#\\*_~") == LITTLE_RESERVED
    assert len(LITTLE_RESERVED) == 15


@pytest.mark.parametrize("char", sorted(LITTLE_RESERVED))
def test_every_reserved_char_is_escaped(char: str) -> None:
    assert escape_little_text(f"a{char}b") == f"a\\{char}b"
    assert escape_little_text(f"x {char} y") == f"x \\{char} y"


def test_backslash_is_doubled() -> None:
    assert escape_little_text("C:\\temp") == "C:\\\\temp"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("#tag", "#tag"),
        ("Loving it #python #日本", "Loving it #python #日本"),
        ("line one\n#tag", "line one\n#tag"),
        ("(#tag)", "\\(#tag\\)"),
        ('"#quoted"', '"#quoted"'),
        ("#2025goals", "#2025goals"),
        ("#my_tag", "#my\\_tag"),  # the tag ends where an escape would end it anyway
    ],
)
def test_hashtags_stay_hashtags(text: str, escaped: str) -> None:
    assert escape_little_text(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("We're #1", "We're \\#1"),  # no letter: a number, not a tag
        ("C# rocks", "C\\# rocks"),
        ("page#top", "page\\#top"),
        ("https://x.com/#anchor", "https://x.com/\\#anchor"),
        ("# heading", "\\# heading"),
        ("#", "\\#"),
        ("##tag", "\\#\\#tag"),  # the second "#" follows a "#", not a word start
        ("\\#tag", "\\\\\\#tag"),
    ],
)
def test_other_hashes_are_plain_text(text: str, escaped: str) -> None:
    assert escape_little_text(text) == escaped


reserved_heavy_text = st.text(alphabet=st.sampled_from([*LITTLE_RESERVED, *" ab1_\n日"]) | st.characters())


@given(reserved_heavy_text)
def test_unescaping_the_escaped_text_gives_the_original(text: str) -> None:
    assert unescape_little_text(escape_little_text(text)) == text


@given(reserved_heavy_text)
def test_no_reserved_char_is_left_bare_but_a_hashtags_hash(text: str) -> None:
    escaped = escape_little_text(text)
    index = 0
    while index < len(escaped):
        char = escaped[index]
        if char == "\\":
            assert escaped[index + 1] in LITTLE_RESERVED
            index += 2
            continue
        if char in LITTLE_RESERVED:
            assert char == "#"
            assert escaped[index + 1 : index + 2].isalnum()
        index += 1


@pytest.mark.parametrize(
    ("text", "length"),
    [("abc", 3), ("é", 1), ("😷", 2), (FAMILY, 11), ("(a)", 5), ("#tag", 4), ("", 0)],
)
def test_linkedin_counts_utf16_units_of_the_escaped_text(text: str, length: int) -> None:
    assert linkedin_length(text) == length


# ------------------------------------------------------------------------------------- threads


def test_a_text_that_fits_is_one_part() -> None:
    assert split_thread("  Hello world \n") == ["Hello world"]
    assert split_thread("x" * 280) == ["x" * 280]


def test_paragraph_break_is_preferred() -> None:
    first = " ".join(["alpha"] * 25) + "."
    second = " ".join(["beta"] * 40) + "."
    assert split_thread(f"{first}\n\n{second}") == [first, second]


def test_sentence_end_beats_a_fuller_part() -> None:
    sentences = [f"Sentence number {n} says a little more than nothing." for n in range(8)]
    parts = split_thread(" ".join(sentences))
    assert len(parts) == 2
    assert all(part.endswith(".") for part in parts)


def test_a_word_too_long_is_cut_inside() -> None:
    parts = split_thread("x" * 300)
    assert [len(part) for part in parts] == [280, 20]


def test_url_at_the_limit_moves_whole_to_the_next_part() -> None:
    url = URLS[0]
    text = "word " * 54 + url + " and more words after it"
    parts = split_thread(text)
    assert len(parts) == 2
    assert url in parts[1]
    assert all(x_weighted_length(part) <= 280 for part in parts)


def test_url_is_kept_whole_when_cutting_inside_a_long_run() -> None:
    url = "https://example.com/path"
    text = "故" * 130 + url + "故" * 130
    parts = split_thread(text)
    assert "".join(parts) == text
    assert sum(part.count(url) for part in parts) == 1


@pytest.mark.parametrize("sequence", [FAMILY, "🧑🏽\u200d🤝\u200d🧑🏿", "🇫🇮", "1️⃣", "🙋🏽"])
def test_emoji_sequences_are_never_cut(sequence: str) -> None:
    text = sequence * 150
    parts = split_thread(text)
    assert len(parts) == 2
    assert all(part.replace(sequence, "") == "" for part in parts)


def test_numbered_parts_count_their_suffix() -> None:
    words = " ".join(f"w{n}" for n in range(1000))
    parts = split_thread(words, numbered=True)
    total = len(parts)
    assert total >= 10
    for number, part in enumerate(parts, 1):
        assert part.endswith(f" ({number}/{total})")
        assert x_weighted_length(part) <= 280
    bodies = [part.rsplit(" (", 1)[0] for part in parts]
    assert " ".join(bodies).split() == words.split()


def test_numbering_is_left_off_a_single_part() -> None:
    assert split_thread("short", numbered=True) == ["short"]


@pytest.mark.parametrize("text", ["", "   \n\t", "\u200b\ufeff"])
def test_nothing_to_split_is_refused(text: str) -> None:
    with pytest.raises(InvalidInputError):
        split_thread(text)


def test_a_character_x_refuses_is_named() -> None:
    with pytest.raises(InvalidInputError, match="U\\+FFFE"):
        split_thread("hello\ufffe")


def test_a_tiny_limit_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="at least"):
        split_thread("x" * 100, limit=10)


word = st.one_of(
    st.text(alphabet=st.sampled_from(list("abcdefghijkXYZ0123456789éüß,'-")), min_size=1, max_size=12),
    st.text(alphabet=st.sampled_from(list("故人西辞黄鹤楼ひらがな한국어")), min_size=1, max_size=8),
    st.sampled_from(["😷", FAMILY, "🧑\u200d💻", "🇫🇮", "1️⃣", "🙋🏽", "e\u0301"]),
    st.sampled_from(URLS),
)
separator = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", ". ", "! ", "? ", ".\n\n"])


@st.composite
def long_texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(word, min_size=60, max_size=400))
    separators = draw(st.lists(separator, min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, separators, strict=True)).strip()


@settings(deadline=None, max_examples=60)
@given(long_texts(), st.booleans())
def test_split_parts_are_valid_and_keep_the_words(text: str, numbered: bool) -> None:
    parts = split_thread(text, numbered=numbered)
    assert all(count_tweet(part).valid for part in parts)
    if numbered and len(parts) > 1:
        parts = [part.rsplit(" (", 1)[0] for part in parts]
    assert " ".join(parts).split() == text.split()
    for url in URLS:
        assert sum(part.count(url) for part in parts) == text.count(url)


any_char = st.characters(exclude_categories=["Cs"], exclude_characters=set(X_INVALID_CHARS))


@settings(deadline=None, max_examples=60)
@given(st.text(any_char, min_size=100, max_size=900).filter(lambda text: not is_blank(text)), st.booleans())
def test_any_text_splits_into_valid_parts_losing_nothing_but_space(text: str, numbered: bool) -> None:
    parts = split_thread(text, numbered=numbered)
    assert all(count_tweet(part).valid for part in parts)
    if numbered and len(parts) > 1:
        parts = [part.rsplit(" (", 1)[0] for part in parts]
    assert "".join("".join(parts).split()) == "".join(text.split())


# No "." here: a run like "a.a.a" is the URL regex's slow case; URLs in runs have their own test above.
pieces = ["a", "Z", "9", "é", "故", "😷", FAMILY, "🇫🇮", "1️⃣", "e\u0301", "!"]
unbroken = st.lists(st.sampled_from(pieces), min_size=150, max_size=600).map("".join)


@settings(deadline=None, max_examples=40)
@given(unbroken)
def test_cutting_inside_a_long_run_keeps_every_emoji(text: str) -> None:
    parts = split_thread(text)
    assert all(count_tweet(part).valid for part in parts)
    assert "".join(parts) == text
    in_parts = [found["emoji"] for part in parts for found in emoji.emoji_list(part)]
    assert in_parts == [found["emoji"] for found in emoji.emoji_list(text)]


# ------------------------------------------------------------------------------------- measure


def test_measure_x_short() -> None:
    report = measure("Hi http://test.co", Network.X)
    assert (report.length, report.limit, report.parts, report.ok) == (26, 280, 1, True)


def test_measure_x_thread() -> None:
    text = " ".join(["word"] * 200)
    report = measure(text, Network.X)
    assert report.length == 999
    assert report.parts == len(split_thread(text)) == 4
    assert not report.ok


def test_measure_x_invalid_char_is_not_ok() -> None:
    report = measure("hello\ufeff", Network.X)
    assert report.has_invalid_chars
    assert not report.ok


@pytest.mark.parametrize("network", [Network.LINKEDIN, Network.SANDBOX])
def test_measure_linkedin_and_sandbox(network: Network) -> None:
    assert measure("a" * 3000, network).ok
    over = measure("a" * 2999 + "😷", network)
    assert (over.length, over.limit, over.parts, over.ok) == (3001, 3000, 1, False)
    assert measure("(" * 1500, network).length == 3000  # escapes count


@pytest.mark.parametrize("network", list(Network))
def test_measure_empty_text_is_not_ok(network: Network) -> None:
    report = measure("", network)
    assert (report.length, report.parts, report.ok) == (0, 1, False)


@pytest.mark.parametrize("text", ["", " ", "\n\t ", "\u200b", "\ufeff \u200d"])
def test_validate_text_refuses_empty_text(text: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        validate_text(text)
    assert "\n" not in str(raised.value)
    assert str(raised.value)


def test_validate_text_accepts_text() -> None:
    validate_text(" hi ")


def test_long_runs_of_labels_without_a_tld_are_counted_quickly():
    import time

    began = time.perf_counter()
    assert count_tweet("a." * 1500).weighted_length == 3000  # once took 11 s in the URL grammar
    assert time.perf_counter() - began < 2
