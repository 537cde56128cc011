"""What is actually sent for a draft on a network: its parts (an X thread) and the checks on images."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from somedesk.core.errors import InvalidInputError
from somedesk.core.model import Network
from somedesk.core.text import X_LIMIT, LengthReport, count_tweet, measure, split_thread

# A line holding only "---" separates the parts of an X thread the person wrote themselves.
_PART_BREAK = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)


def written_parts(text: str) -> list[str]:
    return [part.strip() for part in _PART_BREAK.split(text) if part.strip()]


def parts_for(text: str, network: Network) -> list[str]:
    """The posts to send: X gets the person's own parts, each split further when too long;
    LinkedIn and the sandbox get one post with the parts as paragraphs."""
    parts = written_parts(text)
    if network is not Network.X:
        return ["\n\n".join(parts)]
    result: list[str] = []
    for part in parts:
        result.extend([part] if count_tweet(part).weighted_length <= X_LIMIT else split_thread(part, X_LIMIT))
    return result


def measure_sent(text: str, network: Network) -> LengthReport:
    """The length of what is sent for `text` on `network` (`parts_for`): LinkedIn gets the person's
    parts as paragraphs, X the text as one post or a thread. `check`, Quick post's counters and
    scheduling all measure this way, so they agree on what is too long."""
    if network is Network.X:
        report = measure(text.strip(), network)
        return replace(report, parts=len(parts_for(text, network)) if text.strip() else 1)
    return measure("\n\n".join(parts_for(text, network)), network)


def changed_posted_parts(
    old_text: str,
    new_text: str,
    network: Network,
    posted: Mapping[int, str | None],
    doubtful: int | None = None,
) -> list[int]:
    """The parts already on `network` that `new_text` would not keep word for word (0-based).

    `posted` maps each created part to the text it was sent with (None when it was recorded before
    somedesk kept that: then `old_text`'s part is what went out). `doubtful` is a part that may be
    on the network too (its request got no answer): it is held to `old_text`'s words as well.
    """
    old, new = parts_for(old_text, network), parts_for(new_text, network)
    sent: dict[int, str | None] = dict(posted)
    if doubtful is not None and doubtful < len(old):
        sent.setdefault(doubtful, old[doubtful])
    changed = []
    for index, text in sorted(sent.items()):
        was = text if text is not None else (old[index] if index < len(old) else None)
        if index >= len(new) or (was is not None and new[index] != was):
            changed.append(index)
    return changed


def part_numbers(indices: Sequence[int]) -> str:
    """0-based part indices as a person counts them: "part 2", "parts 1–3", "parts 1, 3"."""
    numbers = sorted(i + 1 for i in indices)
    if len(numbers) == 1:
        return f"part {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"parts {numbers[0]}–{numbers[-1]}"
    return "parts " + ", ".join(str(n) for n in numbers)


def refuse_too_long(draft_id: int, text: str, network: Network) -> None:
    """Refuse, in one line, a draft that is longer than `network` takes; X takes a long text as a thread.

    What is measured is what would be sent (the parts as paragraphs), so scheduling and publishing
    agree on every draft.
    """
    if network is Network.X:
        return
    report = measure_sent(text, network)
    if not report.sendable:
        raise InvalidInputError(
            f"draft {draft_id} is too long for {network.display_name} "
            f"({report.length:,} of {report.limit:,} characters)",
            code="too-long",
            network=network,
            length=report.length,
            limit=report.limit,
        )


@dataclass(frozen=True, slots=True)
class ImageRules:
    max_count: int
    max_bytes: int
    types: frozenset[str]


IMAGE_RULES = {
    Network.X: ImageRules(
        4, 5 * 1024 * 1024, frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
    ),
    Network.LINKEDIN: ImageRules(20, 20 * 1024 * 1024, frozenset({"image/jpeg", "image/png", "image/gif"})),
    Network.SANDBOX: ImageRules(
        20, 20 * 1024 * 1024, frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
    ),
}

_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff_image_type(head: bytes) -> str | None:
    """The image type from the file's first bytes (its name can lie)."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_images(name_size_type: list[tuple[str, int, str | None]], network: Network) -> None:
    """Refuse, with one line, images the network would refuse: before anything is uploaded."""
    rules = IMAGE_RULES[network]
    label = network.display_name
    if len(name_size_type) > rules.max_count:
        raise InvalidInputError(
            f"{label} takes at most {rules.max_count} images per post",
            code="too-many-images",
            network=network,
            count=rules.max_count,
        )
    for name, size, kind in name_size_type:
        if kind not in rules.types:
            allowed = ", ".join(sorted(t.removeprefix("image/").upper() for t in rules.types))
            raise InvalidInputError(
                f"{name}: not an image {label} takes ({allowed})",
                code="image-type",
                name=name,
                network=network,
                allowed=allowed,
            )
        check_image_size(name, size, network)


def check_image_size(name: str, size: int, network: Network) -> None:
    """Refuse an image over the network's size limit: asked with the file's size before it is read."""
    rules = IMAGE_RULES[network]
    if size > rules.max_bytes:
        megabytes, limit = size / 1048576, rules.max_bytes // 1048576
        raise InvalidInputError(
            f"{name}: {megabytes:.1f} MB is over {network.display_name}'s {limit} MB per image",
            code="image-size",
            name=name,
            network=network,
            megabytes=megabytes,
            limit=limit,
        )
