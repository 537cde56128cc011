"""The planning engine's explanation ("why this moment", core's `Why`) in the person's language: the
same lines as `schedule --next --explain`, through tr() with plural forms, numbers in the locale's
style (0,95 in Finnish) and the passed-over moments' days and times from QLocale ("ma 7.12. 16.45").

The planner's proposal tooltip and menu and Quick post's moment tooltip all say it from here."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QCoreApplication, QLocale

from somedesk.core.model import MomentKind
from somedesk.core.planning import Cost, CostKind, PassedOver, Refusal, Rule, Why
from somedesk.gui.labels import local_text


def kind_name(kind: MomentKind) -> str:
    """A moment's kind as a word inside a sentence ("lunch", "lounas"): the labels of `moment_label`
    name one moment ("Before “Weekly sync”"), this names the kind."""
    if kind is MomentKind.COMMUTE:
        return QCoreApplication.translate("PlanningText", "commute", "a moment's kind")
    if kind is MomentKind.LUNCH:
        return QCoreApplication.translate("PlanningText", "lunch", "a moment's kind")
    return QCoreApplication.translate("PlanningText", "before a meeting", "a moment's kind")


def why_lines(why: Why) -> list[str]:
    """What `Why.lines()` says, in the person's language."""
    lines = [
        QCoreApplication.translate(
            "PlanningText",
            "{kind} moment, score {score} (audience {audience} at this hour, %n free minute(s) for replies)",
            None,
            why.free_minutes,
        ).format(kind=kind_name(why.kind), score=_number(why.score, 2), audience=_number(why.audience, 2))
    ]
    lines += [
        QCoreApplication.translate("PlanningText", "cost +{amount}: {what}").format(
            amount=_number(cost.amount, 2), what=cost_text(cost)
        )
        for cost in why.costs
        if cost.shown
    ]
    lines += [
        QCoreApplication.translate("PlanningText", "passed over {moment}").format(moment=passed_text(passed))
        for passed in why.avoided
    ]
    return lines


def cost_text(cost: Cost) -> str:
    """What made a moment cost more ("1.5 days of waiting")."""
    if cost.kind is CostKind.WAITING:
        return QCoreApplication.translate("PlanningText", "{days} days of waiting").format(
            days=_number(cost.days, 1)
        )
    if cost.kind is CostKind.CROWDING:
        return QCoreApplication.translate(
            "PlanningText", "{days} days from another {network} post (an even spread is {spacing})"
        ).format(
            days=_number(cost.days, 1),
            network=cost.network.display_name if cost.network is not None else "",
            spacing=_number(cost.spacing, 1),
        )
    if cost.kind is CostKind.SHARED:
        return QCoreApplication.translate("PlanningText", "{networks} already in this moment").format(
            networks=", ".join(n.display_name for n in cost.networks)
        )
    return QCoreApplication.translate(
        "PlanningText", "%n {kind} post(s) already that week", None, cost.count
    ).format(kind=kind_name(cost.moment_kind) if cost.moment_kind is not None else "")


def passed_text(passed: PassedOver) -> str:
    """A moment passed over and the rule that ruled it out ("Mon 7 Dec 16:45 (…)"), at the routine's
    wall clock."""
    return QCoreApplication.translate("PlanningText", "{when} ({why})").format(
        when=local_text(passed.at, passed.at.tzinfo or UTC), why=refusal_text(passed.refusal)
    )


def refusal_text(refusal: Refusal) -> str:
    """The hard rule that ruled a moment out, with its numbers."""
    name = refusal.network.display_name
    if refusal.rule is Rule.TAKEN:
        return QCoreApplication.translate("PlanningText", "{network} is already there").format(network=name)
    if refusal.rule is Rule.GAP:
        return QCoreApplication.translate(
            "PlanningText", "under {hours} h from another {network} post"
        ).format(hours=_number(refusal.hours), network=name)
    if refusal.rule is Rule.WEEK_FULL:
        return QCoreApplication.translate(
            "PlanningText", "{network} has its %n post(s) that week", None, refusal.per_week
        ).format(network=name)
    return QCoreApplication.translate("PlanningText", "an older draft goes first")


def _number(value: float, decimals: int | None = None) -> str:
    """`value` in the locale's style: with `decimals` fixed ("0.95", "0,95"), else as short as it
    goes ("20", "5,5")."""
    if decimals is None:
        return QLocale().toString(value, "g", 6)
    return QLocale().toString(value, "f", decimals)
