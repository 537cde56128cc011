"""The planning engine's explanation ("why this moment", core's `Why`) in the person's language: the
same lines as `schedule --next --explain`, through tr() with plural forms, numbers in the locale's
style (0,95 in Finnish) and the passed-over moments' days and times from QLocale ("ma 7.12. 16.45").

The planner's proposal tooltip and menu and Quick post's moment tooltip all say it from here."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QLocale, QObject

from somedesk.core.model import MomentKind
from somedesk.core.planning_why import Cost, CostKind, PassedOver, Refusal, Rule, Why
from somedesk.gui.labels import local_text


def why_lines(why: Why) -> list[str]:
    """What `Why.lines()` says, in the person's language."""
    return PlanningText().why_lines(why)


def kind_name(kind: MomentKind) -> str:
    """A moment's kind as a word inside a sentence ("lunch", "lounas"): `moment_label` names one
    moment ("Before “Weekly sync”"), this names the kind."""
    return PlanningText().kind_name(kind)


class PlanningText(QObject):
    """The sentences, as a QObject's tr() (lupdate finds a plural form only in a tr() call)."""

    def why_lines(self, why: Why) -> list[str]:
        lines = [
            self.tr(
                "{kind} moment, score {score} (audience {audience} at this hour, "
                "%n free minute(s) for replies)",
                "",
                why.free_minutes,
            ).format(
                kind=self.kind_name(why.kind), score=_number(why.score, 2), audience=_number(why.audience, 2)
            )
        ]
        lines += [
            self.tr("cost +{amount}: {what}").format(amount=_number(cost.amount, 2), what=self.cost(cost))
            for cost in why.costs
            if cost.shown
        ]
        lines += [self.tr("passed over {moment}").format(moment=self.passed(p)) for p in why.avoided]
        return lines

    def kind_name(self, kind: MomentKind) -> str:
        if kind is MomentKind.COMMUTE:
            return self.tr("commute", "a moment's kind")
        if kind is MomentKind.LUNCH:
            return self.tr("lunch", "a moment's kind")
        return self.tr("before a meeting", "a moment's kind")

    def cost(self, cost: Cost) -> str:
        """What made a moment cost more ("1.5 days of waiting")."""
        if cost.kind is CostKind.WAITING:
            return self.tr("{days} days of waiting").format(days=_number(cost.days, 1))
        if cost.kind is CostKind.CROWDING:
            return self.tr("{days} days from another {network} post (an even spread is {spacing})").format(
                days=_number(cost.days, 1),
                network=cost.network.display_name if cost.network is not None else "",
                spacing=_number(cost.spacing, 1),
            )
        if cost.kind is CostKind.SHARED:
            return self.tr("{networks} already in this moment").format(
                networks=", ".join(n.display_name for n in cost.networks)
            )
        kind = self.kind_name(cost.moment_kind) if cost.moment_kind is not None else ""
        return self.tr("%n {kind} post(s) already that week", "", cost.count).format(kind=kind)

    def passed(self, passed: PassedOver) -> str:
        """A moment passed over and the rule that ruled it out ("Mon 7 Dec 16:45 (…)"), at the
        routine's wall clock."""
        return self.tr("{when} ({why})").format(
            when=local_text(passed.at, passed.at.tzinfo or UTC), why=self.refusal(passed.refusal)
        )

    def refusal(self, refusal: Refusal) -> str:
        """The hard rule that ruled a moment out, with its numbers."""
        name = refusal.network.display_name
        if refusal.rule is Rule.TAKEN:
            return self.tr("{network} is already there").format(network=name)
        if refusal.rule is Rule.GAP:
            text = self.tr("under {hours} h from another {network} post")
            return text.format(hours=_number(refusal.hours), network=name)
        if refusal.rule is Rule.WEEK_FULL:
            return self.tr("{network} has its %n post(s) that week", "", refusal.per_week).format(
                network=name
            )
        return self.tr("an older draft goes first")


def _number(value: float, decimals: int | None = None) -> str:
    """`value` in the locale's style: with `decimals` fixed ("0.95", "0,95"), else as short as it
    goes ("20", "5,5")."""
    if decimals is None:
        return QLocale().toString(value, "g", 6)
    return QLocale().toString(value, "f", decimals)
