"""Spelling on the command line: `somedesk check` lists misspellings with suggestions after the length
and policy lines, never changing the exit code; `--lang` chooses the language; without libenchant it
says so in one line; the self-test names the dictionaries. Real subprocesses, real dictionaries."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import Runner

NO_ENCHANT = {"PYENCHANT_LIBRARY_PATH": "/nonexistent"}


def test_check_lists_misspellings_with_suggestions_after_the_other_lines(somedesk: Runner):
    result = somedesk("check", "We recieve feedback every week #feedbackk https://exampel.com/x")
    assert result.returncode == 0  # advice only
    lines = result.stdout.splitlines()
    assert lines[0].startswith("LinkedIn:") and lines[1].startswith("X:")
    assert lines[2:] == ['spelling: "recieve" → receive, relieve, reverie']


def test_a_finnish_text_is_checked_in_finnish(somedesk: Runner):
    result = somedesk("check", "Kiitos asiakkaille, tämä oli hienoo viikko", "--network", "x")
    assert result.returncode == 0
    assert result.stdout.splitlines()[1].startswith('spelling: "hienoo" → hieno, ')


def test_lang_chooses_the_language(somedesk: Runner):
    result = somedesk("check", "Kiitos asiakkaille", "--lang", "en_US", "--network", "x")
    assert 'spelling: "Kiitos" →' in result.stdout and 'spelling: "asiakkaille" →' in result.stdout
    unknown = somedesk("check", "Kiitos", "--lang", "de", "--network", "x")
    assert unknown.returncode == 0
    assert "spelling: no de dictionary is installed (found: en_US, fi)" in unknown.stdout


def test_a_text_over_the_limit_still_exits_1_with_its_spelling_listed(somedesk: Runner):
    result = somedesk("check", "recieve " * 400, "--network", "linkedin", "--json")  # over LinkedIn's 3,000
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["spelling"]["language"] == "en_US"
    first = report["spelling"]["misspellings"][0]
    assert first == {
        "start": 0,
        "end": 7,
        "word": "recieve",
        "suggestions": ["receive", "relieve", "reverie"],
    }


def test_switched_off_in_the_config_no_spelling_lines(somedesk: Runner, home: Path):
    (home / "config.toml").write_text("[spelling]\nenabled = false\n", encoding="utf-8")
    result = somedesk("check", "We recieve feedback", "--network", "x")
    assert result.returncode == 0 and "spelling" not in result.stdout


def test_a_misspelt_spelling_key_gets_a_did_you_mean(somedesk: Runner, home: Path):
    (home / "config.toml").write_text("[spelling]\nenable = false\n", encoding="utf-8")
    result = somedesk("check", "hello")
    assert result.returncode == 1
    assert "unknown key 'spelling.enable' — did you mean 'enabled'?" in result.stderr


def test_without_enchant_check_says_so_in_one_line(somedesk: Runner):
    result = somedesk("check", "We recieve feedback", "--network", "x", env=NO_ENCHANT)
    assert result.returncode == 0
    [line] = [line for line in result.stdout.splitlines() if line.startswith("spelling")]
    assert line.startswith("spelling: unavailable: the Enchant library is missing")
    assert "hunspell-en-us" in line and "voikko-fi libenchant-2-voikko" in line


def test_self_test_names_the_dictionaries_or_what_to_install(somedesk: Runner):
    found = somedesk("--self-test")
    assert "ok: spelling: English (US) (en_US), Suomi (fi)" in found.stdout.splitlines()
    missing = somedesk("--self-test", env=NO_ENCHANT)
    assert "warning: spelling: unavailable: the Enchant library is missing" in missing.stdout
    assert missing.returncode == found.returncode  # never what makes the self-test fail
