"""The policy gate: the one check every way of sending a draft goes through (schedule at a time or at
the next moment, a drop on the planner, Plan my week, Quick post, the Edit dialog of a scheduled post,
the queue's Move and Retry, publish now and the runtime).

- a `block` finding refuses, naming each finding by its rule and position;
- a `warn` finding refuses until the person accepts it once (`--despite-warnings`, or the GUI's second
  press); the acceptance is kept on the draft until its text changes.

A finding is always told as "a Finnish personal identity code at line 2, column 14", never with the
words it matched: those are what must not reach a message, a notification or a log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from somedesk.core.drafts import Draft
from somedesk.core.errors import InvalidInputError
from somedesk.core.policy import Finding, Policy, check, describe, position
from somedesk.store import Store

LoadPolicy = Callable[[], Policy]  # raises PolicyError when the policy cannot be used


class Mark(StrEnum):
    """How a draft's text stands with the policy, as the queue and the planner mark it."""

    BLOCKED = "blocked"
    WARNED = "warned"  # a warning the person has not gone past yet
    ACCEPTED = "accepted"  # a warning the person chose to go past


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the policy says about one draft's current text."""

    draft_id: int
    text: str
    findings: tuple[Finding, ...]
    accepted: bool  # the person went past this text's warnings

    @property
    def blocked(self) -> list[Finding]:
        return [f for f in self.findings if f.blocks]

    @property
    def warned(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocks]

    @property
    def passes(self) -> bool:
        return not self.blocked and (not self.warned or self.accepted)

    @property
    def mark(self) -> Mark | None:
        if self.blocked:
            return Mark.BLOCKED
        if self.warned:
            return Mark.ACCEPTED if self.accepted else Mark.WARNED
        return None

    def places(self, findings: Sequence[Finding]) -> list[tuple[str, int, int, str]]:
        """Each finding as (rule, line, column, message): what a window says in the person's language."""
        return [(f.rule, *position(self.text, f.start), f.message) for f in findings]

    def lines(self, findings: Sequence[Finding] | None = None) -> list[str]:
        """One line per finding (its rule and position), in the order they appear in the text."""
        return [describe(f, self.text) for f in (self.findings if findings is None else findings)]


class PolicyRefusal(InvalidInputError):
    """The gate refused a draft: one line per finding. `code` is "policy-block" or "policy-warn";
    `details["findings"]` holds each as (rule, line, column, message) (the GUI says them in place)."""

    @property
    def only_warnings(self) -> bool:
        return self.code == "policy-warn"


class Gate:
    def __init__(self, store: Store, load_policy: LoadPolicy) -> None:
        self.store = store
        self.load_policy = load_policy

    def verdicts(self, drafts: Sequence[Draft]) -> dict[int, Verdict]:
        """The verdict on each draft, reading the policy once (Plan my week, the queue's marks)."""
        if not drafts:
            return {}
        policy = self.load_policy()
        return {
            d.id: Verdict(d.id, d.text, tuple(check(d.text, policy)), d.warnings_accepted) for d in drafts
        }

    def verdict(self, draft_id: int) -> Verdict:
        return self.verdicts([self.store.draft(draft_id)])[draft_id]

    def require(self, draft_id: int, *, despite_warnings: bool = False) -> Verdict:
        """Let the draft go, or raise PolicyRefusal. `despite_warnings` accepts its warnings (kept on
        the draft until its text changes); a `block` finding refuses whatever is passed."""
        verdict = self.verdict(draft_id)
        refuse_blocked(verdict)
        if verdict.warned and not verdict.accepted:
            if not despite_warnings:
                raise warning_refusal(verdict)
            self.store.accept_warnings(draft_id, verdict.text)
        return verdict

    def refusal(self, draft_id: int, *, despite_warnings: bool = False) -> PolicyRefusal | None:
        """`require`, with the refusal returned instead of raised: what a window's worker job hands
        back to the GUI thread to say in place."""
        try:
            self.require(draft_id, despite_warnings=despite_warnings)
        except PolicyRefusal as refusal:
            return refusal
        return None

    def accept(self, draft_id: int) -> None:
        """The person chose to go past the current text's warnings (the GUI's "anyway")."""
        self.store.accept_warnings(draft_id, self.store.draft(draft_id).text)


def refuse_blocked(verdict: Verdict) -> None:
    blocked = verdict.blocked
    if blocked:
        raise PolicyRefusal(
            "\n".join(f"draft {verdict.draft_id}: the policy blocks {x}" for x in verdict.lines(blocked)),
            code="policy-block",
            draft=verdict.draft_id,
            findings=verdict.places(blocked),
        )


def warning_refusal(verdict: Verdict) -> PolicyRefusal:
    """Asking once: the warnings, one a line, and how to go ahead anyway."""
    draft_id = verdict.draft_id
    return PolicyRefusal(
        "\n".join(
            [
                *(f"draft {draft_id}: the policy warns about {x}" for x in verdict.lines(verdict.warned)),
                f"draft {draft_id}: go ahead anyway with --despite-warnings",
            ]
        ),
        code="policy-warn",
        draft=draft_id,
        findings=verdict.places(verdict.warned),
    )


def check_text(text: str, policy: Policy) -> Verdict:
    """The verdict on a text that is not (yet) a stored draft, e.g. the Edit dialog's new words."""
    return Verdict(0, text, tuple(check(text, policy)), False)
