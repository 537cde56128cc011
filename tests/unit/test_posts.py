"""What is sent for a draft: thread parts and the image checks made before any upload."""

from __future__ import annotations

import pytest

from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network
from somedesk.core.posts import (
    changed_posted_parts,
    check_images,
    part_numbers,
    parts_for,
    sniff_image_type,
    written_parts,
)
from somedesk.core.text import count_tweet

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 8
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 12
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 "


def test_written_parts_split_on_a_line_of_three_dashes():
    text = "First part.\n---\nSecond part.\n  ---  \nThird, with --- inside a line."
    assert written_parts(text) == ["First part.", "Second part.", "Third, with --- inside a line."]


def test_x_gets_the_written_parts_and_linkedin_gets_paragraphs():
    text = "One.\n---\nTwo."
    assert parts_for(text, Network.X) == ["One.", "Two."]
    assert parts_for(text, Network.LINKEDIN) == ["One.\n\nTwo."]
    assert parts_for(text, Network.SANDBOX) == ["One.\n\nTwo."]


def test_a_too_long_x_part_is_split_into_valid_tweets():
    long_part = " ".join(f"Sentence number {n} is here." for n in range(40))
    parts = parts_for(f"Short opener.\n---\n{long_part}", Network.X)
    assert parts[0] == "Short opener."
    assert len(parts) > 2
    assert all(count_tweet(p).valid for p in parts)
    assert " ".join(parts[1:]).split() == long_part.split()


def test_images_are_recognised_by_their_bytes():
    assert sniff_image_type(PNG) == "image/png"
    assert sniff_image_type(JPEG) == "image/jpeg"
    assert sniff_image_type(b"GIF89a....") == "image/gif"
    assert sniff_image_type(WEBP) == "image/webp"
    assert sniff_image_type(b"%PDF-1.7") is None


def test_x_takes_at_most_four_images_of_5_mb():
    ok: list[tuple[str, int, str | None]] = [("a.png", 1000, "image/png")] * 4
    check_images(ok, Network.X)
    with pytest.raises(InvalidInputError, match="at most 4 images"):
        check_images([*ok, ("e.png", 1, "image/png")], Network.X)
    with pytest.raises(InvalidInputError, match=r"big.jpg: 5.0 MB is over X's 5 MB"):
        check_images([("big.jpg", 5 * 1024 * 1024 + 1, "image/jpeg")], Network.X)


def test_linkedin_refuses_webp_and_names_what_it_takes():
    with pytest.raises(
        InvalidInputError, match=r"photo.webp: not an image LinkedIn takes \(GIF, JPEG, PNG\)"
    ):
        check_images([("photo.webp", 10, "image/webp")], Network.LINKEDIN)
    with pytest.raises(InvalidInputError, match=r"notes\.pdf: not an image"):
        check_images([("notes.pdf", 10, None)], Network.X)


def test_the_length_refusal_measures_what_is_sent():
    from somedesk.core.posts import refuse_too_long

    # 2,996 characters of text and a "---" line: LinkedIn gets the parts as paragraphs, which fit.
    fits = "a" * 1498 + "\n---\n" + "b" * 1498
    refuse_too_long(1, fits, Network.LINKEDIN)
    refuse_too_long(1, "x" * 5000, Network.X)  # X takes it as a thread
    with pytest.raises(
        InvalidInputError, match=r"^draft 7 is too long for LinkedIn \(3,001 of 3,000 characters\)$"
    ):
        refuse_too_long(7, "a" * 3001, Network.LINKEDIN)


THREAD = "One.\n---\nTwo.\n---\nThree."


def test_changed_posted_parts_holds_posted_parts_to_the_words_they_went_out_with():
    posted = {0: "One."}
    assert changed_posted_parts(THREAD, "One.\n---\nDeux.\n---\nTrois.", Network.X, posted) == []
    assert changed_posted_parts(THREAD, "Uno.\n---\nTwo.\n---\nThree.", Network.X, posted) == [0]
    assert changed_posted_parts(THREAD, "", Network.X, {0: "One.", 1: "Two."}) == [0, 1]  # parts removed
    # Recorded before somedesk kept the words: the text it was posted from stands for them.
    assert changed_posted_parts(THREAD, "Uno.\n---\nTwo.", Network.X, {0: None}) == [0]
    assert changed_posted_parts(THREAD, "One.\n---\nZwei.", Network.X, {0: None}) == []


def test_a_part_whose_answer_was_lost_counts_as_posted_too():
    edited = "One.\n---\nTwo, reworded.\n---\nThree."
    assert changed_posted_parts(THREAD, edited, Network.X, {0: "One."}) == []
    assert changed_posted_parts(THREAD, edited, Network.X, {0: "One."}, doubtful=1) == [1]
    assert (
        changed_posted_parts(THREAD, "One.\n---\nTwo.\n---\nDrei.", Network.X, {0: "One."}, doubtful=1) == []
    )


def test_part_numbers_count_from_one():
    assert part_numbers([0]) == "part 1"
    assert part_numbers([1, 0, 2]) == "parts 1–3"
    assert part_numbers([0, 2]) == "parts 1, 3"
