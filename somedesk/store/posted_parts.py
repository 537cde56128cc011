"""The guard on editing a draft that is partly out: an edit never changes the words already on a
network, and the one-line error that says which parts are out and the two ways on."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from somedesk.core.drafts import PublicationState
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.core.posts import changed_posted_parts, part_numbers, parts_for
from somedesk.store.connection import LockedConnection
from somedesk.store.rows import publication_from


def refuse_changing_what_is_posted(db: LockedConnection, draft_id: int, old_text: str, new_text: str) -> None:
    """Raise UserError when changing the draft's text from `old_text` to `new_text` would change what is
    already (or maybe) on a network: a thread partly on a network is only ever finished after the words it
    started with. Called inside the edit's transaction, so a publish cannot slip in between."""
    if old_text == new_text:
        return
    rows = db.execute("SELECT * FROM publications WHERE draft_id = ? ORDER BY id", (draft_id,)).fetchall()
    for publication in (publication_from(r) for r in rows):
        if publication.state is PublicationState.PUBLISHING:
            raise UserError(
                f"draft {draft_id} is being published right now; try again in a moment",
                code="publishing-now",
            )
        if publication.state is PublicationState.PUBLISHED:
            continue  # complete: what the draft says next concerns its other networks
        parts = db.execute(
            "SELECT part, text, url FROM post_parts WHERE publication_id = ? ORDER BY part",
            (publication.id,),
        ).fetchall()
        last = db.execute(
            "SELECT in_doubt FROM attempts WHERE publication_id = ? ORDER BY id DESC LIMIT 1",
            (publication.id,),
        ).fetchone()
        posted = {int(p["part"]): p["text"] for p in parts}
        doubtful = len(posted) if last is not None and last["in_doubt"] else None
        network = publication.network
        changed = changed_posted_parts(old_text, new_text, network, posted, doubtful)
        if changed:
            single = len(parts_for(old_text, network)) == 1
            raise _changes_posted(draft_id, network, sorted(posted), doubtful, changed, parts, single)


def _changes_posted(
    draft_id: int,
    network: Network,
    posted: Sequence[int],
    doubtful: int | None,
    changed: Sequence[int],
    parts: Sequence[sqlite3.Row],
    single: bool,
) -> UserError:
    """One line: which parts are out, which of them the edit changes, and the two ways on. (A post
    that is no thread is "it", not "part 1".)"""
    name = network.display_name
    if single:
        out = f"it is already on {name} ({parts[0]['url']})" if posted else f"it may already be on {name}"
        if doubtful is not None:
            out += " (its answer was lost)"
        out += ", so this edit cannot change it"
        return _posted_parts_error(draft_id, network, out, posted, doubtful, changed, parts, single=True)
    says = []
    if posted:
        verb = "is" if len(posted) == 1 else "are"
        says.append(f"{part_numbers(posted)} {verb} already on {name} ({parts[0]['url']})")
    if doubtful is not None:
        maybe = f"{part_numbers([doubtful])} may be {'too' if posted else f'already on {name}'}"
        says.append(f"{maybe} (its answer was lost)")
    out = f"{' and '.join(says)}, and this edit changes {part_numbers(changed)}"
    return _posted_parts_error(draft_id, network, out, posted, doubtful, changed, parts, single=False)


def _posted_parts_error(
    draft_id: int,
    network: Network,
    out: str,
    posted: Sequence[int],
    doubtful: int | None,
    changed: Sequence[int],
    parts: Sequence[sqlite3.Row],
    *,
    single: bool,
) -> UserError:
    what = "it" if single else "the rest"
    return UserError(
        f"draft {draft_id}: {out}; post {what} as written (somedesk publish {draft_id} --network "
        f"{network.value}) or start a new post with the new words (somedesk drafts add)",
        code="posted-parts",
        network=network,
        single=single,
        posted=[i + 1 for i in posted],
        doubtful=None if doubtful is None else doubtful + 1,
        changed=[i + 1 for i in changed],
        url=parts[0]["url"] if parts else None,
    )
