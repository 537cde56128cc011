"""Spell check: which words are looked at (pure), and checking with the real Debian dictionaries
(hunspell en_US, Voikko fi), my words, and the "no dictionary" path in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from somedesk.core.spelling import guess_language, words_to_check
from somedesk.sources.dictionaries import MY_WORDS_FILE, MyWords, Speller, my_words, ui_fallback


def checked(text: str) -> list[str]:
    return [text[w.start : w.end] for w in words_to_check(text)]


# Which words -----------------------------------------------------------------------------------


def test_hashtags_mentions_links_and_addresses_are_left_out():
    text = "Thanks #teamwork @mikko see https://example.com/recieve www.exampel.org and mikko@exampel.fi"
    assert checked(text) == ["Thanks", "see", "and"]


def test_numbers_and_words_with_digits_are_left_out():
    assert checked("On 3rd May 2026 we hit COVID-19 goals 10x") == ["On", "May", "we", "hit", "goals"]


def test_acronyms_camel_case_names_and_single_letters_are_left_out():
    assert checked("I use LinkedIn and iPhone for KPI work at EU:ssa") == ["use", "and", "for", "work", "at"]


def test_offsets_count_code_points_including_emoji_before_a_word():
    text = "🎉🧑‍💻 recieve"
    [word] = words_to_check(text)
    assert (word.start, word.end, word.text) == (5, 12, "recieve")
    assert text[word.start : word.end] == "recieve"


def test_finnish_letters_apostrophes_and_hyphens_stay_in_one_word():
    text = "Hyvää työtä! It’s a well-known EU-maa, 'quoted' kahvi- ja teetauko"
    assert checked(text) == [
        "Hyvää",
        "työtä",
        "It’s",
        "well-known",
        "EU-maa",
        "quoted",
        "kahvi",
        "ja",
        "teetauko",
    ]
    assert words_to_check(text)[2].text == "It's"  # checked with the plain apostrophe


def test_a_decomposed_letter_is_part_of_its_word():
    text = "Hyva\u0308a\u0308 pa\u0308iva\u0308a\u0308"
    words = words_to_check(text)
    assert [w.text for w in words] == ["Hyvää", "päivää"]
    assert words[1].end == len(text)


def test_a_long_run_without_spaces_still_yields_its_words():
    assert checked("a" * 5000 + " tpyo") == ["a" * 5000, "tpyo"]
    assert checked("a." * 2500 + " tpyo") == ["tpyo"]


def test_addresses_glued_together_and_a_link_after_a_sign_are_left_out():
    assert checked("Mail mikko@firma.fi+anna@firma.fi now") == ["Mail", "now"]
    text = "Mail mikko@firma.fi or see -http://localhost:8000/recieve now"
    assert checked(text) == ["Mail", "or", "see", "now"]


# Guessing the language (pure) ------------------------------------------------------------------


ENGLISH = {"thanks", "to", "our", "customers", "this", "is", "great"}
FINNISH = {"kiitos", "asiakkaille", "tämä", "on", "hieno", "juttu"}
CHECKERS = {"en_US": lambda w: w.lower() in ENGLISH, "fi": lambda w: w.lower() in FINNISH}


def test_the_dictionary_that_knows_more_words_wins():
    assert guess_language("Kiitos asiakkaille, tämä on hieno juttu", CHECKERS, "en_US") == "fi"
    assert guess_language("Thanks to our customers, this is great", CHECKERS, "fi") == "en_US"


def test_a_short_text_or_a_tie_falls_back_to_the_ui_language():
    assert guess_language("Kiitos!", CHECKERS, "en_US") == "en_US"
    assert guess_language("thanks kiitos to on", CHECKERS, "fi") == "fi"
    assert guess_language("Kiitos!", CHECKERS, "sv") == "en_US"  # not available: the first one
    assert guess_language("Kiitos!", {}, "fi") is None


def test_the_ui_language_picks_a_spelling_language():
    assert ui_fallback("fi", ["en_US", "fi"]) == "fi"
    assert ui_fallback("en", ["en_GB", "en_US", "fi"]) == "en_US"
    assert ui_fallback("system", ["en_US", "fi"], env={"LANG": "fi_FI.UTF-8"}) == "fi"
    assert ui_fallback("system", ["en_US", "fi"], env={}) == "en_US"
    assert ui_fallback("fi", ["en_US"]) is None


# The real dictionaries -------------------------------------------------------------------------


@pytest.fixture
def speller(tmp_path: Path) -> Speller:
    found = Speller(tmp_path)
    assert found.load().tags() == ["en_US", "fi"], "install hunspell-en-us voikko-fi libenchant-2-voikko"
    return found


def test_the_debian_dictionaries_are_found_with_their_names(speller: Speller):
    assert [(lang.tag, lang.name) for lang in speller.load().languages] == [
        ("en_US", "English (US)"),
        ("fi", "Suomi"),
    ]


def test_an_english_misspelling_and_its_suggestions(speller: Speller):
    text = "We 🎉 recieve #feedbackk from https://exampel.com every week."
    [found] = speller.check(text, "en_US")
    assert (found.start, found.end, found.word) == (5, 12, "recieve")
    assert speller.suggest("recieve", "en_US")[:2] == ["receive", "relieve"]


def test_finnish_inflected_forms_are_accepted_and_a_misspelling_is_flagged(speller: Speller):
    assert speller.check("Kiitos asiakkaille ja yhteistyökumppaneillemme!", "fi") == []
    [found] = speller.check("Kiitos asiakkaile!", "fi")
    assert found.word == "asiakkaile"
    assert "asiakkaille" in speller.suggest("asiakkaile", "fi")


def test_a_hyphenated_word_is_fine_when_each_part_is(speller: Speller):
    assert speller.check("A state-of-the-art, well-known tool", "en_US") == []
    assert [m.word for m in speller.check("A well-knwon tool", "en_US")] == ["well-knwon"]


def test_the_language_is_guessed_with_the_real_dictionaries(speller: Speller):
    assert speller.detect("Kiitos asiakkaille, tämä on hieno juttu.", "en_US") == "fi"
    assert speller.detect("Thanks to our customers, this was a great week.", "fi") == "en_US"
    assert speller.detect("Kiitos!", "en_US") == "en_US"


def test_my_words_are_accepted_in_every_language_and_kept_across_instances(tmp_path: Path, speller: Speller):
    assert [m.word for m in speller.check("somedesk rocks", "en_US")] == ["somedesk"]
    speller.my_words.add("somedesk")
    assert speller.check("Somedesk rocks", "en_US") == []
    assert speller.check("somedesk toimii", "fi") == []
    assert my_words(tmp_path) is speller.my_words  # one list per file in a process
    # The next run reads the file again: a plain text file, one word a line.
    assert (tmp_path / MY_WORDS_FILE).read_text(encoding="utf-8") == "somedesk\n"
    next_run = MyWords(tmp_path / MY_WORDS_FILE)
    assert "somedesk" in next_run and "Somedesk" in next_run and "other" not in next_run
    next_run.remove("somedesk")
    assert (tmp_path / MY_WORDS_FILE).read_text(encoding="utf-8") == ""


# No dictionary, for real -----------------------------------------------------------------------


def test_without_enchant_spell_check_says_so_and_finds_nothing(tmp_path: Path):
    script = textwrap.dedent(
        f"""
        import json
        from pathlib import Path
        from somedesk.sources.dictionaries import Speller
        speller = Speller(Path({str(tmp_path)!r}))
        availability = speller.load()
        print(json.dumps({{
            "available": availability.available,
            "message": availability.message,
            "found": speller.check("I recieve teh mail", "en_US"),
            "suggestions": speller.suggest("recieve", "en_US"),
            "detected": speller.detect("I recieve teh mail", "en_US"),
        }}))
        """
    )
    env = {**os.environ, "PYENCHANT_LIBRARY_PATH": "/nonexistent"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    assert report == {
        "available": False,
        "message": report["message"],
        "found": [],
        "suggestions": [],
        "detected": None,
    }
    assert report["message"].startswith("Spell check is unavailable: the Enchant library is missing")
    assert "hunspell-en-us" in report["message"] and "voikko-fi libenchant-2-voikko" in report["message"]
