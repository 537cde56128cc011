"""What the Queue window says about its selected row: the text below the table, and why retrying
the row now would fail the same way (a missing sign-in, or a policy that still blocks the text).

Its strings stay in the "QueueWindow" translation context (literal translate() calls, which lupdate
reads), so moving them here out of the window lost no translation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.messages import stored_reason
from somedesk.gui.queue_model import QueueModel, QueueRow, sent_to_phone


def row_details(row: QueueRow, model: QueueModel, ctx: GuiContext) -> str:
    """The selected row's state, networks and text, with why it failed and where it went out."""
    networks = ", ".join(n.display_name for n in row.networks) or QCoreApplication.translate(
        "QueueWindow", "no network yet"
    )
    if sent_to_phone(row):
        state = QCoreApplication.translate("QueueWindow", "Sent to your phone")
        lines = [f"{state} · {networks}", "", row.draft.text]
        lines += [
            "",
            QCoreApplication.translate(
                "QueueWindow", "The computer was away at its moment; your phone reminded you."
            ),
        ]
        return "\n".join(lines)
    lines = [f"{model.state_name(row.state)} · {networks}", "", row.draft.text]
    publication = row.publication
    if publication is not None and publication.reason:
        reason = stored_reason(publication, ctx.app.config.routine)
        lines += ["", QCoreApplication.translate("QueueWindow", "Why: {reason}").format(reason=reason)]
    if publication is not None and publication.url:
        lines += ["", publication.url]
    return "\n".join(lines)


class RetryCheck:
    """Why retrying a row now would fail the same way ("" when it may succeed). What the policy says
    of a text is asked once per (draft, text), off the GUI thread; `changed` is called when it is in,
    so the window works its buttons out again."""

    def __init__(self, ctx: GuiContext, background: Background, changed: Callable[[], None]) -> None:
        self._ctx = ctx
        self._background = background
        self._changed = changed
        self._policy_blocks: dict[tuple[int, str], bool] = {}  # (draft, text) -> the policy blocks it

    def blocker(self, row: QueueRow) -> str:
        publication = row.publication
        if publication is None:
            return ""
        if publication.reason_code == "auth":
            connected = {s.network for s in self._ctx.app.accounts.statuses() if s.state == "connected"}
            if publication.network not in connected:
                line = QCoreApplication.translate(
                    "QueueWindow", "Retry would fail again: connect {network} in Settings → Accounts first."
                )
                return line.format(network=publication.network.display_name)
        if publication.reason_code == "policy":
            key = (row.draft.id, row.draft.text)
            if key not in self._policy_blocks:
                self._check_policy(key)
                return QCoreApplication.translate("QueueWindow", "Checking the text against the policy…")
            if self._policy_blocks[key]:
                return QCoreApplication.translate(
                    "QueueWindow", "Retry would be refused again: the policy blocks this text. Edit it first."
                )
        return ""

    def _check_policy(self, key: tuple[int, str]) -> None:
        """The policy may be fetched from an https address: checked off the GUI thread, then the
        buttons are worked out again."""
        checker = self._ctx.app.policy_checker  # the publisher's own: a policy address is never waited on

        def work() -> bool:
            return any(f.blocks for f in checker(key[1]))

        def done(blocks: bool) -> None:
            self._policy_blocks[key] = blocks
            self._changed()

        def failed(_text: str) -> None:
            self._policy_blocks[key] = False  # the publisher will say what is wrong with the policy
            self._changed()

        self._background.run(work, done, failed, name="queue-policy")
