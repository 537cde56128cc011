"""Claims on a publication (desktop/claims.py): one holder at a time, across threads and processes."""

from __future__ import annotations

import threading
from pathlib import Path

from somedesk.desktop.claims import try_claim


def test_one_holder_at_a_time_even_between_threads_of_one_process(tmp_path: Path):
    first = try_claim(tmp_path, "publication-1")
    assert first is not None
    seen: list[object] = []
    thread = threading.Thread(target=lambda: seen.append(try_claim(tmp_path, "publication-1")))
    thread.start()
    thread.join()
    assert seen == [None]  # the runtime's thread and Quick post's "Post now" exclude each other
    assert try_claim(tmp_path, "publication-2") is not None  # another post is another claim
    first.release()
    again = try_claim(tmp_path, "publication-1")
    assert again is not None
    again.release()


def test_a_released_claim_leaves_no_file_and_a_stale_open_file_is_not_trusted(tmp_path: Path):
    first = try_claim(tmp_path, "publication-7")
    assert first is not None
    first.release()
    assert list(tmp_path.iterdir()) == []
    # A leftover file (e.g. from a crash) is simply claimed.
    (tmp_path / "publication-7.lock").touch()
    claim = try_claim(tmp_path, "publication-7")
    assert claim is not None
    claim.release()
