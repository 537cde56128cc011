"""twitter-text's own conformance vectors (tests/data/twitter-text) against somedesk's X counter."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from somedesk.core.text import X_COUNT_V3, TweetCountConfig, WeightRange, count_tweet

DATA = Path(__file__).parent.parent / "data" / "twitter-text"
VECTORS: dict[str, list[dict[str, Any]]] = yaml.safe_load((DATA / "validate.yml").read_text("utf-8"))["tests"]

# twitter-text runs WeightedTweetsCounterTest with its v2 config: v3's weights, emoji not parsed.
V2 = dataclasses.replace(X_COUNT_V3, emoji_parsing=False)
# The `tweets` section predates weighting (v1): 140 code points, each weighing 1, URLs 23.
V1 = TweetCountConfig(
    max_weighted_length=140,
    scale=1,
    default_weight=1,
    transformed_url_length=23,
    ranges=(),
    emoji_parsing=False,
)


def vectors(section: str) -> pytest.MarkDecorator:
    cases = VECTORS[section]
    return pytest.mark.parametrize("case", cases, ids=[case["description"] for case in cases])


def assert_counts(case: dict[str, Any], config: TweetCountConfig) -> None:
    count = count_tweet(case["text"], config)
    expected = case["expected"]
    assert (count.weighted_length, count.valid) == (expected["weightedLength"], expected["valid"])


def test_our_v3_config_is_the_official_one() -> None:
    official = json.loads((DATA / "config-v3.json").read_text("utf-8"))
    assert (
        TweetCountConfig(
            max_weighted_length=official["maxWeightedTweetLength"],
            scale=official["scale"],
            default_weight=official["defaultWeight"],
            transformed_url_length=official["transformedURLLength"],
            ranges=tuple(WeightRange(r["start"], r["end"], r["weight"]) for r in official["ranges"]),
            emoji_parsing=official["emojiParsingEnabled"],
        )
        == X_COUNT_V3
    )


@vectors("WeightedTweetsWithDiscountedEmojiCounterTest")
def test_weighted_length_v3(case: dict[str, Any]) -> None:
    assert_counts(case, X_COUNT_V3)


@vectors("UnicodeDirectionalMarkerCounterTest")
def test_directional_markers_and_invalid_chars_v3(case: dict[str, Any]) -> None:
    assert_counts(case, X_COUNT_V3)


@vectors("WeightedTweetsCounterTest")
def test_weighted_length_v2(case: dict[str, Any]) -> None:
    assert_counts(case, V2)


@vectors("tweets")
def test_tweet_validity_v1(case: dict[str, Any]) -> None:
    assert count_tweet(case["text"], V1).valid is case["expected"]


def test_every_vector_is_run() -> None:
    # A section added or renamed upstream should be noticed, not silently skipped.
    counted = {"WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest"}
    counted |= {"WeightedTweetsCounterTest", "tweets"}
    extraction_only = {"usernames", "lists", "hashtags", "urls", "urls_without_protocol"}
    assert set(VECTORS) == counted | extraction_only
