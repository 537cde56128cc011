"""Keeps OAuth secrets out of the logs, whatever level the app or a test logs at."""

from __future__ import annotations

import logging


class _NoDebugRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


def keep_oauth_library_logs_quiet() -> None:
    """Drop requests-oauthlib's DEBUG records where they are made.

    They hold token request bodies (client secret, code, code_verifier) and the tokens received.
    Its warnings still pass. (urllib3 logs method, path and status: the OAuth and API paths carry
    no secret; private calendar links do, and calendars.py blanks them while it fetches.)
    """
    logger = logging.getLogger("requests_oauthlib.oauth2_session")
    if not any(isinstance(f, _NoDebugRecords) for f in logger.filters):
        logger.addFilter(_NoDebugRecords())
