"""A last line of defence for the log file: secrets and personal data that slip into a message are
blanked.

The code never logs a token, a webhook address or a policy finding's text on purpose (findings are
logged by rule and position); this filter catches what a library or a future change might: bearer
tokens, OAuth parameters in URLs, bodies and JSON, passwords in URLs, webhook and push addresses
(anyone holding one can post to the channel), Finnish personal identity codes and e-mail addresses.

Every key is matched as a whole word: "status code: 503" is not an OAuth code, and stays.
"""

from __future__ import annotations

import logging
import re

_REDACTED = "[redacted]"
# What a secret value runs to: up to the end of its URL parameter, quoted string or JSON value.
_VALUE = r"[^&\s'\",}]+"
_SECRET_KEYS = (
    "access_token|refresh_token|id_token|oauth_token|oauth_token_secret|oauth_verifier|client_secret|"
    "code_verifier|password|passwd|api_key|apikey|secret|token|auth|sig|signature"
)

_PATTERNS = (
    re.compile(r"(?i)\b(authorization:?\s*(?:bearer|basic)\s+)[^\s'\",]+"),
    re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*"),
    re.compile(rf"(?i)(?<![\w-])([\"']?(?:{_SECRET_KEYS})[\"']?\s*[=:]\s*[\"']?){_VALUE}"),
    # An OAuth code only as a URL or form parameter or a quoted JSON string; a number after "code:"
    # ("status code: 503", an API's "code": 89) is an error code, and says what went wrong.
    re.compile(rf"(?i)(?<![\w-])(code=){_VALUE}"),
    re.compile(r"(?i)([\"']code[\"']\s*:\s*[\"'])[^'\"]+"),
    # Addresses that are themselves the secret: whoever has one can post with it.
    re.compile(r"(?i)(hooks\.slack(?:-gov)?\.com/)[^\s'\"<>]+"),
    re.compile(r"(?i)((?:discord(?:app)?\.com|discord\.gg)/api/webhooks/)[^\s'\"<>]+"),
    re.compile(r"(?i)(\.webhook\.office\.com/)[^\s'\"<>]+"),
    # ntfy.sh/<topic>, ntfy.example.com/<topic>. Each pattern may start only where a run of its
    # characters starts (the look-behinds), and its parts cannot overlap: linear on any line, where
    # "\bntfy\.[\w.-]+" took 77 s on "ntfy." * 20,000.
    re.compile(r"(?i)((?<![\w.-])ntfy(?:\.[\w-]+)+(?::\d+)?/)[^\s'\"<>?#]+"),
    re.compile(r"()(?<![A-Za-z0-9_])tk_[A-Za-z0-9]{16,}"),  # an ntfy access token, wherever it appears
    re.compile(r"(?i)((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://)[^\s/@'\"<>:]+:[^\s/@'\"<>]+(?=@)"),  # user:pw@
)
# Personal data, wherever it shows: a Finnish personal identity code has this shape whether or not its
# check character is right (a mistyped one is still someone's), and an e-mail address.
_PERSONAL = (
    re.compile(r"(?<![\w-])\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y](?![\w-])"),
    re.compile(r"(?<![\w.%+~-])[\w.%+~-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])"),
)


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(rf"\1{_REDACTED}", text)
    for pattern in _PERSONAL:
        text = pattern.sub(_REDACTED, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (with its arguments merged in) before a handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.exc_info and record.exc_text is None:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
