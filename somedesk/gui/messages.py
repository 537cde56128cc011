"""The services' errors in the person's language.

Errors are raised in English (the command line's language, and the log's). Those the desktop app
shows often carry a code and the details their message was made from (core/errors.py); here each
code has its own translatable sentence, written for a window rather than a terminal (no "--at",
no draft numbers). An error without a known code is shown with its English message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from somedesk.core.drafts import Publication
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.core.planning import Overrun
from somedesk.core.routine import ClockWindow, Routine
from somedesk.gui.labels import clock, local_text


def day_and_time(at: object) -> str:
    """A local time as the windows show it ("Mon 7 Dec 11:30", "ma 7.12. 11.30"), in its own zone."""
    if not isinstance(at, datetime) or at.tzinfo is None:
        return str(at)
    return local_text(at, at.tzinfo)


def quiet_window(window: object) -> str:
    if not isinstance(window, ClockWindow):
        return str(window)
    return f"{clock(window.start)}–{clock(window.end)}"


def network_name(network: object) -> str:
    return network.display_name if isinstance(network, Network) else str(network)


def _number(value: object, decimals: int = 0) -> str:
    if isinstance(value, int | float):
        return QLocale().toString(float(value), "f", decimals) if decimals else QLocale().toString(int(value))
    return str(value)


def _rule_noun(rule: str) -> str:
    nouns = {
        "builtin.email": QCoreApplication.translate("UserMessage", "an e-mail address"),
        "builtin.phone": QCoreApplication.translate("UserMessage", "a phone number"),
        "builtin.personal_id": QCoreApplication.translate("UserMessage", "a Finnish personal identity code"),
        "builtin.iban": QCoreApplication.translate("UserMessage", "a bank account number (IBAN)"),
        "builtin.confidential": QCoreApplication.translate(
            "UserMessage", "a word marking it confidential or internal"
        ),
    }
    return nouns.get(rule) or QCoreApplication.translate("UserMessage", "words of rule “{rule}”").format(
        rule=rule
    )


def policy_findings(findings: object) -> str:
    """The gate's findings, each by its rule and position (never its words), in the person's language:
    "a Finnish personal identity code at line 2, column 14 (A Finnish personal identity code: …)"."""
    if not isinstance(findings, list | tuple):
        return str(findings)
    from somedesk.gui.policy_text import rule_message  # the built-in rules' messages, translated

    line = QCoreApplication.translate("UserMessage", "{what} at line {line}, column {column} ({message})")
    return "; ".join(
        line.format(
            what=_rule_noun(rule),
            line=_number(row),
            column=_number(column),
            message=rule_message(rule, message),
        )
        for rule, row, column, message in findings
    )


def rhythm_note(overrun: Overrun) -> str:
    """A time chosen by hand beyond the rhythm, said plainly: "LinkedIn: 4 of 3 this week"."""
    name = overrun.network.display_name
    if overrun.kind == "week":
        return QCoreApplication.translate("UserMessage", "{network}: {count} of {limit} this week.").format(
            network=name, count=_number(overrun.count), limit=_number(overrun.limit)
        )
    return QCoreApplication.translate(
        "UserMessage", "{network}: {hours} h from another {network} post (your gap is {limit} h)."
    ).format(network=name, hours=_number(overrun.count, 1), limit=_number(overrun.limit))


# Each code's sentence, filled from the error's details: literal translate() calls, so
# that lupdate finds them.
_SENTENCES: dict[str, Callable[[Mapping[str, object]], str]] = {
    "past-time": lambda d: QCoreApplication.translate(
        "UserMessage", "{when} has already passed: pick a later time."
    ).format(when=day_and_time(d["when"])),
    "quiet-hours": lambda d: QCoreApplication.translate(
        "UserMessage", "{when} is in your quiet hours ({quiet}): pick a time outside them."
    ).format(when=day_and_time(d["when"]), quiet=quiet_window(d["quiet"])),
    "no-free-moment": lambda d: QCoreApplication.translate(
        "UserMessage",
        "No free moment for {network} in the next {days} days within your targets: pick a time yourself.",
    ).format(network=network_name(d["network"]), days=_number(d["days"])),
    "policy-block": lambda d: QCoreApplication.translate(
        "UserMessage", "The policy blocks {findings}: change those words first."
    ).format(findings=policy_findings(d["findings"])),
    "policy-warn": lambda d: QCoreApplication.translate(
        "UserMessage", "The policy warns about {findings}."
    ).format(findings=policy_findings(d["findings"])),
    "not-scheduled": lambda _d: QCoreApplication.translate("UserMessage", "This draft is not scheduled."),
    "too-long": lambda d: QCoreApplication.translate(
        "UserMessage", "Too long for {network}: {length} of {limit} characters."
    ).format(network=network_name(d["network"]), length=_number(d["length"]), limit=_number(d["limit"])),
    "too-many-images": lambda d: QCoreApplication.translate(
        "UserMessage", "{network} takes at most {count} images in a post."
    ).format(network=network_name(d["network"]), count=_number(d["count"])),
    "image-type": lambda d: QCoreApplication.translate(
        "UserMessage", "{name}: {network} does not take this kind of image ({allowed} only)."
    ).format(name=d["name"], network=network_name(d["network"]), allowed=d["allowed"]),
    "image-size": lambda d: QCoreApplication.translate(
        "UserMessage", "{name}: {size} MB is over {network}'s {limit} MB for an image."
    ).format(
        name=d["name"],
        network=network_name(d["network"]),
        size=_number(d["megabytes"], 1),
        limit=_number(d["limit"]),
    ),
    "publishing-now": lambda _d: QCoreApplication.translate(
        "UserMessage", "This draft is being published right now: try again in a moment."
    ),
    "no-network": lambda _d: QCoreApplication.translate(
        "UserMessage", "Choose a network for this draft first."
    ),
    "no-draft": lambda _d: QCoreApplication.translate(
        "UserMessage", "This draft no longer exists: it was deleted elsewhere."
    ),
    "posted-parts": lambda d: _posted_parts(d),
    "no-keyring": lambda _d: QCoreApplication.translate(
        "UserMessage",
        "No usable keyring keeps your sign-ins safe: on Linux, install and unlock gnome-keyring (or "
        "KWallet) in your desktop session, then try again.",
    ),
    "keyring-locked": lambda _d: QCoreApplication.translate(
        "UserMessage", "Your keyring is locked: unlock it (for example by logging in again), then try again."
    ),
}


def _posted_parts(details: Mapping[str, object]) -> str:
    """An edit refused because part of the post is out (or may be): what is out, and the two ways on."""
    network = network_name(details["network"])
    posted = details["posted"]
    last = max(posted) if isinstance(posted, list) and posted else 0
    if not last:
        return QCoreApplication.translate(
            "UserMessage",
            "This post may already be on {network} (its answer was lost), so its words can no longer "
            "change. Post it as written, or start a new post with the new words.",
        ).format(network=network)
    if details.get("single"):
        sentence = QCoreApplication.translate(
            "UserMessage",
            "This post is already on {network} ({url}), so its words can no longer change. Post it as "
            "written, or start a new post with the new words.",
        )
    elif last == 1:
        sentence = QCoreApplication.translate(
            "UserMessage",
            "Part 1 of this thread is already on {network} ({url}), so its words can no longer change. "
            "Post the rest as written, or start a new post with the new words.",
        )
    else:
        sentence = QCoreApplication.translate(
            "UserMessage",
            "Parts 1–{last} of this thread are already on {network} ({url}), so their words can no "
            "longer change. Post the rest as written, or start a new post with the new words.",
        )
    return sentence.format(last=_number(last), network=network, url=details["url"])


def user_message(error: BaseException) -> str:
    """What to tell the person about `error`, in their language when its code is known."""
    if isinstance(error, UserError) and error.code in _SENTENCES:
        try:
            return _SENTENCES[error.code](error.details)
        except (KeyError, IndexError, ValueError):  # details missing: the English message still says it
            pass
    return str(error)


def stored_reason(publication: Publication, routine: Routine) -> str:
    """Why a post waits for a decision (or was put back), as the queue shows it: in the person's
    language when the store kept what the reason is about, else the reason as it was written."""
    reason = publication.reason or ""
    code = publication.reason_code
    if not code:
        return reason
    network = publication.network.display_name
    if code == "auth":
        # The sign-in is gone, expired or refused: whatever the network said, the fix is the same.
        return QCoreApplication.translate(
            "UserMessage", "{network} needs you to sign in again: connect it in Settings → Accounts."
        ).format(network=network)
    if publication.scheduled_at is None:
        return reason
    when = day_and_time(publication.scheduled_at.astimezone(routine.zone))
    quiet = quiet_window(routine.quiet_hours)
    sentences = {
        "missed-asleep": QCoreApplication.translate(
            "UserMessage", "Its moment ({when}) went by while somedesk was not running or the computer slept."
        ),
        "missed-quiet": QCoreApplication.translate(
            "UserMessage", "Its moment ({when}) was in your quiet hours ({quiet})."
        ),
        "missed-asleep-then-quiet": QCoreApplication.translate(
            "UserMessage",
            "Its moment ({when}) went by while somedesk was not running or the computer slept, "
            "and then your quiet hours ({quiet}) began.",
        ),
        "missed-unanswered": QCoreApplication.translate(
            "UserMessage", "Its moment ({when}) went by: you did not answer its reminder."
        ),
        "missed-paused": QCoreApplication.translate(
            "UserMessage", "Its moment ({when}) went by while publishing was paused."
        ),
        "rate-limited": QCoreApplication.translate(
            "UserMessage", "{network} asked us to wait: it goes out at {when}."
        ),
    }
    sentence = sentences.get(code)
    return sentence.format(when=when, quiet=quiet, network=network) if sentence else reason
