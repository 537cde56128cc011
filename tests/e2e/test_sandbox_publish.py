"""The zero-setup flow: a fresh install publishes to the built-in Sandbox network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.conftest import Runner

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def outbox(home: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (home / "outbox.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_fresh_install_can_publish_to_the_sandbox(somedesk: Runner, home: Path):
    added = somedesk("drafts", "add", "hello", "--network", "sandbox", "--json")
    draft_id = json.loads(added.stdout)["id"]
    published = somedesk("publish", str(draft_id))
    assert published.returncode == 0, published.stderr
    assert published.stdout.startswith("Published on Sandbox: file://")
    [post] = outbox(home)
    assert post["text"] == "hello"
    shown = json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)
    [publication] = shown["publications"]
    assert publication["state"] == "published"
    assert publication["url"] == f"{(home / 'outbox.jsonl').resolve().as_uri()}#{post['id']}"


def test_publishing_twice_never_posts_twice(somedesk: Runner, home: Path):
    draft_id = json.loads(somedesk("drafts", "add", "once", "--network", "sandbox", "--json").stdout)["id"]
    assert somedesk("publish", str(draft_id)).returncode == 0
    again = somedesk("publish", str(draft_id))
    assert again.returncode == 1 and "already published" in again.stderr
    assert len(outbox(home)) == 1


def test_publish_to_a_network_that_is_not_connected_waits_with_the_reason(somedesk: Runner, home: Path):
    draft_id = json.loads(somedesk("drafts", "add", "hi", "--network", "linkedin", "--json").stdout)["id"]
    result = somedesk("publish", str(draft_id))
    assert result.returncode == 1
    assert "LinkedIn is not connected: somedesk accounts connect linkedin" in result.stderr
    shown = json.loads(somedesk("drafts", "show", str(draft_id), "--json").stdout)
    assert shown["publications"][0]["state"] == "needs-attention"
    assert "not connected" in shown["publications"][0]["reason"]
    assert shown["text"] == "hi"  # the draft is kept


def test_images_are_checked_and_kept_with_the_draft(somedesk: Runner, home: Path, tmp_path: Path):
    image = tmp_path / "photo.png"
    image.write_bytes(PNG)
    added = somedesk(
        "drafts", "add", "with a picture", "--network", "sandbox", "--image", str(image), "--json"
    )
    draft_id = json.loads(added.stdout)["id"]
    image.unlink()  # the draft keeps its own copy
    assert somedesk("publish", str(draft_id)).returncode == 0
    [post] = outbox(home)
    [kept] = post["images"]
    assert Path(str(kept)).read_bytes() == PNG and Path(str(kept)).is_relative_to(home)
    not_an_image = tmp_path / "notes.txt"
    not_an_image.write_text("hello", encoding="utf-8")
    refused = somedesk("drafts", "add", "x", "--network", "x", "--image", str(not_an_image))
    assert refused.returncode == 1 and "notes.txt: not an image X takes" in refused.stderr
    missing = somedesk("drafts", "add", "x", "--image", str(tmp_path / "gone.png"))
    assert missing.returncode == 1 and "no such image file" in missing.stderr


def test_accounts_list_shows_the_sandbox_connected(somedesk: Runner):
    accounts = json.loads(somedesk("accounts", "list", "--json").stdout)
    assert [(a["network"], a["state"]) for a in accounts] == [
        ("linkedin", "not connected"),
        ("x", "not connected"),
        ("sandbox", "connected"),
    ]


def test_connect_without_a_client_id_says_what_to_set(somedesk: Runner):
    result = somedesk("accounts", "connect", "x")
    assert result.returncode == 1 and "set [networks.x] client_id" in result.stderr
