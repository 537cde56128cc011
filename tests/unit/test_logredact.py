"""The log file never shows a secret, even one a library put into a message."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from somedesk.desktop.logredact import RedactingFilter, redact


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("Authorization: Bearer abc.def-ghi_123", "abc.def-ghi_123"),
        ("headers={'Authorization': 'Bearer tok3nValue99'}", "tok3nValue99"),
        ("POST /token grant_type=refresh_token&refresh_token=r3fr3sh&client_id=x", "r3fr3sh"),
        ('{"access_token": "AQX-secret-1", "expires_in": 5184000}', "AQX-secret-1"),
        ("GET /callback?code=c0de42&state=xyz", "c0de42"),
        ("client_secret=s3cr3t code_verifier=v3rifier", "s3cr3t"),
        ("client_secret=s3cr3t code_verifier=v3rifier", "v3rifier"),
    ],
)
def test_secrets_are_blanked(line: str, secret: str):
    cleaned = redact(line)
    assert secret not in cleaned and "[redacted]" in cleaned


def test_ordinary_text_is_left_alone():
    line = "publication 4 published on LinkedIn: https://www.linkedin.com/feed/update/urn:li:share:1/"
    assert redact(line) == line


def test_the_filter_cleans_arguments_and_tracebacks(tmp_path: Path):
    logger = logging.getLogger("somedesk.test-redaction")
    handler = logging.FileHandler(tmp_path / "log.txt", encoding="utf-8")
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    try:
        logger.warning("token answer %s", {"access_token": "leak-me-1"})
        try:
            raise RuntimeError("refresh_token=leak-me-2")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = (tmp_path / "log.txt").read_text(encoding="utf-8")
    assert "leak-me" not in text
    assert (
        "token answer {'access_token': '[redacted]'}" in text
        and "RuntimeError: refresh_token=[redacted]" in text
    )


def test_an_ntfy_access_token_is_blanked_wherever_it_appears() -> None:
    from somedesk.desktop.logredact import redact

    line = "phone: tried tk_AgQdq7mVBoFD37zQVN29RhuMzNIz9 on https://ntfy.example"
    assert redact(line) == "phone: tried [redacted] on https://ntfy.example"
    assert redact("stk_notatoken") == "stk_notatoken"
