"""A last line of defence for the log file: secrets that slip into a message are blanked.

The code never logs a token on purpose; this filter catches what a library or a future change
might: bearer tokens, OAuth parameters in URLs, bodies and JSON.
"""

from __future__ import annotations

import logging
import re

_PATTERNS = (
    re.compile(r"(?i)(authorization:?\s*(?:bearer|basic)\s+)[^\s'\",]+"),
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*"),
    re.compile(
        r"(?i)([\"']?(?:access_token|refresh_token|id_token|client_secret|code_verifier|code)[\"']?"
        r"\s*[=:]\s*[\"']?)[^&\s'\",}]+"
    ),
    re.compile(r"()(?<![A-Za-z0-9_])tk_[A-Za-z0-9]{16,}"),  # an ntfy access token, wherever it appears
)


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(r"\1[redacted]", text)
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
