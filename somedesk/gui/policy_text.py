"""The policy's built-in messages in the person's language.

`core/policy.py` keeps its messages in English (the command line's and the log's language); a finding
of a built-in rule carries its code ("builtin.personal_id"), so the window says it again through tr().
A rule from the organisation's own policy file is shown as the organisation wrote it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from somedesk.core.policy import Finding


def _builtin_messages() -> dict[str, str]:
    return {
        "builtin.email": QCoreApplication.translate(
            "PolicyText", "An e-mail address: share one only if its owner agreed"
        ),
        "builtin.phone": QCoreApplication.translate(
            "PolicyText", "A phone number: share one only if its owner agreed"
        ),
        "builtin.personal_id": QCoreApplication.translate(
            "PolicyText", "A Finnish personal identity code: never share one"
        ),
        "builtin.iban": QCoreApplication.translate(
            "PolicyText", "A bank account number (IBAN): never share one in a post"
        ),
        "builtin.confidential": QCoreApplication.translate(
            "PolicyText", "Marked confidential or internal: share it only if it may be public"
        ),
    }


def finding_message(finding: Finding) -> str:
    """The finding's message, translated when it is one of the built-in rules'."""
    return rule_message(finding.rule, finding.message)


def rule_message(rule: str, message: str) -> str:
    """A rule's message, translated when the rule is a built-in one (`message` is its English)."""
    return _builtin_messages().get(rule, message)
